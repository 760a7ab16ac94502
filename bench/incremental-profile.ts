/**
 * Profiling aid for the incremental index: builds the index on the generated set, then applies
 * `--rounds` rounds of the bench's updates with the default matcher or `exactCounts: true`, and
 * prints each update's CPU time. Run it under `node --cpu-prof` to see where an update goes.
 *
 *   npx tsx bench/incremental-profile.ts --offerings 100000 --lines 1000 --matcher default
 */
import { parseArgs } from 'node:util';
import { createIndex, createMatcher, parseDataset, type Dataset } from '../src/index.js';
import { generateDataset } from './generate.js';

const { values } = parseArgs({
  options: {
    offerings: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    matcher: { type: 'string', default: 'default' },
  },
});
const input = generateDataset({ offerings: Number(values.offerings), lines: Number(values.lines), seed: 1 });
const dataset: Dataset = parseDataset(input);
const matcher = createMatcher(values.matcher === 'exact' ? { exactCounts: true } : {});
const index = createIndex(matcher, dataset);
const raw = input as unknown as { suppliers: { id: string; offerings: { id: string }[] }[] };
const n = raw.suppliers.length;
for (let r = 0; r < Number(values.rounds); r++) {
  const supplier = structuredClone(raw.suppliers[(Math.floor(n / 2) + r * 101) % n]) as (typeof raw.suppliers)[number];
  supplier.id = `S-P-${r}`;
  supplier.offerings = supplier.offerings.map((o, i) => ({ ...o, id: `O-P-${r}-${i}` }));
  const offering = structuredClone(raw.suppliers[(Math.floor(n / 3) + r * 103) % n]?.offerings[0]) as Record<string, unknown>;
  offering.capacity = '1 unit/month';
  for (const [what, ch] of [
    ['added', { suppliers: { add: [supplier] } }],
    ['changed', { offerings: { change: [offering] } }],
    ['removed', { suppliers: { remove: [`S-P-${r}`] } }],
  ] as const) {
    const w = performance.now();
    const c = process.cpuUsage();
    const done = index.update(ch as never);
    const u = process.cpuUsage(c);
    process.stdout.write(`${what} ${((u.user + u.system) / 1000).toFixed(1)} ms CPU ${(performance.now() - w).toFixed(1)} wall, ${done.rematched}/${done.merged}\n`);
  }
}
