/**
 * The analysis benchmark (issue #18): `match`, `gapReport` and `sensitivity` on a seeded
 * synthetic dataset (bench/generate.ts, 10k offerings × 1k demand lines by default), each in a
 * fresh child process so that its peak RSS is its own.
 *
 *   npx tsx bench/analysis.ts                                  # 10k × 1k
 *   npx tsx bench/analysis.ts --offerings 1000 --lines 100     # another size
 *   npx tsx bench/analysis.ts --root OTHER_CHECKOUT            # the sources of another checkout (before/after)
 *   npx tsx bench/analysis.ts --timeout 600                    # give up on a case after 600 s (default 900)
 *
 * Each case loads the dataset (not timed), then times, with the defaults of the CLI:
 * - match: `createMatcher().match(dataset)` (prepare and match, topK 10);
 * - gaps: `gapReport(dataset)` (every line, counterfactuals on);
 * - sensitivity: `sensitivity(createMatcher(), dataset)`.
 * It prints wall time, CPU time (user + system, `process.cpuUsage()`: the machine may be shared,
 * and CPU time is what the work costs) and the process's peak RSS, and a SHA-256 of the output's
 * JSON so that two checkouts can be compared. A case that runs out of memory or time is
 * reported as such. The dataset is generated once into the OS temp directory and reused.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset, writeDataset } from './generate.js';

const CASES = ['match', 'gaps', 'sensitivity'] as const;
type Case = (typeof CASES)[number];

interface Measure {
  readonly case: Case;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly digest: string;
  readonly detail: string;
}

const { values } = parseArgs({
  options: {
    offerings: { type: 'string', default: '10000' },
    lines: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    root: { type: 'string' },
    timeout: { type: 'string', default: '900' },
    'max-old-space': { type: 'string', default: '4096' },
    case: { type: 'string' },
    dir: { type: 'string' },
  },
});

const here = fileURLToPath(import.meta.url);
const root = resolve(values.root ?? join(here, '..', '..'));

async function runCase(name: Case, dir: string): Promise<Measure> {
  type Lib = typeof import('../src/index.js');
  type LibNode = typeof import('../src/node.js');
  const lib = (await import(pathToFileURL(join(root, 'src', 'index.ts')).href)) as Lib;
  const node = (await import(pathToFileURL(join(root, 'src', 'node.ts')).href)) as LibNode;
  const dataset = await node.loadDataset(dir);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let output: unknown;
  let detail = '';
  if (name === 'match') {
    const result = lib.createMatcher().match(dataset);
    output = result;
    detail = `${result.stats.pairsScored} pairs scored`;
  } else if (name === 'gaps') {
    const report = lib.gapReport(dataset);
    output = report;
    detail = `${report.counts.nearMisses} near misses, ${report.counts.counterfactualRuns} counterfactuals`;
  } else {
    const report = lib.sensitivity(lib.createMatcher(), dataset);
    output = report;
    detail = `${report.methods.exact} lines exact, ${report.methods.bisection} by bisection, ${report.fragile.length} fragile`;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const digest = createHash('sha256').update(JSON.stringify(output)).digest('hex').slice(0, 16);
  return { case: name, wallMs: Math.round(wallMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb, digest, detail };
}

function main(): void {
  const offerings = Number(values.offerings);
  const lines = Number(values.lines);
  const seed = Number(values.seed);
  const dir = join(tmpdir(), `supplymatch-bench-${offerings}x${lines}-s${seed}`);
  if (!existsSync(join(dir, 'meta.json'))) writeDataset(generateDataset({ offerings, lines, seed }), dir);
  process.stdout.write(`${offerings} offerings x ${lines} demand lines (seed ${seed}); sources of ${root}\n\n`);
  process.stdout.write(`${'case'.padEnd(12)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'peak MB'.padStart(8)}  ${'digest'.padEnd(16)}  detail\n`);
  for (const name of CASES) {
    const child = spawnSync(process.execPath, [`--max-old-space-size=${values['max-old-space']}`, '--import', 'tsx', here, '--case', name, '--dir', dir, '--root', root], {
      encoding: 'utf8',
      timeout: Number(values.timeout) * 1000,
      maxBuffer: 1 << 24,
    });
    let row: string;
    if (child.error !== undefined || child.status !== 0) {
      const why = child.signal === 'SIGTERM' ? `timed out after ${values.timeout} s` : /heap out of memory|Allocation failed/.test(child.stderr) ? 'ran out of memory' : `failed (${child.status ?? child.signal ?? '?'})`;
      row = `${name.padEnd(12)} ${why}`;
    } else {
      const m = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
      row = `${name.padEnd(12)} ${(m.wallMs / 1000).toFixed(1).padStart(8)} ${(m.cpuMs / 1000).toFixed(1).padStart(8)} ${String(m.peakRssMb).padStart(8)}  ${m.digest}  ${m.detail}`;
    }
    process.stdout.write(`${row}\n`);
  }
}

if (values.case !== undefined) {
  if (!(CASES as readonly string[]).includes(values.case) || values.dir === undefined) {
    process.stderr.write('usage: npx tsx bench/analysis.ts [--offerings N --lines N --seed N --root DIR --timeout S]\n');
    process.exit(2);
  }
  runCase(values.case as Case, values.dir).then(
    (m) => process.stdout.write(`${JSON.stringify(m)}\n`),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    },
  );
} else main();
