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
