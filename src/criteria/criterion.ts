import { z } from 'zod';
import type { Resolution } from '../catalog/resolve.js';
import type { Catalog } from '../catalog/resolve.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { Certification } from '../model/certification.js';
import type { ExchangeRates } from '../model/dataset.js';
import type { Item } from '../model/item.js';
import type { Offering, Supplier } from '../model/supplier.js';

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
  readonly line: DemandLine;
  readonly buyer: Buyer;
  readonly resolution: Resolution;
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
  readonly scores: Readonly<Record<string, number>>;
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
}

/** Judges one pair. Built once per match by `create`, so per-run work happens there. */
export type Judge = (pair: Pair) => Verdict;

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
