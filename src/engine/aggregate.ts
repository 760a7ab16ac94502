import { SupplymatchError, type Issue } from '../errors.js';

/** Whether a higher value of a criterion is better (`benefit`) or worse (`cost`). */
export type CriterionDirection = 'benefit' | 'cost';

/** How TOPSIS brings criteria of different scales onto one scale before measuring distances. */
export type TopsisNormalization = 'vector' | 'linear';

/**
 * What an aggregator combines: the scores of every candidate of one demand line (TOPSIS
 * needs the whole set, so candidates are never aggregated one by one).
 *
 * @example
 * const input: AggregateInput = { scores: [[1, 0.5], [0.8, undefined]], weights: [2, 1] };
 */
export interface AggregateInput {
  /** scores[candidate][criterion] in [0,1], or undefined when not applicable. */
  readonly scores: readonly (readonly (number | undefined)[])[];
  /** One non-negative weight per criterion; they need not sum to 1. */
  readonly weights: readonly number[];
  /** Per criterion: 'benefit' (higher is better, the default for all built-ins) or 'cost'. */
  readonly directions?: readonly CriterionDirection[];
}

/**
 * What an aggregator returns, in the candidates' input order.
 *
 * @example
 * const output: AggregateOutput = { totals: [0.75], contributions: [[0.5, 0.25]] };
 */
export interface AggregateOutput {
  /** Total per candidate, in [0,1]. */
  readonly totals: readonly number[];
  /**
   * contributions[candidate][criterion]: the criterion's share of the total (0 when not
   * applicable). With every built-in aggregator they add up to the total (up to rounding);
   * what "share" means differs per aggregator and is documented on its factory.
   */
  readonly contributions: readonly (readonly number[])[];
}

/**
 * A way of combining per-criterion scores into one total: a plain object made by a factory
 * (`weightedSum()`, `weightedProduct()`, `topsis()`), nothing registered anywhere.
 *
 * @example
 * const agg: Aggregator = weightedSum();
 * agg.aggregate({ scores: [[1, 0]], weights: [1, 1] }).totals; // => [0.5]
 */
export interface Aggregator {
  /** Stable name, accepted by {@link aggregatorByName}; recorded in `MatchSettings.aggregate`. */
  readonly id: string;
  readonly description: string;
  aggregate(input: AggregateInput): AggregateOutput;
  /** What the aggregator lets the engine and the analyses do faster (none when absent). */
  readonly capabilities?: AggregatorCapabilities;
}

/**
 * What an aggregator declares of itself so that the engine can take a faster path, all criteria
 * being benefit ones (as in a match). An aggregator declares only what holds of it: the matcher
 * checks `rowTotal` against `aggregate` on every candidate it explains, and throws on a mismatch.
 *
 * @example
 * const capped: Aggregator = {
 *   id: 'cappedMean', description: 'the weighted mean, at most 0.9',
 *   aggregate: (input) => { const out = weightedSum().aggregate(input); return { totals: out.totals.map((t) => Math.min(t, 0.9)), contributions: out.contributions }; },
 *   capabilities: { rowTotal: (s, a, at, w) => Math.min(weightedSumTotal(s, a, at, w), 0.9), atMostMean: true },
 * };
 */
export interface AggregatorCapabilities {
  /**
   * A candidate's total from its own scores alone, bit for bit what `aggregate` gives it (scores
   * in a flat array, `scores[offset + j]`, applicable where `applicable[offset + j]` is 1). With it
   * the engine totals candidates as they come and keeps only the top k, and a line's first pass
   * can be finished in another thread.
   */
  readonly rowTotal?: (scores: Float64Array, applicable: Uint8Array, offset: number, weights: readonly number[]) => number;
  /**
   * A candidate's total is never above the weighted mean of its applicable scores, and never
   * falls when a score rises. With `rowTotal`, the engine then drops candidates whose best
   * reachable mean (criteria still to judge at 1) cannot enter the kept lists.
   */
  readonly atMostMean?: boolean;
  /**
   * The total is the weighted mean of the applicable scores itself, so a total is a ratio of
   * linear functions of the weights: sensitivity computes weight ranges exactly from it.
   */
  readonly isMean?: boolean;
}

