import { SupplymatchError, type Issue } from '../errors.js';
import type { MatchResult } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import { convertQuantity, formatQuantityValue, parseQuantity, type Quantity } from '../model/quantity.js';
import type { DemandLine } from '../model/buyer.js';
import type { Offering, Supplier } from '../model/supplier.js';
import { loadHighs, solveProgramme, type HighsSolver, type Programme, type Row, type Term, type Variable } from './lp.js';

/** Seconds in a (Julian) year: rates are allocated as amounts per year. */
const YEAR_S = 31_557_600;

/** What the allocation optimizes. */
export type AllocationObjective = 'score' | 'cost' | 'domestic';

/** The constraints a relaxation may drop, in the default order (first dropped first). */
export type SoftConstraint = 'quota' | 'minSuppliers' | 'maxShare' | 'minOrder';

/** A minimum domestic share of a buyer's demand (every buyer's when `buyer` is left out). */
export interface DomesticQuota {
  readonly buyer?: string;
  /** 0..1: share of the buyer's demand, averaged over its lines, to come from domestic suppliers. */
  readonly domesticShare: number;
}

/** Options of {@link allocate}. */
export interface AllocateOptions {
  /** `score` (default): maximize score-weighted served shares; `cost`: serve the most, then at least cost; `domestic`: serve the most, then the most from domestic suppliers. */
  readonly objective?: AllocationObjective;
  /** Suppliers per line, over each line's `sourcing.minSuppliers`. */
  readonly minSuppliers?: number;
  /** Largest share of a line one supplier may carry, over each line's `sourcing.maxSupplierShare`. */
  readonly maxShare?: number;
  /** Minimum domestic shares per buyer. */
  readonly quotas?: readonly DomesticQuota[];
  /** A supplier counts towards `minSuppliers` only when it carries at least this share of the line; default 0.1. */
  readonly minCountedShare?: number;
  /** Drop soft constraints, in `relaxOrder`, until the programme is feasible, and report what was dropped; default false. */
  readonly relax?: boolean;
  /** Order in which soft constraints are dropped; default quota, minSuppliers, maxShare, minOrder. */
  readonly relaxOrder?: readonly SoftConstraint[];
  /** Allocate whole units (integer quantities per year); default false (continuous). */
  readonly integral?: boolean;
  /** A loaded HiGHS solver (see `loadHighs`); default the package's, loaded once. */
  readonly highs?: HighsSolver;
  /** Relative gap at which the mixed-integer search stops; default 1e-4 (HiGHS's own default). */
  readonly mipGap?: number;
  /** Seconds the solver may take per solve; default 60. A plan cut short says so in `solver.status`. */
  readonly timeLimitSeconds?: number;
}

/** One supplier offering's part of a line. */
export interface LineAllocation {
  readonly supplier: string;
  readonly offering: string;
  readonly domestic: boolean;
  /** The match score of the pair. */
  readonly score: number;
  /** Quantity in the line's own unit (e.g. `unit/month`). */
  readonly quantity: number;
  readonly quantityText: string;
  /** Share of the line's demand. */
  readonly share: number;
}

/** Why part of a line stays unmet. */
export type UnmetReason = 'no_qualified_supplier' | 'capacity_exhausted' | 'max_share' | 'min_order' | 'dropped_by_objective';

/** The plan for one demand line. */
export interface LinePlan {
  readonly line: string;
  readonly buyer: string;
  readonly demandText: string;
  readonly unit: string;
  readonly allocations: readonly LineAllocation[];
  /** Unmet demand in the line's unit, its share, and why. */
  readonly unmet: { readonly quantity: number; readonly quantityText: string; readonly share: number; readonly reason?: UnmetReason; readonly message?: string };
  readonly minSuppliers: number;
  readonly maxShare: number;
}

/** How much of one offering's capacity the plan uses. */
export interface OfferingUtilization {
  readonly supplier: string;
  readonly offering: string;
  readonly capacityText: string | undefined;
  /** Allocated share of capacity, 0..1; undefined when the capacity is not stated. */
  readonly utilization: number | undefined;
  readonly lines: readonly string[];
}

/** A constraint that cannot hold, in the users' terms. */
export interface Conflict {
  readonly constraint: SoftConstraint | 'combination';
  readonly line?: string;
  readonly buyer?: string;
  readonly message: string;
}

