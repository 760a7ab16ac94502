import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { speedRefs } from '../../bench/resolve-refs.js';
import { createCatalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

// The differential check of speed work on text resolution: a fixed sample of the benchmark's
// references (bench/resolve-speed.ts: every sixth corpus or development text, every fixture
// offering and line with a text) resolved by one catalog, compared with the resolutions stored in
// snapshots/resolve-sample.json. A cache, index or loop change must leave every byte of it as
// it is; a change of the reading rules changes it on purpose, and `npx vitest run
// test/catalog/resolve-snapshot.test.ts -u` writes the new snapshot, to be read before committing.
const root = join(import.meta.dirname, '..', '..');
const raw = JSON.parse(readFileSync(join(root, 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[];
// The sets as they were when the snapshot was written, named so that a set added later (a new
// held-out set, whose resolutions are not to be read) changes nothing here.
const all = speedRefs(root, {
  corpus: ['check-10.tsv', 'check-11.tsv', 'check-12.tsv', 'check-2.tsv', 'check-3.tsv', 'check-4.tsv', 'check-5.tsv', 'check-6.tsv', 'check-7.tsv', 'check-8.tsv', 'check-9.tsv', 'resolution.tsv'],
  dev: ['texts-2.json', 'texts-3.json', 'texts-4.json', 'texts-5.json', 'texts-6.json', 'texts-7.json', 'texts.json'],
});
const sample = all.filter((r, k) => r.text !== undefined && (k % 6 === 0 || r.item !== undefined || k >= all.length - 250));

describe('text resolution of a fixed sample', () => {
  it('holds a few hundred texts', () => {
    expect(sample.length).toBeGreaterThan(250);
    expect(sample.length).toBeLessThan(700);
  });

  it('gives the stored resolutions, in order and in a fresh catalog', async () => {
    const catalog = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
    const lines = sample.map((ref) => JSON.stringify({ ref, resolution: catalog.resolve(ref) }));
    await expect(`[\n${lines.join(',\n')}\n]\n`).toMatchFileSnapshot('snapshots/resolve-sample.json');
  });

  it('gives each text the same resolution whatever was resolved before it', () => {
    // Caches shared across texts must not let one text's resolution depend on another's:
    // the sample resolved backwards by a second catalog agrees with it resolved forwards.
    const forwards = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
    const backwards = createCatalog(raw.map((x) => ItemSchema.parse(x)), BIO_TAXONOMY);
    const part = sample.slice(0, 60);
    const a = part.map((ref) => JSON.stringify(forwards.resolve(ref)));
    const b = [...part].reverse().map((ref) => JSON.stringify(backwards.resolve(ref))).reverse();
    expect(b).toEqual(a);
  });
});
