import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { certificationCriterion } from '../../src/criteria/certification.js';
import type { Criterion, Verdict } from '../../src/criteria/criterion.js';
import { leadTimeCriterion } from '../../src/criteria/lead-time.js';
import { localityCriterion } from '../../src/criteria/locality.js';
import { priceCriterion } from '../../src/criteria/price.js';
import { readinessCriterion } from '../../src/criteria/readiness.js';
import { specFitCriterion } from '../../src/criteria/spec-fit.js';
import { pairFrom, type PairFromInput } from '../../src/engine/testing.js';
import type { ExchangeRates } from '../../src/model/dataset.js';
import { parseQuantityOrThrow } from '../../src/model/quantity.js';
import { READINESS_LEVELS } from '../../src/model/supplier.js';

type Line = PairFromInput['line'];
type Offering = PairFromInput['offering'];
type Requirement = NonNullable<Line['specs']>[number];
type CertRequirement = NonNullable<Line['certifications']>[number];
type Cert = NonNullable<Offering['certifications']>[number];
type SpecInput = string | number | boolean | string[];

const RATES: ExchangeRates = { base: 'KRW', rates: { USD: 1120, EUR: 1340 } };

// ---------------------------------------------------------------------------------------------
// Arbitraries: valid JSON input in the shapes the schemas accept, biased towards the traps.

const EPOCH = Date.UTC(2019, 0, 1);
const date = fc.integer({ min: 0, max: 6 * 365 }).map((d) => new Date(EPOCH + d * 86_400_000).toISOString().slice(0, 10));
const amount = fc.integer({ min: 0, max: 200_000 }).map((n) => n / 100);
const rate = fc
  .tuple(amount, fc.constantFrom('unit/month', 'unit/year', 'pcs/week', 'L/month', 'mL/day', 'kg/year', 'pairs/month'))
  .map(([n, u]) => `${n} ${u}`);
const duration = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('days', 'wk', 'months'))
  .map(([n, u]) => `${n} ${u}`);

const SPEC_KEYS = ['poreSize', 'innerDiameter', 'material'] as const;
const lengthUnit = fc.constantFrom('um', 'µm', 'mm', 'in');
const lengthValue = fc.integer({ min: 1, max: 1000 }).map((n) => n / 100);
const length = fc.tuple(lengthValue, lengthUnit).map(([n, u]) => `${n} ${u}`);
const lengthRange = fc.tuple(lengthValue, lengthValue, lengthUnit).map(([a, b, u]) => `${Math.min(a, b)}-${Math.max(a, b)} ${u}`);
const word = fc.constantFrom('PES', 'pes', 'PVDF', 'Nylon', 'Pt-cured silicone');
const specValue: fc.Arbitrary<SpecInput> = fc.oneof(
  fc.constantFrom('0.2 um', '0.22 um', '0.45 um', '6.4 mm', '1/4 in'),
  length,
  lengthRange,
  word,
  fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
  fc.boolean(),
);
const importance = fc.constantFrom('required' as const, 'preferred' as const);

function requirementFor(key: fc.Arbitrary<string>, imp: fc.Arbitrary<'required' | 'preferred'>): fc.Arbitrary<Requirement> {
  return fc.oneof(
    fc.record({
      key,
      op: fc.constant('eq' as const),
      value: fc.oneof(fc.constantFrom('0.2 um', '0.22 um', '1/4 in'), length),
      tolerance: fc.constantFrom('5%', '0%', '0.01 in', '0.1 um'),
      importance: imp,
    }),
    fc.record({ key, op: fc.constantFrom('min' as const, 'max' as const), value: length, importance: imp }),
    fc.record({ key, op: fc.constant('range' as const), value: lengthRange, importance: imp }),
    fc.record({ key, op: fc.constant('range' as const), min: length, max: length, importance: imp }),
    fc.record({ key, op: fc.constant('oneOf' as const), values: fc.uniqueArray(word, { minLength: 1, maxLength: 3 }), importance: imp }),
    fc.record({ key, op: fc.constant('eq' as const), value: fc.oneof(word, fc.boolean()), importance: imp }),
  );
}
const requirement = requirementFor(fc.constantFrom(...SPEC_KEYS), importance);
const offeredSpecs = fc.dictionary(fc.constantFrom(...SPEC_KEYS), specValue, { maxKeys: 3 });

const CERT_TYPES = ['ISO 9001:2015', 'ISO 13485', 'ISO 14644-1', 'GMP'] as const;
const CLASSES = ['ISO 5', 'ISO 7', 'ISO 8'] as const;
const cert: fc.Arbitrary<Cert> = fc
  .record({
    type: fc.constantFrom(...CERT_TYPES),
    cls: fc.option(fc.constantFrom(...CLASSES), { nil: undefined }),
    issued: date,
    expires: fc.option(date, { nil: undefined }),
  })
  .map(({ type, cls, issued, expires }) => ({
    type,
    issued,
    ...(cls === undefined ? {} : { class: cls }),
    // Keep issued <= expires, as real certificates have.
    ...(expires === undefined ? {} : { expires: expires < issued ? issued : expires }),
  }));
