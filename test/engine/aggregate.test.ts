import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATORS,
  aggregatorByName,
  topsis,
  topsisCloseness,
  weightedProduct,
  weightedSum,
  type AggregateInput,
  type Aggregator,
  type CriterionDirection,
} from '../../src/engine/aggregate.js';
import { SupplymatchError } from '../../src/errors.js';

const B: CriterionDirection = 'benefit';
const C: CriterionDirection = 'cost';

/** Ranks (1 = best) of closeness values, ties sharing the better rank. */
function ranksOf(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v + 1e-9).length);
}

/** Divides each column by a positive constant: vector-normalized TOPSIS does not see it. */
function scaleColumns(matrix: readonly (readonly number[])[], by: readonly number[]): number[][] {
  return matrix.map((row) => row.map((x, j) => x / (by[j] ?? 1)));
}

const ALL: readonly (readonly [string, () => Aggregator])[] = [
  ['weightedSum', () => weightedSum()],
  ['weightedProduct', () => weightedProduct()],
  ['topsis (vector)', () => topsis()],
  ['topsis (linear)', () => topsis({ normalization: 'linear' })],
];

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('topsisCloseness reproduces published examples', () => {
  // Source: Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
  // Applications. CRC Press, TOPSIS chapter, numerical example (4 alternatives × 3 benefit
  // criteria, w = 0.3/0.4/0.3, vector normalization). Published closeness 0.5037, 0.6581,
  // 0.7482, 0.3340, ranking A3 > A2 > A1 > A4; values as quoted in scikit-criteria's test
  // suite (quatrope/scikit-criteria, tests/madm/test_topsis.py and test_similarity.py,
  // `test_TOPSIS_tzeng2011multiple`, atol 1e-4).
  const tzeng = [
    [5, 8, 4],
    [7, 6, 8],
    [8, 8, 6],
    [7, 4, 6],
  ];

  it('Tzeng & Huang (2011): vector normalization, benefit criteria', () => {
    const c = topsisCloseness(tzeng, [0.3, 0.4, 0.3], [B, B, B], 'vector');
    [0.5037, 0.6581, 0.7482, 0.334].forEach((published, i) => expect(c[i]).toBeCloseTo(published, 4));
    expect(ranksOf(c)).toEqual([3, 2, 1, 4]);
  });

  // Source: Hodgett, R. "TOPSIS in Excel", http://hodgett.co.uk/topsis-in-excel/ — car choice
  // (Corsa, Clio, Fiesta) on purchase price (cost), economy, aesthetics and boot capacity,
  // w = 0.35/0.25/0.25/0.15, vector normalization. Published ideal
  // (0.179573776, 0.171636015, 0.159499658, 0.087302767) and closeness 0.4817 (Corsa),
  // 0.5182 (Clio), 0.1780 (Fiesta), as reproduced in the R package MCDA's tests
  // (tests/TOPSIS.R, `s1`), which also checks Corsa vs Clio on the first three criteria only:
  // 0.4943, 0.5057 (`s3`).
  // Hand check of the ideal for price: √(5490² + 6500² + 6489²) = 10700.34;
  // 0.35 × 5490 / 10700.34 = 0.17957 ✓ (cost criterion: the ideal is the column minimum).
  const cars = [
    [5490, 51.4, 8.5, 285],
    [6500, 70.6, 7, 288],
    [6489, 54.3, 7.5, 290],
  ];
  const carWeights = [0.35, 0.25, 0.25, 0.15];

  it('Hodgett, TOPSIS in Excel: vector normalization with a cost criterion', () => {
    const c = topsisCloseness(cars, carWeights, [C, B, B, B], 'vector');
    [0.4817, 0.5182, 0.178].forEach((published, i) => expect(c[i]).toBeCloseTo(published, 4));
    expect(ranksOf(c)).toEqual([2, 1, 3]); // Clio > Corsa > Fiesta
  });

  it('Hodgett / MCDA: the same problem restricted to two cars and three criteria', () => {
    const c = topsisCloseness(
      cars.slice(0, 2).map((r) => r.slice(0, 3)),
      carWeights.slice(0, 3),
      [C, B, B],
      'vector',
    );
    expect(c[0]).toBeCloseTo(0.4943, 4);
    expect(c[1]).toBeCloseTo(0.5057, 4);
  });

  // Source: Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a
  // comparative analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2),
  // 445–455, numerical example: A1 = (1, 3000), A2 = (2, 3750), A3 = (5, 4500), f1 a cost,
  // f2 a benefit, w = 0.5/0.5. Closeness 0.500, 0.617, 0.500 with linear (min-max)
  // normalization, as used in pymcdm's test suite (kotbaton/pymcdm, TestTOPSIS, 3 decimals).
  // By hand: r = (1, 0.75, 0) and (0, 0.5, 1); v = 0.5·r; ideal (0.5, 0.5), anti-ideal (0, 0).
  // A1 = (0.5, 0): d⁺ = 0.5, d⁻ = 0.5 → 0.5. A3 symmetric → 0.5.
  // A2 = (0.375, 0.25): d⁺ = √(0.125² + 0.25²) = 0.27951, d⁻ = √(0.375² + 0.25²) = 0.45069
  // → 0.45069 / 0.73020 = 0.61722.
  it('Opricovic & Tzeng (2004): linear normalization', () => {
    const c = topsisCloseness([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [C, B], 'linear');
    [0.5, 0.617, 0.5].forEach((published, i) => expect(c[i]).toBeCloseTo(published, 3));
    expect(ranksOf(c)).toEqual([2, 1, 2]); // A2 first, A1 and A3 tied
  });

  it('the topsis aggregator gives the same closeness on scores rescaled into [0,1]', () => {
    // Vector normalization divides each column by its norm, so dividing a column by a constant
    // first changes nothing: the published values must come out of the aggregator too.
    const t = topsis().aggregate({ scores: scaleColumns(tzeng, [10, 10, 10]), weights: [0.3, 0.4, 0.3] }).totals;
    [0.5037, 0.6581, 0.7482, 0.334].forEach((published, i) => expect(t[i]).toBeCloseTo(published, 4));
    const h = topsis().aggregate({
      scores: scaleColumns(cars, [7000, 100, 10, 300]),
      weights: carWeights,
      directions: [C, B, B, B],
    }).totals;
    [0.4817, 0.5182, 0.178].forEach((published, i) => expect(h[i]).toBeCloseTo(published, 4));
  });
});

describe('topsisCloseness edge cases', () => {
  it('returns 0.5 where closeness is undefined (single row, identical rows, zero weights)', () => {
    expect(topsisCloseness([[3, 4]], [1, 1], [B, B], 'vector')).toEqual([0.5]);
    expect(topsisCloseness([[3, 4], [3, 4]], [1, 1], [B, C], 'linear')).toEqual([0.5, 0.5]);
    expect(topsisCloseness([[1, 2], [2, 1]], [0, 0], [B, B], 'vector')).toEqual([0.5, 0.5]);
  });

  it('rejects malformed matrices with every issue listed', () => {
    try {
      topsisCloseness([[1, Number.NaN], [1]], [1, -1], [B], 'vector');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SupplymatchError);
      const paths = (e as SupplymatchError).issues.map((i) => `${i.path}:${i.code}`);
      expect(paths).toEqual(['weights[1]:invalid_weight', 'directions:length_mismatch', 'matrix[0][1]:not_finite', 'matrix[1]:length_mismatch']);
    }
  });
});

