import { z } from 'zod';

/** Longest free text accepted anywhere in a dataset; longer strings are an input error. */
export const MAX_TEXT_LENGTH = 2000;
/** Longest name or synonym. */
export const MAX_NAME_LENGTH = 300;

/**
 * A record id: letters, digits and `._:-`, starting with a letter or digit, at most 64 characters.
 *
 * @example
 * IdSchema.parse('S-014'); // => 'S-014'
 */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'an id is 1-64 letters, digits or ._:- and starts with a letter or digit');

/** Free text of reasonable length. */
export const TextSchema = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_LENGTH);

/** A name, synonym or abbreviation. */
export const NameSchema = z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH);

/**
 * Names by language code (`en`, `ko`, `ja`, `zh-CN`...); at least one.
 *
 * @example
 * NamesSchema.parse({ en: 'Depth filter', ko: '뎁스필터' });
 */
export const NamesSchema = z
  .record(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as "en" or "ko"'), NameSchema)
  .refine((names) => Object.keys(names).length > 0, { message: 'at least one name is needed' });

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateSchema = z.iso.date({ message: 'a date written YYYY-MM-DD' });

/** ISO 3166-1 alpha-2 country code, upper case (`KR`, `US`, `DE`). */
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as "KR"');

/** ISO 4217 currency code (`KRW`, `USD`, `EUR`). */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as "KRW"');

/**
 * Largest amount of money or exchange rate accepted: beyond it (`1e308`) products and
 * conversions overflow to Infinity, which JSON writes as null.
 */
export const MAX_MONEY = 1e15;

/**
 * A price: an amount of a currency for one unit of the item (`per`, default `unit`).
 *
 * @example
 * PriceSchema.parse({ amount: 42000, currency: 'KRW', per: 'L' });
 */
export const PriceSchema = z.strictObject({
  /** Amount of money, finite, not negative and at most 10^15. */
  amount: z.number().nonnegative().max(MAX_MONEY, `an amount of money is at most ${MAX_MONEY.toExponential()}`),
  /** ISO 4217 code. */
  currency: CurrencySchema,
  /** The unit the amount buys, e.g. `unit`, `L`, `kg`, `m`, `pair`; default `unit`. */
  per: z.string().trim().min(1).max(40).optional(),
});
export type Price = z.infer<typeof PriceSchema>;

/**
 * A buyer's maximum unit price: a {@link PriceSchema} price with `limit`. A `hard` maximum
 * rejects an offering over it (a gate); a `soft` one keeps it as a candidate whose price scores
 * 0. Left out, the price criterion's `gateOverMax` option decides (default soft).
 *
 * @example
 * MaxPriceSchema.parse({ amount: 600000, currency: 'KRW', limit: 'hard' });
 */
export const MaxPriceSchema = PriceSchema.extend({
  /** `hard`: over the maximum fails the gate; `soft`: it only scores 0. */
  limit: z.enum(['hard', 'soft']).optional(),
});
export type MaxPrice = z.infer<typeof MaxPriceSchema>;

/** Kinds of support the programme gives small firms (docs/domain.md survey). */
export const SupportTypeSchema = z.enum(['funding', 'information', 'technical']);
export type SupportType = z.infer<typeof SupportTypeSchema>;

/**
 * Plain code-unit order of ids (and other strings whose order must not depend on the locale):
 * the one order every sorted output of the package uses.
 *
 * @example
 * ['S-10', 'S-2', 'S-1'].sort(compareIds); // => ['S-1', 'S-10', 'S-2']
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
