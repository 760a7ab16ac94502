import { z } from 'zod';
import { SupplymatchError, type Issue } from '../errors.js';
import type { MatchResult } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import { formatQuantityValue } from '../model/quantity.js';
import { buildLines, supplierGroups, YEAR_S, type LineData } from './lines.js';
import { loadHighs, openSession, type HighsModel, type HighsSolver, type Objective, type SessionTimings, type SolveEnd, type SolvePoint, type SolveLimits, type Term } from './lp.js';
import { ableSuppliers, buildComponentModel, type BuyerQuota, type ComponentModel, type SoftConstraint } from './model.js';

export type { SoftConstraint } from './model.js';

/** What the allocation optimizes. */
export type AllocationObjective = 'score' | 'cost' | 'domestic';

/** A minimum domestic share of a buyer's demand (every buyer's when `buyer` is left out). */
export interface DomesticQuota {
  readonly buyer?: string;
  /** 0..1: share of the buyer's demand, averaged over its lines that have a qualified supplier, to come from domestic suppliers. */
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
  /** Give up soft constraints where they cannot all hold, the fewest first along `relaxOrder`, and report each; default false. */
  readonly relax?: boolean;
  /** Order in which soft constraints are given up (first given up first); default quota, minSuppliers, maxShare, minOrder. */
  readonly relaxOrder?: readonly SoftConstraint[];
  /** Allocate whole units of the unit each line is written in (pieces, litres, sets), per its own period; default false. */
  readonly integral?: boolean;
  /** A loaded HiGHS solver (see `loadHighs`); default the package's, loaded once. */
  readonly highs?: HighsSolver;
  /** Relative gap at which a mixed-integer search may stop with `optimal`; default 1e-4. */
  readonly mipGap?: number;
  /** Branch-and-bound nodes per solve before the search stops with the best plan found (`feasible`): the deterministic work limit; default 20,000. */
  readonly maxNodes?: number;
  /** Seconds of wall clock for the whole allocation; default none. A plan it cuts short has status `time_limit` and may differ from run to run. */
  readonly timeLimitSeconds?: number;
  /**
   * Called as the work advances, with the components solved, how many there are, and the stage:
   * `(0, n, 'solve')` before the first solve, `(k, n, 'solve')` after each component, then
   * `(n, n, 'plan')` once the plan is read. `done` never decreases and ends at `total`.
   */
  readonly onProgress?: (done: number, total: number, stage: AllocationStage) => void;
}

/** The stages {@link AllocateOptions.onProgress} names, in order. */
export const ALLOCATION_STAGES = ['solve', 'plan'] as const;
/** One of {@link ALLOCATION_STAGES}. */
export type AllocationStage = (typeof ALLOCATION_STAGES)[number];

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
export type UnmetReason =
  | 'no_qualified_supplier'
  | 'capacity_exhausted'
  | 'max_share'
  | 'min_order'
  | 'whole_units'
  | 'dropped_by_objective'
  | 'infeasible'
  | 'no_plan';

/**
 * How far a plan (or one component of it) is proven:
 * - `optimal`: the solver proved it optimal, within `mipGap`;
 * - `feasible`: a plan that holds every hard constraint, but a deterministic work limit (`maxNodes`, or the root's stall limit) stopped the search first; `gap` says how far from the bound;
 * - `time_limit`: the caller's `timeLimitSeconds` stopped the search; the best plan so far and its gap, or none;
 * - `work_limit`: the work limit stopped the search before any plan was found; its lines are unmet;
 * - `infeasible`: the hard constraints cannot all hold; the lines are unmet and `conflicts` say why.
 */
export type AllocationStatus = 'optimal' | 'feasible' | 'time_limit' | 'work_limit' | 'infeasible';

