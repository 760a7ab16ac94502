import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// The item phrase and its head (docs/text.md section 2), on the incheon-bio catalog.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;

describe('a near miss of a catalog item is no confident match', () => {
  // Each row: a text naming something the catalog lacks, a text naming the item, the item.
  it.each([
    // An unknown word in the item phrase: a product of the same family.
    ['trypsin-EDTA solution', 'NaOH solution', 'IT-CHEM-NAOH'],
    ['cryo vial', 'glass vial', 'IT-VIAL-2R'],
    ['potassium hydroxide solution', 'sodium hydroxide solution', 'IT-CHEM-NAOH'],
    // A Hangul head differing in its last syllable: shoes (방진화), not a garment (방진복).
    ['방진화', '방진복', 'IT-GRM-COVER'],
  ])('%s is below %s', (nearMiss, named, item) => {
    expect(confidenceOf(named, item)).toBeGreaterThanOrEqual(0.9);
    expect(confidenceOf(nearMiss, item)).toBeLessThan(0.7);
    expect(confidenceOf(nearMiss, item)).toBeLessThan(confidenceOf(named, item) * 0.7);
  });

  it.each([
    ['trypsin-EDTA 0.25% solution, 100 mL'],
    ['방진화 (클린룸 안전화) 270mm'],
    ['cryo vial 2 mL, external thread'],
    ['에탄올 70% 소독제 4L 말통'],
  ])('%s resolves to no item at the item-fit threshold', (text) => {
    expect(catalog.resolveText(text).items[0]?.confidence ?? 0).toBeLessThan(0.45);
  });
});

describe('what follows the head is not the item phrase', () => {
  it('a long line keeps its item confident when its details follow the head', () => {
    const text = 'CO2 incubator 170 L with IR sensor and HEPA filter, copper interior';
    expect(catalog.resolveText(text).items[0]?.item).toBe('IT-INC-CO2');
    expect(confidenceOf(text, 'IT-INC-CO2')).toBeGreaterThanOrEqual(0.45);
  });

  it('a long request keeps its item on top when its first clause names it', () => {
    const lines: [string, string][] = [
      ['200L 일회용 배양백, 3D 타입, 스파저 및 샘플링 라인 포함, 외층 PE 필름, 리크 테스트 성적서, 연간 60개, 12주 이내 납품', 'IT-SUB-200'],
      ['pH 전극 12mm, 겔 타입, 길이 225mm, Pg13.5 나사, 교정 성적서 동봉, 연 40개, 4주 납기', 'IT-SEN-PH'],
      ['sanitary ferrule 316L, 1.5", electropolished, mill certificate 3.1, traceable heat numbers, 500 pcs per year', 'IT-FIT-FERRULE'],
    ];
    for (const [text, item] of lines) expect(catalog.resolveText(text).items[0]?.item).toBe(item);
    expect(confidenceOf(lines[1]?.[0] ?? '', 'IT-SEN-PH')).toBeGreaterThanOrEqual(0.45);
  });

  it('clauses after the one naming the item weigh less than clauses before it (property)', () => {
    const names = ['sanitary hose', 'pH electrode', 'glass vial', 'CO2 incubator', 'orbital shaker', 'rubber stopper'];
    const items = ['IT-HOSE-SIL', 'IT-SEN-PH', 'IT-VIAL-2R', 'IT-INC-CO2', 'IT-SHK-ORB', 'IT-STP-13'];
    const word = fc.constantFrom('qorvex', 'zymbal', 'handheld', 'trolleyed', 'lumiflex');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: names.length - 1 }), word, word, (k, a, b) => {
        const name = names[k] ?? '';
        const item = items[k] ?? '';
        const after = confidenceOf(`${name}, ${a}, ${b}`, item);
        const before = confidenceOf(`${a}, ${b}, ${name}`, item);
        expect(after).toBeGreaterThan(before);
        expect(after).toBeLessThan(confidenceOf(name, item));
      }),
    );
  });

  it('an unknown word before the head costs at least as much as after a comma (property)', () => {
    const names = ['sanitary hose', 'pH electrode', 'glass vial', 'CO2 incubator', 'orbital shaker', 'rubber stopper'];
    const items = ['IT-HOSE-SIL', 'IT-SEN-PH', 'IT-VIAL-2R', 'IT-INC-CO2', 'IT-SHK-ORB', 'IT-STP-13'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: names.length - 1 }), fc.constantFrom('trypsin', 'qorvex', 'handheld', 'zymbal'), (k, word) => {
        const name = names[k] ?? '';
        const item = items[k] ?? '';
        const inPhrase = confidenceOf(`${word} ${name}`, item);
        const elsewhere = confidenceOf(`${name}, ${word}`, item);
        expect(inPhrase).toBeLessThanOrEqual(elsewhere + 1e-9);
        expect(inPhrase).toBeLessThan(confidenceOf(name, item));
      }),
    );
  });
});

