import type { Term } from './lp.js';

/**
 * A capacity row read as a knapsack over on/off switches: switched on, item `k` forces its
 * `variable` to carry at least enough to take `weight` of the capacity (the row's bound is 1).
 * Two switches on one variable (a minimum order and a supplier's count) force the larger of
 * their amounts, not the sum, so a cover never holds two items of one variable.
 */
export interface SwitchKnapsack {
  readonly items: readonly { readonly on: number; readonly variable: number; readonly weight: number }[];
}

/** A valid inequality `sum of terms <= upper` over switches, cutting off a relaxed solution. */
export interface Cut {
  readonly terms: readonly Term[];
  readonly upper: number;
}

/**
 * A set of switches is a cover when their forced amounts together exceed the capacity by more
 * than this (the solver's own tolerance is 1e-7: a cover that only float noise makes one
 * could cut off a plan the solver calls feasible).
 */
const COVER_MARGIN = 1e-6;
/** A cut is added only when the relaxed solution breaks it by more than this. */
const MIN_VIOLATION = 1e-4;

/**
 * Extended cover inequalities of the knapsacks that a relaxed solution breaks. For a cover C
 * (switches whose forced amounts cannot all fit), at most |C| - 1 of C can be on; with E(C),
 * C and every other switch at least as heavy as C's heaviest, at most |C| - 1 of E(C) can be
 * on (any |C| of them weigh at least what C weighs). The linear relaxation ignores this: it
 * sets each switch to the share of its forced amount it carries, so several switches on one
 * tight capacity are each nearly on. Separation is greedy (the standard one): items by
 * `(1 - value) / weight`, taken until they cover, then items dropped while the rest still
 * covers, those nearest 0 first. At most one cut per knapsack per call.
 *
 * @example
 * const k = { items: [{ on: 2, variable: 0, weight: 0.6 }, { on: 3, variable: 1, weight: 0.6 }] };
 * separateCovers([k], Float64Array.of(0.5, 0.5, 0.83, 0.83)); // => [{ terms: [[1, 2], [1, 3]], upper: 1 }]
 */
export function separateCovers(knapsacks: readonly SwitchKnapsack[], relaxed: Float64Array): Cut[] {
  const cuts: Cut[] = [];
  const value = (on: number): number => Math.min(1, Math.max(0, relaxed[on] ?? 0));
  for (const { items } of knapsacks) {
    const order = items
      .map((it, i) => ({ ...it, i, slack: 1 - value(it.on) }))
      .filter((it) => it.weight > 0)
      .sort((a, b) => a.slack / a.weight - b.slack / b.weight || a.i - b.i);
    const cover: typeof order = [];
    let weight = 0;
    for (const it of order) {
      if (cover.some((c) => c.variable === it.variable)) continue;
      cover.push(it);
      weight += it.weight;
      if (weight > 1 + COVER_MARGIN) break;
    }
    if (weight <= 1 + COVER_MARGIN) continue;
    // Dropping an item lowers the bound by 1 and the left side by its value: the cut gets
    // stronger (by the item's slack) as long as the rest still covers.
    for (const it of [...cover].sort((a, b) => b.slack - a.slack || a.i - b.i)) {
      if (weight - it.weight <= 1 + COVER_MARGIN) continue;
      cover.splice(cover.indexOf(it), 1);
      weight -= it.weight;
    }
    const heaviest = Math.max(...cover.map((c) => c.weight));
    const extended = [...cover];
    for (const it of order)
      if (!extended.includes(it) && it.weight >= heaviest && !extended.some((c) => c.variable === it.variable)) extended.push(it);
    const upper = cover.length - 1;
    const lhs = extended.reduce((s, it) => s + value(it.on), 0);
    if (lhs <= upper + MIN_VIOLATION) continue;
    extended.sort((a, b) => a.on - b.on);
    cuts.push({ terms: extended.map((it) => [1, it.on] as const), upper });
  }
  return cuts;
}
