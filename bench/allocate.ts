/**
 * Allocation benchmark. Three cases, each a seeded random dataset and a match result built
 * directly (so that only the allocation is timed):
 *
 * - `1000x10`: 1,000 demand lines x 10 qualified candidates each among 2,000 offerings, dual
 *   sourcing and a 70% maximum share on a fifth of the lines, minimum orders on a tenth of
 *   the offerings, capacity tight by design (run with `relax`);
 * - `100x35`: 100 lines, every one of 35 offerings (25 suppliers) qualified for every line;
 * - `300x50`: 300 lines, every one of 50 suppliers' offerings qualified for every line.
 *
 * For each case and objective it prints the plan's status, gap and served share, and where the
 * time goes: reading the lines, writing the models, the solver (its linear relaxation and rounds
 * of cuts, the rounding heuristic, the mixed-integer search), reading the plan. With `--cbc`
 * (and Debian's `coinor-cbc` installed) it also writes the first model of the `100x35` case
 * as LP text and times native CBC on it, for a ratio with the WebAssembly HiGHS solve.
 *
 * Run with `npx tsx bench/allocate.ts [--case 1000x10,100x35,300x50] [--objectives score,cost,domestic] [--cbc]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allocateTimed, type AllocationObjective, type AllocationTimings } from '../src/allocate/allocate.js';
import { buildLines } from '../src/allocate/lines.js';
import { loadHighs, openSession, toLpText } from '../src/allocate/lp.js';
import { buildComponentModel } from '../src/allocate/model.js';
import { parseDataset } from '../src/dataset/parse.js';
import type { MatchResult, RankedCandidate } from '../src/engine/result.js';
import type { Dataset } from '../src/model/dataset.js';
import { mulberry32 } from './generate.js';

const { values } = parseArgs({ options: { case: { type: 'string' }, objectives: { type: 'string' }, cbc: { type: 'boolean' }, seed: { type: 'string' }, 'max-nodes': { type: 'string' } } });
const seed = Number(values.seed ?? 1);
const maxNodes = values['max-nodes'] === undefined ? undefined : Number(values['max-nodes']);

interface Case {
  readonly name: string;
  readonly lines: number;
  readonly suppliers: number;
  readonly offeringsPerSupplier: number;
  /** Candidates per line; undefined: every offering. */
  readonly perLine: number | undefined;
  readonly relax: boolean;
}

const CASES: readonly Case[] = [
  { name: '1000x10', lines: 1000, suppliers: 1000, offeringsPerSupplier: 2, perLine: 10, relax: true },
  { name: '100x35', lines: 100, suppliers: 25, offeringsPerSupplier: 0, perLine: undefined, relax: false },
  { name: '300x50', lines: 300, suppliers: 50, offeringsPerSupplier: 1, perLine: undefined, relax: false },
];

function generate(c: Case): { dataset: Dataset; result: MatchResult } {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  // 100x35: 25 suppliers, the first ten with two offerings.
  const offeringsOf = (s: number): number => (c.offeringsPerSupplier > 0 ? c.offeringsPerSupplier : s < 10 ? 2 : 1);
  const offerings: { id: string; supplier: string }[] = [];
  const suppliers = Array.from({ length: c.suppliers }, (_, s) => ({
    id: `S-${s}`,
    names: { en: `Supplier ${s}` },
    country: s % 3 === 0 ? 'US' : 'KR',
    offerings: Array.from({ length: offeringsOf(s) }, () => {
      const i = offerings.length;
      offerings.push({ id: `O-${i}`, supplier: `S-${s}` });
      // Capacity: about what the lines that rank the offering ask for together, so that it binds.
      const capacity = c.perLine === undefined ? Math.round((c.lines * 1300 * 12) / (c.suppliers * 1.5) / 10) * 10 * int(5, 15) / 10 : int(50, 400) * 10;
      return {
        id: `O-${i}`,
        item: 'IT',
        capacity: `${capacity} unit/year`,
        ...(i % 10 === 0 ? { minOrder: `${int(1, 5) * (c.perLine === undefined ? 1000 : 100)} unit` } : {}),
        unitPrice: { amount: int(80, 200) * 1000, currency: 'KRW' },
      };
    }),
  }));
  const lines = Array.from({ length: c.lines }, (_, l) => ({
    id: `L-${l}`,
    item: 'IT',
    quantity: `${int(10, 200) * 10} unit/month`,
    ...(l % 5 === 0 ? { sourcing: { minSuppliers: 2, maxSupplierShare: 0.7 } } : {}),
  }));
  const dataset = parseDataset({
    meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
    suppliers,
    buyers: [{ id: 'B', names: { en: 'Buyer' }, country: 'KR', demandLines: lines }],
  });
  const perLine = c.perLine ?? offerings.length;
  const result: MatchResult = {
    settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: perLine, rejectedK: 0, candidates: 'blocked', criteria: [] },
    lines: lines.map((l) => {
      const picked = new Set<number>();
      if (c.perLine === undefined) offerings.forEach((_, i) => picked.add(i));
      else while (picked.size < perLine) picked.add(int(0, offerings.length - 1));
      const candidates: RankedCandidate[] = [...picked]
        .map((o) => ({ supplier: offerings[o]?.supplier ?? '', offering: `O-${o}`, score: Math.round(rand() * 1000) / 1000 }))
        .sort((a, b) => b.score - a.score)
        .map((cand, i) => ({ ...cand, rank: i + 1, item: 'IT', outcomes: [] }));
      return { line: l.id, buyer: 'B', resolution: { items: [], categories: [], ambiguous: false }, candidates, qualifiedCount: perLine, rejected: [], rejectedCount: 0, pairsScored: perLine };
    }),
    stats: { lines: c.lines, offerings: offerings.length, pairsScored: c.lines * perLine, linesWithCandidates: c.lines },
  };
  return { dataset, result };
}

