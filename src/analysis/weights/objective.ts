import type { MatchResult } from '../../engine/result.js';
import { throwIfIssues } from '../../errors.js';

/**
 * A decision matrix: one row per alternative, one column per criterion; `undefined` where a
 * criterion does not apply to an alternative (left out of that criterion's figures).
 *
 * @example
 * const m: DecisionMatrix = [[0.9, 1], [0.4, undefined], [0.7, 0.5]];
 */
export type DecisionMatrix = readonly (readonly (number | undefined)[])[];

/** Why a criterion got no objective weight. */
export type ObjectiveSkip = 'too_few_values' | 'constant';

/**
 * Objective weights of a set of criteria, with what each was derived from.
 *
 * @example
 * const w: ObjectiveWeights = entropyWeights(result);
 * w.weights; // => { itemFit: 0.067, specFit: 0, ..., price: 0.428, readiness: 0.03 } on incheon-bio (summing to 1)
 */
export interface ObjectiveWeights {
  readonly method: 'entropy' | 'critic';
  readonly criteria: readonly string[];
  /** Weights summing to 1, by criterion id (0 for a skipped criterion): usable as `createMatcher({ weights })`. */
  readonly weights: Readonly<Record<string, number>>;
  /** The same weights in `criteria` order. */
  readonly vector: readonly number[];
  /** How many values each criterion's weight was computed over. */
  readonly counts: readonly number[];
  /** Criteria that got weight 0 because their values cannot tell alternatives apart. */
  readonly skipped: readonly { readonly criterion: string; readonly reason: ObjectiveSkip }[];
}

/** Options of {@link criticWeightsOfMatrix}. */
export interface CriticOptions {
  /** Per column, true when lower is better (a cost); default every column a benefit. */
  readonly cost?: readonly boolean[];
}

function column(matrix: DecisionMatrix, j: number): { rows: number[]; values: number[] } {
  const rows: number[] = [];
  const values: number[] = [];
  matrix.forEach((row, i) => {
    const v = row[j];
    if (v !== undefined) {
      rows.push(i);
      values.push(v);
    }
  });
  return { rows, values };
}

