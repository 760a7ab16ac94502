import type { MatchResult } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import type { DemandLine } from '../model/buyer.js';
import type { Offering, Supplier } from '../model/supplier.js';
import { convertQuantity, parseQuantity } from '../model/quantity.js';

/** Seconds in a (Julian) year: rates are compared as amounts per year. */
export const YEAR_S = 31_557_600;

/** One qualified (line, offering) pair, as the allocation model sees it. */
export interface PairData {
  readonly index: number;
  readonly offering: Offering;
  readonly supplier: Supplier;
  readonly domestic: boolean;
  readonly score: number;
  /** Cost per year of serving the whole line from this pair, in base currency. */
  readonly costPerLine: number;
  /** True when `costPerLine` stands in for an unknown price (the dearest known alternative). */
  readonly costEstimated: boolean;
  /** Minimum order as a share of the line's demand, or 0. */
  readonly minOrderShare: number;
  /** Capacity per year in canonical units; undefined when not stated (unlimited). */
  readonly capacityPerYear: number | undefined;
}

/** One demand line with its qualified pairs and the units its variables count. */
export interface LineData {
  readonly index: number;
  readonly line: DemandLine;
  readonly buyer: string;
  /** Demand per year, canonical. */
  readonly demandPerYear: number;
  /** The line's demand in its own unit (`10` for `10 unit/week`). */
  readonly ownDemand: number;
  /**
   * The demand in variable units: 1 (variables are shares) for continuous plans, the line's
   * own number (`10` for `10 unit/week`, `50` for `50 L/year`) for whole units.
   */
  readonly total: number;
  readonly pairs: readonly PairData[];
  readonly minSuppliers: number;
  readonly maxShare: number;
}

/** The part of the options that shapes the lines. */
export interface LineOptions {
  readonly integral: boolean;
  readonly minSuppliers: number | undefined;
  readonly maxShare: number | undefined;
}

/** Reads a price's `per` unit as a canonical amount (`L` -> 0.001 m³); 1 for plain units. */
function perAmount(per: string | undefined, dimension: string): number | undefined {
  const p = per === undefined || /^(unit|units|pc|pcs|piece|ea|each)$/i.test(per) ? parseQuantity('1 unit') : parseQuantity(`1 ${per}`);
  if (!p.ok) return undefined;
  // The price unit must measure what the line's rate counts (count, volume, mass...).
  return dimension.startsWith(`${p.quantity.dimension}/`) ? p.quantity.value : undefined;
}

const groupsOf = new WeakMap<readonly PairData[], ReadonlyMap<string, readonly PairData[]>>();

/**
 * Groups a line's pairs by supplier (sorted by supplier id): shares and counts of suppliers
 * are per supplier, whatever the number of its offerings. Read once per line's pairs (the
 * model, the checks before it and the plan's reasons all ask).
 *
 * @example
 * [...supplierGroups(line).keys()]; // => ['S-005', 'S-006']
 */