/** The plan for one demand line. */
export interface LinePlan {
  readonly line: string;
  readonly buyer: string;
  readonly demandText: string;
  readonly unit: string;
  /** The status of the component the line was planned in (`optimal` for a line nobody qualifies for). */
  readonly status: AllocationStatus;
  /** Index in `solver.components`; undefined for a line planned without a solve. */
  readonly component: number | undefined;
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

/** A constraint that cannot hold (or was given up), in the users' terms. */
export interface Conflict {
  readonly constraint: SoftConstraint | 'combination';
  readonly line?: string;
  readonly buyer?: string;
  readonly message: string;
}

/** One connected component: lines that share an offering's capacity or a buyer's quota, solved together. */
export interface ComponentReport {
  readonly lines: number;
  readonly status: AllocationStatus;
  /** What ended the last solve of the component. */
  readonly endedBy: SolveEnd;
  /** Relative gap of the plan to the solver's bound, per objective stage; null where there is no plan. */
  readonly gaps: readonly (number | null)[];
  /** Branch-and-bound nodes, over all its solves. */
  readonly nodes: number;
  readonly variables: number;
  readonly rows: number;
  readonly mip: boolean;
}

/** What {@link allocate} returns. */
export interface AllocationPlan {
  /** The least proven of the components' statuses (infeasible, then time_limit, work_limit, feasible, optimal); see {@link AllocationStatus}. */
  readonly status: AllocationStatus;
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
  /** Hard constraints that cannot hold (their lines are unmet). */
  readonly conflicts: readonly Conflict[];
  /** Soft constraints given up by `relax`, each with what was given up. */
  readonly relaxed: readonly Conflict[];
  readonly warnings: readonly string[];
  readonly solver: {
    readonly limits: { readonly mipGap: number; readonly maxNodes: number; readonly timeLimitSeconds: number | undefined; readonly seed: number; readonly threads: number };
    readonly components: readonly ComponentReport[];
    readonly variables: number;
    readonly rows: number;
    readonly mip: boolean;
  };
}

const DEFAULT_ORDER: readonly SoftConstraint[] = ['quota', 'minSuppliers', 'maxShare', 'minOrder'];
const DEFAULTS = Object.freeze({ objective: 'score' as AllocationObjective, minCountedShare: 0.1, mipGap: 1e-4, maxNodes: 20_000, maxStalls: 20, maxStallsFromStart: 3 });
/**
 * A later objective keeps an earlier one within this much of what the earlier solve reached
 * (absolute, on objectives of at most one per line; about the solver's feasibility tolerance).
 */
const KEEP_TOLERANCE = 1e-7;
const STATUS_ORDER: readonly AllocationStatus[] = ['infeasible', 'time_limit', 'work_limit', 'feasible', 'optimal'];

const share = (name: string, min: number, exclusiveMin: boolean) =>
  z
    .number({ error: `${name} is a number` })
    .refine((v) => (exclusiveMin ? v > min : v >= min) && v <= 1, { message: `${name} is a share in ${exclusiveMin ? '(' : '['}${min}, 1]` });

const OptionsSchema = z.strictObject({
  objective: z.enum(['score', 'cost', 'domestic'], { error: 'objective is score, cost or domestic' }).optional(),
  minSuppliers: z.number().int().min(1).max(20, { error: 'minSuppliers is a whole number in [1, 20]' }).optional(),
  maxShare: share('maxShare', 0, true).optional(),
  quotas: z.array(z.strictObject({ buyer: z.string().optional(), domesticShare: share('domesticShare', 0, false) })).optional(),
  minCountedShare: share('minCountedShare', 0, false).optional(),
  relax: z.boolean().optional(),
  relaxOrder: z
    .array(z.enum(['quota', 'minSuppliers', 'maxShare', 'minOrder']))
    .refine((o) => new Set(o).size === o.length, { message: 'relaxOrder names each constraint once' })
    .optional(),
  integral: z.boolean().optional(),
  highs: z.custom<HighsSolver>((v) => typeof v === 'object' && v !== null && 'createModel' in v, { message: 'highs is a solver loaded by loadHighs' }).optional(),
  mipGap: share('mipGap', 0, false).optional(),
  maxNodes: z.number().int().min(1, { error: 'maxNodes is a whole number >= 1' }).max(2 ** 31 - 1).optional(),
  timeLimitSeconds: z.number().gt(0, { error: 'timeLimitSeconds is a number of seconds > 0' }).max(1e7).optional(),
  onProgress: z.custom<AllocateOptions['onProgress']>((v) => typeof v === 'function', { message: 'onProgress is a function (done, total, stage)' }).optional(),
});

function validateOptions(options: unknown): void {
  const parsed = OptionsSchema.safeParse(options ?? {});
  if (parsed.success) return;
  const issues: Issue[] = parsed.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const path = [...i.path.map(String), ...(keys.length === 1 ? keys : [])].join('.');
    return {
      path: path || 'options',
      code: 'invalid_option',
      message: i.code === 'unrecognized_keys' ? `unknown allocate option ${keys.map((k) => `"${k}"`).join(', ')}` : i.message,
    };
  });
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
}

