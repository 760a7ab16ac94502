import type { z } from 'zod';
import { createCatalog, type Catalog, type CatalogOptions } from '../catalog/resolve.js';
import type { Criterion, Judge, MatchContext, Pair, PreparedLine, PreparedOffering, Verdict } from '../criteria/criterion.js';
import { defaultCriteria } from '../criteria/defaults.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import { fromZodIssues } from '../dataset/issues.js';
import type { Dataset } from '../model/dataset.js';
import { DateSchema } from '../model/common.js';
import { aggregatorByName, type Aggregator } from './aggregate.js';
import { prepareLine, prepareOffering } from './prepare.js';
import type { CriterionOutcome, LineResult, MatchResult, RankedCandidate, RejectedCandidate } from './result.js';

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
  /** `blocked` (default): only offerings sharing an item, category or code class with the line; `all`: every offering (to verify blocking). */
  readonly candidates?: 'blocked' | 'all';
  /** Options of catalog resolution. */
  readonly catalog?: CatalogOptions;
  /** Items resolved below this confidence do not open candidates; default 0.3. */
  readonly minItemConfidence?: number;
}

/** Options of one {@link Matcher.match} run. */
export interface MatchOptions {
  /** Overrides the matcher's `asOf` for this run. */
  readonly asOf?: string;
  /** Called after each line with (done, total); for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Match only these demand line ids (a shard); default every line. */
  readonly lines?: readonly string[];
}

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

