/**
 * A dataset readied for matching, and its posting lists: the offerings filed under their items,
 * categories and UNSPSC classes, by the one rule (`forEachPostingKey`) that both filing and
 * lookup read.
 */
import { type Catalog } from '../catalog/resolve.js';
import type { Resolution } from '../catalog/resolve.js';
import { type PreparedLine, type PreparedOffering } from '../criteria/criterion.js';
import type { Dataset } from '../model/dataset.js';

/** A dataset readied for matching: resolutions, prepared offerings and candidate postings. */
export interface PreparedDataset {
  readonly dataset: Dataset;
  readonly catalog: Catalog;
  readonly offerings: readonly PreparedOffering[];
  readonly lines: readonly PreparedLine[];
  /** Offering indexes by item id, by leaf category and by UNSPSC class (6 digits). */
  readonly postings: {
    readonly byItem: ReadonlyMap<string, readonly number[]>;
    readonly byCategory: ReadonlyMap<string, readonly number[]>;
    readonly byCodeClass: ReadonlyMap<string, readonly number[]>;
  };
}

/**
 * The candidate postings of offerings (see `PreparedDataset.postings`): each offering's index
 * under the items it resolves to with at least `minItemConfidence`, their categories and UNSPSC
 * classes (6 digits), and the categories it resolves to. Internal: `prepare` and the
 * incremental index build them alike.
 */
export function postingsOf(offerings: readonly PreparedOffering[], catalog: Catalog, minItemConfidence: number): PreparedDataset['postings'] {
  const postings = { byItem: new Map<string, number[]>(), byCategory: new Map<string, number[]>(), byCodeClass: new Map<string, number[]>() };
  offerings.forEach((o, index) => {
    forEachPostingKey(o.resolution, catalog, minItemConfidence, (map, key) => {
      const list = postings[map].get(key);
      if (!list) postings[map].set(key, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    });
  });
  return postings;
}

/**
 * Calls `visit` with each posting key of a resolution (see `postingsOf`): its items of at
 * least `minItemConfidence`, their categories and UNSPSC classes, then its categories.
 */
export function forEachPostingKey(resolution: Resolution, catalog: Catalog, minItemConfidence: number, visit: (map: keyof PreparedDataset['postings'], key: string) => void): void {
  for (const m of resolution.items) {
    if (m.confidence < minItemConfidence) continue;
    visit('byItem', m.item);
    const item = catalog.items.get(m.item);
    if (item) {
      visit('byCategory', item.category);
      for (const code of item.codes.unspsc ?? []) visit('byCodeClass', code.slice(0, 6));
    }
  }
  for (const c of resolution.categories) visit('byCategory', c.category);
}
