import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SPEC_FIT_REASONS, specFitCriterion } from '../../src/criteria/spec-fit.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

type Specs = Record<string, string | number | boolean | string[]>;
type Requirement = NonNullable<PairFromInput['line']['specs']>[number];

/** A filter line with the given spec requirements against an offering with the given specs. */
function input(requirements: Requirement[], specs: Specs, extra: Partial<PairFromInput> = {}): PairFromInput {
  return {
    line: { id: 'L1', text: 'sterilizing filter', quantity: '1,000 unit/year', specs: requirements },
    offering: { id: 'O1', text: 'capsule filter', specs },
    ...extra,
  };
}

const STF_ITEM = {
  id: 'IT-STF',
  category: 'sterilizing-filter',
  names: { en: 'Sterilizing capsule filter', ko: '제균 캡슐필터' },
  specs: { poreSize: '0.2 um', material: 'PES' },
};

function judge(i: PairFromInput, options: Partial<typeof specFitCriterion.meta.defaults> = {}) {
  const { pair, context } = pairFrom(i);
  return specFitCriterion.create({ ...specFitCriterion.meta.defaults, ...options }, context)(pair);
}

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

describe('specFitCriterion', () => {
  it('reads only the specs a record states: a key every object inherits is missing, not a function', () => {
    const i = input([{ key: 'constructor', op: 'eq', value: 'PES' }], { material: 'PES' });
    const v = judge(i);
    expect(v.pass).toBe(false);
    expect(v.reasons.map((r) => r.code)).toContain(SPEC_FIT_REASONS.missing);
    for (const r of v.reasons) for (const value of Object.values(r.data)) expect(typeof value).not.toBe('function');
    testCriterion(specFitCriterion, { valid: [], invalid: [{ name: 'inherited key', input: i }] });
  });

  it('passes its table of cases', () => {
    const summary = testCriterion(specFitCriterion, {
      valid: [
        {
          name: 'offered 0.2 um meets a required 0.22 um (one rating)',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.22 um' }], { poreSize: '0.2 um' }),
          expect: { score: 1, reasons: [SPEC_FIT_REASONS.met, SPEC_FIT_REASONS.ratingEquivalence] },
        },
        {
          name: 'offered 0.22 um meets a required 0.2 um (one rating)',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], { poreSize: '0.22 µm' }),
          expect: { score: 1, reasons: [SPEC_FIT_REASONS.ratingEquivalence] },
        },
        {
          name: 'retention rating is a rating key too; max 0.22 um met by 0.2 um directly',
          input: input([{ key: 'retentionRating', op: 'max', value: '0.2 um' }], { retentionRating: '0.22 um' }),
          expect: { score: 1 },
        },
        {
          name: '6.4 mm offered meets 1/4 in ±5%',
          input: input([{ key: 'innerDiameter', op: 'eq', value: '1/4 in', tolerance: '5%' }], { innerDiameter: '6.4 mm' }),
          expect: { score: 1, reasons: [SPEC_FIT_REASONS.met] },
        },
        {
          name: 'an absolute tolerance in another unit',
          input: input([{ key: 'innerDiameter', op: 'eq', value: '6.35 mm', tolerance: '0.01 in' }], { innerDiameter: '6.5 mm' }),
          expect: { score: 1 },
        },
        {
          name: 'an offered range is a capability: 50-90 um makes 60 um',
          input: input([{ key: 'beadSize', op: 'eq', value: '60 um' }], { beadSize: '50-90 um' }),
          expect: { score: 1 },
        },
        {
          name: 'min met by the top of the offered range',
          input: input([{ key: 'filterArea', op: 'min', value: '0.5 m2' }], { filterArea: '0.3-0.6 m2' }),
          expect: { score: 1 },
        },
        {
          name: 'range given by min and max overlaps the offered range',
          input: input([{ key: 'filmThickness', op: 'range', min: '0.35 mm', max: '0.5 mm' }], { filmThickness: '0.3-0.4 mm' }),
          expect: { score: 1 },
        },
        {
          name: 'range given as a range value',
          input: input([{ key: 'dbc', op: 'range', value: '35-80 g/L' }], { dbc: '60 g/L' }),
          expect: { score: 1 },
        },
        {
          name: 'oneOf ignores case and spacing',
          input: input([{ key: 'material', op: 'oneOf', values: ['PES', 'Pt-cured silicone'] }], { material: 'pt cured  Silicone' }),
          expect: { score: 1 },
        },
        {
          name: 'oneOf met by an offered set',
          input: input([{ key: 'material', op: 'oneOf', values: ['PES', 'PVDF'] }], { material: ['Nylon', 'pvdf'] }),
          expect: { score: 1 },
        },
        {
          name: 'oneOf over quantities: MWCO 30 kDa among 10/30/50 kDa',
          input: input([{ key: 'mwco', op: 'oneOf', values: ['10 kDa', '30 kDa', '50 kDa'] }], { mwco: '30 kDa' }),
          expect: { score: 1 },
        },
        {
          name: 'flags compare equal',
          input: input([{ key: 'gammaSterile', op: 'eq', value: true }], { gammaSterile: true }),
          expect: { score: 1 },
        },
        {
          name: 'a preferred miss only lowers the score',
          input: input(
            [
              { key: 'poreSize', op: 'eq', value: '0.2 um' },
              { key: 'material', op: 'eq', value: 'PES', importance: 'preferred' },
            ],
            { poreSize: '0.2 um', material: 'PVDF' },
          ),
          expect: { score: 0.5, reasons: [SPEC_FIT_REASONS.preferredUnmet] },
        },
        {
          name: 'a missing spec is read from the catalog item',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.22 um' }], {}, {
            offering: { id: 'O1', item: 'IT-STF', specs: {} },
            items: [STF_ITEM],
          }),
          expect: { score: 1, reasons: [SPEC_FIT_REASONS.fromCatalog, SPEC_FIT_REASONS.met] },
        },
        {
          name: 'missing required lets the pair through with missingRequired ignore, scored 0',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], {}),
          options: { missingRequired: 'ignore' },
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.missing] },
        },
        {
          name: 'not applicable without spec requirements',
          input: input([], { poreSize: '0.45 um' }),
          expect: { applicable: false, reasons: [SPEC_FIT_REASONS.none] },
        },
      ],
      invalid: [
        {
          name: '0.45 um does not meet 0.2 um',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], { poreSize: '0.45 um' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: '0.1 um does not meet 0.22 um by equality',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.22 um' }], { poreSize: '0.1 um' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: '6.4 mm misses 1/4 in without a tolerance',
          input: input([{ key: 'innerDiameter', op: 'eq', value: '1/4 in' }], { innerDiameter: '6.4 mm' }),
          expect: { minScore: 0.89, maxScore: 0.9, reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'a rating rule does not apply to other keys',
          input: input([{ key: 'innerDiameter', op: 'eq', value: '0.2 um' }], { innerDiameter: '0.22 um' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'required spec missing (no catalog item to fall back on)',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], { material: 'PES' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.missing] },
        },
        {
          name: 'catalog fallback switched off',
          input: input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], {}, {
            offering: { id: 'O1', item: 'IT-STF', specs: {} },
            items: [STF_ITEM],
          }),
          options: { useCatalogSpecs: false },
          expect: { reasons: [SPEC_FIT_REASONS.missing] },
        },
        {
          name: 'volume against mass is incomparable',
          input: input([{ key: 'workingVolume', op: 'eq', value: '200 L' }], { workingVolume: '200 kg' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.incomparable] },
        },
        {
          name: 'a word against a quantity is incomparable',
          input: input([{ key: 'material', op: 'oneOf', values: ['PES'] }], { material: '12 mm' }),
          expect: { reasons: [SPEC_FIT_REASONS.incomparable] },
        },
        {
          name: 'oneOf unmet',
          input: input([{ key: 'material', op: 'oneOf', values: ['PES', 'PVDF'] }], { material: 'Nylon' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'max unmet: endotoxin too high',
          input: input([{ key: 'endotoxin', op: 'max', value: '0.25 EU/mL' }], { endotoxin: '0.5 EU/mL' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'flag unmet',
          input: input([{ key: 'gammaSterile', op: 'eq', value: true }], { gammaSterile: false }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
      ],
    });
    expect(summary.passed).toBe(28);
  });

  it('quantifies the deviation of an unmet pore size in message and data', () => {
    const v = judge(input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], { poreSize: '0.45 um' }));
    const unmet = v.reasons.find((r) => r.code === SPEC_FIT_REASONS.unmet);
    expect(unmet?.message).toBe('Pore size 0.45 um vs required 0.2 um: 104.5% off.');
    // Measured from 0.22 um, the upper end of the 0.2/0.22 um rating.
    expect(unmet?.data).toEqual({ key: 'poreSize', offered: '0.45 um', required: '0.2 um', importance: 'required', deviation: 1.0455 });
  });

  it('shows the offered value in the required unit and scores a near miss by its deviation', () => {
    const v = judge(input([{ key: 'innerDiameter', op: 'eq', value: '1/4 in', tolerance: '5%' }], { innerDiameter: '7 mm' }));
    const unmet = v.reasons.find((r) => r.code === SPEC_FIT_REASONS.unmet);
    expect(unmet?.message).toBe('Inner diameter 7 mm (0.2756 in) vs required 1/4 in ±5%: 10.2% off.');
    const deviation = (7 - 6.35) / 6.35;
    expect(unmet?.data.deviation).toBeCloseTo(deviation, 4);
    expect(v.score).toBeCloseTo(0.9 * (1 - deviation), 4);
    expect(v.pass).toBe(false);
  });

  it('a preferred miss is closer to 1 the smaller the deviation', () => {
    const near = judge(input([{ key: 'filterArea', op: 'min', value: '0.6 m2', importance: 'preferred' }], { filterArea: '0.55 m2' }));
    const far = judge(input([{ key: 'filterArea', op: 'min', value: '0.6 m2', importance: 'preferred' }], { filterArea: '0.2 m2' }));
    expect(near.pass).toBe(true);
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.score).toBeLessThan(0.9);
  });

  it('names the catalog item a spec came from', () => {
    const v = judge(
      input([{ key: 'poreSize', op: 'eq', value: '0.2 um' }], {}, { offering: { id: 'O1', item: 'IT-STF', specs: {} }, items: [STF_ITEM] }),
    );
    const from = v.reasons.find((r) => r.code === SPEC_FIT_REASONS.fromCatalog);
    expect(from?.data).toEqual({ key: 'poreSize', item: 'IT-STF', offered: '0.2 um' });
    expect(from?.message).toContain('IT-STF');
  });

  it('reports both dimensions of an incomparable spec', () => {
    const v = judge(input([{ key: 'workingVolume', op: 'min', value: '200 L' }], { workingVolume: '200 kg' }));
    expect(v.reasons[0]?.data).toMatchObject({ offeredDimension: 'mass', requiredDimension: 'length^3' });
  });

  describe('severities', () => {
    it('marks an unmet, missing or incomparable required spec as the failure', () => {
      const v = judge(
        input(
          [
            { key: 'poreSize', op: 'eq', value: '0.2 um' },
            { key: 'material', op: 'eq', value: 'PES' },
            { key: 'workingVolume', op: 'min', value: '200 L' },
          ],
          { poreSize: '0.45 um', workingVolume: '200 kg' },
        ),
      );
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([
        [SPEC_FIT_REASONS.unmet, 'failure'],
        [SPEC_FIT_REASONS.missing, 'failure'],
        [SPEC_FIT_REASONS.incomparable, 'failure'],
      ]);
    });

    it('marks an unmet, missing or incomparable preferred spec as a shortfall', () => {
      const v = judge(
        input(
          [
            { key: 'poreSize', op: 'eq', value: '0.2 um', importance: 'preferred' },
            { key: 'material', op: 'eq', value: 'PES', importance: 'preferred' },
            { key: 'workingVolume', op: 'min', value: '200 L', importance: 'preferred' },
          ],
          { poreSize: '0.45 um', workingVolume: '200 kg' },
        ),
      );
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([
        [SPEC_FIT_REASONS.preferredUnmet, 'shortfall'],
        [SPEC_FIT_REASONS.preferredMissing, 'shortfall'],
        [SPEC_FIT_REASONS.incomparable, 'shortfall'],
      ]);
    });

    it('marks a required spec let through by missingRequired: ignore as a shortfall, not a failure', () => {
      const v = judge(input([{ key: 'material', op: 'eq', value: 'PES' }], {}), { missingRequired: 'ignore' });
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([[SPEC_FIT_REASONS.missing, 'shortfall']]);
    });

    it('leaves met, rating-equivalence, from-catalog and not-applicable reasons as info (no severity field)', () => {
      const v = judge(
        input(
          [
            { key: 'poreSize', op: 'eq', value: '0.22 um' },
            { key: 'material', op: 'eq', value: 'PES' },
          ],
          { poreSize: '0.2 um' },
          { offering: { id: 'O1', item: 'IT-STF', specs: { poreSize: '0.2 um' } }, items: [STF_ITEM] },
        ),
      );
      expect(severities(v)).toEqual([
        [SPEC_FIT_REASONS.met, 'info'],
        [SPEC_FIT_REASONS.ratingEquivalence, 'info'],
        [SPEC_FIT_REASONS.fromCatalog, 'info'],
        [SPEC_FIT_REASONS.met, 'info'],
      ]);
      for (const r of v.reasons) expect(r).not.toHaveProperty('severity');
      expect(severities(judge(input([], { poreSize: '0.2 um' })))).toEqual([[SPEC_FIT_REASONS.none, 'info']]);
    });

    it('ends every message with exactly one period, even when a quoted value ends with one', () => {
      const v = judge(
        input(
          [
            { key: 'coating', op: 'eq', value: 'Pt-cured.' },
            { key: 'vendor', op: 'oneOf', values: ['Acme Inc.'] },
            { key: 'grade', op: 'eq', value: 'USP.' },
          ],
          { coating: 'Pt-cured.', vendor: 'Other Co.', grade: 'EP' },
        ),
      );
      expect(v.reasons).toHaveLength(3);
      for (const r of v.reasons) expect(r.message).toMatch(/[^.]\.$/);
    });
  });
});

