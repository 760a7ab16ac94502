import { z } from 'zod';
import type { LineTextReport } from '../catalog/line-text.js';
import type { Resolution } from '../catalog/resolve.js';
import type { Catalog } from '../catalog/resolve.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { Certification } from '../model/certification.js';
import type { ExchangeRates } from '../model/dataset.js';
import type { Decision } from '../model/decision.js';
import type { Item } from '../model/item.js';
import type { Offering, Supplier } from '../model/supplier.js';
import type { CriterionDeficits } from './deficit.js';

/** Structured detail of a reason, kept flat so that it serializes and tabulates as is. */
export type ReasonData = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Why a criterion judged a pair as it did: a stable `code` (e.g. `cert.expired`), a sentence
 * for people and structured `data` (`{ cert: 'ISO 13485', expired: '2020-12-31' }`).
 */
export interface Reason {
  readonly code: string;
  readonly message: string;
  readonly data: ReasonData;
  /**
   * What the reason means for the pair: `failure` is why a gate failed; `shortfall` lowers the
   * score (a partial capacity, a certificate lapsing before the need-by date, a preferred spec
   * missed); `info` (the default when left out) states what was found and met.
   */
  readonly severity?: ReasonSeverity;
}

/** See {@link Reason.severity}. */
export type ReasonSeverity = 'info' | 'shortfall' | 'failure';

/**
 * A criterion's judgement of one (demand line, offering) pair. `applicable: false` leaves the
 * criterion out of the aggregate (no price given is not a price of 0). `pass: false` rejects
 * the pair (gates only). `score` is in [0, 1].
 */
export interface Verdict {
  readonly applicable: boolean;
  readonly pass: boolean;
  readonly score: number;
  readonly reasons: readonly Reason[];
}

/** Whether a criterion can reject a pair (`gate`), only scores it (`score`), or both. */
export type CriterionKind = 'gate' | 'score' | 'both';

/** The certificates a supplier holds for one offering (its own and the offering's), by canonical type. */
export type CertificateIndex = ReadonlyMap<string, readonly Certification[]>;

/** A demand line ready for matching: its buyer and its catalog resolution. */
export interface PreparedLine {
  /** The line as matched: with the requirements read from its text, when there are some. */
  readonly line: DemandLine;
  readonly buyer: Buyer;
  readonly resolution: Resolution;
  /** How the line's free text was read (lines named by text, not by a known item id). */
  readonly text?: LineTextReport;
}

/** An offering ready for matching: its supplier, its resolution, its certificates indexed. */
export interface PreparedOffering {
  readonly offering: Offering;
  readonly supplier: Supplier;
  readonly resolution: Resolution;
  readonly certificates: CertificateIndex;
  /** True when the supplier's country is the programme's domestic country. */
  readonly domestic: boolean;
}

/**
 * What a criterion judges: a line and an offering, plus the scores of the criteria listed
 * before it (for criteria that combine others, such as the expression criterion).
 */
export interface Pair {
  readonly line: PreparedLine;
  readonly offering: PreparedOffering;
  /**
   * Scores of the criteria judged before this one that apply (those that do not are absent or
   * undefined). Read it during the call: the matcher may hand the same object, with other
   * values, to the next pair.
   */
  readonly scores: Readonly<Record<string, number>>;
  /**
   * The offering's position in `context.offerings`, when the matcher gives both: criteria may
   * keep per-offering data in arrays by it (see {@link MatchContext.offerings}).
   */
  readonly index?: number;
}

/** What every criterion's `create` receives besides its options. */
export interface MatchContext {
  /** The date certificates are judged on, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Suppliers of this country are domestic. */
  readonly domesticCountry: string | undefined;
  readonly exchangeRates: ExchangeRates | undefined;
  readonly catalog: Catalog;
  readonly items: ReadonlyMap<string, Item>;
  /** Ids of the criteria listed before this one, in order (what `pair.scores` can hold). */
  readonly previousCriteria: readonly string[];
  /** What buyers decided about suppliers (the dataset's `decisions`); none when left out. */
  readonly decisions?: readonly Decision[];
  /**
   * Every offering of the run, when the matcher gives it: `pair.index` is a position in it.
   * Quick paths use it to read offerings from compact arrays built once per run instead of
   * from objects of many shapes; a pair without `index` (from `pairFrom`) is judged as is.
   */
  readonly offerings?: readonly PreparedOffering[];
}

/** The descriptive part of a criterion, modelled on ESLint's rule `meta`. */
export interface CriterionMeta<S extends z.ZodType = z.ZodType> {
  /** Unique within a matcher; also the key of its weight and of its score in expressions. */
  readonly id: string;
  readonly description: string;
  readonly kind: CriterionKind;
  /** The options schema; options are validated against it when a matcher is created. */
  readonly options: S;
  /** Option values used where the caller gives none. */
  readonly defaults: z.output<S>;
  /**
   * Checks that need to know the matcher (not just the options), run when the matcher is
   * created; returns problems as sentences. The expression criterion uses it to refuse a
   * formula that names a criterion not listed before it.
   */
  readonly validate?: (options: z.output<S>, matcher: { readonly previousCriteria: readonly string[] }) => readonly string[];
  /** What its failures and shortfalls mean for gap analysis (see {@link CriterionDeficits}). */
  readonly deficits?: CriterionDeficits;
}

