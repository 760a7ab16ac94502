/**
 * V8's WebAssembly tiering flags against the allocation's first and warm runs. For each set of
 * flags, and each case, it runs `bench/allocate.ts --cpu-parts --v8-flags ...` in processes of
 * their own, the sets taking turns round after round so that they share the machine's load,
 * and prints the CPU time (`process.cpuUsage()`, every thread of the process: V8's compiler
 * threads too) of each process's first allocation and of the later ones (warm), with medians,
 * next to the load average; and, for the first allocation, its wall-clock time and (on Linux) its
 * main thread's CPU time, which is what the wall clock shows on an idle machine and varies far
 * less with other jobs' load. A set named `cli` is the CLI's own flags (src/cli/v8-flags.ts).
 *
 * Run with `npx tsx bench/allocate-flags.ts [--rounds 2] [--case 1000x10,100x35,300x50] [--flags "none;cli;--no-liftoff;..."]`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, case: { type: 'string' }, flags: { type: 'string' } } });
const rounds = Number(values.rounds ?? 2);
const cases = (values.case ?? '1000x10,100x35,300x50').split(',');
const FLAG_SETS = (values.flags ?? 'none;cli;--wasm-num-compilation-tasks=1;--no-liftoff;--liftoff-only;--no-wasm-dynamic-tiering;--wasm-tiering-budget=200000;--wasm-tiering-budget=18000000;--no-wasm-lazy-compilation').split(';');
// Allocations per process: the first, then warm ones.
const RUNS: Record<string, number> = { '1000x10': 3, '100x35': 4, '300x50': 3 };
const figures = new Map<string, { first: number[]; warm: number[]; loads: number[]; wall: number[]; main: number[] }>();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
for (let round = 0; round < rounds; round++) {
  for (const c of cases) {
    for (const flags of FLAG_SETS) {
      const objectives = Array.from({ length: RUNS[c] ?? 3 }, () => 'score').join(',');
      const args = ['--import', 'tsx', join(import.meta.dirname, 'allocate.ts'), '--cpu-parts', '--case', c, '--objectives', objectives, ...(flags === 'none' ? [] : flags === 'cli' ? ['--cli-flags'] : [`--v8-flags=${flags}`])];
      const load = loadavg()[0] ?? 0;
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      const runs = [...run.stdout.matchAll(/(\d+) ms \(CPU (\d+) ms(?:, main thread (\d+) ms)?\)/g)];
      const cpus = runs.map((m) => Number(m[2]));
      if (run.status !== 0 || cpus.length === 0) {
        console.log(`${c} ${flags}: failed (${run.stderr.trim().split('\n').at(-1)})`);
        continue;
      }
      const key = `${c}\t${flags}`;
      const f = figures.get(key) ?? { first: [], warm: [], loads: [], wall: [], main: [] };
      f.first.push(cpus[0] ?? Number.NaN);
      f.wall.push(Number(runs[0]?.[1] ?? Number.NaN));
      if (runs[0]?.[3] !== undefined) f.main.push(Number(runs[0][3]));
      f.warm.push(...cpus.slice(1));
      f.loads.push(load);
      figures.set(key, f);
      console.log(`round ${round + 1} ${c.padEnd(8)} ${flags.padEnd(30)} load ${load.toFixed(1)}: CPU ${cpus.join(', ')} ms; first allocation ${runs[0]?.[1]} ms wall, main thread ${runs[0]?.[3] ?? '-'} ms`);
    }
  }
}
console.log('\ncase     flags                          first allocation (CPU ms): runs, median | warm: runs, median | first: wall ms, median | first: main thread ms, median | load');
for (const [key, f] of figures) {
  const [c, flags] = key.split('\t');
  console.log(
    `${(c ?? '').padEnd(8)} ${(flags ?? '').padEnd(30)} ${f.first.join(', ')} (${median(f.first)}) | ${f.warm.join(', ')} (${median(f.warm)}) | ${f.wall.join(', ')} (${median(f.wall)}) | ${f.main.join(', ')} (${median(f.main)}) | ${Math.min(...f.loads).toFixed(1)}-${Math.max(...f.loads).toFixed(1)}`,
  );
}
