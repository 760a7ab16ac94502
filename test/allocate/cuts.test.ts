import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { separateCovers, type SwitchKnapsack } from '../../src/allocate/cuts.js';
import { buildLines } from '../../src/allocate/lines.js';
import { createProgrammeWriter, loadHighs, objectiveOf, openSession, type HighsSolver } from '../../src/allocate/lp.js';
import { buildComponentModel } from '../../src/allocate/model.js';
import { mulberry32 } from '../../bench/generate.js';
import { buildInstance, checkPlan, planValues, referenceOptimum, type Instance } from './instances.js';

let highs: HighsSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('cover cuts', () => {
  it('never cut off a whole-number plan of their knapsack (brute force over every on/off setting)', () => {
    // Items of a capacity row: switch `on` forces `variable` to take `weight` of the capacity 1.
    // Two items of one variable force the larger amount, not the sum.
    const knapsack = fc
      .array(fc.record({ variable: fc.integer({ min: 0, max: 4 }), weight: fc.integer({ min: 1, max: 100 }).map((w) => w / 100) }), { minLength: 2, maxLength: 7 })
      .map((items) => ({ items: items.map((it, i) => ({ ...it, on: 10 + i })) }));
    const relaxed = fc.array(fc.integer({ min: 0, max: 100 }).map((v) => v / 100), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(knapsack, relaxed, (k: SwitchKnapsack, values) => {
        const point = Float64Array.from(values);
        const cuts = separateCovers([k], point);
        for (const cut of cuts) {
          // A cut is one: the relaxed point breaks it.
          expect(cut.terms.reduce((s, [c, v]) => s + c * (point[v] ?? 0), 0)).toBeGreaterThan(cut.upper);
        }
        const n = k.items.length;
        for (let mask = 0; mask < 1 << n; mask++) {
          const load = new Map<number, number>();
          k.items.forEach((it, i) => {
            if (mask & (1 << i)) load.set(it.variable, Math.max(load.get(it.variable) ?? 0, it.weight));
          });
          if ([...load.values()].reduce((s, w) => s + w, 0) > 1) continue; // not a plan
          const on = new Float64Array(20);
          k.items.forEach((it, i) => {
            on[it.on] = mask & (1 << i) ? 1 : 0;
          });
          for (const cut of cuts) expect(cut.terms.reduce((s, [c, v]) => s + c * (on[v] ?? 0), 0)).toBeLessThanOrEqual(cut.upper);
        }
      }),
      { seed: 16, numRuns: 400 },
    );
  });

  it('close the relaxation of two minimum orders that cannot both fit: the solve ends at the root, optimal', () => {
    // x1 >= 0.6 y1, x2 >= 0.6 y2, x1 + x2 <= 1; maximize 2 y1 + y2. The relaxation sets y2 = 2/3
    // (bound 2.667); the cover y1 + y2 <= 1 makes it whole: y1 = 1, y2 = 0, objective 2.
    const w = createProgrammeWriter();
    const x1 = w.variable('x1', 0, 1);
    const x2 = w.variable('x2', 0, 1);
    const y1 = w.variable('y1', 0, 1, 'integer');
    const y2 = w.variable('y2', 0, 1, 'integer');
    w.row('m1', [[1, x1], [-0.6, y1]], 0, Number.POSITIVE_INFINITY);
    w.row('m2', [[1, x2], [-0.6, y2]], 0, Number.POSITIVE_INFINITY);
    w.row('cap', [[1, x1], [1, x2]], Number.NEGATIVE_INFINITY, 1);
    const p = w.programme();
    const knapsack: SwitchKnapsack = { items: [{ on: y1, variable: x1, weight: 0.6 }, { on: y2, variable: x2, weight: 0.6 }] };
    const objective = objectiveOf(4, 'maximize', [[2, y1], [1, y2]]);
    const limits = { mipGap: 1e-9, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 };
    const seen: number[] = [];
    const s = openSession(highs, p, limits, {
      separate: (relaxed) => {
        const cuts = separateCovers([knapsack], relaxed);
        seen.push(cuts.length);
        return cuts;
      },
    });
    const out = s.solve(objective);
    s.dispose();
    expect(seen).toEqual([1, 0]);
    expect(out).toMatchObject({ end: 'optimal', hasSolution: true, gap: 0, nodes: 0 });
    expect(out.objective).toBeCloseTo(2, 9);
    expect([out.values[y1], out.values[y2]]).toEqual([1, 0]);
  });
});

/**
 * Instances where switches crowd capacities: every offering has a capacity and most a minimum
 * order near a line's demand, half the lines ask for two suppliers.
 */
function crowdedInstance(seed: number): Instance {
  const r = mulberry32(seed * 7919);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const offerings = Array.from({ length: int(2, 4) }, () => {
    const supplier = int(0, 3);
    return { supplier, capacity: int(6, 24), minOrder: r() < 0.6 ? int(3, 9) : 0, price: int(10, 100), domestic: supplier % 2 === 0 };
  });
  const lines = Array.from({ length: int(2, 4) }, () => ({ buyer: 0, demand: int(8, 20), minSuppliers: r() < 0.5 ? 2 : 1, maxShare: r() < 0.3 ? 0.7 : 1 }));
  const scores = lines.map(() => offerings.map(() => (r() < 0.9 ? int(1, 100) / 100 : undefined)));
  return { lines, offerings, scores, quota: 0 };
}

describe('allocate with cover cuts against the independent GLPK model', () => {
  it('reaches the reference optimum on crowded instances, and the knapsacks the cuts read exist on many of them', async () => {
    const objectives = ['score', 'cost', 'domestic'] as const;
    let compared = 0;
    let withKnapsacks = 0;
    for (let seed = 1; seed <= 90; seed++) {
      const inst = crowdedInstance(seed);
      const objective = objectives[seed % 3] ?? 'score';
      const { dataset, result } = buildInstance(inst);
      const lines = buildLines(result, dataset, { integral: false, minSuppliers: undefined, maxShare: undefined }, []).filter((l) => l.pairs.length > 0);
      if (buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 }).separate) withKnapsacks++;
      const plan = await allocate(result, dataset, { objective, highs, mipGap: 1e-7 });
      const reference = await referenceOptimum(inst, objective, { integral: false });
      const where = `seed ${seed} (${objective})`;
      expect(checkPlan(inst, plan, { integral: false }), where).toEqual([]);
      if (reference === undefined) {
        expect(plan.status, where).toBe('infeasible');
        continue;
      }
      expect(plan.status, where).toBe('optimal');
      const values = planValues(inst, plan);
      const got = objective === 'score' ? values.score : objective === 'cost' ? values.cost : values.domestic;
      expect(Math.abs(got - reference.value), `${where}: ${got} vs ${reference.value}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(reference.value)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(40);
    expect(withKnapsacks).toBeGreaterThanOrEqual(30);
  });
});
