import type { DemandLine } from '../model/buyer.js';
import type { SupportType } from '../model/common.js';
import { formatQuantityValue, type Quantity } from '../model/quantity.js';
import type { Offering } from '../model/supplier.js';
import type { Reason, ReasonData } from './criterion.js';

/**
 * What a deficit is about; each criterion declares its own (`certificate` for certification,
 * `lead-time` for lead time...), and `other` is that of a criterion that declares none.
 *
 * @example
 * const kind: DeficitKind = certificationCriterion.meta.deficits?.kind ?? 'other'; // => 'certificate'
 */
export type DeficitKind = 'certificate' | 'capacity' | 'spec' | 'lead-time' | 'price' | 'readiness' | 'locality' | 'item' | 'other';

/**
 * What closes a deficit: one of the support types, or `none` when no support can (a foreign seat, another item).
 *
 * @example
 * const target: SupportTarget = supportFor('locality.domestic_required'); // => 'none'
 */
export type SupportTarget = SupportType | 'none';

/**
 * A deficit in words and size: `summary` (`capacity 500 unit/month covers 50% of ...`), `remedy`
 * (the clause of a counterfactual sentence: `its capacity rose by 500 unit/month`) and `size`, how
 * big the gap is in [0, 1] (1 when it cannot be measured).
 *
 * @example
 * const reading: DeficitReading = { summary: 'ASTM F838 expired 2020-11-30', remedy: 'its ASTM F838 certificate were renewed', size: 1 };
 */
export interface DeficitReading {
  readonly summary: string;
  readonly remedy: string;
  readonly size: number;
}

/**
 * What closing a deficit in the data knows besides the deficit: the demand line it counts for,
 * the as-of date, and the offering as it was before anything was closed.
 *
 * @example
 * const closing: DeficitClosing = { line, asOf: '2021-03-01', original: offering };
 */
export interface DeficitClosing {
  readonly line: DemandLine;
  readonly asOf: string;
  readonly original: Offering;
}

/**
 * The answer of {@link CriterionDeficits.close}: the offering changed and one sentence saying
 * how; `met` when the offering (as changed so far) already meets it; `undefined` when these data
 * have no fix for it (a need-by date already past, a requirement the line does not state).
 *
 * @example
 * const fix: DeficitFix = { offering: { ...offering, readiness: 'in-production' }, change: 'raised readiness from prototype to in-production' };
 */
export type DeficitFix = { readonly offering: Offering; readonly change: string } | 'met' | undefined;

/**
 * What a criterion's reasons mean for gap analysis, declared in its `meta.deficits` (as ESLint
 * rules declare `meta.messages`): which of its reasons are deficits, their kind, the support
 * that closes each by default, how each reads and how big it is, and how a counterfactual
 * changes an offering to close one. Analysis (`deficitsOf`, `closeDeficits`, the gap report)
 * reads these declarations and nothing else about a criterion, so a criterion written outside
 * the package takes part in gap analysis by declaring them too. A criterion that declares none
 * still has its failures and shortfalls listed (kind `other`, closed by no support, its message
 * as summary).
 *
 * `R` is the criterion's reasons, typed from its `meta.reasons` (`DeclaredReason<typeof
 * declarations>`), so that `read` and `close` narrow the data by the code; `M` the type of its
 * `merges` (written `as const`), so that a code's data read in `read` carry, optionally, the fields
 * of the reason merged into it. Both default to the flat `Reason` and no merges.
 *
 * @example
 * const deficits: CriterionDeficits<DeclaredReason<typeof moqReasons>> = {
 *   kind: 'other',
 *   support: { 'moq.*': 'funding' },
 *   read: (code, data) => (code === 'moq.over' ? { summary: `minimum order ${data.moq}`, remedy: 'its minimum order came down', size: 1 } : undefined),
 *   close: (_deficit, offering) => ({ offering: { ...offering, moq: undefined }, change: 'dropped the minimum order' }),
 * };
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no merges: {} adds no field to a code's data
export interface CriterionDeficits<R extends Reason = Reason, M extends Readonly<Partial<Record<string, string>>> = {}> {
  readonly kind: DeficitKind;
  /** Default support by reason code: an exact code or a `prefix.*` pattern (see `supportFor`). */
  readonly support: Readonly<Record<string, SupportTarget>>;
  /** Which reasons are deficits; default those of severity `failure` (blocking) or `shortfall`. */
  counts?(reason: R): boolean;
  /**
   * Reasons that stand in one deficit with another: `{ 'capacity.below_min_share': 'capacity.partial' }`
   * folds a `capacity.partial` into the `capacity.below_min_share` of the same verdict (its data
   * under the other's), so that one shortfall is not listed twice.
   */
  readonly merges?: M & ReasonMerges<R>;
  /**
   * The deficit in words and size; `undefined` for a code it has no words for (its message is used).
   * Method syntax, so that a criterion's typed declaration stands where any criterion's is expected.
   */
  read(...[code, data, message]: DeficitReadArgs<R, M>): DeficitReading | undefined;
  /** Changes the offering so that the deficit is closed; absent when no change of the data can close it. */
  close?(deficit: DeficitOf<R>, offering: Offering, closing: DeficitClosing): DeficitFix;
}

