import fc from 'fast-check';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  ahpWeights,
  criticWeights,
  criticWeightsOfMatrix,
  entropyWeights,
  entropyWeightsOfMatrix,
  geometricMeanMatrix,
  principalEigenvector,
  scoreMatrixOf,
  SAATY_RANDOM_INDEX,
} from '../../src/analysis/weights.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { CriterionOutcome, MatchResult } from '../../src/engine/result.js';
import { issuesOf } from '../helpers/issues.js';

// T. L. Saaty, "How to make a decision: The Analytic Hierarchy Process", European Journal of
// Operational Research 48 (1990) 9-26, Table 2 (the house example; the same matrix is in LINDO's
// AnaHierProc model): criteria size, transportation, neighborhood, age, yard, modern facilities,
// general condition, financing. Printed: priorities .173 .054 .188 .018 .031 .036 .167 .333,
// λmax = 9.669, C.I. = 0.238, C.R. = 0.169.
const HOUSE_CRITERIA = ['size', 'transport', 'neighborhood', 'age', 'yard', 'modern', 'condition', 'financing'];
const HOUSE = [
  [1, 5, 3, 7, 6, 6, '1/3', '1/4'],
  ['1/5', 1, '1/3', 5, 3, 3, '1/5', '1/7'],
  ['1/3', 3, 1, 6, 3, 4, 6, '1/5'],
  ['1/7', '1/5', '1/6', 1, '1/3', '1/4', '1/7', '1/8'],
  ['1/6', '1/3', '1/3', 3, 1, '1/2', '1/5', '1/6'],
  ['1/6', '1/3', '1/4', 4, 2, 1, '1/5', '1/6'],
  [3, 5, '1/6', 7, 5, 5, 1, '1/2'],
  [4, 7, 5, 8, 6, 6, 2, 1],
];
const HOUSE_PRINTED = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];

// Wikipedia, "Analytic hierarchy process – leader example": criteria experience, education,
// charisma, age compared as below; printed priorities .547, .127, .270, .056 and C.R. 0.044.
const LEADER_CRITERIA = ['experience', 'education', 'charisma', 'age'];
const LEADER = [
  [1, 4, 3, 7],
  ['1/4', 1, '1/3', 3],
  ['1/3', 3, 1, 5],
  ['1/7', '1/3', '1/5', 1],
];
const LEADER_PRINTED = [0.547, 0.127, 0.27, 0.056];

