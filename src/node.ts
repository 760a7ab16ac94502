/**
 * Node-only entry point (`supplymatch/node`): reading datasets from disk, and the CSV layout
 * (its parser, csv-parse, needs Node's `Buffer`). Kept apart from the core so that the core
 * runs in browsers and Deno without Node built-ins.
 */
import { constants } from 'node:fs';
import { open, readFile, readdir, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { BUILT_IN_CRITERIA, type BuiltInCriterionId } from './criteria/defaults.js';
import { keptLines, type KeptRows } from './engine/kept.js';
import { openRun, type CriterionEntry, type MatchOptions, type MatcherConfig } from './engine/matcher.js';
import { createMatcher as displayedMatcher } from './notebook/displayed.js';
import type { LineResult, MatchResult } from './engine/result.js';
import type { DatasetInput } from './model/dataset.js';
import { datasetFromCsv, CSV_FILES } from './dataset/csv.js';
import { parseDataset, safeParseDataset, safeParseOwnedJson, type ParseDatasetOptions, type ParseDatasetResult } from './dataset/parse.js';
import { SupplymatchError, type Issue } from './errors.js';
import { oneOfIssue, optionKeyIssues } from './options.js';

export { datasetFromCsv, datasetToCsv, CSV_FILES, type CsvDataset } from './dataset/csv.js';
export { progressReporter, type ProgressReporterOptions } from './progress.js';


/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions extends ParseDatasetOptions {
  /** `json`: `items.json`, `suppliers.json`, `buyers.json`, `truth.json`, `decisions.json` (and `categories.json`, `extra-categories.json` when present, in either layout); `csv`: the CSV layout; `auto` (default): JSON when `items.json` exists, else CSV. */
  readonly format?: 'auto' | 'json' | 'csv';
}

/** The largest file read, so that a wrong path cannot exhaust memory. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** The JSON files of a dataset directory, by the dataset field each one fills. */
const JSON_FILES = [
  ['items', 'items.json'],
  ['suppliers', 'suppliers.json'],
  ['buyers', 'buyers.json'],
  ['truth', 'truth.json'],
  ['decisions', 'decisions.json'],
  ['categories', 'categories.json'],
  ['extraCategories', 'extra-categories.json'],
] as const;
/** The JSON files that a dataset kept in the CSV layout may have beside its CSV files. */
const SIDE_JSON_FILES = JSON_FILES.filter(([name]) => name === 'categories' || name === 'extraCategories');

type ReadResult = { readonly text: string } | { readonly issue: Issue } | undefined;

async function readText(dir: string, name: string): Promise<ReadResult> {
  let bytes: Buffer;
  let handle: FileHandle | undefined;
  try {
    // Opened without blocking and checked before reading: a FIFO or a device in place of a
    // dataset file would otherwise wait for a writer forever, or never end.
    handle = await open(join(dir, name), constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) return { issue: { path: name, code: 'not_a_file', message: `${name} is not a regular file` } };
    if (info.size > MAX_FILE_BYTES) return { issue: { path: name, code: 'file_too_large', message: `${name} is over ${MAX_FILE_BYTES} bytes` } };
    bytes = await handle.readFile();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { issue: { path: name, code: 'read_failed', message: `cannot read ${name}: ${(e as Error).message}` } };
  } finally {
    await handle?.close();
  }
  if (bytes.length > MAX_FILE_BYTES)
    return { issue: { path: name, code: 'file_too_large', message: `${name} is over ${MAX_FILE_BYTES} bytes` } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    const at = firstBadUtf8(bytes);
    return { issue: { path: name, code: 'invalid_encoding', message: `${name} is not UTF-8 (first bad byte at offset ${at})` } };
  }
}

function firstBadUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection: decoding is all-or-nothing.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function parseJsonFile(name: string, text: string): { value?: unknown; issue?: Issue } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { issue: { path: name, code: 'json_syntax', message: `${name}: ${(e as Error).message}` } };
  }
}

