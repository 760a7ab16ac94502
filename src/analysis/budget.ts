import { compareIds } from '../model/common.js';
import { SupplymatchError, type Issue } from '../errors.js';
import type { SupportType } from '../model/common.js';
import { actionKey, givenFrom, indexCoverage, lineCoverage, supportOrder, type CoverageLine } from './coverage.js';
import { SUPPORT_TYPES } from './support.js';

/**
 * How much of each support type the programme can give, in actions (or in the units of
 * `costs` when given). A type left out has no budget.
 *
 * @example
 * const budget: SupportBudget = { funding: 3, information: 5, technical: 2 };
 */
export type SupportBudget = Partial<Record<SupportType, number>>;

/**
 * Cost of one action: per support type (e.g. `{ funding: 30, information: 1, technical: 10 }`
 * in millions of KRW), or a function of the action; default 1, so budgets count actions.
 *
 * @example
 * const costs: SupportCosts = (a) => (a.support === 'funding' ? 30 : 1);
 */
export type SupportCosts = Partial<Record<SupportType, number>> | ((action: { readonly supplier: string; readonly support: SupportType }) => number);

/**
 * Options of {@link planSupport}.
 *
 * @example
 * const options: PlanSupportOptions = { budget: { funding: 90 }, costs: { funding: 30 }, exactMaxActions: 12 };
 */
export interface PlanSupportOptions {
  readonly budget: SupportBudget;
  readonly costs?: SupportCosts;
  /** Search exhaustively (branch and bound) when at most this many actions could gain anything; default 20. */
  readonly exactMaxActions?: number;
  /** Most branch-and-bound nodes before settling for the best found (at least greedy's); default 1,000,000. */
  readonly exactNodeLimit?: number;
}

/**
 * One action chosen by a plan.
 *
 * @example
 * const a: PlannedAction = { id: 'S-031/information', supplier: 'S-031', support: 'information', cost: 1 };
 */
export interface PlannedAction {
  /** `S-002/information`. */
  readonly id: string;
  readonly supplier: string;
  readonly support: SupportType;
  readonly cost: number;
}

/**
 * One step of a plan: an action, or a bundle of actions to one firm that only pay off together.
 *
 * @example
 * plan.steps[0]; // => { actions: [S-013/funding, S-013/information], cost: 2, gain: 2, lines: ['SB-D08', 'YB-D01'] }
 */
export interface PlanStep {
  readonly actions: readonly PlannedAction[];
  readonly cost: number;
  /** Coverage gained by this step over the steps before it (line-equivalents). */
  readonly gain: number;
  /** Lines whose coverage this step raises, sorted. */
  readonly lines: readonly string[];
}

/**
 * What {@link planSupport} returns: which actions to take within the budget, and how much
 * demand they open.
 *
 * @example
 * const { method, optimal, gain, completed } = planSupport(report.model, { budget: { information: 2 } });
 */
export interface SupportPlan {
  readonly budget: Readonly<Record<SupportType, number>>;
  readonly spent: Readonly<Record<SupportType, number>>;
  /** `branch-and-bound` when the exhaustive search finished (then `optimal` is true); else `greedy`. */
  readonly method: 'branch-and-bound' | 'greedy';
  readonly optimal: boolean;
  /** What can be said of the value against the optimum. */
  readonly guarantee: string;
  /** In the order greedy would take them (for an exact plan, by gain of each step given the earlier ones). */
  readonly steps: readonly PlanStep[];
  /** Every action chosen, sorted by supplier id then support type. */
  readonly actions: readonly PlannedAction[];
  /** Coverage gained over all lines (line-equivalents: a line from nothing to full counts 1). */
  readonly gain: number;
  /** Lines whose coverage rises, sorted. */
  readonly lines: readonly string[];
  /** Lines that become fully domestic (coverage 1), sorted. */
  readonly completed: readonly string[];
  /** Actions that could gain anything at all (the search space). */
  readonly candidates: number;
  /** Branch-and-bound nodes visited (0 when there were more candidates than `exactMaxActions`). */
  readonly nodes: number;
}

