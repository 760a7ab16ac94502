import type { Resolution } from '../catalog/resolve.js';
import type { PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import { CEILING_BLOCK, packVerdict, type BatchJudge, type CeilingJudge, type FastJudge as Judge, type QuickJudge, type RunPair } from '../criteria/fast.js';
import { compareIds } from '../model/common.js';
import { offeringMoves, postingKeysOf, updatePostings } from './index-layout.js';
import { layoutRule, orderSegment, placeSegment, segmentKeyOf, segmentPlaces, type LayoutRule } from './layout.js';
import type { LineFactsKeeper } from '../criteria/line-facts.js';
import { createJudges, type Layout, type Matcher, type MatchRun, type PreparedDataset, type RunBasis } from './matcher.js';

/*
 * The incremental index's layout for matchers whose line counts depend on where candidates sit
 * (`dependsOn: 'blocks'` or `'order'`, the default `exactCounts: false`). The full layout is a
 * row of segments, one per item, each starting a block of its own (see `segmentKeyOf`): an
 * offering added or removed changes its item's segment alone, and every other segment holds the
 * same offerings in the same order and the same blocks, wherever it now starts. So the layout
 * after an update is the full match's own, made segment by segment: those untouched are copied,
 * those touched are ordered again (`orderSegment`, the full layout's rule). The criteria's
 * columns of the last full layout are kept: an offering it holds is judged by its judges at the
 * place it had there, and a block that holds what one of its blocks held gets that block's
 * ceilings. The blocks that hold anything else (the tail: in a touched segment, from the first
 * place that changed) are copied side by side and judged by judges made over them alone, for
 * their ceilings and for the offerings new since. A line whose candidates all sit in untouched
 * segments sees the same candidates, in the same order and blocks, with the same verdicts and
 * ceilings: its result is the same, and only the lines with a candidate in a touched segment
 * are matched again. Once the tail passes a share of the offerings, the next update lays
 * everything out afresh.
 */

/**
 * When the tail (the blocks changed since the last full layout) passes this share of the
 * offerings (plus `TAIL_SLACK` places), the next update lays everything out afresh. Its judges
 * are made again at every update, but they build their columns as lines ask (about a
 * millisecond of CPU for 100 blocks on the 100,000-offering benchmark set), while laying out
 * afresh costs seconds there; and one supplier added to an item of thousands of offerings puts
 * the blocks of the item after it in the tail (50 blocks there): at 1/32, one update in two
 * laid everything out afresh.
 */
const TAIL_SHARE = 1 / 4;
const TAIL_SLACK = 256;

/** One segment of a layout: its key and its places. */
interface Segment {
  readonly key: string;
  readonly at: number;
  readonly places: number;
}

/**
 * What one update of a {@link BlockLayout} gives a run: its postings and basis (the layout and
 * the judges), and the posting keys (`PostingKey.name`) of the offerings of every segment the
 * update touched, before and after: a line with none of them has the same candidates in the
 * same blocks as before.
 *
 * @example
 * const next = layout.advance(offerings, prepared, touched);
 * next?.keys; // => ['byItem IT-AGAR', 'byCategory CAT-GEL', 'byCodeClass 121518']
 */
export interface BlockRun {
  readonly postings: PreparedDataset['postings'];
  readonly basis: RunBasis;
  readonly keys: readonly string[];
  /**
   * The places of the blocks that changed, as `[first, end)` pairs: in the layout before the
   * update (`was`, of the run before) and in the layout after (`now`, of `basis`). An offering of
   * the others sits in a block that holds what it held.
   */
  readonly changed: { readonly was: readonly number[]; readonly now: readonly number[] };
}

/**
 * A layout kept from update to update segment by segment (see the comment at the top of this file).
 *
 * @example
 * const layout = blockLayout(matcher, run, prepared);
 * const next = layout.advance(offerings, { ...prepared, offerings }, (o) => changedSuppliers.has(o.supplier.id));
 */
export interface BlockLayout {
  /**
   * The postings, layout and judges for `now` (`offerings` its prepared offerings after an
   * update, in dataset order; `touched` those the update may have made again, see
   * `offeringMoves`); undefined when the layout rule changed (the certificates the lines require
   * most) or the tail grew too large: a full layout should be made instead.
   */
  advance(offerings: readonly PreparedOffering[], now: PreparedDataset, touched: (o: PreparedOffering) => boolean): BlockRun | undefined;
}

/**
 * Starts a segment-by-segment layout from a full run (`run`, over `prepared`) of `matcher`.
 *
 * @example
 * const layout = blockLayout(matcher, openRun(matcher, prepared), prepared);
 */
export function blockLayout(matcher: Matcher, run: MatchRun, prepared: PreparedDataset, lineFacts?: readonly LineFactsKeeper[]): BlockLayout {
  const base = run.basis.layout;
  const baseJudges = run.basis.judges;
  const { minItemConfidence, asOf } = run;
  const catalog = prepared.catalog;
  const rule: LayoutRule = layoutRule(prepared, minItemConfidence);
  const keyOf = (o: PreparedOffering): string => segmentKeyOf(o.resolution, minItemConfidence);
  // The full layout's segments: a new one where the key of the offering changes.
  let segments: Segment[] = [];
  for (let k = 0; k < base.offerings.length; ) {
    const key = keyOf(base.offerings[k] as PreparedOffering);
    let count = 0;
    while (k + count < base.offerings.length && (base.original[k + count] as number) >= 0 && keyOf(base.offerings[k + count] as PreparedOffering) === key) count += 1;
    const places = segmentPlaces(count);
    segments.push({ key, at: k, places });
    k += places;
  }
  // Where the full layout holds each offering (read for the offerings of the tail's blocks).
  const basePlaceOf = new Map<PreparedOffering, number>();
  base.offerings.forEach((o, k) => {
    if ((base.original[k] as number) >= 0) basePlaceOf.set(o, k);
  });
  const groupIds = new Map<Resolution, number>();
  base.offerings.forEach((o, k) => groupIds.set(o.resolution, base.groupOf[k] as number));
  let itemless = Array.from(base.itemless);
  let layout = base;
  let before = prepared.offerings;
  let postings = prepared.postings;
  // blockSource[b]: the full layout's block that block b is, or -1 - its block in the tail.
  let blockSource = Int32Array.from({ length: base.offerings.length / CEILING_BLOCK }, (_, b) => b);
  let tail: { readonly offerings: readonly PreparedOffering[]; readonly judges: readonly Judge[] } = { offerings: [], judges: [] };
  let judges = baseJudges;

  const groupOf = (o: PreparedOffering): number => {
    let g = groupIds.get(o.resolution);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(o.resolution, g);
      itemless = [...itemless, keyOf(o) === '' ? 1 : 0];
    }
    return g;
  };

  const advance = (offerings: readonly PreparedOffering[], now: PreparedDataset, touched: (o: PreparedOffering) => boolean): BlockRun | undefined => {
    if (layoutRule(now, minItemConfidence).key !== rule.key) return undefined;
    const moves = offeringMoves(before, offerings, touched);
    const { newIndexOfOld, fresh } = moves;
    // Nothing came or went (an update of lines alone): the same layout, judges and postings.
    if (fresh.length === 0 && offerings.length === before.length) {
      before = offerings;
      return { postings, basis: { layout, judges }, keys: [], changed: { was: [], now: [] } };
    }
    // The segments touched: those of the offerings gone and new, with their members now.
    const members = new Map<string, number[]>();
    for (let old = 0; old < before.length; old++) if (newIndexOfOld[old] === -1) members.set(keyOf(before[old] as PreparedOffering), []);
    for (const j of fresh) members.set(keyOf(offerings[j] as PreparedOffering), []);
    const keys = new Set<string>();
    const keysOf = (o: PreparedOffering): void => {
      for (const k of postingKeysOf(o.resolution, catalog, minItemConfidence)) keys.add(k.name);
    };
    const touchedBefore = new Map<string, Segment>();
    for (const s of segments) {
      const list = members.get(s.key);
      if (list === undefined) continue;
      touchedBefore.set(s.key, s);
      for (let k = s.at; k < s.at + s.places; k++) {
        const old = layout.original[k] as number;
        if (old < 0) continue;
        const j = newIndexOfOld[old] as number;
        if (j >= 0) list.push(j);
      }
    }
    for (const j of fresh) {
      const o = offerings[j] as PreparedOffering;
      (members.get(keyOf(o)) as number[]).push(j);
    }
    // The segments after the update, in key order: those untouched as they were, those touched
    // ordered again (and gone when empty), and those new.
    const plan: { readonly key: string; readonly was: Segment | undefined; readonly members: Int32Array | undefined }[] = [];
    for (const s of segments) if (!members.has(s.key)) plan.push({ key: s.key, was: s, members: undefined });
    // The posting keys of the offerings in the blocks that changed, before and after: a line
    // with none of them has the same candidates in the same blocks.
    const changed = { was: [] as number[], now: [] as number[] };
    const keysIn = (from: Pick<Layout, 'offerings' | 'original'>, first: number, end: number): void => {
      (from === layout ? changed.was : changed.now).push(first, end);
      for (let k = first; k < end; k++) if ((from.original[k] as number) >= 0) keysOf(from.offerings[k] as PreparedOffering);
    };
    for (const [key, list] of members) if (list.length === 0 && touchedBefore.has(key)) keysIn(layout, (touchedBefore.get(key) as Segment).at, (touchedBefore.get(key) as Segment).at + (touchedBefore.get(key) as Segment).places);
    for (const [key, list] of members) if (list.length > 0) plan.push({ key, was: touchedBefore.get(key), members: orderSegment(list.sort((a, b) => a - b), offerings, rule) });
    plan.sort((a, b) => compareIds(a.key, b.key));
    let places = 0;
    for (const p of plan) places += p.members !== undefined ? segmentPlaces(p.members.length) : (p.was as Segment).places;
    const laid = new Array<PreparedOffering>(places);
    const original = new Int32Array(places);
    const groups = new Int32Array(places);
    // A block is the full layout's block it was, or (-2) new to the tail.
    const sourceOf = new Int32Array(places / CEILING_BLOCK);
    const next: Segment[] = [];
    const newPlaces = { offerings: laid, original };
    let at = 0;
    for (const p of plan) {
      const was = p.was;
      if (p.members === undefined) {
        const from = (was as Segment).at;
        const n = (was as Segment).places;
        for (let k = 0; k < n; k++) {
          laid[at + k] = layout.offerings[from + k] as PreparedOffering;
          const old = layout.original[from + k] as number;
          original[at + k] = old < 0 ? -1 : (newIndexOfOld[old] as number);
          groups[at + k] = layout.groupOf[from + k] as number;
        }
        sourceOf.set(blockSource.subarray(from / CEILING_BLOCK, (from + n) / CEILING_BLOCK), at / CEILING_BLOCK);
        next.push({ key: p.key, at, places: n });
        at += n;
        continue;
      }
      const n = placeSegment(p.members, offerings, at, laid, original, groups, (i) => groupOf(offerings[i] as PreparedOffering)) - at;
      // A block that holds what the segment's block held before keeps its source.
      for (let b = 0; b < n / CEILING_BLOCK; b++) {
        let same = was !== undefined && b * CEILING_BLOCK < was.places;
        for (let k = b * CEILING_BLOCK; same && k < (b + 1) * CEILING_BLOCK; k++)
          same = laid[at + k] === layout.offerings[(was as Segment).at + k] && (original[at + k] as number) < 0 === (layout.original[(was as Segment).at + k] as number) < 0;
        sourceOf[at / CEILING_BLOCK + b] = same ? (blockSource[(was as Segment).at / CEILING_BLOCK + b] as number) : -2;
        if (same) continue;
        keysIn(newPlaces, at + b * CEILING_BLOCK, at + (b + 1) * CEILING_BLOCK);
        if (was !== undefined && b * CEILING_BLOCK < was.places) keysIn(layout, was.at + b * CEILING_BLOCK, was.at + (b + 1) * CEILING_BLOCK);
      }
      // The blocks the segment no longer has.
      if (was !== undefined && was.places > n) keysIn(layout, was.at + n, was.at + was.places);
      next.push({ key: p.key, at, places: n });
      at += n;
    }
    // The tail: every block that is not one of the full layout's, side by side.
    let tailBlocks = 0;
    for (const s of sourceOf) if (s < 0) tailBlocks += 1;
    if (tailBlocks * CEILING_BLOCK > offerings.length * TAIL_SHARE + TAIL_SLACK) return undefined;
    const tailOfferings = new Array<PreparedOffering>(tailBlocks * CEILING_BLOCK);
    // source[k]: the full layout's place that judges place k, or -1 - its place in the tail.
    const source = new Int32Array(places);
    let t = 0;
    for (let b = 0; b < sourceOf.length; b++) {
      const s = sourceOf[b] as number;
      const first = b * CEILING_BLOCK;
      if (s >= 0) {
        for (let k = 0; k < CEILING_BLOCK; k++) source[first + k] = s * CEILING_BLOCK + k;
        continue;
      }
      for (let k = 0; k < CEILING_BLOCK; k++) {
        const o = laid[first + k] as PreparedOffering;
        tailOfferings[t * CEILING_BLOCK + k] = o;
        const inBase = (original[first + k] as number) >= 0 ? basePlaceOf.get(o) : undefined;
        source[first + k] = inBase ?? -1 - (t * CEILING_BLOCK + k);
      }
      sourceOf[b] = -1 - t;
      t += 1;
    }
    const sameTail = tailOfferings.length === tail.offerings.length && tailOfferings.every((o, k) => o === tail.offerings[k]);
    const tailJudges = sameTail ? tail.judges : t === 0 ? [] : createJudges(matcher.criteria, now, asOf, tailOfferings, lineFacts);
    const joined = baseJudges.map((j, c) => mappedJudge(j, t === 0 ? undefined : { judge: tailJudges[c] as Judge, offerings: tailOfferings }, source, sourceOf));
    const postingsNow = updatePostings(postings, before, offerings, moves, catalog, minItemConfidence).postings;
    // The posting lists cut into groups (see `Layout.lists`) hold while the places of their
    // offerings do: when every untouched segment starts where it did, only the lists of the
    // touched segments' keys are cut again. (The layout before is not read again: its lists'
    // entries go with it.)
    const stayed = next.length === segments.length && next.every((n, i) => n.at === (segments[i] as Segment).at && n.places === (segments[i] as Segment).places);
    let lists: Layout['lists'] = new WeakMap();
    if (stayed) {
      lists = layout.lists;
      for (const name of keys) {
        const at = name.indexOf(' ');
        const map = name.slice(0, at) as keyof PreparedDataset['postings'];
        const key = name.slice(at + 1);
        for (const list of [postings[map].get(key), postingsNow[map].get(key)]) if (list !== undefined) lists.delete(list);
      }
    }
    segments = next;
    blockSource = sourceOf;
    tail = { offerings: tailOfferings, judges: tailJudges };
    layout = { offerings: laid, position: positionsOf(original, offerings.length), original, groupOf: groups, groups: groupIds.size, itemless: Uint8Array.from(itemless), lists };
    judges = joined;
    before = offerings;
    postings = postingsNow;
    return { postings: postingsNow, basis: { layout, judges }, keys: [...keys], changed };
  };
  return { advance };
}