/** What {@link allocate} returns. */
export interface AllocationPlan {
  /** `optimal`; `relaxed` (optimal after dropping what `relaxed` lists); `infeasible` (see `conflicts`, no allocations). */
  readonly status: 'optimal' | 'relaxed' | 'infeasible';
  readonly objective: AllocationObjective;
  readonly lines: readonly LinePlan[];
  readonly utilization: readonly OfferingUtilization[];
  readonly totals: {
    readonly lines: number;
    readonly fullyServed: number;
    readonly partlyServed: number;
    readonly unserved: number;
    /** Mean served share over lines. */
    readonly servedShare: number;
    /** Mean domestic share over lines. */
    readonly domesticShare: number;
    /** Total cost per year in the dataset's base currency, where prices are known. */
    readonly costPerYear: number | undefined;
  };
  readonly conflicts: readonly Conflict[];
  /** Constraints dropped by the relaxation. */
  readonly relaxed: readonly Conflict[];
  readonly warnings: readonly string[];
  readonly solver: { readonly status: string; readonly variables: number; readonly rows: number; readonly mip: boolean };
}

interface PairData {
  readonly index: number;
  readonly offering: Offering;
  readonly supplier: Supplier;
  readonly domestic: boolean;
  readonly score: number;
  /** Cost per year of serving the whole line from this pair, in base currency; undefined if unknown. */
  readonly costPerLine: number | undefined;
  /** Minimum order as a share of the line, or 0. */
  readonly minOrderShare: number;
  /** True when `costPerLine` stands in for an unknown price. */
  readonly costEstimated?: boolean;
}

interface LineData {
  readonly index: number;
  readonly line: DemandLine;
  readonly buyer: string;
  /** Demand per year, canonical. */
  readonly demand: number;
  /** Scale of a variable: 1 unit of a variable is this much per year (demand for shares). */
  readonly scale: number;
  readonly pairs: readonly PairData[];
  readonly minSuppliers: number;
  readonly maxShare: number;
}

const DEFAULT_ORDER: readonly SoftConstraint[] = ['quota', 'minSuppliers', 'maxShare', 'minOrder'];
const SERVED_TIE_BREAK = 1e-3;

/**
 * Decides who supplies what, and how much: a quantity for each (demand line, qualified
 * offering) of a match result, solved as a linear or mixed-integer programme by HiGHS.
 * Each offering's capacity is shared by every line that ranks it; a line may stay partly
 * unmet (reported with the reason); `minSuppliers` (dual sourcing), a maximum share per
 * supplier, minimum order quantities (an offering supplies at least its minimum order per
 * year, or nothing) and domestic quotas per buyer hold as asked. When they cannot all hold,
 * the plan says which conflict in users' terms; with `relax: true` it drops soft constraints
 * in the declared order and reports what it dropped.
 *
 * Use a result matched with a `topK` large enough to keep every qualified candidate; lines
 * whose qualified candidates were cut are named in `warnings`.
 *
 * @example
 * const plan = await allocate(createMatcher({ topK: 50 }).match(dataset), dataset, { objective: 'score' });
 * plan.lines[0]?.allocations[0]; // => { supplier: 'S-005', offering: 'S-005-O1', quantity: 1200, quantityText: '1,200 unit/month', share: 1, ... }
 */
export async function allocate(result: MatchResult, dataset: Dataset, options?: AllocateOptions): Promise<AllocationPlan> {
  validateOptions(options);
  const highs = options?.highs ?? (await loadHighs());
  return allocateWith(highs, result, dataset, options ?? {});
}

function validateOptions(options: AllocateOptions | undefined): void {
  const issues: Issue[] = [];
  const share = (v: number | undefined, path: string, min: number): void => {
    if (v !== undefined && !(v >= min && v <= 1)) issues.push({ path, code: 'invalid_option', message: `${path} is a share in [${min}, 1], not ${v}` });
  };
  if (options?.objective !== undefined && !['score', 'cost', 'domestic'].includes(options.objective))
    issues.push({ path: 'objective', code: 'invalid_option', message: `objective is score, cost or domestic, not "${options.objective}"` });
  if (options?.minSuppliers !== undefined && !(Number.isInteger(options.minSuppliers) && options.minSuppliers >= 1))
    issues.push({ path: 'minSuppliers', code: 'invalid_option', message: 'minSuppliers is a whole number >= 1' });
  share(options?.maxShare, 'maxShare', Number.MIN_VALUE);
  share(options?.minCountedShare, 'minCountedShare', 0);
  options?.quotas?.forEach((q, i) => share(q.domesticShare, `quotas[${i}].domesticShare`, 0));
  share(options?.mipGap, 'mipGap', 0);
  if (options?.timeLimitSeconds !== undefined && !(options.timeLimitSeconds > 0))
    issues.push({ path: 'timeLimitSeconds', code: 'invalid_option', message: 'timeLimitSeconds is a number of seconds > 0' });
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
}

