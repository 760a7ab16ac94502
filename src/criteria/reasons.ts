/*
 * Typed reason data, derived from a criterion's one declaration of its reasons (`meta.reasons`).
 *
 * Each reason code declares the fields of its data and their types (`data: { offered: 'string',
 * coverage: 'number' }`), as valibot's actions declare a typed issue each and ESLint rules their
 * `meta.messages`. From that declaration, written once `as const`:
 *
 * - `DeclaredReason<typeof declarations>` is the union of the criterion's reasons, one member per
 *   code with its data typed, so that code reading them narrows by `code`;
 * - `reasonMaker(declarations)` is the criterion's typed `reason`: it makes only a declared code,
 *   with data of that code's shape and one of its severities;
 * - `reasonDataProblems` is the check `testCriterion` runs on every reason a verdict gives.
 *
 * The public `Reason` stays flat and serializable: a typed reason is a `Reason`, and a criterion
 * that declares no data keeps the flat `ReasonData`.
 */
import { reason, type Reason, type ReasonData, type ReasonDeclaration, type ReasonSeverity } from './criterion.js';

/** The TypeScript type of each datum type a reason's data may declare. */
interface DatumTypes {
  readonly string: string;
  readonly number: number;
  readonly boolean: boolean;
  readonly 'string | null': string | null;
  readonly 'number | null': number | null;
  readonly 'boolean | null': boolean | null;
}

/**
 * The type of one field of a reason's data, as a criterion declares it in `meta.reasons` (see
 * {@link ReasonDataDeclaration}): a plain datum, or one that may be `null` (a need-by date the line
 * does not state).
 *
 * @example
 * const t: ReasonDatumType = 'number | null'; // percentOver of a price that cannot be compared
 */
export type ReasonDatumType = keyof DatumTypes;

/**
 * One field of a reason's data as declared: its {@link ReasonDatumType}, or `{ type, optional: true }`
 * for a field that only some reasons of the code carry (a certificate's `heldType`, given only
 * when the requirement lists alternatives).
 *
 * @example
 * const heldType: ReasonDatumDeclaration = { type: 'string | null', optional: true };
 */
export type ReasonDatumDeclaration = ReasonDatumType | { readonly type: ReasonDatumType; readonly optional: true };

/**
 * The fields of one reason code's data and their types, declared as `data` beside the code's
 * description and severity (see `ReasonDeclaration`); the fields are exactly these (the optional
 * ones may be absent), no others (`testCriterion` checks every reason its cases give).
 *
 * @example
 * const data: ReasonDataDeclaration = { offered: 'string', demanded: 'string', coverage: 'number' };
 */
export type ReasonDataDeclaration = Readonly<Record<string, ReasonDatumDeclaration>>;

/**
 * A criterion's reason declarations, by code (what `meta.reasons` holds).
 *
 * @example
 * const reasons = {
 *   'moq.over': { severity: 'failure', description: 'the minimum order is over the demand', data: { moq: 'number', demand: 'number' } },
 * } as const satisfies ReasonDeclarations;
 */
export type ReasonDeclarations = Readonly<Record<string, ReasonDeclaration>>;

/**
 * The data type one reason declaration gives its reasons: the declared fields, typed; the flat
 * {@link ReasonData} when the declaration has no `data`.
 *
 * @example
 * type Over = DeclaredReasonData<{ severity: 'failure'; description: ''; data: { moq: 'number' } }>; // { readonly moq: number }
 */
export type DeclaredReasonData<D extends ReasonDeclaration> = D extends { readonly data: infer F extends ReasonDataDeclaration } ? DataOf<F> : ReasonData;

/** The data a declaration of fields gives: the required fields, then the optional ones. */
type DataOf<F extends ReasonDataDeclaration> = Flat<
  { readonly [K in keyof F as F[K] extends ReasonDatumType ? K : never]: F[K] extends ReasonDatumType ? DatumTypes[F[K]] : never } & {
    readonly [K in keyof F as F[K] extends ReasonDatumType ? never : K]?: F[K] extends { readonly type: infer T extends ReasonDatumType } ? DatumTypes[T] : never;
  }
>;

/** One object type of an intersection, so that editors show the data's fields together. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The severities one reason declaration allows.
 *
 * @example
 * type S = DeclaredSeverity<{ severity: readonly ['failure', 'shortfall']; description: '' }>; // 'failure' | 'shortfall'
 */
export type DeclaredSeverity<D extends ReasonDeclaration> = Extract<SeverityIn<D['severity']>, ReasonSeverity>;

/** The severities of a declaration's `severity`, one or a list. */
type SeverityIn<T> = T extends readonly (infer S)[] ? S : T;

/**
 * The reasons a criterion declares, as a union with one member per code (or the codes `C` only),
 * each with its data typed, so that `switch (r.code)` narrows `r.data`. Of declarations not known
 * code by code (`Readonly<Record<string, ReasonDeclaration>>`), it is the flat {@link Reason}.
 *
 * @example
 * type MoqReason = DeclaredReason<typeof moqReasons>;
 * const r: MoqReason = moqReason('moq.over', 'Over the demand.', { moq: 500, demand: 200 }, 'failure');
 * if (r.code === 'moq.over') r.data.moq; // a number
 */