export function supplierGroups(line: LineData): ReadonlyMap<string, readonly PairData[]> {
  const known = groupsOf.get(line.pairs);
  if (known) return known;
  const groups = new Map<string, PairData[]>();
  for (const p of line.pairs) {
    const g = groups.get(p.supplier.id);
    if (g) g.push(p);
    else groups.set(p.supplier.id, [p]);
  }
  const sorted = new Map([...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  groupsOf.set(line.pairs, sorted);
  return sorted;
}

/**
 * The lines of a match result as the allocation model sees them: demand per year, the unit a
 * whole-unit plan counts, each qualified pair's cost, minimum order and capacity. Candidates
 * that cannot be compared with the line (capacity in another dimension) are left out with a
 * warning that names the line.
 *
 * @example
 * buildLines(result, dataset, { integral: true, minSuppliers: undefined, maxShare: undefined }, warnings)[0]?.total; // => 10 for '10 unit/week'
 */
export function buildLines(result: MatchResult, dataset: Dataset, options: LineOptions, warnings: string[]): LineData[] {
  const offerings = new Map<string, { offering: Offering; supplier: Supplier }>();
  for (const s of dataset.suppliers) for (const o of s.offerings) offerings.set(o.id, { offering: o, supplier: s });
  const linesById = new Map<string, DemandLine>();
  for (const b of dataset.buyers) for (const l of b.demandLines) linesById.set(l.id, l);
  const rates = dataset.meta.exchangeRates;
  const toBase = (amount: number, currency: string): number | undefined => {
    if (!rates || currency === rates.base) return rates || currency === 'KRW' ? amount : undefined;
    const r = rates.rates[currency];
    return r === undefined ? undefined : amount * r;
  };
  const domesticCountry = dataset.meta.domesticCountry;
  // A price's unit is read once per (unit, dimension): thousands of pairs share a few (maps
  // by dimension, then unit: no key string per pair).
  const perAmounts = new Map<string, Map<string | undefined, number | undefined>>();
  const perAmountOf = (per: string | undefined, dimension: string): number | undefined => {
    let known = perAmounts.get(dimension);
    if (!known) {
      known = new Map();
      perAmounts.set(dimension, known);
    }
    if (known.has(per)) return known.get(per);
    const a = perAmount(per, dimension);
    known.set(per, a);
    return a;
  };
  const out: LineData[] = [];
  for (const lr of result.lines) {
    const line = linesById.get(lr.line);
    if (!line) {
      warnings.push(`line ${lr.line} of the result is not in the dataset; left out`);
      continue;
    }
    if (lr.qualifiedCount > lr.candidates.length)
      warnings.push(`${lr.line}: ${lr.qualifiedCount - lr.candidates.length} qualified candidates were cut by topK and are not allocated`);
    const demandPerYear = line.quantity.value * YEAR_S;
    const ownDemand = convertQuantity(line.quantity, line.quantity.unit) ?? line.quantity.value;
    const total = options.integral ? ownDemand : 1;
    // The qualified pairs, read first; their costs are known only once every price of the line is.
    const found: { offering: Offering; supplier: Supplier; score: number; cost: number | undefined; minOrderShare: number }[] = [];
    let dearest = Number.NEGATIVE_INFINITY;
    for (const c of lr.candidates) {
      const known = offerings.get(c.offering);
      if (!known || known.supplier.id !== c.supplier) continue;
      const { offering, supplier } = known;
      if (offering.capacity && offering.capacity.dimension !== line.quantity.dimension) {
        warnings.push(`${lr.line}: ${c.offering} states capacity as ${offering.capacity.text}, not comparable with ${line.quantity.text}; not allocated`);
        continue;
      }
      let cost: number | undefined;
      if (offering.unitPrice) {
        const per = perAmountOf(offering.unitPrice.per, line.quantity.dimension);
        const price = toBase(offering.unitPrice.amount, offering.unitPrice.currency);
        if (per !== undefined && price !== undefined) cost = (price / per) * demandPerYear;
      }
      if (cost !== undefined && cost > dearest) dearest = cost;
      let minOrderShare = 0;
      if (offering.minOrder) {
        const m = offering.minOrder;
        // A minimum order is read as a minimum per year: a rate as it is, an amount as one order a year.
        const perYear = m.dimension === line.quantity.dimension ? m.value * YEAR_S : line.quantity.dimension.startsWith(`${m.dimension}/`) ? m.value : undefined;
        if (perYear === undefined) warnings.push(`${lr.line}: minimum order ${m.text} of ${c.offering} is not comparable with ${line.quantity.text}; ignored`);
        else minOrderShare = demandPerYear > 0 ? perYear / demandPerYear : 0;
      }
      found.push({ offering, supplier, score: c.score, cost, minOrderShare });
    }
    // An offering without a comparable price costs, for the cost objective, as much as the
    // dearest priced alternative (or the line's ceiling): unknown must not look free.
    let fallback = dearest;
    if (fallback === Number.NEGATIVE_INFINITY) {
      const ceiling = line.maxUnitPrice ? toBase(line.maxUnitPrice.amount, line.maxUnitPrice.currency) : undefined;
      const ceilingPer = line.maxUnitPrice ? perAmount(line.maxUnitPrice.per, line.quantity.dimension) : undefined;
      fallback = ceiling !== undefined && ceilingPer !== undefined ? (ceiling / ceilingPer) * demandPerYear : 0;
    }
    const priced: PairData[] = found.map(({ offering, supplier, score, cost, minOrderShare }, index) => ({
      index,
      offering,
      supplier,
      domestic: domesticCountry !== undefined && supplier.country === domesticCountry,
      score,
      costPerLine: cost ?? fallback,
      costEstimated: cost === undefined,
      minOrderShare,
      capacityPerYear: offering.capacity ? offering.capacity.min * YEAR_S : undefined,
    }));
    out.push({
      index: out.length,
      line,
      buyer: lr.buyer,
      demandPerYear,
      ownDemand,
      total,
      pairs: demandPerYear > 0 ? priced : [],
      minSuppliers: options.minSuppliers ?? line.sourcing.minSuppliers,
      maxShare: options.maxShare ?? line.sourcing.maxSupplierShare,
    });
  }
  return out;
}
