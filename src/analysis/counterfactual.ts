import type { LineResult } from '../engine/result.js';
import type { Matcher, PreparedDataset } from '../engine/matcher.js';
import { prepareOffering } from '../engine/prepare.js';
import type { Dataset } from '../model/dataset.js';
import type { Supplier } from '../model/supplier.js';

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
 * How a counterfactual re-runs the engine; see {@link createCounterfactualRunner}.
 *
 * @example
 * gapReport(dataset, { rerun: 'full' }); // prepare the whole changed dataset for every counterfactual
 */
export type RerunMode = 'prepared' | 'full';

/**
 * Re-runs the engine for one line with one supplier replaced.
 *
 * @example
 * const runner: CounterfactualRunner = createCounterfactualRunner(matcher, dataset, matcher.prepare(dataset));
 * runner.runs; // => { count: 0, full: 0 }
 */
export interface CounterfactualRunner {
  /** The standing of `offeringId` for `lineId` when `supplier` replaces the supplier of the same id. */
  standing(lineId: string, supplier: Supplier, offeringId: string): Standing;
  /** How many engine runs were made, and how many of them prepared the whole changed dataset. */
  readonly runs: { count: number; full: number };
}

const sameResolution = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

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

/**
 * Re-runs the real matcher for counterfactuals: `matcher.match(changed, { lines: [lineId] })`
 * on the dataset with one supplier replaced. In `full` mode that is literally what it does. In
 * `prepared` mode (the default; same results, about a hundred times faster on the fixture) it
 * reuses the preparation of the unchanged dataset and re-prepares only the replaced supplier's
 * offerings, then calls `matcher.matchPrepared`; when a changed offering would resolve to other
 * catalog items (so that the candidate postings would differ) it falls back to the full run.
 * The matcher must keep every candidate (`topK` and `rejectedK` at least the number of offerings).
 *
 * @example
 * const runner = createCounterfactualRunner(matcher, dataset, matcher.prepare(dataset));
 * runner.standing('SB-D01', renewedSupplier, 'S-002-O1'); // => { qualifies: true, rank: 2, ... }
 */
export function createCounterfactualRunner(
  matcher: Matcher,
  dataset: Dataset,
  prepared: PreparedDataset,
  options?: { readonly asOf?: string; readonly mode?: RerunMode },
): CounterfactualRunner {
  const mode = options?.mode ?? 'prepared';
  const matchOptions = (lineId: string) => ({ lines: [lineId], ...(options?.asOf !== undefined ? { asOf: options.asOf } : {}) });
  const runs = { count: 0, full: 0 };
  return {
    runs,
    standing(lineId, supplier, offeringId) {
      runs.count += 1;
      const changed: Dataset = { ...dataset, suppliers: dataset.suppliers.map((s) => (s.id === supplier.id ? supplier : s)) };
      const full = (): Standing => {
        runs.full += 1;
        return standingIn(matcher.match(changed, matchOptions(lineId)).lines[0], offeringId);
      };
      if (mode === 'full') return full();
      const byId = new Map(supplier.offerings.map((o) => [o.id, o]));
      let postingsHold = true;
      const offerings = prepared.offerings.map((po) => {
        if (po.supplier.id !== supplier.id) return po;
        const offering = byId.get(po.offering.id);
        if (offering === undefined) {
          postingsHold = false;
          return po;
        }
        const next = prepareOffering(offering, supplier, prepared.catalog, dataset.meta.domesticCountry);
        if (!sameResolution(next.resolution, po.resolution)) postingsHold = false;
        return next;
      });
      if (!postingsHold || byId.size !== offerings.filter((o) => o.supplier.id === supplier.id).length) return full();
      const result = matcher.matchPrepared({ ...prepared, dataset: changed, offerings }, matchOptions(lineId));
      return standingIn(result.lines[0], offeringId);
    },
  };
}