/** Options of {@link topsis}. */
export interface TopsisOptions {
  /**
   * `vector` divides each value by the Euclidean norm of its criterion column (Hwang & Yoon's
   * original); `linear` rescales each column to [0,1] by its min and max. Default `vector`.
   */
  readonly normalization?: TopsisNormalization;
}

const TOPSIS_DEFAULTS = Object.freeze({ normalization: 'vector' as TopsisNormalization });

// ---------------------------------------------------------------------------------------
// Validation: aggregators are public functions fed by other code, so a shape error is a
// programming error reported in full, never a silent NaN in a ranking.
// ---------------------------------------------------------------------------------------

function weightIssues(weights: readonly number[]): Issue[] {
  const issues: Issue[] = [];
  weights.forEach((w, j) => {
    if (!Number.isFinite(w) || w < 0) {
      issues.push({ path: `weights[${j}]`, code: 'invalid_weight', message: `weight must be a finite number >= 0, got ${String(w)}` });
    }
  });
  return issues;
}

function directionIssues(directions: readonly CriterionDirection[] | undefined, n: number): Issue[] {
  if (directions === undefined || directions.length === n) return [];
  return [{ path: 'directions', code: 'length_mismatch', message: `expected ${n} directions (one per weight), got ${directions.length}` }];
}

function rowLengthIssue(row: readonly unknown[], i: number, n: number, name: string): Issue[] {
  if (row.length === n) return [];
  return [{ path: `${name}[${i}]`, code: 'length_mismatch', message: `expected ${n} values (one per weight), got ${row.length}` }];
}

function validateInput(input: AggregateInput): void {
  const n = input.weights.length;
  const issues = [...weightIssues(input.weights), ...directionIssues(input.directions, n)];
  input.scores.forEach((row, i) => {
    issues.push(...rowLengthIssue(row, i, n, 'scores'));
    row.forEach((s, j) => {
      if (s !== undefined && !(Number.isFinite(s) && s >= 0 && s <= 1)) {
        issues.push({ path: `scores[${i}][${j}]`, code: 'score_out_of_range', message: `score must be in [0, 1] or undefined, got ${String(s)}` });
      }
    });
  });
  if (issues.length > 0) throw new SupplymatchError(issues as [Issue, ...Issue[]]);
}

function directionOf(directions: readonly CriterionDirection[] | undefined, j: number): CriterionDirection {
  return directions?.[j] ?? 'benefit';
}

/**
 * A score as "how good": a cost criterion scored 0.2 on a [0,1] scale is as good as a benefit
 * criterion scored 0.8. Only the sum and product need this; TOPSIS handles direction itself.
 */
function goodness(score: number, direction: CriterionDirection): number {
  return direction === 'cost' ? 1 - score : score;
}

// ---------------------------------------------------------------------------------------
// Weighted sum
// ---------------------------------------------------------------------------------------

/**
 * The weighted sum of one candidate whose scores sit in a flat array (`scores[offset + j]`,
 * applicable where `applicable[offset + j]` is 1), all criteria benefit ones: the total of
 * {@link weightedSum} by the same operations in the same order, so bit for bit the same,
 * without building the row or its contributions. It is the weighted sum's declared `rowTotal`
 * (see {@link AggregatorCapabilities}); an aggregator of one's own may build on it.
 *
 * @example
 * weightedSumTotal(Float64Array.of(1, 0.5), Uint8Array.of(1, 1), 0, [3, 1]); // => 0.875
 */
export function weightedSumTotal(scores: Float64Array, applicable: Uint8Array, offset: number, weights: readonly number[]): number {
  let applicableWeight = 0;
  for (let j = 0; j < weights.length; j++) if (applicable[offset + j] === 1) applicableWeight += weights[j] ?? 0;
  if (applicableWeight === 0) return 0;
  let numerator = 0;
  for (let j = 0; j < weights.length; j++) if (applicable[offset + j] === 1) numerator += (weights[j] ?? 0) * (scores[offset + j] as number);
  return numerator / applicableWeight;
}

/**
 * The weighted geometric mean of one candidate whose scores sit in a flat array, all criteria
 * benefit ones: {@link weightedProduct}'s total by the same operations in the same order.
 */
