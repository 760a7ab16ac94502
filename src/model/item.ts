import { z } from 'zod';
import { IdSchema, NameSchema, NamesSchema, TextSchema } from './common.js';
import { SpecsSchema } from './spec.js';

/** An 8-digit UNSPSC commodity code (segment, family, class, commodity: two digits each). */
export const UnspscSchema = z.string().regex(/^\d{8}$/, 'a UNSPSC code has 8 digits, e.g. "41104915"');
/** An HS code: 4 digits, optionally `.` and 2 or 4 more (`8421.29`, `3926.90`, `3917`). */
export const HsSchema = z.string().regex(/^\d{4}(\.\d{2}(\d{2})?)?$/, 'an HS code is written like "8421.29" or "3917"');

/** Standard codes of an item. */
export const ItemCodesSchema = z.strictObject({
  unspsc: z.array(UnspscSchema).max(20).optional(),
  hs: z.array(HsSchema).max(20).optional(),
});
export type ItemCodes = z.infer<typeof ItemCodesSchema>;

/**
 * A catalog entry: what buyers demand and suppliers offer.
 *
 * @example
 * ItemSchema.parse({
 *   id: 'IT-STF-10', category: 'sterilizing-filter',
 *   names: { en: 'Sterilizing-grade capsule filter 0.2 um', ko: '제균 캡슐필터' },
 *   abbreviations: ['PES capsule'], codes: { unspsc: ['41104915'], hs: ['8421.29'] },
 * });
 */
export const ItemSchema = z.strictObject({
  id: IdSchema,
  names: NamesSchema,
  synonyms: z.array(NameSchema).max(100).default([]),
  abbreviations: z.array(NameSchema).max(50).default([]),
  category: IdSchema,
  codes: ItemCodesSchema.default({}),
  specs: SpecsSchema.default({}),
  description: TextSchema.optional(),
});
export type Item = z.infer<typeof ItemSchema>;

/**
 * A category of the taxonomy; `parent` groups categories (`sterilizing-filter` in `filtration`).
 *
 * @example
 * CategorySchema.parse({ id: 'filtration', names: { en: 'Filtration', ko: '여과' } });
 */
export const CategorySchema = z.strictObject({
  id: IdSchema,
  names: NamesSchema,
  parent: IdSchema.optional(),
});
export type Category = z.infer<typeof CategorySchema>;
