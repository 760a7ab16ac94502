import { lineDecisionItem, indexDecisions } from '../criteria/decision-index.js';
import type { MatchResult } from '../engine/result.js';
import { SupplymatchError } from '../errors.js';
import type { Decision, DecisionStatus } from '../model/decision.js';
import type { TruthLabel } from '../model/truth.js';

/**
 * The grade a decision gives as a label: an approved supplier is the best choice (3), a qualified
 * one a good one (2), a rejected one should not be proposed (0); an evaluation under way says
 * nothing yet and gives no label.
 *
 * @example
 * DECISION_GRADES.qualified; // => 2
 */
export const DECISION_GRADES: Readonly<Record<Exclude<DecisionStatus, 'evaluating'>, number>> = Object.freeze({
  approved: 3,
  qualified: 2,
  rejected: 0,
});

/**
 * Buyers' decisions as labels for `evaluate`: for every line of the result, each supplier that
 * a decision in force on the result's `asOf` covers (see `DecisionSchema`: the line's buyer, the
 * line or the item it asks for) gets one label, from the decision the matcher follows for it
 * (the latest in force; see `indexDecisions`), graded by {@link DECISION_GRADES}. With
 * `evaluate`'s default `relevantGrade` of 2, approved and qualified suppliers are relevant and
 * rejected ones are not; decisions not in force yet, lapsed, or still evaluating give none. The
 * labels name the decision's offering when it has one, and are in result order, then by
 * supplier id.
 *
 * @example
 * const labels = decisionLabels(result, dataset.decisions ?? []);
 * labels[0]; // => { line: 'SB-D01', supplier: 'S-002', grade: 0, rationale: 'rejected by B-01 on 2020-12-10: ...' }
 * evaluate(result, labels).overall.pAt1;
 */
export function decisionLabels(result: MatchResult, decisions: readonly Decision[]): TruthLabel[] {
  if (result === null || typeof result !== 'object' || !Array.isArray((result as { lines?: unknown }).lines))
    throw new SupplymatchError([{ path: 'result', code: 'invalid_input', message: 'decisionLabels needs a match result (matcher.match(dataset))' }]);
  if (!Array.isArray(decisions))
    throw new SupplymatchError([{ path: 'decisions', code: 'invalid_input', message: 'decisionLabels needs the decisions as an array (dataset.decisions)' }]);
  const index = indexDecisions(decisions);
  const asOf = result.settings.asOf;
  const labels: TruthLabel[] = [];
  for (const line of result.lines) {
    for (const d of index.followedBySupplier(line.buyer, line.line, lineDecisionItem(line.resolution), asOf)) {
      if (d.status === 'evaluating') continue;
      labels.push({
        line: line.line,
        supplier: d.supplier,
        ...(d.offering !== undefined ? { offering: d.offering } : {}),
        grade: DECISION_GRADES[d.status],
        rationale: `${d.status} by ${d.buyer}${d.by !== undefined ? ` (${d.by})` : ''} on ${d.date}: ${d.reason}`,
      });
    }
  }
  return labels;
}
