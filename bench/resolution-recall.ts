/**
 * Recall of catalog resolution on real-looking texts (the incheon-bio fixture) and on a
 * synthetic noisy set built from the catalog's own names, for the four combinations of
 * `hangulJamo` × `stripCompanyWords`. It decides the defaults of `createCatalog`.
 *
 *   npx tsx bench/resolution-recall.ts [fixtureDir]
 *
 * The fixture files are read with JSON.parse, not the dataset loader, so that this script
 * keeps working while the loader changes. Expected items of text lines come from a hand-written
 * table (EXPECTED below, written by reading the fixture) and, for lines not in it, from
 * truth.json labels of grade >= 2 (the items of the labelled offerings).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { combineCharacter, disassembleCompleteCharacter } from 'es-hangul';
import { BIO_TAXONOMY } from '../src/catalog/taxonomy.js';
import { createCatalog } from '../src/catalog/resolve.js';
import type { CatalogOptions } from '../src/catalog/resolve.js';
import { normalizeName } from '../src/catalog/normalize.js';
import { CategorySchema, ItemSchema } from '../src/model/item.js';
import type { Category, Item } from '../src/model/item.js';
import { mulberry32 } from './generate.js';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', 'fixtures', 'incheon-bio');

/**
 * Text line id -> expected item ids, written by hand from the fixture's texts. A line whose
 * text is a known ambiguous term lists every item it may fairly mean.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // Demand lines. Items that differ only by a spec the text does not give are all right.
  'SB-D01': ['IT-STF-PES10', 'IT-STF-PVDF10'], // 제균필터 0.22um 10인치: a 10-inch cartridge, PES 0.2 um counts as 0.22
  'SB-D02': ['IT-SUB-500'], // SUB 500L
  'SB-D03': ['IT-PRA-AG', 'IT-PRA-HC'], // 프로틴A 레진
  'SB-D04': ['IT-CCM-CDPWD'], // CDM powder
  'SB-D05': ['IT-TUB-PTSIL'], // 실리콘 튜브 1/4인치
  'SB-D06': ['IT-BAG-BUF200'], // 일회용 버퍼 제조용기 200L
  'SB-D08': ['IT-TFF-30K'], // TFF cassette 30 kDa
  'SB-D09': ['IT-CIP-ALK'], // CIP 세정제 (알칼리)
  'SB-D10': ['IT-REC-INS'], // 재조합 인슐린
  'IC-D01': ['IT-EMM-CONT55', 'IT-EMM-SET90'], // 배지 — ambiguous; truth.json says EM plates here
  'IC-D02': ['IT-SUB-200'], // 일회용 세포배양백 200L
  'IC-D04': ['IT-VIAL-10R'], // 바이알 10R Type I
  'IC-D05': ['IT-CON-KIT'], // 뎁스필터용 커넥터 키트
  'IC-D06': ['IT-CON-AC'], // AC 1/2" aseptic connector
  'IC-D07': ['IT-VRF-20N'], // 바이러스 필터 20nm
  'IC-D08': ['IT-STP-20'], // 고무마개 20mm 브로모부틸 코팅
  'IC-D09': ['IT-BAG-3D500'], // 3D biocontainer 500L
  'HB-D01': ['IT-PRA-AG', 'IT-PRA-HC'], // Protein A affinity resin
  'HB-D03': ['IT-CCM-FEED'], // concentrated feed (피드 배지)
  'HB-D04': ['IT-SUB-200', 'IT-SUB-500', 'IT-SUB-2000'], // single-use bioreactor bag 3,000 L: no such size; any SUB
  'HB-D06': ['IT-DPF-POD'], // celulose depth filter pod 0.5um
  'HB-D07': ['IT-GLV-NITSTER'], // 멸균장갑 니트릴 300mm
  'HB-D08': ['IT-GRM-COVER'], // 방진복 (멸균 커버올)
  'HB-D09': ['IT-PIP-SER10'], // 혈청 피펫 10mL 멸균
  'YB-D01': ['IT-TFF-RC10'], // UF/DF 한외여과막 10 kDa
  'YB-D02': ['IT-PRA-AG', 'IT-PRA-HC'], // Protien A resin DBC 100 g/L
  'YB-D03': ['IT-BUF-NACL'], // 염화나트륨 (NaCl) 다국약전
  'YB-D04': ['IT-VIAL-2R'], // viall 2R type I glass
  'YB-D05': ['IT-VRF-20N'], // virus filter 20 nm (바이러스 제거 필터)
  'YB-D06': ['IT-CIP-ACID'], // 산성 세정제 (인산계) CIP
  'YB-D07': ['IT-STP-13'], // rubber stoper 13mm coated
  'YB-D08': ['IT-PIP-FLASK'], // 배양 플라스크 1L (shake flask)
  'CB-D01': ['IT-AIR-PTFE'], // 에어필터 0.2um PTFE 벤트
  'CB-D02': ['IT-IEX-CEX'], // 이온교환 수지 CEX
  'CB-D03': ['IT-BAG-2D20'], // 2D 백 20L (일회용 저장백)
  'CB-D04': ['IT-EMM-SET90'], // 환경배지 낙하균 플레이트 90mm
  'CB-D05': ['IT-REC-TRF'], // recombinant transferrin (재조합 트랜스페린)
  'CB-D06': ['IT-CCM-CDPWD', 'IT-CCM-CDLIQ'], // 배지 — ambiguous; truth.json says culture medium here
  'CB-D08': ['IT-GLV-CR'], // 니트릴 장갑 클린룸용
  'CB-D09': ['IT-VIAL-AMP2'], // 앰플 2mL
  'CB-D10': ['IT-STF-PESCAP'], // steralizing filter 0.22um capsule
  // Offerings given as text.
  'S-001-O1': ['IT-STF-PESCAP'], // 0.22um PES capsule filter
  'S-004-O2': ['IT-STF-MYCO'], // mycoplasma-retentive 0.1 um PES filter cartridge
  'S-006-O2': ['IT-STF-MYCO'], // 마이코플라스마 제거 필터 0.2um
  'S-010-O1': ['IT-AIR-PTFE'], // 0.2um 벤트필터 (PVDF)
  'S-016-O1': ['IT-SUB-200'], // 싱글유스백 200리터 (세포배양용)
  'S-026-O1': ['IT-TUB-PTSIL'], // 실리콘 튜브 1/4인치
  'S-030-O2': ['IT-CON-TC'], // TC 클램프 가스켓 1.5인치
  'S-033-O1': ['IT-PRA-AG'], // Protein A 수지 (아가로스 기반)
  'S-035-O1': ['IT-IEX-CEX'], // CEX 레진 (양이온교환)
  'S-040-O1': ['IT-CCM-CDPWD'], // 배지 (분말형)
  'S-052-O1': ['IT-CIP-ALK'], // 알칼리 세정제 (KOH계)
  'S-062-O1': ['IT-PIP-FLASK'], // 배양 플라스크 1L (진탕용, 벤트캡)
  'S-065-O1': ['IT-GLV-CR'], // 클린룸 니트릴 장갑 (비멸균)
  'S-072-O1': ['IT-VIAL-2R', 'IT-VIAL-10R', 'IT-VIAL-20R', 'IT-VIAL-AMP2'], // 붕규산 유리관 (바이알용): no tubing item; the category
};

interface Query {
  readonly id: string;
  readonly text: string;
  readonly expected: readonly string[];
  readonly korean: boolean;
  readonly kind: string;
}

// --- fixture -------------------------------------------------------------------------------

interface RawLine { id: string; item?: string; text?: string }
interface RawOffering { id: string; item?: string; text?: string }
interface RawSupplier { id: string; offerings?: RawOffering[] }
interface RawBuyer { id: string; demandLines?: RawLine[] }
interface RawLabel { line: string; supplier: string; offering?: string; grade: number }

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

function loadItems(): { items: Item[]; categories: readonly Category[] } | undefined {
  if (!existsSync(join(dir, 'items.json'))) return undefined;
  const raw = readJson<unknown>('items.json');
  // items.json may be a bare array or { items, categories }.
  const obj: { items: unknown[]; categories?: unknown[] } = Array.isArray(raw) ? { items: raw } : (raw as { items: unknown[] });
  const items = obj.items.map((x) => ItemSchema.parse(x));
  const categories = obj.categories?.map((c) => CategorySchema.parse(c)) ?? BIO_TAXONOMY;
  return { items, categories };
}

function fixtureQueries(items: readonly Item[]): Query[] {
  const has = (f: string): boolean => existsSync(join(dir, f));
  const buyers = has('buyers.json') ? asArray<RawBuyer>(readJson<unknown>('buyers.json'), 'buyers') : [];
  const suppliers = has('suppliers.json') ? asArray<RawSupplier>(readJson<unknown>('suppliers.json'), 'suppliers') : [];
  const truth = has('truth.json') ? asArray<RawLabel>(readJson<unknown>('truth.json'), 'truth') : [];
  const known = new Set(items.map((i) => i.id));
  const offeringItem = new Map<string, string>();
  const supplierItems = new Map<string, string[]>();
  for (const s of suppliers) {
    for (const o of s.offerings ?? []) {
      if (o.item === undefined) continue;
      offeringItem.set(o.id, o.item);
      supplierItems.set(s.id, [...(supplierItems.get(s.id) ?? []), o.item]);
    }
  }
  const fromTruth = (lineId: string): string[] => {
    const out = new Set<string>();
    for (const l of truth) {
      if (l.line !== lineId || l.grade < 2) continue;
      const item = l.offering !== undefined ? offeringItem.get(l.offering) : undefined;
      if (item !== undefined) out.add(item);
      else if (l.offering === undefined) for (const i of supplierItems.get(l.supplier) ?? []) out.add(i);
    }
    return [...out];
  };
  const queries: Query[] = [];
  const push = (id: string, text: string, kind: string): void => {
    const expected = (EXPECTED[id] ?? fromTruth(id)).filter((i) => known.has(i));
    if (expected.length === 0) return;
    queries.push({ id, text, expected, korean: /[\uAC00-\uD7A3]/u.test(text), kind });
  };
  for (const b of buyers) for (const l of b.demandLines ?? []) if (l.text !== undefined) push(l.id, l.text, 'demand');
  for (const s of suppliers) for (const o of s.offerings ?? []) if (o.text !== undefined) push(o.id, o.text, 'offering');
  return queries;
}

function asArray<T>(raw: unknown, key: string): T[] {
  if (Array.isArray(raw)) return raw as T[];
  const v = (raw as Record<string, unknown>)[key];
  return Array.isArray(v) ? (v as T[]) : [];
}

// --- synthetic noisy set -------------------------------------------------------------------

/** The seeded PRNG of the generator, so the synthetic set is the same on every run. */
const rng = mulberry32;

