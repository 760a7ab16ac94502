import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate, type AllocateOptions, type AllocationPlan } from '../../src/allocate/allocate.js';
import { loadHighs, type HighsSolver } from '../../src/allocate/lp.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { SupplymatchError } from '../../src/errors.js';
import { loadDataset } from '../../src/node.js';
import { buildInstance, checkPlan, type Instance } from './instances.js';

let highs: HighsSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

/** An instance with every offering qualified for every line (scores per line and offering). */
function complete(
  lines: { demand: number; minSuppliers?: number; maxShare?: number; buyer?: number }[],
  offerings: { supplier: number; capacity?: number; minOrder?: number; price?: number }[],
  scores: number[][],
  quota = 0,
): Instance {
  return {
    lines: lines.map((l) => ({ buyer: l.buyer ?? 0, demand: l.demand, minSuppliers: l.minSuppliers ?? 1, maxShare: l.maxShare ?? 1 })),
    offerings: offerings.map((o) => ({ supplier: o.supplier, capacity: o.capacity, minOrder: o.minOrder ?? 0, price: o.price ?? 10, domestic: o.supplier % 2 === 0 })),
    scores,
    quota,
  };
}

async function plan(inst: Instance, options: AllocateOptions = {}): Promise<AllocationPlan> {
  const { dataset, result } = buildInstance(inst);
  return allocate(result, dataset, { highs, ...(inst.quota > 0 ? { quotas: [{ domesticShare: inst.quota }] } : {}), ...options });
}

const sharesOf = (p: AllocationPlan, line: string): [string, number][] => (p.lines.find((l) => l.line === line)?.allocations ?? []).map((a) => [a.offering, a.share]);

/** The best score-weighted served share by enumerating every whole-unit allocation; undefined when none holds. */
function bruteForce(inst: Instance): number | undefined {
  const perLine: number[][][] = inst.lines.map((line, li) => {
    const options: number[][] = [];
    const rec = (o: number, acc: number[], left: number): void => {
      if (o === inst.offerings.length) {
        options.push(acc);
        return;
      }
      const max = inst.scores[li]?.[o] === undefined ? 0 : left;
      for (let q = 0; q <= max; q++) rec(o + 1, [...acc, q], left - q);
    };
    rec(0, [], line.demand);
    return options.filter((xs) => {
      const bySupplier = new Map<number, number>();
      xs.forEach((q, o) => bySupplier.set(inst.offerings[o]?.supplier ?? -1, (bySupplier.get(inst.offerings[o]?.supplier ?? -1) ?? 0) + q));
      if ([...bySupplier.values()].some((q) => q > line.maxShare * line.demand + 1e-9)) return false;
      if (xs.some((q, o) => q > 0 && q < (inst.offerings[o]?.minOrder ?? 0))) return false;
      const counted = [...bySupplier.values()].filter((q) => q > 0 && q >= 0.1 * line.demand - 1e-9).length;
      return line.minSuppliers <= 1 || counted >= line.minSuppliers;
    });
  });
  let best: number | undefined;
  const rec = (l: number, used: number[], value: number): void => {
    if (l === inst.lines.length) {
      if (best === undefined || value > best) best = value;
      return;
    }
    for (const xs of perLine[l] ?? []) {
      const next = used.map((u, o) => u + (xs[o] ?? 0));
      if (next.some((u, o) => u > (inst.offerings[o]?.capacity ?? Number.POSITIVE_INFINITY))) continue;
      rec(l + 1, next, value + xs.reduce((s, q, o) => s + ((inst.scores[l]?.[o] ?? 0) * q) / (inst.lines[l]?.demand ?? 1), 0));
    }
  };
  rec(0, inst.offerings.map(() => 0), 0);
  return best;
}

