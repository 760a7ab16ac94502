import { disassemble } from 'es-hangul';
import { COUNT_ALIASES, KOREAN_UNIT_WORDS, UNIT_SHORTHANDS, type KoreanUnitWord } from '../model/quantity.js';

/**
 * Text normalization for catalog resolution. Item names, synonyms, demand-line texts and
 * offering texts all go through the same function, so that whatever is done to one side is
 * done to the other and equality after normalization means "same name".
 *
 * The order of the steps matters: company-type words are removed before spec extraction
 * (`Co., Ltd.` holds a dot that the number pattern must not see), specs are cut out before
 * Hangul/Latin splitting (`0.22um` would otherwise become `0.22 um` and lose its unit glue),
 * and trap synonyms are rewritten last, on clean tokens.
 */

/** Options of {@link normalizeText}. */
export interface NormalizeOptions {
  /** Remove company-type words (`주식회사`, `(주)`, `Co., Ltd.`, `GmbH`...); default true. */
  readonly stripCompanyWords?: boolean;
  /**
   * Rewrite the trap synonyms to one form (`싱글유즈` → `일회용`, `수지` → `레진`); default true.
   * The catalog also indexes names without it, so that a misspelt `싱글유즌` can still match.
   */
  readonly unifySynonyms?: boolean;
}

/** A text after normalization, split into what identifies the item and what specifies it. */
export interface NormalizedText {
  /** Every step applied, spec tokens kept (written `0.22 um`, `200 l`). */
  readonly full: string;
  /** The text used for name matching: spec tokens removed. Empty when only specs were given. */
  readonly name: string;
  /** `name` split on spaces. */
  readonly tokens: readonly string[];
  /** The spec-ish tokens removed from `name`, in order (`['0.22 um', '10 인치']`). */
  readonly specs: readonly string[];
}

const DEFAULTS = Object.freeze({ stripCompanyWords: true, unifySynonyms: true });

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;
const HANGUL_ANY = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/;

/**
 * Company-type words. Korean forms are removed wherever they occur (they are never part of a
 * product name and are often glued to the firm name: `(주)한빛`); Latin forms only as whole
 * words so that `ag` inside `agarose` survives. Checked after NFKC, which turns `㈜` into `(주)`.
 */
const KOREAN_COMPANY_WORDS = /주식회사|유한책임회사|유한회사|합자회사|합명회사|\(\s*주\s*\)|\(\s*유\s*\)|\(\s*합\s*\)/gu;
const LATIN_COMPANY_WORDS =
  /(?<![\p{L}\p{N}])(?:co\s*\.?\s*,?\s*ltd\.?|co\.|ltd\.?|limited|incorporated|inc\.?|corporation|corp\.?|company|gmbh|ag|s\.\s?a\.?|k\.\s?k\.?|l\.?l\.?c\.?|plc|b\.v\.?|n\.v\.?|s\.r\.l\.?|s\.p\.a\.?)(?![\p{L}\p{N}])/gu;

/**
 * Units that make a number a spec value rather than part of a name. Latin units must not be
 * followed by a letter (`10 inch` but not `2 in 1`... which still matches `2 in`; acceptable:
 * such phrases do not occur in item names). Korean units may be glued to what follows.
 */
const LATIN_UNITS = [
  'um', 'microns?', '[µμ]m?', 'nm', 'mm', 'cm', 'm2', 'm3', 'm', 'kl', 'ml', 'ul', 'l', 'liters?', 'litres?',
  'kg', 'mg', 'ug', 'g', 't', 'tons?', 'kda', 'da', 'kgy', 'gy', 'bar', 'psi', 'mpa', 'kpa',
  'eu/ml', 'eu/g', 'mosm/kg', 'mosm', 'rpm', 'lpm', 'cfm', 'cfu', 'r', 'inch(?:es)?', 'in', 'ft', 'feet', 'foot', '"', "''", '%', '°c', 'c',
  'ea', 'pcs?', 'units?', 'sets?', 'box(?:es)?', 'cases?', 'pairs?', 'plates?', 'rolls?',
  'wks?', 'weeks?', 'months?', 'mo', 'days?', 'years?', 'yr',
].join('|');
/** Korean unit words, longest first so that `밀리리터` is not read as `밀리`, in the given readings. */
const koreanUnitWords = (readings: readonly KoreanUnitWord['inText'][]): string =>
  KOREAN_UNIT_WORDS.filter((w) => readings.includes(w.inText))
    .sort((a, b) => b.word.length - a.word.length || (a.word < b.word ? -1 : 1))
    .map((w) => (w.inText === 'whole' ? `${w.word}(?![\\uAC00-\\uD7A3])` : w.word))
    .join('|');
