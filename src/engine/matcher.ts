/**
 * The matcher: `createMatcher` checks a configuration and builds a matcher; a run
 * (`openRun`) lays out a prepared dataset, creates the criteria's judges over it and matches
 * line by line (see `line-matcher.ts`, `candidates.ts`, `layout.ts`); the internal entry points
 * the analyses use (`keepingCandidates`, `createPairScorer`, `criterionContext`) live here too.
 */
import { fromZodIssues } from '../dataset/issues.js';
import { createCatalog, type Catalog } from '../catalog/resolve.js';
import { type MatchContext, type Pair, type PreparedLine, type PreparedOffering } from '../criteria/criterion.js';
import { unpackVerdict, type FastJudge as Judge, type RunContext } from '../criteria/fast.js';
import { groupPathOf } from '../criteria/derive-candidates.js';
import type { LineFactsKeeper } from '../criteria/line-facts.js';
import { defaultCriteria } from '../criteria/defaults.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import type { Dataset } from '../model/dataset.js';
import { DateSchema } from '../model/common.js';
import { oneOfIssue, optionKeyIssues } from '../options.js';
import { aggregatorByName, aggregatorIds, type Aggregator } from './aggregate.js';
import type { KeptLine, KeptWriter } from './kept.js';
import { prepareDataset } from './prepare.js';
import type { LineResult, MatchResult } from './result.js';
import { withDisplay } from '../display.js';
import { CandidateFinder, processingOrder, type LineReach } from './candidates.js';
import { type CriterionEntry, MATCHER_CONFIG_KEYS, MATCH_OPTION_KEYS, MAX_WEIGHT, type MatchOptions, type MatcherConfig, type ResolvedCriterion, isEntry } from './config.js';
import { type Layout, layoutOf } from './layout.js';
import { LineMatcher, type MissFilter, keep } from './line-matcher.js';
import { type PreparedDataset, postingsOf } from './prepared.js';
export { MAX_WEIGHT, type CriterionEntry, type MatchOptions, type MatcherConfig, type ResolvedCriterion } from './config.js';
export { type Layout } from './layout.js';
export { bestItem, type MissFilter } from './line-matcher.js';
export { forEachPostingKey, postingsOf, type PreparedDataset } from './prepared.js';

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
  /** Whether a line can be finished from its kept rows: the aggregator declares a `rowTotal`. */
  readonly splits: boolean;
  /** How many criteria. */
  readonly criteria: number;
  /** Matches line `at`: both passes. */
  match(at: number): LineResult;
  /** How far the line last matched went down its candidates (see `LineReach`), for the incremental index. */
  reach(): LineReach | undefined;
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
  /** The date the run judges on. */
  readonly asOf: string;
  /** The run's layout and its criteria's judges (what `openRun` may be given for a later run, see `RunBasis`). */
  readonly basis: RunBasis;
}

/**
 * A layout and judges made over its offerings, given to `openRun` instead of those it would
 * make (internal to the package): the incremental index lays out offerings its own way when a
 * line's result does not depend on the layout (`dependsOn: 'candidates'`).
 *
 * @example
 * const again = openRun(matcher, prepared, undefined, { basis: openRun(matcher, prepared).basis }); // the same layout and judges
 */
export interface RunBasis {
  readonly layout: Layout;
  readonly judges: readonly Judge[];
}

/** What only the package's own analyses and index give a run (see {@link openRun}). */
export interface RunInternals {
  readonly keepMiss?: MissFilter;
  readonly basis?: RunBasis;
  /** Keepers of line facts for the judges the run makes, one per criterion (see `createJudges`). */
  readonly lineFacts?: readonly LineFactsKeeper[];
}

const runs = new WeakMap<Matcher, (prepared: PreparedDataset, options?: MatchOptions, internals?: RunInternals) => MatchRun>();

/** Opens a run of a matcher made by `createMatcher` (see `MatchRun`), over `internals.basis` when given. */
export function openRun(matcher: Matcher, prepared: PreparedDataset, options?: MatchOptions, internals?: RunInternals): MatchRun {
  const open = runs.get(matcher);
  if (open === undefined) throw new TypeError('openRun: not a matcher made by createMatcher');
  return open(prepared, options, internals);
}

const DEFAULT_TOP_K = 10;
const DEFAULT_REJECTED_K = 10;

