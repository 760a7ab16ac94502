/**
 * Candidate planning: which offerings a line is matched against and in what order (its posting
 * lists cut into groups that share a resolution, scored best verdict of the criterion that
 * declares `meta.candidates` first and in two tiers when the aggregator allows it), and the
 * order lines are matched in. The criterion leaned on (the "lead", item fit among the
 * built-ins) is known only by its declaration, through its `GroupPath`.
 */
import type { Resolution } from '../catalog/resolve.js';
import { type PreparedLine, type PreparedOffering } from '../criteria/criterion.js';
import type { RunPair } from '../criteria/fast.js';
import { type GroupPath } from '../criteria/derive-candidates.js';
import { compareIds } from '../model/common.js';
import { type GroupedList, type Layout, inDatasetOrder } from './layout.js';
import { LineMatcher, type MutablePair, boundOfPacked, keep } from './line-matcher.js';
import { type PreparedDataset, forEachPostingKey } from './prepared.js';

/**
 * Positions of the lines sorted by their best item, lines that share a resolution object (an
 * item id or a text resolves once) together, then as listed; lines without an item last.
 */
export function processingOrder(lines: readonly PreparedLine[]): number[] {
  const keyOf = lines.map((l) => l.resolution.items[0]?.item ?? '');
  const resolutions = new Map<Resolution, number>();
  const resolutionOf = lines.map((l) => {
    let r = resolutions.get(l.resolution);
    if (r === undefined) {
      r = resolutions.size;
      resolutions.set(l.resolution, r);
    }
    return r;
  });
  return lines
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = keyOf[a] as string;
      const kb = keyOf[b] as string;
      if (ka !== kb) return ka === '' ? 1 : kb === '' ? -1 : compareIds(ka, kb);
      return (resolutionOf[a] as number) - (resolutionOf[b] as number) || a - b;
    });
}

/** The offerings of the found groups of one verdict of the lead (see `CandidateFinder.bucketsOf`). */
interface Bucket {
  /** The verdict's score: 1 where the lead does not apply. */
  readonly fit: number;
  readonly packed: number;
  /** Its found groups (found-group slots), in the order found. */
  readonly groups: Int32Array;
  /** Their offerings, gathered when the bucket is first scored (many never are). */
  members: Int32Array | undefined;
}

/**
 * How far a line's scoring went down its plan (see `CandidateFinder.followPlan`), for the
 * incremental index: the lead's score at which it stopped, settled, among the near groups
 * (`nearStop`) and among the far ones (`farStop`: Infinity when their ceiling settled them,
 * their best fit when that did); -Infinity where it scored them all, or there were no far
 * groups to settle (one new would be asked about). An offering whose
 * lead's score for the line is below the stop of its tier was never scored, and would not be: the
 * kept lists were settled before it came, and no other fit decides where the line stops.
 *
 * @example
 * const reach: LineReach = { nearStop: 0.5, farStop: Number.POSITIVE_INFINITY };
 */
export interface LineReach {
  readonly nearStop: number;
  readonly farStop: number;
}

/**
 * How a resolution's lines are scored (see `CandidateFinder.followPlan`): the near buckets, and
 * the far groups (found-group slots) with their lead's best score and buckets, worked out when a
 * line first needs them.
 */
interface Plan {
  readonly probe: MutablePair;
  readonly near: readonly Bucket[];
  readonly farGroups: Int32Array;
  farBest: number | undefined;
  far: readonly Bucket[] | undefined;
}

/**
 * Finds a line's candidates: the offerings posted under its items (confidence at least
 * `minItemConfidence`), their categories and UNSPSC classes, and the line's categories; or every
 * offering in `all` mode. Offerings that share a resolution object form a group (an item id, a
 * text or a category resolves once), so the union of a line's posting lists is taken group by
 * group rather than offering by offering.
 *
 * With an aggregator at most the weighted mean and a criterion declaring `meta.candidates` (the
 * lead: item fit among the built-ins, see `GroupPath`), groups are scored best lead verdict first,
 * so that the kept lists fill early with strong candidates and rejected ones stop being judged
 * sooner (see `LineMatcher.add`), and groups that fail the lead are counted at once when none of
 * their members could reach the kept misses. Unless `exactCounts`, they come in two tiers: the
 * near groups (sharing an item with the line, or with no item at all), then the far ones (a
 * category or code class only), which are scored only if their best possible total (see
 * `MatcherConfig.exactCounts`) could still enter the kept lists. This plan depends on the line's
 * resolution alone, so lines that share a resolution (matched one after the other) reuse it.
 * Otherwise candidates come in offering order, as aggregators such as TOPSIS always saw them.
 */