/**
 * The allocation without its notebook display (internal to the package: the
 * `supplymatch/allocate` entry's `allocate`, documented there, adds the display).
 *
 * @example
 * const plan = await allocate(result, dataset, { objective: 'cost' });
 */
export async function allocate(result: MatchResult, dataset: Dataset, options?: AllocateOptions): Promise<AllocationPlan> {
  validateOptions(options);
  const highs = options?.highs ?? (await loadHighs());
  return allocateWith(highs, result, dataset, options ?? {});
}

/** Milliseconds spent in each part of an allocation (for the benchmark; never part of a plan). */
export interface AllocationTimings extends SessionTimings {
  /** Reading the lines and settling those that cannot hold alone. */
  lines: number;
  /** Writing the components' programmes. */
  model: number;
  /** Everything in the solver sessions (loading the programmes, relaxation, rounding, search). */
  solve: number;
  /** Reading the plan off the solutions. */
  plan: number;
}

/** The result of one component's solves. */
interface Solved {
  readonly model: ComponentModel | undefined;
  readonly values: Float64Array | undefined;
  readonly report: ComponentReport;
  readonly conflicts: readonly Conflict[];
  readonly relaxed: readonly Conflict[];
}

interface StageRun {
  readonly end: SolveEnd;
  /** Values of the last stage that found a solution; undefined when none did. */
  readonly values: Float64Array | undefined;
  readonly gaps: (number | null)[];
  readonly nodes: number;
  readonly stoppedAt: number;
}

/**
 * Solves objectives in turn: each later one over every plan that keeps the earlier ones
 * within {@link KEEP_TOLERANCE} of what they reached (a row per earlier objective), starting
 * from the earlier plan.
 */
function runStages(model: ComponentModel, stages: readonly Objective[], ctx: Context): StageRun {
  const { highs, limits, timings, inspect } = ctx;
  const clock = timings?.clock ?? (() => performance.now());
  const t0 = clock();
  let stage = 0;
  const elastic = model.slacks.length > 0;
  const component = ctx.component;
  const session = openSession(highs, model.programme, limits, {
    model: ctx.model,
    roundSwitches: model.roundSwitches,
    separate: model.separate,
    timings,
    inspect: inspect ? (point) => inspect({ ...point, component, elastic, stage }) : undefined,
  });
  const integer = model.programme.integrality;
  const gaps: (number | null)[] = [];
  let values: Float64Array | undefined;
  let end: SolveEnd = 'optimal';
  let nodes = 0;
  let stoppedAt = stages.length;
  try {
    for (const [i, objective] of stages.entries()) {
      stage = i;
      const out = session.solve(objective, values);
      nodes += out.nodes;
      if (out.end !== 'optimal') end = out.end;
      if (!out.hasSolution) {
        stoppedAt = i;
        break;
      }
      // Whole numbers within the solver's integrality tolerance are whole.
      values = out.values.map((v, k) => (integer[k] ? Math.round(v) : v));
      // A gap below 1e-9 is the float noise of a proven optimum.
      gaps.push(Number.isFinite(out.gap) ? (out.gap < 1e-9 ? 0 : out.gap) : null);
      if (i < stages.length - 1) {
        const plan = values;
        const achieved = objective.coefficients.reduce((s, c, k) => s + c * (plan[k] ?? 0), 0);
        const slack = KEEP_TOLERANCE + 1e-12 * Math.abs(achieved);
        if (objective === model.objectives.served && servesEveryLineItsMost(model, plan)) {
          // Every line is served the most it can be on its own, so the most served is kept line
          // by line: sparse rows instead of one row over every variable, which the solver's cuts
          // and heuristics handle badly. Each line gets a share of the tolerance, so that the
          // rows together keep the sum within it.
          const share = slack / Math.max(1, model.lineReach.length);
          for (const { variables, most, total } of model.lineReach)
            if (variables.length > 0) session.addRow(variables.map((v) => [1, v] as const), most - share * total, Number.POSITIVE_INFINITY);
          continue;
        }
        const terms: Term[] = [];
        objective.coefficients.forEach((c, k) => {
          if (c !== 0) terms.push([c, k]);
        });
        if (objective.sense === 'maximize') session.addRow(terms, achieved - slack, Number.POSITIVE_INFINITY);
        else session.addRow(terms, Number.NEGATIVE_INFINITY, achieved + slack);
      }
    }
  } finally {
    session.dispose();
    if (timings) timings.solve += clock() - t0;
  }
  return { end, values, gaps, nodes, stoppedAt };
}

