import { z } from 'zod';
import type { Item } from '../model/item.js';
import { differenceDimension, formatQuantityDifference, formatQuantityValue, looksLikeQuantity, parseQuantity, type Quantity } from '../model/quantity.js';
import { readSpecValue, type SpecRequirement, type SpecValue } from '../model/spec.js';
import { BUILTIN_SPEC_VOCABULARY, compileVocabulary, SpecVocabularySchema } from '../model/vocabulary.js';
import { blockValues, indexOf, Interner, type BlockValues } from './compact.js';
import { clampScore, defineCriterion, notApplicable, reason, type Pair, type PreparedLine, type PreparedOffering, type Reason, sentence, type Verdict } from './criterion.js';
import { CANNOT_FAIL, packVerdict, QUICK_NOT_APPLICABLE, withQuick } from './fast.js';
import { lineIds, offeringIds, flatKey, signature, VerdictShare } from './share.js';
import { datumNumber, datumText, deficitSize, type CriterionDeficits } from './deficit.js';

/** The spec a record states under `key`: its own property only (`constructor` is not a spec every object has). */
function ownSpec(specs: Readonly<Record<string, SpecValue>>, key: string): SpecValue | undefined {
  return Object.hasOwn(specs, key) ? specs[key] : undefined;
}

/**
 * Reason codes of {@link specFitCriterion}. `unmet`, `missing` and `incomparable` on a required
 * spec fail the gate; the `preferred_*` codes only lower the score.
 *
 * @example
 * verdict.reasons.some((r) => r.code === SPEC_FIT_REASONS.unmet); // => true when a required spec is off
 */
export const SPEC_FIT_REASONS = {
  met: 'spec.met',
  ratingEquivalence: 'spec.rating_equivalence',
  unmet: 'spec.unmet',
  preferredUnmet: 'spec.preferred_unmet',
  missing: 'spec.missing',
  preferredMissing: 'spec.preferred_missing',
  incomparable: 'spec.incomparable',
  fromCatalog: 'spec.from_catalog',
  none: 'spec.none',
} as const;

/**
 * Options of {@link specFitCriterion}.
 *
 * @example
 * SpecFitOptionsSchema.parse({ ...specFitCriterion.meta.defaults, missingRequired: 'ignore' });
 */
export const SpecFitOptionsSchema = z.strictObject({
  /** Spec keys that hold filter ratings, where 0.2 µm and 0.22 µm (and anything between) are one rating. */
  ratingKeys: z.array(z.string().min(1)).max(100),
  /** When the offering does not state a spec, read it from the catalog item it is offered as. */
  useCatalogSpecs: z.boolean(),
  /** A required spec nobody states: `fail` rejects the pair, `ignore` lets it through (still scored 0). */
  missingRequired: z.enum(['fail', 'ignore']),
  /** Relative tolerance of an `eq` requirement that gives none; only absorbs float rounding. */
  defaultTolerance: z.number().min(0).max(1),
  /** Synonyms and inclusions of spec words (`STS304` = `SUS304`; `nationwide` covers `Incheon`). */
  vocabulary: SpecVocabularySchema,
});
/**
 * Validated options of {@link specFitCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: SpecFitOptions = { ratingKeys: ['poreSize'], useCatalogSpecs: false, missingRequired: 'fail', defaultTolerance: 1e-9 };
 */
export type SpecFitOptions = z.infer<typeof SpecFitOptionsSchema>;

// Sterilizing-grade filters are sold as 0.2 µm or 0.22 µm for the same retention (docs/domain.md);
// every length in this band is one rating. The slack absorbs float error from unit conversion.
const RATING_LOW = 0.2e-6;
const RATING_HIGH = 0.22e-6;
const RATING_SLACK = 1e-6;
const inRatingBand = (x: number): boolean =>
  x >= RATING_LOW * (1 - RATING_SLACK) && x <= RATING_HIGH * (1 + RATING_SLACK);

// Cost per offering of the batch path relative to capacity's (see `Judge.cost`): set at twice
// capacity's when spec fit read its values from objects; with slots and per-slot verdicts it now
// measures about capacity's on the synthetic benchmark data (22 against 29 ns per pair), and the
// matcher's order per line (by what each criterion takes off the totals) corrects for it.
const SPEC_FIT_COST = 2;

// An unmet quantity never scores above this, so that meeting a spec always beats nearly meeting it.
const NEAR_MISS_CEILING = 0.9;

interface Interval {
  readonly lo: number;
  readonly hi: number;
}

type Outcome =
  | { readonly status: 'met'; readonly viaRating: boolean }
  | {
      readonly status: 'unmet';
      readonly deviation: number | undefined;
      /** For a quantity: how far off, in canonical units of `dimension` (for temperatures, shown as a difference). */
      readonly gap?: { readonly distance: number; readonly dimension: string };
    }
  | { readonly status: 'incomparable'; readonly offered: string; readonly required: string };

const MET: Outcome = { status: 'met', viaRating: false };
const UNMET_WORD: Outcome = { status: 'unmet', deviation: undefined };

/** Words compare without case, spaces, hyphens or underscores (`Pt-cured` = `pt cured`). */
const normalizeWord = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s\-_]+/g, '');

/**
 * normalizeWord, then the word that stands for its synonyms, with a memo: spec words are few
 * (materials, forms) and compared for every pair.
 */
function memoizedNormalizeWord(canonical: (word: string) => string): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let w = memo.get(s);
    if (w === undefined) {
      w = canonical(normalizeWord(s));
      if (memo.size >= 10_000) memo.clear();
      memo.set(s, w);
    }
    return w;
  };
}

const wordsOf = (v: SpecValue, normalize: (s: string) => string = normalizeWord): readonly string[] | undefined =>
  v.kind === 'text' ? [normalize(v.value)] : v.kind === 'set' ? v.values.map(normalize) : undefined;

/** The words an offered value holds, each with the words it covers (an offered `nationwide` holds `Incheon`). */
const offeredWordsOf = (v: SpecValue, normalize: (s: string) => string, covered: (w: string) => readonly string[]): readonly string[] | undefined =>
  wordsOf(v, normalize)?.flatMap(covered);

const kindName = (v: SpecValue): string =>
  v.kind === 'quantity'
    ? v.quantity.dimension
    : v.kind === 'quantities'
      ? [...new Set(v.quantities.map((q) => q.dimension))].join(', ')
      : v.kind === 'flag'
        ? 'flag'
        : 'word';

/** A spec value as people wrote it. */
function showValue(v: SpecValue): string {
  switch (v.kind) {
    case 'quantity':
      return v.quantity.text;
    case 'quantities':
      return v.text;
    case 'text':
      return v.value;
    case 'set':
      return v.values.join(', ');
    case 'flag':
      return v.value ? 'yes' : 'no';
  }
}

/** `poreSize` → `pore size`, for sentences. */
const shownKeys = new Map<string, string>();
const showKey = (key: string): string => {
  let shown = shownKeys.get(key);
  if (shown === undefined) {
    shown = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').toLowerCase();
    // Spec keys are few; a bound keeps odd data from growing the memo without end.
    if (shownKeys.size >= 10_000) shownKeys.clear();
    shownKeys.set(key, shown);
  }
  return shown;
};

