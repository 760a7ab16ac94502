import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalSpecs, normalizeText } from '../../src/catalog/normalize.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// Which item a text means vs how sure the catalog is, and the exclusion rules of the sixth pass
// (docs/text.md section 2), on the incheon-bio catalog. Texts written for these tests, not taken
// from the corpus or its check sets.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const GATE = 0.4;
const WEAK = 0.5;

describe('a long text whose main clause names the item', () => {
  it.each([
    ['IT-INC-CO2', 'Requesting a quotation: CO2 incubator for our QC micro lab. Around 170 L chamber, direct heat, HEPA filtered airflow, IR CO2 sensor, high-temperature decontamination cycle, IQ/OQ documents, on-site service in Incheon.'],
    ['IT-SUB-500', '500L 일회용 바이오리액터 백 견적 요청드립니다. ULDPE 접액층, EVOH 차단층, 스파저 일체형, 감마멸균(25kGy 이상), 누설시험 성적서 및 추출물 데이터 제출 필수. 분기별 납품.'],
    ['IT-AC-PASS', 'GMP 오토클레이브 구매: 양문형(배리어 관통), 챔버 약 650L, 프리배큠 사이클, F0 제어, IQ/OQ 문서 제공, 설치 후 2년 무상 A/S, 인천 지역 서비스 거점 보유 업체 우대.'],
  ])('%s: passes the gate, and stays unsure', (item, text) => {
    const top = catalog.resolveText(text).items[0];
    expect(top?.item).toBe(item);
    expect(top?.confidence).toBeGreaterThanOrEqual(GATE);
    // The rest of the text still leaves doubt: never more than weak from this rule.
    expect(top?.confidence).toBeLessThan(WEAK);
  });

  it.each([
    // Prose before the item's noun phrase in its clause (`신규 정제동 셋업에 따라`, `30년 업력의 ...
    // 전문 기업으로`) is more than a quarter of the phrase: the item is found, but not lifted.
    ['IT-BAG-BUF200', '신규 정제동 셋업에 따라 200L 일회용 버퍼 제조용기 견적 부탁드립니다. 임펠러 일체형, 접액부 ULDPE, 감마멸균, BPOG 추출물 자료 필수. 분기별 40개.'],
    ['IT-STP-20', '저희 회사는 30년 업력의 의약품 포장재 전문 기업으로 20mm 브로모부틸 고무마개를 생산하고 있으며, 불소수지 코팅 제품은 국내 제약사 3곳에 납품 중입니다.'],
  ])('%s: found first under prose', (item, text) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });

  it('lifts only the best item, so the ranking stays the whole text\'s', () => {
    const text = '당사는 시화공단에서 위생용 실리콘 호스를 생산합니다. 백금경화, 와이어 보강, 트라이클램프 단말 압착 조립, 주문 길이 제작 가능하며 USP Class VI 성적서를 제공합니다.';
    const items = catalog.resolveText(text).items;
    expect(items[0]?.item).toBe('IT-HOSE-SIL');
    for (const m of items.slice(1)) expect(m.confidence).toBeLessThanOrEqual(items[0]?.confidence ?? 0);
  });

  it('does not lift a neighbour: another size named in the main clause stays capped', () => {
    expect(confidenceOf('신규 배양동 셋업에 따라 50L 일회용 바이오리액터 백 견적 부탁드립니다. ULDPE 접액층, 감마멸균, 분기별 납품.', 'IT-SUB-200')).toBeLessThan(GATE);
  });
});

describe('clause ends', () => {
  it('a sentence\'s full stop and a label\'s colon end a clause, an abbreviation\'s does not', () => {
    // `G. stearothermophilus` is one species name: the autoclave stays a purpose of the indicator.
    expect(confidenceOf('오토클레이브 밸리데이션용 생물학적 지표 (G. stearothermophilus)', 'IT-AC-PASS')).toBeLessThan(GATE);
    expect(catalog.resolveText('구매 요청: 초저온 냉동고 -86℃ 직립형, 700L 이상').items[0]?.item).toBe('IT-ULT-86');
  });
});