/** Whether a plan serves each line of the model the most it can be served on its own (see `ComponentModel.lineReach`). */
function servesEveryLineItsMost(model: ComponentModel, values: Float64Array): boolean {
  return model.lineReach.every(({ variables, most }) => variables.reduce((s, v) => s + (values[v] ?? 0), 0) >= most - 1e-9 * Math.max(1, most));
}

function statusOf(run: StageRun): AllocationStatus {
  if (run.end === 'time_limit') return 'time_limit';
  if (run.end === 'infeasible' && run.values === undefined) return 'infeasible';
  if (run.values === undefined) return 'work_limit';
  return run.end === 'optimal' ? 'optimal' : 'feasible';
}

function violated(model: ComponentModel, values: Float64Array): Conflict[] {
  return model.slacks
    .filter((s) => (values[s.variable] ?? 0) > 1e-6)
    .map((s) => ({
      constraint: s.constraint,
      ...(s.line !== undefined ? { line: s.line } : {}),
      ...(s.buyer !== undefined ? { buyer: s.buyer } : {}),
      message: s.describe(values[s.variable] ?? 0),
    }));
}

interface Context {
  readonly highs: HighsSolver;
  readonly objective: AllocationObjective;
  readonly integral: boolean;
  readonly minCountedShare: number;
  readonly relax: boolean;
  readonly weights: ReadonlyMap<SoftConstraint, number>;
  readonly limits: SolveLimits;
  readonly timeLimitSeconds: number | undefined;
  readonly timings: AllocationTimings | undefined;
  readonly inspect: ((point: InspectedSolve) => void) | undefined;
  /** The component being solved (for `inspect`). */
  component: number;
  /** One HiGHS instance that the sessions load their programmes into, in turn, while the components are solved. */
  model?: HighsModel | undefined;
}

function solveComponent(lines: readonly LineData[], quotas: readonly BuyerQuota[], ctx: Context): Solved {
  const stagesOf = (m: ComponentModel): Objective[] => {
    if (ctx.objective === 'score') return [m.objectives.score];
    const { served } = m.objectives;
    const second = m.objectives[ctx.objective];
    // The second objective also rewards serving, twice as much as any share of it can gain
    // (its coefficients are at most 1 per line): the tolerance of the served floor is then
    // never traded away for a lower cost or a higher domestic share.
    const sign = second.sense === 'maximize' ? 1 : -1;
    return [served, { sense: second.sense, coefficients: second.coefficients.map((c, k) => c + sign * 2 * (served.coefficients[k] ?? 0)) }];
  };
  const build = (elastic: boolean): ComponentModel => {
    const clock = ctx.timings?.clock ?? (() => performance.now());
    const t = clock();
    const m = buildComponentModel(lines, quotas, { integral: ctx.integral, minCountedShare: ctx.minCountedShare, ...(elastic ? { elastic: ctx.weights } : {}) });
    if (ctx.timings) ctx.timings.model += clock() - t;
    return m;
  };
  const report = (m: ComponentModel, run: StageRun, status: AllocationStatus): ComponentReport => ({
    lines: lines.length,
    status,
    endedBy: run.end,
    gaps: run.gaps,
    nodes: run.nodes,
    variables: m.programme.colLower.length,
    rows: m.programme.rowLower.length,
    mip: m.programme.integrality.includes(1),
  });
  const hard = build(false);
  const first = runStages(hard, stagesOf(hard), ctx);
  if (!(first.end === 'infeasible' && first.values === undefined))
    return { model: hard, values: first.values, report: report(hard, first, statusOf(first)), conflicts: [], relaxed: [] };
  // The hard constraints cannot all hold. The elastic model says the least that must give.
  const soft = build(true);
  if (!ctx.relax) {
    const probe = runStages(soft, [soft.objectives.violation], ctx);
    const found = probe.values ? violated(soft, probe.values) : [];
    const conflicts: Conflict[] = found.length > 0 ? found : [{ constraint: 'combination', message: `${lines.map((l) => l.line.id).join(', ')}: the constraints cannot all hold together` }];
    return { model: undefined, values: undefined, report: { ...report(hard, first, 'infeasible'), endedBy: 'infeasible' }, conflicts, relaxed: [] };
  }
  const run = runStages(soft, [soft.objectives.violation, ...stagesOf(soft)], ctx);
  return { model: soft, values: run.values, report: report(soft, run, statusOf(run)), conflicts: [], relaxed: run.values ? violated(soft, run.values) : [] };
}

