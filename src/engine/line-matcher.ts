/**
 * Matching one line: pass 1 scores every candidate from the criteria's fast paths into flat
 * typed arrays, drops those that cannot reach the kept lists, and keeps the top `topK` and the
 * nearest `rejectedK` misses; pass 2 judges the kept ones in full for their reasons and checks
 * that the verdicts agree.
 */
import type { ItemMatch } from '../catalog/resolve.js';
import { type Criterion, type Pair, type PreparedLine, type PreparedOffering, type Verdict } from '../criteria/criterion.js';
import { CANNOT_FAIL, CEILING_BLOCK, packVerdict, QUICK_NOT_APPLICABLE, type BatchJudge, type CeilingJudge, type FailingCeiling, type FastJudge as Judge, type QuickJudge, type RunPair } from '../criteria/fast.js';
import { SupplymatchError } from '../errors.js';
import { compareIds } from '../model/common.js';
import { weightedSumRow, weightedSumTotal, type Aggregator, type AggregatorCapabilities } from './aggregate.js';
import type { KeptLine, KeptWriter } from './kept.js';
import type { CriterionOutcome, LineResult, RankedCandidate, RejectedCandidate } from './result.js';
import { type ResolvedCriterion } from './config.js';

/**
 * Which rejected candidates a run may keep (internal to the package): called for each rejected
 * candidate judged to a verdict in pass 1, with its offering and whether it failed criterion
 * `c` (by position in the matcher's criteria); those it declines still count as rejected but
 * never take a kept place. The gap report keeps only domestic misses of the line's item this
 * way. A candidate dropped early on its bound (see `LineMatcher.add`) is not shown to it: that
 * happens only once `rejectedK` misses it accepted are kept.
 *
 * @example
 * const run = openRun(matcher, prepared, undefined, { keepMiss: (o, failed) => o.domestic && !failed(0) });
 */
export type MissFilter = (offering: PreparedOffering, failed: (c: number) => boolean) => boolean;

/** A pair object the first pass reuses from candidate to candidate (criteria never keep pairs). */
export interface MutablePair {
  line: PreparedLine;
  offering: PreparedOffering;
  scores: Record<string, number | undefined>;
  /** The offering's position in the run's offerings (`RunContext.offerings`: the run's layout, see `Layout`). */
  index: number;
}

/** Slack of the early-exit test: far above the rounding of a total, far below any real gap. */
const PRUNE_SLACK = 1e-9;

/**
 * How many candidates are judged together, criterion by criterion: enough to make the batch
 * paths pay, few enough that the kept lists (and so the early exits) tighten within a large group.
 */
const CHUNK = 64;

/** How many candidates judged in full a line's criteria are ordered on (see `LineMatcher.adapt`). */
const ADAPT_SAMPLE = 32;

/**
 * The most a packed verdict can give a weighted mean: its score, or 1 for one that does not
 * apply (it leaves the criterion out of the mean, which can lift it as much as a 1 can).
 */
export function boundOfPacked(p: number): number {
  return p === QUICK_NOT_APPLICABLE || p === 3 ? 1 : Math.abs(p);
}

/** Whether a packed verdict fails its gate (see `packVerdict`): negative, -0, or not applicable yet failing. */
function isFailing(p: number): boolean {
  return p === 3 || p < 0 || (p === 0 && 1 / p < 0);
}

/**
 * Matches one line at a time in two passes:
 *
 * 1. every candidate added is scored: each criterion's `quick` path when it has one (no
 *    reasons built), else its judge; scores and flags go to flat typed arrays, not objects;
 * 2. the candidates that are kept (the `topK` qualified, the `rejectedK` nearest misses) are
 *    judged again in full, for their reasons, and their verdicts must agree with the first pass.
 *
 * Totals come from the aggregator over every qualified candidate (TOPSIS needs them all); for
 * an aggregator that declares a `rowTotal` they are computed as candidates come. The kept
 * lists are kept up to date as candidates come, which lets a rejected candidate that can no
 * longer reach the kept misses stop being judged (see `add`). The ranking is the same as sorting
 * everything (score desc, then supplier id, then offering id, a total order), and the counts
 * count every candidate. So the result is what judging every pair in full gave, byte for byte.
 */