// After a number, as quantity.ts declares them (`KOREAN_UNIT_WORDS`): `대` counts machines
// (`냉동고 2대`) and `식` sets (`1식`) only as whole words, not `2대학`; `월` only after `/`.
const KOREAN_UNITS = koreanUnitWords(['glued', 'whole']);
/**
 * What may follow `/` in a rate (`500 L/월`, `30 L/min`, `100 kg/년`): a unit, or a time word, so
 * that the `min` of `L/min` is never left behind as a word of the text.
 */
const RATE_UNITS = `${LATIN_UNITS}|min(?:ute)?s?|h(?:ours?|rs?)?|sec|s|box|${koreanUnitWords(['glued', 'whole', 'rate'])}`;
// A list of sizes shares its unit (`10/20/30인치`, `0.2/0.22um`): every number of it is read.
const NUMBER = String.raw`\d+(?:[.,]\d+)*(?:\s*/\s*\d+(?:[.,]\d+)*)*`;
/**
 * The pieces spec tokens and company words are recognized by, shared with the free-text reader
 * (read-text.ts) so that both sides agree on what a unit and a company word are. Sources of
 * regular expressions; the Latin units are lower case (match them with the `i` flag).
 *
 * @example
 * new RegExp(`^${SPEC_PATTERN_PARTS.number}$`).test('0.22'); // => true
 */
export const SPEC_PATTERN_PARTS = Object.freeze({
  number: NUMBER,
  latinUnits: LATIN_UNITS,
  koreanUnits: KOREAN_UNITS,
  rateUnits: RATE_UNITS,
  koreanCompanyWords: KOREAN_COMPANY_WORDS.source,
  latinCompanyWords: LATIN_COMPANY_WORDS.source,
});

const SPEC_TOKEN = new RegExp(
  String.raw`(?<![a-z0-9.])${NUMBER}(?:\s*[-~–]\s*${NUMBER})?(?:\s*[x×*]\s*${NUMBER})*\s*` +
    String.raw`(?:(?:${LATIN_UNITS})(?![\p{L}\p{N}])|(?:${KOREAN_UNITS}))(?:\s*/\s*(?:${RATE_UNITS})(?![\p{L}]))?`,
  'gu',
);

/**
 * Trap synonyms from docs/domain.md, rewritten to one form on both sides. `수지` (resin) becomes
 * `레진` anywhere because it is glued into compounds (`이온교환수지`); `싱글유즈`/`싱글유스`
 * become `일회용`, the form Korean catalogs use; `낱개포장` is `개별포장`, `업라이트` `직립형`, `튜블러` `관형`, `파우더` `분말`.
 */
const TRAP_SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/싱글\s*유[즈스]/gu, '일회용'],
  [/일회\s+용/gu, '일회용'],
  [/수지/gu, '레진'],
  [/(?<![\p{L}])single\s*use(?![\p{L}])/gu, 'single-use'],
  // Form words written two ways (FORM_WORDS in text-vocabulary.ts): one form, so that the
  // attribute rule does not read `낱개포장` against `개별포장` or `업라이트형` against `직립형`.
  [/낱개\s*포장/gu, '개별포장'],
  [/업라이트형?/gu, '직립형'],
  // Loanwords written for a Korean word the catalogs use (`튜블러 바이알` = `관형 바이알`,
  // `배지 파우더` = `분말 배지`).
  [/튜블[러라]/gu, '관형'],
  [/파우더/gu, '분말'],
  // The English `-ter`/`-tor` of a loanword written `-타` as item masters often have it (`필타`,
  // `카트리지필타`, `커넥타`, `어댑타`, `히타`): the catalogs' `-터`. Only at a word's end (or before
  // `용`, for), and never a Korean or Greek word ending so (`기타`, other; `베타`, `델타`, `제타`).
  [/(?<=[\uAC00-\uD7A3])(?<!(?<![\uAC00-\uD7A3])(?:기|베|델|제|메|에|비|쿼|이오|파스))타(?=용?(?![\uAC00-\uD7A3]))/gu, '터'],
];

