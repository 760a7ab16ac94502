import { describe, expect, it } from 'vitest';
import { parseDataset, safeParseDataset } from '../../src/dataset/parse.js';
import { SupplymatchError } from '../../src/errors.js';
import { tinyInput } from '../helpers/tiny.js';

type Input = ReturnType<typeof tinyInput>;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const supplier = (d: Input, i = 0): Any => d.suppliers[i] as Any;
const line = (d: Input, i = 0): Any => (d.buyers[0] as Any).demandLines[i];

/** Each case breaks one thing of a valid dataset; the issue must name the exact path and code. */
const MALFORMED: readonly { name: string; mutate: (d: Input) => unknown; path: string; code: string }[] = [
  { name: 'items is not an array', mutate: (d) => ({ ...d, items: {} }), path: 'items', code: 'invalid_type' },
  { name: 'buyers missing', mutate: ({ buyers: _b, ...rest }) => rest, path: 'buyers', code: 'required' },
  { name: 'unknown top-level field', mutate: (d) => ({ ...d, extra: 1 }), path: 'extra', code: 'unknown_field' },
  { name: 'item id with spaces', mutate: (d) => ((d.items[0] as Any).id = 'IT STF', d), path: 'items[0].id', code: 'invalid_format' },
  { name: 'item without names', mutate: (d) => ((d.items[0] as Any).names = {}, d), path: 'items[0].names', code: 'invalid' },
  { name: 'bad language code', mutate: (d) => ((d.items[0] as Any).names = { English: 'x' }, d), path: 'items[0].names.English', code: 'invalid_key' },
  { name: 'UNSPSC of 6 digits', mutate: (d) => ((d.items[0] as Any).codes.unspsc = ['411049'], d), path: 'items[0].codes.unspsc[0]', code: 'invalid_format' },
  { name: 'bad HS code', mutate: (d) => ((d.items[0] as Any).codes.hs = ['84-21'], d), path: 'items[0].codes.hs[0]', code: 'invalid_format' },
  { name: 'unknown category', mutate: (d) => ((d.items[1] as Any).category = 'widgets', d), path: 'items[1].category', code: 'unknown_reference' },
  { name: 'duplicate item id', mutate: (d) => ((d.items[1] as Any).id = 'IT-STF', d), path: 'items[1].id', code: 'duplicate_id' },
  { name: 'spec with unknown unit', mutate: (d) => ((d.items[0] as Any).specs.poreSize = '0.2 bananas', d), path: 'items[0].specs.poreSize', code: 'quantity_unknown_unit' },
  { name: 'country in lower case', mutate: (d) => (supplier(d).country = 'kr', d), path: 'suppliers[0].country', code: 'invalid_format' },
  { name: 'supplier unknown field', mutate: (d) => (supplier(d).website = 'x', d), path: 'suppliers[0].website', code: 'unknown_field' },
  { name: 'unknown support need', mutate: (d) => (supplier(d).supportNeeds = ['money'], d), path: 'suppliers[0].supportNeeds[0]', code: 'invalid_value' },
  { name: 'certificate expires before issue', mutate: (d) => (supplier(d).certifications[0].expires = '2018-01-01', d), path: 'suppliers[0].certifications[0].expires', code: 'date_order' },
  { name: 'impossible date', mutate: (d) => (supplier(d).certifications[0].issued = '2019-02-30', d), path: 'suppliers[0].certifications[0].issued', code: 'invalid_format' },
  { name: 'offering refers to unknown item', mutate: (d) => (supplier(d).offerings[0].item = 'IT-NOPE', d), path: 'suppliers[0].offerings[0].item', code: 'unknown_reference' },
  { name: 'duplicate offering id across suppliers', mutate: (d) => (supplier(d, 1).offerings[0].id = 'S-001-O1', d), path: 'suppliers[1].offerings[0].id', code: 'duplicate_id' },
  { name: 'capacity not a rate', mutate: (d) => (supplier(d).offerings[0].capacity = '1,000 unit', d), path: 'suppliers[0].offerings[0].capacity', code: 'quantity_kind' },
  { name: 'negative capacity', mutate: (d) => (supplier(d).offerings[0].capacity = '-5 unit/month', d), path: 'suppliers[0].offerings[0].capacity', code: 'quantity_negative' },
  { name: 'lead time in litres', mutate: (d) => (supplier(d).offerings[0].leadTime = '6 L', d), path: 'suppliers[0].offerings[0].leadTime', code: 'quantity_kind' },
  { name: 'price NaN', mutate: (d) => (supplier(d).offerings[0].unitPrice.amount = Number.NaN, d), path: 'suppliers[0].offerings[0].unitPrice.amount', code: 'not_finite' },
  { name: 'price negative', mutate: (d) => (supplier(d).offerings[0].unitPrice.amount = -1, d), path: 'suppliers[0].offerings[0].unitPrice.amount', code: 'too_small' },
  { name: 'currency in words', mutate: (d) => (supplier(d).offerings[0].unitPrice.currency = 'won', d), path: 'suppliers[0].offerings[0].unitPrice.currency', code: 'invalid_format' },
  { name: 'unknown readiness', mutate: (d) => (supplier(d).offerings[0].readiness = 'soon', d), path: 'suppliers[0].offerings[0].readiness', code: 'invalid_value' },
  { name: 'offering names nothing', mutate: (d) => (delete supplier(d, 1).offerings[0].item, d), path: 'suppliers[1].offerings[0]', code: 'offering_without_item' },
  { name: 'demand quantity missing', mutate: (d) => (delete line(d).quantity, d), path: 'buyers[0].demandLines[0].quantity', code: 'required' },
  { name: 'demand quantity with European decimals', mutate: (d) => (line(d).quantity = '1,5 L/month', d), path: 'buyers[0].demandLines[0].quantity', code: 'quantity_syntax' },
  { name: 'eq requirement without value', mutate: (d) => (delete line(d).specs[0].value, d), path: 'buyers[0].demandLines[0].specs[0].value', code: 'spec_requirement_incomplete' },
  { name: 'min requirement on a word', mutate: (d) => (line(d).specs[0] = { key: 'poreSize', op: 'min', value: 'small' }, d), path: 'buyers[0].demandLines[0].specs[0].value', code: 'spec_requirement_not_quantity' },
  { name: 'range with min above max', mutate: (d) => (line(d).specs[0] = { key: 'dbc', op: 'range', min: '80 g/L', max: '35 g/L' }, d), path: 'buyers[0].demandLines[0].specs[0]', code: 'spec_range_order' },
  { name: 'bad tolerance', mutate: (d) => (line(d, 1).specs[0].tolerance = 'a bit', d), path: 'buyers[0].demandLines[1].specs[0].tolerance', code: 'quantity_syntax' },
  { name: 'unknown certificate level', mutate: (d) => (line(d).certifications[0].level = 'maybe', d), path: 'buyers[0].demandLines[0].certifications[0].level', code: 'invalid_value' },
  { name: 'max share above 1', mutate: (d) => (line(d).sourcing = { maxSupplierShare: 1.5 }, d), path: 'buyers[0].demandLines[0].sourcing.maxSupplierShare', code: 'too_big' },
  { name: 'duplicate demand line id', mutate: (d) => (line(d, 1).id = 'SB-D01', d), path: 'buyers[0].demandLines[1].id', code: 'duplicate_id' },
  { name: 'demand line refers to unknown item', mutate: (d) => (line(d, 1).item = 'IT-X', d), path: 'buyers[0].demandLines[1].item', code: 'unknown_reference' },
  { name: 'truth names unknown line', mutate: (d) => ((d.truth[0] as Any).line = 'SB-D99', d), path: 'truth[0].line', code: 'unknown_reference' },
  { name: 'truth offering of another supplier', mutate: (d) => ((d.truth[0] as Any).offering = 'S-002-O1', d), path: 'truth[0].offering', code: 'offering_not_of_supplier' },
  { name: 'truth grade 4', mutate: (d) => ((d.truth[0] as Any).grade = 4, d), path: 'truth[0].grade', code: 'too_big' },
  { name: 'prototype pollution key', mutate: (d) => (supplier(d).offerings[0] = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(supplier(d).offerings[0]).slice(1)}`), d), path: 'suppliers[0].offerings[0].__proto__', code: 'forbidden_key' },
  { name: 'constructor key', mutate: (d) => ((d.items[0] as Any).specs = JSON.parse('{"constructor": "x"}'), d), path: 'items[0].specs.constructor', code: 'forbidden_key' },
  { name: 'absurdly long name', mutate: (d) => ((d.items[0] as Any).names.en = 'x'.repeat(50_000), d), path: 'items[0].names.en', code: 'text_too_long' },
  { name: 'lone surrogate (bad bytes)', mutate: (d) => ((d.items[0] as Any).names.ko = 'a\uD800b', d), path: 'items[0].names.ko', code: 'invalid_text' },
  { name: 'Infinity in share', mutate: (d) => (line(d).sourcing = { maxSupplierShare: Number.POSITIVE_INFINITY }, d), path: 'buyers[0].demandLines[0].sourcing.maxSupplierShare', code: 'not_finite' },
];

describe('parseDataset on malformed input', () => {
  it('accepts the valid base dataset', () => {
    const r = safeParseDataset(tinyInput());
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(MALFORMED)('$name → $path [$code]', ({ mutate, path, code }) => {
    const r = safeParseDataset(mutate(tinyInput()));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => `${i.path} [${i.code}]`)).toContain(`${path} [${code}]`);
    for (const issue of r.error.issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('reports every issue at once, in input order', () => {
    const d = tinyInput();
    (d.items[0] as Any).codes.unspsc = ['1'];
    supplier(d).offerings[0].capacity = '5 bananas/year';
    line(d, 1).item = 'IT-X';
    const r = safeParseDataset(d);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.path)).toEqual([
      'buyers[0].demandLines[1].item',
      'items[0].codes.unspsc[0]',
      'suppliers[0].offerings[0].capacity',
    ]);
  });

  it('throws a SupplymatchError from parseDataset', () => {
    const d = tinyInput();
    supplier(d).country = 'Korea';
    expect(() => parseDataset(d)).toThrow(SupplymatchError);
  });

  it('never pollutes Object.prototype', () => {
    const d = tinyInput();
    (d.items[0] as Any).specs = JSON.parse('{"__proto__": {"polluted": "yes"}}');
    safeParseDataset(d, { onInvalid: 'skip' });
    expect(({} as Any).polluted).toBeUndefined();
  });

  it('does not throw on inputs of the wrong shape', () => {
    for (const bad of [null, 42, 'text', [], { items: null }, { items: [1], suppliers: [null], buyers: ['x'] }]) {
      const r = safeParseDataset(bad);
      expect(r.success).toBe(false);
    }
  });
});

describe('parseDataset output', () => {
  it('parses quantities once and fills defaults', () => {
    const data = parseDataset(tinyInput());
    const offering = data.suppliers[0]?.offerings[0];
    expect(offering?.capacity?.dimension).toBe('count/time');
    expect(offering?.capacity?.text).toBe('1,000 unit/month');
    expect(data.buyers[0]?.demandLines[1]?.sourcing).toEqual({ domestic: 'none', regions: [], minSuppliers: 1, maxSupplierShare: 1 });
    expect(data.categories.some((c) => c.id === 'virus-filter')).toBe(true);
  });
});

describe("onInvalid: 'skip'", () => {
  it('leaves out the bad offering only, and lists it', () => {
    const d = tinyInput();
    supplier(d).offerings[0].capacity = 'lots';
    const r = safeParseDataset(d, { onInvalid: 'skip' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.suppliers.map((s) => s.id)).toEqual(['S-001', 'S-002']);
    expect(r.data.suppliers[0]?.offerings).toEqual([]);
    expect(r.skipped.map((s) => [s.path, s.kind, s.id])).toEqual([['suppliers[0].offerings[0]', 'offering', 'S-001-O1']]);
  });

  it('cascades: an invalid item takes the lines and truth that depend on it', () => {
    const d = tinyInput();
    (d.items[1] as Any).category = 'nope';
    (d.truth as Any[]).push({ line: 'SB-D02', supplier: 'S-002', grade: 2, rationale: 'tubing' });
    const r = safeParseDataset(d, { onInvalid: 'skip' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.skipped.map((s) => `${s.path}:${s.issues[0]?.code}`)).toEqual([
      'items[1]:unknown_reference',
      'suppliers[1].offerings[0]:unknown_reference',
      'buyers[0].demandLines[1]:unknown_reference',
      'truth[1]:unknown_reference',
    ]);
    expect(r.data.items.map((i) => i.id)).toEqual(['IT-STF']);
    expect(r.data.truth).toHaveLength(1);
  });

  it('accounts for every input record: kept plus skipped equals input', () => {
    const d = tinyInput();
    supplier(d, 1).country = '??';
    const r = safeParseDataset(d, { onInvalid: 'skip' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const offerings = r.data.suppliers.flatMap((s) => s.offerings).length;
    const skippedOfferings = r.skipped.filter((s) => s.kind === 'offering').length;
    expect(offerings + skippedOfferings).toBe(2);
    expect(r.skipped.find((s) => s.kind === 'offering')?.issues[0]?.code).toBe('parent_skipped');
    expect(r.data.suppliers.length + r.skipped.filter((s) => s.kind === 'supplier').length).toBe(2);
  });
});
