import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/catalog/normalize.js';
import { isFillerWord, readText } from '../../src/catalog/read-text.js';
import { fixtureCatalog as catalog, GATE, topOf as top } from '../helpers/fixture-catalog.js';

// The eleventh pass of issue 17 (docs/text.md section 1 and 2): loanword spellings of item
// masters, what comes separately, services and parts as heads, glued filler, and a negated head
// that another item names as a modifier, on the incheon-bio catalog. Texts written for these
// tests, not taken from the corpus, its check sets or the development sets.
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const expectFirstAboveGate = (text: string, item: string): void => {
  const t = top(text);
  expect(t.item).toBe(item);
  expect(t.confidence).toBeGreaterThanOrEqual(GATE);
};
const tokensOf = (text: string): readonly string[] => normalizeText(text).tokens;

describe('the loanword ending -타 is the catalogs\' -터', () => {
  it.each([
    ['필타', ['필터']],
    ['카트리지필타', ['카트리지필터']],
    ['아셉틱 커넥타', ['아셉틱', '커넥터']],
    ['히타용 퓨즈', ['히터용', '퓨즈']],
    // Korean and Greek words ending so keep their spelling.
    ['기타 소모품', ['기타', '소모품']],
    ['베타 글루칸', ['베타', '글루칸']],
    ['제타 전위', ['제타', '전위']],
    // Not inside a word.
    ['타이머', ['타이머']],
  ])('%s normalizes to %j', (text, tokens) => {
    expect(tokensOf(text)).toEqual(tokens);
  });

  it.each([
    ['PES 카트리지 필타 0.2um 10인치', 'IT-STF-PES10'],
    ['무균 커넥타 1/2인치 젠더리스', 'IT-CON-AC'],
    ['클린룸 천장 헤파필타 H14', 'IT-HEPA-H14'],
  ])('%s resolves to %s above the gate', expectFirstAboveGate);
});

describe('what comes separately is not what is asked for', () => {
  it.each([
    ['클린룸 방진복 (후드 별도)', '후드 별도'],
    ['CO2 인큐베이터 170L, 선반은 별도 구매', '선반은 별도'],
    ['원심분리기 로터, 본체 별매', '본체 별매'],
    ['sterile coverall, hood sold separately', 'hood sold separately'],
  ])('%s: the negation is %s', (text, negation) => {
    expect(readText(text).pieces.find((p) => p.kind === 'negation')?.text).toBe(negation);
  });

  it.each([
    ['클린룸 방진복 (후드 별도)', 'IT-GRM-COVER'],
    ['CO2 인큐베이터 170L, 선반은 별도 구매', 'IT-INC-CO2'],
    ['sterile coverall, hood sold separately', 'IT-GRM-COVER'],
  ])('%s keeps its item first above the gate', expectFirstAboveGate);

  it('a housing whose filter comes separately is no filter', () => {
    expect(confidenceOf('10인치 필터 하우징 SUS316L, 카트리지 필타는 별도', 'IT-STF-PES10')).toBeLessThan(GATE);
  });
});

describe('a negated head word spares the item naming it as a modifier of the text\'s head', () => {
  it('a diaphragm quoted separately leaves the diaphragm valve asked for', () => {
    const text = '위생 다이어프램 밸브 1.5인치 수동, 교체용 다이어프램은 별도';
    expect(top(text).item).toBe('IT-VLV-DIA');
    expect(confidenceOf(text, 'IT-DIA-VALVE')).toBeLessThan(GATE);
  });

  it('a modifier negated alone still excludes every item holding it', () => {
    // `PES` heads no name: the PES cartridge is excluded though `filter` is the text's head.
    expect(top('10인치 카트리지 필터, PES 아님').item).not.toBe('IT-STF-PES10');
  });

  it('a head the item has for its own stays excluded', () => {
    expect(confidenceOf('LN2 dry shipper for transport, not a storage tank', 'IT-LN2-TANK')).toBeLessThan(GATE);
  });
});

describe('services and compressors as heads', () => {
  it.each([
    ['오토클레이브 정기 점검 용역', 'IT-AC-PASS'],
    ['CO2 인큐베이터 연간 점검 용역 견적', 'IT-INC-CO2'],
    ['biosafety cabinet annual inspection, 4 units', 'IT-BSC-A2'],
    ['초저온 냉동고 컴프레서 교체', 'IT-ULT-86'],
  ])('%s does not resolve to %s with confidence', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });
});

describe('two filler words written as one are filler', () => {
  it.each([
    ['견적요청', true],
    ['구매문의', true],
    ['납품희망', true],
    ['견적', true],
    ['냉동고', false],
    ['제균필터', false],
  ])('isFillerWord(%s) is %s', (word, filler) => {
    expect(isFillerWord(word)).toBe(filler);
  });

  it('a glued request leaves the item words alone', () => {
    expect(readText('탁상형 원심분리기 견적요청').words.map((w) => w.text)).toEqual(['탁상형 원심분리기']);
  });
});
