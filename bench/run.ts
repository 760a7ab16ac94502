/**
 * The scale benchmark (issue #4): the engine against the baseline of bench/naive.ts on seeded
 * synthetic datasets (bench/generate.ts), each case measured in a fresh child process
 * (bench/case.ts) so that its peak RSS is its own.
 *
 *   npm run bench               # 1k × 100, 10k × 1k and 100k × 10k (offerings × demand lines), minutes
 *   npm run bench -- --quick    # the two smaller cases, under a minute
 *   npm run bench -- --source   # the engine from the TypeScript sources (tsx) instead of dist/
 *
 * The engine cases run the package as users get it, built with `npm run build` when a source is
 * newer than dist/; the
 * baseline runs from the sources either way (it uses internals the package does not export, and
 * its time is fuse.js's and mathjs's, which are plain JavaScript in both).
 *
 * Prints a table and writes bench/results/latest.json:
 * { machine, cases: [{ offerings, demandLines, parseMs, prepareMs, matchMs, pairsScored,
 *   peakRssMb, recallAt10, naiveMs, ... }], growth, parallel }.
 *
 * - Every case matches with topK 10; rejectedK is 10 (the default) except in the 100k case,
 *   where it is 3 (the nearest misses kept per line).
 * - recallAt10 is the share of the exhaustive top 10 (`candidates: 'all'`, every pair scored)
 *   that the blocked top 10 keeps, over every line, or in the 100k case over a seeded random
 *   sample of 200 lines (the exhaustive run is the slow part).
 * - naiveMs is the baseline's time from the raw JSON files: over every line of 1k × 100; for
 *   10k × 1k over a seeded random sample of lines, extrapolated to all of them (setup + mean time
 *   per line × lines; the baseline judges each line on its own); null for 100k × 10k.
 * - parallel is matchParallel on the largest case run with one worker thread besides the calling
 *   thread (two threads for two cores), against the same case on one thread (parse + prepare +
 *   match); every thread loads and prepares the dataset itself. sameResult compares SHA-256
 *   digests of both serialized results.
 * Datasets are generated once into the OS temp directory and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { generateDataset, writeDataset } from './generate.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    source: { type: 'boolean', default: false },
    repeat: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const seed = Number(values.seed);
// Each engine measurement (and the parallel one) is made `repeat` times, each in a fresh process,
// and the run of median total is reported with every run's total beside it: on a shared machine
// one run can be a third slower than the next.
const repeat = Number(values.repeat ?? (quick ? 1 : 3));
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat is a whole number of at least 1');
const here = import.meta.dirname;
// The engine runs as users get it: the package built by `npm run build` (dist/), built here
// when any source is newer than the build, so that it is the sources' own; `--source` runs the
// TypeScript sources through tsx instead.
const from = values.source ? 'src' : 'dist';
/** The newest modification time of the files under `dir` (or of `dir`, a file). */
function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}
const root = join(here, '..');
const built = ['index.js', 'node.js', 'node-worker.js'].map((f) => join(root, 'dist', f));
const stale = !built.every((f) => existsSync(f)) || Math.min(...built.map(newest)) < Math.max(...['src', 'tsup.config.ts', 'package.json'].map((f) => newest(join(root, f))));
if (from === 'dist' && stale) {
  process.stderr.write('building the package (npm run build)...\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

interface CaseSpec {
  readonly offerings: number;
  readonly lines: number;
  readonly rejectedK: number;
  /** Lines of the exhaustive recall run (0: all). */
  readonly recallSample: number;
  /** Lines of the baseline run (0: all; undefined: not run). */
  readonly naiveSample: number | undefined;
}

const CASES: readonly CaseSpec[] = quick
  ? [
      { offerings: 1_000, lines: 100, rejectedK: 10, recallSample: 0, naiveSample: 20 },
      { offerings: 10_000, lines: 1_000, rejectedK: 10, recallSample: 0, naiveSample: 3 },
    ]
  : [
      { offerings: 1_000, lines: 100, rejectedK: 10, recallSample: 0, naiveSample: 0 },
      { offerings: 10_000, lines: 1_000, rejectedK: 10, recallSample: 0, naiveSample: 40 },
      { offerings: 100_000, lines: 10_000, rejectedK: 3, recallSample: 200, naiveSample: undefined },
    ];

function datasetDir(offerings: number, lines: number): string {
  const dir = join(tmpdir(), 'supplymatch-bench', `syn-${offerings}x${lines}-s${seed}`);
  if (!existsSync(join(dir, 'meta.json'))) {
    process.stderr.write(`generating ${offerings} offerings × ${lines} lines...\n`);
    mkdirSync(dir, { recursive: true });
    // meta.json is written last, so a dataset interrupted halfway is made again.
    writeDataset(generateDataset({ offerings, lines, seed }), dir);
  }
  return dir;
}

/**
 * bench/case.ts with its types erased (TypeScript's transpileModule), written beside it as
 * case.gen.mjs (ignored by git): the engine and parallel measurements of the built package run
 * it on plain Node, as users run the package, without a TypeScript loader in the process (tsx's
 * made the 100k case some 5 % slower). The baseline, and `--source`, run case.ts through tsx.
 */
function plainCase(): string {
  const out = join(here, 'case.gen.mjs');
  const source = readFileSync(join(here, 'case.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }, fileName: 'case.ts' }).outputText;
  writeFileSync(out, `// Generated by bench/run.ts from bench/case.ts: do not edit.\n${js}`);
  return out;
}
const plain = from === 'dist' ? plainCase() : undefined;

/** Runs bench/case.ts in a fresh Node process and returns what it prints. */
function child(args: readonly string[]): Record<string, unknown> {
  const node = plain !== undefined && args[0] !== 'naive' ? [plain] : ['--import', 'tsx', join(here, 'case.ts')];
  const r = spawnSync(process.execPath, [...node, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench/case.ts ${args.join(' ')} failed:\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
}

const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);
/** The run whose `total` is the median (the lower middle one for an even count). */
function medianRun(runs: readonly Record<string, unknown>[], total: (r: Record<string, unknown>) => number): Record<string, unknown> {
  const sorted = [...runs].sort((a, b) => total(a) - total(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as Record<string, unknown>;
}
const started = Date.now();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${platform()} ${process.arch}`,
  // The machine may be shared: its load while the benchmark ran says how much to trust wall times.
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  freeMemoryGbAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
};

const cases: Record<string, unknown>[] = [];
for (const spec of CASES) {
  const dir = datasetDir(spec.offerings, spec.lines);
  process.stderr.write(`case ${spec.offerings} × ${spec.lines}: engine...\n`);
  const engineArgs = ['engine', '--dir', dir, '--from', from, '--rejected', String(spec.rejectedK), '--seed', String(seed)];
  // Recall is measured once (it does not depend on time); the other runs only time the engine.
  const first = child([...engineArgs, '--recall-sample', String(spec.recallSample)]);
  const runs = [first, ...Array.from({ length: repeat - 1 }, () => child([...engineArgs, '--skip-recall']))];
  if (runs.some((r) => r.sha256 !== first.sha256)) throw new Error(`case ${spec.offerings} × ${spec.lines}: runs of the engine gave different results`);
  const median = medianRun(runs, (r) => num(r.parseMs) + num(r.prepareMs) + num(r.matchMs));
  const engine: Record<string, unknown> = { ...first, ...median, runsMs: runs.map((r) => num(r.parseMs) + num(r.prepareMs) + num(r.matchMs)), runsMatchMs: runs.map((r) => num(r.matchMs)) };
  let naive: Record<string, unknown> = { naiveMs: null };
  if (spec.naiveSample !== undefined) {
    process.stderr.write(`case ${spec.offerings} × ${spec.lines}: baseline on ${spec.naiveSample === 0 ? 'every line' : `${spec.naiveSample} sampled lines`}...\n`);
    naive = child(['naive', '--dir', dir, '--sample', String(spec.naiveSample), '--seed', String(seed)]);
  }
  const engineMs = num(engine.parseMs) + num(engine.prepareMs) + num(engine.matchMs);
  cases.push({
    ...engine,
    engineMs,
    nsPerPair: Math.round((num(engine.matchMs) * 1e6) / Math.max(1, num(engine.pairsScored))),
    ...naive,
    speedupVsNaive: typeof naive.naiveMs === 'number' ? Math.round(naive.naiveMs / engineMs) : null,
  });
}

// Growth between consecutive sizes: match time against pairs scored (lines × candidates per line).
const growth = cases.slice(1).map((b, i) => {
  const a = cases[i] as Record<string, unknown>;
  const ratio = (k: string): number => Math.round((num(b[k]) / num(a[k])) * 100) / 100;
  return {
    from: `${num(a.offerings)} x ${num(a.demandLines)}`,
    to: `${num(b.offerings)} x ${num(b.demandLines)}`,
    offeringsTimesLines: ratio('offerings') * ratio('demandLines'),
    pairsScored: ratio('pairsScored'),
    matchMs: ratio('matchMs'),
    nsPerPair: [a.nsPerPair, b.nsPerPair],
    engineMs: ratio('engineMs'),
  };
});

const largest = CASES[CASES.length - 1] as CaseSpec;
process.stderr.write(`parallel: 1 worker and the calling thread on ${largest.offerings} × ${largest.lines}...\n`);
const parRuns = Array.from({ length: repeat }, () => child(['parallel', '--dir', datasetDir(largest.offerings, largest.lines), '--from', from, '--workers', '1', '--rejected', String(largest.rejectedK)]));
const par = medianRun(parRuns, (r) => num(r.ms));
const single = cases[cases.length - 1] as Record<string, unknown>;
const parallel = {
  case: `${largest.offerings} x ${largest.lines}`,
  workers: par.workers,
  threads: par.threads,
  ms: par.ms,
  runsMs: parRuns.map((r) => num(r.ms)),
  peakRssMb: par.peakRssMb,
  singleThreadMs: single.engineMs,
  speedup: Math.round((num(single.engineMs) / num(par.ms)) * 100) / 100,
  samePairsScored: par.pairsScored === single.pairsScored,
  sameResult: parRuns.every((r) => typeof r.sha256 === 'string' && r.sha256 === single.sha256),
};

const report = {
  generatedAt: new Date(started).toISOString(),
  quick,
  seed,
  repeat,
  engineFrom: from === 'dist' ? 'the built package (dist/)' : 'the TypeScript sources through tsx',
  machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
  cases,
  growth,
  parallel,
  notes: [
    'Times are wall-clock milliseconds of the run of median total among `repeat` runs, each in a fresh process (runsMs: every run\'s parse + prepare + match); parseMs reads, JSON-parses and validates the dataset directory.',
    'topK 10 everywhere; rejectedK 10, except 3 in the 100k x 10k case.',
    'recallAt10: share of the exhaustive top 10 (candidates: "all") kept by the blocked top 10; over a seeded sample of recallLines lines when fewer than all.',
    'naiveMs: bench/naive.ts from the raw JSON files; when naiveExtrapolated, measured on naiveLines seeded random lines and extrapolated (setup + mean per line x lines).',
    'parallel: matchParallel on the largest case with 1 worker thread and the calling thread, each loading and preparing the dataset; ms = load + prepare + match; singleThreadMs = parse + prepare + match on one thread; sameResult: identical SHA-256 of the serialized results.',
  ],
};

const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

// The table.
const fmt = (x: unknown, unit = ''): string => (typeof x === 'number' ? `${x.toLocaleString('en-US')}${unit}` : '–');
const rows = cases.map((c) => [
  `${fmt(c.offerings)} × ${fmt(c.demandLines)}`,
  fmt(c.parseMs),
  fmt(c.prepareMs),
  fmt(c.matchMs),
  `${fmt(c.engineMs)}${Array.isArray(c.runsMs) && c.runsMs.length > 1 ? ` (${(c.runsMs as number[]).map((x) => fmt(x)).join(' / ')})` : ''}`,
  fmt(c.pairsScored),
  fmt(c.nsPerPair),
  fmt(c.peakRssMb),
  `${fmt(c.recallAt10)}${num(c.recallLines) < num(c.demandLines) ? ` (${fmt(c.recallLines)} lines)` : ''}`,
  c.naiveMs === null ? '–' : `${fmt(c.naiveMs)}${c.naiveExtrapolated === true ? '*' : ''}`,
  c.speedupVsNaive === null ? '–' : `${fmt(c.speedupVsNaive)}×`,
]);
const header = ['offerings × lines', 'parse ms', 'prepare ms', 'match ms', 'total ms', 'pairs scored', 'ns/pair', 'peak RSS MB', 'recall@10', 'baseline ms', 'speedup'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`* baseline extrapolated from a seeded sample of lines\n`);
if (repeat > 1) process.stdout.write(`times: the run of median total of ${repeat}, each in a fresh process; every run's total in brackets\n`);
process.stdout.write(`parallel (${parallel.case}, ${String(parallel.threads)} threads): ${fmt(parallel.ms)} ms vs ${fmt(parallel.singleThreadMs)} ms on one thread, speedup ${fmt(parallel.speedup)}×, same result: ${parallel.sameResult ? 'yes' : 'NO'}\n`);
for (const g of growth)
  process.stdout.write(`growth ${g.from} → ${g.to}: lines × offerings ×${g.offeringsTimesLines}, pairs scored ×${g.pairsScored}, match time ×${g.matchMs} (ns/pair ${String(g.nsPerPair[0])} → ${String(g.nsPerPair[1])})\n`);
process.stdout.write(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')} at start; wrote bench/results/latest.json in ${Math.round((Date.now() - started) / 1000)} s\n`);
