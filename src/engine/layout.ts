/**
 * How a run lays out a prepared dataset's offerings in memory: one item's offerings next to each
 * other, with the groups, certificate profiles and grouped posting lists the passes read.
 */
import { canonicalCertType } from '../catalog/certificates.js';
import type { Resolution } from '../catalog/resolve.js';
import type { PreparedOffering } from '../criteria/criterion.js';
import { CEILING_BLOCK } from '../criteria/fast.js';
import { validOn } from '../model/certification.js';
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
 * are read in order rather than all over memory. Each item's offerings start a block of their
 * own (see `segmentKeyOf`), the last block padded with places that no posting names. The run's offerings
 * given to the criteria (`RunContext.offerings`) are in this order, and so are the candidate indexes of the matcher; results name offerings by id.
 */
export interface Layout {
  /** The offerings in layout order; a padding place repeats the offering before it (`original` is -1 there). */
  readonly offerings: readonly PreparedOffering[];
  /** position[i]: where `prepared.offerings[i]` is in `offerings`. */
  readonly position: Int32Array;
  /** original[k]: the index in `prepared.offerings` of `offerings[k]` (-1: padding, or a place no offering holds). */
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
  const rule = layoutRule(prepared, minItemConfidence);
  const carried = layoutsByOfferings.get(prepared.offerings);
  if (carried !== undefined && carried.key === rule.key) {
    byConfidence.set(minItemConfidence, carried.layout);
    return carried.layout;
  }
  const offerings = prepared.offerings;
  const ids = new Map<Resolution, number>();
  const groupAt = new Int32Array(offerings.length);
  offerings.forEach((o, i) => {
    let id = ids.get(o.resolution);
    if (id === undefined) {
      id = ids.size;
      ids.set(o.resolution, id);
    }
    groupAt[i] = id;
  });
  const itemless = new Uint8Array(ids.size);
  for (const [resolution, id] of ids) itemless[id] = segmentKeyOf(resolution, minItemConfidence) === '' ? 1 : 0;
  // The segments (see `segmentKeyOf`), each in dataset order, then in the order of their keys.
  const bySegment = new Map<string, number[]>();
  offerings.forEach((o, i) => {
    const key = segmentKeyOf(o.resolution, minItemConfidence);
    const members = bySegment.get(key);
    if (members === undefined) bySegment.set(key, [i]);
    else members.push(i);
  });
  const keys = [...bySegment.keys()].sort(compareIds);
  let places = 0;
  for (const key of keys) places += segmentPlaces((bySegment.get(key) as number[]).length);
  const laid = new Array<PreparedOffering>(places);
  const original = new Int32Array(places).fill(-1);
  const groupOf = new Int32Array(places);
  let at = 0;
  for (const key of keys) {
    const members = orderSegment(bySegment.get(key) as number[], offerings, rule);
    at = placeSegment(members, offerings, at, laid, original, groupOf, (i) => groupAt[i] as number);
  }
  const position = new Int32Array(offerings.length);
  original.forEach((i, k) => {
    if (i >= 0) position[i] = k;
  });
  layout = { offerings: laid, position, original, groupOf, groups: ids.size, itemless, lists: new WeakMap() };
  byConfidence.set(minItemConfidence, layout);
  layoutsByOfferings.set(prepared.offerings, { key: rule.key, layout });
  return layout;
}

/** The last layout made of an offerings array, with what else it depends on (see `layoutOf`). */
const layoutsByOfferings = new WeakMap<readonly PreparedOffering[], { readonly key: string; readonly layout: Layout }>();

/**
 * The segment an offering of `resolution` is laid out in: its best item (the first of at least
 * `minItemConfidence`), or '' for one with no such item (a category alone). Each segment starts
 * a block of its own (see `segmentPlaces`), so the blocks the matcher skips on their ceilings
 * (see `CEILING_BLOCK`) hold the offerings of one item, and an offering added or removed changes
 * the blocks of its item's segment alone: the others hold the same offerings, in the same order,
 * wherever they now start (what the incremental index relies on, see `blockLayout`).
 *
 * @example
 * segmentKeyOf(offering.resolution, 0.3); // => 'IT-AGAR'
 */
export function segmentKeyOf(resolution: Resolution, minItemConfidence: number): string {
  return resolution.items.find((m) => m.confidence >= minItemConfidence)?.item ?? '';
}

/**
 * The places a segment of `count` offerings takes in a layout: whole blocks of `CEILING_BLOCK`;
 * the places after its last offering are padding, which no posting names.
 *
 * @example
 * segmentPlaces(33); // => 64
 */
export function segmentPlaces(count: number): number {
  return Math.ceil(count / CEILING_BLOCK) * CEILING_BLOCK;
}

