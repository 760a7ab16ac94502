import type { Catalog, Resolution } from '../catalog/resolve.js';
import { type PreparedLine, type PreparedOffering } from '../criteria/criterion.js';
import { CEILING_BLOCK } from '../criteria/fast.js';
import { createLineFactsKeeper, type LineFactsKeeper } from '../criteria/line-facts.js';
import { SupplymatchError } from '../errors.js';
import type { Buyer } from '../model/buyer.js';
import type { Dataset } from '../model/dataset.js';
import type { Supplier } from '../model/supplier.js';
import { optionKeyIssues } from '../options.js';
import { applyChanges, datasetIds, type AppliedChanges, type DatasetIds, type IndexChanges } from './index-changes.js';
import type { LineReach } from './candidates.js';
import { blockLayout, changedBlocksBetween, type BlockLayout } from './index-blocks.js';
import { inPlaceChanges } from './index-in-place.js';
import { reachOfChanged } from './index-reach.js';
import { appendingLayout, postingKeysOf, smallRunBasis, type AppendedRun, type AppendingLayout, type SharedEnds } from './index-layout.js';
import { KeptWriter, type KeptLine } from './kept.js';
import { mergeLineResult } from './line-delta.js';
import { isMatcher, openRun, postingsOf, requireDataset, type Matcher, type MatchRun, type PreparedDataset } from './matcher.js';
import { scorePair, type PairScore } from './pair-score.js';
import { prepareSharedLine, prepareSupplierOfferings, sharedResolver, type SharedResolver } from './prepare.js';
import { rankingChanges, type LineChange } from './ranking-changes.js';
import { rankedBefore, type LineResult, type MatchResult } from './result.js';

/** Options of {@link createIndex}. */
export interface IndexOptions {
  /** The date to judge on, over the matcher's and the dataset's `meta.asOf` (as `MatchOptions.asOf`). */
  readonly asOf?: string;
}

const INDEX_OPTION_KEYS = Object.keys({ asOf: true } satisfies Record<keyof IndexOptions, true>);

/**
 * What an update did: the lines whose rankings changed and how, and how much was redone.
 *
 * @example
 * const done = index.update({ lines: { remove: ['L-7'] } });
 * done.changes; // => [{ line: 'L-7', status: 'removed', entered: [], left: [...], moved: [], rescored: [] }]
 */
export interface IndexUpdate {
  /** Lines added, removed, or whose kept candidates changed, in dataset order (removed lines last). */
  readonly changes: readonly LineChange[];
  /** How many lines were matched again. */
  readonly rematched: number;
  /**
   * How many lines were brought up to date from the offerings that came and went alone, without
   * matching them again: with `exactCounts: true` and an aggregator that totals each candidate alone (the weighted sum, the weighted product), a line whose kept
   * candidates are all still there.
   */
  readonly merged: number;
  /**
   * `incremental`: only what the changes touch was readied again; `full`: items changed, so the
   * catalog (its word weights, what every text resolves to) and everything resolved against it was.
   */
  readonly prepared: 'incremental' | 'full';
}

/**
 * A dataset matched once and kept up to date: {@link createIndex}.
 *
 * @example
 * const index = createIndex(createMatcher(), dataset);
 * index.update({ suppliers: { add: [newSupplier] } }).changes.map((c) => c.line); // => ['L-3']
 */
export interface MatchIndex {
  /** The dataset as it stands after the updates so far. */
  readonly dataset: Dataset;
  /** The match result of `dataset`: the same, byte for byte, as `matcher.match(dataset)`. */
  result(): MatchResult;
  /** Applies changes and matches again what they can have changed; refused changes leave the index as it was. */
  update(changes: IndexChanges): IndexUpdate;
  /** One line and one offering judged and explained, whether or not the line keeps it. */
  pair(line: string, offering: string): PairScore;
}

