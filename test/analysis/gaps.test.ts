import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSupport } from '../../src/analysis/budget.js';
import { standingIn } from '../../src/analysis/counterfactual.js';
import { coverageGain, givenFrom, lineCoverage, type CoverageLine } from '../../src/analysis/coverage.js';
import { closeDeficits, deficitDeclarations, deficitsOf } from '../../src/analysis/deficits.js';
import { gapReport, type GapReport, type NearMiss } from '../../src/analysis/gaps.js';
import { DEFAULT_SUPPORT_MAPPING, supportFor } from '../../src/analysis/support.js';
import { defineCriterion } from '../../src/criteria/criterion.js';
import { defaultCriteria } from '../../src/criteria/defaults.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher, type MatcherConfig } from '../../src/engine/matcher.js';
import { formatGapReport, gapReportToCsv, serializeGapReport } from '../../src/format/gaps.js';
import type { SupportType } from '../../src/model/common.js';
import type { Dataset } from '../../src/model/dataset.js';
import { z } from 'zod';
import { issuesOf } from '../helpers/issues.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// ---------------------------------------------------------------------------------------
// A small dataset: one sterilizing filter line and suppliers that each lack one thing.
// ---------------------------------------------------------------------------------------

const ASTM: Any = { type: 'ASTM F838', issued: '2020-01-01', expires: '2024-01-01' };
const CLEANROOM: Any = { type: 'ISO 14644-1', class: 'ISO 7', issued: '2020-06-01', expires: '2023-06-01' };
const ISO13485: Any = { type: 'ISO 13485', issued: '2020-01-01', expires: '2024-01-01' };
const GOOD_CERTS = [ASTM, CLEANROOM, ISO13485];

interface SupplierSpec {
  readonly id: string;
  readonly country?: string;
  readonly region?: string;
  readonly capacity?: string;
  readonly poreSize?: string;
  readonly leadTime?: string;
  readonly price?: number;
  readonly readiness?: string;
  readonly certs?: readonly Any[];
  readonly supportNeeds?: readonly string[];
}

function supplier(s: SupplierSpec): Any {
  return {
    id: s.id,
    names: { en: `Firm ${s.id}` },
    country: s.country ?? 'KR',
    region: s.region ?? 'Incheon',
    size: 'small',
    supportNeeds: s.supportNeeds ?? ['funding'],
    certifications: s.certs ?? GOOD_CERTS,
    offerings: [
      {
        id: `${s.id}-O1`,
        item: 'IT-STF',
        specs: { poreSize: s.poreSize ?? '0.2 um', material: 'PES' },
        capacity: s.capacity ?? '1,000 unit/month',
        leadTime: s.leadTime ?? '6 wk',
        unitPrice: { amount: s.price ?? 150_000, currency: 'KRW', per: 'unit' },
        readiness: s.readiness ?? 'in-production',
      },
    ],
  };
}

function line(over: Any = {}): Any {
  return {
    id: 'L1',
    item: 'IT-STF',
    quantity: '1,000 unit/month',
    specs: [{ key: 'poreSize', op: 'eq', value: '0.2 um' }],
    certifications: [
      { type: 'ASTM F838', level: 'must' },
      { type: 'ISO 14644-1', level: 'must', class: 'ISO 7' },
      { type: 'ISO 13485', level: 'nice' },
    ],
    maxLeadTime: '12 wk',
    needBy: '2021-09-01',
    maxUnitPrice: { amount: 200_000, currency: 'KRW' },
    sourcing: { domestic: 'preferred' },
    ...over,
  };
}

function dataset(suppliers: readonly SupplierSpec[], lines: readonly Any[] = [line()]): Dataset {
  return parseDataset({
    meta: { name: 'gaps', fictional: true, asOf: '2021-03-01', domesticCountry: 'KR', exchangeRates: { base: 'KRW', rates: { USD: 1120 } } },
    items: [
      {
        id: 'IT-STF',
        category: 'sterilizing-filter',
        names: { en: 'Sterilizing capsule filter', ko: '제균 캡슐필터' },
        codes: { unspsc: ['41104915'] },
        specs: { poreSize: '0.2 um' },
      },
    ],
    suppliers: suppliers.map(supplier),
    buyers: [{ id: 'B-01', names: { en: 'Songdo Biologics' }, country: 'KR', demandLines: lines }],
  });
}

const BIG = { topK: 100, rejectedK: 100 } as const;

/** Re-runs the real engine on the data changed by closeDeficits and checks the report's standing. */
function verifyByRerun(report: GapReport, data: Dataset, config: MatcherConfig = {}): number {
  const matcher = createMatcher({ ...config, ...BIG });
  let checked = 0;
  for (const g of report.lines)
    for (const n of g.nearMisses)
      for (const [cf, closing] of [
        [n.unblocked, n.deficits.filter((d) => d.blocking)],
        [n.closed, n.deficits.filter((d) => d.closable)],
      ] as const) {
        if (cf === undefined) continue;
        const s = data.suppliers.find((x) => x.id === n.supplier);
        const l = data.buyers.flatMap((b) => b.demandLines).find((x) => x.id === g.line);
        if (!s || !l) throw new Error('missing supplier or line');
        const fix = closeDeficits(s, n.offering, l, closing, report.asOf);
        const changed = { ...data, suppliers: data.suppliers.map((x) => (x.id === s.id ? fix.supplier : x)) };
        const standing = standingIn(matcher.match(changed, { lines: [g.line] }).lines[0], n.offering);
        expect({ line: g.line, offering: n.offering, qualifies: cf.qualifies, rank: cf.rank, score: cf.score }).toEqual({
          line: g.line,
          offering: n.offering,
          qualifies: standing.qualifies,
          rank: standing.rank,
          score: standing.score,
        });
        checked += 1;
      }
  return checked;
}

