/**
 * `supplymatch weights ahp|entropy|critic`: criterion weights a committee can justify, printed
 * with a `--weights id=w,...` string that `match`, `eval`, `allocate` and `sensitivity` take.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { COMMAND_OPTIONS } from './usage.js';
import { ahpWeights, SAATY_CR_THRESHOLD, type AhpResult } from '../analysis/weights/ahp.js';
import { criticWeights, entropyWeights, type ObjectiveWeights } from '../analysis/weights/objective.js';
import { createMatcher } from '../engine/matcher.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import { roundForOutput } from '../format/match.js';
import { UsageError, checkDate, loadDatasetArg, oneDirectory, oneOf, parseWeights } from './shared.js';

const USAGE = `usage: supplymatch weights ahp <matrix.json> [--accept-inconsistent] [--format table|json]
       supplymatch weights entropy|critic <dir> [--as-of YYYY-MM-DD] [--top K] [--weights id=w,...] [--format table|json]
  ahp: weights from pairwise comparisons, {"criteria": [ids], "matrix": [[...]]} or
       {"criteria": [ids], "matrices": [[[...]], ...]} (one matrix per expert, combined by geometric mean);
       judgments on Saaty's 1-9 scale, reciprocals as numbers or texts such as "1/3";
       refused when the consistency ratio is above ${SAATY_CR_THRESHOLD} unless --accept-inconsistent
  entropy, critic: objective weights from the per-criterion scores of the ranked candidates of a match
  every form prints a --weights string for match (criteria left out get 0: they still gate, but add nothing)`;

/** Four decimals: enough to tell weights apart, short enough to paste. */
function short(x: number): string {
  return String(Math.round(x * 1e4) / 1e4);
}

/** The `--weights` text: the given weights, and 0 for every other criterion of the matcher. */
function weightsArgument(weights: Readonly<Record<string, number>>, all: readonly string[]): { text: string; left: string[] } {
  const left = all.filter((id) => weights[id] === undefined);
  const parts = [...Object.entries(weights).map(([id, w]) => `${id}=${short(w)}`), ...left.map((id) => `${id}=0`)];
  return { text: parts.join(','), left };
}

function table(rows: readonly (readonly [string, number])[]): string {
  const width = Math.max(9, ...rows.map(([id]) => id.length));
  return [`${'criterion'.padEnd(width)}  weight`, ...rows.map(([id, w]) => `${id.padEnd(width)}  ${short(w).padStart(6)}`)].join('\n');
}

async function readMatrixFile(file: string): Promise<{ criteria: string[]; matrices: unknown }> {
  const data: unknown = JSON.parse(await readFile(file, 'utf8'));
  const issues: Issue[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SupplymatchError([{ path: '', code: 'invalid_file', message: `${file} holds an object with "criteria" and "matrix" (or "matrices")` }]);
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!['criteria', 'matrix', 'matrices'].includes(key)) issues.push({ path: formatPath([key]), code: 'unknown_key', message: `no field "${key}" (criteria, matrix, matrices)` });
  if (!Array.isArray(record.criteria)) issues.push({ path: 'criteria', code: 'invalid_type', message: 'criteria is a list of criterion ids' });
  if ((record.matrix === undefined) === (record.matrices === undefined)) issues.push({ path: '', code: 'invalid_file', message: 'give either "matrix" (one expert) or "matrices" (several)' });
  if (record.matrices !== undefined && (!Array.isArray(record.matrices) || record.matrices.length === 0)) issues.push({ path: 'matrices', code: 'invalid_type', message: 'matrices is a non-empty list of matrices' });
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
  return { criteria: record.criteria as string[], matrices: record.matrix ?? record.matrices };
}

function printAhp(result: AhpResult, all: readonly string[]): string {
  const { text, left } = weightsArgument(result.weights, all);
  const verdict = result.cr <= SAATY_CR_THRESHOLD ? `<= ${SAATY_CR_THRESHOLD}: consistent` : `> ${SAATY_CR_THRESHOLD}: inconsistent, accepted`;
  return [
    `AHP weights (${result.experts} expert${result.experts === 1 ? '' : 's'}, ${result.criteria.length} criteria, principal eigenvector)`,
    table(result.criteria.map((id, i) => [id, result.vector[i] as number])),
    `lambdaMax ${short(result.lambdaMax)}  CI ${short(result.ci)}  RI ${result.ri}  CR ${short(result.cr)} (${verdict})`,
    ...(left.length > 0 ? [`not compared (0 below): ${left.join(', ')}`] : []),
    `--weights ${text}`,
  ].join('\n');
}

function printObjective(result: ObjectiveWeights, all: readonly string[]): string {
  const { text } = weightsArgument(result.weights, all);
  return [
    `${result.method === 'entropy' ? 'Entropy' : 'CRITIC'} weights over the ranked candidates' scores`,
    table(result.criteria.map((id, j) => [id, result.vector[j] as number])),
    ...(result.skipped.length > 0 ? [`weight 0 (scores cannot tell candidates apart): ${result.skipped.map((s) => `${s.criterion} (${s.reason.replace(/_/g, ' ')})`).join(', ')}`] : []),
    `--weights ${text}`,
  ].join('\n');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? roundForOutput(v) : v), 2)}\n`;
}

/**
 * Runs `supplymatch weights` with its arguments (after the command name); prints to stdout and
 * returns the exit code: 0 done, 2 wrong use. Bad matrices or data throw a `SupplymatchError`,
 * which the CLI's main prints with exit code 2.
 *
 * @example
 * await weightsCommand(['ahp', 'committee.json']); // => 0, printing the weights, CR and a --weights string
 */
export async function weightsCommand(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.weights });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const [method, ...rest] = positionals;
    const format = oneOf('format', values.format, ['table', 'json'], 'table');
    const all = createMatcher().criteria.map((c) => c.id);
    if (method === 'ahp') {
      if (values['as-of'] !== undefined || values.top !== undefined || values.weights !== undefined) throw new UsageError('ahp takes a matrix file, not match options');
      const file = oneDirectory(rest, 'weights ahp');
      const { criteria, matrices } = await readMatrixFile(file);
      const result = ahpWeights(matrices as never, { criteria, known: all, acceptInconsistent: values['accept-inconsistent'] ?? false });
      process.stdout.write(format === 'json' ? json(result) : `${printAhp(result, all)}\n`);
      return 0;
    }
    if (method === 'entropy' || method === 'critic') {
      if (values['accept-inconsistent']) throw new UsageError('--accept-inconsistent is for ahp');
      const dir = oneDirectory(rest, `weights ${method}`);
      const topK = values.top === undefined ? 10 : Number(values.top);
      if (!Number.isInteger(topK) || topK < 1) throw new UsageError('--top is a whole number >= 1');
      const weights = parseWeights(values.weights);
      const asOf = checkDate(values['as-of']);
      const dataset = await loadDatasetArg(dir);
      const matched = createMatcher({ topK, ...(weights ? { weights } : {}), ...(asOf !== undefined ? { asOf } : {}) }).match(dataset);
      const result = method === 'entropy' ? entropyWeights(matched) : criticWeights(matched);
      process.stdout.write(format === 'json' ? json(result) : `${printObjective(result, all)}\n`);
      return 0;
    }
    throw new UsageError(method === undefined ? 'weights needs a method: ahp, entropy or critic' : `no weights method "${method}" (ahp, entropy, critic)`);
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`supplymatch weights: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof SyntaxError) throw new SupplymatchError([{ path: '', code: 'invalid_json', message: e.message }]);
    throw e;
  }
}