/**
 * The blocks of `now` that hold something no block of `was` held (the same offerings at the same
 * places of the block, padding where it had padding), and those of `was` that no block of `now`
 * holds, as `[first, end)` pairs of places (see `BlockRun.changed`). A block that holds what
 * another did has its ceilings and its offerings' verdicts, wherever it sits: judges judge an
 * offering on its own (with the run's date and dataset meta), so two full layouts of the same
 * offerings differ only in the blocks this returns.
 *
 * @example
 * changedBlocksBetween(before.run.basis.layout, run.basis.layout); // => { was: [3200, 3232], now: [3200, 3264] }
 */
export function changedBlocksBetween(was: Layout, now: Layout): BlockRun['changed'] {
  const startOf = new Map<PreparedOffering, number>();
  for (let p = 0; p < was.offerings.length; p += CEILING_BLOCK) if ((was.original[p] as number) >= 0) startOf.set(was.offerings[p] as PreparedOffering, p);
  const kept = new Uint8Array(Math.ceil(was.offerings.length / CEILING_BLOCK));
  const changed = { was: [] as number[], now: [] as number[] };
  for (let q = 0; q < now.offerings.length; q += CEILING_BLOCK) {
    const p = (now.original[q] as number) >= 0 ? startOf.get(now.offerings[q] as PreparedOffering) : undefined;
    let same = p !== undefined && p + CEILING_BLOCK <= was.offerings.length && q + CEILING_BLOCK <= now.offerings.length;
    for (let k = 0; same && k < CEILING_BLOCK; k++)
      same = now.offerings[q + k] === was.offerings[(p as number) + k] && (now.original[q + k] as number) < 0 === (was.original[(p as number) + k] as number) < 0;
    if (same) kept[(p as number) / CEILING_BLOCK] = 1;
    else changed.now.push(q, Math.min(q + CEILING_BLOCK, now.offerings.length));
  }
  for (let b = 0; b < kept.length; b++) if (kept[b] === 0) changed.was.push(b * CEILING_BLOCK, Math.min((b + 1) * CEILING_BLOCK, was.offerings.length));
  return changed;
}

