import { describe, expect, it } from 'vitest';
import { isFillerWord, readText } from '../../src/catalog/read-text.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { ItemSchema } from '../../src/model/item.js';
import { fixtureCatalog as catalog, GATE, topOf as top } from '../helpers/fixture-catalog.js';

// The tenth pass of issue 17 (docs/text.md section 1): how a request or an offer frames the item
// (Korean predicates and request nouns, verbs of use, another maker's brand and part number), on
// the incheon-bio catalog. Texts written for these tests, not taken from the corpus, its check
// sets or the development sets.
const wordsOf = (text: string): string[] => readText(text).words.map((w) => w.text);
const piece = (text: string, kind: string): string | undefined => readText(text).pieces.find((p) => p.kind === kind)?.text;

describe('Korean predicates and request nouns are filler', () => {
  it.each([
    ['찾고', true],
    ['쓰는', true],
    ['위해', true],
    ['구매하고자', true],
    ['바꾸려고', true],
    ['검토', true],
    ['공급처를', true],
    ['국산으로', true],
    ['동등품', true],
    ['냉동고', false],
    ['필터', false],
    ['방진복', false],
  ])('isFillerWord(%s) is %s', (word, filler) => {
    expect(isFillerWord(word)).toBe(filler);
  });

  it.each([
    ['혈청 피펫 공급처를 찾고 있습니다.', ['혈청 피펫']],
    ['탁상형 원심분리기를 국산으로 전환 검토 중입니다.', ['탁상형 원심분리기']],
    ['니트릴 장갑 교체 구매 예정이며 견적 부탁드립니다.', ['니트릴 장갑']],
    ['저장백을 월 단위로 구입하고자 합니다', ['저장백']],
  ])('%s: the item words are %j', (text, words) => {
    expect(wordsOf(text)).toEqual(words);
  });

  it('keeps a replacement word before an item word: a replacement part', () => {
    expect(wordsOf('호흡보호구용 교체 필터')).toContain('교체 필터');
  });

  it('takes `로` off a Korean word only: after a Latin name it says what the item is used with', () => {
    expect(piece('세척제 단위로 구매', 'filler')).toBe('단위로');
    expect(wordsOf('KOH로 세척하는 배관')).toContain('KOH로');
  });
});

describe('verbs of use make a purpose of their clause', () => {
  it.each([
    ['세포 배양 공정에 쓰는 화학조성 배지', '세포 배양 공정'],
    ['버퍼 조제 탱크에 장착할 임펠러', '버퍼 조제 탱크'],
    ['충전 라인 무균 구역을 위한 방진복', '충전 라인 무균 구역'],
  ])('%s: the purpose is %s', (text, purpose) => {
    expect(piece(text, 'purpose')).toBe(purpose);
  });

  it('reads nothing as a purpose when no item word follows the verb', () => {
    expect(readText('배지 여과에 쓰는').pieces.some((p) => p.kind === 'purpose')).toBe(false);
  });
});

describe("another maker's brand and part number", () => {
  it.each([
    ['수입 Kelvo KX-300 대체 초저온 냉동고', 'Kelvo KX-300 대체', ['초저온 냉동고']],
    ['Norvane NV-20 Plus 동등품 저장백', 'Norvane NV-20 Plus 동등품', ['저장백']],
    ['Depth filter pod, a drop-in replacement for Brandex DP-40X', 'a drop-in replacement for Brandex DP-40X', ['Depth filter pod']],
    ['Cryovial 2 mL, equivalent to Polaro CV-2. Sterile.', 'equivalent to Polaro CV-2', ['Cryovial']],
  ])('%s: the side phrase is %s', (text, side, words) => {
    expect(readText(text).pieces.find((p) => p.kind === 'side')?.text).toContain(side);
    expect(wordsOf(text).filter((w) => !/^sterile$/iu.test(w))).toEqual(words);
  });

  it('never takes a Korean noun before a word of replacement', () => {
    expect(wordsOf('양이온 교환 수지를 국산으로 대체')).toEqual(['양이온 교환 수지']);
  });
});

