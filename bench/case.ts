/**
 * One measurement of the benchmark, run by bench/run.ts in a fresh child process (so that the
 * peak RSS of a case is its own). Prints one JSON object on stdout.
 *
 *   npx tsx bench/case.ts engine   --dir DIR [--from src|dist] [--rejected K] [--recall-sample N | --skip-recall] [--seed S]
 *   npx tsx bench/case.ts naive    --dir DIR [--sample N] [--seed S]
 *   npx tsx bench/case.ts parallel --dir DIR [--from src|dist] [--workers W] [--rejected K]
 *
 * engine: loads the dataset from DIR (read, JSON.parse, validate: parseMs), prepares it
 * (prepareMs) and matches every line (matchMs) with topK 10, then records the peak RSS; only
 * after that it measures recall@10 against the exhaustive mode (every line, or a seeded random
 * sample of N lines).
 * naive: times the baseline of bench/naive.ts from the raw JSON files: on every line, or on a
 * seeded random sample of N lines and extrapolated to all (the baseline judges each line on its
 * own, so its time is the setup plus the sum of the lines' times); also the top-1 agreement
 * with the engine on the lines it ran.
 * parallel: matchParallel on the directory with W worker threads besides the calling thread,
 * every thread loading and preparing the dataset as it does.
 * engine and parallel also print a SHA-256 of the result's JSON (taken after the timings), so
 * that bench/run.ts can check that both give the same bytes.
 * bench/run.ts runs engine and parallel `--from dist` on plain Node, from a copy of this file
 * with its types erased (so its runtime imports are Node's own and, dynamically, the package).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MatchResult } from '../src/engine/result.js';
import type { DatasetInput } from '../src/model/dataset.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    rejected: { type: 'string', default: '10' },
    'recall-sample': { type: 'string', default: '0' },
    'skip-recall': { type: 'boolean', default: false },
    sample: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
    from: { type: 'string', default: 'src' },
  },
});
const mode = positionals[0];
const dir = values.dir;
if (dir === undefined || !['engine', 'naive', 'parallel'].includes(mode ?? '')) {
  process.stderr.write('usage: npx tsx bench/case.ts engine|naive|parallel --dir DIR [options]\n');
  process.exit(2);
}
// engine and parallel run the package as users get it (`--from dist`, the build of `npm run
// build`, as bench/run.ts does) or the TypeScript sources through tsx (`--from src`); the
// baseline and its agreement check always run from the sources (bench/naive.ts uses internals).
if (values.from !== 'src' && values.from !== 'dist') {
  process.stderr.write('--from is src or dist\n');
  process.exit(2);
}
const fromDist = values.from === 'dist';
// The built package's types are the sources' (tsup builds them from these files).
type Lib = typeof import('../src/index.js');
type LibNode = typeof import('../src/node.js');
const lib = (fromDist ? await import('../dist/index.js' as string) : await import('../src/index.js')) as Lib;
const libNode = (fromDist ? await import('../dist/node.js' as string) : await import('../src/node.js')) as LibNode;
const TOP_K = 10;
const rejectedK = Number(values.rejected);

/** A seeded random sample of n of the ids, in their own order (all of them when n is 0 or more than there are). */
function sample(ids: readonly string[], n: number, seed: number): string[] {
  if (n <= 0 || n >= ids.length) return [...ids];
  // A linear congruential generator (Numerical Recipes' constants): enough to pick lines, and
  // no import, so that this file runs on plain Node once its types are erased (see bench/run.ts).
  let state = seed >>> 0;
  const rng = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(rng() * ids.length));
  return [...picked].sort((a, b) => a - b).map((i) => ids[i] as string);
}

