import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { loadHighs, type HighsSolver } from '../../src/allocate/lp.js';
import { buildInstance, checkPlan, planValues, randomInstance, referenceOptimum } from './instances.js';

let highs: HighsSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

const OBJECTIVES = ['score', 'cost', 'domestic'] as const;
const RUNS = 270;
const MIP_GAP = 1e-7;

describe('allocate against an independent model solved by GLPK', () => {
  it(`reaches the reference optimum on ${RUNS} seeded random instances, and every plan holds every constraint`, async () => {
    let compared = 0;
    let infeasible = 0;
    let worst = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const inst = randomInstance(seed);
      const objective = OBJECTIVES[seed % 3] ?? 'score';
      const integral = seed % 4 === 0;
      const { dataset, result } = buildInstance(inst);
      const plan = await allocate(result, dataset, { objective, integral, highs, mipGap: MIP_GAP, quotas: inst.quota > 0 ? [{ domesticShare: inst.quota }] : [] });
      const reference = await referenceOptimum(inst, objective, { integral });
      const where = `seed ${seed} (${objective}${integral ? ', integral' : ''})`;
      expect(checkPlan(inst, plan, { integral }), where).toEqual([]);
      if (reference === undefined) {
        expect(plan.status, where).toBe('infeasible');
        infeasible++;
        continue;
      }
      expect(plan.status, where).toBe('optimal');
      const values = planValues(inst, plan);
      const got = objective === 'score' ? values.score : objective === 'cost' ? values.cost : values.domestic;
      const tolerance = 1e-6 * Math.max(1, Math.abs(reference.value));
      if (objective !== 'score') expect(Math.abs(values.served - reference.served), `${where}: served`).toBeLessThanOrEqual(1e-6 * Math.max(1, reference.served));
      expect(Math.abs(got - reference.value), `${where}: ${got} vs ${reference.value}`).toBeLessThanOrEqual(tolerance);
      worst = Math.max(worst, Math.abs(got - reference.value) / Math.max(1, Math.abs(reference.value)));
      compared++;
    }
    // Both kinds of instance occur, and most are compared on their optimum.
    expect(compared).toBeGreaterThanOrEqual(200);
    expect(infeasible).toBeGreaterThan(0);
    console.log(`reference check: ${compared} optimal plans compared, ${infeasible} infeasible on both sides, max relative objective difference ${worst.toExponential(2)}`);
  });
});