const nearMiss = (report: GapReport, supplierId: string, lineId = 'L1'): NearMiss => {
  const n = report.lines.find((l) => l.line === lineId)?.nearMisses.find((x) => x.supplier === supplierId);
  if (!n) throw new Error(`no near miss ${supplierId} on ${lineId}`);
  return n;
};

describe('support mapping', () => {
  it.each([
    ['cert.expired', 'information'],
    ['cert.missing', 'information'],
    ['cert.class_insufficient', 'funding'],
    ['capacity.below_min_share', 'funding'],
    ['capacity.partial', 'funding'],
    ['spec.unmet', 'technical'],
    ['lead_time.over_max', 'funding'],
    ['price.over_max', 'technical'],
    ['readiness.below_min', 'technical'],
    ['locality.domestic_required', 'none'],
    ['item.same_category', 'none'],
    ['moq.too_high', 'none'],
  ])('%s is closed by %s', (code, support) => {
    expect(supportFor(code)).toBe(support);
  });

  it('takes the exact code, then the longest pattern, over the defaults', () => {
    expect(supportFor('cert.expired', { 'cert.*': 'funding' })).toBe('funding');
    expect(supportFor('cert.class_insufficient', { 'cert.*': 'technical' })).toBe('funding');
    expect(supportFor('spec.unmet', { 'spec.unmet': 'information' })).toBe('information');
    expect(supportFor('moq.too_high', { 'moq.*': 'funding' })).toBe('funding');
    expect(Object.isFrozen(DEFAULT_SUPPORT_MAPPING)).toBe(true);
  });

  it('takes deficit kinds and default support from the criteria that give the reasons', () => {
    // Written out here, not read from the criteria: the declarations must say this.
    const expected: Record<string, [string, Record<string, string>]> = {
      itemFit: ['item', { 'item.*': 'none' }],
      specFit: ['spec', { 'spec.*': 'technical' }],
      certification: ['certificate', { 'cert.*': 'information', 'cert.class_insufficient': 'funding' }],
      capacity: ['capacity', { 'capacity.*': 'funding' }],
      leadTime: ['lead-time', { 'lead_time.*': 'funding' }],
      locality: ['locality', { 'locality.*': 'none' }],
      price: ['price', { 'price.*': 'technical' }],
      readiness: ['readiness', { 'readiness.*': 'technical' }],
    };
    const declared = deficitDeclarations();
    expect(Object.fromEntries([...declared].map(([id, d]) => [id, [d.kind, d.support]]))).toEqual(expected);
    // A criterion that declares nothing gives deficits of kind other that no support closes.
    const outcome = { criterion: 'moq', kind: 'gate' as const, applicable: true, pass: false, score: 0, weight: 1, contribution: 0, reasons: [{ code: 'moq.too_high', message: 'Minimum order 500 above the demand.', data: {}, severity: 'failure' as const }] };
    expect(deficitsOf([outcome])).toMatchObject([{ kind: 'other', code: 'moq.too_high', support: 'none', closable: false, blocking: true, summary: 'Minimum order 500 above the demand' }]);
    expect(deficitsOf([outcome], { 'moq.*': 'funding' })).toMatchObject([{ support: 'funding', closable: false }]);
  });
});

