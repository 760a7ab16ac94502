import { describe, expect, it } from 'vitest';
import { isFillerWord, readText } from '../../src/catalog/read-text.js';
import { fixtureCatalog as catalog, GATE, topOf as top } from '../helpers/fixture-catalog.js';

// The twelfth pass of issue 17 (docs/text.md section 1): how an English request frames the item
// (`looking for`, `a second source of`, `request for quotation:`), on the incheon-bio catalog.
// Texts written for these tests, not taken from the corpus, its check sets or the development sets.
const wordsOf = (text: string): string[] => readText(text).words.map((w) => w.text);
const kinds = (text: string): string[] => readText(text).pieces.map((p) => p.kind);

describe('English request words are filler', () => {
  it.each([
    ['looking', true],
    ['sourcing', true],
    ['vendor', true],
    ['alternatives', true],
    ['imported', true],
    ['cartridge', false],
    ['freezer', false],
    ['gloves', false],
  ])('isFillerWord(%s) is %s', (word, filler) => {
    expect(isFillerWord(word)).toBe(filler);
  });
});

describe('a request before `for`, `of` or `to` opens the item, not its purpose', () => {
  it.each([
    ['We are looking for nitrile gloves', ['nitrile gloves']],
    ['Seeking a domestic supplier of nitrile gloves', ['nitrile gloves']],
    ['Kindly send pricing for nitrile gloves', ['nitrile gloves']],
    ['Request for quotation: nitrile gloves', ['nitrile gloves']],
  ])('%s: the item words are %j', (text, words) => {
    expect(wordsOf(text)).toEqual(words);
    expect(kinds(text)).not.toContain('purpose');
  });

  it('keeps a purpose after an item word', () => {
    expect(readText('Flask clamps for orbital shakers').pieces.find((p) => p.kind === 'purpose')?.text).toBe('for orbital shakers');
  });

  it.each([
    'We are looking for PVDF sterilizing cartridges',
    'Seeking a domestic supplier of PVDF sterilizing cartridges',
    'We need a second source of PVDF sterilizing cartridges',
    'Alternative supplier for PVDF sterilizing cartridge',
    'Kindly send pricing for PVDF sterilizing cartridge',
  ])('%s: the PVDF cartridge, as surely as named alone', (text) => {
    const alone = top('PVDF sterilizing cartridge');
    const framed = top(text);
    expect(framed.item).toBe('IT-STF-PVDF10');
    expect(framed.confidence).toBeGreaterThanOrEqual(GATE);
    expect(framed.confidence).toBeGreaterThanOrEqual(alone.confidence - 0.02);
  });
});

