import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/analysis/evaluate.js';
import type { LineResult, MatchResult, RankedCandidate } from '../../src/engine/result.js';
import { SupplymatchError } from '../../src/errors.js';
import type { TruthLabel } from '../../src/model/truth.js';

// ---------------------------------------------------------------------------------------
// Minimal valid results: evaluate reads only ids, ranks and buyers, so the rest is filled
// with neutral values (the resolution is opaque to it, hence the cast).
// ---------------------------------------------------------------------------------------

/** A line's ranked candidates from `[supplier, offering]` pairs, ranks 1, 2, … in that order. */
function line(id: string, buyer: string, ranked: readonly (readonly [string, string])[]): LineResult {
  const candidates: RankedCandidate[] = ranked.map(([supplier, offering], i) => ({
    rank: i + 1,
    supplier,
    offering,
    item: undefined,
    score: 1 - i / 100,
    outcomes: [],
  }));
  return {
    line: id,
    buyer,
    resolution: {} as LineResult['resolution'],
    candidates,
    qualifiedCount: candidates.length,
    rejected: [],
    rejectedCount: 0,
    pairsScored: candidates.length,
  };
}

function result(lines: readonly LineResult[]): MatchResult {
  return {
    settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: 10, rejectedK: 10, candidates: 'blocked', criteria: [] },
    lines,
    stats: {
      lines: lines.length,
      offerings: 0,
      pairsScored: lines.reduce((n, l) => n + l.pairsScored, 0),
      linesWithCandidates: lines.filter((l) => l.candidates.length > 0).length,
    },
  };
}

function label(lineId: string, supplier: string, grade: number, offering?: string): TruthLabel {
  return offering === undefined
    ? { line: lineId, supplier, grade, rationale: 'test' }
    : { line: lineId, supplier, offering, grade, rationale: 'test' };
}

// ---------------------------------------------------------------------------------------
// The fixture. Relevant = grade ≥ 2 unless a test says otherwise.
//
// D1 (buyer B2): labels A=3, B=2, C=1, D=0. Ranked offerings C/o1, A/o1, C/o2, E/o1, B/o1, D/o1;
//   at supplier level (C's second offering dropped): C, A, E, B, D with grades 1, 3, 0, 2, 0.
// D2 (buyer B1): B labelled twice (3 for one offering, 2 for another → 3), F=2. Ranked B, F.
// D3 (buyer B1): labels G=1, H=0 → unservable, yet G is proposed.
// D4 (buyer B2): label A=1 → unservable, and the result leaves it empty.
// D5 (buyer B1): label A=3, but nothing qualified.
// D6 (buyer B3): no labels at all → not judged. Labels on DX (not in the result) are ignored.
// ---------------------------------------------------------------------------------------

const fixture = result([
  line('D1', 'B2', [['S-C', 'C-o1'], ['S-A', 'A-o1'], ['S-C', 'C-o2'], ['S-E', 'E-o1'], ['S-B', 'B-o1'], ['S-D', 'D-o1']]),
  line('D2', 'B1', [['S-B', 'B-o2'], ['S-F', 'F-o1']]),
  line('D3', 'B1', [['S-G', 'G-o1']]),
  line('D4', 'B2', []),
  line('D5', 'B1', []),
  line('D6', 'B3', [['S-A', 'A-o1']]),
]);

const truth: TruthLabel[] = [
  label('D1', 'S-A', 3),
  label('D1', 'S-B', 2),
  label('D1', 'S-C', 1),
  label('D1', 'S-D', 0),
  label('D2', 'S-B', 3, 'B-o1'),
  label('D2', 'S-B', 2, 'B-o2'),
  label('D2', 'S-F', 2),
  label('D3', 'S-G', 1),
  label('D3', 'S-H', 0),
  label('D4', 'S-A', 1),
  label('D5', 'S-A', 3),
  label('DX', 'S-A', 3),
];

const log2 = Math.log2;

