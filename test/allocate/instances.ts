/**
 * Small allocation instances written as plain data, a dataset and match result built from
 * them, and two things that share nothing with the library's model builder: a checker of
 * every constraint of a returned plan, and a reference model of the same problem solved by
 * GLPK (glpk.js). Both are written from the documented semantics (docs/allocation.md).
 */
import GLPK, { type LP } from 'glpk.js/node';
import { mulberry32 } from '../../bench/generate.js';
import type { AllocationPlan } from '../../src/allocate/allocate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import type { MatchResult, RankedCandidate } from '../../src/engine/result.js';
import type { Dataset } from '../../src/model/dataset.js';

export interface InstanceLine {
  readonly buyer: number;
  /** Units per year. */
  readonly demand: number;
  readonly minSuppliers: number;
  readonly maxShare: number;
}

export interface InstanceOffering {
  readonly supplier: number;
  /** Units per year; undefined: unlimited. */
  readonly capacity: number | undefined;
  /** Units (one order a year); 0: none. */
  readonly minOrder: number;
  /** KRW per unit. */
  readonly price: number;
  readonly domestic: boolean;
}

export interface Instance {
  readonly lines: readonly InstanceLine[];
  readonly offerings: readonly InstanceOffering[];
  /** score[l][o], or undefined when offering o does not qualify for line l. */
  readonly scores: readonly (readonly (number | undefined)[])[];
  /** Domestic share asked of every buyer, or 0. */
  readonly quota: number;
}

/** A random instance of a few lines and offerings. */
export function randomInstance(seed: number): Instance {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const nLines = int(1, 4);
  const nOfferings = int(2, 5);
  const offerings: InstanceOffering[] = Array.from({ length: nOfferings }, () => {
    const supplier = int(0, 3);
    return {
      supplier,
      capacity: r() < 0.8 ? int(0, 30) : undefined,
      minOrder: r() < 0.3 ? int(1, 10) : 0,
      price: int(10, 100),
      domestic: supplier % 2 === 0,
    };
  });
  const lines: InstanceLine[] = Array.from({ length: nLines }, () => ({
    buyer: int(0, 1),
    demand: int(1, 20),
    minSuppliers: r() < 0.2 ? 2 : 1,
    maxShare: [1, 1, 0.7, 0.5][int(0, 3)] ?? 1,
  }));
  const scores = lines.map(() => offerings.map(() => (r() < 0.75 ? int(1, 100) / 100 : undefined)));
  return { lines, offerings, scores, quota: r() < 0.25 ? 0.3 : 0 };
}

/** The dataset and match result of an instance: suppliers S<i>, offerings O<i>, buyers B<i>, lines L<i>. */
export function buildInstance(inst: Instance): { dataset: Dataset; result: MatchResult } {
  const supplierIds = [...new Set(inst.offerings.map((o) => o.supplier))].sort((a, b) => a - b);
  const dataset = parseDataset({
    meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
    suppliers: supplierIds.map((s) => ({
      id: `S${s}`,
      names: { en: `S${s}` },
      country: s % 2 === 0 ? 'KR' : 'US',
      offerings: inst.offerings
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => o.supplier === s)
        .map(({ o, i }) => ({
          id: `O${i}`,
          item: 'IT',
          ...(o.capacity !== undefined ? { capacity: `${o.capacity} unit/year` } : {}),
          ...(o.minOrder > 0 ? { minOrder: `${o.minOrder} unit` } : {}),
          unitPrice: { amount: o.price, currency: 'KRW' },
        })),
    })),
    buyers: [0, 1].map((b) => ({
      id: `B${b}`,
      names: { en: `B${b}` },
      country: 'KR',
      demandLines: inst.lines
        .map((l, i) => ({ l, i }))
        .filter(({ l }) => l.buyer === b)
        .map(({ l, i }) => ({ id: `L${i}`, item: 'IT', quantity: `${l.demand} unit/year`, sourcing: { minSuppliers: l.minSuppliers, maxSupplierShare: l.maxShare } })),
    })),
  });
  const result: MatchResult = {
    settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: 100, rejectedK: 0, candidates: 'blocked', criteria: [] },
    lines: inst.lines.map((l, li) => {
      const candidates: RankedCandidate[] = inst.offerings
        .map((o, oi) => ({ o, oi, score: inst.scores[li]?.[oi] }))
        .filter((c): c is { o: InstanceOffering; oi: number; score: number } => c.score !== undefined)
        .map((c, rank) => ({ rank: rank + 1, supplier: `S${c.o.supplier}`, offering: `O${c.oi}`, item: 'IT', score: c.score, outcomes: [] }));
      return { line: `L${li}`, buyer: `B${l.buyer}`, resolution: { items: [], categories: [], ambiguous: false }, candidates, qualifiedCount: candidates.length, rejected: [], rejectedCount: 0, pairsScored: candidates.length };
    }),
    stats: { lines: inst.lines.length, offerings: inst.offerings.length, pairsScored: 0, linesWithCandidates: inst.lines.length },
  };
  return { dataset, result };
}