/** What the index holds between updates. */
interface State {
  readonly dataset: Dataset;
  readonly catalog: Catalog;
  readonly resolve: SharedResolver;
  readonly prepared: PreparedDataset;
  readonly run: MatchRun;
  readonly results: readonly LineResult[];
  readonly result: MatchResult;
  /** The index's own layout, when the matcher's line results do not depend on it (see `appendingLayout`). */
  readonly appending: AppendingLayout | undefined;
  /** The full layout kept segment by segment, when they do (see `blockLayout`). */
  readonly blocks: BlockLayout | undefined;
  /** With `blocks`, how far each line's scoring went when it was last matched, by line id (see `reachOfChanged`). */
  readonly reaches: ReadonlyMap<string, LineReach | undefined>;
  /**
   * Each criterion's keeper of line facts, for every judge the index makes over this catalog (see
   * `criteria/line-facts.ts`): the small runs of an update read each line they merge from it.
   */
  readonly lineFacts: readonly LineFactsKeeper[];
  /** Where each supplier's prepared offerings start (see `offeringStarts`). */
  readonly starts: Int32Array;
}

/**
 * Matches a dataset once and keeps the match up to date as suppliers, offerings, buyers, demand
 * lines and items are added, changed and removed. An update readies again only the records it
 * touches and matches again only the lines it can have changed: those it adds or changes, those
 * that shared a posting key (item, category, UNSPSC class) with an offering it touches, and,
 * when the matcher's counts depend on where candidates sit (the default `exactCounts: false`),
 * those whose scoring comes to an offering of a block of the layout that changed (one whose item
 * fit for the line is at least where its scoring settled; see `reachOfChanged`): the index then keeps the full
 * match's layout segment by segment (each item's offerings start a block of their own, so an
 * update changes the blocks of the items it touches alone; see `blockLayout`), and the criteria's
 * columns of the last full layout. With `exactCounts: true` the index keeps a layout of
 * its own that an update only appends to (see `appendingLayout`), and with an aggregator that totals each candidate alone (a `rowTotal`, as the weighted sum does),
 * a line whose kept candidates are all still there is merged with the offerings that came
 * and went instead of matched again (see `mergeLineResult`). A change of
 * items rebuilds the catalog, whose word weights every text resolution depends on, and so readies
 * and matches everything again. After any sequence of updates `result()` is the same, byte for
 * byte, as matching the final dataset afresh.
 *
 * @example
 * const index = createIndex(createMatcher({ exactCounts: true }), dataset);
 * const done = index.update({ offerings: { change: [{ ...offering, capacity: '500 kg/month' }] } });
 * done.changes[0]?.moved; // => [{ supplier: 'S-014', offering: 'O-0141', from: 3, to: 1 }]
 */
export function createIndex(matcher: Matcher, dataset: Dataset, options?: IndexOptions): MatchIndex {
  if (!isMatcher(matcher)) throw new SupplymatchError([{ path: 'matcher', code: 'invalid_input', message: 'createIndex needs a matcher made by createMatcher' }]);
  requireDataset(dataset, 'createIndex');
  const [bad, ...worse] = optionKeyIssues(options, INDEX_OPTION_KEYS, 'createIndex');
  if (bad) throw new SupplymatchError([bad, ...worse]);
  const runOptions = options?.asOf !== undefined ? { asOf: options.asOf } : undefined;
  const ids: DatasetIds = datasetIds(dataset);
  let state = fullState(matcher, dataset, runOptions);

  const update = (changes: IndexChanges): IndexUpdate => {
    const applied = applyChanges(state.dataset, changes, ids);
    const before = state;
    let next: State;
    let rematched: number;
    let merged = 0;
    if (applied.itemsChanged) {
      next = fullState(matcher, applied.dataset, runOptions);
      rematched = next.results.length;
    } else {
      ({ state: next, rematched, merged } = incrementalState(matcher, before, applied, runOptions));
    }
    state = next;
    return { changes: rankingChanges(before.results, next.results), rematched, merged, prepared: applied.itemsChanged ? 'full' : 'incremental' };
  };

  return {
    get dataset() {
      return state.dataset;
    },
    result: () => state.result,
    update,
    pair: (line, offering) => scorePair(matcher, state.prepared, state.result, line, offering),
  };
}

