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
import { deriveJudge, type CriterionRule } from './derive.js';
import { derivePartsJudge, type PartsRule } from './derive-parts.js';
import type { CriterionReason, ReasonDataDeclaration, ReasonDeclarations } from './reasons.js';
export { clampScore } from './score.js';

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
   * undefined). The object is lent for the call: copy it (`{ ...pair.scores }`) to keep it.
   */
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
  /** What buyers decided about suppliers (the dataset's `decisions`); none when left out. */
  readonly decisions?: readonly Decision[];
}

/**
 * The descriptive part of a criterion, modelled on ESLint's rule `meta`. `R` is the type of its
 * reason declarations (`meta.reasons`), from which its reasons' typed data are derived (see
 * `DeclaredReason`).
 */
export interface CriterionMeta<S extends z.ZodType = z.ZodType, R extends ReasonDeclarations = ReasonDeclarations> {
  /** Unique within a matcher; also the key of its weight and of its score in expressions. */
  readonly id: string;
  readonly description: string;
  readonly kind: CriterionKind;
  /**
   * Its weight in the aggregate where the matcher's configuration gives none (neither `weights`
   * nor the criterion entry's `weight`); default 1. The built-ins declare theirs (see
   * `DEFAULT_WEIGHTS`), so that a matcher weighs a criterion by what it declares, never by its id.
   */
  readonly weight?: number;
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
  /**
   * What its failures and shortfalls mean for gap analysis (see {@link CriterionDeficits}); declared
   * as `CriterionDeficits<DeclaredReason<typeof reasons>>`, it reads the reasons' data typed.
   */
  readonly deficits?: CriterionDeficits;
  /**
   * The reason codes it reports, each with what it means, the severities it carries and the fields
   * of its data, as ESLint rules declare `meta.messages` and valibot actions their typed issues:
   * `testCriterion` refuses a reason whose code, severity or data is not as declared here, tools
   * read the list rather than guessing from code prefixes, and the reasons' types are derived from
   * it (`DeclaredReason`, `reasonMaker`) when it is written `as const`.
   */
  readonly reasons?: R;
  /**
   * That candidate finding may lean on it (see {@link CandidateDeclaration}): its verdict reads
   * the two resolutions alone, and how high it can score the offerings the line reaches only
   * by a category or code class. Left out, candidates are scored in offering order.
   */
  readonly candidates?: CandidateDeclaration<z.output<S>>;
}

/**
 * What a criterion declares so that candidate finding can lean on it (`meta.candidates`), as
 * the built-in item fit does. Candidate finding reaches a line's offerings by the items of the
 * line's resolution (confidence at least the matcher's `minItemConfidence`), their categories
 * and code classes, and groups offerings that share a resolution object. A criterion whose
 * verdict reads the line's and the offering's `resolution` and nothing else (`reads:
 * 'resolutions'`) is judged once per group (its verdict for one member is every member's), the
 * groups are scored best verdict first, and the groups no verdict can still bring into the kept
 * lists are skipped; `farCeiling` bounds its score (1 where it does not apply) for an offering
 * that shares no item of at least `minItemConfidence` with the line (the "far" groups, reached by
 * a category or code class only), so that they are skipped whole when even it cannot reach the
 * kept lists. `testCriterion` checks the ceiling against its verdicts; the first criterion of a
 * matcher that declares this is the one leaned on. The path judged per group is the judge's
 * quick path where it has one (a criterion written as a rule always has), else its verdict packed.
 *
 * @example
 * const candidates: CandidateDeclaration<{ related: number }> = {
 *   reads: 'resolutions',
 *   farCeiling: (options, minItemConfidence) => Math.max(options.related, minItemConfidence),
 * };
 */
export interface CandidateDeclaration<O = unknown> {
  /** What the verdict reads of the pair: the line's and the offering's resolution, nothing else. */
  readonly reads: 'resolutions';
  /**
   * The most it scores (1 where it does not apply) a pair whose offering shares no item of at
   * least `minItemConfidence` with the line. Method syntax, so that a criterion of any options stands in a list.
   */
  farCeiling(options: O, minItemConfidence: number): number;
}

