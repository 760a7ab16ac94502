import { SupplymatchError, formatPath, throwIfIssues, type Issue } from '../../errors.js';

/**
 * Saaty's random consistency index RI for n = 1..10 criteria (index n − 1): the mean consistency
 * index of random reciprocal matrices on the 1-9 scale, as printed in T. L. Saaty, "How to make a
 * decision: The Analytic Hierarchy Process", European Journal of Operational Research 48 (1990)
 * 9-26, and in Saaty, *The Analytic Hierarchy Process* (1980). The table stops at 10, and so does
 * {@link ahpWeights}.
 *
 * @example
 * SAATY_RANDOM_INDEX[3]; // => 0.9 (four criteria)
 */
export const SAATY_RANDOM_INDEX: readonly number[] = Object.freeze([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);

/** Saaty's threshold: a consistency ratio above it means the judgments should be revised. */
export const SAATY_CR_THRESHOLD = 0.1;

/**
 * One judgment: a number on Saaty's scale (1 to 9 or a reciprocal, 1/9 to 1), or the same as a
 * text such as `"1/3"` (so that a JSON file need not write 0.333...).
 *
 * @example
 * const row: Judgment[] = [1, 3, '1/5'];
 */
export type Judgment = number | string;

/** A pairwise-comparison matrix: `matrix[i][j]` says how much more criterion i matters than j. */
export type PairwiseMatrix = readonly (readonly Judgment[])[];

/** Options of {@link ahpWeights} (defaults in {@link AHP_DEFAULTS}). */
export interface AhpOptions {
  /** The criterion ids, in the order of the matrix's rows and columns. */
  readonly criteria: readonly string[];
  /** The criterion ids the caller knows (e.g. a matcher's); an id outside them is refused. Absent: any id. */
  readonly known?: readonly string[];
  /** Accept a consistency ratio above 0.1 (the result then carries a warning); default false: refused. */
  readonly acceptInconsistent?: boolean;
  /** Power iteration stops when no weight moves by more than this between two steps. */
  readonly tolerance?: number;
  /** Power iteration gives up (an error) after this many steps. */
  readonly maxIterations?: number;
  /** How far `a[i][j] · a[j][i]` may stray from 1 (relative), for judgments written as rounded decimals. */
  readonly reciprocalTolerance?: number;
}

/**
 * Default options of {@link ahpWeights}.
 *
 * @example
 * AHP_DEFAULTS.tolerance; // => 1e-12
 */
export const AHP_DEFAULTS = Object.freeze({
  acceptInconsistent: false,
  tolerance: 1e-12,
  maxIterations: 10_000,
  reciprocalTolerance: 0.01,
});

/**
 * Criterion weights derived from pairwise comparisons, with their consistency.
 *
 * @example
 * const r: AhpResult = ahpWeights([[1, 3], ['1/3', 1]], { criteria: ['price', 'leadTime'] });
 * r.weights; // => { price: 0.75, leadTime: 0.25 }
 */
export interface AhpResult {
  readonly criteria: readonly string[];
  /** The principal eigenvector, summing to 1, by criterion id: usable as `createMatcher({ weights })`. */
  readonly weights: Readonly<Record<string, number>>;
  /** The same weights in matrix order. */
  readonly vector: readonly number[];
  /** The principal eigenvalue (n for a perfectly consistent matrix). */
  readonly lambdaMax: number;
  /** Consistency index (λmax − n) / (n − 1); 0 for n ≤ 2. */
  readonly ci: number;
  /** Saaty's random index for n ({@link SAATY_RANDOM_INDEX}). */
  readonly ri: number;
  /** Consistency ratio CI / RI; 0 for n ≤ 2. */
  readonly cr: number;
  /** Power-iteration steps taken. */
  readonly iterations: number;
  /** How many matrices (experts) were aggregated. */
  readonly experts: number;
  /** The matrix the weights come from: the experts' element-wise geometric mean (AIJ). */
  readonly matrix: readonly (readonly number[])[];
  /** Set when the consistency ratio is above 0.1 and `acceptInconsistent` let it through. */
  readonly warnings: readonly Issue[];
}

const FRACTION = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/;

function readJudgment(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = FRACTION.exec(value);
  if (!m) return undefined;
  return m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
}

/**
 * Checks one expert's matrix and reads its judgments as numbers: square with one row per
 * criterion, every entry a number (or `"a/b"`) on Saaty's scale [1/9, 9], the diagonal 1, and
 * `a[j][i]` the reciprocal of `a[i][j]` within `reciprocalTolerance`. Every problem is an issue
 * whose path names the entry (`matrix[2][0]`).
 *
 * @example
 * readPairwiseMatrix([[1, '1/3'], [3, 1]], 2); // => [[1, 0.333...], [3, 1]]
 * readPairwiseMatrix([[1, 2], [2, 1]], 2); // throws: matrix[1][0] is not the reciprocal of matrix[0][1]
 */
export function readPairwiseMatrix(matrix: unknown, n: number, options?: { readonly path?: readonly PropertyKey[]; readonly reciprocalTolerance?: number }): number[][] {
  const base = options?.path ?? ['matrix'];
  const tolerance = options?.reciprocalTolerance ?? AHP_DEFAULTS.reciprocalTolerance;
  const issues: Issue[] = [];
  const issue = (path: readonly PropertyKey[], code: string, message: string) => issues.push({ path: formatPath([...base, ...path]), code, message });
  if (!Array.isArray(matrix) || matrix.length !== n) {
    issue([], 'not_square', `expected ${n} rows (one per criterion), got ${Array.isArray(matrix) ? matrix.length : typeof matrix}`);
    throwIfIssues(issues);
  }
  const rows = matrix as unknown[];
  const out: number[][] = [];
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      issue([i], 'not_square', `expected ${n} entries (one per criterion), got ${Array.isArray(row) ? row.length : typeof row}`);
      out.push([]);
      return;
    }
    out.push(
      row.map((raw: unknown, j) => {
        const v = readJudgment(raw);
        if (v === undefined || !Number.isFinite(v) || v <= 0) issue([i, j], 'invalid_judgment', `${JSON.stringify(raw)} is not a positive number or a fraction such as "1/3"`);
        else if (i === j && Math.abs(v - 1) > 1e-9) issue([i, j], 'diagonal_not_one', `a criterion compared with itself is 1, not ${JSON.stringify(raw)}`);
        // 1e-9 of slack so that 0.1111111111 (a rounded 1/9) is on the scale.
        else if (v < 1 / 9 - 1e-9 || v > 9 + 1e-9) issue([i, j], 'out_of_scale', `${JSON.stringify(raw)} is outside Saaty's scale (1/9 to 9)`);
        return v ?? Number.NaN;
      }),
    );
  });
  throwIfIssues(issues);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const product = (out[i]?.[j] as number) * (out[j]?.[i] as number);
      if (Math.abs(product - 1) > tolerance)
        issue([j, i], 'not_reciprocal', `${(out[j]?.[i] as number).toPrecision(4)} is not the reciprocal of ${formatPath([...base, i, j])} = ${(out[i]?.[j] as number).toPrecision(4)}`);
    }
  }
  throwIfIssues(issues);
  return out;
}

