/**
 * The worker of `matchParallel` (src/node.ts): loads and prepares the dataset once per thread,
 * then matches the demand lines of its shard. Node-only; built as its own entry so that it can
 * be loaded by path from `dist/` as well as from source (with tsx).
 */
import { parseDataset } from './dataset/parse.js';
import { createMatcher, type Matcher, type PreparedDataset } from './engine/matcher.js';
import { SupplymatchError } from './errors.js';
import type { DatasetInput } from './model/dataset.js';
import { loadDataset, matcherConfigFrom, type ShardReply, type ShardTask } from './node.js';

let cache: { readonly key: string; readonly matcher: Matcher; readonly prepared: PreparedDataset } | undefined;

async function preparedFor(task: ShardTask): Promise<{ readonly matcher: Matcher; readonly prepared: PreparedDataset }> {
  // A dataset given as input is one per task (one task per thread), so it is never cached.
  const key = task.dir === undefined ? '' : JSON.stringify([task.dir, task.load ?? null, task.config]);
  if (key !== '' && cache?.key === key) return cache;
  const matcher = createMatcher(matcherConfigFrom(task.config));
  const dataset =
    task.dir !== undefined ? await loadDataset(task.dir, task.load) : parseDataset(task.input as DatasetInput, task.load);
  cache = { key, matcher, prepared: matcher.prepare(dataset) };
  return cache;
}

/** Matches one shard (tinypool calls the default export with each task). */
export default async function matchShard(task: ShardTask): Promise<ShardReply> {
  try {
    const { matcher, prepared } = await preparedFor(task);
    const wanted = task.lines === undefined ? undefined : new Set(task.lines);
    const all = wanted === undefined ? prepared.lines : prepared.lines.filter((l) => wanted.has(l.line.id));
    const positions: number[] = [];
    const ids: string[] = [];
    all.forEach((l, i) => {
      if (i % task.shards === task.shard) {
        positions.push(i);
        ids.push(l.line.id);
      }
    });
    const result = matcher.matchPrepared(prepared, {
      ...(task.asOf !== undefined ? { asOf: task.asOf } : {}),
      lines: ids,
      ...(task.progress !== undefined ? { onProgress: (done: number) => task.progress?.postMessage({ done, total: all.length }) } : {}),
    });
    task.progress?.close();
    return { ok: true, result, positions, total: all.length };
  } catch (error) {
    task.progress?.close();
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      issues: error instanceof SupplymatchError ? error.issues : undefined,
    };
  }
}
