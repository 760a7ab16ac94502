import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFormWord, readText } from '../../src/catalog/read-text.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// The ninth pass of issue 17 (docs/text.md section 2): form words and counters after the noun,
// purchasing-system abbreviations, declared values of one attribute, on the incheon-bio catalog.
// Texts written for these tests, not taken from the corpus, its check sets or the development sets.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const topOf = (text: string): string | undefined => catalog.resolveText(text).items[0]?.item;
const GATE = 0.4;

describe('form words', () => {
  it.each([
    ['일체형', true],
    ['강제순환식', true],
    ['제균등급', true],
    ['upright', true],
    ['SUS', true],
    ['소형', false],
    ['냉동고', false],
    ['일체형2', false],
    ['filter', false],
  ])('%s is a form word: %s', (word, expected) => {
    expect(isFormWord(word)).toBe(expected);
  });
});

describe('a form word or a counter after the noun heads nothing', () => {
  it.each([
    ['의약품 냉동고 -20℃ 이중도어형', 'IT-FRZ-20'],
    ['생물안전작업대 Class II A2 일체형 1.2m', 'IT-BSC-A2'],
    ['클린룸 니트릴 장갑 비멸균 벌크', 'IT-GLV-CR'],
    ['진탕 배양기 적층형 3단', 'IT-INC-SHAKE'],
    ['스테인리스 클린룸 운반 카트 STS 4단', 'IT-CART-SS'],
  ])('%s is %s over the gate', (text, item) => {
    expect(topOf(text)).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(GATE);
  });

  it('a phrase of form words alone keeps its last word as its head', () => {
    // `upright` stands alone between quantities: it is what names the freezer.
    expect(topOf('FRZR -86C UPRIGHT 500L')).toBe('IT-ULT-86');
  });

  it('an unknown head before a form word still leaves the text unsure', () => {
    expect(catalog.resolveText('디지털 항온수조 스탠드형 30L').items[0]?.confidence ?? 0).toBeLessThan(GATE);
  });
});

describe('purchasing-system abbreviations', () => {
  it.each([
    ['FLTR CART PVDF 0.22UM 10IN', 'IT-STF-PVDF10'],
    ['GSKT TC 3" EPDM', 'IT-GSK-TC'],
    ['VLV DIAPH 316L 2" MANUAL', 'IT-VLV-DIA'],
    ['TBG SIL PT-CURED 1/2" ID', 'IT-TUB-PTSIL'],
  ])('%s is %s', (text, item) => {
    expect(topOf(text)).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(GATE);
  });

  it('a cart that is no filter cartridge stays a cart', () => {
    expect(topOf('stainless cleanroom cart 3 shelves')).toBe('IT-CART-SS');
  });
});

describe('declared values of one attribute', () => {
  it.each([
    ['PES filter cartridge 0.2 um, 40 inch', 'IT-STF-PESCAP'],
    ['PES 캡슐필터 0.2um, 배지 여과', 'IT-STF-PES10'],
    ['sanitary butterfly valve 316L 2" tri-clamp', 'IT-VLV-DIA'],
    ['위생 볼밸브 316L 1인치', 'IT-VLV-DIA'],
  ])('%s is no %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it('a text stating both values names either', () => {
    const text = 'PES 캡슐 및 카트리지 필터 0.2um';
    expect(confidenceOf(text, 'IT-STF-PESCAP')).toBeGreaterThanOrEqual(GATE);
  });
});

describe('readings of the ninth pass', () => {
  it.each([
    ['바이알 300만개', 3_000_000, 'pcs'],
    ['1.5만 개', 15_000, 'pcs'],
    ['2천 L', 2, 'L'],
  ])('%s reads %d (SI) %s', (text, value, unit) => {
    const q = readText(text).pieces.find((p) => p.kind === 'quantity')?.quantity;
    expect(q?.value).toBeCloseTo(value, 9);
    expect(q?.unit).toBe(unit);
  });

  it.each(['USP <660>', 'ISO 8362-1', 'Type I', 'USP CL VI'])('%s is a certificate or grade, not item words', (piece) => {
    const r = readText(`바이알 10R ${piece}`);
    expect(r.pieces.some((p) => p.kind === 'certificate' && p.text === piece)).toBe(true);
    expect(r.words.map((w) => w.text).join(' ')).not.toContain(piece);
  });

  it('an ampoule is no vial, and a vial no ampoule', () => {
    expect(confidenceOf('앰플 10mL 1종 붕규산', 'IT-VIAL-10R')).toBeLessThan(GATE);
    expect(confidenceOf('2 mL glass vial, type I', 'IT-VIAL-AMP2')).toBeLessThan(GATE);
  });
});

describe('exclusions read through 전용, 말고 and 사용 불가', () => {
  it.each([
    ['인큐베이터 전용 교체용 HEPA 필터 2개', 'IT-HEPA-H14'],
    ['의약품 냉장고 2-8℃ 말고 -20℃ 이하 급속 냉동 챔버', 'IT-REF-28'],
    ['소독용 에탄올 스프레이 (IPA 제품 사용 불가)', 'IT-DIS-IPA70'],
  ])('%s is no %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it('a part dedicated to its own item stays that item', () => {
    expect(topOf('클린룸 천장 전용 교체용 HEPA 필터 H14')).toBe('IT-HEPA-H14');
    expect(confidenceOf('클린룸 천장 전용 교체용 HEPA 필터 H14', 'IT-HEPA-H14')).toBeGreaterThanOrEqual(GATE);
  });
});
