import type { Catalog, Resolution } from '../catalog/resolve.js';
import { type PreparedLine, type PreparedOffering } from '../criteria/criterion.js';
import { packVerdict, type BatchJudge, type FastJudge as Judge, type QuickJudge, type RunPair } from '../criteria/fast.js';
import type { LineFactsKeeper } from '../criteria/line-facts.js';
import { createJudges, forEachPostingKey, type Layout, type Matcher, type MatchRun, type PreparedDataset, type RunBasis } from './matcher.js';

/*
 * The incremental index's own layout, for matchers whose line results do not depend on where
 * candidates sit (`dependsOn: 'candidates'`, as with `exactCounts: true`). A full run lays the
 * offerings out sorted, and its criteria keep per-offering columns by layout position: an
 * offering added in the middle would move every position after it and make every column be
 * built again (about a second at 100,000 offerings). Here offerings keep their slot for good: the
 * offerings of the last full layout first, then those added since, at the end; an offering
 * removed keeps its slot, dead (no posting names it, so it is never a candidate). The judges of
 * the full layout are kept and judge its slots; judges made over the added offerings alone judge
 * the rest. Once the dead and added slots pass a share of the offerings, a full layout is made
 * again (see `APPENDED_SHARE`). The postings (offerings by key, in dataset order) are updated in
 * place: a key an offering touched gets a new list, the others keep theirs unless the offerings
 * after a removal moved up (their lists are then renumbered, which is integer work only).
 */

/**
 * One posting key of a resolution: the postings map and the key in it (see `forEachPostingKey`).
 *
 * @example
 * const key: PostingKey = { map: 'byItem', key: 'IT-AGAR', name: 'byItem IT-AGAR' };
 */
export interface PostingKey {
  readonly map: keyof PreparedDataset['postings'];
  readonly key: string;
  /** `map key`, one string for sets. */
  readonly name: string;
}

const keyCache = new WeakMap<Resolution, Map<number, readonly PostingKey[]>>();

/**
 * The posting keys of a resolution (see `forEachPostingKey`), kept per resolution object: those
 * an offering is filed under, and so those a line's candidates are looked up by.
 *
 * @example
 * postingKeysOf(offering.resolution, catalog, 0.3).map((k) => k.name); // => ['byItem IT-AGAR', 'byCategory CAT-GEL', 'byCodeClass 121518']
 */
export function postingKeysOf(resolution: Resolution, catalog: Catalog, minItemConfidence: number): readonly PostingKey[] {
  let held = keyCache.get(resolution);
  if (held === undefined) {
    held = new Map();
    keyCache.set(resolution, held);
  }
  let keys = held.get(minItemConfidence);
  if (keys === undefined) {
    const list: PostingKey[] = [];
    forEachPostingKey(resolution, catalog, minItemConfidence, (map, key) => list.push({ map, key, name: `${map} ${key}` }));
    keys = list;
    held.set(minItemConfidence, keys);
  }
  return keys;
}

/**
 * When the dead and added slots together pass this share of the live offerings (plus
 * `APPENDED_SLACK`), the next update lays everything out afresh: the judges of the added
 * offerings are made again at every update, so they must stay few.
 */
const APPENDED_SHARE = 1 / 32;
const APPENDED_SLACK = 16;

/**
 * What the prepared offerings after an update share with those before: the first `head` and the
 * last `tail` are the same objects at the same places from each end (the offerings of the
 * suppliers that open and close both lists alike). An index's layout reads it instead of walking
 * the 100,000 offerings to find where they differ.
 *
 * @example
 * const same: SharedEnds = { was: before, head: before.length, tail: 0 }; // a supplier added last
 */
export interface SharedEnds {
  /** The prepared offerings before the update. */
  readonly was: readonly PreparedOffering[];
  readonly head: number;
  readonly tail: number;
}

/**
 * What one update of an {@link AppendingLayout} gives a run: its postings, layout and judges,
 * and what came and went for the lines to be merged (see `mergeLineResult`).
 *
 * @example
 * const next = layout.advance(offerings, prepared);
 * next?.goneIds.has('O-7'); // => true when O-7 was removed or changed
 */
export interface AppendedRun {
  readonly postings: PreparedDataset['postings'];
  readonly basis: RunBasis;
  /** The postings of the offerings new to the layout alone (by their place in the dataset after the update). */
  readonly added: PreparedDataset['postings'];
  /** The postings of the offerings gone from it alone (by their place in the dataset before the update). */
  readonly gone: PreparedDataset['postings'];
  /** The ids of the offerings gone (an offering changed is gone, and new under the same id). */
  readonly goneIds: ReadonlySet<string>;
  /** The posting keys (`PostingKey.name`) of the offerings gone and new. */
  readonly keys: readonly string[];
}