/**
 * What the order of offerings within a segment depends on besides them: the certificate types
 * the lines require most (see `certificateProfile`), the date, and `minItemConfidence`. `key`
 * tells two rules apart.
 *
 * @example
 * layoutRule(prepared, 0.3).key === layoutRule(preparedAgain, 0.3).key; // => true when the same certificates rank first
 */
export interface LayoutRule {
  readonly key: string;
  readonly asOf: string | undefined;
  /** The profile bit of each certificate type ranked (see `certificateProfile`). */
  readonly bitOf: ReadonlyMap<string, number>;
}

/** The {@link LayoutRule} of a prepared dataset (see `layoutOf`). */
export function layoutRule(prepared: PreparedDataset, minItemConfidence: number): LayoutRule {
  const ranking = certificateRanking(prepared);
  const asOf = prepared.dataset.meta.asOf;
  return {
    key: `${minItemConfidence}\u0000${asOf ?? ''}\u0000${ranking.join('\u0001')}`,
    asOf,
    bitOf: new Map(ranking.map((key, r) => [key, 2 ** (PROFILE_TYPES - 1 - r)])),
  };
}

/**
 * The offerings of one segment (`members`, indexes into `offerings` in ascending order) in
 * layout order: by resolution, in the order the resolutions first appear, then by certificate
 * profile (see `certificateProfile`), most required first, then in dataset order.
 *
 * @example
 * orderSegment([0, 4, 9], prepared.offerings, layoutRule(prepared, 0.3)); // => [4, 0, 9]
 */
export function orderSegment(members: readonly number[], offerings: readonly PreparedOffering[], rule: LayoutRule): Int32Array {
  const first = new Map<Resolution, number>();
  const rank = new Int32Array(members.length);
  const profile = new Float64Array(members.length);
  members.forEach((i, m) => {
    const o = offerings[i] as PreparedOffering;
    let r = first.get(o.resolution);
    if (r === undefined) {
      r = first.size;
      first.set(o.resolution, r);
    }
    rank[m] = r;
    profile[m] = certificateProfile(o, rule);
  });
  const order = Int32Array.from(members.keys()).sort((a, b) => (rank[a] as number) - (rank[b] as number) || (profile[b] as number) - (profile[a] as number) || a - b);
  return order.map((m) => members[m] as number);
}

/**
 * Writes a segment (`members` in layout order, see `orderSegment`) at place `at` of a layout's
 * arrays, padded to whole blocks with its last offering again (so a block's ceilings, which
 * bound its offerings, are those of its offerings alone; `original` says -1 there); returns the
 * place after it.
 *
 * @example
 * placeSegment(orderSegment(members, offerings, rule), offerings, 0, laid, original, groupOf, (i) => groupAt[i]); // => 32
 */
export function placeSegment(
  members: Int32Array,
  offerings: readonly PreparedOffering[],
  at: number,
  laid: PreparedOffering[],
  original: Int32Array,
  groupOf: Int32Array,
  group: (i: number) => number,
): number {
  const end = at + segmentPlaces(members.length);
  let k = at;
  for (const i of members) {
    laid[k] = offerings[i] as PreparedOffering;
    original[k] = i;
    groupOf[k] = group(i);
    k += 1;
  }
  const last = members[members.length - 1] as number;
  for (; k < end; k++) {
    laid[k] = offerings[last] as PreparedOffering;
    original[k] = -1;
    groupOf[k] = group(last);
  }
  return end;
}

/** How many certificate types a profile tells apart (see `certificateProfile`). */
const PROFILE_TYPES = 30;

/** The certificate types the lines require most (`must` first, then `nice`), at most PROFILE_TYPES (see `certificateProfile`). */
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
 * An offering's certificate profile, a number whose bits say which certificate types it
 * holds (valid on the dataset's `asOf`, when it gives one), the types most often required
 * (`must` first, then `nice`) in the highest bits. The layout puts the offerings of a group in
 * profile order, so that those holding the same certificates are neighbours and a block of
 * them (see `CEILING_BLOCK`) often holds none of what a line requires: certification's ceiling
 * then skips it whole. Only the order depends on it, not what is kept.
 */
function certificateProfile(o: PreparedOffering, rule: LayoutRule): number {
  const { asOf, bitOf } = rule;
  let bits = 0;
  for (const [key, certs] of o.certificates) {
    const bit = bitOf.get(key);
    if (bit !== undefined && certs.some((c) => asOf === undefined || validOn(c, asOf))) bits += bit;
  }
  return bits;
}

/** Candidate indexes (layout order) sorted in dataset order, as aggregators such as TOPSIS always saw them. */
export function inDatasetOrder(indexes: Int32Array, layout: Layout): Int32Array {
  const original = indexes.map((k) => layout.original[k] as number).sort();
  return original.map((i) => layout.position[i] as number);
}