const DEFAULT_NODE_LIMIT = 1_000_000;
const DEFAULT_EXACT_MAX_ACTIONS = 20;
const EPS = 1e-12;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function costOf(costs: SupportCosts | undefined, supplier: string, support: SupportType): number {
  if (costs === undefined) return 1;
  if (typeof costs === 'function') return costs({ supplier, support });
  return costs[support] ?? 1;
}

/** Every action that can raise some line's coverage, and for each offer the actions its share depends on. */
function candidateActions(model: readonly CoverageLine[], costs: SupportCosts | undefined): { actions: PlannedAction[]; bundles: PlannedAction[][] } {
  const actions = new Map<string, PlannedAction>();
  const bundles = new Map<string, PlannedAction[]>();
  const action = (supplier: string, support: SupportType): PlannedAction => {
    const id = actionKey(supplier, support);
    let a = actions.get(id);
    if (!a) {
      a = { id, supplier, support, cost: costOf(costs, supplier, support) };
      actions.set(id, a);
    }
    return a;
  };
  for (const line of model)
    for (const offer of line.offers) {
      if (!offer.qualifies) continue;
      const types = new Set(offer.needs);
      if (offer.capacitySupport !== undefined) {
        // Capacity support pays off only beyond what the offer already carries.
        if (offer.capacityShare < line.supplierCap) types.add(offer.capacitySupport);
      }
      const own = [...types].map((t) => action(offer.supplier, t));
      if (own.length > 1) {
        const sorted = own.sort((a, b) => supportOrder(a.support) - supportOrder(b.support));
        bundles.set(sorted.map((a) => a.id).join('+'), sorted);
      }
      // An offer that needs several kinds of support pays off only with all of them: each
      // single action still counts as a candidate, and the bundle as well.
    }
  const sortActions = (a: PlannedAction, b: PlannedAction): number => compareIds(a.supplier, b.supplier) || supportOrder(a.support) - supportOrder(b.support);
  return { actions: [...actions.values()].sort(sortActions), bundles: [...bundles.values()] };
}

function budgetIssues(options: PlanSupportOptions, actions: readonly PlannedAction[]): Issue[] {
  const issues: Issue[] = [];
  for (const [type, value] of Object.entries(options.budget)) {
    if (!SUPPORT_TYPES.includes(type as SupportType)) issues.push({ path: `budget.${type}`, code: 'invalid_option', message: `no support type "${type}" (funding, information, technical)` });
    else if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0))
      issues.push({ path: `budget.${type}`, code: 'invalid_option', message: `budget of ${type} is a finite number >= 0, not ${String(value)}` });
  }
  if (options.costs !== undefined && typeof options.costs !== 'function')
    for (const [type, value] of Object.entries(options.costs))
      if (!(typeof value === 'number' && Number.isFinite(value) && value > 0))
        issues.push({ path: `costs.${type}`, code: 'invalid_option', message: `cost of ${type} is a finite number > 0, not ${String(value)}` });
  for (const a of actions)
    if (!(Number.isFinite(a.cost) && a.cost > 0)) issues.push({ path: `costs(${a.id})`, code: 'invalid_option', message: `the cost of ${a.id} is ${String(a.cost)}; costs are finite numbers > 0` });
  for (const key of ['exactNodeLimit', 'exactMaxActions'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) issues.push({ path: key, code: 'invalid_option', message: `${key} is a whole number >= 0` });
  }
  return issues;
}