describe('weightedSum', () => {
  it.each([
    // name, scores, weights, directions, totals, contributions
    ['equal weights', [[1, 0.5]], [1, 1], undefined, [0.75], [[0.5, 0.25]]],
    // (3·1 + 1·0.5) / 4 = 0.875
    ['unequal weights', [[1, 0.5]], [3, 1], undefined, [0.875], [[0.75, 0.125]]],
    // cost criterion scored 0.2 counts as 0.8: (0.8 + 0.6) / 2 = 0.7
    ['cost direction', [[0.2, 0.6]], [1, 1], [C, B], [0.7], [[0.4, 0.3]]],
    // weights need not sum to 1: (2·0.5 + 2·1 + 6·0.25) / 10 = 0.45
    ['unnormalized weights', [[0.5, 1, 0.25]], [2, 2, 6], undefined, [0.45], [[0.1, 0.2, 0.15]]],
  ] as const)('%s', (_name, scores, weights, directions, totals, contributions) => {
    const input: AggregateInput = directions ? { scores, weights, directions } : { scores, weights };
    const out = weightedSum().aggregate(input);
    out.totals.forEach((t, i) => expect(t).toBeCloseTo(totals[i] ?? Number.NaN, 12));
    out.contributions.forEach((row, i) => row.forEach((c, j) => expect(c).toBeCloseTo(contributions[i]?.[j] ?? Number.NaN, 12)));
  });

  it('leaves a not-applicable criterion out and renormalizes the other weights', () => {
    // (1·0.8 + 3·0.4) / (1 + 3) = 0.5, not (0.8 + 0 + 1.2) / 6 = 0.333
    const out = weightedSum().aggregate({ scores: [[0.8, undefined, 0.4]], weights: [1, 2, 3] });
    expect(out.totals[0]).toBeCloseTo(0.5, 12);
    expect(out.totals[0]).toBeCloseTo(weightedSum().aggregate({ scores: [[0.8, 0.4]], weights: [1, 3] }).totals[0] ?? -1, 12);
    [0.2, 0, 0.3].forEach((c, j) => expect(out.contributions[0]?.[j]).toBeCloseTo(c, 12));
  });

  it('gives 0 when nothing applies or every applicable weight is 0', () => {
    const out = weightedSum().aggregate({ scores: [[undefined, undefined], [1, 1], [0.5, undefined]], weights: [0, 1] });
    // row 2: only the zero-weight criterion applies
    expect(out.totals).toEqual([0, 1, 0]);
    expect(out.contributions[2]).toEqual([0, 0]);
  });
});

