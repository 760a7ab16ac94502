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
 * A price: an amount of a currency for one unit of the item (`per`, default `unit`).
 *
 * @example
 * PriceSchema.parse({ amount: 42000, currency: 'KRW', per: 'L' });
 */
export const PriceSchema = z.strictObject({
  /** Amount of money, finite and not negative. */
  amount: z.number().nonnegative(),
  /** ISO 4217 code. */
  currency: CurrencySchema,
  /** The unit the amount buys, e.g. `unit`, `L`, `kg`, `m`, `pair`; default `unit`. */
  per: z.string().trim().min(1).max(40).optional(),
});
export type Price = z.infer<typeof PriceSchema>;

/** Kinds of support the programme gives small firms (docs/domain.md survey). */
export const SupportTypeSchema = z.enum(['funding', 'information', 'technical']);
export type SupportType = z.infer<typeof SupportTypeSchema>;
