/**
 * What the threads of `matchParallel` (src/node.ts) and its worker (src/node-worker.ts) share:
 * the task a worker is given, what it sends back, and the steps every thread takes alike.
 * Internal: `supplymatch/node` does not export them.
 */
import type { MessagePort } from 'node:worker_threads';
import type { KeptRows } from './engine/kept.js';
import type { MatchOptions } from './engine/matcher.js';
import type { LineResult } from './engine/result.js';
import type { Issue } from './errors.js';
import type { DatasetInput } from './model/dataset.js';
import { parseDataset } from './dataset/parse.js';
import { loadDataset, type LoadDatasetOptions } from './node-load.js';
import type { SerializableMatcherConfig } from './node.js';

/** What a worker of `matchParallel` is given (internal). */
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
 * How many lines a thread of `matchParallel` claims at a time: enough to keep the lines
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
