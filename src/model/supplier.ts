import { z } from 'zod';
import { CertificationSchema } from './certification.js';
import { CountrySchema, IdSchema, NameSchema, NamesSchema, PriceSchema, SupportTypeSchema, TextSchema } from './common.js';
import { UnspscSchema } from './item.js';
import { quantityField } from './quantity-schema.js';
import { SpecsSchema } from './spec.js';

/**
 * How far an offering is from delivering, best first: made and sold today; qualified by
 * another buyer; a prototype exists; the firm has the process but has not made it.
 */
export const READINESS_LEVELS = ['in-production', 'qualified-elsewhere', 'prototype', 'capable'] as const;
export const ReadinessSchema = z.enum(READINESS_LEVELS);
export type Readiness = z.infer<typeof ReadinessSchema>;

/** Size of a firm. */
export const CompanySizeSchema = z.enum(['micro', 'small', 'medium', 'large']);
export type CompanySize = z.infer<typeof CompanySizeSchema>;

/**
 * What a supplier makes or can make. It names a catalog `item`, or a `category`, a UNSPSC code
 * or free `text` (any language) that is resolved to catalog items; at least one of them.
 * Capacity is a rate (`"2,000 unit/year"`, `"500 L/month"`), lead time a duration.
 *
 * @example
 * OfferingSchema.parse({
 *   id: 'S-014-O1', item: 'IT-TUB-PTSIL', specs: { innerDiameter: '1/4 in', material: 'Pt-cured silicone' },
 *   capacity: '20,000 m/year', leadTime: '6 wk', unitPrice: { amount: 9500, currency: 'KRW', per: 'm' },
 *   readiness: 'in-production',
 * });
 */
export const OfferingSchema = z
  .strictObject({
    id: IdSchema,
    item: IdSchema.optional(),
    category: IdSchema.optional(),
    unspsc: UnspscSchema.optional(),
    text: TextSchema.optional(),
    specs: SpecsSchema.default({}),
    capacity: quantityField('rate').optional(),
    leadTime: quantityField('time').optional(),
    minOrder: quantityField('any').optional(),
    unitPrice: PriceSchema.optional(),
    readiness: ReadinessSchema.default('in-production'),
    certifications: z.array(CertificationSchema).max(100).default([]),
    note: TextSchema.optional(),
  })
  .refine((o) => o.item !== undefined || o.category !== undefined || o.unspsc !== undefined || o.text !== undefined, {
    message: 'an offering names an item, a category, a UNSPSC code or a text',
    params: { code: 'offering_without_item' },
  });
export type Offering = z.infer<typeof OfferingSchema>;

/**
 * The most offerings one supplier may list (the schema's `maxItems`); more is an issue at
 * `suppliers[i].offerings`.
 *
 * @example
 * MAX_OFFERINGS_PER_SUPPLIER; // => 10000
 */
export const MAX_OFFERINGS_PER_SUPPLIER = 10_000;

/**
 * A company that supplies (or could supply) materials.
 *
 * @example
 * SupplierSchema.parse({
 *   id: 'S-014', names: { en: 'Hanbit Polymer (fictional)', ko: '한빛폴리머' }, country: 'KR', region: 'Incheon',
 *   size: 'small', certifications: [], capabilities: ['film-extrusion'], supportNeeds: ['funding'], offerings: [],
 * });
 */
export const SupplierSchema = z.strictObject({
  id: IdSchema,
  names: NamesSchema,
  country: CountrySchema,
  region: NameSchema.optional(),
  size: CompanySizeSchema.optional(),
  certifications: z.array(CertificationSchema).max(200).default([]),
  capabilities: z.array(NameSchema).max(100).default([]),
  supportNeeds: z.array(SupportTypeSchema).max(3).default([]),
  offerings: z.array(OfferingSchema).max(MAX_OFFERINGS_PER_SUPPLIER).default([]),
  note: TextSchema.optional(),
});
export type Supplier = z.infer<typeof SupplierSchema>;
