import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPRESSION_REASONS, expressionCriterion } from '../../src/criteria/expression.js';
import { unpackVerdict, type FastJudge } from '../../src/criteria/fast.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

function input(scores: Record<string, number>): PairFromInput {
  return { line: { id: 'L1', text: 'resin', quantity: '100 L/year' }, offering: { id: 'O1', text: 'resin' }, scores };
}

describe('expressionCriterion', () => {
  // testCriterion also checks each verdict's quick path against it and its reasons against meta.reasons.
  it('passes its table of cases', () => {
    const summary = testCriterion(expressionCriterion, {
      valid: [
        { name: 'a weighted mix', input: input({ itemFit: 1, capacity: 0.5 }), options: { formula: '0.6*itemFit + 0.4*capacity' }, expect: { score: 0.8, reasons: [EXPRESSION_REASONS.value] } },
        { name: 'min of two', input: input({ a: 0.3, b: 0.7 }), options: { formula: 'min(a, b)' }, expect: { score: 0.3 } },
        { name: 'clamped above', input: input({ a: 0.9 }), options: { formula: '2*a' }, expect: { score: 1 } },
        { name: 'clamped below', input: input({ a: 0.9 }), options: { formula: 'a - 2' }, expect: { score: 0 } },
        { name: 'a comparison counts as 0 or 1', input: input({ a: 0.9 }), options: { formula: 'a > 0.5' }, expect: { score: 1 } },
        {
          name: 'a criterion it reads that does not apply leaves it out',
          input: input({ a: 0.9 }),
          options: { formula: 'a * b' },
          expect: { applicable: false, reasons: [EXPRESSION_REASONS.missing] },
        },
      ],
      invalid: [],
    });
    expect(summary.passed).toBe(6);
  });

  // The formula evaluated once (`evaluate`) and read by both paths: the quick path packs the full
  // verdict for any scores, against a formula worked out here apart.
  it('gives the same outcome on its quick path and in full, and the value worked out apart', () => {
    const formula = '0.6*a + 0.4*min(b, c)';
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, c) => {
        const { pair, context } = pairFrom(input({ a, b, c }));
        const judge = expressionCriterion.create({ formula }, context) as FastJudge;
        const full = judge(pair);
        const quick = unpackVerdict(judge.quick?.(pair) ?? Number.NaN);
        expect(quick).toEqual({ applicable: full.applicable, pass: full.pass, score: full.score });
        expect(full.score).toBeCloseTo(Math.min(1, Math.max(0, 0.6 * a + 0.4 * Math.min(b, c))), 12);
      }),
      { numRuns: 200 },
    );
  });
});