/**
 * The kinds a relaxation may give up, with their weights: each kind ten times the one given up
 * before it. Only quotas and `minSuppliers` force anything to be served; maximum shares and
 * minimum orders only forbid, and are met by serving nothing, so they are elastic only when
 * `order` gives them up before a forcing kind, and otherwise hold as asked.
 */
function elasticWeights(order: readonly SoftConstraint[]): Map<SoftConstraint, number> {
  const forcing: readonly SoftConstraint[] = ['quota', 'minSuppliers'];
  const last = Math.max(...forcing.map((k) => order.indexOf(k)));
  return new Map(order.slice(0, last + 1).map((k, i) => [k, 10 ** i]));
}

/** Connected components of lines: two lines are linked when they share an offering with a capacity, or a buyer with a quota. */
function components(lines: readonly LineData[], quotaBuyers: ReadonlySet<string>): LineData[][] {
  const parent = lines.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] ?? r;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const owner = new Map<string, number>();
  lines.forEach((line, i) => {
    const keys = line.pairs.filter((p) => p.capacityPerYear !== undefined).map((p) => `o:${p.offering.id}`);
    if (quotaBuyers.has(line.buyer)) keys.push(`b:${line.buyer}`);
    for (const k of keys) {
      const o = owner.get(k);
      if (o === undefined) owner.set(k, i);
      else union(o, i);
    }
  });
  const groups = new Map<number, LineData[]>();
  lines.forEach((line, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(line);
    else groups.set(r, [line]);
  });
  return [...groups.values()];
}

/** The domestic quotas per buyer, over the buyers of the lines the model plans. */
function buyerQuotas(lines: readonly LineData[], quotas: readonly DomesticQuota[] | undefined): BuyerQuota[] {
  const buyers = [...new Set(lines.map((l) => l.buyer))].sort();
  const out: BuyerQuota[] = [];
  for (const q of quotas ?? []) {
    if (q.domesticShare <= 0) continue;
    for (const b of buyers) if (q.buyer === undefined || q.buyer === b) out.push({ buyer: b, domesticShare: q.domesticShare });
  }
  return out;
}

/**
 * {@link allocate}, adding the milliseconds spent in each part to `timings` (for the
 * benchmark; the times are not part of the plan, which stays deterministic).
 *
 * @example
 * const timings = { lines: 0, model: 0, solve: 0, relaxation: 0, rounding: 0, search: 0, plan: 0 };
 * await allocateTimed(result, dataset, { objective: 'cost' }, timings);
 * timings.solve; // => 812.4 (milliseconds in HiGHS)
 *
 * With `inspect`, each solve also shows its model at two points (see `SessionHelpers.inspect`),
 * with the component and the stage (0 for the first objective, or the elastic programme's
 * violation), so that the same models can be solved by another build of HiGHS.
 */
export async function allocateTimed(result: MatchResult, dataset: Dataset, options: AllocateOptions, timings: AllocationTimings, inspect?: (point: InspectedSolve) => void): Promise<AllocationPlan> {
  validateOptions(options);
  const highs = options.highs ?? (await loadHighs());
  return allocateWith(highs, result, dataset, options, timings, inspect);
}

/** A solve's model at one point, with where it belongs in the allocation (see {@link allocateTimed}). */
export interface InspectedSolve extends SolvePoint {
  /** Index of the component (in solving order). */
  readonly component: number;
  /** Whether the component's programme is the elastic one (soft constraints with slacks). */
  readonly elastic: boolean;
  /** Index of the objective stage within the session. */
  readonly stage: number;
}

