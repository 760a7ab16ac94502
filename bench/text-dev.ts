/**
 * Item resolution on the hand-written development sets of free texts (bench/text-dev/*.json:
 * demand and offering texts as purchasing staff and suppliers write them, labelled with the
 * incheon-bio items before the engine ran on them).
 *
 *   npx tsx bench/text-dev.ts [--list]
 *
 * R@k: an expected item among the first k candidates (texts naming a catalog item).
 * False-confident: texts naming nothing in the catalog whose best candidate reaches
 * CONFIDENT (0.5); wrong-confident: texts naming an item whose best candidate is another item
 * at that confidence. `--list` prints every text with its top three candidates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIO_TAXONOMY } from '../src/catalog/taxonomy.js';
import { createCatalog } from '../src/catalog/resolve.js';
import { readText } from '../src/catalog/read-text.js';
import { ItemSchema } from '../src/model/item.js';
import { devSets } from './text-dev-sets.js';

const CONFIDENT = 0.5;
const root = join(import.meta.dirname, '..');
const raw = JSON.parse(readFileSync(join(root, 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown;
const rawItems = Array.isArray(raw) ? raw : (raw as { items: unknown[] }).items;
const catalog = createCatalog(rawItems.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
const list = process.argv.includes('--list');
const sets = devSets();
const all = sets.flatMap((s) => s.texts);
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
for (const set of sets) {
  console.log(set.name);
  let named = 0;
  let r1 = 0;
  let r3 = 0;
  let none = 0;
  let falseConfident = 0;
  let noneAt04 = 0;
  let wrongConfident = 0;
  const started = performance.now();
  for (const t of set.texts) {
    const r = catalog.resolveText(t.text);
    const top = r.items[0];
    const ok1 = top !== undefined && t.expected.includes(top.item);
    const ok3 = r.items.slice(0, 3).some((m) => t.expected.includes(m.item));
    if (t.expected.length === 0) {
      none += 1;
      if (top !== undefined && top.confidence >= CONFIDENT) falseConfident += 1;
      if (top !== undefined && top.confidence >= 0.4) noneAt04 += 1;
    } else {
      named += 1;
      if (ok1) r1 += 1;
      if (ok3) r3 += 1;
      if (!ok1 && top !== undefined && top.confidence >= CONFIDENT) wrongConfident += 1;
    }
    if (list) {
      const mark = t.expected.length === 0 ? (top && top.confidence >= CONFIDENT ? 'FP' : 'ok') : ok1 ? 'ok' : ok3 ? '@3' : 'XX';
      const cands = r.items.slice(0, 3).map((m) => `${m.item} ${m.confidence.toFixed(2)}`).join(', ');
      console.log(`${mark} ${t.id} ${t.text}\n      -> ${cands || '(none)'}`);
    }
  }
  const ms = performance.now() - started;
  console.log(`texts: ${set.texts.length} (${named} naming an item, ${none} naming nothing)`);
  console.log(`R@1 ${pct(r1, named)} (${r1}/${named})   R@3 ${pct(r3, named)} (${r3}/${named})`);
  console.log(`false-confident (nothing in catalog, top >= ${CONFIDENT}): ${pct(falseConfident, none)} (${falseConfident}/${none}); at >= 0.4: ${pct(noneAt04, none)} (${noneAt04}/${none})`);
  console.log(`wrong-confident (another item first at >= ${CONFIDENT}): ${pct(wrongConfident, named)} (${wrongConfident}/${named})`);
  console.log(`resolution time: ${ms.toFixed(0)} ms for ${set.texts.length} texts`);
}

// Cost of reading alone (readText is pure; the catalog memoizes it per distinct text, so this
// is paid once per distinct text, never per pair). CPU time, so a busy machine inflates it less.
const ROUNDS = 50;
const cpu = process.cpuUsage();
for (let k = 0; k < ROUNDS; k++) for (const t of all) readText(k % 2 === 0 ? t.text : `${t.text} `);
const used = process.cpuUsage(cpu);
const meanLength = all.reduce((a, t) => a + t.text.length, 0) / all.length;
console.log(`reading: ${((used.user + used.system) / (ROUNDS * all.length)).toFixed(0)} us CPU per text (mean ${meanLength.toFixed(0)} characters)`);
