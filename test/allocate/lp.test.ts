import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgrammeWriter, loadHighs, objectiveOf, openSession, toLpText, type HighsModel, type HighsSolver, type SessionTimings, type SolveLimits, type SolvePoint } from '../../src/allocate/lp.js';

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

  it('merges a variable named twice in a streamed row too: 2 x - x + y streamed is 1 x + 1 y, and HiGHS reads it so', () => {
    const w = createProgrammeWriter();
    const x = w.variable('x', 0, 10);
    const y = w.variable('y', 0, 10);
    w.term(2, y);
    w.term(2, x);
    w.term(-1, y);
    w.term(-1, x);
    w.endRow('r', Number.NEGATIVE_INFINITY, 3);
    const p = w.programme();
    expect([...p.starts]).toEqual([0, 2]);
    expect([...p.columns]).toEqual([x, y]);
    expect([...p.values]).toEqual([1, 1]);
    expect(toLpText(p, objectiveOf(2, 'maximize', [[1, x]]))).toContain(' r: 1 x + 1 y <= 3\n');
    const s = openSession(highs, p, { mipGap: 1e-4, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 });
    const out = s.solve(objectiveOf(2, 'maximize', [[1, x]]));
    s.dispose();
    // With the repeated coefficients kept apart (a reader keeping the last, -1 x), x would be 10.
    expect(out.objective).toBeCloseTo(3, 9);
  });

  it('writes, for any terms, one entry per variable per row holding the sum of its coefficients (against a sum per variable written here)', () => {
    const termArb = fc.tuple(fc.integer({ min: -4, max: 4 }).map((c) => c / 2), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(termArb, { maxLength: 12 }), fc.boolean()), { maxLength: 6 }), (rows) => {
        const w = createProgrammeWriter();
        for (let v = 0; v < 6; v++) w.variable(`v${v}`, v % 2 === 0 ? 0 : -1, v === 5 ? Number.POSITIVE_INFINITY : 3, v % 3 === 0 ? 'integer' : 'continuous');
        rows.forEach(([terms, streamed], r) => {
          if (streamed) {
            for (const [c, v] of terms) w.term(c, v);
            w.endRow(`r${r}`, -r, r);
          } else w.row(`r${r}`, terms, -r, r);
        });
        const p = w.programme();
        expect(p.starts.length).toBe(rows.length + 1);
        rows.forEach(([terms], r) => {
          const sums = new Map<number, number>();
          for (const [c, v] of terms) sums.set(v, (sums.get(v) ?? 0) + c);
          const expected = [...sums].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
          const got: [number, number][] = [];
          for (let k = p.starts[r] ?? 0; k < (p.starts[r + 1] ?? 0); k++) got.push([p.columns[k] ?? -1, p.values[k] ?? 0]);
          expect(got).toEqual(expected);
          expect([p.rowLower[r], p.rowUpper[r]]).toEqual([-r, r]);
          expect(p.rows[r]).toEqual({ name: `r${r}`, lower: -r, upper: r });
        });
        expect(p.variables.map((v) => [v.name, v.lower, v.upper, v.kind])).toEqual(
          Array.from({ length: 6 }, (_, v) => [`v${v}`, v % 2 === 0 ? 0 : -1, v === 5 ? Number.POSITIVE_INFINITY : 3, v % 3 === 0 ? 'integer' : 'continuous']),
        );
        expect([...p.integrality]).toEqual([1, 0, 0, 1, 0, 0]);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('refuses a term of no variable or of a coefficient that is not finite, and a whole row given while a streamed one is open', () => {
    const w = createProgrammeWriter();
    const x = w.variable('x', 0, 1);
    expect(() => w.row('r', [[1, x + 1]], 0, 1)).toThrow('row r: no variable 1');
    expect(() => w.term(Number.NaN, x)).toThrow('coefficient NaN');
    w.term(1, x);
    expect(() => w.row('s', [[1, x]], 0, 1)).toThrow('pending');
    w.endRow('t', 0, 1);
    expect(w.programme().rows.map((r) => r.name)).toEqual(['t']);
  });

  it('loads a programme into a HiGHS instance it is given, cleared first, and leaves it open', () => {
    // The instance comes with another programme and options of its own (relaxation only, no
    // node): the session must see neither, and the next session on it neither the first's.
    const model = highs.createModel();
    model.passModel({
      numCols: 1,
      numRows: 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: Float64Array.of(1),
      colLower: Float64Array.of(0),
      colUpper: Float64Array.of(5),
      rowLower: Float64Array.of(0),
      rowUpper: Float64Array.of(4),
      matrix: { format: 'csr', numRows: 1, numCols: 1, starts: Int32Array.of(0, 1), indices: Int32Array.of(0), values: Float64Array.of(1) },
    });
    model.options.set({ solve_relaxation: true, mip_max_nodes: 0, output_flag: false });
    const knapsack = (size: number) => {
      const w = createProgrammeWriter();
      const a = w.variable('a', 0, 1, 'integer');
      const b = w.variable('b', 0, 1, 'integer');
      w.row('size', [[2, a], [2, b]], Number.NEGATIVE_INFINITY, size);
      return { p: w.programme(), objective: objectiveOf(2, 'maximize', [[3, a], [2, b]]) };
    };
    const limits = { mipGap: 0, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 };
    const results = [3, 4].map((size) => {
      const { p, objective } = knapsack(size);
      const s = openSession(highs, p, limits, { model });
      const out = s.solve(objective);
      s.dispose();
      return { objective: out.objective, values: [...out.values], disposed: model.disposed };
    });
    model.dispose();
    // Size 3 holds one item: a whole 3 (the relaxation would say 4.5); size 4 holds both.
    expect(results).toEqual([
      { objective: 3, values: [1, 0], disposed: false },
      { objective: 5, values: [1, 1], disposed: false },
    ]);
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

describe('the rounding heuristic', () => {
  // x carries nothing or at least `minimum` (switch y), between `forced` and `most`. With the
  // defaults, written before any run: the relaxation's bound is 0.8, and y = 1 with x = 0.8 is
  // a plan that reaches it.
  const minimumOrder = (forced: number, minimum = 0.5, most = 0.8) => {
    const w = createProgrammeWriter();
    const x = w.variable('x', 0, 1);
    const y = w.variable('y', 0, 1, 'integer');
    w.row('on', [[1, x], [-1, y]], Number.NEGATIVE_INFINITY, 0);
    w.row('moq', [[1, x], [-minimum, y]], 0, Number.POSITIVE_INFINITY);
    w.row('cap', [[1, x]], forced, most);
    return { p: w.programme(), x, y };
  };
  const limits = { mipGap: 1e-9, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 };

  it('ends the solve without a search when the rounded plan reaches the relaxation bound', () => {
    const { p, x, y } = minimumOrder(0);
    const s = openSession(highs, p, limits, { roundSwitches: (relaxed) => Float64Array.from(relaxed, (v, k) => (k === y ? (v > 0 ? 1 : 0) : 0)) });
    const out = s.solve(objectiveOf(2, 'maximize', [[1, x]]));
    s.dispose();
    expect(out).toMatchObject({ end: 'optimal', hasSolution: true, gap: 0, nodes: 0 });
    expect(out.objective).toBeCloseTo(0.8, 9);
    expect([...out.values]).toEqual([expect.closeTo(0.8, 9), 1]);
  });

  it('is not tried when the relaxation is already whole: the relaxation is the plan', () => {
    // x <= y, x >= 0.5 y, x <= 1, maximize x + 0.1 y: the relaxation's x = y = 1 is whole.
    const { p, x, y } = minimumOrder(0, 0.5, 1);
    let rounded = 0;
    const s = openSession(highs, p, limits, {
      roundSwitches: (relaxed) => {
        rounded++;
        return new Float64Array(relaxed.length);
      },
    });
    const out = s.solve(objectiveOf(2, 'maximize', [[1, x], [0.1, y]]));
    s.dispose();
    expect(rounded).toBe(0);
    expect(out).toMatchObject({ end: 'optimal', hasSolution: true, gap: 0, nodes: 0 });
    expect([...out.values]).toEqual([expect.closeTo(1, 9), 1]);
  });

  it("gives a later objective the earlier plan's switches when no rounding fits, and ends there when that reaches the bound", () => {
    // x <= y, 0.3 <= x <= 1: the relaxation of "minimize x" has y = 0.3, rounded to 0 (no
    // plan); the first stage's y = 1 with x = 0.3 reaches the bound 0.3.
    const { p, x, y } = minimumOrder(0.3, 0, 1);
    const timings: SessionTimings = { relaxation: 0, rounding: 0, search: 0 };
    const s = openSession(highs, p, limits, { roundSwitches: (relaxed) => new Float64Array(relaxed.length), timings });
    const first = s.solve(objectiveOf(2, 'maximize', [[1, x]]));
    expect([...first.values]).toEqual([expect.closeTo(1, 9), 1]);
    const searched = timings.search;
    const second = s.solve(objectiveOf(2, 'minimize', [[1, x]]), first.values);
    s.dispose();
    expect(second).toMatchObject({ end: 'optimal', hasSolution: true, gap: 0, nodes: 0 });
    expect([...second.values]).toEqual([expect.closeTo(0.3, 9), 1]);
    expect(timings.search).toBe(searched); // no search ran for the second objective
    expect(timings.neighbourhood).toBeUndefined(); // nor a RINS search (one switch)
  });

  it('falls back to the search when no rounding fits, and still finds the optimum', () => {
    const { p, x } = minimumOrder(0.3);
    // Every switch off: x = 0 breaks x >= 0.3, so neither rounding gives a plan.
    const s = openSession(highs, p, limits, { roundSwitches: (relaxed) => new Float64Array(relaxed.length) });
    const out = s.solve(objectiveOf(2, 'minimize', [[1, x]]));
    s.dispose();
    expect(out.end).toBe('optimal');
    expect(out.objective).toBeCloseTo(0.5, 9);
  });

  it("stops a first objective's search as soon as HiGHS's bound comes within the gap of the rounded plan, and returns that plan", () => {
    // One line, two offerings: S0 carries at most 0.7 of it, S1 nothing or at least 0.5 (and at
    // most 0.7). The relaxation carries 0.7 + 0.3 with S1's switch at 3/7 (0.87); rounded up, the
    // plan is 0.5 + 0.5 (0.85), 2.4% below the relaxation, so the search runs; its root bound
    // comes down to 0.85 and the search stops there, before any node, with the rounded plan.
    const w = createProgrammeWriter();
    const x0 = w.variable('x0', 0, 0.7);
    const x1 = w.variable('x1', 0, 0.7);
    const y = w.variable('y', 0, 1, 'integer');
    w.row('dem', [[1, x0], [1, x1]], Number.NEGATIVE_INFINITY, 1);
    w.row('on', [[1, x1], [-0.7, y]], Number.NEGATIVE_INFINITY, 0);
    w.row('moq', [[1, x1], [-0.5, y]], 0, Number.POSITIVE_INFINITY);
    const objective = objectiveOf(3, 'maximize', [[0.9, x0], [0.8, x1]]);
    const rounded: Float64Array[] = [];
    const s = openSession(highs, w.programme(), { mipGap: 1e-4, maxNodes: 100, maxStalls: 20, maxStallsFromStart: 3 }, {
      roundSwitches: (relaxed) => {
        const plan = Float64Array.from(relaxed, (v, k) => (k === y ? (v > 1e-9 ? 1 : 0) : 0));
        rounded.push(plan);
        return plan;
      },
    });
    const out = s.solve(objective);
    s.dispose();
    expect(rounded.length).toBeGreaterThan(0);
    expect(out).toMatchObject({ end: 'optimal', hasSolution: true, nodes: 0 });
    expect(out.objective).toBeCloseTo(0.85, 9);
    expect([...out.values]).toEqual([expect.closeTo(0.5, 9), expect.closeTo(0.5, 9), 1]);
    expect(out.gap).toBeLessThanOrEqual(1e-4);
  });

  /** 600 switches in three knapsack rows, weights and gains from fixed sequences. */
  const knapsacks = () => {
    const n = 600;
    const w = createProgrammeWriter();
    const xs = Array.from({ length: n }, (_, i) => w.variable(`x${i}`, 0, 1, 'integer'));
    const weight = (i: number, r: number): number => ((i * 37 + r * 101) % 89) + 11;
    for (let r = 0; r < 3; r++) w.row(`k${r}`, xs.map((x, i) => [weight(i, r), x] as const), Number.NEGATIVE_INFINITY, n * 10);
    const gain = (i: number): number => ((i * 53) % 97) + 3;
    const objective = objectiveOf(n, 'maximize', xs.map((x, i) => [gain(i), x] as const));
    return { n, w, xs, weight, gain, objective };
  };

  /**
   * A session on the knapsacks whose rounding takes the relaxation's whole items and drops the
   * `drop` most valuable of them; `dropped()` lists those, `timings` its parts.
   */
  const droppingSession = (k: ReturnType<typeof knapsacks>, drop: number, limits: SolveLimits, model?: HighsModel) => {
    let dropped: number[] = [];
    const timings: SessionTimings = { relaxation: 0, rounding: 0, search: 0 };
    const session = openSession(highs, k.w.programme(), limits, {
      model,
      timings,
      roundSwitches: (relaxed) => {
        const plan = relaxed.map((v) => Math.floor(v + 1e-9));
        dropped = k.xs.filter((x) => plan[x] === 1).sort((a, b) => k.gain(b) - k.gain(a) || a - b).slice(0, drop);
        for (const x of dropped) plan[x] = 0;
        return plan;
      },
    });
    return { session, timings, dropped: () => dropped };
  };

  it("searches the switches where a first objective's rounded plan and the relaxation differ, and keeps the better plan", () => {
    // 600 switches in three knapsack rows. The rounding drops the sixty most valuable items the
    // relaxation takes in full; the search over the switches where plan and relaxation differ
    // (those sixty and the fractional ones: 50 or more, or there is no such search) takes them
    // back. The stall limit 0 stops HiGHS's own search at its first checkpoint, so the plan
    // returned is the one this search kept.
    const k = knapsacks();
    const { n, xs, weight, gain, objective } = k;
    const { session: s, timings, dropped: droppedNow } = droppingSession(k, 60, { mipGap: 1e-9, maxNodes: 100_000, maxStalls: 0, maxStallsFromStart: 0 });
    const out = s.solve(objective);
    s.dispose();
    const dropped = droppedNow();
    expect(dropped).toHaveLength(60);
    expect(dropped.map((x) => out.values[x])).toEqual(dropped.map(() => 1));
    for (let r = 0; r < 3; r++) expect(xs.reduce((t, x, i) => t + weight(i, r) * (out.values[x] ?? 0), 0)).toBeLessThanOrEqual(n * 10 + 1e-6);
    expect(out.objective).toBeCloseTo(xs.reduce((t, x, i) => t + gain(i) * (out.values[x] ?? 0), 0), 6);
    // The benchmark reads this search's time apart from the rounding's.
    expect(timings.neighbourhood).toBeTypeOf('number');
  });

  it("runs that search without HiGHS's root reduced-cost heuristic, and the search after it with that heuristic", () => {
    // The options each mixed-integer run of the session sees (linear programmes left out): the
    // neighbourhood's search (its node limit 1,000) and HiGHS's own search after it.
    const model = highs.createModel();
    const runs: { nodes: number; reducedCost: unknown }[] = [];
    const run = model.run.bind(model);
    model.run = (callbacks) => {
      if (model.options.get('solve_relaxation') !== true) runs.push({ nodes: Number(model.options.get('mip_max_nodes')), reducedCost: model.options.get('mip_heuristic_run_root_reduced_cost') });
      return run(callbacks);
    };
    const k = knapsacks();
    const { session: s, timings } = droppingSession(k, 60, { mipGap: 1e-9, maxNodes: 100_000, maxStalls: 0, maxStallsFromStart: 0 }, model);
    const out = s.solve(k.objective);
    s.dispose();
    model.dispose();
    expect(timings.neighbourhood).toBeTypeOf('number');
    expect(out.hasSolution).toBe(true);
    expect(runs).toEqual([
      { nodes: 1000, reducedCost: false },
      { nodes: 100_000, reducedCost: true },
    ]);
  });

  it('does not search a neighbourhood of fewer than 50 switches', () => {
    // The same knapsacks, five items dropped: the plan and the relaxation differ in those five and
    // the fractional ones, and HiGHS's own search is left to find them back.
    const k = knapsacks();
    const { session: s, timings, dropped } = droppingSession(k, 5, { mipGap: 1e-4, maxNodes: 100_000, maxStalls: 20, maxStallsFromStart: 3 });
    const out = s.solve(k.objective);
    s.dispose();
    expect(dropped()).toHaveLength(5);
    expect(timings.neighbourhood).toBeUndefined();
    expect(out.hasSolution).toBe(true);
  });

  it("does not start a first objective's search from the rounded plan, but returns that plan when the search stops with nothing better", () => {
    // 600 switches in three knapsack rows, weights from a fixed sequence; the stall limit 0
    // stops the search at its first checkpoint, before it has a plan of its own worth the name.
    const { n, w, xs, weight, gain, objective } = knapsacks();
    const points: SolvePoint[] = [];
    // Rounded down, the relaxation's switches are a plan (every weight is positive).
    const s = openSession(highs, w.programme(), { mipGap: 1e-9, maxNodes: 100_000, maxStalls: 0, maxStallsFromStart: 0 }, {
      roundSwitches: (relaxed) => relaxed.map((v) => Math.floor(v + 1e-9)),
      inspect: (point) => points.push(point),
    });
    const out = s.solve(objective);
    s.dispose();
    expect(points.map((p) => p.at)).toEqual(['written', 'search', 'solved']);
    expect(points[1]?.start).toBeUndefined();
    expect(out).toMatchObject({ end: 'stall_limit', hasSolution: true });
    // The plan holds every row, is whole, and its objective is what it is worth, checked here.
    for (let r = 0; r < 3; r++) expect(xs.reduce((t, x, i) => t + weight(i, r) * (out.values[x] ?? 0), 0)).toBeLessThanOrEqual(n * 10 + 1e-6);
    expect(xs.every((x) => out.values[x] === 0 || out.values[x] === 1)).toBe(true);
    const worth = xs.reduce((t, x, i) => t + gain(i) * (out.values[x] ?? 0), 0);
    expect(out.objective).toBeCloseTo(worth, 6);
    expect(worth).toBeGreaterThan(0.3 * xs.reduce((t, _, i) => t + gain(i), 0)); // far from the empty plan
    expect(out.gap).toBeGreaterThan(0);
    expect(out.gap).toBeLessThan(0.05);
  });
});

describe('the models a session shows (for other builds of HiGHS)', () => {
  it('shows the model at each point as MPS that, solved again, gives the same optimum, with the start of a later stage', async () => {
    // Two offerings' minimum orders that cannot both fit one capacity; cover cuts are added.
    const w = createProgrammeWriter();
    const a = w.variable('a', 0, 1);
    const b = w.variable('b', 0, 1);
    const ya = w.variable('ya', 0, 1, 'integer');
    const yb = w.variable('yb', 0, 1, 'integer');
    w.row('ona', [[1, a], [-1, ya]], Number.NEGATIVE_INFINITY, 0);
    w.row('onb', [[1, b], [-1, yb]], Number.NEGATIVE_INFINITY, 0);
    w.row('moqa', [[1, a], [-0.6, ya]], 0, Number.POSITIVE_INFINITY);
    w.row('moqb', [[1, b], [-0.6, yb]], 0, Number.POSITIVE_INFINITY);
    w.row('cap', [[1, a], [1, b]], Number.NEGATIVE_INFINITY, 1);
    const p = w.programme();
    const points: SolvePoint[] = [];
    const s = openSession(highs, p, { mipGap: 1e-9, maxNodes: 1000, maxStalls: 20, maxStallsFromStart: 3 }, {
      separate: () => [],
      inspect: (point) => points.push({ ...point, mps: ((bytes) => () => bytes)(point.at === 'solved' ? new Uint8Array() : point.mps()) }),
    });
    const first = s.solve(objectiveOf(4, 'maximize', [[1, a], [0.9, b]]));
    s.addRow([[1, a], [0.9, b]], first.objective - 1e-7, Number.POSITIVE_INFINITY);
    const second = s.solve(objectiveOf(4, 'minimize', [[1, a], [1, b]]), first.values);
    s.dispose();
    expect(first.objective).toBeCloseTo(1, 9);
    // The first relaxation is whole (no search); the second searches from the first plan.
    expect(points.map((q) => q.at)).toEqual(['written', 'solved', 'written', 'search', 'solved']);
    expect(points[2]?.start).toBe(first.values);
    expect(points[1]?.outcome).toMatchObject({ end: 'optimal', objective: first.objective });
    expect(points[0]?.options).toMatchObject({ mip_rel_gap: 1e-9, threads: 1, random_seed: 0, presolve: 'on' });
    const text = new TextDecoder().decode(points[3]?.mps());
    expect(text).toMatch(/ROWS/);
    expect(points[3]?.start).toBe(first.values);
    // Read back by a fresh model, with the earlier stage's row, each point solves to its stage's optimum.
    for (const [i, expected] of [[0, first.objective], [3, second.objective]] as const) {
      const again = highs.createModel({ format: 'mps', data: points[i]?.mps() ?? new Uint8Array() });
      again.options.set({ output_flag: false });
      again.run();
      expect(again.getObjectiveValue()).toBeCloseTo(expected, 7);
      again.dispose();
    }
    expect(second.objective).toBeCloseTo(1, 6); // a = 1 alone: the most served (within the row's 1e-7) at the least amount
  });
});

