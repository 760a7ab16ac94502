/**
 * The texts of the resolution speed benchmark (bench/resolve-speed.ts) and of its snapshot test
 * (test/catalog/resolve-snapshot.test.ts): every corpus row's text, every development text and
 * the fixture's offerings and demand lines, in one fixed order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reference to resolve: what one corpus row, development text, offering or line states. */
export interface SpeedRef {
  readonly text?: string;
  readonly item?: string;
  readonly category?: string;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Which corpus and development files to read (default: every one there is). */
export interface SpeedRefFiles {
  /** Files of bench/corpus (`check-2.tsv`...). */
  readonly corpus?: readonly string[];
  /** Files of bench/text-dev (`texts-1.json`...). */
  readonly dev?: readonly string[];
}

/**
 * The references of every set, in the order the benchmark resolves them; `root` is the
 * project's folder. `files` names the corpus and development files to read, in that order
 * (the snapshot test names its own, so that a set added later changes nothing of it).
 *
 * @example
 * speedRefs('.').length; // => 1880 (corpus rows, development texts, fixture offerings and lines)
 */
export function speedRefs(root: string, files: SpeedRefFiles = {}): SpeedRef[] {
  const refs: SpeedRef[] = [];
  const corpus = join(root, 'bench', 'corpus');
  for (const file of files.corpus ?? readdirSync(corpus).filter((f) => f.endsWith('.tsv')).sort()) {
    const [, ...rows] = readFileSync(join(corpus, file), 'utf8').trimEnd().split('\n');
    for (const row of rows) refs.push({ text: row.split('\t').at(-1) ?? '' });
  }
  const dev = join(root, 'bench', 'text-dev');
  for (const file of files.dev ?? readdirSync(dev).filter((f) => f.endsWith('.json')).sort()) {
    const { texts } = readJson(join(dev, file)) as { texts: { text: string }[] };
    for (const t of texts) refs.push({ text: t.text });
  }
  const fixture = join(root, 'fixtures', 'incheon-bio');
  const pick = (x: { text?: string; item?: string; category?: string }): SpeedRef => ({
    ...(x.text !== undefined ? { text: x.text } : {}),
    ...(x.item !== undefined ? { item: x.item } : {}),
    ...(x.category !== undefined ? { category: x.category } : {}),
  });
  for (const s of readJson(join(fixture, 'suppliers.json')) as { offerings: { text?: string; item?: string; category?: string }[] }[]) {
    for (const o of s.offerings) refs.push(pick(o));
  }
  for (const b of readJson(join(fixture, 'buyers.json')) as { demandLines: { text?: string; item?: string; category?: string }[] }[]) {
    for (const l of b.demandLines) refs.push(pick(l));
  }
  return refs;
}