/**
 * One reason code of a criterion (see {@link CriterionMeta.reasons}): what it says, the
 * severities it may carry (a late offer is a `failure` with the gate on, a `shortfall` without)
 * and, when declared, the fields of its data with their types (see `ReasonDataDeclaration`):
 * exactly those, checked by `testCriterion`, and the type of the data where the declarations are
 * written `as const` (see `DeclaredReason`). Left out, the data are the flat {@link ReasonData}.
 *
 * @example
 * const overMax: ReasonDeclaration = {
 *   severity: ['failure', 'shortfall'],
 *   description: 'the lead time is over the maximum',
 *   data: { leadTime: 'string', maxLeadTime: 'string | null', weeksOver: 'number' },
 * };
 */
export interface ReasonDeclaration {
  readonly description: string;
  readonly severity: ReasonSeverity | readonly ReasonSeverity[];
  /** The fields of the code's data and their types; left out, the data are not declared. */
  readonly data?: ReasonDataDeclaration;
}

/**
 * Judges one pair: its verdict with the reasons. Made once per run by a criterion's `create`
 * (so per-run work happens there), or derived from its `rule` (see {@link CriterionRule}).
 *
 * @example
 * const judge: Judge = (pair) => ({ applicable: true, pass: true, score: 1, reasons: [] });
 */
export type Judge = (pair: Pair) => Verdict;

/**
 * A criterion: a plain object `{ meta, create }`. `create(options, context)` does per-run work
 * once and returns the function that judges each pair. A criterion written with a
 * {@link CriterionRule} (see {@link defineCriterion}) gets its `create` derived from the rule,
 * and keeps the rule as `rule`.
 */
export interface Criterion<S extends z.ZodType = z.ZodType, R extends ReasonDeclarations = ReasonDeclarations> {
  readonly meta: CriterionMeta<S, R>;
  // Method syntax on purpose: it lets a Criterion<ZodObject<...>> stand where a Criterion of
  // any options is expected (a matcher's list holds criteria with different options).
  create(options: z.output<S>, context: MatchContext): Judge;
}

/**
 * A criterion written once, as a rule (see {@link CriterionRule}): `{ meta, rule }`, where
 * `rule(options, context)` does per-run work once and returns what the criterion reads from an
 * offering and from a line and how it judges them. {@link defineCriterion} turns it into a
 * {@link Criterion}; the matcher derives every fast path from the rule.
 *
 * @example
 * const stock: RuleCriterion = {
 *   meta: { id: 'stock', description: 'the offering is in stock', kind: 'score', options: z.object({}), defaults: {} },
 *   rule: () => ({
 *     offering: (o) => ({ ready: o.offering.readiness === 'in-production' }),
 *     line: () => ({}),
 *     judge: (_line, o, report) => (report?.(reason('stock.ready', o.ready ? 'Made today.' : 'Not made yet.')), Outcome.of(true, o.ready ? 1 : 0)),
 *   }),
 * };
 */
export interface RuleCriterion<S extends z.ZodType = z.ZodType, L = unknown, O = unknown, R extends ReasonDeclarations = ReasonDeclarations> {
  readonly meta: CriterionMeta<S, R>;
  /** Its `report` takes only the reasons `meta.reasons` declares, typed, once every code there declares its data (see `CriterionReason`). */
  rule(options: z.output<S>, context: MatchContext): CriterionRule<L, O, CriterionReason<R>>;
}

/**
 * A criterion written once as a rule with parts (see {@link PartsRule}): `{ meta, rule }`, where
 * `rule(options, context)` returns what a line's parts are, what the offering's fact for a key is
 * and how one part is judged against one fact; the verdict adds the parts' credits. Spec fit is
 * written this way (a part per spec requirement). {@link definePartsCriterion} derives its fast paths.
 *
 * @example
 * const purity: PartsRuleCriterion = {
 *   meta: { id: 'purity', description: 'purities asked for are met', kind: 'both', options: z.object({}), defaults: {} },
 *   rule: () => ({
 *     parts: (line) => line.line.specs.filter((s) => s.key === 'purity'),
 *     key: (part) => part.key,
 *     keys: (o) => Object.keys(o.offering.specs),
 *     fact: (o, key) => o.offering.specs[key],
 *     judgePart: (part, fact) => Outcome.of(fact !== undefined, fact !== undefined ? 1 : 0),
 *     none: () => Outcome.notApplicable,
 *   }),
 * };
 */
