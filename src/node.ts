/**
 * Node-only entry point (`supplymatch/node`): reading datasets from disk, and the CSV layout
 * (its parser, csv-parse, needs Node's `Buffer`). Kept apart from the core so that the core
 * runs in browsers and Deno without Node built-ins.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { BUILT_IN_CRITERIA, type BuiltInCriterionId } from './criteria/defaults.js';
import { keptLines } from './engine/kept.js';
import { openRun, type CriterionEntry, type MatcherConfig } from './engine/matcher.js';
import { createMatcher as displayedMatcher } from './notebook/displayed.js';
import type { LineResult, MatchResult } from './engine/result.js';
import type { DatasetInput } from './model/dataset.js';
import { SupplymatchError, type Issue } from './errors.js';
import { claimSize, datasetOf, runOptionsOf, type ParallelMessage, type ParallelReply, type ParallelTask } from './node-parallel.js';
import type { LoadDatasetOptions } from './node-load.js';
import { oneOfIssue, optionKeyIssues } from './options.js';

export { datasetFromCsv, datasetToCsv, CSV_FILES, type CsvDataset } from './dataset/csv.js';
export { progressReporter, type ProgressReporterOptions } from './progress.js';
export { loadDataset, safeLoadDataset, type LoadDatasetOptions } from './node-load.js';

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
