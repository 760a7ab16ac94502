/**
 * The commands of `supplymatch`, loaded by `./cli.ts` once the command line has been checked.
 * Exit codes: 0 done, 2 bad input (every issue is printed with its path) or wrong usage,
 * 3 allocate could not hold some lines' constraints (the rest is planned), 4 a time or node
 * limit ended an allocation solve without a proven plan, 1 anything else.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeDataset } from '../analysis/summary.js';
import { SupplymatchError, formatIssues, type Issue } from '../errors.js';
import { formatSummary } from '../format/summary.js';
import { datasetJsonSchemas } from '../model/json-schema.js';
import { MAX_WORKERS, matchParallel, matcherConfigFrom, safeLoadDataset, type SerializableMatcherConfig } from '../node.js';
import { decisionLabels } from '../analysis/decision-labels.js';
import { evaluate } from '../analysis/evaluate.js';
import { createMatcher } from '../engine/matcher.js';
import { formatEvaluation } from '../format/evaluation.js';
import { formatMatchTable, matchResultToCsv, serializeResult } from '../format/match.js';
import type { Dataset } from '../model/dataset.js';
import { allocate, type AllocationObjective } from '../allocate/allocate.js';
import { loadHighs } from '../allocate/lp.js';
import { allocationToCsv, formatAllocationTable } from '../format/allocation.js';
import { gapsCommand } from './gaps.js';
import { sensitivityCommand } from './sensitivity.js';
import { weightsCommand } from './weights.js';
import { directoryCommand } from './directory.js';
import { reportCommand } from './report.js';
import { progressReporter } from '../progress.js';
import { UsageError, asOfFor, checkDate, loadDatasetArg, loadDatasetSkipping, oneOf, outputFormat, parseWeights, wholeNumber } from './shared.js';
import { COMMAND_OPTIONS, MATCH_OPTIONS, commandUsage, isCommand } from './usage.js';

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.validate });
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError('validate needs a dataset directory');
  if (values.format === 'csv' || values.format === 'auto')
    throw new UsageError(`--format says how to print the result (table or json); the dataset's files are chosen with --layout ${values.format}`);
  const output = outputFormat(values.format, values.json, ['table', 'json']);
  const layout = oneOf('layout', values.layout, ['csv', 'json', 'auto'], 'auto');
  const horizonDays = wholeNumber(values.horizon, 'horizon', 180, 0, 36_500);
  const asOfOption = checkDate(values['as-of']);
  const result = await safeLoadDataset(dir, { format: layout, onInvalid: values['skip-invalid'] ? 'skip' : 'fail' });
  if (!result.success) {
    if (output !== 'json') throw result.error;
    // An application reads the issues from stdout; the exit code still says the data are bad.
    process.stdout.write(`${JSON.stringify({ valid: false, issues: result.error.issues }, null, 2)}\n`);
    return 2;
  }
  const asOf = asOfFor(asOfOption, result.data);
  const summary = summarizeDataset(result.data, { asOf, horizonDays, lineCategories: resolvedLineCategories(result.data) });
  if (output === 'json') {
    process.stdout.write(`${JSON.stringify({ valid: true, summary, skipped: result.skipped }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${formatSummary(summary)}\n`);
  if (result.skipped.length > 0) process.stdout.write(`\n${formatSkipped(result.skipped)}`);
  return 0;
}

/** The category each demand line resolves to, as the matcher resolves it (none for an ambiguous line). */
function resolvedLineCategories(dataset: Dataset): Map<string, string> {
  const categories = new Map<string, string>();
  for (const { line, resolution } of createMatcher().prepare(dataset).lines) {
    const category = resolution.ambiguous ? undefined : resolution.categories[0]?.category;
    if (category !== undefined) categories.set(line.id, category);
  }
  return categories;
}

/** The records left out with --skip-invalid, each with its issues. */
function formatSkipped(skipped: readonly { path: string; id?: string | undefined; issues: readonly Issue[] }[]): string {
  const lines = [`Skipped ${skipped.length} invalid record(s):`];
  for (const s of skipped) lines.push(`- ${s.path}${s.id ? ` (${s.id})` : ''}`, formatIssues(s.issues).replace(/^/gm, '    '));
  return `${lines.join('\n')}\n`;
}

