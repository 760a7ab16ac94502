import { z } from 'zod';
import { parseQuantity, type Quantity } from './quantity.js';

/** A spec key such as `poreSize`, `workingVolume`, `material`, `dbc`. */
export const SpecKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a spec key is a word of letters, digits or _.- (at most 64)');

/**
 * The value of a spec once read: a measured quantity (text that starts with a number, e.g.
 * `"0.22 um"` or `"50-90 um"`), a word (`"PES"`), a set of words (`["PES", "PVDF"]`) or a flag.
 */
export type SpecValue =
  | { readonly kind: 'quantity'; readonly quantity: Quantity }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'flag'; readonly value: boolean };

const looksNumeric = (s: string): boolean => /^\s*[+-]?(\d|\.\d)/.test(s);

/**
 * Reads one spec value. A string that starts with a number must be a readable quantity (so a
 * typo in a unit is an issue, not a silent word); other strings are words.
 *
 * @example
 * SpecValueSchema.parse('0.22 um').kind; // => 'quantity'
 * SpecValueSchema.parse('PES'); // => { kind: 'text', value: 'PES' }
 */
export const SpecValueSchema = z
  .union([
    z.string().trim().min(1).max(200),
    z.number(),
    z.boolean(),
    z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  ])
  .transform((raw, ctx): SpecValue => {
    if (typeof raw === 'boolean') return { kind: 'flag', value: raw };
    if (Array.isArray(raw)) return { kind: 'set', values: raw };
    const text = typeof raw === 'number' ? String(raw) : raw;
    if (typeof raw === 'number' || looksNumeric(text)) {
      const parsed = parseQuantity(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
        return z.NEVER;
      }
      return { kind: 'quantity', quantity: parsed.quantity };
    }
    return { kind: 'text', value: text };
  });

/** Descriptive or offered specs by key. */
export const SpecsSchema = z.record(SpecKeySchema, SpecValueSchema);
export type Specs = z.infer<typeof SpecsSchema>;

/** How far an `eq` requirement may be off: a share of the value (`"5%"`) or a quantity (`"0.02 um"`). */
export type Tolerance =
  | { readonly kind: 'relative'; readonly fraction: number; readonly text: string }
  | { readonly kind: 'absolute'; readonly quantity: Quantity; readonly text: string };

const ToleranceSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .transform((text, ctx): Tolerance => {
    const clean = text.replace(/^[±+]\s*/, '');
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(clean);
    if (pct?.[1] !== undefined) return { kind: 'relative', fraction: Number(pct[1]) / 100, text };
    const parsed = parseQuantity(clean);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
      return z.NEVER;
    }
    return { kind: 'absolute', quantity: parsed.quantity, text };
  });

/** Whether a spec requirement rejects a candidate (`required`) or only scores it (`preferred`). */
export const ImportanceSchema = z.enum(['required', 'preferred']);
export type Importance = z.infer<typeof ImportanceSchema>;

/**
 * A buyer's requirement on one spec. `eq` takes `value` (with an optional `tolerance`),
 * `min` / `max` take `value`, `range` takes `min` and `max` or a range `value` (`"35-80 g/L"`),
 * `oneOf` takes `values`.
 *
 * @example
 * SpecRequirementSchema.parse({ key: 'poreSize', op: 'eq', value: '0.22 um' });
 * SpecRequirementSchema.parse({ key: 'material', op: 'oneOf', values: ['PES', 'PVDF'], importance: 'preferred' });
 */
export const SpecRequirementSchema = z
  .strictObject({
    key: SpecKeySchema,
    op: z.enum(['eq', 'min', 'max', 'range', 'oneOf']),
    value: SpecValueSchema.optional(),
    min: SpecValueSchema.optional(),
    max: SpecValueSchema.optional(),
    values: z.array(z.string().trim().min(1).max(200)).min(1).max(50).optional(),
    tolerance: ToleranceSchema.optional(),
    importance: ImportanceSchema.default('required'),
    note: z.string().max(500).optional(),
  })
  .superRefine((req, ctx) => {
    const need = (field: 'value' | 'min' | 'max' | 'values', why: string): void => {
      if (req[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: why, params: { code: 'spec_requirement_incomplete' } });
    };
    const quantityOnly = (field: 'value' | 'min' | 'max'): void => {
      const v = req[field];
      if (v !== undefined && v.kind !== 'quantity')
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `"${req.op}" compares quantities: write a number with its unit`,
          params: { code: 'spec_requirement_not_quantity' },
        });
    };
    switch (req.op) {
      case 'eq':
        need('value', '"eq" needs a value');
        break;
      case 'min':
      case 'max':
        need('value', `"${req.op}" needs a value`);
        quantityOnly('value');
        break;
      case 'range':
        if (req.value === undefined) {
          need('min', '"range" needs min and max, or a range value such as "35-80 g/L"');
          need('max', '"range" needs min and max, or a range value such as "35-80 g/L"');
        }
        quantityOnly('value');
        quantityOnly('min');
        quantityOnly('max');
        break;
      case 'oneOf':
        need('values', '"oneOf" needs a list of values');
        break;
    }
  });
export type SpecRequirement = z.infer<typeof SpecRequirementSchema>;