async function allocateWith(
  highs: HighsSolver,
  result: MatchResult,
  dataset: Dataset,
  options: AllocateOptions,
  timings?: AllocationTimings,
  inspect?: (point: InspectedSolve) => void,
): Promise<AllocationPlan> {
  const started = performance.now();
  const clock = timings?.clock ?? (() => performance.now());
  const began = clock();
  const warnings: string[] = [];
  const integral = options.integral ?? false;
  const all = buildLines(result, dataset, { integral, minSuppliers: options.minSuppliers, maxShare: options.maxShare }, warnings);
  const order = [...(options.relaxOrder ?? DEFAULT_ORDER), ...DEFAULT_ORDER.filter((k) => !(options.relaxOrder ?? DEFAULT_ORDER).includes(k))];
  const limits: SolveLimits = {
    mipGap: options.mipGap ?? DEFAULTS.mipGap,
    maxNodes: options.maxNodes ?? DEFAULTS.maxNodes,
    maxStalls: DEFAULTS.maxStalls,
    maxStallsFromStart: DEFAULTS.maxStallsFromStart,
    ...(options.timeLimitSeconds !== undefined ? { deadline: started + options.timeLimitSeconds * 1000 } : {}),
  };
  const ctx: Context = {
    highs,
    objective: options.objective ?? DEFAULTS.objective,
    integral,
    minCountedShare: options.minCountedShare ?? DEFAULTS.minCountedShare,
    relax: options.relax ?? false,
    weights: elasticWeights(order),
    limits,
    timeLimitSeconds: options.timeLimitSeconds,
    timings,
    inspect,
    component: 0,
  };
  const conflicts: Conflict[] = [];
  const relaxed: Conflict[] = [];
  // Lines that cannot hold their own constraints whatever the others do are settled before
  // any solve: nobody qualifies (unmet, no constraint at all), or fewer suppliers qualify than asked.
  const alone = new Map<number, Conflict>();
  const planned: LineData[] = [];
  for (const line of all) {
    if (line.pairs.length === 0) continue;
    const groups = [...supplierGroups(line).keys()];
    const able = line.minSuppliers > 1 ? ableSuppliers(line, ctx) : groups;
    if (line.minSuppliers > able.length) {
      const who = able.length === 0 ? 'none' : `only ${able.join(', ')}`;
      const conflict: Conflict = {
        constraint: 'minSuppliers',
        line: line.line.id,
        message:
          able.length === groups.length
            ? `${line.line.id} asks for ${line.minSuppliers} suppliers but ${who} ${able.length === 1 ? 'qualifies' : 'qualify'}`
            : `${line.line.id} asks for ${line.minSuppliers} suppliers but ${who} of ${groups.join(', ')} can carry ${(ctx.minCountedShare * 100).toFixed(0)}% of it (capacity, minimum orders)`,
      };
      if (!ctx.relax) {
        alone.set(line.index, conflict);
        conflicts.push(conflict);
        continue;
      }
      relaxed.push(conflict);
      planned.push({ ...line, minSuppliers: Math.max(1, able.length) });
      continue;
    }
    planned.push(line);
  }
  if (timings) timings.lines += clock() - began;
  const quotas = buyerQuotas(planned, options.quotas);
  const groups = components(planned, new Set(quotas.map((q) => q.buyer)));
  const progress = options.onProgress;
  progress?.(0, groups.length, 'solve');
  // One HiGHS instance for every component: making and closing one per component cost about a
  // fifth of the work on a data set of hundreds of small components.
  const shared = groups.length > 1 ? highs.createModel() : undefined;
  ctx.model = shared;
  let solved: { lines: LineData[]; solved: Solved }[];
  try {
    solved = groups.map((lines, i) => {
      ctx.component = i;
      const s = { lines, solved: solveComponent(lines, quotas.filter((q) => lines.some((l) => l.buyer === q.buyer)), ctx) };
      progress?.(i + 1, groups.length, 'solve');
      return s;
    });
  } finally {
    ctx.model = undefined;
    shared?.dispose();
  }
  const t = clock();
  for (const s of solved) {
    conflicts.push(...s.solved.conflicts);
    relaxed.push(...s.solved.relaxed);
  }
  const plan = readPlan(all, alone, solved, conflicts, relaxed, warnings, dataset, ctx);
  if (timings) timings.plan += clock() - t;
  progress?.(groups.length, groups.length, 'plan');
  return plan;
}

function roundQty(v: number): number {
  return Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(10));
}

function lineQuantity(line: LineData, shareOfLine: number): { quantity: number; text: string } {
  return {
    quantity: roundQty(line.ownDemand * shareOfLine),
    text: formatQuantityValue(line.line.quantity.value * shareOfLine, line.line.quantity.dimension, line.line.quantity.unit),
  };
}