export type DeclaredReason<R extends ReasonDeclarations, C extends keyof R & string = keyof R & string> = string extends C
  ? Reason
  : {
      readonly [K in C]: {
        readonly code: K;
        readonly message: string;
        readonly data: DeclaredReasonData<R[K]>;
        readonly severity?: DeclaredSeverity<R[K]>;
      };
    }[C];

/**
 * The reasons a criterion's rule reports and its `meta.deficits` read: its {@link DeclaredReason}s
 * once every code in `meta.reasons` declares its `data`, else the flat {@link Reason} (so that a
 * criterion whose declarations give no data, or that declares no reasons, keeps reporting
 * `reason(...)` as before).
 *
 * @example
 * type R = CriterionReason<typeof moqReasons>; // the typed union: every code of moqReasons declares data
 */
export type CriterionReason<R extends ReasonDeclarations> = [CodesWithoutData<R>] extends [never] ? DeclaredReason<R> : Reason;

/** The codes of `R` whose declaration gives no `data`. */
type CodesWithoutData<R extends ReasonDeclarations> = { [K in keyof R]: R[K] extends { readonly data: ReasonDataDeclaration } ? never : K }[keyof R];

/**
 * A criterion's typed `reason` (see {@link reasonMaker}): a declared code, a message, data of that
 * code's shape and one of its declared severities (which may be left out where `info` is one).
 *
 * @example
 * const make: ReasonMaker<typeof moqReasons> = reasonMaker(moqReasons);
 */
export type ReasonMaker<R extends ReasonDeclarations> = <C extends keyof R & string>(
  code: C,
  message: string,
  data: DeclaredReasonData<R[C]>,
  ...severity: 'info' extends DeclaredSeverity<R[C]> ? [severity?: DeclaredSeverity<R[C]>] : [severity: DeclaredSeverity<R[C]>]
) => DeclaredReason<R, C>;

/**
 * The typed `reason` of a criterion whose reasons are declared in `declarations` (the object its
 * `meta.reasons` holds, written `as const`), as an ESLint rule reports a declared `messageId` with
 * its data: a code not declared, a field missing, misspelt or of the wrong type, or a severity the
 * code does not allow is a compile error. It is {@link reason} itself at run time (`info` left
 * out of the result), so it costs nothing more.
 *
 * @example
 * const moqReasons = {
 *   'moq.over': { severity: 'failure', description: 'the minimum order is over the demand', data: { moq: 'number', demand: 'number' } },
 * } as const satisfies ReasonDeclarations;
 * const moqReason = reasonMaker(moqReasons);
 * moqReason('moq.over', 'The minimum order 500 is over the demand 200.', { moq: 500, demand: 200 }, 'failure');
 * // => { code: 'moq.over', message: '...', data: { moq: 500, demand: 200 }, severity: 'failure' }
 */
export function reasonMaker<const R extends ReasonDeclarations>(declarations: R): ReasonMaker<R> {
  void declarations; // only its type is read: the data are checked by the compiler and by testCriterion
  return reason as unknown as ReasonMaker<R>;
}

/**
 * Whether `r` is one of the reasons `declarations` declares (its code is one of theirs), narrowing
 * it to their typed union so that its data read by `code` are checked by the compiler. The data
 * are trusted to be as declared, which `testCriterion` checks on the criterion's cases.
 *
 * @example
 * const partial = verdict.reasons.find((r) => isDeclaredReason(capacityReasons, r) && r.code === 'capacity.partial');
 * if (isDeclaredReason(capacityReasons, r) && r.code === 'capacity.partial') r.data.shortfall; // a string
 */
export function isDeclaredReason<R extends ReasonDeclarations>(declarations: R | undefined, r: Reason): r is DeclaredReason<R> {
  return declarations !== undefined && Object.hasOwn(declarations, r.code);
}

/**
 * What is wrong with a reason's data against its code's declaration: a declared field missing or
 * of another type, a field not declared. None when the declaration has no `data` (a criterion
 * that does not declare its reasons' data keeps the flat `ReasonData`).
 *
 * @example
 * reasonDataProblems({ code: 'moq.over', message: '', data: { moq: '500' } }, moqReasons['moq.over']);
 * // => ['the reason moq.over has moq = "500", declared number', 'the reason moq.over lacks demand (declared number)']
 */
export function reasonDataProblems(r: Reason, declared: ReasonDeclaration): string[] {
  const fields = declared.data;
  if (fields === undefined) return [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(r.data)) {
    const declared = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const type = typeof declared === 'object' ? declared.type : declared;
    if (type === undefined) problems.push(`the reason ${r.code} has ${name}, which meta.reasons does not declare in its data`);
    else if (!datumIs(value, type)) problems.push(`the reason ${r.code} has ${name} = ${JSON.stringify(value) ?? String(value)}, declared ${type}`);
  }
  for (const [name, declared] of Object.entries(fields))
    if (typeof declared === 'string' && !Object.hasOwn(r.data, name)) problems.push(`the reason ${r.code} lacks ${name} (declared ${declared})`);
  return problems;
}

/** Whether one datum is of its declared type. */
function datumIs(value: unknown, type: ReasonDatumType): boolean {
  const nullable = type.endsWith(' | null');
  if (value === null) return nullable;
  return typeof value === (nullable ? type.slice(0, -' | null'.length) : type);
}