/**
 * An append-only layout kept from update to update (see the comment at the top of this file).
 *
 * @example
 * const layout = appendingLayout(matcher, run, prepared);
 * const next = layout.advance(offerings, { ...prepared, offerings }); // or undefined: lay out afresh
 * openRun(matcher, { ...prepared, offerings, postings: next.postings }, options, { basis: next.basis });
 */
export interface AppendingLayout {
  /**
   * The postings, layout and judges for `offerings` (the dataset's prepared offerings after an
   * update, in dataset order); undefined when too many slots are dead or added and a full layout
   * should be made instead. `prepared` gives the judges of added offerings their context;
   * `same`, when given, says how many offerings open and close both lists alike (from a walk of
   * the suppliers), so that they need not be compared one by one.
   */
  advance(offerings: readonly PreparedOffering[], prepared: PreparedDataset, same?: SharedEnds): AppendedRun | undefined;
}

/**
 * Starts an append-only layout from a full run (`run`, over `prepared`) of `matcher`.
 *
 * @example
 * const layout = appendingLayout(matcher, openRun(matcher, prepared), prepared);
 */
export function appendingLayout(matcher: Matcher, run: MatchRun, prepared: PreparedDataset, lineFacts?: readonly LineFactsKeeper[]): AppendingLayout {
  const base = run.basis.layout;
  const baseJudges = run.basis.judges;
  const baseCount = base.offerings.length;
  const { minItemConfidence, asOf } = run;
  const catalog = prepared.catalog;
  const physical: PreparedOffering[] = [...base.offerings];
  // The full layout's padding places (see `segmentPlaces`) are dead from the start.
  const padding = baseCount - prepared.offerings.length;
  const slotOf = new Map<PreparedOffering, number>();
  physical.forEach((o, k) => {
    if ((base.original[k] as number) >= 0) slotOf.set(o, k);
  });
  const groupIds = new Map<Resolution, number>();
  let groupOf = new Int32Array(Math.max(16, Math.ceil(baseCount * 1.25)));
  groupOf.set(base.groupOf);
  physical.forEach((o, k) => groupIds.set(o.resolution, base.groupOf[k] as number));
  let itemless = Uint8Array.from(base.itemless);
  let groups = base.groups;
  let before = prepared.offerings;
  let original: Int32Array = base.original;
  let positionBefore: Int32Array = base.position;
  let postings = prepared.postings;
  let extended: { readonly count: number; readonly judges: readonly Judge[] } = { count: baseCount, judges: baseJudges };

  const append = (o: PreparedOffering): number => {
    const slot = physical.length;
    physical.push(o);
    slotOf.set(o, slot);
    let g = groupIds.get(o.resolution);
    if (g === undefined) {
      g = groups++;
      groupIds.set(o.resolution, g);
      if (g >= itemless.length) {
        const grown = new Uint8Array(Math.max(16, itemless.length * 2));
        grown.set(itemless);
        itemless = grown;
      }
      itemless[g] = o.resolution.items.some((m) => m.confidence >= minItemConfidence) ? 0 : 1;
    }
    if (slot >= groupOf.length) {
      const grown = new Int32Array(groupOf.length * 2);
      grown.set(groupOf);
      groupOf = grown;
    }
    groupOf[slot] = g;
    return slot;
  };

  // 0, 1, 2, ...: the new places of the offerings that open and close both lists alike, copied.
  let identity = new Int32Array(0);
  const advance = (offerings: readonly PreparedOffering[], now: PreparedDataset, same?: SharedEnds): AppendedRun | undefined => {
    const n = offerings.length;
    const position = new Int32Array(n);
    // Where each offering was in the dataset before (-1: new), and so what moved. Most are
    // where they were, or one removal further on: the map is read only when that fails. The
    // offerings that open both lists alike, and (when no offering came or went in number) those
    // that close them, are where they were: their places are copied.
    const newIndexOfOld = new Int32Array(before.length).fill(-1);
    const fresh: number[] = [];
    let shifted = false;
    const common = Math.min(n, before.length);
    const told = same !== undefined && same.was === before;
    let head = told ? Math.min(same.head, common) : 0;
    while (head < common && before[head] === offerings[head]) head++;
    let end = n;
    if (n === before.length) {
      if (told) end = Math.max(head, n - same.tail);
      while (end > head && before[end - 1] === offerings[end - 1]) end--;
    }
    position.set(positionBefore.subarray(0, head));
    position.set(positionBefore.subarray(end, n), end);
    if (identity.length < before.length) {
      identity = new Int32Array(Math.ceil(before.length * 1.25));
      for (let j = 0; j < identity.length; j++) identity[j] = j;
    }
    newIndexOfOld.set(identity.subarray(0, head));
    if (end < n) newIndexOfOld.set(identity.subarray(end, n), end);
    let p = head;
    for (let j = head; j < end; j++) {
      const o = offerings[j] as PreparedOffering;
      let slot: number | undefined;
      let old: number;
      if (before[p] === o) {
        old = p;
        slot = positionBefore[p] as number;
      } else {
        slot = slotOf.get(o);
        old = slot === undefined ? -1 : (original[slot] ?? -1);
      }
      if (old >= 0) p = old + 1;
      if (slot === undefined) slot = append(o);
      if (old < 0) fresh.push(j);
      else {
        newIndexOfOld[old] = j;
        if (old !== j) shifted = true;
      }
      position[j] = slot;
    }
    const dead = physical.length - n - padding;
    if (physical.length - baseCount + dead > n * APPENDED_SHARE + APPENDED_SLACK) return undefined;

    const { postings: next, added: addedPostings, gone, goneIds, keys } = updatePostings(postings, before, offerings, { newIndexOfOld, fresh, shifted, from: head }, catalog, minItemConfidence);
    if (shifted) {
      original = new Int32Array(physical.length).fill(-1);
      for (let j = 0; j < n; j++) original[position[j] as number] = j;
    } else {
      // Every offering kept is at its index before: only the places of those gone and new change.
      const grown = new Int32Array(physical.length).fill(-1, original.length);
      grown.set(original);
      for (let old = head; old < before.length; old++) if (newIndexOfOld[old] === -1) grown[positionBefore[old] as number] = -1;
      for (const j of fresh) grown[position[j] as number] = j;
      original = grown;
    }
    before = offerings;
    positionBefore = position;
    postings = next;
    if (extended.count !== physical.length) {
      const tail = physical.slice(baseCount);
      const judges = createJudges(matcher.criteria, now, asOf, tail, lineFacts);
      extended = { count: physical.length, judges: baseJudges.map((b, c) => joinedJudge(b, baseCount, judges[c] as Judge, tail)) };
    }
    const layout: Layout = {
      offerings: physical,
      position,
      original,
      groupOf: groupOf.subarray(0, physical.length),
      groups,
      itemless: itemless.subarray(0, groups),
      // Grouped posting lists stay valid: a list kept is the same offerings in the same slots.
      lists: base.lists,
    };
    return { postings: next, basis: { layout, judges: extended.judges }, added: addedPostings, gone, goneIds, keys };
  };
  return { advance };
}