describe('weightedProduct', () => {
  it.each([
    // √(1 · 0.25) = 0.5
    ['equal weights', [1, 0.25], [1, 1], 0.5],
    // 0.5^(2/3) · 0.125^(1/3) = 2^(-2/3) · 2^(-1) = 2^(-5/3) = 0.3149803
    ['unequal weights', [0.5, 0.125], [2, 1], 2 ** (-5 / 3)],
    // a zero score vetoes, whatever the others
    ['zero vetoes', [1, 0, 1], [1, 1, 1], 0],
    // …unless its weight is 0 (0^0 = 1): √(0.36 · 1) = 0.6
    ['zero under zero weight', [0.36, 0, 1], [1, 0, 1], 0.6],
  ] as const)('%s', (_name, row, weights, total) => {
    expect(weightedProduct().aggregate({ scores: [row], weights }).totals[0]).toBeCloseTo(total, 12);
  });

  it('splits the total in proportion to w·s, so contributions add up to it', () => {
    // total 0.5; terms 1·1 = 1 and 1·0.25 = 0.25 → 0.5 · (0.8, 0.2) = (0.4, 0.1)
    const out = weightedProduct().aggregate({ scores: [[1, 0.25]], weights: [1, 1] });
    expect(out.contributions[0]?.[0]).toBeCloseTo(0.4, 12);
    expect(out.contributions[0]?.[1]).toBeCloseTo(0.1, 12);
  });

  it('leaves a not-applicable criterion out and renormalizes the exponents', () => {
    // 0.64^(1/2) · 0.25^(1/2) over the two applicable criteria = 0.8 · 0.5 = 0.4
    const out = weightedProduct().aggregate({ scores: [[0.64, undefined, 0.25]], weights: [1, 5, 1] });
    expect(out.totals[0]).toBeCloseTo(0.4, 12);
    expect(out.contributions[0]?.[1]).toBe(0);
  });

  it('counts a cost criterion as 1 − s', () => {
    // (1 − 0.75) · 1 under equal weights: √0.25 = 0.5
    expect(weightedProduct().aggregate({ scores: [[0.75, 1]], weights: [1, 1], directions: [C, B] }).totals[0]).toBeCloseTo(0.5, 12);
  });
});