const topOffers = (r: MatchResult): Map<string, string[]> => new Map(r.lines.map((l) => [l.line, l.candidates.map((c) => c.offering)]));
/** A SHA-256 of the result's JSON, line by line (the whole 100k result is longer than a string may be). */
const digest = (r: MatchResult): string => {
  const hash = createHash('sha256').update(JSON.stringify(r.settings)).update(JSON.stringify(r.stats));
  for (const line of r.lines) hash.update(JSON.stringify(line));
  return hash.digest('hex');
};
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function engine(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const dataset = await libNode.loadDataset(dir as string);
  const t1 = performance.now();
  const matcher = lib.createMatcher({ topK: TOP_K, rejectedK });
  const prepared = matcher.prepare(dataset);
  const t2 = performance.now();
  const c2 = cpuMs();
  const result = matcher.matchPrepared(prepared);
  const t3 = performance.now();
  const c3 = cpuMs();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const lineIds = dataset.buyers.flatMap((b) => b.demandLines.map((l) => l.id));
  const timings = {
    offerings: prepared.offerings.length,
    demandLines: lineIds.length,
    topK: TOP_K,
    rejectedK,
    parseMs: Math.round(t1 - t0),
    prepareMs: Math.round(t2 - t1),
    matchMs: Math.round(t3 - t2),
    cpuMs: Math.round(c3 - c0),
    matchCpuMs: Math.round(c3 - c2),
    pairsScored: result.stats.pairsScored,
    peakRssMb,
    distinctTexts: prepared.catalog.stats().distinctTexts,
    linesWithCandidates: result.stats.linesWithCandidates,
    sha256: digest(result),
    from: values.from,
  };
  if (values['skip-recall']) return timings;

  // Recall@10 of the blocked top 10 against the exhaustive top 10 (every pair scored).
  const recallLines = sample(lineIds, Number(values['recall-sample']), Number(values.seed));
  const t4 = performance.now();
  const exhaustive = lib.createMatcher({ topK: TOP_K, rejectedK: 0, candidates: 'all' }).matchPrepared(prepared, { lines: recallLines });
  const t5 = performance.now();
  const blocked = topOffers(result);
  let kept = 0;
  let wanted = 0;
  for (const [line, offers] of topOffers(exhaustive)) {
    const got = new Set(blocked.get(line) ?? []);
    wanted += offers.length;
    kept += offers.filter((o) => got.has(o)).length;
  }
  return {
    ...timings,
    recallAt10: wanted === 0 ? 1 : Math.round((kept / wanted) * 10_000) / 10_000,
    recallLines: recallLines.length,
    recallPairs: exhaustive.stats.pairsScored,
    exhaustiveMs: Math.round(t5 - t4),
  };
}

async function naive(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { naiveMatch } = await import('./naive.js');
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir as string, f), 'utf8'));
  const input = { meta: read('meta.json'), items: read('items.json'), suppliers: read('suppliers.json'), buyers: read('buyers.json') } as DatasetInput;
  const readMs = performance.now() - t0;
  const lineIds = input.buyers.flatMap((b) => (b.demandLines ?? []).map((l) => l.id));
  const picked = sample(lineIds, Number(values.sample), Number(values.seed));
  // The setup alone (the fuse.js index, the catalog), then the setup and the picked lines.
  let t = performance.now();
  naiveMatch(input, { lines: [] });
  const setupMs = performance.now() - t;
  t = performance.now();
  const result = naiveMatch(input, { lines: picked });
  const runMs = performance.now() - t;
  const extrapolated = picked.length !== lineIds.length;
  const perLineMs = Math.max(0, runMs - setupMs) / Math.max(1, picked.length);
  const naiveMs = extrapolated ? readMs + setupMs + perLineMs * lineIds.length : readMs + runMs;
  // Agreement with the engine on the same lines.
  const { createMatcher } = await import('../src/index.js');
  const { loadDataset } = await import('../src/node.js');
  const dataset = await loadDataset(dir as string);
  const engineTop = topOffers(createMatcher({ topK: TOP_K }).match(dataset, { lines: picked }));
  let agree = 0;
  let lines = 0;
  for (const l of result) {
    const a = engineTop.get(l.line)?.[0];
    const b = l.candidates[0]?.offering;
    if (a === undefined && b === undefined) continue;
    lines += 1;
    if (a === b) agree += 1;
  }
  return {
    naiveMs: Math.round(naiveMs),
    naiveSetupMs: Math.round(readMs + setupMs),
    naivePerLineMs: Math.round(perLineMs),
    naiveLines: picked.length,
    naiveExtrapolated: extrapolated,
    naiveHits: result.reduce((sum, l) => sum + l.hits, 0),
    naiveTop1Agreement: lines === 0 ? null : Math.round((agree / lines) * 1000) / 1000,
    naiveTop1Lines: lines,
  };
}

async function parallel(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const result = await libNode.matchParallel(dir as string, { topK: TOP_K, rejectedK }, { workers: Number(values.workers) });
  const ms = Math.round(performance.now() - t0);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return { workers: Number(values.workers), threads: Number(values.workers) + 1, ms, peakRssMb, pairsScored: result.stats.pairsScored, lines: result.stats.lines, sha256: digest(result) };
}

const run = mode === 'engine' ? engine : mode === 'naive' ? naive : parallel;
process.stdout.write(`${JSON.stringify(await run())}\n`);