export class LineMatcher {
  private readonly ids: readonly string[];
  /** Per criterion, the outcome made of each shared verdict (see `VerdictShare`), reused while its contribution is the same. */
  private readonly sharedOutcomes: readonly WeakMap<Verdict, CriterionOutcome>[];
  private readonly kinds: readonly Criterion['meta']['kind'][];
  private readonly weights: readonly number[];
  private readonly quicks: readonly (QuickJudge | undefined)[];
  /** The aggregator's total of one candidate from its own scores, when it declares one (see `AggregatorCapabilities`). */
  private readonly rowTotal: AggregatorCapabilities['rowTotal'];
  /** Whether totals are known as candidates come (the aggregator declares `rowTotal`). */
  readonly rowWise: boolean;
  /** Whether, besides, a total is at most the weighted mean (`atMostMean`): candidates may be dropped on that bound. */
  readonly bounded: boolean;
  private readonly batches: readonly (BatchJudge | undefined)[];
  private readonly ceilings: readonly (CeilingJudge | undefined)[];
  private readonly failings: readonly (FailingCeiling | undefined)[];
  /** Each criterion's failing ceiling for the current line (see `FailingCeiling`; 1 where it has none). */
  private readonly failingCeilings: Float64Array;
  /** Whether blocks of candidates may be skipped whole on their ceilings (see `addChunk` and `blockBound`). */
  readonly skipBlocks: boolean;
  // Per block of offerings (see CEILING_BLOCK), worked out for the current line when its stamp
  // is the line's generation: each criterion's ceiling, and their weighted sum.
  private readonly blockStamps: Int32Array;
  private readonly blockCeilings: Float64Array;
  private readonly blockSums: Float64Array;
  private blockGeneration = 0;
  /**
   * The order criteria are judged in at the start of a line: those with a batch path first,
   * least `cost` per unit of weight first (then as listed), then the others as listed; so a
   * criterion reading `pair.scores` finds every criterion listed before it judged.
   */
  private readonly startOrder: Int32Array;
  /** How many criteria have a batch path (the first of `startOrder`). */
  private readonly batched: number;
  private readonly costs: Float64Array;
  /**
   * The line's order: `startOrder`, until a chunk has judged enough candidates in full to see
   * what each batch criterion takes off a total per unit of cost; the batch criteria are then
   * put in that order for the rest of the line (see `adapt`). The kept lists do not depend on
   * the order, only how soon a candidate is dropped.
   */
  private readonly order: Int32Array;
  private adapted = false;
  /** restAfter[j]: the weight of the criteria after position j of `order`. */
  private readonly restAfter: Float64Array;
  /**
   * failPenaltyAfter[j]: the least that failing one of the criteria after position j of `order`
   * takes off a candidate's best possible sum, its weight times one less its failing ceiling;
   * Infinity when none of them can fail the current line.
   */
  private readonly failPenaltyAfter: Float64Array;
  private readonly totalWeight: number;
  // Scratch of a chunk: slots and offering indexes of the candidates in play, a criterion's packed
  // verdicts, running sums, failures.
  private readonly slots = new Int32Array(CHUNK);
  /** verdicts[c * CHUNK + slot]: criterion c's packed verdict of the candidate in `slot` of the chunk. */
  private readonly verdicts: Float64Array;
  private readonly indexes = new Int32Array(CHUNK);
  private readonly out = new Float64Array(CHUNK);
  private readonly sums = new Float64Array(CHUNK);
  private readonly weightSums = new Float64Array(CHUNK);
  private readonly failures = new Uint8Array(CHUNK);
  private scores = new Float64Array(0);
  private applicable = new Uint8Array(0);
  private passed = new Uint8Array(0);
  private totals = new Float64Array(0);
  // Per line.
  private line: PreparedLine | undefined;
  // Per line, kept from line to line so that no array grows per candidate: the offering index
  // of each row, and the qualified rows.
  private rowIndex = new Int32Array(0);
  private rows = 0;
  private qualified = new Int32Array(0);
  private qualifiedCount = 0;
  private rejectedCount = 0;
  private pairsScored = 0;
  private keptQualified: number[] = [];
  private keptRejected: number[] = [];
  /** The candidate a quick path without batch is judging: its slot in the chunk, and the criterion. */
  private readonly cursor = { slot: 0, judged: 0 };
  /**
   * One pair object serves every candidate judged by a quick path without batch, and its scores
   * are read through getters from the chunk's verdicts (what pass 1 has judged so far of this
   * pair), so no object is written per pair. Criteria without a quick path get a fresh pair with
   * a plain scores object.
   */
  private readonly shared: MutablePair;
  /** The kept candidate pass 2 is judging: its row, and the criterion. */
  private readonly fullCursor = { row: 0, judged: 0 };
  /** `pair.scores` of pass 2, read through getters from the row's scores (those pass 1 found, which pass 2 checks as it goes). */
  private readonly fullScores: Record<string, number | undefined>;

  constructor(
    /** The offerings in layout order (see `Layout`): candidate indexes point into it. */
    private readonly all: readonly PreparedOffering[],
    criteria: readonly ResolvedCriterion[],
    private readonly judges: readonly Judge[],
    private readonly aggregator: Aggregator,
    private readonly topK: number,
    private readonly rejectedK: number,
    /** Whether candidates may be dropped before their verdict is known (see `add`). */
    readonly pruneUnknown: boolean,
    /** Which rejected candidates may be kept (all when undefined; see `MissFilter`). */
    private readonly keepMiss?: MissFilter,
  ) {
    this.ids = criteria.map((c) => c.id);
    this.sharedOutcomes = criteria.map(() => new WeakMap<Verdict, CriterionOutcome>());
    this.kinds = criteria.map((c) => c.criterion.meta.kind);
    this.weights = criteria.map((c) => c.weight);
    this.quicks = judges.map((j) => (typeof j.quick === 'function' ? j.quick : undefined));
    this.rowTotal = aggregator.capabilities?.rowTotal;
    this.rowWise = typeof this.rowTotal === 'function';
    this.bounded = this.rowWise && aggregator.capabilities?.atMostMean === true;
    this.batches = judges.map((j) => (typeof j.batch === 'function' ? j.batch : undefined));
    this.ceilings = judges.map((j) => (typeof j.ceiling === 'function' ? j.ceiling : undefined));
    this.failings = judges.map((j) => (typeof j.failing === 'function' ? j.failing : undefined));
    this.failingCeilings = new Float64Array(criteria.length).fill(1);
    this.skipBlocks = pruneUnknown && this.bounded && this.ceilings.some((c) => c !== undefined);
    const blocks = this.skipBlocks ? Math.ceil(all.length / CEILING_BLOCK) : 0;
    this.blockStamps = new Int32Array(blocks);
    this.blockCeilings = new Float64Array(blocks * criteria.length);
    this.blockSums = new Float64Array(blocks);
    const costOf = (c: number): number => {
      const cost = judges[c]?.cost;
      return typeof cost === 'number' && Number.isFinite(cost) ? cost : 1;
    };
    // Cost per unit of weight: a zero weight tightens nothing, so it comes last.
    const rankOf = (c: number): number => {
      const w = this.weights[c] ?? 0;
      return w > 0 ? costOf(c) / w : Number.POSITIVE_INFINITY;
    };
    const listed = criteria.map((_, c) => c);
    const fast = listed.filter((c) => this.batches[c] !== undefined).sort((a, b) => rankOf(a) - rankOf(b) || a - b);
    this.startOrder = Int32Array.from([...fast, ...listed.filter((c) => this.batches[c] === undefined)]);
    this.batched = fast.length;
    this.costs = Float64Array.from(listed, costOf);
    this.order = this.startOrder.slice();
    this.restAfter = new Float64Array(this.order.length);
    this.failPenaltyAfter = new Float64Array(this.order.length);
    this.setOrder(this.startOrder);
    this.totalWeight = this.weights.reduce((a, b) => a + b, 0);
    this.verdicts = new Float64Array(CHUNK * Math.max(1, this.ids.length));
    const { cursor, fullCursor } = this;
    const passOne = (c: number): number | undefined => {
      const v = this.verdicts[c * CHUNK + cursor.slot] as number;
      return v === QUICK_NOT_APPLICABLE || v === 3 ? undefined : Math.abs(v);
    };
    const passTwo = (c: number): number | undefined => {
      const at = fullCursor.row * this.ids.length + c;
      return this.applicable[at] === 1 ? this.scores[at] : undefined;
    };
    this.shared = { line: undefined as unknown as PreparedLine, offering: undefined as unknown as PreparedOffering, scores: this.scoresView(cursor, passOne), index: -1 };
    this.fullScores = this.scoresView(fullCursor, passTwo);
  }