// Worked nDCG@3 for D1 (gain 2^g − 1, discount log2(rank + 1)):
//   DCG  = (2¹−1)/log2 2 + (2³−1)/log2 3 + (2⁰−1)/log2 4 = 1 + 7/1.58496 + 0 = 5.41651
//   IDCG from the labels sorted by grade (3, 2, 1, 0), top 3:
//        = 7/log2 2 + 3/log2 3 + 1/log2 4 = 7 + 1.89279 + 0.5 = 9.39279
//   nDCG@3 = 5.41651 / 9.39279 = 0.57667
const D1_NDCG_3 = (1 + 7 / log2(3)) / (7 + 3 / log2(3) + 1 / log2(4));
// Had C's second offering been kept at rank 3, DCG would gain 1/log2 4 = 0.5 → 0.62990.
const D1_NDCG_3_WITHOUT_DEDUPE = (1 + 7 / log2(3) + 1 / log2(4)) / (7 + 3 / log2(3) + 1 / log2(4));

describe('evaluate: per line (k = 3)', () => {
  const ev = evaluate(fixture, truth, { k: 3 });
  const byLine = new Map(ev.lines.map((l) => [l.line, l]));

  it('judges only lines with a relevant label, in result order', () => {
    expect(ev.k).toBe(3);
    expect(ev.lines.map((l) => l.line)).toEqual(['D1', 'D2', 'D5']);
  });

  it('D1: top-1 is a grade-1 supplier; relevant ones at supplier ranks 2 and 4', () => {
    const d1 = byLine.get('D1');
    expect(d1).toMatchObject({
      line: 'D1',
      buyer: 'B2',
      top1: 'S-C',
      top1Grade: 1,
      bestGrade: 3,
      expected: ['S-A'],
      pAt1: 0,
      // top 3 suppliers C, A, E hold one of the two relevant ones: 1 / min(3, 2)
      pAtK: 0.5,
      // first relevant supplier (A) at rank 2
      reciprocalRank: 0.5,
      agrees: false,
    });
    expect(d1?.ndcgAtK).toBeCloseTo(0.57667, 5);
    expect(d1?.ndcgAtK).toBeCloseTo(D1_NDCG_3, 12);
  });

  it('counts a supplier with several ranked offerings once, at its best rank', () => {
    expect(byLine.get('D1')?.ndcgAtK).not.toBeCloseTo(D1_NDCG_3_WITHOUT_DEDUPE, 3);
  });

  it('D2: a supplier\'s grade is its best label for the line, whichever offering is ranked', () => {
    expect(byLine.get('D2')).toEqual({
      line: 'D2',
      buyer: 'B1',
      top1: 'S-B',
      top1Grade: 3,
      bestGrade: 3,
      expected: ['S-B'],
      pAt1: 1,
      pAtK: 1,
      reciprocalRank: 1,
      ndcgAtK: 1,
      agrees: true,
    });
  });

  it('D5: a servable line left empty scores 0 everywhere and disagrees', () => {
    expect(byLine.get('D5')).toEqual({
      line: 'D5',
      buyer: 'B1',
      top1: undefined,
      top1Grade: undefined,
      bestGrade: 3,
      expected: ['S-A'],
      pAt1: 0,
      pAtK: 0,
      reciprocalRank: 0,
      ndcgAtK: 0,
      agrees: false,
    });
  });

  it('lists disagreements: D1 (wrong top-1) and D5 (nothing proposed)', () => {
    expect(ev.disagreements.map((d) => d.line)).toEqual(['D1', 'D5']);
  });

  it('reports unservable lines: D3 proposed anyway, D4 left empty', () => {
    expect(ev.unservable).toEqual({ lines: 2, leftEmpty: 1, proposed: [{ line: 'D3', top1: 'S-G' }] });
  });
});

describe('evaluate: means', () => {
  const ev = evaluate(fixture, truth, { k: 3 });

  it('overall metrics are means over the judged lines', () => {
    expect(ev.overall.lines).toBe(3);
    expect(ev.overall.pAt1).toBeCloseTo((0 + 1 + 0) / 3, 12);
    expect(ev.overall.pAtK).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(ev.overall.mrr).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(ev.overall.ndcgAtK).toBeCloseTo((D1_NDCG_3 + 1 + 0) / 3, 12);
  });

  it('groups by buyer, sorted by buyer id, leaving out buyers with no judged line', () => {
    expect(ev.byBuyer.map((b) => b.buyer)).toEqual(['B1', 'B2']);
    // B1: D2 (all 1) and D5 (all 0)
    expect(ev.byBuyer[0]).toEqual({ buyer: 'B1', lines: 2, pAt1: 0.5, pAtK: 0.5, mrr: 0.5, ndcgAtK: 0.5 });
    // B2: D1 only
    expect(ev.byBuyer[1]).toMatchObject({ buyer: 'B2', lines: 1, pAt1: 0, pAtK: 0.5, mrr: 0.5 });
    expect(ev.byBuyer[1]?.ndcgAtK).toBeCloseTo(D1_NDCG_3, 12);
  });
});