/**
 * Aggregates several experts' matrices into one by the element-wise geometric mean (aggregation
 * of individual judgments, AIJ), which keeps the result reciprocal; one matrix comes back as it is.
 *
 * @example
 * geometricMeanMatrix([[[1, 4], [0.25, 1]], [[1, 1], [1, 1]]]); // => [[1, 2], [0.5, 1]]
 */
export function geometricMeanMatrix(matrices: readonly (readonly (readonly number[])[])[]): number[][] {
  const first = matrices[0];
  if (first === undefined) throw new RangeError('geometricMeanMatrix needs at least one matrix');
  if (matrices.length === 1) return first.map((row) => [...row]);
  return first.map((row, i) =>
    row.map((_, j) => {
      let logSum = 0;
      for (const m of matrices) logSum += Math.log(m[i]?.[j] as number);
      return Math.exp(logSum / matrices.length);
    }),
  );
}

/**
 * The principal (Perron) eigenvector of a positive matrix, normalized to sum 1, by power
 * iteration from the uniform vector (deterministic), and its eigenvalue. Stops when no entry
 * moves by more than `tolerance` between two steps; throws a `SupplymatchError` (code
 * `not_converged`) after `maxIterations`.
 *
 * @example
 * principalEigenvector([[1, 3], [1 / 3, 1]]); // => { vector: [0.75, 0.25], lambdaMax: 2, iterations: 2 }
 */
