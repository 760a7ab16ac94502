import { z } from 'zod';
import type { CriterionOutcome } from './outcome.js';
import { DECISION_STATUSES, type DecisionStatus } from '../model/decision.js';
import { defineCriterion, sentence } from './criterion.js';
import { indexDecisions, lineDecisionItem, type CoveringDecision } from './decision-index.js';
import { Outcome } from './derive.js';
import { isDeclaredReason, reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

/**
 * Reason codes of {@link decisionCriterion}: the decision followed (`rejected` fails the gate;
 * `approved`, `qualified`, `evaluating` are shown), and the covering decisions not followed
 * (`superseded` by a later one, `pending` when dated after the date judged, `lapsed` when its
 * `until` has passed).
 *
 * @example
 * verdict.reasons[0]?.code; // => 'decision.rejected'
 */
export const DECISION_REASONS = {
  approved: 'decision.approved',
  qualified: 'decision.qualified',
  evaluating: 'decision.evaluating',
  rejected: 'decision.rejected',
  superseded: 'decision.superseded',
  pending: 'decision.pending',
  lapsed: 'decision.lapsed',
} as const;

/** The data of every reason of the decision criterion: the decision cited, and how it stands. */
const DECISION_DATA = {
  status: 'string',
  standing: 'string',
  buyer: 'string',
  by: 'string | null',
  date: 'string',
  until: 'string | null',
  line: 'string | null',
  item: 'string | null',
  supplier: 'string',
  offering: 'string | null',
  reason: 'string',
} as const;

/**
 * What each reason code of {@link decisionCriterion} means, its severities and its data (its
 * `meta.reasons`, every code with the decision cited); {@link DecisionReason} is derived from it.
 *
 * @example
 * DECISION_REASON_DECLARATIONS['decision.rejected'].data.until; // => 'string | null'
 */
export const DECISION_REASON_DECLARATIONS = {
  [DECISION_REASONS.approved]: { severity: 'info', description: 'the decision followed approves the supplier or offering', data: DECISION_DATA },
  [DECISION_REASONS.qualified]: { severity: 'info', description: 'the decision followed qualifies it', data: DECISION_DATA },
  [DECISION_REASONS.evaluating]: { severity: 'info', description: 'the decision followed is an evaluation under way', data: DECISION_DATA },
  [DECISION_REASONS.rejected]: { severity: 'failure', description: 'the decision followed rejects it', data: DECISION_DATA },
  [DECISION_REASONS.superseded]: { severity: 'info', description: 'a covering decision that a later one replaces', data: DECISION_DATA },
  [DECISION_REASONS.pending]: { severity: 'info', description: 'a covering decision dated after asOf', data: DECISION_DATA },
  [DECISION_REASONS.lapsed]: { severity: 'info', description: 'a covering decision whose until has passed', data: DECISION_DATA },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link decisionCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'decision.rejected') r.data.by; // => 'QA, J. Park'
 */
export type DecisionReason = DeclaredReason<typeof DECISION_REASON_DECLARATIONS>;

const decisionReasonOf = reasonMaker(DECISION_REASON_DECLARATIONS);

const StatusScore = z.number().min(0).max(1);

/**
 * Options of {@link decisionCriterion}: the score of a pair by the status of the decision
 * followed. A status without a score (by default `evaluating`) is shown but does not score.
 *
 * @example
 * DecisionOptionsSchema.parse({ scores: { approved: 1, qualified: 0.9, evaluating: 0.5 } });
 */
export const DecisionOptionsSchema = z.strictObject({
  /** Score of each status that is not a rejection; a status left out keeps its default. */
  scores: z.strictObject({
    approved: StatusScore.optional(),
    qualified: StatusScore.optional(),
    evaluating: StatusScore.optional(),
  }),
});
/**
 * Validated options of {@link decisionCriterion}.
 *
 * @example
 * const options: DecisionOptions = { scores: { evaluating: 0.5 } };
 */
export type DecisionOptions = z.infer<typeof DecisionOptionsSchema>;

const DEFAULT_SCORES: Readonly<Partial<Record<Exclude<DecisionStatus, 'rejected'>, number>>> = Object.freeze({ approved: 1, qualified: 1 });

const STATUS_TEXT: Readonly<Record<DecisionStatus, string>> = {
  approved: 'Approved',
  qualified: 'Qualified',
  evaluating: 'Under evaluation',
  rejected: 'Rejected',
};

/** What the decision criterion reads from an offering: its supplier's id and its own. */
interface DecisionOffering {
  readonly supplier: string;
  readonly offering: string;
}
/** What the decision criterion reads from a line: its buyer's id, its own and the item decisions name (see lineDecisionItem). */
interface DecisionLine {
  readonly buyer: string;
  readonly line: string;
  readonly item: string | undefined;
}

/**
 * What a buyer decided about the supplier: the dataset's `decisions` (see `DecisionSchema`)
 * that cover the pair, judged on the match's `asOf`. The latest decision in force decides: a
 * rejection fails the gate, citing who rejected, when, until when and why; an approval or a
 * qualification is shown and scores (1 by default), so that with a weight above 0 it lifts the
 * candidate; an evaluation under way is shown and scores only when `scores.evaluating` is set.
 * Decisions dated after `asOf` (not in force yet), past their `until`, or superseded by a later
 * one are cited but decide nothing. A pair that no decision covers gets a verdict that does not
 * apply and has no reasons. Its default weight is 0: decisions gate and show, and weigh in only
 * when asked (`weights: { decision: 1 }`).
 *
 * @example
 * const judge = decisionCriterion.create(decisionCriterion.meta.defaults, context); // context.decisions holds the rejection
 * judge(pair);
 * // => { applicable: true, pass: false, score: 0, reasons: [{ code: 'decision.rejected',
 * //      message: 'Rejected by B-01 (QA, J. Park) on 2020-12-10 for line SB-D01, every offering of S-002: failed the retention audit.' }] }
 */
export const decisionCriterion = defineCriterion({
  meta: {
    id: 'decision',
    description: "what the buyer decided about the supplier (approved, qualified, evaluating, rejected), from the dataset's decisions",
    kind: 'both',
    weight: 0,
    reasons: DECISION_REASON_DECLARATIONS,
    options: DecisionOptionsSchema,
    defaults: { scores: { ...DEFAULT_SCORES } },
  },
  rule(options, context) {
    const index = indexDecisions(context.decisions ?? []);
    const { asOf } = context;
    const scoreOf = (status: Exclude<DecisionStatus, 'rejected'>): number | undefined => options.scores[status] ?? DEFAULT_SCORES[status];
    return {
      // Who offers: decisions name a supplier, and may name one of its offerings; null for an
      // offering of a supplier no decision names (most of them), so that those share one fact.
      offering: ({ offering, supplier }): DecisionOffering | null => (index.hasSupplier(supplier.id) ? { supplier: supplier.id, offering: offering.id } : null),
      // Whose line: its buyer, its id and the item its decisions name; null when the run holds no
      // decision (every line then has the same facts).
      line: (line): DecisionLine | null => (index.size === 0 ? null : { buyer: line.buyer.id, line: line.line.id, item: lineDecisionItem(line.resolution) }),
      judge(line, offer, report) {
        // Most offerings come from suppliers nobody decided about: no reasons, not applicable.
        if (offer === null || line === null) return Outcome.notApplicable;
        const covering = index.covering({ buyer: line.buyer, line: line.line, item: line.item, supplier: offer.supplier, offering: offer.offering }, asOf);
        if (report !== undefined) for (const c of covering) report(decisionReason(c, asOf));
        const followed = covering[0]?.standing === 'followed' ? covering[0].decision : undefined;
        if (followed === undefined) return Outcome.notApplicable;
        if (followed.status === 'rejected') return Outcome.of(false, 0);
        const score = scoreOf(followed.status);
        return score === undefined ? Outcome.notApplicable : Outcome.of(true, score);
      },
      // Only a rejection fails, scoring 0; a line no rejection covers passes every offering.
      failScore: (line) => (line !== null && index.rejectsFor(line.buyer, line.line, line.item, asOf) ? 0 : undefined),
    };
  },
});

/** The reason that cites one covering decision: who, when, until when, for what, and why. */
function decisionReason({ decision: d, standing }: CoveringDecision, asOf: string): DecisionReason {
  const scope = `for ${d.line !== undefined ? `line ${d.line}` : `item ${d.item ?? ''}`}, ${d.offering !== undefined ? `offering ${d.offering} of ${d.supplier}` : `every offering of ${d.supplier}`}`;
  const cited = `${STATUS_TEXT[d.status]} by ${d.buyer}${d.by !== undefined ? ` (${d.by})` : ''} on ${d.date}${d.until !== undefined ? ` until ${d.until}` : ''} ${scope}: ${d.reason}`;
  const data = {
    status: d.status,
    standing,
    buyer: d.buyer,
    by: d.by ?? null,
    date: d.date,
    until: d.until ?? null,
    line: d.line ?? null,
    item: d.item ?? null,
    supplier: d.supplier,
    offering: d.offering ?? null,
    reason: d.reason,
  };
  switch (standing) {
    case 'followed':
      return decisionReasonOf(DECISION_REASONS[d.status], sentence(cited), data, d.status === 'rejected' ? 'failure' : 'info');
    case 'superseded':
      return decisionReasonOf(DECISION_REASONS.superseded, `${sentence(cited)} A later decision replaces it.`, data);
    case 'pending':
      return decisionReasonOf(DECISION_REASONS.pending, `${sentence(cited)} It does not apply yet: it is dated after ${asOf}.`, data);
    case 'lapsed':
      return decisionReasonOf(DECISION_REASONS.lapsed, `${sentence(cited)} It no longer applies: it ended before ${asOf}.`, data);
  }
}

/**
 * The decision a candidate's outcomes say was followed (see {@link decisionCriterion}), read
 * from its reason's data: status, who, when, until when and why; undefined when none was.
 *
 * @example
 * followedDecision(result.lines[0].rejected[0].outcomes);
 * // => { status: 'rejected', buyer: 'B-01', by: 'QA, J. Park', date: '2020-12-10', until: '2021-12-31', reason: '...' }
 */
export function followedDecision(outcomes: readonly CriterionOutcome[]): FollowedDecision | undefined {
  for (const o of outcomes)
    for (const r of o.reasons) {
      const status = FOLLOWED_CODES.get(r.code);
      if (status === undefined || !isDeclaredReason(DECISION_REASON_DECLARATIONS, r)) continue;
      const { buyer, by, date, until, reason } = r.data;
      return { status, buyer, by, date, until, reason };
    }
  return undefined;
}

/**
 * What {@link followedDecision} reads off a candidate.
 *
 * @example
 * const d: FollowedDecision = { status: 'qualified', buyer: 'B-01', by: null, date: '2020-11-20', until: null, reason: 'audit passed' };
 */
export interface FollowedDecision {
  readonly status: DecisionStatus;
  readonly buyer: string;
  readonly by: string | null;
  readonly date: string;
  readonly until: string | null;
  readonly reason: string;
}

/** The reason codes of a followed decision, by the status they stand for. */
const FOLLOWED_CODES: ReadonlyMap<string, DecisionStatus> = new Map(DECISION_STATUSES.map((s) => [DECISION_REASONS[s], s]));
