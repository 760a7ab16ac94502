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
  | 'quantity_too_long';

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
interface UnitFailure {
  readonly ok: false;
  readonly token: string;
}

interface State {
  readonly math: MathJsInstance;
  readonly baseNames: readonly string[];
  readonly parsed: Map<string, QuantityParseResult>;
  readonly units: Map<string, UnitInfo | UnitFailure>;
  readonly plainFormat: Intl.NumberFormat;
  readonly scientificFormat: Intl.NumberFormat;
}

let state: State | undefined;

function getState(): State {
  state ??= buildState();
  return state;
}

const COUNT_ALIASES = [
  'unit', 'units', 'ea', 'each', 'piece', 'pieces', 'pc', 'plate', 'plates', 'vial', 'vials',
  'bag', 'bags', 'cycle', 'cycles', 'cassette', 'cassettes', 'capsule', 'capsules',
  'cartridge', 'cartridges', 'pod', 'pods',
] as const;

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
  math.createUnit('set', { baseName: 'set', aliases: ['sets'] });
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

  return math;
}

function buildState(): State {
  const math = createQuantityMath();
  return {
    math,
    baseNames: math.Unit.BASE_DIMENSIONS.map((name) => name.toLowerCase()),
    parsed: new Map(),
    units: new Map(),
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
  ...['pair', 'pairs', 'set', 'sets', 'case', 'cases', 'drum', 'drums'].map(
    (w): [string, string] => [w, w],
  ),
  ...['year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours']
    .map((w): [string, string] => [w, w]),
  ...['yr', 'yrs', 'mo', 'mos', 'wk', 'wks'].map((w): [string, string] => [w, w]),
  ['annum', 'year'],
  ['ibc', 'IBC'], ['ibcs', 'IBCs'], ['eu', 'EU'], ['cfu', 'CFU'], ['shorea', 'ShoreA'],
  ['mosm', 'mOsm'], ['osm', 'Osm'], ['kda', 'kDa'], ['kgy', 'kGy'],
]);

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
    .replace(/[µμ]/g, 'u')
    .replace(/[⁄∕]/g, '/')
    .replace(/[−‐‑‒]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
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

function resolveUnitUncached(unit: string, st: State): UnitInfo | UnitFailure {
  const mathText = unit.replace(/%/g, 'percent');
  let u: Unit;
  try {
    u = st.math.unit(1, mathText);
  } catch {
    const unknown = (unit.match(/%|[A-Za-z][A-Za-z0-9_]*/g) ?? []).find(
      (token) => !st.math.Unit.isValuelessUnit(token === '%' ? 'percent' : token),
    );
    return Object.freeze({ ok: false, token: unknown ?? unit });
  }
  const only = u.units.length === 1 ? u.units[0] : undefined;
  const affine = only !== undefined && only.power === 1 && only.unit.offset !== 0;
  return Object.freeze({
    ok: true,
    unit,
    mathText,
    dimension: dimensionOf(u, st.baseNames),
    factor: typeof u.value === 'number' ? u.value : Number(u.value),
    affine,
  });
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
  const normalized = normalizeText(text);
  if (!UNIT_EXACT.test(normalized)) return undefined;
  return resolveUnit(normalizeUnitTokens(normalized), st);
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
const DECIMAL_RE =
  /((?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?|\.\d+)(?:[eE]([+-]?\d+)| ?[x×*] ?10\^([+-]?\d+))?/y;
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
    const mantissa = decimal[1].replace(/,/g, '');
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

function parseUncached(raw: string, st: State): QuantityParseResult {
  const text = raw.trim();
  if (text === '') return fail('quantity_empty', messages.empty());
  if (text.length > MAX_TEXT_LENGTH) return fail('quantity_too_long', messages.tooLong(text));
  const s = normalizeText(text);
  if (NOT_FINITE_RE.test(s)) return fail('quantity_not_finite', messages.notFinite(text));
  const scanned = scan(s);
  if (!scanned) return fail('quantity_syntax', messages.syntax(text));

  const lowUnitText = scanned.firstUnit ?? scanned.second?.unit;
  const highUnitText = scanned.second?.unit ?? scanned.firstUnit;
  const low = lowUnitText === undefined ? DIMENSIONLESS : resolveUnit(normalizeUnitTokens(lowUnitText), st);
  if (!low.ok) return fail('quantity_unknown_unit', messages.unknownUnit(text, low.token));
  const high =
    highUnitText === undefined ? DIMENSIONLESS : resolveUnit(normalizeUnitTokens(highUnitText), st);
  if (!high.ok) return fail('quantity_unknown_unit', messages.unknownUnit(text, high.token));
  if (low.dimension !== high.dimension) {
    return fail('quantity_syntax', messages.mixedDimensions(text, low.dimension, high.dimension));
  }

  const second = scanned.second;
  const written: readonly [number, number] =
    second === undefined
      ? [scanned.first, scanned.first]
      : second.kind === 'range'
        ? [scanned.first, second.n]
        : [scanned.first - second.n, scanned.first + second.n];
  if (!written.every(Number.isFinite)) return fail('quantity_not_finite', messages.notFinite(text));
  // `+ 0` turns -0 into 0 so that JSON and equality stay boring.
  const min = toCanonical(written[0], low, st) + 0;
  const max = toCanonical(written[1], high, st) + 0;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return fail('quantity_not_finite', messages.notFinite(text));
  }
  // Judged on the canonical value so that -20 °C (253 K) is fine and -5 um is not.
  if (min < 0 || max < 0 || (second?.kind === 'tolerance' && second.n < 0)) {
    return fail('quantity_negative', messages.negative(text));
  }
  if (min > max) return fail('quantity_range_order', messages.rangeOrder(text));
  const value = second === undefined ? min : min + (max - min) / 2;
  return {
    ok: true,
    quantity: Object.freeze({ text, value, min, max, dimension: high.dimension, unit: high.unit }),
  };
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
export function parseQuantity(text: string): QuantityParseResult {
  if (typeof text !== 'string') {
    return Object.freeze(fail('quantity_syntax', messages.notText(typeof text)));
  }
  const st = getState();
  const cached = st.parsed.get(text);
  if (cached) return cached;
  let result: QuantityParseResult;
  try {
    result = parseUncached(text, st);
  } catch {
    // mathjs is validated input only, but "never throws" is a promise worth a safety net.
    result = fail('quantity_syntax', messages.syntax(text.trim()));
  }
  Object.freeze(result);
  if (text.length <= MAX_TEXT_LENGTH * 2) {
    if (st.parsed.size >= MAX_CACHED_TEXTS) st.parsed.clear();
    st.parsed.set(text, result);
  }
  return result;
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
export function parseQuantityOrThrow(text: string): Quantity {
  const result = parseQuantity(text);
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

const DIMENSION_NAMES: ReadonlyMap<Dimension, string> = new Map([
  ['dimensionless', 'dimensionless'],
  ['length', 'length'],
  ['length^2', 'area'],
  ['length^3', 'volume'],
  ['mass', 'mass'],
  ['time', 'time'],
  ['temperature', 'temperature'],
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
    const denominator = q.dimension.split('/')[1];
    rate = denominator !== undefined && denominator.split('*').includes('time');
    if (RATE_DIMENSIONS.size >= MAX_CACHED_UNITS) RATE_DIMENSIONS.clear();
    RATE_DIMENSIONS.set(q.dimension, rate);
  }
  return rate;
}
