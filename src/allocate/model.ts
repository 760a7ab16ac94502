import { formatQuantityValue } from '../model/quantity.js';
import { supplierGroups, YEAR_S, type LineData, type PairData } from './lines.js';
import { separateCovers, type Cut, type SwitchKnapsack } from './cuts.js';
import { createProgrammeWriter, objectiveOf, type Objective, type Programme } from './lp.js';

/** The constraints a relaxation may give up. */
export type SoftConstraint = 'quota' | 'minSuppliers' | 'maxShare' | 'minOrder';

/** A domestic quota as the model takes it: one buyer, the share of its modelled lines. */
export interface BuyerQuota {
  readonly buyer: string;
  readonly domesticShare: number;
}

/** A soft constraint's slack variable, and how to say what its violation means. */
export interface Slack {
  readonly variable: number;
  readonly constraint: SoftConstraint;
  readonly line?: string;
  readonly buyer?: string;
  /** Weight of one unit of slack in the violation objective, before the kind's weight. */
  readonly unit: number;
  /** Slack value -> what it means, for the report. */
  readonly describe: (slack: number) => string;
}

/** A component's programme and what its variables stand for. */
export interface ComponentModel {
  readonly programme: Programme;
  /** `x[l][p]`: the variable of pair `p` of the component's line `l`, or -1 when the pair cannot carry anything. */
  readonly x: readonly (readonly number[])[];
  readonly slacks: readonly Slack[];
  /**
   * Per line: its variables, and the most the line can be served on its own (variable units,
   * at most its demand): when a plan serves every line that much, the most served is reached
   * line by line, and a later objective may keep each line's amount instead of the sum.
   */
  readonly lineReach: readonly { readonly variables: readonly number[]; readonly most: number; readonly total: number }[];
  /**
   * A plan for the on/off switches read off a relaxed solution (see {@link roundSwitches}), or
   * undefined when some integer variable is not a switch (whole units).
   */
  readonly roundSwitches: ((relaxed: Float64Array, up: boolean, counts?: CountReading) => Float64Array) | undefined;
  /**
   * Valid inequalities a relaxed solution breaks (cover inequalities of the capacity rows over
   * the switches that force an amount through them, see {@link separateCovers}), or undefined
   * when no capacity row has two such switches.
   */
  readonly separate: ((relaxed: Float64Array) => Cut[]) | undefined;
  readonly objectives: {
    readonly served: Objective;
    readonly score: Objective;
    readonly cost: Objective;
    readonly domestic: Objective;
    /** Weighted violation of the soft constraints (elastic models only). */
    readonly violation: Objective;
  };
}

/** How to write a component's model. */
export interface ModelOptions {
  readonly integral: boolean;
  /** A supplier counts towards `minSuppliers` when it carries at least this share of the line. */
  readonly minCountedShare: number;
  /** Soft constraints get slack variables (weights by kind) instead of holding strictly. */
  readonly elastic?: ReadonlyMap<SoftConstraint, number>;
}

/** A minimum order's on/off switch: the pair carries nothing or at least `minimum`. */
interface MinOrderSwitch {
  readonly on: number;
  readonly amount: number;
  readonly minimum: number;
}

/** The switches that count a line's suppliers: `wanted` of them must carry `need` each. */
interface CountSwitches {
  readonly need: number;
  readonly wanted: number;
  /** Per supplier: its switch, and its pairs' variables with the most each can carry. */
  readonly groups: { readonly counts: number; readonly amounts: readonly { readonly v: number; readonly most: number }[] }[];
}

/**
 * How a rounding picks the suppliers a line counts towards `minSuppliers`: those whose pairs
 * carry the most in the relaxed solution (`carried`), or those whose counting switches are the
 * most on there (`switch`; ties by what they carry). The two differ where a supplier carries
 * more than its counted share: the relaxation then sets its switch only as far as the share
 * needs it, and counts another supplier with the rest of the line's two (100x35: `carried`
 * counts S-13 on line 95, 96.6667; `switch` counts S-19, 96.6777, what a search of the
 * switches where the plan and the relaxation differ finds).
 *
 * @example
 * const reading: CountReading = 'switch';
 * model.roundSwitches?.(relaxed, false, reading); // the switches, S-19 counted on line 95
 */
