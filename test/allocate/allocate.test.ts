import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate, type AllocationPlan } from '../../src/allocate/allocate.js';
import { loadHighs, type HighsSolver } from '../../src/allocate/lp.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { MatchResult, RankedCandidate } from '../../src/engine/result.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

let highs: HighsSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

interface Instance {
  readonly lines: { demand: number; minSuppliers: number; maxShare: number }[];
  /** offering o of supplier supplierOf[o], capacity, minimum order; a score per (line, offering). */
  readonly offerings: { supplier: number; capacity: number; minOrder: number }[];
  readonly scores: number[][];
}

/** A dataset and a match result with the instance's candidates (every offering qualifies for every line). */
function build(inst: Instance): { dataset: Dataset; result: MatchResult } {
  const suppliers = [...new Set(inst.offerings.map((o) => o.supplier))].sort();
  const dataset = parseDataset({
    meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
    suppliers: suppliers.map((s) => ({
      id: `S${s}`,
      names: { en: `S${s}` },
      country: s % 2 === 0 ? 'KR' : 'US',
      offerings: inst.offerings
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => o.supplier === s)
        .map(({ o, i }) => ({
          id: `O${i}`,
          item: 'IT',
          capacity: `${o.capacity} unit/year`,
          ...(o.minOrder > 0 ? { minOrder: `${o.minOrder} unit` } : {}),
          unitPrice: { amount: 10 + i, currency: 'KRW' },
        })),
    })),
    buyers: [
      {
        id: 'B',
        names: { en: 'B' },
        country: 'KR',
        demandLines: inst.lines.map((l, i) => ({
          id: `L${i}`,
          item: 'IT',
          quantity: `${l.demand} unit/year`,
          sourcing: { minSuppliers: l.minSuppliers, maxSupplierShare: l.maxShare },
        })),
      },
    ],
  });
  const result: MatchResult = {
    settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: 10, rejectedK: 0, candidates: 'blocked', criteria: [] },
    lines: inst.lines.map((_, li) => {
      const candidates: RankedCandidate[] = inst.offerings.map((o, oi) => ({
        rank: oi + 1,
        supplier: `S${o.supplier}`,
        offering: `O${oi}`,
        item: 'IT',
        score: inst.scores[li]?.[oi] ?? 0.5,
        outcomes: [],
      }));
      return { line: `L${li}`, buyer: 'B', resolution: { items: [], categories: [], ambiguous: false }, candidates, qualifiedCount: candidates.length, rejected: [], rejectedCount: 0, pairsScored: candidates.length };
    }),
    stats: { lines: inst.lines.length, offerings: inst.offerings.length, pairsScored: 0, linesWithCandidates: inst.lines.length },
  };
  return { dataset, result };
}

/** The best objective by enumerating every integer allocation; undefined when none is feasible. */
function bruteForce(inst: Instance, minCounted = 0.1): number | undefined {
  const perLine: number[][][] = inst.lines.map((line) => {
    const options: number[][] = [];
    const rec = (o: number, acc: number[], left: number): void => {
      if (o === inst.offerings.length) {
        options.push(acc);
        return;
      }
      for (let q = 0; q <= left; q++) rec(o + 1, [...acc, q], left - q);
    };
    rec(0, [], line.demand);
    return options.filter((xs) => {
      const bySupplier = new Map<number, number>();
      xs.forEach((q, o) => bySupplier.set(inst.offerings[o]!.supplier, (bySupplier.get(inst.offerings[o]!.supplier) ?? 0) + q));
      if ([...bySupplier.values()].some((q) => q > line.maxShare * line.demand + 1e-9)) return false;
      if (xs.some((q, o) => q > 0 && q < inst.offerings[o]!.minOrder)) return false;
      const counted = [...bySupplier.values()].filter((q) => q >= minCounted * line.demand - 1e-9 && q > 0).length;
      return line.minSuppliers <= 1 || counted >= line.minSuppliers;
    });
  });
  let best: number | undefined;
  const rec = (l: number, used: number[], value: number): void => {
    if (l === inst.lines.length) {
      if (best === undefined || value > best) best = value;
      return;
    }
    for (const xs of perLine[l]!) {
      const next = used.map((u, o) => u + (xs[o] ?? 0));
      if (next.some((u, o) => u > inst.offerings[o]!.capacity)) continue;
      rec(l + 1, next, value + xs.reduce((s, q, o) => s + ((inst.scores[l]?.[o] ?? 0) * q) / inst.lines[l]!.demand, 0));
    }
  };
  rec(0, inst.offerings.map(() => 0), 0);
  return best;
}

