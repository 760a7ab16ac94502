import { beforeAll, describe, expect, it } from 'vitest';
import { createProgrammeWriter, loadHighs, objectiveOf, openSession, toLpText, type HighsSolver } from '../../src/allocate/lp.js';

let highs: HighsSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('the programme writer', () => {
  it('merges a variable named twice in a row or the objective: maximize 1 x + 0.001 x with x <= 1 is 1.001', () => {
    const w = createProgrammeWriter();
    const x = w.variable('x', 0, 10);
    w.row('cap', [[1, x], [-0.5, x], [0.5, x]], Number.NEGATIVE_INFINITY, 1);
    const p = w.programme();
    expect([...p.columns]).toEqual([x]);
    expect([...p.values]).toEqual([1]);
    const objective = objectiveOf(1, 'maximize', [[1, x], [0.001, x]]);
    expect([...objective.coefficients]).toEqual([1.001]);
    const lp = toLpText(p, objective);
    expect(lp).toContain(' obj: 1.001 x\n');
    expect(lp).toContain(' cap: 1 x <= 1\n');
    const s = openSession(highs, p, { mipGap: 1e-4, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 });
    const out = s.solve(objective);
    s.dispose();
    expect(out.end).toBe('optimal');
    expect(out.objective).toBeCloseTo(1.001, 9);
  });

  it('solves objectives in turn on one model, with rows added in between', () => {
    const w = createProgrammeWriter();
    const a = w.variable('a', 0, 1, 'integer');
    const b = w.variable('b', 0, 1, 'integer');
    w.row('one', [[1, a], [1, b]], Number.NEGATIVE_INFINITY, 1);
    const p = w.programme();
    const s = openSession(highs, p, { mipGap: 0, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 });
    const first = s.solve(objectiveOf(2, 'maximize', [[1, a], [1, b]]));
    expect(first.objective).toBeCloseTo(1, 9);
    s.addRow([[1, a], [1, b]], 1, Number.POSITIVE_INFINITY);
    const second = s.solve(objectiveOf(2, 'minimize', [[3, a], [2, b]]), first.values);
    s.dispose();
    expect([...second.values]).toEqual([0, 1]);
  });

  it('stops a stalled root at the stall limit with the start plan and an open gap, but never a programme with few switches', () => {
    // Three knapsack rows over n switches, weights from a fixed sequence: cuts at the root, no proof there.
    const knapsack = (n: number) => {
      const w = createProgrammeWriter();
      const xs = Array.from({ length: n }, (_, i) => w.variable(`x${i}`, 0, 1, 'integer'));
      for (let r = 0; r < 3; r++) w.row(`k${r}`, xs.map((x, i) => [((i * 37 + r * 101) % 89) + 11, x] as const), Number.NEGATIVE_INFINITY, n * 10);
      return { p: w.programme(), objective: objectiveOf(n, 'maximize', xs.map((x, i) => [((i * 53) % 97) + 3, x] as const)) };
    };
    const big = knapsack(600);
    const s = openSession(highs, big.p, { mipGap: 1e-9, maxNodes: 100_000, maxStalls: 0, maxStallsFromStart: 0 });
    const out = s.solve(big.objective, new Float64Array(600));
    s.dispose();
    expect(out.end).toBe('stall_limit');
    expect(out.hasSolution).toBe(true);
    expect(out.nodes).toBe(0);
    expect(out.gap).toBeGreaterThan(0); // stopped before the root LP: no bound yet, the gap is not claimed closed
    const small = knapsack(60);
    const t = openSession(highs, small.p, { mipGap: 1e-4, maxNodes: 100_000, maxStalls: 0, maxStallsFromStart: 0 });
    const end = t.solve(small.objective, new Float64Array(60)).end;
    t.dispose();
    expect(end).toBe('optimal');
  });

  it('refuses a coefficient that is not finite and a variable it does not know', () => {
    const w = createProgrammeWriter();
    const x = w.variable('x', 0, 1);
    expect(() => w.row('r', [[Number.NaN, x]], 0, 1)).toThrow(/coefficient/);
    expect(() => w.row('r', [[1, 5]], 0, 1)).toThrow(/no variable/);
  });
});
