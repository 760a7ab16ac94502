import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/engine/matcher.js';
import type { LineResult } from '../../src/engine/result.js';
import type { Decision } from '../../src/model/decision.js';
import { loadDataset } from '../../src/node.js';

const FIXTURE = 'fixtures/incheon-bio';
// Lines of four buyers, several of which share suppliers (S-073..S-077 and the filter makers).
const LINES = ['SB-D01', 'SB-D02', 'SB-D05', 'SB-D08', 'IC-D02', 'IC-D03', 'HB-D02', 'HB-D05', 'CB-D07', 'YB-D01'];
const json = (x: unknown): string => JSON.stringify(x);

describe('a rejection is a gate that removes exactly its candidate', () => {
  it('adding a rejection for one ranked candidate removes it from its line and changes nothing else', async () => {
    const dataset = await loadDataset(FIXTURE);
    const asOf = dataset.meta.asOf ?? '';
    // Every candidate kept and every count exact, so that a removal cannot pull in another one.
    const matcher = createMatcher({ topK: 1000, rejectedK: 1000, exactCounts: true });
    const base = matcher.match(dataset, { lines: LINES });
    const pool = base.lines.flatMap((l) => l.candidates.map((c) => ({ line: l.line, buyer: l.buyer, supplier: c.supplier, offering: c.offering })));
    expect(pool.length).toBeGreaterThan(20);
    // Dated after every decision of the fixture that is in force (the latest is 2021-02-20), so that it is the one followed.
    const days = ['2021-02-21', '2021-02-25', '2021-03-01'];
    fc.assert(
      fc.property(fc.constantFrom(...pool), fc.constantFrom(...days), fc.constantFrom(undefined, asOf, '2022-01-01'), (target, date, until) => {
        const rejection: Decision = {
          buyer: target.buyer,
          line: target.line,
          supplier: target.supplier,
          offering: target.offering,
          status: 'rejected',
          date,
          ...(until !== undefined ? { until } : {}),
          reason: 'test rejection',
        };
        const after = matcher.match({ ...dataset, decisions: [...(dataset.decisions ?? []), rejection] }, { lines: LINES });
        after.lines.forEach((line, i) => {
          const before = base.lines[i] as LineResult;
          if (line.line !== target.line) {
            expect(json(line)).toBe(json(before));
            return;
          }
          const isTarget = (c: { supplier: string; offering: string }): boolean => c.supplier === target.supplier && c.offering === target.offering;
          expect(json(line.candidates)).toBe(json(before.candidates.filter((c) => !isTarget(c)).map((c, k) => ({ ...c, rank: k + 1 }))));
          expect(line.qualifiedCount).toBe(before.qualifiedCount - 1);
          expect(line.rejectedCount).toBe(before.rejectedCount + 1);
          const gated = line.rejected.find(isTarget);
          const was = before.candidates.find(isTarget);
          expect(gated?.failed).toEqual(['decision']);
          expect(gated?.score).toBe(was?.score);
          expect(gated?.outcomes.find((o) => o.criterion === 'decision')?.reasons[0]?.data.reason).toBe('test rejection');
          // The other rejected candidates are those of before, in the same order.
          expect(json(line.rejected.filter((c) => !isTarget(c)))).toBe(json(before.rejected));
        });
      }),
      { numRuns: 6, seed: 21 },
    );
  });

  it('gives the same bytes on a re-run: decisions are data', async () => {
    const dataset = await loadDataset(FIXTURE);
    const once = json(createMatcher().match(dataset, { lines: LINES }));
    expect(json(createMatcher().match(dataset, { lines: LINES }))).toBe(once);
  });
});

describe('a pair judged on its own sees the decisions', () => {
  it('index.pair of a rejected pair the line does not keep fails on the decision, as the matcher that keeps it says', async () => {
    const { createIndex } = await import('../../src/engine/index-incremental.js');
    const dataset = await loadDataset(FIXTURE);
    // rejectedK 0: SB-D01 keeps no rejected candidate, so S-002-O1 (rejected by B-01) is judged on demand.
    const pair = createIndex(createMatcher({ topK: 1, rejectedK: 0 }), dataset).pair('SB-D01', 'S-002-O1');
    expect(pair.standing).toBe('fails');
    expect(pair.failed).toContain('decision');
    const kept = createMatcher({ topK: 1, rejectedK: 1000 }).match(dataset, { lines: ['SB-D01'] }).lines[0]?.rejected.find((r) => r.offering === 'S-002-O1');
    expect(pair.failed).toEqual(kept?.failed);
  });
});