const COMPANY_WORDS = ['(주)', '㈜', '주식회사', 'Co., Ltd.', 'Inc.', 'GmbH', 'Corp.', '유한회사', 'K.K.', 'LLC'];
/** Fictional firm names, as offering texts often start with the maker's name. */
const FIRMS = ['한빛바이오', '서해소재', '송도테크', 'Hanbit Bio', 'Westlake', 'Mirae Polymer'];
const HANGUL = /[\uAC00-\uD7A3]/u;

type Noise = (s: string, r: () => number) => string | undefined;

const pick = <T>(xs: readonly T[], r: () => number): T | undefined => xs[Math.floor(r() * xs.length)];
const positions = (s: string, test: (ch: string) => boolean): number[] =>
  [...s].flatMap((ch, i) => (test(ch) ? [i] : []));
const isLetter = (ch: string): boolean => /[\p{L}]/u.test(ch);

const NOISES: Readonly<Record<string, Noise>> = {
  dropChar: (s, r) => {
    const chars = [...s];
    const i = pick(positions(s, isLetter), r);
    if (i === undefined || chars.length < 4) return undefined;
    chars.splice(i, 1);
    return chars.join('');
  },
  swapChars: (s, r) => {
    const chars = [...s];
    const i = pick(
      positions(s, isLetter).filter((k) => isLetter(chars[k + 1] ?? ' ')),
      r,
    );
    if (i === undefined) return undefined;
    [chars[i], chars[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
    return chars.join('');
  },
  dropJamo: (s, r) => {
    const chars = [...s];
    const i = pick(positions(s, (ch) => HANGUL.test(ch)), r);
    if (i === undefined) return undefined;
    const d = disassembleCompleteCharacter(chars[i] ?? '');
    if (d === undefined) return undefined;
    // Dropping the final consonant is the commonest Hangul typo (필터 -> 피터); a syllable
    // without one loses a vowel stroke instead (ㅐ -> ㅏ, ㅔ -> ㅓ...), or gains a final.
    const simpler: Record<string, string> = { ㅐ: 'ㅏ', ㅔ: 'ㅓ', ㅒ: 'ㅑ', ㅖ: 'ㅕ', ㅘ: 'ㅗ', ㅙ: 'ㅗ', ㅚ: 'ㅗ', ㅝ: 'ㅜ', ㅞ: 'ㅜ', ㅟ: 'ㅜ', ㅢ: 'ㅡ' };
    if (d.jongseong !== '') chars[i] = combineCharacter(d.choseong, d.jungseong);
    else if (simpler[d.jungseong] !== undefined) chars[i] = combineCharacter(d.choseong, simpler[d.jungseong] ?? d.jungseong);
    else chars[i] = combineCharacter(d.choseong, d.jungseong, 'ㄴ');
    return chars.join('');
  },
  abbreviate: (s) => {
    // Procurement shorthand: long Latin words cut to four letters and a dot.
    const out = s.replace(/[A-Za-z]{7,}/gu, (w) => `${w.slice(0, 4)}.`);
    return out === s ? undefined : out;
  },
  spacing: (s, r) => {
    if (s.includes(' ') && r() < 0.6) {
      const spaces = positions(s, (ch) => ch === ' ');
      const i = pick(spaces, r);
      if (i === undefined) return undefined;
      const chars = [...s];
      chars.splice(i, 1);
      return chars.join('');
    }
    const chars = [...s];
    const i = pick(
      positions(s, isLetter).filter((k) => k > 0 && isLetter(chars[k - 1] ?? ' ')),
      r,
    );
    if (i === undefined) return undefined;
    chars.splice(i, 0, ' ');
    return chars.join('');
  },
  companyWords: (s, r) => {
    const w = pick(COMPANY_WORDS, r) ?? '(주)';
    return r() < 0.5 ? `${w} ${s}` : `${s} ${w}`;
  },
  firmName: (s, r) => {
    const firm = pick(FIRMS, r) ?? '한빛바이오';
    const w = pick(COMPANY_WORDS, r) ?? '(주)';
    return r() < 0.5 ? `${w}${firm} ${s}` : `${firm} ${w} ${s}`;
  },
  twoTypos: (s, r) => {
    const first = (HANGUL.test(s) && r() < 0.5 ? NOISES.dropJamo : NOISES.dropChar)?.(s, r);
    return first === undefined ? undefined : NOISES.swapChars?.(first, r);
  },
  companyWordsAndTypo: (s, r) => {
    const typo = (HANGUL.test(s) ? NOISES.dropJamo : NOISES.dropChar)?.(s, r);
    return typo === undefined ? undefined : NOISES.companyWords?.(typo, r);
  },
};

function syntheticQueries(items: readonly Item[]): Query[] {
  const r = rng(20_191_213);
  // Every item that owns a normalized name is a right answer for a query built from it.
  const owners = new Map<string, Set<string>>();
  const sources: { item: string; text: string }[] = [];
  for (const item of items) {
    for (const text of [...Object.values(item.names), ...item.synonyms]) {
      // Spacing does not separate names (the catalog treats '싱글유스백' and '싱글유스 백' alike).
      const key = normalizeName(text).replace(/ /gu, '');
      owners.set(key, (owners.get(key) ?? new Set()).add(item.id));
      sources.push({ item: item.id, text });
    }
  }
  const queries: Query[] = [];
  let n = 0;
  for (const { item, text } of sources) {
    const expected = [...(owners.get(normalizeName(text).replace(/ /gu, '')) ?? new Set([item]))].sort();
    for (const [kind, noise] of Object.entries(NOISES)) {
      if (kind === 'dropJamo' && !HANGUL.test(text)) continue;
      if (kind === 'abbreviate' && HANGUL.test(text)) continue;
      const noisy = noise(text, r);
      if (noisy === undefined || normalizeName(noisy) === '') continue;
      queries.push({ id: `SYN-${++n}`, text: noisy, expected, korean: HANGUL.test(noisy), kind });
    }
  }
  return queries;
}

/**
 * Texts that name nothing in the catalog (other equipment, services, office goods, some of
 * them close to catalog words). A looser threshold finds more typos but also "finds" these.
 */
const NEGATIVES: readonly string[] = [
  'stainless steel tank', '배관 용접', 'printer toner', '사무용 의자', 'forklift rental', 'HVAC maintenance',
  '청소 용역', '커피 원두', 'laptop computer', '안전화', 'pH meter', 'centrifuge', '원심분리기', 'incubator',
  '인큐베이터', 'autoclave', '멸균기', 'HPLC column', '에탄올 70%', 'isopropyl alcohol', '라벨 프린터',
  'cardboard box', 'pallet', '드라이아이스', 'liquid nitrogen', '액체질소', 'filling machine', '충진기',
  'face mask', '보안경', 'safety goggles', 'bioreactor controller', '크로마토그래피 컬럼', 'water for injection',
  '정제수', 'transport truck', '냉장 운송', 'data logger', '온도 기록계', 'barcode scanner',
];
/** Confidence from which a wrong candidate counts as a false positive. */
const FALSE_POSITIVE_AT = 0.5;

function falsePositives(items: readonly Item[], categories: readonly Category[], options: CatalogOptions): number {
  const catalog = createCatalog(items, categories, options);
  return NEGATIVES.filter((t) => (catalog.resolveText(t).items[0]?.confidence ?? 0) >= FALSE_POSITIVE_AT).length;
}

/**
 * Held-out false positives: for each category, a catalog without its items is asked for
 * those items' names. Whatever comes back at FALSE_POSITIVE_AT or more is a wrong but
 * confident answer — the price of a looser match, measured on hundreds of realistic names.
 */
function heldOut(items: readonly Item[], categories: readonly Category[], options: CatalogOptions): { n: number; fp: number } {
  let n = 0;
  let fp = 0;
  for (const category of [...new Set(items.map((i) => i.category))].sort()) {
    const catalog = createCatalog(items.filter((i) => i.category !== category), categories, options);
    const texts = new Set(items.filter((i) => i.category === category).flatMap((i) => [...Object.values(i.names), ...i.synonyms]));
    for (const t of texts) {
      n += 1;
      if ((catalog.resolveText(t).items[0]?.confidence ?? 0) >= FALSE_POSITIVE_AT) fp += 1;
    }
  }
  return { n, fp };
}

// --- measurement ---------------------------------------------------------------------------

interface Score { n: number; at1: number; at3: number; conf: number }

interface Measured { all: Score; ko: Score; misses: string[]; byKind: Map<string, Score> }

function measure(items: readonly Item[], categories: readonly Category[], queries: readonly Query[], options: CatalogOptions): Measured {
  const catalog = createCatalog(items, categories, options);
  const all: Score = { n: 0, at1: 0, at3: 0, conf: 0 };
  const ko: Score = { n: 0, at1: 0, at3: 0, conf: 0 };
  const misses: string[] = [];
  const byKind = new Map<string, Score>();
  for (const q of queries) {
    const matches = catalog.resolveText(q.text).items;
    const got = matches.map((m) => m.item);
    // Confidence given to the right item (0 when it is not listed): what minConfidence and
    // the ambiguity margin act on, so a change that keeps the rank can still matter.
    const conf = Math.max(0, ...matches.filter((m) => q.expected.includes(m.item)).map((m) => m.confidence));
    const at1 = got.slice(0, 1).some((i) => q.expected.includes(i)) ? 1 : 0;
    const at3 = got.slice(0, 3).some((i) => q.expected.includes(i)) ? 1 : 0;
    const kind = byKind.get(q.kind) ?? { n: 0, at1: 0, at3: 0, conf: 0 };
    byKind.set(q.kind, kind);
    for (const s of q.korean ? [all, ko, kind] : [all, kind]) {
      s.n += 1;
      s.at1 += at1;
      s.at3 += at3;
      s.conf += conf;
    }
    if (at1 === 0) misses.push(`${q.id} [${q.kind}] ${JSON.stringify(q.text)} -> ${got.slice(0, 3).join(', ') || '(none)'} (want ${q.expected.join('|')})`);
  }
  return { all, ko, misses, byKind };
}

const VARIANTS: readonly { name: string; options: CatalogOptions }[] = [
  { name: 'jamo on,  strip on ', options: { hangulJamo: true, stripCompanyWords: true } },
  { name: 'jamo on,  strip off', options: { hangulJamo: true, stripCompanyWords: false } },
  { name: 'jamo off, strip on ', options: { hangulJamo: false, stripCompanyWords: true } },
  { name: 'jamo off, strip off', options: { hangulJamo: false, stripCompanyWords: false } },
];

const mean = (a: number, n: number): string => (n === 0 ? '  -  ' : (a / n).toFixed(3));
const pct = (a: number, n: number): string => (n === 0 ? '   -  ' : `${((100 * a) / n).toFixed(1).padStart(5)}%`);

function report(title: string, items: readonly Item[], categories: readonly Category[], queries: readonly Query[], showMisses: boolean): Measured[] {
  const ko = queries.filter((q) => q.korean).length;
  console.log(`\n${title}: ${queries.length} queries (${ko} Korean)`);
  console.log('variant              | all R@1 | all R@3 | all conf | ko R@1  | ko R@3  | ko conf');
  console.log('---------------------|---------|---------|----------|---------|---------|--------');
  const out: Measured[] = [];
  for (const v of VARIANTS) {
    const m = measure(items, categories, queries, v.options);
    out.push(m);
    console.log(
      `${v.name}  | ${pct(m.all.at1, m.all.n)}  | ${pct(m.all.at3, m.all.n)}  |  ${mean(m.all.conf, m.all.n)}   | ` +
        `${pct(m.ko.at1, m.ko.n)}  | ${pct(m.ko.at3, m.ko.n)}  | ${mean(m.ko.conf, m.ko.n)}`,
    );
  }
  if (showMisses) {
    VARIANTS.forEach((v, k) => {
      const misses = out[k]?.misses ?? [];
      if (misses.length === 0) return;
      console.log(`  misses at 1 (${v.name.trim()}): ${misses.length}`);
      for (const line of misses.slice(0, 60)) console.log(`    ${line}`);
    });
  }
  return out;
}

function byKind(measured: readonly Measured[]): void {
  console.log('\nsynthetic R@1 by noise kind:');
  console.log(`kind                 | ${VARIANTS.map((v) => v.name).join(' | ')}`);
  const kinds = [...(measured[0]?.byKind.keys() ?? [])];
  for (const kind of kinds) {
    const cells = VARIANTS.map((v, k) => {
      const s = measured[k]?.byKind.get(kind) ?? { n: 0, at1: 0, at3: 0, conf: 0 };
      return pct(s.at1, s.n).padStart(v.name.length);
    });
    console.log(`${kind.padEnd(20)} | ${cells.join(' | ')}   (n=${measured[0]?.byKind.get(kind)?.n ?? 0})`);
  }
}

function sweep(items: readonly Item[], categories: readonly Category[], sets: readonly (readonly [string, readonly Query[]])[]): void {
  console.log(`\nthreshold sweep (strip on), R@1 all / R@1 ko, false positives (top >= ${FALSE_POSITIVE_AT}) of ${NEGATIVES.length}:`);
  console.log(`threshold | ${sets.map(([name]) => `${name} jamo on | ${name} jamo off`).join(' | ')} | FP jamo on | FP jamo off | held-out FP on | held-out FP off`);
  for (const threshold of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const cells = sets.flatMap(([, qs]) =>
      [true, false].map((hangulJamo) => {
        const m = measure(items, categories, qs, { threshold, hangulJamo });
        return `${pct(m.all.at1, m.all.n)} / ${pct(m.ko.at1, m.ko.n)}`;
      }),
    );
    const fp = [true, false].map((hangulJamo) => String(falsePositives(items, categories, { threshold, hangulJamo })).padStart(10));
    const ho = [true, false].map((hangulJamo) => {
      const h = heldOut(items, categories, { threshold, hangulJamo });
      return pct(h.fp, h.n).padStart(14);
    });
    console.log(`   ${threshold.toFixed(2)}   | ${cells.join(' | ')} | ${fp.join(' | ')} | ${ho.join(' | ')}`);
  }
}

const loaded = loadItems();
if (loaded === undefined) {
  console.error(`no items.json in ${dir}; nothing to measure`);
  process.exit(1);
}
const { items, categories } = loaded;
const showMisses = process.argv.includes('--misses');
const fixture = fixtureQueries(items);
if (fixture.length === 0) console.log('fixture: no text lines with an expected item (yet)');
else report('fixture text lines', items, categories, fixture, showMisses);
const synthetic = syntheticQueries(items);
byKind(report('synthetic noisy names', items, categories, synthetic, showMisses));
console.log(`\nfalse positives (top candidate >= ${FALSE_POSITIVE_AT} for a text naming nothing in the catalog), of ${NEGATIVES.length}:`);
for (const v of VARIANTS) {
  const h = heldOut(items, categories, v.options);
  console.log(`${v.name}  | ${falsePositives(items, categories, v.options)} of ${NEGATIVES.length} hand-written; held-out categories: ${h.fp} of ${h.n} (${pct(h.fp, h.n).trim()})`);
}
if (process.argv.includes('--sweep')) sweep(items, categories, [['fixture', fixture], ['synthetic', synthetic]]);