function weightedProductTotal(scores: Float64Array, applicable: Uint8Array, offset: number, weights: readonly number[]): number {
  let applicableWeight = 0;
  for (let j = 0; j < weights.length; j++) if (applicable[offset + j] === 1) applicableWeight += weights[j] ?? 0;
  if (applicableWeight === 0) return 0;
  let total = 1;
  for (let j = 0; j < weights.length; j++) if (applicable[offset + j] === 1) total *= Math.pow(scores[offset + j] as number, (weights[j] ?? 0) / applicableWeight);
  return total;
}

/** One candidate's weighted sum over its applicable criteria; shared with TOPSIS's fallback. */
export function weightedSumRow(
  row: readonly (number | undefined)[],
  weights: readonly number[],
  directions: readonly CriterionDirection[] | undefined,
): { total: number; contributions: number[] } {
  let applicableWeight = 0;
  row.forEach((s, j) => {
    if (s !== undefined) applicableWeight += weights[j] ?? 0;
  });
  // No applicable weight (no criterion applies, or all weights are 0): nothing speaks for the
  // candidate, so its total is 0 rather than the 0/0 = NaN that would poison a sort.
  if (applicableWeight === 0) return { total: 0, contributions: row.map(() => 0) };
  let numerator = 0;
  const contributions = row.map((s, j) => {
    if (s === undefined) return 0;
    const part = (weights[j] ?? 0) * goodness(s, directionOf(directions, j));
    numerator += part;
    return part / applicableWeight;
  });
  return { total: numerator / applicableWeight, contributions };
}

/**
 * The weighted mean of the applicable scores: `Σ w_j s_j / Σ w_j` over the criteria that apply
 * to the candidate. A criterion that does not apply is left out and the remaining weights are
 * renormalized (no price given is not a price score of 0). A `cost` criterion counts as
 * `1 − s`. Contribution of criterion j: `w_j s_j / Σ w_j`, so contributions add up to the
 * total. When no weight applies (all weights 0, or no criterion applies) the total is 0.
 *
 * @example
 * weightedSum().aggregate({ scores: [[1, 0.5], [0.8, undefined]], weights: [3, 1] });
 * // => { totals: [0.875, 0.8], contributions: [[0.75, 0.125], [0.8, 0]] }
 */
export function weightedSum(): Aggregator {
  return Object.freeze({
    id: 'weightedSum',
    description: 'weighted mean of the applicable criterion scores (weights renormalized per candidate)',
    aggregate(input: AggregateInput): AggregateOutput {
      validateInput(input);
      const rows = input.scores.map((row) => weightedSumRow(row, input.weights, input.directions));
      return { totals: rows.map((r) => r.total), contributions: rows.map((r) => r.contributions) };
    },
    capabilities: Object.freeze({ rowTotal: weightedSumTotal, atMostMean: true, isMean: true }),
  });
}

// ---------------------------------------------------------------------------------------
// Weighted product
// ---------------------------------------------------------------------------------------

/**
 * The weighted geometric mean of the applicable scores: `Π s_j^(w_j / Σ w)` over the criteria
 * that apply to the candidate (weights renormalized per candidate, `cost` criteria counted as
 * `1 − s`). Unlike the sum it does not let a strong criterion buy off a zero: any applicable
 * score of 0 with positive weight makes the total 0. When no weight applies the total is 0.
 *
 * Contributions: a product has no additive parts, so the total is divided among the criteria
 * in proportion to their weighted-sum terms `w_j s_j`. They add up to the total (as with the
 * other aggregators, so that a table of contributions reads the same whatever the aggregator)
 * and a criterion scored 0 gets 0; they are a presentation of the total, not marginal effects.
 *
 * @example
 * weightedProduct().aggregate({ scores: [[1, 0.25]], weights: [1, 1] }).totals; // => [0.5]
 * // contributions: [[0.4, 0.1]] (0.5 split 1 : 0.25)
 */