/** Units of offering o given to line l by a plan, read from its shares. */
export function planUnits(inst: Instance, plan: AllocationPlan): number[][] {
  return inst.lines.map((l, li) => {
    const units = inst.offerings.map(() => 0);
    const lp = plan.lines.find((p) => p.line === `L${li}`);
    for (const a of lp?.allocations ?? []) units[Number(a.offering.slice(1))] = a.share * l.demand;
    return units;
  });
}

/**
 * Every constraint of a plan, checked from the instance alone. Returns the violations found
 * (empty when the plan holds). `integral`: quantities must be whole units.
 */
export function checkPlan(inst: Instance, plan: AllocationPlan, options: { integral: boolean; minCounted?: number }): string[] {
  const eps = 1e-6;
  const minCounted = options.minCounted ?? 0.1;
  const units = planUnits(inst, plan);
  const bad: string[] = [];
  const planned = (li: number): boolean => plan.lines.find((p) => p.line === `L${li}`)?.status !== 'infeasible';
  inst.offerings.forEach((o, oi) => {
    const used = units.reduce((s, u) => s + (u[oi] ?? 0), 0);
    if (o.capacity !== undefined && used > o.capacity * (1 + eps) + eps) bad.push(`O${oi} carries ${used} > capacity ${o.capacity}`);
  });
  inst.lines.forEach((l, li) => {
    const u = units[li] ?? [];
    const total = u.reduce((s, v) => s + v, 0);
    if (total > l.demand * (1 + eps)) bad.push(`L${li} served ${total} > demand ${l.demand}`);
    u.forEach((v, oi) => {
      if (v > eps && inst.scores[li]?.[oi] === undefined) bad.push(`L${li} served by O${oi}, which does not qualify`);
      const o = inst.offerings[oi];
      if (o && v > eps && v < o.minOrder * (1 - eps)) bad.push(`L${li} gets ${v} of O${oi}, below its minimum order ${o.minOrder}`);
      if (options.integral && Math.abs(v - Math.round(v)) > 1e-6) bad.push(`L${li} gets ${v} of O${oi}, not a whole number`);
    });
    const bySupplier = new Map<number, number>();
    u.forEach((v, oi) => {
      const s = inst.offerings[oi]?.supplier ?? -1;
      bySupplier.set(s, (bySupplier.get(s) ?? 0) + v);
    });
    for (const [s, v] of bySupplier) if (v > l.maxShare * l.demand * (1 + eps) + eps) bad.push(`L${li}: S${s} carries ${v} > ${l.maxShare} of ${l.demand}`);
    const hasCandidates = inst.scores[li]?.some((s) => s !== undefined) ?? false;
    if (l.minSuppliers > 1 && hasCandidates && planned(li)) {
      const counted = [...bySupplier.values()].filter((v) => v > eps && v >= minCounted * l.demand * (1 - eps)).length;
      if (counted < l.minSuppliers) bad.push(`L${li} has ${counted} counted suppliers < ${l.minSuppliers}`);
    }
  });
  if (inst.quota > 0)
    for (const b of [0, 1]) {
      const mine = inst.lines.map((l, li) => ({ l, li })).filter(({ l, li }) => l.buyer === b && (inst.scores[li]?.some((s) => s !== undefined) ?? false));
      if (mine.length === 0 || mine.some(({ li }) => !planned(li))) continue;
      const domestic = mine.reduce((s, { l, li }) => s + (units[li] ?? []).reduce((t, v, oi) => t + (inst.offerings[oi]?.domestic ? v : 0), 0) / l.demand, 0);
      if (domestic < inst.quota * mine.length * (1 - eps) - eps) bad.push(`B${b} domestic ${domestic / mine.length} < ${inst.quota}`);
    }
  return bad;
}