  /** Starts a line. */
  begin(line: PreparedLine): void {
    this.line = line;
    this.rows = 0;
    this.qualifiedCount = 0;
    this.rejectedCount = 0;
    this.pairsScored = 0;
    this.keptQualified = [];
    this.keptRejected = [];
    this.shared.line = line;
    this.blockGeneration += 1;
    // Only dropping candidates whose verdict is unknown reads the failing ceilings.
    if (this.pruneUnknown) {
      for (let c = 0; c < this.ids.length; c++) {
        const failing = this.failings[c];
        const f = failing === undefined ? 1 : failing(line);
        if (!(f === CANNOT_FAIL || (f >= 0 && f <= 1)))
          throw new SupplymatchError([
            { path: `criteria.${this.ids[c] as string}`, code: 'score_out_of_range', message: `criterion "${this.ids[c] as string}" gave the failing ceiling ${f} for line ${line.line.id}; it must be in [0, 1] or CANNOT_FAIL` },
          ]);
        this.failingCeilings[c] = f;
      }
    }
    this.setOrder(this.startOrder);
    this.adapted = false;
  }

  /** Judges criteria in `order` from now on (with the current line's failing ceilings). */
  private setOrder(order: Int32Array): void {
    const { weights, restAfter, failPenaltyAfter, failingCeilings } = this;
    this.order.set(order);
    restAfter[order.length - 1] = 0;
    failPenaltyAfter[order.length - 1] = Number.POSITIVE_INFINITY;
    for (let j = order.length - 2; j >= 0; j--) {
      const c = order[j + 1] as number;
      const w = weights[c] ?? 0;
      const f = failingCeilings[c] as number;
      restAfter[j] = (restAfter[j + 1] as number) + w;
      failPenaltyAfter[j] = f === CANNOT_FAIL ? (failPenaltyAfter[j + 1] as number) : Math.min(failPenaltyAfter[j + 1] as number, w * (1 - f));
    }
  }

  /**
   * Orders the line's batch criteria by what they took off the totals of the chunk's `m`
   * candidates still in play (judged in full, in rows `first + slots[q]`): the weight times one
   * minus the score, summed over the verdicts that apply, per unit of `cost`, most first;
   * criteria that cost nothing stay first. Done once per line, from the first chunk that judged
   * at least ADAPT_SAMPLE candidates in full: so the order depends on the line alone (a shard of
   * lines gets the same counts).
   */
  private adapt(first: number, m: number): void {
    const C = this.ids.length;
    const { scores, applicable, weights, costs, slots } = this;
    const value = new Float64Array(C);
    for (let j = 0; j < this.batched; j++) {
      const c = this.startOrder[j] as number;
      const cost = costs[c] as number;
      let loss = 0;
      for (let q = 0; q < m; q++) {
        const at = (first + (slots[q] as number)) * C + c;
        if (applicable[at] === 1) loss += 1 - (scores[at] as number);
      }
      value[c] = cost > 0 ? ((weights[c] ?? 0) * loss) / cost : Number.POSITIVE_INFINITY;
    }
    const fast = Array.from(this.startOrder.subarray(0, this.batched));
    const rank = new Map(fast.map((c, j) => [c, j]));
    fast.sort((a, b) => (value[b] as number) - (value[a] as number) || (rank.get(a) as number) - (rank.get(b) as number));
    const order = this.startOrder.slice();
    order.set(fast);
    this.setOrder(order);
    this.adapted = true;
  }

