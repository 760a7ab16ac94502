import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromCsv, datasetToCsv } from '../../src/dataset/csv.js';
import { parseDataset, safeParseDataset } from '../../src/dataset/parse.js';
import { datasetJsonSchemas } from '../../src/model/json-schema.js';
import type { DatasetInput } from '../../src/model/dataset.js';
import { loadDataset, safeLoadDataset } from '../../src/node.js';
import { issuesOf } from '../helpers/issues.js';
import { tempDir } from '../helpers/temp.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

/** The tiny dataset with a second buyer and two decisions, the second of which a case breaks. */
const withDecisions = (change: (d: Any) => void = () => {}): Any => {
  const input = tinyInput() as Any;
  input.buyers.push({ id: 'B-02', names: { en: 'Other buyer' }, country: 'KR', demandLines: [{ id: 'OB-D01', item: 'IT-TUB', quantity: '10 m/month' }] });
  input.decisions = [
    { buyer: 'B-01', line: 'SB-D01', supplier: 'S-001', status: 'qualified', date: '2020-06-01', reason: 'audit passed' },
    { buyer: 'B-01', item: 'IT-TUB', supplier: 'S-002', offering: 'S-002-O1', status: 'rejected', date: '2021-01-05', until: '2021-12-31', reason: 'kinks', by: 'QA' },
  ];
  change(input.decisions[1]);
  return input;
};

describe('decisions in a dataset: schema and cross-reference issues name the record and field', () => {
  const cases: [name: string, change: (d: Any) => void, issues: string[]][] = [
    ['unknown buyer', (d) => (d.buyer = 'B-09'), ['decisions[1].buyer [unknown_reference]']],
    ['unknown line', (d) => ((d.line = 'XX-D01'), delete d.item), ['decisions[1].line [unknown_reference]']],
    ['line of another buyer', (d) => ((d.line = 'OB-D01'), delete d.item), ['decisions[1].line [line_not_of_buyer]']],
    ['unknown item', (d) => (d.item = 'IT-NOPE'), ['decisions[1].item [unknown_reference]']],
    ['unknown supplier', (d) => (d.supplier = 'S-404'), ['decisions[1].supplier [unknown_reference]']],
    ['unknown offering', (d) => (d.offering = 'S-002-O9'), ['decisions[1].offering [unknown_reference]']],
    ['offering of another supplier', (d) => (d.offering = 'S-001-O1'), ['decisions[1].offering [offering_not_of_supplier]']],
    ['both a line and an item', (d) => (d.line = 'SB-D02'), ['decisions[1] [decision_scope]']],
    ['neither a line nor an item', (d) => delete d.item, ['decisions[1] [decision_scope]']],
    ['status misspelt', (d) => (d.status = 'rejeted'), ['decisions[1].status [invalid_value]']],
    ['impossible date', (d) => (d.date = '2021-02-30'), ['decisions[1].date [invalid_format]']],
    ['until before date', (d) => (d.until = '2021-01-04'), ['decisions[1].until [date_order]']],
    ['empty reason', (d) => (d.reason = '  '), ['decisions[1].reason [too_small]']],
    ['no reason', (d) => delete d.reason, ['decisions[1].reason [required]']],
    ['unknown field', (d) => (d.note = 'x'), ['decisions[1].note [unknown_field]']],
    [
      'the same decision twice on one day',
      (d) => Object.assign(d, { line: 'SB-D01', supplier: 'S-001', offering: undefined, item: undefined, status: 'rejected', date: '2020-06-01', until: undefined }),
      ['decisions[1] [duplicate_decision]'],
    ],
  ];
  it.each(cases)('%s', (_name, change, issues) => {
    expect(issuesOf(() => parseDataset(JSON.parse(JSON.stringify(withDecisions(change))) as unknown))).toEqual(issues);
  });

  it('accepts the valid decisions and keeps them in order', () => {
    const dataset = parseDataset(withDecisions());
    expect(dataset.decisions?.map((d) => `${d.supplier}:${d.status}`)).toEqual(['S-001:qualified', 'S-002:rejected']);
  });

  it('skip mode leaves out only the broken decision, listed with its reason', () => {
    const r = safeParseDataset(withDecisions((d) => (d.supplier = 'S-404')), { onInvalid: 'skip' });
    if (!r.success) throw r.error;
    expect(r.data.decisions).toHaveLength(1);
    expect(r.data.suppliers).toHaveLength(2);
    expect(r.skipped.map((s) => `${s.path} ${s.kind} ${s.issues.map((i) => i.code).join(',')}`)).toEqual(['decisions[1] decision unknown_reference']);
  });

  it('skip mode leaves out a decision about an offering that was itself left out', () => {
    const broken = withDecisions();
    broken.suppliers[1].offerings[0].capacity = 'lots';
    const s = safeParseDataset(broken, { onInvalid: 'skip' });
    if (!s.success) throw s.error;
    expect(s.data.decisions?.map((d) => d.supplier)).toEqual(['S-001']);
    expect(s.skipped.map((x) => x.path)).toEqual(['suppliers[1].offerings[0]', 'decisions[1]']);
  });

  it('prints a JSON Schema of decisions.json from the zod schema', () => {
    const schema = datasetJsonSchemas().decisions as Any;
    expect(schema.title).toBe('supplymatch decisions.json');
    expect(schema.items.properties.status.enum).toEqual(['approved', 'qualified', 'evaluating', 'rejected']);
    expect(schema.items.required).toEqual(['buyer', 'supplier', 'status', 'date', 'reason']);
    expect((datasetJsonSchemas().dataset as Any).properties.decisions.type).toBe('array');
  });
});