export class CandidateFinder {
  private stamps = new Int32Array(0);
  private generation = 0;
  // The groups found for the current line: slots[group id] is its place among them (valid when
  // stamps[group id] is the current generation), with its grouped list and place in it, whether
  // it is near, and the lead's verdict (NaN until worked out).
  private slots = new Int32Array(0);
  private readonly foundList: GroupedList[] = [];
  private foundAt = new Int32Array(0);
  private foundNear = new Uint8Array(0);
  private foundPacked = new Float64Array(0);
  private foundKey = new Float64Array(0);
  private foundFit = new Float64Array(0);
  private sameScratch = new Int32Array(0);
  /** The current resolution's plan (see `followPlan`), while its found groups are the scratch's. */
  private plan: Plan | undefined;
  // The lead's verdict by group id, kept from line to line while the lines share a resolution
  // object (it depends on the two resolutions alone): valid when the stamp is the generation.
  private groupPacked = new Float64Array(0);
  private groupStamps = new Int32Array(0);
  private groupGeneration = 0;
  private groupKey: { layout: Layout | undefined; lead: GroupPath | undefined; resolution: Resolution | undefined } = { layout: undefined, lead: undefined, resolution: undefined };
  /** How far the last line scored went down its plan (undefined when it was not scored by a plan). */
  reach: LineReach | undefined;

  constructor(
    private readonly mode: 'blocked' | 'all',
    private readonly minItemConfidence: number,
    private readonly exactCounts: boolean,
  ) {}

  /** Starts `line` in `run` and scores its candidates (pass 1); `run.finish()` or `run.keepInto()` ends it. */
  score(prepared: PreparedDataset, data: Layout, line: PreparedLine, run: LineMatcher, lead: GroupPath | undefined): void {
    run.begin(line);
    this.reach = undefined;
    if (this.mode === 'all') {
      // Every offering, in dataset order.
      run.add(Int32Array.from(data.position));
      return;
    }
    // The lead's verdicts by group, and the plan, hold while lines share a resolution.
    const key = this.groupKey;
    if (key.layout !== data || key.lead !== lead || key.resolution !== line.resolution) {
      key.layout = data;
      key.lead = lead;
      key.resolution = line.resolution;
      this.groupGeneration += 1;
      if (this.groupStamps.length < data.groups) {
        this.groupStamps = new Int32Array(data.groups);
        this.groupPacked = new Float64Array(data.groups);
      }
      this.plan = undefined;
    }
    // The line before had the same resolution, so the same candidates, buckets and found groups.
    if (this.plan !== undefined && lead !== undefined) {
      this.followPlan(this.plan, run, data, lead);
      return;
    }
    const lists = this.listsOf(prepared, line);
    // The union of the lists, group by group; a group must have the same members in every list
    // it appears in (true of postings made by `prepare`, which depend on the resolution alone).
    // Found groups live in typed scratch arrays (a line may find thousands).
    this.generation += 1;
    if (this.stamps.length < data.groups) {
      const size = Math.max(data.groups, this.stamps.length * 2);
      this.stamps = new Int32Array(size);
      this.slots = new Int32Array(size);
    }
    const { stamps, slots, generation } = this;
    const foundList = this.foundList;
    foundList.length = 0;
    let found = 0;
    let consistent = true;
    for (const { list, byItem } of lists) {
      const g = this.grouped(list, data);
      for (let k = 0; k < g.groups.length; k++) {
        const id = g.groups[k] as number;
        const size = (g.starts[k + 1] as number) - (g.starts[k] as number);
        if (stamps[id] !== generation) {
          stamps[id] = generation;
          slots[id] = found;
          if (this.foundAt.length <= found) this.growFound();
          foundList.push(g);
          this.foundAt[found] = k;
          this.foundNear[found] = byItem || data.itemless[id] === 1 ? 1 : 0;
          this.foundPacked[found] = Number.NaN;
          found += 1;
        } else {
          const f = slots[id] as number;
          const other = foundList[f] as GroupedList;
          const at = this.foundAt[f] as number;
          if ((other.starts[at + 1] as number) - (other.starts[at] as number) !== size) consistent = false;
          if (byItem) this.foundNear[f] = 1;
        }
      }
    }
    if (!consistent) {
      // Postings not made by `prepare`: the plain union of the lists, offering by offering.
      const union = new Set<number>();
      for (const { list } of lists) for (const i of list) if (i >= 0 && i < data.position.length) union.add(data.position[i] as number);
      run.add(inDatasetOrder(Int32Array.from(union), data));
      return;
    }
    const everyFound = (keep: (f: number) => boolean): Int32Array => {
      const out = new Int32Array(found);
      let n = 0;
      for (let f = 0; f < found; f++) if (keep(f)) out[n++] = f;
      return out.subarray(0, n);
    };
    if (lead === undefined || !run.bounded) {
      // Every candidate in offering order.
      const all = everyFound(() => true);
      run.add(inDatasetOrder(this.gather(all, all.length), data));
      return;
    }
    const probe: MutablePair = { line, offering: undefined as unknown as PreparedOffering, scores: {}, index: -1 };
    if (this.exactCounts) {
      this.follow(this.bucketsOf(everyFound(() => true), data, lead, probe), run, lead.at, true);
      return;
    }
    this.plan = {
      probe,
      near: this.bucketsOf(everyFound((f) => this.foundNear[f] === 1), data, lead, probe),
      farGroups: everyFound((f) => this.foundNear[f] === 0),
      farBest: undefined,
      far: undefined,
    };
    this.followPlan(this.plan, run, data, lead);
  }

