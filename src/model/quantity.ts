import { all, create } from 'mathjs';
import type { MathJsInstance, Unit } from 'mathjs';

/**
 * A normalized dimension signature built from mathjs dimension vectors: lowercase base names,
 * positive exponents first joined by `*`, then `/` and the negative ones, `^N` when N is not 1.
 * A ratio of two units of the same single base keeps both parts (`L/m²` is `length^3/length^2`,
 * a throughput per filter area, not a thickness). No dimension at all is `dimensionless`.
 *
 * @example
 * ```ts
 * parseQuantityOrThrow('2,000 unit/year').dimension; // 'count/time'
 * parseQuantityOrThrow('0.25 EU/mL').dimension;      // 'endotoxin/length^3'
 * ```
 */
export type Dimension = string;

/**
 * A parsed quantity: the canonical (SI or custom base) value, its range and dimension, and the
 * original text so that explanations can quote what the user wrote.
 *
 * @example
 * ```ts
 * const q = parseQuantityOrThrow('0.1-0.2 µm');
 * // { text: '0.1-0.2 µm', value: 1.5e-7, min: 1e-7, max: 2e-7, dimension: 'length', unit: 'um' }
 * ```
 */
export interface Quantity {
  /** The original text, trimmed, kept for explanations. */
  readonly text: string;
  /** Canonical value in SI/base units; for a range, its midpoint. */
  readonly value: number;
  /** Canonical lower end; equals `value` for a single number. */
  readonly min: number;
  /** Canonical upper end; equals `value` for a single number. */
  readonly max: number;
  /** Dimension signature, e.g. `count/time`. */
  readonly dimension: Dimension;
  /** The unit as written, normalized (`um`, `unit/year`, `L/month`); `''` when no unit is written. */
  readonly unit: string;
  /**
   * Set when the text is a bound rather than a value: `max` for `< 0.25 EU/mL`, `≤ 5`, `NMT 5`,
   * `5 이하`, `up to 5`; `min` for `> 60 g/L`, `60 g/L 이상`, `NLT 60`. The value is the bound
   * itself (strict and non-strict bounds read alike). A requirement reads it as its `op`; an
   * offered value is judged at its bound, the worst case it guarantees.
   */
  readonly bound?: QuantityBound;
}

/**
 * Which side a bound limits: `max` (at most, `<`, `이하`, `미만`) or `min` (at least, `>`, `이상`, `초과`).
 *
 * @example
 * ```ts
 * parseQuantityOrThrow('< 0.25 EU/mL').bound; // 'max'
 * ```
 */
export type QuantityBound = 'min' | 'max';

/**
 * Options of {@link parseQuantity}.
 *
 * @example
 * ```ts
 * parseQuantityOrThrow('0.1 degC', { difference: true }).dimension; // 'temperature_difference'
 * ```
 */
export interface ParseQuantityOptions {
  /**
   * Read temperatures as differences (`0.1 degC` is 0.1 kelvin of difference, not 273.25 K), as
   * a tolerance or a deviation means. A text that starts with `±` or `Δ` is read so anyway.
   */
  readonly difference?: boolean;
}

/**
 * Machine-readable reason why a text is not a quantity.
 *
 * @example
 * ```ts
 * const r = parseQuantity('5 bananas');
 * if (!r.ok) r.code; // 'quantity_unknown_unit'
 * ```
 */
export type QuantityIssueCode =
  | 'quantity_empty'
  | 'quantity_syntax'
  | 'quantity_unknown_unit'
  | 'quantity_not_finite'
  | 'quantity_negative'
  | 'quantity_range_order'
  | 'quantity_too_long'
  | 'quantity_ambiguous_unit'
  | 'quantity_absurd_unit'
  | 'quantity_out_of_range';

/**
 * Outcome of {@link parseQuantity}: the quantity, or a code and a message naming the text.
 *
 * @example
 * ```ts
 * const r: QuantityParseResult = parseQuantity('1,5 L');
 * // { ok: false, code: 'quantity_syntax', message: 'cannot read "1,5 L": ...' }
 * ```
 */
export type QuantityParseResult =
  | { ok: true; quantity: Quantity }
  | { ok: false; code: QuantityIssueCode; message: string };

/**
 * Outcome of {@link compareQuantities}. Quantities of different dimensions are not comparable;
 * that is a reported reason, never an exception.
 *
 * @example
 * ```ts
 * compareQuantities(parseQuantityOrThrow('10 pairs'), parseQuantityOrThrow('10 pcs'));
 * // { comparable: false, reason: 'dimension_mismatch', a: 'pair', b: 'count' }
 * ```
 */
export type Comparison =
  | {
      comparable: true;
      /** a.value / b.value, or NaN when b is 0 */
      ratio: number;
      cmp: -1 | 0 | 1;
    }
  | { comparable: false; reason: 'dimension_mismatch'; a: Dimension; b: Dimension };

// ---------------------------------------------------------------------------------------------
// Limits and messages

const MAX_TEXT_LENGTH = 200;
// Bounds memory on huge runs; clearing is cheaper than LRU bookkeeping and texts repeat in bursts.
const MAX_CACHED_TEXTS = 50_000;
const MAX_CACHED_UNITS = 10_000;
// Two spellings of the same amount (per month vs per year) differ by float rounding only.
const EQUAL_RELATIVE_TOLERANCE = 1e-12;

// Canonical magnitudes beyond this are typing accidents (1e308 kg), and sums or conversions of
// them overflow to Infinity, which JSON writes as null.
const MAX_CANONICAL = 1e30;
// Powers beyond cubes are no unit anyone writes (`unit^1000000/month`).
const MAX_UNIT_POWER = 3;

const messages = {
  empty: () => 'cannot read "": the quantity is empty',
  tooLong: (text: string) =>
    `cannot read "${text.slice(0, 40)}…": longer than ${MAX_TEXT_LENGTH} characters`,
  notText: (kind: string) => `cannot read a value of type ${kind}: expected text`,
  syntax: (text: string) =>
    `cannot read "${text}": expected a number with an optional unit (e.g. "2,000 unit/year") or a range (e.g. "0.1-0.2 um")`,
  mixedDimensions: (text: string, a: Dimension, b: Dimension) =>
    `cannot read "${text}": the two ends of the range have different dimensions (${a} and ${b})`,
  unknownUnit: (text: string, unit: string) => `cannot read "${text}": unknown unit "${unit}"`,
  notFinite: (text: string) => `cannot read "${text}": the number is not finite`,
  negative: (text: string) => `cannot read "${text}": a quantity cannot be negative`,
  rangeOrder: (text: string) => `cannot read "${text}": the range starts above where it ends`,
  ambiguous: (text: string, token: string, reading: string, suggestions: readonly string[]) =>
    `cannot read "${text}": "${token}" is ambiguous (as written it reads as ${reading}); write ${suggestions.join(' or ')}`,
  power: (text: string, token: string) =>
    `cannot read "${text}": "${token}" raises a unit beyond the power ${MAX_UNIT_POWER}`,
  countPower: (text: string, base: string) =>
    `cannot read "${text}": a ${quantityDimensionName(base)} cannot be raised to a power (${base}^n has no meaning)`,
  outOfRange: (text: string) =>
    `cannot read "${text}": beyond ${MAX_CANONICAL.toExponential()} in base units, which no real quantity is`,
} as const;

