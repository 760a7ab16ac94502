/**
 * Cold start of the built CLI: wall time of `supplymatch --help`, `--version`, `validate` of a
 * one-line dataset and of the incheon-bio fixture, each in a fresh Node process, next to a bare
 * `node -e 0`. Run after `npm run build`: `npx tsx bench/cold-start.ts [--runs 7] [--cli PATH]`. Prints the
 * minimum and the median of the runs (the minimum is the least disturbed by other load).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string' }, cli: { type: 'string' } } });
const runs = Number(values.runs ?? 7);
const root = join(import.meta.dirname, '..');
// --cli PATH measures another build of the CLI (an older one, to compare).
const cli = values.cli ?? join(root, 'dist/cli.js');

const small = mkdtempSync(join(tmpdir(), 'supplymatch-cold-'));
writeFileSync(join(small, 'meta.json'), JSON.stringify({ name: 'small', asOf: '2021-03-01' }));
writeFileSync(join(small, 'items.json'), JSON.stringify([{ id: 'IT-1', category: 'sterilizing-filter', names: { en: 'PES filter 0.2 um' } }]));
writeFileSync(join(small, 'suppliers.json'), JSON.stringify([{ id: 'S-1', names: { en: 'A' }, country: 'KR', offerings: [{ id: 'O-1', item: 'IT-1', capacity: '100 unit/year' }] }]));
writeFileSync(join(small, 'buyers.json'), JSON.stringify([{ id: 'B-1', names: { en: 'B' }, country: 'KR', demandLines: [{ id: 'L-1', item: 'IT-1', quantity: '10 unit/month' }] }]));

const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['supplymatch --help', [cli, '--help']],
  ['supplymatch --version', [cli, '--version']],
  ['supplymatch match --tpo 3 (a typo)', [cli, 'match', small, '--tpo', '3']],
  ['supplymatch validate (1 line)', [cli, 'validate', small]],
  ['supplymatch validate incheon-bio', [cli, 'validate', join(root, 'fixtures/incheon-bio')]],
];

for (const [name, args] of cases) {
  const times: number[] = [];
  let status: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    status = spawnSync(process.execPath, args, { encoding: 'utf8' }).status;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  // The exit code is shown, not checked: an older build may not know a flag (--version).
  console.log(`${name.padEnd(36)} min ${Math.round(times[0] as number).toString().padStart(5)} ms  median ${Math.round(median).toString().padStart(5)} ms  exit ${String(status)}`);
}