/** The requirement as a phrase: `0.2 um ±5%`, `at least 50 L`, `one of PES, PVDF`. */
function showRequirement(req: SpecRequirement): string {
  const v = req.value === undefined ? '' : showValue(req.value);
  switch (req.op) {
    case 'eq':
      return req.tolerance === undefined ? v : `${v} ±${req.tolerance.text.replace(/^[±+]\s*/, '')}`;
    case 'min':
      return `at least ${v}`;
    case 'max':
      return `at most ${v}`;
    case 'range':
      return req.value !== undefined
        ? v
        : `${req.min === undefined ? '?' : showValue(req.min)} to ${req.max === undefined ? '?' : showValue(req.max)}`;
    case 'oneOf':
      return `one of ${(req.values ?? []).join(', ')}`;
  }
}

/**
 * The accepted interval of a quantity requirement (tolerance included) and its core (the
 * values asked for, which deviations are measured from), or why there is none.
 */
function requiredInterval(
  req: SpecRequirement,
  defaultTolerance: number,
): { accept: Interval; core: Interval; dimension: string } | { incomparable: string } | undefined {
  const q = (v: SpecValue | undefined): Quantity | undefined => (v?.kind === 'quantity' ? v.quantity : undefined);
  switch (req.op) {
    case 'eq': {
      const v = q(req.value);
      if (v === undefined) return undefined;
      let tol = defaultTolerance * v.value;
      if (req.tolerance?.kind === 'relative') tol = req.tolerance.fraction * v.value;
      else if (req.tolerance?.kind === 'absolute') {
        if (req.tolerance.quantity.dimension !== differenceDimension(v.dimension)) return { incomparable: req.tolerance.quantity.dimension };
        tol = req.tolerance.quantity.value;
      }
      const core = { lo: v.min, hi: v.max };
      return { accept: { lo: core.lo - tol, hi: core.hi + tol }, core, dimension: v.dimension };
    }
    case 'min': {
      const v = q(req.value);
      if (v === undefined) return undefined;
      const core = { lo: v.min, hi: Number.POSITIVE_INFINITY };
      return { accept: core, core, dimension: v.dimension };
    }
    case 'max': {
      const v = q(req.value);
      if (v === undefined) return undefined;
      const core = { lo: Number.NEGATIVE_INFINITY, hi: v.max };
      return { accept: core, core, dimension: v.dimension };
    }
    case 'range': {
      const v = q(req.value);
      if (v !== undefined) {
        const core = { lo: v.min, hi: v.max };
        return { accept: core, core, dimension: v.dimension };
      }
      const lo = q(req.min);
      const hi = q(req.max);
      if (lo === undefined || hi === undefined) return undefined;
      if (lo.dimension !== hi.dimension) return { incomparable: `${lo.dimension} to ${hi.dimension}` };
      // An inverted range (min above max) is read as the range it spans rather than as nothing.
      const core = { lo: Math.min(lo.min, hi.min), hi: Math.max(lo.max, hi.max) };
      return { accept: core, core, dimension: lo.dimension };
    }
    case 'oneOf':
      return undefined;
  }
}


/**
 * Judges an offered interval against a required one of `dimension`, with the rating rule when it
 * applies: {@link intervalDeviation}'s verdict, with how far off for the reasons.
 */
function judgeInterval(
  offered: Interval,
  req: { accept: Interval; core: Interval },
  rating: boolean,
  dimension: string,
): Outcome {
  writeBounds(scratchBounds, 0, req.accept, req.core);
  const d = intervalDeviation(offered.lo, offered.hi, scratchBounds, 0, rating);
  if (d === DEVIATION_MET) return MET;
  if (d === DEVIATION_MET_RATING) return { status: 'met', viaRating: true };
  // The deviation was measured from these ends: widened to the rating band under the rating rule.
  const at = rating ? 6 : 2;
  const gap = outsideBy(rating ? widenLow(offered.lo) : offered.lo, rating ? widenHigh(offered.hi) : offered.hi, scratchBounds[at] as number, scratchBounds[at + 1] as number);
  return { status: 'unmet', deviation: d, gap: { distance: Math.abs(gap), dimension } };
}

type RequiredInterval = ReturnType<typeof requiredInterval>;

/** What the judge works out once per requirement (see `create`). */
interface Known {
  readonly interval: RequiredInterval;
  readonly rating: boolean;
  readonly wanted: ReadonlySet<string> | undefined;
  readonly normalize: (s: string) => string;
  /** The words a word covers, itself included (see SpecVocabulary). */
  readonly covered: (word: string) => readonly string[];
}

// The compact form of a spec value held by a column slot (see `create`): a quantity's
// dimension id (0 and up) or one of these.
const SLOT_MISSING = -1;
const SLOT_WORDS = -2;
const SLOT_FALSE = -3;
const SLOT_TRUE = -4;
// A value the numbers do not hold (a list of quantities): judged by `assess` itself.
const SLOT_VALUE = -5;

// How a compiled requirement compares (see CompiledRequirement).
const OP_INTERVAL = 0;
const OP_ANY_WORD = 1;
const OP_ALL_WORDS = 2;
const OP_FLAG = 3;
const OP_NEVER = 4;
// A requirement the numbers do not hold (a required list): every slot judged by `assess` itself.
const OP_ASSESS = 5;

// What slotDeviation gives besides a deviation: met, or unmet without a deviation (a word or
// flag off, or values that cannot be compared). intervalDeviation also tells a quantity met only
// under the rating rule (DEVIATION_MET_RATING), which slotDeviation counts as met.
const DEVIATION_MET = -1;
const DEVIATION_NONE = -2;
const DEVIATION_MET_RATING = -3;

/**
 * How far lo..hi lies outside coreLo..coreHi, in canonical units: negative below it, positive
 * above, 0 when they overlap.
 */
function outsideBy(lo: number, hi: number, coreLo: number, coreHi: number): number {
  if (hi < coreLo) return hi - coreLo;
  if (lo > coreHi) return lo - coreHi;
  return 0;
}
/** How far lo..hi lies outside coreLo..coreHi, relative to the nearer end of the core (1 where that end is not above 0). */
function deviationOf(lo: number, hi: number, coreLo: number, coreHi: number): number {
  const gap = outsideBy(lo, hi, coreLo, coreHi);
  if (gap < 0) return coreLo > 0 ? -gap / coreLo : 1;
  if (gap > 0) return coreHi > 0 ? gap / coreHi : 1;
  return 0;
}
/** An outcome of {@link assess} as slotDeviation gives it: DEVIATION_MET, a deviation or DEVIATION_NONE. */
const outcomeDeviation = (o: Outcome): number =>
  o.status === 'met' ? DEVIATION_MET : o.status === 'unmet' && o.deviation !== undefined ? o.deviation : DEVIATION_NONE;

/**
 * What one requirement adds to the total whose mean over the line's requirements is the score,
 * from its deviation as slotDeviation gives it: 1 when met, `0.9 × (1 − min(1, d))` for a quantity
 * off by `d`, 0 for anything else unmet (a word, a flag, a value that cannot be compared). The
 * one statement of spec fit's scoring: every path adds these.
 */