describe('resolution of framed requests and offers', () => {
  const ITEMS: readonly [string, string][] = [
    ['탁상형 원심분리기', 'IT-CEN-BENCH'],
    ['혈청 피펫 10mL', 'IT-PIP-SER10'],
    ['재조합 인슐린', 'IT-REC-INS'],
    ['양이온 교환 수지', 'IT-IEX-CEX'],
    ['멸균 방진복', 'IT-GRM-COVER'],
  ];
  const FRAMES: readonly ((x: string) => string)[] = [
    (x) => `${x} 공급처를 찾고 있습니다.`,
    (x) => `현재 수입품을 쓰고 있는 ${x}를 국산으로 대체 검토 중입니다.`,
    (x) => `${x} 국산 전환 관련하여 문의드립니다.`,
    (x) => `QC 실험실에 쓰는 ${x} 교체 구매를 검토 중이며 견적 부탁드립니다.`,
    (x) => `당사는 ${x}를 생산하고 있으며 바이오 업체 공급을 희망합니다.`,
  ];
  it.each(ITEMS.flatMap(([text, item]) => FRAMES.map((f) => [f(text), item] as const)))('%s resolves to %s above the gate', (text, item) => {
    const t = top(text);
    expect(t.item).toBe(item);
    expect(t.confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('a brand and part number the catalog lacks no longer hide the item', () => {
    expect(top('수입 Kelvo KX-300 대체 탁상형 원심분리기 견적 요청').item).toBe('IT-CEN-BENCH');
    expect(top('Benchtop centrifuge, a direct replacement for the Rotana RX-24 units').item).toBe('IT-CEN-BENCH');
  });
});

describe("compounds written with and without a space, in a user's own catalog", () => {
  // A small catalog that is not incheon-bio: names as a lab supplier would list them.
  const own = createCatalog(
    [
      { id: 'L-TIP', names: { en: 'Barrier pipette tips, 1000 µL, sterile', ko: '필터 팁 1000µL (멸균)' }, category: 'tips' },
      { id: 'L-CAP', names: { en: 'Screw cap, 38 mm', ko: '나사 캡 38mm' }, category: 'caps' },
      { id: 'L-MCF', names: { en: 'Minicentrifuge, 8-place' }, category: 'centrifuges' },
      { id: 'L-BOX', names: { en: 'Freezer box, 81-place', ko: '냉동 보관 박스 81칸' }, category: 'boxes' },
      { id: 'L-CBAG', names: { en: 'Cell culture bag 2 L', ko: '일회용 세포배양백 2L' }, category: 'bags' },
      { id: 'L-SBAG', names: { en: 'Storage bag 2 L', ko: '일회용 보관 백 2L' }, synonyms: ['일회용 백'], category: 'bags' },
    ].map((x) => ItemSchema.parse(x)),
    ['tips', 'caps', 'centrifuges', 'boxes', 'bags'].map((id) => ({ id, names: { en: id } })),
  );
  const ownTop = (text: string): { item: string | undefined; confidence: number } => {
    const m = own.resolveText(text).items[0];
    return { item: m?.item, confidence: m?.confidence ?? 0 };
  };

  it.each([
    ['필터팁 1000ul 멸균', 'L-TIP'],
    ['나사캡 38mm', 'L-CAP'],
    ['mini centrifuge, 8 place', 'L-MCF'],
    ['mini-centrifuge 8 place', 'L-MCF'],
    ['냉동보관 박스', 'L-BOX'],
  ])('%s resolves to %s above the gate', (text, item) => {
    const t = ownTop(text);
    expect(t.item).toBe(item);
    expect(t.confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('a glued compound is headed by a one-syllable name word only where that word heads the name', () => {
    // `캡` heads `나사 캡`; a word ending in another syllable is no cap.
    expect(ownTop('나사캡').item).toBe('L-CAP');
    expect(ownTop('나사못').confidence).toBeLessThan(GATE);
    // A longer name word ending the compound is its head: a culture bag is no storage bag.
    expect(own.resolveText('일회용 세포배양백').items.find((m) => m.item === 'L-SBAG')?.confidence ?? 0).toBeLessThan(GATE);
    expect(ownTop('보관백').item).toBe('L-SBAG');
  });
});
