import { describe, expect, it } from 'vitest';
import { readSpecValue, SpecRequirementSchema, SpecValueSchema, type SpecValue } from '../../src/model/spec.js';

/** A spec value in short: its kind and what it holds (quantities by canonical value and dimension). */
function brief(v: SpecValue): unknown {
  switch (v.kind) {
    case 'quantity':
      return ['quantity', v.quantity.value, v.quantity.dimension];
    case 'quantities':
      return ['quantities', ...v.quantities.map((q) => [q.value, q.dimension])];
    case 'text':
      return ['text', v.value];
    case 'set':
      return ['set', ...v.values];
    case 'flag':
      return ['flag', v.value];
  }
}

const VOLT = 'mass*length^2/time^3*current';

describe('SpecValueSchema: what a spec value is read as', () => {
  it.each([
    ['316L', ['text', '316L']],
    ['304L', ['text', '304L']],
    ['1.5S', ['text', '1.5S']],
    ['2R', ['text', '2R']],
    ['2D', ['text', '2D']],
    ['2D 백', ['text', '2D 백']],
    ['50L', ['text', '50L']],
    ['STS304', ['text', 'STS304']],
    ['50 L', ['quantity', 0.05, 'length^3']],
    ['220V', ['quantity', 220, VOLT]],
    ['0.2um', ['quantity', 2e-7, 'length']],
    ['1/4 in', ['quantity', 0.00635, 'length']],
    ['500 L/월', ['quantity', 0.5 / ((365.25 * 86_400) / 12), 'length^3/time']],
    ['120 / 225 / 325 mm', ['quantities', [0.12, 'length'], [0.225, 'length'], [0.325, 'length']]],
    ['120, 225 mm', ['quantities', [0.12, 'length'], [0.225, 'length']]],
    ['220V/60Hz', ['quantities', [220, VOLT], [60, '1/time']]],
    ['220 V / 60 Hz', ['quantities', [220, VOLT], [60, '1/time']]],
    [['10 kDa', '30 kDa'], ['quantities', [10_000 * 1.6605390666e-27, 'mass'], [30_000 * 1.6605390666e-27, 'mass']]],
    [['2R', '10R'], ['set', '2R', '10R']],
    [['PES', '10 kDa'], ['set', 'PES', '10 kDa']],
    [['10R'], ['set', '10R']],
    ['±0.3 ℃', ['quantity', 0.3, 'temperature_difference']],
    ['< 0.25 EU/mL', ['quantity', 250_000, 'endotoxin/length^3']],
  ] as const)('%j', (raw, expected) => {
    const v = SpecValueSchema.parse(raw);
    const got = brief(v) as unknown[];
    expect(got[0]).toBe(expected[0]);
    expect(got.length).toBe(expected.length);
    got.forEach((part, i) => {
      const want = expected[i] as unknown;
      if (Array.isArray(part) && Array.isArray(want)) {
        expect(part[0]).toBeCloseTo(want[0] as number, 15);
        expect(part[1]).toBe(want[1]);
      } else if (typeof part === 'number') expect(part).toBeCloseTo(want as number, 15);
      else expect(part).toBe(want);
    });
  });

  it.each([
    ['5 bananas', 'cannot read "5 bananas": unknown unit "bananas"'],
    ['150 MM', 'cannot read "150 MM": "MM" is ambiguous (as written it reads as megamolar); write "mm" (millimetres) or "mM" (millimolar)'],
    ['120 / 225 / 5 bananas', 'cannot read "5 bananas": unknown unit "bananas"'],
    ['1.5 S', 'cannot read "1.5 S": "S" is ambiguous (as written it reads as siemens); write "s" (seconds)'],
  ])('refuses %j: %s', (raw, message) => {
    expect(readSpecValue(raw)).toMatchObject({ ok: false, message });
  });

  it('writes the rare real quantity plainly: 1.5 siemens, 50 L', () => {
    expect(brief(SpecValueSchema.parse('1.5 siemens'))).toEqual(['quantity', 1.5, 'time^3*current^2/mass*length^2']);
    expect(brief(SpecValueSchema.parse('50 L'))).toEqual(['quantity', 0.05, 'length^3']);
  });
});

describe('SpecRequirementSchema: bounds set the op; lists only where they mean something', () => {
  it.each([
    [{ key: 'endotoxin', value: '< 0.25 EU/mL' }, 'max'],
    [{ key: 'endotoxin', op: 'eq', value: 'NMT 0.25 EU/mL' }, 'max'],
    [{ key: 'dbc', value: '60 g/L 이상' }, 'min'],
    [{ key: 'dbc', op: 'min', value: '≥ 60 g/L' }, 'min'],
    [{ key: 'uniformity', value: '±0.3 ℃ 이하' }, 'max'],
    [{ key: 'power', op: 'eq', value: '220V/60Hz' }, 'eq'],
    [{ key: 'length', op: 'eq', value: '5 mm' }, 'eq'],
  ] as const)('%j reads as %s', (raw, op) => {
    expect(SpecRequirementSchema.parse(raw).op).toBe(op);
  });

  it.each([
    [{ key: 'endotoxin', op: 'min', value: '< 0.25 EU/mL' }, 'spec_requirement_bound_conflict', 'the value is written as a maximum, which "min" contradicts'],
    [{ key: 'length', value: '5 mm' }, 'spec_requirement_incomplete', 'a requirement needs an op (eq, min, max, range, oneOf), or a value written as a bound such as "< 0.25 EU/mL"'],
    [{ key: 'length', op: 'min', value: '120 / 225 mm' }, 'spec_requirement_not_quantity', '"min" compares with one quantity, not a list: use "eq" with the list, or "oneOf"'],
  ] as const)('refuses %j (%s)', (raw, code, message) => {
    const r = SpecRequirementSchema.safeParse(raw);
    expect(r.success).toBe(false);
    const issue = r.error?.issues[0];
    expect(issue?.message).toBe(message);
    expect((issue as { params?: { code?: string } } | undefined)?.params?.code).toBe(code);
  });

  it('reads a tolerance as a difference: 0.1 degC is 0.1 kelvin, 5% a fraction', () => {
    const t = SpecRequirementSchema.parse({ key: 't', op: 'eq', value: '37 °C', tolerance: '0.1 degC' }).tolerance;
    expect(t?.kind === 'absolute' && [t.quantity.value, t.quantity.dimension]).toEqual([0.1, 'temperature_difference']);
    const p = SpecRequirementSchema.parse({ key: 't', op: 'eq', value: '5 mm', tolerance: '±5%' }).tolerance;
    expect(p?.kind === 'relative' && p.fraction).toBe(0.05);
  });
});
