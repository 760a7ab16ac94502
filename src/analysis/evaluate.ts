import type { LineResult, MatchResult } from '../engine/result.js';
import { SupplymatchError, type Issue } from '../errors.js';
import type { TruthLabel } from '../model/truth.js';
import { compareIds } from '../model/common.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** The cut-off of P@k and nDCG@k; a positive integer, default 5. */
  readonly k?: number;
  /** A label grade at least this counts as relevant for P@1, P@k and MRR; an integer 1–3, default 2. */
  readonly relevantGrade?: number;
}

/**
 * Ranking quality averaged over demand lines.
 *
 * @example
 * const m: Metrics = { lines: 2, pAt1: 0.5, pAtK: 0.75, mrr: 0.75, ndcgAtK: 0.8 };
 */
export interface Metrics {
  /** How many lines the means are taken over (lines with at least one relevant label). */
  readonly lines: number;
  readonly pAt1: number;
  readonly pAtK: number;
  readonly mrr: number;
  readonly ndcgAtK: number;
}

/**
 * One demand line judged against its labels, at supplier level.
 *
 * @example
 * const e: LineEvaluation = { line: 'D1', buyer: 'B1', top1: 'S-2', top1Grade: 3, bestGrade: 3, expected: ['S-2'],
 *   pAt1: 1, pAtK: 1, reciprocalRank: 1, ndcgAtK: 1, agrees: true };
 */
export interface LineEvaluation {
  readonly line: string;
  readonly buyer: string;
  /** The top-ranked supplier, undefined when the line has no qualified candidate. */
  readonly top1: string | undefined;
  /** Its grade (0 when unlabelled), undefined when there is no top-1. */
  readonly top1Grade: number | undefined;
  /** The highest grade among the line's labels. */
  readonly bestGrade: number;
  /** Supplier ids with the best grade, sorted. */
  readonly expected: readonly string[];
  readonly pAt1: number;
  readonly pAtK: number;
  readonly reciprocalRank: number;
  readonly ndcgAtK: number;
  /** True when the top-1 supplier has the line's best grade. */
  readonly agrees: boolean;
}

/**
 * What {@link evaluate} reports.
 *
 * @example
 * const { overall, disagreements } = evaluate(result, dataset.truth ?? []);
 * console.log(overall.pAt1, disagreements.map((d) => d.line));
 */
export interface Evaluation {
  readonly k: number;
  readonly overall: Metrics;
  /** Per buyer, sorted by buyer id. */
  readonly byBuyer: readonly ({ readonly buyer: string } & Metrics)[];
  /** In result order, only lines with at least one relevant label. */
  readonly lines: readonly LineEvaluation[];
  /** Lines where top-1 is not a supplier with the line's best grade (including lines left empty). */
  readonly disagreements: readonly LineEvaluation[];
  /** Lines whose labels are all below relevantGrade (nobody should be proposed): how many the result leaves empty, and those it does not. */
  readonly unservable: {
    readonly lines: number;
    readonly leftEmpty: number;
    readonly proposed: readonly { readonly line: string; readonly top1: string }[];
  };
}

const EVALUATE_DEFAULTS = Object.freeze({ k: 5, relevantGrade: 2 });

function optionIssues(k: number, relevantGrade: number): Issue[] {
  const issues: Issue[] = [];
  if (!Number.isInteger(k) || k < 1) {
    issues.push({ path: 'k', code: 'invalid_option', message: `k must be a positive integer, got ${String(k)}` });
  }
  // Grades are 0..3 and unlabelled suppliers count as 0, so a threshold of 0 would make every
  // proposed supplier relevant and the metrics meaningless.
  if (!Number.isInteger(relevantGrade) || relevantGrade < 1 || relevantGrade > 3) {
    issues.push({ path: 'relevantGrade', code: 'invalid_option', message: `relevantGrade must be an integer from 1 to 3, got ${String(relevantGrade)}` });
  }
  return issues;
}

/** grades.get(line).get(supplier) = the highest grade of that supplier's labels for the line. */
function gradesByLine(truth: readonly TruthLabel[]): Map<string, Map<string, number>> {
  const byLine = new Map<string, Map<string, number>>();
  for (const label of truth) {
    let grades = byLine.get(label.line);
    if (!grades) {
      grades = new Map();
      byLine.set(label.line, grades);
    }
    // A label may name one offering; at supplier level the supplier's best offering decides.
    grades.set(label.supplier, Math.max(grades.get(label.supplier) ?? 0, label.grade));
  }
  return byLine;
}

/**
 * The line's suppliers in rank order, each once at its best rank: a supplier proposed with
 * three offerings is one choice for the buyer, and counting it thrice would let one supplier
 * fill the whole top-k.
 */
function rankedSuppliers(line: LineResult): string[] {
  const ordered = [...line.candidates].sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  const suppliers: string[] = [];
  for (const c of ordered) {
    if (seen.has(c.supplier)) continue;
    seen.add(c.supplier);
    suppliers.push(c.supplier);
  }
  return suppliers;
}

const gain = (grade: number): number => 2 ** grade - 1;
const discount = (rank: number): number => Math.log2(rank + 1);

function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  grades.slice(0, k).forEach((g, i) => {
    sum += gain(g) / discount(i + 1);
  });
  return sum;
}