/** Reads a price's `per` unit as a canonical amount (`L` → 0.001 m³); 1 for plain units. */
function perAmount(per: string | undefined, dimension: string): number | undefined {
  const p = per === undefined || /^(unit|units|pc|pcs|piece|ea|each)$/i.test(per) ? parseQuantity('1 unit') : parseQuantity(`1 ${per}`);
  if (!p.ok) return undefined;
  // The price unit must measure what the line's rate counts (count, volume, mass...).
  return dimension.startsWith(`${p.quantity.dimension}/`) ? p.quantity.value : undefined;
}

function buildLines(result: MatchResult, dataset: Dataset, options: AllocateOptions, warnings: string[]): LineData[] {
  const suppliers = new Map<string, Supplier>(dataset.suppliers.map((s) => [s.id, s]));
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
  const out: LineData[] = [];
  for (const lr of result.lines) {
    const line = linesById.get(lr.line);
    if (!line) {
      warnings.push(`line ${lr.line} of the result is not in the dataset; left out`);
      continue;
    }
    if (lr.qualifiedCount > lr.candidates.length)
      warnings.push(`${lr.line}: ${lr.qualifiedCount - lr.candidates.length} qualified candidates were cut by topK and are not allocated`);
    const demand = line.quantity.value * YEAR_S;
    const scale = options.integral ? 1 : demand;
    const pairs: PairData[] = [];
    for (const c of lr.candidates) {
      const found = offerings.get(c.offering);
      const supplier = suppliers.get(c.supplier);
      if (!found || !supplier) continue;
      const { offering } = found;
      if (offering.capacity && offering.capacity.dimension !== line.quantity.dimension) {
        warnings.push(`${lr.line}: ${c.offering} states capacity as ${offering.capacity.text}, not comparable with ${line.quantity.text}; not allocated`);
        continue;
      }
      let costPerLine: number | undefined;
      if (offering.unitPrice) {
        const per = perAmount(offering.unitPrice.per, line.quantity.dimension);
        const price = toBase(offering.unitPrice.amount, offering.unitPrice.currency);
        if (per !== undefined && price !== undefined) costPerLine = (price / per) * demand;
      }
      let minOrderShare = 0;
      if (offering.minOrder) {
        const m = offering.minOrder;
        // A minimum order is read as a minimum per year: a rate as it is, an amount as one order a year.
        const perYear = m.dimension === line.quantity.dimension ? m.value * YEAR_S : line.quantity.dimension.startsWith(`${m.dimension}/`) ? m.value : undefined;
        if (perYear === undefined) warnings.push(`${lr.line}: minimum order ${m.text} of ${c.offering} is not comparable with ${line.quantity.text}; ignored`);
        else minOrderShare = perYear / demand;
      }
      pairs.push({
        index: pairs.length,
        offering,
        supplier,
        domestic: domesticCountry !== undefined && supplier.country === domesticCountry,
        score: c.score,
        costPerLine,
        minOrderShare,
      });
    }
    // An offering without a comparable price costs, for the cost objective, as much as the
    // dearest priced alternative (or the line's ceiling): unknown must not look free.
    const ceiling = line.maxUnitPrice ? toBase(line.maxUnitPrice.amount, line.maxUnitPrice.currency) : undefined;
    const ceilingPer = line.maxUnitPrice ? perAmount(line.maxUnitPrice.per, line.quantity.dimension) : undefined;
    const known = pairs.map((p) => p.costPerLine).filter((c): c is number => c !== undefined);
    const fallback = known.length > 0 ? Math.max(...known) : ceiling !== undefined && ceilingPer !== undefined ? (ceiling / ceilingPer) * demand : 0;
    for (const [i, p] of pairs.entries()) if (p.costPerLine === undefined) pairs[i] = { ...p, costPerLine: fallback, costEstimated: true };
    out.push({
      index: out.length,
      line,
      buyer: lr.buyer,
      demand,
      scale,
      pairs,
      minSuppliers: options.minSuppliers ?? line.sourcing.minSuppliers,
      maxShare: options.maxShare ?? line.sourcing.maxSupplierShare,
    });
  }
  return out;
}

const x = (l: number, p: number): string => `x${l}_${p}`;
const y = (l: number, p: number): string => `y${l}_${p}`;
const z = (l: number, s: number): string => `z${l}_${s}`;
const u = (l: number): string => `u${l}`;