// ---------------------------------------------------------------------------------------------
// Lazily built private mathjs instance, so importing this module has no side effects and the
// global mathjs instance never learns our custom units.

interface UnitInfo {
  readonly ok: true;
  /** normalized unit text as shown to users */
  readonly unit: string;
  /** the text handed to mathjs (`%` spelled as `percent`) */
  readonly mathText: string;
  readonly dimension: Dimension;
  /** canonical value of one unit; unused for affine (offset) units */
  readonly factor: number;
  /** degC/degF: zero is not zero, so conversion goes through mathjs */
  readonly affine: boolean;
}
type UnitFailure =
  | { readonly ok: false; readonly problem: 'unknown'; readonly token: string }
  | { readonly ok: false; readonly problem: 'power'; readonly token: string }
  | { readonly ok: false; readonly problem: 'count_power'; readonly token: string }
  | {
      readonly ok: false;
      readonly problem: 'ambiguous';
      readonly token: string;
      /** what the token means as written, or undefined when it means nothing */
      readonly reading: string | undefined;
      readonly suggestions: readonly string[];
    };

interface State {
  readonly math: MathJsInstance;
  readonly baseNames: readonly string[];
  readonly parsed: Map<string, QuantityParseResult>;
  readonly units: Map<string, UnitInfo | UnitFailure>;
  /** Free unit texts as written (`unit/month`) and what they resolve to: formatting reads the same few texts thousands of times. */
  readonly unitTexts: Map<string, UnitInfo | UnitFailure | undefined>;
  readonly plainFormat: Intl.NumberFormat;
  readonly scientificFormat: Intl.NumberFormat;
}

let state: State | undefined;

function getState(): State {
  state ??= buildState();
  return state;
}

/**
 * Words the parser reads as a count of pieces (`pcs`): `50 ea`, `10 units`, `200 vials`,
 * `500 bottles` (as the Korean `병`), `4 rolls` (as `롤`). The
 * catalog's spec comparison reads them so too (normalize.ts `canonicalSpecs`).
 *
 * @example
 * COUNT_ALIASES.includes('ea'); // => true
 */
export const COUNT_ALIASES: readonly string[] = Object.freeze([
  'unit', 'units', 'ea', 'each', 'piece', 'pieces', 'pc', 'plate', 'plates', 'vial', 'vials',
  'bag', 'bags', 'cycle', 'cycles', 'cassette', 'cassettes', 'capsule', 'capsules',
  'cartridge', 'cartridges', 'pod', 'pods', 'bottle', 'bottles', 'btl', 'roll', 'rolls',
]);

/**
 * Units written as one word for another unit: flow rates as instrument makers write them,
 * litres and cubic feet per minute. The parser reads each as the unit it stands for, and the
 * catalog's spec comparison spells it so (`28.3 LPM` equals `28.3 L/min`).
 *
 * @example
 * UNIT_SHORTHANDS.lpm; // => 'L/min'
 */
export const UNIT_SHORTHANDS: Readonly<Record<string, string>> = Object.freeze({ lpm: 'L/min', cfm: 'ft^3/min' });

/**
 * A fresh mathjs instance with the units of the field (counts, pairs, sets, cases, EU, mOsm,
 * CFU, kDa, kGy, M, wk, mo...). The parser keeps one, built lazily; the benchmark baseline
 * builds its own from here so that both know the same units.
 *
 * @example
 * createQuantityMath().unit('1 EU').toString(); // => '1 EU'
 */
export function createQuantityMath(): MathJsInstance {
  // mathjs types `all` as optional; it is always present in the full bundle we depend on.
  if (all === undefined) throw new Error('mathjs: the "all" factory set is missing');
  const math = create(all, {});
  // override: mathjs defines `cycle(s)` as an angle (2π rad); here a cycle is one use of a resin.
  math.createUnit({ pcs: { baseName: 'count', aliases: [...COUNT_ALIASES] } }, { override: true });
  // Separate bases: a pair, a set or a case holds an unknown number of pieces.
  math.createUnit('pair', { baseName: 'pair', aliases: ['pairs'] });
  // A kit is a set: so many pieces that belong together (`200 kit/month`).
  math.createUnit('set', { baseName: 'set', aliases: ['sets', 'kit', 'kits'] });
  math.createUnit('case', { baseName: 'case', aliases: ['cases'] });
  math.createUnit('EU', { baseName: 'endotoxin' });
  math.createUnit('Osm', { baseName: 'osmole', prefixes: 'short' });
  math.createUnit('CFU', { baseName: 'cfu' });
  math.createUnit('ShoreA', { baseName: 'shore_a' });
  math.createUnit('IBC', { baseName: 'ibc', aliases: ['IBCs'] });
  math.createUnit('drum', { baseName: 'drum', aliases: ['drums'] });
  math.createUnit('Da', { definition: '1.66053906660e-27 kg', prefixes: 'short' });
  math.createUnit('Gy', { definition: '1 J/kg', prefixes: 'short' });
  math.createUnit('M', { definition: '1 mol/L', prefixes: 'short' });
  math.createUnit('wk', { definition: '1 week', aliases: ['wks'] });
  math.createUnit('mo', { definition: '1 month', aliases: ['mos'] });
  math.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
  math.createUnit('percent', { definition: '0.01', aliases: ['pct'] });
  math.createUnit('ppm', { definition: '1e-6' });
  // Korea (and the rest of the metric world) means the metric tonne by `ton`; mathjs's `ton` is
  // the US short ton. The short and long tons must be written out (`short ton`, `long ton`).
  math.createUnit(
    { ton: { definition: '1000 kg', aliases: ['tons', 'tonne', 'tonnes'] } },
    { override: true },
  );
  math.createUnit('shortton', { definition: '907.18474 kg', aliases: ['shorttons'] });
  math.createUnit('longton', { definition: '1016.0469088 kg', aliases: ['longtons'] });
  math.createUnit('rpm', { definition: '1/min' });
  for (const [name, unit] of Object.entries(UNIT_SHORTHANDS)) math.createUnit(name, { definition: `1 ${unit}` });
  // pH is a plain number on its own scale; written after the number it is not picohenry.
  math.createUnit({ pH: { definition: '1' } }, { override: true });
  // A temperature difference has a true zero: 0.1 °C of difference is 0.1 kelvin, not 273.25 K.
  math.createUnit('deltaK', { baseName: 'temperature_difference', aliases: ['deltaC'] });
  math.createUnit('deltaF', { definition: `${5 / 9} deltaK` });

  return math;
}