  /**
   * Scores candidates (pass 1), a chunk of them at a time, criterion by criterion (see `order`):
   * each criterion's batch path when it has one, else its quick path or its judge per candidate.
   * After each criterion, a candidate that can no longer change the kept lists is dropped: its
   * weighted sum so far, with every criterion left scoring 1 (a criterion that does not apply
   * only narrows the mean towards scores of at most 1), is its best possible total. One that has
   * failed a gate is dropped when that bound is below the last kept miss (it still counts as
   * rejected); with `pruneUnknown`, one that has not failed yet is dropped when the bound is
   * below both the last of the top `topK` and the last kept miss (its verdict is then unknown
   * and it is counted in neither count). Every candidate dropped counts in `pairsScored`.
   * `known` gives criterion `at`'s verdict, the same for every candidate (item fit of a group).
   */
  add(candidateIndexes: Int32Array, known?: { readonly at: number; readonly packed: number }): void {
    for (let start = 0; start < candidateIndexes.length; start += CHUNK) this.addChunk(candidateIndexes, start, Math.min(candidateIndexes.length, start + CHUNK), known);
  }

  private addChunk(candidateIndexes: Int32Array, start: number, end: number, known: { readonly at: number; readonly packed: number } | undefined): void {
    const { all, ids, judges, quicks, batches, weights, order, slots, indexes, out, sums, weightSums, failures, cursor, verdicts } = this;
    const line = this.line as PreparedLine;
    const C = ids.length;
    // The chunk's candidates: each has a slot (its column in `verdicts`, the packed verdicts by
    // criterion) and a row; `slots` and `indexes` list those still in play.
    const first = this.rows;
    this.ensureRows(first + (end - start));
    const { rowIndex } = this;
    // What a candidate must reach to change the kept lists: the last kept miss, for one that has
    // failed a gate; with `pruneUnknown`, also the last of the top k for one that has not (see
    // `fold`). They move only when the chunk ends, so they hold for the whole chunk. (While a
    // list is not full, its floor is -Infinity: nothing is dropped on it.)
    const missFloor = this.rejectedK === 0 ? Number.POSITIVE_INFINITY : this.floorOf(this.keptRejected, this.rejectedK);
    const topFloor = this.pruneUnknown && this.bounded ? this.floorOf(this.keptQualified, this.topK) : Number.NEGATIVE_INFINITY;
    // A block of offerings whose ceilings add up below the kept lists is skipped whole.
    const skipBlocks = this.skipBlocks && (missFloor !== Number.NEGATIVE_INFINITY || topFloor !== Number.NEGATIVE_INFINITY);
    let block = -1;
    let skipped = false;
    let m = 0;
    for (let k = start; k < end; k++) {
      const index = candidateIndexes[k] as number;
      const offering = all[index];
      // Compared with undefined, not tested for truth: that would read the object (a cache miss per candidate).
      if (offering === undefined) continue;
      if (skipBlocks) {
        const b = (index / CEILING_BLOCK) | 0;
        if (b !== block) {
          block = b;
          skipped = this.skipsBlock(b, known, missFloor, topFloor);
        }
        if (skipped) continue;
      }
      rowIndex[first + m] = index;
      slots[m] = m;
      indexes[m] = index;
      sums[m] = 0;
      weightSums[m] = 0;
      failures[m] = 0;
      m += 1;
    }
    this.rows = first + m;
    this.pairsScored += m;
    // A criterion whose verdict is known for the whole chunk (item fit of a group) and judged
    // first: every candidate starts from the same sums, so it is folded once, for the first
    // candidate, and the others copy the outcome (kept or dropped together).
    let from = 0;
    if (known !== undefined && m > 0 && order[0] === known.at) {
      out[0] = known.packed;
      const kept = this.fold(known.at, 0, 1, missFloor, topFloor);
      if (kept === 0) {
        // Dropped: fold counted the first as rejected if the verdict fails, so the rest likewise.
        if (isFailing(known.packed)) this.rejectedCount += m - 1;
        m = 0;
      } else {
        const column = known.at * CHUNK;
        for (let q = 1; q < m; q++) {
          verdicts[column + q] = known.packed;
          sums[q] = sums[0] as number;
          weightSums[q] = weightSums[0] as number;
          failures[q] = failures[0] as number;
        }
      }
      from = 1;
    }
    for (let j = from; j < C && m > 0; j++) {
      const c = order[j] as number;
      const id = ids[c] as string;
      // The verdicts of criterion c, packed, into out[0..m).
      const batch = batches[c];
      if (known !== undefined && known.at === c) out.fill(known.packed, 0, m);
      else if (batch !== undefined) batch(line, indexes, m, out);
      else {
        const quick = quicks[c];
        const shared = this.shared;
        cursor.judged = c;
        for (let q = 0; q < m; q++) {
          const slot = slots[q] as number;
          const offering = all[indexes[q] as number] as PreparedOffering;
          if (quick !== undefined) {
            cursor.slot = slot;
            shared.offering = offering;
            shared.index = indexes[q] as number;
            out[q] = quick(shared as RunPair);
          } else {
            const previous: Record<string, number> = {};
            for (let p = 0; p < c; p++) {
              const v = verdicts[p * CHUNK + slot] as number;
              if (v !== QUICK_NOT_APPLICABLE && v !== 3) previous[ids[p] as string] = Math.abs(v);
            }
            const verdict = (judges[c] as Judge)({ line, offering, scores: previous, index: indexes[q] as number });
            if (!(verdict.score >= 0 && verdict.score <= 1)) throw outOfRange(id, verdict.score, line, offering);
            out[q] = packVerdict(verdict.applicable, verdict.pass, verdict.score);
          }
        }
      }
      m = this.fold(c, j, m, missFloor, topFloor);
    }
    // The candidates judged in full: their verdicts into the row arrays, then their totals.
    const { scores, applicable, passed, totals } = this;
    for (let q = 0; q < m; q++) {
      const slot = slots[q] as number;
      const row = first + slot;
      const base = row * C;
      for (let c = 0; c < C; c++) {
        const packed = verdicts[c * CHUNK + slot] as number;
        const at = base + c;
        if (packed === QUICK_NOT_APPLICABLE || packed === 3) {
          scores[at] = 0;
          applicable[at] = 0;
          passed[at] = packed === 3 ? 0 : 1;
        } else {
          scores[at] = packed < 0 || (packed === 0 && 1 / packed < 0) ? -packed + 0 : packed;
          applicable[at] = 1;
          passed[at] = packed > 0 || (packed === 0 && 1 / packed > 0) ? 1 : 0;
        }
      }
      if (failures[q] === 1) {
        this.rejectedCount += 1;
        // A rejected candidate's score is what a weighted sum would give it, for near-miss ordering.
        totals[row] = weightedSumTotal(scores, applicable, base, weights);
        if (this.keepMiss === undefined || this.keepMiss(all[rowIndex[row] as number] as PreparedOffering, (c) => passed[base + c] === 0))
          keep(this.keptRejected, row, this.rejectedK, this.before);
      } else {
        if (this.qualifiedCount === this.qualified.length) {
          const grown = new Int32Array(Math.max(64, this.qualified.length * 2));
          grown.set(this.qualified);
          this.qualified = grown;
        }
        this.qualified[this.qualifiedCount++] = row;
        if (this.rowTotal !== undefined) {
          totals[row] = this.rowTotal(scores, applicable, base, weights);
          keep(this.keptQualified, row, this.topK, this.before);
        }
      }
    }
    if (!this.adapted && m >= ADAPT_SAMPLE) this.adapt(first, m);
  }