export function weightedProduct(): Aggregator {
  return Object.freeze({
    id: 'weightedProduct',
    description: 'weighted geometric mean of the applicable criterion scores (a zero score vetoes)',
    aggregate(input: AggregateInput): AggregateOutput {
      validateInput(input);
      const { weights, directions } = input;
      const totals: number[] = [];
      const contributions: number[][] = [];
      for (const row of input.scores) {
        let applicableWeight = 0;
        row.forEach((s, j) => {
          if (s !== undefined) applicableWeight += weights[j] ?? 0;
        });
        if (applicableWeight === 0) {
          totals.push(0);
          contributions.push(row.map(() => 0));
          continue;
        }
        let total = 1;
        let shareBase = 0;
        const terms = row.map((s, j) => {
          if (s === undefined) return 0;
          const w = weights[j] ?? 0;
          const g = goodness(s, directionOf(directions, j));
          // 0^0 is 1 in JS, so a zero score under a zero weight leaves the product alone.
          total *= Math.pow(g, w / applicableWeight);
          shareBase += w * g;
          return w * g;
        });
        totals.push(total);
        contributions.push(terms.map((t) => (shareBase === 0 ? 0 : (total * t) / shareBase)));
      }
      return { totals, contributions };
    },
    // A weighted geometric mean is at most the weighted arithmetic mean of the same scores.
    capabilities: Object.freeze({ rowTotal: weightedProductTotal, atMostMean: true }),
  });
}

// ---------------------------------------------------------------------------------------
// TOPSIS
// ---------------------------------------------------------------------------------------

interface TopsisSolution {
  /** Closeness per row, or undefined where d⁺ + d⁻ = 0 (the row cannot be told from either ideal). */
  readonly closeness: readonly (number | undefined)[];
  /**
   * position[i][j] in [0,1]: where row i sits on criterion j between the anti-ideal (0) and the
   * ideal (1), i.e. its closeness on that criterion alone. 0 when the criterion does not apply
   * or does not discriminate (ideal = anti-ideal).
   */
  readonly position: readonly (readonly number[])[];
}

/**
 * √Σx², summed in sorted order so that the result does not depend on the candidates' order,
 * and scaled by the largest magnitude so that tiny or huge values neither underflow nor overflow.
 */
function euclideanNorm(values: readonly number[]): number {
  let largest = 0;
  for (const x of values) largest = Math.max(largest, Math.abs(x));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  const squares = values.map((x) => (x / largest) ** 2).sort((a, b) => a - b);
  let sum = 0;
  for (const q of squares) sum += q;
  return largest * Math.sqrt(sum);
}

/**
 * TOPSIS on a matrix that may have gaps. Each column is normalized, weighted, and given its
 * ideal and anti-ideal over the rows where it is defined; each row's distances are taken over
 * its own defined entries only. Leaving a criterion out of one row therefore gives that row
 * exactly the closeness it would have if the criterion did not exist, while the other rows
 * still use it.
 */