export interface PartsRuleCriterion<S extends z.ZodType = z.ZodType, P = unknown, F = unknown, R extends ReasonDeclarations = ReasonDeclarations> {
  readonly meta: CriterionMeta<S, R>;
  /** Its `report` takes only the reasons `meta.reasons` declares, typed, once every code there declares its data (see `CriterionReason`). */
  rule(options: z.output<S>, context: MatchContext): PartsRule<P, F, CriterionReason<R>>;
}

/**
 * Makes a criterion, inferring the options type from its schema. It only returns the object
 * it is given (frozen), with `create` derived when it is written as a rule (see
 * {@link RuleCriterion}): nothing is registered anywhere; a matcher uses the criteria it is
 * handed.
 *
 * @example
 * const minimumStock = defineCriterion({
 *   meta: { id: 'moq', description: 'minimum order at most the demand', kind: 'gate',
 *           options: z.object({ slack: z.number().min(0) }), defaults: { slack: 0 } },
 *   create: (options) => (pair) => ({ applicable: true, pass: true, score: 1, reasons: [] }),
 * });
 */
export function defineCriterion<S extends z.ZodType, L, O, R extends ReasonDeclarations = ReasonDeclarations>(
  criterion: RuleCriterion<S, L, O, R>,
): Criterion<S, R> & { readonly rule: RuleCriterion<S, L, O, R>['rule'] };
export function defineCriterion<S extends z.ZodType, R extends ReasonDeclarations = ReasonDeclarations>(criterion: Criterion<S, R>): Criterion<S, R>;
export function defineCriterion<S extends z.ZodType>(criterion: Criterion<S> | RuleCriterion<S>): Criterion<S> {
  const meta = Object.freeze({ ...criterion.meta });
  if ('rule' in criterion) {
    const rule = criterion.rule;
    return Object.freeze({ meta, rule, create: (options: z.output<S>, context: MatchContext): Judge => deriveJudge(rule(options, context), context, meta.id) });
  }
  return Object.freeze({ meta, create: criterion.create });
}

/**
 * Makes a criterion written as a rule with parts (see {@link PartsRuleCriterion}), inferring the
 * options type from its schema: the object it is given (frozen), with `create` derived from the
 * rule (see `derive-parts.ts`). As with {@link defineCriterion}, nothing is registered anywhere.
 *
 * @example
 * const purity = definePartsCriterion({
 *   meta: { id: 'purity', description: 'purities asked for are met', kind: 'both', options: z.object({}), defaults: {} },
 *   rule: () => ({ parts: (line) => line.line.specs, key: (part) => part.key, keys: (o) => Object.keys(o.offering.specs),
 *     fact: (o, key) => o.offering.specs[key], judgePart: (_part, fact) => Outcome.of(fact !== undefined, fact !== undefined ? 1 : 0), none: () => Outcome.notApplicable }),
 * });
 */
export function definePartsCriterion<S extends z.ZodType, P, F, R extends ReasonDeclarations = ReasonDeclarations>(
  criterion: PartsRuleCriterion<S, P, F, R>,
): Criterion<S, R> & { readonly rule: PartsRuleCriterion<S, P, F, R>['rule'] } {
  const meta = Object.freeze({ ...criterion.meta });
  const rule = criterion.rule;
  return Object.freeze({ meta, rule, create: (options: z.output<S>, context: MatchContext): Judge => derivePartsJudge(rule(options, context), context) });
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


/**
 * Shorthand for a reason; `severity` is left out when it is `info`, to keep results small.
 *
 * @example
 * reason('cert.expired', 'ISO 13485 expired on 2020-12-31.', { cert: 'ISO 13485', expired: '2020-12-31' }, 'failure');
 */
export function reason(code: string, message: string, data: ReasonData = {}, severity: ReasonSeverity = 'info'): Reason {
  return severity === 'info' ? { code, message, data } : { code, message, data, severity };
}
