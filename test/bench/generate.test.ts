import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset, mulberry32, writeDataset } from '../../bench/generate.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { safeParseDataset } from '../../src/dataset/parse.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'supplymatch-gen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('mulberry32', () => {
  it('is a pure function of its seed, with values in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe('generateDataset', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const one = writeDataset(generateDataset({ offerings: 400, lines: 40, seed: 3 }), tempDir());
    const two = writeDataset(generateDataset({ offerings: 400, lines: 40, seed: 3 }), tempDir());
    const other = writeDataset(generateDataset({ offerings: 400, lines: 40, seed: 4 }), tempDir());
    expect(Object.keys(bytesOf(one))).toEqual(['buyers.json', 'items.json', 'meta.json', 'suppliers.json']);
    expect(bytesOf(two)).toEqual(bytesOf(one));
    expect(bytesOf(other)['suppliers.json']).not.toBe(bytesOf(one)['suppliers.json']);
  });

  it('makes a valid dataset of exactly the size asked for, over the 21 bioprocess consumable categories', () => {
    const result = safeParseDataset(generateDataset({ offerings: 2_000, lines: 150, seed: 1 }));
    if (!result.success) throw result.error;
    const d = result.data;
    expect(d.suppliers.flatMap((s) => s.offerings)).toHaveLength(2_000);
    expect(d.buyers.flatMap((b) => b.demandLines)).toHaveLength(150);
    expect(d.items.length).toBeGreaterThanOrEqual(200);
    // The generator models the consumables of the first seven groups, not the equipment and parts
    // of the rest of the localization list: 21 leaf categories of the built-in taxonomy.
    const leaves = new Set(BIO_TAXONOMY.filter((c) => c.parent !== undefined).map((c) => c.id));
    const used = new Set(d.items.map((i) => i.category));
    expect([...used].filter((c) => !leaves.has(c))).toEqual([]);
    expect(used.size).toBe(21);
    expect(used.has('virus-filter') && used.has('cleanroom-garment') && !used.has('ult-freezer')).toBe(true);
  });

  it('models the traps of the domain: text, Korean, typos, lapsed certificates, rates per month and per year, foreign suppliers', () => {
    const d = generateDataset({ offerings: 3_000, lines: 300, seed: 2 });
    const offerings = d.suppliers.flatMap((s) => s.offerings ?? []);
    const lines = d.buyers.flatMap((b) => b.demandLines ?? []);
    const texts = [...offerings, ...lines].map((x) => x.text).filter((t): t is string => t !== undefined);
    const share = (n: number, of: number): number => n / of;
    expect(share(offerings.filter((o) => o.item !== undefined).length, offerings.length)).toBeGreaterThan(0.5);
    expect(share(offerings.filter((o) => o.text !== undefined).length, offerings.length)).toBeGreaterThan(0.15);
    expect(texts.some((t) => /[\uAC00-\uD7A3]/.test(t))).toBe(true);
    expect(texts.some((t) => /인치|"|\d(um|L)\b/.test(t))).toBe(true);
    const names = new Set(d.items.flatMap((i) => [...Object.values(i.names), ...(i.synonyms ?? [])].map((n) => n.toLowerCase())));
    // Some texts are not any catalog name, even with the spec tokens cut: misspelt or reworded.
    expect(texts.filter((t) => !names.has(t.toLowerCase())).length).toBeGreaterThan(texts.length / 4);
    const certs = d.suppliers.flatMap((s) => s.certifications ?? []);
    expect(certs.some((c) => c.expires !== undefined && c.expires < '2021-03-01')).toBe(true);
    expect(certs.some((c) => c.expires === undefined)).toBe(true);
    const capacities = offerings.map((o) => o.capacity ?? '');
    expect(capacities.some((c) => c.endsWith('/month'))).toBe(true);
    expect(capacities.some((c) => c.endsWith('/year'))).toBe(true);
    expect(d.suppliers.some((s) => s.country !== 'KR')).toBe(true);
    expect(lines.some((l) => (l.specs ?? []).some((r) => r.importance === 'preferred'))).toBe(true);
  });
});
