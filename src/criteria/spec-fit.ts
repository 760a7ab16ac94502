import { z } from 'zod';
import type { Item } from '../model/item.js';
import { differenceDimension, formatQuantityDifference, formatQuantityValue, looksLikeQuantity, parseQuantity, type Quantity } from '../model/quantity.js';
import { readSpecValue, type SpecRequirement, type SpecValue } from '../model/spec.js';
import { BUILTIN_SPEC_VOCABULARY, compileVocabulary, SpecVocabularySchema } from '../model/vocabulary.js';
import { Interner } from './compact.js';
import { definePartsCriterion, type PreparedOffering, sentence } from './criterion.js';
import { Outcome as PartOutcome, type Report } from './derive.js';
import { flatKey } from './share.js';
import { deficitSize, type CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

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

/** The data of a requirement judged against a stated value: the spec's key, the value shown and what was asked. */
const JUDGED_DATA = { key: 'string', offered: 'string', required: 'string' } as const;

/**
 * What each reason code of {@link specFitCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link SpecFitReason} is derived from it. `key` is the spec's key, `required`
 * the requirement as written, `offered` the value the offering states (or its catalog item gives).
 *
 * @example
 * SPEC_FIT_REASON_DECLARATIONS['spec.unmet'].data.deviation; // => { type: 'number', optional: true }
 */
export const SPEC_FIT_REASON_DECLARATIONS = {
  [SPEC_FIT_REASONS.met]: { severity: 'info', description: 'the stated value meets the requirement', data: JUDGED_DATA },
  [SPEC_FIT_REASONS.ratingEquivalence]: { severity: 'info', description: 'met because 0.2 µm and 0.22 µm filter ratings are one rating', data: JUDGED_DATA },
  [SPEC_FIT_REASONS.unmet]: {
    severity: 'failure',
    description: 'a required spec is not met (deviation: relative, for quantities)',
    data: { ...JUDGED_DATA, importance: 'string', deviation: { type: 'number', optional: true } },
  },
  [SPEC_FIT_REASONS.preferredUnmet]: {
    severity: 'shortfall',
    description: 'a preferred spec is not met (deviation: relative, for quantities)',
    data: { ...JUDGED_DATA, importance: 'string', deviation: { type: 'number', optional: true } },
  },
  [SPEC_FIT_REASONS.missing]: {
    severity: ['failure', 'shortfall'],
    description: "the offering does not state a required spec: a failure unless missingRequired is 'ignore'",
    data: { key: 'string', required: 'string', importance: 'string' },
  },
  [SPEC_FIT_REASONS.preferredMissing]: { severity: 'shortfall', description: 'the offering does not state a preferred spec', data: { key: 'string', required: 'string', importance: 'string' } },
  [SPEC_FIT_REASONS.incomparable]: {
    severity: ['failure', 'shortfall'],
    description: 'the stated value and the requirement are of different dimensions: a failure for a required spec',
    data: { ...JUDGED_DATA, importance: 'string', offeredDimension: 'string', requiredDimension: 'string' },
  },
  [SPEC_FIT_REASONS.fromCatalog]: { severity: 'info', description: "the offering does not state the spec; its catalog item's value is used", data: { key: 'string', item: 'string', offered: 'string' } },
  [SPEC_FIT_REASONS.none]: { severity: 'info', description: 'the line has no spec requirements: not applicable', data: {} },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link specFitCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'spec.unmet') r.data.deviation; // => 0.25 (or undefined for a word or flag)
 */
export type SpecFitReason = DeclaredReason<typeof SPEC_FIT_REASON_DECLARATIONS>;

const specFitReason = reasonMaker(SPEC_FIT_REASON_DECLARATIONS);

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

// Cost per offering of the derived batch path relative to capacity's (see `Judge.cost`): set at
// twice capacity's when spec fit read its values from objects; with a slot and a table read per
// requirement it measured about capacity's on the synthetic benchmark data, and the matcher's
// order per line (by what each criterion takes off the totals) corrects for it.
const SPEC_FIT_COST = 2;

// An unmet quantity never scores above this, so that meeting a spec always beats nearly meeting it.
const NEAR_MISS_CEILING = 0.9;

interface Interval {
  readonly lo: number;
  readonly hi: number;
}

type Assessment =
  | { readonly status: 'met'; readonly viaRating: boolean }
  | {
      readonly status: 'unmet';
      readonly deviation: number | undefined;
      /** For a quantity: how far off, in canonical units of `dimension` (for temperatures, shown as a difference). */
      readonly gap?: { readonly distance: number; readonly dimension: string };
    }
  | { readonly status: 'incomparable'; readonly offered: string; readonly required: string };

const MET: Assessment = { status: 'met', viaRating: false };
const UNMET_WORD: Assessment = { status: 'unmet', deviation: undefined };

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
): Assessment {
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

/** What the rule works out once per requirement (see `preparedOf` in the rule). */
interface Known {
  readonly interval: RequiredInterval;
  readonly rating: boolean;
  readonly wanted: ReadonlySet<string> | undefined;
  readonly normalize: (s: string) => string;
  /** The words a word covers, itself included (see SpecVocabulary). */
  readonly covered: (word: string) => readonly string[];
}

/**
 * An offering's fact for one spec key, as spec fit's rule reads it: the value, and the catalog
 * item it comes from when the offering does not state it (for the reasons).
 */
interface SpecFact {
  readonly value: SpecValue;
  readonly item: string | undefined;
}

// What intervalDeviation gives besides a deviation: met, met only under the rating rule, or
// (for outcomeDeviation) unmet without a deviation (a word or flag off, or values that cannot
// be compared).
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
/** An outcome of {@link assess} as a number: DEVIATION_MET, a deviation or DEVIATION_NONE. */
const outcomeDeviation = (o: Assessment): number =>
  o.status === 'met' ? DEVIATION_MET : o.status === 'unmet' && o.deviation !== undefined ? o.deviation : DEVIATION_NONE;

/**
 * What one requirement adds to the total whose mean over the line's requirements is the score,
 * from its deviation as outcomeDeviation gives it: 1 when met, `0.9 × (1 − min(1, d))` for a quantity
 * off by `d`, 0 for anything else unmet (a word, a flag, a value that cannot be compared). The
 * one statement of spec fit's scoring: the rule's parts credit these, and the derived paths add them.
 */
const creditOf = (deviation: number): number =>
  deviation === DEVIATION_MET ? 1 : deviation === DEVIATION_NONE ? 0 : NEAR_MISS_CEILING * (1 - Math.min(1, deviation));
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
): Assessment {
  const normalize = known?.normalize ?? normalizeWord;
  const covered = known?.covered ?? ((w: string): readonly string[] => [w]);
  // A required list (`eq "220V/60Hz"`) asks for each of its quantities.
  if (req.value?.kind === 'quantities') {
    let worst: Assessment = MET;
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
    let best: Assessment | undefined;
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
      let best: Assessment | undefined;
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
const SPEC_FIT_DEFICITS: CriterionDeficits<SpecFitReason> = {
  kind: 'spec',
  // Making the item to the required spec is process development.
  support: { 'spec.*': 'technical' },
  read(code, data, _message) {
    if (code === SPEC_FIT_REASONS.none) return undefined;
    const key = deficitKey(data.key);
    switch (code) {
      case 'spec.unmet':
      case 'spec.preferred_unmet': {
        const deviation = data.deviation;
        const off = deviation === undefined ? '' : ` (${Math.round(deviation * 1000) / 10}% off)`;
        const preferred = code === 'spec.preferred_unmet' ? ' (preferred)' : '';
        return { summary: `${key} ${data.offered} vs ${data.required}${off}${preferred}`, remedy: `its ${key} were ${data.required}`, size: deficitSize(deviation) };
      }
      case 'spec.missing':
      case 'spec.preferred_missing':
        return { summary: `${key} not stated (${data.required} ${code === 'spec.missing' ? 'required' : 'preferred'})`, remedy: `its ${key} were shown to be ${data.required}`, size: 1 };
      case 'spec.incomparable':
        return { summary: `${key} ${data.offered} cannot be compared with ${data.required}`, remedy: `its ${key} were ${data.required}`, size: 1 };
      default:
        return undefined;
    }
  },
  // The spec set to the required value.
  close(deficit, offering, { line, original }) {
    if (deficit.code === SPEC_FIT_REASONS.none) return undefined;
    const key = deficit.data.key;
    const importance = 'importance' in deficit.data ? deficit.data.importance : undefined;
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
export const specFitCriterion = definePartsCriterion({
  meta: {
    id: 'specFit',
    description: 'the offering meets the spec requirements of the line (units converted, ranges as capabilities)',
    kind: 'both',
    weight: 2,
    deficits: SPEC_FIT_DEFICITS,
    reasons: SPEC_FIT_REASON_DECLARATIONS,
    options: SpecFitOptionsSchema,
    defaults: {
      ratingKeys: ['poreSize', 'retentionRating'],
      useCatalogSpecs: true,
      missingRequired: 'fail',
      defaultTolerance: 1e-9,
      vocabulary: BUILTIN_SPEC_VOCABULARY,
    },
  },
  rule(options, context) {
    const ratingKeys = new Set(options.ratingKeys.map((k) => k.toLowerCase()));
    const missingFails = options.missingRequired === 'fail';

    const catalogItemOfOffering = (offering: PreparedOffering): Item | undefined => {
      const named = offering.offering.item;
      if (named !== undefined) return context.items.get(named);
      // Resolutions list the best match first.
      const top = offering.resolution.items[0];
      return top === undefined ? undefined : context.items.get(top.item);
    };
    // An offering's fact for a key: the spec it states, else (with `useCatalogSpecs`) its catalog
    // item's, with that item. One fact object per stated value and per catalog item's value, so
    // that the column of a key meets each only once.
    const ownFacts = new WeakMap<SpecValue, SpecFact>();
    const catalogFacts = new WeakMap<Item, Map<string, SpecFact>>();
    const catalogKeys = new WeakMap<Item, readonly string[]>();
    const factOf = (offering: PreparedOffering, key: string): SpecFact | undefined => {
      const own = ownSpec(offering.offering.specs, key);
      if (own !== undefined) {
        let f = ownFacts.get(own);
        if (f === undefined) {
          f = { value: own, item: undefined };
          ownFacts.set(own, f);
        }
        return f;
      }
      if (!options.useCatalogSpecs) return undefined;
      const item = catalogItemOfOffering(offering);
      const value = item === undefined ? undefined : ownSpec(item.specs, key);
      if (item === undefined || value === undefined) return undefined;
      let byKey = catalogFacts.get(item);
      if (byKey === undefined) {
        byKey = new Map();
        catalogFacts.set(item, byKey);
      }
      let f = byKey.get(key);
      if (f === undefined) {
        f = { value, item: item.id };
        byKey.set(key, f);
      }
      return f;
    };
    /** The keys an offering has facts for: its own specs' and (with `useCatalogSpecs`) its catalog item's. */
    const keysOf = (offering: PreparedOffering): readonly string[] => {
      const own = Object.keys(offering.offering.specs);
      if (!options.useCatalogSpecs) return own;
      const item = catalogItemOfOffering(offering);
      if (item === undefined) return own;
      let fromItem = catalogKeys.get(item);
      if (fromItem === undefined) {
        fromItem = Object.keys(item.specs);
        catalogKeys.set(item, fromItem);
      }
      return own.length === 0 ? fromItem : own.concat(fromItem);
    };
    // A fact's key: the catalog item it comes from, then the value's kind and value, exact. A
    // quantity counts by its object: parsed once per distinct text and never changed, so one
    // object is one value (equal quantities that are distinct objects only share less).
    const quantityIds = new Interner<object>();
    const factKey = (f: SpecFact): string => {
      const v = f.value;
      switch (v.kind) {
        case 'quantity':
          return flatKey(f.item, 'q', quantityIds.id(v.quantity));
        case 'quantities':
          return flatKey(f.item, 'l', v.text, v.quantities.length, ...v.quantities.map((q) => quantityIds.id(q)));
        case 'text':
          return flatKey(f.item, 't', v.value);
        case 'set':
          return flatKey(f.item, 's', v.values.length, ...v.values);
        case 'flag':
          return flatKey(f.item, 'f', v.value ? 1 : 0);
      }
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

    /** One requirement against the offering's fact for its key: its credit, whether it fails, and its reasons. */
    const judgePart = (req: SpecRequirement, fact: SpecFact | undefined, report?: Report<SpecFitReason>): PartOutcome => {
      const required = req.importance === 'required';
      if (fact === undefined) {
        const failing = required && missingFails;
        if (report !== undefined) {
          const name = showKey(req.key);
          const wanted = showRequirement(req);
          report(
            specFitReason(
              required ? SPEC_FIT_REASONS.missing : SPEC_FIT_REASONS.preferredMissing,
              `The offering does not state its ${name} (${required ? 'required' : 'preferred'}: ${wanted})${
                required && !failing ? '; let through because missing specs are ignored' : ''
              }.`,
              { key: req.key, required: wanted, importance: req.importance },
              // A required spec let through by `missingRequired: 'ignore'` still scores 0.
              failing ? 'failure' : 'shortfall',
            ),
          );
        }
        return PartOutcome.of(!failing, 0);
      }
      const offered = fact.value;
      const known = preparedOf(req);
      const outcome = assess(req, offered, known.rating, options.defaultTolerance, known);
      const pass = outcome.status === 'met' || !required;
      if (report !== undefined) explain(req, fact, outcome, report);
      return PartOutcome.of(pass, creditOf(outcomeDeviation(outcome)));
    };

    /** The reasons of one requirement judged against an offered fact (see judgePart). */
    const explain = (req: SpecRequirement, fact: SpecFact, outcome: Assessment, report: Report<SpecFitReason>): void => {
      const required = req.importance === 'required';
      const name = showKey(req.key);
      const wanted = showRequirement(req);
      const offered = fact.value;
      const shown = showValue(offered);
      if (fact.item !== undefined)
        report(
          specFitReason(
            SPEC_FIT_REASONS.fromCatalog,
            sentence(`The offering does not state its ${name}; the catalog item ${fact.item} gives ${shown}`),
            { key: req.key, item: fact.item, offered: shown },
          ),
        );
      switch (outcome.status) {
        case 'met':
          report(
            specFitReason(SPEC_FIT_REASONS.met, sentence(`The ${name} ${shown}${inRequiredUnit(req, offered)} meets the requirement ${wanted}`), {
              key: req.key,
              offered: shown,
              required: wanted,
            }),
          );
          if (outcome.viaRating)
            report(
              specFitReason(
                SPEC_FIT_REASONS.ratingEquivalence,
                `The ${name} ${shown} counts as ${wanted}: 0.2 µm and 0.22 µm filter ratings are the same rating.`,
                { key: req.key, offered: shown, required: wanted },
              ),
            );
          break;
        case 'unmet': {
          const d = outcome.deviation;
          const off = d === undefined ? '' : `: ${howFarOff(req, outcome.gap, d)} off`;
          report(
            specFitReason(
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
          report(
            specFitReason(
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
    };

    return {
      parts: (line) => line.line.specs,
      key: (req) => req.key,
      keys: keysOf,
      fact: factOf,
      factKey,
      judgePart,
      none: (report) => {
        report?.(specFitReason(SPEC_FIT_REASONS.none, 'The demand line has no spec requirements.', {}));
        return PartOutcome.notApplicable;
      },
      // Only a `required` requirement fails the gate, with at most a near miss's credit.
      failCredit: (req) => (req.importance === 'required' ? NEAR_MISS_CEILING : undefined),
      cost: SPEC_FIT_COST,
    };
  },
});
