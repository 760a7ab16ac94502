import { describe, expect, it } from 'vitest';
import { CAPACITY_REASONS, capacityCriterion } from '../../src/criteria/capacity.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

/** A line demanding `demand` against an offering of `capacity` (none when undefined). */
function input(demand: string, capacity: string | undefined): PairFromInput {
  return {
    line: { id: 'L1', text: 'filter', quantity: demand },
    offering: { id: 'O1', text: 'filter', ...(capacity === undefined ? {} : { capacity }) },
  };
}

function judge(demand: string, capacity: string) {
  const { pair, context } = pairFrom(input(demand, capacity));
  return capacityCriterion.create(capacityCriterion.meta.defaults, context)(pair);
}

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

describe('capacityCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(capacityCriterion, {
      valid: [
        {
          name: '1,000 unit/month covers 12,000 unit/year fully',
          input: input('12,000 unit/year', '1,000 unit/month'),
          expect: { score: 1, reasons: [CAPACITY_REASONS.covers] },
        },
        {
          name: '8,000 unit/year covers 1,000 unit/month at 66.7%',
          input: input('1,000 unit/month', '8,000 unit/year'),
          expect: { score: 2 / 3, reasons: [CAPACITY_REASONS.partial] },
        },
        {
          name: 'volumes per month against per year',
          input: input('6,000 L/year', '500 L per month'),
          expect: { score: 1 },
        },
        {
          name: 'more than enough still scores 1',
          input: input('100 kg/week', '1 t/week'),
          expect: { score: 1 },
        },
        {
          name: 'fullShare below 1 accepts multi-sourcing shares',
          input: input('1,000 unit/month', '600 unit/month'),
          options: { fullShare: 0.5 },
          expect: { score: 1, reasons: [CAPACITY_REASONS.partial] },
        },
        {
          name: 'exactly the minimum share passes',
          input: input('1,000 unit/month', '200 unit/month'),
          expect: { score: 0.2 },
        },
        {
          name: 'no capacity stated: not applicable',
          input: input('1,000 unit/month', undefined),
          expect: { applicable: false, reasons: [CAPACITY_REASONS.unknown] },
        },
        {
          name: 'pairs against pieces: not applicable',
          input: input('10,000 pairs/month', '50,000 pcs/month'),
          expect: { applicable: false, reasons: [CAPACITY_REASONS.incomparable] },
        },
        {
          name: 'litres against kilograms: not applicable',
          input: input('500 L/month', '800 kg/month'),
          expect: { applicable: false, reasons: [CAPACITY_REASONS.incomparable] },
        },
      ],
      invalid: [
        {
          name: 'a tenth of the demand is below the minimum share',
          input: input('12,000 unit/year', '100 unit/month'),
          expect: { score: 0.1, reasons: [CAPACITY_REASONS.partial, CAPACITY_REASONS.belowMinShare] },
        },
        {
          name: 'a stricter minimum share rejects 66.7%',
          input: input('1,000 unit/month', '8,000 unit/year'),
          options: { minShare: 0.8 },
          expect: { reasons: [CAPACITY_REASONS.belowMinShare] },
        },
        {
          name: 'a capacity range counts by its lower end',
          input: input('1,000 unit/month', '100-1,000 unit/month'),
          expect: { reasons: [CAPACITY_REASONS.belowMinShare] },
        },
        {
          name: 'zero capacity',
          input: input('1,000 unit/month', '0 unit/month'),
          expect: { score: 0, reasons: [CAPACITY_REASONS.belowMinShare] },
        },
      ],
    });
    expect(summary.passed).toBe(13);
  });

  it('gives the shortfall in the line unit and the share covered', () => {
    const v = judge('1,000 unit/month', '8,000 unit/year');
    const partial = v.reasons.find((r) => r.code === CAPACITY_REASONS.partial);
    expect(partial?.message).toBe(
      'Capacity 8,000 unit/year covers 66.7% of the demand of 1,000 unit/month; the shortfall is 333.3 unit/month.',
    );
    expect(partial?.data).toMatchObject({ percentCovered: 66.7, shortfall: '333.3 unit/month', unit: 'unit/month' });
    expect(partial?.data.shortfallValue).toBeCloseTo(1000 / 3, 3);
  });

  it('names both dimensions when they differ', () => {
    const v = judge('10,000 pairs/month', '50,000 pcs/month');
    expect(v.reasons[0]?.data).toMatchObject({ offeredDimension: 'count/time', demandedDimension: 'pair/time' });
    expect(v.pass).toBe(true);
  });

  it('rejects options where minShare exceeds fullShare', () => {
    expect(capacityCriterion.meta.options.safeParse({ minShare: 0.9, fullShare: 0.5 }).success).toBe(false);
    expect(capacityCriterion.meta.options.safeParse(capacityCriterion.meta.defaults).success).toBe(true);
  });

  describe('severities', () => {
    it('marks a share below the minimum as the failure, on top of the partial shortfall', () => {
      const v = judge('12,000 unit/year', '100 unit/month');
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([
        [CAPACITY_REASONS.partial, 'shortfall'],
        [CAPACITY_REASONS.belowMinShare, 'failure'],
      ]);
    });

    it('marks a partial coverage above the minimum as a shortfall only', () => {
      const v = judge('1,000 unit/month', '8,000 unit/year');
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([[CAPACITY_REASONS.partial, 'shortfall']]);
    });

    it('leaves covers and not-applicable reasons as info (no severity field)', () => {
      const covers = judge('12,000 unit/year', '1,000 unit/month');
      expect(severities(covers)).toEqual([[CAPACITY_REASONS.covers, 'info']]);
      expect(covers.reasons[0]).not.toHaveProperty('severity');
      expect(severities(judge('10,000 pairs/month', '50,000 pcs/month'))).toEqual([[CAPACITY_REASONS.incomparable, 'info']]);
      const { pair, context } = pairFrom(input('1,000 unit/month', undefined));
      const unknown = capacityCriterion.create(capacityCriterion.meta.defaults, context)(pair);
      expect(severities(unknown)).toEqual([[CAPACITY_REASONS.unknown, 'info']]);
    });
  });
});