describe('topsis aggregator', () => {
  it('computes closeness over the candidate set (hand-computed)', () => {
    // Column 1: (1, 0, 0.5), norm √1.25; column 2 mirrored; weights 0.75 / 0.25.
    // Candidate 1: d⁺ = 0.25·(1/√1.25) = 0.2236, d⁻ = 0.75·(1/√1.25) = 0.6708 → 0.75.
    // Candidate 3: d⁺ = d⁻ (the midpoint of both columns) → 0.5.
    const out = topsis().aggregate({ scores: [[1, 0], [0, 1], [0.5, 0.5]], weights: [3, 1] });
    [0.75, 0.25, 0.5].forEach((v, i) => expect(out.totals[i]).toBeCloseTo(v, 12));
  });

  it('falls back to the weighted sum for a single candidate or identical candidates', () => {
    expect(topsis().aggregate({ scores: [[0.9, 0.3]], weights: [1, 1] }).totals[0]).toBeCloseTo(0.6, 12);
    const same = topsis({ normalization: 'linear' }).aggregate({ scores: [[0.9, 0.3], [0.9, 0.3]], weights: [1, 3] });
    // (0.9 + 3·0.3) / 4 = 0.45 for both, contributions those of the weighted sum
    expect(same.totals[0]).toBeCloseTo(0.45, 12);
    expect(same.totals[1]).toBeCloseTo(0.45, 12);
    expect(same.contributions[0]?.[0]).toBeCloseTo(0.225, 12);
  });

  it('gives a criterion on which all candidates are equal no share of the total', () => {
    const out = topsis().aggregate({ scores: [[1, 0.7], [0.2, 0.7]], weights: [1, 1] });
    expect(out.contributions[0]?.[1]).toBe(0);
    expect(out.contributions[0]?.[0]).toBeCloseTo(out.totals[0] ?? -1, 12);
  });

  it('leaves a not-applicable criterion out of that candidate only', () => {
    const withGap = topsis().aggregate({ scores: [[0.9, undefined, 0.2], [0.4, 0.8, 0.6], [0.1, 0.5, 0.9]], weights: [2, 1, 1] });
    // Candidate 0 scores as if the middle criterion did not exist…
    const without = topsis().aggregate({ scores: [[0.9, 0.2], [0.4, 0.6], [0.1, 0.9]], weights: [2, 1] });
    expect(withGap.totals[0]).toBeCloseTo(without.totals[0] ?? -1, 12);
    // …while the others still use it (their totals differ from the two-criterion problem).
    expect(withGap.totals[1]).not.toBeCloseTo(without.totals[1] ?? -1, 6);
    expect(withGap.contributions[0]?.[1]).toBe(0);
  });

  it('does not depend on the candidates\' order, to the last bit', () => {
    // Summed in input order, the column norms of these scores differ in the last bit from
    // those summed in reverse order (found by search; the totals then differ by 1 ulp). Equal
    // totals must stay equal when candidates are listed differently, or the id tie-break
    // would rank them differently.
    const scores = [[0.26, 0.05], [0.74, 0.33], [0.63, 0.76], [0.99, 0.37]];
    const forward = topsis().aggregate({ scores, weights: [1, 1] }).totals;
    const backward = topsis().aggregate({ scores: [...scores].reverse(), weights: [1, 1] }).totals;
    expect([...backward].reverse()).toEqual(forward);
  });

  it('uses linear normalization when asked', () => {
    // Same data as Opricovic & Tzeng above, rescaled into [0,1]: min-max does not see the scale.
    const out = topsis({ normalization: 'linear' }).aggregate({
      scores: [[0.2, 3000 / 4500], [0.4, 3750 / 4500], [1, 1]],
      weights: [0.5, 0.5],
      directions: [C, B],
    });
    [0.5, 0.617, 0.5].forEach((v, i) => expect(out.totals[i]).toBeCloseTo(v, 3));
  });
});

