import { z } from 'zod';
import { looksLikeCode, looksLikeQuantity, parseQuantity, type Quantity } from './quantity.js';

/** A spec key such as `poreSize`, `workingVolume`, `material`, `dbc`. */
export const SpecKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a spec key is a word of letters, digits or _.- (at most 64)');

/**
 * The value of a spec once read: a measured quantity (text that starts with a number, e.g.
 * `"0.22 um"` or `"50-90 um"`), a list of quantities (`"120 / 225 / 325 mm"`, `"220V/60Hz"`,
 * `["10 kDa", "30 kDa"]`), a word (`"PES"`, `"316L"`), a set of words (`["PES", "PVDF"]`) or a flag.
 * An offered list is met when any of its quantities meets a requirement; a required list
 * (`eq "220V/60Hz"`) when each of its quantities is met.
 */
export type SpecValue =
  | { readonly kind: 'quantity'; readonly quantity: Quantity }
  | { readonly kind: 'quantities'; readonly quantities: readonly Quantity[]; readonly text: string }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'flag'; readonly value: boolean };



/**
 * Separators of a list of quantities: ` / ` or `, ` between values (`120 / 225 / 325 mm`), or
 * `/` right after a unit and before a number (`220V/60Hz`). `1/4 in` and `L/month` are no lists.
 */
const LIST_SEPARATOR_RE = /\s+\/\s+|,\s+|(?<=[A-Za-z%°℃])\/(?=\s*\d)/;

/** Whether a spec text is to be read as a quantity (see {@link SpecValueSchema}). */
const isQuantityText = (s: string): boolean => looksLikeQuantity(s) && !looksLikeCode(s);

/**
 * Outcome of {@link readSpecValue}: the value, or the code and message of why it is unreadable.
 *
 * @example
 * const r: SpecReading = readSpecValue('5 bananas'); // => { ok: false, code: 'quantity_unknown_unit', message: 'cannot read "5 bananas": unknown unit "bananas"' }
 */
export type SpecReading = { ok: true; value: SpecValue } | { ok: false; code: string; message: string };

/** Reads quantities that share the last one's unit when they have none (`120 / 225 / 325 mm`). */
function readQuantities(parts: readonly string[], text: string): SpecReading {
  const last = parts.length === 0 ? undefined : parseQuantity(parts[parts.length - 1] as string);
  const sharedUnit = last?.ok === true && last.quantity.unit !== '' ? last.quantity.unit : undefined;
  const quantities: Quantity[] = [];
  for (const part of parts) {
    let parsed = parseQuantity(part);
    if (parsed.ok && parsed.quantity.unit === '' && sharedUnit !== undefined) parsed = parseQuantity(`${part} ${sharedUnit}`);
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
    quantities.push(parsed.quantity);
  }
  return { ok: true, value: { kind: 'quantities', quantities, text } };
}

/**
 * Reads one spec value as {@link SpecValueSchema} does, or says why it cannot be read.
 *
 * @example
 * readSpecValue('120 / 225 / 325 mm'); // => { ok: true, value: { kind: 'quantities', quantities: [3 quantities], text: '120 / 225 / 325 mm' } }
 * readSpecValue('316L'); // => { ok: true, value: { kind: 'text', value: '316L' } }
 */
export function readSpecValue(raw: string | number | boolean | readonly string[]): SpecReading {
  if (typeof raw === 'boolean') return { ok: true, value: { kind: 'flag', value: raw } };
  if (typeof raw !== 'number' && typeof raw !== 'string') {
    // A list whose every entry starts like a quantity is a list of quantities.
    if (raw.length > 1 && raw.every(isQuantityText)) return readQuantities(raw, raw.join(', '));
    return { ok: true, value: { kind: 'set', values: raw } };
  }
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof raw !== 'number' && !isQuantityText(text)) {
    return { ok: true, value: { kind: 'text', value: text } };
  }
  const parts = text.split(LIST_SEPARATOR_RE).map((p) => p.trim());
  if (parts.length > 1 && parts.every((p) => p !== '')) return readQuantities(parts, text);
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
  return { ok: true, value: { kind: 'quantity', quantity: parsed.quantity } };
}

