import { describe, expect, it } from 'vitest';
import { PRICE_REASONS, priceCriterion } from '../../src/criteria/price.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/criteria/testing.js';
import type { ExchangeRates } from '../../src/model/dataset.js';

interface P {
  amount: number;
  currency: string;
  per?: string;
}

const RATES: ExchangeRates = { base: 'KRW', rates: { USD: 1120, EUR: 1340 } };

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

function input(offered: P | undefined, max: P | undefined, exchangeRates?: ExchangeRates): PairFromInput {
  return {
    line: { id: 'L1', text: 'filter', quantity: '100 unit/month', ...(max === undefined ? {} : { maxUnitPrice: max }) },
    offering: { id: 'O1', text: 'filter', ...(offered === undefined ? {} : { unitPrice: offered }) },
    ...(exchangeRates === undefined ? {} : { exchangeRates }),
  };
}

describe('priceCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(priceCriterion, {
      valid: [
        {
          name: 'same currency, 80% of the maximum',
          input: input({ amount: 120_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW' }),
          expect: { score: 0.6, reasons: [PRICE_REASONS.within] },
        },
        {
          name: 'USD price against a KRW maximum through exchange rates',
          input: input({ amount: 100, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES),
          expect: { score: 1 - 0.5 * (112_000 / 150_000) },
        },
        {
          name: 'cross rates: EUR price against a USD maximum, base KRW',
          input: input({ amount: 100, currency: 'EUR' }, { amount: 134, currency: 'USD' }, RATES),
          expect: { score: 1 - 0.5 * ((100 * 1340) / (134 * 1120)) },
        },
        {
          name: 'over the maximum lowers the score but passes by default',
          input: input({ amount: 150, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES),
          expect: { score: 0.38, reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'per mL against per L converts',
          input: input({ amount: 50, currency: 'KRW', per: 'mL' }, { amount: 60_000, currency: 'KRW', per: 'L' }),
          expect: { score: 1 - 0.5 * (50_000 / 60_000) },
        },
        {
          name: 'per Unit against the default per unit (case-insensitive)',
          input: input({ amount: 100, currency: 'KRW', per: 'Unit' }, { amount: 100, currency: 'KRW' }),
          expect: { score: 0.5 },
        },
        {
          name: 'pieces against units are both counts',
          input: input({ amount: 100, currency: 'KRW', per: 'pcs' }, { amount: 200, currency: 'KRW', per: 'ea' }),
          expect: { score: 0.75 },
        },
        {
          name: 'no maximum: not applicable',
          input: input({ amount: 100, currency: 'KRW' }, undefined),
          expect: { applicable: false, reasons: [PRICE_REASONS.unknown] },
        },
        {
          name: 'no offered price: not applicable',
          input: input(undefined, { amount: 100, currency: 'KRW' }),
          expect: { applicable: false, reasons: [PRICE_REASONS.unknown] },
        },
        {
          name: 'no exchange rates given: not applicable',
          input: input({ amount: 100, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }),
          expect: { applicable: false, reasons: [PRICE_REASONS.noExchangeRate] },
        },
        {
          name: 'no rate for the currency: not applicable',
          input: input({ amount: 100, currency: 'JPY' }, { amount: 150_000, currency: 'KRW' }, RATES),
          expect: { applicable: false, reasons: [PRICE_REASONS.noExchangeRate] },
        },
        {
          name: 'per pair against per piece: not applicable',
          input: input({ amount: 900, currency: 'KRW', per: 'pair' }, { amount: 500, currency: 'KRW', per: 'pcs' }),
          expect: { applicable: false, reasons: [PRICE_REASONS.incomparableUnit] },
        },
      ],
      invalid: [
        {
          name: 'over the maximum with gateOverMax',
          input: input({ amount: 160_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW' }),
          options: { gateOverMax: true },
          expect: { reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'over the maximum only once converted from USD',
          input: input({ amount: 150, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES),
          options: { gateOverMax: true },
          expect: { score: 0.38, reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'over the maximum only once converted from per mL to per L',
          input: input({ amount: 70, currency: 'KRW', per: 'mL' }, { amount: 60_000, currency: 'KRW', per: 'L' }),
          options: { gateOverMax: true },
          expect: { reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'anything above a maximum of 0',
          input: input({ amount: 1, currency: 'KRW' }, { amount: 0, currency: 'KRW' }),
          options: { gateOverMax: true },
          expect: { score: 0, reasons: [PRICE_REASONS.overMax] },
        },
      ],
    });
    expect(summary.passed).toBe(16);
  });

  it('states the converted price and the percentage over', () => {
    const { pair, context } = pairFrom(input({ amount: 150, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES));
    const v = priceCriterion.create(priceCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.message).toBe(
      'Unit price 150 USD per unit (≈ 168,000 KRW per unit) is 12% over the maximum 150,000 KRW per unit.',
    );
    expect(v.reasons[0]?.data).toMatchObject({ priceInMaxCurrency: 168_000, percentOver: 12, ratio: 1.12, currency: 'USD' });
  });

  it('names the currency without a rate', () => {
    const { pair, context } = pairFrom(input({ amount: 100, currency: 'JPY' }, { amount: 150_000, currency: 'KRW' }, RATES));
    const v = priceCriterion.create(priceCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.data).toEqual({ currency: 'JPY', from: 'JPY', to: 'KRW', base: 'KRW' });
  });

  it('scores continuously through the maximum and reaches 0 at 50% over', () => {
    const score = (amount: number): number => {
      const { pair, context } = pairFrom(input({ amount, currency: 'KRW' }, { amount: 100, currency: 'KRW' }));
      return priceCriterion.create(priceCriterion.meta.defaults, context)(pair).score;
    };
    expect(score(100)).toBeCloseTo(0.5, 9);
    expect(score(100.001)).toBeCloseTo(0.5, 4);
    expect(score(150)).toBe(0);
    expect(score(0)).toBe(1);
  });

  describe('severities', () => {
    const judge = (i: PairFromInput, gateOverMax = false): Verdict => {
      const { pair, context } = pairFrom(i);
      return priceCriterion.create({ gateOverMax }, context)(pair);
    };
    const over = input({ amount: 168_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW' });

    it('marks a price over the maximum as the failure when gated', () => {
      const v = judge(over, true);
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([[PRICE_REASONS.overMax, 'failure']]);
    });

    it('marks a price over the maximum as a shortfall when not gated', () => {
      const v = judge(over, false);
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([[PRICE_REASONS.overMax, 'shortfall']]);
    });

    it('leaves within and not-applicable reasons as info (no severity field)', () => {
      const within = judge(input({ amount: 120_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW' }), true);
      expect(severities(within)).toEqual([[PRICE_REASONS.within, 'info']]);
      expect(within.reasons[0]).not.toHaveProperty('severity');
      expect(severities(judge(input(undefined, { amount: 1, currency: 'KRW' })))).toEqual([[PRICE_REASONS.unknown, 'info']]);
      expect(severities(judge(input({ amount: 1, currency: 'JPY' }, { amount: 1, currency: 'KRW' }, RATES)))).toEqual([
        [PRICE_REASONS.noExchangeRate, 'info'],
      ]);
      expect(severities(judge(input({ amount: 1, currency: 'KRW', per: 'pair' }, { amount: 1, currency: 'KRW' })))).toEqual([
        [PRICE_REASONS.incomparableUnit, 'info'],
      ]);
    });

    it('ends a message with exactly one period, even when the unit ends with one', () => {
      for (const amount of [1, 2]) {
        const v = judge(input({ amount, currency: 'KRW', per: 'pc.' }, { amount: 1.5, currency: 'KRW', per: 'pc.' }));
        expect(v.reasons[0]?.message).toMatch(/[^.]\.$/);
      }
      const incomparable = judge(input({ amount: 1, currency: 'KRW', per: 'L' }, { amount: 1, currency: 'KRW', per: 'pc.' }));
      expect(incomparable.reasons[0]?.code).toBe(PRICE_REASONS.incomparableUnit);
      expect(incomparable.reasons[0]?.message).toMatch(/[^.]\.$/);
    });
  });
});