describe('gapReport: each deficit kind, quantified, with its support', () => {
  const cases: readonly {
    name: string;
    spec: SupplierSpec;
    config?: MatcherConfig;
    code: string;
    support: SupportType | 'none';
    blocking: boolean;
    data: Any;
    summary: RegExp;
    sentence: RegExp;
  }[] = [
    {
      name: 'an expired certificate',
      spec: { id: 'S-X', certs: [{ ...ASTM, expires: '2020-11-30' }, CLEANROOM, ISO13485] },
      code: 'cert.expired',
      support: 'information',
      blocking: true,
      data: { cert: 'ASTM F838', expired: '2020-11-30' },
      summary: /^ASTM F838 expired 2020-11-30$/,
      sentence: /^S-X would rank #2 of 2 for L1 if its ASTM F838 certificate were renewed\.$/,
    },
    {
      name: 'a missing certificate',
      spec: { id: 'S-X', certs: [CLEANROOM, ISO13485] },
      code: 'cert.missing',
      support: 'information',
      blocking: true,
      data: { cert: 'ASTM F838', level: 'must' },
      summary: /^no ASTM F838 \(required\)$/,
      sentence: /if it obtained ASTM F838\.$/,
    },
    {
      name: 'a cleanroom class too low',
      spec: { id: 'S-X', certs: [ASTM, { ...CLEANROOM, class: 'ISO 8' }, ISO13485] },
      code: 'cert.class_insufficient',
      support: 'funding',
      blocking: true,
      data: { held: 'ISO 8', required: 'ISO 7' },
      summary: /^ISO 14644-1 at ISO 8, ISO 7 required$/,
      sentence: /if its ISO 14644-1 class were raised to ISO 7\.$/,
    },
    {
      name: 'a certificate lapsing before need-by',
      spec: { id: 'S-X', certs: [{ ...ASTM, expires: '2021-06-30' }, CLEANROOM, ISO13485] },
      code: 'cert.expires_before_need_by',
      support: 'information',
      blocking: false,
      data: { expires: '2021-06-30', needBy: '2021-09-01' },
      summary: /expires 2021-06-30, before need-by 2021-09-01/,
      sentence: /renewed beyond 2021-09-01\.$/,
    },
    {
      name: 'capacity under the minimum share',
      spec: { id: 'S-X', capacity: '100 unit/month' },
      code: 'capacity.below_min_share',
      support: 'funding',
      blocking: true,
      data: { percentCovered: 10, shortfall: '900 unit/month' },
      summary: /covers 10% of 1,000 unit\/month \(short 900 unit\/month\)/,
      sentence: /if its capacity rose by 900 unit\/month\.$/,
    },
    {
      name: 'partial capacity',
      spec: { id: 'S-X', capacity: '6,000 unit/year' },
      code: 'capacity.partial',
      support: 'funding',
      blocking: false,
      data: { percentCovered: 50 },
      summary: /covers 50% .*short 500 unit\/month/,
      sentence: /if its capacity rose by 500 unit\/month\.$/,
    },
    {
      name: 'a spec deviation',
      spec: { id: 'S-X', poreSize: '0.45 um' },
      code: 'spec.unmet',
      support: 'technical',
      blocking: true,
      data: { key: 'poreSize', offered: '0.45 um', required: '0.2 um' },
      summary: /^pore size 0\.45 um vs 0\.2 um \(\d+(\.\d)?% off\)$/,
      sentence: /if its pore size were 0\.2 um\.$/,
    },
    {
      name: 'a lead time over the maximum',
      spec: { id: 'S-X', leadTime: '20 wk' },
      code: 'lead_time.over_max',
      support: 'funding',
      blocking: true,
      data: { weeksOver: 8, maxLeadTime: '12 wk' },
      summary: /^lead time 20 wk, 8 weeks over 12 wk$/,
      sentence: /if its lead time were 8 weeks shorter\.$/,
    },
    {
      name: 'a price over the maximum (scored)',
      spec: { id: 'S-X', price: 240_000 },
      code: 'price.over_max',
      support: 'technical',
      blocking: false,
      data: { percentOver: 20 },
      summary: /^price 20% over the maximum 200000 KRW$/,
      sentence: /if its price came down to the maximum\.$/,
    },
    {
      name: 'a price over the maximum (gated)',
      spec: { id: 'S-X', price: 240_000 },
      config: { criteria: defaultCriteria().map((c) => (c.meta.id === 'price' ? { criterion: c, options: { gateOverMax: true } } : c)) },
      code: 'price.over_max',
      support: 'technical',
      blocking: true,
      data: { percentOver: 20 },
      summary: /20% over/,
      sentence: /^S-X would rank #2 of 2 for L1 if its price came down to the maximum\.$/,
    },
    {
      name: 'a prototype (scored)',
      spec: { id: 'S-X', readiness: 'prototype' },
      code: 'readiness.level',
      support: 'technical',
      blocking: false,
      data: { level: 'prototype' },
      summary: /^readiness prototype$/,
      sentence: /if it reached production\.$/,
    },
    {
      name: 'a prototype (gated)',
      spec: { id: 'S-X', readiness: 'prototype' },
      config: { criteria: defaultCriteria().map((c) => (c.meta.id === 'readiness' ? { criterion: c, options: { scores: {}, minReadiness: 'qualified-elsewhere' } } : c)) },
      code: 'readiness.below_min',
      support: 'technical',
      blocking: true,
      data: { level: 'prototype', minReadiness: 'qualified-elsewhere' },
      summary: /at least qualified-elsewhere required/,
      sentence: /if it reached qualified-elsewhere\.$/,
    },
  ];

  it.each(cases)('$name', ({ spec, config, code, support, blocking, data, summary, sentence }) => {
    const data_ = dataset([{ id: 'S-OK' }, spec]);
    const report = gapReport(data_, config ? { matcher: config } : {});
    const n = nearMiss(report, 'S-X');
    const d = n.deficits.find((x) => x.code === code);
    expect(d).toBeDefined();
    expect(d?.support).toBe(support);
    expect(d?.blocking).toBe(blocking);
    expect(d?.data).toMatchObject(data);
    expect(d?.summary).toMatch(summary);
    expect(n.status).toBe(blocking ? 'rejected' : 'qualified');
    expect(n.needs).toEqual(blocking ? [support] : []);
    const cf = blocking ? n.unblocked : n.closed;
    expect(cf?.qualifies).toBe(true);
    expect(cf?.sentence).toMatch(sentence);
    expect(verifyByRerun(report, data_, config)).toBeGreaterThan(0);
  });

  it('a domestic supplier outside the preferred regions: a deficit no support closes', () => {
    const report = gapReport(dataset([{ id: 'S-X', region: 'Busan', capacity: '500 unit/month' }], [line({ sourcing: { domestic: 'preferred', regions: ['Incheon'] } })]));
    const n = nearMiss(report, 'S-X');
    const locality = n.deficits.find((d) => d.kind === 'locality');
    expect(locality).toMatchObject({ code: 'locality.outside_region', support: 'none', closable: false, blocking: false });
    expect(n.closed?.changes).toEqual(['raised capacity from 500 unit/month to 1,000 unit/month']);
  });

  it('several deficits of several kinds: each quantified; unblocked closes only the blocking ones', () => {
    const data = dataset([{ id: 'S-OK' }, { id: 'S-X', poreSize: '0.45 um', capacity: '500 unit/month', certs: [{ ...ASTM, expires: '2020-11-30' }, CLEANROOM] }]);
    const report = gapReport(data);
    const n = nearMiss(report, 'S-X');
    expect(n.needs).toEqual(['information', 'technical']);
    expect(n.supports).toEqual(['funding', 'information', 'technical']);
    expect(n.deficits.filter((d) => d.blocking).map((d) => d.code).sort()).toEqual(['cert.expired', 'spec.unmet']);
    expect(n.unblocked?.closes).toEqual(['information', 'technical']);
    expect(n.unblocked?.changes).toHaveLength(2);
    expect(n.closed?.closes).toEqual(['funding', 'information', 'technical']);
    expect(n.closed?.rank).toBeLessThanOrEqual(n.unblocked?.rank ?? Number.POSITIVE_INFINITY);
    expect(n.distance).toBeGreaterThan(1); // a certificate counts 1, the pore size its deviation
    expect(verifyByRerun(report, data)).toBe(2);
  });

  it('a failed gate without a failure reason still shows as a deficit, not closable', () => {
    const moq = defineCriterion({
      meta: { id: 'moq', description: 'minimum order', kind: 'gate', options: z.object({}), defaults: {} },
      create: () => (pair) => ({ applicable: true, pass: pair.offering.supplier.id !== 'S-X', score: 1, reasons: [] }),
    });
    const report = gapReport(dataset([{ id: 'S-OK' }, { id: 'S-X' }]), { matcher: { criteria: [...defaultCriteria(), moq] } });
    const n = nearMiss(report, 'S-X');
    expect(n.deficits).toEqual([expect.objectContaining({ code: 'moq.failed', kind: 'other', support: 'none', blocking: true, closable: false })]);
    expect(n.closable).toBe(false);
    expect(n.unblocked).toBeUndefined();
    expect(report.model[0]?.offers.find((o) => o.supplier === 'S-X')?.qualifies).toBe(false);
  });

  it('the mapping is configurable: a kind mapped to none is not closed', () => {
    const data = dataset([{ id: 'S-OK' }, { id: 'S-X', poreSize: '0.45 um' }, { id: 'S-Y', leadTime: '20 wk' }]);
    const report = gapReport(data, { support: { 'spec.*': 'none', 'lead_time.*': 'technical' } });
    expect(nearMiss(report, 'S-X')).toMatchObject({ closable: false, unblocked: undefined, needs: [] });
    expect(nearMiss(report, 'S-Y')).toMatchObject({ closable: true, needs: ['technical'] });
    expect(report.mapping['lead_time.*']).toBe('technical');
    expect(report.actions.map((a) => a.id)).toContain('S-Y/technical');
  });

  it('orders near misses by how little they lack', () => {
    const report = gapReport(
      dataset([
        { id: 'S-A', poreSize: '0.45 um', leadTime: '20 wk' },
        { id: 'S-B', poreSize: '0.45 um' },
        { id: 'S-C', poreSize: '0.3 um' },
        { id: 'S-D', capacity: '500 unit/month' },
      ]),
    );
    // S-D qualifies (no blocking deficit); S-C and S-B lack one spec, S-C by less; S-A lacks two things.
    expect(report.lines[0]?.nearMisses.map((n) => n.supplier)).toEqual(['S-D', 'S-C', 'S-B', 'S-A']);
  });
});