/** A soft constraint's slack variable, and how to say what its violation means. */
interface Slack {
  readonly name: string;
  readonly constraint: SoftConstraint;
  readonly line?: string;
  readonly buyer?: string;
  /** Slack in its own unit -> what it means, for the report. */
  readonly describe: (slack: number) => string;
}

interface Built {
  readonly programme: Programme;
  readonly slacks: readonly Slack[];
}

interface BuildOptions {
  readonly objective: 'served' | 'score' | 'cost' | 'domestic';
  /** Penalty per unit of slack by kind: soft constraints become elastic. */
  readonly penalties?: ReadonlyMap<SoftConstraint, number>;
  /** Served-share floor (second phase of cost and domestic). */
  readonly floor?: number;
  /** Upper bounds of slacks, from the first phase. */
  readonly slackBounds?: ReadonlyMap<string, number>;
}

function supplierGroups(line: LineData): Map<string, PairData[]> {
  const groups = new Map<string, PairData[]>();
  for (const p of line.pairs) {
    const g = groups.get(p.supplier.id);
    if (g) g.push(p);
    else groups.set(p.supplier.id, [p]);
  }
  return new Map([...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function buildProgramme(lines: readonly LineData[], options: AllocateOptions, build: BuildOptions): Built {
  const variables: Variable[] = [];
  const rows: Row[] = [];
  const slacks: Slack[] = [];
  const integral = options.integral ?? false;
  const minCounted = options.minCountedShare ?? 0.1;
  const byOffering = new Map<string, Term[]>();
  const capacityOf = new Map<string, number>();
  const objectiveTerms: Term[] = [];
  const servedTerms: Term[] = [];
  const { objective, penalties } = build;
  const costScale = lines.reduce((m, l) => l.pairs.reduce((n, p) => Math.max(n, p.costPerLine ?? 0), m), 1);
  /** Adds a slack to a row (`sign` +1 loosens a >= row, -1 a <= row) when the constraint is elastic. */
  const elastic = (slack: Omit<Slack, 'name'>, upper: number, perUnit: number): Term[] => {
    const penalty = penalties?.get(slack.constraint);
    if (penalty === undefined && build.slackBounds === undefined) return [];
    const name = `s${slacks.length}`;
    const bound = build.slackBounds ? (build.slackBounds.get(name) ?? 0) : upper;
    variables.push({ name, lower: 0, upper: Math.max(0, bound), kind: 'continuous' });
    if (penalty !== undefined) objectiveTerms.push([-penalty * perUnit, name]);
    slacks.push({ ...slack, name });
    return [[1, name]];
  };

  for (const line of lines) {
    const l = line.index;
    const id = line.line.id;
    const total = line.demand / line.scale;
    const share = line.scale / line.demand; // variable -> share of the line
    variables.push({ name: u(l), lower: 0, upper: total, kind: integral ? 'integer' : 'continuous' });
    const demandTerms: Term[] = [[1, u(l)]];
    const needZ = line.minSuppliers > 1;
    for (const p of line.pairs) {
      const name = x(l, p.index);
      variables.push({ name, lower: 0, upper: total, kind: integral ? 'integer' : 'continuous' });
      demandTerms.push([1, name]);
      servedTerms.push([share, name]);
      if (objective === 'score') objectiveTerms.push([p.score * share, name]);
      // Serving is what counts; a touch of score breaks the ties that make a pure
      // served-share programme slow to prove optimal (a thousandth cannot outweigh any share).
      if (objective === 'served') objectiveTerms.push([SERVED_TIE_BREAK * p.score * share, name]);
      if (objective === 'domestic' && p.domestic) objectiveTerms.push([share, name]);
      // Costs are scaled to at most 1 per line: raw yearly costs (1e9 KRW) next to shares wreck the simplex's numerics.
      if (objective === 'cost' && p.costPerLine !== undefined) objectiveTerms.push([(p.costPerLine / costScale) * share, name]);
      if (p.offering.capacity) {
        const key = p.offering.id;
        capacityOf.set(key, p.offering.capacity.min * YEAR_S);
        const terms = byOffering.get(key) ?? [];
        terms.push([line.scale, name]);
        byOffering.set(key, terms);
      }
      if (p.minOrderShare > 0) {
        variables.push({ name: y(l, p.index), lower: 0, upper: 1, kind: 'binary' });
        // Either nothing or at least the minimum order: x <= bound * y and x >= minimum * y,
        // with the tightest bound known (a loose big-M slows the MIP down).
        const capBound = p.offering.capacity ? (p.offering.capacity.min * YEAR_S) / line.scale : total;
        const bound = Math.min(total, capBound);
        const minimum = p.minOrderShare * total;
        rows.push({ name: `on${l}_${p.index}`, terms: [[1, name], [-bound, y(l, p.index)]], sense: '<=', rhs: 0 });
        const slack = elastic(
          {
            constraint: 'minOrder',
            line: id,
            describe: (v) => `${id}: ${p.offering.id} supplies ${formatQuantityValue(v * line.scale / YEAR_S, line.line.quantity.dimension, line.line.quantity.unit)} less than its minimum order ${p.offering.minOrder?.text ?? ''}`,
          },
          minimum,
          share,
        );
        rows.push({ name: `moq${l}_${p.index}`, terms: [[1, name], [-minimum, y(l, p.index)], ...slack], sense: '>=', rhs: 0 });
      }
    }
    rows.push({ name: `dem${l}`, terms: demandTerms, sense: '=', rhs: total });
    const groups = supplierGroups(line);
    let g = 0;
    const countTerms: Term[] = [];
    for (const [supplierId, group] of groups) {
      const groupTerms: Term[] = group.map((p) => [1, x(l, p.index)] as const);
      if (line.maxShare < 1) {
        const slack = elastic(
          {
            constraint: 'maxShare',
            line: id,
            describe: (v) => `${id}: ${supplierId} carries ${((line.maxShare + v * share) * 100).toFixed(0)}% though at most ${(line.maxShare * 100).toFixed(0)}% was asked`,
          },
          total,
          share,
        );
        rows.push({ name: `shr${l}_${g}`, terms: [...groupTerms, ...slack.map(([c, v]) => [-c, v] as const)], sense: '<=', rhs: line.maxShare * total });
      }
      if (needZ) {
        variables.push({ name: z(l, g), lower: 0, upper: 1, kind: 'binary' });
        // A supplier counts only if it carries a real share of the line.
        rows.push({ name: `cnt${l}_${g}`, terms: [...groupTerms, [-minCounted * total, z(l, g)]], sense: '>=', rhs: 0 });
        countTerms.push([1, z(l, g)]);
      }
      g++;
    }
    if (needZ) {
      const slack = elastic(
        {
          constraint: 'minSuppliers',
          line: id,
          describe: (v) =>
            `${id} asks for ${line.minSuppliers} suppliers, but only ${Math.max(0, Math.round(line.minSuppliers - v))} can each carry ${(minCounted * 100).toFixed(0)}% of it (capacity, minimum orders or the other constraints)`,
        },
        line.minSuppliers,
        1,
      );
      rows.push({ name: `min${l}`, terms: [...countTerms, ...slack], sense: '>=', rhs: line.minSuppliers });
    }
  }
  for (const [id, terms] of [...byOffering].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    rows.push({ name: `cap_${rows.length}`, terms, sense: '<=', rhs: capacityOf.get(id) ?? 0 });
  (options.quotas ?? []).forEach((q, qi) => {
    const own = lines.filter((l) => q.buyer === undefined || l.buyer === q.buyer);
    const buyers = q.buyer === undefined ? [...new Set(own.map((l) => l.buyer))].sort() : [q.buyer];
    for (const b of buyers) {
      const mine = own.filter((l) => l.buyer === b);
      const terms: Term[] = [];
      for (const line of mine) for (const p of line.pairs) if (p.domestic) terms.push([line.scale / line.demand, x(line.index, p.index)]);
      const need = q.domesticShare * mine.length;
      const slack = elastic(
        {
          constraint: 'quota',
          buyer: b,
          describe: (v) =>
            `${b} asks for ${(q.domesticShare * 100).toFixed(0)}% of its volume from domestic suppliers; at most ${(((need - v) / Math.max(1, mine.length)) * 100).toFixed(1)}% can be`,
        },
        need,
        1,
      );
      rows.push({ name: `quota${qi}_${rows.length}`, terms: [...terms, ...slack], sense: '>=', rhs: need });
    }
  });
  if (build.floor !== undefined) rows.push({ name: 'served_floor', terms: servedTerms, sense: '>=', rhs: build.floor });
  return {
    programme: {
      sense: objective === 'cost' ? 'minimize' : 'maximize',
      objective: objective === 'served' ? [...servedTerms, ...objectiveTerms] : objectiveTerms,
      rows,
      variables,
    },
    slacks,
  };
}

/** Conflicts visible without solving: lines that ask for more suppliers than qualify, quotas with no domestic candidate. */
function diagnose(lines: readonly LineData[], options: AllocateOptions): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const line of lines) {
    const groups = [...supplierGroups(line).keys()];
    // A line nobody qualifies for is simply unmet (with that reason), not a conflict.
    if (line.minSuppliers > 1 && groups.length > 0 && groups.length < line.minSuppliers) {
      const who = `only ${groups.join(', ')} ${groups.length === 1 ? 'qualifies' : 'qualify'}`;
      conflicts.push({ constraint: 'minSuppliers', line: line.line.id, message: `${line.line.id} asks for ${line.minSuppliers} suppliers but ${who}` });
    }
  }
  (options.quotas ?? []).forEach((q) => {
    const own = lines.filter((l) => q.buyer === undefined || l.buyer === q.buyer);
    const buyers = q.buyer === undefined ? [...new Set(own.map((l) => l.buyer))].sort() : [q.buyer];
    for (const b of buyers) {
      const mine = own.filter((l) => l.buyer === b);
      if (q.domesticShare > 0 && !mine.some((l) => l.pairs.some((p) => p.domestic)))
        conflicts.push({
          constraint: 'quota',
          buyer: b,
          message: `${b} asks for ${(q.domesticShare * 100).toFixed(0)}% of its volume from domestic suppliers, but no domestic supplier qualifies for any of its ${mine.length} line(s)`,
        });
    }
  });
  return conflicts;
}

/**
 * Penalties of elastic soft constraints: each kind costs more than any gain the objective can
 * offer (at most one per line), and each later kind in the order ten times the one before, so
 * that the first kinds are given up first.
 */
function penaltiesFor(order: readonly SoftConstraint[], lines: number): Map<SoftConstraint, number> {
  const base = 10 * (lines + 1);
  const full = [...order, ...DEFAULT_ORDER.filter((k) => !order.includes(k))];
  return new Map(full.map((k, i) => [k, base * 10 ** i]));
}

async function allocateWith(highs: HighsSolver, result: MatchResult, dataset: Dataset, options: AllocateOptions): Promise<AllocationPlan> {
  const warnings: string[] = [];
  const lines = buildLines(result, dataset, options, warnings);
  const objective = options.objective ?? 'score';
  const diagnosed = diagnose(lines, options);
  if (diagnosed.length > 0 && !options.relax) return emptyPlan(lines, objective, diagnosed, warnings);
  const penalties = penaltiesFor(options.relaxOrder ?? DEFAULT_ORDER, lines.length);
  const solverOptions = { mipGap: options.mipGap ?? 1e-4, timeLimitSeconds: options.timeLimitSeconds ?? 60 };
  const solveWith = (p: Programme) => solveProgramme(highs, p, solverOptions);
  // A run cut by the time limit still has a feasible plan, said to be so.
  const usable = (status: string): boolean => status === 'Optimal' || status === 'Time limit reached';

  const solve = (elasticMode: boolean) => {
    const first = buildProgramme(lines, options, { objective: objective === 'score' ? 'score' : 'served', ...(elasticMode ? { penalties } : {}) });
    const s1 = solveWith(first.programme);
    if (objective === 'score' || !usable(s1.status)) return { built: first, solution: s1 };
    // Serve as much as possible first, then optimize cost or domestic share at that level,
    // allowing no more slack than the first phase needed.
    const served = first.programme.objective.filter(([, v]) => v.startsWith('x')).reduce((sum, [c, v]) => sum + c * (s1.values.get(v) ?? 0), 0);
    const floor = Math.max(0, served - 1e-9 * Math.max(1, lines.length));
    const slackBounds = elasticMode ? new Map(first.slacks.map((sl) => [sl.name, (s1.values.get(sl.name) ?? 0) + 1e-9])) : undefined;
    const second = buildProgramme(lines, options, { objective, floor, ...(slackBounds ? { slackBounds } : {}) });
    // The second phase keeps the first phase's on/off choices (minimum orders taken, suppliers
    // counted) and re-optimizes the quantities as a linear programme: fast at any size.
    const fixed: Programme = {
      ...second.programme,
      variables: second.programme.variables.map((v) => {
        if (v.kind !== 'binary') return v;
        const on = Math.round(s1.values.get(v.name) ?? 0);
        return { name: v.name, lower: on, upper: on, kind: 'continuous' };
      }),
    };
    return { built: { ...second, programme: fixed }, solution: solveWith(fixed) };
  };
  const violated = (built: Built, values: ReadonlyMap<string, number>): Conflict[] =>
    built.slacks
      .filter((sl) => (values.get(sl.name) ?? 0) > 1e-6)
      .map((sl) => ({
        constraint: sl.constraint,
        ...(sl.line !== undefined ? { line: sl.line } : {}),
        ...(sl.buyer !== undefined ? { buyer: sl.buyer } : {}),
        message: sl.describe(values.get(sl.name) ?? 0),
      }));

  if (!options.relax) {
    const hard = solve(false);
    if (usable(hard.solution.status))
      return buildPlan(lines, hard.built.programme, hard.solution.values, hard.solution.status, objective, 'optimal', [], [], warnings, dataset);
    if (hard.solution.status !== 'Infeasible')
      return emptyPlan(lines, objective, [{ constraint: 'combination', message: `the solver ended with status "${hard.solution.status}"` }], warnings);
    // Say which constraints conflict: the elastic programme shows the least it must give up.
    const probe = solve(true);
    const found = usable(probe.solution.status) ? violated(probe.built, probe.solution.values) : [];
    const conflicts = found.length > 0 ? found : [{ constraint: 'combination' as const, message: 'the constraints cannot all hold together' }];
    return emptyPlan(lines, objective, conflicts, warnings);
  }
  const soft = solve(true);
  if (!usable(soft.solution.status))
    return emptyPlan(lines, objective, [{ constraint: 'combination', message: `the solver ended with status "${soft.solution.status}"` }], warnings);
  const relaxed = violated(soft.built, soft.solution.values);
  return buildPlan(
    lines,
    soft.built.programme,
    soft.solution.values,
    soft.solution.status,
    objective,
    relaxed.length > 0 ? 'relaxed' : 'optimal',
    diagnosed,
    relaxed,
    warnings,
    dataset,
  );
}

function lineQuantity(line: DemandLine, shareOfLine: number): { quantity: number; text: string } {
  const own = convertQuantity(line.quantity, line.quantity.unit) ?? line.quantity.value;
  const quantity = roundQty(own * shareOfLine);
  return { quantity, text: formatQuantityValue(line.quantity.value * shareOfLine, line.quantity.dimension, line.quantity.unit) };
}

function roundQty(v: number): number {
  return Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(10));
}

function emptyPlan(lines: readonly LineData[], objective: AllocationObjective, conflicts: Conflict[], warnings: string[]): AllocationPlan {
  return {
    status: 'infeasible',
    objective,
    lines: lines.map((l) => {
      const q = lineQuantity(l.line, 1);
      return {
        line: l.line.id,
        buyer: l.buyer,
        demandText: l.line.quantity.text,
        unit: l.line.quantity.unit,
        allocations: [],
        unmet: { quantity: q.quantity, quantityText: q.text, share: 1 },
        minSuppliers: l.minSuppliers,
        maxShare: l.maxShare,
      };
    }),
    utilization: [],
    totals: { lines: lines.length, fullyServed: 0, partlyServed: 0, unserved: lines.length, servedShare: 0, domesticShare: 0, costPerYear: undefined },
    conflicts,
    relaxed: [],
    warnings,
    solver: { status: 'Infeasible', variables: 0, rows: 0, mip: false },
  };
}

function buildPlan(
  lines: readonly LineData[],
  programme: Programme,
  values: ReadonlyMap<string, number>,
  status: string,
  objective: AllocationObjective,
  planStatus: 'optimal' | 'relaxed',
  conflicts: Conflict[],
  relaxed: Conflict[],
  warnings: string[],
  dataset: Dataset,
): AllocationPlan {
  const used = new Map<string, { supplier: string; allocated: number; lines: Set<string> }>();
  const shares = new Map<string, number>();
  for (const line of lines)
    for (const p of line.pairs) {
      const share = ((values.get(x(line.index, p.index)) ?? 0) * line.scale) / line.demand;
      const clean = share < 1e-9 ? 0 : Math.min(1, share);
      shares.set(x(line.index, p.index), clean);
      if (clean > 0) {
        const e = used.get(p.offering.id) ?? { supplier: p.supplier.id, allocated: 0, lines: new Set<string>() };
        e.allocated += clean * line.demand;
        e.lines.add(line.line.id);
        used.set(p.offering.id, e);
      }
    }
  const capacityOf = new Map<string, { text: string; perYear: number; supplier: string }>();
  for (const s of dataset.suppliers)
    for (const o of s.offerings) if (o.capacity) capacityOf.set(o.id, { text: o.capacity.text, perYear: o.capacity.min * YEAR_S, supplier: s.id });
  const utilizationOf = (offering: string): number | undefined => {
    const c = capacityOf.get(offering);
    const e = used.get(offering);
    return c === undefined ? undefined : c.perYear > 0 ? (e?.allocated ?? 0) / c.perYear : 1;
  };

  let cost = 0;
  let costKnown = true;
  const plans: LinePlan[] = lines.map((line) => {
    const allocations: LineAllocation[] = [];
    for (const p of line.pairs) {
      const share = shares.get(x(line.index, p.index)) ?? 0;
      if (share <= 0) continue;
      const q = lineQuantity(line.line, share);
      if (p.costPerLine === undefined || p.costEstimated) costKnown = false;
      else cost += p.costPerLine * share;
      allocations.push({
        supplier: p.supplier.id,
        offering: p.offering.id,
        domestic: p.domestic,
        score: p.score,
        quantity: q.quantity,
        quantityText: q.text,
        share: roundQty(share),
      });
    }
    allocations.sort((a, b) => b.share - a.share || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.offering < b.offering ? -1 : 1));
    const served = allocations.reduce((s, a) => s + a.share, 0);
    // Solver tolerances leave dust of the order of 1e-9; less than a millionth is served.
    const unmetShare = 1 - served < 1e-6 ? 0 : roundQty(1 - served);
    const q = lineQuantity(line.line, unmetShare);
    let unmet: LinePlan['unmet'] = { quantity: q.quantity, quantityText: q.text, share: unmetShare };
    if (unmetShare > 1e-6) {
      const why = unmetReason(line, shares, utilizationOf);
      unmet = { ...unmet, reason: why.reason, message: why.message };
    }
    return {
      line: line.line.id,
      buyer: line.buyer,
      demandText: line.line.quantity.text,
      unit: line.line.quantity.unit,
      allocations,
      unmet,
      minSuppliers: line.minSuppliers,
      maxShare: line.maxShare,
    };
  });
  const utilization: OfferingUtilization[] = [...used]
    .map(([offering, e]) => ({
      supplier: e.supplier,
      offering,
      capacityText: capacityOf.get(offering)?.text,
      utilization: (() => {
        const v = utilizationOf(offering);
        return v === undefined ? undefined : roundQty(v);
      })(),
      lines: [...e.lines].sort(),
    }))
    .sort((a, b) => (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.offering < b.offering ? -1 : 1));
  const servedOf = (p: LinePlan): number => 1 - p.unmet.share;
  const n = plans.length || 1;
  return {
    status: planStatus,
    objective,
    lines: plans,
    utilization,
    totals: {
      lines: plans.length,
      fullyServed: plans.filter((p) => p.unmet.share <= 1e-6).length,
      partlyServed: plans.filter((p) => p.unmet.share > 1e-6 && p.unmet.share < 1 - 1e-6).length,
      unserved: plans.filter((p) => p.unmet.share >= 1 - 1e-6).length,
      servedShare: roundQty(plans.reduce((s, p) => s + servedOf(p), 0) / n),
      domesticShare: roundQty(plans.reduce((s, p) => s + p.allocations.filter((a) => a.domestic).reduce((t, a) => t + a.share, 0), 0) / n),
      costPerYear: costKnown ? Math.round(cost) : undefined,
    },
    conflicts,
    relaxed,
    warnings,
    solver: {
      status,
      variables: programme.variables.length,
      rows: programme.rows.length,
      mip: programme.variables.some((v) => v.kind !== 'continuous'),
    },
  };
}

