import { z } from 'zod';
import type { Item } from '../model/item.js';
import { formatQuantityValue, parseQuantity, type Quantity } from '../model/quantity.js';
import type { SpecRequirement, SpecValue } from '../model/spec.js';
import { indexOf } from './compact.js';
import { clampScore, defineCriterion, notApplicable, packVerdict, QUICK_NOT_APPLICABLE, reason, withQuick, type Pair, type PreparedLine, type PreparedOffering, type Reason } from './criterion.js';

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
});
/**
 * Validated options of {@link specFitCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: SpecFitOptions = { ratingKeys: ['poreSize'], useCatalogSpecs: false, missingRequired: 'fail', defaultTolerance: 1e-9 };
 */
export type SpecFitOptions = z.infer<typeof SpecFitOptionsSchema>;

// Sterilizing-grade filters are sold as 0.2 µm or 0.22 µm for the same retention (DOMAIN.md);
// every length in this band is one rating. The slack absorbs float error from unit conversion.
const RATING_LOW = 0.2e-6;
const RATING_HIGH = 0.22e-6;
const RATING_SLACK = 1e-6;
const inRatingBand = (x: number): boolean =>
  x >= RATING_LOW * (1 - RATING_SLACK) && x <= RATING_HIGH * (1 + RATING_SLACK);

// An unmet quantity never scores above this, so that meeting a spec always beats nearly meeting it.
const NEAR_MISS_CEILING = 0.9;

interface Interval {
  readonly lo: number;
  readonly hi: number;
}

type Outcome =
  | { readonly status: 'met'; readonly viaRating: boolean }
  | { readonly status: 'unmet'; readonly deviation: number | undefined }
  | { readonly status: 'incomparable'; readonly offered: string; readonly required: string };

const MET: Outcome = { status: 'met', viaRating: false };
const UNMET_WORD: Outcome = { status: 'unmet', deviation: undefined };

/** Words compare without case, spaces, hyphens or underscores (`Pt-cured` = `pt cured`). */
const normalizeWord = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s\-_]+/g, '');

/** normalizeWord with a memo: spec words are few (materials, forms) and compared for every pair. */
function memoizedNormalizeWord(): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let w = memo.get(s);
    if (w === undefined) {
      w = normalizeWord(s);
      if (memo.size >= 10_000) memo.clear();
      memo.set(s, w);
    }
    return w;
  };
}

const wordsOf = (v: SpecValue, normalize: (s: string) => string = normalizeWord): readonly string[] | undefined =>
  v.kind === 'text' ? [normalize(v.value)] : v.kind === 'set' ? v.values.map(normalize) : undefined;

const kindName = (v: SpecValue): string => (v.kind === 'quantity' ? v.quantity.dimension : v.kind === 'flag' ? 'flag' : 'word');

/** A spec value as people wrote it. */
function showValue(v: SpecValue): string {
  switch (v.kind) {
    case 'quantity':
      return v.quantity.text;
    case 'text':
      return v.value;
    case 'set':
      return v.values.join(', ');
    case 'flag':
      return v.value ? 'yes' : 'no';
  }
}

/** `poreSize` → `pore size`, for sentences. */
const showKey = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').toLowerCase();

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
        if (req.tolerance.quantity.dimension !== v.dimension) return { incomparable: req.tolerance.quantity.dimension };
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

/** Widens the ends of an interval that fall in the 0.2–0.22 µm band to the whole band. */
function widenRating(i: Interval): Interval {
  return { lo: inRatingBand(i.lo) ? RATING_LOW : i.lo, hi: inRatingBand(i.hi) ? RATING_HIGH : i.hi };
}

const overlaps = (a: Interval, b: Interval): boolean => a.lo <= b.hi && a.hi >= b.lo;

/** How far `offered` lies outside `core`, relative to the nearer end of `core`. */
function deviationFrom(offered: Interval, core: Interval): number {
  const rel = (gap: number, ref: number): number => (ref > 0 ? gap / ref : 1);
  if (offered.hi < core.lo) return rel(core.lo - offered.hi, core.lo);
  if (offered.lo > core.hi) return rel(offered.lo - core.hi, core.hi);
  return 0;
}

/** Judges offered interval against a required one, with the rating rule when it applies. */
function judgeInterval(
  offered: Interval,
  req: { accept: Interval; core: Interval },
  rating: boolean,
): Outcome {
  if (overlaps(offered, req.accept)) return MET;
  if (!rating) return { status: 'unmet', deviation: deviationFrom(offered, req.core) };
  const o = widenRating(offered);
  if (overlaps(o, widenRating(req.accept))) return { status: 'met', viaRating: true };
  return { status: 'unmet', deviation: deviationFrom(o, widenRating(req.core)) };
}

type RequiredInterval = ReturnType<typeof requiredInterval>;