/** Readies and matches a dataset from nothing (with the index's shared resolver). */
function fullState(matcher: Matcher, dataset: Dataset, runOptions: { readonly asOf: string } | undefined): State {
  // The matcher's own preparation of a dataset without suppliers and buyers gives its catalog.
  const catalog = matcher.prepare({ ...dataset, suppliers: [], buyers: [] }).catalog;
  const resolve = sharedResolver(catalog);
  const domestic = dataset.meta.domesticCountry;
  const offerings = allOfferings(dataset.suppliers, resolve, domestic);
  const lines = dataset.buyers.flatMap((b) => linesOf(b, catalog, resolve));
  const prepared: PreparedDataset = { dataset, catalog, offerings, lines, postings: postingsOf(offerings, catalog, minItemConfidenceOf(matcher, dataset, catalog, runOptions)) };
  const lineFacts = matcher.criteria.map(() => createLineFactsKeeper());
  const run = openRun(matcher, prepared, runOptions, { lineFacts });
  const results = new Array<LineResult>(run.lines.length);
  const blocks = blocksOf(matcher, run, prepared, lineFacts);
  const reaches = new Map<string, LineReach | undefined>();
  for (const at of run.order) {
    results[at] = run.match(at);
    if (blocks !== undefined) reaches.set((run.lines[at] as PreparedLine).line.id, run.reach());
  }
  return { dataset, catalog, resolve, prepared, run, results, result: run.result(results), appending: appendingOf(matcher, run, prepared, lineFacts), blocks, reaches, lineFacts, starts: offeringStarts(dataset.suppliers) };
}

/** An append-only layout from a run, when its line results depend on their candidates alone. */
function appendingOf(matcher: Matcher, run: MatchRun, prepared: PreparedDataset, lineFacts: readonly LineFactsKeeper[]): AppendingLayout | undefined {
  return run.dependsOn === 'candidates' ? appendingLayout(matcher, run, prepared, lineFacts) : undefined;
}

/** A layout kept segment by segment from a run, when its line results depend on where candidates sit. */
function blocksOf(matcher: Matcher, run: MatchRun, prepared: PreparedDataset, lineFacts: readonly LineFactsKeeper[]): BlockLayout | undefined {
  return run.dependsOn === 'candidates' ? undefined : blockLayout(matcher, run, prepared, lineFacts);
}

