import type { z } from 'zod';
import { canonicalCertType } from '../catalog/certificates.js';
import { createCatalog, type Catalog, type CatalogOptions } from '../catalog/resolve.js';
import type { ItemMatch, Resolution } from '../catalog/resolve.js';
import { type Criterion, type MatchContext, type Pair, type PreparedLine, type PreparedOffering, type Verdict } from '../criteria/criterion.js';
import { CANNOT_FAIL, CEILING_BLOCK, packVerdict, QUICK_NOT_APPLICABLE, unpackVerdict, type BatchJudge, type CeilingJudge, type FailingCeiling, type FastJudge as Judge, type QuickJudge } from '../criteria/fast.js';
import { DEFAULT_WEIGHTS, defaultCriteria } from '../criteria/defaults.js';
import { itemFitCriterion } from '../criteria/item-fit.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import { fromZodIssues } from '../dataset/issues.js';
import type { Dataset } from '../model/dataset.js';
import { DateSchema, compareIds } from '../model/common.js';
import { oneOfIssue, optionKeyIssues } from '../options.js';
import { aggregatorByName, isPlainWeightedSum, weightedSumRow, weightedSumTotal, type Aggregator } from './aggregate.js';
import type { KeptLine, KeptWriter } from './kept.js';
import { prepareDataset } from './prepare.js';
import type { CriterionOutcome, LineResult, MatchResult, RankedCandidate, RejectedCandidate } from './result.js';
import { withDisplay } from '../notebook/display.js';
import { matchBundle } from '../notebook/bundles.js';

/** A criterion with its options and weight, as listed in a matcher's configuration. */
export interface CriterionEntry<S extends z.ZodType = z.ZodType> {
  readonly criterion: Criterion<S>;
  /** Options over the criterion's defaults (validated when the matcher is created). */
  readonly options?: Partial<z.input<S>>;
  /** Weight in the aggregate; default the criterion's entry in DEFAULT_WEIGHTS, else 1. */
  readonly weight?: number;
}

/** The configuration of {@link createMatcher}. */
export interface MatcherConfig {
  /** The criteria, in order; default {@link defaultCriteria}. A bare criterion uses its defaults. */
  readonly criteria?: readonly (Criterion | CriterionEntry)[];
  /** Weights by criterion id, over those of the entries. */
  readonly weights?: Readonly<Record<string, number>>;
  /** How verdicts add up: `weightedSum` (default), `weightedProduct`, `topsis` / `topsis-linear`, or an aggregator object. */
  readonly aggregate?: string | Aggregator;
  /** How many qualified candidates to keep per line; default 10. */
  readonly topK?: number;
  /** How many rejected candidates to keep per line, nearest misses first; default 10 (all are counted). */
  readonly rejectedK?: number;
  /** The date certificates and lead times are judged on; default the dataset's `meta.asOf`. */
  readonly asOf?: string;
  /**
   * `blocked` (default): only offerings sharing an item, category or code class with the line;
   * `all`: every offering (to verify blocking). In `blocked` mode the offerings that share an
   * item come first; those that share only a category or code class are left out when they
   * provably cannot change the kept results (see `exactCounts`).
   */
  readonly candidates?: 'blocked' | 'all';
  /**
   * In `blocked` mode the matcher leaves out what provably cannot change the kept lists (the top
   * `topK` and the `rejectedK` nearest misses): with the plain weighted sum and the built-in item
   * fit, groups of offerings are scored best item fit first and the rest are skipped once their
   * best possible total, `(w·s + W − w) / W` (item fit `s`, its weight `w`, all weights `W`), is
   * below both lists; and a candidate is dropped part-way once its weighted sum so far, with
   * every criterion left at 1, is. The kept lists are the same either way; `qualifiedCount` and
   * `rejectedCount` then count the candidates judged to a verdict, and `pairsScored` the pairs
   * judged at all. `true` judges every blocked candidate to its verdict, so that the counts count
   * them all. Default false.
   */
  readonly exactCounts?: boolean;
  /** Options of catalog resolution. */
  readonly catalog?: CatalogOptions;
  /** Items resolved below this confidence do not open candidates; default 0.3. */
  readonly minItemConfidence?: number;
}

/** Every option of {@link MatcherConfig}, to refuse a misspelt one. */
const MATCHER_CONFIG_KEYS = Object.keys({
  criteria: true,
  weights: true,
  aggregate: true,
  topK: true,
  rejectedK: true,
  asOf: true,
  candidates: true,
  exactCounts: true,
  catalog: true,
  minItemConfidence: true,
} satisfies Record<keyof MatcherConfig, true>);

/**
 * The largest weight a criterion may have. Weights are relative (only their ratios matter), and
 * far larger ones overflow the totals (two weights of 1e308 add up to Infinity).
 *
 * @example
 * createMatcher({ weights: { price: MAX_WEIGHT } }); // the most a weight may be; 1e308 is refused
 */
export const MAX_WEIGHT = 1e6;

/** Options of one {@link Matcher.match} run. */
export interface MatchOptions {
  /** Overrides the matcher's `asOf` for this run. */
  readonly asOf?: string;
  /** Called after each line with (done, total); for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Match only these demand line ids (a shard); default every line. */
  readonly lines?: readonly string[];
}

const MATCH_OPTION_KEYS = Object.keys({ asOf: true, onProgress: true, lines: true } satisfies Record<keyof MatchOptions, true>);

/** A configured matcher. */
export interface Matcher {
  /** The criteria as resolved (options over defaults, weights). */
  readonly criteria: readonly ResolvedCriterion[];
  readonly aggregator: Aggregator;
  readonly topK: number;
  /** Matches every demand line of a dataset against its offerings. */
  match(dataset: Dataset, options?: MatchOptions): MatchResult;
  /** Readies a dataset once (catalog, prepared offerings, postings) for several runs. */
  prepare(dataset: Dataset): PreparedDataset;
  /** Matches with a prepared dataset: re-running with other weights skips the preparation. */
  matchPrepared(prepared: PreparedDataset, options?: MatchOptions): MatchResult;
  /** The same matcher with other weights (by criterion id); the rest is unchanged. */
  withWeights(weights: Readonly<Record<string, number>>): Matcher;
}

/**
 * One run of a matcher over a prepared dataset, line by line (internal to the package):
 * `matchPrepared` is a loop over it, and `matchParallel` (`supplymatch/node`) spreads its lines
 * over threads, some of which run pass 1 only (see `KeptRows`).
 */
export interface MatchRun {
  /** The lines matched, in dataset order; lines are named by their position here. */
  readonly lines: readonly PreparedLine[];
  /** Every position of `lines`, in the order that matches them fastest (see `processingOrder`). */
  readonly order: readonly number[];
  /** Whether a line can be finished from its kept rows: a plain weighted sum. */
  readonly splits: boolean;
  /** How many criteria. */
  readonly criteria: number;
  /** Matches line `at`: both passes. */
  match(at: number): LineResult;
  /** Pass 1 of line `at`; its kept rows go to `writer` (only when `splits`). */
  firstPass(at: number, writer: KeptWriter): void;
  /** Pass 2 of a line from its kept rows, written by `firstPass` of a run of the same matcher and dataset, in any thread. */
  finish(kept: KeptLine): LineResult;
  /** The run's result from every line's result, in `lines` order. */
  result(lines: LineResult[]): MatchResult;
  /** The offerings in the order the run lays them out (see `Layout`); candidate indexes point into it. */
  readonly layout: readonly PreparedOffering[];
  /**
   * What a line's result depends on besides the line and its candidates (the incremental index
   * reads it): `candidates` alone (every count exact), also their `order` in `layout` (candidates
   * dropped part-way), or also the `blocks` of `layout` they sit in (blocks skipped on their ceilings).
   */
  readonly dependsOn: 'candidates' | 'order' | 'blocks';
  readonly mode: 'blocked' | 'all';
  readonly minItemConfidence: number;
}

const runs = new WeakMap<Matcher, (prepared: PreparedDataset, options?: MatchOptions) => MatchRun>();

/** Opens a run of a matcher made by `createMatcher` (see `MatchRun`). */
export function openRun(matcher: Matcher, prepared: PreparedDataset, options?: MatchOptions): MatchRun {
  const open = runs.get(matcher);
  if (open === undefined) throw new TypeError('openRun: not a matcher made by createMatcher');
  return open(prepared, options);
}

/** A criterion of a matcher with its options filled in and its weight. */
export interface ResolvedCriterion {
  readonly criterion: Criterion;
  readonly id: string;
  readonly options: unknown;
  readonly weight: number;
}

/** A dataset readied for matching: resolutions, prepared offerings and candidate postings. */
export interface PreparedDataset {
  readonly dataset: Dataset;
  readonly catalog: Catalog;
  readonly offerings: readonly PreparedOffering[];
  readonly lines: readonly PreparedLine[];
  /** Offering indexes by item id, by leaf category and by UNSPSC class (6 digits). */
  readonly postings: {
    readonly byItem: ReadonlyMap<string, readonly number[]>;
    readonly byCategory: ReadonlyMap<string, readonly number[]>;
    readonly byCodeClass: ReadonlyMap<string, readonly number[]>;
  };
}

/** Default weights of the built-in criteria (see `BUILT_IN_CRITERIA` in criteria/defaults.ts). */
export { DEFAULT_WEIGHTS };

const DEFAULT_TOP_K = 10;
const DEFAULT_REJECTED_K = 10;

function isEntry(x: Criterion | CriterionEntry): x is CriterionEntry {
  return 'criterion' in x;
}

/**
 * Creates a matcher: validates the criteria's options (against each criterion's schema, over
 * its defaults), weights and aggregator, and refuses duplicate criterion ids. Every problem is
 * reported at once in a `SupplymatchError` whose paths name the criterion and field
 * (`criteria[2].options.minShare`).
 *
 * @example
 * const matcher = createMatcher({ topK: 5, weights: { price: 2 } });
 * const result = matcher.match(dataset);
 * result.lines[0]?.candidates[0]?.supplier; // => 'S-014'
 */
