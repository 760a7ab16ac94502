import { capacityCriterion } from './capacity.js';
import { certificationCriterion } from './certification.js';
import type { Criterion } from './criterion.js';
import { decisionCriterion } from './decision.js';
import { expressionCriterion } from './expression.js';
import { itemFitCriterion } from './item-fit.js';
import { leadTimeCriterion } from './lead-time.js';
import { localityCriterion } from './locality.js';
import { priceCriterion } from './price.js';
import { readinessCriterion } from './readiness.js';
import { specFitCriterion } from './spec-fit.js';

/** One built-in criterion in {@link BUILT_IN_CRITERIA}: the criterion (its default weight in its `meta.weight`) and whether `defaultCriteria` lists it. */
export interface BuiltInCriterion {
  readonly criterion: Criterion;
  readonly listedByDefault: boolean;
}

/**
 * The one registry of built-in criteria, by id, in their default order (internal to the package):
 * `defaultCriteria`, `DEFAULT_WEIGHTS` and the criteria a worker thread can be configured with by
 * id (`matcherConfigFrom`) all read it. Each declares its default weight (`meta.weight`): what
 * the item is and whether it can be trusted (specs, certificates) weigh most, then volume, then
 * the rest; a buyer's decisions gate and show, and weigh in only when given a weight; the
 * expression criterion is listed only when asked for.
 *
 * @example
 * BUILT_IN_CRITERIA.capacity.criterion.meta.weight; // => 2
 */
export const BUILT_IN_CRITERIA = Object.freeze({
  itemFit: { criterion: itemFitCriterion as unknown as Criterion, listedByDefault: true },
  specFit: { criterion: specFitCriterion as unknown as Criterion, listedByDefault: true },
  certification: { criterion: certificationCriterion as unknown as Criterion, listedByDefault: true },
  capacity: { criterion: capacityCriterion as unknown as Criterion, listedByDefault: true },
  leadTime: { criterion: leadTimeCriterion as unknown as Criterion, listedByDefault: true },
  locality: { criterion: localityCriterion as unknown as Criterion, listedByDefault: true },
  price: { criterion: priceCriterion as unknown as Criterion, listedByDefault: true },
  readiness: { criterion: readinessCriterion as unknown as Criterion, listedByDefault: true },
  expression: { criterion: expressionCriterion as unknown as Criterion, listedByDefault: false },
  decision: { criterion: decisionCriterion as unknown as Criterion, listedByDefault: true },
} satisfies Record<string, BuiltInCriterion>);

/**
 * Ids of the built-in criteria (see {@link BUILT_IN_CRITERIA}).
 *
 * @example
 * const id: BuiltInCriterionId = 'leadTime';
 */
export type BuiltInCriterionId = keyof typeof BUILT_IN_CRITERIA;

/**
 * Default weights of the built-in criteria, by id: each one's `meta.weight` (see
 * {@link BUILT_IN_CRITERIA}). A matcher weighs a criterion by its own `meta.weight`, not by this
 * table: a criterion of another id weighs what it declares. What the item is and
 * whether it can be trusted (specs, certificates) count most, then volume, then the rest. A
 * buyer's decisions gate and show, and weigh in only when given a weight.
 *
 * @example
 * DEFAULT_WEIGHTS.itemFit; // => 3
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(Object.entries(BUILT_IN_CRITERIA).map(([id, entry]) => [id, entry.criterion.meta.weight ?? 1])),
);

/**
 * The built-in criteria in their default order: item fit, spec fit, certification, capacity,
 * lead time, locality, price, readiness, and the buyers' decisions (weight 0 by default: a
 * rejection gates, the rest is shown). A new array each call, so callers may add to it.
 *
 * @example
 * createMatcher({ criteria: [...defaultCriteria(), { criterion: expressionCriterion, options: { formula: 'min(itemFit, capacity)' } }] });
 */
export function defaultCriteria(): Criterion[] {
  return Object.values(BUILT_IN_CRITERIA as Readonly<Record<string, BuiltInCriterion>>)
    .filter((entry) => entry.listedByDefault)
    .map((entry) => entry.criterion);
}