export function principalEigenvector(
  matrix: readonly (readonly number[])[],
  options?: { readonly tolerance?: number; readonly maxIterations?: number },
): { vector: number[]; lambdaMax: number; iterations: number } {
  const tolerance = options?.tolerance ?? AHP_DEFAULTS.tolerance;
  const maxIterations = options?.maxIterations ?? AHP_DEFAULTS.maxIterations;
  const n = matrix.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = matrix.map((row) => row.reduce((s, a, j) => s + a * (w[j] as number), 0));
    // With w summing to 1, the sum of A·w is the eigenvalue once w is the eigenvector.
    const lambda = next.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) next[i] = (next[i] as number) / lambda;
    const moved = next.reduce((m, x, i) => Math.max(m, Math.abs(x - (w[i] as number))), 0);
    w = next;
    if (moved <= tolerance) {
      const aw = matrix.map((row) => row.reduce((s, a, j) => s + a * (w[j] as number), 0));
      return { vector: w, lambdaMax: aw.reduce((a, b) => a + b, 0), iterations: iteration };
    }
  }
  throwIfIssues([{ path: 'matrix', code: 'not_converged', message: `power iteration did not settle within ${maxIterations} steps (tolerance ${tolerance})` }]);
  throw new Error('unreachable');
}

function checkCriteria(criteria: readonly string[], known: readonly string[] | undefined): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  criteria.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') issues.push({ path: formatPath(['criteria', i]), code: 'invalid_criterion', message: 'a criterion id is a non-empty text' });
    else if (seen.has(id)) issues.push({ path: formatPath(['criteria', i]), code: 'duplicate_criterion', message: `criterion "${id}" is listed twice` });
    else if (known !== undefined && !known.includes(id))
      issues.push({ path: formatPath(['criteria', i]), code: 'unknown_criterion', message: `no criterion "${id}" (known: ${known.join(', ')})` });
    seen.add(id);
  });
  if (criteria.length < 2) issues.push({ path: 'criteria', code: 'too_few_criteria', message: 'comparing needs at least 2 criteria' });
  if (criteria.length > SAATY_RANDOM_INDEX.length)
    issues.push({ path: 'criteria', code: 'too_many_criteria', message: `Saaty's random index table stops at ${SAATY_RANDOM_INDEX.length} criteria; got ${criteria.length} (group them in a hierarchy)` });
  return issues;
}

function checkOptions(options: AhpOptions): Issue[] {
  const issues: Issue[] = [];
  const allowed = new Set(['criteria', 'known', 'acceptInconsistent', 'tolerance', 'maxIterations', 'reciprocalTolerance']);
  for (const key of Object.keys(options)) if (!allowed.has(key)) issues.push({ path: formatPath(['options', key]), code: 'unknown_option', message: `no option "${key}"` });
  const { tolerance, maxIterations, reciprocalTolerance } = options;
  if (tolerance !== undefined && !(tolerance > 0 && tolerance < 1)) issues.push({ path: 'options.tolerance', code: 'invalid_option', message: 'tolerance is a number in (0, 1)' });
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1))
    issues.push({ path: 'options.maxIterations', code: 'invalid_option', message: 'maxIterations is a whole number >= 1' });
  if (reciprocalTolerance !== undefined && !(reciprocalTolerance >= 0 && reciprocalTolerance < 0.5))
    issues.push({ path: 'options.reciprocalTolerance', code: 'invalid_option', message: 'reciprocalTolerance is a number in [0, 0.5)' });
  return issues;
}