/** position[i]: the place of offering i, from `original` (see `Layout`). */
function positionsOf(original: Int32Array, n: number): Int32Array {
  const position = new Int32Array(n);
  original.forEach((i, k) => {
    if (i >= 0) position[i] = k;
  });
  return position;
}

/**
 * One criterion's judge over a layout whose place `k` is judged by `base` at place `source[k]`
 * when that is not negative, else by `tail` at place `-1 - source[k]`; block `b`'s ceiling is
 * `base`'s of block `blockSource[b]`, or `tail`'s of block `-1 - blockSource[b]`.
 */
function mappedJudge(base: Judge, tailSide: { readonly judge: Judge; readonly offerings: readonly PreparedOffering[] } | undefined, source: Int32Array, blockSource: Int32Array): Judge {
  const tail = tailSide?.judge;
  const at = (pair: RunPair): RunPair => ({ line: pair.line, offering: pair.offering, scores: pair.scores, index: source[pair.index as number] as number });
  const tailAt = (pair: RunPair): RunPair => ({ line: pair.line, offering: pair.offering, scores: pair.scores, index: -1 - (source[pair.index as number] as number) });
  const inTail = (pair: RunPair): boolean => pair.index !== undefined && (source[pair.index] as number) < 0;
  const judge = (pair: RunPair) => (pair.index === undefined ? base(pair) : inTail(pair) ? (tail as Judge)(tailAt(pair)) : base(at(pair)));
  const quickOf = (j: Judge): QuickJudge =>
    j.quick ??
    ((pair) => {
      const v = j(pair);
      return packVerdict(v.applicable, v.pass, v.score);
    });
  const baseQuick = base.quick;
  const tailQuick = tail === undefined ? undefined : quickOf(tail);
  const quick: QuickJudge | undefined = baseQuick === undefined ? undefined : (pair) => (inTail(pair) ? (tailQuick as QuickJudge)(tailAt(pair)) : baseQuick(at(pair)));
  const baseBatch = base.batch;
  const tailBatch = tail?.batch;
  let scratch = new Int32Array(64);
  let scratchOut = new Float64Array(64);
  const batch: BatchJudge | undefined =
    baseBatch === undefined
      ? undefined
      : (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array) => {
          if (scratch.length < count) {
            scratch = new Int32Array(count * 2);
            scratchOut = new Float64Array(count * 2);
          }
          // The places from the full layout first, then those from the tail.
          let h = 0;
          for (let k = 0; k < count; k++) {
            const s = source[indexes[k] as number] as number;
            if (s >= 0) scratch[h++] = s;
          }
          if (h === count) return baseBatch(line, scratch, count, out);
          if (h > 0) baseBatch(line, scratch.subarray(0, h), h, scratchOut);
          const head = scratchOut.slice(0, h);
          let r = 0;
          for (let k = 0; k < count; k++) {
            const s = source[indexes[k] as number] as number;
            if (s < 0) scratch[r++] = -1 - s;
          }
          const tailOut = new Float64Array(r);
          if (tailBatch !== undefined) tailBatch(line, scratch.subarray(0, r), r, tailOut);
          else for (let q = 0; q < r; q++) tailOut[q] = (tailQuick as QuickJudge)({ line, offering: (tailSide as { readonly offerings: readonly PreparedOffering[] }).offerings[scratch[q] as number] as PreparedOffering, scores: {}, index: scratch[q] as number });
          h = 0;
          r = 0;
          for (let k = 0; k < count; k++) out[k] = (source[indexes[k] as number] as number) >= 0 ? (head[h++] as number) : (tailOut[r++] as number);
        };
  const baseCeiling = base.ceiling;
  const tailCeiling = tail?.ceiling;
  const ceiling: CeilingJudge | undefined =
    baseCeiling === undefined
      ? undefined
      : (line, block) => {
          const s = blockSource[block] as number;
          if (s >= 0) return baseCeiling(line, s);
          return tailCeiling === undefined ? 1 : tailCeiling(line, -1 - s);
        };
  return Object.assign(judge, {
    ...(quick !== undefined ? { quick } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(ceiling !== undefined ? { ceiling } : {}),
    ...(base.cost !== undefined ? { cost: base.cost } : {}),
    ...(base.failing !== undefined ? { failing: base.failing } : {}),
  });
}