/**
 * Which reason is folded into which (see {@link CriterionDeficits.merges}), by code.
 *
 * @example
 * const merges = { 'capacity.below_min_share': 'capacity.partial' } as const satisfies ReasonMerges;
 */
export type ReasonMerges<R extends Reason = Reason> = Readonly<Partial<Record<R['code'], R['code']>>>;

/**
 * What `read` of {@link CriterionDeficits} takes, one tuple per code: the code, its data (with the
 * fields of a reason merged into it, optional) and its message.
 */
type DeficitReadArgs<R extends Reason, M> = R extends Reason ? [code: R['code'], data: R['data'] & MergedData<R, M>, message: string] : never;

/** The fields a reason of `R`'s code may carry from the reason merged into it (see `merges`). */
type MergedData<R extends Reason, M> = R['code'] extends keyof M ? (M[R['code']] extends string ? Partial<Extract<R, { readonly code: M[R['code']] }>['data']> : unknown) : unknown;

/** The deficit `close` of {@link CriterionDeficits} is given: one member per code. */
type DeficitOf<R extends Reason> = R extends Reason ? { readonly code: R['code']; readonly data: R['data'] } : never;

/**
 * A reason's datum as text for a sentence (`?` when absent).
 *
 * @example
 * datumText({ cert: 'ISO 13485' }, 'cert'); // => 'ISO 13485'
 */
export function datumText(data: ReasonData, key: string): string {
  const v = data[key];
  return v === undefined || v === null ? '?' : String(v);
}

/**
 * A reason's datum when it is a number.
 *
 * @example
 * datumNumber({ deviation: 0.25 }, 'deviation'); // => 0.25
 */
export function datumNumber(data: ReasonData, key: string): number | undefined {
  const v = data[key];
  return typeof v === 'number' ? v : undefined;
}

/**
 * A size in [0, 1]; 1 when unknown or not finite (a gap that cannot be measured counts whole).
 *
 * @example
 * deficitSize(1.4); // => 1
 */
export function deficitSize(x: number | undefined): number {
  return x === undefined || !Number.isFinite(x) ? 1 : Math.min(1, Math.max(0, x));
}

/**
 * The issuer written on certificates a counterfactual adds, so that they are recognisable.
 *
 * @example
 * closeDeficits(s, 'S-002-O1', line, deficits, asOf).supplier.offerings[0]?.certifications.at(-1)?.issuer; // => 'counterfactual'
 */
export const COUNTERFACTUAL_ISSUER = 'counterfactual';

/** Seconds in a day (quantities of time are canonical in seconds). */
export const DAY_SECONDS = 86_400;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date; undefined for anything else.
 *
 * @example
 * dayNumber('1970-01-02'); // => 1
 */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return undefined;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / (DAY_SECONDS * 1000));
}

/**
 * `date` plus whole years; 29 February falls back to the 28th.
 *
 * @example
 * addYears('2024-02-29', 1); // => '2025-02-28'
 */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/**
 * A single-valued quantity in the unit another was written in.
 *
 * @example
 * exactQuantity(1000, demand).text; // => '1,000 unit/month'
 */
export function exactQuantity(value: number, like: Quantity): Quantity {
  return { text: formatQuantityValue(value, like.dimension, like.unit), value, min: value, max: value, dimension: like.dimension, unit: like.unit };
}