describe('gapReport: line classes', () => {
  const classOf = (suppliers: readonly SupplierSpec[], over: Any = {}, options: Any = {}): string =>
    gapReport(dataset(suppliers, [line(over)]), options).lines[0]?.class ?? '?';

  it.each([
    ['one domestic supplier covering the demand', [{ id: 'S-1' }], {}, {}, 'domestic'],
    ['domestic capacity short of the demand', [{ id: 'S-1', capacity: '600 unit/month' }], {}, {}, 'partial'],
    ['two domestic suppliers together covering it', [{ id: 'S-1', capacity: '600 unit/month' }, { id: 'S-2', capacity: '400 unit/month' }], {}, {}, 'domestic'],
    ['one domestic supplier where the line needs two', [{ id: 'S-1' }], { sourcing: { domestic: 'preferred', minSuppliers: 2 } }, {}, 'partial'],
    ['one domestic supplier where minDomestic is 2', [{ id: 'S-1' }], {}, { minDomestic: 2 }, 'partial'],
    ['two full domestic suppliers where the line needs two', [{ id: 'S-1' }, { id: 'S-2' }], { sourcing: { domestic: 'preferred', minSuppliers: 2 } }, {}, 'domestic'],
    ['one supplier may carry at most 70%', [{ id: 'S-1' }], { sourcing: { domestic: 'preferred', maxSupplierShare: 0.7 } }, {}, 'partial'],
    ['only a foreign supplier', [{ id: 'S-1', country: 'US' }], {}, {}, 'foreign-only'],
    ['only a foreign supplier, domestic required', [{ id: 'S-1', country: 'US' }], { sourcing: { domestic: 'required' } }, {}, 'uncovered'],
    ['nobody qualifies', [{ id: 'S-1', poreSize: '0.45 um' }], {}, {}, 'uncovered'],
    ['a foreign supplier counts as domestic when it is the domestic country', [{ id: 'S-1', country: 'US' }], {}, { domesticCountry: 'US' }, 'domestic'],
  ] as const)('%s', (_name, suppliers, over, options, expected) => {
    expect(classOf(suppliers, over, options)).toBe(expected);
  });

  it('coverage is 1 exactly for domestic lines and explains the rest', () => {
    const report = gapReport(dataset([{ id: 'S-1', capacity: '600 unit/month' }, { id: 'S-F', country: 'US' }]));
    const g = report.lines[0];
    expect(g).toMatchObject({ class: 'partial', domesticSuppliers: ['S-1'], foreignSuppliers: ['S-F'], domesticShare: 0.6, coverage: 0.6 });
    expect(g?.why).toBe('Partly domestic: domestic capacity carries 60% of 1,000 unit/month.');
    expect(report.counts).toMatchObject({ domestic: 0, partial: 1, 'foreign-only': 0, uncovered: 0, lines: 1 });
  });

  it('a capacity that cannot be compared counts nothing, and says so', () => {
    const data = dataset([{ id: 'S-1', capacity: '1,000 pair/month' }]);
    const g = gapReport(data).lines[0];
    expect(g).toMatchObject({ class: 'partial', unknownCapacity: ['S-1-O1'], domesticShare: 0 });
    expect(g?.why).toContain('not comparable');
  });
});