/**
 * Default weights of the built-in criteria: what the item is and whether it can be trusted
 * (specs, certificates) count most, then volume, then the rest.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  itemFit: 3,
  specFit: 2,
  certification: 2,
  capacity: 2,
  leadTime: 1,
  locality: 1,
  price: 1,
  readiness: 1,
  expression: 1,
});

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
  const issues: Issue[] = [];
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
    if (!Number.isFinite(w) || w < 0) issues.push({ path: formatPath(['weights', id]), code: 'invalid_weight', message: `weight ${w} is not a finite number >= 0` });
  }
  for (const r of resolved) {
    // A weight from `weights` was checked above; this catches one given in a criterion entry.
    if (config.weights?.[r.id] !== undefined) continue;
    if (!Number.isFinite(r.weight) || r.weight < 0)
      issues.push({ path: formatPath(['criteria', listed.findIndex((c) => (isEntry(c) ? c.criterion : c).meta.id === r.id), 'weight']), code: 'invalid_weight', message: `weight of "${r.id}" is not a finite number >= 0` });
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
    const catalog = createCatalog(dataset.items, dataset.categories, config.catalog);
    const domestic = dataset.meta.domesticCountry;
    const offerings: PreparedOffering[] = [];
    for (const supplier of dataset.suppliers)
      for (const offering of supplier.offerings) offerings.push(prepareOffering(offering, supplier, catalog, domestic));
    const lines: PreparedLine[] = [];
    for (const buyer of dataset.buyers) for (const line of buyer.demandLines) lines.push(prepareLine(line, buyer, catalog));
    const byItem = new Map<string, number[]>();
    const byCategory = new Map<string, number[]>();
    const byCodeClass = new Map<string, number[]>();
    const post = (map: Map<string, number[]>, key: string, index: number): void => {
      const list = map.get(key);
      if (!list) map.set(key, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    };
    offerings.forEach((o, index) => {
      for (const m of o.resolution.items) {
        if (m.confidence < minItemConfidence) continue;
        post(byItem, m.item, index);
        const item = catalog.items.get(m.item);
        if (item) {
          post(byCategory, item.category, index);
          for (const code of item.codes.unspsc ?? []) post(byCodeClass, code.slice(0, 6), index);
        }
      }
      for (const c of o.resolution.categories) post(byCategory, c.category, index);
    });
    return { dataset, catalog, offerings, lines, postings: { byItem, byCategory, byCodeClass } };
  };

  const candidatesOf = (prepared: PreparedDataset, line: PreparedLine): number[] => {
    if (mode === 'all') return prepared.offerings.map((_, i) => i);
    const found = new Set<number>();
    const add = (list: readonly number[] | undefined): void => {
      for (const i of list ?? []) found.add(i);
    };
    for (const m of line.resolution.items) {
      if (m.confidence < minItemConfidence) continue;
      add(prepared.postings.byItem.get(m.item));
      const item = prepared.catalog.items.get(m.item);
      if (item) {
        add(prepared.postings.byCategory.get(item.category));
        for (const code of item.codes.unspsc ?? []) add(prepared.postings.byCodeClass.get(code.slice(0, 6)));
      }
    }
    for (const c of line.resolution.categories) add(prepared.postings.byCategory.get(c.category));
    return [...found].sort((a, b) => a - b);
  };

  const matchPrepared = (prepared: PreparedDataset, options?: MatchOptions): MatchResult => {
    const asOf = options?.asOf ?? config.asOf ?? prepared.dataset.meta.asOf;
    if (asOf === undefined)
      throw new SupplymatchError([{ path: 'asOf', code: 'required', message: 'no asOf date: give one in the matcher, the match options or the dataset meta' }]);
    const items = prepared.catalog.items;
    const judges: Judge[] = criteria.map((c, i) => {
      const context: MatchContext = {
        asOf,
        domesticCountry: prepared.dataset.meta.domesticCountry,
        exchangeRates: prepared.dataset.meta.exchangeRates,
        catalog: prepared.catalog,
        items,
        previousCriteria: criteria.slice(0, i).map((p) => p.id),
      };
      return c.criterion.create(c.options as never, context);
    });
    const weights = criteria.map((c) => c.weight);
    const wanted = options?.lines ? new Set(options.lines) : undefined;
    const lines = wanted ? prepared.lines.filter((l) => wanted.has(l.line.id)) : prepared.lines;
    const results: LineResult[] = [];
    let pairsScored = 0;
    lines.forEach((line, done) => {
      const result = matchLine(line, candidatesOf(prepared, line), prepared, criteria, judges, weights, aggregator, topK, rejectedK);
      pairsScored += result.pairsScored;
      results.push(result);
      options?.onProgress?.(done + 1, lines.length);
    });
    return {
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
        pairsScored,
        linesWithCandidates: results.filter((r) => r.candidates.length > 0).length,
      },
    };
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
  return matcher;
}

function matchLine(
  line: PreparedLine,
  candidateIndexes: readonly number[],
  prepared: PreparedDataset,
  criteria: readonly ResolvedCriterion[],
  judges: readonly Judge[],
  weights: readonly number[],
  aggregator: Aggregator,
  topK: number,
  rejectedK: number,
): LineResult {
  interface Judged {
    readonly offering: PreparedOffering;
    readonly verdicts: readonly Verdict[];
    readonly failed: readonly string[];
    readonly item: string | undefined;
  }
  const judged: Judged[] = [];
  for (const index of candidateIndexes) {
    const offering = prepared.offerings[index];
    if (!offering) continue;
    const scores: Record<string, number> = {};
    const verdicts: Verdict[] = [];
    const failed: string[] = [];
    const pair: Pair = { line, offering, scores };
    for (let c = 0; c < judges.length; c++) {
      const judge = judges[c] as Judge;
      const id = (criteria[c] as ResolvedCriterion).id;
      const verdict = judge(pair);
      if (!(verdict.score >= 0 && verdict.score <= 1))
        throw new SupplymatchError([
          {
            path: `criteria.${id}`,
            code: 'score_out_of_range',
            message: `criterion "${id}" scored ${verdict.score} for line ${line.line.id} and offering ${offering.offering.id}; scores must be in [0, 1]`,
          },
        ]);
      verdicts.push(verdict);
      if (verdict.applicable) scores[id] = verdict.score;
      if (!verdict.pass) failed.push(id);
    }
    judged.push({ offering, verdicts, failed, item: bestItem(line, offering) });
  }
  const qualified = judged.filter((j) => j.failed.length === 0);
  const rejected = judged.filter((j) => j.failed.length > 0);
  const scoresOf = (list: readonly Judged[]) => list.map((j) => j.verdicts.map((v) => (v.applicable ? v.score : undefined)));
  const agg = aggregator.aggregate({ scores: scoresOf(qualified), weights });
  const outcomes = (j: Judged, contributions: readonly number[] | undefined): CriterionOutcome[] =>
    j.verdicts.map((v, c) => ({
      criterion: (criteria[c] as ResolvedCriterion).id,
      kind: (criteria[c] as ResolvedCriterion).criterion.meta.kind,
      applicable: v.applicable,
      pass: v.pass,
      score: v.score,
      weight: weights[c] ?? 0,
      contribution: contributions?.[c] ?? 0,
      reasons: v.reasons,
    }));
  const byScoreThenIds = <T extends { score: number; supplier: string; offering: string }>(a: T, b: T): number =>
    b.score - a.score || compareIds(a.supplier, b.supplier) || compareIds(a.offering, b.offering);

  const ranked = qualified
    .map((j, i) => ({
      supplier: j.offering.supplier.id,
      offering: j.offering.offering.id,
      item: j.item,
      score: agg.totals[i] ?? 0,
      outcomes: outcomes(j, agg.contributions[i]),
    }))
    .sort(byScoreThenIds)
    .slice(0, topK)
    .map((c, i): RankedCandidate => ({ rank: i + 1, ...c }));

  // A rejected candidate's score is what a weighted sum would give it, for near-miss ordering.
  const sum = aggregatorByName('weightedSum') as Aggregator;
  const rejectedAgg = sum.aggregate({ scores: scoresOf(rejected), weights });
  const rejectedList = rejected
    .map(
      (j, i): RejectedCandidate => ({
        supplier: j.offering.supplier.id,
        offering: j.offering.offering.id,
        item: j.item,
        failed: j.failed,
        score: rejectedAgg.totals[i] ?? 0,
        outcomes: outcomes(j, rejectedAgg.contributions[i]),
      }),
    )
    .sort(byScoreThenIds)
    .slice(0, rejectedK);

  return {
    line: line.line.id,
    buyer: line.buyer.id,
    resolution: line.resolution,
    candidates: ranked,
    qualifiedCount: qualified.length,
    rejected: rejectedList,
    rejectedCount: rejected.length,
    pairsScored: judged.length,
  };
}

/** The catalog item both sides share with the highest confidence, or the offering's best. */
function bestItem(line: PreparedLine, offering: PreparedOffering): string | undefined {
  const wanted = new Map(line.resolution.items.map((m) => [m.item, m.confidence]));
  let best: string | undefined;
  let bestConfidence = -1;
  for (const m of offering.resolution.items) {
    const w = wanted.get(m.item);
    if (w !== undefined && Math.min(w, m.confidence) > bestConfidence) {
      best = m.item;
      bestConfidence = Math.min(w, m.confidence);
    }
  }
  return best ?? offering.resolution.items[0]?.item;
}

/** Plain code-unit order: the same everywhere, unlike locale collation. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
