import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSpecs, normalizeText } from '../../src/catalog/normalize.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// Near members of a catalog item's family (docs/text.md section 2), on the incheon-bio catalog.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const GATE = 0.4;

describe('a value the text states against the one a candidate names', () => {
  // Each row: the item, a text naming it with its own value, the same text with another value.
  it.each([
    ['IT-STF-PES10', 'PES 카트리지 필터 0.2um 10인치', 'PES 카트리지 필터 0.45um 10인치'],
    ['IT-SUB-200', '일회용 세포배양백 200L, 감마 멸균', '일회용 세포배양백 50L, 감마 멸균'],
    ['IT-VIAL-10R', 'Type I tubular vials 10R, clear', 'Type I tubular vials 6R, clear'],
    ['IT-PIP-SER10', '혈청 피펫 10mL 멸균 개별포장', '혈청 피펫 25mL 멸균 개별포장'],
  ])('%s: %s is confident, %s is under the gate', (item, named, other) => {
    expect(catalog.resolveText(named).items[0]?.item).toBe(item);
    expect(confidenceOf(named, item)).toBeGreaterThanOrEqual(0.6);
    expect(confidenceOf(other, item)).toBeLessThan(GATE);
    expect(confidenceOf(other, item)).toBeLessThanOrEqual(confidenceOf(named, item) * 0.55);
  });

  it.each([
    // Close values, ranges and lists do not contradict: 0.22 and 0.2 um, 190 L and about 170 L.
    ['제균필터 PES 0.22um 10인치 카트리지', 'IT-STF-PES10'],
    ['제균필터 카트리지 0.2/0.45um, 10/20/30인치', 'IT-STF-PES10'],
    ['일회용 2D 저장백 (5mL~50L) 공급', 'IT-BAG-2D20'],
    ['2D storage bag 5 to 50 L', 'IT-BAG-2D20'],
    // A value in a name's details (after a comma or bracket) is a specification, not its identity.
    ['portable airborne particle counter, 2.83 L/min', 'IT-PC-PORT'],
  ])('%s keeps %s on top', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });

  it('another value never raises a candidate (property)', () => {
    const rows = [
      ['PES 카트리지 필터', 'um', 'IT-STF-PES10'],
      ['single-use bioreactor bag', 'L', 'IT-SUB-500'],
      ['serological pipette', 'mL', 'IT-PIP-SER10'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...rows), fc.double({ min: 0.05, max: 5000, noNaN: true }), ([name, unit, item], value) => {
        const v = Number(value.toPrecision(2));
        expect(confidenceOf(`${name} ${v} ${unit}`, item)).toBeLessThanOrEqual(confidenceOf(name, item) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});

describe('lists of sizes share their unit', () => {
  it.each([
    ['10/20/30인치', [{ value: '10/20/30', unit: 'in' }]],
    ['0.2/0.22um', [{ value: '0.2/0.2', unit: 'um' }]],
    ['1/4인치', [{ value: '1/4', unit: 'in' }]],
  ])('%s', (text, expected) => {
    expect(canonicalSpecs(normalizeText(text).specs)).toEqual(expected);
  });
});

describe('an accessory, part or consumable of catalog equipment is not the equipment', () => {
  it.each([
    ['CO2 인큐베이터 교체용 스테인리스 선반 3개', 'IT-INC-CO2'],
    ['광학식 DO 센서 교체용 센서캡', 'IT-SEN-DO'],
    ['ULT freezer racks, stainless, for -86 upright freezers', 'IT-ULT-86'],
    ['VHP 제염장치 전용 과산화수소 카트리지', 'IT-VHP-MOB'],
    ['mycoplasma filter holder, stainless, for 10-inch cartridges', 'IT-STF-MYCO'],
    ['pipette tips 1000 uL for the micropipette, racked', 'IT-PIP-MICRO'],
    // The whole item excluded: what is asked for is some part of it, whatever its head word.
    ['초저온 냉동고 -86℃ 도어 씰 교체품 (본체 제외)', 'IT-ULT-86'],
  ])('%s leaves %s under the gate', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // The equipment itself, with its accessories as a side phrase or a detail: still confident.
    ['CO2 인큐베이터 170L급, 선반 4개 포함, HEPA', 'IT-INC-CO2'],
    ['pH 센서 12mm, 케이블 별도, 오토클레이브 가능', 'IT-SEN-PH'],
    ['초저온 냉동고 -86℃ 직립형, 랙 포함', 'IT-ULT-86'],
    ['당사는 GMP 초자 세척기와 부품 세척용 랙을 제작합니다.', 'IT-WSH-GLASS'],
    // A collective word followed by its members is no part word.
    ['당사는 클린룸 소모품(니트릴 장갑, 방진복)을 공급', 'IT-GLV-CR'],
  ])('%s keeps %s on top and confident', (text, item) => {
    const top = catalog.resolveText(text).items[0];
    expect(expected(item)).toContain(top?.item);
    expect(top?.confidence ?? 0).toBeGreaterThanOrEqual(GATE);
  });
});

/** The items a row accepts (the two cleanroom gloves and the coverall name one family of products). */
function expected(item: string): string[] {
  return item === 'IT-GLV-CR' ? ['IT-GLV-CR', 'IT-GLV-NITSTER', 'IT-GRM-COVER'] : [item];
}

describe('a variant letter after a word names one member of a family', () => {
  it.each([
    ['Protein G affinity resin, 5 L', 'Protein A affinity resin, 5 L', 'IT-PRA-AG'],
    ['프로틴G 레진 5L', '프로틴A 레진 5L', 'IT-PRA-HC'],
    ['Class II type B2 biosafety cabinet', 'Class II type A2 biosafety cabinet', 'IT-BSC-A2'],
    ['HEPA filter H13, 610 x 610 mm', 'HEPA filter H14, 610 x 610 mm', 'IT-HEPA-H14'],
  ])('%s is a neighbour, %s the item', (other, named, item) => {
    expect(confidenceOf(named, item)).toBeGreaterThanOrEqual(0.6);
    expect(confidenceOf(other, item)).toBeLessThan(GATE);
  });

  it('a name without a letter there says less, not something else', () => {
    // `Type I glass vial`: the vials' names all say `type i`, so the text's `i` agrees.
    expect(catalog.resolveText('Type I glass vial 2R').items[0]?.item).toBe('IT-VIAL-2R');
    expect(confidenceOf('affinity resin G', 'IT-PRA-AG')).toBeGreaterThan(0);
  });
});

describe('what the text excludes is not what it asks for', () => {
  it.each([
    ['TFF 카세트, PES 아님', 'IT-TFF-30K', 'IT-TFF-RC10'],
    ['UF cassette 10kD 재생셀룰로스 — PES 아님', 'IT-TFF-30K', 'IT-TFF-RC10'],
    ['에탄올 70% 스프레이, IPA 아님', 'IT-DIS-IPA70', undefined],
    // English negations that follow what they negate.
    ['coverall not needed, sterile boot covers only', 'IT-GRM-COVER', undefined],
    ['Class II biosafety cabinet not required, laminar airflow hood', 'IT-BSC-A2', undefined],
  ])('%s: %s under the gate', (text, excluded, kept) => {
    expect(confidenceOf(text, excluded)).toBeLessThan(GATE);
    if (kept !== undefined) expect(catalog.resolveText(text).items[0]?.item).toBe(kept);
  });

  it('a negated qualifier is weighed, not excluded', () => {
    // `감마 멸균 아님`: the gamma-irradiated capsule is disfavoured (x0.9), not capped.
    expect(confidenceOf('제균 캡슐필터 PES, 감마 멸균 아님', 'IT-STF-PESCAP')).toBeGreaterThanOrEqual(GATE);
  });
});

it('a filter cartridge is a filter, not a part', () => {
  expect(catalog.resolveText('mycoplasma-retentive 0.1 um PES filter cartridge').items[0]).toMatchObject({ item: 'IT-STF-MYCO' });
  expect(confidenceOf('mycoplasma-retentive 0.1 um PES filter cartridge', 'IT-STF-MYCO')).toBeGreaterThanOrEqual(GATE);
});

describe('inch fractions are one value, lists several', () => {
  const small = createCatalog(
    [
      { id: 'IT-T14', category: 'tubing', names: { en: 'Silicone tubing 1/4 in' } },
      { id: 'IT-F10', category: 'sterilizing-filter', names: { en: 'PES cartridge filter 10 in' } },
    ].map((x) => ItemSchema.parse(x)),
    BIO_TAXONOMY,
  );
  const at = (text: string, item: string): number => small.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
  it.each([
    ['Silicone tubing 0.25 in', 'IT-T14', true],
    ['Silicone tubing 1/2 in', 'IT-T14', false],
    ['Silicone tubing 3/8 in', 'IT-T14', false],
    ['PES cartridge filter 10/20/30 in', 'IT-F10', true],
    ['PES cartridge filter 20/30 in', 'IT-F10', false],
  ])('%s keeps %s: %s', (text, item, kept) => {
    if (kept) expect(at(text, item)).toBeGreaterThanOrEqual(0.6);
    else expect(at(text, item)).toBeLessThan(GATE);
  });
});

describe('two phrases sharing their last two words name two things', () => {
  it('`마이코플라스마 제거 필터` is no `바이러스 제거 필터`, and the reverse', () => {
    expect(confidenceOf('마이코플라스마 제거 필터', 'IT-VRF-20N')).toBeLessThan(0.3);
    expect(confidenceOf('바이러스 제거 필터', 'IT-STF-MYCO')).toBeLessThan(GATE);
    expect(catalog.resolveText('마이코플라스마 제거 필터').items[0]?.item).toBe('IT-STF-MYCO');
  });

  it('values of one dimension compare across units: 0.02 um is 20 nm, 0.2 um is not', () => {
    const small = createCatalog([ItemSchema.parse({ id: 'IT-V', category: 'virus-filter', names: { en: 'Virus filter 20 nm' } })], BIO_TAXONOMY);
    const at = (text: string): number => small.resolveText(text).items[0]?.confidence ?? 0;
    expect(at('virus filter 0.02 um')).toBeGreaterThanOrEqual(0.6);
    expect(at('virus filter 0.2 um')).toBeLessThan(GATE);
  });
});
