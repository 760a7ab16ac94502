import type { Resolution } from '../catalog/resolve.js';
import { decisionStanding, type Decision, type DecisionStanding } from '../model/decision.js';

/**
 * The (line, offering) pair a decision may cover: the line's buyer and id, the item the line
 * asks for (see {@link lineDecisionItem}), and the offering's supplier and id.
 *
 * @example
 * const target: DecisionTarget = { buyer: 'B-01', line: 'SB-D01', item: 'IT-STF-PES10', supplier: 'S-002', offering: 'S-002-O1' };
 */
export interface DecisionTarget {
  readonly buyer: string;
  readonly line: string;
  readonly item: string | undefined;
  readonly supplier: string;
  readonly offering: string;
}

/**
 * A decision that covers a pair, with where it stands on the date judged: `followed` is the one
 * that decides (the latest in force), `superseded` one in force but older than it, `pending`
 * and `lapsed` as {@link decisionStanding} says.
 *
 * @example
 * const seen: CoveringDecision = { decision, standing: 'lapsed' };
 */
export interface CoveringDecision {
  readonly decision: Decision;
  readonly standing: Exclude<DecisionStanding, 'in-force'> | 'followed' | 'superseded';
}

/**
 * Every decision about suppliers, indexed to answer which of them cover a pair.
 *
 * @example
 * const index = indexDecisions(dataset.decisions ?? []);
 * index.covering(target, '2021-03-01')[0]?.standing; // => 'followed'
 */
export interface DecisionIndex {
  /** How many decisions the index holds. */
  readonly size: number;
  /** Whether any decision names `supplier` (most offerings of a run have none). */
  hasSupplier(supplier: string): boolean;
  /**
   * The decisions that cover `target`, the one followed first (when one is in force), then the
   * others in the order of precedence (see {@link indexDecisions}); empty when none does.
   */
  covering(target: DecisionTarget, asOf: string): readonly CoveringDecision[];
  /** Whether some decision of `buyer` for that line or item is a rejection in force on `asOf`. */
  rejectsFor(buyer: string, line: string, item: string | undefined, asOf: string): boolean;
  /**
   * For each supplier that `buyer` decided about for that line or item, the decision followed on
   * `asOf` whatever the offering (a decision for one offering and one for the whole supplier
   * both count), by supplier id.
   */
  followedBySupplier(buyer: string, line: string, item: string | undefined, asOf: string): readonly Decision[];
}

/**
 * The item a demand line asks for, as decisions for an item read it: the item it resolves to
 * best (its own `item` when it names one), unless the resolution is ambiguous.
 *
 * @example
 * lineDecisionItem(catalog.resolve({ item: 'IT-STF-PES10' })); // => 'IT-STF-PES10'
 * lineDecisionItem(catalog.resolve({ text: '배지' })); // => undefined (ambiguous)
 */
export function lineDecisionItem(resolution: Resolution): string | undefined {
  return resolution.ambiguous ? undefined : resolution.items[0]?.item;
}

const NONE: readonly CoveringDecision[] = Object.freeze([]);

/**
 * Indexes decisions by supplier. A decision covers a pair when its buyer is the line's, its
 * `line` is the line (or its `item` is the item the line asks for), its supplier is the
 * offering's and its `offering`, when given, is the offering. Of the decisions covering a pair,
 * the latest in force (dated on or before `asOf`, `until` not passed) is followed; on the same
 * day a decision for the line goes before one for the item, one for the offering before one for
 * the whole supplier, and then a rejection before the other statuses (the cautious reading),
 * then the order of the input.
 *
 * @example
 * const index = indexDecisions([{ buyer: 'B-01', line: 'SB-D01', supplier: 'S-002', status: 'rejected', date: '2020-12-10', reason: 'audit failed' }]);
 * index.covering({ buyer: 'B-01', line: 'SB-D01', item: undefined, supplier: 'S-002', offering: 'S-002-O1' }, '2021-03-01');
 * // => [{ decision: { ... status: 'rejected' }, standing: 'followed' }]
 */
export function indexDecisions(decisions: readonly Decision[]): DecisionIndex {
  const bySupplier = new Map<string, Indexed[]>();
  const byBuyer = new Map<string, Indexed[]>();
  const add = (map: Map<string, Indexed[]>, key: string, entry: Indexed): void => {
    const held = map.get(key);
    if (held) held.push(entry);
    else map.set(key, [entry]);
  };
  decisions.forEach((decision, at) => {
    add(bySupplier, decision.supplier, { decision, at });
    add(byBuyer, decision.buyer, { decision, at });
  });
  const ordered = (list: Indexed[]): Indexed[] => list.sort((a, b) => precedence(a.decision, b.decision) || a.at - b.at);
  const forLine = (d: Decision, line: string, item: string | undefined): boolean =>
    d.line !== undefined ? d.line === line : item !== undefined && d.item === item;
  return {
    size: decisions.length,
    hasSupplier: (supplier) => bySupplier.has(supplier),
    covering(target, asOf) {
      const list = bySupplier.get(target.supplier);
      if (list === undefined) return NONE;
      const hits = list.filter(
        ({ decision: d }) =>
          d.buyer === target.buyer && forLine(d, target.line, target.item) && (d.offering === undefined || d.offering === target.offering),
      );
      if (hits.length === 0) return NONE;
      let followed = false;
      return ordered(hits).map(({ decision }): CoveringDecision => {
        const s = decisionStanding(decision, asOf);
        if (s !== 'in-force') return { decision, standing: s };
        const first = !followed;
        followed = true;
        return { decision, standing: first ? 'followed' : 'superseded' };
      }).sort((a, b) => rank(a.standing) - rank(b.standing));
    },
    rejectsFor(buyer, line, item, asOf) {
      return (byBuyer.get(buyer) ?? []).some(({ decision: d }) => d.status === 'rejected' && forLine(d, line, item) && decisionStanding(d, asOf) === 'in-force');
    },
    followedBySupplier(buyer, line, item, asOf) {
      const inForce = (byBuyer.get(buyer) ?? []).filter(({ decision: d }) => forLine(d, line, item) && decisionStanding(d, asOf) === 'in-force');
      const followed = new Map<string, Decision>();
      for (const { decision } of ordered(inForce)) if (!followed.has(decision.supplier)) followed.set(decision.supplier, decision);
      return [...followed.values()].sort((a, b) => (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0));
    },
  };
}

/** A decision and its place in the input, the last tie-break. */
interface Indexed {
  readonly decision: Decision;
  readonly at: number;
}

/** The followed decision first; the rest keep their order of precedence (the sort is stable). */
const rank = (standing: CoveringDecision['standing']): number => (standing === 'followed' ? 0 : 1);

/** Later first; then line before item, offering before supplier, rejection before the rest. */
function precedence(a: Decision, b: Decision): number {
  if (a.date !== b.date) return a.date > b.date ? -1 : 1;
  const specific = (d: Decision): number => (d.line !== undefined ? 0 : 2) + (d.offering !== undefined ? 0 : 1);
  return specific(a) - specific(b) || Number(b.status === 'rejected') - Number(a.status === 'rejected');
}