describe('gapReport: options and guarantees', () => {
  it('refuses bad options with every issue listed', () => {
    const data = dataset([{ id: 'S-1' }]);
    expect(issuesOf(() => gapReport(data, { minDomestic: 0, domesticCountry: 'Korea', lines: ['NOPE'], support: { 'cert.*': 'cash' as never } }))).toEqual([
      'minDomestic [invalid_option]',
      'domesticCountry [invalid_format]',
      'support.cert.* [invalid_option]',
      'lines [unknown_line]',
    ]);
    const noCountry = { ...data, meta: { ...data.meta, domesticCountry: undefined } } as unknown as Dataset;
    expect(issuesOf(() => gapReport(noCountry))).toEqual(['domesticCountry [required]']);
  });

  it("a matcher's own topK and rejectedK cut no near miss; maxNearMisses lists the nearest and says there are more", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `S-${String(i).padStart(2, '0')}`, poreSize: '0.45 um' }));
    const data = dataset(many);
    const all = gapReport(data).lines[0];
    expect(all?.nearMisses).toHaveLength(12);
    expect(all?.moreNearMisses).toBe(false);
    expect(gapReport(data, { matcher: createMatcher() }).lines[0]?.nearMisses).toEqual(all?.nearMisses);
    expect(gapReport(data, { matcher: createMatcher(BIG) }).lines[0]?.nearMisses).toEqual(all?.nearMisses);
    const five = gapReport(data, { maxNearMisses: 5 }).lines[0];
    expect(five?.nearMisses).toEqual(all?.nearMisses.slice(0, 5));
    expect(five?.moreNearMisses).toBe(true);
    expect(five?.why).toContain('more than 5 domestic near misses (the 5 nearest listed)');
    expect(gapReport(data, { maxNearMisses: 12 }).lines[0]?.moreNearMisses).toBe(false);
    expect(issuesOf(() => gapReport(data, { maxNearMisses: 1.5 }))).toEqual(['maxNearMisses [invalid_option]']);
    expect(issuesOf(() => gapReport(data, { maxNearMisses: -1 }))).toEqual(['maxNearMisses [invalid_option]']);
  });

  it('is deterministic and serializable', () => {
    const data = dataset([{ id: 'S-1', capacity: '600 unit/month' }, { id: 'S-2', poreSize: '0.45 um' }, { id: 'S-F', country: 'US' }]);
    const a = serializeGapReport(gapReport(data, { budget: { funding: 1, technical: 1 } }));
    const b = serializeGapReport(gapReport(data, { budget: { funding: 1, technical: 1 } }));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ counts: { partial: 1 } });
  });

  it('asOf is an input: a certificate valid then is expired later', () => {
    const data = dataset([{ id: 'S-1', certs: [{ ...ASTM, expires: '2021-05-01' }, CLEANROOM, ISO13485] }]);
    expect(gapReport(data).lines[0]?.class).toBe('domestic');
    const later = gapReport(data, { asOf: '2021-06-01' });
    expect(later.asOf).toBe('2021-06-01');
    expect(later.lines[0]?.class).toBe('uncovered');
    expect(nearMiss(later, 'S-1').deficits[0]).toMatchObject({ code: 'cert.expired', data: { expired: '2021-05-01' } });
    expect(nearMiss(later, 'S-1').unblocked?.qualifies).toBe(true);
  });

  it('prepared and full re-runs give the same report', () => {
    const data = dataset([{ id: 'S-1', poreSize: '0.45 um', capacity: '500 unit/month' }, { id: 'S-2', leadTime: '20 wk' }, { id: 'S-3' }]);
    const fast = gapReport(data, { rerun: 'prepared' });
    const full = gapReport(data, { rerun: 'full' });
    expect(serializeGapReport(full)).toBe(serializeGapReport(fast));
  });

  it('without counterfactuals, deficits are listed but nobody is known to qualify', () => {
    const report = gapReport(dataset([{ id: 'S-1', poreSize: '0.45 um' }]), { counterfactuals: false, budget: { technical: 1 } });
    expect(nearMiss(report, 'S-1')).toMatchObject({ unblocked: undefined, closed: undefined, needs: ['technical'] });
    expect(report.counts.counterfactualRuns).toBe(0);
    expect(report.plan?.gain).toBe(0);
  });
});