function buildState(): State {
  const math = createQuantityMath();
  return {
    math,
    baseNames: math.Unit.BASE_DIMENSIONS.map((name) => name.toLowerCase()),
    parsed: new Map(),
    units: new Map(),
    unitTexts: new Map(),
    plainFormat: new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }),
    scientificFormat: new Intl.NumberFormat('en-US', {
      maximumSignificantDigits: 4,
      notation: 'scientific',
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Text normalization

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8',
  '⁹': '9', '⁻': '-', '⁺': '+',
};
const VULGAR_FRACTIONS: Readonly<Record<string, string>> = {
  '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅛': '1/8', '⅜': '3/8',
  '⅝': '5/8', '⅞': '7/8',
};

/**
 * Case-insensitive spellings of our own units: suppliers write `Units`, `PCS`, `EA`; without this
 * `EA` would silently become exa-ampere and `PC` peta-coulomb. Only whole words that are
 * unambiguous are folded; SI prefixes stay case-sensitive (`mm` is not `Mm`).
 */
const FOLDED_UNIT_WORDS: ReadonlyMap<string, string> = new Map<string, string>([
  ...['pcs', ...COUNT_ALIASES].map((w): [string, string] => [w, w]),
  ...['pair', 'pairs', 'set', 'sets', 'kit', 'kits', 'case', 'cases', 'drum', 'drums'].map(
    (w): [string, string] => [w, w],
  ),
  ...['year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours']
    .map((w): [string, string] => [w, w]),
  ...['yr', 'yrs', 'mo', 'mos', 'wk', 'wks'].map((w): [string, string] => [w, w]),
  ['annum', 'year'],
  ['ibc', 'IBC'], ['ibcs', 'IBCs'], ['eu', 'EU'], ['cfu', 'CFU'], ['shorea', 'ShoreA'],
  ['mosm', 'mOsm'], ['osm', 'Osm'], ['kda', 'kDa'], ['kgy', 'kGy'],
  // Nobody in this field means picohenry or petahenry.
  ['ph', 'pH'], ['rpm', 'rpm'], ['lpm', 'lpm'], ['cfm', 'cfm'],
  ...['ton', 'tons', 'tonne', 'tonnes'].map((w): [string, string] => [w, w]),
]);

/**
 * A Korean unit word, declared once for the parser and for free text. `unit`: the English
 * spelling the parser reads it as; `ambiguous`: the units it may mean instead, when it has no
 * one reading (the parser refuses it and names them). `inText`: how free text reads it after a
 * number (the catalog's spec tokens and the text reader derive their patterns from it):
 * `glued` also when a Korean word follows (`100개입`, `170L급`, `8주이내`), `whole` only as a
 * whole word (`2대`, not `2대학`; `3병`, not `3병원`), `rate` only after `/` (`500 L/월`; alone,
 * `3월` is March and `2010년` a year).
 *
 * @example
 * KOREAN_UNIT_WORDS.find((w) => w.word === '개')?.unit; // => 'pcs'
 */
export interface KoreanUnitWord {
  readonly word: string;
  readonly unit?: string;
  readonly ambiguous?: readonly string[];
  readonly inText: 'glued' | 'whole' | 'rate';
}

/**
 * Korean unit words (see {@link KoreanUnitWord}). `밀리` and `킬로` are clipped, as people say them
 * (`8밀리`, `20킬로`), and stand for mm or mL, kg or km: refused with both, never guessed.
 *
 * @example
 * KOREAN_UNIT_WORDS.find((w) => w.word === '밀리')?.ambiguous; // => ['mm', 'mL']
 */
export const KOREAN_UNIT_WORDS: readonly KoreanUnitWord[] = Object.freeze([
  { word: '개', unit: 'pcs', inText: 'glued' }, { word: '매', unit: 'pcs', inText: 'glued' },
  { word: '장', unit: 'pcs', inText: 'whole' }, { word: '병', unit: 'pcs', inText: 'whole' },
  { word: '롤', unit: 'pcs', inText: 'glued' }, { word: '회', unit: 'cycles', inText: 'whole' },
  // After a number `식` is a set (a lot) in procurement (`1식`), and `대` counts machines (`2대`).
  { word: '세트', unit: 'set', inText: 'glued' }, { word: '식', unit: 'set', inText: 'whole' },
  { word: '대', unit: 'pcs', inText: 'whole' }, { word: '쌍', unit: 'pair', inText: 'whole' },
  { word: '박스', unit: 'case', inText: 'glued' }, { word: '상자', unit: 'case', inText: 'whole' },
  { word: '케이스', unit: 'case', inText: 'whole' }, { word: '드럼', unit: 'drum', inText: 'whole' },
  { word: '톤', unit: 't', inText: 'whole' }, { word: '리터', unit: 'L', inText: 'glued' },
  { word: '밀리리터', unit: 'mL', inText: 'glued' }, { word: '킬로그램', unit: 'kg', inText: 'glued' },
  { word: '그램', unit: 'g', inText: 'whole' }, { word: '밀리미터', unit: 'mm', inText: 'glued' },
  { word: '센티미터', unit: 'cm', inText: 'glued' }, { word: '미터', unit: 'm', inText: 'whole' },
  { word: '인치', unit: 'in', inText: 'glued' }, { word: '피트', unit: 'ft', inText: 'glued' }, { word: '마이크론', unit: 'um', inText: 'glued' },
  { word: '마이크로미터', unit: 'um', inText: 'glued' },
  { word: '밀리', ambiguous: ['mm', 'mL'], inText: 'glued' }, { word: '킬로', ambiguous: ['kg', 'km'], inText: 'glued' },
  { word: '년', unit: 'year', inText: 'rate' }, { word: '연', unit: 'year', inText: 'rate' },
  { word: '개월', unit: 'month', inText: 'glued' }, { word: '월', unit: 'month', inText: 'rate' },
  { word: '달', unit: 'month', inText: 'whole' }, { word: '주', unit: 'week', inText: 'glued' },
  { word: '일', unit: 'day', inText: 'rate' }, { word: '시간', unit: 'hour', inText: 'whole' },
  { word: '분', unit: 'min', inText: 'whole' }, { word: '초', unit: 's', inText: 'whole' },
] satisfies KoreanUnitWord[]);
const KOREAN_UNIT_BY_WORD: ReadonlyMap<string, KoreanUnitWord> = new Map(KOREAN_UNIT_WORDS.map((w) => [w.word, w]));
// `3월` alone is March: `월` is a month only after `/`.
const KOREAN_RATE_ONLY = new Set(['월']);
const CLIPPED_KOREAN_UNIT = new RegExp(
  `\\d\\s*(${KOREAN_UNIT_WORDS.filter((w) => w.ambiguous !== undefined).map((w) => w.word).join('|')})(?![가-힣])`,
  'u',
);

/**
 * Units people write, in their one correct case. A unit written in another case is read as one
 * of these when that is its only sensible reading (`Kg`, `KG` are kg), and refused with the
 * likely units when the case changes its meaning (`MM` is megamolar, `ML` megalitre, `T` tesla).
 */
const COMMON_UNITS: Readonly<Record<string, string>> = {
  m: 'metres', nm: 'nanometres', um: 'micrometres', mm: 'millimetres', cm: 'centimetres', km: 'kilometres',
  uL: 'microlitres', mL: 'millilitres', L: 'litres', kL: 'kilolitres',
  ug: 'micrograms', mg: 'milligrams', g: 'grams', kg: 'kilograms', t: 'tonnes',
  ms: 'milliseconds', nM: 'nanomolar', uM: 'micromolar', mM: 'millimolar', M: 'molar', mol: 'moles', mmol: 'millimoles',
  Pa: 'pascals', kPa: 'kilopascals', MPa: 'megapascals', bar: 'bar', mbar: 'millibar', psi: 'psi',
  s: 'seconds', min: 'minutes', h: 'hours', Hz: 'hertz', kHz: 'kilohertz', MHz: 'megahertz',
  V: 'volts', kV: 'kilovolts', mV: 'millivolts', W: 'watts', kW: 'kilowatts', A: 'amperes', mA: 'milliamperes',
  mS: 'millisiemens', uS: 'microsiemens', Da: 'daltons', kDa: 'kilodaltons', Gy: 'grays', kGy: 'kilograys',
};
const COMMON_BY_LOWER: ReadonlyMap<string, readonly string[]> = (() => {
  const byLower = new Map<string, string[]>();
  for (const u of Object.keys(COMMON_UNITS)) {
    const list = byLower.get(u.toLowerCase()) ?? [];
    list.push(u);
    byLower.set(u.toLowerCase(), list);
  }
  return byLower;
})();
const PREFIX_WORDS: Readonly<Record<string, string>> = {
  E: 'exa', P: 'peta', T: 'tera', G: 'giga', M: 'mega', k: 'kilo', m: 'milli', u: 'micro', n: 'nano', p: 'pico',
};
const UNIT_WORDS: Readonly<Record<string, string>> = {
  L: 'litre', l: 'litre', M: 'molar', m: 'metre', A: 'ampere', V: 'volt', S: 'siemens', T: 'tesla',
  H: 'henry', Pa: 'pascal', g: 'gram', s: 'second', W: 'watt', Hz: 'hertz', B: 'byte',
};

// Bounds written before or after the number. `min` is not read after a number: `5 min` is minutes.
const BOUND_PREFIX_RE =
  /^(<=?|=<|≤|⩽|>=?|=>|≥|⩾|max\.?|min\.?|maximum|minimum|up to|at most|at least|not more than|not less than|nmt|nlt) ?/i;
const BOUND_SUFFIX_RE = / ?(이하|이상|미만|초과|max\.?|maximum|or less|or more|or below|or above|and below|and above)$/i;
const MIN_BOUND_WORDS = new Set(['>', '>=', '=>', '≥', '⩾', 'min', 'min.', 'minimum', 'at least', 'not less than', 'nlt', '이상', '초과', 'or more', 'or above', 'and above']);
// `±0.1 °C` alone is a deviation; `Δ 0.1 °C`, `ΔT = 0.1 K` a difference.
const DEVIATION_PREFIX_RE = /^(?:±|\+\/-|\+-) ?/;
const DIFFERENCE_PREFIX_RE = /^(?:Δ|delta) ?T? ?[=:]? ?/i;

// After `/`, the short time words read as the long ones so the shown unit is `unit/year`.
const RATE_TIME_WORDS: Readonly<Record<string, string>> = {
  yr: 'year', yrs: 'year', mo: 'month', mos: 'month', wk: 'week', wks: 'week',
};

function normalizeText(raw: string): string {
  let s = raw.replace(
    /[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g,
    (m) => `^${[...m].map((c) => SUPERSCRIPTS[c] ?? '').join('')}`,
  );
  // NFKC would turn `1½` into `11⁄2`, so vulgar fractions are spelled out first.
  s = s.replace(
    /(\d?) ?([½⅓⅔¼¾⅛⅜⅝⅞])/g,
    (_m, d: string, f: string) => `${d} ${VULGAR_FRACTIONS[f] ?? ''}`,
  );
  s = s.replace(/(\d) ?["″”]/g, '$1 in');
  // NFKC folds full-width digits and squared-unit glyphs (㎛ ㎖ ㎡ ℃) common in Korean documents.
  s = s.normalize('NFKC');
  s = s
    // A micro sign alone after a number is a micrometre, as people write pore sizes (`0.45 μ`).
    .replace(/(\d ?)[µμ](?![A-Za-z])/g, '$1um')
    .replace(/[µμ]/g, 'u')
    .replace(/[⁄∕]/g, '/')
    .replace(/[−‐‑‒]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/(\/?)([가-힣]+)/g, (m: string, slash: string, word: string) => {
    if (KOREAN_RATE_ONLY.has(word) && slash === '') return m;
    const unit = KOREAN_UNIT_BY_WORD.get(word)?.unit;
    return unit === undefined ? m : `${slash}${unit}`;
  });
  s = s
    .replace(/\bcu(?:\.|bic)? ?(?:ft\.?|feet|foot)(?= |\/|$)/gi, 'cuft')
    .replace(/\bcu(?:\.|bic)? ?(?:in\.?|inch(?:es)?)(?= |\/|$)/gi, 'cuin')
    .replace(/\b(short|long) tons?\b/gi, (_m, kind: string) => `${kind.toLowerCase()}ton`)
    .replace(/\bmetric tons?\b/gi, 't');
  s = s
    .replace(/\bmicrons?\b/gi, 'um')
    .replace(/\binch(?:es)?\b/gi, 'in')
    .replace(/° ?([CF])\b/g, 'deg$1')
    .replace(/°/g, 'deg');
  s = s
    .replace(/ ?\bper annum\b/gi, '/year')
    .replace(/ ?\bp\. ?a\.?(?= |$)/gi, '/year')
    .replace(/ ?\bper\b ?/gi, '/');
  s = s.replace(/ ?([/*^]) ?/g, '$1');
  const shoreFirst = /^shore ?a ?(.+)$/i.exec(s);
  if (shoreFirst?.[1] !== undefined) s = `${shoreFirst[1]} ShoreA`;
  const shoreLast = /^(.*[\d.]) ?shore ?a$/i.exec(s);
  if (shoreLast?.[1] !== undefined) s = `${shoreLast[1]} ShoreA`;
  const phFirst = /^ph ?([\d.].*)$/i.exec(s);
  if (phFirst?.[1] !== undefined) s = `${phFirst[1]} pH`;
  return s;
}

function normalizeUnitTokens(unit: string): string {
  const folded = unit.replace(/[A-Za-z][A-Za-z0-9_]*/g, (token) => {
    const known = FOLDED_UNIT_WORDS.get(token.toLowerCase());
    if (known !== undefined) return known;
    // `m2`, `cm2`, `m3` are how spreadsheets write squares and cubes.
    const power = /^([A-Za-z]+)([23])$/.exec(token);
    return power ? `${power[1]}^${power[2]}` : token;
  });
  return folded.replace(
    /\/(yrs?|mos?|wks?)\b/g,
    (_m, w: string) => `/${RATE_TIME_WORDS[w] ?? w}`,
  );
}

const IDENT = String.raw`(?:%|[A-Za-z][A-Za-z0-9_]*)(?:\^[+-]?\d+)?`;
const UNIT_SOURCE = String.raw`${IDENT}(?:[*/]${IDENT})*`;
const UNIT_EXACT = new RegExp(`^${UNIT_SOURCE}$`);

// ---------------------------------------------------------------------------------------------
// Unit resolution

function resolveUnit(unit: string, st: State): UnitInfo | UnitFailure {
  const cached = st.units.get(unit);
  if (cached) return cached;
  const info = resolveUnitUncached(unit, st);
  if (st.units.size >= MAX_CACHED_UNITS) st.units.clear();
  st.units.set(unit, info);
  return info;
}

// Bases of our own that count things or hold a scale: a power of them means nothing.
const UNPOWERED_BASE_RE =
  /(?:^|[*/])(count|pair|set|case|endotoxin|osmole|cfu|shore_a|ibc|drum|temperature_difference)\^/;

function resolveUnitUncached(unit: string, st: State): UnitInfo | UnitFailure {
  for (const m of unit.matchAll(/\^[+-]?(\d+)/g)) {
    if (Number(m[1]) > MAX_UNIT_POWER) return Object.freeze({ ok: false, problem: 'power', token: m[0] });
  }
  let folded = unit;
  for (const token of new Set(unit.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [])) {
    const decided = decideCase(token, st);
    if (typeof decided !== 'string') return decided;
    if (decided !== token) folded = folded.replace(new RegExp(`\\b${token}\\b`, 'g'), decided);
  }
  const mathText = folded.replace(/%/g, 'percent');
  let u: Unit;
  try {
    u = st.math.unit(1, mathText);
  } catch {
    const unknown = (folded.match(/%|[A-Za-z][A-Za-z0-9_]*/g) ?? []).find(
      (token) => !st.math.Unit.isValuelessUnit(token === '%' ? 'percent' : token),
    );
    return Object.freeze({ ok: false, problem: 'unknown', token: unknown ?? unit });
  }
  const dimension = dimensionOf(u, st.baseNames);
  const unpowered = UNPOWERED_BASE_RE.exec(dimension);
  if (unpowered?.[1] !== undefined) return Object.freeze({ ok: false, problem: 'count_power', token: unpowered[1] });
  const only = u.units.length === 1 ? u.units[0] : undefined;
  const affine = only !== undefined && only.power === 1 && only.unit.offset !== 0;
  return Object.freeze({
    ok: true,
    unit: folded,
    mathText,
    dimension,
    factor: typeof u.value === 'number' ? u.value : Number(u.value),
    affine,
  });
}

/** A unit token's meaning for comparison: its dimension vector and size, or undefined. */
function meaningOf(token: string, st: State): string | undefined {
  try {
    const u = st.math.unit(1, token === '%' ? 'percent' : token);
    return `${dimensionOf(u, st.baseNames)}:${String(u.value)}`;
  } catch {
    return undefined;
  }
}

/** How mathjs reads a token, in words (`MM` is megamolar), for messages. */
function readingOf(token: string, st: State): string {
  try {
    const only = st.math.unit(1, token).units[0];
    if (only === undefined) return token;
    // mathjs's types call the prefix a string; at run time it is a { name, value } object.
    const prefixName = (only.prefix as unknown as { readonly name: string }).name;
    const prefix = PREFIX_WORDS[prefixName] ?? prefixName;
    return `${prefix}${UNIT_WORDS[only.unit.name] ?? only.unit.name}`;
  } catch {
    return token;
  }
}

/**
 * The case policy (see COMMON_UNITS): the token to read, or why it is refused. A token in its
 * common case, or unlike any common unit but for case, is read as written; one that mathjs
 * would read as something else than every common unit of the same letters is refused.
 */
function decideCase(token: string, st: State): string | UnitFailure {
  if (Object.hasOwn(COMMON_UNITS, token)) return token;
  const candidates = COMMON_BY_LOWER.get(token.toLowerCase());
  if (candidates === undefined) return token;
  const asWritten = meaningOf(token, st);
  if (asWritten !== undefined && candidates.some((c) => meaningOf(c, st) === asWritten)) return token;
  if (asWritten === undefined && candidates.length === 1) return candidates[0] as string;
  return Object.freeze({
    ok: false,
    problem: 'ambiguous',
    token,
    reading: asWritten === undefined ? undefined : readingOf(token, st),
    suggestions: candidates.map((c) => `"${c}" (${COMMON_UNITS[c] ?? c})`),
  });
}

/** Temperatures in a difference: `degC` → `deltaC`, `K` → `deltaK`. */
function asDifferenceUnit(unit: string): string {
  return unit.replace(/\b(?:degC|celsius)\b/g, 'deltaC').replace(/\b(?:degF|fahrenheit)\b/g, 'deltaF').replace(/\bK\b/g, 'deltaK');
}

function formatBase(name: string, exponent: number): string {
  return exponent === 1 ? name : `${name}^${exponent}`;
}

function dimensionOf(u: Unit, baseNames: readonly string[]): Dimension {
  const numerator = baseNames.map(() => 0);
  const denominator = baseNames.map(() => 0);
  for (const component of u.units) {
    const side = component.power > 0 ? numerator : denominator;
    const weight = Math.abs(component.power);
    for (let i = 0; i < side.length; i++) {
      side[i] = (side[i] ?? 0) + (component.unit.dimensions[i] ?? 0) * weight;
    }
  }
  const nonZero = (v: readonly number[]): number[] =>
    v.flatMap((x, i) => (x !== 0 ? [i] : []));
  const num = nonZero(numerator);
  const den = nonZero(denominator);
  const [ni] = num;
  // A ratio of like quantities (L/m², mg/g) keeps its parts: cancelling would make a filter
  // throughput comparable with a film thickness, and a mass fraction with a bare number.
  if (num.length === 1 && den.length === 1 && ni !== undefined && ni === den[0]) {
    const a = numerator[ni] ?? 0;
    const b = denominator[ni] ?? 0;
    const name = baseNames[ni] ?? '';
    if (a > 0 && b > 0) return `${formatBase(name, a)}/${formatBase(name, b)}`;
  }
  const positive: string[] = [];
  const negative: string[] = [];
  baseNames.forEach((name, i) => {
    const net = (numerator[i] ?? 0) - (denominator[i] ?? 0);
    if (net > 0) positive.push(formatBase(name, net));
    else if (net < 0) negative.push(formatBase(name, -net));
  });
  if (positive.length === 0 && negative.length === 0) return 'dimensionless';
  if (negative.length === 0) return positive.join('*');
  return `${positive.length === 0 ? '1' : positive.join('*')}/${negative.join('*')}`;
}

function toCanonical(n: number, info: UnitInfo, st: State): number {
  return info.affine ? st.math.unit(n, info.mathText).toNumber('K') : n * info.factor;
}

function fromCanonical(value: number, info: UnitInfo, st: State): number {
  return info.affine ? st.math.unit(value, 'K').toNumber(info.mathText) : value / info.factor;
}

/** Normalizes a free unit text (`L per year`, `µm`, `%`) and resolves it. */
function resolveUnitText(text: string, st: State): UnitInfo | UnitFailure | undefined {
  if (text.length > MAX_TEXT_LENGTH) return undefined;
  if (st.unitTexts.has(text)) return st.unitTexts.get(text);
  const normalized = normalizeText(text);
  const info = UNIT_EXACT.test(normalized) ? resolveUnit(normalizeUnitTokens(normalized), st) : undefined;
  if (st.unitTexts.size >= MAX_CACHED_UNITS) st.unitTexts.clear();
  st.unitTexts.set(text, info);
  return info;
}

// ---------------------------------------------------------------------------------------------
// Scanner: number [unit] [separator number [unit]]

interface NumberToken {
  readonly value: number;
  readonly end: number;
}

const SIGN_RE = /[+-]?/y;
const POW10_RE = /10\^([+-]?\d+)/y;
const MIXED_RE = /(\d+)([ -])(\d+)\/(\d+)/y;
const FRACTION_RE = /(\d+)\/(\d+)/y;
// Comma groups must be exactly three digits: `1,5` is a syntax error, not a European decimal.
// A space groups thousands too (`1 000 L`), also in groups of exactly three digits.
const DECIMAL_RE =
  /((?:\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?: \d{3})+(?![\d,/])|\d+)(?:\.\d+)?|\.\d+)(?:[eE]([+-]?\d+)| ?[x×*] ?10\^([+-]?\d+))?/y;
const TO_AHEAD_RE = / ?to /y;
const UNIT_RE = new RegExp(` ?(${UNIT_SOURCE})`, 'y');
const RANGE_SEPARATOR_RE = / ?(?:-|–|—|~|〜|to ) ?/y;
const TOLERANCE_SEPARATOR_RE = / ?(?:±|\+\/-|\+-) ?/y;
const NOT_FINITE_RE = /^[+-]?(?:nan\b|inf(?:inity)?\b|∞)/i;

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

function readNumber(s: string, start: number): NumberToken | undefined {
  const signMatch = execAt(SIGN_RE, s, start);
  const sign = signMatch?.[0] === '-' ? -1 : 1;
  const pos = start + (signMatch?.[0].length ?? 0);

  const pow = execAt(POW10_RE, s, pos);
  if (pow) return { value: sign * 10 ** Number(pow[1]), end: pos + pow[0].length };

  const mixed = execAt(MIXED_RE, s, pos);
  if (mixed) {
    const whole = Number(mixed[1]);
    const num = Number(mixed[3]);
    const den = Number(mixed[4]);
    // `1-1/2 in` is the US way to write 1.5 in; read as a range it would run backwards, so no
    // valid range is lost. `0-1/2` stays a range because it is one.
    const proper = num < den;
    if (proper && (mixed[2] === ' ' || whole >= 1)) {
      return { value: sign * (whole + num / den), end: pos + mixed[0].length };
    }
  }

  const fraction = execAt(FRACTION_RE, s, pos);
  if (fraction) {
    return {
      value: sign * (Number(fraction[1]) / Number(fraction[2])),
      end: pos + fraction[0].length,
    };
  }

  const decimal = execAt(DECIMAL_RE, s, pos);
  if (decimal?.[1] !== undefined) {
    const mantissa = decimal[1].replace(/[, ]/g, '');
    const exponent = decimal[2] ?? decimal[3];
    const value = Number(exponent === undefined ? mantissa : `${mantissa}e${exponent}`);
    return { value: sign * value, end: pos + decimal[0].length };
  }
  return undefined;
}

function readUnit(s: string, pos: number): { unit: string; end: number } | undefined {
  if (execAt(TO_AHEAD_RE, s, pos)) return undefined;
  const m = execAt(UNIT_RE, s, pos);
  return m?.[1] !== undefined ? { unit: m[1], end: pos + m[0].length } : undefined;
}

interface Scanned {
  readonly first: number;
  readonly firstUnit: string | undefined;
  readonly second?: { readonly kind: 'range' | 'tolerance'; readonly n: number; readonly unit: string | undefined };
}

function scan(s: string): Scanned | undefined {
  const first = readNumber(s, 0);
  if (!first) return undefined;
  let pos = first.end;
  const firstUnit = readUnit(s, pos);
  if (firstUnit) pos = firstUnit.end;
  if (pos === s.length) return { first: first.value, firstUnit: firstUnit?.unit };

  const tolerance = execAt(TOLERANCE_SEPARATOR_RE, s, pos);
  const range = tolerance ? null : execAt(RANGE_SEPARATOR_RE, s, pos);
  const separator = tolerance ?? range;
  if (!separator) return undefined;
  pos += separator[0].length;
  const second = readNumber(s, pos);
  if (!second) return undefined;
  pos = second.end;
  const secondUnit = readUnit(s, pos);
  if (secondUnit) pos = secondUnit.end;
  if (pos !== s.length) return undefined;
  return {
    first: first.value,
    firstUnit: firstUnit?.unit,
    second: { kind: tolerance ? 'tolerance' : 'range', n: second.value, unit: secondUnit?.unit },
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Failure = Extract<QuantityParseResult, { ok: false }>;

function fail(code: QuantityIssueCode, message: string): Failure {
  return { ok: false, code, message };
}

const DIMENSIONLESS: UnitInfo = Object.freeze({
  ok: true,
  unit: '',
  mathText: '',
  dimension: 'dimensionless',
  factor: 1,
  affine: false,
});

function unitFailure(text: string, f: UnitFailure): Failure {
  switch (f.problem) {
    case 'unknown':
      return fail('quantity_unknown_unit', messages.unknownUnit(text, f.token));
    case 'power':
      return fail('quantity_absurd_unit', messages.power(text, f.token));
    case 'count_power':
      return fail('quantity_absurd_unit', messages.countPower(text, f.token));
    case 'ambiguous':
      return fail(
        'quantity_ambiguous_unit',
        f.reading === undefined
          ? `cannot read "${text}": "${f.token}" is ambiguous; write ${f.suggestions.join(' or ')}`
          : messages.ambiguous(text, f.token, f.reading, f.suggestions),
      );
  }
}

/** A bound written around the number (`< 5`, `5 이하`, `NLT 5`): which one, and the rest. */
function readBound(s: string): { bound: QuantityBound | undefined; rest: string } {
  const before = BOUND_PREFIX_RE.exec(s);
  const after = before === null ? BOUND_SUFFIX_RE.exec(s) : null;
  const word = before?.[1] ?? after?.[1];
  if (word === undefined) return { bound: undefined, rest: s };
  const rest = before !== null ? s.slice(before[0].length) : s.slice(0, s.length - (after?.[0].length ?? 0));
  return { bound: MIN_BOUND_WORDS.has(word.toLowerCase()) ? 'min' : 'max', rest };
}

function parseUncached(raw: string, st: State, asDifference: boolean): QuantityParseResult {
  const text = raw.trim();
  if (text === '') return fail('quantity_empty', messages.empty());
  if (text.length > MAX_TEXT_LENGTH) return fail('quantity_too_long', messages.tooLong(text));
  const clipped = CLIPPED_KOREAN_UNIT.exec(text);
  const clippedWord = clipped === null ? undefined : KOREAN_UNIT_BY_WORD.get(clipped[1] ?? '');
  if (clippedWord?.ambiguous !== undefined) {
    return fail('quantity_ambiguous_unit', `cannot read "${text}": "${clippedWord.word}" is ambiguous; write ${clippedWord.ambiguous.join(' or ')}`);
  }
  const bounded = readBound(normalizeText(text));
  let s = bounded.rest;
  let bound = bounded.bound;
  // `±0.1 °C` alone says how far a value may stray: at most 0.1 °C of difference.
  const deviation = DEVIATION_PREFIX_RE.exec(s);
  if (deviation !== null) {
    s = s.slice(deviation[0].length);
    bound ??= 'max';
  }
  const delta = deviation === null ? DIFFERENCE_PREFIX_RE.exec(s) : null;
  if (delta !== null) s = s.slice(delta[0].length);
  const difference = asDifference || deviation !== null || delta !== null;
  if (NOT_FINITE_RE.test(s)) return fail('quantity_not_finite', messages.notFinite(text));
  const scanned = scan(s);
  if (!scanned) return fail('quantity_syntax', messages.syntax(text));

  const second = scanned.second;
  // `0.2 um ± 10%`: a tolerance in percent of a value that has a unit of its own.
  const relative = second?.kind === 'tolerance' && second.unit === '%' && scanned.firstUnit !== undefined && scanned.firstUnit !== '%';
  const lowUnitText = scanned.firstUnit ?? second?.unit;
  const highUnitText = relative ? scanned.firstUnit : (second?.unit ?? scanned.firstUnit);
  const unitOf = (written: string | undefined): UnitInfo | UnitFailure => {
    if (written === undefined) return DIMENSIONLESS;
    const unit = normalizeUnitTokens(written);
    return resolveUnit(difference ? asDifferenceUnit(unit) : unit, st);
  };
  const low = unitOf(lowUnitText);
  if (!low.ok) return unitFailure(text, low);
  const high = unitOf(highUnitText);
  if (!high.ok) return unitFailure(text, high);
  if (low.dimension !== high.dimension) {
    return fail('quantity_syntax', messages.mixedDimensions(text, low.dimension, high.dimension));
  }

  const spread = second?.kind === 'tolerance' ? (relative ? (scanned.first * second.n) / 100 : second.n) : 0;
  let written: readonly [number, number] =
    second === undefined
      ? [scanned.first, scanned.first]
      : second.kind === 'range'
        ? [scanned.first, second.n]
        : [scanned.first - spread, scanned.first + spread];
  // `-40 to -86 °C` is how freezers are written: from the warm end down. Only both ends below
  // zero read so; `5-1 um` stays an error.
  if (second?.kind === 'range' && written[0] < 0 && written[1] < 0 && written[0] > written[1]) {
    written = [written[1], written[0]];
  }
  if (!written.every(Number.isFinite)) return fail('quantity_not_finite', messages.notFinite(text));
  // `+ 0` turns -0 into 0 so that JSON and equality stay boring.
  const min = toCanonical(written[0], low, st) + 0;
  const max = toCanonical(written[1], high, st) + 0;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return fail('quantity_not_finite', messages.notFinite(text));
  }
  if (Math.abs(min) > MAX_CANONICAL || Math.abs(max) > MAX_CANONICAL) {
    return fail('quantity_out_of_range', messages.outOfRange(text));
  }
  // Judged on the canonical value so that -20 °C (253 K) is fine and -5 um is not.
  if (min < 0 || max < 0 || (second?.kind === 'tolerance' && second.n < 0)) {
    return fail('quantity_negative', messages.negative(text));
  }
  if (min > max) return fail('quantity_range_order', messages.rangeOrder(text));
  const value = second === undefined ? min : min + (max - min) / 2;
  const quantity: Quantity = { text, value, min, max, dimension: high.dimension, unit: high.unit };
  return { ok: true, quantity: Object.freeze(bound === undefined ? quantity : { ...quantity, bound }) };
}

/**
 * Reads a quantity such as `2,000 unit/year`, `0.1-0.2 µm` or `1 1/2 in` into a canonical
 * number with its dimension. Never throws; results are frozen and memoized, so the same text
 * returns the same object.
 *
 * @example
 * ```ts
 * parseQuantity('500 L per month');
 * // { ok: true, quantity: { text: '500 L per month', value: 1.9012852688e-7, min: …, max: …,
 * //   dimension: 'length^3/time', unit: 'L/month' } }
 * parseQuantity('5 bananas');
 * // { ok: false, code: 'quantity_unknown_unit', message: 'cannot read "5 bananas": unknown unit "bananas"' }
 * ```
 */
export function parseQuantity(text: string, options?: ParseQuantityOptions): QuantityParseResult {
  if (typeof text !== 'string') {
    return Object.freeze(fail('quantity_syntax', messages.notText(typeof text)));
  }
  const st = getState();
  const asDifference = options?.difference === true;
  // A difference reading is cached apart: the same text means another quantity.
  const key = asDifference ? `\u0000${text}` : text;
  const cached = st.parsed.get(key);
  if (cached) return cached;
  let result: QuantityParseResult;
  try {
    result = parseUncached(text, st, asDifference);
  } catch {
    // mathjs is validated input only, but "never throws" is a promise worth a safety net.
    result = fail('quantity_syntax', messages.syntax(text.trim()));
  }
  Object.freeze(result);
  if (text.length <= MAX_TEXT_LENGTH * 2) {
    if (st.parsed.size >= MAX_CACHED_TEXTS) st.parsed.clear();
    st.parsed.set(key, result);
  }
  return result;
}

/**
 * Whether a text is written as a quantity, readable or not: it starts with a number, after a
 * bound (`<`, `≥`, `NMT`, `max`, `at least`), a deviation (`±`) or a difference (`Δ`), or with
 * `pH` or `Shore A` before the number. Where a text that looks so fails {@link parseQuantity},
 * the failure is worth reporting (a typo in a unit), not a word to keep.
 *
 * @example
 * ```ts
 * looksLikeQuantity('NMT 0.25 EU/mL'); // true
 * looksLikeQuantity('PES');            // false
 * ```
 */
export function looksLikeQuantity(text: string): boolean {
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH * 2) return false;
  // Most texts settle at a glance: a leading number, or no digit at all (spec words).
  if (/^\s*[+-]?(?:\d|\.\d)/.test(text)) return true;
  if (!/[0-9０-９]/.test(text)) return false;
  let s = readBound(normalizeText(text)).rest;
  s = s.replace(DEVIATION_PREFIX_RE, '').replace(DIFFERENCE_PREFIX_RE, '');
  return /^[+-]?(?:\d|\.\d)/.test(s);
}

// A number glued to one capital letter other than V, W or A (which name no grade: `220V`).
const CODE_RE = /^\d+(?:\.\d+)?[B-UX-Z](?![A-Za-z])/;

/**
 * Whether a text starts with a code that looks like a quantity but is none: a number glued to
 * one capital letter, as grades, sizes and codes are written (`316L` steel, the sanitary size
 * `1.5S`, a `2R` vial, a `2D` bag), not litres, siemens or rankine. Volts, watts and amperes
 * keep their glued form (`220V`, `500W`, `10A`), which names no grade. A spec value that starts
 * so is a word; the rare real quantity is written with a space (`50 L`) or in full
 * (`1.5 siemens`). Free text needs its context to tell `50L` (a bag's volume) from `316L`.
 *
 * @example
 * ```ts
 * looksLikeCode('316L'); // true
 * looksLikeCode('50 L'); // false
 * looksLikeCode('220V'); // false
 * ```
 */
export function looksLikeCode(text: string): boolean {
  return typeof text === 'string' && CODE_RE.test(text.trim());
}

/**
 * Like {@link parseQuantity} but returns the quantity or throws an `Error` carrying the message
 * (and `{ code }` as its `cause`). For trusted inputs such as fixtures and tests.
 *
 * @example
 * ```ts
 * parseQuantityOrThrow('1/4 in').value; // 0.00635
 * parseQuantityOrThrow('abc');          // throws: cannot read "abc": expected a number ...
 * ```
 */
export function parseQuantityOrThrow(text: string, options?: ParseQuantityOptions): Quantity {
  const result = parseQuantity(text, options);
  if (!result.ok) throw new Error(result.message, { cause: { code: result.code } });
  return result.quantity;
}

/**
 * Compares the canonical values of two quantities. Different dimensions give
 * `comparable: false` with both signatures instead of an exception. Values within a relative
 * 1e-12 compare equal, so `1,000 unit/month` equals `12,000 unit/year` despite float rounding.
 *
 * @example
 * ```ts
 * compareQuantities(parseQuantityOrThrow('1,000 unit/month'), parseQuantityOrThrow('6,000 unit/year'));
 * // { comparable: true, ratio: 2.0000000000000004, cmp: 1 }
 * ```
 */
export function compareQuantities(a: Quantity, b: Quantity): Comparison {
  if (a.dimension !== b.dimension) {
    return { comparable: false, reason: 'dimension_mismatch', a: a.dimension, b: b.dimension };
  }
  const ratio = b.value === 0 ? Number.NaN : a.value / b.value;
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value));
  const cmp =
    Math.abs(a.value - b.value) <= EQUAL_RELATIVE_TOLERANCE * scale
      ? 0
      : a.value < b.value
        ? -1
        : 1;
  return { comparable: true, ratio, cmp };
}

/**
 * Whether two quantities have the same dimension signature and so can be compared.
 *
 * @example
 * ```ts
 * sameDimension(parseQuantityOrThrow('2 in'), parseQuantityOrThrow('50 mm')); // true
 * sameDimension(parseQuantityOrThrow('5 case'), parseQuantityOrThrow('5 ea')); // false
 * ```
 */
export function sameDimension(a: Quantity, b: Quantity): boolean {
  return a.dimension === b.dimension;
}

/**
 * Expresses a quantity's canonical value in another unit written like the input (`L/year`,
 * `unit per month`, `µm`). Returns `undefined` when the unit is unknown or of another dimension.
 *
 * @example
 * ```ts
 * convertQuantity(parseQuantityOrThrow('500 L/month'), 'L/year'); // 6000
 * convertQuantity(parseQuantityOrThrow('10 pairs'), 'pcs');       // undefined
 * ```
 */
export function convertQuantity(q: Quantity, unit: string): number | undefined {
  const st = getState();
  const info = unit.trim() === '' ? DIMENSIONLESS : resolveUnitText(unit, st);
  if (!info?.ok || info.dimension !== q.dimension) return undefined;
  return fromCanonical(q.value, info, st);
}

function formatNumber(x: number, st: State): string {
  if (!Number.isFinite(x)) return String(x);
  const v = x + 0;
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) {
    return st.scientificFormat.format(v).replace('E', 'e');
  }
  return st.plainFormat.format(v);
}

/**
 * Writes a canonical value in a unit for messages: at most 4 significant digits with thousands
 * separators. When the unit is unknown or does not fit the dimension, the canonical value is
 * shown with its dimension signature instead.
 *
 * @example
 * ```ts
 * const q = parseQuantityOrThrow('100 unit/month');
 * formatQuantityValue(q.value, q.dimension, 'unit/year'); // '1,200 unit/year'
 * formatQuantityValue(q.value, q.dimension, 'kg');        // '3.803e-5 (count/time in base units)'
 * ```
 */
export function formatQuantityValue(value: number, dimension: Dimension, unit: string): string {
  const st = getState();
  const info = unit.trim() === '' ? DIMENSIONLESS : resolveUnitText(unit, st);
  if (info?.ok && info.dimension === dimension) {
    const n = formatNumber(fromCanonical(value, info, st), st);
    return info.unit === '' ? n : `${n} ${info.unit}`;
  }
  return `${formatNumber(value, st)} (${dimension} in base units)`;
}

/**
 * The dimension of a difference between two values of `dimension`: a difference of
 * temperatures is a `temperature_difference` (it has a true zero); of anything else, the same
 * dimension. A tolerance of a value must have this dimension.
 *
 * @example
 * ```ts
 * differenceDimension('temperature'); // 'temperature_difference'
 * differenceDimension('length');      // 'length'
 * ```
 */
export function differenceDimension(dimension: Dimension): Dimension {
  return dimension === 'temperature' ? 'temperature_difference' : dimension;
}

const TEMPERATURE_DIFFERENCE_UNITS: Readonly<Record<string, readonly [string, number]>> = {
  degC: ['°C', 1], deltaC: ['°C', 1], degF: ['°F', 9 / 5], deltaF: ['°F', 9 / 5],
};

/**
 * Writes a distance between two values (a canonical difference) in a unit for messages. A
 * temperature's distance is a difference, shown in degrees of the unit (`0.1 °C`, `1.8 °F`,
 * else kelvin), never through the unit's offset; other distances read as values.
 *
 * @example
 * ```ts
 * formatQuantityDifference(0.1, 'temperature', 'degC'); // '0.1 °C'
 * formatQuantityDifference(2e-8, 'length', 'um');       // '0.02 um'
 * ```
 */
export function formatQuantityDifference(distance: number, dimension: Dimension, unit: string): string {
  if (dimension === 'temperature' || dimension === 'temperature_difference') {
    const [symbol, scale] = TEMPERATURE_DIFFERENCE_UNITS[unit] ?? ['K', 1];
    return `${formatNumber(distance * scale, getState())} ${symbol}`;
  }
  return formatQuantityValue(distance, dimension, unit);
}

const DIMENSION_NAMES: ReadonlyMap<Dimension, string> = new Map([
  ['dimensionless', 'dimensionless'],
  ['length', 'length'],
  ['length^2', 'area'],
  ['length^3', 'volume'],
  ['mass', 'mass'],
  ['time', 'time'],
  ['temperature', 'temperature'],
  ['temperature_difference', 'temperature difference'],
  ['1/time', 'frequency'],
  ['amount_of_substance', 'amount of substance'],
  ['count', 'count'],
  ['pair', 'pair'],
  ['set', 'set'],
  ['case', 'case'],
  ['endotoxin', 'endotoxin'],
  ['osmole', 'osmole'],
  ['cfu', 'CFU'],
  ['shore_a', 'Shore A hardness'],
  ['ibc', 'IBC'],
  ['drum', 'drum'],
  ['mass/length^3', 'mass concentration'],
  ['amount_of_substance/length^3', 'molar concentration'],
  ['osmole/mass', 'osmolality'],
  ['mass/length*time^2', 'pressure'],
  ['length^2/time^2', 'absorbed dose'],
]);

/**
 * A human name for a dimension signature, for messages: `length^3` is `volume`, and a
 * quotient of two named parts reads `X per Y`; anything else is returned as the signature.
 *
 * @example
 * ```ts
 * quantityDimensionName('length^3/time');      // 'volume per time'
 * quantityDimensionName('count/time');         // 'count per time'
 * quantityDimensionName('length^3/length^2');  // 'volume per area'
 * ```
 */
export function quantityDimensionName(dimension: Dimension): string {
  const direct = DIMENSION_NAMES.get(dimension);
  if (direct !== undefined) return direct;
  const parts = dimension.split('/');
  if (parts.length === 2) {
    const top = DIMENSION_NAMES.get(parts[0] ?? '');
    const bottom = DIMENSION_NAMES.get(parts[1] ?? '');
    if (top !== undefined && bottom !== undefined) return `${top} per ${bottom}`;
  }
  return dimension;
}

/** {@link isRate} by dimension: there are few dimensions and many quantities. */
const RATE_DIMENSIONS = new Map<Dimension, boolean>();

/**
 * Whether a quantity is an amount per unit of time (time to the power -1 in the denominator),
 * such as a capacity or a demand. Pressure and absorbed dose carry time^-2 and are not rates.
 *
 * @example
 * ```ts
 * isRate(parseQuantityOrThrow('500 L/month')); // true
 * isRate(parseQuantityOrThrow('3 bar'));       // false
 * ```
 */
export function isRate(q: Quantity): boolean {
  let rate = RATE_DIMENSIONS.get(q.dimension);
  if (rate === undefined) {
    const [numerator, denominator] = q.dimension.split('/');
    // `1/time` (Hz, rpm, %/year) is a frequency, not an amount per time.
    rate = numerator !== '1' && denominator !== undefined && denominator.split('*').includes('time');
    if (RATE_DIMENSIONS.size >= MAX_CACHED_UNITS) RATE_DIMENSIONS.clear();
    RATE_DIMENSIONS.set(q.dimension, rate);
  }
  return rate;
}