function readPlan(
  all: readonly LineData[],
  alone: ReadonlyMap<number, Conflict>,
  solved: readonly { lines: readonly LineData[]; solved: Solved }[],
  conflicts: Conflict[],
  relaxed: Conflict[],
  warnings: string[],
  dataset: Dataset,
  ctx: Context,
): AllocationPlan {
  // Shares per (line index, pair index), and the component of each line.
  const shares = new Map<number, Float64Array>();
  const where = new Map<number, { component: number; report: ComponentReport }>();
  solved.forEach(({ lines, solved: s }, c) => {
    lines.forEach((line, l) => {
      where.set(line.index, { component: c, report: s.report });
      const row = s.model?.x[l];
      const values = s.values;
      const out = new Float64Array(line.pairs.length);
      if (row && values)
        for (const p of line.pairs) {
          const v = row[p.index] ?? -1;
          const share = v >= 0 ? (values[v] ?? 0) / line.total : 0;
          // Below a millionth of the line is solver dust (feasibility tolerances), not an order.
          out[p.index] = share < 1e-6 ? 0 : Math.min(1, share);
        }
      shares.set(line.index, out);
    });
  });
  const used = new Map<string, { supplier: string; allocated: number; lines: Set<string> }>();
  for (const line of all)
    for (const p of line.pairs) {
      const share = shares.get(line.index)?.[p.index] ?? 0;
      if (share <= 0) continue;
      const e = used.get(p.offering.id) ?? { supplier: p.supplier.id, allocated: 0, lines: new Set<string>() };
      e.allocated += share * line.demandPerYear;
      e.lines.add(line.line.id);
      used.set(p.offering.id, e);
    }
  const capacityOf = new Map<string, { text: string; perYear: number }>();
  for (const s of dataset.suppliers) for (const o of s.offerings) if (o.capacity) capacityOf.set(o.id, { text: o.capacity.text, perYear: o.capacity.min * YEAR_S });
  const utilizationOf = (offering: string): number | undefined => {
    const c = capacityOf.get(offering);
    return c === undefined ? undefined : c.perYear > 0 ? (used.get(offering)?.allocated ?? 0) / c.perYear : 1;
  };
  const conflictOf = (line: LineData): Conflict | undefined =>
    alone.get(line.index) ?? conflicts.find((c) => c.line === line.line.id) ?? conflicts.find((c) => c.buyer === line.buyer) ?? conflicts.find((c) => c.line === undefined && c.buyer === undefined && c.message.includes(line.line.id));

  let cost = 0;
  let costKnown = true;
  const plans: LinePlan[] = all.map((line) => {
    const at = where.get(line.index);
    const status: AllocationStatus = alone.has(line.index) ? 'infeasible' : (at?.report.status ?? 'optimal');
    const allocations: LineAllocation[] = [];
    for (const p of line.pairs) {
      const share = shares.get(line.index)?.[p.index] ?? 0;
      if (share <= 0) continue;
      const q = lineQuantity(line, share);
      if (p.costEstimated) costKnown = false;
      else cost += p.costPerLine * share;
      allocations.push({ supplier: p.supplier.id, offering: p.offering.id, domestic: p.domestic, score: p.score, quantity: q.quantity, quantityText: q.text, share: roundQty(share) });
    }
    allocations.sort((a, b) => b.share - a.share || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.offering < b.offering ? -1 : 1));
    const served = allocations.reduce((s, a) => s + a.share, 0);
    // Solver tolerances leave dust of the order of 1e-9; less than a millionth is served.
    const unmetShare = 1 - served < 1e-6 ? 0 : roundQty(1 - served);
    const q = lineQuantity(line, unmetShare);
    let unmet: LinePlan['unmet'] = { quantity: q.quantity, quantityText: q.text, share: unmetShare };
    if (unmetShare > 1e-6) {
      const why = unmetReason(line, status, conflictOf(line), shares.get(line.index), utilizationOf, ctx);
      unmet = { ...unmet, reason: why.reason, message: why.message };
    }
    return {
      line: line.line.id,
      buyer: line.buyer,
      demandText: line.line.quantity.text,
      unit: line.line.quantity.unit,
      status,
      component: at?.component,
      allocations,
      unmet,
      minSuppliers: line.minSuppliers,
      maxShare: line.maxShare,
    };
  });
  const utilization: OfferingUtilization[] = [...used]
    .map(([offering, e]) => {
      const v = utilizationOf(offering);
      return { supplier: e.supplier, offering, capacityText: capacityOf.get(offering)?.text, utilization: v === undefined ? undefined : roundQty(v), lines: [...e.lines].sort() };
    })
    .sort((a, b) => (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.offering < b.offering ? -1 : 1));
  const n = plans.length || 1;
  const reports = solved.map((s) => s.solved.report);
  const statuses = [...reports.map((r) => r.status), ...(alone.size > 0 ? (['infeasible'] as const) : [])];
  return {
    status: STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'optimal',
    objective: ctx.objective,
    lines: plans,
    utilization,
    totals: {
      lines: plans.length,
      fullyServed: plans.filter((p) => p.unmet.share <= 1e-6).length,
      partlyServed: plans.filter((p) => p.unmet.share > 1e-6 && p.unmet.share < 1 - 1e-6).length,
      unserved: plans.filter((p) => p.unmet.share >= 1 - 1e-6).length,
      servedShare: roundQty(plans.reduce((s, p) => s + 1 - p.unmet.share, 0) / n),
      domesticShare: roundQty(plans.reduce((s, p) => s + p.allocations.filter((a) => a.domestic).reduce((t, a) => t + a.share, 0), 0) / n),
      costPerYear: costKnown ? Math.round(cost) : undefined,
    },
    conflicts,
    relaxed,
    warnings,
    solver: {
      limits: { mipGap: ctx.limits.mipGap, maxNodes: ctx.limits.maxNodes, timeLimitSeconds: ctx.timeLimitSeconds, seed: 0, threads: 1 },
      components: reports,
      variables: reports.reduce((s, r) => s + r.variables, 0),
      rows: reports.reduce((s, r) => s + r.rows, 0),
      mip: reports.some((r) => r.mip),
    },
  };
}

