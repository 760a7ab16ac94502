/*
 * The fast paths of a judge (internal to the package, not exported from it): packed verdicts,
 * the batch path over many offerings, block ceilings and failing ceilings. A criterion written
 * with `rule` gets them derived (derive.ts); the matcher reads them here.
 */
import type { Judge, MatchContext, Pair, PreparedLine, PreparedOffering, Verdict } from './criterion.js';
import type { LineFactsKeeper } from './line-facts.js';

/**
 * The context the matcher gives every criterion's `create` (internal): the public
 * {@link MatchContext} and the run's offerings in the order the run lays them out. Only the paths
 * the engine derives read `offerings` (each offering's facts once per run, by position); a
 * criterion written by a user sees the documented fields of `MatchContext` alone, and the
 * package exports neither this type nor the field.
 */
export interface RunContext extends MatchContext {
  /** Every offering of the run, when the matcher gives it: {@link RunPair.index} is a position in it. */
  readonly offerings?: readonly PreparedOffering[];
  /** A keeper of line facts shared by the judges of one criterion over several runs (see line-facts.ts); none in a full match. */
  readonly lineFacts?: LineFactsKeeper;
}

/**
 * The pair the matcher hands a judge (internal): the public {@link Pair} and the offering's
 * position in {@link RunContext.offerings} (a derived path reads the offering's facts there); a
 * pair without `index` (from `pairFrom`, or a user's call) is judged as is.
 */
export interface RunPair extends Pair {
  readonly index?: number;
}

/**
 * A judge as the matcher calls it (internal): every {@link Judge} is one (a judge of a
 * {@link Pair} ignores `index`), and the derived judges read `index`.
 */
export type RunJudge = (pair: RunPair) => Verdict;

/**
 * A judge with the paths the matcher runs fast (internal): derived from a criterion's one
 * definition (see `deriveJudge`), or, for the built-ins that still carry their own, attached by
 * {@link withQuick}. A judge made by a custom `create` has none of them and is called for every
 * candidate.
 *
 * A judge may carry `quick`: the same verdict without its reasons,
 * packed into one number. The matcher then scores every candidate with `quick` and judges in
 * full (reasons and all) only the candidates it keeps, the top `topK` and the nearest `rejectedK`
 * misses; on large runs most candidates are neither, and building their sentences is most of
 * the cost. A judge without `quick` is simply called for every candidate.
 */
export type FastJudge = RunJudge & {
  readonly quick?: QuickJudge;
  /** Many offerings against one line at once (see {@link BatchJudge}); the matcher prefers it to `quick`. */
  readonly batch?: BatchJudge;
  /**
   * Rough cost of `batch` per offering, relative to a few numbers read and compared (1; the
   * built-in capacity criterion); default 1. The matcher starts a line judging first the
   * criteria that cost least per unit of weight (a heavy criterion tightens the bound on a
   * candidate's total the most); once it has judged enough of the line's candidates in full, it
   * judges first those that took the most off their totals per unit of cost. So a candidate
   * that can no longer reach the kept lists is dropped before the dear criteria run.
   */
  readonly cost?: number;
  /** An upper bound of the scores of a block of offerings (see {@link CeilingJudge}). */
  readonly ceiling?: CeilingJudge;
  /** An upper bound of the scores of the verdicts that fail the gate, per line (see {@link FailingCeiling}). */
  readonly failing?: FailingCeiling;
};

/**
 * How many offerings of the run's offerings ({@link RunContext.offerings}) one block of {@link CeilingJudge} holds: block `b`
 * is the offerings `b * CEILING_BLOCK` to `(b + 1) * CEILING_BLOCK - 1` (the last block may
 * hold fewer).
 */
export const CEILING_BLOCK = 32;

/**
 * An upper bound of what a criterion gives the offerings of block `block` (see
 * {@link CEILING_BLOCK}) against a line: every one of them gets an applicable verdict whose score
 * is at most the ceiling, or, where the ceiling is 1, any verdict at all (a verdict that does not
 * apply leaves the criterion out of a weighted mean, which can lift the mean as much as a 1 can).
 * The matcher adds up the ceilings of a block and skips the whole block when the total cannot
 * reach its kept lists. A ceiling works from summaries of each block kept in the closure (spec
 * fit keeps the distinct spec values of its offerings, certification the latest valid expiry of
 * each required certificate), so it costs far less than judging them.
 * It must never be below a verdict (`testCriterion` and the agreement tests check it); 1 is
 * always a valid answer. The matcher asks for ceilings only with the plain weighted sum, in
 * `blocked` mode without `exactCounts`.
 */
export type CeilingJudge = (line: PreparedLine, block: number) => number;

/**
 * What a {@link FailingCeiling} answers for a line against which no offering fails the criterion.
 */
export const CANNOT_FAIL = -1;

