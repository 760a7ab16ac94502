/**
 * The `supplymatch` command. Exit codes: 0 done, 2 bad input (every issue is printed with
 * its path), 1 anything else.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeDataset } from '../analysis/summary.js';
import { SupplymatchError, formatIssues } from '../errors.js';
import { formatSummary } from '../format/summary.js';
import { datasetJsonSchemas } from '../model/json-schema.js';
import { matchParallel, matcherConfigFrom, safeLoadDataset, type SerializableMatcherConfig } from '../node.js';
import { evaluate } from '../analysis/evaluate.js';
import { createMatcher } from '../engine/matcher.js';
import { formatEvaluation } from '../format/evaluation.js';
import { formatMatchTable, matchResultToCsv, serializeResult } from '../format/match.js';
import type { Dataset } from '../model/dataset.js';
import { allocate, type AllocationObjective } from '../allocate/allocate.js';
import { allocationToCsv, formatAllocationTable } from '../format/allocation.js';
import { gapsCommand } from './gaps.js';
import { sensitivityCommand } from './sensitivity.js';
import { REPORT_USAGE, reportCommand } from './report.js';
import { progressReporter } from './progress.js';
import { UsageError, checkDate, loadDatasetArg, oneOf, parseWeights } from './shared.js';

const USAGE = `usage: supplymatch <command> [options]

commands:
  validate <dir> [--as-of YYYY-MM-DD] [--horizon DAYS] [--format csv|json|auto] [--skip-invalid] [--json]
      check a dataset directory and summarize it; exit 2 listing every issue when it is invalid
  match <dir> [--as-of DATE] [--top K] [--weights id=w,...] [--aggregate NAME] [--format table|json|csv]
        [--candidates blocked|all] [--explain N] [--workers N]
      rank, for every demand line, the supplier offerings that qualify, with reasons
      (--workers N: N worker threads besides this one share the lines; the same result)
  eval <dir> [match options] [--k K] [--json]
      compare the ranking with the dataset's truth labels (P@1, P@k, MRR, nDCG@k)
  allocate <dir> [--min-suppliers N] [--max-share P] [--objective score|cost|domestic]
        [--domestic-quota P] [--relax] [--integral] [--format table|json|csv] [match options]
      decide who supplies what and how much, sharing each offering's capacity across buyers
  gaps <dir> [--as-of DATE] [--domestic KR] [--budget funding=3,information=5,...] [--format table|json|csv]
      what each domestic near miss lacks, the support that closes it, and where a budget opens most demand
  sensitivity <dir> [--as-of DATE]
      the range of each criterion weight that keeps every line's top-1, and the fragile lines
  ${REPORT_USAGE}
  schema [--out DIR]
      write the JSON Schemas of the dataset files (to stdout, or one file per dataset file in DIR)
  help
      this text`;


function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      horizon: { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError('validate needs a dataset directory');
  const format = oneOf('format', values.format, ['csv', 'json', 'auto'], 'auto');
  const result = await safeLoadDataset(dir, { format, onInvalid: values['skip-invalid'] ? 'skip' : 'fail' });
  if (!result.success) throw result.error;
  const horizonDays = values.horizon === undefined ? 180 : Number(values.horizon);
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new UsageError('--horizon is a whole number of days');
  const asOf = checkDate(values['as-of']) ?? result.data.meta.asOf ?? today();
  const summary = summarizeDataset(result.data, { asOf, horizonDays });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ summary, skipped: result.skipped }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${formatSummary(summary)}\n`);
  if (result.skipped.length > 0) {
    process.stdout.write(`\nSkipped ${result.skipped.length} invalid record(s):\n`);
    for (const s of result.skipped) process.stdout.write(`- ${s.path}${s.id ? ` (${s.id})` : ''}\n${formatIssues(s.issues).replace(/^/gm, '    ')}\n`);
  }
  return 0;
}

async function schema(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
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

const MATCH_OPTIONS = {
  'as-of': { type: 'string' },
  top: { type: 'string' },
  weights: { type: 'string' },
  aggregate: { type: 'string' },
  candidates: { type: 'string' },
} as const;

type MatchOptionValues = { top?: string | undefined; weights?: string | undefined; aggregate?: string | undefined; candidates?: string | undefined; 'as-of'?: string | undefined };

/** The matcher configuration the match options stand for, as plain data (built-in criteria), so that it can cross to worker threads. */
function matcherConfigOf(values: MatchOptionValues): SerializableMatcherConfig {
  const topK = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(topK) || topK < 1) throw new UsageError('--top is a whole number >= 1');
  const candidates = values.candidates ?? 'blocked';
  if (candidates !== 'blocked' && candidates !== 'all') throw new UsageError('--candidates is blocked or all');
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
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MATCH_OPTIONS, format: { type: 'string' }, explain: { type: 'string' }, workers: { type: 'string' } },
  });
  const workers = values.workers === undefined ? 0 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers is a whole number >= 0');
  const dir = positionals[0];
  // Refuses a missing directory, and reports bad data before any thread starts.
  const dataset = await loadDatasetArg(dir);
  const config = matcherConfigOf(values);
  const matcher = createMatcher(matcherConfigFrom(config));
  const format = values.format ?? 'table';
  // A progress bar on stderr for long runs on a terminal; silent otherwise.
  const lineCount = dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0);
  const onProgress = progressReporter(process.stderr, lineCount, 'matching');
  const progress = onProgress === undefined ? {} : { onProgress };
  // With --workers, worker threads and this one share the lines (the same result, see matchParallel).
  const result = workers > 0 ? await matchParallel(dir as string, config, { workers, ...progress }) : matcher.match(dataset, progress);
  if (format === 'json') process.stdout.write(serializeResult(result));
  else if (format === 'csv') process.stdout.write(matchResultToCsv(result));
  else if (format === 'table') {
    const explainTop = values.explain === undefined ? 1 : Number(values.explain);
    if (!Number.isInteger(explainTop) || explainTop < 0) throw new UsageError('--explain is a whole number >= 0');
    process.stdout.write(`${formatMatchTable(result, { dataset, explainTop })}\n`);
  } else throw new UsageError(`--format is table, json or csv, not "${format}"`);
  return 0;
}

