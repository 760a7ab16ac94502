import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { defaultCriteria } from '../../src/criteria/defaults.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { KeptWriter, keptBuffers, keptLines } from '../../src/engine/kept.js';
import { createMatcher, openRun, type MatcherConfig } from '../../src/engine/matcher.js';
import type { LineResult } from '../../src/engine/result.js';
import { serializeResult } from '../../src/format/match.js';
import { loadDataset } from '../../src/node.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

/**
 * Pass 1 of every line in one run, written through a KeptWriter in claims of `claim` lines and
 * sent through structuredClone with their buffers transferred (as between threads), then pass 2
 * in a second run of the same matcher, in reverse order: the result must be the one-pass result.
 */
function splitRun(config: MatcherConfig, dataset: Parameters<ReturnType<typeof createMatcher>['prepare']>[0], claim: number) {
  const matcher = createMatcher(config);
  const first = openRun(matcher, matcher.prepare(dataset));
  const second = openRun(matcher, matcher.prepare(dataset));
  expect(first.splits).toBe(true);
  const writer = new KeptWriter(first.criteria);
  const sent = [];
  for (let k = 0; k < first.order.length; k += claim) {
    for (const at of first.order.slice(k, k + claim)) first.firstPass(at, writer);
    const rows = writer.take();
    sent.push(structuredClone(rows, { transfer: keptBuffers(rows) }));
  }
  const results = new Array<LineResult>(second.lines.length);
  for (const rows of sent.reverse()) for (const kept of keptLines(rows).reverse()) results[kept.at] = second.finish(kept);
  return { matcher, result: second.result(results) };
}

describe('kept rows (pass 1 in one run, pass 2 in another)', () => {
  it('give byte for byte the one-pass result on incheon-bio, under several configurations', async () => {
    const dataset = await loadDataset(FIXTURE);
    const configs: MatcherConfig[] = [{}, { topK: 2, rejectedK: 0 }, { topK: 20, rejectedK: 20 }, { candidates: 'all', topK: 3 }, { exactCounts: true }, { weights: { price: 4, locality: 0 } }];
    for (const config of configs) {
      const { matcher, result } = splitRun(config, dataset, 7);
      expect(serializeResult(result)).toBe(serializeResult(matcher.match(dataset)));
    }
  });

  it('give the one-pass result on a synthetic dataset, writing more rows than the writer starts with', () => {
    const dataset = parseDataset(generateDataset({ offerings: 2_000, lines: 300, seed: 11 }));
    const { matcher, result } = splitRun({ topK: 10, rejectedK: 5 }, dataset, 64);
    const single = matcher.match(dataset);
    expect(result.stats).toEqual(single.stats);
    expect(serializeResult(result)).toBe(serializeResult(single));
    // 15 rows a line at most: past the writer's first 1,024 rows.
    expect(result.lines.reduce((n, l) => n + l.candidates.length + l.rejected.length, 0)).toBeGreaterThan(1_024);
  });

  it('refuse aggregators that need every qualified candidate, and rows of another matcher', async () => {
    const dataset = await loadDataset(FIXTURE);
    const topsis = createMatcher({ aggregate: 'topsis' });
    const run = openRun(topsis, topsis.prepare(dataset));
    expect(run.splits).toBe(false);
    expect(() => run.firstPass(0, new KeptWriter(run.criteria))).toThrow(/only an aggregator with a rowTotal/);

    const plain = createMatcher({});
    const a = openRun(plain, plain.prepare(dataset));
    const writer = new KeptWriter(a.criteria);
    a.firstPass(0, writer);
    const fewer = createMatcher({ criteria: defaultCriteria().slice(0, 3) });
    const kept = keptLines(writer.take())[0];
    expect(kept?.rows.criteria).toBe(a.criteria);
    expect(() => openRun(fewer, fewer.prepare(dataset)).finish(kept as never)).toThrow(new RegExp(`kept rows of ${a.criteria} criteria, for a matcher of 3`));
    expect(() => openRun({} as never, plain.prepare(dataset))).toThrow(/not a matcher made by createMatcher/);
  });
});

describe('KeptWriter.takeLine', () => {
  it('reads the line just written in place, as take and keptLines read it, and starts afresh', () => {
    const writer = new KeptWriter(2);
    const copy = new KeptWriter(2);
    const scores = Float64Array.of(0.5, 0.25, 1, 0.75);
    const flags = Uint8Array.of(1, 1, 1, 0);
    const passed = Uint8Array.of(1, 0, 1, 0);
    for (const [at, rows] of [
      [3, 2],
      [7, 1],
    ] as const) {
      for (const w of [writer, copy]) {
        const first = w.line(at, rows, 0, rows + 4, 2, rows + 6);
        for (let r = 0; r < rows; r++) w.row(first + r, 10 * at + r, 0.9 - r / 10, scores, flags, passed, 2 * r);
      }
      const line = writer.takeLine();
      const want = keptLines(copy.take())[0];
      expect({ ...line, rows: undefined }).toEqual({ ...want, rows: undefined });
      for (const field of ['offerings', 'totals', 'scores', 'flags'] as const) expect([...line.rows[field]]).toEqual([...(want?.rows[field] ?? [])]);
      expect(writer.size).toBe(0);
    }
    writer.line(1, 0, 0, 0, 0, 0);
    writer.line(2, 0, 0, 0, 0, 0);
    expect(() => writer.takeLine()).toThrow(/2 lines written/);
  });
});