const creditOf = (deviation: number): number =>
  deviation === DEVIATION_MET ? 1 : deviation === DEVIATION_NONE ? 0 : NEAR_MISS_CEILING * (1 - Math.min(1, deviation));
/** The score of a line's total over its `requirements` (see creditOf). */
const scoreOf = (total: number, requirements: number): number => clampScore(total / requirements);
const widenLow = (x: number): number => (inRatingBand(x) ? RATING_LOW : x);
const widenHigh = (x: number): number => (inRatingBand(x) ? RATING_HIGH : x);

/**
 * The bounds of a required interval as {@link judgeInterval} reads them, at `at` in `b`: accept
 * lo and hi, core lo and hi, then the same four widened to the rating band.
 */
const BOUNDS = 8;
/** Bounds of the required interval {@link judgeInterval} reads (see writeBounds); judging is synchronous, so one buffer serves. */
const scratchBounds = new Float64Array(BOUNDS);
function writeBounds(b: Float64Array, at: number, accept: Interval, core: Interval): void {
  b[at] = accept.lo;
  b[at + 1] = accept.hi;
  b[at + 2] = core.lo;
  b[at + 3] = core.hi;
  b[at + 4] = widenLow(accept.lo);
  b[at + 5] = widenHigh(accept.hi);
  b[at + 6] = widenLow(core.lo);
  b[at + 7] = widenHigh(core.hi);
}

/**
 * The interval test, once: the offered lo..hi against the required interval whose bounds are at
 * `at` in `b` (see writeBounds). Met when it overlaps the accepted interval (DEVIATION_MET), or,
 * with the rating rule, when both widened to the 0.2–0.22 µm band overlap (DEVIATION_MET_RATING);
 * else its deviation from the core (widened alike under the rating rule).
 */
function intervalDeviation(lo: number, hi: number, b: Float64Array, at: number, rating: boolean): number {
  if (lo <= (b[at + 1] as number) && hi >= (b[at] as number)) return DEVIATION_MET;
  if (!rating) return deviationOf(lo, hi, b[at + 2] as number, b[at + 3] as number);
  const wlo = widenLow(lo);
  const whi = widenHigh(hi);
  if (wlo <= (b[at + 5] as number) && whi >= (b[at + 4] as number)) return DEVIATION_MET_RATING;
  return deviationOf(wlo, whi, b[at + 6] as number, b[at + 7] as number);
}

/**
 * A requirement compiled against the run's dimension and word ids, for judging compact slots
 * (see `create`): the decisions of {@link assess} on numbers.
 */
class CompiledRequirement {
  /** For OP_INTERVAL: the required dimension's id; for OP_FLAG: SLOT_TRUE or SLOT_FALSE. */
  dimension = SLOT_MISSING;
  /** For OP_INTERVAL: see {@link writeBounds}. */
  readonly bounds = new Float64Array(BOUNDS);
  /** For OP_INTERVAL: whether the rating band applies. */
  rating = false;
  /** For OP_ANY_WORD and OP_ALL_WORDS: the word ids asked for. */
  words: Int32Array = new Int32Array(0);
  /**
   * For OP_ANY_WORD, built on first use: the listed values that read as quantities, as
   * dimension ids, bounds (BOUNDS each) and whether the rating band applies.
   */
  alternatives: { readonly dimensions: Int32Array; readonly bounds: Float64Array; readonly rating: Uint8Array } | undefined;
  constructor(
    readonly op: number,
    readonly required: boolean,
  ) {}
}

/**
 * The deviation of slot `slot` of a column from a compiled requirement, as {@link assess} would
 * judge its value: DEVIATION_MET, a deviation (unmet quantity) or DEVIATION_NONE (unmet word or
 * flag, incomparable). Not for SLOT_MISSING; a quantity against OP_ANY_WORD reads
 * `c.alternatives`, which the caller builds first.
 */
function slotDeviation(
  c: CompiledRequirement,
  kind: number,
  lo: number,
  hi: number,
  words: Int32Array,
  from: number,
  to: number,
): number {
  switch (c.op) {
    case OP_INTERVAL: {
      if (kind !== c.dimension) return DEVIATION_NONE;
      const d = intervalDeviation(lo, hi, c.bounds, 0, c.rating);
      return d === DEVIATION_MET_RATING ? DEVIATION_MET : d;
    }
    case OP_FLAG:
      return kind === c.dimension ? DEVIATION_MET : DEVIATION_NONE;
    case OP_ALL_WORDS: {
      if (kind !== SLOT_WORDS) return DEVIATION_NONE;
      // Capability: an offered set of words meets `eq` when it holds every word asked for.
      const wanted = c.words;
      for (let w = 0; w < wanted.length; w++) {
        let held = false;
        for (let j = from; j < to && !held; j++) held = words[j] === wanted[w];
        if (!held) return DEVIATION_NONE;
      }
      return DEVIATION_MET;
    }
    case OP_ANY_WORD: {
      if (kind === SLOT_WORDS) {
        const wanted = c.words;
        for (let j = from; j < to; j++) for (let w = 0; w < wanted.length; w++) if (words[j] === wanted[w]) return DEVIATION_MET;
        return DEVIATION_NONE;
      }
      if (kind < 0) return DEVIATION_NONE;
      // A quantity: met when any listed size is met, else the nearest of the same dimension.
      const a = c.alternatives;
      if (a === undefined) return DEVIATION_NONE;
      let found = false;
      let best = 0;
      for (let v = 0; v < a.dimensions.length; v++) {
        if (a.dimensions[v] !== kind) continue;
        const d = intervalDeviation(lo, hi, a.bounds, v * BOUNDS, a.rating[v] === 1);
        if (d === DEVIATION_MET || d === DEVIATION_MET_RATING) return DEVIATION_MET;
        if (!found || d < best) best = d;
        found = true;
      }
      return found ? best : DEVIATION_NONE;
    }
    default:
      return DEVIATION_NONE;
  }
}

/** A `oneOf` value as a quantity, read as a spec value is (`316L` is a grade, no quantity), or undefined. */
function listedQuantity(text: string): Quantity | undefined {
  const read = readSpecValue(text);
  return read.ok && read.value.kind === 'quantity' ? read.value.quantity : undefined;
}

