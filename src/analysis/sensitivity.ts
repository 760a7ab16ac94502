import type { PreparedOffering } from '../criteria/criterion.js';
import { weightedSumTotal } from '../engine/aggregate.js';
import { KeptWriter } from '../engine/kept.js';
import { isMatcher, keepingCandidates, openRun, requireDataset, type Matcher, type PreparedDataset } from '../engine/matcher.js';
import { optionKeyIssues } from '../options.js';
import type { LineResult, MatchResult } from '../engine/result.js';
import { SupplymatchError, type Issue } from '../errors.js';
import type { Dataset } from '../model/dataset.js';
import { compareIds } from '../model/common.js';

/**
 * A candidate by its ids.
 *
 * @example
 * const ref: CandidateRef = { supplier: 'S-050', offering: 'S-050-O1' };
 */
export interface CandidateRef {
  readonly supplier: string;
  readonly offering: string;
}

/**
 * Where a line's top-1 changes when one weight moves: the weight it changes at and who takes over.
 *
 * @example
 * const s: TopSwitch = { line: 'SB-D07', at: 4.496, from: { supplier: 'S-050', offering: 'S-050-O1' }, to: { supplier: 'S-084', offering: 'S-084-O2' } };
 */
export interface TopSwitch {
  readonly line: string;
  /** The weight at which the new candidate overtakes (ties there are broken by ids). */
  readonly at: number;
  readonly from: CandidateRef;
  readonly to: CandidateRef;
}

/**
 * For one line and one criterion: the weights within which the line's top-1 stays the same.
 *
 * @example
 * report.lines[0]?.ranges.find((r) => r.criterion === 'price'); // => { criterion: 'price', lo: 0, hi: 12.3, below: undefined, above: {...} }
 */
export interface LineWeightRange {
  readonly criterion: string;
  readonly lo: number;
  /** `null` when no weight above the current one changes the top-1 (with bisection: none up to `searchFactor` × the weight). */
  readonly hi: number | null;
  /** Who takes over just below `lo` (absent when `lo` is 0 and nothing changes down to 0). */
  readonly below: CandidateRef | undefined;
  /** Who takes over just above `hi`. */
  readonly above: CandidateRef | undefined;
}

/**
 * One line's sensitivity.
 *
 * @example
 * report.lines.filter((l) => l.fragile).map((l) => l.line); // => [] on incheon-bio
 */
export interface LineSensitivity {
  readonly line: string;
  /** The top-1 with the current weights; undefined when nothing qualifies. */
  readonly top1: (CandidateRef & { readonly score: number }) | undefined;
  /** The runner-up and its distance to the top-1 in total score. */
  readonly runnerUp: (CandidateRef & { readonly score: number }) | undefined;
  readonly margin: number | undefined;
  /** `exact` from the closed form of the weighted sum; `bisection` on the engine. */
  readonly method: 'exact' | 'bisection';
  readonly ranges: readonly LineWeightRange[];
  /** True when a change of ±`delta` to some weight changes its top-1 (by re-running the engine). */
  readonly fragile: boolean;
}

/**
 * For one criterion: the interval of its weight within which every line's top-1 stays the same.
 *
 * @example
 * report.weights.map((w) => `${w.criterion} [${w.lo}, ${w.hi ?? '∞'}]`); // => ['itemFit [0.667, 26.8]', 'specFit [0, ∞]', ...]
 */
export interface WeightRange {
  readonly criterion: string;
  readonly weight: number;
  readonly lo: number;
  /** `null` when unbounded (see {@link LineWeightRange.hi}). */
  readonly hi: number | null;
  /** The line whose top-1 changes first below `lo`. */
  readonly below: TopSwitch | undefined;
  /** The line whose top-1 changes first above `hi`. */
  readonly above: TopSwitch | undefined;
}

/**
 * A line whose top-1 changes when one weight changes by ±`delta`, as the engine says.
 *
 * @example
 * const f: FragileLine = { line: 'L1', criterion: 'price', change: 0.1, weight: 1.1, from: { supplier: 'A', offering: 'A-O1' }, to: { supplier: 'B', offering: 'B-O1' } };
 */
