import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog, type Catalog } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { ItemSchema } from '../../src/model/item.js';

/** The incheon-bio fixture's catalog with the built-in taxonomy, as the text-pass tests read it. */
export const fixtureCatalog: Catalog = createCatalog(
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown[]).map((x) => ItemSchema.parse(x)),
  BIO_TAXONOMY,
);

/** The item-fit threshold at and above which the matcher acts on a resolution. */
export const GATE = 0.4;

/** A text's best item in the fixture's catalog and its confidence (undefined and 0 when none). */
export function topOf(text: string): { item: string | undefined; confidence: number } {
  const m = fixtureCatalog.resolveText(text).items[0];
  return { item: m?.item, confidence: m?.confidence ?? 0 };
}