/** Readies again what `applied` touched, and matches again the lines it can have changed. */
function incrementalState(matcher: Matcher, before: State, applied: AppliedChanges, runOptions: { readonly asOf: string } | undefined): { state: State; rematched: number; merged: number } {
  const { dataset } = applied;
  const { catalog, resolve } = before;
  const domestic = dataset.meta.domesticCountry;
  const offeringsChanged = applied.suppliers.size > 0 || applied.offerings.size > 0;
  const next = offeringsChanged ? nextOfferings(before.dataset.suppliers, before.prepared.offerings, before.starts, dataset.suppliers, resolve, domestic) : undefined;
  const offerings = next?.offerings ?? before.prepared.offerings;
  // The same lines array when no buyer or line changed: runs over it share their order of lines.
  const lines = applied.buyers.size > 0 || applied.lines.size > 0 ? dataset.buyers.flatMap((b) => linesOf(b, catalog, resolve)) : before.prepared.lines;
  const minItemConfidence = before.run.minItemConfidence;
  // With the index's own layout, the postings are updated key by key and the judges kept; else
  // (or when it has too many dead and added slots) they are made again over a full layout.
  let appending = before.appending;
  let blocks = before.blocks;
  // An offering readied again is new; one gone is one of a supplier or an offering the update names.
  const touched = (o: PreparedOffering): boolean => applied.suppliers.has(o.supplier.id) || applied.offerings.has(o.offering.id);
  const readied = (o: PreparedOffering): boolean => next?.readied.has(o) ?? false;
  const now: PreparedDataset = { dataset, catalog, offerings, lines, postings: before.prepared.postings };
  const appended = offeringsChanged ? appending?.advance(offerings, now, next?.same) : undefined;
  // With the default matcher the layout is kept segment by segment (also when only lines
  // change: it stays while the certificates the lines require most rank the same).
  const advanced = blocks?.advance(offerings, now, readied);
  const postings = appended?.postings ?? advanced?.postings ?? (offeringsChanged ? postingsOf(offerings, catalog, minItemConfidence) : before.prepared.postings);
  const prepared: PreparedDataset = { dataset, catalog, offerings, lines, postings };
  const basis = appended?.basis ?? advanced?.basis ?? (!offeringsChanged && appending !== undefined ? before.run.basis : undefined);
  const { lineFacts } = before;
  const run = openRun(matcher, prepared, runOptions, basis === undefined ? { lineFacts } : { basis });
  if (offeringsChanged && appended === undefined) appending = appendingOf(matcher, run, prepared, lineFacts);
  if (blocks !== undefined && advanced === undefined) blocks = blocksOf(matcher, run, prepared, lineFacts);

  // What can change a line's result: the line itself, its candidates (an offering touched that
  // shares a posting key with it), and, when its counts depend on the layout, its candidates'
  // places in it (a block, or a position, whose offerings are not the same as before).
  const keys = (r: Resolution): readonly string[] => postingKeysOf(r, catalog, minItemConfidence).map((k) => k.name);
  const dirtyKeys = new Set<string>();
  let everyLine = false;
  if (offeringsChanged) {
    if (run.mode === 'all') everyLine = true;
    if (appended !== undefined) for (const k of appended.keys) dirtyKeys.add(k);
    else if (advanced !== undefined) for (const k of advanced.keys) dirtyKeys.add(k);
    else {
      for (const o of before.prepared.offerings) if (touched(o)) for (const k of keys(o.resolution)) dirtyKeys.add(k);
      for (const o of offerings) if (readied(o)) for (const k of keys(o.resolution)) dirtyKeys.add(k);
    }
  }
  // (With the layout kept segment by segment, the keys of the segments touched say it. When it
  // was laid out afresh instead, the blocks that hold what no block before held say it.)
  const changedBlocks = advanced?.changed ?? (blocks !== undefined && run.dependsOn === 'blocks' && !everyLine ? changedBlocksBetween(before.run.basis.layout, run.basis.layout) : undefined);
  if (advanced === undefined && changedBlocks !== undefined)
    for (const [side, ranges] of [
      [before.run.basis.layout, changedBlocks.was],
      [run.basis.layout, changedBlocks.now],
    ] as const)
      for (let r = 0; r < ranges.length; r += 2)
        for (let k = ranges[r] as number; k < (ranges[r + 1] as number); k++) if ((side.original[k] as number) >= 0) for (const key of keys((side.offerings[k] as PreparedOffering).resolution)) dirtyKeys.add(key);
  if (run.dependsOn !== 'candidates' && changedBlocks === undefined && !everyLine) {
    const span = run.dependsOn === 'blocks' ? CEILING_BLOCK : 1;
    const was = before.run.layout;
    const now = run.layout;
    const same = (a: PreparedOffering | undefined, b: PreparedOffering | undefined): boolean =>
      a === b || (a !== undefined && b !== undefined && a.offering === b.offering && !applied.suppliers.has(b.supplier.id));
    const size = Math.max(was.length, now.length);
    for (let start = 0; start < size; start += span) {
      let moved = false;
      for (let k = start; k < start + span && k < size && !moved; k++) moved = !same(was[k], now[k]);
      if (!moved) continue;
      for (let k = start; k < start + span && k < size; k++) {
        const a = was[k];
        const b = now[k];
        if (a) for (const key of keys(a.resolution)) dirtyKeys.add(key);
        if (b) for (const key of keys(b.resolution)) dirtyKeys.add(key);
      }
    }
  }
  const old = new Map(before.results.map((r) => [r.line, r]));
  const results = new Array<LineResult>(run.lines.length);
  let rematched = 0;
  let merged = 0;
  const changed = (l: PreparedLine): boolean => everyLine || !old.has(l.line.id) || applied.lines.has(l.line.id) || applied.buyers.has(l.buyer.id);
  // With the layout kept segment by segment, a line that shares a key with a changed block is
  // matched again only if its scoring may come to an offering of one (see `reachOfChanged`).
  const reachable = changedBlocks !== undefined && dirtyKeys.size > 0 ? reachOfChanged(matcher, before.run, run, changedBlocks, catalog) : undefined;
  const dirty = (l: PreparedLine): boolean =>
    changed(l) || (postingKeysOf(l.resolution, catalog, minItemConfidence).some((k) => dirtyKeys.has(k.name)) && (reachable === undefined || everyLine || reachable(l, before.reaches.get(l.line.id))));
  // With the layout kept segment by segment, when every block that changed holds the same
  // offerings at the same places (an offering changed in place), a line that keeps none of
  // those replaced and judges them as it judged those before is scored as before (see `inPlaceChanges`).
  const inPlace = reachable !== undefined && advanced !== undefined && !everyLine ? inPlaceChanges(before.run, run, advanced.changed) : undefined;
  const reaches = new Map<string, LineReach | undefined>();
  // A line whose result is a function of its candidates, each judged alone (see
  // `mergeLineResult`), is updated from the offerings new and gone when none gone was kept.
  const delta = appended !== undefined && run.splits && run.mode === 'blocked' ? deltaRuns(matcher, runOptions, appended, prepared, before) : undefined;
  for (const at of run.order) {
    const l = run.lines[at] as PreparedLine;
    const was = old.get(l.line.id);
    if (!dirty(l) || (inPlace !== undefined && was !== undefined && !changed(l) && inPlace(l, was))) {
      results[at] = was as LineResult;
      if (blocks !== undefined) reaches.set(l.line.id, before.reaches.get(l.line.id));
      continue;
    }
    const next = delta !== undefined && was !== undefined && !changed(l) ? delta.merge(was, at) : undefined;
    if (next !== undefined) {
      results[at] = next;
      merged += 1;
    } else {
      results[at] = run.match(at);
      if (blocks !== undefined) reaches.set(l.line.id, run.reach());
      rematched += 1;
    }
  }
  return { state: { dataset, catalog, resolve, prepared, run, results, result: run.result(results), appending, blocks, reaches, lineFacts, starts: next?.starts ?? before.starts }, rematched, merged };
}

