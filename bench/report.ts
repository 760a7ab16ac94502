/**
 * Report benchmark: the time to produce the HTML report, stage by stage, and its size, for the
 * incheon-bio fixture and for a generated dataset (10,000 offerings and 1,000 demand lines by
 * default; see generate.ts). Run with `npx tsx bench/report.ts [--offerings 10000] [--lines 1000]
 * [--seed 1] [--no-sensitivity] [--gap-lines N] [--fixture-only]`; prints its figures, wall and CPU time
 * (the CPU time of this process, worker threads included: the machine may be shared).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDataset } from '../src/dataset/parse.js';
import type { Dataset } from '../src/model/dataset.js';
import { loadDataset } from '../src/node.js';
import { createReport, type ReportStage } from '../src/report/index.js';
import { generateDataset } from './generate.js';

const { values } = parseArgs({ options: { offerings: { type: 'string' }, lines: { type: 'string' }, seed: { type: 'string' }, 'no-sensitivity': { type: 'boolean' }, 'gap-lines': { type: 'string' }, 'fixture-only': { type: 'boolean' } } });

async function measure(name: string, dataset: Dataset): Promise<void> {
  const stageStart = new Map<ReportStage, number>();
  const stageEnd = new Map<ReportStage, number>();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { html } = await createReport(dataset, {
    budget: { funding: 3, information: 5, technical: 2 },
    ...(values['no-sensitivity'] === true ? { sensitivity: false } : {}),
    // --gap-lines N: the gap report covers the first N lines only (its re-matching dominates on large data).
    ...(values['gap-lines'] !== undefined ? { gapLines: dataset.buyers.flatMap((b) => b.demandLines.map((l) => l.id)).slice(0, Number(values['gap-lines'])) } : {}),
    onProgress: (stage, done, total) => {
      if (!stageStart.has(stage)) {
        stageStart.set(stage, performance.now());
        if (process.env.BENCH_TRACE) console.error(`  ${name}: ${stage} starts, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
      }
      if (done >= total) stageEnd.set(stage, performance.now());
    },
  });
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stages = [...stageStart].map(([s, t]) => `${s} ${(((stageEnd.get(s) ?? t) - t) / 1000).toFixed(1)} s`).join(', ');
  const offerings = dataset.suppliers.reduce((n, s) => n + s.offerings.length, 0);
  const lines = dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0);
  const svgs = (html.match(/<svg/g) ?? []).length;
  console.log(`${name}: ${lines} lines x ${offerings} offerings: report in ${(total / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (${stages}); ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${svgs} charts`);
}

await measure('incheon-bio', await loadDataset(join(import.meta.dirname, '../fixtures/incheon-bio')));
if (values['fixture-only'] === true) process.exit(0);
const offerings = Number(values.offerings ?? 10_000);
const lines = Number(values.lines ?? 1_000);
const generated = parseDataset(generateDataset({ offerings, lines, seed: Number(values.seed ?? 1) }));
await measure(`generated (seed ${values.seed ?? 1})`, generated);
