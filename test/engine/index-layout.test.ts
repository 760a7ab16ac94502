import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { smallRunBasis } from '../../src/engine/index-layout.js';
import { createMatcher, openRun, type MatcherConfig } from '../../src/engine/matcher.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

/**
 * Every criterion with a batch path, on every line, over chunks of the layout's places (a few
 * at a time, and one at a time, as the index's small runs ask): the verdicts of the small runs'
 * judges are those of the criterion's own batch path, bit for bit (-0 and 0 told apart).
 */
function sameVerdicts(config: MatcherConfig, dataset: Dataset): number {
  const differ: string[] = [];
  const matcher = createMatcher(config);
  const run = openRun(matcher, matcher.prepare(dataset));
  const { layout, judges } = run.basis;
  const small = smallRunBasis(run.basis).judges;
  const places = Int32Array.from({ length: layout.offerings.length }, (_, k) => k).filter((k) => (layout.original[k] as number) >= 0);
  let compared = 0;
  for (const line of run.lines)
    for (const size of [1, 3]) {
      const want = new Float64Array(size);
      const got = new Float64Array(size);
      // A stride through the layout, so that each line meets offerings of many items.
      for (let from = line.line.id.length % 7; from + size <= places.length; from += 61 * size) {
        const chunk = places.subarray(from, from + size);
        judges.forEach((judge, c) => {
          if (judge.batch === undefined) return;
          judge.batch(line, chunk, size, want);
          small[c]?.batch?.(line, chunk, size, got);
          for (let k = 0; k < size; k++) if (!Object.is(got[k], want[k])) differ.push(`criterion ${c}, line ${line.line.id}, place ${chunk[k]}: ${got[k]} for ${want[k]}`);
          compared += size;
        });
      }
    }
  expect(differ).toEqual([]);
  return compared;
}

describe('smallRunBasis: the judges of the index’s small runs give the batch paths’ verdicts', () => {
  it.each([
    ['default matcher', {}],
    ['exactCounts', { exactCounts: true }],
  ] as const)('fixture, %s', async (_, config) => {
    expect(sameVerdicts(config, await loadDataset(FIXTURE))).toBeGreaterThan(1000);
  });

  it('a generated set', () => {
    expect(sameVerdicts({ exactCounts: true }, parseDataset(generateDataset({ offerings: 400, lines: 20, seed: 3 })))).toBeGreaterThan(1000);
  });

  it('keeps every other path of a judge, and a judge without a batch path as it is', async () => {
    const matcher = createMatcher();
    const run = openRun(matcher, matcher.prepare(await loadDataset(FIXTURE)));
    const small = smallRunBasis(run.basis);
    expect(small.layout).toBe(run.basis.layout);
    run.basis.judges.forEach((judge, c) => {
      const other = small.judges[c];
      if (judge.batch === undefined || judge.quick === undefined) return expect(other).toBe(judge);
      expect(other?.quick).toBe(judge.quick);
      expect(other?.ceiling).toBe(judge.ceiling);
      expect(other?.failing).toBe(judge.failing);
      expect(other?.cost).toBe(judge.cost);
      expect(other?.batch).not.toBe(judge.batch);
    });
  });
});
