import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_FILES, datasetFromCsv, datasetToCsv } from '../../src/dataset/csv.js';
import { safeParseDataset } from '../../src/dataset/parse.js';
import { SupplymatchError } from '../../src/errors.js';
import type { DatasetInput } from '../../src/model/dataset.js';

/** A dataset that uses every file and every kind of cell, without empty lists. */
const rich = (): DatasetInput => ({
  items: [
    {
      id: 'IT-STF-10',
      category: 'sterilizing-filter',
      names: { en: 'Sterilizing-grade capsule filter 0.2 um', ko: '제균 캡슐필터' },
      synonyms: ['PES capsule', 'PES 캡슐'],
      abbreviations: ['STF'],
      codes: { unspsc: ['41104915'], hs: ['8421.29', '8421.99'] },
      specs: { poreSize: '0.2 um', material: 'PES', gammaCompatible: true, membranes: ['PES', 'PVDF'], grade: ['sterile'] },
      description: 'Capsule, 10" long; "sterilizing grade"',
    },
    {
      id: 'IT-TUB-PTSIL',
      category: 'tubing',
      names: { en: 'Pt-cured silicone tubing', ja: 'シリコンチューブ', ko: '백금경화 실리콘 튜브' },
      specs: { innerDiameter: '1/4 in', material: 'Pt-cured silicone', autoclavable: false },
    },
  ],
  suppliers: [
    {
      id: 'S-014',
      names: { en: 'Hanbit Polymer (fictional)', ko: '한빛폴리머' },
      country: 'KR',
      region: 'Incheon',
      size: 'small',
      capabilities: ['film-extrusion', 'cleanroom assembly'],
      supportNeeds: ['funding', 'technical'],
      certifications: [{ type: 'ISO 9001:2015', issuer: 'KTR', issued: '2019-05-01', expires: '2022-04-30' }],
      offerings: [
        {
          id: 'S-014-O1',
          item: 'IT-TUB-PTSIL',
          specs: { innerDiameter: '1/4 in', material: 'Pt-cured silicone' },
          capacity: '20,000 m/year',
          leadTime: '6 wk',
          minOrder: '100 m',
          unitPrice: { amount: 9500, currency: 'KRW', per: 'm' },
          readiness: 'in-production',
          certifications: [{ type: 'USP <88> Class VI', issued: '2020-01-15' }],
          note: 'Kim, Lee & "Park"',
        },
      ],
      note: 'visited\nin March',
    },
    {
      id: 'S-020',
      names: { en: 'Filtra GmbH (fictional)' },
      country: 'DE',
      offerings: [
        {
          id: 'S-020-O1',
          category: 'sterilizing-filter',
          text: '제균필터 0.22um',
          specs: { poreSize: '0.22 um' },
          unitPrice: { amount: 120.5, currency: 'EUR' },
          readiness: 'prototype',
          certifications: [{ type: 'ISO 14644-1', class: 'ISO 7', scope: 'assembly,\ncleanroom', issued: '2018-03-01' }],
        },
        { id: 'S-020-O2', unspsc: '41104915', readiness: 'capable' },
      ],
    },
  ],
  buyers: [
    {
      id: 'B-CT',
      names: { en: 'Coastal Biologics (fictional)', ko: '코스탈 바이오' },
      country: 'KR',
      region: 'Incheon',
      note: 'pilot plant',
      demandLines: [
        {
          id: 'CT-D07',
          item: 'IT-STF-10',
          quantity: '1,200 unit/year',
          maxLeadTime: '12 wk',
          needBy: '2021-09-01',
          maxUnitPrice: { amount: 150000, currency: 'KRW', per: 'unit' },
          sourcing: { domestic: 'preferred', regions: ['Incheon', 'Gyeonggi'], minSuppliers: 2, maxSupplierShare: 0.7 },
          critical: true,
          specs: [
            { key: 'poreSize', op: 'eq', value: '0.2 um', tolerance: '0.02 um' },
            { key: 'gammaCompatible', op: 'eq', value: true },
            { key: 'flowRate', op: 'min', value: '5 L/min' },
            { key: 'maxPressure', op: 'max', value: '5 bar', importance: 'preferred' },
            { key: 'storage', op: 'range', min: '2 C', max: '8 C' },
            { key: 'length', op: 'range', value: '10-20 cm' },
            { key: 'material', op: 'oneOf', values: ['PES', 'PVDF'], importance: 'preferred', note: 'either membrane, ok' },
          ],
          certifications: [
            { type: 'ASTM F838', level: 'must' },
            { type: 'ISO 14644-1', level: 'nice', class: 'ISO 7' },
          ],
        },
        {
          id: 'CT-D08',
          text: '실리콘 튜브 1/4"',
          quantity: '500 m/month',
          critical: false,
          sourcing: { domestic: 'required' },
          specs: [{ key: 'material', op: 'oneOf', values: ['Pt-cured silicone'] }],
        },
      ],
    },
  ],
  truth: [
    { line: 'CT-D07', supplier: 'S-014', grade: 0, rationale: 'makes no filters' },
    { line: 'CT-D07', supplier: 'S-020', offering: 'S-020-O1', grade: 3, rationale: 'pore size matches; ISO 7 room' },
    { line: 'CT-D08', supplier: 'S-014', offering: 'S-014-O1', grade: 2, rationale: 'right tubing, "6 wk" lead time' },
  ],
});

