/**
 * Matching on the development set's demand texts (bench/text-dev/*.json): each demand text
 * becomes a line of the incheon-bio fixture's first buyer (quantity 100 unit/year, no specs of
 * its own) and is matched against the fixture's suppliers with the default matcher.
 *
 *   npx tsx bench/text-dev-match.ts [--list]
 *
 * Reports how many lines naming an item have an offering of an expected item first, and how
 * many lines naming nothing get candidates at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from '../src/dataset/parse.js';
import { createMatcher } from '../src/engine/matcher.js';
import { devSets } from './text-dev-sets.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'incheon-bio');
const json = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const list = <T>(raw: unknown, key: string): T[] => (Array.isArray(raw) ? (raw as T[]) : ((raw as Record<string, T[]>)[key] ?? []));
// Ids repeat across the development files (each numbers its own texts), so a line's id names its
// file too.
const set = devSets()
  .flatMap((s) => s.texts.map((t) => ({ ...t, line: `DEV-${s.name.replace(/\.json$/u, '')}-${t.id}` })))
  .filter((t) => t.side === 'demand');
const buyers = list<{ demandLines: unknown[] }>(json('buyers.json'), 'buyers');
buyers[0]?.demandLines.push(...set.map((t) => ({ id: t.line, text: t.text, quantity: '100 unit/year' })));
const dataset = parseDataset({
  meta: json('meta.json'),
  items: list(json('items.json'), 'items'),
  suppliers: list(json('suppliers.json'), 'suppliers'),
  buyers,
});
const result = createMatcher().match(dataset);
let named = 0;
let right = 0;
let none = 0;
let noneServed = 0;
for (const t of set) {
  const line = result.lines.find((l) => l.line === t.line);
  const top = line?.candidates[0];
  if (t.expected.length > 0) {
    named += 1;
    if (top?.item !== undefined && t.expected.includes(top.item)) right += 1;
  } else {
    none += 1;
    if (top !== undefined) noneServed += 1;
  }
  if (process.argv.includes('--list')) console.log(`${t.line} ${line?.text?.status ?? '-'} ${top?.item ?? '-'} ${(top?.score ?? 0).toFixed(2)}  ${t.text}`);
}
console.log(`demand lines naming an item: ${named}, an offering of an expected item first: ${right}`);
console.log(`demand lines naming nothing: ${none}, given candidates: ${noneServed}`);