async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MATCH_OPTIONS, k: { type: 'string' }, json: { type: 'boolean' } },
  });
  const dataset = await loadDatasetArg(positionals[0]);
  if (!dataset.truth || dataset.truth.length === 0) throw new UsageError('the dataset has no truth labels (truth.json) to evaluate against');
  const k = values.k === undefined ? 5 : Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new UsageError('--k is a whole number >= 1');
  const result = matcherFrom({ ...values, top: values.top ?? String(Math.max(10, k)) }).match(dataset);
  const evaluation = evaluate(result, dataset.truth, { k });
  if (values.json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
  else process.stdout.write(`${formatEvaluation(evaluation)}\n`);
  return 0;
}

async function allocateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...MATCH_OPTIONS,
      'min-suppliers': { type: 'string' },
      'max-share': { type: 'string' },
      objective: { type: 'string' },
      'domestic-quota': { type: 'string' },
      relax: { type: 'boolean' },
      integral: { type: 'boolean' },
      format: { type: 'string' },
    },
  });
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
  // Every qualified candidate must reach the solver, so the ranking is not cut short.
  const result = matcherFrom({ ...values, top: values.top ?? '1000' }).match(dataset);
  const plan = await allocate(result, dataset, {
    objective: objective as AllocationObjective,
    ...(minSuppliers !== undefined ? { minSuppliers } : {}),
    ...(maxShare !== undefined ? { maxShare } : {}),
    ...(quota !== undefined ? { quotas: [{ domesticShare: quota }] } : {}),
    relax: values.relax ?? false,
    integral: values.integral ?? false,
  });
  const format = values.format ?? 'table';
  if (format === 'json') process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(allocationToCsv(plan));
  else if (format === 'table') process.stdout.write(`${formatAllocationTable(plan)}\n`);
  else throw new UsageError(`--format is table, json or csv, not "${format}"`);
  return plan.status === 'infeasible' ? 3 : 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  validate,
  schema,
  match,
  eval: evalCommand,
  allocate: allocateCommand,
  gaps: gapsCommand,
  sensitivity: sensitivityCommand,
  report: reportCommand,
};

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest);
  } catch (e) {
    if (e instanceof SupplymatchError) {
      process.stderr.write(`${e.issues.length} issue(s):\n${formatIssues(e.issues)}\n`);
      return 2;
    }
    // node:util's parseArgs reports bad usage with ERR_PARSE_ARGS_* codes (an unknown option, a missing or dash-led value).
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))) {
      process.stderr.write(`supplymatch: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`supplymatch: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