describe('gapReport: programme views', () => {
  const data = dataset(
    [
      { id: 'S-1', capacity: '500 unit/month', supportNeeds: ['funding'] },
      { id: 'S-2', poreSize: '0.45 um', supportNeeds: ['information'] },
      { id: 'S-3', certs: [CLEANROOM, ISO13485], supportNeeds: ['information'] },
      { id: 'S-F', country: 'US' },
    ],
    [line(), line({ id: 'L2', quantity: '2,000 unit/month' })],
  );
  const report = gapReport(data, { budget: { funding: 1, information: 1, technical: 1 } });

  it('per item: import dependence is the share of volume only foreign suppliers can cover', () => {
    expect(report.items).toHaveLength(1);
    const item = report.items[0];
    // S-1 carries 500 of 1,000 and 500 of 2,000; S-F covers the rest of both.
    expect(item).toMatchObject({ item: 'IT-STF', lines: ['L1', 'L2'], weighting: 'volume', demanded: '3,000 unit/month', domesticCapacity: '500 unit/month' });
    expect(item?.domesticShare).toBeCloseTo(1000 / 3000, 4);
    expect(item?.importDependence).toBeCloseTo(2000 / 3000, 4);
    expect(item?.unserved).toBe(0);
  });

  it('per action: the lines one action would open, by the counterfactuals', () => {
    const action = report.actions.find((a) => a.id === 'S-3/information');
    expect(action).toMatchObject({ supplier: 'S-3', support: 'information', declared: true });
    expect(action?.deficits[0]).toMatchObject({ code: 'cert.missing', lines: ['L1', 'L2'] });
    expect(action?.unlocks.map((u) => u.line)).toEqual(['L1', 'L2']);
    // S-3 carries all of L1 (on top of S-1's half: +0.5) and half of L2 (on top of S-1's quarter: +0.5).
    expect(action?.gain).toBeCloseTo(0.5 + 0.5, 4);
    expect(action?.gain).toBeCloseTo(coverageGain(report.model, givenFrom([{ supplier: 'S-3', support: 'information' }])), 4);
  });

  it('per supplier: a development plan across buyers', () => {
    const plan = report.suppliers.find((p) => p.supplier === 'S-2');
    expect(plan).toMatchObject({ declaredNeeds: ['information'], supports: ['funding', 'technical'] });
    expect(plan?.deficits.map((d) => `${d.support} ${d.code} ${d.lines.join('+')}`)).toEqual(['funding capacity.partial L2', 'technical spec.unmet L1+L2']);
    // With technical support (and funding for L2's volume) it would rank first on both lines.
    expect(plan?.unlocks.map((u) => `${u.line}#${u.rank}:${u.gain}`)).toEqual(['L1#1:0.5', 'L2#1:0.75']);
    expect(plan?.gain).toBe(1.25);
    expect(report.suppliers.find((p) => p.supplier === 'S-1')?.improves).toEqual(['L1', 'L2']);
  });

  it('per support type: firms, declared needs, lines and coverage', () => {
    expect(report.supportTypes.map((s) => s.support)).toEqual(['funding', 'information', 'technical']);
    const information = report.supportTypes.find((s) => s.support === 'information');
    expect(information).toMatchObject({ suppliers: ['S-3'], declaredBy: ['S-3'], actions: 1, lines: ['L1', 'L2'] });
  });

  it('the plan spends within the budget and its value is the coverage it opens', () => {
    const plan = report.plan;
    expect(plan?.method).toBe('branch-and-bound');
    expect(plan?.optimal).toBe(true);
    for (const t of ['funding', 'information', 'technical'] as const) expect(plan?.spent[t]).toBeLessThanOrEqual(plan?.budget[t] ?? 0);
    expect(plan?.gain).toBeCloseTo(coverageGain(report.model, givenFrom(plan?.actions ?? [])), 4);
    // Funding raises S-1 to the whole demand of both lines; nothing else can add to them.
    expect(plan?.actions.map((a) => a.id)).toContain('S-1/funding');
    expect(plan?.completed).toEqual(['L1', 'L2']);
  });

  it('formats as a table and as CSV', () => {
    const text = formatGapReport(report, { dataset: data });
    expect(text).toMatch(/^Gap report as of 2021-03-01; domestic = KR/);
    expect(text).toContain('S-3/S-3-O1 rejected (certification)');
    expect(text).toContain('! information: no ASTM F838 (required)');
    expect(text).toContain('Plan under budget');
    const csv = gapReportToCsv(report).trim().split('\n');
    expect(csv[0]).toBe(
      'line,buyer,item,class,required,domestic_suppliers,foreign_suppliers,domestic_share,coverage,supplier,offering,status,same_item,closable,needs,support,blocking,kind,code,deficit,rank_if_unblocked,rank_if_closed',
    );
    expect(csv).toContain('L2,B-01,IT-STF,partial,1,S-1,S-F,0.25,0.25,S-3,S-3-O1,rejected,true,true,information,information,true,certificate,cert.missing,no ASTM F838 (required),1,1');
    expect(csv).toHaveLength(1 + 8); // L1: one deficit each for S-1, S-2, S-3; L2: one for S-1, two for S-2 and S-3
  });
});

