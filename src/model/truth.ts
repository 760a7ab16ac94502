import { z } from 'zod';
import { IdSchema, TextSchema } from './common.js';

/**
 * A hand-written label: how well a supplier (optionally one offering) should rank for a demand
 * line, graded 0 (should not be proposed) to 3 (the best choice), with the reason.
 *
 * @example
 * TruthLabelSchema.parse({ line: 'CT-D07', supplier: 'S-014', grade: 3, rationale: 'only domestic PES capsule with ASTM F838' });
 */
export const TruthLabelSchema = z.strictObject({
  line: IdSchema,
  supplier: IdSchema,
  offering: IdSchema.optional(),
  grade: z.number().int().min(0).max(3),
  rationale: TextSchema,
});
export type TruthLabel = z.infer<typeof TruthLabelSchema>;