const tiny = fc
  .record({
    lines: fc.array(fc.record({ demand: fc.integer({ min: 1, max: 4 }), minSuppliers: fc.integer({ min: 1, max: 2 }), maxShare: fc.constantFrom(1, 0.75, 0.5) }), { minLength: 1, maxLength: 2 }),
    offerings: fc.array(fc.record({ supplier: fc.integer({ min: 0, max: 2 }), capacity: fc.integer({ min: 0, max: 5 }), minOrder: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 3 }),
    scores: fc.array(fc.array(fc.integer({ min: 1, max: 10 }).map((s) => s / 10), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
  })
  .map((r) => complete(r.lines, r.offerings, r.scores.map((row) => row.slice(0, r.offerings.length))));

describe('allocate against brute force', () => {
  it('reaches the brute-force optimum on tiny whole-unit instances (or both find none)', async () => {
    await fc.assert(
      fc.asyncProperty(tiny, async (inst) => {
        const p = await plan(inst, { integral: true, mipGap: 1e-9 });
        const best = bruteForce(inst);
        expect(checkPlan(inst, p, { integral: true })).toEqual([]);
        if (best === undefined) expect(p.status).toBe('infeasible');
        else {
          expect(p.status).toBe('optimal');
          const value = p.lines.reduce((s, l) => s + l.allocations.reduce((t, a) => t + a.score * a.share, 0), 0);
          expect(value).toBeCloseTo(best, 6);
        }
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('gives the same plan twice, and never breaks a constraint, with or without relax', async () => {
    await fc.assert(
      fc.asyncProperty(tiny, fc.constantFrom('score', 'cost', 'domestic' as const), fc.boolean(), async (inst, objective, relax) => {
        const a = await plan(inst, { objective, relax });
        expect(await plan(inst, { objective, relax })).toEqual(a);
        // Relaxed plans may give up the soft constraints they list; capacity and demand always hold.
        const broken = checkPlan(inst, a, { integral: false }).filter((b) => !relax || /capacity|demand|qualify/.test(b));
        expect(broken).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('the cases of issue 16', () => {
  // 1. One line of 100 unit/year, one KR offering of 1000 unit/year.
  it.each([
    ['score', false],
    ['score', true],
    ['cost', false],
    ['cost', true],
    ['domestic', false],
    ['domestic', true],
  ] as const)('serves the smallest case in full: %s, relax %s', async (objective, relax) => {
    const p = await plan(complete([{ demand: 100 }], [{ supplier: 0, capacity: 1000 }], [[0.8]]), { objective, relax });
    expect(p.status).toBe('optimal');
    expect(sharesOf(p, 'L0')).toEqual([['O0', 1]]);
    expect(p.totals.fullyServed).toBe(1);
  });

  // 2. Phase 2 must be free to switch on what phase 1 left off.
  it('finds the cheapest of all plans that serve the most, not only those with phase 1 switches', async () => {
    // Both offerings can serve the line alone; the cheap one has a minimum order (an on/off switch).
    const inst = complete([{ demand: 10 }], [{ supplier: 0, capacity: 10, price: 100 }, { supplier: 2, capacity: 10, minOrder: 5, price: 10 }], [[0.9, 0.5]]);
    expect(sharesOf(await plan(inst, { objective: 'cost' }), 'L0')).toEqual([['O1', 1]]);
    // Domestic: both suppliers are domestic here, so make the second one the only domestic one.
    const dom = complete([{ demand: 10 }], [{ supplier: 1, capacity: 10 }, { supplier: 2, capacity: 10, minOrder: 5 }], [[0.9, 0.5]]);
    expect(sharesOf(await plan(dom, { objective: 'domestic' }), 'L0')).toEqual([['O1', 1]]);
  });

  // 3. A line nobody qualifies for, with minSuppliers >= 2, constrains nothing.
  it('leaves a line nobody qualifies for unmet, with that reason, and plans every other line', async () => {
    const inst: Instance = { ...complete([{ demand: 10, minSuppliers: 2 }, { demand: 10 }], [{ supplier: 0, capacity: 100 }], [[0.5], [0.9]]), scores: [[undefined], [0.9]] };
    for (const relax of [false, true]) {
      const p = await plan(inst, { relax });
      expect(p.status).toBe('optimal');
      expect(p.lines[0]?.unmet).toMatchObject({ share: 1, reason: 'no_qualified_supplier' });
      expect(sharesOf(p, 'L1')).toEqual([['O0', 1]]);
      expect([...p.conflicts, ...p.relaxed]).toEqual([]);
    }
  });

  it('reports a line that cannot hold its own constraints in users\' terms, and plans the other components', async () => {
    // L0 asks for 2 suppliers but only S0 qualifies; L1 is served by S2 and shares nothing with L0.
    const inst: Instance = { ...complete([{ demand: 10, minSuppliers: 2 }, { demand: 10 }], [{ supplier: 0, capacity: 20 }, { supplier: 2, capacity: 20 }], []), scores: [[0.9, undefined], [undefined, 0.8]] };
    const p = await plan(inst);
    expect(p.status).toBe('infeasible');
    expect(p.conflicts.map((c) => c.message)).toEqual(['L0 asks for 2 suppliers but only S0 qualifies']);
    expect(p.lines[0]).toMatchObject({ status: 'infeasible', allocations: [], unmet: { share: 1, reason: 'infeasible', message: 'L0 asks for 2 suppliers but only S0 qualifies' } });
    expect(p.lines[1]).toMatchObject({ status: 'optimal' });
    expect(sharesOf(p, 'L1')).toEqual([['O1', 1]]);
    const relaxed = await plan(inst, { relax: true });
    expect(relaxed.status).toBe('optimal');
    expect(relaxed.relaxed.map((c) => [c.constraint, c.line, c.message])).toEqual([['minSuppliers', 'L0', 'L0 asks for 2 suppliers but only S0 qualifies']]);
    expect(sharesOf(relaxed, 'L0')).toEqual([['O0', 1]]);
  });

  it('finds conflicts that only arise together (shared capacity) and keeps them in their component', async () => {
    // L0 and L1 each need 2 suppliers carrying 10%, but S2's offering can carry only 1 unit of 10 + 10.
    const inst: Instance = {
      ...complete([{ demand: 10, minSuppliers: 2 }, { demand: 10, minSuppliers: 2 }, { demand: 5 }], [{ supplier: 0, capacity: 100 }, { supplier: 2, capacity: 1 }, { supplier: 4, capacity: 5 }], []),
      scores: [[0.9, 0.5, undefined], [0.9, 0.5, undefined], [undefined, undefined, 0.7]],
    };
    const p = await plan(inst);
    expect(p.status).toBe('infeasible');
    expect(p.conflicts.length).toBe(1);
    expect(p.conflicts[0]?.message).toMatch(/^L[01] asks for 2 suppliers, but only 1 can each carry 10% of it/);
    expect(p.lines.map((l) => l.status)).toEqual(['infeasible', 'infeasible', 'optimal']);
    expect(sharesOf(p, 'L2')).toEqual([['O2', 1]]);
    const r = await plan(inst, { relax: true });
    expect(r.status).toBe('optimal');
    expect(r.relaxed.length).toBe(1);
    expect(r.relaxed[0]?.message).not.toMatch(/only 0/);
    expect(checkPlan(inst, r, { integral: false }).filter((b) => !b.includes('counted'))).toEqual([]);
  });

  // 4. A solve stopped by a limit is never called optimal.
  it('says time_limit, with no plan and the reason, when the wall-clock limit ends the solve first', async () => {
    const p = await plan(complete([{ demand: 10 }], [{ supplier: 0, capacity: 100 }], [[0.9]]), { timeLimitSeconds: 1e-9 });
    expect(p.status).toBe('time_limit');
    expect(p.lines[0]?.unmet).toMatchObject({ share: 1, reason: 'no_plan' });
    expect(p.solver.limits).toEqual({ mipGap: 1e-4, maxNodes: 20_000, timeLimitSeconds: 1e-9, seed: 0, threads: 1 });
  });

  it('states the deterministic limits it ran under', async () => {
    const p = await plan(complete([{ demand: 10 }], [{ supplier: 0, capacity: 100 }], [[0.9]]));
    expect(p.solver.limits).toEqual({ mipGap: 1e-4, maxNodes: 20_000, timeLimitSeconds: undefined, seed: 0, threads: 1 });
    expect(p.solver.components).toEqual([{ lines: 1, status: 'optimal', endedBy: 'optimal', gaps: [0], nodes: 0, variables: 1, rows: 0, mip: false }]);
  });

  // 5. Whole units in the unit the buyer wrote, at any rate.
  it('allocates whole units of the line\'s own unit and period', async () => {
    const dataset = parseDataset({
      meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
      items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
      suppliers: [
        { id: 'S0', names: { en: 'S0' }, country: 'KR', offerings: [{ id: 'O0', item: 'IT', capacity: '300 unit/year' }, { id: 'O1', item: 'IT', capacity: '30 L/year' }] },
        { id: 'S1', names: { en: 'S1' }, country: 'KR', offerings: [{ id: 'O2', item: 'IT', capacity: '1000 unit/year' }, { id: 'O3', item: 'IT', capacity: '100 L/year' }] },
      ],
      buyers: [
        {
          id: 'B',
          names: { en: 'B' },
          country: 'KR',
          demandLines: [
            { id: 'WEEK', item: 'IT', quantity: '10 unit/week', sourcing: { minSuppliers: 2, maxSupplierShare: 0.75 } },
            { id: 'LITRE', item: 'IT', quantity: '50 L/year', sourcing: { minSuppliers: 2, maxSupplierShare: 0.75 } },
          ],
        },
      ],
    });
    const result = createMatcher({ topK: 10 }).match(dataset);
    const p = await allocate(result, dataset, { highs, integral: true });
    expect(p.status).toBe('optimal');
    for (const line of p.lines) {
      expect(line.unmet.share).toBe(0);
      for (const a of line.allocations) expect(Number.isInteger(a.quantity)).toBe(true);
    }
    const week = p.lines.find((l) => l.line === 'WEEK');
    expect(week?.allocations.map((a) => a.quantityText).sort()).toEqual(['3 unit/week', '7 unit/week'].sort());
    const litre = p.lines.find((l) => l.line === 'LITRE');
    expect(litre?.allocations.reduce((s, a) => s + a.quantity, 0)).toBe(50);
  });
});

describe('allocate: reasons and options', () => {
  it('explains unmet demand: shared capacity used up', async () => {
    const p = await plan(complete([{ demand: 4 }, { demand: 4 }], [{ supplier: 0, capacity: 6 }], [[0.9], [0.5]]));
    expect(p.lines.map((l) => l.unmet.share)).toEqual([0, 0.5]);
    expect(p.lines[1]?.unmet.reason).toBe('capacity_exhausted');
    expect(p.utilization).toEqual([{ supplier: 'S0', offering: 'O0', capacityText: '6 unit/year', utilization: 1, lines: ['L0', 'L1'] }]);
  });

  it('respects a maximum share and a minimum order', async () => {
    const p = await plan(complete([{ demand: 10, maxShare: 0.6 }], [{ supplier: 0, capacity: 100 }, { supplier: 1, capacity: 100 }], [[0.9, 0.8]]));
    expect(sharesOf(p, 'L0')).toEqual([['O0', 0.6], ['O1', 0.4]]);
    // O1 takes at least 5 of 10 or nothing; S0 at most 7: 0.7 + 0.3 is not allowed.
    const q = await plan(complete([{ demand: 10, maxShare: 0.7 }], [{ supplier: 0, capacity: 100 }, { supplier: 1, capacity: 100, minOrder: 5 }], [[0.9, 0.8]]));
    expect(sharesOf(q, 'L0')).toEqual([['O0', 0.5], ['O1', 0.5]]);
  });

  it('reports a domestic quota no domestic supplier can meet, and relaxes it when asked', async () => {
    const inst = complete([{ demand: 5 }], [{ supplier: 1, capacity: 9 }], [[1]], 0.3);
    const p = await plan(inst);
    expect(p.status).toBe('infeasible');
    expect(p.conflicts.map((c) => [c.constraint, c.buyer, c.message])).toEqual([['quota', 'B0', 'B0 asks for 30% of its volume from domestic suppliers; at most 0.0% can be']]);
    const r = await plan(inst, { relax: true });
    expect(r.status).toBe('optimal');
    expect(r.relaxed.map((c) => c.constraint)).toEqual(['quota']);
    expect(sharesOf(r, 'L0')).toEqual([['O0', 1]]);
  });

  it.each([
    [{ maxShare: 1.5 }, 'maxShare'],
    [{ objectve: 'cost' }, 'objectve'],
    [{ objective: 'cheap' }, 'objective'],
    [{ minSuppliers: 1.5 }, 'minSuppliers'],
    [{ maxNodes: 0 }, 'maxNodes'],
    [{ timeLimitSeconds: -1 }, 'timeLimitSeconds'],
    [{ relaxOrder: ['quota', 'quota'] }, 'relaxOrder'],
    [{ quotas: [{ domesticShare: 0.3, buyr: 'B0' }] }, 'quotas.0.buyr'],
  ])('refuses %j, naming %s', async (options, path) => {
    const { dataset, result } = buildInstance(complete([{ demand: 1 }], [{ supplier: 0 }], [[1]]));
    const error = await allocate(result, dataset, options as AllocateOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplymatchError);
    expect((error as SupplymatchError).issues.map((i) => i.path)).toContain(path);
  });
});

describe('allocate on incheon-bio', () => {
  it('serves every servable line and keeps dual sourcing where asked', async () => {
    const dataset = await loadDataset('fixtures/incheon-bio');
    const result = createMatcher({ topK: 1000 }).match(dataset);
    const p = await allocate(result, dataset, { highs });
    expect(p.status).toBe('optimal');
    // The lines nobody can serve are those whose labels are all grade 0 (five, by the fixture's README).
    const servable = new Set((dataset.truth ?? []).filter((t) => t.grade > 0).map((t) => t.line));
    const nobody = dataset.buyers.flatMap((b) => b.demandLines).filter((l) => !servable.has(l.id));
    expect(nobody.map((l) => l.id)).toEqual(['HB-D04', 'YB-D01', 'YB-D02', 'YB-D05', 'MB-D16']);
    expect(p.totals.unserved).toBe(nobody.length);
    for (const line of p.lines) for (const a of line.allocations) expect(a.share).toBeLessThanOrEqual(line.maxShare + 1e-9);
    const sb01 = p.lines.find((l) => l.line === 'SB-D01');
    expect(sb01?.minSuppliers).toBe(2);
    expect(new Set(sb01?.allocations.map((a) => a.supplier)).size).toBeGreaterThanOrEqual(2);
  });

  it('plans the README example (domestic, 30% quota, relax)', async () => {
    const dataset = await loadDataset('fixtures/incheon-bio');
    const result = createMatcher({ topK: 1000 }).match(dataset);
    const p = await allocate(result, dataset, { highs, objective: 'domestic', quotas: [{ domesticShare: 0.3 }], relax: true });
    expect(p.status).toBe('optimal');
    expect(p.totals.fullyServed).toBeGreaterThanOrEqual(40);
  });
});