export type CountReading = 'carried' | 'switch';

/** Where each amount variable takes capacity: its capacity row (-1 for none) and its coefficient there (rows are scaled to 1). */
interface CapacityUse {
  readonly rowOf: Int32Array;
  readonly coefficient: Float64Array;
  readonly rows: number;
}

/**
 * Switches read off a relaxed solution, for a plan that holds them (the rest of the plan is
 * then a linear programme): a minimum order is on where the relaxed amount reaches it; a line
 * counts as many suppliers as it asks for and no more (an uncounted supplier may still carry
 * anything), those that carry the most first, but only those whose counted amount still fits in
 * the capacity the switches already on force through their offerings (then, if too few fit, the
 * others that carry the most): counted amounts that cannot all fit make the plan infeasible. With
 * `up`, every minimum order the relaxation uses at all is on (the plan then keeps what the
 * relaxation serves). `counts` says which suppliers are counted first (see {@link CountReading}).
 * Returns the switches' values (other variables 0).
 *
 * @example
 * roundSwitches(3, [{ on: 2, amount: 0, minimum: 0.2 }], [], { rowOf: Int32Array.of(-1, -1, -1), coefficient: new Float64Array(3), rows: 0 }, Float64Array.of(0.3, 0, 0.5), false); // => Float64Array [0, 0, 1]
 */
function roundSwitches(n: number, minOrders: readonly MinOrderSwitch[], counts: readonly CountSwitches[], capacity: CapacityUse, relaxed: Float64Array, up: boolean, reading: CountReading = 'carried'): Float64Array {
  const out = new Float64Array(n);
  const value = (v: number): number => relaxed[v] ?? 0;
  for (const { on, amount, minimum } of minOrders) out[on] = value(amount) > (up ? 1e-9 : 0) && (up || value(amount) >= minimum * (1 - 1e-9)) ? 1 : 0;
  const switchOf = new Map(minOrders.map((m) => [m.amount, m.on]));
  const open = (v: number): boolean => {
    const on = switchOf.get(v);
    return on === undefined || out[on] === 1;
  };
  // Capacity forced through each capacity row by the switches on so far.
  const forced = new Float64Array(capacity.rows);
  const force = (v: number, amount: number): void => {
    const r = capacity.rowOf[v] ?? -1;
    if (r >= 0) forced[r] = (forced[r] ?? 0) + amount * (capacity.coefficient[v] ?? 0);
  };
  for (const { on, amount, minimum } of minOrders) if (out[on] === 1) force(amount, minimum);
  /** Where the supplier's counted amount fits, pair by pair (those carrying the most first); undefined when it does not. */
  const placement = (amounts: readonly { readonly v: number; readonly most: number }[], need: number): [number, number][] | undefined => {
    let left = need;
    const taken: [number, number][] = [];
    for (const a of [...amounts].sort((x, y) => value(y.v) - value(x.v) || x.v - y.v)) {
      if (left <= 0) break;
      const r = capacity.rowOf[a.v] ?? -1;
      const room = r < 0 ? a.most : Math.min(a.most, Math.max(0, 1 - (forced[r] ?? 0)) / (capacity.coefficient[a.v] || 1));
      const take = Math.min(left, room);
      if (take > 0) taken.push([a.v, take]);
      left -= take;
    }
    return left <= need * 1e-9 ? taken : undefined;
  };
  for (const { need, wanted, groups } of counts) {
    const carried = groups.map((g, i) => ({ g, i, carries: g.amounts.reduce((s, a) => s + value(a.v), 0) }));
    const on = (c: (typeof carried)[number]): number => (reading === 'switch' ? value(c.g.counts) : 0);
    carried.sort((a, b) => on(b) - on(a) || b.carries - a.carries || a.i - b.i);
    const chosen = new Set<number>();
    for (const c of carried) {
      if (chosen.size >= wanted) break;
      const fits = placement(c.g.amounts, need);
      if (!fits) continue;
      chosen.add(c.i);
      for (const [v, amount] of fits) force(v, amount);
    }
    for (const c of carried) {
      if (chosen.size >= wanted) break;
      if (!chosen.has(c.i)) chosen.add(c.i);
    }
    for (const { g, i } of carried) {
      const counts = chosen.has(i);
      out[g.counts] = counts ? 1 : 0;
      if (!counts) continue;
      // A counted supplier must be able to carry its share: pairs switched off by their
      // minimum order are switched on, those carrying the most first, until it can.
      let reach = g.amounts.reduce((s, a) => s + (open(a.v) ? a.most : 0), 0);
      for (const a of [...g.amounts].sort((x, y) => value(y.v) - value(x.v) || x.v - y.v)) {
        if (reach >= need) break;
        const on = switchOf.get(a.v);
        if (on === undefined || out[on] === 1) continue;
        out[on] = 1;
        reach += a.most;
      }
    }
  }
  return out;
}

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/**
 * The most a pair can carry, in variable units: the line, the offering's capacity, the
 * maximum share (when it holds strictly), whole units; 0 when its minimum order is above
 * that (and minimum orders hold strictly). Also the minimum order in variable units.
 *
 * @example
 * pairBounds(line, line.pairs[0], { integral: false, minCountedShare: 0.1 }); // => { ub: 0.7, minimumUnits: 0 }
 */