export interface FragileLine {
  readonly line: string;
  readonly criterion: string;
  /** The relative change: `+0.1` or `-0.1`. */
  readonly change: number;
  /** The weight tried. */
  readonly weight: number;
  readonly from: CandidateRef;
  /** The new top-1; undefined only if nothing qualifies (never, since gates do not depend on weights). */
  readonly to: CandidateRef | undefined;
}

/**
 * What {@link sensitivity} returns.
 *
 * @example
 * const { weights, fragile, methods } = sensitivity(matcher, dataset); // methods => { exact: 46, bisection: 0 }
 */
export interface SensitivityReport {
  readonly asOf: string;
  readonly aggregate: string;
  readonly delta: number;
  /** Lines computed in closed form / by bisection on the engine. */
  readonly methods: { readonly exact: number; readonly bisection: number };
  /** In the matcher's criterion order. */
  readonly weights: readonly WeightRange[];
  /** In result order. */
  readonly lines: readonly LineSensitivity[];
  /** By line (result order), then criterion (matcher order), then `-delta` before `+delta`. */
  readonly fragile: readonly FragileLine[];
  /** Engine runs made (the base run, the ±delta runs and bisection runs), all on one prepared dataset. */
  readonly runs: number;
}

/**
 * Options of {@link sensitivity}.
 *
 * @example
 * const options: SensitivityOptions = { delta: 0.2, method: 'bisection', tolerance: 1e-6, prepared: matcher.prepare(dataset) };
 */
