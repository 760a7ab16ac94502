import { describe, expect, it } from 'vitest';
import { decisionCriterion, DECISION_REASONS, followedDecision } from '../../src/criteria/decision.js';
import { pairFrom, testCriterion, type CriterionCase, type PairFromInput } from '../../src/engine/testing.js';
import type { z } from 'zod';
import type { DecisionSchema } from '../../src/model/decision.js';

type DecisionInput = z.input<typeof DecisionSchema>;

const ITEMS = [{ id: 'IT-F', category: 'sterilizing-filter', names: { en: 'Capsule filter' } }];
/** A pair of line L1 (buyer B-TEST, item IT-F) and offering O1 of S-TEST, judged on 2021-03-01, with these decisions. */
const withDecisions = (...decisions: DecisionInput[]): PairFromInput => ({
  line: { id: 'L1', item: 'IT-F', quantity: '100 unit/month' },
  offering: { id: 'O1', item: 'IT-F' },
  items: ITEMS,
  asOf: '2021-03-01',
  decisions,
});
const rejected = (more: Partial<DecisionInput> = {}): DecisionInput => ({
  buyer: 'B-TEST', line: 'L1', supplier: 'S-TEST', status: 'rejected', date: '2021-01-10', reason: 'failed the audit', by: 'QA', ...more,
});