/** The values a plan reaches on each objective, computed from the instance. */
export function planValues(inst: Instance, plan: AllocationPlan): { served: number; score: number; cost: number; domestic: number } {
  const units = planUnits(inst, plan);
  let served = 0;
  let score = 0;
  let cost = 0;
  let domestic = 0;
  inst.lines.forEach((l, li) =>
    (units[li] ?? []).forEach((v, oi) => {
      served += v / l.demand;
      score += ((inst.scores[li]?.[oi] ?? 0) * v) / l.demand;
      cost += (inst.offerings[oi]?.price ?? 0) * v;
      if (inst.offerings[oi]?.domestic) domestic += v / l.demand;
    }),
  );
  return { served, score, cost, domestic };
}

let glpk: Awaited<ReturnType<typeof GLPK>> | undefined;

/**
 * The same problem written independently for GLPK: variables are units per year, switches
 * for minimum orders and counted suppliers are binaries on every pair and supplier (no
 * pruning), and lexicographic objectives are solved in turn with the earlier one as a floor.
 * Returns the optimum of the objective (score, or cost / domestic after the most served), or
 * undefined when the constraints cannot hold.
 */
export async function referenceOptimum(inst: Instance, objective: 'score' | 'cost' | 'domestic', options: { integral: boolean }): Promise<{ served: number; value: number } | undefined> {
  glpk ??= await GLPK();
  const g = glpk;
  const q = (l: number, o: number): string => `q_${l}_${o}`;
  const pairs: [number, number][] = [];
  inst.lines.forEach((_, li) => inst.offerings.forEach((__, oi) => inst.scores[li]?.[oi] !== undefined && pairs.push([li, oi])));
  const subjectTo: LP['subjectTo'] = [];
  const bounds: NonNullable<LP['bounds']> = [];
  const binaries: string[] = [];
  const up = (ub: number) => ({ type: g.GLP_UP, ub, lb: 0 });
  const lo = (lb: number) => ({ type: g.GLP_LO, ub: 0, lb });
  for (const [li, oi] of pairs) bounds.push({ name: q(li, oi), type: g.GLP_DB, lb: 0, ub: inst.lines[li]?.demand ?? 0 });
  inst.lines.forEach((l, li) => {
    const mine = pairs.filter(([a]) => a === li);
    if (mine.length === 0) return;
    subjectTo.push({ name: `demand_${li}`, vars: mine.map(([, oi]) => ({ name: q(li, oi), coef: 1 })), bnds: up(l.demand) });
    const suppliers = [...new Set(mine.map(([, oi]) => inst.offerings[oi]?.supplier ?? -1))];
    const counted: { name: string; coef: number }[] = [];
    for (const s of suppliers) {
      const vars = mine.filter(([, oi]) => inst.offerings[oi]?.supplier === s).map(([, oi]) => ({ name: q(li, oi), coef: 1 }));
      subjectTo.push({ name: `share_${li}_${s}`, vars, bnds: up(l.maxShare * l.demand) });
      if (l.minSuppliers > 1) {
        const z = `count_${li}_${s}`;
        binaries.push(z);
        counted.push({ name: z, coef: 1 });
        // Counted: carries at least 10% of the line, and something.
        subjectTo.push({ name: `counted_${li}_${s}`, vars: [...vars, { name: z, coef: -0.1 * l.demand }], bnds: lo(0) });
        subjectTo.push({ name: `counted_pos_${li}_${s}`, vars: [...vars, { name: z, coef: -1e-6 * l.demand }], bnds: lo(0) });
      }
    }
    if (l.minSuppliers > 1) subjectTo.push({ name: `suppliers_${li}`, vars: counted.length > 0 ? counted : [{ name: q(li, mine[0]?.[1] ?? 0), coef: 0 }], bnds: lo(l.minSuppliers) });
    for (const [, oi] of mine) {
      const o = inst.offerings[oi];
      if (!o || o.minOrder <= 0) continue;
      const y = `order_${li}_${oi}`;
      binaries.push(y);
      subjectTo.push({ name: `order_max_${li}_${oi}`, vars: [{ name: q(li, oi), coef: 1 }, { name: y, coef: -l.demand }], bnds: up(0) });
      subjectTo.push({ name: `order_min_${li}_${oi}`, vars: [{ name: q(li, oi), coef: 1 }, { name: y, coef: -o.minOrder }], bnds: lo(0) });
    }
  });
  inst.offerings.forEach((o, oi) => {
    const vars = pairs.filter(([, b]) => b === oi).map(([li]) => ({ name: q(li, oi), coef: 1 }));
    if (o.capacity !== undefined && vars.length > 0) subjectTo.push({ name: `capacity_${oi}`, vars, bnds: up(o.capacity) });
  });
  if (inst.quota > 0)
    for (const b of [0, 1]) {
      const mine = inst.lines.map((l, li) => ({ l, li })).filter(({ l, li }) => l.buyer === b && pairs.some(([a]) => a === li));
      if (mine.length === 0) continue;
      const vars = pairs.filter(([li, oi]) => inst.lines[li]?.buyer === b && inst.offerings[oi]?.domestic).map(([li, oi]) => ({ name: q(li, oi), coef: 1 / (inst.lines[li]?.demand ?? 1) }));
      subjectTo.push({ name: `quota_${b}`, vars: vars.length > 0 ? vars : [{ name: q(...(pairs[0] ?? [0, 0])), coef: 0 }], bnds: lo(inst.quota * mine.length) });
    }
  const served = pairs.map(([li, oi]) => ({ name: q(li, oi), coef: 1 / (inst.lines[li]?.demand ?? 1) }));
  const generals = options.integral ? pairs.map(([li, oi]) => q(li, oi)) : [];
  const solve = (direction: number, vars: { name: string; coef: number }[], extra: LP['subjectTo']) => {
    if (vars.length === 0) return { ok: true, z: 0, vars: {} as Record<string, number> };
    const lp: LP = { name: 'reference', objective: { direction, name: 'obj', vars }, subjectTo: [...subjectTo, ...extra], bounds, binaries, generals };
    const r = g.solve(lp, { msglev: g.GLP_MSG_OFF, mipgap: 1e-9, presol: true });
    const ok = r.result.status === g.GLP_OPT || r.result.status === g.GLP_FEAS;
    return { ok, z: r.result.z, vars: r.result.vars };
  };
  if (pairs.length === 0) return { served: 0, value: 0 };
  if (objective === 'score') {
    const r = solve(g.GLP_MAX, pairs.map(([li, oi]) => ({ name: q(li, oi), coef: (inst.scores[li]?.[oi] ?? 0) / (inst.lines[li]?.demand ?? 1) })), []);
    if (!r.ok) return undefined;
    return { served: served.reduce((s, v) => s + v.coef * (r.vars[v.name] ?? 0), 0), value: r.z };
  }
  const first = solve(g.GLP_MAX, served, []);
  if (!first.ok) return undefined;
  const floor = [{ name: 'served_floor', vars: served, bnds: lo(first.z - 1e-7) }];
  const second =
    objective === 'cost'
      ? solve(g.GLP_MIN, pairs.map(([li, oi]) => ({ name: q(li, oi), coef: inst.offerings[oi]?.price ?? 0 })), floor)
      : solve(g.GLP_MAX, pairs.filter(([, oi]) => inst.offerings[oi]?.domestic).map(([li, oi]) => ({ name: q(li, oi), coef: 1 / (inst.lines[li]?.demand ?? 1) })), floor);
  if (!second.ok) return undefined;
  return { served: first.z, value: second.z };
}
