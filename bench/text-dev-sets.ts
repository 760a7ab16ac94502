/**
 * The development sets of free texts (bench/text-dev/*.json), each written and labelled by hand
 * before the engine ran on it: `texts.json` (first and second passes of issue 17) and
 * `texts-2.json` (fourth pass: long equipment lines, purpose phrases, one-word near misses).
 * Benchmarks report each set on its own, so a later set's figures stay comparable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One labelled text: `expected` lists every item it fairly names (empty: nothing in the catalog).
 *
 * @example
 * const t: DevText = { id: 'q05', side: 'demand', text: 'Potassium chloride, USP grade, 25 kg', expected: [] };
 */
export interface DevText {
  readonly id: string;
  readonly side: string;
  readonly text: string;
  readonly expected: readonly string[];
}

/**
 * Every development set, by file name, in file-name order.
 *
 * @example
 * devSets().map((s) => s.name); // => ['texts-2.json', 'texts.json']
 */
export function devSets(): { readonly name: string; readonly texts: readonly DevText[] }[] {
  const dir = join(import.meta.dirname, 'text-dev');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, texts: (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { texts: DevText[] }).texts }));
}
