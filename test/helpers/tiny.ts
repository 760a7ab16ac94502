/** A small valid dataset in its JSON input form; tests copy it and break one thing. */
export function tinyInput(): {
  meta: Record<string, unknown>;
  items: Record<string, unknown>[];
  suppliers: Record<string, unknown>[];
  buyers: Record<string, unknown>[];
  truth: Record<string, unknown>[];
} {
  return {
    meta: { name: 'tiny', fictional: true, asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [
      {
        id: 'IT-STF',
        category: 'sterilizing-filter',
        names: { en: 'Sterilizing capsule filter', ko: '제균 캡슐필터' },
        abbreviations: ['PES capsule'],
        codes: { unspsc: ['41104915'], hs: ['8421.29'] },
        specs: { poreSize: '0.2 um', material: 'PES' },
      },
      {
        id: 'IT-TUB',
        category: 'tubing',
        names: { en: 'Platinum-cured silicone tubing', ko: '실리콘 튜브' },
        codes: { unspsc: ['41105108'] },
      },
    ],
    suppliers: [
      {
        id: 'S-001',
        names: { en: 'Hanbit Filtration Co., Ltd.', ko: '(주)한빛필트레이션' },
        country: 'KR',
        region: 'Incheon',
        size: 'small',
        certifications: [{ type: 'ISO 9001:2015', issuer: 'KTR', issued: '2019-01-10', expires: '2022-01-09' }],
        supportNeeds: ['funding'],
        offerings: [
          {
            id: 'S-001-O1',
            item: 'IT-STF',
            specs: { poreSize: '0.22 um', material: 'PES', filterArea: '0.6 m2' },
            capacity: '1,000 unit/month',
            leadTime: '6 wk',
            unitPrice: { amount: 180000, currency: 'KRW', per: 'unit' },
            readiness: 'in-production',
            certifications: [{ type: 'ASTM F838', issued: '2020-02-01', expires: '2023-01-31' }],
          },
        ],
      },
      {
        id: 'S-002',
        names: { en: 'Westlake Tubing Inc.' },
        country: 'US',
        offerings: [{ id: 'S-002-O1', item: 'IT-TUB', capacity: '50,000 m/year', specs: { innerDiameter: '1/4 in' } }],
      },
    ],
    buyers: [
      {
        id: 'B-01',
        names: { en: 'Songdo Biologics' },
        country: 'KR',
        demandLines: [
          {
            id: 'SB-D01',
            text: '제균필터 0.22um',
            quantity: '10,000 unit/year',
            specs: [{ key: 'poreSize', op: 'eq', value: '0.2 um' }],
            certifications: [{ type: 'ASTM F838', level: 'must' }],
            maxLeadTime: '12 wk',
            needBy: '2021-09-01',
          },
          { id: 'SB-D02', item: 'IT-TUB', quantity: '2,000 m/month', specs: [{ key: 'innerDiameter', op: 'eq', value: '6.4 mm', tolerance: '5%' }] },
        ],
      },
    ],
    truth: [{ line: 'SB-D01', supplier: 'S-001', grade: 3, rationale: 'only filter maker' }],
  };
}