/**
 * Chooses support actions under a budget so as to open the most demand. An action closes all
 * deficits of one supplier that one support type closes; its value comes from the gap
 * report's counterfactuals: a near miss counts once the engine confirmed it qualifies with its
 * deficits closed and its firm got every support type it needs. The objective is the coverage
 * gained over all lines, `Σ_line coverage(after) − coverage(before)` (see {@link lineCoverage}):
 * each firm carries its capacity share of a line (all of it when funding closes its capacity
 * shortfall), at most `min(maxSupplierShare, 1 / suppliers needed)`, and a line counts at most 1.
 * Lines are thus weighed by the share of their volume that becomes domestically coverable.
 *
 * Algorithm: greedy first. Each step takes the affordable action, or bundle of actions to one
 * firm that one near miss needs together, with the largest gain per cost (ties: larger gain,
 * fewer actions, ids), until nothing affordable gains; then a local search swaps up to k
 * chosen actions for one action or bundle of k (or adds it) while that raises the value. Then an exact branch and bound over the
 * candidate actions when there are at most `exactMaxActions` (20) of them: include or exclude
 * each, starting from the greedy value, pruned by a bound on what any completion can add (with
 * a submodular objective a fractional knapsack of each action's gain alone, per support type;
 * otherwise the value of taking everything still affordable, the objective being monotone);
 * when it finishes within `exactNodeLimit` nodes the plan is optimal.
 *
 * Guarantees when the search does not finish: if no near miss needs two kinds of support at once
 * (so the objective is monotone submodular: a truncated sum of per-firm maxima), greedy with unit
 * costs is within (1 − 1/e) ≈ 63 % of the optimum when one support type has budget (Nemhauser,
 * Wolsey & Fisher 1978) and within 1/2 with budgets for several types (a partition matroid;
 * Fisher, Nemhauser & Wolsey 1978). With costs, the better of greedy and the best single action is
 * within (1 − 1/e)/2 for one budget (Khuller, Moss & Naor 1999; Leskovec et al. 2007). When some
 * near miss needs two kinds of support together, the objective is not submodular and no bound
 * holds; the bundles make greedy see such pairs.
 *
 * @example
 * const plan = planSupport(report.model, { budget: { funding: 3, information: 5, technical: 2 } });
 * plan.steps.map((s) => s.actions.map((a) => a.id).join('+'));
 * // => ['S-013/funding+S-013/information', 'S-014/funding+S-014/information+S-014/technical', 'S-018/technical', ...]
 * plan.gain; // => 8.36 (line-equivalents; 10 lines become fully domestic)
 */