/** What the judge works out once per requirement (see `create`). */
interface Known {
  readonly interval: RequiredInterval;
  readonly rating: boolean;
  readonly wanted: ReadonlySet<string> | undefined;
  readonly normalize: (s: string) => string;
  /** For `eq` on words: the requirement's words, normalized. */
  readonly words: readonly string[] | undefined;
}

/** How {@link quickAssess} judged a requirement; the contribution of an unmet one goes to `out`. */
const QUICK_MET = 0;
const QUICK_UNMET = 1;
const QUICK_INCOMPARABLE = 2;

/** Rel. distance as in deviationFrom, on numbers. */
const relative = (gap: number, ref: number): number => (ref > 0 ? gap / ref : 1);
function deviationOf(lo: number, hi: number, coreLo: number, coreHi: number): number {
  if (hi < coreLo) return relative(coreLo - hi, coreLo);
  if (lo > coreHi) return relative(lo - coreHi, coreHi);
  return 0;
}
const widenLow = (x: number): number => (inRatingBand(x) ? RATING_LOW : x);
const widenHigh = (x: number): number => (inRatingBand(x) ? RATING_HIGH : x);

/**
 * {@link assess} for the quick path: the same decisions and arithmetic, on numbers and without
 * allocating (an Outcome, intervals, word arrays); `out.contribution` receives what an unmet
 * requirement adds to the total. A quantity offered against `oneOf` (rare) goes through `assess`.
 */
function quickAssess(req: SpecRequirement, offered: SpecValue, known: Known, defaultTolerance: number, out: { contribution: number }): number {
  out.contribution = 0;
  if (req.op === 'oneOf') {
    if (offered.kind === 'quantity') {
      const outcome = assess(req, offered, known.rating, defaultTolerance, known);
      if (outcome.status === 'met') return QUICK_MET;
      if (outcome.status === 'incomparable') return QUICK_INCOMPARABLE;
      out.contribution = outcome.deviation === undefined ? 0 : NEAR_MISS_CEILING * (1 - Math.min(1, outcome.deviation));
      return QUICK_UNMET;
    }
    const wanted = known.wanted as ReadonlySet<string>;
    if (offered.kind === 'text') return wanted.has(known.normalize(offered.value)) ? QUICK_MET : QUICK_UNMET;
    if (offered.kind === 'set') {
      for (const v of offered.values) if (wanted.has(known.normalize(v))) return QUICK_MET;
      return QUICK_UNMET;
    }
    return QUICK_INCOMPARABLE;
  }
  const value = req.value;
  if (req.op === 'eq' && value !== undefined && value.kind !== 'quantity') {
    if (value.kind === 'flag') {
      if (offered.kind !== 'flag') return QUICK_INCOMPARABLE;
      return offered.value === value.value ? QUICK_MET : QUICK_UNMET;
    }
    if (offered.kind !== 'text' && offered.kind !== 'set') return QUICK_INCOMPARABLE;
    // Every word asked for among the words offered.
    for (const w of known.words ?? []) {
      let held = false;
      if (offered.kind === 'text') held = known.normalize(offered.value) === w;
      else for (const v of offered.values) if (known.normalize(v) === w) held = true;
      if (!held) return QUICK_UNMET;
    }
    return QUICK_MET;
  }
  const interval = known.interval;
  if (interval === undefined || 'incomparable' in interval) return QUICK_INCOMPARABLE;
  if (offered.kind !== 'quantity' || offered.quantity.dimension !== interval.dimension) return QUICK_INCOMPARABLE;
  // judgeInterval
  let lo = offered.quantity.min;
  let hi = offered.quantity.max;
  const { accept, core } = interval;
  if (lo <= accept.hi && hi >= accept.lo) return QUICK_MET;
  let d: number;
  if (!(known.rating && interval.dimension === 'length')) d = deviationOf(lo, hi, core.lo, core.hi);
  else {
    lo = widenLow(lo);
    hi = widenHigh(hi);
    if (lo <= widenHigh(accept.hi) && hi >= widenLow(accept.lo)) return QUICK_MET;
    d = deviationOf(lo, hi, widenLow(core.lo), widenHigh(core.hi));
  }
  out.contribution = NEAR_MISS_CEILING * (1 - Math.min(1, d));
  return QUICK_UNMET;
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
  if (req.op === 'oneOf') {
    const values = req.values ?? [];
    if (offered.kind === 'quantity') {
      // `oneOf: ['10 kDa', '30 kDa']` against a MWCO: met when any listed size is offered.
      const o = { lo: offered.quantity.min, hi: offered.quantity.max };
      let best: Outcome | undefined;
      let otherDimension: string | undefined;
      for (const text of values) {
        const parsed = parseQuantity(text);
        if (!parsed.ok) continue;
        const v = parsed.quantity;
        if (v.dimension !== offered.quantity.dimension) {
          otherDimension ??= v.dimension;
          continue;
        }
        const tol = defaultTolerance * v.value;
        const core = { lo: v.min, hi: v.max };
        const outcome = judgeInterval(o, { accept: { lo: core.lo - tol, hi: core.hi + tol }, core }, ratingKey && v.dimension === 'length');
        if (outcome.status === 'met') return outcome;
        if (
          best === undefined ||
          (best.status === 'unmet' && outcome.status === 'unmet' && (outcome.deviation ?? 1) < (best.deviation ?? 1))
        )
          best = outcome;
      }
      return best ?? { status: 'incomparable', offered: offered.quantity.dimension, required: otherDimension ?? 'word' };
    }
    const words = wordsOf(offered, normalize);
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
    const offeredWords = wordsOf(offered, normalize);
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
  );
}

