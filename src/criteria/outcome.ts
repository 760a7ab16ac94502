/** A criterion's part in a candidate's total, as a match result reports it. */
import type { CriterionKind, Reason } from './criterion.js';

/**
 * One criterion's part in a candidate's total. An outcome built from a shared verdict (see
 * `VerdictShare`) is frozen, with its reasons, and may stand in the outcomes of other candidates
 * and lines with the same verdict and contribution: the result serializes as if each had its
 * own copy. Copy an outcome before changing it.
 *
 * @example
 * const outcome = result.lines[0]?.candidates[0]?.outcomes[0];
 * outcome?.reasons.map((r) => r.code); // => ['item.same']
 */
export interface CriterionOutcome {
  readonly criterion: string;
  readonly kind: CriterionKind;
  readonly applicable: boolean;
  readonly pass: boolean;
  readonly score: number;
  /** The weight as configured (before renormalizing over applicable criteria). */
  readonly weight: number;
  /** What this criterion added to the total (its share; see the aggregator's documentation). */
  readonly contribution: number;
  readonly reasons: readonly Reason[];
}
