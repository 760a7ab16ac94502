/**
 * How a run lays out a prepared dataset's offerings in memory: one item's offerings next to each
 * other, with the groups, certificate profiles and grouped posting lists the passes read.
 */
import { canonicalCertType } from '../catalog/certificates.js';
import type { Resolution } from '../catalog/resolve.js';
import { type PreparedOffering } from '../criteria/criterion.js';
import { compareIds } from '../model/common.js';
import { type PreparedDataset } from './prepared.js';

/** One posting list cut into the runs of offerings that share a resolution object. */
export interface GroupedList {
  /** Group ids (see CandidateFinder.groupIds), in order of first appearance. */
  readonly groups: Int32Array;
  /** members.subarray(starts[g], starts[g + 1]) are the offerings of groups[g] in the list. */
  readonly starts: Int32Array;
  readonly members: Int32Array;
}

/**
 * How a run lays out a prepared dataset's offerings: the offerings of one item next to each
 * other (by the resolution's best item, then resolution, then dataset order), so that the
 * candidates of a line are a few runs of neighbours and the per-offering arrays of the criteria
 * are read in order rather than all over memory. `context.offerings` is this order, and so are
 * the candidate indexes of the matcher; results name offerings by id.
 */
export interface Layout {
  readonly offerings: readonly PreparedOffering[];
  /** position[i]: where `prepared.offerings[i]` is in `offerings`. */
  readonly position: Int32Array;
  /** original[k]: the index in `prepared.offerings` of `offerings[k]`. */
  readonly original: Int32Array;
  /** Group id of each offering (by resolution object), in layout order. */
  readonly groupOf: Int32Array;
  /** How many groups. */
  readonly groups: number;
  /** 1 for a group whose resolution has no item of at least `minItemConfidence` (a category alone). */
  readonly itemless: Uint8Array;
  /** Posting lists cut into groups, in layout indexes (cached per list). */
  readonly lists: WeakMap<readonly number[], GroupedList>;
}

const layouts = new WeakMap<PreparedDataset, Map<number, Layout>>();

export function layoutOf(prepared: PreparedDataset, minItemConfidence: number): Layout {
  let byConfidence = layouts.get(prepared);
  if (byConfidence === undefined) {
    byConfidence = new Map();
    layouts.set(prepared, byConfidence);
  }
  let layout = byConfidence.get(minItemConfidence);
  if (layout !== undefined) return layout;
  // A dataset readied again with the same offerings (the incremental index, when only lines
  // change) lays them out the same while the certificate types most required rank the same.
  const ranking = certificateRanking(prepared);
  const sameOfferings = `${minItemConfidence}\u0000${prepared.dataset.meta.asOf ?? ''}\u0000${ranking.join('\u0001')}`;
  const carried = layoutsByOfferings.get(prepared.offerings);
  if (carried !== undefined && carried.key === sameOfferings) {
    byConfidence.set(minItemConfidence, carried.layout);
    return carried.layout;
  }
  const n = prepared.offerings.length;
  const ids = new Map<Resolution, number>();
  const groupAt = new Int32Array(n);
  prepared.offerings.forEach((o, i) => {
    let id = ids.get(o.resolution);
    if (id === undefined) {
      id = ids.size;
      ids.set(o.resolution, id);
    }
    groupAt[i] = id;
  });
  const itemless = new Uint8Array(ids.size);
  const keyOfGroup: string[] = new Array<string>(ids.size);
  for (const [resolution, id] of ids) {
    const best = resolution.items.find((m) => m.confidence >= minItemConfidence);
    itemless[id] = best === undefined ? 1 : 0;
    keyOfGroup[id] = best?.item ?? '';
  }
  const profile = certificateProfiles(prepared, ranking);
  const original = Int32Array.from(prepared.offerings.keys()).sort((a, b) => {
    const ga = groupAt[a] as number;
    const gb = groupAt[b] as number;
    if (ga === gb) return (profile[b] as number) - (profile[a] as number) || a - b;
    const ka = keyOfGroup[ga] as string;
    const kb = keyOfGroup[gb] as string;
    return ka === kb ? ga - gb : compareIds(ka, kb);
  });
  const position = new Int32Array(n);
  original.forEach((i, k) => {
    position[i] = k;
  });
  const offerings = Array.from(original, (i) => prepared.offerings[i] as PreparedOffering);
  const groupOf = Int32Array.from(original, (i) => groupAt[i] as number);
  layout = { offerings, position, original, groupOf, groups: ids.size, itemless, lists: new WeakMap() };
  byConfidence.set(minItemConfidence, layout);
  layoutsByOfferings.set(prepared.offerings, { key: sameOfferings, layout });
  return layout;
}

/** The last layout made of an offerings array, with what else it depends on (see `layoutOf`). */
const layoutsByOfferings = new WeakMap<readonly PreparedOffering[], { readonly key: string; readonly layout: Layout }>();

/** How many certificate types a profile tells apart (see `certificateProfiles`). */
const PROFILE_TYPES = 30;

/** The certificate types the lines require most (`must` first, then `nice`), at most PROFILE_TYPES (see `certificateProfiles`). */
function certificateRanking(prepared: PreparedDataset): string[] {
  const demand = new Map<string, number>();
  for (const line of prepared.lines)
    for (const req of line.line.certifications) {
      const key = canonicalCertType(req.type);
      // A `must` weighs more than all the `nice` ones together.
      demand.set(key, (demand.get(key) ?? 0) + (req.level === 'must' ? 1e6 : 1));
    }
  return [...demand.entries()]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, PROFILE_TYPES)
    .map(([key]) => key);
}

/**
 * Each offering's certificate profile, a number whose bits say which certificate types it
 * holds (valid on the dataset's `asOf`, when it gives one), the types most often required
 * (`must` first, then `nice`) in the highest bits. The layout puts the offerings of a group in
 * profile order, so that those holding the same certificates are neighbours and a block of
 * them (see `CEILING_BLOCK`) often holds none of what a line requires: certification's ceiling
 * then skips it whole. Only the order depends on it, not what is kept.
 */
function certificateProfiles(prepared: PreparedDataset, ranked: readonly string[]): Float64Array {
  const asOf = prepared.dataset.meta.asOf;
  const bitOf = new Map(ranked.map((key, r) => [key, 2 ** (PROFILE_TYPES - 1 - r)]));
  return Float64Array.from(prepared.offerings, (o) => {
    let bits = 0;
    for (const [key, certs] of o.certificates) {
      const bit = bitOf.get(key);
      if (bit !== undefined && certs.some((c) => asOf === undefined || (c.issued <= asOf && (c.expires === undefined || c.expires >= asOf)))) bits += bit;
    }
    return bits;
  });
}

/** Candidate indexes (layout order) sorted in dataset order, as aggregators such as TOPSIS always saw them. */
export function inDatasetOrder(indexes: Int32Array, layout: Layout): Int32Array {
  const original = indexes.map((k) => layout.original[k] as number).sort();
  return original.map((i) => layout.position[i] as number);
}
