/**
 * A generated dataset where offerings and demand lines are all named by free text, most of the
 * texts written once: the case where a derived judge finds an offering column's facts mostly
 * distinct (more than half of the first 2,048 offerings; see `INTERN_SAMPLE` in
 * src/criteria/derive.ts) and judges per candidate instead of keeping outcomes.
 *
 *   npx tsx bench/generate-distinct.ts --offerings 20000 --lines 2000 --seed 1 --out DIR
 *
 * It starts from bench/generate.ts's dataset (same suppliers, certificates, capacities, prices,
 * lines and requirements) and rewrites how each record names its item: every offering and line
 * gets a free text built from its item's English or Korean name, most of its words, with a typo in
 * half of them, up to three filler words and a maker's
 * word of random syllables, so that the catalog resolves most texts
 * to their own list of (item, confidence). Its `--check` prints how many of the first 2,048
 * offerings' item lists (what item fit reads) are distinct, read through the built-in item fit.
 * Same options, same bytes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DatasetInput } from '../src/model/dataset.js';
import { generateDataset, mulberry32, writeDataset } from './generate.js';

/** Options of {@link generateDistinctDataset}: those of `generateDataset`. */
export interface GenerateDistinctOptions {
  readonly offerings: number;
  readonly lines: number;
  readonly seed?: number;
}

const CONSONANTS = ['b', 'd', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const FILLERS = ['GMP', 'sterile', 'bulk', 'lot', 'spec', 'grade', 'pack', 'type', 'series', 'kit', '국산', '정품', '납품용', '대용량'];

interface ItemNames {
  readonly names: { readonly en: string; readonly ko?: string };
  readonly synonyms?: readonly string[];
}

/**
 * The dataset of `generateDataset(options)` with every offering and demand line named by a free
 * text of its item, most texts distinct (see the file comment).
 *
 * @example
 * const input = generateDistinctDataset({ offerings: 1_000, lines: 100 });
 */
export function generateDistinctDataset(options: GenerateDistinctOptions): DatasetInput {
  const input = generateDataset(options);
  const next = mulberry32((options.seed ?? 1) * 7_919 + 17);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const items = new Map((input.items as unknown as (ItemNames & { id: string; category: string; codes?: { unspsc?: string[] } })[]).map((i) => [i.id, i]));
  const byCategory = new Map<string, string[]>();
  const byUnspsc = new Map<string, string[]>();
  for (const i of items.values()) {
    byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i.id]);
    for (const u of i.codes?.unspsc ?? []) byUnspsc.set(u, [...(byUnspsc.get(u) ?? []), i.id]);
  }
  const typo = (word: string): string => {
    if (word.length < 5 || !/^[a-z]+$/i.test(word)) return word;
    const k = int(1, word.length - 2);
    return next() < 0.5 ? word.slice(0, k) + word.slice(k + 1) : word.slice(0, k) + (word[k + 1] ?? '') + (word[k] ?? '') + word.slice(k + 2);
  };
  const textOf = (itemId: string): string => {
    const item = items.get(itemId);
    if (item === undefined) return itemId;
    // Its names only: a category's synonyms (`튜빙`) name no one item.
    const sources = [item.names.en, ...(item.names.ko === undefined ? [] : [item.names.ko])];
    let words = pick(sources).split(/\s+/u).filter((w) => w.length > 0);
    // Most of the name (all but one word in some), a typo in some.
    if (words.length > 3 && next() < 0.3) words = words.slice(0, words.length - 1);
    for (let t = next() < 0.5 ? 1 : 0; t > 0; t--) {
      const at = int(0, words.length - 1);
      words[at] = typo(words[at] as string);
    }
    const fillers = Array.from({ length: int(0, 3) }, () => pick(FILLERS));
    // A maker's word of a few random syllables (a trade name no catalog holds).
    const makers = [Array.from({ length: int(1, 3) }, () => pick(CONSONANTS) + pick(VOWELS)).join('')];
    return [...words, ...fillers, ...makers].join(' ');
  };
  // The item a record names: its item, else one of its category's or UNSPSC class's items.
  const itemOf = (r: { item?: string; category?: string; unspsc?: string; text?: string }, fallback: string): string =>
    r.item ?? (r.category !== undefined ? pick(byCategory.get(r.category) ?? [fallback]) : r.unspsc !== undefined ? pick(byUnspsc.get(r.unspsc) ?? [fallback]) : fallback);
  const first = items.keys().next().value as string;
  // A text record keeps its text's item only through the text: read the item back from the
  // catalog entry it was generated from is not possible, so it gets a random item of any category.
  const allItems = [...items.keys()];
  const rename = (r: Record<string, unknown>): Record<string, unknown> => {
    const { item, category, unspsc, text, ...rest } = r as { item?: string; category?: string; unspsc?: string; text?: string };
    const id = text === undefined ? itemOf({ ...(item === undefined ? {} : { item }), ...(category === undefined ? {} : { category }), ...(unspsc === undefined ? {} : { unspsc }) }, first) : pick(allItems);
    return { ...rest, text: textOf(id) };
  };
  const suppliers = (input.suppliers as unknown as Record<string, unknown>[]).map((s) => ({ ...s, offerings: (s.offerings as Record<string, unknown>[]).map(rename) }));
  const buyers = (input.buyers as unknown as Record<string, unknown>[]).map((b) => ({ ...b, demandLines: (b.demandLines as Record<string, unknown>[]).map(rename) }));
  return { ...input, suppliers, buyers } as unknown as DatasetInput;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      offerings: { type: 'string', default: '20000' },
      lines: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const offerings = Number(values.offerings);
  const lines = Number(values.lines);
  const seed = Number(values.seed);
  if (![offerings, lines, seed].every((n) => Number.isInteger(n) && n >= 1) || values.out === undefined) {
    process.stderr.write('usage: npx tsx bench/generate-distinct.ts --offerings N --lines N [--seed N] --out DIR [--check]\n');
    process.exitCode = 2;
    return;
  }
  const input = generateDistinctDataset({ offerings, lines, seed });
  const dir = writeDataset(input, values.out);
  process.stdout.write(`wrote ${offerings} offerings and ${lines} demand lines (seed ${seed}), all named by text, to ${dir}\n`);
  if (values.check) {
    const { createMatcher, parseDataset, itemFitCriterion } = await import('../src/index.js');
    const prepared = createMatcher().prepare(parseDataset(input));
    const fit = itemFitCriterion.rule(itemFitCriterion.meta.defaults, { asOf: '2021-03-01', domesticCountry: 'KR', exchangeRates: undefined, catalog: prepared.catalog, items: new Map(), previousCriteria: [] });
    const sample = prepared.offerings.slice(0, 2048);
    const distinct = new Set(sample.map((o) => JSON.stringify(fit.offering(o)))).size;
    const resolutions = new Set(prepared.offerings.map((o) => o.resolution)).size;
    process.stdout.write(`item fit facts: ${distinct} distinct of the first ${sample.length} offerings; ${resolutions} distinct resolutions of ${prepared.offerings.length}; ${prepared.catalog.stats().distinctTexts} distinct texts resolved\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
