import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// The seventh pass of issue 17 (docs/text.md section 2): texts naming nothing in the catalog
// that resolved with confidence, and in-catalog controls of the same shapes, on the incheon-bio
// catalog. Texts written for these tests, not taken from the corpus or its check sets.
const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const confidenceOf = (text: string, item: string): number => catalog.resolveText(text).items.find((m) => m.item === item)?.confidence ?? 0;
const GATE = 0.4;

describe('a Korean head whose last two syllables are no word of the catalog', () => {
  it.each([
    // `레귤레이터` and `인큐베이터` share only the end `이터` of two loanwords.
    ['CO2 가스 실린더용 압력 레귤레이터 2단식, 인큐베이터 공급용', 'IT-INC-CO2'],
    ['인큐베이터 가스 레귤레이터 (자동 전환식)', 'IT-INC-CO2'],
  ])('%s is not %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // A name word the head ends with, or that ends the head, still explains it.
    ['초저온냉동고 -86℃ 1대', 'IT-ULT-86'],
    ['세포배양백 200L', 'IT-SUB-200'],
    ['CO2 인큐베이터 170L (가스 레귤레이터 포함)', 'IT-INC-CO2'],
    // A tail that is a name word of its own (`필터`) explains a compound as before.
    ['PES 캡슐필터 0.2um 감마멸균', 'IT-STF-PESCAP'],
  ])('%s is still %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });
});

describe('a negation of a qualified item', () => {
  it.each([
    ['재사용 방진복, 세탁 후 사용 — 멸균 방진복 아님', 'IT-GRM-COVER'],
    ['Reusable cleanroom coverall; a sterile coverall is not required', 'IT-GRM-COVER'],
    ['혈청 피펫 10mL 비멸균 벌크, 멸균 피펫 불필요', 'IT-PIP-SER10'],
  ])('%s excludes %s, which has the qualifier', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it('excludes only the items that have the negated qualifier', () => {
    // The non-sterile glove lacks `sterile`: a text that refuses sterile gloves may mean it.
    const text = '클린룸 니트릴 장갑, 멸균 장갑 아님';
    expect(confidenceOf(text, 'IT-GLV-NITSTER')).toBeLessThan(GATE);
    expect(catalog.resolveText(text).items[0]?.item).toBe('IT-GLV-CR');
  });
});

describe('purposes and glosses', () => {
  it.each([
    // A qualifier inside the purpose's noun phrase does not stop its reach.
    ['오토클레이브 멸균 확인용 화학적 인디케이터', 'IT-AC-PASS'],
    ['인큐베이터 멸균 점검용 테스트 키트', 'IT-INC-CO2'],
    // `충전용` is for filling (`충전`), not `충` dedicated (`전용`).
    ['LN2 탱크 충전용 액체질소 정기 공급 (월 1회)', 'IT-LN2-TANK'],
    // A gloss glued to the word before it is inside its noun phrase: the purpose reaches over it.
    ['생물안전작업대(BSC) 교체용 UV 램프 2개', 'IT-BSC-A2'],
    ['원심분리기(centrifuge) 교체용 로터 어댑터', 'IT-CEN-BENCH'],
  ])('%s is not %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // A gloss heads nothing: the word before it stays the head.
    ['프로틴A 레진(아가로스 베이스), DBC 50 g/L 이상', ['IT-PRA-AG', 'IT-PRA-HC']],
    ['생물안전작업대(BSC) 1800mm, 설치 포함', ['IT-BSC-A2']],
    ['멸균 니트릴 장갑(sterile) 300mm', ['IT-GLV-NITSTER']],
  ])('%s is still found', (text, items) => {
    expect(items).toContain(catalog.resolveText(text).items[0]?.item);
  });
});

describe('a seal, a storage solution or a service as the main head', () => {
  it.each([
    // A quantity or a filler word between them leaves the equipment a phrase of its own.
    ['양문형 오토클레이브 650L 도어 패킹 (실리콘)', 'IT-AC-PASS'],
    ['CO2 인큐베이터 170L 도어 가스켓', 'IT-INC-CO2'],
    ['입자계수기 연간 유지보수 서비스', 'IT-PC-PORT'],
  ])('%s is not %s', (text, item) => {
    expect(confidenceOf(text, item)).toBeLessThan(GATE);
  });

  it.each([
    // The gasket is itself a catalog item: it explains the head.
    ['트라이클램프 가스켓 1.5S 실리콘', 'IT-GSK-TC'],
    // A service in a side phrase or a later clause is not the main head.
    ['CO2 인큐베이터 170L, 설치 및 교정 서비스 포함', 'IT-INC-CO2'],
  ])('%s is still %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });
});

describe('finish and grade words', () => {
  it.each([
    // How the item is finished or graded is a qualifier, a roughness's name before its value filler.
    ['위생 페룰 316L 전해연마, Ra 0.4 이하 용접형', 'IT-FIT-FERRULE'],
    ['High purity TRIS (USP)', 'IT-BUF-TRIS'],
    ['electropolished 316L tri-clamp ferrule 2"', 'IT-FIT-FERRULE'],
  ])('%s passes the gate as %s', (text, item) => {
    const top = catalog.resolveText(text).items[0];
    expect(top?.item).toBe(item);
    expect(top?.confidence).toBeGreaterThanOrEqual(GATE);
  });
});