/** The three required files with headers only, to add the files a test is about. */
const base = (more: Record<string, string>): Record<string, string> => ({
  'items.csv': 'id,category,name.en\n',
  'suppliers.csv': 'id,name.en,country\n',
  'buyers.csv': 'id,name.en,country\n',
  ...more,
});

describe('datasetToCsv / datasetFromCsv round trip', () => {
  it('gives back a rich dataset unchanged, with no issues', () => {
    const files = datasetToCsv(rich());
    const back = datasetFromCsv(files);
    expect(back.issues).toEqual([]);
    expect(back.input).toStrictEqual(JSON.parse(JSON.stringify(rich())) as unknown);
  });

  it('writes every file, in order, with a header and \\n line endings', () => {
    const files = datasetToCsv(rich());
    expect(Object.keys(files)).toEqual([...CSV_FILES]);
    for (const text of Object.values(files)) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r\n');
    }
    expect(files['items.csv']?.split('\n')[0]).toBe('id,category,name.en,name.ko,name.ja,synonyms,abbreviations,unspsc,hs,description');
    expect(files['suppliers.csv']?.split('\n')[0]).toBe('id,name.en,name.ko,country,region,size,capabilities,supportNeeds,note');
    expect(files['requirements.csv']?.split('\n')[0]).toBe('line,kind,key,op,value,min,max,tolerance,importance,level,class,note');
  });

  it('is a fixed point on the text and deterministic', () => {
    const files = datasetToCsv(rich());
    expect(datasetToCsv(rich())).toEqual(files);
    expect(datasetToCsv(datasetFromCsv(files).input as DatasetInput)).toEqual(files);
  });

  it('writes the rows a reader expects', () => {
    const files = datasetToCsv(rich());
    expect(files['item_specs.csv']).toBe(
      [
        'item,key,value',
        'IT-STF-10,poreSize,0.2 um',
        'IT-STF-10,material,PES',
        'IT-STF-10,gammaCompatible,true',
        'IT-STF-10,membranes,PES|PVDF',
        'IT-STF-10,grade,sterile|',
        'IT-TUB-PTSIL,innerDiameter,1/4 in',
        'IT-TUB-PTSIL,material,Pt-cured silicone',
        'IT-TUB-PTSIL,autoclavable,false',
        '',
      ].join('\n'),
    );
    expect(files['certifications.csv']).toBe(
      [
        'supplier,offering,type,class,scope,issuer,issued,expires',
        'S-014,,ISO 9001:2015,,,KTR,2019-05-01,2022-04-30',
        'S-014,S-014-O1,USP <88> Class VI,,,,2020-01-15,',
        'S-020,S-020-O1,ISO 14644-1,ISO 7,"assembly,\ncleanroom",,2018-03-01,',
        '',
      ].join('\n'),
    );
    expect(files['requirements.csv']?.split('\n')).toContain('CT-D07,spec,material,oneOf,PES|PVDF,,,,preferred,,,"either membrane, ok"');
    expect(files['requirements.csv']?.split('\n')).toContain('CT-D07,cert,ISO 14644-1,,,,,,,nice,ISO 7,');
    expect(files['demand_lines.csv']?.split('\n')[1]).toBe(
      'B-CT,CT-D07,IT-STF-10,,,"1,200 unit/year",12 wk,2021-09-01,150000,KRW,unit,,preferred,Incheon|Gyeonggi,2,0.7,true,',
    );
  });

  it('reads back a dataset that parseDataset accepts', () => {
    const result = safeParseDataset(datasetFromCsv(datasetToCsv(rich())).input);
    if (!result.success) throw result.error;
    expect(result.data.buyers[0]?.demandLines[0]?.specs).toHaveLength(7);
    expect(result.data.suppliers[1]?.offerings[0]?.certifications[0]?.class).toBe('ISO 7');
  });

  it('leaves empty lists and objects out, as documented', () => {
    const input: DatasetInput = {
      items: [{ id: 'I-1', category: 'tubing', names: { en: 'Tube' }, synonyms: [], specs: {}, codes: {} }],
      suppliers: [{ id: 'S-1', names: { en: 'S' }, country: 'KR', offerings: [], certifications: [] }],
      buyers: [],
      truth: [],
    };
    expect(datasetFromCsv(datasetToCsv(input)).input).toStrictEqual({
      items: [{ id: 'I-1', category: 'tubing', names: { en: 'Tube' } }],
      suppliers: [{ id: 'S-1', names: { en: 'S' }, country: 'KR' }],
      buyers: [],
    });
  });

  it('gives back any text in a text cell (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '한', ' ', ',', '"', '\n', '\r', '|', '\t', '9', ';'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(text, text, (note, name) => {
        const input: DatasetInput = { items: [], suppliers: [{ id: 'S-1', names: { ko: name }, country: 'KR', note }], buyers: [] };
        const back = datasetFromCsv(datasetToCsv(input));
        expect(back.issues).toEqual([]);
        expect(back.input.suppliers).toEqual(input.suppliers);
      }),
    );
  });
});