/**
 * Reads a dataset directory (JSON files or the CSV layout, plus an optional `meta.json`) and
 * validates it like {@link safeParseDataset}. Issues of a CSV dataset name the row they came
 * from (`offerings.csv:12`) besides the record path. Never throws for bad data.
 *
 * @example
 * const r = await safeLoadDataset('fixtures/incheon-bio');
 * if (r.success) console.log(r.data.suppliers.length); // => 84
 */
export async function safeLoadDataset(dir: string, options?: LoadDatasetOptions): Promise<ParseDatasetResult> {
  const fail = (issues: Issue[]): ParseDatasetResult => {
    const [first, ...rest] = issues;
    return {
      success: false,
      error: new SupplymatchError(first ? [first, ...rest] : [{ path: String(dir), code: 'invalid', message: 'invalid dataset' }]),
    };
  };
  const optionIssues = [...optionKeyIssues(options, ['format', 'onInvalid'], 'loadDataset')];
  if (optionIssues.length === 0) {
    for (const issue of [oneOfIssue(options?.format, ['auto', 'json', 'csv'], 'format'), oneOfIssue(options?.onInvalid, ['fail', 'skip'], 'onInvalid')]) if (issue) optionIssues.push(issue);
  }
  if (typeof dir !== 'string') optionIssues.unshift({ path: 'dir', code: 'invalid_input', message: `loadDataset needs a directory path, not ${dir === null ? 'null' : typeof dir}` });
  if (optionIssues.length > 0) return fail(optionIssues);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    return fail([{ path: dir, code: 'read_failed', message: `cannot read the directory ${dir}: ${(e as Error).message}` }]);
  }
  const format = options?.format ?? 'auto';
  const useJson = format === 'json' || (format === 'auto' && entries.includes('items.json'));
  if (format === 'auto' && !useJson && !entries.includes('items.csv'))
    return fail([{ path: dir, code: 'no_dataset', message: `${dir} holds neither items.json nor items.csv` }]);

  const issues: Issue[] = [];
  const input: Record<string, unknown> = {};
  const meta = await readText(dir, 'meta.json');
  if (meta && 'issue' in meta) issues.push(meta.issue);
  else if (meta) {
    const parsed = parseJsonFile('meta.json', meta.text);
    if (parsed.issue) issues.push(parsed.issue);
    else input.meta = parsed.value;
  }

  let origins: Readonly<Record<string, string>> = {};
  for (const [name, file] of useJson ? JSON_FILES : SIDE_JSON_FILES) {
    const read = await readText(dir, file);
    if (read === undefined) {
      if (name === 'items' || name === 'suppliers' || name === 'buyers')
        issues.push({ path: file, code: 'missing_file', message: `${file} is missing from ${dir}` });
      continue;
    }
    if ('issue' in read) {
      issues.push(read.issue);
      continue;
    }
    const parsed = parseJsonFile(file, read.text);
    if (parsed.issue) issues.push(parsed.issue);
    else input[name] = parsed.value;
  }
  if (!useJson) {
    const files: Record<string, string> = {};
    for (const name of CSV_FILES) {
      const read = await readText(dir, name);
      if (read === undefined) continue;
      if ('issue' in read) issues.push(read.issue);
      else files[name] = read.text;
    }
    const csv = datasetFromCsv(files);
    issues.push(...csv.issues);
    Object.assign(input, csv.input);
    origins = csv.origins;
  }
  if (issues.length > 0) return fail(issues);

  // The JSON values were made here and go nowhere else, so they need not be copied before validation.
  const parseOptions: ParseDatasetOptions = options?.onInvalid === undefined ? {} : { onInvalid: options.onInvalid };
  const result = useJson ? safeParseOwnedJson(input, parseOptions) : safeParseDataset(input, parseOptions);
  if (result.success) {
    if (Object.keys(origins).length === 0) return result;
    return { ...result, skipped: result.skipped.map((s) => ({ ...s, issues: s.issues.map((i) => withOrigin(i, origins)) })) };
  }
  if (Object.keys(origins).length === 0) return result;
  const [first, ...rest] = result.error.issues.map((i) => withOrigin(i, origins));
  return first ? { success: false, error: new SupplymatchError([first, ...rest], result.error.message) } : result;
}