function unmetReason(
  line: LineData,
  shares: ReadonlyMap<string, number>,
  utilizationOf: (offering: string) => number | undefined,
): { reason: UnmetReason; message: string } {
  if (line.pairs.length === 0) return { reason: 'no_qualified_supplier', message: `no supplier qualifies for ${line.line.id}` };
  const full = line.pairs.filter((p) => (utilizationOf(p.offering.id) ?? 0) >= 1 - 1e-6);
  if (full.length === line.pairs.length)
    return {
      reason: 'capacity_exhausted',
      message: `the capacity of every qualified offering is used up (${full.map((p) => p.offering.id).join(', ')})`,
    };
  if (line.maxShare < 1) {
    const groups = supplierGroups(line);
    const capped = [...groups].filter(([, g]) => g.reduce((s, p) => s + (shares.get(x(line.index, p.index)) ?? 0), 0) >= line.maxShare - 1e-6);
    if (capped.length > 0 && capped.length + full.length >= groups.size)
      return {
        reason: 'max_share',
        message: `no supplier may carry more than ${(line.maxShare * 100).toFixed(0)}% of ${line.line.id}, and the others have no capacity left`,
      };
  }
  if (line.pairs.some((p) => p.minOrderShare > 0 && (shares.get(x(line.index, p.index)) ?? 0) === 0))
    return { reason: 'min_order', message: 'the remaining capacity is below the minimum order quantities' };
  return { reason: 'dropped_by_objective', message: 'the optimum serves other lines with the shared capacity' };
}