function solveTopsis(
  matrix: readonly (readonly (number | undefined)[])[],
  weights: readonly number[],
  directions: readonly CriterionDirection[] | undefined,
  normalization: TopsisNormalization,
): TopsisSolution {
  const n = weights.length;
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // Weighted normalized values v[i][j]; undefined stays undefined.
  const v: (number | undefined)[][] = matrix.map((row) => row.map(() => undefined));
  const ideal: number[] = [];
  const anti: number[] = [];
  for (let j = 0; j < n; j++) {
    const defined: { i: number; x: number }[] = [];
    matrix.forEach((row, i) => {
      const x = row[j];
      if (x !== undefined) defined.push({ i, x });
    });
    const w = totalWeight === 0 ? 0 : (weights[j] ?? 0) / totalWeight;
    const cost = directionOf(directions, j) === 'cost';
    let normalize: (x: number) => number;
    // After linear normalization every column is "higher is better"; vector normalization keeps
    // the raw orientation, so its ideal is the column minimum for a cost criterion.
    let higherIsBetter = true;
    if (normalization === 'vector') {
      const norm = euclideanNorm(defined.map((d) => d.x));
      normalize = (x) => (norm === 0 ? 0 : x / norm);
      higherIsBetter = !cost;
    } else {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const d of defined) {
        min = Math.min(min, d.x);
        max = Math.max(max, d.x);
      }
      const span = max - min;
      normalize = (x) => (span === 0 ? 0 : cost ? (max - x) / span : (x - min) / span);
    }
    let hi = Number.NEGATIVE_INFINITY;
    let lo = Number.POSITIVE_INFINITY;
    for (const { i, x } of defined) {
      const value = w * normalize(x);
      (v[i] as (number | undefined)[])[j] = value;
      hi = Math.max(hi, value);
      lo = Math.min(lo, value);
    }
    if (defined.length === 0) {
      hi = 0;
      lo = 0;
    }
    ideal.push(higherIsBetter ? hi : lo);
    anti.push(higherIsBetter ? lo : hi);
  }

  const closeness: (number | undefined)[] = [];
  const position: number[][] = [];
  for (const row of v) {
    const toIdeal: number[] = [];
    const toAnti: number[] = [];
    const pos = row.map((value, j) => {
      if (value === undefined) return 0;
      const best = ideal[j] ?? 0;
      const worst = anti[j] ?? 0;
      toIdeal.push(value - best);
      toAnti.push(value - worst);
      const span = Math.abs(best - worst);
      return span === 0 ? 0 : Math.abs(value - worst) / span;
    });
    // hypot rather than √Σd²: a criterion with a tiny weight must not vanish by underflow.
    const dPlus = Math.hypot(...toIdeal);
    const dMinus = Math.hypot(...toAnti);
    closeness.push(dPlus + dMinus === 0 ? undefined : dMinus / (dPlus + dMinus));
    position.push(pos);
  }
  return { closeness, position };
}

/**
 * TOPSIS closeness coefficients of a complete decision matrix (any scale, benefit and cost
 * criteria): rows are alternatives, columns criteria. Columns are normalized (`vector`:
 * `x / √Σx²`; `linear`: min-max to [0,1], cost columns reversed), weighted by `w_j / Σw`,
 * and each alternative's Euclidean distances d⁺ to the ideal and d⁻ to the anti-ideal give
 * `C = d⁻ / (d⁺ + d⁻)` in [0,1], higher is better. Where `d⁺ + d⁻ = 0` (every criterion
 * constant, a single alternative, or all weights 0) closeness is undefined and this returns
 * 0.5, the value both distances agree on; the {@link topsis} aggregator uses a weighted sum
 * there instead. Scaling all weights by a positive constant does not change the result, nor
 * (beyond reordering) does reordering the rows.
 *
 * @example
 * // Tzeng & Huang (2011): four alternatives, three benefit criteria.
 * topsisCloseness([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [0.3, 0.4, 0.3], ['benefit', 'benefit', 'benefit'], 'vector');
 * // => [0.5037…, 0.6581…, 0.7482…, 0.3340…]
 */
export function topsisCloseness(
  matrix: readonly (readonly number[])[],
  weights: readonly number[],
  directions: readonly CriterionDirection[],
  normalization: TopsisNormalization,
): number[] {
  const n = weights.length;
  const issues = [...weightIssues(weights), ...directionIssues(directions, n)];
  matrix.forEach((row, i) => {
    issues.push(...rowLengthIssue(row, i, n, 'matrix'));
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) issues.push({ path: `matrix[${i}][${j}]`, code: 'not_finite', message: `value must be a finite number, got ${String(x)}` });
    });
  });
  if (issues.length > 0) throw new SupplymatchError(issues as [Issue, ...Issue[]]);
  return solveTopsis(matrix, weights, directions, normalization).closeness.map((c) => c ?? 0.5);
}

