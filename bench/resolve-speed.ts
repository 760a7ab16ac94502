/**
 * Text resolution speed, and the differential check that keeps speed work from changing results.
 *
 *   npx tsx bench/resolve-speed.ts [--digest] [--dist] [--repeat N]
 *
 * One catalog over the incheon-bio fixture's items (`createCatalog`, warmed on one text that is
 * in none of the sets) resolves, in this order and each once, the texts of bench/corpus/*.tsv
 * (the last column of each row, files in name order), of bench/text-dev/*.json and the
 * fixture's offerings and demand lines (`catalog.resolve` with the text, item and category each
 * states). It prints the CPU time per text (`process.cpuUsage`, user + system) and the wall time
 * next to it: mean, median, p90 and max. Texts repeat across sets; a repeat is answered from the
 * catalog's cache, as it is in a real run, and is counted like any other.
 *
 * `--digest` also prints a SHA-256 of the JSON of every resolution in order (every field
 * `resolve` returns: items, confidences, categories, ambiguity, meanings, products) followed by
 * the catalog's `stats()`: a speed change must leave it unchanged. `--dist` runs the built
 * package (`npm run build` first) on plain Node's module loader instead of the sources.
 * `--repeat N` builds N fresh catalogs in turn and reports the run with the median total CPU
 * (`normalizeText` keeps its memo across catalogs, so runs after the first start warmer: compare
 * first runs, each in a fresh process, between two builds).
 *
 * Figures only: no assertion, not part of the test suite (test/catalog/resolve-snapshot.test.ts
 * is the fast check of a sample against a stored snapshot).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { speedRefs, type SpeedRef } from './resolve-refs.js';

const here = import.meta.dirname;
const args = process.argv.slice(2);
const wantDigest = args.includes('--digest');
const fromDist = args.includes('--dist');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number of runs, 1 or more');

type Lib = typeof import('../src/index.js');
const lib = (await import(fromDist ? pathToFileURL(join(here, '..', 'dist', 'index.js')).href : '../src/index.js')) as Lib;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const WARM_UP = 'sterile nitrile gloves, 100 per box';

interface Run {
  readonly cpu: number[];
  readonly wall: number[];
  readonly digest: string;
  readonly stats: unknown;
}

function runOnce(refs: readonly SpeedRef[]): Run {
  const fixture = join(here, '..', 'fixtures', 'incheon-bio');
  const dataset = lib.parseDataset({ items: readJson(join(fixture, 'items.json')), suppliers: [], buyers: [] });
  const catalog = lib.createCatalog(dataset.items, dataset.categories);
  catalog.resolve({ text: WARM_UP });
  const hash = createHash('sha256');
  const cpu: number[] = [];
  const wall: number[] = [];
  for (const ref of refs) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const r = catalog.resolve(ref);
    const w1 = performance.now();
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    wall.push(w1 - w0);
    if (wantDigest) hash.update(`${JSON.stringify(r)}\n`);
  }
  const stats = catalog.stats();
  hash.update(JSON.stringify(stats));
  return { cpu, wall, digest: hash.digest('hex'), stats };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const line = (label: string, xs: readonly number[]): string =>
  `${label.padEnd(5)} mean ${(sum(xs) / xs.length).toFixed(2).padStart(6)} ms  median ${quantile(xs, 0.5).toFixed(2).padStart(6)}  p90 ${quantile(xs, 0.9).toFixed(2).padStart(6)}  max ${Math.max(...xs).toFixed(1).padStart(6)}  total ${(sum(xs) / 1000).toFixed(2)} s`;

const refs = speedRefs(join(here, '..'));
const runs: Run[] = [];
for (let k = 0; k < repeat; k++) runs.push(runOnce(refs));
const totals = runs.map((r) => sum(r.cpu));
const median = runs[totals.indexOf(quantile(totals, 0.5))] ?? runs[0];
if (median === undefined) throw new Error('no run');
console.log(`${refs.length} references (${fromDist ? 'dist' : 'sources'}), ${repeat} run(s); CPU totals ${totals.map((t) => (t / 1000).toFixed(2)).join(' / ')} s`);
console.log(line('cpu', median.cpu));
console.log(line('wall', median.wall));
if (wantDigest) {
  const digests = new Set(runs.map((r) => r.digest));
  console.log(`stats ${JSON.stringify(median.stats)}`);
  console.log(`digest ${[...digests].join(' ')}${digests.size > 1 ? ' (runs differ!)' : ''}`);
}