/**
 * Reads and validates a dataset directory; throws a `SupplymatchError` listing every issue.
 *
 * @example
 * const dataset = await loadDataset('fixtures/incheon-bio');
 */
export async function loadDataset(dir: string, options?: LoadDatasetOptions) {
  const r = await safeLoadDataset(dir, options);
  if (!r.success) throw r.error;
  return r.data;
}

/** Adds the CSV row a record came from to an issue's message. */
function withOrigin(issue: Issue, origins: Readonly<Record<string, string>>): Issue {
  let path = issue.path;
  for (;;) {
    const origin = origins[path];
    if (origin !== undefined) return { ...issue, message: `${issue.message} (${origin})` };
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return issue;
    path = path.slice(0, cut);
  }
}

// ---------------------------------------------------------------------------------------------
// Parallel matching on worker threads

/**
 * A matcher configuration that can cross to a worker thread: criteria are code, so they are
 * named here by the id of a built-in criterion (`itemFit`, `specFit`, `certification`,
 * `capacity`, `leadTime`, `locality`, `price`, `readiness`, `expression`, `decision`) with plain options and
 * a weight, and the aggregator by name. Custom criteria and aggregator objects cannot be sent to
 * a worker; run those with `createMatcher` on one thread (or shard lines yourself, see
 * {@link matchParallel}).
 *
 * @example
 * const config: SerializableMatcherConfig = { topK: 5, weights: { price: 2 },
 *   criteria: ['itemFit', 'specFit', { criterion: 'capacity', options: { minShare: 0.5 } }] };
 */
export interface SerializableMatcherConfig extends Omit<MatcherConfig, 'criteria' | 'aggregate'> {
  /** Built-in criteria by id, in order; default the defaults. */
  readonly criteria?: readonly (BuiltInCriterionId | { readonly criterion: BuiltInCriterionId; readonly options?: Readonly<Record<string, unknown>>; readonly weight?: number })[];
  /** An aggregator name (`weightedSum`, `weightedProduct`, `topsis`, `topsis-linear`). */
  readonly aggregate?: string;
}

/**
 * Ids of the built-in criteria, as {@link SerializableMatcherConfig} names them.
 *
 * @example
 * const id: BuiltInCriterionId = 'capacity';
 */
export type { BuiltInCriterionId };

/**
 * The {@link MatcherConfig} a {@link SerializableMatcherConfig} stands for; an unknown criterion
 * id is an issue like any invalid option.
 *
 * @example
 * createMatcher(matcherConfigFrom({ criteria: ['itemFit', 'price'], topK: 3 }));
 */