function assess(
  req: SpecRequirement,
  offered: SpecValue,
  ratingKey: boolean,
  defaultTolerance: number,
  // requiredInterval(req, defaultTolerance), when the caller has it already.
  known?: Known,
): Outcome {
  const normalize = known?.normalize ?? normalizeWord;
  const covered = known?.covered ?? ((w: string): readonly string[] => [w]);
  // A required list (`eq "220V/60Hz"`) asks for each of its quantities.
  if (req.value?.kind === 'quantities') {
    let worst: Outcome = MET;
    for (const quantity of req.value.quantities) {
      const each: SpecRequirement = { ...req, value: { kind: 'quantity', quantity } };
      const one = assess(each, offered, ratingKey, defaultTolerance, known === undefined ? undefined : { ...known, interval: requiredInterval(each, defaultTolerance) });
      if (one.status === 'met') {
        if (worst.status === 'met' && one.viaRating) worst = one;
      } else if (worst.status !== 'incomparable' && (one.status === 'incomparable' || worst.status === 'met' || (one.deviation ?? 1) > (worst.deviation ?? 1))) {
        worst = one;
      }
    }
    return worst;
  }
  // An offered list (`120 / 225 / 325 mm`) meets what any of its quantities meets.
  if (offered.kind === 'quantities') {
    let best: Outcome | undefined;
    for (const quantity of offered.quantities) {
      const one = assess(req, { kind: 'quantity', quantity }, ratingKey, defaultTolerance, known);
      if (one.status === 'met') return one;
      if (best === undefined || (best.status === 'incomparable' && one.status === 'unmet') || (best.status === 'unmet' && one.status === 'unmet' && (one.deviation ?? 1) < (best.deviation ?? 1))) best = one;
    }
    return best ?? { status: 'incomparable', offered: kindName(offered), required: 'quantity' };
  }
  if (req.op === 'oneOf') {
    const values = req.values ?? [];
    if (offered.kind === 'quantity') {
      // `oneOf: ['10 kDa', '30 kDa']` against a MWCO: met when any listed size is offered.
      const o = { lo: offered.quantity.min, hi: offered.quantity.max };
      let best: Outcome | undefined;
      let otherDimension: string | undefined;
      for (const text of values) {
        const v = listedQuantity(text);
        if (v === undefined) continue;
        if (v.dimension !== offered.quantity.dimension) {
          otherDimension ??= v.dimension;
          continue;
        }
        const tol = defaultTolerance * v.value;
        const core = { lo: v.min, hi: v.max };
        const outcome = judgeInterval(o, { accept: { lo: core.lo - tol, hi: core.hi + tol }, core }, ratingKey && v.dimension === 'length', v.dimension);
        if (outcome.status === 'met') return outcome;
        if (
          best === undefined ||
          (best.status === 'unmet' && outcome.status === 'unmet' && (outcome.deviation ?? 1) < (best.deviation ?? 1))
        )
          best = outcome;
      }
      return best ?? { status: 'incomparable', offered: offered.quantity.dimension, required: otherDimension ?? 'word' };
    }
    const words = offeredWordsOf(offered, normalize, covered);
    if (words === undefined) return { status: 'incomparable', offered: kindName(offered), required: 'word' };
    const wanted = known?.wanted ?? new Set(values.map(normalize));
    return words.some((w) => wanted.has(w)) ? MET : UNMET_WORD;
  }

  const value = req.value;
  if (req.op === 'eq' && value !== undefined && value.kind !== 'quantity') {
    if (value.kind === 'flag') {
      if (offered.kind !== 'flag') return { status: 'incomparable', offered: kindName(offered), required: 'flag' };
      return offered.value === value.value ? MET : UNMET_WORD;
    }
    const offeredWords = offeredWordsOf(offered, normalize, covered);
    if (offeredWords === undefined) return { status: 'incomparable', offered: kindName(offered), required: 'word' };
    // Capability: an offered set of materials meets `eq` when it holds every word asked for.
    const held = new Set(offeredWords);
    return (wordsOf(value, normalize) ?? []).every((w) => held.has(w)) ? MET : UNMET_WORD;
  }

  const interval = known === undefined ? requiredInterval(req, defaultTolerance) : known.interval;
  if (interval === undefined) return { status: 'incomparable', offered: kindName(offered), required: 'quantity' };
  if ('incomparable' in interval) return { status: 'incomparable', offered: kindName(offered), required: interval.incomparable };
  if (offered.kind !== 'quantity' || offered.quantity.dimension !== interval.dimension)
    return { status: 'incomparable', offered: kindName(offered), required: interval.dimension };
  return judgeInterval(
    { lo: offered.quantity.min, hi: offered.quantity.max },
    interval,
    ratingKey && interval.dimension === 'length',
    interval.dimension,
  );
}

/** The offered value in the requirement's unit, when the units differ: ` (0.2520 in)`. */
function inRequiredUnit(req: SpecRequirement, offered: SpecValue): string {
  const ref = req.value ?? req.min ?? req.max;
  if (offered.kind !== 'quantity' || ref?.kind !== 'quantity') return '';
  const o = offered.quantity;
  if (o.unit === ref.quantity.unit || ref.quantity.unit === '' || o.dimension !== ref.quantity.dimension) return '';
  // A difference of temperatures shows in degrees of the required unit, never through its offset.
  const show = (x: number): string =>
    o.dimension === 'temperature_difference' ? formatQuantityDifference(x, o.dimension, ref.quantity.unit) : formatQuantityValue(x, o.dimension, ref.quantity.unit);
  return ` (${o.min === o.max ? show(o.value) : `${show(o.min)} to ${show(o.max)}`})`;
}

/**
 * How far off an unmet quantity is, for messages: in percent of what was asked, but for
 * temperatures (absolute or differences, whose percent means nothing) in degrees, in the unit
 * the requirement is written in: `0.1 °C`.
 */