function unmetReason(
  line: LineData,
  status: AllocationStatus,
  conflict: Conflict | undefined,
  shares: Float64Array | undefined,
  utilizationOf: (offering: string) => number | undefined,
  ctx: Context,
): { reason: UnmetReason; message: string } {
  const id = line.line.id;
  if (line.pairs.length === 0) return { reason: 'no_qualified_supplier', message: `no supplier qualifies for ${id}` };
  if (status === 'infeasible') return { reason: 'infeasible', message: conflict?.message ?? `the constraints of ${id} cannot all hold` };
  if (status === 'work_limit' || (status === 'time_limit' && shares?.every((s) => s === 0)))
    return { reason: 'no_plan', message: `the ${status === 'time_limit' ? 'time' : 'work'} limit ended the search before a plan for ${id} was found` };
  const shareOf = (p: { index: number }): number => shares?.[p.index] ?? 0;
  const served = line.pairs.reduce((s, p) => s + shareOf(p), 0);
  if (ctx.integral && (1 - served) * line.total < 1 - 1e-6)
    return { reason: 'whole_units', message: `${id}: less than one whole ${line.line.quantity.unit} is left to allocate` };
  const full = line.pairs.filter((p) => (utilizationOf(p.offering.id) ?? 0) >= 1 - 1e-6);
  if (full.length === line.pairs.length)
    return { reason: 'capacity_exhausted', message: `the capacity of every qualified offering is used up (${full.map((p) => p.offering.id).join(', ')})` };
  if (line.maxShare < 1) {
    const groups = supplierGroups(line);
    const step = ctx.integral ? 1 / line.total : 0; // whole units may stop short of the share
    const capped = [...groups].filter(([, g]) => g.reduce((s, p) => s + shareOf(p), 0) >= line.maxShare - step - 1e-6);
    const fullGroups = [...groups].filter(([, g]) => g.every((p) => (utilizationOf(p.offering.id) ?? 0) >= 1 - 1e-6));
    if (capped.length > 0 && capped.length + fullGroups.length >= groups.size)
      return { reason: 'max_share', message: `no supplier may carry more than ${(line.maxShare * 100).toFixed(0)}% of ${id}, and the others have no capacity left` };
  }
  if (line.pairs.some((p) => p.minOrderShare > 0 && shareOf(p) === 0))
    return { reason: 'min_order', message: 'the remaining capacity is below the minimum order quantities' };
  return { reason: 'dropped_by_objective', message: 'the optimum serves other lines with the shared capacity' };
}
