/**
 * Allocation benchmark: 1,000 demand lines x 10 qualified candidates each, sharing 2,000
 * offerings' capacity, with dual sourcing and maximum shares on a fifth of the lines and
 * minimum orders on a tenth of the offerings (a mixed-integer programme). Run with
 * `npx tsx bench/allocate.ts [--lines 1000] [--candidates 10] [--seed 1]`; prints its figures.
 */
import { parseArgs } from 'node:util';
process.on('exit', (c) => { if (process.env.DEBUG) console.error('exit', c); });
import { allocate } from '../src/allocate/allocate.js';
import { loadHighs } from '../src/allocate/lp.js';
import { parseDataset } from '../src/dataset/parse.js';
import type { MatchResult, RankedCandidate } from '../src/engine/result.js';
import { mulberry32 } from './generate.js';

const { values } = parseArgs({ options: { lines: { type: 'string' }, candidates: { type: 'string' }, seed: { type: 'string' } } });
const LINES = Number(values.lines ?? 1000);
const PER_LINE = Number(values.candidates ?? 10);
const OFFERINGS = LINES * 2;

const rand = mulberry32(Number(values.seed ?? 1));
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

const suppliers = Array.from({ length: OFFERINGS / 2 }, (_, s) => ({
  id: `S-${s}`,
  names: { en: `Supplier ${s}` },
  country: s % 3 === 0 ? 'US' : 'KR',
  offerings: [0, 1].map((k) => {
    const i = s * 2 + k;
    return {
      id: `O-${i}`,
      item: 'IT',
      capacity: `${int(50, 400) * 10} unit/year`,
      ...(i % 10 === 0 ? { minOrder: `${int(1, 5) * 100} unit` } : {}),
      unitPrice: { amount: int(80, 200) * 1000, currency: 'KRW' },
    };
  }),
}));
const lines = Array.from({ length: LINES }, (_, l) => ({
  id: `L-${l}`,
  item: 'IT',
  quantity: `${int(10, 200) * 10} unit/month`,
  ...(l % 5 === 0 ? { sourcing: { minSuppliers: 2, maxSupplierShare: 0.7 } } : {}),
}));
const t0 = performance.now();
const dataset = parseDataset({
  meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
  items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
  suppliers,
  buyers: [{ id: 'B', names: { en: 'Buyer' }, country: 'KR', demandLines: lines }],
});
const result: MatchResult = {
  settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: PER_LINE, rejectedK: 0, candidates: 'blocked', criteria: [] },
  lines: lines.map((l) => {
    const picked = new Set<number>();
    while (picked.size < PER_LINE) picked.add(int(0, OFFERINGS - 1));
    const candidates: RankedCandidate[] = [...picked]
      .map((o) => ({ supplier: `S-${Math.floor(o / 2)}`, offering: `O-${o}`, score: Math.round(rand() * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score)
      .map((c, i) => ({ ...c, rank: i + 1, item: 'IT', outcomes: [] }));
    return { line: l.id, buyer: 'B', resolution: { items: [], categories: [], ambiguous: false }, candidates, qualifiedCount: PER_LINE, rejected: [], rejectedCount: 0, pairsScored: PER_LINE };
  }),
  stats: { lines: LINES, offerings: OFFERINGS, pairsScored: LINES * PER_LINE, linesWithCandidates: LINES },
};
const built = performance.now();
const highs = await loadHighs();
const loaded = performance.now();
const objectives = (process.env.OBJECTIVES ?? 'score,cost,domestic').split(',') as ('score' | 'cost' | 'domestic')[];
for (const objective of objectives) {
  const t = performance.now();
  const plan = await allocate(result, dataset, { objective, highs, relax: true });
  if (process.env.DEBUG) console.log(plan.relaxed, plan.conflicts, plan.warnings.slice(0, 3));
  const ms = performance.now() - t;
  console.log(
    `${objective.padEnd(8)} ${LINES} lines x ${PER_LINE} candidates: ${ms.toFixed(0)} ms (${plan.status}, ${plan.solver.variables} variables, ${plan.solver.rows} rows, MIP ${plan.solver.mip}); ` +
      `served ${(plan.totals.servedShare * 100).toFixed(1)}%, fully ${plan.totals.fullyServed}, partly ${plan.totals.partlyServed}, none ${plan.totals.unserved}`,
  );
}
console.log(`dataset build ${(built - t0).toFixed(0)} ms, HiGHS load ${(loaded - built).toFixed(0)} ms`);
