/**
 * The incremental index (issue #21, part 2) on the generated 100k-offering set: how long one
 * supplier added, one offering changed, one demand line added and the supplier removed again
 * take to update the rankings, against a full match of the dataset.
 *
 *   npx tsx bench/incremental.ts                     # 100,000 offerings × 10,000 lines
 *   npx tsx bench/incremental.ts --offerings 10000 --lines 1000 --verify
 *   npx tsx bench/incremental.ts --offerings 100000 --lines 1000 --matcher exact --rounds 7
 *
 * For each matcher (the default, whose counts depend on the layout, and `exactCounts: true`;
 * `--matcher default|exact` for one of them) it prints the time of a full match and, over
 * `--rounds` rounds (5) of the same updates in a row (a supplier added, an offering changed, a
 * line added, a pair scored, the supplier removed), the median time of each kind of update, as
 * wall and CPU time (`process.cpuUsage()`, user + system: the machine may be shared), with each
 * round's CPU time and how many lines were matched again and merged. `--verify` also checks, after the updates, that the index's result is the
 * same bytes as a full match of the final dataset (another full match). The load average is
 * printed first: on a loaded machine, wall time runs ahead of CPU time.
 */
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createIndex, createMatcher, parseDataset, type Dataset, type IndexChanges, type IndexUpdate, type Matcher } from '../src/index.js';
import { generateDataset } from './generate.js';

const { values } = parseArgs({
  options: {
    offerings: { type: 'string', default: '100000' },
    lines: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    verify: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    matcher: { type: 'string', default: 'both' },
  },
});

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timed<T>(work: () => T): [T, Timing] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [out, { wallMs, cpuMs: (used.user + used.system) / 1000 }];
}

const fmt = (t: Timing): string => `${t.wallMs.toFixed(1).padStart(9)} ms wall ${t.cpuMs.toFixed(1).padStart(9)} ms CPU`;

const input = generateDataset({ offerings: Number(values.offerings), lines: Number(values.lines), seed: Number(values.seed) });
const dataset: Dataset = parseDataset(input);
const offerings = dataset.suppliers.reduce((n, s) => n + s.offerings.length, 0);
const lines = dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0);
process.stdout.write(`dataset: ${offerings} offerings of ${dataset.suppliers.length} suppliers, ${lines} demand lines\n`);
process.stdout.write(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);

/**
 * The updates of round `r`, made from records of the dataset itself (copies with new ids): a
 * supplier added (a copy of a different supplier each round), one offering changed (a different
 * supplier's first offering each round, to 1 unit a month), one demand line added.
 */
function updates(r: number): [string, IndexChanges][] {
  const raw = input as unknown as { suppliers: { id: string; offerings: { id: string }[] }[]; buyers: { id: string; demandLines: { id: string }[] }[] };
  const n = raw.suppliers.length;
  const supplier = structuredClone(raw.suppliers[(Math.floor(n / 2) + r * 101) % n]) as (typeof raw.suppliers)[number];
  supplier.id = `S-BENCH-NEW-${r}`;
  supplier.offerings = supplier.offerings.map((o, i) => ({ ...o, id: `O-BENCH-NEW-${r}-${i}` }));
  const offering = structuredClone(raw.suppliers[(Math.floor(n / 3) + r * 103) % n]?.offerings[0]) as Record<string, unknown>;
  offering.capacity = '1 unit/month';
  const buyer = raw.buyers[(Math.floor(raw.buyers.length / 2) + r) % raw.buyers.length] as (typeof raw.buyers)[number];
  const line = { ...structuredClone(buyer.demandLines[0]), id: `L-BENCH-NEW-${r}` };
  return [
    ['one supplier added', { suppliers: { add: [supplier] } }],
    ['one offering changed', { offerings: { change: [offering] } }],
    ['one line added', { lines: { add: [{ buyer: buyer.id, line }] } }],
  ];
}

const rounds = Number(values.rounds);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const WHAT = ['one supplier added', 'one offering changed', 'one line added', 'one pair scored', 'one supplier removed'] as const;

if (!['both', 'default', 'exact'].includes(values.matcher)) throw new Error('--matcher is both, default or exact');
const matchers: [string, Matcher][] = [
  ['default matcher', createMatcher()],
  ['exactCounts: true', createMatcher({ exactCounts: true })],
].filter((_, k) => values.matcher === 'both' || values.matcher === (k === 0 ? 'default' : 'exact')) as [string, Matcher][];
for (const [name, matcher] of matchers) {
  process.stdout.write(`\n${name}\n`);
  const [, full] = timed(() => matcher.match(dataset));
  process.stdout.write(`  full match (prepare + match)  ${fmt(full)}\n`);
  const [index, built] = timed(() => createIndex(matcher, dataset));
  process.stdout.write(`  createIndex                   ${fmt(built)}\n`);
  // Several rounds of the same updates in a row (the index warm after the first): each kind's
  // median, with every round's CPU time and lines matched again / merged.
  const seen = new Map<string, { t: Timing; done: string }[]>(WHAT.map((w) => [w, []]));
  const note = (what: string, t: Timing, done?: IndexUpdate): void => {
    seen.get(what)?.push({ t, done: done === undefined ? '' : `${done.rematched}/${done.merged}` });
  };
  for (let r = 0; r < rounds; r++) {
    for (const [what, changes] of updates(r)) {
      const [done, t] = timed(() => index.update(changes));
      note(what, t, done);
    }
    const [, pair] = timed(() => index.pair(`L-BENCH-NEW-${r}`, `O-BENCH-NEW-${r}-0`));
    note('one pair scored', pair);
    // The supplier added above leaves again (one that truth labels name could not).
    const [gone, removed] = timed(() => index.update({ suppliers: { remove: [`S-BENCH-NEW-${r}`] } }));
    note('one supplier removed', removed, gone);
  }
  process.stdout.write(`  median of ${rounds} rounds              wall          CPU   (each round's CPU ms, lines matched again/merged)\n`);
  for (const what of WHAT) {
    const runs = seen.get(what) ?? [];
    const t: Timing = { wallMs: median(runs.map((x) => x.t.wallMs)), cpuMs: median(runs.map((x) => x.t.cpuMs)) };
    const each = runs.map((x) => `${x.t.cpuMs.toFixed(0)}${x.done === '' ? '' : ` (${x.done})`}`).join(', ');
    process.stdout.write(`  ${what.padEnd(29)} ${fmt(t)}   ${each}\n`);
  }
  if (values.verify) {
    const same = JSON.stringify(index.result()) === JSON.stringify(matcher.match(index.dataset));
    process.stdout.write(`  same bytes as a full match of the final dataset: ${same}\n`);
    if (!same) process.exitCode = 1;
  }
}
