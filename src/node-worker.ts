/**
 * The worker of `matchParallel` (src/node.ts): loads and prepares the dataset, then claims
 * lines a few at a time from the counter it shares with the other threads, and sends each
 * claim's kept rows (pass 1 only) or line results back on its port. Node-only; built as its own
 * entry so that it can be loaded by path from `dist/` as well as from source (with tsx).
 */
import { KeptWriter, keptBuffers } from './engine/kept.js';
import { createMatcher, openRun } from './engine/matcher.js';
import type { LineResult } from './engine/result.js';
import { SupplymatchError } from './errors.js';
import { matcherConfigFrom } from './node.js';
import { claimSize, datasetOf, runOptionsOf, type ParallelMessage, type ParallelReply, type ParallelTask } from './node-parallel.js';

/** Runs one worker's part of a parallel match (tinypool calls the default export with the task). */
export default async function matchClaims(task: ParallelTask): Promise<ParallelReply> {
  try {
    const matcher = createMatcher(matcherConfigFrom(task.config));
    const dataset = await datasetOf(task.source, task.load);
    const run = openRun(matcher, matcher.prepare(dataset), runOptionsOf(task.asOf, task.lines));
    const total = run.lines.length;
    const claim = claimSize(total, task.threads);
    const claims = new Int32Array(task.next);
    const writer = run.splits ? new KeptWriter(run.criteria) : undefined;
    for (;;) {
      const start = Atomics.add(claims, 0, claim);
      if (start >= total) break;
      const end = Math.min(total, start + claim);
      if (writer !== undefined) {
        for (let k = start; k < end; k++) run.firstPass(run.order[k] as number, writer);
        const kept = writer.take();
        task.port.postMessage({ total, kept } satisfies ParallelMessage, keptBuffers(kept));
      } else {
        const results: [number, LineResult][] = [];
        for (let k = start; k < end; k++) results.push([run.order[k] as number, run.match(run.order[k] as number)]);
        task.port.postMessage({ total, results } satisfies ParallelMessage);
      }
    }
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      issues: error instanceof SupplymatchError ? error.issues : undefined,
    };
  }
  // The port stays open: closing it could drop the last claim's message on its way. The
  // calling thread closes it when it has every line.
}