describe('a sibling: another word before the same head', () => {
  // Each row: a text naming something the catalog lacks, a text naming the item, the item whose
  // names put another word before the same head (docs/text.md section 2, siblings).
  it.each([
    ['수산화칼륨 용액', '수산화나트륨 용액', 'IT-CHEM-NAOH'],
    ['potassium chloride', 'sodium chloride', 'IT-BUF-NACL'],
    ['염화칼륨', '염화나트륨', 'IT-BUF-NACL'],
  ])('%s is no confident %s', (sibling, named, item) => {
    expect(confidenceOf(named, item)).toBeGreaterThanOrEqual(0.9);
    expect(confidenceOf(sibling, item)).toBeLessThan(0.4);
  });

  it.each([
    ['수산화나트름 용액', 'IT-CHEM-NAOH'],
    ['sodimu chloride', 'IT-BUF-NACL'],
    ['균제 필터', 'IT-STF-PES10'],
  ])('a typo in the word before the head is no sibling: %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(0.5);
  });

  it('a name with no word before the head does not contradict the text', () => {
    // `제균필터` says less than `Mirae 제균필터`, not something else: still the best guess.
    expect(catalog.resolveText('Mirae 제균필터').items[0]?.item).toMatch(/^IT-STF-/u);
    expect(catalog.resolveText('제균 캡슐필터, PES').items[0]?.item).toBe('IT-STF-PESCAP');
  });
});

describe('a purpose names what the item is for, not the item', () => {
  it.each([
    ['CO2 가스 실린더 (인큐베이터 공급용)', 'IT-INC-CO2'],
    ['원심분리기 로터용 어댑터', 'IT-CEN-BENCH'],
    ['초저온 냉동고용 보관 박스', 'IT-ULT-86'],
    ['액체질소 탱크용 바이알 랙', 'IT-LN2-TANK'],
    ['pH 센서 보관용 KCl 용액', 'IT-SEN-PH'],
  ])('%s is no confident %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(0.4);
  });

  it.each([
    ['바이오리액터용 pH 센서', 'IT-SEN-PH'],
    ['세포배양용 CO2 인큐베이터', 'IT-INC-CO2'],
    ['Sartorius-compatible O-ring', 'IT-GSK-ORING'],
    ['인산계 산성 세정제 CIP용', 'IT-CIP-ACID'],
  ])('%s still names %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('what an item is for never makes it the item (property)', () => {
  // Equipment of the catalog named as what another thing is for, with heads the catalog lacks.
  const equipment: readonly (readonly [string, string, string])[] = [
    ['원심분리기', 'centrifuge', 'IT-CEN-BENCH'],
    ['초저온 냉동고', 'ULT freezer', 'IT-ULT-86'],
    ['CO2 인큐베이터', 'CO2 incubator', 'IT-INC-CO2'],
    ['액체질소 탱크', 'LN2 tank', 'IT-LN2-TANK'],
    ['오비탈 쉐이커', 'orbital shaker', 'IT-SHK-ORB'],
    ['생물안전작업대', 'biosafety cabinet', 'IT-BSC-A2'],
  ];
  // Heads whose words the equipment's names lack. A modifier the names share is still a gap:
  // `액체질소 탱크용 보관 랙` reaches 0.44 through `보관` (docs/text.md section 6).
  const heads: readonly (readonly [string, string])[] = [
    ['어댑터', 'adapter'],
    ['선반', 'shelf'],
    ['랙', 'rack'],
    ['교체용 도어 힌지', 'replacement door hinge'],
  ];
  it('X용 Y, X 전용 Y, Y for X, Y (for use with X) resolve to no confident X', () => {
    fc.assert(
      fc.property(fc.constantFrom(...equipment), fc.constantFrom(...heads), fc.integer({ min: 0, max: 3 }), ([ko, en, item], [headKo, headEn], form) => {
        const text = [`${ko}용 ${headKo}`, `${ko} 전용 ${headKo}`, `${headEn} for ${en}`, `${headEn} (for use with ${en})`][form] ?? '';
        expect(confidenceOf(text, item), text).toBeLessThan(0.4);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a concentration inside a noun phrase does not cut it', () => {
  // `수산화칼륨 48% 용액`: the head is `용액`; `수산화칼륨` heads nothing, so the KOH-based detergent
  // (`수산화칼륨계`) does not explain a head, and the NaOH solution is a sibling.
  it.each([['수산화칼륨 48% 용액 20L'], ['과산화수소 30% 용액']])('%s resolves to nothing at 0.4', (text) => {
    expect(catalog.resolveText(text).items[0]?.confidence ?? 0).toBeLessThan(0.4);
  });
  it.each([
    ['IPA 70% 스프레이', 'IT-DIS-IPA70'],
    ['NaOH 50% solution', 'IT-CHEM-NAOH'],
    ['수산화나트륨 50% 용액', 'IT-CHEM-NAOH'],
  ])('%s still names %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(0.8);
  });
});
