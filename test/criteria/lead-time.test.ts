import { describe, expect, it } from 'vitest';
import { LEAD_TIME_REASONS, leadTimeCriterion } from '../../src/criteria/lead-time.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

/** asOf is 2021-03-01 (the pairFrom default) unless given. */
function input(leadTime: string | undefined, limits: { maxLeadTime?: string; needBy?: string }, asOf?: string): PairFromInput {
  return {
    line: { id: 'L1', text: 'filter', quantity: '100 unit/month', ...limits },
    offering: { id: 'O1', text: 'filter', ...(leadTime === undefined ? {} : { leadTime }) },
    ...(asOf === undefined ? {} : { asOf }),
  };
}

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

function judge(i: PairFromInput, gate = true): Verdict {
  const { pair, context } = pairFrom(i);
  return leadTimeCriterion.create({ gate }, context)(pair);
}

describe('leadTimeCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(leadTimeCriterion, {
      valid: [
        {
          name: 'half of the maximum scores 0.75',
          input: input('6 wk', { maxLeadTime: '12 wk' }),
          expect: { score: 0.75, reasons: [LEAD_TIME_REASONS.within] },
        },
        {
          name: 'need-by only: 56 of 70 days scores 0.6',
          input: input('8 wk', { needBy: '2021-05-10' }),
          expect: { score: 0.6 },
        },
        {
          name: 'the tighter limit counts: need-by (70 days) over the maximum (84 days)',
          input: input('8 wk', { maxLeadTime: '12 wk', needBy: '2021-05-10' }),
          expect: { score: 0.6 },
        },
        {
          name: 'exactly the maximum, in other units, is within',
          input: input('12 wk', { maxLeadTime: '84 days' }),
          expect: { score: 0.5 },
        },
        {
          name: 'two months (60.9 days, so 61) arrive exactly on need-by',
          input: input('2 months', { needBy: '2021-05-01' }),
          expect: { minScore: 0.5, maxScore: 0.51 },
        },
        {
          name: 'a lead time range is judged by its upper end',
          input: input('4-8 wk', { maxLeadTime: '16 wk' }),
          expect: { score: 0.75 },
        },
        {
          name: 'with gate off a late offer stays, scored 0',
          input: input('16 wk', { maxLeadTime: '12 wk' }),
          options: { gate: false },
          expect: { score: 0, reasons: [LEAD_TIME_REASONS.overMax] },
        },
        {
          name: 'no lead time stated: not applicable',
          input: input(undefined, { maxLeadTime: '12 wk' }),
          expect: { applicable: false, reasons: [LEAD_TIME_REASONS.unknown] },
        },
        {
          name: 'no limit on the line: not applicable',
          input: input('6 wk', {}),
          expect: { applicable: false, reasons: [LEAD_TIME_REASONS.noLimit] },
        },
      ],
      invalid: [
        {
          name: '16 weeks against a 12-week maximum',
          input: input('16 wk', { maxLeadTime: '12 wk' }),
          expect: { score: 0, reasons: [LEAD_TIME_REASONS.overMax] },
        },
        {
          name: '8 weeks from 2021-03-01 misses 2021-04-09',
          input: input('8 wk', { needBy: '2021-04-09' }),
          expect: { score: 0, reasons: [LEAD_TIME_REASONS.missesNeedBy] },
        },
        {
          name: 'two months need 61 days; 60 are one too few',
          input: input('2 months', { needBy: '2021-04-30' }),
          expect: { reasons: [LEAD_TIME_REASONS.missesNeedBy] },
        },
        {
          name: 'need-by already past on asOf',
          input: input('1 day', { needBy: '2021-02-15' }),
          expect: { reasons: [LEAD_TIME_REASONS.missesNeedBy] },
        },
        {
          name: 'both limits missed are both reported',
          input: input('6 months', { maxLeadTime: '12 wk', needBy: '2021-06-01' }),
          expect: { reasons: [LEAD_TIME_REASONS.overMax, LEAD_TIME_REASONS.missesNeedBy] },
        },
      ],
    });
    expect(summary.passed).toBe(14);
  });

  it('dates the arrival with UTC arithmetic from asOf', () => {
    const { pair, context } = pairFrom(input('8 wk', { needBy: '2021-04-09' }));
    const v = leadTimeCriterion.create({ gate: true }, context)(pair);
    expect(v.reasons[0]?.data).toEqual({
      leadTime: '8 wk',
      asOf: '2021-03-01',
      arrives: '2021-04-26',
      needBy: '2021-04-09',
      daysLate: 17,
    });
    expect(v.reasons[0]?.message).toBe(
      'Ordered on 2021-03-01 with a lead time of 8 wk, it arrives on 2021-04-26, 17 days after the need-by date 2021-04-09.',
    );
  });

  it('counts across a leap day', () => {
    const { pair, context } = pairFrom(input('10 days', { needBy: '2024-03-05' }, '2024-02-25'));
    const v = leadTimeCriterion.create({ gate: true }, context)(pair);
    expect(v.reasons[0]?.data).toMatchObject({ arrives: '2024-03-06', daysLate: 1 });
  });

  it('gives the weeks over the maximum', () => {
    const { pair, context } = pairFrom(input('4 months', { maxLeadTime: '12 wk' }));
    const v = leadTimeCriterion.create({ gate: true }, context)(pair);
    // 4 months = 121.75 days = 17.39 weeks.
    expect(v.reasons[0]?.data).toEqual({ leadTime: '4 months', maxLeadTime: '12 wk', weeksOver: 5.4 });
  });

  describe('severities', () => {
    const late = input('4 months', { maxLeadTime: '12 wk', needBy: '2021-04-09' });

    it('marks over the maximum and past need-by as failures when the gate is on', () => {
      const v = judge(late, true);
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([
        [LEAD_TIME_REASONS.overMax, 'failure'],
        [LEAD_TIME_REASONS.missesNeedBy, 'failure'],
      ]);
    });

    it('marks them as shortfalls when the gate is off', () => {
      const v = judge(late, false);
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([
        [LEAD_TIME_REASONS.overMax, 'shortfall'],
        [LEAD_TIME_REASONS.missesNeedBy, 'shortfall'],
      ]);
    });

    it('leaves within and not-applicable reasons as info (no severity field)', () => {
      const within = judge(input('6 wk', { maxLeadTime: '12 wk' }));
      expect(severities(within)).toEqual([[LEAD_TIME_REASONS.within, 'info']]);
      expect(within.reasons[0]).not.toHaveProperty('severity');
      expect(severities(judge(input(undefined, { maxLeadTime: '12 wk' })))).toEqual([[LEAD_TIME_REASONS.unknown, 'info']]);
      expect(severities(judge(input('6 wk', {})))).toEqual([[LEAD_TIME_REASONS.noLimit, 'info']]);
    });
  });
});