/**
 * TOPSIS (Hwang & Yoon 1981) over one line's candidates: each candidate's closeness
 * `C = d⁻ / (d⁺ + d⁻)` to the best and worst values seen among the candidates (see
 * {@link topsisCloseness}). A criterion that does not apply to a candidate is left out of
 * that candidate's distances (and of its column's normalization and ideals).
 *
 * Totals are relative to the candidate set: adding or removing a candidate can change the
 * others' totals. Where `d⁺ + d⁻ = 0` (a single candidate, candidates equal on every
 * criterion they have, or all weights 0) closeness is undefined; the total is then the
 * candidate's {@link weightedSum} total, so that a lone candidate keeps the absolute meaning
 * of its [0,1] scores instead of a meaningless constant (and all-zero weights give 0).
 *
 * Contributions: the total is divided among the criteria in proportion to `w_j · p_ij`, where
 * `p_ij` in [0,1] is the candidate's position on criterion j between the worst (0) and best
 * (1) candidate value, i.e. its closeness on that criterion alone. They add up to the total.
 * A criterion on which all candidates are equal cannot move anyone's closeness and gets 0.
 * In the weighted-sum fallback, contributions are the weighted-sum ones.
 *
 * @example
 * topsis().aggregate({ scores: [[1, 0], [0, 1], [0.5, 0.5]], weights: [3, 1] }).totals;
 * // => [0.75, 0.25, 0.5]
 * topsis({ normalization: 'linear' }).id; // => 'topsis-linear'
 */
export function topsis(options?: TopsisOptions): Aggregator {
  const normalization = options?.normalization ?? TOPSIS_DEFAULTS.normalization;
  return Object.freeze({
    id: normalization === 'vector' ? 'topsis' : 'topsis-linear',
    description: `TOPSIS closeness to the best and worst candidate values (${normalization} normalization)`,
    aggregate(input: AggregateInput): AggregateOutput {
      validateInput(input);
      const { weights, directions } = input;
      const solution = solveTopsis(input.scores, weights, directions, normalization);
      const totals: number[] = [];
      const contributions: number[][] = [];
      input.scores.forEach((row, i) => {
        const c = solution.closeness[i];
        if (c === undefined) {
          const fallback = weightedSumRow(row, weights, directions);
          totals.push(fallback.total);
          contributions.push(fallback.contributions);
          return;
        }
        const position = solution.position[i] ?? [];
        const terms = row.map((s, j) => (s === undefined ? 0 : (weights[j] ?? 0) * (position[j] ?? 0)));
        const base = terms.reduce((a, b) => a + b, 0);
        totals.push(c);
        contributions.push(terms.map((t) => (base === 0 ? 0 : (c * t) / base)));
      });
      return { totals, contributions };
    },
  });
}

/**
 * The built-in aggregators by name, each a factory with default options.
 *
 * @example
 * AGGREGATORS.weightedProduct().id; // => 'weightedProduct'
 */
export const AGGREGATORS: Readonly<Record<'weightedSum' | 'weightedProduct' | 'topsis', () => Aggregator>> = /* @__PURE__ */ Object.freeze({
  weightedSum,
  weightedProduct,
  topsis: () => topsis(),
});

const BY_NAME: Readonly<Record<string, () => Aggregator>> = /* @__PURE__ */ Object.freeze({
  weightedsum: weightedSum,
  'weighted-sum': weightedSum,
  sum: weightedSum,
  weightedproduct: weightedProduct,
  'weighted-product': weightedProduct,
  product: weightedProduct,
  topsis: () => topsis(),
  'topsis-vector': () => topsis({ normalization: 'vector' }),
  'topsis-linear': () => topsis({ normalization: 'linear' }),
});

/**
 * The ids of the aggregators {@link aggregatorByName} finds, each once, in the order of its names
 * (internal to the package: what an unknown name is told to choose from).
 *
 * @example
 * aggregatorIds(); // => ['weightedSum', 'weightedProduct', 'topsis', 'topsis-linear']
 */
export function aggregatorIds(): string[] {
  return [...new Set(Object.values(BY_NAME).map((make) => make().id))];
}

/**
 * Finds an aggregator by the name a config file or the CLI gives (case and surrounding
 * spaces ignored): `weightedSum` / `weighted-sum` / `sum`, `weightedProduct` /
 * `weighted-product` / `product`, `topsis` / `topsis-vector`, `topsis-linear`. Every
 * aggregator's `id` is among these names. Unknown names give undefined, so that the caller
 * reports them with its own path.
 *
 * @example
 * aggregatorByName('topsis-linear')?.id; // => 'topsis-linear'
 * aggregatorByName('median'); // => undefined
 */
export function aggregatorByName(name: string): Aggregator | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(BY_NAME, key) ? BY_NAME[key]?.() : undefined;
}