function normalizeVector(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

function checkMatrix(matrix: DecisionMatrix, n: number, nonNegative: boolean): void {
  const issues = [];
  for (const [i, row] of matrix.entries()) {
    if (row.length !== n) issues.push({ path: `matrix[${i}]`, code: 'not_rectangular', message: `expected ${n} values (one per criterion), got ${row.length}` });
    for (const [j, v] of row.entries())
      if (v !== undefined && (!Number.isFinite(v) || (nonNegative && v < 0)))
        issues.push({ path: `matrix[${i}][${j}]`, code: 'invalid_value', message: `${v} is not a finite number${nonNegative ? ' >= 0' : ''}` });
  }
  throwIfIssues(issues);
}

function noWeightLeft(method: string): never {
  throwIfIssues([{ path: 'matrix', code: 'no_variation', message: `no criterion's values differ between alternatives: ${method} weights are undefined` }]);
  throw new Error('unreachable');
}

/**
 * Shannon-entropy weights of a decision matrix (Zeleny; Hwang & Yoon): per column, the shares
 * p_i = x_i / Σx, the entropy e = −Σ p_i ln p_i / ln m over its m values, and the weight
 * (1 − e) / Σ(1 − e). Values are benefits ≥ 0 (0 · ln 0 = 0). A column with fewer than 2 values,
 * or whose values are all equal, gets weight 0 and is listed in `skipped`.
 *
 * @example
 * // Xu (2004), EJOR 156(2): weights 0.4630, 0.3992, 0.1378, 0.0000.
 * entropyWeightsOfMatrix([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]).vector;
 */
export function entropyWeightsOfMatrix(matrix: DecisionMatrix, criteria?: readonly string[]): ObjectiveWeights {
  const n = criteria?.length ?? matrix[0]?.length ?? 0;
  checkMatrix(matrix, n, true);
  const ids = criteria ?? Array.from({ length: n }, (_, j) => String(j));
  const skipped: { criterion: string; reason: ObjectiveSkip }[] = [];
  const counts: number[] = [];
  const divergence = ids.map((id, j) => {
    const { values } = column(matrix, j);
    counts.push(values.length);
    const total = values.reduce((a, b) => a + b, 0);
    if (values.length < 2) {
      skipped.push({ criterion: id, reason: 'too_few_values' });
      return 0;
    }
    if (values.every((v) => v === values[0])) {
      skipped.push({ criterion: id, reason: 'constant' });
      return 0;
    }
    let h = 0;
    for (const v of values) {
      // A share that underflows to 0 (a denormal value) adds nothing, as 0 · ln 0 = 0.
      const p = v / total;
      if (p > 0) h -= p * Math.log(p);
    }
    return Math.max(0, 1 - h / Math.log(values.length));
  });
  if (divergence.every((d) => d === 0)) noWeightLeft('entropy');
  return result('entropy', ids, normalizeVector(divergence), counts, skipped);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Pearson correlation over the rows where both columns have a value, within [−1, 1]; 0 when under
 * 2 such rows or either is constant there.
 */
function correlation(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [row, x] of a) {
    const y = b.get(row);
    if (y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 2) return 0;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < xs.length; k++) {
    const dx = (xs[k] as number) - mx;
    const dy = (ys[k] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  // Rounding can carry |r| of nearly collinear columns past 1 (then 1 − r < 0 and a weight < 0).
  return Math.min(1, Math.max(-1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * CRITIC weights of a decision matrix (Diakoulaki, Mavrotas & Papayannakis 1995): each column is
 * scaled to [0, 1] by min-max (reversed for a cost), its information is C = σ · Σ_k (1 − r_jk)
 * with σ its (population) standard deviation and r its Pearson correlation with each other
 * column, and the weight is C / ΣC. Where values are missing, σ uses the column's values and r
 * the rows both columns have. A column with fewer than 2 values or all values equal gets weight 0,
 * is listed in `skipped`, and is left out of the others' correlation sums.
 *
 * @example
 * // Tuş & Aytaç Adalı (2019), Opsearch 56(2): weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151.
 * criticWeightsOfMatrix(softwareMatrix, undefined, { cost: [true, false, false, false, false, false] }).vector;
 */
export function criticWeightsOfMatrix(matrix: DecisionMatrix, criteria?: readonly string[], options?: CriticOptions): ObjectiveWeights {
  const n = criteria?.length ?? matrix[0]?.length ?? 0;
  checkMatrix(matrix, n, false);
  if (options?.cost !== undefined && options.cost.length !== n)
    throwIfIssues([{ path: 'options.cost', code: 'invalid_option', message: `cost has ${options.cost.length} entries for ${n} criteria` }]);
  const ids = criteria ?? Array.from({ length: n }, (_, j) => String(j));
  const skipped: { criterion: string; reason: ObjectiveSkip }[] = [];
  const counts: number[] = [];
  const scaled: (Map<number, number> | undefined)[] = ids.map((id, j) => {
    const { rows, values } = column(matrix, j);
    counts.push(values.length);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (values.length < 2 || hi === lo) {
      skipped.push({ criterion: id, reason: values.length < 2 ? 'too_few_values' : 'constant' });
      return undefined;
    }
    const cost = options?.cost?.[j] ?? false;
    return new Map(rows.map((row, k) => [row, cost ? (hi - (values[k] as number)) / (hi - lo) : ((values[k] as number) - lo) / (hi - lo)]));
  });
  const information = scaled.map((col, j) => {
    if (col === undefined) return 0;
    const values = [...col.values()];
    const m = mean(values);
    const sigma = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
    let conflict = 0;
    scaled.forEach((other, k) => {
      if (k !== j && other !== undefined) conflict += 1 - correlation(col, other);
    });
    return sigma * conflict;
  });
  if (information.every((c) => c === 0)) noWeightLeft('CRITIC');
  return result('critic', ids, normalizeVector(information), counts, skipped);
}

function result(method: ObjectiveWeights['method'], criteria: readonly string[], vector: number[], counts: number[], skipped: ObjectiveWeights['skipped']): ObjectiveWeights {
  const weights: Record<string, number> = {};
  criteria.forEach((id, j) => {
    weights[id] = vector[j] as number;
  });
  return { method, criteria: [...criteria], weights, vector, counts, skipped };
}

/**
 * The decision matrix of a match result: one row per ranked candidate of every line (a
 * candidate of two lines is two rows), one column per criterion of the result's settings, each
 * cell the candidate's score on that criterion, or `undefined` where the criterion did not apply.
 *
 * @example
 * const { criteria, matrix } = scoreMatrixOf(result);
 * criteria; // => ['itemFit', 'specFit', 'certification', ...]
 */
export function scoreMatrixOf(result: MatchResult): { criteria: string[]; matrix: (number | undefined)[][] } {
  const criteria = result.settings.criteria.map((c) => c.id);
  const index = new Map(criteria.map((id, j) => [id, j]));
  const matrix: (number | undefined)[][] = [];
  for (const line of result.lines) {
    for (const candidate of line.candidates) {
      const row = new Array<number | undefined>(criteria.length).fill(undefined);
      for (const o of candidate.outcomes) {
        const j = index.get(o.criterion);
        if (j !== undefined && o.applicable) row[j] = o.score;
      }
      matrix.push(row);
    }
  }
  return { criteria, matrix };
}

/**
 * Entropy weights of a match result's criteria, over its ranked candidates' per-criterion scores
 * (see {@link scoreMatrixOf} and {@link entropyWeightsOfMatrix}): a criterion whose scores vary
 * more among the candidates weighs more. Only the ranked candidates count (at most `topK` per
 * line), so run the matcher with the `topK` the weights should speak for.
 *
 * @example
 * createMatcher({ weights: entropyWeights(createMatcher().match(dataset)).weights });
 */
export function entropyWeights(result: MatchResult): ObjectiveWeights {
  const { criteria, matrix } = scoreMatrixOf(result);
  return entropyWeightsOfMatrix(matrix, criteria);
}

/**
 * CRITIC weights of a match result's criteria, over its ranked candidates' per-criterion scores
 * (see {@link scoreMatrixOf} and {@link criticWeightsOfMatrix}; every score is a benefit): a
 * criterion weighs more when its scores vary and disagree with the other criteria's.
 *
 * @example
 * createMatcher({ weights: criticWeights(createMatcher().match(dataset)).weights });
 */
export function criticWeights(result: MatchResult): ObjectiveWeights {
  const { criteria, matrix } = scoreMatrixOf(result);
  return criticWeightsOfMatrix(matrix, criteria);
}