/**
 * How the offerings of a dataset moved from one update to the next: where each offering before
 * is now (`newIndexOfOld`, -1: gone), the places of those new (`fresh`), and whether any kept
 * one moved (`shifted`).
 *
 * @example
 * const moves: OfferingMoves = { newIndexOfOld: Int32Array.of(0, -1, 1), fresh: [2], shifted: true };
 */
export interface OfferingMoves {
  readonly newIndexOfOld: Int32Array;
  readonly fresh: readonly number[];
  readonly shifted: boolean;
  /** Every offering before this index is where it was (none gone): the search for those gone starts here. */
  readonly from?: number;
}

/**
 * The moves from `before` to `offerings` (prepared offerings in dataset order): an offering is
 * the same when it is the same object. `touched` says which offerings an update names (those of
 * the suppliers and offerings it changes): one of them is taken as new (if it is the same object
 * as before, it counts as gone and new, which only costs work). Any other is looked for from where
 * the last one matched, forwards (the offerings kept are in the same order), so the walk costs
 * the offerings skipped; one not found (an offering readied again because its supplier's record
 * changed) is new.
 *
 * @example
 * offeringMoves([a, b, c], [a, c, d], (o) => o === b || o === d); // => { newIndexOfOld: [0, -1, 1], fresh: [2], shifted: true }
 */
export function offeringMoves(before: readonly PreparedOffering[], offerings: readonly PreparedOffering[], touched: (o: PreparedOffering) => boolean): OfferingMoves {
  const newIndexOfOld = new Int32Array(before.length).fill(-1);
  const fresh: number[] = [];
  let shifted = false;
  let p = 0;
  for (let j = 0; j < offerings.length; j++) {
    const o = offerings[j] as PreparedOffering;
    let q = p < before.length && before[p] === o ? p : -1;
    if (q < 0 && !touched(o)) q = before.indexOf(o, p);
    if (q < 0) {
      fresh.push(j);
      continue;
    }
    newIndexOfOld[q] = j;
    if (q !== j) shifted = true;
    p = q + 1;
  }
  return { newIndexOfOld, fresh, shifted };
}

