import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glossSpans, readText, type TextPieceKind } from '../../src/catalog/read-text.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown;
const items = (Array.isArray(raw) ? raw : (raw as { items: unknown[] }).items).map((x) => ItemSchema.parse(x));
const catalog = createCatalog(items, BIO_TAXONOMY);

/** Each row: a text, the item words expected, and pieces as `kind:text` (in text order). */
const CASES: readonly { text: string; words: string[]; pieces: string[]; check?: (r: ReturnType<typeof readText>) => void }[] = [
  {
    text: '2D 백 50L, 감마 멸균, USP Class VI',
    words: ['2D 백', '감마 멸균'],
    pieces: ['designation:2D', 'quantity:50L', 'qualifier:감마 멸균', 'certificate:USP Class VI'],
  },
  {
    text: '프로틴A 레진 DBC 50 g/L 이상, NaOH CIP 가능',
    words: ['프로틴A 레진'],
    pieces: ['filler:DBC', 'quantity:50 g/L 이상', 'side:NaOH CIP 가능'],
    check: (r) => {
      const q = r.pieces[1];
      expect(q?.bound).toBe('min');
      expect(q?.explicit).toBe(true);
      expect(q?.quantity?.unit).toBe('g/L');
    },
  },
  { text: 'ISO 7 클린룸 생산', words: ['클린룸'], pieces: ['certificate:ISO 7', 'filler:생산'], check: (r) => expect(r.pieces[0]?.cleanroomClass).toBe(7) },
  { text: '트라이클램프 1.5S + 가스켓 세트', words: ['트라이클램프'], pieces: ['designation:1.5S', 'side:+ 가스켓 세트'] },
  // Korean counters of machines and sets are quantities, only as whole words.
  { text: '초저온 냉동고 2대', words: ['초저온 냉동고'], pieces: ['quantity:2대'], check: (r) => expect(r.pieces[0]?.quantity?.unit).toBe('pcs') },
  { text: 'CO2 인큐베이터 1식', words: ['CO2 인큐베이터'], pieces: ['quantity:1식'], check: (r) => expect(r.pieces[0]?.quantity?.unit).toBe('set') },
  { text: '수동식 펌프', words: ['수동식 펌프'], pieces: [] },
  { text: '실리콘 튜브, 오토클레이브 가능', words: ['실리콘 튜브'], pieces: ['side:오토클레이브 가능'] },
  { text: '초저온 냉동고 아님, 2D 저장백', words: ['2D 저장백'], pieces: ['negation:초저온 냉동고 아님', 'designation:2D'] },
  // English negations after what they negate (`not needed`, `not required`, `excluded`).
  { text: 'Class II A2 biological safety cabinet, UV lamp not required', words: ['Class II A2 biological safety cabinet'], pieces: ['negation:UV lamp not required'] },
  { text: 'filter housing excluded, PES cartridge', words: ['PES cartridge'], pieces: ['negation:filter housing excluded'] },
  { text: 'CO2 incubator, IQ/OQ documents NOT needed', words: ['CO2 incubator'], pieces: ['certificate:IQ/OQ', 'negation:documents NOT needed'] },
  {
    text: 'non-sterile cleanroom nitrile glove',
    words: ['cleanroom nitrile glove'],
    pieces: ['negation:non-sterile'],
    check: (r) => expect(r.pieces[0]?.concept).toBe('sterile'),
  },
  { text: '클린룸 니트릴 장갑 (비멸균)', words: ['클린룸 니트릴 장갑'], pieces: ['negation:비멸균'], check: (r) => expect(r.pieces[0]?.concept).toBe('sterile') },
  // A dash ends a clause: a negation after it does not reach back across it.
  { text: 'UF cassette 재생셀룰로스 — PES 아님', words: ['UF cassette 재생셀룰로스'], pieces: ['negation:PES 아님'] },
  // Words joined by `·` before a side ending all come with the item.
  { text: '배양백 500L, 스파저·포트 포함', words: ['배양백'], pieces: ['quantity:500L', 'side:스파저·포트 포함'] },
  // Korean conjunctions and postpositions standing as words are filler.
  { text: '유리 바이알 2R, 벌크 또는 RTU 공급', words: ['유리 바이알', '벌크', 'RTU'], pieces: ['designation:2R', 'filler:또는', 'filler:공급'] },
  // A sterilizer (`멸균기`) is an item word; the sterile qualifier is `멸균` on its own.
  { text: '더블도어 스팀 멸균기 GMP 650L급', words: ['더블도어 스팀 멸균기'], pieces: ['certificate:GMP', 'quantity:650L급'] },
  { text: '멸균 장갑, 고압증기멸균기 사용 가능', words: ['멸균', '장갑'], pieces: ['qualifier:멸균', 'side:고압증기멸균기 사용 가능'] },
  { text: 'SUS316L 위생 배관', words: ['위생 배관'], pieces: ['designation:SUS316L'], check: (r) => expect(r.pieces[0]?.meaning).toBe('steel grade') },
  { text: '바이알 2R', words: ['바이알'], pieces: ['designation:2R'] },
  // Flow rates as instrument makers write them are quantities, not words of the item.
  { text: 'particle counter 28.3 LPM', words: ['particle counter'], pieces: ['quantity:28.3 LPM'], check: (r) => expect(r.pieces[0]?.quantity?.unit).toBe('lpm') },
  { text: 'air sampler 100 lpm', words: ['air sampler'], pieces: ['quantity:100 lpm'] },
  { text: 'fan filter unit 500 CFM', words: ['fan filter unit'], pieces: ['quantity:500 CFM'] },
  {
    text: '당사는 국내 제약사에 고무마개를 납품한 실적을 보유하고 있습니다.',
    words: ['고무마개'],
    pieces: ['filler:당사는', 'filler:국내', 'filler:제약사에', 'filler:를', 'filler:납품한', 'filler:실적을', 'filler:보유하고', 'filler:있습니다'],
  },
  { text: '(주)한빛 제균필터 0.2um', words: ['한빛 제균필터'], pieces: ['boilerplate:(주)', 'quantity:0.2um'] },
  {
    text: 'Protein A resin for mAb capture, min 60 g/L DBC',
    words: ['Protein A resin', 'for mAb capture'],
    pieces: ['purpose:for mAb capture', 'quantity:min 60 g/L', 'filler:DBC'],
    check: (r) => expect(r.words.find((w) => w.text === 'for mAb capture')?.weight).toBeLessThan(1),
  },
  // A Korean purpose takes its noun phrase when it modifies a noun after it: the head is that noun.
  { text: 'CHO 배양용 배지 분말', words: ['CHO 배양', '배지 분말'], pieces: ['purpose:CHO 배양', 'filler:용'] },
  { text: '원심분리기 로터용 어댑터', words: ['원심분리기 로터', '어댑터'], pieces: ['purpose:원심분리기 로터', 'filler:용'] },
  { text: 'VHP 장비용 소모품', words: ['VHP 장비', '소모품'], pieces: ['purpose:VHP 장비', 'filler:용'] },
  { text: '인큐베이터 전용 선반', words: ['인큐베이터', '선반'], pieces: ['purpose:인큐베이터', 'filler:전용'] },
  // ... or when the item was named in an earlier clause.
  { text: 'CO2 가스 실린더 (인큐베이터 공급용)', words: ['CO2 가스 실린더', '인큐베이터 공급'], pieces: ['purpose:인큐베이터 공급', 'filler:용'] },
  // Else the words before it are the item: only the stem is the purpose.
  { text: '인산계 세정제 CIP용', words: ['인산계 세정제', 'CIP'], pieces: ['purpose:CIP', 'filler:용'] },
  // Whole-word exceptions: `비용` is a cost, `장비용` is for equipment; `일회용` is disposable.
  // `별도` (separately) negates what stands before it in its clause: the shipping cost is not included.
  { text: '장비용 소모품, 운송 비용 별도', words: ['장비', '소모품'], pieces: ['purpose:장비', 'filler:용', 'negation:운송 비용 별도'] },
  // A side phrase does not reach back across a quantity: the logger is what works at -80 ℃.
  { text: '온도 데이터로거 -80℃ 대응', words: ['온도 데이터로거'], pieces: ['quantity:-80℃', 'side:대응'] },
  { text: 'Sartorius-compatible O-ring', words: ['Sartorius', 'O-ring'], pieces: ['purpose:Sartorius', 'filler:compatible'] },
  { text: 'Flask clamps (for use with orbital shakers)', words: ['Flask clamps', 'for use with orbital shakers'], pieces: ['purpose:for use with orbital shakers'] },
  { text: '일회용 세포배양백', words: ['일회용 세포배양백'], pieces: [] },
  {
    text: 'CD CHO medium, animal-origin free, 동물유래성분 없음',
    // Neighbouring qualifiers make one low-weight phrase.
    words: ['CD CHO medium', 'animal-origin free, 동물유래성분 없음'],
    pieces: ['qualifier:animal-origin free', 'qualifier:동물유래성분 없음'],
  },
  { text: 'CO2 인큐베이터 170L급', words: ['CO2 인큐베이터'], pieces: ['quantity:170L급'], check: (r) => expect(r.pieces[0]?.quantity?.unit).toBe('L') },
  { text: '엔도톡신 < 0.25 EU/mL', words: [], pieces: ['filler:엔도톡신', 'quantity:< 0.25 EU/mL'], check: (r) => expect(r.pieces[1]?.bound).toBe('max') },
  { text: 'GMP 인증 시설에서 생산한 염화나트륨 (USP/EP/JP)', words: ['염화나트륨'], pieces: ['certificate:GMP 인증', 'filler:시설에서', 'filler:생산한', 'certificate:USP/EP/JP'] },
  { text: 'Protein A', words: ['Protein A'], pieces: [] },
  // Micrometres as people write pore sizes: a quantity, never an item word.
  ...(
    [
      ['cartridge filter 0.2 micron', 'cartridge filter', '0.2 micron', 2e-7],
      ['PES syringe filter 0.2 microns', 'PES syringe filter', '0.2 microns', 2e-7],
      ['멤브레인 필터 0.45 μ', '멤브레인 필터', '0.45 μ', 4.5e-7],
      ['멤브레인 필터 0.45 µ', '멤브레인 필터', '0.45 µ', 4.5e-7],
      ['멤브레인 필터 0.45μm', '멤브레인 필터', '0.45μm', 4.5e-7],
      ['제균필터 0.22 마이크론', '제균필터', '0.22 마이크론', 2.2e-7],
    ] as const
  ).map(([text, words, quantity, metres]) => ({
    text,
    words: [words],
    pieces: [`quantity:${quantity}`],
    check: (r: ReturnType<typeof readText>) => {
      expect(r.pieces[0]?.quantity?.dimension).toBe('length');
      expect(r.pieces[0]?.quantity?.value).toBeCloseTo(metres, 12);
    },
  })),
  {
    // A rate: the `min` of `L/min` is a minute, neither a bound nor a word of the item.
    text: 'nitrogen generator, 30 L/min',
    words: ['nitrogen generator'],
    pieces: ['quantity:30 L/min'],
    check: (r) => {
      expect(r.pieces[0]?.bound).toBeUndefined();
      expect(r.pieces[0]?.quantity?.unit).toBe('L/min');
    },
  },
  { text: '진공 펌프 30 L/min 이상', words: ['진공 펌프'], pieces: ['quantity:30 L/min 이상'], check: (r) => expect(r.pieces[0]?.bound).toBe('min') },
  {
    // A side phrase never takes the head noun phrase before it; a minus sign stays with its number.
    text: '-20℃ 의약품 냉동고 온도기록계 포함',
    words: ['의약품 냉동고'],
    pieces: ['quantity:-20℃', 'side:온도기록계 포함'],
    check: (r) => expect(r.pieces[0]?.quantity?.value).toBeCloseTo(253.15, 6),
  },
  { text: '냉동고 온도기록계 포함', words: ['냉동고'], pieces: ['side:온도기록계 포함'] },
  // A spec name is filler before its value or another spec name, an item word before an item word.
  { text: 'airborne particle counter 0.5 µm', words: ['airborne particle counter'], pieces: ['quantity:0.5 µm'] },
  { text: '온도 기록계 20개', words: ['온도 기록계'], pieces: ['quantity:20개'] },
  { text: '입자 크기 50 µm', words: [], pieces: ['filler:입자', 'filler:크기', 'quantity:50 µm'] },
  { text: '온도 균일도 ±0.3℃ 이하', words: [], pieces: ['filler:온도', 'filler:균일도', 'quantity:±0.3℃ 이하'] },
  { text: '고순도 트리스 25kg', words: ['트리스'], pieces: ['filler:고순도', 'quantity:25kg'] },
  // With item words elsewhere in the text, a side phrase still reaches back to its clause's start.
  { text: '실리콘 튜브, 고압 멸균 가능', words: ['실리콘 튜브'], pieces: ['side:고압 멸균 가능'] },
];

