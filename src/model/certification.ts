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