/**
 * The postings of `offerings` from those of `before` and the moves between them, key by key: a
 * key an offering gone or new is filed under gets a new list, the others keep theirs (renumbered
 * when `moves.shifted`). Also the postings of the offerings gone and new alone, the ids gone, and
 * the names of the keys whose lists changed.
 *
 * @example
 * const next = updatePostings(prepared.postings, before, offerings, moves, catalog, 0.3);
 * next.keys; // => ['byItem IT-AGAR', 'byCategory CAT-GEL']
 */
export function updatePostings(
  postings: PreparedDataset['postings'],
  before: readonly PreparedOffering[],
  offerings: readonly PreparedOffering[],
  moves: OfferingMoves,
  catalog: Catalog,
  minItemConfidence: number,
): Omit<AppendedRun, 'basis'> {
  const { newIndexOfOld, fresh, shifted } = moves;
  // The keys whose lists change: those of the offerings gone and of those new.
  const dirty = new Map<string, PostingKey>();
  const gone = emptyPostings();
  const goneIds = new Set<string>();
  const goneAt: number[] = [];
  for (let old = moves.from ?? 0; old < before.length; old++)
    if (newIndexOfOld[old] === -1) {
      const o = before[old] as PreparedOffering;
      goneIds.add(o.offering.id);
      goneAt.push(old);
      for (const k of postingKeysOf(o.resolution, catalog, minItemConfidence)) {
        dirty.set(k.name, k);
        post(gone, k, old);
      }
    }
  const added = new Map<string, number[]>();
  const addedPostings = emptyPostings();
  for (const j of fresh)
    for (const k of postingKeysOf((offerings[j] as PreparedOffering).resolution, catalog, minItemConfidence)) {
      dirty.set(k.name, k);
      post(addedPostings, k, j);
      const list = added.get(k.name);
      if (list === undefined) added.set(k.name, [j]);
      else if (list[list.length - 1] !== j) list.push(j);
    }
  const renumber = (list: readonly number[]): number[] => {
    const out: number[] = [];
    for (const i of list) {
      const j = newIndexOfOld[i] as number;
      if (j >= 0) out.push(j);
    }
    return out;
  };
  // Without a shift the offerings kept keep their numbers: a list loses those gone (found by
  // bisection) and is otherwise the same list, not a copy.
  const withoutGone = (list: readonly number[]): readonly number[] => {
    let out: number[] | undefined;
    for (let g = goneAt.length - 1; g >= 0; g--) {
      const k = bisect(list, goneAt[g] as number);
      if (list[k] === goneAt[g]) (out ??= list.slice()).splice(k, 1);
    }
    return out ?? list;
  };
  const next = {
    byItem: new Map(postings.byItem),
    byCategory: new Map(postings.byCategory),
    byCodeClass: new Map(postings.byCodeClass),
  };
  if (shifted) for (const map of [next.byItem, next.byCategory, next.byCodeClass]) for (const [key, list] of map) map.set(key, renumber(list));
  for (const { map, key, name } of dirty.values()) {
    // Renumbered above when shifted; otherwise the survivors keep their numbers.
    const kept = shifted ? (next[map].get(key) ?? []) : withoutGone(next[map].get(key) ?? []);
    const list = mergedAscending(kept, added.get(name) ?? []);
    if (list.length > 0) next[map].set(key, list);
    else next[map].delete(key);
  }

  return { postings: next, added: addedPostings, gone, goneIds, keys: [...dirty.keys()] };
}

