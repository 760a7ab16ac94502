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
 * of cuts, the rounding heuristic, the RINS search, the mixed-integer search), reading the plan. With `--cbc`
 * (and Debian's `coinor-cbc` installed) it also writes the first model of the `100x35` case
 * as LP text and times native CBC on it, for a ratio with the WebAssembly HiGHS solve.
 *
 * With `--native` (and highspy installed in a Python venv: `--python PATH`, default the
 * `HIGHSPY_PYTHON` variable, else `python3`), every solve's model is written as MPS at two points
 * (`written`: the programme and earlier stages' rows; `search`: with the cuts, before HiGHS's
 * mixed-integer search, and its starting plan), solved by native HiGHS through
 * bench/allocate-native.py at the same options, and printed next to this library's time for the
 * same solve (from that point to the end of the solve) and objective; `--keep DIR` writes the
 * models there and keeps them.
 *
 * The first allocation in a process also pays for V8's compiling HiGHS's WebAssembly into
 * optimized code (on threads the process's CPU time counts). With `--warm-up`, one `100x35`
 * `score` allocation runs first and its time is printed on its own, so that the cases after it
 * are timed warm.
 *
 * With `--cpu-parts`, the parts are timed in the process's CPU time instead of wall clock: on a
 * loaded machine wall clock says more about the other jobs than about the code.
 *
 * With `--cli-flags`, the V8 flags the CLI sets for its own process are set first (see
 * src/cli/v8-flags.ts); `--v8-flags` adds others. Each allocation's line also gives the main
 * thread's CPU time (Linux), which is what the wall clock shows on an idle machine.
 *
 * Run with `npx tsx bench/allocate.ts [--case 1000x10,100x35,300x50] [--objectives score,cost,domestic] [--cbc] [--native] [--cpu-parts] [--cli-flags] [--v8-flags FLAGS]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { allocateTimed, type AllocationObjective, type AllocationTimings, type InspectedSolve } from '../src/allocate/allocate.js';
import { buildLines } from '../src/allocate/lines.js';
import { loadHighs, openSession, toLpText } from '../src/allocate/lp.js';
import { buildComponentModel } from '../src/allocate/model.js';
import { cliV8Flags } from '../src/cli/v8-flags.js';
import { CASES, generate } from './allocate-cases.js';

const { values } = parseArgs({ options: { case: { type: 'string' }, objectives: { type: 'string' }, cbc: { type: 'boolean' }, seed: { type: 'string' }, 'max-nodes': { type: 'string' }, native: { type: 'boolean' }, python: { type: 'string' }, keep: { type: 'string' }, 'warm-up': { type: 'boolean' }, 'cpu-parts': { type: 'boolean' }, 'v8-flags': { type: 'string' }, 'cli-flags': { type: 'boolean' } } });
const seed = Number(values.seed ?? 1);
const maxNodes = values['max-nodes'] === undefined ? undefined : Number(values['max-nodes']);

interface Mark {
  readonly name: string;
  readonly at: InspectedSolve['at'];
  readonly wall: number;
  readonly cpu: number;
  readonly objective?: number;
}

/**
 * Writes each solve's model at each point as MPS (with its options and starting plan as JSON)
 * and marks the time there, leaving out the time the writing takes.
 */
function nativeRecorder(prefix: string) {
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'supplymatch-native-'));
  mkdirSync(dir, { recursive: true });
  const marks: Mark[] = [];
  let pausedWall = 0;
  let pausedCpu = 0;
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const mark = (name: string, at: Mark['at'], objective?: number): void => {
    marks.push({ name, at, wall: performance.now() - pausedWall, cpu: cpuNow() - pausedCpu, ...(objective !== undefined ? { objective } : {}) });
  };
  return {
    dir,
    prefix,
    marks,
    inspect(point: InspectedSolve): void {
      const name = `${prefix}-c${point.component}-${point.elastic ? 'elastic' : 'hard'}-s${point.stage}`;
      if (point.at === 'solved') {
        mark(name, 'solved', point.outcome?.objective);
        return;
      }
      const w0 = performance.now();
      const c0 = cpuNow();
      const file = `${name}-${point.at}`;
      writeFileSync(join(dir, `${file}.mps`), point.mps());
      writeFileSync(join(dir, `${file}.json`), JSON.stringify({ options: point.options, start: point.start ? [...point.start] : null }));
      pausedWall += performance.now() - w0;
      pausedCpu += cpuNow() - c0;
      mark(name, point.at);
    },
    paused: () => pausedWall,
    pausedCpu: () => pausedCpu,
  };
}

/** Solves the recorded models with native HiGHS and prints them next to this library's times. */
function compareNative(rec: ReturnType<typeof nativeRecorder>, allocationCpu: number): void {
  const python = values.python ?? process.env.HIGHSPY_PYTHON ?? 'python3';
  try {
    const run = spawnSync(python, [join(import.meta.dirname, 'allocate-native.py'), rec.dir, `${rec.prefix}-`], { encoding: 'utf8' });
    if (run.status !== 0) {
      console.log(`  native HiGHS: not run (${python}: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}); install highspy in a venv and pass --python`);
      return;
    }
    const rows = run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: string; cpu_ms: number; wall_ms: number; status: string; objective: number | null; gap: number | null; nodes: number });
    // This library's time from a point to the end of its solve, and the objective it reached.
    const ours = (name: string, at: Mark['at']): { wall: number; cpu: number; objective: number | undefined } | undefined => {
      const from = rec.marks.find((m) => m.name === name && m.at === at);
      const end = rec.marks.find((m) => m.name === name && m.at === 'solved');
      return !from || !end ? undefined : { wall: end.wall - from.wall, cpu: end.cpu - from.cpu, objective: end.objective };
    };
    // The whole allocation (reading the lines, writing the models, every solve, reading the plan)
    // against native HiGHS's solves of the same written models, one after the other.
    const nativeWritten = rows.filter((r) => r.name.endsWith('-written')).reduce((s, r) => s + r.cpu_ms, 0);
    console.log(`  whole allocation CPU ${ms(allocationCpu)} against native HiGHS's ${ms(nativeWritten)} on the written models: ratio ${(allocationCpu / Math.max(nativeWritten, 1)).toFixed(2)}`);
    for (const r of rows) {
      const at = r.name.endsWith('-search') ? 'search' : 'written';
      const o = ours(r.name.replace(/-(search|written)$/, ''), at);
      console.log(
        `  ${r.name.padEnd(40)} native HiGHS CPU ${ms(r.cpu_ms).padStart(8)} (wall ${ms(r.wall_ms)}), ${r.status}, objective ${r.objective?.toFixed(6) ?? '-'}, gap ${r.gap?.toExponential(1) ?? '-'}, ${r.nodes} nodes; ` +
          `here from this point: CPU ${o ? ms(o.cpu) : '-'} (wall ${o ? ms(o.wall) : '-'}), objective ${o?.objective?.toFixed(6) ?? '-'}, ratio ${o ? (o.cpu / Math.max(r.cpu_ms, 1)).toFixed(2) : '-'} CPU`,
      );
    }
  } finally {
    if (values.keep === undefined) rmSync(rec.dir, { recursive: true, force: true });
  }
}