export function createMatcher(config: MatcherConfig = {}): Matcher {
  const shapeIssues = optionKeyIssues(config, MATCHER_CONFIG_KEYS, 'createMatcher');
  const [firstShape, ...restShape] = shapeIssues;
  if (firstShape) throw new SupplymatchError([firstShape, ...restShape]);
  const issues: Issue[] = [];
  const candidatesIssue = oneOfIssue(config.candidates, ['blocked', 'all'], 'candidates');
  if (candidatesIssue) issues.push(candidatesIssue);
  const listed = config.criteria ?? defaultCriteria();
  const resolved: ResolvedCriterion[] = [];
  const seen = new Set<string>();
  listed.forEach((raw, i) => {
    const entry: CriterionEntry = isEntry(raw) ? raw : { criterion: raw };
    const { meta } = entry.criterion;
    const path = ['criteria', i];
    if (seen.has(meta.id)) {
      issues.push({ path: formatPath([...path, 'id']), code: 'duplicate_criterion', message: `criterion "${meta.id}" is listed twice` });
      return;
    }
    seen.add(meta.id);
    const defaults = (meta.defaults ?? {}) as Record<string, unknown>;
    const merged = { ...defaults, ...((entry.options ?? {}) as Record<string, unknown>) };
    const parsed = meta.options.safeParse(merged);
    if (!parsed.success) {
      issues.push(
        ...fromZodIssues(parsed.error.issues, [...path, 'options'], merged).map((issue) => ({
          ...issue,
          message: `${meta.id}: ${issue.message}`,
        })),
      );
      return;
    }
    for (const problem of meta.validate?.(parsed.data, { previousCriteria: resolved.map((r) => r.id) }) ?? []) {
      issues.push({ path: formatPath([...path, 'options']), code: 'invalid_option', message: `${meta.id}: ${problem}` });
    }
    const weight = config.weights?.[meta.id] ?? entry.weight ?? DEFAULT_WEIGHTS[meta.id] ?? 1;
    resolved.push({ criterion: entry.criterion, id: meta.id, options: parsed.data, weight });
  });
  for (const [id, w] of Object.entries(config.weights ?? {})) {
    if (!seen.has(id)) issues.push({ path: formatPath(['weights', id]), code: 'unknown_criterion', message: `no criterion "${id}" to weigh` });
    if (!(typeof w === 'number' && w >= 0 && w <= MAX_WEIGHT))
      issues.push({ path: formatPath(['weights', id]), code: 'invalid_weight', message: `weight ${String(w)} is not a number from 0 to ${MAX_WEIGHT} (weights are relative: scale them down)` });
  }
  for (const r of resolved) {
    // A weight from `weights` was checked above; this catches one given in a criterion entry.
    if (config.weights?.[r.id] !== undefined) continue;
    if (!(typeof r.weight === 'number' && r.weight >= 0 && r.weight <= MAX_WEIGHT))
      issues.push({ path: formatPath(['criteria', listed.findIndex((c) => (isEntry(c) ? c.criterion : c).meta.id === r.id), 'weight']), code: 'invalid_weight', message: `weight of "${r.id}" is not a number from 0 to ${MAX_WEIGHT}` });
  }
  let aggregator: Aggregator | undefined;
  if (typeof config.aggregate === 'object') aggregator = config.aggregate;
  else {
    aggregator = aggregatorByName(config.aggregate ?? 'weightedSum');
    if (!aggregator)
      issues.push({ path: 'aggregate', code: 'unknown_aggregator', message: `no aggregator "${String(config.aggregate)}" (weightedSum, weightedProduct, topsis, topsis-linear)` });
  }
  const topK = config.topK ?? DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1) issues.push({ path: 'topK', code: 'invalid_option', message: 'topK is a whole number >= 1' });
  const rejectedK = config.rejectedK ?? DEFAULT_REJECTED_K;
  if (!Number.isInteger(rejectedK) || rejectedK < 0) issues.push({ path: 'rejectedK', code: 'invalid_option', message: 'rejectedK is a whole number >= 0' });
  if (config.asOf !== undefined && !DateSchema.safeParse(config.asOf).success)
    issues.push({ path: 'asOf', code: 'invalid_format', message: `asOf "${config.asOf}" is not a date written YYYY-MM-DD` });
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest], `invalid matcher configuration:\n${[first, ...rest].map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return buildMatcher(config, resolved, aggregator as Aggregator, topK, rejectedK);
}

function buildMatcher(
  config: MatcherConfig,
  criteria: readonly ResolvedCriterion[],
  aggregator: Aggregator,
  topK: number,
  rejectedK: number,
): Matcher {
  const minItemConfidence = config.minItemConfidence ?? 0.3;
  const mode = config.candidates ?? 'blocked';

  const prepare = (dataset: Dataset): PreparedDataset => {
    requireDataset(dataset, 'a matcher');
    const catalog = createCatalog(dataset.items, dataset.categories, config.catalog);
    const { offerings, lines } = prepareDataset(dataset, catalog);
    return { dataset, catalog, offerings, lines, postings: postingsOf(offerings, catalog, minItemConfidence) };
  };

  const judgesByLayout = new WeakMap<Layout, { readonly asOf: string; readonly meta: Dataset['meta']; readonly catalog: Catalog; readonly decisions: Dataset['decisions']; readonly judges: Judge[] }>();
  const openRun = (prepared: PreparedDataset, options?: MatchOptions): MatchRun => {
    if (prepared === null || typeof prepared !== 'object' || !isDataset((prepared as Partial<PreparedDataset>).dataset))
      throw new SupplymatchError([{ path: 'prepared', code: 'invalid_input', message: 'matchPrepared needs what matcher.prepare(dataset) returned' }]);
    const [firstOption, ...restOptions] = optionKeyIssues(options, MATCH_OPTION_KEYS, 'match');
    if (firstOption) throw new SupplymatchError([firstOption, ...restOptions]);
    const asOf = options?.asOf ?? config.asOf ?? prepared.dataset.meta.asOf;
    if (asOf === undefined)
      throw new SupplymatchError([{ path: 'asOf', code: 'required', message: 'no asOf date: give one in the matcher, the match options or the dataset meta' }]);
    const layout = layoutOf(prepared, minItemConfidence);
    // Judges hold per-offering data of the layout: runs over the same layout, date, meta,
    // catalog and decisions share them (the incremental index opens one run per update).
    const held = judgesByLayout.get(layout);
    const decisions = prepared.dataset.decisions;
    const judges: Judge[] =
      held !== undefined && held.asOf === asOf && held.meta === prepared.dataset.meta && held.catalog === prepared.catalog && held.decisions === decisions
        ? held.judges
        : createJudges(criteria, prepared, asOf, layout.offerings);
    judgesByLayout.set(layout, { asOf, meta: prepared.dataset.meta, catalog: prepared.catalog, decisions, judges });
    const wanted = options?.lines ? new Set(options.lines) : undefined;
    const lines = wanted ? prepared.lines.filter((l) => wanted.has(l.line.id)) : prepared.lines;
    const run = new LineMatcher(layout.offerings, criteria, judges, aggregator, topK, rejectedK, mode === 'blocked' && !(config.exactCounts ?? false));
    const itemFit = itemFitOf(criteria, judges, minItemConfidence);
    const candidates = new CandidateFinder(mode, minItemConfidence, config.exactCounts ?? false);
    const lineAt = (at: number): PreparedLine => {
      const line = lines[at];
      if (line === undefined) throw new RangeError(`no line at ${at} of ${lines.length}`);
      return line;
    };
    return {
      lines,
      order: processingOrder(lines),
      splits: run.plainSum,
      criteria: criteria.length,
      layout: layout.offerings,
      dependsOn: run.skipBlocks ? 'blocks' : run.pruneUnknown ? 'order' : 'candidates',
      mode,
      minItemConfidence,
      match: (at) => {
        candidates.score(prepared, layout, lineAt(at), run, itemFit);
        return run.finish();
      },
      firstPass: (at, writer) => {
        candidates.score(prepared, layout, lineAt(at), run, itemFit);
        run.keepInto(writer, at, layout.original);
      },
      finish: (kept) => {
        run.resume(lineAt(kept.at), kept, layout.position);
        return run.finish();
      },
      result: (results) => {
        const result: MatchResult = {
          settings: {
            asOf,
            aggregate: aggregator.id,
            topK,
            rejectedK,
            candidates: mode,
            criteria: criteria.map((c) => ({ id: c.id, kind: c.criterion.meta.kind, weight: c.weight })),
          },
          lines: results,
          stats: {
            lines: results.length,
            offerings: prepared.offerings.length,
            pairsScored: results.reduce((sum, r) => sum + r.pairsScored, 0),
            linesWithCandidates: results.filter((r) => r.candidates.length > 0).length,
          },
        };
        return withDisplay(result, () => matchBundle(result, { dataset: prepared.dataset }));
      },
    };
  };

  const matchPrepared = (prepared: PreparedDataset, options?: MatchOptions): MatchResult => {
    const run = openRun(prepared, options);
    const results: LineResult[] = new Array<LineResult>(run.lines.length);
    // Lines that ask for the same item are matched one after the other, so that the data of
    // their candidates is still in the processor's cache; each line's result is its own, and
    // results come back in dataset order.
    run.order.forEach((at, done) => {
      results[at] = run.match(at);
      options?.onProgress?.(done + 1, results.length);
    });
    return run.result(results);
  };

  const matcher: Matcher = {
    criteria,
    aggregator,
    topK,
    prepare,
    matchPrepared,
    match: (dataset, options) => matchPrepared(prepare(dataset), options),
    withWeights: (weights) => createMatcher({ ...config, criteria: criteria.map((c) => ({ criterion: c.criterion, options: c.options as never, weight: c.weight })), weights: { ...config.weights, ...weights } }),
  };
  runs.set(matcher, openRun);
  rebuilds.set(matcher, (keep) => createMatcher({ ...config, criteria: criteria.map((c) => ({ criterion: c.criterion, options: c.options as never, weight: c.weight })), weights: config.weights ?? {}, ...keep }));
  return matcher;
}

/**
 * What the criterion at position `i` is created with (internal to the package): the date, the
 * dataset's meta, catalog and decisions, the criteria before it, and the run's layout when given.
 * The one place a criterion's context is made, for runs and for pairs judged on their own.
 *
 * @example
 * const judge = criteria[0].criterion.create(criteria[0].options, criterionContext(criteria, 0, prepared, '2021-03-01'));
 */
export function criterionContext(criteria: readonly ResolvedCriterion[], i: number, prepared: PreparedDataset, asOf: string, offerings?: readonly PreparedOffering[]): MatchContext {
  return {
    asOf,
    domesticCountry: prepared.dataset.meta.domesticCountry,
    exchangeRates: prepared.dataset.meta.exchangeRates,
    catalog: prepared.catalog,
    items: prepared.catalog.items,
    previousCriteria: criteria.slice(0, i).map((p) => p.id),
    decisions: prepared.dataset.decisions ?? [],
    ...(offerings !== undefined ? { offerings } : {}),
  };
}

/** The criteria's judges for one run; `offerings` (the run's layout) lets quick paths keep columns by offering. */
function createJudges(criteria: readonly ResolvedCriterion[], prepared: PreparedDataset, asOf: string, offerings?: readonly PreparedOffering[]): Judge[] {
  return criteria.map((c, i) => {
    const context = criterionContext(criteria, i, prepared, asOf, offerings);
    // Judges derived from a rule carry their fast paths (see criteria/fast.ts); others are plain.
    return c.criterion.create(c.options as never, context) as Judge;
  });
}

const rebuilds = new WeakMap<Matcher, (keep: { readonly topK: number; readonly rejectedK: number }) => Matcher>();

/**
 * The same matcher (criteria, options, weights, aggregator, candidates) keeping `topK` qualified
 * and `rejectedK` rejected candidates per line (internal to the package): the analyses that need
 * every candidate of a line (gap report, sensitivity) make theirs from the caller's this way.
 *
 * @example
 * const complete = keepingCandidates(createMatcher(), { topK: 1e6, rejectedK: 1e6 });
 * complete.topK; // => 1000000
 */
export function keepingCandidates(matcher: Matcher, keep: { readonly topK: number; readonly rejectedK: number }): Matcher {
  const rebuild = rebuilds.get(matcher);
  if (rebuild === undefined) throw new TypeError('keepingCandidates: not a matcher made by createMatcher');
  return rebuild(keep);
}

/**
 * Scores one (line, offering) pair with every criterion of a matcher, as pass 1 of a match
 * scores a candidate (internal to the package): `applicable`, `pass` and `score` per criterion,
 * in the matcher's order, from each criterion's quick path where it has one (the full judge
 * otherwise), each criterion seeing the scores of the applicable criteria before it. The judges
 * are made once, so scoring many pairs (counterfactuals: one changed offering against the line
 * it missed) costs what scoring them costs, not a run over the dataset each. Pairs of one line
 * come one after another, as the quick paths expect.
 *
 * @example
 * const score = createPairScorer(matcher, prepared, '2021-03-01');
 * score(prepared.lines[0], prepared.offerings[3]).map((v) => v.pass); // => [true, false, true, ...]
 */
export function createPairScorer(
  matcher: Matcher,
  prepared: PreparedDataset,
  asOf: string,
): (line: PreparedLine, offering: PreparedOffering) => { applicable: boolean; pass: boolean; score: number }[] {
  const judges = createJudges(matcher.criteria, prepared, asOf);
  const ids = matcher.criteria.map((c) => c.id);
  return (line, offering) => {
    const scores: Record<string, number> = {};
    const pair: Pair = { line, offering, scores };
    return judges.map((judge, c) => {
      const verdict = (judge.quick !== undefined ? unpackVerdict(judge.quick(pair)) : undefined) ?? judge(pair);
      if (verdict.applicable) scores[ids[c] as string] = verdict.score;
      return { applicable: verdict.applicable, pass: verdict.pass, score: verdict.score };
    });
  };
}

/**
 * The candidate postings of offerings (see `PreparedDataset.postings`): each offering's index
 * under the items it resolves to with at least `minItemConfidence`, their categories and UNSPSC
 * classes (6 digits), and the categories it resolves to. Internal: `prepare` and the
 * incremental index build them alike.
 */
export function postingsOf(offerings: readonly PreparedOffering[], catalog: Catalog, minItemConfidence: number): PreparedDataset['postings'] {
  const postings = { byItem: new Map<string, number[]>(), byCategory: new Map<string, number[]>(), byCodeClass: new Map<string, number[]>() };
  offerings.forEach((o, index) => {
    forEachPostingKey(o.resolution, catalog, minItemConfidence, (map, key) => {
      const list = postings[map].get(key);
      if (!list) postings[map].set(key, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    });
  });
  return postings;
}

/**
 * Calls `visit` with each posting key of a resolution (see `postingsOf`): its items of at
 * least `minItemConfidence`, their categories and UNSPSC classes, then its categories.
 */
export function forEachPostingKey(resolution: Resolution, catalog: Catalog, minItemConfidence: number, visit: (map: keyof PreparedDataset['postings'], key: string) => void): void {
  for (const m of resolution.items) {
    if (m.confidence < minItemConfidence) continue;
    visit('byItem', m.item);
    const item = catalog.items.get(m.item);
    if (item) {
      visit('byCategory', item.category);
      for (const code of item.codes.unspsc ?? []) visit('byCodeClass', code.slice(0, 6));
    }
  }
  for (const c of resolution.categories) visit('byCategory', c.category);
}

/**
 * Positions of the lines sorted by their best item, lines that share a resolution object (an
 * item id or a text resolves once) together, then as listed; lines without an item last.
 */
function processingOrder(lines: readonly PreparedLine[]): number[] {
  const keyOf = lines.map((l) => l.resolution.items[0]?.item ?? '');
  const resolutions = new Map<Resolution, number>();
  const resolutionOf = lines.map((l) => {
    let r = resolutions.get(l.resolution);
    if (r === undefined) {
      r = resolutions.size;
      resolutions.set(l.resolution, r);
    }
    return r;
  });
  return lines
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = keyOf[a] as string;
      const kb = keyOf[b] as string;
      if (ka !== kb) return ka === '' ? 1 : kb === '' ? -1 : compareIds(ka, kb);
      return (resolutionOf[a] as number) - (resolutionOf[b] as number) || a - b;
    });
}

/** A pair object the first pass reuses from candidate to candidate (criteria never keep pairs). */
interface MutablePair {
  line: PreparedLine;
  offering: PreparedOffering;
  scores: Record<string, number | undefined>;
  /** The offering's position in `context.offerings` (the run's layout, see `Layout`). */
  index: number;
}

/** Slack of the early-exit test: far above the rounding of a total, far below any real gap. */
const PRUNE_SLACK = 1e-9;

/**
 * How many candidates are judged together, criterion by criterion: enough to make the batch
 * paths pay, few enough that the kept lists (and so the early exits) tighten within a large group.
 */
const CHUNK = 64;

/** How many candidates judged in full a line's criteria are ordered on (see `LineMatcher.adapt`). */
const ADAPT_SAMPLE = 32;

/**
 * The built-in item-fit criterion's quick path and place, when the matcher may lean on it: its
 * verdict depends on the two resolutions alone, so one member of a group of offerings that share
 * a resolution tells the whole group's.
 */
interface ItemFitUse {
  readonly quick: QuickJudge;
  /** Its position among the criteria. */
  readonly at: number;
  /**
   * The most it can score a pair that shares no item of at least `minItemConfidence` with the
   * line: another item of the category, class or group (at full confidence), or the same item
   * below that confidence on one side.
   */
  readonly farCeiling: number;
}

function itemFitOf(criteria: readonly ResolvedCriterion[], judges: readonly Judge[], minItemConfidence: number): ItemFitUse | undefined {
  const at = criteria.findIndex((c) => c.criterion === (itemFitCriterion as unknown as Criterion));
  const quick = at < 0 ? undefined : judges[at]?.quick;
  if (quick === undefined) return undefined;
  const o = criteria[at]?.options as { readonly sameCategory: number; readonly sameCodeClass: number; readonly sameGroup: number };
  return { quick, at, farCeiling: Math.min(1, Math.max(minItemConfidence, o.sameCategory, o.sameCodeClass, o.sameGroup)) };
}

/**
 * How a run lays out a prepared dataset's offerings: the offerings of one item next to each
 * other (by the resolution's best item, then resolution, then dataset order), so that the
 * candidates of a line are a few runs of neighbours and the per-offering arrays of the criteria
 * are read in order rather than all over memory. `context.offerings` is this order, and so are
 * the candidate indexes of the matcher; results name offerings by id.
 */
interface Layout {
  readonly offerings: readonly PreparedOffering[];
  /** position[i]: where `prepared.offerings[i]` is in `offerings`. */
  readonly position: Int32Array;
  /** original[k]: the index in `prepared.offerings` of `offerings[k]`. */
  readonly original: Int32Array;
  /** Group id of each offering (by resolution object), in layout order. */
  readonly groupOf: Int32Array;
  /** How many groups. */
  readonly groups: number;
  /** 1 for a group whose resolution has no item of at least `minItemConfidence` (a category alone). */
  readonly itemless: Uint8Array;
  /** Posting lists cut into groups, in layout indexes (cached per list). */
  readonly lists: WeakMap<readonly number[], GroupedList>;
}

const layouts = new WeakMap<PreparedDataset, Map<number, Layout>>();

function layoutOf(prepared: PreparedDataset, minItemConfidence: number): Layout {
  let byConfidence = layouts.get(prepared);
  if (byConfidence === undefined) {
    byConfidence = new Map();
    layouts.set(prepared, byConfidence);
  }
  let layout = byConfidence.get(minItemConfidence);
  if (layout !== undefined) return layout;
  // A dataset readied again with the same offerings (the incremental index, when only lines
  // change) lays them out the same while the certificate types most required rank the same.
  const ranking = certificateRanking(prepared);
  const sameOfferings = `${minItemConfidence}\u0000${prepared.dataset.meta.asOf ?? ''}\u0000${ranking.join('\u0001')}`;
  const carried = layoutsByOfferings.get(prepared.offerings);
  if (carried !== undefined && carried.key === sameOfferings) {
    byConfidence.set(minItemConfidence, carried.layout);
    return carried.layout;
  }
  const n = prepared.offerings.length;
  const ids = new Map<Resolution, number>();
  const groupAt = new Int32Array(n);
  prepared.offerings.forEach((o, i) => {
    let id = ids.get(o.resolution);
    if (id === undefined) {
      id = ids.size;
      ids.set(o.resolution, id);
    }
    groupAt[i] = id;
  });
  const itemless = new Uint8Array(ids.size);
  const keyOfGroup: string[] = new Array<string>(ids.size);
  for (const [resolution, id] of ids) {
    const best = resolution.items.find((m) => m.confidence >= minItemConfidence);
    itemless[id] = best === undefined ? 1 : 0;
    keyOfGroup[id] = best?.item ?? '';
  }
  const profile = certificateProfiles(prepared, ranking);
  const original = Int32Array.from(prepared.offerings.keys()).sort((a, b) => {
    const ga = groupAt[a] as number;
    const gb = groupAt[b] as number;
    if (ga === gb) return (profile[b] as number) - (profile[a] as number) || a - b;
    const ka = keyOfGroup[ga] as string;
    const kb = keyOfGroup[gb] as string;
    return ka === kb ? ga - gb : compareIds(ka, kb);
  });
  const position = new Int32Array(n);
  original.forEach((i, k) => {
    position[i] = k;
  });
  const offerings = Array.from(original, (i) => prepared.offerings[i] as PreparedOffering);
  const groupOf = Int32Array.from(original, (i) => groupAt[i] as number);
  layout = { offerings, position, original, groupOf, groups: ids.size, itemless, lists: new WeakMap() };
  byConfidence.set(minItemConfidence, layout);
  layoutsByOfferings.set(prepared.offerings, { key: sameOfferings, layout });
  return layout;
}

/** The last layout made of an offerings array, with what else it depends on (see `layoutOf`). */
const layoutsByOfferings = new WeakMap<readonly PreparedOffering[], { readonly key: string; readonly layout: Layout }>();

/** How many certificate types a profile tells apart (see `certificateProfiles`). */
const PROFILE_TYPES = 30;

/** The certificate types the lines require most (`must` first, then `nice`), at most PROFILE_TYPES (see `certificateProfiles`). */
function certificateRanking(prepared: PreparedDataset): string[] {
  const demand = new Map<string, number>();
  for (const line of prepared.lines)
    for (const req of line.line.certifications) {
      const key = canonicalCertType(req.type);
      // A `must` weighs more than all the `nice` ones together.
      demand.set(key, (demand.get(key) ?? 0) + (req.level === 'must' ? 1e6 : 1));
    }
  return [...demand.entries()]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, PROFILE_TYPES)
    .map(([key]) => key);
}

/**
 * Each offering's certificate profile, a number whose bits say which certificate types it
 * holds (valid on the dataset's `asOf`, when it gives one), the types most often required
 * (`must` first, then `nice`) in the highest bits. The layout puts the offerings of a group in
 * profile order, so that those holding the same certificates are neighbours and a block of
 * them (see `CEILING_BLOCK`) often holds none of what a line requires: certification's ceiling
 * then skips it whole. Only the order depends on it, not what is kept.
 */
function certificateProfiles(prepared: PreparedDataset, ranked: readonly string[]): Float64Array {
  const asOf = prepared.dataset.meta.asOf;
  const bitOf = new Map(ranked.map((key, r) => [key, 2 ** (PROFILE_TYPES - 1 - r)]));
  return Float64Array.from(prepared.offerings, (o) => {
    let bits = 0;
    for (const [key, certs] of o.certificates) {
      const bit = bitOf.get(key);
      if (bit !== undefined && certs.some((c) => asOf === undefined || (c.issued <= asOf && (c.expires === undefined || c.expires >= asOf)))) bits += bit;
    }
    return bits;
  });
}

/** Candidate indexes (layout order) sorted in dataset order, as aggregators such as TOPSIS always saw them. */
function inDatasetOrder(indexes: Int32Array, layout: Layout): Int32Array {
  const original = indexes.map((k) => layout.original[k] as number).sort();
  return original.map((i) => layout.position[i] as number);
}

/** The offerings of the found groups of one item-fit verdict (see `CandidateFinder.bucketsOf`). */
interface Bucket {
  /** The verdict's item fit: 1 where item fit does not apply. */
  readonly fit: number;
  readonly packed: number;
  /** Its found groups (found-group slots), in the order found. */
  readonly groups: Int32Array;
  /** Their offerings, gathered when the bucket is first scored (many never are). */
  members: Int32Array | undefined;
}

/**
 * How a resolution's lines are scored (see `CandidateFinder.followPlan`): the near buckets, and
 * the far groups (found-group slots) with their best item fit and buckets, worked out when a
 * line first needs them.
 */
interface Plan {
  readonly probe: MutablePair;
  readonly near: readonly Bucket[];
  readonly farGroups: Int32Array;
  farBest: number | undefined;
  far: readonly Bucket[] | undefined;
}

/**
 * The most a packed verdict can give a weighted mean: its score, or 1 for one that does not
 * apply (it leaves the criterion out of the mean, which can lift it as much as a 1 can).
 */
function boundOfPacked(p: number): number {
  return p === QUICK_NOT_APPLICABLE || p === 3 ? 1 : Math.abs(p);
}

/** Whether a packed verdict fails its gate (see `packVerdict`): negative, -0, or not applicable yet failing. */
function isFailing(p: number): boolean {
  return p === 3 || p < 0 || (p === 0 && 1 / p < 0);
}

/** One posting list cut into the runs of offerings that share a resolution object. */
interface GroupedList {
  /** Group ids (see CandidateFinder.groupIds), in order of first appearance. */
  readonly groups: Int32Array;
  /** members.subarray(starts[g], starts[g + 1]) are the offerings of groups[g] in the list. */
  readonly starts: Int32Array;
  readonly members: Int32Array;
}

/**
 * Finds a line's candidates: the offerings posted under its items (confidence at least
 * `minItemConfidence`), their categories and UNSPSC classes, and the line's categories; or every
 * offering in `all` mode. Offerings that share a resolution object form a group (an item id, a
 * text or a category resolves once), so the union of a line's posting lists is taken group by
 * group rather than offering by offering.
 *
 * With the plain weighted sum and the built-in item fit, groups are scored best item fit first,
 * so that the kept lists fill early with strong candidates and rejected ones stop being judged
 * sooner (see `LineMatcher.add`), and groups that fail item fit are counted at once when none of
 * their members could reach the kept misses. Unless `exactCounts`, they come in two tiers: the
 * near groups (sharing an item with the line, or with no item at all), then the far ones (a
 * category or code class only), which are scored only if their best possible total (see
 * `MatcherConfig.exactCounts`) could still enter the kept lists. This plan depends on the line's
 * resolution alone, so lines that share a resolution (matched one after the other) reuse it.
 * Otherwise candidates come in offering order, as aggregators such as TOPSIS always saw them.
 */
class CandidateFinder {
  private stamps = new Int32Array(0);
  private generation = 0;
  // The groups found for the current line: slots[group id] is its place among them (valid when
  // stamps[group id] is the current generation), with its grouped list and place in it, whether
  // it is near, and its item-fit verdict (NaN until worked out).
  private slots = new Int32Array(0);
  private readonly foundList: GroupedList[] = [];
  private foundAt = new Int32Array(0);
  private foundNear = new Uint8Array(0);
  private foundPacked = new Float64Array(0);
  private foundKey = new Float64Array(0);
  private foundFit = new Float64Array(0);
  private sameScratch = new Int32Array(0);
  /** The current resolution's plan (see `followPlan`), while its found groups are the scratch's. */
  private plan: Plan | undefined;
  // Item fit's verdict by group id, kept from line to line while the lines share a resolution
  // object (it depends on the two resolutions alone): valid when the stamp is the generation.
  private groupPacked = new Float64Array(0);
  private groupStamps = new Int32Array(0);
  private groupGeneration = 0;
  private groupKey: { layout: Layout | undefined; itemFit: ItemFitUse | undefined; resolution: Resolution | undefined } = { layout: undefined, itemFit: undefined, resolution: undefined };

  constructor(
    private readonly mode: 'blocked' | 'all',
    private readonly minItemConfidence: number,
    private readonly exactCounts: boolean,
  ) {}

  /** Starts `line` in `run` and scores its candidates (pass 1); `run.finish()` or `run.keepInto()` ends it. */
  score(prepared: PreparedDataset, data: Layout, line: PreparedLine, run: LineMatcher, itemFit: ItemFitUse | undefined): void {
    run.begin(line);
    if (this.mode === 'all') {
      // Every offering, in dataset order.
      run.add(Int32Array.from(data.position));
      return;
    }
    // Item fit's verdicts by group, and the plan, hold while lines share a resolution.
    const key = this.groupKey;
    if (key.layout !== data || key.itemFit !== itemFit || key.resolution !== line.resolution) {
      key.layout = data;
      key.itemFit = itemFit;
      key.resolution = line.resolution;
      this.groupGeneration += 1;
      if (this.groupStamps.length < data.groups) {
        this.groupStamps = new Int32Array(data.groups);
        this.groupPacked = new Float64Array(data.groups);
      }
      this.plan = undefined;
    }
    // The line before had the same resolution, so the same candidates, buckets and found groups.
    if (this.plan !== undefined && itemFit !== undefined) {
      this.followPlan(this.plan, run, data, itemFit);
      return;
    }
    const lists = this.listsOf(prepared, line);
    // The union of the lists, group by group; a group must have the same members in every list
    // it appears in (true of postings made by `prepare`, which depend on the resolution alone).
    // Found groups live in typed scratch arrays (a line may find thousands).
    this.generation += 1;
    if (this.stamps.length < data.groups) {
      const size = Math.max(data.groups, this.stamps.length * 2);
      this.stamps = new Int32Array(size);
      this.slots = new Int32Array(size);
    }
    const { stamps, slots, generation } = this;
    const foundList = this.foundList;
    foundList.length = 0;
    let found = 0;
    let consistent = true;
    for (const { list, byItem } of lists) {
      const g = this.grouped(list, data);
      for (let k = 0; k < g.groups.length; k++) {
        const id = g.groups[k] as number;
        const size = (g.starts[k + 1] as number) - (g.starts[k] as number);
        if (stamps[id] !== generation) {
          stamps[id] = generation;
          slots[id] = found;
          if (this.foundAt.length <= found) this.growFound();
          foundList.push(g);
          this.foundAt[found] = k;
          this.foundNear[found] = byItem || data.itemless[id] === 1 ? 1 : 0;
          this.foundPacked[found] = Number.NaN;
          found += 1;
        } else {
          const f = slots[id] as number;
          const other = foundList[f] as GroupedList;
          const at = this.foundAt[f] as number;
          if ((other.starts[at + 1] as number) - (other.starts[at] as number) !== size) consistent = false;
          if (byItem) this.foundNear[f] = 1;
        }
      }
    }
    if (!consistent) {
      // Postings not made by `prepare`: the plain union of the lists, offering by offering.
      const union = new Set<number>();
      for (const { list } of lists) for (const i of list) if (i >= 0 && i < data.position.length) union.add(data.position[i] as number);
      run.add(inDatasetOrder(Int32Array.from(union), data));
      return;
    }
    const everyFound = (keep: (f: number) => boolean): Int32Array => {
      const out = new Int32Array(found);
      let n = 0;
      for (let f = 0; f < found; f++) if (keep(f)) out[n++] = f;
      return out.subarray(0, n);
    };
    if (itemFit === undefined || !run.plainSum) {
      // Every candidate in offering order.
      const all = everyFound(() => true);
      run.add(inDatasetOrder(this.gather(all, all.length), data));
      return;
    }
    const probe: MutablePair = { line, offering: undefined as unknown as PreparedOffering, scores: {}, index: -1 };
    if (this.exactCounts) {
      this.follow(this.bucketsOf(everyFound(() => true), data, itemFit, probe), run, itemFit.at, true);
      return;
    }
    this.plan = {
      probe,
      near: this.bucketsOf(everyFound((f) => this.foundNear[f] === 1), data, itemFit, probe),
      farGroups: everyFound((f) => this.foundNear[f] === 0),
      farBest: undefined,
      far: undefined,
    };
    this.followPlan(this.plan, run, data, itemFit);
  }

  /**
   * Scores a line by its plan: the near groups' buckets, best item fit first, until the rest
   * are settled; then, unless settled by the far groups' ceiling or their own best item fit,
   * the far groups' buckets the same way.
   */
  private followPlan(plan: Plan, run: LineMatcher, data: Layout, itemFit: ItemFitUse): void {
    this.follow(plan.near, run, itemFit.at, false);
    if (plan.farGroups.length > 0 && !run.settled(itemFit.at, itemFit.farCeiling)) {
      // The ceiling was not enough; the far groups' own item fit may still be.
      // (No far group fits better than the ceiling: one that reaches it settles the question.)
      if (plan.farBest === undefined) {
        let best = 0;
        for (let x = 0; x < plan.farGroups.length && best < itemFit.farCeiling; x++) best = Math.max(best, boundOfPacked(this.packedOf(plan.farGroups[x] as number, data, itemFit, plan.probe)));
        plan.farBest = best;
      }
      if (!run.settled(itemFit.at, plan.farBest)) {
        plan.far ??= this.bucketsOf(plan.farGroups, data, itemFit, plan.probe);
        this.follow(plan.far, run, itemFit.at, false);
      }
    }
  }

  /** Scores buckets in order; unless `exact`, stops at the first whose item fit is settled. */
  private follow(buckets: readonly Bucket[], run: LineMatcher, at: number, exact: boolean): void {
    for (const b of buckets) {
      if (!exact && run.settled(at, b.fit)) break;
      b.members ??= this.gather(b.groups, b.groups.length);
      run.addGroup(b.members, at, b.packed);
    }
  }

  /** Item fit's packed verdict of found group `f` (worked out once per resolution, see groupPacked). */
  private packedOf(f: number, data: Layout, itemFit: ItemFitUse, probe: MutablePair): number {
    let p = this.foundPacked[f] as number;
    if (Number.isNaN(p)) {
      const g = this.foundList[f] as GroupedList;
      const id = g.groups[this.foundAt[f] as number] as number;
      if (this.groupStamps[id] === this.groupGeneration) p = this.groupPacked[id] as number;
      else {
        const first = g.members[g.starts[this.foundAt[f] as number] as number] as number;
        probe.offering = data.offerings[first] as PreparedOffering;
        probe.index = first;
        p = itemFit.quick(probe as Pair);
        this.groupPacked[id] = p;
        this.groupStamps[id] = this.groupGeneration;
      }
      this.foundPacked[f] = p;
    }
    return p;
  }

  /**
   * The found groups `groups` as buckets of one item-fit verdict each, best fit first (a
   * resolution is often shared by a few offerings only, a verdict by hundreds): once a
   * verdict's fit is too low to reach the kept lists, so are the rest. Each bucket's members are
   * its groups' offerings, in the order found.
   */
  private bucketsOf(groups: Int32Array, data: Layout, itemFit: ItemFitUse, probe: MutablePair): Bucket[] {
    // Every group's verdict, key and fit into the scratch arrays, once; the distinct verdicts
    // (by key) and each group's place among them.
    const { foundPacked, foundKey, foundFit } = this;
    const verdicts: number[] = [];
    const byKey = new Map<number, number>();
    if (this.sameScratch.length < groups.length) this.sameScratch = new Int32Array(Math.max(groups.length, this.sameScratch.length * 2));
    const verdictOf = this.sameScratch;
    for (let x = 0; x < groups.length; x++) {
      const f = groups[x] as number;
      const p = this.packedOf(f, data, itemFit, probe);
      // -0 (a failing 0) is keyed apart from 0 (a passing one), as -2, which packs nothing.
      const key = p === 0 && 1 / p < 0 ? -2 : p;
      foundKey[f] = key;
      foundFit[f] = boundOfPacked(p);
      let v = byKey.get(key);
      if (v === undefined) {
        v = verdicts.length;
        byKey.set(key, v);
        verdicts.push(f);
      }
      verdictOf[x] = v;
    }
    // The few distinct verdicts, best fit first; then each one's groups, in the order found.
    const order = verdicts.map((_, v) => v).sort((a, b) => {
      const fa = verdicts[a] as number;
      const fb = verdicts[b] as number;
      return (foundFit[fb] as number) - (foundFit[fa] as number) || (foundKey[fa] as number) - (foundKey[fb] as number);
    });
    // Counting sort of the groups by verdict: starts[v] is where verdict v's groups begin.
    const starts = new Int32Array(verdicts.length + 1);
    for (let x = 0; x < groups.length; x++) {
      const at = (verdictOf[x] as number) + 1;
      starts[at] = (starts[at] as number) + 1;
    }
    for (let v = 0; v < verdicts.length; v++) starts[v + 1] = (starts[v + 1] as number) + (starts[v] as number);
    const sorted = new Int32Array(groups.length);
    const next = starts.slice(0, verdicts.length);
    for (let x = 0; x < groups.length; x++) {
      const v = verdictOf[x] as number;
      const at = next[v] as number;
      sorted[at] = groups[x] as number;
      next[v] = at + 1;
    }
    return order.map((v) => {
      const f = verdicts[v] as number;
      return { fit: foundFit[f] as number, packed: foundPacked[f] as number, groups: sorted.subarray(starts[v] as number, starts[v + 1] as number), members: undefined };
    });
  }

  /** The members of found groups `fs[0..n)`, in a new array. */
  private gather(fs: Int32Array, n: number): Int32Array {
    let size = 0;
    for (let x = 0; x < n; x++) size += this.sizeOf(fs[x] as number);
    const out = new Int32Array(size);
    let w = 0;
    for (let x = 0; x < n; x++) {
      const f = fs[x] as number;
      const g = this.foundList[f] as GroupedList;
      const at = this.foundAt[f] as number;
      out.set(g.members.subarray(g.starts[at] as number, g.starts[at + 1] as number), w);
      w += this.sizeOf(f);
    }
    return out;
  }

  /** How many offerings found group `f` has. */
  private sizeOf(f: number): number {
    const g = this.foundList[f] as GroupedList;
    const at = this.foundAt[f] as number;
    return (g.starts[at + 1] as number) - (g.starts[at] as number);
  }

  private growFound(): void {
    const size = Math.max(64, this.foundAt.length * 2);
    const at = new Int32Array(size);
    at.set(this.foundAt);
    this.foundAt = at;
    const near = new Uint8Array(size);
    near.set(this.foundNear);
    this.foundNear = near;
    const packed = new Float64Array(size);
    packed.set(this.foundPacked);
    this.foundPacked = packed;
    // Key and fit are written before they are read (see bucketsOf), so they need no copy.
    this.foundKey = new Float64Array(size);
    this.foundFit = new Float64Array(size);
  }

  /** The posting lists of a line (the same keys as ever: items, their categories and classes, the line's categories). */
  private listsOf(prepared: PreparedDataset, line: PreparedLine): { readonly list: readonly number[]; readonly byItem: boolean }[] {
    const lists: { readonly list: readonly number[]; readonly byItem: boolean }[] = [];
    const add = (list: readonly number[] | undefined, byItem: boolean): void => {
      if (list !== undefined && list.length > 0) lists.push({ list, byItem });
    };
    for (const m of line.resolution.items) {
      if (m.confidence < this.minItemConfidence) continue;
      add(prepared.postings.byItem.get(m.item), true);
      const item = prepared.catalog.items.get(m.item);
      if (item) {
        add(prepared.postings.byCategory.get(item.category), false);
        for (const code of item.codes.unspsc ?? []) add(prepared.postings.byCodeClass.get(code.slice(0, 6)), false);
      }
    }
    for (const c of line.resolution.categories) add(prepared.postings.byCategory.get(c.category), false);
    return lists;
  }

  /** A posting list cut into groups (cached per list). */
  private grouped(list: readonly number[], data: Layout): GroupedList {
    let g = data.lists.get(list);
    if (g === undefined) {
      const byGroup = new Map<number, number[]>();
      const placed = Int32Array.from(list.filter((i) => i >= 0 && i < data.position.length), (i) => data.position[i] as number).sort();
      for (const k of placed) {
        const id = data.groupOf[k] as number;
        const members = byGroup.get(id);
        if (members) members.push(k);
        else byGroup.set(id, [k]);
      }
      const groups = Int32Array.from(byGroup.keys());
      const starts = new Int32Array(groups.length + 1);
      const members = new Int32Array(list.length);
      let at = 0;
      let k = 0;
      for (const m of byGroup.values()) {
        starts[k] = at;
        members.set(m, at);
        at += m.length;
        k += 1;
      }
      starts[k] = at;
      g = { groups, starts, members: members.subarray(0, at) };
      data.lists.set(list, g);
    }
    return g;
  }
}

/**
 * Matches one line at a time in two passes:
 *
 * 1. every candidate added is scored: each criterion's `quick` path when it has one (no
 *    reasons built), else its judge; scores and flags go to flat typed arrays, not objects;
 * 2. the candidates that are kept (the `topK` qualified, the `rejectedK` nearest misses) are
 *    judged again in full, for their reasons, and their verdicts must agree with the first pass.
 *
 * Totals come from the aggregator over every qualified candidate (TOPSIS needs them all); for
 * the plain weighted sum they are computed as candidates come, by the same arithmetic. The kept
 * lists are kept up to date as candidates come, which lets a rejected candidate that can no
 * longer reach the kept misses stop being judged (see `add`). The ranking is the same as sorting
 * everything (score desc, then supplier id, then offering id, a total order), and the counts
 * count every candidate. So the result is what judging every pair in full gave, byte for byte.
 */
class LineMatcher {
  private readonly ids: readonly string[];
  /** Per criterion, the outcome made of each shared verdict (see `VerdictShare`), reused while its contribution is the same. */
  private readonly sharedOutcomes: readonly WeakMap<Verdict, CriterionOutcome>[];
  private readonly kinds: readonly Criterion['meta']['kind'][];
  private readonly weights: readonly number[];
  private readonly quicks: readonly (QuickJudge | undefined)[];
  /** Whether the aggregator is the plain weighted sum (totals known as candidates come). */
  readonly plainSum: boolean;
  private readonly batches: readonly (BatchJudge | undefined)[];
  private readonly ceilings: readonly (CeilingJudge | undefined)[];
  private readonly failings: readonly (FailingCeiling | undefined)[];
  /** Each criterion's failing ceiling for the current line (see `FailingCeiling`; 1 where it has none). */
  private readonly failingCeilings: Float64Array;
  /** Whether blocks of candidates may be skipped whole on their ceilings (see `addChunk` and `blockBound`). */
  readonly skipBlocks: boolean;
  // Per block of offerings (see CEILING_BLOCK), worked out for the current line when its stamp
  // is the line's generation: each criterion's ceiling, and their weighted sum.
  private readonly blockStamps: Int32Array;
  private readonly blockCeilings: Float64Array;
  private readonly blockSums: Float64Array;
  private blockGeneration = 0;
  /**
   * The order criteria are judged in at the start of a line: those with a batch path first,
   * least `cost` per unit of weight first (then as listed), then the others as listed; so a
   * criterion reading `pair.scores` finds every criterion listed before it judged.
   */
  private readonly startOrder: Int32Array;
  /** How many criteria have a batch path (the first of `startOrder`). */
  private readonly batched: number;
  private readonly costs: Float64Array;
  /**
   * The line's order: `startOrder`, until a chunk has judged enough candidates in full to see
   * what each batch criterion takes off a total per unit of cost; the batch criteria are then
   * put in that order for the rest of the line (see `adapt`). The kept lists do not depend on
   * the order, only how soon a candidate is dropped.
   */
  private readonly order: Int32Array;
  private adapted = false;
  /** restAfter[j]: the weight of the criteria after position j of `order`. */
  private readonly restAfter: Float64Array;
  /**
   * failPenaltyAfter[j]: the least that failing one of the criteria after position j of `order`
   * takes off a candidate's best possible sum, its weight times one less its failing ceiling;
   * Infinity when none of them can fail the current line.
   */
  private readonly failPenaltyAfter: Float64Array;
  private readonly totalWeight: number;
  // Scratch of a chunk: slots and offering indexes of the candidates in play, a criterion's packed
  // verdicts, running sums, failures.
  private readonly slots = new Int32Array(CHUNK);
  /** verdicts[c * CHUNK + slot]: criterion c's packed verdict of the candidate in `slot` of the chunk. */
  private readonly verdicts: Float64Array;
  private readonly indexes = new Int32Array(CHUNK);
  private readonly out = new Float64Array(CHUNK);
  private readonly sums = new Float64Array(CHUNK);
  private readonly weightSums = new Float64Array(CHUNK);
  private readonly failures = new Uint8Array(CHUNK);
  private scores = new Float64Array(0);
  private applicable = new Uint8Array(0);
  private passed = new Uint8Array(0);
  private totals = new Float64Array(0);
  // Per line.
  private line: PreparedLine | undefined;
  // Per line, kept from line to line so that no array grows per candidate: the offering index
  // of each row, and the qualified rows.
  private rowIndex = new Int32Array(0);
  private rows = 0;
  private qualified = new Int32Array(0);
  private qualifiedCount = 0;
  private rejectedCount = 0;
  private pairsScored = 0;
  private keptQualified: number[] = [];
  private keptRejected: number[] = [];
  /** The candidate a quick path without batch is judging: its slot in the chunk, and the criterion. */
  private readonly cursor = { slot: 0, judged: 0 };
  /**
   * One pair object serves every candidate judged by a quick path without batch, and its scores
   * are read through getters from the chunk's verdicts (what pass 1 has judged so far of this
   * pair), so no object is written per pair. Criteria without a quick path get a fresh pair with
   * a plain scores object.
   */
  private readonly shared: MutablePair;
  /** The kept candidate pass 2 is judging: its row, and the criterion. */
  private readonly fullCursor = { row: 0, judged: 0 };
  /** `pair.scores` of pass 2, read through getters from the row's scores (those pass 1 found, which pass 2 checks as it goes). */
  private readonly fullScores: Record<string, number | undefined>;

  constructor(
    /** The offerings in layout order (see `Layout`): candidate indexes point into it. */
    private readonly all: readonly PreparedOffering[],
    criteria: readonly ResolvedCriterion[],
    private readonly judges: readonly Judge[],
    private readonly aggregator: Aggregator,
    private readonly topK: number,
    private readonly rejectedK: number,
    /** Whether candidates may be dropped before their verdict is known (see `add`). */
    readonly pruneUnknown: boolean,
  ) {
    this.ids = criteria.map((c) => c.id);
    this.sharedOutcomes = criteria.map(() => new WeakMap<Verdict, CriterionOutcome>());
    this.kinds = criteria.map((c) => c.criterion.meta.kind);
    this.weights = criteria.map((c) => c.weight);
    this.quicks = judges.map((j) => (typeof j.quick === 'function' ? j.quick : undefined));
    this.plainSum = isPlainWeightedSum(aggregator);
    this.batches = judges.map((j) => (typeof j.batch === 'function' ? j.batch : undefined));
    this.ceilings = judges.map((j) => (typeof j.ceiling === 'function' ? j.ceiling : undefined));
    this.failings = judges.map((j) => (typeof j.failing === 'function' ? j.failing : undefined));
    this.failingCeilings = new Float64Array(criteria.length).fill(1);
    this.skipBlocks = pruneUnknown && this.plainSum && this.ceilings.some((c) => c !== undefined);
    const blocks = this.skipBlocks ? Math.ceil(all.length / CEILING_BLOCK) : 0;
    this.blockStamps = new Int32Array(blocks);
    this.blockCeilings = new Float64Array(blocks * criteria.length);
    this.blockSums = new Float64Array(blocks);
    const costOf = (c: number): number => {
      const cost = judges[c]?.cost;
      return typeof cost === 'number' && Number.isFinite(cost) ? cost : 1;
    };
    // Cost per unit of weight: a zero weight tightens nothing, so it comes last.
    const rankOf = (c: number): number => {
      const w = this.weights[c] ?? 0;
      return w > 0 ? costOf(c) / w : Number.POSITIVE_INFINITY;
    };
    const listed = criteria.map((_, c) => c);
    const fast = listed.filter((c) => this.batches[c] !== undefined).sort((a, b) => rankOf(a) - rankOf(b) || a - b);
    this.startOrder = Int32Array.from([...fast, ...listed.filter((c) => this.batches[c] === undefined)]);
    this.batched = fast.length;
    this.costs = Float64Array.from(listed, costOf);
    this.order = this.startOrder.slice();
    this.restAfter = new Float64Array(this.order.length);
    this.failPenaltyAfter = new Float64Array(this.order.length);
    this.setOrder(this.startOrder);
    this.totalWeight = this.weights.reduce((a, b) => a + b, 0);
    this.verdicts = new Float64Array(CHUNK * Math.max(1, this.ids.length));
    const { cursor, fullCursor } = this;
    const passOne = (c: number): number | undefined => {
      const v = this.verdicts[c * CHUNK + cursor.slot] as number;
      return v === QUICK_NOT_APPLICABLE || v === 3 ? undefined : Math.abs(v);
    };
    const passTwo = (c: number): number | undefined => {
      const at = fullCursor.row * this.ids.length + c;
      return this.applicable[at] === 1 ? this.scores[at] : undefined;
    };
    this.shared = { line: undefined as unknown as PreparedLine, offering: undefined as unknown as PreparedOffering, scores: this.scoresView(cursor, passOne), index: -1 };
    this.fullScores = this.scoresView(fullCursor, passTwo);
  }

  /** Starts a line. */
  begin(line: PreparedLine): void {
    this.line = line;
    this.rows = 0;
    this.qualifiedCount = 0;
    this.rejectedCount = 0;
    this.pairsScored = 0;
    this.keptQualified = [];
    this.keptRejected = [];
    this.shared.line = line;
    this.blockGeneration += 1;
    // Only dropping candidates whose verdict is unknown reads the failing ceilings.
    if (this.pruneUnknown) {
      for (let c = 0; c < this.ids.length; c++) {
        const failing = this.failings[c];
        const f = failing === undefined ? 1 : failing(line);
        if (!(f === CANNOT_FAIL || (f >= 0 && f <= 1)))
          throw new SupplymatchError([
            { path: `criteria.${this.ids[c] as string}`, code: 'score_out_of_range', message: `criterion "${this.ids[c] as string}" gave the failing ceiling ${f} for line ${line.line.id}; it must be in [0, 1] or CANNOT_FAIL` },
          ]);
        this.failingCeilings[c] = f;
      }
    }
    this.setOrder(this.startOrder);
    this.adapted = false;
  }

  /** Judges criteria in `order` from now on (with the current line's failing ceilings). */
  private setOrder(order: Int32Array): void {
    const { weights, restAfter, failPenaltyAfter, failingCeilings } = this;
    this.order.set(order);
    restAfter[order.length - 1] = 0;
    failPenaltyAfter[order.length - 1] = Number.POSITIVE_INFINITY;
    for (let j = order.length - 2; j >= 0; j--) {
      const c = order[j + 1] as number;
      const w = weights[c] ?? 0;
      const f = failingCeilings[c] as number;
      restAfter[j] = (restAfter[j + 1] as number) + w;
      failPenaltyAfter[j] = f === CANNOT_FAIL ? (failPenaltyAfter[j + 1] as number) : Math.min(failPenaltyAfter[j + 1] as number, w * (1 - f));
    }
  }

  /**
   * Orders the line's batch criteria by what they took off the totals of the chunk's `m`
   * candidates still in play (judged in full, in rows `first + slots[q]`): the weight times one
   * minus the score, summed over the verdicts that apply, per unit of `cost`, most first;
   * criteria that cost nothing stay first. Done once per line, from the first chunk that judged
   * at least ADAPT_SAMPLE candidates in full: so the order depends on the line alone (a shard of
   * lines gets the same counts).
   */
  private adapt(first: number, m: number): void {
    const C = this.ids.length;
    const { scores, applicable, weights, costs, slots } = this;
    const value = new Float64Array(C);
    for (let j = 0; j < this.batched; j++) {
      const c = this.startOrder[j] as number;
      const cost = costs[c] as number;
      let loss = 0;
      for (let q = 0; q < m; q++) {
        const at = (first + (slots[q] as number)) * C + c;
        if (applicable[at] === 1) loss += 1 - (scores[at] as number);
      }
      value[c] = cost > 0 ? ((weights[c] ?? 0) * loss) / cost : Number.POSITIVE_INFINITY;
    }
    const fast = Array.from(this.startOrder.subarray(0, this.batched));
    const rank = new Map(fast.map((c, j) => [c, j]));
    fast.sort((a, b) => (value[b] as number) - (value[a] as number) || (rank.get(a) as number) - (rank.get(b) as number));
    const order = this.startOrder.slice();
    order.set(fast);
    this.setOrder(order);
    this.adapted = true;
  }

  /**
   * Scores candidates (pass 1), a chunk of them at a time, criterion by criterion (see `order`):
   * each criterion's batch path when it has one, else its quick path or its judge per candidate.
   * After each criterion, a candidate that can no longer change the kept lists is dropped: its
   * weighted sum so far, with every criterion left scoring 1 (a criterion that does not apply
   * only narrows the mean towards scores of at most 1), is its best possible total. One that has
   * failed a gate is dropped when that bound is below the last kept miss (it still counts as
   * rejected); with `pruneUnknown`, one that has not failed yet is dropped when the bound is
   * below both the last of the top `topK` and the last kept miss (its verdict is then unknown
   * and it is counted in neither count). Every candidate dropped counts in `pairsScored`.
   * `known` gives criterion `at`'s verdict, the same for every candidate (item fit of a group).
   */
  add(candidateIndexes: Int32Array, known?: { readonly at: number; readonly packed: number }): void {
    for (let start = 0; start < candidateIndexes.length; start += CHUNK) this.addChunk(candidateIndexes, start, Math.min(candidateIndexes.length, start + CHUNK), known);
  }

  private addChunk(candidateIndexes: Int32Array, start: number, end: number, known: { readonly at: number; readonly packed: number } | undefined): void {
    const { all, ids, judges, quicks, batches, weights, order, slots, indexes, out, sums, weightSums, failures, cursor, verdicts } = this;
    const line = this.line as PreparedLine;
    const C = ids.length;
    // The chunk's candidates: each has a slot (its column in `verdicts`, the packed verdicts by
    // criterion) and a row; `slots` and `indexes` list those still in play.
    const first = this.rows;
    this.ensureRows(first + (end - start));
    const { rowIndex } = this;
    // What a candidate must reach to change the kept lists: the last kept miss, for one that has
    // failed a gate; with `pruneUnknown`, also the last of the top k for one that has not (see
    // `fold`). They move only when the chunk ends, so they hold for the whole chunk. (While a
    // list is not full, its floor is -Infinity: nothing is dropped on it.)
    const missFloor = this.rejectedK === 0 ? Number.POSITIVE_INFINITY : this.floorOf(this.keptRejected, this.rejectedK);
    const topFloor = this.pruneUnknown ? this.floorOf(this.keptQualified, this.topK) : Number.NEGATIVE_INFINITY;
    // A block of offerings whose ceilings add up below the kept lists is skipped whole.
    const skipBlocks = this.skipBlocks && (missFloor !== Number.NEGATIVE_INFINITY || topFloor !== Number.NEGATIVE_INFINITY);
    let block = -1;
    let skipped = false;
    let m = 0;
    for (let k = start; k < end; k++) {
      const index = candidateIndexes[k] as number;
      const offering = all[index];
      // Compared with undefined, not tested for truth: that would read the object (a cache miss per candidate).
      if (offering === undefined) continue;
      if (skipBlocks) {
        const b = (index / CEILING_BLOCK) | 0;
        if (b !== block) {
          block = b;
          skipped = this.skipsBlock(b, known, missFloor, topFloor);
        }
        if (skipped) continue;
      }
      rowIndex[first + m] = index;
      slots[m] = m;
      indexes[m] = index;
      sums[m] = 0;
      weightSums[m] = 0;
      failures[m] = 0;
      m += 1;
    }
    this.rows = first + m;
    this.pairsScored += m;
    // A criterion whose verdict is known for the whole chunk (item fit of a group) and judged
    // first: every candidate starts from the same sums, so it is folded once, for the first
    // candidate, and the others copy the outcome (kept or dropped together).
    let from = 0;
    if (known !== undefined && m > 0 && order[0] === known.at) {
      out[0] = known.packed;
      const kept = this.fold(known.at, 0, 1, missFloor, topFloor);
      if (kept === 0) {
        // Dropped: fold counted the first as rejected if the verdict fails, so the rest likewise.
        if (isFailing(known.packed)) this.rejectedCount += m - 1;
        m = 0;
      } else {
        const column = known.at * CHUNK;
        for (let q = 1; q < m; q++) {
          verdicts[column + q] = known.packed;
          sums[q] = sums[0] as number;
          weightSums[q] = weightSums[0] as number;
          failures[q] = failures[0] as number;
        }
      }
      from = 1;
    }
    for (let j = from; j < C && m > 0; j++) {
      const c = order[j] as number;
      const id = ids[c] as string;
      // The verdicts of criterion c, packed, into out[0..m).
      const batch = batches[c];
      if (known !== undefined && known.at === c) out.fill(known.packed, 0, m);
      else if (batch !== undefined) batch(line, indexes, m, out);
      else {
        const quick = quicks[c];
        const shared = this.shared;
        cursor.judged = c;
        for (let q = 0; q < m; q++) {
          const slot = slots[q] as number;
          const offering = all[indexes[q] as number] as PreparedOffering;
          if (quick !== undefined) {
            cursor.slot = slot;
            shared.offering = offering;
            shared.index = indexes[q] as number;
            out[q] = quick(shared as Pair);
          } else {
            const previous: Record<string, number> = {};
            for (let p = 0; p < c; p++) {
              const v = verdicts[p * CHUNK + slot] as number;
              if (v !== QUICK_NOT_APPLICABLE && v !== 3) previous[ids[p] as string] = Math.abs(v);
            }
            const verdict = (judges[c] as Judge)({ line, offering, scores: previous, index: indexes[q] as number });
            if (!(verdict.score >= 0 && verdict.score <= 1)) throw outOfRange(id, verdict.score, line, offering);
            out[q] = packVerdict(verdict.applicable, verdict.pass, verdict.score);
          }
        }
      }
      m = this.fold(c, j, m, missFloor, topFloor);
    }
    // The candidates judged in full: their verdicts into the row arrays, then their totals.
    const { scores, applicable, passed, totals } = this;
    for (let q = 0; q < m; q++) {
      const slot = slots[q] as number;
      const row = first + slot;
      const base = row * C;
      for (let c = 0; c < C; c++) {
        const packed = verdicts[c * CHUNK + slot] as number;
        const at = base + c;
        if (packed === QUICK_NOT_APPLICABLE || packed === 3) {
          scores[at] = 0;
          applicable[at] = 0;
          passed[at] = packed === 3 ? 0 : 1;
        } else {
          scores[at] = packed < 0 || (packed === 0 && 1 / packed < 0) ? -packed + 0 : packed;
          applicable[at] = 1;
          passed[at] = packed > 0 || (packed === 0 && 1 / packed > 0) ? 1 : 0;
        }
      }
      if (failures[q] === 1) {
        this.rejectedCount += 1;
        // A rejected candidate's score is what a weighted sum would give it, for near-miss ordering.
        totals[row] = weightedSumTotal(scores, applicable, base, weights);
        keep(this.keptRejected, row, this.rejectedK, this.before);
      } else {
        if (this.qualifiedCount === this.qualified.length) {
          const grown = new Int32Array(Math.max(64, this.qualified.length * 2));
          grown.set(this.qualified);
          this.qualified = grown;
        }
        this.qualified[this.qualifiedCount++] = row;
        if (this.plainSum) {
          totals[row] = weightedSumTotal(scores, applicable, base, weights);
          keep(this.keptQualified, row, this.topK, this.before);
        }
      }
    }
    if (!this.adapted && m >= ADAPT_SAMPLE) this.adapt(first, m);
  }

  /**
   * Folds criterion `c` (at position `j` of `order`), judged into `out[0..m)`, into the chunk:
   * each verdict into the chunk's matrix and the candidate's running sums; then, but after the
   * last criterion, the candidate is dropped if it can no longer change the kept lists (see
   * `add`). Returns how many candidates are still in play, compacted to the front of the
   * scratch arrays. A method of its own, not a loop inside `addChunk`: in the larger function
   * the optimizing compiler at times kept the running sums as heap numbers, allocating some
   * 70 to 100 KB more per line (measured with the sampling heap profiler on 3,000 lines).
   */
  private fold(c: number, j: number, m: number, missFloor: number, topFloor: number): number {
    const { slots, indexes, out, sums, weightSums, failures, verdicts } = this;
    const w = this.weights[c] ?? 0;
    const column = c * CHUNK;
    const prune = j < this.ids.length - 1 && (missFloor !== Number.NEGATIVE_INFINITY || topFloor !== Number.NEGATIVE_INFINITY);
    const rest = this.restAfter[j] as number;
    // A candidate that has failed nothing yet can only enter the kept misses by failing a
    // criterion still to judge, which then scores at most its failing ceiling.
    const penalty = this.failPenaltyAfter[j] as number;
    const canFail = penalty !== Number.POSITIVE_INFINITY;
    let kept = 0;
    for (let q = 0; q < m; q++) {
      const packed = out[q] as number;
      const slot = slots[q] as number;
      verdicts[column + slot] = packed;
      let sum = sums[q] as number;
      let weight = weightSums[q] as number;
      let failed = failures[q] as number;
      if (packed > 0 && packed <= 1) {
        sum += w * packed;
        weight += w;
      } else if (packed === 0 || (packed < 0 && packed >= -1)) {
        // 0 passes, -0 fails (see packVerdict).
        if (!(packed === 0 && 1 / packed > 0)) failed = 1;
        sum -= w * packed;
        weight += w;
      } else if (packed === 3) failed = 1;
      else if (packed !== QUICK_NOT_APPLICABLE) throw outOfRange(this.ids[c] as string, packed, this.line as PreparedLine, this.all[indexes[q] as number] as PreparedOffering);
      if (prune) {
        // The best possible total, (sum + rest) / (weight + rest), against the floors, multiplied
        // out: a failed candidate against the last kept miss; one that has not failed against the
        // last of the top k, and, unless it cannot fail any more, against the last kept miss with
        // its best sum less the penalty of failing.
        const room = weight + rest;
        const best = sum + rest;
        if (failed === 1) {
          if (room > 0 ? best < missFloor * room : 0 < missFloor) {
            this.rejectedCount += 1;
            continue;
          }
        } else if (room > 0 ? best < topFloor * room && (!canFail || best - penalty < missFloor * room) : 0 < topFloor && (!canFail || 0 < missFloor)) continue;
      }
      slots[kept] = slot;
      indexes[kept] = indexes[q] as number;
      sums[kept] = sum;
      weightSums[kept] = weight;
      failures[kept] = failed;
      kept += 1;
    }
    return kept;
  }

  /**
   * Whether no offering of block `b` can change the kept lists (see `blockBound`): failing
   * `known`, none can reach the last kept miss; else none can reach the last of the top k, nor,
   * failing a criterion still to judge (at most its failing ceiling, see `fold`), the last kept miss.
   */
  private skipsBlock(b: number, known: { readonly at: number; readonly packed: number } | undefined, missFloor: number, topFloor: number): boolean {
    const bound = this.blockBound(b, known);
    if (known !== undefined && isFailing(known.packed)) return bound < missFloor;
    if (!(bound < topFloor)) return false;
    if (bound < missFloor) return true;
    const C = this.ids.length;
    const { weights, blockCeilings, failingCeilings } = this;
    let least = Number.POSITIVE_INFINITY;
    for (let c = 0; c < C; c++) {
      const f = failingCeilings[c] as number;
      if (f === CANNOT_FAIL || (known !== undefined && c === known.at)) continue;
      least = Math.min(least, (weights[c] ?? 0) * Math.max(0, (blockCeilings[b * C + c] as number) - f));
    }
    return least === Number.POSITIVE_INFINITY || bound - least / this.totalWeight < missFloor;
  }

  /**
   * The most any offering of block `b` can total against the line (plain weighted sum): each
   * criterion's ceiling for the block, 1 where it has none, and item fit's verdict (`known`) when
   * the block's candidates come from one group. A verdict that does not apply only narrows the
   * mean towards scores of at most 1, which a ceiling of 1 allows for (see `CeilingJudge`).
   */
  private blockBound(b: number, known: { readonly at: number; readonly packed: number } | undefined): number {
    const C = this.ids.length;
    const { weights, blockCeilings } = this;
    if (this.blockStamps[b] !== this.blockGeneration) {
      const line = this.line as PreparedLine;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const ceiling = this.ceilings[c];
        const u = ceiling === undefined ? 1 : ceiling(line, b);
        if (!(u >= 0 && u <= 1))
          throw new SupplymatchError([
            { path: `criteria.${this.ids[c] as string}`, code: 'score_out_of_range', message: `criterion "${this.ids[c] as string}" gave the ceiling ${u} for line ${line.line.id}; ceilings must be in [0, 1]` },
          ]);
        blockCeilings[b * C + c] = u;
        sum += (weights[c] ?? 0) * u;
      }
      this.blockSums[b] = sum;
      this.blockStamps[b] = this.blockGeneration;
    }
    let sum = this.blockSums[b] as number;
    if (known !== undefined) {
      const fit = boundOfPacked(known.packed);
      const u = blockCeilings[b * C + known.at] as number;
      if (fit < u) sum += (weights[known.at] ?? 0) * (fit - u);
    }
    return sum / this.totalWeight;
  }

  /**
   * The total a candidate must reach to enter a kept list of `k` (less the slack: far above the
   * rounding of a total, far below any real gap), or -Infinity while the list is not full.
   */
  private floorOf(kept: readonly number[], k: number): number {
    const last = kept.length >= k ? kept[k - 1] : undefined;
    return last === undefined ? Number.NEGATIVE_INFINITY : (this.totals[last] as number) - PRUNE_SLACK;
  }

  /** Room for `n` rows in the per-candidate arrays. */
  private ensureRows(n: number): void {
    const C = this.ids.length;
    if (this.scores.length < n * C) {
      const size = Math.max(n * C, this.scores.length * 2);
      const grow = <T extends Float64Array | Uint8Array>(old: T, make: (k: number) => T): T => {
        const next = make(size);
        next.set(old);
        return next;
      };
      this.scores = grow(this.scores, (k) => new Float64Array(k));
      this.applicable = grow(this.applicable, (k) => new Uint8Array(k));
      this.passed = grow(this.passed, (k) => new Uint8Array(k));
    }
    if (this.totals.length < n) {
      const next = new Float64Array(Math.max(n, this.totals.length * 2));
      next.set(this.totals);
      this.totals = next;
    }
    if (this.rowIndex.length < n) {
      const next = new Int32Array(Math.max(n, this.rowIndex.length * 2));
      next.set(this.rowIndex);
      this.rowIndex = next;
    }
  }

  /**
   * Scores a group of offerings whose verdict of criterion `at` is known (`packed`, the same for
   * every member). When it fails them and none of them could reach the kept misses (see `add`),
   * they are counted as rejected and scored at once, without judging each.
   */
  addGroup(members: Int32Array, at: number, packed: number): void {
    if (isFailing(packed)) {
      const applies = packed !== QUICK_NOT_APPLICABLE && packed !== 3;
      const w = this.weights[at] ?? 0;
      const sum = applies ? w * Math.abs(packed) : 0;
      const weight = applies ? w : 0;
      const rest = this.totalWeight - w;
      const bound = weight + rest > 0 ? (sum + rest) / (weight + rest) : 0;
      if (this.rejectedK === 0 || bound < this.floorOf(this.keptRejected, this.rejectedK)) {
        let n = 0;
        for (const i of members) if (this.all[i] !== undefined) n += 1;
        this.rejectedCount += n;
        this.pairsScored += n;
        return;
      }
    }
    this.add(members, { at, packed });
  }

  /**
   * Whether candidates whose item fit (criterion `at`) is at most `fit` could no longer change
   * the kept lists: their total is at most `(w·fit + W − w) / W` (every other score at most 1;
   * a criterion that does not apply only narrows the mean towards scores of at most 1), and the
   * top k qualified, and the kept misses unless none are kept, all beat that. Plain weighted sum only.
   */
  settled(at: number, fit: number): boolean {
    if (!this.plainSum) return false;
    const all = this.totalWeight;
    const w = this.weights[at] ?? 0;
    if (!(all > 0)) return false;
    const bound = (w * fit + (all - w)) / all;
    if (!(bound < this.floorOf(this.keptQualified, this.topK))) return false;
    return this.rejectedK === 0 || bound < this.floorOf(this.keptRejected, this.rejectedK);
  }

  /** Rank order: score desc, then supplier id, then offering id (a strict total order). */
  private readonly before = (a: number, b: number): boolean => {
    const ta = this.totals[a] as number;
    const tb = this.totals[b] as number;
    if (ta !== tb) return ta > tb;
    const oa = this.all[this.rowIndex[a] as number] as PreparedOffering;
    const ob = this.all[this.rowIndex[b] as number] as PreparedOffering;
    const s = compareIds(oa.supplier.id, ob.supplier.id);
    if (s !== 0) return s < 0;
    return compareIds(oa.offering.id, ob.offering.id) < 0;
  };

  /** Ends the line: totals and ranking, then pass 2 for the kept candidates. */
  finish(): LineResult {
    const line = this.line as PreparedLine;
    const { weights, totals } = this;
    const offeringOf = (row: number): PreparedOffering => this.all[this.rowIndex[row] as number] as PreparedOffering;
    const C = this.ids.length;
    let contributionsOf: (row: number) => readonly number[];
    if (this.plainSum) {
      contributionsOf = (row) => weightedSumRow(this.rowOf(row), weights, undefined).contributions;
    } else {
      const qualified = Array.from(this.qualified.subarray(0, this.qualifiedCount));
      const agg = this.aggregator.aggregate({ scores: qualified.map((row) => this.rowOf(row)), weights });
      const position = new Map<number, number>();
      qualified.forEach((row, i) => {
        position.set(row, i);
        totals[row] = agg.totals[i] ?? 0;
      });
      for (const row of qualified) keep(this.keptQualified, row, this.topK, this.before);
      contributionsOf = (row) => agg.contributions[position.get(row) as number] ?? [];
    }

    // --- pass 2: judge the kept candidates in full ---------------------------------------------
    const candidates = this.keptQualified.map((row, i): RankedCandidate => {
      const offering = offeringOf(row);
      return {
        rank: i + 1,
        supplier: offering.supplier.id,
        offering: offering.offering.id,
        item: bestItem(line, offering),
        score: totals[row] as number,
        outcomes: this.outcomes(line, offering, row, contributionsOf(row)),
      };
    });
    const rejectedList = this.keptRejected.map((row): RejectedCandidate => {
      const offering = offeringOf(row);
      const failed: string[] = [];
      for (let c = 0; c < C; c++) if (this.passed[row * C + c] === 0) failed.push(this.ids[c] as string);
      return {
        supplier: offering.supplier.id,
        offering: offering.offering.id,
        item: bestItem(line, offering),
        failed,
        score: totals[row] as number,
        outcomes: this.outcomes(line, offering, row, weightedSumRow(this.rowOf(row), weights, undefined).contributions),
      };
    });

    return {
      line: line.line.id,
      buyer: line.buyer.id,
      resolution: line.resolution,
      candidates,
      qualifiedCount: this.qualifiedCount,
      rejected: rejectedList,
      rejectedCount: this.rejectedCount,
      pairsScored: this.pairsScored,
      ...(line.text !== undefined ? { text: line.text } : {}),
    };
  }

  /**
   * Writes what pass 1 kept of the line into `writer` as line `at`: the kept rows (offerings by
   * dataset index, through `original`) with their verdicts and totals, and the counts; `resume`
   * takes it up again, in this thread or another. Plain weighted sum only: other aggregators
   * need every qualified row.
   */
  keepInto(writer: KeptWriter, at: number, original: Int32Array): void {
    if (!this.plainSum) throw new Error('keepInto: only a plain weighted sum can be finished from its kept rows');
    const C = this.ids.length;
    const rows = [...this.keptQualified, ...this.keptRejected];
    const first = writer.line(at, this.keptQualified.length, this.keptRejected.length, this.qualifiedCount, this.rejectedCount, this.pairsScored);
    rows.forEach((row, r) => writer.row(first + r, original[this.rowIndex[row] as number] as number, this.totals[row] as number, this.scores, this.applicable, this.passed, row * C));
  }

  /**
   * Takes up a line where pass 1 left it in `keepInto` (offerings by dataset index, back through
   * `position`), so that `finish` gives what it would have given there.
   */
  resume(line: PreparedLine, kept: KeptLine, position: Int32Array): void {
    if (!this.plainSum) throw new Error('resume: only a plain weighted sum can be finished from its kept rows');
    const C = this.ids.length;
    if (kept.rows.criteria !== C) throw new Error(`resume: kept rows of ${kept.rows.criteria} criteria, for a matcher of ${C}`);
    this.begin(line);
    const n = kept.qualifiedKept + kept.rejectedKept;
    this.ensureRows(n);
    const { offerings, totals, scores, flags } = kept.rows;
    for (let row = 0; row < n; row++) {
      const r = kept.firstRow + row;
      this.rowIndex[row] = position[offerings[r] as number] as number;
      this.totals[row] = totals[r] as number;
      for (let c = 0; c < C; c++) {
        const f = flags[r * C + c] as number;
        this.scores[row * C + c] = scores[r * C + c] as number;
        this.applicable[row * C + c] = f & 1;
        this.passed[row * C + c] = f >> 1;
      }
    }
    this.rows = n;
    this.keptQualified = Array.from({ length: kept.qualifiedKept }, (_, k) => k);
    this.keptRejected = Array.from({ length: kept.rejectedKept }, (_, k) => kept.qualifiedKept + k);
    this.qualifiedCount = kept.qualifiedCount;
    this.rejectedCount = kept.rejectedCount;
    this.pairsScored = kept.pairsScored;
  }

  /**
   * A `pair.scores` that reads, through a getter per criterion, `scoreOf(c)` for the criteria
   * before `cursor.judged` and undefined for the rest (the expression criterion reads only the
   * criteria listed before it); `scoreOf` gives undefined where a criterion does not apply.
   * Pass 1 reads the chunk's verdicts, pass 2 the kept candidate's row.
   */
  private scoresView(cursor: { readonly judged: number }, scoreOf: (c: number) => number | undefined): Record<string, number | undefined> {
    const view: Record<string, number | undefined> = {};
    this.ids.forEach((id, c) => {
      Object.defineProperty(view, id, { enumerable: true, get: (): number | undefined => (c < cursor.judged ? scoreOf(c) : undefined) });
    });
    return view;
  }

  /** A candidate's scores as an aggregator row (undefined where a criterion does not apply). */
  private rowOf(row: number): (number | undefined)[] {
    const C = this.ids.length;
    const out: (number | undefined)[] = new Array<number | undefined>(C);
    for (let c = 0; c < C; c++) out[c] = this.applicable[row * C + c] === 1 ? this.scores[row * C + c] : undefined;
    return out;
  }

  /** Judges a kept candidate in full, checks the verdicts against pass 1, and lays them out. */
  private outcomes(line: PreparedLine, offering: PreparedOffering, row: number, contributions: readonly number[]): CriterionOutcome[] {
    const { ids, kinds, weights, judges, fullCursor } = this;
    const C = ids.length;
    // With its index, so that criteria read what they keep per offering from arrays; its scores
    // are those of the criteria before the one judged, checked against pass 1 as they come.
    const pair: Pair = { line, offering, scores: this.fullScores as Readonly<Record<string, number>>, index: this.rowIndex[row] as number };
    fullCursor.row = row;
    const out: CriterionOutcome[] = [];
    for (let c = 0; c < C; c++) {
      const id = ids[c] as string;
      fullCursor.judged = c;
      const verdict = (judges[c] as Judge)(pair);
      if (!(verdict.score >= 0 && verdict.score <= 1)) throw outOfRange(id, verdict.score, line, offering);
      const at = row * C + c;
      const isApplicable = this.applicable[at] === 1;
      if (verdict.applicable !== isApplicable || verdict.pass !== (this.passed[at] === 1) || (isApplicable && verdict.score !== this.scores[at]))
        throw new SupplymatchError([
          {
            path: `criteria.${id}`,
            code: 'quick_mismatch',
            message: `criterion "${id}" judged line ${line.line.id} and offering ${offering.offering.id} differently in full than on its quick path; the two must agree`,
          },
        ]);
      const contribution = contributions[c] ?? 0;
      // A shared (frozen) verdict with the same contribution shares its outcome too.
      const shared = Object.isFrozen(verdict) ? (this.sharedOutcomes[c] as WeakMap<Verdict, CriterionOutcome>) : undefined;
      const known = shared?.get(verdict);
      if (known !== undefined && Object.is(known.contribution, contribution)) {
        out.push(known);
        continue;
      }
      const outcome: CriterionOutcome = {
        criterion: id,
        kind: kinds[c] as Criterion['meta']['kind'],
        applicable: verdict.applicable,
        pass: verdict.pass,
        score: verdict.score,
        weight: weights[c] ?? 0,
        contribution,
        reasons: verdict.reasons,
      };
      if (shared !== undefined) shared.set(verdict, Object.freeze(outcome));
      out.push(outcome);
    }
    return out;
  }
}

/**
 * Keeps `best` the first `k` rows in the order `before` (a strict total order), best first, as
 * rows come: the same as sorting all and cutting.
 */
function keep(best: number[], row: number, k: number, before: (a: number, b: number) => boolean): void {
  if (k <= 0) return;
  if (best.length === k && !before(row, best[k - 1] as number)) return;
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(row, best[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  best.splice(lo, 0, row);
  if (best.length > k) best.pop();
}

function outOfRange(id: string, score: number, line: PreparedLine, offering: PreparedOffering): SupplymatchError {
  return new SupplymatchError([
    {
      path: `criteria.${id}`,
      code: 'score_out_of_range',
      message: `criterion "${id}" scored ${score} for line ${line.line.id} and offering ${offering.offering.id}; scores must be in [0, 1]`,
    },
  ]);
}

/** The catalog item both sides share with the highest confidence, or the offering's best. */
export function bestItem(line: PreparedLine, offering: PreparedOffering): string | undefined {
  const wanted = line.resolution.items;
  let best: string | undefined;
  let bestConfidence = -1;
  for (const m of offering.resolution.items) {
    // The line's last match of the item, as a map built from its matches would hold.
    let w: number | undefined;
    for (let k = wanted.length - 1; k >= 0 && w === undefined; k--) if ((wanted[k] as ItemMatch).item === m.item) w = (wanted[k] as ItemMatch).confidence;
    if (w !== undefined && Math.min(w, m.confidence) > bestConfidence) {
      best = m.item;
      bestConfidence = Math.min(w, m.confidence);
    }
  }
  return best ?? offering.resolution.items[0]?.item;
}


/** Whether `value` has the shape of a parsed dataset (the arrays and meta that parseDataset gives). */
function isDataset(value: unknown): value is Dataset {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<Record<keyof Dataset, unknown>>;
  return Array.isArray(d.items) && Array.isArray(d.suppliers) && Array.isArray(d.buyers) && d.meta !== null && typeof d.meta === 'object';
}

/**
 * Whether `value` is a matcher made by {@link createMatcher} (or one with the same methods).
 *
 * @example
 * isMatcher(createMatcher()); // => true
 * isMatcher({ topK: 5 }); // => false
 */
export function isMatcher(value: unknown): value is Matcher {
  return value !== null && typeof value === 'object' && typeof (value as Matcher).match === 'function' && typeof (value as Matcher).matchPrepared === 'function';
}

/**
 * Throws a `SupplymatchError` when `value` is not a parsed dataset: the functions that take one
 * say so in the user's terms instead of failing on a missing property.
 *
 * @example
 * requireDataset(undefined, 'gapReport'); // throws: gapReport needs a dataset from parseDataset or loadDataset, not undefined
 */
export function requireDataset(value: unknown, owner: string): asserts value is Dataset {
  if (!isDataset(value))
    throw new SupplymatchError([{ path: 'dataset', code: 'invalid_input', message: `${owner} needs a dataset from parseDataset or loadDataset, not ${value === null ? 'null' : typeof value}` }]);
}
