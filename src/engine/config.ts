/**
 * A matcher's configuration: what `createMatcher` takes (criteria, weights, aggregator, how many
 * candidates to keep, how candidates are found) and what `match` takes, with the keys each
 * accepts, and the criteria as a matcher resolves them.
 */
import type { z } from 'zod';
import { type CatalogOptions } from '../catalog/resolve.js';
import { type Criterion } from '../criteria/criterion.js';
import { type Aggregator } from './aggregate.js';

/** A criterion with its options and weight, as listed in a matcher's configuration. */
export interface CriterionEntry<S extends z.ZodType = z.ZodType> {
  readonly criterion: Criterion<S>;
  /** Options over the criterion's defaults (validated when the matcher is created). */
  readonly options?: Partial<z.input<S>>;
  /** Weight in the aggregate; default the criterion's `meta.weight`, else 1. */
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
   * `topK` and the `rejectedK` nearest misses): with an aggregator at most the weighted mean (see
   * `AggregatorCapabilities`: the weighted sum and the weighted product) and a criterion that
   * declares `meta.candidates` (the built-in item fit does; see `CandidateDeclaration`), groups of
   * offerings are scored best verdict of it first and the rest are skipped once their best
   * possible total, `(w·s + W − w) / W` (its score `s`, its weight `w`, all weights `W`), is
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
export const MATCHER_CONFIG_KEYS = Object.keys({
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

export const MATCH_OPTION_KEYS = Object.keys({ asOf: true, onProgress: true, lines: true } satisfies Record<keyof MatchOptions, true>);

/** A criterion of a matcher with its options filled in and its weight. */
export interface ResolvedCriterion {
  readonly criterion: Criterion;
  readonly id: string;
  readonly options: unknown;
  readonly weight: number;
}

export function isEntry(x: Criterion | CriterionEntry): x is CriterionEntry {
  return 'criterion' in x;
}