describe('readText', () => {
  it.each(CASES)('$text', ({ text, words, pieces, check }) => {
    const r = readText(text);
    expect(r.words.map((w) => w.text)).toEqual(words);
    expect(r.pieces.map((p) => `${p.kind}:${p.text}`)).toEqual(pieces);
    check?.(r);
  });

  it('keeps company words as words when asked not to strip them', () => {
    expect(readText('(주)한빛 제균필터', { stripCompanyWords: false }).pieces).toEqual([]);
  });

  const textArb = fc.array(
    fc.constantFrom('제균필터', '0.2um', '감마 멸균', 'USP Class VI', ',', ' ', '(주)', '이상', '가능', '아님', 'non-', 'sterile', '2R', '316L', '+', '용', '을', 'filter', 'ISO 7', '50 g/L', '≤', '±', '℃', '㈜', 'Ａ', 'x'),
    { maxLength: 12 },
  );

  it('never loses a character: spans cover the text in order, without gaps or overlaps (property)', () => {
    fc.assert(
      fc.property(fc.oneof(textArb.map((parts) => parts.join('')), fc.string({ maxLength: 40 })), (text) => {
        const r = readText(text);
        let at = 0;
        for (const s of r.spans) {
          expect(s.start).toBe(at);
          expect(s.end).toBeGreaterThan(s.start);
          at = s.end;
          if (s.kind === 'item' || s.kind === 'separator') expect(s.piece).toBeUndefined();
          else expect(r.pieces[s.piece ?? -1]?.kind).toBe(s.kind as TextPieceKind);
        }
        expect(at).toBe(text.length);
        expect(r.spans.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
        // Every piece's text is the text at its offsets; every item span's letters are in some word.
        for (const p of r.pieces) expect(text.slice(p.start, p.end)).toBe(p.text);
        const wordText = r.words.map((w) => w.text).join(' ');
        for (const s of r.spans) if (s.kind === 'item') expect(wordText).toContain(text.slice(s.start, s.end));
      }),
      { numRuns: 300 },
    );
  });
});

describe('resolution on what was read', () => {
  /** Clear lines and the item each must resolve to first. */
  const CLEAR: readonly [string, string][] = [
    ['2D 백 20L', 'IT-BAG-2D20'],
    ['고무마개 13mm', 'IT-STP-13'],
    ['바이러스 필터 20nm', 'IT-VRF-20N'],
    ['TFF cassette 30 kDa', 'IT-TFF-30K'],
    ['재조합 인슐린', 'IT-REC-INS'],
    ['혈청 피펫 10mL', 'IT-PIP-SER10'],
    ['트라이클램프 커넥터', 'IT-CON-TC'],
    ['염화나트륨', 'IT-BUF-NACL'],
  ];
  const EXTRAS = ['구매 요청', '감마 멸균', 'USP Class VI', 'sterile', 'GMP', '오토클레이브 가능', '+ 가스켓 세트', 'ISO 7', '납품', '50 g/L 이상', '당사는', '초저온 아님'];

  it('adding a filler word, a qualifier, a certificate or a side phrase never changes the head item of a clear line (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CLEAR), fc.subarray(EXTRAS, { minLength: 1, maxLength: 3 }), fc.boolean(), ([text, item], extras, before) => {
        const noisy = before ? `${extras.join(', ')}, ${text}` : `${text}, ${extras.join(', ')}`;
        expect(catalog.resolveText(text).items[0]?.item).toBe(item);
        expect(catalog.resolveText(noisy).items[0]?.item).toBe(item);
      }),
      { numRuns: 150 },
    );
  });

  // The patterns, as regression tests.
  it.each([
    ['2D 백 50L, 감마 멸균, USP Class VI', 'IT-BAG-2D20'],
    ['프로틴A 레진 DBC 50 g/L 이상, NaOH CIP 가능', 'IT-PRA-AG'],
    ['실리콘 튜브 1/4인치, 오토클레이브 가능', 'IT-TUB-PTSIL'],
    ['트라이클램프 1.5S + 가스켓 세트', 'IT-CON-TC'],
    ['제균필터 PES 10인치, 감마 멸균 아님', 'IT-STF-PES10'],
    ['Sterile nitrile gloves 300mm', 'IT-GLV-NITSTER'],
    ['non-sterile cleanroom nitrile glove', 'IT-GLV-CR'],
    ['당사는 2010년 설립 이래 국내 바이오 기업에 일회용 저장백(2D, 20L)을 납품한 실적을 보유하고 있습니다.', 'IT-BAG-2D20'],
    ['트리스(하이드록시메틸)아미노메탄 고순도 (다국약전)', 'IT-BUF-TRIS'],
  ])('%s resolves to %s first', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });

  it('an offering naming two items resolves to both', () => {
    const got = catalog.resolveText('재조합 트랜스페린 및 인슐린 (동물성분 무첨가) 국산화 제품').items.slice(0, 2).map((m) => m.item);
    expect(new Set(got)).toEqual(new Set(['IT-REC-TRF', 'IT-REC-INS']));
  });

  it('a rare head noun outweighs a generic word: a long line keeps its head item confident', () => {
    const short = catalog.resolveText('제균필터 PES').items[0];
    const long = catalog.resolveText('제균필터 PES 0.2um 10인치, 감마 멸균 아님, USP Class VI, GMP').items[0];
    expect(long?.item).toBe(short?.item);
    expect(long?.confidence ?? 0).toBeGreaterThanOrEqual(0.5);
  });
});