/**
 * Runs over the offerings an update brought (in the new layout) and over those it took away (in
 * the layout before), and the merge of a line's result with theirs (see `mergeLineResult`):
 * undefined when an offering gone is in the line's kept lists. Both runs stop after their first
 * pass (scores and totals, no reasons): the offerings gone are wanted for their counts alone, and
 * those brought are judged in full only when one of them enters the line's kept lists.
 */
function deltaRuns(matcher: Matcher, runOptions: { readonly asOf: string } | undefined, appended: AppendedRun, prepared: PreparedDataset, before: State): { merge: (was: LineResult, at: number) => LineResult | undefined } {
  // A run over nothing is left out (a supplier removed brings no offering, one added takes none away).
  const anyAdded = appended.added.byItem.size + appended.added.byCategory.size + appended.added.byCodeClass.size > 0;
  const addedRun = anyAdded ? openRun(matcher, { ...prepared, postings: appended.added }, runOptions, { basis: smallRunBasis(appended.basis) }) : undefined;
  const anyGone = appended.goneIds.size > 0;
  const goneRun = anyGone ? openRun(matcher, { ...before.prepared, postings: appended.gone }, runOptions, { basis: smallRunBasis(before.run.basis) }) : undefined;
  const oldAt = new Map(before.prepared.lines.map((l, at) => [l.line.id, at]));
  const { topK } = matcher;
  const rejectedK = before.result.settings.rejectedK;
  // One writer per run: a line's rows over the offerings brought are read (by \`finish\`) after
  // the run over those gone wrote its own.
  const goneWriter = new KeptWriter(before.run.criteria);
  const addedWriter = new KeptWriter(before.run.criteria);
  const firstPass = (run: MatchRun, writer: KeptWriter, at: number): KeptLine => {
    run.firstPass(at, writer);
    return writer.takeLine();
  };
  const none = { qualifiedCount: 0, rejectedCount: 0, pairsScored: 0 };
  const merge = (was: LineResult, at: number): LineResult | undefined => {
    if (anyGone && (was.candidates.some((c) => appended.goneIds.has(c.offering)) || was.rejected.some((c) => appended.goneIds.has(c.offering)))) return undefined;
    const k = oldAt.get(was.line);
    if (k === undefined) return undefined;
    const gone = goneRun !== undefined ? firstPass(goneRun, goneWriter, k) : none;
    if (addedRun === undefined) return mergeLineResult(was, { ...none, candidates: [], rejected: [] }, gone, topK, rejectedK);
    const added = firstPass(addedRun, addedWriter, at);
    const enters = (first: number, count: number, list: readonly { readonly score: number; readonly supplier: string; readonly offering: string }[], keep: number): boolean => {
      if (count === 0 || keep === 0) return false;
      const last = list[keep - 1];
      if (last === undefined) return true;
      for (let r = first; r < first + count; r++) {
        const o = prepared.offerings[added.rows.offerings[r] as number] as PreparedOffering;
        if (rankedBefore(added.rows.totals[r] as number, o.supplier.id, o.offering.id, last)) return true;
      }
      return false;
    };
    const entering =
      enters(added.firstRow, added.qualifiedKept, was.candidates, topK) || enters(added.firstRow + added.qualifiedKept, added.rejectedKept, was.rejected, rejectedK);
    const brought = entering ? addedRun.finish(added) : { ...added, candidates: [], rejected: [] };
    return mergeLineResult(was, brought, gone, topK, rejectedK);
  };
  return { merge };
}