const certRequirement: fc.Arbitrary<CertRequirement> = fc
  .record({
    type: fc.constantFrom('ISO 9001', 'iso13485', 'ISO 14644-1', 'GMP'),
    level: fc.constantFrom('must' as const, 'nice' as const),
    cls: fc.option(fc.constantFrom(...CLASSES), { nil: undefined }),
  })
  .map(({ type, level, cls }) => ({ type, level, ...(cls === undefined ? {} : { class: cls }) }));

const price = fc.record(
  { amount, currency: fc.constantFrom('KRW', 'USD', 'EUR', 'JPY'), per: fc.constantFrom('unit', 'L', 'mL', 'pair', 'Unit') },
  { requiredKeys: ['amount', 'currency'] },
);

const inputArb: fc.Arbitrary<PairFromInput> = fc
  .record({
    quantity: rate,
    specs: fc.array(requirement, { maxLength: 4 }),
    certifications: fc.array(certRequirement, { maxLength: 3 }),
    maxLeadTime: fc.option(duration, { nil: undefined }),
    needBy: fc.option(date, { nil: undefined }),
    maxUnitPrice: fc.option(price, { nil: undefined }),
    domestic: fc.constantFrom('required' as const, 'preferred' as const, 'none' as const),
    regions: fc.subarray(['Incheon', 'Seoul']),
    offeredSpecs,
    capacity: fc.option(rate, { nil: undefined }),
    leadTime: fc.option(duration, { nil: undefined }),
    unitPrice: fc.option(price, { nil: undefined }),
    readiness: fc.constantFrom(...READINESS_LEVELS),
    offeringCerts: fc.array(cert, { maxLength: 3 }),
    supplierCerts: fc.array(cert, { maxLength: 4 }),
    country: fc.constantFrom('KR', 'US'),
    region: fc.option(fc.constantFrom('Incheon', 'seoul', 'Busan'), { nil: undefined }),
    asOf: date,
    rates: fc.option(fc.constant(RATES), { nil: undefined }),
  })
  .map((r) => ({
    line: {
      id: 'L1',
      text: 'item',
      quantity: r.quantity,
      specs: r.specs,
      certifications: r.certifications,
      sourcing: { domestic: r.domestic, regions: r.regions },
      ...(r.maxLeadTime === undefined ? {} : { maxLeadTime: r.maxLeadTime }),
      ...(r.needBy === undefined ? {} : { needBy: r.needBy }),
      ...(r.maxUnitPrice === undefined ? {} : { maxUnitPrice: r.maxUnitPrice }),
    },
    offering: {
      id: 'O1',
      text: 'item',
      specs: r.offeredSpecs,
      readiness: r.readiness,
      certifications: r.offeringCerts,
      ...(r.capacity === undefined ? {} : { capacity: r.capacity }),
      ...(r.leadTime === undefined ? {} : { leadTime: r.leadTime }),
      ...(r.unitPrice === undefined ? {} : { unitPrice: r.unitPrice }),
    },
    supplier: { country: r.country, certifications: r.supplierCerts, ...(r.region === undefined ? {} : { region: r.region }) },
    asOf: r.asOf,
    ...(r.rates === undefined ? {} : { exchangeRates: r.rates }),
  }));

// Options vary too: a score must stay in [0, 1] under any valid configuration.
const share = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const unitScore = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const optionsArb = fc.record({
  specFit: fc.record({ missingRequired: fc.constantFrom('fail', 'ignore'), useCatalogSpecs: fc.boolean() }),
  certification: fc.record({ expiringCredit: unitScore, mustWeight: fc.integer({ min: 0, max: 3 }), niceWeight: fc.integer({ min: 0, max: 3 }) }),
  capacity: fc.tuple(share, fc.integer({ min: 1, max: 300 })).map(([minShare, full]) => ({ minShare: Math.min(minShare, full / 100), fullShare: full / 100 })),
  leadTime: fc.record({ gate: fc.boolean() }),
  locality: fc.record({ foreignScore: unitScore, outsideRegionScore: unitScore, regionMissScore: unitScore }),
  price: fc.record({ gateOverMax: fc.boolean() }),
  readiness: fc.record({
    scores: fc.record({ prototype: unitScore, capable: unitScore }, { requiredKeys: [] }),
    minReadiness: fc.constantFrom(...READINESS_LEVELS),
  }),
});

const CRITERIA = [
  specFitCriterion,
  certificationCriterion,
  capacityCriterion,
  leadTimeCriterion,
  localityCriterion,
  priceCriterion,
  readinessCriterion,
] as Criterion[];

/** Judges a pair with a criterion, its options laid over the defaults and validated. */
function judgeWith(criterion: Criterion, input: PairFromInput, options: Record<string, unknown> = {}): Verdict {
  const { pair, context } = pairFrom(input);
  const parsed = criterion.meta.options.parse({ ...(criterion.meta.defaults as Record<string, unknown>), ...options });
  return criterion.create(parsed, context)(pair);
}

