import type { PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import { createPairScorer, type Matcher, type PreparedDataset } from '../engine/matcher.js';
import { indexCertificates, prepareOffering } from '../engine/prepare.js';
import { rankedBefore, type LineResult, type Ranked, type RankedCandidate } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import type { Offering, Supplier } from '../model/supplier.js';
import { weightedSumRow } from '../engine/aggregate.js';

/**
 * Where one offering stands for one line after a change: its rank among the qualified (1-based)
 * or the gates it still fails.
 *
 * @example
 * const standing: Standing = { qualifies: true, rank: 1, qualifiedCount: 4, score: 0.93, failed: [] };
 */
export interface Standing {
  readonly qualifies: boolean;
  /** Its rank among the line's qualified candidates; undefined when it does not qualify. */
  readonly rank: number | undefined;
  /** How many candidates qualify for the line in the changed data. */
  readonly qualifiedCount: number;
  /** Its total (for a rejected candidate, the weighted sum it would have had). */
  readonly score: number;
  /** Criteria whose gate it still fails. */
  readonly failed: readonly string[];
}

/**
 * How a counterfactual re-runs the engine; see {@link createCounterfactualRunner}: `prepared`
 * (the default) judges only the changed (line, offering) pair, `full` re-matches the line on the
 * whole changed dataset (slow; a check of the other).
 *
 * @example
 * gapReport(dataset, { rerun: 'full' }); // prepare the whole changed dataset for every counterfactual
 */
export type RerunMode = 'prepared' | 'full';

/**
 * Re-runs the engine for one line with one supplier replaced.
 *
 * @example
 * const runner: CounterfactualRunner = createCounterfactualRunner(matcher, dataset, matcher.prepare(dataset), { asOf: '2021-03-01' });
 * runner.runs; // => { count: 0, full: 0 }
 */
export interface CounterfactualRunner {
  /**
   * The standing of `offeringId` for the line of `base` when `supplier` replaces the supplier of
   * the same id; `base` is the line's result on the unchanged data, with every candidate kept.
   */
  standing(base: LineResult, supplier: Supplier, offeringId: string): Standing;
  /** How many counterfactuals were asked for, and how many of them re-matched the line on the whole changed dataset. */
  readonly runs: { count: number; full: number };
}

/**
 * The standing of an offering in one line's result: its rank if it qualified, else the gates it failed.
 *
 * @example
 * standingIn(matcher.match(dataset, { lines: ['SB-D01'] }).lines[0], 'S-005-O1'); // => { qualifies: true, rank: 1, ... }
 */
export function standingIn(line: LineResult | undefined, offeringId: string): Standing {
  if (line === undefined) return { qualifies: false, rank: undefined, qualifiedCount: 0, score: 0, failed: [] };
  const ranked = line.candidates.find((c) => c.offering === offeringId);
  if (ranked) return { qualifies: true, rank: ranked.rank, qualifiedCount: line.qualifiedCount, score: ranked.score, failed: [] };
  const rejected = line.rejected.find((c) => c.offering === offeringId);
  return { qualifies: false, rank: undefined, qualifiedCount: line.qualifiedCount, score: rejected?.score ?? 0, failed: rejected?.failed ?? [] };
}

/** The fields catalog resolution reads (see `prepareOffering`): while they are unchanged, so is the resolution. */
const sameReference = (a: Offering, b: Offering): boolean => a.item === b.item && a.unspsc === b.unspsc && a.category === b.category && a.text === b.text;

/**
 * Answers counterfactuals: where would this offering stand for this line if its supplier were
 * changed so? A changed offering keeps its catalog resolution (a counterfactual changes
 * certificates, capacity, specs, lead time, price or readiness, none of which resolution reads),
 * so it stays a candidate of the same lines and only the changed (line, offering) pair needs
 * judging: in `prepared` mode (the default) that pair is scored by the matcher's own criteria
 * (`createPairScorer`: their quick paths, as the first pass of a match scores a candidate) and
 * ranked among the line's qualified candidates of `base` as the engine ranks them (total, then
 * supplier id, then offering id): with the weighted sum, whose totals are each row's own, by a
 * binary search over the line's totals; with another aggregator, by totalling the line's
 * qualified rows, the changed one in place of its own, together. So a counterfactual costs one
 * pair's scoring and a search of one line's totals, not a match. In `full` mode, or
 * when a changed offering would resolve otherwise, it is literally
 * `matcher.match(changed, { lines: [lineId] })` on the dataset with the supplier replaced. The
 * matcher must keep every candidate (`topK` and `rejectedK` at least the number of offerings),
 * and `base` must come from it on the unchanged dataset.
 *
 * @example
 * const runner = createCounterfactualRunner(matcher, dataset, matcher.prepare(dataset), { asOf: '2021-03-01' });
 * runner.standing(baseLine, renewedSupplier, 'S-002-O1'); // => { qualifies: true, rank: 2, ... }
 */
export function createCounterfactualRunner(
  matcher: Matcher,
  dataset: Dataset,
  prepared: PreparedDataset,
  options: { readonly asOf: string; readonly mode?: RerunMode },
): CounterfactualRunner {
  const mode = options.mode ?? 'prepared';
  const runs = { count: 0, full: 0 };
  const weights = matcher.criteria.map((c) => c.weight);
  const ids = matcher.criteria.map((c) => c.id);
  let score: ReturnType<typeof createPairScorer> | undefined;
  let lines: Map<string, PreparedLine> | undefined;
  let offerings: Map<string, PreparedOffering> | undefined;
  const offeringKey = (supplier: string, offering: string): string => `${supplier}\u0000${offering}`;
  // An aggregator that totals each row alone (it declares a `rowTotal`, bit for bit its
  // `aggregate`) leaves the other candidates' totals as they are; another one totals all
  // qualified rows together.
  const rowWise = typeof matcher.aggregator.capabilities?.rowTotal === 'function';
  // The qualified rows of the line last asked about (counterfactuals come line by line).
  let rowsOf: { base: LineResult; rows: (number | undefined)[][] } | undefined;
  const qualifiedRows = (base: LineResult): (number | undefined)[][] => {
    if (rowsOf?.base !== base) rowsOf = { base, rows: base.candidates.map((c) => c.outcomes.map((o) => (o.applicable ? o.score : undefined))) };
    return rowsOf.rows;
  };
  /** Candidates of `base` (in rank order) ranked before a candidate with this total and ids, but for the candidate itself. */
  const aheadOf = (base: LineResult, total: number, supplier: string, offering: string): number => {
    const self: Ranked = { score: total, supplier, offering };
    const before = (c: RankedCandidate): boolean => rankedBefore(c.score, c.supplier, c.offering, self);
    // The candidates are sorted by the same order: the first one not before it ends the run.
    let lo = 0;
    let hi = base.candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(base.candidates[mid] as RankedCandidate)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const full = (lineId: string, supplier: Supplier, offeringId: string): Standing => {
    runs.full += 1;
    const changed: Dataset = { ...dataset, suppliers: dataset.suppliers.map((s) => (s.id === supplier.id ? supplier : s)) };
    return standingIn(matcher.match(changed, { lines: [lineId], asOf: options.asOf }).lines[0], offeringId);
  };

  return {
    runs,
    standing(base, supplier, offeringId) {
      runs.count += 1;
      if (mode === 'full') return full(base.line, supplier, offeringId);
      lines ??= new Map(prepared.lines.map((l) => [l.line.id, l]));
      offerings ??= new Map(prepared.offerings.map((o) => [offeringKey(o.supplier.id, o.offering.id), o]));
      const line = lines.get(base.line);
      const before = offerings.get(offeringKey(supplier.id, offeringId));
      const offering = supplier.offerings.find((o) => o.id === offeringId);
      if (line === undefined || before === undefined || offering === undefined || !sameReference(offering, before.offering)) return full(base.line, supplier, offeringId);
      const changed: PreparedOffering =
        offering === before.offering && supplier === before.supplier
          ? before
          : { ...before, offering, supplier, certificates: indexCertificates(supplier.certifications, offering.certifications) };
      score ??= createPairScorer(matcher, prepared, options.asOf);
      const verdicts = score(line, changed);
      const row = verdicts.map((v) => (v.applicable ? v.score : undefined));
      const failed = ids.filter((_, c) => verdicts[c]?.pass === false);
      const self = base.candidates.findIndex((c) => c.supplier === supplier.id && c.offering === offeringId);
      const others = base.candidates.length - (self === -1 ? 0 : 1);
      if (failed.length > 0) return { qualifies: false, rank: undefined, qualifiedCount: others, score: weightedSumRow(row, weights, undefined).total, failed };
      if (rowWise) {
        const total = matcher.aggregator.aggregate({ scores: [row], weights }).totals[0] ?? 0;
        const ahead = aheadOf(base, total, supplier.id, offeringId);
        return { qualifies: true, rank: ahead + 1 - (self !== -1 && self < ahead ? 1 : 0), qualifiedCount: others + 1, score: total, failed: [] };
      }
      // Every qualified row, the changed one in place of its own (or last), through the aggregator.
      const rows = [...qualifiedRows(base)];
      if (self === -1) rows.push(row);
      else rows[self] = row;
      const at = self === -1 ? rows.length - 1 : self;
      const totals = matcher.aggregator.aggregate({ scores: rows, weights }).totals;
      const total = totals[at] ?? 0;
      const standing: Ranked = { score: total, supplier: supplier.id, offering: offeringId };
      let rank = 1;
      base.candidates.forEach((c, i) => {
        const t = totals[i] ?? 0;
        if (i !== at && rankedBefore(t, c.supplier, c.offering, standing)) rank += 1;
      });
      return { qualifies: true, rank, qualifiedCount: others + 1, score: total, failed: [] };
    },
  };
}