  /**
   * Folds criterion `c` (at position `j` of `order`), judged into `out[0..m)`, into the chunk:
   * each verdict into the chunk's matrix and the candidate's running sums; then, but after the
   * last criterion, the candidate is dropped if it can no longer change the kept lists (see
   * `add`). Returns how many candidates are still in play, compacted to the front of the
   * scratch arrays. A method of its own, not a loop inside `addChunk`: in the larger function
   * the optimizing compiler at times kept the running sums as heap numbers, allocating some
   * 70 to 100 KB more per line (measured with the sampling heap profiler on 3,000 lines).
   */
  private fold(c: number, j: number, m: number, missFloor: number, topFloor: number): number {
    const { slots, indexes, out, sums, weightSums, failures, verdicts } = this;
    const w = this.weights[c] ?? 0;
    const column = c * CHUNK;
    const prune = j < this.ids.length - 1 && (missFloor !== Number.NEGATIVE_INFINITY || topFloor !== Number.NEGATIVE_INFINITY);
    const rest = this.restAfter[j] as number;
    // A candidate that has failed nothing yet can only enter the kept misses by failing a
    // criterion still to judge, which then scores at most its failing ceiling.
    const penalty = this.failPenaltyAfter[j] as number;
    const canFail = penalty !== Number.POSITIVE_INFINITY;
    let kept = 0;
    for (let q = 0; q < m; q++) {
      const packed = out[q] as number;
      const slot = slots[q] as number;
      verdicts[column + slot] = packed;
      let sum = sums[q] as number;
      let weight = weightSums[q] as number;
      let failed = failures[q] as number;
      if (packed > 0 && packed <= 1) {
        sum += w * packed;
        weight += w;
      } else if (packed === 0 || (packed < 0 && packed >= -1)) {
        // 0 passes, -0 fails (see packVerdict).
        if (!(packed === 0 && 1 / packed > 0)) failed = 1;
        sum -= w * packed;
        weight += w;
      } else if (packed === 3) failed = 1;
      else if (packed !== QUICK_NOT_APPLICABLE) throw outOfRange(this.ids[c] as string, packed, this.line as PreparedLine, this.all[indexes[q] as number] as PreparedOffering);
      if (prune) {
        // The best possible total, (sum + rest) / (weight + rest), against the floors, multiplied
        // out: a failed candidate against the last kept miss; one that has not failed against the
        // last of the top k, and, unless it cannot fail any more, against the last kept miss with
        // its best sum less the penalty of failing.
        const room = weight + rest;
        const best = sum + rest;
        if (failed === 1) {
          if (room > 0 ? best < missFloor * room : 0 < missFloor) {
            this.rejectedCount += 1;
            continue;
          }
        } else if (room > 0 ? best < topFloor * room && (!canFail || best - penalty < missFloor * room) : 0 < topFloor && (!canFail || 0 < missFloor)) continue;
      }
      slots[kept] = slot;
      indexes[kept] = indexes[q] as number;
      sums[kept] = sum;
      weightSums[kept] = weight;
      failures[kept] = failed;
      kept += 1;
    }
    return kept;
  }

  /**
   * Whether no offering of block `b` can change the kept lists (see `blockBound`): failing
   * `known`, none can reach the last kept miss; else none can reach the last of the top k, nor,
   * failing a criterion still to judge (at most its failing ceiling, see `fold`), the last kept miss.
   */
  private skipsBlock(b: number, known: { readonly at: number; readonly packed: number } | undefined, missFloor: number, topFloor: number): boolean {
    const bound = this.blockBound(b, known);
    if (known !== undefined && isFailing(known.packed)) return bound < missFloor;
    if (!(bound < topFloor)) return false;
    if (bound < missFloor) return true;
    const C = this.ids.length;
    const { weights, blockCeilings, failingCeilings } = this;
    let least = Number.POSITIVE_INFINITY;
    for (let c = 0; c < C; c++) {
      const f = failingCeilings[c] as number;
      if (f === CANNOT_FAIL || (known !== undefined && c === known.at)) continue;
      least = Math.min(least, (weights[c] ?? 0) * Math.max(0, (blockCeilings[b * C + c] as number) - f));
    }
    return least === Number.POSITIVE_INFINITY || bound - least / this.totalWeight < missFloor;
  }

