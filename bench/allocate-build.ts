/**
 * The allocation's fixed costs around the solver, alone: reading the lines (`buildLines`) and
 * writing each case's model (`buildComponentModel`), repeated in a loop, in CPU time and wall
 * clock (medians of the repeats after the first few). For a CPU profile of that work:
 * `node --cpu-prof --import tsx bench/allocate-build.ts --case 100x35`.
 *
 * Run with `npx tsx bench/allocate-build.ts [--case 100x35,1000x10] [--repeats 40]`.
 */
import { parseArgs } from 'node:util';
import { buildLines } from '../src/allocate/lines.js';
import { buildComponentModel } from '../src/allocate/model.js';
import { CASES, generate } from './allocate-cases.js';

const { values } = parseArgs({ options: { case: { type: 'string' }, repeats: { type: 'string' } } });
const wanted = (values.case ?? '100x35,1000x10').split(',');
const repeats = Number(values.repeats ?? 40);
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
for (const c of CASES.filter((k) => wanted.includes(k.name))) {
  const { dataset, result } = generate(c, 1);
  const parts = { lines: [] as number[], model: [] as number[], linesWall: [] as number[], modelWall: [] as number[] };
  let size = '';
  for (let i = 0; i < repeats; i++) {
    const c0 = cpuNow();
    const w0 = performance.now();
    const lines = buildLines(result, dataset, { integral: false, minSuppliers: undefined, maxShare: undefined }, []);
    const c1 = cpuNow();
    const w1 = performance.now();
    const m = buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 });
    const c2 = cpuNow();
    const w2 = performance.now();
    size = `${m.programme.variables.length} variables x ${m.programme.rows.length} rows`;
    if (i < Math.min(5, repeats / 4)) continue; // V8 warming up
    parts.lines.push(c1 - c0);
    parts.model.push(c2 - c1);
    parts.linesWall.push(w1 - w0);
    parts.modelWall.push(w2 - w1);
  }
  const f = (x: number): string => `${x.toFixed(1)} ms`;
  console.log(
    `${c.name.padEnd(8)} (${size}), median of ${parts.lines.length}: lines CPU ${f(median(parts.lines))} (wall ${f(median(parts.linesWall))}), model CPU ${f(median(parts.model))} (wall ${f(median(parts.modelWall))})`,
  );
}