async function schema(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: COMMAND_OPTIONS.schema });
  const schemas = datasetJsonSchemas();
  if (values.out === undefined) {
    process.stdout.write(`${JSON.stringify(schemas, null, 2)}\n`);
    return 0;
  }
  await mkdir(values.out, { recursive: true });
  for (const [name, s] of Object.entries(schemas)) {
    await writeFile(join(values.out, `${name}.schema.json`), `${JSON.stringify(s, null, 2)}\n`);
  }
  process.stderr.write(`wrote ${Object.keys(schemas).length} schemas to ${values.out}\n`);
  return 0;
}

type MatchOptionValues = { top?: string | undefined; weights?: string | undefined; aggregate?: string | undefined; candidates?: string | undefined; 'as-of'?: string | undefined; 'skip-invalid'?: boolean | undefined };

/** The matcher configuration the match options stand for, as plain data (built-in criteria), so that it can cross to worker threads. */
function matcherConfigOf(values: MatchOptionValues): SerializableMatcherConfig {
  const topK = wholeNumber(values.top, 'top', 10, 1);
  const candidates = oneOf('candidates', values.candidates, ['blocked', 'all'], 'blocked');
  const weights = parseWeights(values.weights);
  const asOf = checkDate(values['as-of']);
  return {
    topK,
    candidates,
    ...(weights ? { weights } : {}),
    ...(values.aggregate !== undefined ? { aggregate: values.aggregate } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
  };
}

function matcherFrom(values: MatchOptionValues) {
  return createMatcher(matcherConfigFrom(matcherConfigOf(values)));
}

async function match(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.match });
  const workers = wholeNumber(values.workers, 'workers', 0, 0, MAX_WORKERS);
  const format = outputFormat(values.format, undefined, ['table', 'json', 'csv']);
  const explainTop = wholeNumber(values.explain, 'explain', 1, 0);
  // Each worker reads the directory itself, so it could not leave out the same records.
  if (workers > 0 && values['skip-invalid']) throw new UsageError('--workers cannot be combined with --skip-invalid: fix or remove the invalid records first');
  const dir = positionals[0];
  const config = matcherConfigOf(values);
  // Refuses a missing directory, and reports bad data before any thread starts.
  const { dataset, skipped } = await loadDatasetSkipping(dir, values['skip-invalid'] === true);
  const matcher = createMatcher(matcherConfigFrom(config));
  // A progress bar on stderr for long runs on a terminal; silent otherwise.
  const lineCount = dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0);
  const onProgress = progressReporter(process.stderr, lineCount, 'matching');
  const progress = onProgress === undefined ? {} : { onProgress };
  // With --workers, worker threads and this one share the lines (the same result, see matchParallel).
  const result = workers > 0 ? await matchParallel(dir as string, config, { workers, ...progress }) : matcher.match(dataset, progress);
  if (format === 'json') process.stdout.write(serializeResult(result));
  else if (format === 'csv') process.stdout.write(matchResultToCsv(result));
  else process.stdout.write(`${formatMatchTable(result, { dataset, explainTop })}\n`);
  // The result goes to stdout; what was left out is said on stderr, so that piped data stay clean.
  if (skipped.length > 0) process.stderr.write(formatSkipped(skipped));
  return 0;
}

async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.eval });
  const format = outputFormat(values.format, values.json, ['table', 'json']);
  const k = wholeNumber(values.k, 'k', 5, 1);
  const matcher = matcherFrom({ ...values, top: values.top ?? String(Math.max(10, k)) });
  const labelSource = oneOf('labels', values.labels, ['truth', 'decisions'], 'truth');
  const { dataset, skipped } = await loadDatasetSkipping(positionals[0], values['skip-invalid'] === true);
  const truth = dataset.truth ?? [];
  const decisions = dataset.decisions ?? [];
  if (labelSource === 'truth' && truth.length === 0) throw new UsageError('the dataset has no truth labels (truth.json) to evaluate against');
  if (labelSource === 'decisions' && decisions.length === 0) throw new UsageError('the dataset has no decisions (decisions.json) to evaluate against');
  const result = matcher.match(dataset);
  const evaluation = evaluate(result, labelSource === 'truth' ? truth : decisionLabels(result, decisions), { k });
  if (format === 'json') process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
  else process.stdout.write(`${formatEvaluation(evaluation, { labels: labelSource === 'truth' ? 'the truth' : 'the decisions' })}\n`);
  if (skipped.length > 0) process.stderr.write(formatSkipped(skipped));
  return 0;
}

