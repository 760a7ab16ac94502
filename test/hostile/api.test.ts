/**
 * Hostile and absurd input to the public functions: each call must end in a SupplymatchError
 * (or a failed result) whose issue names the field, never a bare TypeError or a silent default.
 */
import { describe, expect, it } from 'vitest';
import {
  SupplymatchError,
  createMatcher,
  evaluate,
  explain,
  gapReport,
  parseDataset,
  safeParseDataset,
  sensitivity,
  summarizeDataset,
} from '../../src/index.js';
import { datasetFromCsv, datasetToCsv } from '../../src/node.js';
import { closest, optionKeyIssues } from '../../src/options.js';
import { tinyInput } from '../helpers/tiny.js';

/** The issues a call throws; fails the test when it throws something else or nothing. */
function thrownIssues(call: () => unknown): { path: string; code: string; message: string }[] {
  try {
    call();
  } catch (e) {
    if (e instanceof SupplymatchError) return [...e.issues];
    throw new Error(`expected a SupplymatchError, got ${String(e)}`);
  }
  throw new Error('expected a SupplymatchError, nothing was thrown');
}

describe('the public functions refuse what they cannot use', () => {
  const dataset = parseDataset(tinyInput());
  it.each<[string, () => unknown, string, string]>([
    ['createMatcher(null)', () => createMatcher(null as never), 'createMatcher', 'invalid_option'],
    ['a misspelt matcher option', () => createMatcher({ topk: 5 } as never), 'topk', 'unknown_option'],
    ["candidates: 'some'", () => createMatcher({ candidates: 'some' } as never), 'candidates', 'invalid_option'],
    ['weights of 1e308', () => createMatcher({ weights: { price: 1e308, itemFit: 1e308 } }), 'weights.price', 'invalid_weight'],
    ['a __proto__ weight (from JSON)', () => createMatcher({ weights: JSON.parse('{"__proto__": 2}') as Record<string, number> }), 'weights.__proto__', 'unknown_criterion'],
    ['match(undefined)', () => createMatcher().match(undefined as never), 'dataset', 'invalid_input'],
    ['a misspelt match option', () => createMatcher().match(dataset, { asof: '2021-03-01' } as never), 'asof', 'unknown_option'],
    ['gapReport(undefined)', () => gapReport(undefined as never), 'dataset', 'invalid_input'],
    ['a misspelt gapReport option', () => gapReport(dataset, { budjet: {} } as never), 'budjet', 'unknown_option'],
    ['sensitivity(undefined, dataset)', () => sensitivity(undefined as never, dataset), 'matcher', 'invalid_input'],
    ['a misspelt sensitivity option', () => sensitivity(createMatcher(), dataset, { delat: 0.1 } as never), 'delat', 'unknown_option'],
    ['explain(undefined)', () => explain(undefined as never), 'candidate', 'invalid_input'],
    ['evaluate(undefined, [])', () => evaluate(undefined as never, []), 'result', 'invalid_input'],
    ['summarizeDataset(undefined)', () => summarizeDataset(undefined as never), 'dataset', 'invalid_input'],
  ])('%s', (_name, call, path, code) => {
    const issues = thrownIssues(call);
    expect(issues.map((i) => [i.path, i.code])).toContainEqual([path, code]);
  });

  it('suggests the option meant', () => {
    expect(thrownIssues(() => createMatcher({ topk: 5 } as never))[0]?.message).toContain('did you mean "topK"');
    expect(closest('objectiv', ['objective', 'relax'])).toBe('objective');
    expect(closest('zzz', ['objective', 'relax'])).toBeUndefined();
    expect(optionKeyIssues([], ['a'], 'f')[0]?.message).toContain('not an array');
  });
});

describe('safeParseDataset never throws', () => {
  it('turns a throwing getter into an issue', () => {
    const input = { ...tinyInput(), get suppliers(): never {
      throw new Error('boom');
    } };
    const r = safeParseDataset(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ code: 'unreadable_input' });
  });

  it('refuses an onInvalid it does not know', () => {
    const r = safeParseDataset(tinyInput(), { onInvalid: 'bogus' } as never);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ path: 'onInvalid', code: 'invalid_option' });
  });

  it('enforces the schema maxItems of a supplier offerings (10,000)', () => {
    const input = tinyInput();
    const supplier = input.suppliers[0] as { offerings: Record<string, unknown>[] };
    const offering = supplier.offerings[0] as Record<string, unknown>;
    supplier.offerings = Array.from({ length: 10_001 }, (_, i) => ({ ...offering, id: `X-${i}` }));
    const r = safeParseDataset(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path)).toContain('suppliers[0].offerings');
  });
});

describe('CSV output neutralizes spreadsheet formulas (OWASP)', () => {
  const formulas = ['=HYPERLINK("http://x","y")', '+1+1', '-1+2', '@SUM(A1)', "'=already quoted", '\tTAB'];
  it.each(formulas)('%j is written as text and read back unchanged', (name) => {
    const input = tinyInput();
    (input.suppliers[0] as { names: Record<string, string> }).names = { en: name };
    const files = datasetToCsv(input as never);
    const row = (files['suppliers.csv'] ?? '').split('\n')[1] ?? '';
    const cell = row.split(',')[1] ?? '';
    // The cell, unquoted, starts with the neutralizing quote: a spreadsheet shows it as text.
    expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
    const back = datasetFromCsv(files);
    expect(back.issues).toEqual([]);
    expect((back.input.suppliers as { names: Record<string, string> }[])[0]?.names['en']).toBe(name);
  });

  it('leaves plain negative numbers alone', async () => {
    const { csvCell } = await import('../../src/dataset/csv-cell.js');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('-')).toBe("'-");
  });
});