/**
 * The highest score that a verdict of the criterion which fails the gate can have against
 * `line`, whatever the offering: a number in [0, 1], or {@link CANNOT_FAIL} when no offering
 * fails it against this line (a score-only option, a line that asks for nothing it could miss).
 * A verdict that does not apply yet fails counts as a score of 1. The matcher uses it to drop
 * early a candidate that has passed every gate judged so far: it can only enter the kept misses
 * by failing one still to judge, and with that one's score at most its failing ceiling, its
 * total may already be below them. It must never be below a failing verdict (`testCriterion`
 * checks it); 1 is always a valid answer.
 *
 * @example
 * // lead time with `gate: true`: a late offer fails with the score 0
 * failing: (line) => (line.line.maxLeadTime === undefined && line.line.needBy === undefined ? CANNOT_FAIL : 0),
 */
export type FailingCeiling = (line: PreparedLine) => number;

/**
 * The batch path of a {@link FastJudge}: the packed verdicts `quick` would give, for many offerings
 * of one line at once. `out[k]` receives the verdict of the offering `offerings[indexes[k]]` of the {@link RunContext}
 * (with `index` = `indexes[k]`) for `k < count`. It must agree with `quick` and the judge exactly
 * (`testCriterion` and the matcher check it). Called for one line after another, each line's
 * candidates in one or several calls; per-line work may be kept in the closure. Only for
 * criteria that do not read `pair.scores`.
 */
export type BatchJudge = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array) => void;

/**
 * The fast path of a {@link FastJudge}: `applicable`, `pass` and `score` of the verdict the judge
 * would give the same pair, packed by {@link packVerdict}. It must agree with the judge exactly
 * (`testCriterion` and the matcher check it); it may assume it is called for the candidates of
 * one line after another, and so keep per-line work in its closure.
 */
export type QuickJudge = (pair: RunPair) => number;

/** Packed verdict of a criterion that does not apply (and passes, as such verdicts do). */
export const QUICK_NOT_APPLICABLE = 2;
/** Packed verdict of a criterion that does not apply yet fails the gate (against the contract, but representable). */
const QUICK_NOT_APPLICABLE_FAILED = 3;

/**
 * Packs `applicable`, `pass` and `score` into one number, exactly (negation loses no bits), for
 * {@link QuickJudge}s: an applicable verdict that passes is its score (`+0`..1), one that fails
 * is its score negated (`-0`..-1, so a failing 0 is `-0`), one that does not apply is
 * {@link QUICK_NOT_APPLICABLE} (its score is left out of every aggregate).
 *
 * @example
 * packVerdict(true, true, 0.75); // => 0.75
 * packVerdict(true, false, 0.25); // => -0.25
 * unpackVerdict(packVerdict(true, false, 0)); // => { applicable: true, pass: false, score: 0 }
 */
export function packVerdict(applicable: boolean, pass: boolean, score: number): number {
  if (!applicable) return pass ? QUICK_NOT_APPLICABLE : QUICK_NOT_APPLICABLE_FAILED;
  // `+ 0` turns a -0 score into +0, so that a pass never reads as a failure.
  return pass ? score + 0 : -(score + 0);
}

/**
 * The inverse of {@link packVerdict}; `undefined` for a number no verdict packs to (a score out
 * of [0, 1], NaN). A verdict that does not apply comes back with score 0.
 *
 * @example
 * unpackVerdict(QUICK_NOT_APPLICABLE); // => { applicable: false, pass: true, score: 0 }
 */
export function unpackVerdict(packed: number): { applicable: boolean; pass: boolean; score: number } | undefined {
  if (packed === QUICK_NOT_APPLICABLE) return { applicable: false, pass: true, score: 0 };
  if (packed === QUICK_NOT_APPLICABLE_FAILED) return { applicable: false, pass: false, score: 0 };
  if (packed > 0 && packed <= 1) return { applicable: true, pass: true, score: packed };
  if (packed === 0) return 1 / packed > 0 ? { applicable: true, pass: true, score: 0 } : { applicable: true, pass: false, score: 0 };
  if (packed < 0 && packed >= -1) return { applicable: true, pass: false, score: -packed };
  return undefined;
}

/** The optional paths of a judge besides `quick` (see {@link withQuick}). */
export interface FastPaths {
  readonly batch?: BatchJudge;
  /** The cost of `batch` (see {@link FastJudge.cost}); default 1. */
  readonly cost?: number;
  readonly ceiling?: CeilingJudge;
  readonly failing?: FailingCeiling;
}

/**
 * Attaches a {@link QuickJudge} to a judge (see {@link FastJudge}), and optionally a
 * {@link BatchJudge} with its cost, a {@link CeilingJudge} and a {@link FailingCeiling}; returns
 * the judge.
 *
 * @example
 * create: (options) => withQuick((pair) => fullVerdict(pair), (pair) => packVerdict(true, true, scoreOf(pair))),
 */
export function withQuick(judge: RunJudge, quick: QuickJudge, fast?: FastPaths): FastJudge {
  const paths: { quick: QuickJudge; batch?: BatchJudge; cost?: number; ceiling?: CeilingJudge; failing?: FailingCeiling } = { quick };
  if (fast?.batch !== undefined) {
    paths.batch = fast.batch;
    paths.cost = fast.cost ?? 1;
  }
  if (fast?.ceiling !== undefined) paths.ceiling = fast.ceiling;
  if (fast?.failing !== undefined) paths.failing = fast.failing;
  return Object.assign(judge, paths);
}

