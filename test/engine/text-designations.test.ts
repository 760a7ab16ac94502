import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/resolve.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { readLineText } from '../../src/catalog/line-text.js';

const items = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];

/** Lines named by text only, with what each designation in them should become (labelled by hand). */
const CASES: readonly { text: string; designation: string; key?: string; value?: string; unused?: RegExp }[] = [
  { text: '위생 페룰 SUS316L 클램프용', designation: 'SUS316L', key: 'material', value: '316L' },
  { text: '위생 페룰 SUS304 2인치', designation: 'SUS304', key: 'material', value: 'SUS304' },
  { text: '트라이클램프 STS304 싱글핀', designation: 'STS304', key: 'material', value: '304' },
  { text: '위생 다이어프램 밸브 316L 수동', designation: '316L', key: 'material', value: '316L' },
  { text: '위생 페룰 1.5S', designation: '1.5S', key: 'connectionSize', value: '1.5 in' },
  { text: '위생용 실리콘 호스 2S, 백금경화', designation: '2S', key: 'innerDiameter', value: '2 in' },
  { text: '유리 바이알 2R, Type I', designation: '2R', key: 'isoSize', value: '2R' },
  // The item has no spec such a designation fills: read, reported, not a requirement.
  { text: '제균필터 카트리지 10인치 SUS316L 하우징용', designation: 'SUS316L', unused: /no spec of IT-STF-\w+ takes one/u },
];

describe('designations become spec requirements where the item has such a spec', () => {
  const dataset = parseDataset({
    items,
    suppliers: [],
    buyers: [{ id: 'B', names: { en: 'B' }, country: 'KR', demandLines: CASES.map((c, k) => ({ id: `L${k}`, text: c.text, quantity: '1 unit/year' })) }],
  });
  const catalog = createCatalog(dataset.items, dataset.categories);
  it.each(CASES.map((c, k) => [c.text, c, k] as const))('%s', (_text, c, k) => {
    const line = dataset.buyers[0]?.demandLines[k];
    if (line === undefined) throw new Error('no line');
    const read = readLineText(line, catalog.resolve(line), catalog);
    const piece = read?.report.pieces.find((p) => p.kind === 'designation' && p.text === c.designation);
    expect(piece).toBeDefined();
    if (c.key === undefined) {
      expect(piece?.use).toBe('unused');
      expect(piece?.detail).toMatch(c.unused ?? /./u);
      expect(read?.line.specs.some((s) => s.note?.includes(c.designation) === true)).toBe(false);
      return;
    }
    expect(piece?.use).toBe('requirement');
    const spec = read?.line.specs.find((s) => s.key === c.key);
    expect(spec?.importance).toBe('preferred');
    expect(spec?.op).toBe('eq');
    const v = spec?.value;
    expect(v?.kind === 'quantity' ? v.quantity.text : v?.kind === 'text' ? v.value : undefined).toBe(c.value);
    expect(piece?.detail).toContain(c.value);
    expect(spec?.note).toContain(c.designation);
  });
});

describe('a designation read from the text is compared by spec fit', () => {
  const supplier = (id: string, specs: Record<string, string>): Record<string, unknown> => ({
    id,
    names: { en: id },
    country: 'KR',
    offerings: [{ id: `${id}-O1`, item: 'IT-FIT-FERRULE', capacity: '10,000 unit/year', specs }],
  });
  const dataset = parseDataset({
    meta: { name: 'designations', fictional: true, asOf: '2026-01-01', domesticCountry: 'KR' },
    items,
    suppliers: [supplier('S-316', { material: '316L', connectionSize: '1.5 in' }), supplier('S-304', { material: 'STS304', connectionSize: '1.5 in' })],
    buyers: [{ id: 'B', names: { en: 'B' }, country: 'KR', demandLines: [{ id: 'L1', text: '위생 페룰 SUS316L 1.5S', quantity: '100 unit/year' }] }],
  });
  it('the offering of the grade asked for meets it, the other grade misses it', async () => {
    const { createMatcher } = await import('../../src/engine/matcher.js');
    const line = createMatcher().match(dataset).lines[0];
    const specFit = (offering: string) =>
      line?.candidates.find((c) => c.offering === offering)?.outcomes.find((o) => o.criterion === 'specFit');
    const material = (offering: string) => specFit(offering)?.reasons.filter((r) => r.data?.key === 'material').map((r) => r.code);
    expect(material('S-316-O1')?.length).toBeGreaterThan(0);
    expect(material('S-304-O1')?.length).toBeGreaterThan(0);
    expect(material('S-316-O1')).not.toEqual(material('S-304-O1'));
    expect(specFit('S-316-O1')?.score ?? 0).toBeGreaterThan(specFit('S-304-O1')?.score ?? 1);
  });
});