// A buyer's prepared lines, kept while its object is the same.
const preparedLines = new WeakMap<Buyer, { readonly resolve: SharedResolver; readonly lines: readonly PreparedLine[] }>();

/** Every supplier's prepared offerings, in dataset order (a plain loop: `flatMap` is several times slower on 100,000). */
function allOfferings(suppliers: readonly Supplier[], resolve: SharedResolver, domestic: string | undefined): PreparedOffering[] {
  const out: PreparedOffering[] = [];
  for (const s of suppliers) for (const o of prepareSupplierOfferings(s, resolve, domestic)) out.push(o);
  return out;
}

/**
 * Where each supplier's prepared offerings start among a dataset's (in dataset order, one per
 * offering): `starts[i]` for supplier `i`, `starts[suppliers.length]` their count.
 */
function offeringStarts(suppliers: readonly Supplier[]): Int32Array {
  const starts = new Int32Array(suppliers.length + 1);
  for (let i = 0; i < suppliers.length; i++) starts[i + 1] = (starts[i] as number) + (suppliers[i] as Supplier).offerings.length;
  return starts;
}

/**
 * The prepared offerings after an update, in dataset order, from those before (`was`, the
 * prepared offerings of `wasSuppliers` in their order, supplier `i`'s from `wasStarts[i]`): a
 * supplier that is the same object keeps its prepared offerings (a range copied as it stands);
 * one that is a new object under the same id (an offering of its own added, changed or removed,
 * or its record changed) keeps the prepared form of each offering written as before when its own
 * fields are too (`sameRecord`), and has the others readied again; a supplier new is readied.
 * Suppliers kept stay in their order and those added come last (see `applyChanges`), so one walk
 * over both lists finds them: a supplier before that is neither the one now nor under its id was
 * removed. The suppliers that open and close both lists alike (the same objects) are not walked:
 * their offerings are the ranges `wasStarts` gives. `readied` holds the offerings prepared anew:
 * every other one is the object it was, and so keeps its place and its columns in the index's
 * layouts.
 */