const planValue = (plan: AllocationPlan): number => plan.lines.reduce((s, l) => s + l.allocations.reduce((t, a) => t + a.score * a.share, 0), 0);

const instances = fc.record({
  lines: fc.array(
    fc.record({ demand: fc.integer({ min: 1, max: 4 }), minSuppliers: fc.integer({ min: 1, max: 2 }), maxShare: fc.constantFrom(1, 0.75, 0.5) }),
    { minLength: 1, maxLength: 2 },
  ),
  offerings: fc.array(fc.record({ supplier: fc.integer({ min: 0, max: 2 }), capacity: fc.integer({ min: 0, max: 5 }), minOrder: fc.integer({ min: 0, max: 2 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  scores: fc.array(fc.array(fc.integer({ min: 1, max: 10 }).map((s) => s / 10), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
});

describe('allocate against brute force', () => {
  it('reaches the brute-force optimum on small integer instances (or both find none)', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async (inst) => {
        const { dataset, result } = build(inst);
        const plan = await allocate(result, dataset, { integral: true, highs, mipGap: 1e-9 });
        const best = bruteForce(inst);
        if (best === undefined) expect(plan.status).toBe('infeasible');
        else {
          expect(plan.status).toBe('optimal');
          expect(planValue(plan)).toBeCloseTo(best, 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never exceeds a capacity nor over-serves a line, and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.constantFrom('score', 'cost', 'domestic'), async (inst, objective) => {
        const { dataset, result } = build(inst);
        const plan = await allocate(result, dataset, { objective: objective as 'score', highs, relax: true });
        const again = await allocate(result, dataset, { objective: objective as 'score', highs, relax: true });
        expect(again).toEqual(plan);
        for (const line of plan.lines) {
          const total = line.allocations.reduce((s, a) => s + a.share, 0) + line.unmet.share;
          expect(total).toBeCloseTo(1, 6);
          for (const a of line.allocations) expect(a.share).toBeGreaterThan(0);
        }
        const load = new Map<string, number>();
        plan.lines.forEach((line, li) => {
          for (const a of line.allocations) load.set(a.offering, (load.get(a.offering) ?? 0) + a.share * inst.lines[li]!.demand);
        });
        for (const [offering, used] of load) expect(used).toBeLessThanOrEqual(inst.offerings[Number(offering.slice(1))]!.capacity + 1e-6);
      }),
      { numRuns: 40 },
    );
  });
});

describe('allocate: conflicts and relaxation', () => {
  const single: Instance = {
    lines: [{ demand: 10, minSuppliers: 2, maxShare: 1 }],
    offerings: [{ supplier: 0, capacity: 20, minOrder: 0 }],
    scores: [[0.9]],
  };

  it('says which constraints conflict, in users\' terms', async () => {
    const { dataset, result } = build(single);
    const plan = await allocate(result, dataset, { highs });
    expect(plan.status).toBe('infeasible');
    expect(plan.conflicts.map((c) => c.message)).toEqual(['L0 asks for 2 suppliers but only S0 qualifies']);
    expect(plan.lines[0]?.allocations).toEqual([]);
  });

  it('relaxes the conflicting constraint only, and reports it', async () => {
    const { dataset, result } = build(single);
    const plan = await allocate(result, dataset, { highs, relax: true });
    expect(plan.status).toBe('relaxed');
    expect(plan.relaxed.map((c) => [c.constraint, c.line])).toEqual([['minSuppliers', 'L0']]);
    expect(plan.lines[0]?.allocations.map((a) => [a.supplier, a.share])).toEqual([['S0', 1]]);
  });

  it('reports a domestic quota no domestic supplier can meet', async () => {
    const { dataset, result } = build({ lines: [{ demand: 5, minSuppliers: 1, maxShare: 1 }], offerings: [{ supplier: 1, capacity: 9, minOrder: 0 }], scores: [[1]] });
    const plan = await allocate(result, dataset, { highs, quotas: [{ buyer: 'B', domesticShare: 0.3 }] });
    expect(plan.status).toBe('infeasible');
    expect(plan.conflicts[0]?.message).toBe('B asks for 30% of its volume from domestic suppliers, but no domestic supplier qualifies for any of its 1 line(s)');
  });

  it('explains unmet demand: shared capacity used up', async () => {
    const { dataset, result } = build({
      lines: [
        { demand: 4, minSuppliers: 1, maxShare: 1 },
        { demand: 4, minSuppliers: 1, maxShare: 1 },
      ],
      offerings: [{ supplier: 0, capacity: 6, minOrder: 0 }],
      scores: [[0.9], [0.5]],
    });
    const plan = await allocate(result, dataset, { highs });
    expect(plan.lines.map((l) => l.unmet.share)).toEqual([0, 0.5]);
    expect(plan.lines[1]?.unmet.reason).toBe('capacity_exhausted');
    expect(plan.utilization).toEqual([{ supplier: 'S0', offering: 'O0', capacityText: '6 unit/year', utilization: 1, lines: ['L0', 'L1'] }]);
  });

  it('respects a maximum share and a minimum order', async () => {
    const { dataset, result } = build({
      lines: [{ demand: 10, minSuppliers: 1, maxShare: 0.6 }],
      offerings: [
        { supplier: 0, capacity: 100, minOrder: 0 },
        { supplier: 1, capacity: 100, minOrder: 0 },
      ],
      scores: [[0.9, 0.8]],
    });
    const plan = await allocate(result, dataset, { highs });
    expect(plan.lines[0]?.allocations.map((a) => [a.supplier, a.share])).toEqual([
      ['S0', 0.6],
      ['S1', 0.4],
    ]);
    const moq = build({
      lines: [{ demand: 10, minSuppliers: 1, maxShare: 0.7 }],
      offerings: [
        { supplier: 0, capacity: 100, minOrder: 0 },
        { supplier: 1, capacity: 100, minOrder: 5 },
      ],
      scores: [[0.9, 0.8]],
    });
    const p2 = await allocate(moq.result, moq.dataset, { highs });
    // S1 must take at least 5 of 10 or nothing; S0 may take at most 7: 0.7 + 0.3 is not allowed.
    expect(p2.lines[0]?.allocations.map((a) => [a.supplier, a.share])).toEqual([
      ['S0', 0.5],
      ['S1', 0.5],
    ]);
  });

  it('refuses bad options with paths', async () => {
    const { dataset, result } = build(single);
    await expect(allocate(result, dataset, { highs, maxShare: 1.5 })).rejects.toThrow(/maxShare/);
  });
});

describe('allocate on incheon-bio', () => {
  it('serves every servable line and keeps dual sourcing where asked', async () => {
    const dataset = await loadDataset('fixtures/incheon-bio');
    const result = createMatcher({ topK: 50 }).match(dataset);
    const plan = await allocate(result, dataset, { highs, relax: true });
    expect(plan.status).toBe('optimal');
    // The lines nobody can serve are those whose labels are all grade 0 (five, by the fixture's README).
    const servable = new Set((dataset.truth ?? []).filter((t) => t.grade > 0).map((t) => t.line));
    const nobody = dataset.buyers.flatMap((b) => b.demandLines).filter((l) => !servable.has(l.id));
    expect(nobody.map((l) => l.id)).toEqual(['HB-D04', 'YB-D01', 'YB-D02', 'YB-D05', 'MB-D16']);
    expect(plan.totals.unserved).toBe(nobody.length);
    for (const line of plan.lines) {
      if (line.allocations.length === 0) continue;
      for (const a of line.allocations) expect(a.share).toBeLessThanOrEqual(line.maxShare + 1e-9);
    }
    const sb01 = plan.lines.find((l) => l.line === 'SB-D01');
    expect(sb01?.minSuppliers).toBe(2);
    expect(new Set(sb01?.allocations.map((a) => a.supplier)).size).toBeGreaterThanOrEqual(2);
  });
});
