import { rankedBefore, type LineResult, type Ranked, type RankedCandidate, type RejectedCandidate } from './result.js';

/**
 * A line's result after some of its candidates went and others came, from its result before
 * and the results of a run over those that came (`added`) and those that went (`gone`) alone.
 * Sound only where a line's result is a function of its set of candidates, each judged on its
 * own: an aggregator that totals each candidate alone (see `AggregatorCapabilities.rowTotal`) with every count exact (`exactCounts: true`, `blocked` mode), so
 * that the kept lists of a union are the best of the kept lists of its parts and the counts add
 * up; and only when no candidate that went is in the kept lists before (the one after it would
 * be unknown): the caller then matches the line again instead. Lists are ordered as the matcher
 * orders them (total, then supplier id, then offering id) and cut to `topK` and `rejectedK`;
 * ranks are given again.
 *
 * @example
 * const next = mergeLineResult(before, added, gone, 10, 10);
 * next.qualifiedCount === before.qualifiedCount + added.qualifiedCount - gone.qualifiedCount; // => true
 */
export function mergeLineResult(before: LineResult, added: LineCounts & Pick<LineResult, 'candidates' | 'rejected'>, gone: LineCounts, topK: number, rejectedK: number): LineResult {
  // Nothing brought enters a list: the list is the one before (its entries already in order,
  // cut and ranked), kept as the same array so that `rankingChanges` sees it unchanged.
  const candidates = added.candidates.length === 0 ? before.candidates : best([...before.candidates, ...added.candidates], topK).map((c, i): RankedCandidate => (c.rank === i + 1 ? c : { ...c, rank: i + 1 }));
  const rejected: readonly RejectedCandidate[] = added.rejected.length === 0 ? before.rejected : best([...before.rejected, ...added.rejected], rejectedK);
  return {
    ...before,
    candidates,
    qualifiedCount: before.qualifiedCount + added.qualifiedCount - gone.qualifiedCount,
    rejected,
    rejectedCount: before.rejectedCount + added.rejectedCount - gone.rejectedCount,
    pairsScored: before.pairsScored + added.pairsScored - gone.pairsScored,
  };
}

/**
 * A line's counts (see `LineResult`).
 *
 * @example
 * const counts: LineCounts = { qualifiedCount: 12, rejectedCount: 3, pairsScored: 15 };
 */
export type LineCounts = Pick<LineResult, 'qualifiedCount' | 'rejectedCount' | 'pairsScored'>;

/** The first `k` entries in the rank order (see `rankedBefore`). */
function best<T extends Ranked>(entries: T[], k: number): T[] {
  return entries.sort((a, b) => (rankedBefore(a.score, a.supplier, a.offering, b) ? -1 : rankedBefore(b.score, b.supplier, b.offering, a) ? 1 : 0)).slice(0, k);
}