// ---------------------------------------------------------------------------------------
// Property: closing a deficit never worsens a candidate's counterfactual rank.
// ---------------------------------------------------------------------------------------

describe('property: closing deficits never worsens the rank', () => {
  const supplierArb = fc.record({
    country: fc.constantFrom('KR', 'KR', 'US'),
    capacity: fc.constantFrom('100 unit/month', '300 unit/month', '700 unit/month', '1,000 unit/month', '20,000 unit/year'),
    poreSize: fc.constantFrom('0.2 um', '0.22 um', '0.45 um', '0.1 um'),
    leadTime: fc.constantFrom('4 wk', '10 wk', '12 wk', '16 wk', '40 wk'),
    price: fc.integer({ min: 50_000, max: 320_000 }),
    readiness: fc.constantFrom('in-production', 'qualified-elsewhere', 'prototype', 'capable'),
    astm: fc.constantFrom('2020-11-30', '2021-06-30', '2024-01-01', 'none'),
    cleanroom: fc.constantFrom('ISO 5', 'ISO 7', 'ISO 8'),
    nice: fc.boolean(),
  });

  it('holds for random suppliers, by the real engine', () => {
    fc.assert(
      fc.property(fc.array(supplierArb, { minLength: 1, maxLength: 4 }), (specs) => {
        const data = dataset(
          specs.map((s, i) => ({
            id: `S-${i + 1}`,
            country: s.country,
            capacity: s.capacity,
            poreSize: s.poreSize,
            leadTime: s.leadTime,
            price: s.price,
            readiness: s.readiness,
            certs: [
              ...(s.astm === 'none' ? [] : [{ ...ASTM, expires: s.astm }]),
              { ...CLEANROOM, class: s.cleanroom },
              ...(s.nice ? [ISO13485] : []),
            ],
          })),
        );
        const report = gapReport(data);
        for (const n of report.lines[0]?.nearMisses ?? []) {
          const before = n.status === 'qualified' ? (n.rank ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
          // Every built-in deficit can be closed in data, and closing it lets the pair qualify.
          expect(n.closable).toBe(true);
          if (n.status === 'rejected') expect(n.unblocked?.qualifies).toBe(true);
          expect(n.closed?.qualifies).toBe(true);
          const unblocked = n.unblocked?.rank ?? before;
          const closed = n.closed?.rank ?? unblocked;
          expect(unblocked).toBeLessThanOrEqual(before);
          expect(closed).toBeLessThanOrEqual(unblocked);
          expect(n.closed?.score ?? 0).toBeGreaterThanOrEqual(n.score - 1e-12);
        }
      }),
      { numRuns: 25, seed: 6 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Budget planning on hand-made coverage models.
// ---------------------------------------------------------------------------------------

function bruteForce(model: readonly CoverageLine[], budget: Partial<Record<SupportType, number>>): number {
  const actions = (() => {
    const seen = new Map<string, { supplier: string; support: SupportType }>();
    for (const l of model)
      for (const o of l.offers) {
        if (!o.qualifies) continue;
        for (const t of [...o.needs, ...(o.capacitySupport ? [o.capacitySupport] : [])]) seen.set(`${o.supplier}/${t}`, { supplier: o.supplier, support: t });
      }
    return [...seen.values()];
  })();
  let best = 0;
  for (let mask = 0; mask < 1 << actions.length; mask++) {
    const chosen = actions.filter((_, i) => mask & (1 << i));
    const count = { funding: 0, information: 0, technical: 0 };
    for (const a of chosen) count[a.support] += 1;
    if ((['funding', 'information', 'technical'] as const).some((t) => count[t] > (budget[t] ?? 0))) continue;
    best = Math.max(best, coverageGain(model, givenFrom(chosen)));
  }
  return best;
}

describe('planSupport', () => {
  const offer = (supplier: string, needs: SupportType[], capacityShare = 1, capacitySupport?: SupportType) => ({
    supplier,
    offering: `${supplier}-O1`,
    needs,
    qualifies: true,
    capacityShare,
    capacitySupport,
  });

  it('lineCoverage caps each supplier and the line', () => {
    const l: CoverageLine = { line: 'L', supplierCap: 0.5, offers: [offer('A', []), offer('B', ['funding']), offer('C', [], 0.2)] };
    expect(lineCoverage(l, new Map())).toBe(0.7);
    expect(lineCoverage(l, givenFrom([{ supplier: 'B', support: 'funding' }]))).toBe(1);
  });

  it('takes a bundle that only pays off whole', () => {
    const model: CoverageLine[] = [
      { line: 'L1', supplierCap: 1, offers: [offer('A', ['funding', 'information'])] },
      { line: 'L2', supplierCap: 1, offers: [offer('B', ['information'], 0.4)] },
    ];
    const plan = planSupport(model, { budget: { funding: 1, information: 1 }, exactMaxActions: 0 });
    expect(plan.steps.map((s) => s.actions.map((a) => a.id).join('+'))).toEqual(['A/funding+A/information']);
    expect(plan.gain).toBe(1);
    expect(plan.guarantee).toMatch(/^none/);
  });

  it('counts costs against per-type budgets, by function or per type', () => {
    const model: CoverageLine[] = [
      { line: 'L1', supplierCap: 1, offers: [offer('A', ['funding'])] },
      { line: 'L2', supplierCap: 1, offers: [offer('B', ['funding'], 0.6)] },
      { line: 'L3', supplierCap: 1, offers: [offer('C', ['funding'], 0.5)] },
    ];
    const byType = planSupport(model, { budget: { funding: 10 }, costs: { funding: 5 } });
    expect(byType.actions.map((a) => a.id)).toEqual(['A/funding', 'B/funding']);
    const byFirm = planSupport(model, { budget: { funding: 10 }, costs: (a) => (a.supplier === 'A' ? 9 : 5) });
    expect(byFirm.actions.map((a) => a.id)).toEqual(['B/funding', 'C/funding']);
    expect(byFirm.gain).toBeCloseTo(1.1, 9);
    expect(byFirm.spent.funding).toBe(10);
  });

  it('refuses bad budgets and costs', () => {
    const model: CoverageLine[] = [{ line: 'L1', supplierCap: 1, offers: [offer('A', ['funding'])] }];
    expect(issuesOf(() => planSupport(model, { budget: { funding: -1, cash: 2 } as never, costs: { funding: 0 } }))).toEqual([
      'budget.funding [invalid_option]',
      'budget.cash [invalid_option]',
      'costs.funding [invalid_option]',
      'costs(A/funding) [invalid_option]',
    ]);
  });

  const modelArb = (maxNeeds: number) =>
    fc
      .array(
        fc.record({
          supplierCap: fc.constantFrom(1, 0.5, 0.7),
          offers: fc.array(
            fc.record({
              supplier: fc.constantFrom('A', 'B', 'C', 'D'),
              needs: fc.subarray(['funding', 'information', 'technical'] as SupportType[], { maxLength: maxNeeds }),
              capacityShare: fc.double({ min: 0, max: 1, noNaN: true }),
              capacity: fc.boolean(),
            }),
            { minLength: 1, maxLength: 4 },
          ),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((lines): CoverageLine[] =>
        lines.map((l, i) => ({
          line: `L${i}`,
          supplierCap: l.supplierCap,
          offers: l.offers.map((o, j) => {
            // With one need at most, capacity support is that same need, so no action depends on another.
            const capacitySupport = o.capacity ? (maxNeeds <= 1 ? (o.needs[0] ?? 'funding') : 'funding') : undefined;
            return { ...offer(o.supplier, o.needs, o.capacityShare, capacitySupport), offering: `${o.supplier}-${i}-${j}` };
          }),
        })),
      );
  const budgetArb = fc.record({ funding: fc.integer({ min: 0, max: 2 }), information: fc.integer({ min: 0, max: 2 }), technical: fc.integer({ min: 0, max: 2 }) });

  it('is optimal when it searches exhaustively', () => {
    fc.assert(
      fc.property(modelArb(2), budgetArb, (model, budget) => {
        const plan = planSupport(model, { budget });
        expect(plan.optimal).toBe(true);
        expect(plan.gain).toBeCloseTo(bruteForce(model, budget), 4);
        expect(plan.gain).toBeCloseTo(coverageGain(model, givenFrom(plan.actions)), 4);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('greedy reaches half the optimum when no near miss needs two kinds of support (partition matroid)', () => {
    fc.assert(
      fc.property(modelArb(1), budgetArb, (model, budget) => {
        const plan = planSupport(model, { budget, exactMaxActions: 0 });
        if (plan.candidates > 0) expect(plan.method).toBe('greedy');
        expect(plan.gain).toBeGreaterThanOrEqual(0.5 * bruteForce(model, budget) - 1e-4);
        if (plan.candidates > 0 && plan.gain > 0) expect(plan.guarantee).toMatch(/^greedy: at least/);
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('coverage is monotone: giving more support never lowers it', () => {
    fc.assert(
      fc.property(modelArb(3), fc.array(fc.record({ supplier: fc.constantFrom('A', 'B', 'C', 'D'), support: fc.constantFrom<SupportType>('funding', 'information', 'technical') })), (model, actions) => {
        for (let k = 0; k < actions.length; k++)
          expect(coverageGain(model, givenFrom(actions.slice(0, k + 1)))).toBeGreaterThanOrEqual(coverageGain(model, givenFrom(actions.slice(0, k))) - 1e-12);
      }),
      { numRuns: 100, seed: 9 },
    );
  });
});