function nextOfferings(
  wasSuppliers: readonly Supplier[],
  was: readonly PreparedOffering[],
  wasStarts: Int32Array,
  suppliers: readonly Supplier[],
  resolve: SharedResolver,
  domestic: string | undefined,
): { readonly offerings: PreparedOffering[]; readonly readied: ReadonlySet<PreparedOffering>; readonly starts: Int32Array; readonly same: SharedEnds } {
  const common = Math.min(wasSuppliers.length, suppliers.length);
  let lead = 0;
  while (lead < common && wasSuppliers[lead] === suppliers[lead]) lead++;
  let trail = 0;
  while (trail < common - lead && wasSuppliers[wasSuppliers.length - 1 - trail] === suppliers[suppliers.length - 1 - trail]) trail++;
  const wasEnd = wasSuppliers.length - trail;
  const end = suppliers.length - trail;
  // The offerings of suppliers kept are copied range by range (`was[runFrom, from)`, while the
  // suppliers kept follow each other there), the others one by one into `loose`: a few slices
  // joined once, not 100,000 offerings copied one by one. The leading suppliers kept are the
  // range the walk starts with.
  const parts: PreparedOffering[][] = [];
  let loose: PreparedOffering[] = [];
  let runFrom = 0;
  const readied = new Set<PreparedOffering>();
  let i = lead;
  let from = wasStarts[lead] as number;
  const flushLoose = (): void => {
    if (loose.length > 0) {
      parts.push(loose);
      loose = [];
      runFrom = from;
    }
  };
  const keptFrom = (s: Supplier): void => {
    flushLoose();
    from += s.offerings.length;
    i += 1;
  };
  for (let n = lead; n < end; n++) {
    const s = suppliers[n] as Supplier;
    if (i < wasEnd && wasSuppliers[i] === s) {
      keptFrom(s);
      continue;
    }
    if (from > runFrom) parts.push(was.slice(runFrom, from));
    while (i < wasEnd && wasSuppliers[i] !== s && (wasSuppliers[i] as Supplier).id !== s.id) from += (wasSuppliers[i++] as Supplier).offerings.length;
    runFrom = from;
    const prior = i < wasEnd ? wasSuppliers[i] : undefined;
    if (prior === s) {
      keptFrom(s);
      continue;
    }
    const fresh = prepareSupplierOfferings(s, resolve, domestic);
    const keep = new Map<string, PreparedOffering>();
    if (prior !== undefined) {
      if (sameRecord(prior, s, 'offerings')) prior.offerings.forEach((o, k) => keep.set(o.id, was[from + k] as PreparedOffering));
      from += prior.offerings.length;
      i += 1;
    }
    s.offerings.forEach((o, k) => {
      const held = keep.get(o.id);
      if (held !== undefined && (held.offering === o || sameRecord(held.offering, o, undefined))) loose.push(held);
      else {
        const p = fresh[k] as PreparedOffering;
        readied.add(p);
        loose.push(p);
      }
    });
    runFrom = from;
  }
  // Suppliers before that the walk did not reach were removed; the trailing ones kept follow.
  if (i < wasEnd) {
    if (from > runFrom) parts.push(was.slice(runFrom, from));
    from = wasStarts[wasEnd] as number;
    runFrom = from;
  }
  if (trail > 0) {
    flushLoose();
    from = was.length;
  }
  if (from > runFrom) parts.push(was.slice(runFrom, from));
  if (loose.length > 0) parts.push(loose);
  const offerings = joined(parts);
  const starts = new Int32Array(suppliers.length + 1);
  starts.set(wasStarts.subarray(0, lead + 1));
  for (let n = lead; n < end; n++) starts[n + 1] = (starts[n] as number) + (suppliers[n] as Supplier).offerings.length;
  const shift = (starts[end] as number) - (wasStarts[wasEnd] as number);
  for (let t = 1; t <= trail; t++) starts[end + t] = (wasStarts[wasEnd + t] as number) + shift;
  return { offerings, readied, starts, same: { was, head: wasStarts[lead] as number, tail: was.length - (wasStarts[wasEnd] as number) } };
}

/** The arrays one after the other (a few at a time: `concat` takes its arrays as arguments). */
function joined<T>(parts: readonly T[][]): T[] {
  if (parts.length === 1) return parts[0] as T[];
  let out: T[] = [];
  for (let k = 0; k < parts.length; k += 1024) out = out.concat(...parts.slice(k, k + 1024));
  return out;
}

/** Whether two records are written alike, field by field (`except` left out): the same value, or the same JSON. */
function sameRecord<T extends object>(a: T, b: T, except: keyof T | undefined): boolean {
  const keysA = Object.keys(a).filter((k) => k !== except);
  const keysB = Object.keys(b).filter((k) => k !== except);
  if (keysA.length !== keysB.length) return false;
  for (const k of keysA) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

function linesOf(buyer: Buyer, catalog: Catalog, resolve: SharedResolver): readonly PreparedLine[] {
  const held = preparedLines.get(buyer);
  if (held !== undefined && held.resolve === resolve) return held.lines;
  const lines = buyer.demandLines.map((l) => prepareSharedLine(l, buyer, catalog, resolve));
  preparedLines.set(buyer, { resolve, lines });
  return lines;
}

/** The matcher's `minItemConfidence`, as a run of it tells. */
function minItemConfidenceOf(matcher: Matcher, dataset: Dataset, catalog: Catalog, runOptions: { readonly asOf: string } | undefined): number {
  const empty: PreparedDataset = { dataset, catalog, offerings: [], lines: [], postings: { byItem: new Map(), byCategory: new Map(), byCodeClass: new Map() } };
  return openRun(matcher, empty, runOptions).minItemConfidence;
}
