/**
 * `allocate` with its notebook display (see `displayed.ts`), apart so that the core entry point
 * does not load the solver.
 */
import { allocate as allocateOf, type AllocateOptions, type AllocationPlan } from '../allocate/allocate.js';
import type { MatchResult } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import { allocationBundle } from './bundles.js';
import { withDisplay } from './display.js';

/**
 * Decides who supplies what, and how much: a quantity for each (demand line, qualified
 * offering) of a match result, solved as a linear or mixed-integer programme by HiGHS. Each
 * offering's capacity is shared by every line that ranks it; lines that share no capacity and
 * no quota are solved apart (so one line whose constraints cannot hold leaves every other
 * line planned). `minSuppliers`, a maximum share per supplier, minimum orders and domestic
 * quotas hold as asked or the plan says which cannot, line by line; with `relax: true` the
 * least of them is given up, along `relaxOrder`, and reported. `cost` and `domestic` are
 * lexicographic: the most demand served first, then the cheapest (or most domestic) of all
 * plans that serve that much. Deterministic by default: a node limit, not a clock.
 *
 * Use a result matched with a `topK` large enough to keep every qualified candidate; lines
 * whose qualified candidates were cut are named in `warnings`.
 *
 * @example
 * const plan = await allocate(createMatcher({ topK: 1000 }).match(dataset), dataset, { objective: 'cost' });
 * plan.status; // => 'optimal'
 * plan.lines[0]?.allocations[0]; // => { supplier: 'S-005', offering: 'S-005-O1', quantity: 840, quantityText: '840 unit/month', share: 0.7, ... }
 */
export async function allocate(result: MatchResult, dataset: Dataset, options?: AllocateOptions): Promise<AllocationPlan> {
  const plan = await allocateOf(result, dataset, options);
  return withDisplay(plan, () => allocationBundle(plan, { dataset }));
}