export function pairBounds(line: LineData, p: PairData, options: ModelOptions): { ub: number; minimumUnits: number } {
  const perUnit = line.demandPerYear / line.total;
  let ub = line.total;
  if (p.capacityPerYear !== undefined) ub = Math.min(ub, p.capacityPerYear / perUnit);
  if (!options.elastic?.has('maxShare') && line.maxShare < 1) ub = Math.min(ub, line.maxShare * line.total);
  if (options.integral) ub = Math.floor(ub + 1e-9);
  const minimum = p.minOrderShare * line.total;
  const minimumUnits = options.integral ? Math.ceil(minimum - 1e-9) : minimum;
  // A minimum order the pair cannot reach closes the pair (unless minimum orders are soft).
  if (minimumUnits > ub * (1 + 1e-9) + 1e-12 && !options.elastic?.has('minOrder')) ub = 0;
  return { ub: Math.max(0, ub), minimumUnits };
}

/**
 * The amount a supplier must carry to count towards a line's `minSuppliers`, in variable units.
 *
 * @example
 * countedAmount(line, { integral: false, minCountedShare: 0.1 }); // => 0.1
 */
export function countedAmount(line: LineData, options: ModelOptions): number {
  return options.integral ? Math.max(1, Math.ceil(options.minCountedShare * line.total - 1e-9)) : Math.max(options.minCountedShare, 1e-6) * line.total;
}

/**
 * The suppliers of a line that can each carry the counted amount on their own (before other
 * lines take any capacity): fewer than `minSuppliers` of them and the line cannot hold.
 *
 * @example
 * ableSuppliers(line, { integral: false, minCountedShare: 0.1 }); // => ['S-005', 'S-006']
 */
export function ableSuppliers(line: LineData, options: ModelOptions): string[] {
  const need = countedAmount(line, options);
  return [...supplierGroups(line)].filter(([, g]) => g.reduce((s, p) => s + pairBounds(line, p, options).ub, 0) >= need - 1e-9).map(([id]) => id);
}

/**
 * An objective's coefficients by variable index, written as the variables are made (each set
 * once: one coefficient per variable), in a typed array that grows as needed.
 *
 * @example
 * const d = new DenseTerms();
 * d.set(2, 0.5);
 * d.dense(4); // => Float64Array [0, 0, 0.5, 0]
 */
