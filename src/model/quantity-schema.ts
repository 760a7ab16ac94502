import { z } from 'zod';
import { isRate, parseQuantity, type Quantity } from './quantity.js';

/** What a quantity field must measure, beyond being readable. */
export type QuantityKind = 'any' | 'rate' | 'time';

/**
 * A zod field that reads quantity text once (`"2,000 unit/year"`) into a {@link Quantity}.
 * Input is the text, output the parsed quantity; an unreadable text, or one of the wrong kind
 * (a capacity that is not a rate, a lead time that is not a time), is an issue whose code is
 * the quantity parser's (`quantity_unknown_unit`, `quantity_negative`...) or `quantity_kind`.
 *
 * @example
 * quantityField('rate').parse('500 L/month').dimension; // => 'length^3/time'
 */
export function quantityField(kind: QuantityKind = 'any') {
  return z
    .string()
    .max(200, 'a quantity is at most 200 characters')
    .transform((text, ctx): Quantity => {
      const parsed = parseQuantity(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
        return z.NEVER;
      }
      const q = parsed.quantity;
      if (kind === 'rate' && !isRate(q)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a rate: write it per time, e.g. "2,000 unit/year"`,
          params: { code: 'quantity_kind' },
        });
        return z.NEVER;
      }
      if (kind === 'time' && q.dimension !== 'time') {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not a duration: write it in days, weeks or months, e.g. "8 wk"`,
          params: { code: 'quantity_kind' },
        });
        return z.NEVER;
      }
      return q;
    });
}