/** How a matcher's results display themselves in a notebook (given by the entry point; see `createMatcherWith`). */
export type MatchDisplay = (result: MatchResult, dataset: Dataset) => object;

/**
 * `createMatcher` without a notebook display of its results (internal to the package: the
 * engine and the analyses make theirs this way; the entry point's `createMatcher` adds the
 * display).
 *
 * @example
 * const matcher = createMatcher({ topK: 5 });
 */
export function createMatcher(config: MatcherConfig = {}): Matcher {
  return createMatcherWith(config, undefined);
}

/**
 * A matcher whose results carry `display` (internal to the package): the public entry point
 * passes the notebook's, so that the engine imports nothing of the notebook layer. Matchers made
 * from it (`withWeights`, `keepingCandidates`) carry it too.
 *
 * @example
 * const matcher = createMatcherWith({}, (result, dataset) => matchBundle(result, { dataset }));
 */
export function createMatcherWith(config: MatcherConfig, display: MatchDisplay | undefined): Matcher {
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
    const weight = config.weights?.[meta.id] ?? entry.weight ?? meta.weight ?? 1;
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
      issues.push({ path: 'aggregate', code: 'unknown_aggregator', message: `no aggregator "${String(config.aggregate)}" (${aggregatorIds().join(', ')})` });
  }
  const topK = config.topK ?? DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1) issues.push({ path: 'topK', code: 'invalid_option', message: 'topK is a whole number >= 1' });
  const rejectedK = config.rejectedK ?? DEFAULT_REJECTED_K;
  if (!Number.isInteger(rejectedK) || rejectedK < 0) issues.push({ path: 'rejectedK', code: 'invalid_option', message: 'rejectedK is a whole number >= 0' });
  if (config.asOf !== undefined && !DateSchema.safeParse(config.asOf).success)
    issues.push({ path: 'asOf', code: 'invalid_format', message: `asOf "${config.asOf}" is not a date written YYYY-MM-DD` });
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest], `invalid matcher configuration:\n${[first, ...rest].map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return buildMatcher(config, resolved, aggregator as Aggregator, topK, rejectedK, display);
}

function buildMatcher(
  config: MatcherConfig,
  criteria: readonly ResolvedCriterion[],
  aggregator: Aggregator,
  topK: number,
  rejectedK: number,
  display: MatchDisplay | undefined,
): Matcher {
  const minItemConfidence = config.minItemConfidence ?? 0.3;
  const mode = config.candidates ?? 'blocked';

  const prepare = (dataset: Dataset): PreparedDataset => {
    requireDataset(dataset, 'a matcher');
    const catalog = createCatalog(dataset.items, dataset.categories, config.catalog);
    const { offerings, lines } = prepareDataset(dataset, catalog);
    return { dataset, catalog, offerings, lines, postings: postingsOf(offerings, catalog, minItemConfidence) };
  };

  const ordersByLines = new WeakMap<readonly PreparedLine[], readonly number[]>();
  const judgesByLayout = new WeakMap<Layout, { readonly asOf: string; readonly meta: Dataset['meta']; readonly catalog: Catalog; readonly decisions: Dataset['decisions']; readonly judges: readonly Judge[] }>();
  const openRun = (prepared: PreparedDataset, options?: MatchOptions, internals?: RunInternals): MatchRun => {
    if (prepared === null || typeof prepared !== 'object' || !isDataset((prepared as Partial<PreparedDataset>).dataset))
      throw new SupplymatchError([{ path: 'prepared', code: 'invalid_input', message: 'matchPrepared needs what matcher.prepare(dataset) returned' }]);
    const [firstOption, ...restOptions] = optionKeyIssues(options, MATCH_OPTION_KEYS, 'match');
    if (firstOption) throw new SupplymatchError([firstOption, ...restOptions]);
    const asOf = options?.asOf ?? config.asOf ?? prepared.dataset.meta.asOf;
    if (asOf === undefined)
      throw new SupplymatchError([{ path: 'asOf', code: 'required', message: 'no asOf date: give one in the matcher, the match options or the dataset meta' }]);
    const basis = internals?.basis;
    const layout = basis?.layout ?? layoutOf(prepared, minItemConfidence);
    // Judges hold per-offering data of the layout: runs over the same layout, date, meta,
    // catalog and decisions share them (the incremental index opens one run per update).
    const held = judgesByLayout.get(layout);
    const decisions = prepared.dataset.decisions;
    const judges: readonly Judge[] =
      basis?.judges ??
      (held !== undefined && held.asOf === asOf && held.meta === prepared.dataset.meta && held.catalog === prepared.catalog && held.decisions === decisions
        ? held.judges
        : createJudges(criteria, prepared, asOf, layout.offerings, internals?.lineFacts));
    if (basis === undefined) judgesByLayout.set(layout, { asOf, meta: prepared.dataset.meta, catalog: prepared.catalog, decisions, judges });
    const wanted = options?.lines ? new Set(options.lines) : undefined;
    const lines = wanted ? prepared.lines.filter((l) => wanted.has(l.line.id)) : prepared.lines;
    const run = new LineMatcher(layout.offerings, criteria, judges, aggregator, topK, rejectedK, mode === 'blocked' && !(config.exactCounts ?? false), internals?.keepMiss);
    const lead = groupPathOf(criteria, judges, minItemConfidence);
    const candidates = new CandidateFinder(mode, minItemConfidence, config.exactCounts ?? false);
    const lineAt = (at: number): PreparedLine => {
      const line = lines[at];
      if (line === undefined) throw new RangeError(`no line at ${at} of ${lines.length}`);
      return line;
    };
    // Sorted when first read: the index's small runs over the offerings an update brought or
    // took away match lines one by one and never read it. Kept per lines array: the index's
    // runs over the same prepared lines (an update that changes no buyer or line) share it.
    return {
      lines,
      get order() {
        let order = ordersByLines.get(lines);
        if (order === undefined) {
          order = processingOrder(lines);
          ordersByLines.set(lines, order);
        }
        return order;
      },
      splits: run.rowWise,
      criteria: criteria.length,
      layout: layout.offerings,
      dependsOn: run.skipBlocks ? 'blocks' : run.pruneUnknown ? 'order' : 'candidates',
      mode,
      minItemConfidence,
      asOf,
      basis: { layout, judges },
      match: (at) => {
        candidates.score(prepared, layout, lineAt(at), run, lead);
        return run.finish();
      },
      reach: () => candidates.reach,
      firstPass: (at, writer) => {
        candidates.score(prepared, layout, lineAt(at), run, lead);
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
        return display === undefined ? result : withDisplay(result, () => display(result, prepared.dataset));
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
    withWeights: (weights) =>
      createMatcherWith({ ...config, criteria: criteria.map((c) => ({ criterion: c.criterion, options: c.options as never, weight: c.weight })), weights: { ...config.weights, ...weights } }, display),
  };
  runs.set(matcher, openRun);
  rebuilds.set(matcher, (keep) => createMatcherWith({ ...config, criteria: criteria.map((c) => ({ criterion: c.criterion, options: c.options as never, weight: c.weight })), weights: config.weights ?? {}, ...keep }, display));
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
export function criterionContext(criteria: readonly ResolvedCriterion[], i: number, prepared: PreparedDataset, asOf: string, offerings?: readonly PreparedOffering[], lineFacts?: LineFactsKeeper): RunContext {
  return {
    asOf,
    domesticCountry: prepared.dataset.meta.domesticCountry,
    exchangeRates: prepared.dataset.meta.exchangeRates,
    catalog: prepared.catalog,
    items: prepared.catalog.items,
    previousCriteria: criteria.slice(0, i).map((p) => p.id),
    decisions: prepared.dataset.decisions ?? [],
    ...(offerings !== undefined ? { offerings } : {}),
    ...(lineFacts !== undefined ? { lineFacts } : {}),
  };
}

/**
 * The criteria's judges for one run; `offerings` (the run's layout) lets quick paths keep columns by
 * offering, and `lineFacts` (one keeper per criterion, see `criteria/line-facts.ts`) lets judges
 * made for several runs share what they read of each line.
 */
export function createJudges(criteria: readonly ResolvedCriterion[], prepared: PreparedDataset, asOf: string, offerings?: readonly PreparedOffering[], lineFacts?: readonly LineFactsKeeper[]): Judge[] {
  return criteria.map((c, i) => {
    const context = criterionContext(criteria, i, prepared, asOf, offerings, lineFacts?.[i]);
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
