import { describe, expect, it } from 'vitest';
import { PRICE_REASONS, priceCriterion } from '../../src/criteria/price.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';
import fc from 'fast-check';
import { MaxPriceSchema, PriceSchema } from '../../src/model/common.js';
import { ExchangeRatesSchema, type ExchangeRates } from '../../src/model/dataset.js';

interface P {
  amount: number;
  currency: string;
  per?: string;
}

const RATES: ExchangeRates = { base: 'KRW', rates: { USD: 1120, EUR: 1340 } };

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

function input(offered: P | undefined, max: (P & { limit?: 'hard' | 'soft' }) | undefined, exchangeRates?: ExchangeRates): PairFromInput {
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
          name: 'over the maximum scores 0 but passes by default (a soft maximum)',
          input: input({ amount: 150, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES),
          expect: { score: 0, reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'a line that calls its maximum soft keeps the pair even with gateOverMax',
          input: input({ amount: 160_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW', limit: 'soft' }),
          options: { gateOverMax: true },
          expect: { score: 0, reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'exactly at a hard maximum passes with 0.5',
          input: input({ amount: 150_000, currency: 'KRW' }, { amount: 150_000, currency: 'KRW', limit: 'hard' }),
          expect: { score: 0.5, reasons: [PRICE_REASONS.within] },
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
          expect: { score: 0, reasons: [PRICE_REASONS.overMax] },
        },
        {
          name: 'a line whose maximum is a hard limit rejects without gateOverMax',
          input: input({ amount: 150_001, currency: 'KRW' }, { amount: 150_000, currency: 'KRW', limit: 'hard' }),
          expect: { score: 0, reasons: [PRICE_REASONS.overMax] },
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
    expect(summary.passed).toBe(19);
  });

  it('states the converted price and the percentage over', () => {
    const { pair, context } = pairFrom(input({ amount: 150, currency: 'USD' }, { amount: 150_000, currency: 'KRW' }, RATES));
    const v = priceCriterion.create(priceCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.message).toBe(
      'Unit price 150 USD per unit (≈ 168,000 KRW per unit) is 12% over the soft maximum 150,000 KRW per unit, so price scores 0.',
    );
    expect(v.reasons[0]?.data).toMatchObject({ priceInMaxCurrency: 168_000, percentOver: 12, ratio: 1.12, currency: 'USD', limit: 'soft' });
  });

  it('names the currency without a rate', () => {
    const { pair, context } = pairFrom(input({ amount: 100, currency: 'JPY' }, { amount: 150_000, currency: 'KRW' }, RATES));
    const v = priceCriterion.create(priceCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.data).toEqual({ currency: 'JPY', from: 'JPY', to: 'KRW', base: 'KRW' });
  });

  // Changed on purpose: a price over the maximum used to score max(0, 0.5 - (ratio - 1)),
  // falling continuously to 0 at 50 % over; a buyer's maximum now means what it says.
  it('scores 1 - 0.5 x ratio up to the maximum and 0 over it (property)', () => {
    const score = (amount: number, max: number): number => {
      const { pair, context } = pairFrom(input({ amount, currency: 'KRW' }, { amount: max, currency: 'KRW' }));
      return priceCriterion.create(priceCriterion.meta.defaults, context)(pair).score;
    };
    expect(score(100, 100)).toBeCloseTo(0.5, 9);
    expect(score(100.001, 100)).toBe(0);
    expect(score(0, 100)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (amount, max) => {
        const expected = amount <= max ? 1 - 0.5 * (amount / max) : 0;
        expect(score(amount, max)).toBeCloseTo(expected, 9);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses amounts and exchange rates that would overflow', () => {
    expect(MaxPriceSchema.safeParse({ amount: 1e308, currency: 'KRW' }).success).toBe(false);
    expect(PriceSchema.safeParse({ amount: 1e15, currency: 'KRW' }).success).toBe(true);
    expect(ExchangeRatesSchema.safeParse({ base: 'KRW', rates: { USD: 1e308 } }).success).toBe(false);
    expect(ExchangeRatesSchema.safeParse({ base: 'KRW', rates: { USD: 1e-300 } }).success).toBe(false);
    expect(ExchangeRatesSchema.safeParse({ base: 'KRW', rates: { USD: 1120 } }).success).toBe(true);
    expect(MaxPriceSchema.safeParse({ amount: 1, currency: 'KRW', limit: 'firm' }).success).toBe(false);
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