describe('glosses and purposes (seventh pass)', () => {
  it.each([
    ['안전작업대(BSC) 교체용 UV 램프', [[5, 9]]],
    ['BI(생물학적 지표) 및 테이프', [[2, 10]]],
    // After a space, or holding a list, a bracket is a clause of its own.
    ['방진복 (비멸균, 재사용형)', []],
    ['볼밸브(316L, TC 연결)', []],
  ])('glossSpans(%s)', (text, spans) => {
    expect(glossSpans(text)).toEqual(spans);
  });

  it.each([
    ['오토클레이브 멸균 확인용 지표', '오토클레이브 멸균 확인'],
    ['세포은행 탱크 충전용 액체질소', '세포은행 탱크 충전'],
    ['안전작업대(BSC) 교체용 UV 램프', '안전작업대(BSC) 교체'],
    ['인큐베이터전용 선반', '인큐베이터'],
  ])('%s: the purpose is %s', (text, purpose) => {
    expect(readText(text).pieces.find((p) => p.kind === 'purpose')?.text).toBe(purpose);
  });
});

describe('finish and grade qualifiers (seventh pass)', () => {
  it.each([
    ['페룰 전해연마 Ra 0.5 이하', 'qualifier', '전해연마'],
    ['electro-polished ferrule', 'qualifier', 'electro-polished'],
    ['high purity TRIS', 'qualifier', 'high purity'],
    ['페룰 전해연마 Ra 0.5 이하', 'filler', 'Ra'],
  ])('%s: %s %s', (text, kind, piece) => {
    expect(readText(text).pieces.some((p) => p.kind === kind && p.text === piece)).toBe(true);
  });
});

describe('supplier process words and spec names (seventh pass)', () => {
  it.each([
    ['백금경화 실리콘 튜브 압출', '압출', 'filler'],
    ['고무마개 사출 성형', '사출', 'filler'],
    ['경도 Shore A 60', '경도', 'filler'],
  ])('%s: %s is %s', (text, piece, kind) => {
    expect(readText(text).pieces.some((p) => p.kind === kind && p.text === piece)).toBe(true);
  });

  it('keeps a spec name before an item word as an item word', () => {
    expect(readText('경도 시험기').words.map((w) => w.text)).toEqual(['경도 시험기']);
  });
});
