import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// The eighth pass of issue 17 (docs/text.md section 2): replacement purposes, a vial's ISO size,
// the values of the clause naming the item, and two values of one attribute, on the incheon-bio
// catalog. Texts written for these tests, not taken from the corpus or its check sets.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const topOf = (text: string): string | undefined => catalog.resolveText(text).items[0]?.item;
const GATE = 0.4;

describe('a replacement purpose names the equipment the part is for', () => {
  it.each([
    // The equipment is a catalog item; the candidate is neither it nor names it.
    ['전동식 호흡보호구 교체용 필터 카트리지 2개', 'IT-STF-PES10'],
    ['초저온 냉동고용 교체 헤파필터', 'IT-HEPA-H14'],
    ['replacement HEPA filter for biosafety cabinet exhaust', 'IT-HEPA-H14'],
  ])('%s is no %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // The part names its equipment, or is the equipment's own item, or the purpose names
    // nothing in the catalog.
    ['다이어프램 밸브 교체용 다이어프램 EPDM 2인치', 'IT-DIA-VALVE'],
    ['바이오리액터 교체용 pH 전극 12mm', 'IT-SEN-PH'],
    ['헤파필터 교체용 H14 610x610 10개', 'IT-HEPA-H14'],
    ['저장 탱크 교체용 소수성 PTFE 벤트필터 0.2um', 'IT-AIR-PTFE'],
  ])('%s is still %s', (text, item) => {
    expect(topOf(text)).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(GATE);
  });
});

describe("a vial's ISO size names its nominal volume", () => {
  it.each([
    ['튜블러 바이알 8R 붕규산 유리', 'IT-VIAL-AMP2'],
    ['Type I borosilicate vials 30R, 20 mm neck', 'IT-VIAL-AMP2'],
  ])('%s is no %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it('a 2 mL ampoule is still one', () => {
    expect(topOf('1종 붕규산 유리 앰플 2mL')).toBe('IT-VIAL-AMP2');
  });
});

describe('the values of the clause naming the item', () => {
  it('decide against another size named in a later clause', () => {
    const text = '일회용 세포배양백 2000L (기존 500L 라인 증설용)';
    expect(topOf(text)).toBe('IT-SUB-2000');
    expect(confidenceOf(text, 'IT-SUB-500')).toBeLessThan(GATE);
  });

  it('leave the whole text its values when that clause states none', () => {
    expect(topOf('일회용 세포배양백, 500L')).toBe('IT-SUB-500');
  });

  it.each([
    // A list of sizes cut only by delimiters is one statement, even where the delimiters end clauses.
    ['세포배양용 일회용 백 50L·200L·2000L 전 규격 생산', ['IT-SUB-200', 'IT-SUB-2000']],
    ['SUB용 일회용 배양백 200L, 500L, 2000L 공급', ['IT-SUB-200', 'IT-SUB-500', 'IT-SUB-2000']],
  ])('keep every size of a list: %s', (text, items) => {
    for (const item of items) expect(confidenceOf(text, item), item).toBeGreaterThanOrEqual(GATE);
  });
});

describe('two values of one attribute', () => {
  it.each([
    ['멀티채널 피펫 12채널 5~50uL', 'IT-PIP-MICRO'],
    ['클로로부틸 고무마개 20mm', 'IT-STP-20'],
    ['이동형 탁상형 멸균기 23L', 'IT-AC-PASS'],
    ['캡슐필터 PVDF 0.22um', 'IT-STF-PVDF10'],
  ])('%s is no %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // A longer form of the same word, a typo, a derivational ending, the name's word stated too.
    ['고압멸균기 GMP 양문형 600L', 'IT-AC-PASS'],
    ['sterlizing-grade PES cartridge filter 0.2 um', 'IT-STF-PES10'],
    ['궤도형 진탕기 (플랫폼형)', 'IT-SHK-ORB'],
    ['브로모부틸 고무마개 13mm 코팅', 'IT-STP-13'],
  ])('%s is still %s', (text, item) => {
    expect(topOf(text)).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(GATE);
  });
});