class DenseTerms {
  private values = new Float64Array(64);
  set(variable: number, coefficient: number): void {
    if (variable >= this.values.length) {
      const grown = new Float64Array(Math.max(variable + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[variable] = coefficient;
  }
  /** The coefficients of `n` variables (0 for those never set). */
  dense(n: number): Float64Array {
    const out = new Float64Array(n);
    out.set(this.values.subarray(0, Math.min(n, this.values.length)));
    return out;
  }
}

/**
 * Writes the allocation programme of one component (lines that share capacity or a quota).
 * A variable is the quantity of one (line, offering) pair, in shares of the line or, for
 * whole units, in the line's own unit per its own period. Only constraints that can bind are
 * written: a capacity no set of its lines can exceed has no row, a supplier with one offering
 * gets its maximum share as a bound, a minimum order above what the pair can carry closes the
 * pair, and a whole-unit minimum order of one unit or less needs no on/off switch.
 *
 * @example
 * const m = buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 });
 * m.programme.rows.length; // rows of the capacities that can bind, shares, minimum orders, counts
 */
export function buildComponentModel(lines: readonly LineData[], quotas: readonly BuyerQuota[], options: ModelOptions): ComponentModel {
  const w = createProgrammeWriter();
  const slacks: Slack[] = [];
  const { integral, elastic } = options;
  // The objectives' coefficients, by variable (only amount variables have any).
  const served = new DenseTerms();
  const score = new DenseTerms();
  const cost = new DenseTerms();
  const domestic = new DenseTerms();
  const costScale = lines.reduce((m, l) => l.pairs.reduce((n, p) => Math.max(n, p.costPerLine), m), 0) || 1;
  // A soft constraint's slack variable (-1 when the constraint holds strictly), described only
  // when the constraint is elastic (the description is a closure per row: thousands of them
  // for nothing otherwise).
  const slack = (constraint: SoftConstraint, describe: () => Omit<Slack, 'variable' | 'constraint'>, upper: number): number => {
    if (!elastic?.has(constraint)) return -1;
    const variable = w.variable(`s${slacks.length}`, 0, Math.max(0, upper));
    slacks.push({ ...describe(), constraint, variable });
    return variable;
  };
  const term = (coefficient: number, variable: number): void => {
    if (variable >= 0) w.term(coefficient, variable);
  };
  // Per offering with a capacity: its capacity row's variables and coefficients (rows are scaled to 1).
  const byOffering = new Map<string, { variables: number[]; coefficients: number[]; reach: number }>();
  const x: number[][] = [];
  const lineReach: { variables: number[]; most: number; total: number }[] = [];
  const minOrderSwitches: MinOrderSwitch[] = [];
  const countSwitches: CountSwitches[] = [];
  // Per variable, the switches that force it to carry at least an amount when on.
  const forcing = new Map<number, { on: number; amount: number }[]>();
  // Per variable, its minimum order when it holds strictly.
  const strictMinOrder = new Map<number, number>();
  const forces = (v: number, on: number, amount: number): void => {
    if (amount <= 0) return;
    const f = forcing.get(v);
    if (f) f.push({ on, amount });
    else forcing.set(v, [{ on, amount }]);
  };

  lines.forEach((line, l) => {
    const id = line.line.id;
    const perUnit = line.demandPerYear / line.total; // a variable unit, per year
    const toShare = 1 / line.total;
    const groups = supplierGroups(line);
    const softShare = elastic?.has('maxShare') ?? false;
    // Per pair: its variable (-1 when it cannot carry anything) and the most it can carry.
    const row: number[] = [];
    const ubs: number[] = [];
    const live: number[] = [];
    let reach = 0;
    // Upper bounds: the line, the offering's capacity, and (held strictly) the maximum share.
    for (const p of line.pairs) {
      const { ub, minimumUnits } = pairBounds(line, p, options);
      ubs.push(Math.max(0, ub));
      if (ub <= 0) {
        row.push(-1);
        continue;
      }
      const v = w.variable(`x${l}_${p.index}`, 0, ub, integral ? 'integer' : 'continuous');
      row.push(v);
      live.push(v);
      reach += ub;
      served.set(v, toShare);
      score.set(v, p.score * toShare);
      cost.set(v, (p.costPerLine / costScale) * toShare);
      if (p.domestic) domestic.set(v, toShare);
      if (p.capacityPerYear !== undefined) {
        let o = byOffering.get(p.offering.id);
        if (!o) {
          o = { variables: [], coefficients: [], reach: 0 };
          byOffering.set(p.offering.id, o);
        }
        // Capacity rows are scaled to 1: raw yearly amounts (1e9) next to shares wreck the simplex's numerics.
        o.variables.push(v);
        o.coefficients.push(perUnit / p.capacityPerYear);
        o.reach += (ub * perUnit) / p.capacityPerYear;
      }
      // Either nothing or at least the minimum order. Whole units of which the minimum is one or
      // less need no switch: any whole positive quantity reaches it.
      if (minimumUnits > 0 && !(integral && minimumUnits <= 1)) {
        const on = w.variable(`y${l}_${p.index}`, 0, 1, 'integer');
        minOrderSwitches.push({ on, amount: v, minimum: minimumUnits });
        w.term(1, v);
        w.term(-ub, on);
        w.endRow(`on${l}_${p.index}`, Number.NEGATIVE_INFINITY, 0);
        const s = slack(
          'minOrder',
          () => ({
            line: id,
            unit: toShare,
            describe: (value) =>
              `${id}: ${p.offering.id} supplies ${formatQuantityValue((value * perUnit) / YEAR_S, line.line.quantity.dimension, line.line.quantity.unit)} less than its minimum order ${p.offering.minOrder?.text ?? ''}`,
          }),
          minimumUnits,
        );
        w.term(1, v);
        w.term(-minimumUnits, on);
        term(1, s);
        w.endRow(`moq${l}_${p.index}`, 0, Number.POSITIVE_INFINITY);
        if (s < 0) {
          forces(v, on, minimumUnits);
          strictMinOrder.set(v, minimumUnits);
        }
      }
    }
    x.push(row);
    // The demand: served in full at most. Written only when the pairs together could exceed it.
    lineReach.push({ variables: live, most: Math.min(reach, line.total), total: line.total });
    if (reach > line.total + 1e-9) {
      for (const v of live) w.term(1, v);
      w.endRow(`dem${l}`, Number.NEGATIVE_INFINITY, line.total);
    }
    const counted: number[] = [];
    const count: CountSwitches = { need: countedAmount(line, options), wanted: line.minSuppliers, groups: [] };
    const { need } = count;
    let g = -1;
    for (const [supplierId, group] of groups) {
      g++;
      // The supplier's pairs that can carry something, and the most they carry together.
      let terms = 0;
      let groupReach = 0;
      for (const p of group) {
        if ((row[p.index] ?? -1) >= 0) terms++;
        groupReach += ubs[p.index] ?? 0;
      }
      if (terms === 0) continue;
      const groupTerms = (): void => {
        for (const p of group) term(1, row[p.index] ?? -1);
      };
      if (line.maxShare < 1 && (softShare || terms > 1) && groupReach > line.maxShare * line.total + 1e-9) {
        const s = slack(
          'maxShare',
          () => ({
            line: id,
            unit: toShare,
            describe: (value) => `${id}: ${supplierId} carries ${pct(line.maxShare + value * toShare)} though at most ${pct(line.maxShare)} was asked`,
          }),
          line.total,
        );
        groupTerms();
        term(-1, s);
        w.endRow(`shr${l}_${g}`, Number.NEGATIVE_INFINITY, line.maxShare * line.total);
      }
      if (line.minSuppliers > 1 && groupReach >= need - 1e-9) {
        const z = w.variable(`z${l}_${g}`, 0, 1, 'integer');
        // A supplier counts only if it carries a real share of the line.
        groupTerms();
        w.term(-need, z);
        w.endRow(`cnt${l}_${g}`, 0, Number.POSITIVE_INFINITY);
        counted.push(z);
        const amounts = group.flatMap((p) => ((row[p.index] ?? -1) >= 0 ? [{ v: row[p.index] ?? 0, most: ubs[p.index] ?? 0 }] : []));
        count.groups.push({ counts: z, amounts });
        // Counted, each pair carries at least what the supplier's other pairs cannot; a pair
        // that must carry something has its minimum order on (its on/off row), so it carries
        // at least that minimum too.
        for (const a of amounts) {
          const forced = need - (groupReach - a.most);
          if (forced > 1e-9) forces(a.v, z, Math.max(forced, strictMinOrder.get(a.v) ?? 0));
        }
      }
    }
    if (count.groups.length > 0) countSwitches.push(count);
    if (line.minSuppliers > 1) {
      const s = slack(
        'minSuppliers',
        () => ({
          line: id,
          unit: 1,
          describe: (value) => {
            const can = Math.max(0, Math.round(line.minSuppliers - value));
            return `${id} asks for ${line.minSuppliers} suppliers, but ${can === 0 ? 'none' : `only ${can}`} can each carry ${pct(options.minCountedShare)} of it with the capacity, minimum orders and shares left`;
          },
        }),
        line.minSuppliers,
      );
      for (const z of counted) w.term(1, z);
      term(1, s);
      w.endRow(`min${l}`, line.minSuppliers, Number.POSITIVE_INFINITY);
    }
  });

  // Names are made of indexes: ids may hold characters LP text reads as operators.
  const knapsacks: SwitchKnapsack[] = [];
  const capacityRows: { variables: number[]; coefficients: number[] }[] = [];
  [...byOffering].sort((a, b) => (a[0] < b[0] ? -1 : 1)).forEach(([, o], i) => {
    if (o.reach <= 1 + 1e-9) return;
    o.variables.forEach((v, k) => w.term(o.coefficients[k] ?? 0, v));
    w.endRow(`cap${i}`, Number.NEGATIVE_INFINITY, 1);
    capacityRows.push(o);
    const items: { on: number; variable: number; weight: number }[] = [];
    let variables = 0;
    o.variables.forEach((v, k) => {
      const f = forcing.get(v);
      if (!f) return;
      variables++;
      for (const { on, amount } of f) items.push({ on, variable: v, weight: (o.coefficients[k] ?? 0) * amount });
    });
    // A capacity row names each variable once (one per pair), so a count of its terms with switches is a count of variables.
    if (variables > 1) knapsacks.push({ items });
  });

  for (const [qi, q] of quotas.entries()) {
    const mine = lines.map((line, l) => ({ line, l })).filter(({ line }) => line.buyer === q.buyer);
    const need = q.domesticShare * mine.length;
    const s = slack(
      'quota',
      () => ({
        buyer: q.buyer,
        unit: 1,
        describe: (value) =>
          `${q.buyer} asks for ${pct(q.domesticShare)} of its volume from domestic suppliers; at most ${(((need - value) / Math.max(1, mine.length)) * 100).toFixed(1)}% can be`,
      }),
      need,
    );
    for (const { line, l } of mine) for (const p of line.pairs) if (p.domestic && (x[l]?.[p.index] ?? -1) >= 0) w.term(1 / line.total, x[l]?.[p.index] ?? 0);
    term(1, s);
    w.endRow(`quota${qi}`, need, Number.POSITIVE_INFINITY);
  }

  const programme = w.programme();
  const n = programme.colLower.length;
  const capacity: CapacityUse = { rowOf: new Int32Array(n).fill(-1), coefficient: new Float64Array(n), rows: capacityRows.length };
  capacityRows.forEach((o, r) => {
    o.variables.forEach((v, k) => {
      capacity.rowOf[v] = r;
      capacity.coefficient[v] = o.coefficients[k] ?? 0;
    });
  });
  return {
    programme,
    x,
    slacks,
    lineReach,
    roundSwitches: integral ? undefined : (relaxed, up, reading) => roundSwitches(n, minOrderSwitches, countSwitches, capacity, relaxed, up, reading),
    separate: knapsacks.length > 0 ? (relaxed) => separateCovers(knapsacks, relaxed) : undefined,
    objectives: {
      served: { sense: 'maximize', coefficients: served.dense(n) },
      score: { sense: 'maximize', coefficients: score.dense(n) },
      cost: { sense: 'minimize', coefficients: cost.dense(n) },
      domestic: { sense: 'maximize', coefficients: domestic.dense(n) },
      violation: objectiveOf(
        n,
        'minimize',
        slacks.map((s) => [(elastic?.get(s.constraint) ?? 1) * s.unit, s.variable] as const),
      ),
    },
  };
}