/**
 * Criterion weights from one or several experts' pairwise-comparison matrices by Saaty's
 * analytic hierarchy process: each matrix is checked ({@link readPairwiseMatrix}), several are
 * aggregated by their element-wise geometric mean ({@link geometricMeanMatrix}), and the weights
 * are the principal eigenvector ({@link principalEigenvector}). The consistency ratio
 * CR = ((λmax − n)/(n − 1)) / RI uses {@link SAATY_RANDOM_INDEX}; above 0.1 the matrix is refused
 * (code `inconsistent`) unless `acceptInconsistent` is set, and the result then carries the
 * warning. The weights sum to 1 and plug into `createMatcher({ weights })`; criteria left out of
 * the matrix keep their own weights there, so compare every criterion that should count.
 *
 * @example
 * // Saaty's house example (EJOR 1990): λmax 9.669, CR 0.169, refused unless accepted.
 * const r = ahpWeights(houseMatrix, { criteria: houseCriteria, acceptInconsistent: true });
 * r.cr.toFixed(3); // => '0.169'
 */
export function ahpWeights(matrices: PairwiseMatrix | readonly PairwiseMatrix[], options: AhpOptions): AhpResult {
  const n = options.criteria.length;
  throwIfIssues([...checkOptions(options), ...checkCriteria(options.criteria, options.known)]);
  const reciprocalTolerance = options.reciprocalTolerance ?? AHP_DEFAULTS.reciprocalTolerance;
  // One matrix is rows of judgments; several are a list of such matrices (a matrix's first row starts with a judgment).
  const several = Array.isArray(matrices) && Array.isArray(matrices[0]) && Array.isArray((matrices[0] as unknown[])[0]);
  const list = (several ? matrices : [matrices]) as readonly PairwiseMatrix[];
  if (list.length === 0) throwIfIssues([{ path: 'matrices', code: 'no_matrix', message: 'at least one matrix is needed' }]);
  const issues: Issue[] = [];
  const read: number[][][] = [];
  list.forEach((m, k) => {
    try {
      read.push(readPairwiseMatrix(m, n, { path: several ? ['matrices', k] : ['matrix'], reciprocalTolerance }));
    } catch (e) {
      if (e instanceof SupplymatchError) issues.push(...e.issues);
      else throw e;
    }
  });
  throwIfIssues(issues);
  const matrix = geometricMeanMatrix(read);
  const { vector, lambdaMax, iterations } = principalEigenvector(matrix, options);
  const ri = SAATY_RANDOM_INDEX[n - 1] as number;
  // For n ≤ 2 a reciprocal matrix is consistent: CI is 0 up to rounding, and RI is 0.
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const cr = n <= 2 ? 0 : ci / ri;
  const warnings: Issue[] = [];
  if (cr > SAATY_CR_THRESHOLD) {
    const inconsistency: Issue = {
      path: several ? 'matrices' : 'matrix',
      code: 'inconsistent',
      message: `consistency ratio ${cr.toFixed(3)} is above ${SAATY_CR_THRESHOLD} (λmax ${lambdaMax.toFixed(3)}, CI ${ci.toFixed(3)}, RI ${ri}): revise the judgments${options.acceptInconsistent ? ' (accepted)' : ', or accept it explicitly'}`,
    };
    if (!(options.acceptInconsistent ?? AHP_DEFAULTS.acceptInconsistent)) throwIfIssues([inconsistency]);
    warnings.push(inconsistency);
  }
  const weights: Record<string, number> = {};
  options.criteria.forEach((id, i) => {
    weights[id] = vector[i] as number;
  });
  return { criteria: [...options.criteria], weights, vector, lambdaMax, ci, ri, cr, iterations, experts: read.length, matrix, warnings };
}
