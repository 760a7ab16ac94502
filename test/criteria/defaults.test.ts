import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { defineCriterion, type Criterion } from '../../src/criteria/criterion.js';
import { BUILT_IN_CRITERIA, DEFAULT_WEIGHTS, defaultCriteria } from '../../src/criteria/defaults.js';
import { createMatcher } from '../../src/engine/matcher.js';

/** A criterion that judges nothing, with the id and meta given. */
const plain = (id: string, weight?: number): Criterion =>
  defineCriterion({
    meta: { id, description: 'scores 1', kind: 'score', options: z.strictObject({}), defaults: {}, ...(weight === undefined ? {} : { weight }) },
    create: () => () => ({ applicable: true, pass: true, score: 1, reasons: [] }),
  });

describe('default weights are declared by each criterion, not looked up by id', () => {
  // Written down before the weights moved into each criterion's meta.
  const expected = { itemFit: 3, specFit: 2, certification: 2, capacity: 2, leadTime: 1, locality: 1, price: 1, readiness: 1, expression: 1, decision: 0 };

  it('the built-ins weigh what they weighed, in the table and in a matcher', () => {
    expect(DEFAULT_WEIGHTS).toEqual(expected);
    expect(Object.fromEntries(Object.entries(BUILT_IN_CRITERIA).map(([id, e]) => [id, e.criterion.meta.weight]))).toEqual(expected);
    expect(Object.fromEntries(createMatcher({ criteria: defaultCriteria() }).criteria.map((c) => [c.id, c.weight]))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([id]) => id !== 'expression')),
    );
  });

  it('a criterion weighs its own meta.weight, else 1, whatever its id; configuration comes first', () => {
    const weights = (criteria: Criterion[], extra: Record<string, number> = {}) =>
      createMatcher({ criteria, weights: extra }).criteria.map((c) => [c.id, c.weight]);
    expect(weights([plain('capacity'), plain('custom', 2.5)])).toEqual([['capacity', 1], ['custom', 2.5]]);
    // A copy of a built-in's meta keeps its weight.
    expect(weights([defineCriterion({ meta: { ...capacityCriterion.meta, id: 'capacity2' }, create: capacityCriterion.create })])).toEqual([['capacity2', 2]]);
    expect(weights([plain('custom', 2.5)], { custom: 4 })).toEqual([['custom', 4]]);
    expect(createMatcher({ criteria: [{ criterion: plain('custom', 2.5), weight: 0.5 }] }).criteria[0]?.weight).toBe(0.5);
  });

  it('a declared weight out of range is refused as any weight is', () => {
    expect(() => createMatcher({ criteria: [plain('custom', -1)] })).toThrow(/weight of "custom" is not a number from 0/);
  });
});