  /**
   * Scores a line by its plan: the near groups' buckets, best lead verdict first, until the rest
   * are settled; then, unless settled by the far groups' ceiling or their own best lead score,
   * the far groups' buckets the same way.
   */
  private followPlan(plan: Plan, run: LineMatcher, data: Layout, lead: GroupPath): void {
    const nearStop = this.follow(plan.near, run, lead.at, false);
    // (`settled` only reads the kept lists: asked whatever the far groups, for the reach.)
    let farStop = run.settled(lead.at, lead.farCeiling) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (plan.farGroups.length > 0 && farStop === Number.NEGATIVE_INFINITY) {
      // The ceiling was not enough; the far groups' own best score may still be.
      // (No far group fits better than the ceiling: one that reaches it settles the question.)
      if (plan.farBest === undefined) {
        let best = 0;
        for (let x = 0; x < plan.farGroups.length && best < lead.farCeiling; x++) best = Math.max(best, boundOfPacked(this.packedOf(plan.farGroups[x] as number, data, lead, plan.probe)));
        plan.farBest = best;
      }
      if (!run.settled(lead.at, plan.farBest)) {
        plan.far ??= this.bucketsOf(plan.farGroups, data, lead, plan.probe);
        farStop = this.follow(plan.far, run, lead.at, false);
      } else farStop = plan.farBest;
    }
    this.reach = { nearStop, farStop };
  }

  /** Scores buckets in order; unless `exact`, stops at the first whose lead score is settled, and returns that fit (-Infinity when none). */
  private follow(buckets: readonly Bucket[], run: LineMatcher, at: number, exact: boolean): number {
    for (const b of buckets) {
      if (!exact && run.settled(at, b.fit)) return b.fit;
      b.members ??= this.gather(b.groups, b.groups.length);
      run.addGroup(b.members, at, b.packed);
    }
    return Number.NEGATIVE_INFINITY;
  }

  /** The lead's packed verdict of found group `f` (worked out once per resolution, see groupPacked). */
  private packedOf(f: number, data: Layout, lead: GroupPath, probe: MutablePair): number {
    let p = this.foundPacked[f] as number;
    if (Number.isNaN(p)) {
      const g = this.foundList[f] as GroupedList;
      const id = g.groups[this.foundAt[f] as number] as number;
      if (this.groupStamps[id] === this.groupGeneration) p = this.groupPacked[id] as number;
      else {
        const first = g.members[g.starts[this.foundAt[f] as number] as number] as number;
        probe.offering = data.offerings[first] as PreparedOffering;
        probe.index = first;
        p = lead.quick(probe as RunPair);
        this.groupPacked[id] = p;
        this.groupStamps[id] = this.groupGeneration;
      }
      this.foundPacked[f] = p;
    }
    return p;
  }