describe('what the item replaces: another maker\'s product after an item, the item itself before any', () => {
  it('reads `equivalent to` after an item word as a side phrase', () => {
    const r = readText('PVDF cartridge filter, equivalent to Duravex DVP-22-10');
    expect(r.pieces.find((p) => p.kind === 'side')?.text).toBe('equivalent to Duravex DVP-22-10');
    expect(r.words.map((w) => w.text)).toEqual(['PVDF cartridge filter']);
  });

  it.each([
    ['Second source for PVDF sterilizing cartridges', 'PVDF sterilizing cartridges'],
    ['Looking for local alternatives to our imported PVDF sterilizing cartridge', 'PVDF sterilizing cartridge'],
  ])('%s: the item is what follows', (text, item) => {
    expect(wordsOf(text)).toEqual([item]);
    expect(kinds(text)).not.toContain('side');
    expect(top(text).item).toBe('IT-STF-PVDF10');
    expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('reads the brand after the item as a side phrase when the text opens with a second source', () => {
    const text = 'Second source for hydrophilic PVDF sterilizing cartridge, 10 inch, equivalent to Duravex DVP-22-10';
    expect(readText(text).pieces.find((p) => p.kind === 'side')?.text).toBe('equivalent to Duravex DVP-22-10');
    expect(top(text).item).toBe('IT-STF-PVDF10');
    expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
  });
});

describe('the noun naming the item keeps its head', () => {
  it('a form word after a concentration is the form of the noun before it', () => {
    const plain = top('가성소다 액상');
    for (const text of ['가성소다 50% 액상', '가성소다 50% 벌크']) {
      expect(top(text).item).toBe('IT-CHEM-NAOH');
      expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
    }
    expect(plain.item).toBe('IT-CHEM-NAOH');
  });

  it('a liquid and a powder are two values of one attribute, and no other attribute\'s', () => {
    const powder = catalog.resolveText('CDM powder').items;
    expect(powder[0]?.item).toBe('IT-CCM-CDPWD');
    expect(powder.find((m) => m.item === 'IT-CCM-CDLIQ')?.confidence ?? 0).toBeLessThan(GATE);
    expect(top('CDM liquid').item).toBe('IT-CCM-CDLIQ');
    // A liquid nitrogen tank is not contradicted by the vials it holds.
    expect(top('LN2 기상보관 탱크 2mL 바이알 약 38,000개 수납').confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('English `with ...` after an item word says what it comes with, never its head', () => {
    expect(readText('refrigerated benchtop centrifuge with swing bucket rotor').words).toEqual([
      { text: 'refrigerated benchtop centrifuge', weight: 1 },
      { text: 'with swing bucket rotor', weight: 0.25 },
    ]);
    expect(top('refrigerated benchtop centrifuge with swing bucket rotor').item).toBe('IT-CEN-BENCH');
    expect(top('refrigerated benchtop centrifuge with swing bucket rotor').confidence).toBeGreaterThanOrEqual(0.9);
    expect(kinds('Flask clamps for use with orbital shakers')).toContain('purpose');
  });

  it('a full stop after a Korean word of one syllable ends its sentence, and the plant a buyer names is filler', () => {
    const specs = 'ULDPE 접액층, EVOH 차단층, 스파저 일체형, 감마멸균(25kGy 이상), 누설시험 성적서 및 USP<87>/<88> 제출 필수. 연간 120개, 분기별 납품.';
    for (const text of [`500L 일회용 바이오리액터 백. ${specs}`, `당사 2공장 배양 공정용 500L 일회용 바이오리액터 백 견적 요청드립니다. ${specs}`]) {
      expect(top(text).item).toBe('IT-SUB-500');
      expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
    }
    expect(isFillerWord('공장')).toBe(true);
  });
});

describe('a Latin head word is explained by a word of a name, not by letters across its words', () => {
  it('reads `generator` as no word of `liquid nitrogen storage tank`', () => {
    expect(top('nitrogen generator').confidence).toBeLessThan(GATE);
    expect(top('nitrogen generator for LC-MS, 30 L/min').confidence).toBeLessThan(GATE);
  });

  it.each([
    ['centrifgue', 'IT-CEN-BENCH'],
    ['refrigerated microcentrifuge', 'IT-CEN-BENCH'],
    ['USB and wireless temperature dataloggers', 'IT-LOG-TEMP'],
    ['sterile fliter cartridge', undefined],
  ])('%s: its head is a typo, a plural, a compound or a glued pair of a name word', (text, item) => {
    const r = top(text);
    if (item !== undefined) expect(r.item).toBe(item);
    expect(r.confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('writes out `SOLN` as a solution', () => {
    expect(catalog.resolveText('NaOH 50% SOLN').items[0]?.matched).toBe('NaOH solution');
  });
});

describe('the class of goods after the item is filler', () => {
  it.each([
    ['트리스 원료', 'IT-BUF-TRIS'],
    ['트리스 시약', 'IT-BUF-TRIS'],
    ['오비탈 쉐이커 장비를 구매', 'IT-SHK-ORB'],
    ['CO2 incubator equipment', 'IT-INC-CO2'],
    ['Tris buffer raw material', 'IT-BUF-TRIS'],
  ])('%s names %s surely', (text, item) => {
    expect(top(text).item).toBe(item);
    expect(top(text).confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps a class word with no item word before it, and a unit that is a thing of its own', () => {
    expect(wordsOf('장비 구매')).toEqual(['장비']);
    expect(wordsOf('fan filter unit 500 CFM')).toEqual(['fan filter unit']);
    expect(wordsOf('CO2 인큐베이터 소모품')).toEqual(['CO2 인큐베이터 소모품']);
  });
});

describe('English `X of Y`: X heads the phrase, unless it packs or counts the item', () => {
  it.each(['Annual inspection of biosafety cabinets', 'calibration of pH sensors'])('%s asks for a service, not the equipment', (text) => {
    expect(top(text).confidence).toBeLessThan(GATE);
    expect(readText(text).pieces.find((p) => p.kind === 'purpose')?.text.startsWith('of ')).toBe(true);
  });

  it.each([
    ['box of nitrile gloves', 'nitrile gloves'],
    ['set of tri-clamp gaskets', 'tri-clamp gaskets'],
    ['Producer of TSA settle plates', 'TSA settle plates'],
  ])('%s: the item is %s', (text, words) => {
    expect(wordsOf(text)).toEqual([words]);
    expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
  });
});

describe('a form: with a field naming the item, field names and clause numbers are filler', () => {
  it('reads a numbered specification by its item field', () => {
    const text = '[구매규격서] 1. 품명: CO2 배양기 2. 내용적: 170L 이상 3. 온도범위: 주위온도+5~50℃';
    expect(wordsOf(text)).toEqual(['CO2 배양기', '주위온도']);
    expect(top(text).item).toBe('IT-INC-CO2');
    expect(top(text).confidence).toBeGreaterThanOrEqual(GATE);
  });

  it('reads an English form the same way', () => {
    const words = wordsOf('Item: CO2 incubator; Spec: 170 L; Qty: 2');
    expect(words[0]).toBe('CO2 incubator');
    expect(words.join(' ')).not.toMatch(/Item|Spec|Qty/u);
  });

  it('keeps a colon after the item itself when no field names the item', () => {
    expect(wordsOf('CO2 인큐베이터: 170L급')).toEqual(['CO2 인큐베이터']);
    expect(wordsOf('온도범위: 2~8℃ 냉장고')).toContain('온도범위');
  });
});

describe('moving, renting or installing equipment is a service on it', () => {
  it.each(['인큐베이터 장비 이전 설치', 'CO2 인큐베이터 임대', 'CO2 incubator relocation'])('%s does not ask for the incubator', (text) => {
    expect(top(text).confidence).toBeLessThan(GATE);
  });

  it('keeps an installation that comes with the equipment', () => {
    expect(top('CO2 인큐베이터 170L, 설치 포함').item).toBe('IT-INC-CO2');
    expect(top('CO2 인큐베이터 170L, 설치 포함').confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe('feet are a length', () => {
  it.each(['biosafety cabinet 6 ft', '생물안전작업대 6피트', 'biosafety cabinet, 4 feet'])('%s: the width is a quantity, not a word', (text) => {
    expect(readText(text).pieces.some((p) => p.kind === 'quantity')).toBe(true);
    expect(top(text).item).toBe('IT-BSC-A2');
    expect(top(text).confidence).toBeGreaterThanOrEqual(0.8);
  });
});
