import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { offeringMoves, smallRunBasis, updatePostings } from '../../src/engine/index-layout.js';
import { createMatcher, openRun, postingsOf, type MatcherConfig, type PreparedDataset } from '../../src/engine/matcher.js';
import type { PreparedOffering } from '../../src/criteria/criterion.js';
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

describe('updatePostings: the postings after an update are those made afresh', () => {
  // The fixture prepared once for every case.
  let preparing: Promise<PreparedDataset> | undefined;
  const matcher = createMatcher({ exactCounts: true });
  const fixture = (): Promise<PreparedDataset> => (preparing ??= loadDataset(FIXTURE).then((d) => matcher.prepare(d)));
  const sorted = (postings: PreparedDataset['postings']): [string, string, readonly number[]][] =>
    (['byItem', 'byCategory', 'byCodeClass'] as const).flatMap((map) => [...postings[map]].map(([key, list]): [string, string, readonly number[]] => [map, key, list])).sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));

  it.each([
    ['the last three gone (no offering moves)', (o: PreparedOffering[]) => o.slice(0, -3)],
    ['one gone from the middle (those after it move up)', (o: PreparedOffering[]) => [...o.slice(0, 10), ...o.slice(11)]],
    ['two gone from the end, one new at the end', (o: PreparedOffering[]) => [...o.slice(0, -2), { ...(o[0] as PreparedOffering) }]],
    ['one changed in place (gone and new at the same index)', (o: PreparedOffering[]) => o.map((x, k) => (k === 4 ? { ...x } : x))],
    ['nothing changed', (o: PreparedOffering[]) => [...o]],
  ] as const)('%s', async (_, change) => {
    const prepared = await fixture();
    const { minItemConfidence } = openRun(matcher, prepared);
    const before = prepared.offerings;
    const offerings = change([...before]);
    const fresh = new Set(offerings.filter((o) => !before.includes(o)));
    const moves = offeringMoves(before, offerings, (o) => fresh.has(o));
    let from = 0;
    while (from < offerings.length && before[from] === offerings[from]) from++;
    const next = updatePostings(prepared.postings, before, offerings, { ...moves, from }, prepared.catalog, minItemConfidence);
    expect(sorted(next.postings)).toEqual(sorted(postingsOf(offerings, prepared.catalog, minItemConfidence)));
    const gone = before.filter((o) => !offerings.includes(o)).map((o) => o.offering.id);
    expect([...next.goneIds].sort()).toEqual(gone.sort());
  });
});