describe('names', () => {
  it.each([
    ['weightedSum', 'weightedSum'],
    ['weighted-sum', 'weightedSum'],
    ['sum', 'weightedSum'],
    [' WeightedSum ', 'weightedSum'],
    ['weightedProduct', 'weightedProduct'],
    ['product', 'weightedProduct'],
    ['topsis', 'topsis'],
    ['topsis-vector', 'topsis'],
    ['topsis-linear', 'topsis-linear'],
  ])('aggregatorByName(%j) is %s', (name, id) => {
    expect(aggregatorByName(name)?.id).toBe(id);
  });

  it('knows no other names, including inherited object keys', () => {
    expect(aggregatorByName('median')).toBeUndefined();
    expect(aggregatorByName('toString')).toBeUndefined();
    expect(aggregatorByName('__proto__')).toBeUndefined();
  });

  it('every id is a name that finds the same aggregator', () => {
    for (const [, make] of ALL) expect(aggregatorByName(make().id)?.id).toBe(make().id);
    expect(Object.keys(AGGREGATORS)).toEqual(['weightedSum', 'weightedProduct', 'topsis']);
    expect(AGGREGATORS.topsis().id).toBe('topsis');
  });
});

describe('validation', () => {
  it.each(ALL)('%s rejects bad input with paths', (_name, make) => {
    const bad = { scores: [[0.5, 1.5], [0.5]], weights: [1, Number.NaN], directions: [B] } as AggregateInput;
    try {
      make().aggregate(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SupplymatchError);
      expect((e as SupplymatchError).issues.map((i) => `${i.path}:${i.code}`)).toEqual([
        'weights[1]:invalid_weight',
        'directions:length_mismatch',
        'scores[0][1]:score_out_of_range',
        'scores[1]:length_mismatch',
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

/** A line's problem: 1–8 candidates × 1–5 criteria, some scores not applicable. */
const problemArb = fc
  .record({ candidates: fc.integer({ min: 1, max: 8 }), criteria: fc.integer({ min: 1, max: 5 }) })
  .chain(({ candidates, criteria }) =>
    fc.record({
      scores: fc.array(
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 4 }), { minLength: criteria, maxLength: criteria }),
        { minLength: candidates, maxLength: candidates },
      ),
      // Configured weights: 0 or a sensible positive number (a weight of 1e-300 is not a weight).
      weights: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 10, noNaN: true })), { minLength: criteria, maxLength: criteria }),
      directions: fc.array(fc.constantFrom(B, C), { minLength: criteria, maxLength: criteria }),
    }),
  );