/** The process's CPU time in milliseconds (every thread: V8's compiler and GC threads too). */
const processCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/**
 * The main thread's CPU time in milliseconds (Linux: /proc, at a resolution of 10 ms), or
 * undefined elsewhere. V8 compiles WebAssembly on threads of its own; on an idle machine with a
 * core to spare for them, the main thread's time is what the wall clock shows, and it varies far
 * less with other jobs' load than the wall clock does.
 */
const mainThreadCpuMs = (): number | undefined => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
};
// Under load wall clock runs 2-5 times the CPU time: with --cpu-parts the parts are read off the CPU clock.
const partsClock = values['cpu-parts'] ? { clock: processCpuMs } : {};
// V8 flags set in the process before HiGHS's WebAssembly is compiled (`--v8-flags=--liftoff-only`):
// how the first allocation's compiling could be traded against the speed of the code.
// `--cli-flags`: the flags the CLI sets for its own process (src/cli/v8-flags.ts), which also
// loads HiGHS before it reads and matches a data set, as this script loads it before it makes
// the cases.
const v8Flags = [values['cli-flags'] ? cliV8Flags([]) : '', values['v8-flags'] ?? ''].join(' ').trim();
if (v8Flags !== '') setFlagsFromString(v8Flags);
const loadStart = performance.now();
const loadMain = mainThreadCpuMs();
const highs = await loadHighs();
const loadMainEnd = mainThreadCpuMs();
console.log(`HiGHS loaded in ${(performance.now() - loadStart).toFixed(0)} ms${loadMain === undefined || loadMainEnd === undefined ? '' : ` (main thread ${loadMainEnd - loadMain} ms)`}${v8Flags === '' ? '' : `, V8 flags ${v8Flags}`}`);
if (values['warm-up']) {
  const warm = CASES.find((c) => c.name === '100x35');
  if (warm) {
    const { dataset, result } = generate(warm, seed);
    const t = performance.now();
    const cpu = process.cpuUsage();
    await allocateTimed(result, dataset, { objective: 'score', highs }, { lines: 0, model: 0, solve: 0, relaxation: 0, rounding: 0, search: 0, plan: 0 });
    const used = process.cpuUsage(cpu);
    console.log(`warm-up (100x35 score): ${(performance.now() - t).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
  }
}
const wanted = (values.case ?? CASES.map((c) => c.name).join(',')).split(',');
const objectives = (values.objectives ?? 'score,cost,domestic').split(',') as AllocationObjective[];
const ms = (x: number): string => `${x.toFixed(0)} ms`;
for (const c of CASES.filter((k) => wanted.includes(k.name))) {
  const { dataset, result } = generate(c, seed);
  for (const objective of objectives) {
    const timings: AllocationTimings = { lines: 0, model: 0, solve: 0, relaxation: 0, rounding: 0, search: 0, plan: 0, ...partsClock };
    const t = performance.now();
    const cpu = process.cpuUsage();
    const main = mainThreadCpuMs();
    const native = values.native ? nativeRecorder(`${c.name}-${objective}`) : undefined;
    const plan = await allocateTimed(result, dataset, { objective, highs, relax: c.relax, ...(maxNodes !== undefined ? { maxNodes } : {}) }, timings, native?.inspect);
        const total = performance.now() - t - (native?.paused() ?? 0);
    const used = process.cpuUsage(cpu);
    used.user -= (native?.pausedCpu() ?? 0) * 1000;
    const cpuMs = (used.user + used.system) / 1000;
    const mainNow = mainThreadCpuMs();
    const mainMs = main === undefined || mainNow === undefined ? undefined : mainNow - main - (native?.pausedCpu() ?? 0);
    const big = [...plan.solver.components].sort((a, b) => b.variables - a.variables)[0];
    const gaps = plan.solver.components.flatMap((k) => k.gaps).filter((g): g is number => g !== null);
    console.log(
      `${c.name.padEnd(8)} ${objective.padEnd(8)} ${ms(total).padStart(9)} (CPU ${ms(cpuMs)}${mainMs === undefined ? '' : `, main thread ${ms(mainMs)}`})  ${plan.status}, gap ${gaps.length > 0 ? Math.max(...gaps).toExponential(1) : '-'}; ` +
        `served ${(plan.totals.servedShare * 100).toFixed(1)}% (fully ${plan.totals.fullyServed}, partly ${plan.totals.partlyServed}, none ${plan.totals.unserved}); ` +
        `${plan.solver.components.length} component(s), largest ${big?.variables ?? 0} variables x ${big?.rows ?? 0} rows, ${big?.nodes ?? 0} nodes; ` +
        `relaxed ${plan.relaxed.length}; ${values['cpu-parts'] ? 'parts in CPU: ' : ''}lines ${ms(timings.lines)}, models ${ms(timings.model)}, solver ${ms(timings.solve)} (relaxation and cuts ${ms(timings.relaxation)}, rounding ${ms(timings.rounding)}, RINS ${ms(timings.neighbourhood ?? 0)}, search ${ms(timings.search)}), plan ${ms(timings.plan)}`,
    );
    if (native) compareNative(native, cpuMs);
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
