import { z } from 'zod';
import { BuyerSchema } from './buyer.js';
import { CountrySchema, CurrencySchema, DateSchema, MAX_MONEY, TextSchema } from './common.js';
import { DecisionSchema } from './decision.js';
import { CategorySchema, ItemSchema } from './item.js';
import { SupplierSchema } from './supplier.js';
import { TruthLabelSchema } from './truth.js';

/**
 * Exchange rates to compare prices in different currencies: `rates[X]` is the price of one
 * unit of X in `base` (with `base: 'KRW'`, `rates: { USD: 1120 }` says 1 USD = 1,120 KRW).
 */
export const ExchangeRatesSchema = z.strictObject({
  base: CurrencySchema,
  // Bounded both ways: a rate and its inverse must both stay far from overflow.
  rates: z.record(
    CurrencySchema,
    z
      .number()
      .min(1 / MAX_MONEY, `an exchange rate is at least ${(1 / MAX_MONEY).toExponential()}`)
      .max(MAX_MONEY, `an exchange rate is at most ${MAX_MONEY.toExponential()}`),
  ),
});
export type ExchangeRates = z.infer<typeof ExchangeRatesSchema>;

/**
 * What a dataset says about itself.
 *
 * @example
 * DatasetMetaSchema.parse({ name: 'incheon-bio', fictional: true, asOf: '2021-03-01', domesticCountry: 'KR' });
 */
export const DatasetMetaSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: TextSchema.optional(),
  /** True when the companies in it are invented. */
  fictional: z.boolean().optional(),
  /** The date the data describes; the default `asOf` of a match. */
  asOf: DateSchema.optional(),
  /** The programme's home country: suppliers there are domestic. */
  domesticCountry: CountrySchema.optional(),
  exchangeRates: ExchangeRatesSchema.optional(),
});
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

/**
 * A whole dataset as read from files, before cross-reference checks, with its optional truth
 * labels and buyers' decisions. `categories` replaces the
 * built-in biopharma taxonomy and defaults to it when left out; `extraCategories` are added to
 * whichever of the two is in force, so that a dataset can bring one new category without
 * restating the rest. An extra category may hang under a built-in group (`parent`), must not
 * reuse an id already there, and parents never form a cycle.
 *
 * @example
 * DatasetSchema.parse({ items: [], suppliers: [], buyers: [],
 *   extraCategories: [{ id: 'bead-mill', parent: 'lab-equipment', names: { en: 'Bead mills', ko: '비드밀' } }] });
 */
export const DatasetSchema = z.strictObject({
  meta: DatasetMetaSchema.default({}),
  categories: z.array(CategorySchema).max(10_000).optional(),
  extraCategories: z.array(CategorySchema).max(10_000).optional(),
  items: z.array(ItemSchema).max(1_000_000),
  suppliers: z.array(SupplierSchema).max(1_000_000),
  buyers: z.array(BuyerSchema).max(1_000_000),
  truth: z.array(TruthLabelSchema).max(10_000_000).optional(),
  /** What buyers decided about suppliers (see `DecisionSchema`); matching honours them. */
  decisions: z.array(DecisionSchema).max(10_000_000).optional(),
});

/**
 * A validated dataset: every reference resolves, quantities are parsed, and `categories` holds
 * the whole taxonomy in force (the built-in one or the dataset's own, then its extra categories).
 */
export type Dataset = Omit<z.infer<typeof DatasetSchema>, 'categories' | 'extraCategories'> & {
  readonly categories: z.infer<typeof CategorySchema>[];
};
/** A dataset as written in JSON (quantities as text, defaults left out). */
export type DatasetInput = z.input<typeof DatasetSchema>;