/** Where `x` is in the ascending `list`, or where it would go. */
function bisect(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two ascending lists of distinct numbers as one ascending list (a posting list and the places new to it). */
function mergedAscending(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a as number[];
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) < (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

type MutablePostings = { readonly [M in keyof PreparedDataset['postings']]: Map<string, number[]> };

function emptyPostings(): MutablePostings {
  return { byItem: new Map(), byCategory: new Map(), byCodeClass: new Map() };
}

/** Files offering `index` under `key` (as `postingsOf` does: ascending, once). */
function post(postings: MutablePostings, key: PostingKey, index: number): void {
  const list = postings[key.map].get(key.key);
  if (list === undefined) postings[key.map].set(key.key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

/**
 * The judges of `basis` for the index's small runs (over the offerings an update brought or took
 * away, a handful per line): each batch path calls the criterion's quick path candidate by
 * candidate. A batch path readies a line for many candidates (a criterion of few distinct facts
 * judges every one of them for the line at once, and keys the line's facts to keep that table
 * for the lines that follow), which a run of one or two candidates per line pays in full; the
 * quick path judges only the candidates asked. Both give the same packed verdicts (the criteria's
 * differential tests hold them to it), and the batch path stays present, so the run judges the
 * criteria in the same order.
 *
 * @example
 * const run = openRun(matcher, { ...prepared, postings: appended.added }, options, { basis: smallRunBasis(appended.basis) });
 */
export function smallRunBasis(basis: RunBasis): RunBasis {
  const { offerings } = basis.layout;
  const judges = basis.judges.map((judge): Judge => {
    const quick = judge.quick;
    if (judge.batch === undefined || quick === undefined) return judge;
    const pair = { line: undefined as unknown as PreparedLine, offering: undefined as unknown as PreparedOffering, scores: {}, index: 0 };
    const batch: BatchJudge = (line, indexes, count, out) => {
      pair.line = line;
      for (let k = 0; k < count; k++) {
        const i = indexes[k] as number;
        pair.index = i;
        pair.offering = offerings[i] as PreparedOffering;
        out[k] = quick(pair);
      }
    };
    return Object.assign((p: RunPair) => judge(p), judge, { batch });
  });
  return { layout: basis.layout, judges };
}

/**
 * One criterion's judge over slots `[0, baseCount)` (by `base`, made over the full layout) and
 * the slots after them (by `tail`'s judge, made over `tailOfferings`, whose positions start at 0).
 * No ceiling: a layout of this kind serves only runs that never skip blocks.
 */
function joinedJudge(base: Judge, baseCount: number, tail: Judge, tailOfferings: readonly PreparedOffering[]): Judge {
  const inTail = (pair: RunPair): boolean => pair.index !== undefined && pair.index >= baseCount;
  const moved = (pair: RunPair): RunPair => ({ line: pair.line, offering: pair.offering, scores: pair.scores, index: (pair.index as number) - baseCount });
  const tailQuick: QuickJudge = tail.quick ?? ((pair) => { const v = tail(pair); return packVerdict(v.applicable, v.pass, v.score); });
  const judge = (pair: RunPair) => (inTail(pair) ? tail(moved(pair)) : base(pair));
  const baseQuick = base.quick;
  const quick: QuickJudge | undefined = baseQuick === undefined ? undefined : (pair) => (inTail(pair) ? tailQuick(moved(pair)) : baseQuick(pair));
  const baseBatch = base.batch;
  const tailBatch = tail.batch;
  // Scratch reused from call to call (a run calls one line's batches one after another): the
  // head's and the tail's places, and their verdicts.
  let places = new Int32Array(64);
  let verdicts = new Float64Array(64);
  const batch: BatchJudge | undefined =
    baseBatch === undefined
      ? undefined
      : (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array) => {
          let tailCount = 0;
          for (let k = 0; k < count; k++) if ((indexes[k] as number) >= baseCount) tailCount++;
          if (tailCount === 0) return baseBatch(line, indexes, count, out);
          if (places.length < count) {
            places = new Int32Array(count * 2);
            verdicts = new Float64Array(count * 2);
          }
          // The head's places first (their verdicts at the front of `verdicts`), then the tail's,
          // numbered from 0 as its own judges number them (at the back).
          const h = count - tailCount;
          let a = 0;
          let b = h;
          for (let k = 0; k < count; k++) {
            const i = indexes[k] as number;
            if (i < baseCount) places[a++] = i;
            else places[b++] = i - baseCount;
          }
          if (h > 0) baseBatch(line, places.subarray(0, h), h, verdicts);
          const tailPlaces = places.subarray(h, count);
          if (tailBatch !== undefined) tailBatch(line, tailPlaces, tailCount, verdicts.subarray(h, count));
          else for (let q = 0; q < tailCount; q++) verdicts[h + q] = tailQuick({ line, offering: tailOfferings[tailPlaces[q] as number] as PreparedOffering, scores: {}, index: tailPlaces[q] as number });
          a = 0;
          b = h;
          for (let k = 0; k < count; k++) out[k] = (indexes[k] as number) < baseCount ? (verdicts[a++] as number) : (verdicts[b++] as number);
        };
  return Object.assign(judge, {
    ...(quick !== undefined ? { quick } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(base.cost !== undefined ? { cost: base.cost } : {}),
    ...(base.failing !== undefined ? { failing: base.failing } : {}),
  });
}