export interface SensitivityOptions {
  readonly asOf?: string;
  /** Only these demand lines; default all. */
  readonly lines?: readonly string[];
  /** Relative weight change that makes a line fragile when it changes the top-1; default 0.1 (±10 %). */
  readonly delta?: number;
  /** `auto` (default): exact where the aggregate is the weighted sum and the result holds every qualified candidate, bisection elsewhere; `bisection`: always on the engine. */
  readonly method?: 'auto' | 'bisection';
  /** Bisection: a switch point is located within this relative width; default 1e-4. */
  readonly tolerance?: number;
  /** Bisection: how far to look, as a factor of the weight up and down (grid of doublings); default 64. */
  readonly searchFactor?: number;
  /** A dataset already prepared by this matcher (or one with the same configuration), to skip preparation. */
  readonly prepared?: PreparedDataset;
  /**
   * Called with (done, total) steps as the engine runs: the base run, each run of the
   * fragile-line search, each criterion searched by bisection (`total` grows when bisection
   * turns out to be needed). For progress bars.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

const SENSITIVITY_OPTION_KEYS = Object.keys({
  asOf: true,
  lines: true,
  delta: true,
  method: true,
  tolerance: true,
  searchFactor: true,
  prepared: true,
  onProgress: true,
} satisfies Record<keyof SensitivityOptions, true>);

const DEFAULTS = Object.freeze({ delta: 0.1, tolerance: 1e-4, searchFactor: 64 });

const refOf = (c: { supplier: string; offering: string } | undefined): CandidateRef | undefined =>
  c === undefined ? undefined : { supplier: c.supplier, offering: c.offering };
const sameRef = (a: CandidateRef | undefined, b: CandidateRef | undefined): boolean =>
  a?.supplier === b?.supplier && a?.offering === b?.offering;

/** A qualified candidate as a ratio of linear functions of one weight. */
interface Linear {
  readonly ref: CandidateRef;
  /** Σ w_k s_k and Σ w_k over the other applicable criteria. */
  readonly a: number;
  readonly b: number;
  /** s_j and 1 when criterion j applies, else 0 and 0. */
  readonly x: number;
  readonly y: number;
}

const totalAt = (c: Linear, t: number): number => {
  const d = c.b + t * c.y;
  return d === 0 ? 0 : (c.a + t * c.x) / d;
};

/** The engine's order: total descending, then supplier id, then offering id. */
function winnerAt(cands: readonly Linear[], t: number): CandidateRef | undefined {
  let best: Linear | undefined;
  let bestTotal = Number.NEGATIVE_INFINITY;
  for (const c of cands) {
    const total = totalAt(c, t);
    if (
      best === undefined ||
      total > bestTotal ||
      (total === bestTotal && (compareIds(c.ref.supplier, best.ref.supplier) || compareIds(c.ref.offering, best.ref.offering)) < 0)
    ) {
      best = c;
      bestTotal = total;
    }
  }
  return best?.ref;
}

/** Positive real roots of c0 + c1 t + c2 t², computed stably. */
function positiveRoots(c0: number, c1: number, c2: number): number[] {
  const scale = Math.max(Math.abs(c0), Math.abs(c1), Math.abs(c2));
  if (scale === 0) return [];
  const [p0, p1, p2] = [c0 / scale, c1 / scale, c2 / scale];
  const roots: number[] = [];
  if (Math.abs(p2) < 1e-15) {
    if (Math.abs(p1) > 1e-15) roots.push(-p0 / p1);
  } else {
    const disc = p1 * p1 - 4 * p2 * p0;
    if (disc >= 0) {
      const q = -0.5 * (p1 + Math.sign(p1 || 1) * Math.sqrt(disc));
      roots.push(q / p2);
      if (q !== 0) roots.push(p0 / q);
    }
  }
  return roots.filter((r) => Number.isFinite(r) && r > 0);
}

/**
 * The interval around `w` where `top` stays the top-1, from the switch points of every
 * challenger: `diff(t) = (a₁ + t x₁)(b₂ + t y₂) − (a₂ + t x₂)(b₁ + t y₁)` is a quadratic whose
 * roots are the only weights where two totals can cross; between consecutive roots the winner
 * is constant, so it is read at a midpoint with the engine's own order.
 */
function exactRange(cands: readonly Linear[], w: number, top: CandidateRef): Omit<LineWeightRange, 'criterion'> {
  const points = new Set<number>();
  const topLin = cands.find((c) => sameRef(c.ref, top));
  if (topLin === undefined || cands.length < 2) return { lo: 0, hi: null, below: undefined, above: undefined };
  for (const c of cands) {
    if (c === topLin) continue;
    const c0 = topLin.a * c.b - c.a * topLin.b;
    const c1 = topLin.a * c.y + topLin.x * c.b - c.a * topLin.y - c.x * topLin.b;
    const c2 = topLin.x * c.y - c.x * topLin.y;
    for (const r of positiveRoots(c0, c1, c2)) points.add(r);
  }
  const sorted = [...points].sort((p, q) => p - q);
  const bounds = [0, ...sorted];
  // Segment i spans [bounds[i], bounds[i+1]] (the last one up to infinity).
  const midpoint = (i: number): number => {
    const lo = bounds[i] ?? 0;
    const hi = bounds[i + 1];
    return hi === undefined ? (lo === 0 ? 1 : lo * 2) : (lo + hi) / 2;
  };
  const winners = bounds.map((_, i) => winnerAt(cands, midpoint(i)));
  // Segments whose closure holds w; w on a switch point touches two.
  let left = -1;
  let right = -1;
  for (let i = 0; i < bounds.length; i++) {
    const lo = bounds[i] ?? 0;
    const hi = bounds[i + 1] ?? Number.POSITIVE_INFINITY;
    if (w >= lo && w <= hi && sameRef(winners[i], top)) {
      if (left === -1) left = i;
      right = i;
    }
  }
  if (left === -1) return { lo: w, hi: w, below: undefined, above: undefined };
  while (left > 0 && sameRef(winners[left - 1], top)) left -= 1;
  while (right < bounds.length - 1 && sameRef(winners[right + 1], top)) right += 1;
  const hiBound = bounds[right + 1];
  return {
    lo: bounds[left] ?? 0,
    hi: hiBound ?? null,
    below: left > 0 ? winners[left - 1] : undefined,
    above: hiBound === undefined ? undefined : winners[right + 1],
  };
}

/** The line's qualified candidates as functions of criterion j's weight, or undefined when the result cannot say exactly. */
function linearize(line: LineResult, j: number): Linear[] | undefined {
  if (line.candidates.length < line.qualifiedCount) return undefined;
  const out: Linear[] = [];
  for (const c of line.candidates) {
    let a = 0;
    let b = 0;
    let x = 0;
    let y = 0;
    let num = 0;
    let den = 0;
    c.outcomes.forEach((o, k) => {
      if (!o.applicable) return;
      num += o.weight * o.score;
      den += o.weight;
      if (k === j) {
        x = o.score;
        y = 1;
      } else {
        a += o.weight * o.score;
        b += o.weight;
      }
    });
    // The closed form must reproduce the engine's total, or this is not a weighted sum.
    const total = den === 0 ? 0 : num / den;
    if (Math.abs(total - c.score) > 1e-9) return undefined;
    out.push({ ref: { supplier: c.supplier, offering: c.offering }, a, b, x, y });
  }
  return out;
}

/** Every qualified candidate of one line as scores by criterion (see {@link openSweep}). */
interface LineRows {
  /** The top-1 at these weights, by the engine's totals and order (total, then supplier id, then offering id). */
  top1(weights: readonly number[]): CandidateRef | undefined;
  /** The candidates as functions of criterion j's weight, the others at `weights`. */
  linear(j: number, weights: readonly number[]): Linear[];
}

/**
 * With the weighted mean (an aggregator declaring `isMean`), pass 1 of a matcher that keeps every qualified candidate (and no
 * rejected one) gives each line's qualified candidates with their scores, judged once and
 * without explanations; a line's total at other weights is {@link weightedSumTotal} of the same
 * scores, as the engine computes it. Undefined for other aggregators (their totals depend on
 * more than a row), where the analysis re-runs the engine.
 */
function openSweep(matcher: Matcher, prepared: PreparedDataset, options: { readonly lines?: readonly string[]; readonly asOf?: string }): { rows(at: number): LineRows } | undefined {
  const all = Math.max(1, prepared.offerings.length);
  const run = openRun(keepingCandidates(matcher, { topK: all, rejectedK: 0 }), prepared, options);
  // The sweep's arithmetic is the weighted mean's (a total is a ratio of linear functions of
  // the weights): only an aggregator that declares it is the mean takes it.
  if (!run.splits || matcher.aggregator.capabilities?.isMean !== true) return undefined;
  const writer = new KeptWriter(run.criteria);
  const C = run.criteria;
  return {
    rows(at) {
      run.firstPass(at, writer);
      const kept = writer.take();
      const n = kept.offerings.length;
      const applicable = new Uint8Array(n * C);
      for (let k = 0; k < n * C; k++) applicable[k] = (kept.flags[k] as number) & 1;
      const refs = Array.from(kept.offerings, (i): CandidateRef => {
        const o = prepared.offerings[i] as PreparedOffering;
        return { supplier: o.supplier.id, offering: o.offering.id };
      });
      return {
        top1(weights) {
          let best = -1;
          let bestTotal = Number.NEGATIVE_INFINITY;
          for (let r = 0; r < n; r++) {
            const total = weightedSumTotal(kept.scores, applicable, r * C, weights);
            const ref = refs[r] as CandidateRef;
            const held = refs[best];
            if (best === -1 || total > bestTotal || (total === bestTotal && held !== undefined && (compareIds(ref.supplier, held.supplier) || compareIds(ref.offering, held.offering)) < 0)) {
              best = r;
              bestTotal = total;
            }
          }
          return refs[best];
        },
        linear(j, weights) {
          return refs.map((ref, r) => {
            let a = 0;
            let b = 0;
            let x = 0;
            let y = 0;
            for (let k = 0; k < C; k++) {
              if (applicable[r * C + k] !== 1) continue;
              const score = kept.scores[r * C + k] as number;
              if (k === j) {
                x = score;
                y = 1;
              } else {
                a += (weights[k] ?? 0) * score;
                b += weights[k] ?? 0;
              }
            }
            return { ref, a, b, x, y };
          });
        },
      };
    },
  };
}

function optionIssues(options: SensitivityOptions | undefined, dataset: Dataset): Issue[] {
  const issues: Issue[] = [];
  const delta = options?.delta ?? DEFAULTS.delta;
  if (!(Number.isFinite(delta) && delta > 0 && delta < 1)) issues.push({ path: 'delta', code: 'invalid_option', message: `delta is a number in (0, 1), not ${String(delta)}` });
  const tolerance = options?.tolerance ?? DEFAULTS.tolerance;
  if (!(Number.isFinite(tolerance) && tolerance > 0 && tolerance < 1)) issues.push({ path: 'tolerance', code: 'invalid_option', message: `tolerance is a number in (0, 1), not ${String(tolerance)}` });
  const factor = options?.searchFactor ?? DEFAULTS.searchFactor;
  if (!(Number.isFinite(factor) && factor >= 2)) issues.push({ path: 'searchFactor', code: 'invalid_option', message: `searchFactor is a number >= 2, not ${String(factor)}` });
  if (options?.lines) {
    const known = new Set(dataset.buyers.flatMap((b) => b.demandLines.map((l) => l.id)));
    for (const id of options.lines) if (!known.has(id)) issues.push({ path: 'lines', code: 'unknown_line', message: `no demand line "${id}"` });
  }
  return issues;
}

/**
 * The sensitivity report without its notebook display (internal to the package: the entry
 * point's `sensitivity`, documented there, adds the display).
 *
 * @example
 * const report = sensitivity(createMatcher(), dataset);
 */
export function sensitivity(matcher: Matcher, dataset: Dataset, options?: SensitivityOptions): SensitivityReport {
  if (!isMatcher(matcher))
    throw new SupplymatchError([{ path: 'matcher', code: 'invalid_input', message: 'sensitivity needs a matcher from createMatcher' }]);
  requireDataset(dataset, 'sensitivity');
  const keyIssues = optionKeyIssues(options, SENSITIVITY_OPTION_KEYS, 'sensitivity');
  const issues = keyIssues.length > 0 ? keyIssues : optionIssues(options, dataset);
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
  const onProgress = options?.onProgress;
  const delta = options?.delta ?? DEFAULTS.delta;
  const tolerance = options?.tolerance ?? DEFAULTS.tolerance;
  const factor = options?.searchFactor ?? DEFAULTS.searchFactor;
  const prepared = options?.prepared ?? matcher.prepare(dataset);
  const matchOptions = (lines?: readonly string[]) => ({
    ...(lines ? { lines } : options?.lines ? { lines: options.lines } : {}),
    ...(options?.asOf !== undefined ? { asOf: options.asOf } : {}),
  });
  let runs = 0;
  const run = (weights: Readonly<Record<string, number>> | undefined, lines?: readonly string[]): MatchResult => {
    runs += 1;
    return (weights === undefined ? matcher : matcher.withWeights(weights)).matchPrepared(prepared, matchOptions(lines));
  };
  const base = run(undefined);
  const criteria = matcher.criteria;
  // Progress in steps: the base run, each run of the fragile-line search, then each criterion
  // searched by bisection (known only once the exact lines are).
  const fragileRuns = criteria.filter((c) => c.weight !== 0).length * 2;
  let stepsDone = 1;
  const sweep = options?.method !== 'bisection' ? openSweep(matcher, prepared, matchOptions()) : undefined;
  // With the sweep, a step is a line; else an engine run.
  let stepsTotal = 1 + (sweep !== undefined ? base.lines.length : fragileRuns);
  const step = (): void => {
    stepsDone += 1;
    onProgress?.(stepsDone, stepsTotal);
  };
  onProgress?.(stepsDone, stepsTotal);
  const top1Of = (l: LineResult | undefined): CandidateRef | undefined => refOf(l?.candidates[0]);

  const fragile: FragileLine[] = [];
  const moved = new Map<string, FragileLine[]>();
  const exactByLine = new Map<string, Map<string, Omit<LineWeightRange, 'criterion'>>>();
  const needBisection: string[] = [];
  if (sweep !== undefined) {
    // The weighted sum: every qualified candidate's scores, judged once, give each line's top-1
    // at any weights by the engine's own totals and order, and its exact ranges in closed form.
    const weights = criteria.map((c) => c.weight);
    runs += fragileRuns;
    base.lines.forEach((line, at) => {
      const rows = sweep.rows(at);
      const from = top1Of(line);
      for (const [c, criterion] of criteria.entries()) {
        if (criterion.weight === 0) continue;
        for (const sign of [-1, 1]) {
          const weight = criterion.weight * (1 + sign * delta);
          const to = rows.top1(weights.map((w, k) => (k === c ? weight : w)));
          if (from === undefined || sameRef(from, to)) continue;
          moved.set(line.line, [...(moved.get(line.line) ?? []), { line: line.line, criterion: criterion.id, change: sign * delta, weight, from, to }]);
        }
      }
      const byCriterion = new Map<string, Omit<LineWeightRange, 'criterion'>>();
      criteria.forEach((c, j) => byCriterion.set(c.id, from === undefined ? { lo: 0, hi: null, below: undefined, above: undefined } : exactRange(rows.linear(j, weights), c.weight, from)));
      exactByLine.set(line.line, byCriterion);
      step();
    });
  } else {
    // Fragile lines: the real engine at w × (1 ± delta).
    for (const c of criteria) {
      if (c.weight === 0) continue;
      for (const sign of [-1, 1]) {
        const weight = c.weight * (1 + sign * delta);
        const result = run({ [c.id]: weight });
        step();
        result.lines.forEach((l, i) => {
          const from = top1Of(base.lines[i]);
          const to = top1Of(l);
          if (from === undefined || sameRef(from, to)) return;
          const f: FragileLine = { line: l.line, criterion: c.id, change: sign * delta, weight, from, to };
          moved.set(l.line, [...(moved.get(l.line) ?? []), f]);
        });
      }
    }
    // Per line and criterion: exact where the result holds every qualified candidate.
    for (const line of base.lines) {
      const top = top1Of(line);
      const byCriterion = new Map<string, Omit<LineWeightRange, 'criterion'>>();
      let exact = options?.method !== 'bisection' && matcher.aggregator.capabilities?.isMean === true;
      if (exact && top !== undefined)
        criteria.forEach((c, j) => {
          if (!exact) return;
          const lin = linearize(line, j);
          if (lin === undefined) exact = false;
          else byCriterion.set(c.id, exactRange(lin, c.weight, top));
        });
      if (top === undefined) for (const c of criteria) byCriterion.set(c.id, { lo: 0, hi: null, below: undefined, above: undefined });
      if (exact || top === undefined) exactByLine.set(line.line, byCriterion);
      else needBisection.push(line.line);
    }
  }
  for (const l of base.lines) fragile.push(...(moved.get(l.line) ?? []));

  if (needBisection.length > 0) stepsTotal += criteria.length;
  const bisected = needBisection.length === 0 ? new Map<string, Map<string, Omit<LineWeightRange, 'criterion'>>>() : bisect();

  function bisect(): Map<string, Map<string, Omit<LineWeightRange, 'criterion'>>> {
    const out = new Map<string, Map<string, Omit<LineWeightRange, 'criterion'>>>();
    const baseTop = new Map(base.lines.map((l) => [l.line, top1Of(l)]));
    const positive = criteria.map((c) => c.weight).filter((w) => w > 0);
    const scale = positive.length > 0 ? positive.reduce((a, b) => a + b, 0) / positive.length : 1;
    for (const c of criteria) {
      const w = c.weight;
      const at = (t: number, lines: readonly string[]): Map<string, CandidateRef | undefined> =>
        new Map(run({ [c.id]: t }, lines).lines.map((l) => [l.line, top1Of(l)]));
      // Grid outward from w: doublings up, halvings down, then 0 (from 0: doublings of a typical weight).
      const up: number[] = [];
      const down: number[] = [];
      const steps = Math.floor(Math.log2(factor) + 1e-9);
      if (w > 0) {
        for (let k = 1; k <= steps; k++) up.push(w * 2 ** k);
        for (let k = 1; k <= steps; k++) down.push(w / 2 ** k);
        down.push(0);
      } else for (let k = -steps; k <= steps; k++) up.push(scale * 2 ** k);
      const edge = (grid: readonly number[]): Map<string, { same: number; changed: number; to: CandidateRef | undefined } | undefined> => {
        const found = new Map<string, { same: number; changed: number; to: CandidateRef | undefined } | undefined>();
        let open = [...needBisection];
        let last = w;
        for (const t of grid) {
          if (open.length === 0) break;
          const tops = at(t, open);
          const still: string[] = [];
          for (const id of open) {
            if (sameRef(tops.get(id), baseTop.get(id))) still.push(id);
            else found.set(id, { same: last, changed: t, to: tops.get(id) });
          }
          open = still;
          last = t;
        }
        for (const id of open) found.set(id, undefined);
        return found;
      };
      const refine = (id: string, e: { same: number; changed: number; to: CandidateRef | undefined }): { at: number; to: CandidateRef | undefined } => {
        let { same, changed, to } = e;
        while (Math.abs(changed - same) > tolerance * Math.max(Math.abs(same), Math.abs(changed), 1e-12)) {
          const mid = (same + changed) / 2;
          const top = at(mid, [id]).get(id);
          if (sameRef(top, baseTop.get(id))) same = mid;
          else {
            changed = mid;
            to = top;
          }
        }
        return { at: (same + changed) / 2, to };
      };
      const ups = edge(up);
      const downs = edge(down);
      for (const id of needBisection) {
        const u = ups.get(id);
        const d = downs.get(id);
        const hi = u === undefined ? undefined : refine(id, u);
        const lo = d === undefined ? undefined : refine(id, d);
        const byCriterion = out.get(id) ?? new Map<string, Omit<LineWeightRange, 'criterion'>>();
        byCriterion.set(c.id, { lo: lo?.at ?? 0, hi: hi?.at ?? null, below: lo?.to, above: hi?.to });
        out.set(id, byCriterion);
      }
      step();
    }
    return out;
  }

  const lines: LineSensitivity[] = base.lines.map((line) => {
    const ranges = exactByLine.get(line.line) ?? bisected.get(line.line);
    const top = line.candidates[0];
    const second = line.candidates[1];
    return {
      line: line.line,
      top1: top === undefined ? undefined : { supplier: top.supplier, offering: top.offering, score: top.score },
      runnerUp: second === undefined ? undefined : { supplier: second.supplier, offering: second.offering, score: second.score },
      margin: top !== undefined && second !== undefined ? top.score - second.score : undefined,
      method: exactByLine.has(line.line) ? 'exact' : 'bisection',
      ranges: criteria.map((c) => ({ criterion: c.id, ...(ranges?.get(c.id) ?? { lo: 0, hi: null, below: undefined, above: undefined }) })),
      fragile: moved.has(line.line),
    };
  });

  const weights: WeightRange[] = criteria.map((c) => {
    let lo = 0;
    let hi: number | null = null;
    let below: TopSwitch | undefined;
    let above: TopSwitch | undefined;
    for (const l of lines) {
      const r = l.ranges.find((x) => x.criterion === c.id);
      const from = l.top1 === undefined ? undefined : { supplier: l.top1.supplier, offering: l.top1.offering };
      if (r === undefined || from === undefined) continue;
      if (r.lo > lo && r.below !== undefined) {
        lo = r.lo;
        below = { line: l.line, at: r.lo, from, to: r.below };
      }
      if (r.hi !== null && (hi === null || r.hi < hi) && r.above !== undefined) {
        hi = r.hi;
        above = { line: l.line, at: r.hi, from, to: r.above };
      }
    }
    return { criterion: c.id, weight: c.weight, lo, hi, below, above };
  });

  const report: SensitivityReport = {
    asOf: base.settings.asOf,
    aggregate: base.settings.aggregate,
    delta,
    methods: { exact: lines.filter((l) => l.method === 'exact').length, bisection: lines.filter((l) => l.method === 'bisection').length },
    weights,
    lines,
    fragile,
    runs,
  };
  return report;
}