describe('specFitCriterion: lists of quantities, vocabulary words, bounds and temperature differences', () => {
  it('passes its table of cases (every path agreeing with the judge)', () => {
    const summary = testCriterion(specFitCriterion, {
      valid: [
        {
          name: 'an offered list of insertion lengths meets eq 225 mm through one of them',
          input: input([{ key: 'insertionLength', op: 'eq', value: '225 mm' }], { insertionLength: '120 / 225 / 325 mm' }),
          expect: { score: 1, reasons: [SPEC_FIT_REASONS.met] },
        },
        {
          name: 'an offered JSON list of quantities meets oneOf through one of them',
          input: input([{ key: 'mwco', op: 'oneOf', values: ['30 kDa', '50 kDa'] }], { mwco: ['10 kDa', '30 kDa'] }),
          expect: { score: 1 },
        },
        {
          name: 'an offered 220V/60Hz meets eq 220 V (the other value is of another dimension)',
          input: input([{ key: 'power', op: 'eq', value: '220 V' }], { power: '220V/60Hz' }),
          expect: { score: 1 },
        },
        {
          name: 'a required 220V/60Hz is met by an offered 220V/60Hz',
          input: input([{ key: 'power', op: 'eq', value: '220V/60Hz' }], { power: '220 V / 60 Hz' }),
          expect: { score: 1 },
        },
        {
          name: 'SUS316L meets STS316L (built-in synonyms)',
          input: input([{ key: 'material', op: 'eq', value: 'STS316L' }], { material: 'SUS316L' }),
          expect: { score: 1 },
        },
        {
          name: 'the steel grade 316L (a word, not 0.316 L) meets STS316L',
          input: input([{ key: 'material', op: 'oneOf', values: ['STS316L', 'STS304'] }], { material: '316L' }),
          expect: { score: 1 },
        },
        {
          name: 'a nationwide service region covers Incheon',
          input: input([{ key: 'serviceRegion', op: 'oneOf', values: ['Incheon'] }], { serviceRegion: 'nationwide' }),
          expect: { score: 1 },
        },
        {
          name: '수도권 (the capital area) covers 인천 and Incheon alike',
          input: input([{ key: 'serviceRegion', op: 'eq', value: '인천' }], { serviceRegion: '수도권' }),
          expect: { score: 1 },
        },
        {
          name: 'a bound value sets the op: < 0.25 EU/mL is met by 0.1 EU/mL',
          input: input([{ key: 'endotoxin', value: '< 0.25 EU/mL' }], { endotoxin: '0.1 EU/mL' }),
          expect: { score: 1 },
        },
        {
          name: 'an offered bound is judged at its bound: ≤ 0.1 EU/mL meets max 0.25 EU/mL',
          input: input([{ key: 'endotoxin', op: 'max', value: '0.25 EU/mL' }], { endotoxin: '≤ 0.1 EU/mL' }),
          expect: { score: 1 },
        },
        {
          name: 'a uniformity of ±0.3 ℃ meets ±0.5 °C 이하 (differences, not absolute temperatures)',
          input: input([{ key: 'uniformity', value: '±0.5 °C 이하' }], { uniformity: '±0.3 ℃' }),
          expect: { score: 1 },
        },
        {
          name: 'a tolerance of 0.5 degC is half a degree: 37.4 °C meets 37 °C',
          input: input([{ key: 'setPoint', op: 'eq', value: '37 °C', tolerance: '0.5 degC' }], { setPoint: '37.4 °C' }),
          expect: { score: 1 },
        },
        {
          name: 'a freezer range written from the warm end, -40 to -86 °C, reaches -80 °C',
          input: input([{ key: 'temperature', op: 'eq', value: '-80 °C' }], { temperature: '-40 to -86 °C' }),
          expect: { score: 1 },
        },
      ],
      invalid: [
        {
          name: 'a required 220V/60Hz is not met by 220V/50Hz',
          input: input([{ key: 'power', op: 'eq', value: '220V/60Hz' }], { power: '220V/50Hz' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'inclusion runs one way: an offered Incheon does not cover a required nationwide',
          input: input([{ key: 'serviceRegion', op: 'eq', value: 'nationwide' }], { serviceRegion: 'Incheon' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'no length of the offered list meets eq 200 mm',
          input: input([{ key: 'insertionLength', op: 'eq', value: '200 mm' }], { insertionLength: '120 / 225 / 325 mm' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'an offered < 0.5 EU/mL guarantees no more than 0.5, which misses < 0.25 EU/mL',
          input: input([{ key: 'endotoxin', value: '< 0.25 EU/mL' }], { endotoxin: '< 0.5 EU/mL' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'a uniformity of ±0.6 ℃ misses ±0.5 °C',
          input: input([{ key: 'uniformity', value: '±0.5 °C' }], { uniformity: '±0.6 ℃' }),
          expect: { reasons: [SPEC_FIT_REASONS.unmet] },
        },
        {
          name: 'STS304 is not STS316L',
          input: input([{ key: 'material', op: 'eq', value: 'STS316L' }], { material: 'SUS304' }),
          expect: { score: 0, reasons: [SPEC_FIT_REASONS.unmet] },
        },
      ],
    });
    expect(summary.passed).toBe(19);
  });

  it.each([
    ['a temperature difference', { key: 'uniformity', value: '±0.5 °C' }, '±0.6 ℃', '0.1 °C off'],
    ['an absolute temperature', { key: 'temperature', op: 'max', value: '-80 °C' }, '-70 °C', '10 °C off'],
    ['an absolute temperature in °F', { key: 'temperature', op: 'max', value: '-112 °F' }, '-70 °C', '18 °F off'],
    ['a tolerance in degC', { key: 'setPoint', op: 'eq', value: '37 °C', tolerance: '0.1 degC' }, '37.3 °C', '0.3 °C off'], // measured from the value asked for, as every deviation is,
  ] as const)('says how far %s is off in degrees, never in percent', (_name, requirement, offered, off) => {
    const v = judge(input([requirement as Requirement], { x: 'y', [requirement.key]: offered }));
    const message = v.reasons[0]?.message ?? '';
    expect(message).toContain(off);
    expect(message).not.toMatch(/%/);
  });

  it('an offered list meets a requirement exactly when one of its quantities does (property)', () => {
    const lengths = fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 4 });
    const requirement = fc.record({
      op: fc.constantFrom('eq', 'min', 'max'),
      value: fc.integer({ min: 1, max: 500 }),
      tolerance: fc.constantFrom(undefined, '5%', '10 mm'),
    });
    fc.assert(
      fc.property(lengths, requirement, (list, r) => {
        const req: Requirement = {
          key: 'length',
          op: r.op,
          value: `${r.value} mm`,
          ...(r.op === 'eq' && r.tolerance !== undefined ? { tolerance: r.tolerance } : {}),
        };
        const whole = judge(input([req], { length: list.map((n) => `${n}`).join(' / ') + ' mm' }));
        const each = list.map((n) => judge(input([req], { length: `${n} mm` })));
        expect(whole.pass).toBe(each.some((v) => v.pass));
        expect(whole.score).toBeCloseTo(Math.max(...each.map((v) => v.score)), 12);
      }),
      { numRuns: 60 },
    );
  });

  it('takes a vocabulary of the dataset as an option, replacing the built-in one', () => {
    const vocabulary = { synonyms: [['EPDM', '이피디엠']], covers: { 'all elastomers': ['EPDM', 'FKM'] } };
    const i = input([{ key: 'material', op: 'eq', value: 'EPDM' }], { material: '이피디엠' });
    expect(judge(i, { vocabulary }).pass).toBe(true);
    expect(judge(i).pass).toBe(false);
    expect(judge(input([{ key: 'material', op: 'eq', value: 'FKM' }], { material: 'all elastomers' }), { vocabulary }).pass).toBe(true);
    // Without the built-in vocabulary, SUS304 is only itself.
    expect(judge(input([{ key: 'material', op: 'eq', value: 'STS304' }], { material: 'SUS304' }), { vocabulary }).pass).toBe(false);
  });
});

describe('specFitCriterion: a grade word among oneOf values is no quantity', () => {
  it('316L listed in oneOf does not meet an offered 0.316 L', () => {
    const v = judge(input([{ key: 'volume', op: 'oneOf', values: ['316L', '2 L'] }], { volume: '0.316 L' }));
    expect(v.pass).toBe(false);
    testCriterion(specFitCriterion, { valid: [], invalid: [{ name: '316L is a grade', input: input([{ key: 'volume', op: 'oneOf', values: ['316L', '2 L'] }], { volume: '0.316 L' }) }] });
  });
});
