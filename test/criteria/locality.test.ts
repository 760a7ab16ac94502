import { describe, expect, it } from 'vitest';
import { LOCALITY_REASONS, localityCriterion } from '../../src/criteria/locality.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

type Domestic = 'required' | 'preferred' | 'none';

/** A line with a sourcing preference against a supplier in `country` / `region`; home country KR. */
function input(domestic: Domestic, regions: string[], country: string, region?: string): PairFromInput {
  return {
    line: { id: 'L1', text: 'bag', quantity: '100 unit/month', sourcing: { domestic, regions } },
    offering: { id: 'O1', text: 'bag' },
    supplier: { country, ...(region === undefined ? {} : { region }) },
  };
}

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

function judge(i: PairFromInput): Verdict {
  const { pair, context } = pairFrom(i);
  return localityCriterion.create(localityCriterion.meta.defaults, context)(pair);
}

describe('localityCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(localityCriterion, {
      valid: [
        {
          name: 'domestic required and domestic',
          input: input('required', [], 'KR'),
          expect: { score: 1, reasons: [LOCALITY_REASONS.domestic] },
        },
        {
          name: 'domestic preferred, in a preferred region (case-insensitive)',
          input: input('preferred', ['Incheon'], 'KR', 'incheon'),
          expect: { score: 1, reasons: [LOCALITY_REASONS.domestic, LOCALITY_REASONS.inRegion] },
        },
        {
          name: 'domestic preferred, outside the preferred regions',
          input: input('preferred', ['Incheon'], 'KR', 'Gyeonggi'),
          expect: { score: 0.85, reasons: [LOCALITY_REASONS.outsideRegion] },
        },
        {
          name: 'domestic preferred, foreign supplier',
          input: input('preferred', [], 'US'),
          expect: { score: 0.3, reasons: [LOCALITY_REASONS.foreign] },
        },
        {
          name: 'foreign score is an option',
          input: input('preferred', ['Incheon'], 'DE', 'Bavaria'),
          options: { foreignScore: 0.1 },
          expect: { score: 0.1 },
        },
        {
          name: 'no domestic preference, region matches',
          input: input('none', ['Incheon', 'Seoul'], 'KR', 'Seoul'),
          expect: { score: 1, reasons: [LOCALITY_REASONS.inRegion] },
        },
        {
          name: 'no domestic preference, region missing',
          input: input('none', ['Incheon'], 'US'),
          expect: { score: 0.7, reasons: [LOCALITY_REASONS.outsideRegion] },
        },
        {
          name: 'no preference at all: not applicable',
          input: input('none', [], 'US'),
          expect: { applicable: false, reasons: [LOCALITY_REASONS.noPreference] },
        },
      ],
      invalid: [
        {
          name: 'domestic required, US supplier',
          input: input('required', [], 'US'),
          expect: { score: 0, reasons: [LOCALITY_REASONS.domesticRequired] },
        },
        {
          name: 'domestic required, foreign supplier in a same-named region',
          input: input('required', ['Incheon'], 'JP', 'Incheon'),
          expect: { reasons: [LOCALITY_REASONS.domesticRequired] },
        },
        {
          name: 'domestic required where the home country is JP',
          input: { ...input('required', [], 'KR'), domesticCountry: 'JP' },
          expect: { reasons: [LOCALITY_REASONS.domesticRequired] },
        },
      ],
    });
    expect(summary.passed).toBe(11);
  });

  it('names the supplier country and the home country when domestic is required', () => {
    const { pair, context } = pairFrom(input('required', [], 'US', 'California'));
    const v = localityCriterion.create(localityCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.data).toEqual({ country: 'US', domesticCountry: 'KR' });
    expect(v.reasons[0]?.message).toBe('The line requires a domestic (KR) supplier; this one is in California, US.');
  });

  it('does not apply a domestic preference when the run has no home country', () => {
    const { pair, context } = pairFrom(input('required', [], 'US'));
    const v = localityCriterion.create(localityCriterion.meta.defaults, { ...context, domesticCountry: undefined })(pair);
    expect(v).toMatchObject({ applicable: false, pass: true });
    expect(v.reasons[0]?.code).toBe(LOCALITY_REASONS.noDomesticCountry);
  });

  describe('severities', () => {
    it('marks a foreign supplier on a domestic-only line as the failure', () => {
      const v = judge(input('required', [], 'US'));
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([[LOCALITY_REASONS.domesticRequired, 'failure']]);
    });

    it('marks a foreign supplier when domestic is preferred, and a region miss, as shortfalls', () => {
      expect(severities(judge(input('preferred', [], 'US')))).toEqual([[LOCALITY_REASONS.foreign, 'shortfall']]);
      expect(severities(judge(input('preferred', ['Incheon'], 'KR', 'Busan')))).toEqual([
        [LOCALITY_REASONS.domestic, 'info'],
        [LOCALITY_REASONS.outsideRegion, 'shortfall'],
      ]);
      expect(severities(judge(input('none', ['Incheon'], 'US', 'Texas')))).toEqual([[LOCALITY_REASONS.outsideRegion, 'shortfall']]);
    });

    it('leaves domestic, in-region and not-applicable reasons as info (no severity field)', () => {
      const v = judge(input('required', ['Incheon'], 'KR', 'Incheon'));
      expect(severities(v)).toEqual([
        [LOCALITY_REASONS.domestic, 'info'],
        [LOCALITY_REASONS.inRegion, 'info'],
      ]);
      for (const r of v.reasons) expect(r).not.toHaveProperty('severity');
      expect(severities(judge(input('none', [], 'US')))).toEqual([[LOCALITY_REASONS.noPreference, 'info']]);
    });

    it('ends a message with exactly one period, even when the region ends with one', () => {
      for (const domestic of ['required', 'preferred', 'none'] as const) {
        const v = judge(input(domestic, ['Incheon'], 'US', 'Washington D.C.'));
        for (const r of v.reasons) expect(r.message).toMatch(/[^.]\.$/);
      }
    });
  });
});
