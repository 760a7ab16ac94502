import { z } from 'zod';
import { DateSchema, NameSchema, TextSchema } from './common.js';

/**
 * A certificate held by a supplier (or by one offering): its type (`ISO 9001:2015`, `GMP`,
 * `USP <88> Class VI`, `ISO 14644-1`...), an optional class (`ISO 7` for a cleanroom), scope,
 * issuer, and dates. A certificate without `expires` does not lapse (a declaration such as
 * BSE/TSE); one past `expires` counts as missing.
 *
 * @example
 * CertificationSchema.parse({ type: 'ISO 13485:2016', issuer: 'KTR', issued: '2019-05-01', expires: '2022-04-30' });
 */
export const CertificationSchema = z.strictObject({
  type: NameSchema,
  class: z.string().trim().min(1).max(40).optional(),
  scope: TextSchema.optional(),
  issuer: NameSchema.optional(),
  issued: DateSchema,
  expires: DateSchema.optional(),
});
export type Certification = z.infer<typeof CertificationSchema>;

/**
 * Where a certificate stands on a date: `pending` when issued after it, `expired` when it
 * lapsed before it, else `valid` (in force from `issued` through `expires`, both days included;
 * without `expires`, for good). Dates are `YYYY-MM-DD`, so string order is date order. The one
 * statement of certificate validity: matching, the layout and the directory read it.
 *
 * @example
 * certificateStatusOn({ type: 'GMP', issued: '2020-01-01', expires: '2021-01-01' }, '2021-03-01'); // => 'expired'
 */
export function certificateStatusOn(cert: Certification, asOf: string): 'pending' | 'expired' | 'valid' {
  if (cert.issued > asOf) return 'pending';
  if (cert.expires !== undefined && cert.expires < asOf) return 'expired';
  return 'valid';
}

/**
 * Whether a certificate is in force on a date: issued on or before it, and not expired before it
 * (see {@link certificateStatusOn}).
 *
 * @example
 * validOn({ type: 'GMP', issued: '2020-01-01', expires: '2021-01-01' }, '2021-03-01'); // => false
 */
export function validOn(cert: Certification, asOf: string): boolean {
  return certificateStatusOn(cert, asOf) === 'valid';
}

/** `must`: a candidate without it is rejected; `nice`: it only adds to the score. */
export const RequirementLevelSchema = z.enum(['must', 'nice']);
export type RequirementLevel = z.infer<typeof RequirementLevelSchema>;

/**
 * A buyer's certificate requirement on a demand line. `class` asks for at least that class
 * (`ISO 7` is met by ISO 5, 6 or 7). `alternatives` names other certificates that meet it as
 * well as `type` does (`NSF/ANSI 49` or `EN 12469` for a biosafety cabinet): the best of them counts.
 *
 * @example
 * CertificationRequirementSchema.parse({ type: 'USP <88> Class VI', level: 'must' });
 * CertificationRequirementSchema.parse({ type: 'NSF/ANSI 49', alternatives: ['EN 12469'], level: 'must' });
 */
export const CertificationRequirementSchema = z.strictObject({
  type: NameSchema,
  /** Other certificate types that meet the requirement as well (any one of them, or `type`). */
  alternatives: z.array(NameSchema).min(1).max(20).optional(),
  level: RequirementLevelSchema,
  class: z.string().trim().min(1).max(40).optional(),
});
export type CertificationRequirement = z.infer<typeof CertificationRequirementSchema>;
