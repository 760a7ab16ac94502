import type { Judge, PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import { SupplymatchError } from '../errors.js';
import { weightedSumRow } from './aggregate.js';
import { bestItem, criterionContext, type Matcher, type PreparedDataset } from './matcher.js';
import type { CriterionOutcome, MatchResult } from './result.js';

/**
 * One line and one offering judged on demand (see `MatchIndex.pair`). `standing` says where the
 * pair is in the line's result: `ranked` (in its top list) and `rejected` (among its kept misses)
 * are the result's own entries, total and all; `qualifies` and `fails` are pairs the result does
 * not keep (below the top list, a miss farther than the kept ones, or not a candidate at all),
 * judged now, their `score` the weighted sum of their scores (as a rejected candidate's is).
 *
 * @example
 * const p = index.pair('L-3', 'O-0141');
 * p.standing; // => 'ranked'
 * p.outcomes.map((o) => o.criterion); // => ['itemFit', 'specFit', ...]
 */
export interface PairScore {
  readonly line: string;
  readonly supplier: string;
  readonly offering: string;
  readonly item: string | undefined;
  readonly standing: 'ranked' | 'rejected' | 'qualifies' | 'fails';
  /** The rank, when `ranked`. */
  readonly rank?: number;
  readonly score: number;
  /** Ids of the criteria whose gate it fails. */
  readonly failed: readonly string[];
  readonly outcomes: readonly CriterionOutcome[];
}

/**
 * Judges `offeringId` for `lineId` with the matcher's criteria, or returns the entry the result
 * keeps for it. Unknown ids are a `SupplymatchError` with the path `line` or `offering`.
 *
 * @example
 * scorePair(matcher, prepared, result, 'L-3', 'O-0141').score; // => 0.87
 */
export function scorePair(matcher: Matcher, prepared: PreparedDataset, result: MatchResult, lineId: string, offeringId: string): PairScore {
  const line = prepared.lines.find((l) => l.line.id === lineId);
  const offering = prepared.offerings.find((o) => o.offering.id === offeringId);
  const issues = [
    ...(line === undefined ? [{ path: 'line', code: 'unknown_reference', message: `no demand line "${String(lineId)}"` }] : []),
    ...(offering === undefined ? [{ path: 'offering', code: 'unknown_reference', message: `no offering "${String(offeringId)}"` }] : []),
  ];
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
  const l = line as PreparedLine;
  const o = offering as PreparedOffering;
  const kept = result.lines.find((r) => r.line === lineId);
  const ranked = kept?.candidates.find((c) => c.offering === offeringId);
  const base = { line: lineId, supplier: o.supplier.id, offering: offeringId };
  if (ranked) return { ...base, item: ranked.item, standing: 'ranked', rank: ranked.rank, score: ranked.score, failed: [], outcomes: ranked.outcomes };
  const missed = kept?.rejected.find((c) => c.offering === offeringId);
  if (missed) return { ...base, item: missed.item, standing: 'rejected', score: missed.score, failed: missed.failed, outcomes: missed.outcomes };

  // Judged now, criterion by criterion in order, each seeing the scores of those before it.
  const { criteria } = matcher;
  const asOf = result.settings.asOf;
  const scores: Record<string, number> = {};
  const row: (number | undefined)[] = [];
  const verdicts = criteria.map((c, i) => {
    const judge: Judge = c.criterion.create(c.options as never, criterionContext(criteria, i, prepared, asOf));
    const verdict = judge({ line: l, offering: o, scores: { ...scores } });
    if (verdict.applicable) scores[c.id] = verdict.score;
    row.push(verdict.applicable ? verdict.score : undefined);
    return verdict;
  });
  const weights = criteria.map((c) => c.weight);
  const { total, contributions } = weightedSumRow(row, weights, undefined);
  const outcomes = verdicts.map(
    (v, c): CriterionOutcome => ({
      criterion: criteria[c]?.id as string,
      kind: criteria[c]?.criterion.meta.kind as CriterionOutcome['kind'],
      applicable: v.applicable,
      pass: v.pass,
      score: v.score,
      weight: weights[c] ?? 0,
      contribution: contributions[c] ?? 0,
      reasons: v.reasons,
    }),
  );
  const failed = criteria.filter((_, c) => verdicts[c]?.pass === false).map((c) => c.id);
  return { ...base, item: bestItem(l, o), standing: failed.length > 0 ? 'fails' : 'qualifies', score: total, failed, outcomes };
}
