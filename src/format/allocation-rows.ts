/**
 * Tidy rows of an allocation plan (see `rows.ts`): who supplies how much of each line, and how
 * much of each offering's capacity the plan uses.
 */
import type { AllocationPlan } from '../allocate/allocate.js';
import { namesOf, type RowNamingOptions, type SupplierColumns } from './rows.js';
import { roundForOutput } from './round.js';

/** A row of {@link allocationRows}: one supplier's part of a line, or the part of a line left unmet. */
export interface AllocationRow extends SupplierColumns {
  readonly line: string;
  readonly buyer: string;
  readonly status: 'allocated' | 'unmet';
  readonly offering: string | null;
  readonly score: number | null;
  /** In the line's unit (see `unit`). */
  readonly quantity: number;
  readonly quantityText: string;
  readonly unit: string;
  /** The part of the line's demand, 0 to 1. */
  readonly share: number;
  /** Why demand is unmet (`no_qualified_supplier`, `capacity_exhausted`...); null for allocated rows. */
  readonly reason: string | null;
}

/** A row of {@link utilizationRows}. */
export interface UtilizationRow extends SupplierColumns {
  readonly offering: string;
  readonly capacityText: string | null;
  /** The part of the offering's capacity the plan uses, 0 to 1; null when its capacity is unknown. */
  readonly utilization: number | null;
  /** The lines it supplies, joined with `|`. */
  readonly lines: string;
}

/**
 * An allocation plan as tidy rows: one per (line, supplier allocated), then one per line with
 * unmet demand (`status: 'unmet'`, with the reason). The `domestic` column is the plan's own
 * flag for allocated rows.
 *
 * @example
 * allocationRows(await allocate(result, dataset), { dataset }).filter((r) => r.status === 'unmet');
 */
export function allocationRows(plan: AllocationPlan, options?: RowNamingOptions): AllocationRow[] {
  const names = namesOf(options);
  const rows: AllocationRow[] = [];
  for (const l of plan.lines) {
    for (const a of l.allocations)
      rows.push({
        line: l.line,
        buyer: l.buyer,
        status: 'allocated',
        ...names.supplier(a.supplier),
        domestic: a.domestic,
        offering: a.offering,
        score: roundForOutput(a.score),
        quantity: roundForOutput(a.quantity),
        quantityText: a.quantityText,
        unit: l.unit,
        share: roundForOutput(a.share),
        reason: null,
      });
    if (l.unmet.quantity > 0)
      rows.push({
        line: l.line,
        buyer: l.buyer,
        status: 'unmet',
        ...names.supplier(null),
        offering: null,
        score: null,
        quantity: roundForOutput(l.unmet.quantity),
        quantityText: l.unmet.quantityText,
        unit: l.unit,
        share: roundForOutput(l.unmet.share),
        reason: l.unmet.reason ?? null,
      });
  }
  return rows;
}

/**
 * The capacity use of every offering the plan draws on, as tidy rows.
 *
 * @example
 * utilizationRows(plan, { dataset }).filter((r) => (r.utilization ?? 0) > 0.9);
 */
export function utilizationRows(plan: AllocationPlan, options?: RowNamingOptions): UtilizationRow[] {
  const names = namesOf(options);
  return plan.utilization.map((u) => ({
    ...names.supplier(u.supplier),
    offering: u.offering,
    capacityText: u.capacityText ?? null,
    utilization: u.utilization === undefined ? null : roundForOutput(u.utilization),
    lines: u.lines.join('|'),
  }));
}