/**
 * Abbreviations of purchasing systems and ERP item descriptions (`FLTR CART PES 0.2UM`, `GSKT TC
 * 1.5S PT-SIL`, `ULT FRZR`, `VALVE DIAPH`, `AUTOCLAVE PASS-THRU DBL DOOR`), written out on both
 * sides with the trap synonyms: a clipped English noun that names nothing else. Whole words only,
 * after punctuation became spaces; `cart` only after a filter (a cart is also a trolley).
 */
const TRADE_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['fltr', 'filter'],
  ['filter cart', 'filter cartridge'],
  ['gskt', 'gasket'],
  ['frzr', 'freezer'],
  ['diaph', 'diaphragm'],
  ['dbl', 'double'],
  ['thru', 'through'],
  ['hsg', 'housing'],
  ['tbg', 'tubing'],
  ['vlv', 'valve'],
  ['btl', 'bottle'],
  ['assy', 'assembly'],
  ['pt sil', 'platinum cured silicone'],
  ['pt cured', 'platinum cured'],
  ['sil', 'silicone'],
  ['soln', 'solution'],
];
const TRADE_PATTERNS: readonly (readonly [RegExp, string])[] = TRADE_ABBREVIATIONS.map(([short, long]) => [
  new RegExp(`(?<![\\p{L}\\p{N}])${short}(?![\\p{L}\\p{N}])`, 'gu'),
  long,
]);

/**
 * Lower-cases and NFKC-normalizes a text, rewrites `µ`/`μ` to `u`, and optionally removes
 * company-type words. The first steps of {@link normalizeText}, exported for callers that
 * only need a comparable form (e.g. supplier names).
 *
 * @example
 * basicNormalize('㈜한빛 Filtration Co., Ltd. 0.2 µm'); // => '한빛 filtration 0.2 um'
 */
export function basicNormalize(text: string, options?: NormalizeOptions): string {
  const strip = options?.stripCompanyWords ?? DEFAULTS.stripCompanyWords;
  // A micro sign alone after a number is a micrometre (`0.45 μ`), as quantity.ts reads it.
  let s = text.normalize('NFKC').toLowerCase().replace(/(\d ?)[µμ](?![a-z])/gu, '$1um').replace(/[µμ]/gu, 'u');
  if (strip) s = stripCompanyWords(s);
  return collapse(s);
}

/**
 * Removes company-type words (`주식회사`, `(주)`, `㈜`, `유한회사`, `Co., Ltd.`, `Inc.`,
 * `Corp.`, `GmbH`, `AG`, `S.A.`, `K.K.`, `LLC`...). Expects lower-case NFKC text but works on
 * any text for the Korean forms.
 *
 * @example
 * stripCompanyWords('(주)한빛필트레이션 co., ltd.'); // => '한빛필트레이션'
 */
export function stripCompanyWords(text: string): string {
  const s = text.normalize('NFKC').replace(KOREAN_COMPANY_WORDS, ' ');
  return collapse(s.replace(LATIN_COMPANY_WORDS, ' ').replace(/\s[,.]+(?=\s|$)/gu, ' '));
}

/**
 * Normalizes a name or free text for catalog resolution: NFKC, lower case, `µ`/`μ` → `u`,
 * company-type words removed (unless `stripCompanyWords: false`), spec-ish tokens (numbers
 * with units: `0.22um`, `200L`, `10인치`, `1/4"`) cut out of the name text but kept in
 * `specs`, Hangul separated from Latin letters and digits, punctuation turned into spaces, and
 * the trap synonyms unified (`싱글유즈` = `싱글유스` = `일회용`, `레진` = `수지`,
 * `single use` = `single-use`).
 *
 * @example
 * normalizeText('㈜한빛 제균필터0.22um 10인치');
 * // => { full: '한빛 제균필터 0.22 um 10 인치', name: '한빛 제균필터', tokens: ['한빛', '제균필터'],
 * //      specs: ['0.22 um', '10 인치'] }
 */