function howFarOff(req: SpecRequirement, gap: { readonly distance: number; readonly dimension: string } | undefined, d: number): string {
  if (gap !== undefined && (gap.dimension === 'temperature' || gap.dimension === 'temperature_difference')) {
    const ref = req.value ?? req.min ?? req.max;
    const unit = ref?.kind === 'quantity' ? ref.quantity.unit : ref?.kind === 'quantities' ? (ref.quantities[0]?.unit ?? '') : '';
    return formatQuantityDifference(gap.distance, gap.dimension, unit);
  }
  return `${(d * 100).toFixed(1)}%`;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;


/** `innerDiameter` → `inner diameter` in a deficit's words; `pH`, `dbc` and `mwco` stay as they are. */
const deficitKey = (key: string): string => key.replace(/([a-z0-9])([A-Z])(?=[a-z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/[_.-]+/g, ' ');

/** A value that meets a spec requirement (the lower end of a range, the first of a `oneOf`). */
function meetingValue(req: SpecRequirement): SpecValue | undefined {
  switch (req.op) {
    case 'eq':
    case 'min':
    case 'max':
      return req.value;
    case 'range':
      return req.value ?? req.min;
    case 'oneOf': {
      const first = req.values?.[0];
      if (first === undefined) return undefined;
      if (looksLikeQuantity(first)) {
        const parsed = parseQuantity(first);
        if (parsed.ok) return { kind: 'quantity', quantity: parsed.quantity };
      }
      return { kind: 'text', value: first };
    }
  }
}

/** What spec fit's reasons mean for gap analysis (see `CriterionDeficits`). */
const SPEC_FIT_DEFICITS: CriterionDeficits = {
  kind: 'spec',
  // Making the item to the required spec is process development.
  support: { 'spec.*': 'technical' },
  read(code, data) {
    const key = deficitKey(datumText(data, 'key'));
    switch (code) {
      case 'spec.unmet':
      case 'spec.preferred_unmet': {
        const deviation = datumNumber(data, 'deviation');
        const off = deviation === undefined ? '' : ` (${Math.round(deviation * 1000) / 10}% off)`;
        const preferred = code === 'spec.preferred_unmet' ? ' (preferred)' : '';
        return { summary: `${key} ${datumText(data, 'offered')} vs ${datumText(data, 'required')}${off}${preferred}`, remedy: `its ${key} were ${datumText(data, 'required')}`, size: deficitSize(deviation) };
      }
      case 'spec.missing':
      case 'spec.preferred_missing':
        return { summary: `${key} not stated (${datumText(data, 'required')} ${code === 'spec.missing' ? 'required' : 'preferred'})`, remedy: `its ${key} were shown to be ${datumText(data, 'required')}`, size: 1 };
      case 'spec.incomparable':
        return { summary: `${key} ${datumText(data, 'offered')} cannot be compared with ${datumText(data, 'required')}`, remedy: `its ${key} were ${datumText(data, 'required')}`, size: 1 };
      default:
        return undefined;
    }
  },
  // The spec set to the required value.
  close(deficit, offering, { line, original }) {
    const key = String(deficit.data.key ?? '');
    const importance = deficit.data.importance;
    const req = line.specs.find((s) => s.key === key && (importance === undefined || s.importance === importance)) ?? line.specs.find((s) => s.key === key);
    const value = req === undefined ? undefined : meetingValue(req);
    if (value === undefined) return undefined;
    if (offering.specs[key] !== original.specs[key]) return 'met';
    const shown = value.kind === 'quantity' ? value.quantity.text : value.kind === 'quantities' ? value.text : value.kind === 'set' ? value.values.join('|') : String(value.value);
    return { offering: { ...offering, specs: { ...offering.specs, [key]: value } }, change: `set ${key} to ${shown}` };
  },
};

/**
 * Spec fit: does the offering meet each spec requirement of the line? Offered ranges are
 * capabilities (a supplier offering 50–90 µm can make 60 µm). Units convert (`1/4 in` against
 * `6.4 mm`), 0.2 µm and 0.22 µm filter ratings are one rating, a required spec that is unmet,
 * missing or stated in another dimension fails the gate, a preferred one only lowers the score.
 *
 * Score: the mean over requirements of their closeness. A met requirement counts 1. An unmet
 * quantity counts `0.9 × (1 − min(1, d))`, where `d` is the relative deviation from the nearer
 * end of what was asked (so a miss never beats a hit and a 100 % miss counts 0); an unmet word
 * or flag, a missing spec and an incomparable one count 0. Not applicable without spec requirements.
 *
 * @example
 * const judge = specFitCriterion.create(specFitCriterion.meta.defaults, context);
 * judge(pair); // line asks poreSize eq '0.22 um', offering states '0.2 um'
 * // => { applicable: true, pass: true, score: 1, reasons: [{ code: 'spec.met', ... }, { code: 'spec.rating_equivalence', ... }] }
 */
export const specFitCriterion = defineCriterion({
  meta: {
    id: 'specFit',
    description: 'the offering meets the spec requirements of the line (units converted, ranges as capabilities)',
    kind: 'both',
    deficits: SPEC_FIT_DEFICITS,
    options: SpecFitOptionsSchema,
    defaults: {
      ratingKeys: ['poreSize', 'retentionRating'],
      useCatalogSpecs: true,
      missingRequired: 'fail',
      defaultTolerance: 1e-9,
      vocabulary: BUILTIN_SPEC_VOCABULARY,
    },
  },
  create(options, context) {
    const ratingKeys = new Set(options.ratingKeys.map((k) => k.toLowerCase()));
    const missingFails = options.missingRequired === 'fail';

    const catalogItemOfOffering = (offering: PreparedOffering): Item | undefined => {
      const named = offering.offering.item;
      if (named !== undefined) return context.items.get(named);
      // Resolutions list the best match first.
      const top = offering.resolution.items[0];
      return top === undefined ? undefined : context.items.get(top.item);
    };
    /** The spec an offering states under `key`, else (with `useCatalogSpecs`) its catalog item's, and that item. */
    const offeredSpec = (offering: PreparedOffering, key: string): { readonly value: SpecValue | undefined; readonly fromCatalog: Item | undefined } => {
      const own = ownSpec(offering.offering.specs, key);
      if (own !== undefined || !options.useCatalogSpecs) return { value: own, fromCatalog: undefined };
      const item = catalogItemOfOffering(offering);
      const value = item === undefined ? undefined : ownSpec(item.specs, key);
      return { value, fromCatalog: value === undefined ? undefined : item };
    };

    // Per requirement (they repeat for every candidate of a line): the interval it accepts and
    // whether its key is a filter rating. Shared by every path, so they cannot disagree.
    const vocabulary = compileVocabulary(options.vocabulary, normalizeWord);
    const normalize = memoizedNormalizeWord(vocabulary.canonical);
    const covered = vocabulary.covered;
    const prepared = new WeakMap<SpecRequirement, Known>();
    const preparedOf = (req: SpecRequirement): Known => {
      let p = prepared.get(req);
      if (p === undefined) {
        p = {
          interval: req.op === 'oneOf' || (req.op === 'eq' && req.value !== undefined && req.value.kind !== 'quantity') ? undefined : requiredInterval(req, options.defaultTolerance),
          rating: ratingKeys.has(req.key.toLowerCase()),
          wanted: req.op === 'oneOf' ? new Set((req.values ?? []).map(normalize)) : undefined,
          normalize,
          covered,
        };
        prepared.set(req, p);
      }
      return p;
    };

    // Compact data: per spec key, each offering's value as the judge reads it (its own, else its
    // catalog item's when `useCatalogSpecs`) as a slot number, built in one pass over the
    // offerings' own entries on first use. Values that `assess` cannot tell apart (same
    // dimension and bounds; same normalized words, a text being a set of one word; same flag)
    // share a slot; slot 0 is "not stated". Per slot, its value in numbers: a dimension id and
    // bounds, or word ids. A key that objects inherit (`constructor`) has no column: such a
    // requirement is read from the objects, as the judge does.
    interface Column {
      /** Per offering (by index in `context.offerings`), its slot. */
      readonly slots: Int32Array;
      /** Per slot: a quantity's dimension id, else SLOT_MISSING, SLOT_WORDS, SLOT_FALSE or SLOT_TRUE. */
      readonly kinds: Int32Array;
      /** Per slot: a quantity's min and max. */
      readonly lo: Float64Array;
      readonly hi: Float64Array;
      /** Per slot s: its word ids (with the words they cover) are `words[wordStart[s]..wordStart[s + 1])`. */
      readonly wordStart: Int32Array;
      readonly words: Int32Array;
      /** Per slot: its value, for the slots judged by `assess` (SLOT_VALUE, OP_ASSESS). */
      readonly values: readonly (SpecValue | undefined)[];
    }
    const dimensionIds = new Interner<string>();
    const wordIds = new Interner<string>();
    let columns: Map<string, Column> | undefined;
    let emptyColumn: Column | undefined;
    const slotKey = (v: SpecValue): string => {
      switch (v.kind) {
        case 'quantity':
          return `q${v.quantity.dimension}\u0000${v.quantity.min}\u0000${v.quantity.max}`;
        case 'quantities':
          return `l${v.quantities.map((q) => `${q.dimension}\u0000${q.min}\u0000${q.max}`).join('\u0001')}`;
        case 'text':
          return `w${normalize(v.value)}`;
        case 'set':
          return v.values.length === 1 ? `w${normalize(v.values[0] as string)}` : `s${JSON.stringify(v.values.map(normalize))}`;
        case 'flag':
          return v.value ? 'f1' : 'f0';
      }
    };
    const compactColumn = (slots: Int32Array, values: readonly (SpecValue | undefined)[]): Column => {
      const n = values.length;
      const kinds = new Int32Array(n);
      const lo = new Float64Array(n);
      const hi = new Float64Array(n);
      const wordStart = new Int32Array(n + 1);
      const words: number[] = [];
      for (let s = 0; s < n; s++) {
        const v = values[s];
        wordStart[s] = words.length;
        if (v === undefined) kinds[s] = SLOT_MISSING;
        else if (v.kind === 'quantity') {
          kinds[s] = dimensionIds.id(v.quantity.dimension);
          lo[s] = v.quantity.min;
          hi[s] = v.quantity.max;
        } else if (v.kind === 'flag') kinds[s] = v.value ? SLOT_TRUE : SLOT_FALSE;
        else if (v.kind === 'quantities') kinds[s] = SLOT_VALUE;
        else {
          kinds[s] = SLOT_WORDS;
          // The same words as assess reads from an offered value.
          for (const w of offeredWordsOf(v, normalize, covered) ?? []) words.push(wordIds.id(w));
        }
      }
      wordStart[n] = words.length;
      return { slots, kinds, lo, hi, wordStart, words: Int32Array.from(words), values };
    };
    const columnOf = (key: string): Column | undefined => {
      if (key in Object.prototype) return undefined;
      const n = context.offerings?.length ?? 0;
      if (columns === undefined) {
        type Building = { slots: Int32Array; values: (SpecValue | undefined)[]; byKey: Map<string, number> };
        // Per key its column, or null for a key that objects inherit.
        const built = new Map<string, Building | null>();
        const offerings = context.offerings ?? [];
        const column = (k: string): Building | null => {
          let c = built.get(k);
          if (c === undefined) {
            c = k in Object.prototype ? null : { slots: new Int32Array(n), values: [undefined], byKey: new Map() };
            built.set(k, c);
          }
          return c;
        };
        const slotOf = (c: Building, v: SpecValue): number => {
          const sk = slotKey(v);
          let slot = c.byKey.get(sk);
          if (slot === undefined) {
            slot = c.values.length;
            c.values.push(v);
            c.byKey.set(sk, slot);
          }
          return slot;
        };
        // A catalog item's specs as (column, slot) pairs, worked out once per item.
        const itemSlots = new Map<Item, { readonly columns: Building[]; readonly slots: number[] }>();
        for (let i = 0; i < offerings.length; i++) {
          const o = offerings[i] as PreparedOffering;
          const specs = o.offering.specs;
          for (const k of Object.keys(specs)) {
            const c = column(k);
            if (c !== null) c.slots[i] = slotOf(c, specs[k] as SpecValue);
          }
          if (!options.useCatalogSpecs) continue;
          const item = catalogItemOfOffering(o);
          if (item === undefined) continue;
          let fromItem = itemSlots.get(item);
          if (fromItem === undefined) {
            fromItem = { columns: [], slots: [] };
            for (const [k, v] of Object.entries(item.specs)) {
              const c = column(k);
              if (c === null) continue;
              fromItem.columns.push(c);
              fromItem.slots.push(slotOf(c, v));
            }
            itemSlots.set(item, fromItem);
          }
          for (let e = 0; e < fromItem.columns.length; e++) {
            const c = fromItem.columns[e] as Building;
            if (c.slots[i] === 0) c.slots[i] = fromItem.slots[e] as number;
          }
        }
        columns = new Map();
        for (const [k, c] of built) if (c !== null) columns.set(k, compactColumn(c.slots, c.values));
      }
      return columns.get(key) ?? (emptyColumn ??= compactColumn(new Int32Array(n), [undefined]));
    };

    // Per requirement, its compiled form (see CompiledRequirement), from the same Known as assess.
    const compiled = new WeakMap<SpecRequirement, CompiledRequirement>();
    const compiledOf = (req: SpecRequirement): CompiledRequirement => {
      let c = compiled.get(req);
      if (c !== undefined) return c;
      const known = preparedOf(req);
      const required = req.importance === 'required';
      const value = req.value;
      if (value?.kind === 'quantities') c = new CompiledRequirement(OP_ASSESS, required);
      else if (req.op === 'oneOf') {
        c = new CompiledRequirement(OP_ANY_WORD, required);
        c.words = Int32Array.from(known.wanted ?? [], (w) => wordIds.id(w));
      } else if (req.op === 'eq' && value !== undefined && value.kind !== 'quantity') {
        if (value.kind === 'flag') {
          c = new CompiledRequirement(OP_FLAG, required);
          c.dimension = value.value ? SLOT_TRUE : SLOT_FALSE;
        } else {
          c = new CompiledRequirement(OP_ALL_WORDS, required);
          c.words = Int32Array.from(wordsOf(value, normalize) ?? [], (w) => wordIds.id(w));
        }
      } else {
        const interval = known.interval;
        if (interval === undefined || 'incomparable' in interval) c = new CompiledRequirement(OP_NEVER, required);
        else {
          c = new CompiledRequirement(OP_INTERVAL, required);
          c.dimension = dimensionIds.id(interval.dimension);
          writeBounds(c.bounds, 0, interval.accept, interval.core);
          c.rating = known.rating && interval.dimension === 'length';
        }
      }
      compiled.set(req, c);
      return c;
    };
    /** The listed values of a `oneOf` that read as quantities, compiled as `assess` reads them. */
    const alternativesOf = (req: SpecRequirement, c: CompiledRequirement): NonNullable<CompiledRequirement['alternatives']> => {
      if (c.alternatives !== undefined) return c.alternatives;
      const rating = preparedOf(req).rating;
      const quantities: Quantity[] = [];
      for (const text of req.values ?? []) {
        const v = listedQuantity(text);
        if (v !== undefined) quantities.push(v);
      }
      const bounds = new Float64Array(quantities.length * BOUNDS);
      quantities.forEach((v, i) => {
        const tol = options.defaultTolerance * v.value;
        const core = { lo: v.min, hi: v.max };
        writeBounds(bounds, i * BOUNDS, { lo: core.lo - tol, hi: core.hi + tol }, core);
      });
      c.alternatives = {
        dimensions: Int32Array.from(quantities, (v) => dimensionIds.id(v.dimension)),
        bounds,
        rating: Uint8Array.from(quantities, (v) => (rating && v.dimension === 'length' ? 1 : 0)),
      };
      return c.alternatives;
    };

    // The plan of the current line, for the paths that read offerings by index: per
    // requirement its compiled form, its column and, per slot of that column, what the slot's
    // value scores (0 when not stated) and whether it fails the gate, worked out on first sight
    // within the line (a slot counts when its stamp is the line's generation). The per-slot
    // buffers belong to requirement positions and are reused from line to line.
    let planLine: PreparedLine | undefined;
    // False when a requirement has no column (see columnOf): the line is then read from objects.
    let planIndexed = false;
    let planRequirements: readonly SpecRequirement[] = [];
    let planKnown: Known[] = [];
    let planCompiled: CompiledRequirement[] = [];
    let planColumns: Column[] = [];
    let generation = 0;
    const stamps: Int32Array[] = [];
    const contributions: Float64Array[] = [];
    const failing: Uint8Array[] = [];
    let failed = new Uint8Array(256);

    const enterLine = (line: PreparedLine): void => {
      if (line === planLine) return;
      planLine = line;
      planRequirements = line.line.specs;
      planKnown = planRequirements.map(preparedOf);
      generation += 1;
      const found = context.offerings === undefined ? [] : planRequirements.map((req) => columnOf(req.key));
      planIndexed = context.offerings !== undefined && found.every((c) => c !== undefined);
      planColumns = planIndexed ? (found as Column[]) : [];
      planCompiled = planIndexed ? planRequirements.map(compiledOf) : [];
      for (let r = 0; r < planColumns.length; r++) {
        const size = (planColumns[r] as Column).kinds.length;
        if (r >= stamps.length || (stamps[r] as Int32Array).length < size) {
          const capacity = Math.max(size, 16);
          stamps[r] = new Int32Array(capacity);
          contributions[r] = new Float64Array(capacity);
          failing[r] = new Uint8Array(capacity);
        }
      }
    };

    /** What the slot's value adds to the total for requirement r of the plan, and whether it fails the gate. */
    const judgeSlot = (r: number, slot: number): void => {
      const c = planCompiled[r] as CompiledRequirement;
      const column = planColumns[r] as Column;
      const kind = column.kinds[slot] as number;
      let contribution = 0;
      let fails: boolean;
      if (kind === SLOT_MISSING) fails = c.required && missingFails;
      else {
        const req = planRequirements[r] as SpecRequirement;
        if (c.op === OP_ANY_WORD && kind >= 0) alternativesOf(req, c);
        const d =
          c.op === OP_ASSESS || kind === SLOT_VALUE
            ? outcomeDeviation(assess(req, column.values[slot] as SpecValue, (planKnown[r] as Known).rating, options.defaultTolerance, planKnown[r] as Known))
            : slotDeviation(c, kind, column.lo[slot] as number, column.hi[slot] as number, column.words, column.wordStart[slot] as number, column.wordStart[slot + 1] as number);
        contribution = creditOf(d);
        fails = d !== DEVIATION_MET && c.required;
      }
      (stamps[r] as Int32Array)[slot] = generation;
      (contributions[r] as Float64Array)[slot] = contribution;
      (failing[r] as Uint8Array)[slot] = fails ? 1 : 0;
    };

    /**
     * The packed verdicts of offerings `indexes[0..count)` against the plan's line, into `out`:
     * requirement after requirement, each offering's slot looked up and its total summed in
     * `out` in the judge's order (a missing spec adds 0, which changes no total); the last
     * requirement's pass also packs the verdict.
     */
    const judgeIndexed = (indexes: Int32Array, count: number, out: Float64Array): void => {
      const requirements = planRequirements.length;
      if (failed.length < count) failed = new Uint8Array(Math.max(count, failed.length * 2));
      const fails = failed;
      const g = generation;
      for (let r = 0; r < requirements; r++) {
        const slots = (planColumns[r] as Column).slots;
        const stamp = stamps[r] as Int32Array;
        const contribution = contributions[r] as Float64Array;
        const failure = failing[r] as Uint8Array;
        const last = r === requirements - 1;
        if (r === 0 && last) {
          for (let k = 0; k < count; k++) {
            const slot = slots[indexes[k] as number] as number;
            if (stamp[slot] !== g) judgeSlot(r, slot);
            out[k] = packVerdict(true, failure[slot] === 0, scoreOf(0 + (contribution[slot] as number), requirements));
          }
        } else if (r === 0) {
          for (let k = 0; k < count; k++) {
            const slot = slots[indexes[k] as number] as number;
            if (stamp[slot] !== g) judgeSlot(r, slot);
            out[k] = 0 + (contribution[slot] as number);
            fails[k] = failure[slot] as number;
          }
        } else if (!last) {
          for (let k = 0; k < count; k++) {
            const slot = slots[indexes[k] as number] as number;
            if (stamp[slot] !== g) judgeSlot(r, slot);
            out[k] = (out[k] as number) + (contribution[slot] as number);
            fails[k] = (fails[k] as number) | (failure[slot] as number);
          }
        } else {
          for (let k = 0; k < count; k++) {
            const slot = slots[indexes[k] as number] as number;
            if (stamp[slot] !== g) judgeSlot(r, slot);
            const pass = ((fails[k] as number) | (failure[slot] as number)) === 0;
            out[k] = packVerdict(true, pass, scoreOf((out[k] as number) + (contribution[slot] as number), requirements));
          }
        }
      }
    };

    // The distinct slots of each block of offerings, by column, for the ceiling.
    const columnBlocks = new WeakMap<Column, BlockValues>();
    /**
     * Per requirement the best a block's distinct values add, summed as judgeIndexed sums (a
     * sum of maxima is at least the maximum of the sums; every verdict applies when the line
     * has specs).
     */
    const ceiling = (line: PreparedLine, block: number): number => {
      const requirements = line.line.specs.length;
      if (requirements === 0) return 1;
      enterLine(line);
      if (!planIndexed) return 1;
      const g = generation;
      let total = 0;
      for (let r = 0; r < requirements; r++) {
        const column = planColumns[r] as Column;
        let blocks = columnBlocks.get(column);
        if (blocks === undefined) {
          blocks = blockValues(column.slots);
          columnBlocks.set(column, blocks);
        }
        const stamp = stamps[r] as Int32Array;
        const contribution = contributions[r] as Float64Array;
        let best = 0;
        for (let k = blocks.starts[block] as number, end = blocks.starts[block + 1] as number; k < end; k++) {
          const slot = blocks.values[k] as number;
          if (stamp[slot] !== g) judgeSlot(r, slot);
          if ((contribution[slot] as number) > best) best = contribution[slot] as number;
        }
        total = r === 0 ? 0 + best : total + best;
      }
      return scoreOf(total, requirements);
    };

    const one = new Int32Array(1);
    const oneOut = new Float64Array(1);
    /** The judge's arithmetic without the sentences. */
    const quick = (pair: Pair): number => {
      const requirements = pair.line.line.specs;
      if (requirements.length === 0) return QUICK_NOT_APPLICABLE;
      enterLine(pair.line);
      const i = indexOf(pair, context.offerings);
      if (i >= 0 && planIndexed) {
        one[0] = i;
        judgeIndexed(one, 1, oneOut);
        return oneOut[0] as number;
      }
      let pass = true;
      let total = 0;
      for (let r = 0; r < requirements.length; r++) {
        const req = requirements[r] as SpecRequirement;
        const required = req.importance === 'required';
        const offered = offeredSpec(pair.offering, req.key).value;
        if (offered === undefined) {
          if (required && missingFails) pass = false;
          continue;
        }
        const known = planKnown[r] as Known;
        const outcome = assess(req, offered, known.rating, options.defaultTolerance, known);
        total += creditOf(outcomeDeviation(outcome));
        if (outcome.status !== 'met' && required) pass = false;
      }
      return packVerdict(true, pass, scoreOf(total, requirements.length));
    };

    // A line with a requirement that has no column goes through `quick` offering by offering,
    // with one pair object rewritten for each.
    const slowPair: { line: PreparedLine; offering: PreparedOffering; scores: Readonly<Record<string, number>>; index: number } = {
      line: undefined as unknown as PreparedLine,
      offering: undefined as unknown as PreparedOffering,
      scores: {},
      index: -1,
    };
    const batch = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array): void => {
      if (line.line.specs.length === 0) {
        out.fill(QUICK_NOT_APPLICABLE, 0, count);
        return;
      }
      enterLine(line);
      if (planIndexed) {
        judgeIndexed(indexes, count, out);
        return;
      }
      const offerings = context.offerings ?? [];
      slowPair.line = line;
      for (let k = 0; k < count; k++) {
        const i = indexes[k] as number;
        slowPair.offering = offerings[i] as PreparedOffering;
        slowPair.index = i;
        out[k] = quick(slowPair);
      }
    };

    const full = (pair: Pair): Verdict => {
      const requirements = pair.line.line.specs;
      if (requirements.length === 0)
        return notApplicable(reason(SPEC_FIT_REASONS.none, 'The demand line has no spec requirements.'));

      const reasons: Reason[] = [];
      let pass = true;
      let total = 0;

      for (const req of requirements) {
        const required = req.importance === 'required';
        const name = showKey(req.key);
        const wanted = showRequirement(req);
        const { value: offered, fromCatalog } = offeredSpec(pair.offering, req.key);
        if (offered !== undefined && fromCatalog !== undefined)
          reasons.push(
            reason(
              SPEC_FIT_REASONS.fromCatalog,
              sentence(`The offering does not state its ${name}; the catalog item ${fromCatalog.id} gives ${showValue(offered)}`),
              { key: req.key, item: fromCatalog.id, offered: showValue(offered) },
            ),
          );

        if (offered === undefined) {
          const failing = required && options.missingRequired === 'fail';
          if (failing) pass = false;
          reasons.push(
            reason(
              required ? SPEC_FIT_REASONS.missing : SPEC_FIT_REASONS.preferredMissing,
              `The offering does not state its ${name} (${required ? 'required' : 'preferred'}: ${wanted})${
                required && !failing ? '; let through because missing specs are ignored' : ''
              }.`,
              { key: req.key, required: wanted, importance: req.importance },
              // A required spec let through by `missingRequired: 'ignore'` still scores 0.
              failing ? 'failure' : 'shortfall',
            ),
          );
          continue;
        }

        const shown = showValue(offered);
        const known = preparedOf(req);
        const outcome = assess(req, offered, known.rating, options.defaultTolerance, known);
        total += creditOf(outcomeDeviation(outcome));
        switch (outcome.status) {
          case 'met':
            reasons.push(
              reason(SPEC_FIT_REASONS.met, sentence(`The ${name} ${shown}${inRequiredUnit(req, offered)} meets the requirement ${wanted}`), {
                key: req.key,
                offered: shown,
                required: wanted,
              }),
            );
            if (outcome.viaRating)
              reasons.push(
                reason(
                  SPEC_FIT_REASONS.ratingEquivalence,
                  `The ${name} ${shown} counts as ${wanted}: 0.2 µm and 0.22 µm filter ratings are the same rating.`,
                  { key: req.key, offered: shown, required: wanted },
                ),
              );
            break;
          case 'unmet': {
            if (required) pass = false;
            const d = outcome.deviation;
            const off = d === undefined ? '' : `: ${howFarOff(req, outcome.gap, d)} off`;
            reasons.push(
              reason(
                required ? SPEC_FIT_REASONS.unmet : SPEC_FIT_REASONS.preferredUnmet,
                sentence(`${capitalize(name)} ${shown}${inRequiredUnit(req, offered)} vs ${req.importance} ${wanted}${off}`),
                d === undefined
                  ? { key: req.key, offered: shown, required: wanted, importance: req.importance }
                  : { key: req.key, offered: shown, required: wanted, importance: req.importance, deviation: round4(d) },
                required ? 'failure' : 'shortfall',
              ),
            );
            break;
          }
          case 'incomparable':
            if (required) pass = false;
            reasons.push(
              reason(
                SPEC_FIT_REASONS.incomparable,
                `The ${name} ${shown} (${outcome.offered}) cannot be compared with the ${req.importance} ${wanted} (${outcome.required}).`,
                {
                  key: req.key,
                  offered: shown,
                  required: wanted,
                  importance: req.importance,
                  offeredDimension: outcome.offered,
                  requiredDimension: outcome.required,
                },
                required ? 'failure' : 'shortfall',
              ),
            );
            break;
        }
      }

      return { applicable: true, pass, score: scoreOf(total, requirements.length), reasons };
    };
    // The verdict depends on the line's requirements, and on the offering's own specs and the
    // catalog item it would take missing specs from.
    const share = new VerdictShare();
    const lineId = lineIds((line) => signature(line.line.specs));
    // An offering's part: the catalog item missing specs come from, then each spec's key, kind
    // and value (a set with its size first), one exact flatKey of them all. A quantity counts by
    // its object: parsed once per distinct text and never changed, so one object is one value
    // (equal quantities that are distinct objects only share less).
    const quantityIds = new Interner<object>();
    const offeringId = offeringIds((offering) => {
      const parts: (string | number | undefined)[] = [options.useCatalogSpecs ? catalogItemOfOffering(offering)?.id : undefined];
      const specs = offering.offering.specs as Readonly<Record<string, SpecValue>>;
      for (const k in specs) {
        if (!Object.hasOwn(specs, k)) continue;
        const v = specs[k] as SpecValue;
        if (v.kind === 'quantity') parts.push(k, 'q', quantityIds.id(v.quantity));
        else if (v.kind === 'text') parts.push(k, 't', v.value);
        else if (v.kind === 'flag') parts.push(k, 'f', v.value ? 1 : 0);
        else if (v.kind === 'quantities') parts.push(k, 'l', v.quantities.length, ...v.quantities.map((q) => quantityIds.id(q)));
        else parts.push(k, 's', v.values.length, ...v.values);
      }
      return flatKey(...parts);
    }, context.offerings);
    /**
     * Only a `required` requirement fails the gate, adding at most a near miss's credit to the
     * total; every other adds at most 1. (Raised by a trillionth, for the rounding of the sums.)
     */
    const failingCeiling = (line: PreparedLine): number => {
      const requirements = line.line.specs;
      if (!requirements.some((req) => req.importance === 'required')) return CANNOT_FAIL;
      return Math.min(1, (requirements.length - 1 + NEAR_MISS_CEILING) / requirements.length + 1e-12);
    };
    return withQuick(
      (pair) => share.judgeIds(lineId(pair.line), offeringId(pair), pair, full),
      quick,
      context.offerings === undefined ? { failing: failingCeiling } : { batch, cost: SPEC_FIT_COST, ceiling, failing: failingCeiling },
    );
  },
});