describe('decisions in the CSV layout', () => {
  it('round-trips through decisions.csv', () => {
    const input = withDecisions() as DatasetInput;
    const files = datasetToCsv(input);
    expect(files['decisions.csv']).toBe(
      [
        'buyer,line,item,supplier,offering,status,date,until,reason,by',
        'B-01,SB-D01,,S-001,,qualified,2020-06-01,,audit passed,',
        'B-01,,IT-TUB,S-002,S-002-O1,rejected,2021-01-05,2021-12-31,kinks,QA',
        '',
      ].join('\n'),
    );
    const back = datasetFromCsv(files);
    expect(back.issues).toEqual([]);
    expect(back.input.decisions).toEqual(input.decisions);
    expect(back.origins['decisions[1]']).toBe('decisions.csv:3');
  });

  it('refuses a decision field the layout has no column for', () => {
    const input = withDecisions((d) => (d.note = 'x')) as DatasetInput;
    expect(issuesOf(() => datasetToCsv(input))).toEqual(['decisions[1].note [csv_unrepresentable]']);
  });

  it('names the CSV row of a bad decision when a directory is loaded', async () => {
    const dir = await tempDir('decisions-csv-');
    const files = datasetToCsv(withDecisions() as DatasetInput);
    files['decisions.csv'] = (files['decisions.csv'] ?? '').replace('S-002-O1', 'S-002-O7');
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const r = await safeLoadDataset(dir);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      ['decisions[1].offering', 'unknown_reference', 'offering "S-002-O7" does not exist (decisions.csv:3)'],
    ]);
  });

  it('reads decisions.json from a dataset directory', async () => {
    const dir = await tempDir('decisions-json-');
    await mkdir(dir, { recursive: true });
    const input = withDecisions();
    for (const key of ['items', 'suppliers', 'buyers', 'decisions']) await writeFile(join(dir, `${key}.json`), JSON.stringify(input[key]));
    await writeFile(join(dir, 'meta.json'), JSON.stringify(input.meta));
    const dataset = await loadDataset(dir);
    expect(dataset.decisions).toHaveLength(2);
  });
});

describe('the incheon-bio decisions', () => {
  it('hold one of each status, one rejection lapsed and one dated after asOf', async () => {
    const raw = JSON.parse(readFileSync(join(FIXTURE, 'decisions.json'), 'utf8')) as Any[];
    const dataset = await loadDataset(FIXTURE);
    expect(dataset.decisions).toHaveLength(raw.length);
    const asOf = dataset.meta.asOf ?? '';
    const statuses = new Set(raw.map((d) => d.status));
    expect([...statuses].sort()).toEqual(['approved', 'evaluating', 'qualified', 'rejected']);
    const rejections = raw.filter((d) => d.status === 'rejected');
    expect(rejections.filter((d) => d.until !== undefined && d.until < asOf)).toHaveLength(1);
    expect(rejections.filter((d) => d.date > asOf)).toHaveLength(1);
  });
});