export function normalizeText(text: string, options?: NormalizeOptions): NormalizedText {
  // The reading of one text normalizes the same phrases many times (the text, its clauses, its
  // phrases, a catalog name per candidate), and texts repeat across a dataset: results are shared
  // (their arrays are readonly), up to NORMALIZED_MEMO texts per combination of options.
  const memo = normalizedMemos[(options?.stripCompanyWords ?? DEFAULTS.stripCompanyWords ? 1 : 0) + (options?.unifySynonyms ?? DEFAULTS.unifySynonyms ? 2 : 0)] as Map<string, NormalizedText>;
  const cached = memo.get(text);
  if (cached !== undefined) return cached;
  const out = normalizeTextUncached(text, options);
  if (memo.size >= NORMALIZED_MEMO) memo.clear();
  memo.set(text, out);
  return out;
}

/** Texts whose normalization {@link normalizeText} keeps per combination of options (a text of a hundred characters and its result take about a kilobyte). */
const NORMALIZED_MEMO = 10_000;
const normalizedMemos: readonly Map<string, NormalizedText>[] = [new Map(), new Map(), new Map(), new Map()];

function normalizeTextUncached(text: string, options?: NormalizeOptions): NormalizedText {
  const base = basicNormalize(text, options);
  const specs: string[] = [];
  const pieces: string[] = [];
  let last = 0;
  for (const m of base.matchAll(SPEC_TOKEN)) {
    const index = m.index;
    pieces.push(base.slice(last, index));
    const spec = tidySpec(m[0]);
    specs.push(spec);
    pieces.push(` ${'\u0000'} `);
    last = index + m[0].length;
  }
  pieces.push(base.slice(last));
  const withMarks = tidyTokens(pieces.join(''), options?.unifySynonyms ?? DEFAULTS.unifySynonyms);
  let specIndex = 0;
  const full = collapse(withMarks.replace(/\u0000/gu, () => specs[specIndex++] ?? ''));
  const name = collapse(withMarks.replace(/\u0000/gu, ' '));
  return { full, name, tokens: name === '' ? [] : name.split(' '), specs };
}

/**
 * The name text of {@link normalizeText}: what two names must share to be the same item.
 *
 * @example
 * normalizeName('Single use Bioreactor Bag 200L'); // => 'single-use bioreactor bag'
 */
export function normalizeName(text: string, options?: NormalizeOptions): string {
  return normalizeText(text, options).name;
}

/**
 * Decomposes Hangul syllables into their jamo (`필터` → `ㅍㅣㄹㅌㅓ`) with es-hangul's
 * `disassemble`, leaving every other character as it is. Fuzzy matching on jamo makes a
 * one-jamo typo (`필터` → `피터`) cost one edit in five instead of one in two.
 *
 * @example
 * toJamo('제균필터 0.22 um'); // => 'ㅈㅔㄱㅠㄴㅍㅣㄹㅌㅓ 0.22 um'
 */
export function toJamo(text: string): string {
  let out = '';
  for (const ch of text) out += HANGUL_SYLLABLE.test(ch) ? disassemble(ch) : ch;
  return out;
}

/**
 * True when the text holds any Hangul (syllables or jamo).
 *
 * @example
 * hasHangul('TFF 카세트'); // => true
 */
export function hasHangul(text: string): boolean {
  return HANGUL_ANY.test(text);
}

/** A spec token reduced to a comparable value and unit (`10인치` → `{ value: '10', unit: 'in' }`). */
export interface CanonicalSpec {
  readonly value: string;
  readonly unit: string;
}

/** Latin spellings of one unit; the key is what normalizeText leaves, the value the canonical unit. */
const LATIN_UNIT_ALIASES: Readonly<Record<string, string>> = {
  '"': 'in', "''": 'in', inch: 'in', inches: 'in', liter: 'l', liters: 'l', litre: 'l', litres: 'l',
  ton: 't', tons: 't', set: 'sets', box: 'boxes', case: 'cases', pair: 'pairs', roll: 'rolls',
  wk: 'wk', wks: 'wk', week: 'wk', weeks: 'wk', month: 'mo', months: 'mo', day: 'd', days: 'd',
  year: 'yr', years: 'yr',
};