async function allocateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.allocate });
  // HiGHS loads while the data set is read (its file is read and its WebAssembly checked off the
  // main thread). A command that fails before the allocation never awaits it.
  const solver = loadHighs();
  solver.catch(() => undefined);
  const dataset = await loadDatasetArg(positionals[0]);
  const number = (text: string | undefined, name: string): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} is a number, not "${text}"`);
    return n;
  };
  const objective = values.objective ?? 'score';
  if (objective !== 'score' && objective !== 'cost' && objective !== 'domestic') throw new UsageError('--objective is score, cost or domestic');
  const minSuppliers = number(values['min-suppliers'], 'min-suppliers');
  const maxShare = number(values['max-share'], 'max-share');
  const quota = number(values['domestic-quota'], 'domestic-quota');
  const maxNodes = number(values['max-nodes'], 'max-nodes');
  const timeLimitSeconds = number(values['time-limit'], 'time-limit');
  // Every qualified candidate must reach the solver, so the ranking is not cut short.
  // Progress bars on stderr for long runs on a terminal (lines matched, then components solved); silent otherwise.
  const lineCount = dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0);
  const matching = progressReporter(process.stderr, lineCount, 'matching');
  const result = matcherFrom({ ...values, top: values.top ?? '1000' }).match(dataset, matching === undefined ? {} : { onProgress: matching });
  const solving = progressReporter(process.stderr, 1, 'allocating');
  const plan = await allocate(result, dataset, {
    highs: await solver,
    ...(solving !== undefined ? { onProgress: solving } : {}),
    objective: objective as AllocationObjective,
    ...(minSuppliers !== undefined ? { minSuppliers } : {}),
    ...(maxShare !== undefined ? { maxShare } : {}),
    ...(quota !== undefined ? { quotas: [{ domesticShare: quota }] } : {}),
    ...(maxNodes !== undefined ? { maxNodes } : {}),
    ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
    relax: values.relax ?? false,
    integral: values.integral ?? false,
  });
  const format = values.format ?? 'table';
  if (format === 'json') process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(allocationToCsv(plan));
  else if (format === 'table') process.stdout.write(`${formatAllocationTable(plan)}\n`);
  else throw new UsageError(`--format is table, json or csv, not "${format}"`);
  return plan.status === 'infeasible' ? 3 : plan.status === 'time_limit' || plan.status === 'work_limit' ? 4 : 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  validate,
  schema,
  match,
  eval: evalCommand,
  allocate: allocateCommand,
  gaps: gapsCommand,
  sensitivity: sensitivityCommand,
  weights: weightsCommand,
  directory: directoryCommand,
  report: reportCommand,
};

/**
 * Runs one command of the CLI (`argv` without node and script, the command first) and returns
 * the exit code; `runCli` in `./cli.ts` checks the command line first and is what the
 * executable calls.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  const known = command !== undefined && isCommand(command) ? command : undefined;
  try {
    if (!run) throw new UsageError(`unknown command "${command ?? ''}"`);
    return await run(rest);
  } catch (e) {
    if (e instanceof SupplymatchError) {
      process.stderr.write(`${e.issues.length} issue(s):\n${formatIssues(e.issues)}\n`);
      return 2;
    }
    // node:util's parseArgs reports bad usage with ERR_PARSE_ARGS_* codes; ./cli.ts words most of them first.
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))) {
      process.stderr.write(`supplymatch${known ? ` ${known}` : ''}: ${(e as Error).message}\n${known ? `\n${commandUsage(known)}\n` : ''}`);
      return 2;
    }
    process.stderr.write(`supplymatch: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