const byId = compareIds;

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function metricsOf(lines: readonly LineEvaluation[]): Metrics {
  return {
    lines: lines.length,
    pAt1: mean(lines.map((l) => l.pAt1)),
    pAtK: mean(lines.map((l) => l.pAtK)),
    mrr: mean(lines.map((l) => l.reciprocalRank)),
    ndcgAtK: mean(lines.map((l) => l.ndcgAtK)),
  };
}

/**
 * Measures a match result against hand-written labels, at supplier level: a supplier ranked
 * with several offerings counts once, at its best rank, and its grade for a line is the
 * highest among its labels for that line (a label naming one offering counts for its
 * supplier). Suppliers without a label have grade 0.
 *
 * Per line with at least one label of grade ≥ `relevantGrade` ("relevant"):
 * - P@1 is 1 when the top supplier is relevant;
 * - P@k is the number of relevant suppliers in the top k divided by `min(k, number of relevant
 *   suppliers)`: capped like R-precision, so that a line with one relevant supplier can reach
 *   1.0 rather than at most 1/k;
 * - reciprocal rank is 1 / (rank of the first relevant supplier), 0 when none is ranked (ranks
 *   count distinct suppliers; the list is the result's, already cut to its `topK`);
 * - nDCG@k uses gain `2^grade − 1` and discount `log2(rank + 1)`; the ideal DCG ranks the
 *   line's labelled suppliers by grade, including those the matcher rejected or never saw.
 *
 * Metrics are means over those lines (0 when there are none). Lines whose labels are all below
 * `relevantGrade` are counted under `unservable` (a good result leaves them empty); lines
 * without any label are not judged at all.
 *
 * @example
 * const evaluation = evaluate(result, dataset.truth ?? [], { k: 5 });
 * evaluation.overall.pAt1; // => 0.8
 * evaluation.disagreements[0]; // => { line: 'CT-D07', top1: 'S-009', expected: ['S-014'], ... }
 */
export function evaluate(result: MatchResult, truth: readonly TruthLabel[], options?: EvaluateOptions): Evaluation {
  if (result === null || typeof result !== 'object' || !Array.isArray((result as { lines?: unknown }).lines))
    throw new SupplymatchError([{ path: 'result', code: 'invalid_input', message: 'evaluate needs a match result (matcher.match(dataset))' }]);
  if (!Array.isArray(truth)) throw new SupplymatchError([{ path: 'truth', code: 'invalid_input', message: 'evaluate needs the truth labels as an array (dataset.truth)' }]);
  const k = options?.k ?? EVALUATE_DEFAULTS.k;
  const relevantGrade = options?.relevantGrade ?? EVALUATE_DEFAULTS.relevantGrade;
  const issues = optionIssues(k, relevantGrade);
  if (issues.length > 0) throw new SupplymatchError(issues as [Issue, ...Issue[]]);

  const grades = gradesByLine(truth);
  const evaluated: LineEvaluation[] = [];
  const unservable = { lines: 0, leftEmpty: 0, proposed: [] as { line: string; top1: string }[] };

  for (const line of result.lines) {
    const labelled = grades.get(line.line);
    if (!labelled) continue;
    const ranked = rankedSuppliers(line);
    const top1 = ranked[0];
    const gradeOf = (supplier: string): number => labelled.get(supplier) ?? 0;
    const labelGrades = [...labelled.values()].sort((a, b) => b - a);
    const relevantCount = labelGrades.filter((g) => g >= relevantGrade).length;

    if (relevantCount === 0) {
      unservable.lines += 1;
      if (top1 === undefined) unservable.leftEmpty += 1;
      else unservable.proposed.push({ line: line.line, top1 });
      continue;
    }

    const bestGrade = labelGrades[0] ?? 0;
    const expected = [...labelled].filter(([, g]) => g === bestGrade).map(([s]) => s).sort(byId);
    const rankedGrades = ranked.map(gradeOf);
    const firstRelevant = rankedGrades.findIndex((g) => g >= relevantGrade);
    const relevantInTopK = rankedGrades.slice(0, k).filter((g) => g >= relevantGrade).length;
    const top1Grade = top1 === undefined ? undefined : gradeOf(top1);
    evaluated.push({
      line: line.line,
      buyer: line.buyer,
      top1,
      top1Grade,
      bestGrade,
      expected,
      pAt1: top1Grade !== undefined && top1Grade >= relevantGrade ? 1 : 0,
      pAtK: relevantInTopK / Math.min(k, relevantCount),
      reciprocalRank: firstRelevant === -1 ? 0 : 1 / (firstRelevant + 1),
      // relevantCount > 0 and relevantGrade >= 1, so the ideal DCG is positive.
      ndcgAtK: dcg(rankedGrades, k) / dcg(labelGrades, k),
      agrees: top1Grade === bestGrade,
    });
  }

  const buyers = [...new Set(evaluated.map((l) => l.buyer))].sort(byId);
  return {
    k,
    overall: metricsOf(evaluated),
    byBuyer: buyers.map((buyer) => ({ buyer, ...metricsOf(evaluated.filter((l) => l.buyer === buyer)) })),
    lines: evaluated,
    disagreements: evaluated.filter((l) => !l.agrees),
    unservable,
  };
}