const score = (criterion: Criterion, input: PairFromInput): number => judgeWith(criterion, input).score;

// ---------------------------------------------------------------------------------------------

describe('criterion properties', () => {
  it('every score of every criterion stays in [0, 1], and a verdict that does not apply never fails', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, (input, options) => {
        const { pair, context } = pairFrom(input);
        for (const criterion of CRITERIA) {
          const opts = options[criterion.meta.id as keyof typeof options];
          const parsed = criterion.meta.options.parse({ ...(criterion.meta.defaults as Record<string, unknown>), ...opts });
          const v = criterion.create(parsed, context)(pair);
          expect(Number.isFinite(v.score), criterion.meta.id).toBe(true);
          expect(v.score, criterion.meta.id).toBeGreaterThanOrEqual(0);
          expect(v.score, criterion.meta.id).toBeLessThanOrEqual(1);
          if (!v.applicable) expect(v.pass, criterion.meta.id).toBe(true);
          expect(v.reasons.length, criterion.meta.id).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a failed gate always carries a failure reason, a pass never does, and every message is one sentence', () => {
    fc.assert(
      fc.property(inputArb, optionsArb, (input, options) => {
        const { pair, context } = pairFrom(input);
        for (const criterion of CRITERIA) {
          const opts = options[criterion.meta.id as keyof typeof options];
          const parsed = criterion.meta.options.parse({ ...(criterion.meta.defaults as Record<string, unknown>), ...opts });
          const v = criterion.create(parsed, context)(pair);
          const failures = v.reasons.filter((r) => r.severity === 'failure');
          if (v.pass) expect(failures, criterion.meta.id).toEqual([]);
          else expect(failures.length, criterion.meta.id).toBeGreaterThan(0);
          // Not applicable is never a shortfall nor a failure.
          if (!v.applicable) for (const r of v.reasons) expect(r.severity ?? 'info', r.code).toBe('info');
          // The formatter joins messages with '; ': each ends with exactly one period.
          for (const r of v.reasons) expect(r.message, r.code).toMatch(/[^.]\.$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a certificate never lowers the certification score nor turns a pass into a failure', () => {
    fc.assert(
      fc.property(inputArb, cert, fc.boolean(), (input, extra, onOffering) => {
        const before = judgeWith(certificationCriterion, input);
        const more: PairFromInput = onOffering
          ? { ...input, offering: { ...input.offering, certifications: [...(input.offering.certifications ?? []), extra] } }
          : { ...input, supplier: { ...input.supplier, certifications: [extra, ...(input.supplier?.certifications ?? [])] } };
        const after = judgeWith(certificationCriterion, more);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        if (before.pass) expect(after.pass).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('lowering capacity never raises the capacity score', () => {
    const perTime = fc.constantFrom('unit/day', 'unit/week', 'unit/month', 'unit/year');
    fc.assert(
      fc.property(rate, amount, perTime, amount, perTime, (demand, a, ua, b, ub) => {
        const [low, high] = [`${a} ${ua}`, `${b} ${ub}`].sort(
          (x, y) => parseQuantityOrThrow(x).value - parseQuantityOrThrow(y).value,
        ) as [string, string];
        const at = (capacity: string): PairFromInput => ({
          line: { id: 'L1', text: 'x', quantity: demand },
          offering: { id: 'O1', text: 'x', capacity },
        });
        expect(score(capacityCriterion, at(low))).toBeLessThanOrEqual(score(capacityCriterion, at(high)));
      }),
      { numRuns: 300 },
    );
  });

  it('meeting a preferred spec requirement never scores lower than not meeting it', () => {
    const preferred = requirementFor(fc.constant('pref'), fc.constant('preferred' as const));
    fc.assert(
      fc.property(inputArb, preferred, fc.option(specValue, { nil: undefined }), (input, req, other) => {
        const meeting = valueMeeting(req);
        const withPref = (value: SpecInput | undefined): PairFromInput => {
          const specs: Record<string, SpecInput> = { ...(input.offering.specs as Record<string, SpecInput> | undefined) };
          if (value === undefined) delete specs.pref;
          else specs.pref = value;
          return {
            ...input,
            line: { ...input.line, specs: [...(input.line.specs ?? []), req] },
            offering: { ...input.offering, specs },
          };
        };
        const met = judgeWith(specFitCriterion, withPref(meeting));
        const missed = judgeWith(specFitCriterion, withPref(other));
        expect(met.reasons.some((r) => r.code === 'spec.met' && r.data.key === 'pref')).toBe(true);
        expect(met.score).toBeGreaterThanOrEqual(missed.score);
        // A preferred requirement never decides the gate.
        expect(met.pass).toBe(missed.pass);
      }),
      { numRuns: 300 },
    );
  });
});

/** An offered value that meets the requirement (the value asked for, or its first choice). */
function valueMeeting(req: Requirement): SpecInput {
  if (req.op === 'oneOf') return req.values?.[0] ?? '';
  if (req.op === 'range' && req.value === undefined) return typeof req.min === 'string' ? req.min : '';
  return req.value ?? '';
}
