import { capacityCriterion } from './capacity.js';
import { certificationCriterion } from './certification.js';
import type { Criterion } from './criterion.js';
import { decisionCriterion } from './decision.js';
import { itemFitCriterion } from './item-fit.js';
import { leadTimeCriterion } from './lead-time.js';
import { localityCriterion } from './locality.js';
import { priceCriterion } from './price.js';
import { readinessCriterion } from './readiness.js';
import { specFitCriterion } from './spec-fit.js';

/**
 * The built-in criteria in their default order: item fit, spec fit, certification, capacity,
 * lead time, locality, price, readiness, and the buyers' decisions (weight 0 by default: a
 * rejection gates, the rest is shown). A new array each call, so callers may add to it.
 *
 * @example
 * createMatcher({ criteria: [...defaultCriteria(), { criterion: expressionCriterion, options: { formula: 'min(itemFit, capacity)' } }] });
 */
export function defaultCriteria(): Criterion[] {
  return [
    itemFitCriterion,
    specFitCriterion,
    certificationCriterion,
    capacityCriterion,
    leadTimeCriterion,
    localityCriterion,
    priceCriterion,
    readinessCriterion,
    decisionCriterion,
  ] as Criterion[];
}