  /**
   * The most any offering of block `b` can total against the line (the weighted mean, which bounds the total): each
   * criterion's ceiling for the block, 1 where it has none, and item fit's verdict (`known`) when
   * the block's candidates come from one group. A verdict that does not apply only narrows the
   * mean towards scores of at most 1, which a ceiling of 1 allows for (see `CeilingJudge`).
   */
  private blockBound(b: number, known: { readonly at: number; readonly packed: number } | undefined): number {
    const C = this.ids.length;
    const { weights, blockCeilings } = this;
    if (this.blockStamps[b] !== this.blockGeneration) {
      const line = this.line as PreparedLine;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const ceiling = this.ceilings[c];
        const u = ceiling === undefined ? 1 : ceiling(line, b);
        if (!(u >= 0 && u <= 1))
          throw new SupplymatchError([
            { path: `criteria.${this.ids[c] as string}`, code: 'score_out_of_range', message: `criterion "${this.ids[c] as string}" gave the ceiling ${u} for line ${line.line.id}; ceilings must be in [0, 1]` },
          ]);
        blockCeilings[b * C + c] = u;
        sum += (weights[c] ?? 0) * u;
      }
      this.blockSums[b] = sum;
      this.blockStamps[b] = this.blockGeneration;
    }
    let sum = this.blockSums[b] as number;
    if (known !== undefined) {
      const fit = boundOfPacked(known.packed);
      const u = blockCeilings[b * C + known.at] as number;
      if (fit < u) sum += (weights[known.at] ?? 0) * (fit - u);
    }
    return sum / this.totalWeight;
  }

  /**
   * The total a candidate must reach to enter a kept list of `k` (less the slack: far above the
   * rounding of a total, far below any real gap), or -Infinity while the list is not full.
   */
  private floorOf(kept: readonly number[], k: number): number {
    const last = kept.length >= k ? kept[k - 1] : undefined;
    return last === undefined ? Number.NEGATIVE_INFINITY : (this.totals[last] as number) - PRUNE_SLACK;
  }

  /** Room for `n` rows in the per-candidate arrays. */
  private ensureRows(n: number): void {
    const C = this.ids.length;
    if (this.scores.length < n * C) {
      const size = Math.max(n * C, this.scores.length * 2);
      const grow = <T extends Float64Array | Uint8Array>(old: T, make: (k: number) => T): T => {
        const next = make(size);
        next.set(old);
        return next;
      };
      this.scores = grow(this.scores, (k) => new Float64Array(k));
      this.applicable = grow(this.applicable, (k) => new Uint8Array(k));
      this.passed = grow(this.passed, (k) => new Uint8Array(k));
    }
    if (this.totals.length < n) {
      const next = new Float64Array(Math.max(n, this.totals.length * 2));
      next.set(this.totals);
      this.totals = next;
    }
    if (this.rowIndex.length < n) {
      const next = new Int32Array(Math.max(n, this.rowIndex.length * 2));
      next.set(this.rowIndex);
      this.rowIndex = next;
    }
  }

  /**
   * Scores a group of offerings whose verdict of criterion `at` is known (`packed`, the same for
   * every member). When it fails them and none of them could reach the kept misses (see `add`),
   * they are counted as rejected and scored at once, without judging each.
   */
  addGroup(members: Int32Array, at: number, packed: number): void {
    if (isFailing(packed)) {
      const applies = packed !== QUICK_NOT_APPLICABLE && packed !== 3;
      const w = this.weights[at] ?? 0;
      const sum = applies ? w * Math.abs(packed) : 0;
      const weight = applies ? w : 0;
      const rest = this.totalWeight - w;
      const bound = weight + rest > 0 ? (sum + rest) / (weight + rest) : 0;
      if (this.rejectedK === 0 || bound < this.floorOf(this.keptRejected, this.rejectedK)) {
        let n = 0;
        for (const i of members) if (this.all[i] !== undefined) n += 1;
        this.rejectedCount += n;
        this.pairsScored += n;
        return;
      }
    }
    this.add(members, { at, packed });
  }

  /**
   * Whether candidates whose item fit (criterion `at`) is at most `fit` could no longer change
   * the kept lists: their total is at most `(w·fit + W − w) / W` (every other score at most 1;
   * a criterion that does not apply only narrows the mean towards scores of at most 1), and the
   * top k qualified, and the kept misses unless none are kept, all beat that. Plain weighted sum only.
   */
  settled(at: number, fit: number): boolean {
    if (!this.bounded) return false;
    const all = this.totalWeight;
    const w = this.weights[at] ?? 0;
    if (!(all > 0)) return false;
    const bound = (w * fit + (all - w)) / all;
    if (!(bound < this.floorOf(this.keptQualified, this.topK))) return false;
    return this.rejectedK === 0 || bound < this.floorOf(this.keptRejected, this.rejectedK);
  }

  /** Rank order: score desc, then supplier id, then offering id (a strict total order): `rankedBefore` of result.ts, read off the rows without building entries. */
  private readonly before = (a: number, b: number): boolean => {
    const ta = this.totals[a] as number;
    const tb = this.totals[b] as number;
    if (ta !== tb) return ta > tb;
    const oa = this.all[this.rowIndex[a] as number] as PreparedOffering;
    const ob = this.all[this.rowIndex[b] as number] as PreparedOffering;
    const s = compareIds(oa.supplier.id, ob.supplier.id);
    if (s !== 0) return s < 0;
    return compareIds(oa.offering.id, ob.offering.id) < 0;
  };

  /** Ends the line: totals and ranking, then pass 2 for the kept candidates. */
  finish(): LineResult {
    const line = this.line as PreparedLine;
    const { weights, totals } = this;
    const offeringOf = (row: number): PreparedOffering => this.all[this.rowIndex[row] as number] as PreparedOffering;
    const C = this.ids.length;
    let contributionsOf: (row: number) => readonly number[];
    if (this.rowWise) {
      // The aggregator's own contributions of each candidate explained, and its total, which
      // must be the one its declared `rowTotal` gave as the candidate came.
      contributionsOf = (row) => {
        const one = this.aggregator.aggregate({ scores: [this.rowOf(row)], weights });
        if (one.totals[0] !== totals[row])
          throw new SupplymatchError([
            {
              path: 'aggregate',
              code: 'inconsistent_aggregator',
              message: `aggregator "${this.aggregator.id}" totals ${offeringOf(row).offering.id} on ${line.line.id} at ${String(one.totals[0])}, but its capabilities.rowTotal gave ${String(totals[row])}: they must agree bit for bit`,
            },
          ]);
        return one.contributions[0] ?? [];
      };
    } else {
      const qualified = Array.from(this.qualified.subarray(0, this.qualifiedCount));
      const agg = this.aggregator.aggregate({ scores: qualified.map((row) => this.rowOf(row)), weights });
      const position = new Map<number, number>();
      qualified.forEach((row, i) => {
        position.set(row, i);
        totals[row] = agg.totals[i] ?? 0;
      });
      for (const row of qualified) keep(this.keptQualified, row, this.topK, this.before);
      contributionsOf = (row) => agg.contributions[position.get(row) as number] ?? [];
    }

    // --- pass 2: judge the kept candidates in full ---------------------------------------------
    const candidates = this.keptQualified.map((row, i): RankedCandidate => {
      const offering = offeringOf(row);
      return {
        rank: i + 1,
        supplier: offering.supplier.id,
        offering: offering.offering.id,
        item: bestItem(line, offering),
        score: totals[row] as number,
        outcomes: this.outcomes(line, offering, row, contributionsOf(row)),
      };
    });
    const rejectedList = this.keptRejected.map((row): RejectedCandidate => {
      const offering = offeringOf(row);
      const failed: string[] = [];
      for (let c = 0; c < C; c++) if (this.passed[row * C + c] === 0) failed.push(this.ids[c] as string);
      return {
        supplier: offering.supplier.id,
        offering: offering.offering.id,
        item: bestItem(line, offering),
        failed,
        score: totals[row] as number,
        outcomes: this.outcomes(line, offering, row, weightedSumRow(this.rowOf(row), weights, undefined).contributions),
      };
    });

    return {
      line: line.line.id,
      buyer: line.buyer.id,
      resolution: line.resolution,
      candidates,
      qualifiedCount: this.qualifiedCount,
      rejected: rejectedList,
      rejectedCount: this.rejectedCount,
      pairsScored: this.pairsScored,
      ...(line.text !== undefined ? { text: line.text } : {}),
    };
  }

  /**
   * Writes what pass 1 kept of the line into `writer` as line `at`: the kept rows (offerings by
   * dataset index, through `original`) with their verdicts and totals, and the counts; `resume`
   * takes it up again, in this thread or another. Plain weighted sum only: other aggregators
   * need every qualified row.
   */
  keepInto(writer: KeptWriter, at: number, original: Int32Array): void {
    if (!this.rowWise) throw new Error('keepInto: only an aggregator with a rowTotal can be finished from its kept rows');
    const C = this.ids.length;
    const rows = [...this.keptQualified, ...this.keptRejected];
    const first = writer.line(at, this.keptQualified.length, this.keptRejected.length, this.qualifiedCount, this.rejectedCount, this.pairsScored);
    rows.forEach((row, r) => writer.row(first + r, original[this.rowIndex[row] as number] as number, this.totals[row] as number, this.scores, this.applicable, this.passed, row * C));
  }

  /**
   * Takes up a line where pass 1 left it in `keepInto` (offerings by dataset index, back through
   * `position`), so that `finish` gives what it would have given there.
   */
  resume(line: PreparedLine, kept: KeptLine, position: Int32Array): void {
    if (!this.rowWise) throw new Error('resume: only an aggregator with a rowTotal can be finished from its kept rows');
    const C = this.ids.length;
    if (kept.rows.criteria !== C) throw new Error(`resume: kept rows of ${kept.rows.criteria} criteria, for a matcher of ${C}`);
    this.begin(line);
    const n = kept.qualifiedKept + kept.rejectedKept;
    this.ensureRows(n);
    const { offerings, totals, scores, flags } = kept.rows;
    for (let row = 0; row < n; row++) {
      const r = kept.firstRow + row;
      this.rowIndex[row] = position[offerings[r] as number] as number;
      this.totals[row] = totals[r] as number;
      for (let c = 0; c < C; c++) {
        const f = flags[r * C + c] as number;
        this.scores[row * C + c] = scores[r * C + c] as number;
        this.applicable[row * C + c] = f & 1;
        this.passed[row * C + c] = f >> 1;
      }
    }
    this.rows = n;
    this.keptQualified = Array.from({ length: kept.qualifiedKept }, (_, k) => k);
    this.keptRejected = Array.from({ length: kept.rejectedKept }, (_, k) => kept.qualifiedKept + k);
    this.qualifiedCount = kept.qualifiedCount;
    this.rejectedCount = kept.rejectedCount;
    this.pairsScored = kept.pairsScored;
  }

  /**
   * A `pair.scores` that reads, through a getter per criterion, `scoreOf(c)` for the criteria
   * before `cursor.judged` and undefined for the rest (the expression criterion reads only the
   * criteria listed before it); `scoreOf` gives undefined where a criterion does not apply.
   * Pass 1 reads the chunk's verdicts, pass 2 the kept candidate's row.
   */
  private scoresView(cursor: { readonly judged: number }, scoreOf: (c: number) => number | undefined): Record<string, number | undefined> {
    const view: Record<string, number | undefined> = {};
    this.ids.forEach((id, c) => {
      Object.defineProperty(view, id, { enumerable: true, get: (): number | undefined => (c < cursor.judged ? scoreOf(c) : undefined) });
    });
    return view;
  }

  /** A candidate's scores as an aggregator row (undefined where a criterion does not apply). */
  private rowOf(row: number): (number | undefined)[] {
    const C = this.ids.length;
    const out: (number | undefined)[] = new Array<number | undefined>(C);
    for (let c = 0; c < C; c++) out[c] = this.applicable[row * C + c] === 1 ? this.scores[row * C + c] : undefined;
    return out;
  }

  /** Judges a kept candidate in full, checks the verdicts against pass 1, and lays them out. */
  private outcomes(line: PreparedLine, offering: PreparedOffering, row: number, contributions: readonly number[]): CriterionOutcome[] {
    const { ids, kinds, weights, judges, fullCursor } = this;
    const C = ids.length;
    // With its index, so that criteria read what they keep per offering from arrays; its scores
    // are those of the criteria before the one judged, checked against pass 1 as they come.
    const pair: RunPair = { line, offering, scores: this.fullScores as Readonly<Record<string, number>>, index: this.rowIndex[row] as number };
    fullCursor.row = row;
    const out: CriterionOutcome[] = [];
    for (let c = 0; c < C; c++) {
      const id = ids[c] as string;
      fullCursor.judged = c;
      const verdict = (judges[c] as Judge)(pair);
      if (!(verdict.score >= 0 && verdict.score <= 1)) throw outOfRange(id, verdict.score, line, offering);
      const at = row * C + c;
      const isApplicable = this.applicable[at] === 1;
      if (verdict.applicable !== isApplicable || verdict.pass !== (this.passed[at] === 1) || (isApplicable && verdict.score !== this.scores[at]))
        throw new SupplymatchError([
          {
            path: `criteria.${id}`,
            code: 'quick_mismatch',
            message: `criterion "${id}" judged line ${line.line.id} and offering ${offering.offering.id} differently in full than on its quick path; the two must agree`,
          },
        ]);
      const contribution = contributions[c] ?? 0;
      // A shared (frozen) verdict with the same contribution shares its outcome too.
      const shared = Object.isFrozen(verdict) ? (this.sharedOutcomes[c] as WeakMap<Verdict, CriterionOutcome>) : undefined;
      const known = shared?.get(verdict);
      if (known !== undefined && Object.is(known.contribution, contribution)) {
        out.push(known);
        continue;
      }
      const outcome: CriterionOutcome = {
        criterion: id,
        kind: kinds[c] as Criterion['meta']['kind'],
        applicable: verdict.applicable,
        pass: verdict.pass,
        score: verdict.score,
        weight: weights[c] ?? 0,
        contribution,
        reasons: verdict.reasons,
      };
      if (shared !== undefined) shared.set(verdict, Object.freeze(outcome));
      out.push(outcome);
    }
    return out;
  }
}