/**
 * Judges one pair. Built once per match by `create`, so per-run work happens there.
 *
 * A judge may also carry `quick` (see {@link withQuick}): the same verdict without its reasons,
 * packed into one number. The matcher then scores every candidate with `quick` and judges in
 * full (reasons and all) only the candidates it keeps, the top `topK` and the nearest `rejectedK`
 * misses; on large runs most candidates are neither, and building their sentences is most of
 * the cost. A judge without `quick` is simply called for every candidate.
 */
export type Judge = ((pair: Pair) => Verdict) & {
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
 * How many offerings of `context.offerings` one block of {@link CeilingJudge} holds: block `b`
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
 * The batch path of a {@link Judge}: the packed verdicts `quick` would give, for many offerings
 * of one line at once. `out[k]` receives the verdict of the offering `context.offerings[indexes[k]]`
 * (with `index` = `indexes[k]`) for `k < count`. It must agree with `quick` and the judge exactly
 * (`testCriterion` and the matcher check it). Called for one line after another, each line's
 * candidates in one or several calls; per-line work may be kept in the closure. Only for
 * criteria that do not read `pair.scores`.
 */
export type BatchJudge = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array) => void;

/**
 * The fast path of a {@link Judge}: `applicable`, `pass` and `score` of the verdict the judge
 * would give the same pair, packed by {@link packVerdict}. It must agree with the judge exactly
 * (`testCriterion` and the matcher check it); it may assume it is called for the candidates of
 * one line after another, and so keep per-line work in its closure.
 */
export type QuickJudge = (pair: Pair) => number;

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
  /** The cost of `batch` (see {@link Judge.cost}); default 1. */
  readonly cost?: number;
  readonly ceiling?: CeilingJudge;
  readonly failing?: FailingCeiling;
}

/**
 * Attaches a {@link QuickJudge} to a judge (see {@link Judge}), and optionally a
 * {@link BatchJudge} with its cost, a {@link CeilingJudge} and a {@link FailingCeiling}; returns
 * the judge.
 *
 * @example
 * create: (options) => withQuick((pair) => fullVerdict(pair), (pair) => packVerdict(true, true, scoreOf(pair))),
 */
export function withQuick(judge: (pair: Pair) => Verdict, quick: QuickJudge, fast?: FastPaths): Judge {
  const paths: { quick: QuickJudge; batch?: BatchJudge; cost?: number; ceiling?: CeilingJudge; failing?: FailingCeiling } = { quick };
  if (fast?.batch !== undefined) {
    paths.batch = fast.batch;
    paths.cost = fast.cost ?? 1;
  }
  if (fast?.ceiling !== undefined) paths.ceiling = fast.ceiling;
  if (fast?.failing !== undefined) paths.failing = fast.failing;
  return Object.assign(judge, paths);
}

/**
 * A criterion: a plain object `{ meta, create }`. `create(options, context)` does per-run work
 * once and returns the function that judges each pair.
 */
export interface Criterion<S extends z.ZodType = z.ZodType> {
  readonly meta: CriterionMeta<S>;
  // Method syntax on purpose: it lets a Criterion<ZodObject<...>> stand where a Criterion of
  // any options is expected (a matcher's list holds criteria with different options).
  create(options: z.output<S>, context: MatchContext): Judge;
}

/**
 * Makes a criterion, inferring the options type from its schema. It only returns the object
 * it is given (frozen): nothing is registered anywhere; a matcher uses the criteria it is handed.
 *
 * @example
 * const minimumStock = defineCriterion({
 *   meta: { id: 'moq', description: 'minimum order at most the demand', kind: 'gate',
 *           options: z.object({ slack: z.number().min(0) }), defaults: { slack: 0 } },
 *   create: (options) => (pair) => ({ applicable: true, pass: true, score: 1, reasons: [] }),
 * });
 */
export function defineCriterion<S extends z.ZodType>(criterion: Criterion<S>): Criterion<S> {
  return Object.freeze({ meta: Object.freeze({ ...criterion.meta }), create: criterion.create });
}

/** A verdict that leaves a criterion out of the aggregate, with the reason why. */
export function notApplicable(reason: Reason): Verdict {
  return { applicable: false, pass: true, score: 0, reasons: [reason] };
}

const WHITE_SPACE = /\s/u;

/**
 * A message as one sentence: trailing spaces and full stops dropped, one full stop added. (No
 * regular expression over the whole message: reasons are built for every kept candidate.)
 *
 * @example
 * sentence('No ISO 13485 certificate is held. '); // => 'No ISO 13485 certificate is held.'
 */
export function sentence(s: string): string {
  let end = s.length;
  while (end > 0) {
    const ch = s.charCodeAt(end - 1);
    // Printable ASCII other than '.' ends the trimming at once; anything else is tested as \s.
    if (ch !== 46 && ch > 32 && ch < 127) break;
    if (ch !== 46 && !WHITE_SPACE.test(s.charAt(end - 1))) break;
    end -= 1;
  }
  return `${end === s.length ? s : s.slice(0, end)}.`;
}

/** Clamps a score into [0, 1] (NaN becomes 0) so that no criterion can break the aggregate. */
export function clampScore(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/**
 * Shorthand for a reason; `severity` is left out when it is `info`, to keep results small.
 *
 * @example
 * reason('cert.expired', 'ISO 13485 expired on 2020-12-31.', { cert: 'ISO 13485', expired: '2020-12-31' }, 'failure');
 */
export function reason(code: string, message: string, data: ReasonData = {}, severity: ReasonSeverity = 'info'): Reason {
  return severity === 'info' ? { code, message, data } : { code, message, data, severity };
}