describe('datasetToCsv', () => {
  it('quotes commas, quotes, line breaks and spaces at the ends, and keeps Korean text as is', () => {
    const files = datasetToCsv({
      items: [
        { id: 'I-1', category: 'tubing', names: { en: 'Tube, 1/4"', ko: '튜브' }, description: 'line one\r\nline two' },
        { id: 'I-2', category: 'tubing', names: { en: ' padded ', ko: '실리콘|튜브' } },
      ],
      suppliers: [],
      buyers: [],
    });
    expect(files['items.csv']).toBe(
      [
        'id,category,name.en,name.ko,synonyms,abbreviations,unspsc,hs,description',
        'I-1,tubing,"Tube, 1/4""",튜브,,,,,"line one\r\nline two"',
        'I-2,tubing," padded ",실리콘|튜브,,,,,',
        '',
      ].join('\n'),
    );
  });

  it('orders name languages en, ko, then alphabetically, and writes name.en when no record has a name', () => {
    const files = datasetToCsv({
      items: [],
      suppliers: [],
      buyers: [
        { id: 'B-1', names: { zh: '甲', de: 'A' }, country: 'KR' },
        { id: 'B-2', names: { ko: '을', en: 'B' }, country: 'KR' },
      ],
    });
    expect(files['buyers.csv']?.split('\n')[0]).toBe('id,name.en,name.ko,name.de,name.zh,country,region,note');
    expect(files['items.csv']).toBe('id,category,name.en,synonyms,abbreviations,unspsc,hs,description\n');
    expect(files['truth.csv']).toBe('line,supplier,offering,grade,rationale\n');
  });

  const refused: [string, () => DatasetInput, string][] = [
    [
      'a list word holding |',
      () => ({ items: [{ id: 'I', category: 'tubing', names: { en: 'x' }, synonyms: ['a|b'] }], suppliers: [], buyers: [] }),
      'items[0].synonyms[0]',
    ],
    [
      'a text spec value that reads as a flag',
      () => ({ items: [{ id: 'I', category: 'tubing', names: { en: 'x' }, specs: { sterile: 'TRUE' } }], suppliers: [], buyers: [] }),
      'items[0].specs.sterile',
    ],
    [
      'a text spec value holding |',
      () => ({ items: [{ id: 'I', category: 'tubing', names: { en: 'x' }, specs: { m: 'a|b' } }], suppliers: [], buyers: [] }),
      'items[0].specs.m',
    ],
    ['an empty text', () => ({ items: [], suppliers: [{ id: 'S', names: { en: 'x' }, country: 'KR', note: '' }], buyers: [] }), 'suppliers[0].note'],
    [
      'an unknown field',
      () => ({ items: [], suppliers: [{ id: 'S', names: { en: 'x' }, country: 'KR', colour: 'red' } as never], buyers: [] }),
      'suppliers[0].colour',
    ],
    [
      'a supplier id used twice with offerings',
      () => ({
        items: [],
        suppliers: [
          { id: 'S', names: { en: 'x' }, country: 'KR' },
          { id: 'S', names: { en: 'y' }, country: 'KR', offerings: [{ id: 'O', text: 'tube' }] },
        ],
        buyers: [],
      }),
      'suppliers[1].id',
    ],
    [
      'a oneOf requirement with a value as well',
      () => ({
        items: [],
        suppliers: [],
        buyers: [
          {
            id: 'B',
            names: { en: 'b' },
            country: 'KR',
            demandLines: [{ id: 'L', text: 't', quantity: '1 unit/year', specs: [{ key: 'm', op: 'oneOf', value: 'PES', values: ['PES'] }] }],
          },
        ],
      }),
      'buyers[0].demandLines[0].specs[0].value',
    ],
    [
      'a non-finite price',
      () => ({
        items: [],
        suppliers: [{ id: 'S', names: { en: 'x' }, country: 'KR', offerings: [{ id: 'O', text: 't', unitPrice: { amount: Infinity, currency: 'KRW' } }] }],
        buyers: [],
      }),
      'suppliers[0].offerings[0].unitPrice.amount',
    ],
  ];
  it.each(refused)('refuses %s, naming its path', (_, make, path) => {
    let caught: unknown;
    try {
      datasetToCsv(make());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SupplymatchError);
    const error = caught as SupplymatchError;
    expect(error.issues.map((i) => i.path)).toEqual([path]);
    expect(error.issues[0]?.code).toBe('csv_unrepresentable');
    expect(error.message).toContain(path);
  });

  it('lists every problem at once', () => {
    const input = {
      items: [{ id: 'I', category: 'tubing', names: { en: '' }, synonyms: [' a'] }],
      suppliers: [],
      buyers: [],
    } satisfies DatasetInput;
    expect(() => datasetToCsv(input)).toThrow(/items\[0\]\.names\.en[\s\S]*items\[0\]\.synonyms\[0\]/);
  });
});

