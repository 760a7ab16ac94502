import { z } from 'zod';
import { DateSchema, IdSchema, NameSchema, TextSchema } from './common.js';

/**
 * What a buyer can have decided about a supplier, from the strongest yes to no: `approved` (an
 * approved source), `qualified` (it passed the buyer's qualification), `evaluating` (samples or
 * an audit under way) and `rejected`.
 *
 * @example
 * DECISION_STATUSES.includes('rejected'); // => true
 */
export const DECISION_STATUSES = ['approved', 'qualified', 'evaluating', 'rejected'] as const;
/**
 * One of {@link DECISION_STATUSES}.
 *
 * @example
 * const status: DecisionStatus = 'qualified';
 */
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * A buyer's recorded decision about a supplier (or one of its offerings) for an item or for
 * one of its demand lines, with the date it was taken, an optional last day (`until`), the
 * reason and who took it. `line` and `item` say what the decision is for: exactly one is given.
 * A decision for an item covers every line of the buyer that asks for that item (by its `item`
 * field, or, for a line named by text or code, by the item it resolves to without ambiguity).
 * Without `offering` it covers every offering of the supplier. It is in force from `date` to
 * `until` (both included) on the date a match is judged (see {@link decisionStanding}).
 *
 * @example
 * DecisionSchema.parse({ buyer: 'B-01', line: 'SB-D01', supplier: 'S-002', status: 'rejected',
 *   date: '2020-12-10', reason: 'failed the bacterial retention audit', by: 'QA, J. Park' });
 */
export const DecisionSchema = z
  .strictObject({
    /** The buyer who decided. */
    buyer: IdSchema,
    /** The demand line it was decided for (a line of `buyer`). */
    line: IdSchema.optional(),
    /** The catalog item it was decided for: every line of `buyer` asking for it. */
    item: IdSchema.optional(),
    supplier: IdSchema,
    /** One offering of `supplier`; left out, the decision covers all of them. */
    offering: IdSchema.optional(),
    status: z.enum(DECISION_STATUSES),
    /** The day it was decided, `YYYY-MM-DD`; it applies from that day. */
    date: DateSchema,
    /** The last day it applies, when it was decided for a time (a rejection for a year). */
    until: DateSchema.optional(),
    reason: TextSchema,
    /** Who decided: a person, a role or a committee. */
    by: NameSchema.optional(),
  })
  .refine((d) => (d.line === undefined) !== (d.item === undefined), {
    message: 'a decision is for a line or for an item: give exactly one of "line" and "item"',
    params: { code: 'decision_scope' },
  });
/**
 * A validated {@link DecisionSchema} record.
 *
 * @example
 * const d: Decision = { buyer: 'B-01', item: 'IT-STF-PESCAP', supplier: 'S-001', status: 'qualified', date: '2020-06-01', reason: 'passed the audit' };
 */
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * Where a decision stands on a date: `in-force` from its `date` to its `until` (both included),
 * `pending` before its date (taken for later, or recorded ahead), `lapsed` after its `until`.
 *
 * @example
 * decisionStanding({ date: '2021-01-10', until: '2021-12-31' }, '2021-03-01'); // => 'in-force'
 * decisionStanding({ date: '2021-06-01' }, '2021-03-01'); // => 'pending'
 * decisionStanding({ date: '2020-01-10', until: '2020-12-31' }, '2021-03-01'); // => 'lapsed'
 */
export function decisionStanding(decision: Pick<Decision, 'date' | 'until'>, asOf: string): DecisionStanding {
  if (decision.date > asOf) return 'pending';
  if (decision.until !== undefined && asOf > decision.until) return 'lapsed';
  return 'in-force';
}
/**
 * What {@link decisionStanding} answers.
 *
 * @example
 * const s: DecisionStanding = 'lapsed';
 */
export type DecisionStanding = 'in-force' | 'pending' | 'lapsed';