export function matcherConfigFrom(config: SerializableMatcherConfig = {}): MatcherConfig {
  const { criteria, ...rest } = config;
  if (criteria === undefined) return rest;
  const issues: Issue[] = [];
  const entries: CriterionEntry[] = [];
  criteria.forEach((c, i) => {
    const id = typeof c === 'string' ? c : c.criterion;
    const criterion = Object.hasOwn(BUILT_IN_CRITERIA, id) ? BUILT_IN_CRITERIA[id].criterion : undefined;
    if (criterion === undefined) {
      issues.push({ path: `criteria[${i}]`, code: 'unknown_criterion', message: `no built-in criterion "${String(id)}" (${Object.keys(BUILT_IN_CRITERIA).join(', ')})` });
      return;
    }
    if (typeof c === 'string') entries.push({ criterion });
    else entries.push({ criterion, ...(c.options !== undefined ? { options: c.options as never } : {}), ...(c.weight !== undefined ? { weight: c.weight } : {}) });
  });
  const [first, ...others] = issues;
  if (first) throw new SupplymatchError([first, ...others], `invalid matcher configuration:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return { ...rest, criteria: entries };
}

/**
 * The most worker threads {@link matchParallel} starts. Each loads and prepares the whole
 * dataset (some 0.7 GB for 100k offerings), so more threads than this only exhaust memory.
 *
 * @example
 * await matchParallel('fixtures/incheon-bio', {}, { workers: Math.min(8, MAX_WORKERS) });
 */
export const MAX_WORKERS = 64;

/** Options of {@link matchParallel}. */
export interface MatchParallelOptions {
  /** Worker threads besides the calling thread; default the machine's available parallelism less one (at least 1). */
  readonly workers?: number;
  /**
   * Whether the calling thread matches lines too while the workers do (default true). With
   * false it only finishes the lines the workers send back (see {@link matchParallel}), so its
   * event loop stays free for longer.
   */
  readonly mainThread?: boolean;
  /** Overrides the configuration's `asOf`, as in `match`. */
  readonly asOf?: string;
  /** Match only these demand line ids, as in `match`. */
  readonly lines?: readonly string[];
  /** Called as lines finish, with (done, total), from the calling thread. */
  readonly onProgress?: (done: number, total: number) => void;
  /** How the dataset directory is read (a dataset given as input is parsed with `parseDataset`). */
  readonly load?: LoadDatasetOptions;
}

/** What a worker of {@link matchParallel} is given (internal). */
export interface ParallelTask {
  /** The dataset: a directory, or the input itself (see {@link datasetOf}). */
  readonly source: string | DatasetInput;
  readonly load: LoadDatasetOptions | undefined;
  readonly config: SerializableMatcherConfig;
  readonly asOf: string | undefined;
  readonly lines: readonly string[] | undefined;
  /** One Int32: the next position of the run's `order` to claim, shared by every thread. */
  readonly next: SharedArrayBuffer;
  /** How many threads claim lines (see {@link claimSize}). */
  readonly threads: number;
  /** Where the worker sends each claim's lines ({@link ParallelMessage}). */
  readonly port: MessagePort;
}

/** What a worker sends for each claim (internal): the kept rows of its lines, or their results. */
export type ParallelMessage =
  | { readonly total: number; readonly kept: KeptRows }
  | { readonly total: number; readonly results: readonly (readonly [number, LineResult])[] };

/** What a worker's task ends with (internal). */
export type ParallelReply = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly issues: readonly Issue[] | undefined };

/**
 * The worker module next to this one: `node-worker.js` (or `.cjs`) when built; from source, a
 * small loader that compiles `node-worker.ts` with tsx (a development dependency).
 */
function workerModule(): string {
  const here = import.meta.url;
  const name = /\.[cm]?ts$/.test(here) ? './node-worker-dev.mjs' : here.endsWith('.cjs') ? './node-worker.cjs' : './node-worker.js';
  return fileURLToPath(new URL(name, here));
}

/**
 * How many lines a thread of {@link matchParallel} claims at a time: enough to keep the lines
 * of a resolution together, few enough that the threads end close together (internal).
 */
export function claimSize(total: number, threads: number): number {
  return Math.max(1, Math.min(32, Math.ceil(total / (Math.max(1, threads) * 8))));
}

/** The dataset of a `matchParallel` source, loaded (a directory) or parsed (an input); every thread reads it so (internal). */
export async function datasetOf(source: string | DatasetInput, load: LoadDatasetOptions | undefined) {
  return typeof source === 'string' ? loadDataset(source, load) : parseDataset(source, load);
}

/** The match options of a `matchParallel` run, the same in every thread (internal). */
export function runOptionsOf(asOf: string | undefined, lines: readonly string[] | undefined): MatchOptions {
  return { ...(asOf !== undefined ? { asOf } : {}), ...(lines !== undefined ? { lines } : {}) };
}

/**
 * Matches on worker threads and the calling thread together. Every thread loads and prepares
 * the dataset once, then claims lines a few at a time (in the order that matches them fastest)
 * until none are left. With an aggregator that declares a `rowTotal` (the default weighted sum), a worker runs only
 * the first pass of its lines, the one that scores and drops candidates, and sends back a few
 * bytes per kept candidate; the calling thread judges those in full and writes their
 * explanations (the second pass), so explanations never cross threads. With another aggregator
 * (TOPSIS needs every qualified candidate), workers send whole line results. The result is the
 * same, byte for byte in JSON, as `createMatcher(matcherConfigFrom(config)).match(dataset)` on
 * one thread: a line's result depends on that line alone.
 *
 * Shards are independent, so the same split works beyond one machine: run
 * `matcher.match(dataset, { lines: shard })` for disjoint sets of line ids anywhere (a batch
 * runner, several hosts) and concatenate the `lines` of the results in dataset order; `stats`
 * add up (`offerings` is the same in each). Criteria are code and cannot be sent to a thread:
 * the configuration names built-in criteria (see {@link SerializableMatcherConfig}).
 *
 * @example
 * const result = await matchParallel('fixtures/incheon-bio', { topK: 5 }, { workers: 1 });
 * result.lines.length; // => 46
 */
export async function matchParallel(
  source: string | DatasetInput,
  config: SerializableMatcherConfig = {},
  options?: MatchParallelOptions,
): Promise<MatchResult> {
  // Bad options fail here, before any thread starts.
  const matcher = displayedMatcher(matcherConfigFrom(config));
  const asked = options?.workers;
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1 && asked <= MAX_WORKERS))
    throw new SupplymatchError([{ path: 'workers', code: 'invalid_option', message: `workers is a whole number from 1 to ${MAX_WORKERS}, not ${String(asked)}` }]);
  const workers = asked ?? Math.min(MAX_WORKERS, Math.max(1, availableParallelism() - 1));
  const mainThread = options?.mainThread ?? true;
  const threads = workers + (mainThread ? 1 : 0);
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: workerModule(), minThreads: workers, maxThreads: workers });
  const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const claims = new Int32Array(next);
  const messages: ParallelMessage[] = [];
  const ports: MessagePort[] = [];
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const nudge = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  try {
    for (let w = 0; w < workers; w++) {
      const channel = new MessageChannel();
      ports.push(channel.port1);
      channel.port1.on('message', (message: ParallelMessage) => {
        messages.push(message);
        nudge();
      });
      const task: ParallelTask = {
        source,
        load: options?.load,
        config,
        asOf: options?.asOf,
        lines: options?.lines,
        next,
        threads,
        port: channel.port2,
      };
      pool.run(task, { transferList: [channel.port2] }).then(
        (reply: ParallelReply) => {
          if (!reply.ok && !ended) {
            const [first, ...rest] = reply.issues ?? [];
            failure ??= first ? new SupplymatchError([first, ...rest], reply.message) : new Error(reply.message);
          }
          nudge();
        },
        (error: unknown) => {
          if (!ended) failure ??= error;
          nudge();
        },
      );
    }
    // The calling thread loads and prepares the dataset while the workers do the same.
    const prepared = matcher.prepare(await datasetOf(source, options?.load));
    const run = openRun(matcher, prepared, runOptionsOf(options?.asOf, options?.lines));
    const total = run.lines.length;
    const claim = claimSize(total, threads);
    const results = new Array<LineResult>(total);
    let done = 0;
    const finished = (at: number, result: LineResult): void => {
      results[at] = result;
      done += 1;
      options?.onProgress?.(done, total);
    };
    const receive = (message: ParallelMessage): void => {
      if (message.total !== total) throw new Error(`matchParallel: a worker found ${message.total} lines to match, this thread ${total}`);
      if ('kept' in message) for (const kept of keptLines(message.kept)) finished(kept.at, run.finish(kept));
      else for (const [at, result] of message.results) finished(at, result);
    };
    for (;;) {
      if (failure !== undefined) throw failure;
      for (let m = messages.shift(); m !== undefined; m = messages.shift()) receive(m);
      const start = mainThread ? Atomics.add(claims, 0, claim) : total;
      if (start < total) {
        for (let k = start; k < Math.min(total, start + claim); k++) {
          const at = run.order[k] as number;
          finished(at, run.match(at));
        }
        // Lets the workers' messages in between claims.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (done === total) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    return run.result(results);
  } finally {
    ended = true;
    for (const port of ports) port.close();
    await pool.destroy();
  }
}
