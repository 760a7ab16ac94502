import type { Resolution } from '../catalog/resolve.js';
import type { CriterionKind } from '../criteria/criterion.js';
import { compareIds } from '../model/common.js';
import type { CriterionOutcome } from '../criteria/outcome.js';
import type { LineTextReport } from '../catalog/line-text.js';

export type { CriterionOutcome };

/** A supplier offering that qualified for a line, with its rank and why. */
export interface RankedCandidate {
  /** 1-based; equal totals still get distinct ranks, ties broken by supplier id then offering id. */
  readonly rank: number;
  readonly supplier: string;
  readonly offering: string;
  /** The catalog item the offering was matched as, when it resolved to one. */
  readonly item: string | undefined;
  readonly score: number;
  readonly outcomes: readonly CriterionOutcome[];
}

/** A candidate that failed at least one gate. */
export interface RejectedCandidate {
  readonly supplier: string;
  readonly offering: string;
  readonly item: string | undefined;
  /** Ids of the criteria whose gate it failed. */
  readonly failed: readonly string[];
  /** What its total would have been had it passed (for near-miss analysis). */
  readonly score: number;
  readonly outcomes: readonly CriterionOutcome[];
}

/** Everything the matcher found for one demand line. */
export interface LineResult {
  readonly line: string;
  readonly buyer: string;
  readonly resolution: Resolution;
  /** Qualified candidates, best first, at most `topK`. */
  readonly candidates: readonly RankedCandidate[];
  /**
   * How many qualified among the candidates judged to a verdict (candidates may have been cut
   * to `topK`). In `blocked` mode, a candidate is left out, or dropped part-way, when a bound
   * proves it cannot enter the kept lists (see `MatcherConfig.exactCounts`); it is then not
   * counted here, nor in `rejectedCount` unless it had already failed a gate. `exactCounts: true`
   * (and `candidates: 'all'`) count every candidate.
   */
  readonly qualifiedCount: number;
  /** Candidates that failed a gate, best score first, at most `rejectedK`. */
  readonly rejected: readonly RejectedCandidate[];
  /** How many failed a gate among the candidates judged (see `qualifiedCount`). */
  readonly rejectedCount: number;
  /** How many (line, offering) pairs were judged for this line, in full or in part. */
  readonly pairsScored: number;
  /**
   * For a line named by free text: how well the text names an item (`status`, best `guesses`,
   * `why` when not clear) and what became of every piece read out of it (requirements made from
   * it, qualifiers, side phrases...).
   */
  readonly text?: LineTextReport;
}

/** The settings a result was produced with, so that a result file explains itself. */
export interface MatchSettings {
  readonly asOf: string;
  readonly aggregate: string;
  readonly topK: number;
  readonly rejectedK: number;
  readonly candidates: 'blocked' | 'all';
  readonly criteria: readonly { readonly id: string; readonly kind: CriterionKind; readonly weight: number }[];
}

/** What `matcher.match(dataset)` returns: plain, serializable data. */
export interface MatchResult {
  readonly settings: MatchSettings;
  /** One entry per demand line, in dataset order. */
  readonly lines: readonly LineResult[];
  readonly stats: {
    readonly lines: number;
    readonly offerings: number;
    readonly pairsScored: number;
    readonly linesWithCandidates: number;
  };
}

/** A kept entry as the rank order reads it (see {@link rankedBefore}). */
export interface Ranked {
  readonly score: number;
  readonly supplier: string;
  readonly offering: string;
}

/**
 * Whether an entry of total `score`, supplier and offering comes before `other` in the matcher's
 * rank order: total descending, then supplier id, then offering id (a strict total order).
 *
 * @example
 * rankedBefore(0.8, 'S-2', 'O-1', { score: 0.8, supplier: 'S-10', offering: 'O-0' }); // => true
 */
export function rankedBefore(score: number, supplier: string, offering: string, other: Ranked): boolean {
  if (score !== other.score) return score > other.score;
  return (compareIds(supplier, other.supplier) || compareIds(offering, other.offering)) < 0;
}
