import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/resolve.js';
import { understandText } from '../../src/catalog/text-report.js';
import { summarizeDataset } from '../../src/analysis/summary.js';
import { parseDataset } from '../../src/dataset/parse.js';

const items = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const dataset = parseDataset({ items, suppliers: [], buyers: [] });
const catalog = createCatalog(dataset.items, dataset.categories);
const categoryOf = (id: string): string => catalog.items.get(id)?.category ?? '';

/** Offering texts, labelled by hand with the categories of the products they list (empty: one product). */
const OFFERINGS: readonly [string, readonly string[]][] = [
  ['PES 필터, 백, 튜빙 공급', ['sterilizing-filter', 'tubing']],
  ['제균필터 및 일회용 저장백 공급', ['sterilizing-filter', 'su-bag']],
  // `실리콘 호스` is also a synonym of the catalog's silicone tubing: an ambiguous phrase names no product.
  ['당사는 위생 페룰, 다이어프램 밸브, 실리콘 호스를 제조합니다', ['sanitary-fitting', 'sanitary-valve']],
  ['2D 백 20L, 감마 멸균, USP Class VI', []],
  ['제균 캡슐필터 (PES, 감마멸균) 소량 생산 가능', []],
];

describe('texts that list several products', () => {
  it.each(OFFERINGS)('offering %j', (text, categories) => {
    const resolution = catalog.resolveText(text);
    const u = understandText(catalog.readText(text), resolution, { side: 'offering' });
    if (categories.length === 0) {
      expect(u.status).not.toBe('several');
      return;
    }
    expect(u.status).toBe('several');
    const named = new Set(resolution.products?.map((p) => categoryOf(p.item)));
    for (const c of categories) expect(named).toContain(c);
    expect(u.guesses.map((g) => g.item)).toEqual(resolution.products?.map((p) => p.item));
    expect(u.why).toMatch(/several products/u);
    // Reported, not ranked: the items stay the whole text's resolution.
    const again = catalog.resolveText(`${text} `);
    expect(again.items.map((m) => m.item)).toEqual(resolution.items.map((m) => m.item));
  });

  it('a demand line is never judged several (listed phrases there are mostly qualifiers of one product)', () => {
    const text = 'PES 필터, 백, 튜빙 공급';
    expect(understandText(catalog.readText(text), catalog.resolveText(text)).status).not.toBe('several');
  });

  it('validate lists an offering that names several products, with each product as a guess', () => {
    const d = parseDataset({
      items,
      suppliers: [{ id: 'S1', names: { ko: '가나' }, country: 'KR', offerings: [{ id: 'S1-O1', text: '제균필터 및 일회용 저장백 공급', capacity: '100 unit/month' }] }],
      buyers: [],
    });
    const alert = summarizeDataset(d, { asOf: '2026-01-01' }).texts.find((t) => t.id === 'S1-O1');
    expect(alert?.status).toBe('several');
    expect(alert?.guesses.map((g) => categoryOf(g.item)).sort()).toEqual(['sterilizing-filter', 'su-bag']);
  });
});