/** A unit as the parser spells it (`L`, `pcs`, `month`), in canonicalSpecs' spelling (`l`, `pcs`, `mo`). */
function canonicalUnit(unit: string): string {
  const u = unit.toLowerCase();
  return LATIN_UNIT_ALIASES[u] ?? (u === 'pcs' || COUNT_ALIASES.includes(u) ? 'pcs' : u);
}

/**
 * Spellings of one unit; the key is what normalizeText leaves, the value the canonical unit.
 * Counts are pieces as the parser reads them (`ea`, `units`, `plates` and `개` are `pcs`); Korean
 * unit words are read as quantity.ts declares them (`KOREAN_UNIT_WORDS`: `개월` a month, `박스` a
 * case), and a clipped word with no one reading (`밀리`: mm or mL) stays itself, so that it equals
 * only itself, as the parser refuses it. A shorthand stands for its unit (`lpm` is `l/min`:
 * `UNIT_SHORTHANDS`).
 */
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map<string, string>([
  ...Object.entries(LATIN_UNIT_ALIASES),
  ...Object.entries(UNIT_SHORTHANDS).map(([w, unit]): [string, string] => [w, canonicalUnit(unit)]),
  ...['pcs', ...COUNT_ALIASES].map((w): [string, string] => [w, 'pcs']),
  ...KOREAN_UNIT_WORDS.flatMap((w): [string, string][] => (w.unit === undefined ? [] : [[w.word, canonicalUnit(w.unit)]])),
]);

/**
 * Reduces spec tokens (the `specs` of {@link normalizeText}) to comparable value/unit pairs:
 * unit spellings unified (`인치` = `inch` = `"`, `리터` = `L`), thousands separators and
 * trailing zeros dropped, and the filter-rating rule of the domain applied (0.22 um is 0.2 um).
 *
 * @example
 * canonicalSpecs(['0.22 um', '10 인치', '3,000 l']);
 * // => [{ value: '0.2', unit: 'um' }, { value: '10', unit: 'in' }, { value: '3000', unit: 'l' }]
 */
export function canonicalSpecs(specs: readonly string[]): CanonicalSpec[] {
  const out: CanonicalSpec[] = [];
  for (const spec of specs) {
    const m = /^([\d.,/\-~–x×*\s]*\d)\s*(\S.*)$/u.exec(spec);
    if (m === null) continue;
    const rawUnit = (m[2] ?? '').replace(/\s+/gu, '');
    const unit = UNIT_ALIASES.get(rawUnit) ?? rawUnit;
    let value = (m[1] ?? '')
      .replace(/\s+/gu, '')
      .replace(/[~–]/gu, '-')
      .replace(/[×*]/gu, 'x')
      .replace(/,(?=\d{3}(?!\d))/gu, '')
      .replace(/\d+(?:\.\d+)?/gu, (n) => String(Number(n)));
    if (unit === 'um') value = value.split('/').map((v) => (v === '0.22' ? '0.2' : v)).join('/');
    out.push({ value, unit });
  }
  return out;
}

/** Separates Hangul from Latin/digits, turns punctuation into spaces, rewrites trap synonyms. */
function tidyTokens(text: string, unify: boolean): string {
  let s = text
    // Hangul next to a Latin letter or digit: two tokens ('제균필터0.22' → '제균필터 0.22').
    .replace(/([\uAC00-\uD7A3])(?=[a-z0-9])/gu, '$1 ')
    .replace(/([a-z0-9])(?=[\uAC00-\uD7A3])/gu, '$1 ')
    // Decimal points, fraction slashes and inch marks belong to numbers; elsewhere they separate.
    .replace(/(?<!\d)[./]|[./](?!\d)/gu, ' ')
    .replace(/[^\p{L}\p{N}\u0000./"%°]+/gu, ' ')
    .replace(/(?<!\d)["%°]/gu, ' ');
  if (unify) for (const [pattern, replacement] of [...TRADE_PATTERNS, ...TRAP_SYNONYMS]) s = s.replace(pattern, replacement);
  return collapse(s);
}

/** A spec as written, with one space between the number and its unit (`0.22um` → `0.22 um`). */
function tidySpec(text: string): string {
  return collapse(text.replace(/(\d)(?=[^\d\s.,/\-~–x×*"%°])/gu, '$1 ').replace(/\s*([-~–/])\s*/gu, '$1'));
}

function collapse(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}