describe('decisionCriterion: a rejection gates on the dates', () => {
  // The rule under test, written out: in force when date <= asOf and (no until or asOf <= until).
  const edges: [name: string, date: string, until: string | undefined, inForce: boolean][] = [
    ['dated the day before asOf', '2021-02-28', undefined, true],
    ['dated on asOf', '2021-03-01', undefined, true],
    ['dated the day after asOf', '2021-03-02', undefined, false],
    ['dated a year after asOf', '2022-03-01', undefined, false],
    ['until asOf', '2020-03-01', '2021-03-01', true],
    ['until the day after asOf', '2020-03-01', '2021-03-02', true],
    ['until the day before asOf', '2020-03-01', '2021-02-28', false],
    ['for one day, asOf', '2021-03-01', '2021-03-01', true],
    ['leap day until, asOf after it', '2020-02-29', '2020-02-29', false],
  ];
  it.each(edges)('%s (date %s, until %s): in force %s', (_name, date, until, inForce) => {
    const { pair, context } = pairFrom(withDecisions(rejected({ date, ...(until !== undefined ? { until } : {}) })));
    const v = decisionCriterion.create(decisionCriterion.meta.defaults, context)(pair);
    expect(v.pass).toBe(!inForce);
    expect(v.applicable).toBe(inForce);
    const expectedCode = inForce ? DECISION_REASONS.rejected : date > '2021-03-01' ? DECISION_REASONS.pending : DECISION_REASONS.lapsed;
    expect(v.reasons.map((r) => r.code)).toEqual([expectedCode]);
  });

  it('passes the table of cases, with its quick, batch and failing paths agreeing', () => {
    const valid: CriterionCase[] = [
      { name: 'no decision', input: withDecisions(), expect: { applicable: false } },
      { name: 'another buyer rejected it', input: withDecisions(rejected({ buyer: 'B-OTHER' })), expect: { applicable: false } },
      { name: 'another supplier rejected', input: withDecisions(rejected({ supplier: 'S-OTHER' })), expect: { applicable: false } },
      { name: 'another offering rejected', input: withDecisions(rejected({ offering: 'O2' })), expect: { applicable: false } },
      { name: 'another line rejected', input: withDecisions(rejected({ line: 'L2' })), expect: { applicable: false } },
      { name: 'another item rejected', input: withDecisions(rejected({ line: undefined, item: 'IT-G' })), expect: { applicable: false } },
      { name: 'approved', input: withDecisions(rejected({ status: 'approved' })), expect: { applicable: true, score: 1, reasons: [DECISION_REASONS.approved] } },
      { name: 'qualified for the item', input: withDecisions(rejected({ status: 'qualified', line: undefined, item: 'IT-F' })), expect: { score: 1, reasons: [DECISION_REASONS.qualified] } },
      { name: 'qualified, scored 0.7', input: withDecisions(rejected({ status: 'qualified' })), options: { scores: { qualified: 0.7 } }, expect: { score: 0.7 } },
      { name: 'evaluating does not score', input: withDecisions(rejected({ status: 'evaluating' })), expect: { applicable: false, reasons: [DECISION_REASONS.evaluating] } },
      { name: 'evaluating scored when asked', input: withDecisions(rejected({ status: 'evaluating' })), options: { scores: { evaluating: 0.5 } }, expect: { applicable: true, score: 0.5 } },
      {
        name: 'a later qualification replaces a rejection',
        input: withDecisions(rejected(), rejected({ status: 'qualified', date: '2021-02-01' })),
        expect: { applicable: true, reasons: [DECISION_REASONS.qualified, DECISION_REASONS.superseded] },
      },
      { name: 'a lapsed rejection', input: withDecisions(rejected({ date: '2020-01-01', until: '2020-12-31' })), expect: { applicable: false, reasons: [DECISION_REASONS.lapsed] } },
    ];
    const invalid: CriterionCase[] = [
      { name: 'rejected for the line', input: withDecisions(rejected()), expect: { score: 0, reasons: [DECISION_REASONS.rejected] } },
      { name: 'rejected for the item', input: withDecisions(rejected({ line: undefined, item: 'IT-F' })), expect: { reasons: [DECISION_REASONS.rejected] } },
      { name: 'rejected for the offering', input: withDecisions(rejected({ offering: 'O1' })), expect: { reasons: [DECISION_REASONS.rejected] } },
      {
        name: 'a later rejection replaces an approval',
        input: withDecisions(rejected({ status: 'approved', date: '2020-05-01' }), rejected()),
        expect: { reasons: [DECISION_REASONS.rejected, DECISION_REASONS.superseded] },
      },
      {
        name: 'on the same day a rejection goes first',
        input: withDecisions(rejected({ status: 'approved', reason: 'ok' }), rejected({ reason: 'not ok' })),
        expect: { reasons: [DECISION_REASONS.rejected, DECISION_REASONS.superseded] },
      },
      {
        name: 'a future approval does not lift a rejection in force',
        input: withDecisions(rejected(), rejected({ status: 'approved', date: '2021-06-01' })),
        expect: { reasons: [DECISION_REASONS.rejected, DECISION_REASONS.pending] },
      },
    ];
    expect(testCriterion(decisionCriterion, { valid, invalid }).passed).toBe(valid.length + invalid.length);
  });

  it('on the same day, a decision for the line goes before one for the item, one for the offering before one for the supplier', () => {
    const cases: [DecisionInput[], string][] = [
      [[rejected({ line: undefined, item: 'IT-F', status: 'approved' }), rejected()], 'rejected'],
      [[rejected(), rejected({ line: undefined, item: 'IT-F', status: 'approved' })], 'rejected'],
      [[rejected({ status: 'approved' }), rejected({ line: undefined, item: 'IT-F' })], 'approved'],
      [[rejected(), rejected({ offering: 'O1', status: 'qualified' })], 'qualified'],
    ];
    for (const [decisions, status] of cases) {
      const { pair, context } = pairFrom(withDecisions(...decisions));
      const v = decisionCriterion.create(decisionCriterion.meta.defaults, context)(pair);
      expect(v.reasons[0]?.data.status).toBe(status);
    }
  });

  it('cites who rejected, when, until when and why', () => {
    const { pair, context } = pairFrom(withDecisions(rejected({ until: '2021-12-31', by: 'QA, J. Park', reason: 'retention test failed' })));
    const v = decisionCriterion.create(decisionCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.message).toBe('Rejected by B-TEST (QA, J. Park) on 2021-01-10 until 2021-12-31 for line L1, every offering of S-TEST: retention test failed.');
    expect(v.reasons[0]?.severity).toBe('failure');
    expect(v.reasons[0]?.data).toMatchObject({ status: 'rejected', standing: 'followed', by: 'QA, J. Park', until: '2021-12-31', offering: null });
  });

  it('says when a decision does not apply yet or no longer', () => {
    const judge = (d: DecisionInput): string => {
      const { pair, context } = pairFrom(withDecisions(d));
      return decisionCriterion.create(decisionCriterion.meta.defaults, context)(pair).reasons[0]?.message ?? '';
    };
    expect(judge(rejected({ date: '2021-05-15', by: undefined }))).toBe(
      'Rejected by B-TEST on 2021-05-15 for line L1, every offering of S-TEST: failed the audit. It does not apply yet: it is dated after 2021-03-01.',
    );
    expect(judge(rejected({ date: '2019-05-02', until: '2020-12-31', offering: 'O1', status: 'qualified' }))).toBe(
      'Qualified by B-TEST (QA) on 2019-05-02 until 2020-12-31 for line L1, offering O1 of S-TEST: failed the audit. It no longer applies: it ended before 2021-03-01.',
    );
  });

  it('reads the followed decision back off the outcomes', () => {
    const { pair, context } = pairFrom(withDecisions(rejected({ date: '2020-01-01', until: '2020-02-01' }), rejected({ status: 'qualified', by: undefined })));
    const v = decisionCriterion.create(decisionCriterion.meta.defaults, context)(pair);
    const outcome = { criterion: 'decision', kind: 'both' as const, applicable: v.applicable, pass: v.pass, score: v.score, weight: 0, contribution: 0, reasons: v.reasons };
    expect(followedDecision([outcome])).toEqual({ status: 'qualified', buyer: 'B-TEST', by: null, date: '2021-01-10', until: null, reason: 'failed the audit' });
    expect(followedDecision([{ ...outcome, reasons: v.reasons.filter((r) => r.code !== DECISION_REASONS.qualified) }])).toBeUndefined();
  });
});
