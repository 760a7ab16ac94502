import type { SupportType } from '../model/common.js';
import { SUPPORT_TYPES } from './support.js';

/**
 * One domestic offering of one demand line as the coverage model sees it: whether it
 * qualifies once its supplier gets some support, and what share of the line it then carries.
 *
 * @example
 * const offer: CoverageOffer = { supplier: 'S-002', offering: 'S-002-O1', needs: ['information'], qualifies: true,
 *   capacityShare: 0.75, capacitySupport: 'funding' };
 */
export interface CoverageOffer {
  readonly supplier: string;
  readonly offering: string;
  /** Support types that must all be given before it qualifies (empty when it qualifies today). */
  readonly needs: readonly SupportType[];
  /** Whether the engine confirmed it qualifies once those needs are met (false: it never does). */
  readonly qualifies: boolean;
  /** Its capacity over the demand today (canonical units); 0 when unknown or incomparable. */
  readonly capacityShare: number;
  /** The support that would raise its capacity to the whole demand, when capacity falls short and that is closable. */
  readonly capacitySupport: SupportType | undefined;
}

/**
 * One demand line in the coverage model.
 *
 * @example
 * const line: CoverageLine = { line: 'SB-D01', supplierCap: 0.5, offers: [] };
 */
export interface CoverageLine {
  readonly line: string;
  /**
   * The most of the line one supplier can count for: `min(maxSupplierShare, 1 / k)` with `k`
   * the number of domestic suppliers the line needs, so that full coverage takes at least `k`
   * suppliers and no supplier above the line's maximum share.
   */
  readonly supplierCap: number;
  readonly offers: readonly CoverageOffer[];
}

/**
 * Support given, by supplier: the set of support types each gets.
 *
 * @example
 * const given: SupportGiven = new Map([['S-014', new Set(['information', 'technical'] as const)]]);
 */
export type SupportGiven = ReadonlyMap<string, ReadonlySet<SupportType>>;

const EMPTY: ReadonlySet<SupportType> = new Set();

/**
 * The share one offer carries under the support its supplier gets: its capacity over the demand
 * (all of it once capacity support is given), at most `cap`, and 0 unless it qualifies.
 *
 * @example
 * offerShare({ supplier: 'S', offering: 'O', needs: ['information'], qualifies: true, capacityShare: 0.4, capacitySupport: 'funding' }, 1, new Set(['information']));
 * // => 0.4
 */
export function offerShare(offer: CoverageOffer, cap: number, given: ReadonlySet<SupportType>): number {
  if (!offer.qualifies) return 0;
  for (const t of offer.needs) if (!given.has(t)) return 0;
  const share = offer.capacitySupport !== undefined && given.has(offer.capacitySupport) ? 1 : offer.capacityShare;
  return Math.min(cap, Math.max(0, share));
}

/**
 * How far a line is domestically covered, in [0, 1]: `min(1, Σ_suppliers max_offerings share)`
 * where each offer's share is its capacity over the demand, at most the line's `supplierCap`,
 * and 0 unless it qualifies under the support given. 1 means enough qualified domestic
 * suppliers with enough capacity; a supplier's several offerings count once, at the best.
 *
 * @example
 * lineCoverage({ line: 'L', supplierCap: 1, offers: [{ supplier: 'S', offering: 'O', needs: [], qualifies: true, capacityShare: 0.6, capacitySupport: 'funding' }] }, new Map());
 * // => 0.6
 */
export function lineCoverage(line: CoverageLine, given: SupportGiven): number {
  const best = new Map<string, number>();
  for (const offer of line.offers) {
    const share = offerShare(offer, line.supplierCap, given.get(offer.supplier) ?? EMPTY);
    if (share > (best.get(offer.supplier) ?? 0)) best.set(offer.supplier, share);
  }
  let total = 0;
  for (const s of best.values()) total += s;
  // Shares like 0.7 + 0.3 must reach exactly 1.
  return Math.min(1, Math.round(total * 1e9) / 1e9);
}

/**
 * The coverage gained over all lines (in line-equivalents: a line going from 0 to full counts 1)
 * when suppliers get `given` instead of nothing. Monotone: giving more never lowers it.
 *
 * @example
 * coverageGain(lines, new Map([['S-002', new Set(['information'])]])); // => 0.75
 */
export function coverageGain(lines: readonly CoverageLine[], given: SupportGiven, index: CoverageIndex = indexCoverage(lines)): number {
  let gain = 0;
  // Lines support to these firms cannot change add exactly 0: skipping them is the same sum.
  for (const i of index.touched(given).sort((a, b) => a - b)) gain += lineCoverage(lines[i] as CoverageLine, given) - (index.baseline[i] ?? 0);
  return gain;
}

/**
 * What support can change in a coverage model, computed once: each line's coverage without
 * support, and the lines each firm has offers on (support to a firm changes no other line).
 *
 * @example
 * const index = indexCoverage(report.model);
 * index.touched(new Map([['S-014', new Set(['technical'])]])); // => [22, 41] (positions in the model)
 */
export interface CoverageIndex {
  /** Each line's coverage with no support given. */
  readonly baseline: readonly number[];
  /** Positions of the lines a firm has offers on, ascending. */
  readonly linesOf: (supplier: string) => readonly number[];
  /** Positions of the lines support to the firms of `given` can change, in the order the firms and their lines come. */
  touched(given: SupportGiven): number[];
}

/**
 * Indexes a coverage model (see {@link CoverageIndex}).
 *
 * @example
 * indexCoverage(report.model).baseline.length === report.model.length; // => true
 */
export function indexCoverage(lines: readonly CoverageLine[]): CoverageIndex {
  const baseline = lines.map((l) => lineCoverage(l, new Map()));
  const bySupplier = new Map<string, number[]>();
  lines.forEach((l, i) => {
    for (const offer of l.offers) {
      const list = bySupplier.get(offer.supplier) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      bySupplier.set(offer.supplier, list);
    }
  });
  const linesOf = (supplier: string): readonly number[] => bySupplier.get(supplier) ?? [];
  return {
    baseline,
    linesOf,
    touched(given) {
      const touched = new Set<number>();
      for (const supplier of given.keys()) for (const i of linesOf(supplier)) touched.add(i);
      return [...touched];
    },
  };
}

/**
 * A stable key of one action.
 *
 * @example
 * actionKey('S-002', 'information'); // => 'S-002/information'
 */
export const actionKey = (supplier: string, support: SupportType): string => `${supplier}/${support}`;

/**
 * Builds the `given` map from a list of (supplier, support) actions.
 *
 * @example
 * givenFrom([{ supplier: 'S-1', support: 'funding' }]).get('S-1')?.has('funding'); // => true
 */
export function givenFrom(actions: Iterable<{ readonly supplier: string; readonly support: SupportType }>): Map<string, Set<SupportType>> {
  const given = new Map<string, Set<SupportType>>();
  for (const a of actions) {
    let set = given.get(a.supplier);
    if (!set) {
      set = new Set();
      given.set(a.supplier, set);
    }
    set.add(a.support);
  }
  return given;
}

/**
 * A support type's position in report order (funding, information, technical), for sorting.
 *
 * @example
 * ['technical', 'funding'].sort((a, b) => supportOrder(a) - supportOrder(b)); // => ['funding', 'technical']
 */
export const supportOrder = (t: SupportType): number => SUPPORT_TYPES.indexOf(t);