describe.each(ALL)('properties of %s', (_name, make) => {
  it('totals stay in [0,1] and contributions add up to them', () => {
    fc.assert(
      fc.property(problemArb, (input) => {
        const out = make().aggregate(input);
        expect(out.totals).toHaveLength(input.scores.length);
        out.totals.forEach((t, i) => {
          expect(t).toBeGreaterThanOrEqual(0);
          expect(t).toBeLessThanOrEqual(1);
          const row = out.contributions[i] ?? [];
          row.forEach((c) => expect(c).toBeGreaterThanOrEqual(0));
          expect(sum(row)).toBeCloseTo(t, 9);
          // a criterion that does not apply has no share
          input.scores[i]?.forEach((s, j) => {
            if (s === undefined) expect(row[j]).toBe(0);
          });
        });
      }),
    );
  });

  it('scaling all weights by a positive constant does not change the totals', () => {
    fc.assert(
      fc.property(problemArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (input, factor) => {
        const base = make().aggregate(input).totals;
        const scaled = make().aggregate({ ...input, weights: input.weights.map((w) => w * factor) }).totals;
        scaled.forEach((t, i) => expect(t).toBeCloseTo(base[i] ?? Number.NaN, 9));
      }),
    );
  });

  it('all-zero weights give totals of 0, never NaN', () => {
    fc.assert(
      fc.property(problemArb, (input) => {
        const out = make().aggregate({ ...input, weights: input.weights.map(() => 0) });
        expect(out.totals.every((t) => t === 0)).toBe(true);
        expect(out.contributions.flat().every((c) => c === 0)).toBe(true);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(problemArb, (input) => {
        expect(make().aggregate(input)).toEqual(make().aggregate(structuredClone(input)));
      }),
    );
  });

  it('shuffling the candidates permutes the totals accordingly', () => {
    const shuffled = problemArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray(input.scores.map((_, i) => i), { minLength: input.scores.length, maxLength: input.scores.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([input, order]) => {
        const base = make().aggregate(input);
        const permuted = make().aggregate({ ...input, scores: order.map((i) => input.scores[i] ?? []) });
        // Exact: column norms are summed in sorted order, so TOPSIS does not depend on the order.
        expect(permuted.totals).toEqual(order.map((i) => base.totals[i]));
      }),
    );
  });

  it('a not-applicable score gives the total of the problem without it (candidate-wise)', () => {
    const withGap = problemArb
      .filter((p) => p.weights.length >= 2)
      .chain((p) => fc.tuple(fc.constant(p), fc.nat({ max: p.scores.length - 1 }), fc.nat({ max: p.weights.length - 1 })));
    fc.assert(
      fc.property(withGap, ([input, i, j]) => {
        // Blank (i, j), then compare candidate i with the problem where criterion j is gone for all.
        const scores = input.scores.map((row, r) => row.map((s, c) => (r === i && c === j ? undefined : s)));
        const dropJ = <T>(xs: readonly T[]): T[] => xs.filter((_, c) => c !== j);
        const gapped = make().aggregate({ ...input, scores }).totals[i];
        const reduced = make().aggregate({ scores: scores.map(dropJ), weights: dropJ(input.weights), directions: dropJ(input.directions) }).totals[i];
        expect(gapped).toBeCloseTo(reduced ?? Number.NaN, 9);
      }),
    );
  });
});

describe('property: topsisCloseness on arbitrary matrices', () => {
  const matrixArb = fc
    .record({ m: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 5 }) })
    .chain(({ m, n }) =>
      fc.record({
        matrix: fc.array(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
        weights: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
        directions: fc.array(fc.constantFrom(B, C), { minLength: n, maxLength: n }),
        normalization: fc.constantFrom('vector' as const, 'linear' as const),
      }),
    );

  it('closeness is in [0,1] and the best alternative on every criterion gets 1', () => {
    fc.assert(
      fc.property(matrixArb, ({ matrix, weights, directions, normalization }) => {
        const c = topsisCloseness(matrix, weights, directions, normalization);
        c.forEach((x) => {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        });
        // Add a row that dominates on every criterion with margin: it sits at the ideal.
        const dominant = weights.map((_, j) => (directions[j] === 'cost' ? -2e4 : 2e4));
        const withBest = topsisCloseness([...matrix, dominant], weights, directions, normalization);
        if (weights.some((w) => w > 0)) expect(withBest.at(-1)).toBe(1);
      }),
    );
  });
});