describe('datasetFromCsv', () => {
  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const r = datasetFromCsv(base({ 'items.csv': '\uFEFFid,category,name.ko\nI-1,tubing,튜브\n' }));
    expect(r.issues).toEqual([]);
    expect(r.input.items).toEqual([{ id: 'I-1', category: 'tubing', names: { ko: '튜브' } }]);
  });

  it('reports an unknown column by name and still reads the others', () => {
    const r = datasetFromCsv(
      base({ 'suppliers.csv': 'id,name.en,country\nS-1,A,KR\n', 'offerings.csv': 'supplier,id,text,colour\nS-1,O-1,tube,red\n' }),
    );
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: 'offerings.csv', code: 'csv_unknown_column' });
    expect(r.issues[0]?.message).toContain('"colour"');
    expect(r.input.suppliers).toEqual([{ id: 'S-1', names: { en: 'A' }, country: 'KR', offerings: [{ id: 'O-1', text: 'tube' }] }]);
  });

  it('reports a value under a header cell left empty, but not an empty column', () => {
    const quiet = datasetFromCsv(base({ 'items.csv': 'id,category,name.en,\nI-1,tubing,Tube,\n' }));
    expect(quiet.issues).toEqual([]);
    const loud = datasetFromCsv(base({ 'items.csv': 'id,category,name.en,\nI-1,tubing,Tube,\nI-2,tubing,Bag,oops\n' }));
    expect(loud.issues).toEqual([expect.objectContaining({ path: 'items.csv:3', code: 'csv_unknown_column' })]);
  });

  it('reports a missing id column, a duplicate column, and a file separated by semicolons', () => {
    const r = datasetFromCsv(
      base({
        'items.csv': 'category,name.en\ntubing,Tube\n',
        'buyers.csv': 'id;name.en;country\nB-1;B;KR\n',
        'suppliers.csv': 'id,country,country\nS-1,KR,DE\n',
      }),
    );
    expect(r.issues).toEqual([
      { path: 'items.csv', code: 'csv_missing_column', message: 'column "id" is missing' },
      { path: 'suppliers.csv', code: 'csv_duplicate_column', message: expect.stringContaining('"country"') as unknown },
      { path: 'buyers.csv', code: 'csv_unknown_column', message: expect.stringContaining('id;name.en;country') as unknown },
      { path: 'buyers.csv', code: 'csv_missing_column', message: expect.stringContaining('separated by ","') as unknown },
    ]);
    expect(r.input.items).toEqual([]);
    expect(r.input.suppliers).toEqual([{ id: 'S-1', country: 'KR' }]);
  });

  it('reports a missing required file and an unknown CSV file, but not a missing optional file', () => {
    const r = datasetFromCsv({ 'items.csv': 'id\n', 'buyers.csv': 'id\n', 'offering.csv': 'supplier\n', 'meta.json': '{}' });
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'offering.csv', code: 'csv_unknown_file' }),
      expect.objectContaining({ path: 'suppliers.csv', code: 'csv_missing_file' }),
    ]);
  });

  it('reports a row whose owner does not exist at its file and line, and keeps the others', () => {
    const r = datasetFromCsv(
      base({
        'suppliers.csv': 'id,name.en,country\nS-1,A,KR\n',
        'offerings.csv': 'supplier,id,text\nS-1,O-1,tube\nS-9,O-9,bag\nS-1,O-2,glove\n',
      }),
    );
    expect(r.issues).toEqual([{ path: 'offerings.csv:3', code: 'csv_unknown_owner', message: 'supplier "S-9" is not in suppliers.csv' }]);
    expect(r.input.suppliers).toEqual([
      { id: 'S-1', names: { en: 'A' }, country: 'KR', offerings: [{ id: 'O-1', text: 'tube' }, { id: 'O-2', text: 'glove' }] },
    ]);
  });

  it('counts lines across quoted line breaks, blank lines and mixed line endings', () => {
    const r = datasetFromCsv(
      base({
        'suppliers.csv': 'id,name.en,country\r\nS-1,A,KR\r\n',
        'offerings.csv': 'supplier,id,note\r\nS-1,O-1,"two\r\nlines"\r\n\r\n   \r\nS-2,O-2,x\r\nS-1,O-3,"한\n글"\n,,\nS-3,O-4,y\n',
      }),
    );
    expect(r.issues.map((i) => i.path)).toEqual(['offerings.csv:6', 'offerings.csv:10']);
    expect(r.origins['suppliers[0].offerings[1]']).toBe('offerings.csv:7');
  });

  it.each([
    ['an unclosed quote', 'supplier,id,note\nS-1,O-1,ok\nS-1,O-2,"never closed\nS-1,O-3,x\n', 'offerings.csv:3', 'never closed'],
    ['a row with too many cells', 'supplier,id,note\nS-1,O-1,"a\nb"\nS-1,O-2,x,y\n', 'offerings.csv:4', 'the row has 4 cells but the header has 3'],
    ['a quote inside an unquoted cell', 'supplier,id,note\nS-1,O-1,5" hose\n', 'offerings.csv:2', 'double the quotes'],
  ])('reports %s as csv_syntax at the row', (_, text, path, message) => {
    const r = datasetFromCsv(base({ 'suppliers.csv': 'id,name.en,country\nS-1,A,KR\n', 'offerings.csv': text }));
    expect(r.issues).toEqual([{ path, code: 'csv_syntax', message: expect.stringContaining(message) as unknown }]);
    expect(r.input.suppliers).toEqual([{ id: 'S-1', names: { en: 'A' }, country: 'KR' }]);
  });

  it('leaves empty cells out, skips empty rows, and leaves out groups whose cells are all empty', () => {
    const r = datasetFromCsv(
      base({
        'buyers.csv': 'id,name.en,name.ko,country,region,note\nB-1,,비,KR,,\n,,,,,\n',
        'demand_lines.csv':
          'buyer,id,text,quantity,maxPrice,currency,priceUnit,domestic,regions,minSuppliers,maxSupplierShare,critical,note\n' +
          'B-1,L-1,tube,5 m/month,,,,,,,,,\n' +
          'B-1,L-2,bag,5 unit/month,,KRW,,,,3,,,\n',
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.input.buyers).toStrictEqual([
      {
        id: 'B-1',
        names: { ko: '비' },
        country: 'KR',
        demandLines: [
          { id: 'L-1', text: 'tube', quantity: '5 m/month' },
          { id: 'L-2', text: 'bag', quantity: '5 unit/month', maxUnitPrice: { currency: 'KRW' }, sourcing: { minSuppliers: 3 } },
        ],
      },
    ]);
    expect(r.input).not.toHaveProperty('truth');
  });

  it.each([
    ['42000', 42000],
    ['0.7', 0.7],
    ['1e3', 1000],
    ['-5', -5],
    ['"42,000"', '42,000'],
    ['0x10', '0x10'],
    ['1e999', '1e999'],
    ['twelve', 'twelve'],
  ])('reads the number cell %s as %j', (cell, value) => {
    const r = datasetFromCsv(base({ 'truth.csv': `line,supplier,grade,rationale\nL-1,S-1,${cell},why\n` }));
    expect(r.input.truth).toEqual([{ line: 'L-1', supplier: 'S-1', grade: value, rationale: 'why' }]);
  });

  it.each([
    ['TRUE', true],
    ['yes', true],
    ['No', false],
    ['false', false],
    ['maybe', 'maybe'],
  ])('reads the critical cell %s as %j', (cell, value) => {
    const r = datasetFromCsv(
      base({ 'buyers.csv': 'id,country\nB-1,KR\n', 'demand_lines.csv': `buyer,id,quantity,critical\nB-1,L-1,1 unit/year,${cell}\n` }),
    );
    expect(r.input.buyers).toEqual([{ id: 'B-1', country: 'KR', demandLines: [{ id: 'L-1', quantity: '1 unit/year', critical: value }] }]);
  });

  it('leaves a number it cannot read to parseDataset, which names the field', () => {
    const r = datasetFromCsv(
      base({ 'suppliers.csv': 'id,name.en,country\nS-1,A,KR\n', 'offerings.csv': 'supplier,id,text,price,currency\nS-1,O-1,tube,"9,500",KRW\n' }),
    );
    const parsed = safeParseDataset(r.input);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((i) => [i.path, i.code])).toContainEqual(['suppliers[0].offerings[0].unitPrice.amount', 'invalid_type']);
    expect(r.origins['suppliers[0].offerings[0]']).toBe('offerings.csv:2');
  });

  it('splits | lists, trimming words and dropping empty ones, and reads spec values', () => {
    const r = datasetFromCsv(
      base({
        'items.csv': 'id,category,name.en,synonyms,unspsc\nI-1,tubing,Tube, a | b |,41104915\n',
        'item_specs.csv': 'item,key,value\nI-1,materials,PES | PVDF\nI-1,grade,sterile|\nI-1,sterile,True\nI-1,temp,60\nI-1,size,0.22 um\n',
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.input.items).toStrictEqual([
      {
        id: 'I-1',
        category: 'tubing',
        names: { en: 'Tube' },
        synonyms: ['a', 'b'],
        codes: { unspsc: ['41104915'] },
        specs: { materials: ['PES', 'PVDF'], grade: ['sterile'], sterile: true, temp: '60', size: '0.22 um' },
      },
    ]);
  });

  it('reads requirement rows of each kind, with oneOf values from the value cell', () => {
    const r = datasetFromCsv(
      base({
        'buyers.csv': 'id,country\nB-1,KR\n',
        'demand_lines.csv': 'buyer,id,quantity\nB-1,L-1,1 unit/year\n',
        'requirements.csv':
          'line,kind,key,op,value,min,max,tolerance,importance,level,class,note\n' +
          'L-1,spec,material,oneOf,PES|PVDF,,,,preferred,,,\n' +
          'L-1,cert,ISO 14644-1,,,,,,,must,ISO 7,\n' +
          'L-1,Spec,size,eq,0.2 um,,,5%,,,,why\n' +
          'L-1,cert,GMP,eq,,,,,,nice,,\n' +
          'L-1,rule,x,,,,,,,,,\n',
      }),
    );
    expect(r.issues).toEqual([{ path: 'requirements.csv:6', code: 'csv_unknown_kind', message: 'kind "rule" is neither "spec" nor "cert"' }]);
    const line = (r.input.buyers[0] as { demandLines: unknown[] }).demandLines[0];
    expect(line).toStrictEqual({
      id: 'L-1',
      quantity: '1 unit/year',
      specs: [
        { key: 'material', op: 'oneOf', values: ['PES', 'PVDF'], importance: 'preferred' },
        { key: 'size', op: 'eq', value: '0.2 um', tolerance: '5%', note: 'why' },
      ],
      // A cell that a cert row has no field for is passed on, for parseDataset to report.
      certifications: [
        { type: 'ISO 14644-1', level: 'must', class: 'ISO 7' },
        { type: 'GMP', op: 'eq', level: 'nice' },
      ],
    });
  });

  it('reports spec rows with a missing value or a key given twice', () => {
    const r = datasetFromCsv(
      base({ 'items.csv': 'id,category\nI-1,tubing\n', 'item_specs.csv': 'item,key,value\nI-1,m,PES\nI-1,m,PVDF\nI-1,n,\n,m,x\n' }),
    );
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      ['item_specs.csv:3', 'csv_duplicate_spec'],
      ['item_specs.csv:4', 'csv_missing_value'],
      ['item_specs.csv:5', 'csv_unknown_owner'],
    ]);
    expect(r.input.items).toEqual([{ id: 'I-1', category: 'tubing', specs: { m: 'PES' } }]);
  });

  it('attaches certificates to the supplier or to one of its offerings', () => {
    const r = datasetFromCsv(
      base({
        'suppliers.csv': 'id,country\nS-1,KR\nS-2,KR\n',
        'offerings.csv': 'supplier,id,text\nS-1,O-1,tube\nS-2,O-2,bag\n',
        'certifications.csv': 'supplier,offering,type,issued\nS-1,,GMP,2020-01-01\nS-1,O-1,ISO 9001,2020-01-02\nS-1,O-2,ISO 13485,2020-01-03\n',
      }),
    );
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'certifications.csv:4', code: 'csv_unknown_owner', message: expect.stringContaining('"O-2"') as unknown }),
    ]);
    expect(r.input.suppliers[0]).toEqual({
      id: 'S-1',
      country: 'KR',
      certifications: [{ type: 'GMP', issued: '2020-01-01' }],
      offerings: [{ id: 'O-1', text: 'tube', certifications: [{ type: 'ISO 9001', issued: '2020-01-02' }] }],
    });
  });

  it('maps each record path to its row', () => {
    const files = datasetToCsv(rich());
    const { origins } = datasetFromCsv(files);
    expect(origins).toMatchObject({
      'items[0]': 'items.csv:2',
      'items[1]': 'items.csv:3',
      'items[0].specs.poreSize': 'item_specs.csv:2',
      'items[1].specs.autoclavable': 'item_specs.csv:9',
      'suppliers[0]': 'suppliers.csv:2',
      // The first supplier's note spans lines 2-3, so the next supplier starts on line 4.
      'suppliers[1]': 'suppliers.csv:4',
      'suppliers[0].offerings[0]': 'offerings.csv:2',
      'suppliers[1].offerings[1]': 'offerings.csv:4',
      'suppliers[1].offerings[0].specs.poreSize': 'offering_specs.csv:4',
      'suppliers[0].certifications[0]': 'certifications.csv:2',
      'suppliers[0].offerings[0].certifications[0]': 'certifications.csv:3',
      'suppliers[1].offerings[0].certifications[0]': 'certifications.csv:4',
      'buyers[0]': 'buyers.csv:2',
      'buyers[0].demandLines[1]': 'demand_lines.csv:3',
      'buyers[0].demandLines[0].specs[6]': 'requirements.csv:8',
      'buyers[0].demandLines[0].certifications[1]': 'requirements.csv:10',
      'buyers[0].demandLines[1].specs[0]': 'requirements.csv:11',
      'truth[2]': 'truth.csv:4',
    });
    // One entry per record: 2 items, 8 item specs, 2 suppliers, 3 offerings, 3 offering specs,
    // 3 certificates, 1 buyer, 2 lines, 10 requirements, 3 labels.
    expect(Object.keys(origins)).toHaveLength(37);
  });
});
