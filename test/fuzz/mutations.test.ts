/**
 * A property-based fuzz test of dataset mutations, through the command line in-process: a small
 * valid dataset gets one to three hostile changes (a field deleted, set to null, to an absurd
 * number or quantity, to a huge or control-character text, to a prototype-polluting key, a
 * record duplicated...), and `match --skip-invalid --format json` must end with exit 0 or 2,
 * never a stack trace; when it succeeds, every demand line of the input is accounted for: in the
 * result, or listed as skipped (itself or its buyer).
 *
 * Bounded: a fixed seed and a fixed number of runs (a few seconds), so that it is deterministic.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLoadDataset } from '../../src/node.js';
import { tinyInput } from '../helpers/tiny.js';
import { tempDir } from '../helpers/temp.js';
import { runCapturingCli } from '../helpers/cli.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOSTILE: readonly Json[] = [
  null,
  -1,
  0,
  1e308,
  -1e308,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000\u0007',
  'NaN',
  'Infinity',
  '1e308 unit/year',
  '2 unit^2/year',
  '5 unit^1000000/month',
  '0 unit/year',
  '-5 L/month',
  '2021-02-30',
  '=HYPERLINK("http://x")',
  '__proto__',
  true,
  [],
  {},
  { __proto__: 1 } as unknown as Json,
  JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  [null],
  { amount: 1e308, currency: 'KRW' },
];

/** Every path into the value (keys and indexes), the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

type Mutation = { readonly pick: number; readonly kind: 'delete' | 'set' | 'duplicate'; readonly value: number };

function mutate(root: Record<string, Json>, m: Mutation): void {
  const all = paths(root as Json);
  const path = all[m.pick % all.length];
  if (path === undefined) return;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root as Json) as Record<string | number, Json> | Json[];
  const key = path.at(-1) as string | number;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[key as number] as Json));
  else (parent as Record<string | number, Json>)[key] = structuredClone(HOSTILE[m.value % HOSTILE.length] as Json);
}

const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('delete', 'set', 'set', 'duplicate'),
  value: fc.nat(),
});

describe('mutated datasets', () => {
  it('end in exit 0 or 2 with no stack, and every demand line is matched or listed as skipped', async () => {
    const dir = await tempDir('sm-fuzz-');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const input = tinyInput() as unknown as Record<string, Json>;
        for (const m of mutations) mutate(input, m);
        for (const [name, value] of Object.entries(input)) await writeFile(join(dir, `${name}.json`), JSON.stringify(value));
        const r = await runCapturingCli(['match', dir, '--skip-invalid', '--format', 'json', '--top', '2']);
        expect([0, 2], r.stderr).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at \S/);
        if (r.code !== 0) return;
        const matched = new Set((JSON.parse(r.stdout) as { lines: { line: string }[] }).lines.map((l) => l.line));
        const loaded = await safeLoadDataset(dir, { onInvalid: 'skip' });
        expect(loaded.success).toBe(true);
        if (!loaded.success) return;
        const skipped = loaded.skipped.map((s) => s.path);
        const buyers = Array.isArray(input['buyers']) ? input['buyers'] : [];
        buyers.forEach((buyer, b) => {
          const lines = buyer !== null && typeof buyer === 'object' && !Array.isArray(buyer) && Array.isArray(buyer['demandLines']) ? buyer['demandLines'] : [];
          lines.forEach((line, l) => {
            const id = line !== null && typeof line === 'object' && !Array.isArray(line) ? line['id'] : undefined;
            const accounted =
              (typeof id === 'string' && matched.has(id)) || skipped.some((p) => p === `buyers[${b}]` || p === `buyers[${b}].demandLines[${l}]`);
            expect(accounted, `buyers[${b}].demandLines[${l}] (${String(id)}) is neither matched nor skipped`).toBe(true);
          });
        });
      }),
      { seed: 19, numRuns: 150, endOnFailure: true },
    );
  });
});