/**
 * Reads one spec value. A string that starts with a number (or a bound `<`, `≥`, a deviation
 * `±` or a difference `Δ`) must be a readable quantity or list of quantities (so a typo in a unit
 * is an issue, not a silent word), except a number glued to one capital letter (`316L`, `1.5S`,
 * `2R`: a grade or size, read as a word); other strings are words.
 *
 * @example
 * SpecValueSchema.parse('0.22 um').kind; // => 'quantity'
 * SpecValueSchema.parse('PES'); // => { kind: 'text', value: 'PES' }
 * SpecValueSchema.parse('220V/60Hz').kind; // => 'quantities'
 */
export const SpecValueSchema = z
  .union([
    z.string().trim().min(1).max(200),
    z.number(),
    z.boolean(),
    z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  ])
  .transform((raw, ctx): SpecValue => {
    const read = readSpecValue(raw);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.message, params: { code: read.code } });
      return z.NEVER;
    }
    return read.value;
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
    // A tolerance is a difference: `0.1 degC` is 0.1 kelvin of it, not 273.25 K.
    const parsed = parseQuantity(clean, { difference: true });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
      return z.NEVER;
    }
    return { kind: 'absolute', quantity: parsed.quantity, text };
  });

/** Whether a spec requirement rejects a candidate (`required`) or only scores it (`preferred`). */
export const ImportanceSchema = z.enum(['required', 'preferred']);
export type Importance = z.infer<typeof ImportanceSchema>;

/** The op a bound in a requirement's value stands for (`< 0.25 EU/mL` is `max`). */
const boundOf = (v: SpecValue | undefined): 'min' | 'max' | undefined => (v?.kind === 'quantity' ? v.quantity.bound : undefined);

/**
 * A buyer's requirement on one spec. `eq` takes `value` (with an optional `tolerance`, a
 * difference: `"0.5 °C"` is half a degree), `min` / `max` take `value`, `range` takes `min` and
 * `max` or a range `value` (`"35-80 g/L"`), `oneOf` takes `values`. A value written as a bound
 * (`"< 0.25 EU/mL"`, `"60 g/L 이상"`, `"±0.3 °C"`) sets the op itself: `op` may then be left out,
 * and an `eq` reads as the bound; an `op` that says the opposite is an issue. A list value
 * (`eq "220V/60Hz"`) asks for each of its quantities.
 *
 * @example
 * SpecRequirementSchema.parse({ key: 'poreSize', op: 'eq', value: '0.22 um' });
 * SpecRequirementSchema.parse({ key: 'material', op: 'oneOf', values: ['PES', 'PVDF'], importance: 'preferred' });
 * SpecRequirementSchema.parse({ key: 'endotoxin', value: '< 0.25 EU/mL' }).op; // => 'max'
 */
export const SpecRequirementSchema = z
  .strictObject({
    key: SpecKeySchema,
    op: z.enum(['eq', 'min', 'max', 'range', 'oneOf']).optional(),
    value: SpecValueSchema.optional(),
    min: SpecValueSchema.optional(),
    max: SpecValueSchema.optional(),
    values: z.array(z.string().trim().min(1).max(200)).min(1).max(50).optional(),
    tolerance: ToleranceSchema.optional(),
    importance: ImportanceSchema.default('required'),
    note: z.string().max(500).optional(),
  })
  .superRefine((req, ctx) => {
    const bound = boundOf(req.value);
    if (req.op === undefined && bound === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        message: 'a requirement needs an op (eq, min, max, range, oneOf), or a value written as a bound such as "< 0.25 EU/mL"',
        params: { code: 'spec_requirement_incomplete' },
      });
      return;
    }
    if (bound !== undefined && req.op !== undefined && req.op !== 'eq' && req.op !== bound) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `the value is written as a ${bound === 'max' ? 'maximum' : 'minimum'}, which "${req.op}" contradicts`,
        params: { code: 'spec_requirement_bound_conflict' },
      });
      return;
    }
    const op = bound ?? req.op;
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
          message:
            v.kind === 'quantities'
              ? `"${op}" compares with one quantity, not a list: use "eq" with the list, or "oneOf"`
              : `"${op}" compares quantities: write a number with its unit`,
          params: { code: 'spec_requirement_not_quantity' },
        });
    };
    switch (op) {
      case 'eq':
        need('value', '"eq" needs a value');
        break;
      case 'min':
      case 'max':
        need('value', `"${op}" needs a value`);
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
  })
  .transform(({ op, ...req }) => ({ ...req, op: boundOf(req.value) ?? op ?? 'eq' }));
export type SpecRequirement = z.infer<typeof SpecRequirementSchema>;
