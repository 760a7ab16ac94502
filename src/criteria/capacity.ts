import { z } from 'zod';
import { convertQuantity, formatQuantityValue, quantityDimensionName, type Dimension, type Quantity } from '../model/quantity.js';
import { clampScore, defineCriterion } from './criterion.js';
import { Outcome, type Report } from './derive.js';
import { deficitSize, exactQuantity, type CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

/**
 * Reason codes of {@link capacityCriterion}. Only `below_min_share` fails the gate.
 *
 * @example
 * verdict.reasons.find((r) => r.code === CAPACITY_REASONS.partial)?.data.percentCovered; // => 66.7
 */
export const CAPACITY_REASONS = {
  covers: 'capacity.covers',
  partial: 'capacity.partial',
  belowMinShare: 'capacity.below_min_share',
  unknown: 'capacity.unknown',
  incomparable: 'capacity.incomparable',
} as const;

/**
 * What each reason code of {@link capacityCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link CapacityReason} is derived from it.
 *
 * @example
 * CAPACITY_REASON_DECLARATIONS['capacity.partial'].data.shortfall; // => 'string'
 */
export const CAPACITY_REASON_DECLARATIONS = {
  [CAPACITY_REASONS.covers]: {
    severity: 'info',
    description: 'the capacity covers the demand',
    data: { offered: 'string', demanded: 'string', coverage: 'number', percentCovered: 'number' },
  },
  [CAPACITY_REASONS.partial]: {
    severity: 'shortfall',
    description: 'the capacity covers part of the demand',
    data: { offered: 'string', demanded: 'string', coverage: 'number', percentCovered: 'number', shortfall: 'string', shortfallValue: 'number', unit: 'string' },
  },
  [CAPACITY_REASONS.belowMinShare]: {
    severity: 'failure',
    description: 'the share covered is below minShare',
    data: { coverage: 'number', percentCovered: 'number', minShare: 'number' },
  },
  [CAPACITY_REASONS.unknown]: { severity: 'info', description: 'the offering states no capacity: not applicable', data: { demanded: 'string' } },
  [CAPACITY_REASONS.incomparable]: {
    severity: 'info',
    description: 'capacity and demand are of different dimensions: not applicable',
    data: { offered: 'string', demanded: 'string', offeredDimension: 'string', demandedDimension: 'string' },
  },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link capacityCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'capacity.partial') r.data.shortfall; // => '333.3 unit/month'
 */
export type CapacityReason = DeclaredReason<typeof CAPACITY_REASON_DECLARATIONS>;

const capacityReason = reasonMaker(CAPACITY_REASON_DECLARATIONS);

/** The reason a `capacity.partial` folds into (see `CriterionDeficits.merges`). */
const CAPACITY_MERGES = { [CAPACITY_REASONS.belowMinShare]: CAPACITY_REASONS.partial } as const;

/**
 * Options of {@link capacityCriterion}.
 *
 * @example
 * CapacityOptionsSchema.parse({ minShare: 0.3, fullShare: 1.2 }); // ask for 20 % headroom
 */
export const CapacityOptionsSchema = z
  .strictObject({
    /** Coverage (capacity / demand) below this rejects the pair: too small a share to be worth a contract. */
    minShare: z.number().min(0).max(1),
    /** Coverage at or above this scores 1; above 1 asks for headroom, below 1 accepts multi-sourcing. */
    fullShare: z.number().gt(0).max(100),
  })
  .refine((o) => o.minShare <= o.fullShare, {
    message: 'minShare cannot exceed fullShare',
    path: ['minShare'],
  });
/**
 * Validated options of {@link capacityCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: CapacityOptions = { minShare: 0.2, fullShare: 1 };
 */
export type CapacityOptions = z.infer<typeof CapacityOptionsSchema>;

// Per-month and per-year spellings of one rate differ by float rounding only (12 × 1/12).
const roundCoverage = (x: number): number => Math.round(x * 1e12) / 1e12;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** What capacity reads from an offering: its capacity's lower end (canonical, NaN when none), dimension and text. */
interface CapacityOffering {
  readonly min: number;
  readonly dimension: Dimension | undefined;
  readonly text: string | undefined;
}

/** The canonical value `value` expressed in the unit `q` was written in (rates are never affine). */
function inWrittenUnit(value: number, q: Quantity): number {
  const written = convertQuantity(q, q.unit);
  return written === undefined || q.value === 0 ? value : (value * written) / q.value;
}


/** What capacity's reasons mean for gap analysis (see `CriterionDeficits`). */
const CAPACITY_DEFICITS: CriterionDeficits<CapacityReason, typeof CAPACITY_MERGES> = {
  kind: 'capacity',
  // More volume means lines, equipment, working capital.
  support: { 'capacity.*': 'funding' },
  merges: CAPACITY_MERGES,
  read(code, data, _message) {
    if (code !== 'capacity.partial' && code !== 'capacity.below_min_share') return undefined;
    // A below_min_share carries the partial's fields when the two are merged (they always come together).
    return {
      summary: `capacity ${data.offered ?? '?'} covers ${data.percentCovered}% of ${data.demanded ?? '?'} (short ${data.shortfall ?? '?'})`,
      remedy: `its capacity rose by ${data.shortfall ?? '?'}`,
      size: deficitSize(1 - data.coverage),
    };
  },
  // Capacity raised to the demanded rate.
  close(_deficit, offering, { line, original }) {
    if (offering.capacity !== undefined && offering.capacity.min >= line.quantity.max) return 'met';
    const capacity = exactQuantity(line.quantity.max, line.quantity);
    return { offering: { ...offering, capacity }, change: `raised capacity${original.capacity ? ` from ${original.capacity.text}` : ''} to ${capacity.text}` };
  },
};

/**
 * Capacity: how much of the demanded rate the offering can carry. Coverage is offered capacity
 * over demanded quantity, both rates in canonical units, so `1,000 unit/month` covers
 * `12,000 unit/year` fully. For ranges, the supplier's lower end is set against the buyer's upper
 * end, so that coverage is what is sure. Coverage below `minShare` fails the gate; the score is
 * `min(1, coverage / fullShare)`, so lowering capacity can never raise it. Not applicable when
 * the offering states no capacity or states it in another dimension (pairs against pieces).
 *
 * @example
 * const judge = capacityCriterion.create(capacityCriterion.meta.defaults, context);
 * judge(pair); // offering '8,000 unit/year', line '1,000 unit/month'
 * // => { applicable: true, pass: true, score: 0.667,
 * //      reasons: [{ code: 'capacity.partial', data: { percentCovered: 66.7, shortfall: '333.3 unit/month', ... } }] }
 */
export const capacityCriterion = defineCriterion({
  meta: {
    id: 'capacity',
    description: 'the offering can carry the demanded rate (share covered, shortfall)',
    kind: 'both',
    weight: 2,
    deficits: CAPACITY_DEFICITS,
    reasons: CAPACITY_REASON_DECLARATIONS,
    options: CapacityOptionsSchema,
    defaults: { minShare: 0.2, fullShare: 1 },
  },
  rule(options) {
    /** The reasons of a verdict `judge` decided (coverage and pass as it worked them out). */
    const explain = (report: Report<CapacityReason>, demand: Quantity, capacity: CapacityOffering, coverage: number, pass: boolean): void => {
      if (capacity.text === undefined || capacity.dimension === undefined) {
        report(capacityReason(CAPACITY_REASONS.unknown, `The offering states no capacity against the demand of ${demand.text}.`, { demanded: demand.text }));
        return;
      }
      if (capacity.dimension !== demand.dimension) {
        report(
          capacityReason(
            CAPACITY_REASONS.incomparable,
            `Capacity ${capacity.text} (${quantityDimensionName(capacity.dimension)}) cannot be compared with the demand ${demand.text} (${quantityDimensionName(demand.dimension)}).`,
            { offered: capacity.text, demanded: demand.text, offeredDimension: capacity.dimension, demandedDimension: demand.dimension },
          ),
        );
        return;
      }
      const percentCovered = round1(coverage * 100);
      if (coverage >= 1) {
        report(
          capacityReason(CAPACITY_REASONS.covers, `Capacity ${capacity.text} covers the demand of ${demand.text} (${percentCovered}%).`, {
            offered: capacity.text,
            demanded: demand.text,
            coverage: round4(coverage),
            percentCovered,
          }),
        );
        return;
      }
      const shortfallCanonical = demand.max - capacity.min;
      const shortfall = formatQuantityValue(shortfallCanonical, demand.dimension, demand.unit);
      report(
        capacityReason(
          CAPACITY_REASONS.partial,
          `Capacity ${capacity.text} covers ${percentCovered}% of the demand of ${demand.text}; the shortfall is ${shortfall}.`,
          {
            offered: capacity.text,
            demanded: demand.text,
            coverage: round4(coverage),
            percentCovered,
            shortfall,
            shortfallValue: round4(inWrittenUnit(shortfallCanonical, demand)),
            unit: demand.unit,
          },
          'shortfall',
        ),
      );
      if (!pass)
        report(
          capacityReason(
            CAPACITY_REASONS.belowMinShare,
            `Covering ${percentCovered}% of the demand is below the minimum share of ${round1(options.minShare * 100)}%.`,
            { coverage: round4(coverage), percentCovered, minShare: options.minShare },
            'failure',
          ),
        );
    };
    return {
      // The offering's capacity: its lower end (canonical), dimension and text.
      offering: (prepared): CapacityOffering => {
        const c = prepared.offering.capacity;
        return c === undefined ? { min: Number.NaN, dimension: undefined, text: undefined } : { min: c.min, dimension: c.dimension, text: c.text };
      },
      line: (prepared) => ({ demand: prepared.line.quantity }),
      judge({ demand }, capacity, report) {
        // The reasons are written by `explain` below, called only when they are asked for, so that
        // this function stays small enough for the engine's batch loop to take it in whole.
        if (capacity.text === undefined || capacity.dimension === undefined || capacity.dimension !== demand.dimension) {
          if (report !== undefined) explain(report, demand, capacity, 1, true);
          return Outcome.notApplicable;
        }
        // Nothing demanded is fully covered by anything.
        const coverage = demand.max === 0 ? 1 : roundCoverage(capacity.min / demand.max);
        const pass = coverage >= 1 || !(coverage < options.minShare);
        if (report !== undefined) explain(report, demand, capacity, coverage, pass);
        return Outcome.of(pass, clampScore(Math.min(1, coverage / options.fullShare)));
      },
      // A capacity fails only below `minShare` of the demand (and below all of it), scoring less than minShare / fullShare.
      failScore: () => Math.min(1, options.minShare / options.fullShare),
    };
  },
});
