import { z } from 'zod';
import { CertificationRequirementSchema } from './certification.js';
import { CountrySchema, DateSchema, IdSchema, MaxPriceSchema, NameSchema, NamesSchema, TextSchema } from './common.js';
import { UnspscSchema } from './item.js';
import { quantityField } from './quantity-schema.js';
import { SpecRequirementSchema } from './spec.js';

/**
 * How a buyer wants a line sourced: a preference for domestic or regional firms, a minimum
 * number of suppliers (dual sourcing, for resilience) and a maximum share of one supplier.
 *
 * @example
 * SourcingPreferencesSchema.parse({ domestic: 'preferred', minSuppliers: 2, maxSupplierShare: 0.7 });
 */
export const SourcingPreferencesSchema = z.strictObject({
  /** `required`: only domestic suppliers qualify; `preferred`: they score higher; `none`: no preference. */
  domestic: z.enum(['required', 'preferred', 'none']).default('none'),
  /** Regions preferred within the country (e.g. `Incheon`). */
  regions: z.array(NameSchema).max(50).default([]),
  /** At least this many distinct suppliers should share the line. */
  minSuppliers: z.number().int().min(1).max(20).default(1),
  /** No supplier should carry more than this share of the line (0 < share <= 1). */
  maxSupplierShare: z.number().gt(0).max(1).default(1),
});
export type SourcingPreferences = z.infer<typeof SourcingPreferencesSchema>;

/**
 * One thing a buyer needs: an item (catalog id, UNSPSC code or free text in any language), at a
 * rate, with spec and certificate requirements, lead time, need-by date and price ceiling.
 *
 * @example
 * DemandLineSchema.parse({
 *   id: 'CT-D07', text: '제균필터 0.22um 10인치', quantity: '1,200 unit/year',
 *   specs: [{ key: 'poreSize', op: 'eq', value: '0.2 um' }],
 *   certifications: [{ type: 'ASTM F838', level: 'must' }], maxLeadTime: '12 wk', needBy: '2021-09-01',
 * });
 */
export const DemandLineSchema = z
  .strictObject({
    id: IdSchema,
    item: IdSchema.optional(),
    unspsc: UnspscSchema.optional(),
    text: TextSchema.optional(),
    quantity: quantityField('rate'),
    specs: z.array(SpecRequirementSchema).max(100).default([]),
    certifications: z.array(CertificationRequirementSchema).max(100).default([]),
    maxLeadTime: quantityField('time').optional(),
    needBy: DateSchema.optional(),
    maxUnitPrice: MaxPriceSchema.optional(),
    sourcing: SourcingPreferencesSchema.default({ domestic: 'none', regions: [], minSuppliers: 1, maxSupplierShare: 1 }),
    critical: z.boolean().default(false),
    note: TextSchema.optional(),
  })
  .refine((l) => l.item !== undefined || l.unspsc !== undefined || l.text !== undefined, {
    message: 'a demand line names an item, a UNSPSC code or a text',
    params: { code: 'line_without_item' },
  });
export type DemandLine = z.infer<typeof DemandLineSchema>;

/**
 * The most demand lines one buyer may list (the schema's `maxItems`); more is an issue at
 * `buyers[i].demandLines`.
 *
 * @example
 * MAX_DEMAND_LINES_PER_BUYER; // => 100000
 */
export const MAX_DEMAND_LINES_PER_BUYER = 100_000;

/**
 * A company that needs materials, with its demand lines.
 *
 * @example
 * BuyerSchema.parse({ id: 'B-CT', names: { en: 'Coastal Biologics (fictional)' }, country: 'KR', demandLines: [] });
 */
export const BuyerSchema = z.strictObject({
  id: IdSchema,
  names: NamesSchema,
  country: CountrySchema,
  region: NameSchema.optional(),
  demandLines: z.array(DemandLineSchema).max(MAX_DEMAND_LINES_PER_BUYER).default([]),
  note: TextSchema.optional(),
});
export type Buyer = z.infer<typeof BuyerSchema>;