describe('evaluate: options', () => {
  it('defaults to k = 5 and relevant grade 2', () => {
    const d1 = evaluate(fixture, truth).lines[0];
    // top 5 suppliers C, A, E, B, D hold both relevant ones: 2 / min(5, 2) = 1
    expect(d1?.pAtK).toBe(1);
    // nDCG@5: DCG = 1 + 7/log2 3 + 0 + 3/log2 5 + 0 = 6.70854;
    //         IDCG = 7 + 3/log2 3 + 1/log2 4 + 0 = 9.39279 → 0.71422
    expect(d1?.ndcgAtK).toBeCloseTo(0.71422, 5);
  });

  it('caps P@k by the number of relevant suppliers, so one relevant supplier can reach 1', () => {
    // With relevant = grade 3, D1 has one relevant supplier (A), found in the top 3.
    const d1 = evaluate(fixture, truth, { k: 3, relevantGrade: 3 }).lines[0];
    expect(d1).toMatchObject({ line: 'D1', pAt1: 0, pAtK: 1, reciprocalRank: 0.5 });
    // D2's F (grade 2) is no longer relevant; B still is.
    const ev = evaluate(fixture, truth, { k: 3, relevantGrade: 3 });
    expect(ev.lines.map((l) => l.line)).toEqual(['D1', 'D2', 'D5']);
    expect(ev.lines[1]).toMatchObject({ pAtK: 1 });
  });

  it('with relevant = grade 1, D3 and D4 become servable lines', () => {
    const ev = evaluate(fixture, truth, { k: 3, relevantGrade: 1 });
    expect(ev.lines.map((l) => l.line)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
    expect(ev.unservable).toEqual({ lines: 0, leftEmpty: 0, proposed: [] });
    // D1 now has relevant C (1), A (3), B (2): top 3 C, A, E → 2 / min(3, 3)
    expect(ev.lines[0]).toMatchObject({ pAt1: 1, pAtK: 2 / 3, reciprocalRank: 1, agrees: false });
  });

  it.each([
    [{ k: 0 }, 'k'],
    [{ k: 2.5 }, 'k'],
    [{ relevantGrade: 0 }, 'relevantGrade'],
    [{ relevantGrade: 4 }, 'relevantGrade'],
  ])('rejects %j', (options, path) => {
    try {
      evaluate(fixture, truth, options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SupplymatchError);
      expect((e as SupplymatchError).issues.map((i) => [i.path, i.code])).toEqual([[path, 'invalid_option']]);
    }
  });
});

describe('evaluate: edge cases', () => {
  it('ranks by rank, not by array position', () => {
    const shuffled = line('D1', 'B2', [['S-C', 'C-o1'], ['S-A', 'A-o1']]);
    const reversed: LineResult = { ...shuffled, candidates: [...shuffled.candidates].reverse() };
    expect(evaluate(result([reversed]), truth).lines[0]?.top1).toBe('S-C');
  });

  it('with no truth or no lines, every mean is 0 (not NaN)', () => {
    const none = evaluate(fixture, []);
    expect(none.overall).toEqual({ lines: 0, pAt1: 0, pAtK: 0, mrr: 0, ndcgAtK: 0 });
    expect(none.byBuyer).toEqual([]);
    expect(none.unservable).toEqual({ lines: 0, leftEmpty: 0, proposed: [] });
    expect(evaluate(result([]), truth).overall.lines).toBe(0);
  });

  it('lists every supplier sharing the best grade as expected, sorted', () => {
    const tied = evaluate(result([line('T1', 'B1', [['S-Z', 'Z-o1'], ['S-Y', 'Y-o1']])]), [
      label('T1', 'S-Z', 3),
      label('T1', 'S-Y', 3),
      label('T1', 'S-X', 3),
    ]).lines[0];
    expect(tied).toMatchObject({ expected: ['S-X', 'S-Y', 'S-Z'], agrees: true, pAtK: 2 / 3 });
    // DCG = 7 + 7/log2 3; IDCG = 7 + 7/log2 3 + 7/log2 4
    expect(tied?.ndcgAtK).toBeCloseTo((7 + 7 / log2(3)) / (7 + 7 / log2(3) + 3.5), 12);
  });
});