/**
 * Keeps `best` the first `k` rows in the order `before` (a strict total order), best first, as
 * rows come: the same as sorting all and cutting.
 */
export function keep(best: number[], row: number, k: number, before: (a: number, b: number) => boolean): void {
  if (k <= 0) return;
  if (best.length === k && !before(row, best[k - 1] as number)) return;
  let lo = 0;
  let hi = best.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(row, best[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  best.splice(lo, 0, row);
  if (best.length > k) best.pop();
}

function outOfRange(id: string, score: number, line: PreparedLine, offering: PreparedOffering): SupplymatchError {
  return new SupplymatchError([
    {
      path: `criteria.${id}`,
      code: 'score_out_of_range',
      message: `criterion "${id}" scored ${score} for line ${line.line.id} and offering ${offering.offering.id}; scores must be in [0, 1]`,
    },
  ]);
}

/** The catalog item both sides share with the highest confidence, or the offering's best. */
export function bestItem(line: PreparedLine, offering: PreparedOffering): string | undefined {
  const wanted = line.resolution.items;
  let best: string | undefined;
  let bestConfidence = -1;
  for (const m of offering.resolution.items) {
    // The line's last match of the item, as a map built from its matches would hold.
    let w: number | undefined;
    for (let k = wanted.length - 1; k >= 0 && w === undefined; k--) if ((wanted[k] as ItemMatch).item === m.item) w = (wanted[k] as ItemMatch).confidence;
    if (w !== undefined && Math.min(w, m.confidence) > bestConfidence) {
      best = m.item;
      bestConfidence = Math.min(w, m.confidence);
    }
  }
  return best ?? offering.resolution.items[0]?.item;
}