describe('ahpWeights against published worked examples', () => {
  it("reproduces Saaty's house example (EJOR 1990): priorities, λmax 9.669, CI 0.238, CR 0.169", () => {
    const r = ahpWeights(HOUSE, { criteria: HOUSE_CRITERIA, acceptInconsistent: true });
    r.vector.forEach((w, i) => expect(w).toBeCloseTo(HOUSE_PRINTED[i] as number, 3));
    expect(r.lambdaMax).toBeCloseTo(9.669, 3);
    expect(r.ci).toBeCloseTo(0.238, 3);
    expect(r.ri).toBe(1.41);
    expect(r.cr).toBeCloseTo(0.169, 3);
    expect(r.warnings.map((w) => w.code)).toEqual(['inconsistent']);
  });

  it('refuses the house example (CR 0.169 > 0.1) unless accepted', () => {
    expect(issuesOf(() => ahpWeights(HOUSE, { criteria: HOUSE_CRITERIA }))).toEqual(['matrix [inconsistent]']);
  });

  it("reproduces Wikipedia's leader example: priorities .547 .127 .270 .056, CR 0.044", () => {
    const r = ahpWeights(LEADER, { criteria: LEADER_CRITERIA });
    // The article's figures are rounded from an approximate computation: 0.0015 of slack.
    r.vector.forEach((w, i) => expect(Math.abs(w - (LEADER_PRINTED[i] as number))).toBeLessThan(0.0015));
    expect(r.cr).toBeCloseTo(0.044, 3);
    expect(r.warnings).toEqual([]);
    expect(Object.keys(r.weights)).toEqual(LEADER_CRITERIA);
  });

  it("states Saaty's random index table", () => {
    expect(SAATY_RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
  });
});

/** A perfectly consistent matrix a[i][j] = w[i] / w[j]. */
function consistent(w: readonly number[]): number[][] {
  return w.map((wi) => w.map((wj) => wi / wj));
}
const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`);
// Weights within a factor 3 of each other keep every ratio on Saaty's scale.
const weightVector = fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: 2, maxLength: 10 });

/** A random reciprocal matrix on Saaty's integer scale. */
const reciprocalMatrix = fc.integer({ min: 3, max: 7 }).chain((n) =>
  fc.array(fc.integer({ min: -8, max: 8 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    let k = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const s = upper[k++] as number;
        const v = s >= 0 ? s + 1 : 1 / (1 - s);
        (m[i] as number[])[j] = v;
        (m[j] as number[])[i] = 1 / v;
      }
    return m;
  }),
);

describe('ahpWeights properties', () => {
  it('a consistent matrix built from a weight vector gives that vector back, with CR ≈ 0', () => {
    fc.assert(
      fc.property(weightVector, (w) => {
        const total = w.reduce((a, b) => a + b, 0);
        const r = ahpWeights(consistent(w), { criteria: ids(w.length) });
        r.vector.forEach((x, i) => expect(x).toBeCloseTo((w[i] as number) / total, 9));
        expect(r.lambdaMax).toBeCloseTo(w.length, 9);
        expect(Math.abs(r.cr)).toBeLessThan(1e-9);
      }),
    );
  });

  it('weights sum to 1, and permuting the criteria permutes the weights', () => {
    fc.assert(
      fc.property(
        reciprocalMatrix.chain((m) => fc.tuple(fc.constant(m), fc.shuffledSubarray(ids(m.length), { minLength: m.length, maxLength: m.length }))),
        ([m, order]) => {
          const criteria = ids(m.length);
          const r = ahpWeights(m, { criteria, acceptInconsistent: true });
          expect(r.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          const p = order.map((id) => criteria.indexOf(id));
          const permuted = p.map((i) => p.map((j) => (m[i] as number[])[j] as number));
          const q = ahpWeights(permuted, { criteria: order, acceptInconsistent: true });
          for (const id of criteria) expect(q.weights[id]).toBeCloseTo(r.weights[id] as number, 9);
          expect(q.cr).toBeCloseTo(r.cr, 9);
        },
      ),
    );
  });

  // A positive eigenvector of a positive matrix belongs to its Perron root (Perron-Frobenius), so
  // a small residual with positive entries proves the result without trusting the iteration.
  it('returns a positive vector solving A·w = λmax·w', () => {
    fc.assert(
      fc.property(reciprocalMatrix, (m) => {
        const mine = principalEigenvector(m);
        m.forEach((row, i) => {
          const aw = row.reduce((s, a, j) => s + a * (mine.vector[j] as number), 0);
          expect(aw).toBeCloseTo(mine.lambdaMax * (mine.vector[i] as number), 9);
        });
        for (const w of mine.vector) expect(w).toBeGreaterThan(0);
      }),
    );
  });

  // mathjs's eigs does not converge on every reciprocal matrix, so it checks the two published ones.
  it.each([
    ['house', HOUSE, HOUSE_CRITERIA],
    ['leader', LEADER, LEADER_CRITERIA],
  ] as const)('agrees with an independent eigen-solver (mathjs eigs) on λmax of the %s example', (_name, matrix, criteria) => {
    const r = ahpWeights(matrix, { criteria, acceptInconsistent: true });
    const { values } = eigs(r.matrix as number[][], { eigenvectors: false }) as unknown as { values: (number | { re: number; im: number })[] };
    const largest = Math.max(...values.map((v) => (typeof v === 'number' ? v : Math.abs(v.im) < 1e-12 ? v.re : Number.NEGATIVE_INFINITY)));
    expect(r.lambdaMax).toBeCloseTo(largest, 9);
  });

  it('is deterministic: the same matrix gives the same bytes', () => {
    const a = ahpWeights(LEADER, { criteria: LEADER_CRITERIA });
    const b = ahpWeights(LEADER.map((row) => [...row]), { criteria: LEADER_CRITERIA });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('several experts (geometric mean of judgments, AIJ)', () => {
  it("the geometric mean of one expert's matrix is that matrix, and so is that of k copies", () => {
    fc.assert(
      fc.property(reciprocalMatrix, fc.integer({ min: 1, max: 4 }), (m, k) => {
        expect(geometricMeanMatrix([m])).toEqual(m);
        const g = geometricMeanMatrix(Array.from({ length: k }, () => m));
        g.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo((m[i] as number[])[j] as number, 12)));
      }),
    );
  });

  it('two experts with opposite judgments meet at equal weights; the mean stays reciprocal', () => {
    const a = [
      [1, 9, 3],
      ['1/9', 1, '1/3'],
      ['1/3', 3, 1],
    ];
    const b = [
      [1, '1/9', '1/3'],
      [9, 1, 3],
      [3, '1/3', 1],
    ];
    const r = ahpWeights([a, b], { criteria: ['x', 'y', 'z'] });
    expect(r.experts).toBe(2);
    r.vector.forEach((w) => expect(w).toBeCloseTo(1 / 3, 12));
    r.matrix.forEach((row, i) => row.forEach((x, j) => expect(x * ((r.matrix[j] as number[])[i] as number)).toBeCloseTo(1, 12)));
  });

  it('aggregates entry by entry: 4 and 1 give 2, as a hand computation', () => {
    const r = ahpWeights(
      [
        [
          [1, 4],
          ['1/4', 1],
        ],
        [
          [1, 1],
          [1, 1],
        ],
      ],
      { criteria: ['p', 'q'] },
    );
    expect(r.matrix[0]?.[1]).toBeCloseTo(2, 12);
    expect(r.weights.p).toBeCloseTo(2 / 3, 12);
  });
});

describe('ahpWeights refusals', () => {
  const three = ['a', 'b', 'c'];
  const good = () => [
    [1, 3, 5],
    ['1/3', 1, 2],
    ['1/5', '1/2', 1],
  ];
  const cases: { name: string; matrix: unknown; options?: object; issues: string[] }[] = [
    { name: 'too few rows', matrix: [[1, 3, 5]], issues: ['matrix [not_square]'] },
    { name: 'a short row', matrix: [[1, 3, 5], ['1/3', 1], ['1/5', '1/2', 1]], issues: ['matrix[1] [not_square]'] },
    { name: 'a zero and a negative', matrix: [[1, 0, 5], ['1/3', 1, -2], ['1/5', '1/2', 1]], issues: ['matrix[0][1] [invalid_judgment]', 'matrix[1][2] [invalid_judgment]'] },
    { name: 'a word', matrix: [[1, 'three', 5], ['1/3', 1, 2], ['1/5', '1/2', 1]], issues: ['matrix[0][1] [invalid_judgment]'] },
    { name: 'a diagonal that is not 1', matrix: [[2, 3, 5], ['1/3', 1, 2], ['1/5', '1/2', 1]], issues: ['matrix[0][0] [diagonal_not_one]'] },
    { name: 'off the 1-9 scale', matrix: [[1, 10, 5], ['1/10', 1, 2], ['1/5', '1/2', 1]], issues: ['matrix[0][1] [out_of_scale]', 'matrix[1][0] [out_of_scale]'] },
    { name: 'not reciprocal', matrix: [[1, 3, 5], ['1/3', 1, 2], [5, '1/2', 1]], issues: ['matrix[2][0] [not_reciprocal]'] },
    { name: 'an unknown criterion', matrix: good(), options: { criteria: ['a', 'b', 'zz'], known: ['a', 'b', 'c'] }, issues: ['criteria[2] [unknown_criterion]'] },
    { name: 'a criterion twice', matrix: good(), options: { criteria: ['a', 'b', 'a'] }, issues: ['criteria[2] [duplicate_criterion]'] },
    { name: 'a misspelt option', matrix: good(), options: { criteria: three, acceptInconsistant: true }, issues: ['options.acceptInconsistant [unknown_option]'] },
    { name: 'an absurd tolerance', matrix: good(), options: { criteria: three, tolerance: 0 }, issues: ['options.tolerance [invalid_option]'] },
    { name: 'one expert of two wrong', matrix: [good(), [[1, 3, 5], ['1/3', 1, 2], ['1/5', 2, 1]]], issues: ['matrices[1][2][1] [not_reciprocal]'] },
  ];
  it.each(cases)('refuses $name', ({ matrix, options, issues }) => {
    expect(issuesOf(() => ahpWeights(matrix as never, { criteria: three, ...options } as never))).toEqual(issues);
  });

  it('refuses more criteria than the random index table covers', () => {
    expect(issuesOf(() => ahpWeights(consistent(new Array(11).fill(1)), { criteria: ids(11) }))).toEqual(['criteria [too_many_criteria]']);
  });

  it('accepts a reciprocal written as a rounded decimal', () => {
    expect(ahpWeights([[1, 3], [0.333, 1]], { criteria: ['p', 'q'] }).weights.p).toBeCloseTo(0.75, 3);
  });
});

// Xu, X. (2004). A note on the subjective and objective integrated approach to determine attribute
// weights. European Journal of Operational Research 156(2), 530-532: entropy weights
// 0.4630, 0.3992, 0.1378, 0.0000. Zavadskas, E. K., & Podvezko, V. (2016). Integrated determination
// of objective criteria weights in MCDM. IJITDM 15(2), 267-283: 0.1146, 0.1981, 0.4185, 0.2689
// (shares of the raw values, as printed). Both are the test cases of the pyrepo-mcda package.
describe('entropy weights against published examples', () => {
  it('Xu (2004)', () => {
    const r = entropyWeightsOfMatrix([
      [30, 30, 38, 29],
      [19, 54, 86, 29],
      [19, 15, 85, 28.9],
      [68, 70, 60, 29],
    ]);
    expect(r.vector.map((w) => w.toFixed(4))).toEqual(['0.4630', '0.3992', '0.1378', '0.0000']);
  });
  it('Zavadskas & Podvezko (2016)', () => {
    const r = entropyWeightsOfMatrix([
      [3.0, 100, 10, 7],
      [2.5, 80, 8, 5],
      [1.8, 50, 20, 11],
      [2.2, 70, 12, 9],
    ]);
    expect(r.vector.map((w) => w.toFixed(4))).toEqual(['0.1146', '0.1981', '0.4185', '0.2689']);
  });
  it('reads a value whose share underflows to 0 as 0 (found by the property test below)', () => {
    const r = entropyWeightsOfMatrix([[5e-324, 1], [1, 0], [1, 0]]); // 5e-324 / 2 is 0 in doubles
    for (const w of r.vector) expect(Number.isFinite(w)).toBe(true);
  });
  it('agrees with a hand computation, and gives a constant column 0', () => {
    // Column [1, 3]: shares .25/.75, e = 0.811278/1, d = 0.188722; column [1, 0]: e = 0, d = 1; [2, 2]: constant.
    const r = entropyWeightsOfMatrix([
      [1, 1, 2],
      [3, 0, 2],
    ]);
    expect(r.vector[0]).toBeCloseTo(0.188722 / 1.188722, 6);
    expect(r.vector[1]).toBeCloseTo(1 / 1.188722, 6);
    expect(r.skipped).toEqual([{ criterion: '2', reason: 'constant' }]);
  });
});

// Tuş, A., & Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods for the
// time and attendance software selection problem. Opsearch 56(2), 528-538: CRITIC weights
// 0.157, 0.249, 0.168, 0.121, 0.154, 0.151 (the test case of pyrepo-mcda, which reproduces them
// with every column scaled as a benefit, as here).
describe('CRITIC weights against a published example', () => {
  const software = [
    [5000, 3, 3, 4, 3, 2],
    [680, 5, 3, 2, 2, 1],
    [2000, 3, 2, 3, 4, 3],
    [600, 4, 3, 1, 2, 2],
    [800, 2, 4, 3, 3, 4],
  ];
  it('Tuş & Aytaç Adalı (2019)', () => {
    expect(criticWeightsOfMatrix(software).vector.map((w) => w.toFixed(3))).toEqual(['0.157', '0.249', '0.168', '0.121', '0.154', '0.151']);
  });
  it('a cost column is the same as its negation taken as a benefit', () => {
    const cost = criticWeightsOfMatrix(software, undefined, { cost: [true, false, false, false, false, false] });
    const negated = criticWeightsOfMatrix(software.map(([price, ...rest]) => [-(price as number), ...rest]));
    cost.vector.forEach((w, j) => expect(w).toBeCloseTo(negated.vector[j] as number, 12));
  });
});

describe('objective weights properties', () => {
  const matrix = fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: 3, maxLength: 12 }),
  );
  it('sum to 1 (or refuse when nothing varies), stay in [0, 1], and permute with the columns', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        for (const method of [entropyWeightsOfMatrix, (x: number[][]) => criticWeightsOfMatrix(x)]) {
          const issues = issuesOf(() => method(m));
          if (issues.length > 0) {
            expect(issues).toEqual(['matrix [no_variation]']);
            continue;
          }
          const r = method(m);
          expect(r.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (const w of r.vector) expect(w >= 0 && w <= 1).toBe(true);
          const reversed = method(m.map((row) => [...row].reverse()));
          r.vector.forEach((w, j) => expect(reversed.vector[r.vector.length - 1 - j]).toBeCloseTo(w, 9));
        }
      }),
    );
  });
});

describe('objective weights, a counterexample found by the property above', () => {
  it('keeps CRITIC weights in [0, 1] when rounding puts the correlation of nearly collinear columns past 1', () => {
    // Every column is 0, then its largest value, then a tiny one: after min-max scaling the
    // columns are nearly collinear, and their correlations rounded to just over 1 gave weights
    // of -0.5 and 1.0000000000002.
    const m = [
      [0, 0, 0, 0],
      [2.5735760675469347e-98, 1.0914171357120166e-119, 4.629236550023178e-20, 5.26830748331069e-73],
      [1.8817090759845306e-110, 3.818118482077986e-132, 0, 1.3438068927514103e-86],
    ];
    const r = criticWeightsOfMatrix(m);
    for (const w of r.vector) expect(w >= 0 && w <= 1).toBe(true);
    expect(r.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('objective weights of a match result', () => {
  const outcome = (criterion: string, score: number, applicable = true): CriterionOutcome => ({
    criterion,
    kind: 'score',
    applicable,
    pass: true,
    score,
    weight: 1,
    contribution: 0,
    reasons: [],
  });
  const candidate = (rank: number, outcomes: CriterionOutcome[]) => ({ rank, supplier: `S${rank}`, offering: `S${rank}-O1`, item: undefined, score: 0, outcomes });
  // Written by hand: two lines, three candidates; price does not apply to the third.
  const result = {
    settings: {
      asOf: '2025-01-01',
      aggregate: 'weightedSum',
      topK: 10,
      rejectedK: 10,
      candidates: 'blocked',
      criteria: [
        { id: 'itemFit', kind: 'score', weight: 3 },
        { id: 'price', kind: 'score', weight: 1 },
        { id: 'leadTime', kind: 'score', weight: 1 },
      ],
    },
    lines: [
      { candidates: [candidate(1, [outcome('itemFit', 1), outcome('price', 0.2), outcome('leadTime', 0.5)]), candidate(2, [outcome('itemFit', 0.5), outcome('price', 0.8), outcome('leadTime', 0.5)])] },
      { candidates: [candidate(1, [outcome('itemFit', 1), outcome('price', 0.9, false), outcome('leadTime', 0.5)])] },
    ],
  } as unknown as MatchResult;

  it('reads one row per ranked candidate, a cell left out where the criterion does not apply', () => {
    expect(scoreMatrixOf(result)).toEqual({
      criteria: ['itemFit', 'price', 'leadTime'],
      matrix: [
        [1, 0.2, 0.5],
        [0.5, 0.8, 0.5],
        [1, undefined, 0.5],
      ],
    });
  });

  it('weighs the criteria whose scores vary, and gives a constant one 0', () => {
    const e = entropyWeights(result);
    expect(e.counts).toEqual([3, 2, 3]);
    expect(e.skipped).toEqual([{ criterion: 'leadTime', reason: 'constant' }]);
    expect(e.weights.leadTime).toBe(0);
    const c = criticWeights(result);
    expect(c.weights.leadTime).toBe(0);
    expect((c.weights.itemFit as number) + (c.weights.price as number)).toBeCloseTo(1, 12);
  });

  it('plugs into createMatcher({ weights })', () => {
    const matcher = createMatcher({ weights: ahpWeights(LEADER, { criteria: ['itemFit', 'price', 'capacity', 'leadTime'] }).weights });
    expect(matcher.criteria.find((c) => c.id === 'itemFit')?.weight).toBeCloseTo(0.547, 2);
  });
});
