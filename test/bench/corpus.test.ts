import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/dataset/parse.js';

// The held-out corpus of bench/corpus.ts: only its integrity is checked here, never the engine's figures.
const ROOT = join(import.meta.dirname, '../../bench/corpus');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const catalog = readJson(join(import.meta.dirname, '../../fixtures/incheon-bio/items.json')) as { id: string }[];
const itemIds = new Set(catalog.map((i) => i.id));

const [header, ...rows] = readFileSync(join(ROOT, 'resolution.tsv'), 'utf8').trimEnd().split('\n');
const records = rows.map((row) => {
  const [id = '', lang = '', kind = '', expected = '', text = '', ...extra] = row.split('\t');
  return { id, lang, kind, expected: expected.split('|'), text, extra };
});

describe('the held-out resolution corpus', () => {
  it('has the columns id, lang, kind, expected, text and five fields a row', () => {
    expect(header).toBe('id\tlang\tkind\texpected\ttext');
    for (const r of records) expect(r.extra, r.id).toEqual([]);
  });

  it('labels every text with existing incheon-bio items or none, alone', () => {
    for (const r of records) {
      if (r.expected.includes('none')) expect(r.expected, r.id).toEqual(['none']);
      else for (const id of r.expected) expect(itemIds.has(id), `${r.id}: ${id}`).toBe(true);
    }
  });

  it('has at least 300 texts, 40 of them naming nothing in the catalog, with unique ids and texts', () => {
    expect(records.length).toBeGreaterThanOrEqual(300);
    expect(records.filter((r) => r.expected[0] === 'none').length).toBeGreaterThanOrEqual(40);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const normal = (t: string): string => t.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
    expect(new Set(records.map((r) => normal(r.text))).size).toBe(records.length);
  });

  it('tags language and kind consistently with the text', () => {
    const hangul = /[\uAC00-\uD7A3]/u;
    for (const r of records) {
      expect(['ko', 'en', 'mixed'], r.id).toContain(r.lang);
      expect(['demand', 'offering'], r.id).toContain(r.kind);
      expect(hangul.test(r.text), r.id).toBe(r.lang !== 'en');
    }
  });
});

describe.each([
  ['check-2.tsv', 50, true],
  ['check-3.tsv', 40, true],
  // Their writers tag who wrote a line, not its script: a Korean buyer's `TRIS 1kg` is `ko`, an
  // English ERP line with `(20인치)` added is `en`; the script is not checked against the tag.
  ['check-4.tsv', 80, false],
  ['check-5.tsv', 80, false],
  ['check-6.tsv', 80, false],
  ['check-7.tsv', 80, false],
  ['check-8.tsv', 80, false],
  ['check-9.tsv', 80, false],
  ['check-10.tsv', 80, false],
  ['check-11.tsv', 80, false],
  ['check-12.tsv', 80, false],
  ['check-13.tsv', 80, false],
  ['check-14.tsv', 80, false],
  ['check-15.tsv', 80, false],
  ['check-16.tsv', 80, false],
  ['check-17.tsv', 80, false],
  ['check-18.tsv', 80, false],
  ['check-19.tsv', 80, false],
  ['check-20.tsv', 80, false],
] as const)('the check set %s', (file, atLeast, hangulTagged) => {
  const [head, ...lines] = readFileSync(join(ROOT, file), 'utf8').trimEnd().split('\n');
  const set = lines.map((row) => {
    const [id = '', lang = '', kind = '', expected = '', text = '', ...extra] = row.split('\t');
    return { id, lang, kind, expected: expected.split('|'), text, extra };
  });
  const normal = (t: string): string => t.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();

  it('has the corpus columns, labels naming existing items or none, and consistent tags', () => {
    expect(head).toBe('id\tlang\tkind\texpected\ttext');
    const hangul = /[\uAC00-\uD7A3]/u;
    for (const r of set) {
      expect(r.extra, r.id).toEqual([]);
      if (r.expected.includes('none')) expect(r.expected, r.id).toEqual(['none']);
      else for (const id of r.expected) expect(itemIds.has(id), `${r.id}: ${id}`).toBe(true);
      expect(['ko', 'en', 'mixed'], r.id).toContain(r.lang);
      expect(['demand', 'offering'], r.id).toContain(r.kind);
      if (hangulTagged) expect(hangul.test(r.text), r.id).toBe(r.lang !== 'en');
    }
  });

  it(`has at least ${atLeast} texts, unique, none of them in the first corpus`, () => {
    expect(set.length).toBeGreaterThanOrEqual(atLeast);
    expect(new Set(set.map((r) => r.id)).size).toBe(set.length);
    const first = new Set(records.map((r) => normal(r.text)));
    expect(new Set(set.map((r) => normal(r.text))).size).toBe(set.length);
    for (const r of set) expect(first.has(normal(r.text)), r.id).toBe(false);
  });
});

describe('the held-out matching set', () => {
  it('is a valid dataset over the incheon-bio catalog, its lines and offerings given as text only', () => {
    const part = (name: string): unknown => readJson(join(ROOT, 'matching', `${name}.json`));
    const dataset = parseDataset({ meta: part('meta'), items: catalog, suppliers: part('suppliers'), buyers: part('buyers'), truth: part('truth') });
    const lines = dataset.buyers.flatMap((b) => b.demandLines);
    const offerings = dataset.suppliers.flatMap((s) => s.offerings);
    expect(lines.every((l) => l.item === undefined && l.text !== undefined)).toBe(true);
    expect(offerings.every((o) => o.item === undefined && o.category === undefined && o.text !== undefined)).toBe(true);
    // Exactly one grade-3 label a line: P@1 is defined on every line.
    const best = new Map<string, number>();
    for (const t of dataset.truth ?? []) if (t.grade === 3) best.set(t.line, (best.get(t.line) ?? 0) + 1);
    expect(lines.map((l) => best.get(l.id))).toEqual(lines.map(() => 1));
  });
});

describe.each(['matching-4', 'matching-5', 'matching-6', 'matching-7', 'matching-8', 'matching-9', 'matching-10', 'matching-11', 'matching-12', 'matching-13', 'matching-14', 'matching-15', 'matching-16', 'matching-17', 'matching-18', 'matching-19', 'matching-20'])('the matching set %s', (name) => {
  it('is a valid fictional dataset over the incheon-bio catalog, its lines and offerings given as text only, graded', () => {
    const part = (file: string): unknown => readJson(join(ROOT, name, `${file}.json`));
    const dataset = parseDataset({ meta: part('meta'), items: catalog, suppliers: part('suppliers'), buyers: part('buyers'), truth: part('truth') });
    expect(dataset.meta.fictional).toBe(true);
    const lines = dataset.buyers.flatMap((b) => b.demandLines);
    const offerings = dataset.suppliers.flatMap((s) => s.offerings);
    expect(lines.every((l) => l.item === undefined && l.text !== undefined)).toBe(true);
    expect(offerings.every((o) => o.item === undefined && o.category === undefined && o.text !== undefined)).toBe(true);
    expect((dataset.truth ?? []).some((t) => t.grade === 3)).toBe(true);
  });
});