describe('negations', () => {
  it.each([
    ['Not a HEPA filter: G3 washable pre-filter pads for the fan coil units, 50 pcs', 'IT-HEPA-H14'],
    ['Dry-heat oven for vials (not a steam autoclave), 250 °C', 'IT-AC-PASS'],
  ])('%s excludes %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it('불필요 with the whole excludes the whole and keeps the part asked for', () => {
    const text = '밸브 본체는 불필요, 다이어프램만 (PTFE/EPDM) 20개';
    expect(catalog.resolveText(text).items[0]?.item).toBe('IT-DIA-VALVE');
    expect(confidenceOf(text, 'IT-DIA-VALVE')).toBeGreaterThanOrEqual(WEAK);
    expect(confidenceOf(text, 'IT-VLV-DIA')).toBeLessThan(GATE);
  });

  it('불필요 alone negates what it follows', () => {
    expect(catalog.readText('UV 램프 불필요').pieces.map((p) => p.kind)).toContain('negation');
  });
});

describe('part words on word boundaries', () => {
  it('a UV lamp for a biosafety cabinet is not the cabinet; a clamp is no lamp', () => {
    expect(confidenceOf('생물안전작업대 교체용 UV 램프 30W', 'IT-BSC-A2')).toBeLessThan(GATE);
    expect(catalog.resolveText('TC 클램프 1.5S').items[0]?.item).toBe('IT-FIT-CLAMP');
  });
});

describe('Korean chemical compounds', () => {
  it.each([
    ['무수탄산나트륨 25kg', 'IT-BUF-NAHCO3'],
    ['탄산나트륨 (소다회) 공업용', 'IT-BUF-NAHCO3'],
  ])('%s is not %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    ['탄산수소나트륨 25kg', 'IT-BUF-NAHCO3'],
    ['중탄산나트륨', 'IT-BUF-NAHCO3'],
    ['염화나트륨 25kg', 'IT-BUF-NACL'],
  ])('%s is %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
    expect(confidenceOf(text, item)).toBeGreaterThanOrEqual(WEAK);
  });
});

it('a name stating the compound\'s first syllables as a word before is no other compound', () => {
  // `제균 캡슐필터` for `제균필터`: the capsule is a kind of sterilizing filter, not another compound.
  const small = createCatalog(
    [ItemSchema.parse({ id: 'IT-STF', category: 'sterilizing-filter', names: { en: 'Sterilizing capsule filter', ko: '제균 캡슐필터' } })],
    BIO_TAXONOMY,
  );
  expect(small.resolveText('제균필터 0.22um').items[0]?.confidence).toBeGreaterThanOrEqual(GATE);
});

describe('spec comparison', () => {
  it.each([
    ['28.3 LPM', '28.3 L/min'],
    ['28.3 lpm', '28.3 l/min'],
  ])('%s equals %s', (a, b) => {
    expect(canonicalSpecs(normalizeText(a).specs)).toEqual(canonicalSpecs(normalizeText(b).specs));
  });

  it('compares values across metric prefixes of one unit, not across units of another family', () => {
    // 20 nm against the virus filter's name (about 20 nm): agrees; 0.2 um far from it.
    expect(confidenceOf('virus filter 0.02 um', 'IT-VRF-20N')).toBeGreaterThanOrEqual(WEAK);
    expect(confidenceOf('바이알 2R 0.002 L', 'IT-VIAL-2R')).toBeGreaterThan(0);
    // 0.1 um is the mycoplasma filter's pore size, 10 inch its length: both lengths, not compared.
    expect(confidenceOf('mycoplasma-retentive 0.1 um PES filter cartridge', 'IT-STF-MYCO')).toBeGreaterThanOrEqual(GATE);
  });

  it('keeps a value exactly at the x1.25 boundary close across units', () => {
    // 250 nm is 1.25 x 0.2 um: close, as 0.25 um is; 300 nm and 0.3 um are far, in either unit.
    for (const close of ['0.25um', '250 nm']) expect(confidenceOf(`제균필터 PES 카트리지 ${close} 10인치`, 'IT-STF-PES10')).toBeGreaterThanOrEqual(WEAK);
    for (const far of ['0.3um', '300 nm']) expect(confidenceOf(`제균필터 PES 카트리지 ${far} 10인치`, 'IT-STF-PES10')).toBeLessThan(GATE);
  });
});