  /**
   * The found groups `groups` as buckets of one verdict of the lead each, best first (a
   * resolution is often shared by a few offerings only, a verdict by hundreds): once a
   * verdict's fit is too low to reach the kept lists, so are the rest. Each bucket's members are
   * its groups' offerings, in the order found.
   */
  private bucketsOf(groups: Int32Array, data: Layout, lead: GroupPath, probe: MutablePair): Bucket[] {
    // Every group's verdict, key and fit into the scratch arrays, once; the distinct verdicts
    // (by key) and each group's place among them.
    const { foundPacked, foundKey, foundFit } = this;
    const verdicts: number[] = [];
    const byKey = new Map<number, number>();
    if (this.sameScratch.length < groups.length) this.sameScratch = new Int32Array(Math.max(groups.length, this.sameScratch.length * 2));
    const verdictOf = this.sameScratch;
    for (let x = 0; x < groups.length; x++) {
      const f = groups[x] as number;
      const p = this.packedOf(f, data, lead, probe);
      // -0 (a failing 0) is keyed apart from 0 (a passing one), as -2, which packs nothing.
      const key = p === 0 && 1 / p < 0 ? -2 : p;
      foundKey[f] = key;
      foundFit[f] = boundOfPacked(p);
      let v = byKey.get(key);
      if (v === undefined) {
        v = verdicts.length;
        byKey.set(key, v);
        verdicts.push(f);
      }
      verdictOf[x] = v;
    }
    // The few distinct verdicts, best fit first; then each one's groups, in the order found.
    const order = verdicts.map((_, v) => v).sort((a, b) => {
      const fa = verdicts[a] as number;
      const fb = verdicts[b] as number;
      return (foundFit[fb] as number) - (foundFit[fa] as number) || (foundKey[fa] as number) - (foundKey[fb] as number);
    });
    // Counting sort of the groups by verdict: starts[v] is where verdict v's groups begin.
    const starts = new Int32Array(verdicts.length + 1);
    for (let x = 0; x < groups.length; x++) {
      const at = (verdictOf[x] as number) + 1;
      starts[at] = (starts[at] as number) + 1;
    }
    for (let v = 0; v < verdicts.length; v++) starts[v + 1] = (starts[v + 1] as number) + (starts[v] as number);
    const sorted = new Int32Array(groups.length);
    const next = starts.slice(0, verdicts.length);
    for (let x = 0; x < groups.length; x++) {
      const v = verdictOf[x] as number;
      const at = next[v] as number;
      sorted[at] = groups[x] as number;
      next[v] = at + 1;
    }
    return order.map((v) => {
      const f = verdicts[v] as number;
      return { fit: foundFit[f] as number, packed: foundPacked[f] as number, groups: sorted.subarray(starts[v] as number, starts[v + 1] as number), members: undefined };
    });
  }

  /** The members of found groups `fs[0..n)`, in a new array. */
  private gather(fs: Int32Array, n: number): Int32Array {
    let size = 0;
    for (let x = 0; x < n; x++) size += this.sizeOf(fs[x] as number);
    const out = new Int32Array(size);
    let w = 0;
    for (let x = 0; x < n; x++) {
      const f = fs[x] as number;
      const g = this.foundList[f] as GroupedList;
      const at = this.foundAt[f] as number;
      out.set(g.members.subarray(g.starts[at] as number, g.starts[at + 1] as number), w);
      w += this.sizeOf(f);
    }
    return out;
  }

  /** How many offerings found group `f` has. */
  private sizeOf(f: number): number {
    const g = this.foundList[f] as GroupedList;
    const at = this.foundAt[f] as number;
    return (g.starts[at + 1] as number) - (g.starts[at] as number);
  }

  private growFound(): void {
    const size = Math.max(64, this.foundAt.length * 2);
    const at = new Int32Array(size);
    at.set(this.foundAt);
    this.foundAt = at;
    const near = new Uint8Array(size);
    near.set(this.foundNear);
    this.foundNear = near;
    const packed = new Float64Array(size);
    packed.set(this.foundPacked);
    this.foundPacked = packed;
    // Key and fit are written before they are read (see bucketsOf), so they need no copy.
    this.foundKey = new Float64Array(size);
    this.foundFit = new Float64Array(size);
  }

  /** The posting lists of a line: those of its posting keys (see `forEachPostingKey`). */
  private listsOf(prepared: PreparedDataset, line: PreparedLine): { readonly list: readonly number[]; readonly byItem: boolean }[] {
    const lists: { readonly list: readonly number[]; readonly byItem: boolean }[] = [];
    forEachPostingKey(line.resolution, prepared.catalog, this.minItemConfidence, (map, key) => {
      const list = prepared.postings[map].get(key);
      if (list !== undefined && list.length > 0) lists.push({ list, byItem: map === 'byItem' });
    });
    return lists;
  }

  /** A posting list cut into groups (cached per list). */
  private grouped(list: readonly number[], data: Layout): GroupedList {
    let g = data.lists.get(list);
    if (g === undefined) {
      const byGroup = new Map<number, number[]>();
      const placed = Int32Array.from(list.filter((i) => i >= 0 && i < data.position.length), (i) => data.position[i] as number).sort();
      for (const k of placed) {
        const id = data.groupOf[k] as number;
        const members = byGroup.get(id);
        if (members) members.push(k);
        else byGroup.set(id, [k]);
      }
      const groups = Int32Array.from(byGroup.keys());
      const starts = new Int32Array(groups.length + 1);
      const members = new Int32Array(list.length);
      let at = 0;
      let k = 0;
      for (const m of byGroup.values()) {
        starts[k] = at;
        members.set(m, at);
        at += m.length;
        k += 1;
      }
      starts[k] = at;
      g = { groups, starts, members: members.subarray(0, at) };
      data.lists.set(list, g);
    }
    return g;
  }
}