export function planSupport(model: readonly CoverageLine[], options: PlanSupportOptions): SupportPlan {
  const { actions, bundles } = candidateActions(model, options.costs);
  const issues = budgetIssues(options, actions);
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
  const budget = Object.fromEntries(SUPPORT_TYPES.map((t) => [t, options.budget[t] ?? 0])) as Record<SupportType, number>;

  // Support to a firm can only change the lines it has offers on.
  const index = indexCoverage(model);
  const { baseline } = index;
  const value = (chosen: readonly PlannedAction[]): number => {
    const given = givenFrom(chosen);
    let v = 0;
    for (const i of index.touched(given)) v += lineCoverage(model[i] as CoverageLine, given) - (baseline[i] ?? 0);
    return v;
  };
  const spentOf = (chosen: readonly PlannedAction[]): Record<SupportType, number> => {
    const spent = { funding: 0, information: 0, technical: 0 };
    for (const a of chosen) spent[a.support] += a.cost;
    return spent;
  };
  const fits = (spent: Record<SupportType, number>, more: readonly PlannedAction[]): boolean => {
    const s = { ...spent };
    for (const a of more) s[a.support] += a.cost;
    return SUPPORT_TYPES.every((t) => s[t] <= budget[t] + 1e-9);
  };

  // Greedy over single actions and the bundles near misses need.
  const greedy: PlannedAction[] = [];
  let greedyValue = 0;
  for (;;) {
    const taken = new Set(greedy.map((a) => a.id));
    const spent = spentOf(greedy);
    const choices: PlannedAction[][] = [...actions.map((a) => [a]), ...bundles]
      .map((b) => b.filter((a) => !taken.has(a.id)))
      .filter((b) => b.length > 0);
    let best: { step: PlannedAction[]; gain: number; cost: number; key: string } | undefined;
    const seen = new Set<string>();
    for (const step of choices) {
      const key = step.map((a) => a.id).join('+');
      if (seen.has(key)) continue;
      seen.add(key);
      if (!fits(spent, step)) continue;
      const gain = value([...greedy, ...step]) - greedyValue;
      if (gain <= EPS) continue;
      const cost = step.reduce((s, a) => s + a.cost, 0);
      if (
        best === undefined ||
        gain / cost > best.gain / best.cost + EPS ||
        (Math.abs(gain / cost - best.gain / best.cost) <= EPS &&
          (gain > best.gain + EPS || (Math.abs(gain - best.gain) <= EPS && (step.length < best.step.length || (step.length === best.step.length && key < best.key)))))
      )
        best = { step, gain, cost, key };
    }
    if (best === undefined) break;
    greedy.push(...best.step);
    greedyValue += best.gain;
  }

  // Local search: swap up to k chosen actions for one action or bundle of k actions (or just add
  // it) while that raises the value. Greedy by ratio can spend budget on cheap actions that
  // leave no room for a bundle worth more, such as a firm needing all three kinds of support.
  let improved = [...greedy];
  let improvedValue = greedyValue;
  const moves = [...actions.map((a) => [a]), ...bundles];
  for (let pass = 0; pass < 1000; pass++) {
    let best: { set: PlannedAction[]; value: number; key: string } | undefined;
    for (const step of moves) {
      for (const drop of subsetsUpTo(improved, step.length)) {
        const dropped = new Set(drop.map((a) => a.id));
        const kept = improved.filter((a) => !dropped.has(a.id));
        const keptIds = new Set(kept.map((a) => a.id));
        const add = step.filter((a) => !keptIds.has(a.id) && !dropped.has(a.id));
        if (add.length === 0 || !fits(spentOf(kept), add)) continue;
        const set = [...kept, ...add];
        const v = value(set);
        if (v <= improvedValue + EPS) continue;
        const key = `${drop.map((a) => a.id).join('+')}>${add.map((a) => a.id).join('+')}`;
        if (best === undefined || v > best.value + EPS || (Math.abs(v - best.value) <= EPS && key < best.key)) best = { set, value: v, key };
      }
    }
    if (best === undefined) break;
    improved = best.set;
    improvedValue = best.value;
  }

  // With costs, the best single affordable action or bundle may beat greedy by ratio.
  let incumbent = improved;
  let incumbentValue = improvedValue;
  for (const step of [...actions.map((a) => [a]), ...bundles]) {
    if (!fits(spentOf([]), step)) continue;
    const v = value(step);
    if (v > incumbentValue + EPS) {
      incumbent = step;
      incumbentValue = v;
    }
  }

  // Exact branch and bound from the incumbent.
  const limit = options.exactNodeLimit ?? DEFAULT_NODE_LIMIT;
  const complementary = bundles.length > 0;
  const rootGain = new Map(actions.map((a) => [a.id, value([a])]));
  const singles = [...actions].sort((x, y) => (rootGain.get(y.id) ?? 0) - (rootGain.get(x.id) ?? 0) || compareIds(x.id, y.id));
  /**
   * What any completion can add. Submodular objective: no action gains more later than alone
   * at the root, so a fractional knapsack of root gains per support type bounds it. Otherwise
   * (bundles): monotone, so taking everything still affordable bounds it.
   */
  const bound = (current: number, open: readonly PlannedAction[], spent: Record<SupportType, number>): number => {
    if (complementary) return value([...chosen, ...open]);
    let extra = 0;
    for (const t of SUPPORT_TYPES) {
      let room = budget[t] - spent[t];
      const own = open.filter((a) => a.support === t).sort((x, y) => (rootGain.get(y.id) ?? 0) / y.cost - (rootGain.get(x.id) ?? 0) / x.cost);
      for (const a of own) {
        if (room <= 0) break;
        const g = rootGain.get(a.id) ?? 0;
        const take = Math.min(1, room / a.cost);
        extra += take * g;
        room -= take * a.cost;
      }
    }
    return current + extra;
  };
  let nodes = 0;
  let finished = true;
  const chosen: PlannedAction[] = [];
  const search = (i: number, spent: Record<SupportType, number>): void => {
    if (nodes >= limit) {
      finished = false;
      return;
    }
    nodes += 1;
    const current = value(chosen);
    if (current > incumbentValue + EPS) {
      incumbent = [...chosen];
      incumbentValue = current;
    }
    if (i >= singles.length) return;
    const open = singles.slice(i).filter((a) => fits(spent, [a]));
    if (open.length === 0) return;
    if (bound(current, open, spent) <= incumbentValue + EPS) return;
    const a = singles[i] as PlannedAction;
    if (fits(spent, [a])) {
      chosen.push(a);
      search(i + 1, { ...spent, [a.support]: spent[a.support] + a.cost });
      chosen.pop();
    }
    search(i + 1, spent);
  };
  const exhaustive = limit > 0 && actions.length <= (options.exactMaxActions ?? DEFAULT_EXACT_MAX_ACTIONS);
  if (exhaustive) search(0, spentOf([]));
  else finished = false;

  // Lay the chosen actions out as steps: greedy's own order, or for another set, greedy within it.
  const steps = stepsOf(incumbent, bundles, value, model);
  const completeSpent = spentOf(incumbent);
  const given = givenFrom(incumbent);
  const raised = model.filter((l, i) => lineCoverage(l, given) - (baseline[i] ?? 0) > EPS).map((l) => l.line);
  const completed = model.filter((l, i) => (baseline[i] ?? 0) < 1 && lineCoverage(l, given) >= 1).map((l) => l.line);
  const typesWithBudget = SUPPORT_TYPES.filter((t) => budget[t] > 0 && actions.some((a) => a.support === t)).length;
  const unitCosts = actions.every((a) => a.cost === 1);
  const guarantee = finished
    ? 'optimal: the exhaustive branch and bound finished'
    : complementary
      ? 'none: some near misses need two kinds of support at once, so the objective is not submodular (greedy also weighs those bundles)'
      : unitCosts
        ? typesWithBudget <= 1
          ? 'greedy: at least (1 − 1/e) ≈ 63% of the optimum (monotone submodular objective, one budget)'
          : 'greedy: at least 1/2 of the optimum (monotone submodular objective, a budget per support type)'
        : typesWithBudget <= 1
          ? 'greedy or the best single action: at least (1 − 1/e)/2 ≈ 32% of the optimum (one budget with costs)'
          : 'no bound: budgets per support type with costs per action';
  return {
    budget,
    spent: completeSpent,
    method: finished ? 'branch-and-bound' : 'greedy',
    optimal: finished,
    guarantee,
    steps,
    actions: [...incumbent].sort((a, b) => compareIds(a.supplier, b.supplier) || supportOrder(a.support) - supportOrder(b.support)),
    gain: round4(incumbentValue),
    lines: raised.sort(compareIds),
    completed: completed.sort(compareIds),
    candidates: actions.length,
    nodes,
  };
}