/** The offered value in the requirement's unit, when the units differ: ` (0.2520 in)`. */
function inRequiredUnit(req: SpecRequirement, offered: SpecValue): string {
  const ref = req.value ?? req.min ?? req.max;
  if (offered.kind !== 'quantity' || ref?.kind !== 'quantity') return '';
  const o = offered.quantity;
  if (o.unit === ref.quantity.unit || ref.quantity.unit === '' || o.dimension !== ref.quantity.dimension) return '';
  const show = (x: number): string => formatQuantityValue(x, o.dimension, ref.quantity.unit);
  return ` (${o.min === o.max ? show(o.value) : `${show(o.min)} to ${show(o.max)}`})`;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Ends a message with exactly one period, whatever the spec values it quotes end with (`Inc.`). */
const sentence = (s: string): string => `${s.replace(/[\s.]+$/u, '')}.`;

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

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
    options: SpecFitOptionsSchema,
    defaults: {
      ratingKeys: ['poreSize', 'retentionRating'],
      useCatalogSpecs: true,
      missingRequired: 'fail',
      defaultTolerance: 1e-9,
    },
  },
  create(options, context) {
    const ratingKeys = new Set(options.ratingKeys.map((k) => k.toLowerCase()));

    const catalogItemOf = (pair: Pair): Item | undefined => catalogItemOfOffering(pair.offering);
    const catalogItemOfOffering = (offering: PreparedOffering): Item | undefined => {
      const named = offering.offering.item;
      if (named !== undefined) return context.items.get(named);
      // Resolutions list the best match first.
      const top = offering.resolution.items[0];
      return top === undefined ? undefined : context.items.get(top.item);
    };

    // Compact data: per spec key, each offering's value as the judge reads it (its own, else
    // its catalog item's when `useCatalogSpecs`), built in one pass over the offerings' own
    // entries on first use. A key that objects inherit (`constructor`) has no column: such a
    // requirement is read from the objects, as the judge does.
    let columns: Map<string, (SpecValue | undefined)[]> | undefined;
    const EMPTY_COLUMN: readonly (SpecValue | undefined)[] = [];
    const columnOf = (key: string): readonly (SpecValue | undefined)[] | undefined => {
      if (key in Object.prototype) return undefined;
      if (columns === undefined) {
        const built = new Map<string, (SpecValue | undefined)[]>();
        const offerings = context.offerings ?? [];
        const column = (k: string): (SpecValue | undefined)[] => {
          let c = built.get(k);
          if (c === undefined) {
            c = new Array<SpecValue | undefined>(offerings.length).fill(undefined);
            built.set(k, c);
          }
          return c;
        };
        offerings.forEach((o, i) => {
          for (const [k, v] of Object.entries(o.offering.specs)) column(k)[i] = v;
          if (!options.useCatalogSpecs) return;
          const item = catalogItemOfOffering(o);
          if (item === undefined) return;
          for (const [k, v] of Object.entries(item.specs)) {
            const c = column(k);
            if (c[i] === undefined) c[i] = v;
          }
        });
        columns = built;
      }
      return columns.get(key) ?? EMPTY_COLUMN;
    };

    // Per requirement (they repeat for every candidate of a line): the interval it accepts and
    // whether its key is a filter rating. Shared by both paths, so they cannot disagree.
    const normalize = memoizedNormalizeWord();
    const prepared = new WeakMap<SpecRequirement, Known>();
    const preparedOf = (req: SpecRequirement): Known => {
      let p = prepared.get(req);
      if (p === undefined) {
        p = {
          interval: req.op === 'oneOf' || (req.op === 'eq' && req.value !== undefined && req.value.kind !== 'quantity') ? undefined : requiredInterval(req, options.defaultTolerance),
          rating: ratingKeys.has(req.key.toLowerCase()),
          wanted: req.op === 'oneOf' ? new Set((req.values ?? []).map(normalize)) : undefined,
          normalize,
          words: req.op === 'eq' && req.value !== undefined && req.value.kind !== 'quantity' && req.value.kind !== 'flag' ? wordsOf(req.value, normalize) : undefined,
        };
        prepared.set(req, p);
      }
      return p;
    };

    let quickLine: PreparedLine | undefined;
    let quickPrepared: Known[] = [];
    const scratch = { contribution: 0 };
    // The current line's columns, one per requirement; null when one has none (see columnOf).
    let quickColumns: (readonly (SpecValue | undefined)[])[] | null | undefined;
    /** The judge's arithmetic without the sentences. */
    const quick = (pair: Pair): number => {
      const requirements = pair.line.line.specs;
      if (requirements.length === 0) return QUICK_NOT_APPLICABLE;
      if (pair.line !== quickLine) {
        quickLine = pair.line;
        quickPrepared = requirements.map(preparedOf);
        quickColumns = undefined;
      }
      const i = indexOf(pair, context.offerings);
      if (i >= 0 && quickColumns !== null) {
        if (quickColumns === undefined) {
          const found = requirements.map((req) => columnOf(req.key));
          quickColumns = found.every((c) => c !== undefined) ? (found as (readonly (SpecValue | undefined)[])[]) : null;
        }
      }
      if (i >= 0 && quickColumns) {
        let pass = true;
        let total = 0;
        for (let r = 0; r < requirements.length; r++) {
          const req = requirements[r] as SpecRequirement;
          const required = req.importance === 'required';
          const offered = (quickColumns[r] as readonly (SpecValue | undefined)[])[i];
          if (offered === undefined) {
            if (required && options.missingRequired === 'fail') pass = false;
            continue;
          }
          const status = quickAssess(req, offered, quickPrepared[r] as Known, options.defaultTolerance, scratch);
          if (status === QUICK_MET) total += 1;
          else {
            if (required) pass = false;
            total += scratch.contribution;
          }
        }
        return packVerdict(true, pass, clampScore(total / requirements.length));
      }
      const offeredSpecs = pair.offering.offering.specs;
      let catalogItem: Item | undefined;
      let catalogLooked = false;
      let pass = true;
      let total = 0;
      for (let r = 0; r < requirements.length; r++) {
        const req = requirements[r] as SpecRequirement;
        const required = req.importance === 'required';
        let offered = offeredSpecs[req.key];
        if (offered === undefined && options.useCatalogSpecs) {
          if (!catalogLooked) {
            catalogItem = catalogItemOf(pair);
            catalogLooked = true;
          }
          offered = catalogItem?.specs[req.key];
        }
        if (offered === undefined) {
          if (required && options.missingRequired === 'fail') pass = false;
          continue;
        }
        const known = quickPrepared[r] as Known;
        const outcome = assess(req, offered, known.rating, options.defaultTolerance, known);
        if (outcome.status === 'met') total += 1;
        else if (outcome.status === 'unmet') {
          if (required) pass = false;
          const d = outcome.deviation;
          total += d === undefined ? 0 : NEAR_MISS_CEILING * (1 - Math.min(1, d));
        } else if (required) pass = false;
      }
      return packVerdict(true, pass, clampScore(total / requirements.length));
    };

    return withQuick((pair) => {
      const requirements = pair.line.line.specs;
      if (requirements.length === 0)
        return notApplicable(reason(SPEC_FIT_REASONS.none, 'The demand line has no spec requirements.'));

      const offeredSpecs = pair.offering.offering.specs;
      let catalogItem: Item | undefined;
      let catalogLooked = false;
      const reasons: Reason[] = [];
      let pass = true;
      let total = 0;

      for (const req of requirements) {
        const required = req.importance === 'required';
        const name = showKey(req.key);
        const wanted = showRequirement(req);
        let offered = offeredSpecs[req.key];
        if (offered === undefined && options.useCatalogSpecs) {
          if (!catalogLooked) {
            catalogItem = catalogItemOf(pair);
            catalogLooked = true;
          }
          offered = catalogItem?.specs[req.key];
          if (offered !== undefined && catalogItem !== undefined)
            reasons.push(
              reason(
                SPEC_FIT_REASONS.fromCatalog,
                sentence(`The offering does not state its ${name}; the catalog item ${catalogItem.id} gives ${showValue(offered)}`),
                { key: req.key, item: catalogItem.id, offered: showValue(offered) },
              ),
            );
        }

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
        switch (outcome.status) {
          case 'met':
            total += 1;
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
            total += d === undefined ? 0 : NEAR_MISS_CEILING * (1 - Math.min(1, d));
            const off = d === undefined ? '' : `: ${(d * 100).toFixed(1)}% off`;
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

      return { applicable: true, pass, score: clampScore(total / requirements.length), reasons };
    }, quick);
  },
});