const highs = await loadHighs();
const wanted = (values.case ?? CASES.map((c) => c.name).join(',')).split(',');
const objectives = (values.objectives ?? 'score,cost,domestic').split(',') as AllocationObjective[];
const ms = (x: number): string => `${x.toFixed(0)} ms`;
for (const c of CASES.filter((k) => wanted.includes(k.name))) {
  const { dataset, result } = generate(c);
  for (const objective of objectives) {
    const timings: AllocationTimings = { lines: 0, model: 0, solve: 0, relaxation: 0, rounding: 0, search: 0, plan: 0 };
    const t = performance.now();
    const cpu = process.cpuUsage();
    const plan = await allocateTimed(result, dataset, { objective, highs, relax: c.relax, ...(maxNodes !== undefined ? { maxNodes } : {}) }, timings);
    const total = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const big = [...plan.solver.components].sort((a, b) => b.variables - a.variables)[0];
    const gaps = plan.solver.components.flatMap((k) => k.gaps).filter((g): g is number => g !== null);
    console.log(
      `${c.name.padEnd(8)} ${objective.padEnd(8)} ${ms(total).padStart(9)} (CPU ${ms(cpuMs)})  ${plan.status}, gap ${gaps.length > 0 ? Math.max(...gaps).toExponential(1) : '-'}; ` +
        `served ${(plan.totals.servedShare * 100).toFixed(1)}% (fully ${plan.totals.fullyServed}, partly ${plan.totals.partlyServed}, none ${plan.totals.unserved}); ` +
        `${plan.solver.components.length} component(s), largest ${big?.variables ?? 0} variables x ${big?.rows ?? 0} rows, ${big?.nodes ?? 0} nodes; ` +
        `relaxed ${plan.relaxed.length}; lines ${ms(timings.lines)}, models ${ms(timings.model)}, solver ${ms(timings.solve)} (relaxation and cuts ${ms(timings.relaxation)}, rounding ${ms(timings.rounding)}, search ${ms(timings.search)}), plan ${ms(timings.plan)}`,
    );
  }
  if (values.cbc && c.name === '100x35') {
    // The same model (the first objective of the score plan), solved by HiGHS here and by native CBC.
    const lines = buildLines(result, dataset, { integral: false, minSuppliers: undefined, maxShare: undefined }, []);
    const model = buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 });
    const t = performance.now();
    const cpu = process.cpuUsage();
    const session = openSession(highs, model.programme, { mipGap: 1e-4, maxNodes: 1_000_000, maxStalls: 1_000_000, maxStallsFromStart: 1_000_000 });
    const ours = session.solve(model.objectives.score);
    session.dispose();
    const oursMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const oursCpu = (used.user + used.system) / 1000;
    const dir = mkdtempSync(join(tmpdir(), 'supplymatch-bench-'));
    try {
      const file = join(dir, 'model.lp');
      writeFileSync(file, toLpText(model.programme, model.objectives.score));
      const t2 = performance.now();
      // GNU time writes the child's CPU seconds (user + system) on stderr, after CBC's own output.
      const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'cbc', file, 'ratioGap', '1e-4', 'threads', '1', 'solve', 'quit'], { encoding: 'utf8' });
      const cbcMs = performance.now() - t2;
      const out = run.stdout;
      const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(run.stderr) ?? [];
      const cbcCpu = (Number(user) + Number(system)) * 1000;
      const objective = /Objective value:\s*(-?[\d.e+-]+)/.exec(out)?.[1];
      console.log(
        `100x35 score model (${model.programme.variables.length} variables, ${model.programme.rows.length} rows): HiGHS (WebAssembly) ${ms(oursMs)} (CPU ${ms(oursCpu)}) objective ${ours.objective.toFixed(6)} (${ours.end}); ` +
          `native CBC ${ms(cbcMs)} (CPU ${ms(cbcCpu)}) objective ${objective === undefined ? '?' : Math.abs(Number(objective)).toFixed(6)}; ratio ${(oursMs / cbcMs).toFixed(2)} wall clock, ${(oursCpu / cbcCpu).toFixed(2)} CPU`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