/** Every subset of `items` with at most `k` elements, the empty one first, in a fixed order. */
function subsetsUpTo<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = [[]];
  const grow = (start: number, current: T[]): void => {
    if (current.length === k) return;
    for (let i = start; i < items.length; i++) {
      const next = [...current, items[i] as T];
      out.push(next);
      grow(i + 1, next);
    }
  };
  grow(0, []);
  return out;
}

/** Orders a chosen set of actions greedily (largest gain first, bundles where a single gains nothing). */
function stepsOf(
  chosen: readonly PlannedAction[],
  bundles: readonly PlannedAction[][],
  value: (chosen: readonly PlannedAction[]) => number,
  model: readonly CoverageLine[],
): PlanStep[] {
  const ids = new Set(chosen.map((a) => a.id));
  const left = new Map(chosen.map((a) => [a.id, a]));
  const steps: PlanStep[] = [];
  const done: PlannedAction[] = [];
  let current = 0;
  while (left.size > 0) {
    const options = [...[...left.values()].map((a) => [a]), ...bundles.filter((b) => b.every((a) => ids.has(a.id))).map((b) => b.filter((a) => left.has(a.id)))].filter(
      (b) => b.length > 0,
    );
    let best: { step: PlannedAction[]; gain: number; key: string } | undefined;
    for (const step of options) {
      const gain = value([...done, ...step]) - current;
      const key = step.map((a) => a.id).join('+');
      if (best === undefined || gain > best.gain + EPS || (Math.abs(gain - best.gain) <= EPS && (step.length < best.step.length || (step.length === best.step.length && key < best.key))))
        best = { step, gain, key };
    }
    if (best === undefined) break;
    const before = givenFrom(done);
    done.push(...best.step);
    const after = givenFrom(done);
    for (const a of best.step) left.delete(a.id);
    current += best.gain;
    steps.push({
      actions: best.step,
      cost: best.step.reduce((s, a) => s + a.cost, 0),
      gain: round4(Math.max(0, best.gain)),
      lines: model.filter((l) => lineCoverage(l, after) - lineCoverage(l, before) > EPS).map((l) => l.line).sort(compareIds),
    });
  }
  return steps;
}
