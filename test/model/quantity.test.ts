import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as mathjs from 'mathjs';
import {
  compareQuantities,
  convertQuantity,
  formatQuantityValue,
  isRate,
  looksLikeQuantity,
  looksLikeCode,
  parseQuantity,
  parseQuantityOrThrow,
  quantityDimensionName,
  sameDimension,
} from '../../src/model/quantity.js';
import type { Quantity, QuantityIssueCode } from '../../src/model/quantity.js';

// Expected values are computed here from unit definitions, not from the implementation.
const YEAR = 365.25 * 86_400; // mathjs (Julian) year, seconds
const MONTH = YEAR / 12;
const WEEK = 7 * 86_400;
const INCH = 0.0254;
const DALTON = 1.6605390666e-27;

function expectRelClose(actual: number, expected: number, rel = 1e-9): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(rel);
}

/** Parses `text` and checks its dimension, value and ends (the value where an end is left out). */
function expectParsed(text: string, value: number, dimension: string, min: number | undefined, max: number | undefined): Quantity {
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(result.message);
  const quantity = result.quantity;
  expect(quantity.dimension).toBe(dimension);
  expectRelClose(quantity.value, value);
  expectRelClose(quantity.min, min ?? value);
  expectRelClose(quantity.max, max ?? value);
  return quantity;
}

function q(text: string): Quantity {
  return parseQuantityOrThrow(text);
}

// [text, canonical value (midpoint for ranges), dimension, min?, max?]
type ValidCase = readonly [string, number, string, number?, number?];

const valid: readonly ValidCase[] = [
  // rates (capacity, demand)
  ['2,000 unit/year', 2000 / YEAR, 'count/time'],
  ['500 L/month', 0.5 / MONTH, 'length^3/time'],
  ['500 L per month', 0.5 / MONTH, 'length^3/time'],
  ['40 kg/week', 40 / WEEK, 'mass/time'],
  ['235,000 units/year', 235_000 / YEAR, 'count/time'],
  ['10,000 L/year', 10 / YEAR, 'length^3/time'],
  ['300 t/year', 300_000 / YEAR, 'mass/time'],
  ['100,000 plates/year', 100_000 / YEAR, 'count/time'],
  ['5 case/month', 5 / MONTH, 'case/time'],
  ['1,000 unit/month', 1000 / MONTH, 'count/time'],
  ['2,000 Units/Yr', 2000 / YEAR, 'count/time'],
  ['2000 units p.a.', 2000 / YEAR, 'count/time'],
  ['1×10^6 units/year', 1e6 / YEAR, 'count/time'],
  ['10,000,000 vials/year', 1e7 / YEAR, 'count/time'],
  ['12 cartridges/wk', 12 / WEEK, 'count/time'],
  // pore sizes, lengths, inches
  ['0.2 µm', 0.2e-6, 'length'],
  ['0.22 um', 0.22e-6, 'length'],
  ['0.2 μm', 0.2e-6, 'length'], // Greek mu, not the micro sign
  ['0.1 micron', 0.1e-6, 'length'],
  ['0.2 microns', 0.2e-6, 'length'],
  ['0.45 μ', 0.45e-6, 'length'], // a micro sign alone after a number is a micrometre
  ['0.45µ', 0.45e-6, 'length'],
  ['0.22 마이크론', 0.22e-6, 'length'],
  ['0.1-0.2 μ', 0.15e-6, 'length', 0.1e-6, 0.2e-6],
  ['20 nm', 20e-9, 'length'],
  ['0.1-0.2 µm', 0.15e-6, 'length', 0.1e-6, 0.2e-6],
  ['1 to 10 um', 5.5e-6, 'length', 1e-6, 10e-6],
  ['0.1-10 um', 5.05e-6, 'length', 0.1e-6, 10e-6],
  ['50-90 um', 70e-6, 'length', 50e-6, 90e-6],
  ['1/4 in', 0.25 * INCH, 'length'],
  ['1 1/2 in', 1.5 * INCH, 'length'],
  ['1-1/2 in', 1.5 * INCH, 'length'],
  ['1½ in', 1.5 * INCH, 'length'],
  ['1/4"', 0.25 * INCH, 'length'],
  ['10 inch', 10 * INCH, 'length'],
  ['1/8-1 in', (1 / 8 + 1) / 2 * INCH, 'length', INCH / 8, INCH],
  ['1/8 in - 1 in', (1 / 8 + 1) / 2 * INCH, 'length', INCH / 8, INCH],
  ['3/4-1.5 in', 1.125 * INCH, 'length', 0.75 * INCH, 1.5 * INCH],
  ['1/16-1/8 in', (3 / 32) * INCH, 'length', INCH / 16, INCH / 8],
  ['3.2 mm', 0.0032, 'length'],
  ['55 mm', 0.055, 'length'],
  ['13 mm', 0.013, 'length'],
  ['300 mm', 0.3, 'length'],
  ['0.3-0.4 mm', 0.00035, 'length', 0.0003, 0.0004],
  // areas, volumes, throughput
  ['0.6 m2', 0.6, 'length^2'],
  ['0.02-2 m2', 1.01, 'length^2', 0.02, 2],
  ['1.1-2.5 m²', 1.8, 'length^2', 1.1, 2.5],
  ['2000 L', 2, 'length^3'],
  ['5 mL-50 L', (5e-6 + 0.05) / 2, 'length^3', 5e-6, 0.05],
  ['50-500 L/m2', 0.275, 'length^3/length^2', 0.05, 0.5],
  ['50–500 L/m²', 0.275, 'length^3/length^2', 0.05, 0.5],
  // masses, concentrations, chemistry
  ['30 kDa', 30_000 * DALTON, 'mass'],
  ['10-100 t', 55_000, 'mass', 10_000, 100_000],
  ['35-80 g/L', 57.5, 'mass/length^3', 35, 80],
  ['0.1-0.5 M', 300, 'amount_of_substance/length^3', 100, 500],
  ['300 mOsm/kg', 0.3, 'osmole/mass'],
  ['270-340 mOsm/kg', 0.305, 'osmole/mass', 0.27, 0.34],
  ['0.25 EU/mL', 0.25e6, 'endotoxin/length^3'],
  ['5 EU/g', 5000, 'endotoxin/mass'],
  ['1e7 CFU/cm2', 1e11, 'cfu/length^2'],
  ['25 kGy', 25_000, 'length^2/time^2'],
  ['25-50 kGy', 37_500, 'length^2/time^2', 25_000, 50_000],
  // counts and other bases
  ['100 cycles', 100, 'count'],
  ['100-300 cycles', 200, 'count', 100, 300],
  ['10 pairs', 10, 'pair'],
  ['4 sets', 4, 'set'],
  ['200 kit/month', 200 / MONTH, 'set/time'],
  ['1 KIT', 1, 'set'],
  ['2 IBC', 2, 'ibc'],
  ['Shore A 60', 60, 'shore_a'],
  ['Shore A 50-80', 65, 'shore_a', 50, 80],
  // times
  ['4-12 wk', 8 * WEEK, 'time', 4 * WEEK, 12 * WEEK],
  ['18 mo', 18 * MONTH, 'time'],
  ['12 mo', YEAR, 'time'],
  ['2-3 yr', 2.5 * YEAR, 'time', 2 * YEAR, 3 * YEAR],
  ['4-6 min', 300, 'time', 240, 360],
  // pressure, temperature
  ['3-4 bar', 350_000, 'mass/length*time^2', 300_000, 400_000],
  ['0.5-2 bar', 125_000, 'mass/length*time^2', 50_000, 200_000],
  ['2-8 degC', 278.15, 'temperature', 275.15, 281.15],
  ['2-8 °C', 278.15, 'temperature', 275.15, 281.15],
  ['-20 °C', 253.15, 'temperature'],
  // dimensionless
  ['50 %', 0.5, 'dimensionless'],
  ['6.8-7.6', 7.2, 'dimensionless', 6.8, 7.6],
  ['1e-6', 1e-6, 'dimensionless'],
  ['7.0 ± 0.2', 7, 'dimensionless', 6.8, 7.2],
];

describe('parseQuantity: real strings from the domain', () => {
  it('has a substantial table', () => {
    expect(valid.length).toBeGreaterThanOrEqual(45);
  });

  const rows = valid.map(([text, value, dimension, min, max]) => ({ text, value, dimension, min, max }));
  it.each(rows)('$text', ({ text, value, dimension, min, max }) => {
    expect(expectParsed(text, value, dimension, min, max).text).toBe(text.trim());
  });
});

describe('parseQuantity: the unit as written, normalized', () => {
  it.each([
    ['0.2 µm', 'um'],
    ['0.1 microns', 'um'],
    ['500 L per month', 'L/month'],
    ['2,000 Units/Yr', 'units/year'],
    ['40 kg/wk', 'kg/week'],
    ['5 kg/mo', 'kg/month'],
    ['2000 units per annum', 'units/year'],
    ['50–500 L/m²', 'L/m^2'],
    ['1e7 CFU/cm2', 'CFU/cm^2'],
    ['1000 EA/month', 'ea/month'],
    ['50 %', '%'],
    ['2-8 ℃', 'degC'],
    ['18 mo', 'mo'],
    ['1/8-1 in', 'in'],
    ['42', ''],
  ])('%s -> %s', (text, unit) => {
    expect(q(text).unit).toBe(unit);
  });

  it('keeps the original text, trimmed', () => {
    expect(q('  55   mm \n').text).toBe('55   mm');
    expect(q('  55   mm \n').value).toBeCloseTo(0.055, 12);
  });

  it('parses 0.2 and 0.22 um exactly; the filter-rating equivalence is not a parsing rule', () => {
    const a = q('0.2 um');
    const b = q('0.22 um');
    const c = compareQuantities(a, b);
    expect(c.comparable && c.cmp).toBe(-1);
  });

  it('treats EA as each, not exa-ampere, and PC as piece, not peta-coulomb', () => {
    expect(q('5 EA').dimension).toBe('count');
    expect(q('5 PC').dimension).toBe('count');
  });

  it('reads full-width digits and squared-unit glyphs from Korean documents', () => {
    expect(q('２，０００ ｋｇ').value).toBe(2000);
    expect(q('0.2 ㎛').value).toBeCloseTo(2e-7, 15);
  });

  it('reads a range from -80 to -20 °C (negative written numbers, positive kelvin)', () => {
    const t = q('-80 to -20 °C');
    expectRelClose(t.min, 193.15);
    expectRelClose(t.max, 253.15);
  });
});

const invalid: readonly (readonly [string, QuantityIssueCode])[] = [
  ['', 'quantity_empty'],
  ['   \t ', 'quantity_empty'],
  ['1'.repeat(201), 'quantity_too_long'],
  ['abc', 'quantity_syntax'],
  ['5 5 5', 'quantity_syntax'],
  ['1,5 L', 'quantity_syntax'],
  ['10,00 L', 'quantity_syntax'],
  ['1,5000 kg', 'quantity_syntax'],
  ['5 kg to', 'quantity_syntax'],
  ['kg', 'quantity_syntax'],
  ['1 in - 2 kg', 'quantity_syntax'],
  ['5 bananas', 'quantity_unknown_unit'],
  ['12 widgets/year', 'quantity_unknown_unit'],
  ['NaN', 'quantity_not_finite'],
  ['Infinity', 'quantity_not_finite'],
  ['-Infinity kg', 'quantity_not_finite'],
  ['1e999', 'quantity_not_finite'],
  ['1/0 in', 'quantity_not_finite'],
  ['-5 um', 'quantity_negative'],
  ['-0.2-0.2 um', 'quantity_negative'],
  ['-300 °C', 'quantity_negative'],
  ['5-1 um', 'quantity_range_order'],
  ['0.5–0.1 µm', 'quantity_range_order'],
];

describe('parseQuantity: rejected input', () => {
  it.each(invalid)('%j -> %s', (text, code) => {
    const result = parseQuantity(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toMatch(/^cannot read /);
    }
  });

  it('names the text and the unknown unit in the message', () => {
    const result = parseQuantity('5 bananas');
    expect(result).toEqual({
      ok: false,
      code: 'quantity_unknown_unit',
      message: 'cannot read "5 bananas": unknown unit "bananas"',
    });
    const rate = parseQuantity('12 widgets/year');
    expect(!rate.ok && rate.message).toContain('unknown unit "widgets"');
  });

  it('parseQuantityOrThrow throws an Error with the message and the code as cause', () => {
    expect(() => parseQuantityOrThrow('1,5 L')).toThrowError(/^cannot read "1,5 L"/);
    try {
      parseQuantityOrThrow('-5 um');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toEqual({ code: 'quantity_negative' });
    }
  });

  it('never throws, and anything accepted is finite, non-negative and ordered', () => {
    const pieces = ['1', '0.5', '-', '–', '/', ' ', 'e', '^', '2', ',', '000', 'um', 'L', 'to', '%', 'x', '10', '°C', '(', 'µ'];
    const textArb = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        const result = parseQuantity(text);
        if (result.ok) {
          const { min, value, max } = result.quantity;
          expect([min, value, max].every(Number.isFinite)).toBe(true);
          expect(min).toBeGreaterThanOrEqual(0);
          expect(min).toBeLessThanOrEqual(value);
          expect(value).toBeLessThanOrEqual(max);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers non-string input with a result instead of throwing', () => {
    const result = parseQuantity(42 as unknown as string);
    expect(result.ok).toBe(false);
  });
});

describe('rates per month and per year', () => {
  it('1,000 unit/month equals 12,000 unit/year', () => {
    const perMonth = q('1,000 unit/month');
    const perYear = q('12,000 unit/year');
    expectRelClose(perMonth.value, perYear.value, 1e-9);
    expect(compareQuantities(perMonth, perYear)).toMatchObject({ comparable: true, cmp: 0 });
  });

  it('a thousands-separated integer per month scales to the year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        const monthly = q(`${n.toLocaleString('en-US')} L/month`);
        expectRelClose(convertQuantity(monthly, 'L/year') ?? Number.NaN, n * 12, 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('convertQuantity expresses 500 L/month as 6000 L/year', () => {
    expect(convertQuantity(q('500 L/month'), 'L/year')).toBeCloseTo(6000, 9);
    expect(convertQuantity(q('500 L/month'), 'L per yr')).toBeCloseTo(6000, 9);
    expect(convertQuantity(q('500 L/month'), 'mL/week')).toBeCloseTo((500_000 * 12 * WEEK) / YEAR, 6);
  });
});

describe('compareQuantities and sameDimension', () => {
  it('orders and gives the ratio of comparable quantities', () => {
    const c = compareQuantities(q('1 in'), q('12.7 mm'));
    expect(c.comparable).toBe(true);
    if (c.comparable) {
      expect(c.cmp).toBe(1);
      expect(c.ratio).toBeCloseTo(2, 12);
    }
    expect(compareQuantities(q('12.7 mm'), q('1 in'))).toMatchObject({ cmp: -1 });
  });

  it('reports different dimensions instead of throwing', () => {
    expect(compareQuantities(q('500 L/month'), q('2,000 unit/year'))).toEqual({
      comparable: false,
      reason: 'dimension_mismatch',
      a: 'length^3/time',
      b: 'count/time',
    });
  });

  it('keeps pairs, sets and cases apart from pieces', () => {
    expect(compareQuantities(q('10 pairs'), q('10 pcs'))).toMatchObject({ comparable: false, a: 'pair', b: 'count' });
    expect(sameDimension(q('5 case'), q('5 ea'))).toBe(false);
    expect(sameDimension(q('5 sets'), q('5 pairs'))).toBe(false);
    expect(sameDimension(q('5 vials'), q('5 bags'))).toBe(true);
    expect(convertQuantity(q('10 pairs'), 'pcs')).toBeUndefined();
  });

  it('does not cancel L/m² down to a length', () => {
    expect(sameDimension(q('200 L/m2'), q('0.3 mm'))).toBe(false);
  });

  it('gives NaN as the ratio when the second value is 0', () => {
    const c = compareQuantities(q('5 L'), q('0 L'));
    expect(c.comparable && Number.isNaN(c.ratio)).toBe(true);
    expect(c.comparable && c.cmp).toBe(1);
  });
});

describe('convertQuantity', () => {
  it.each([
    ['1/4 in', 'mm', 6.35],
    ['0.22 um', 'nm', 220],
    ['2000 L', 'm^3', 2],
    ['25 kGy', 'Gy', 25_000],
    ['300 mOsm/kg', 'Osm/kg', 0.3],
    ['50 %', '%', 50],
    ['0.5', '', 0.5],
    ['18 mo', 'wk', (18 * MONTH) / WEEK],
  ] as const)('%s in %s', (text, unit, expected) => {
    expectRelClose(convertQuantity(q(text), unit) ?? Number.NaN, expected);
  });

  it('converts temperatures through their offset', () => {
    const t = q('2-8 degC');
    expect(convertQuantity(t, 'degC')).toBeCloseTo(5, 9);
    expect(convertQuantity(t, '°F')).toBeCloseTo(41, 9);
  });

  it('returns undefined for unknown or unfit units', () => {
    expect(convertQuantity(q('500 L/month'), 'bananas')).toBeUndefined();
    expect(convertQuantity(q('500 L/month'), 'kg/year')).toBeUndefined();
    expect(convertQuantity(q('500 L/month'), '1; drop table')).toBeUndefined();
    expect(convertQuantity(q('5 kg'), '')).toBeUndefined();
  });
});

describe('formatQuantityValue', () => {
  it.each([
    [q('100 unit/month').value, 'count/time', 'unit/year', '1,200 unit/year'],
    [q('500 L/month').value, 'length^3/time', 'L/year', '6,000 L/year'],
    [12_345.6, 'length', 'm', '12,350 m'],
    [2.2e-7, 'length', 'um', '0.22 um'],
    [2.2e-7, 'length', 'µm', '0.22 um'],
    [1e-9, 'length', 'm', '1e-9 m'],
    [0.5, 'dimensionless', '%', '50 %'],
    [0.5, 'dimensionless', '', '0.5'],
    [278.15, 'temperature', 'degC', '5 degC'],
    [235_000 / YEAR, 'count/time', 'units/year', '235,000 units/year'],
  ] as const)('%s %s in %s -> %s', (value, dimension, unit, expected) => {
    expect(formatQuantityValue(value, dimension, unit)).toBe(expected);
  });

  it('falls back to base units with the signature when the unit does not fit', () => {
    expect(formatQuantityValue(0.5, 'length^3/time', 'kg')).toBe('0.5 (length^3/time in base units)');
    expect(formatQuantityValue(0.5, 'length', 'bananas')).toBe('0.5 (length in base units)');
  });

  it('reads a unit text the same however often and in whatever order it is formatted (its resolution is kept)', () => {
    const calls = [
      [0.5, 'length', 'bananas', '0.5 (length in base units)'],
      [2.2e-7, 'length', 'um', '0.22 um'],
      [0.5, 'length^3/time', 'kg', '0.5 (length^3/time in base units)'],
      [5, 'mass', 'kg', '5 kg'],
      [2.2e-7, 'length', 'µm', '0.22 um'],
      [0.5, 'length', 'bananas', '0.5 (length in base units)'],
    ] as const;
    for (const order of [calls, [...calls].reverse(), calls])
      for (const [value, dimension, unit, expected] of order) expect(formatQuantityValue(value, dimension, unit)).toBe(expected);
  });
});

describe('quantityDimensionName and isRate', () => {
  it.each([
    ['length', 'length'],
    ['length^3', 'volume'],
    ['length^2', 'area'],
    ['count/time', 'count per time'],
    ['length^3/time', 'volume per time'],
    ['mass/time', 'mass per time'],
    ['length^3/length^2', 'volume per area'],
    ['osmole/mass', 'osmolality'],
    ['mass/length*time^2', 'pressure'],
    ['bit^7/angle', 'bit^7/angle'],
    ['1/time', 'frequency'],
    ['temperature_difference', 'temperature difference'],
  ])('%s -> %s', (dimension, name) => {
    expect(quantityDimensionName(dimension)).toBe(name);
  });

  it.each([
    ['2,000 unit/year', true],
    ['500 L/month', true],
    ['40 kg/week', true],
    ['5 case/month', true],
    ['2000 L', false],
    ['18 mo', false],
    ['3 bar', false],
    ['25 kGy', false],
    ['0.25 EU/mL', false],
    // Rates are amounts per time, not frequencies.
    ['300 rpm', false],
    ['60 Hz', false],
    ['5 %/year', false],
    ['500 L/월', true],
    ['1 000 개/월', true],
  ] as const)('isRate(%s) is %s', (text, expected) => {
    expect(isRate(q(text))).toBe(expected);
  });
});

describe('memoization, immutability and isolation', () => {
  it('returns the same frozen object for the same text', () => {
    const a = parseQuantity('2,000 unit/year');
    const b = parseQuantity('2,000 unit/year');
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if (a.ok) expect(Object.isFrozen(a.quantity)).toBe(true);
    const bad = parseQuantity('5 bananas');
    expect(parseQuantity('5 bananas')).toBe(bad);
    expect(Object.isFrozen(bad)).toBe(true);
  });

  it('is deterministic across spellings of the same text', () => {
    expect(q('2000 L').value).toBe(q(' 2000 L').value);
    expect(q('2,000 unit/year').value).toBe(q('2000 unit/year').value);
  });

  it('never teaches custom units to the global mathjs instance', () => {
    q('0.25 EU/mL');
    q('10 pairs');
    expect(() => mathjs.unit('1 EU')).toThrow();
    expect(() => mathjs.unit('1 pcs')).toThrow();
    // mathjs's own meaning of `cycle` (an angle) is untouched outside our instance.
    expect(mathjs.unit('1 cycle').equalBase(mathjs.unit('1 rad'))).toBe(true);
  });
});

// Forms people write in Korea and in equipment specs (issue 17): [text, value, dimension, min?, max?, unit?, bound?]
type WrittenCase = readonly [string, number, string, number | undefined, number | undefined, string, ('min' | 'max')?];
const FT3 = 0.3048 ** 3;
const written: readonly WrittenCase[] = [
  ['100 개', 100, 'count', undefined, undefined, 'pcs'],
  ['50 EA', 50, 'count', undefined, undefined, 'ea'],
  ['500개/월', 500 / MONTH, 'count/time', undefined, undefined, 'pcs/month'],
  ['1식', 1, 'set', undefined, undefined, 'set'],
  ['2 식/년', 2 / YEAR, 'set/time', undefined, undefined, 'set/year'],
  ['3대', 3, 'count', undefined, undefined, 'pcs'],
  ['10 인치', 10 * INCH, 'length', undefined, undefined, 'in'],
  ['6피트', 6 * 12 * INCH, 'length', undefined, undefined, 'ft'],
  ['500 L/월', 0.5 / MONTH, 'length^3/time', undefined, undefined, 'L/month'],
  ['12 개월', YEAR, 'time', undefined, undefined, 'month'],
  ['2 주', 2 * WEEK, 'time', undefined, undefined, 'week'],
  ['300 kg/년', 300 / YEAR, 'mass/time', undefined, undefined, 'kg/year'],
  ['1 000 L', 1, 'length^3', undefined, undefined, 'L'],
  ['10 000 unit/year', 10_000 / YEAR, 'count/time', undefined, undefined, 'unit/year'],
  ['< 0.25 EU/mL', 0.25e6, 'endotoxin/length^3', undefined, undefined, 'EU/mL', 'max'],
  ['≤ 0.25 EU/mL', 0.25e6, 'endotoxin/length^3', undefined, undefined, 'EU/mL', 'max'],
  ['NMT 5 EU/g', 5000, 'endotoxin/mass', undefined, undefined, 'EU/g', 'max'],
  ['60 g/L 이상', 60, 'mass/length^3', undefined, undefined, 'g/L', 'min'],
  ['> 60 g/L', 60, 'mass/length^3', undefined, undefined, 'g/L', 'min'],
  ['5 bar 이하', 500_000, 'mass/length*time^2', undefined, undefined, 'bar', 'max'],
  ['0.2 um ± 10%', 0.2e-6, 'length', 0.18e-6, 0.22e-6, 'um'],
  ['28.8 cu ft', 28.8 * FT3, 'length^3', undefined, undefined, 'cuft'],
  ['300 rpm', 5, '1/time', undefined, undefined, 'rpm'],
  ['28.3 LPM', 28.3e-3 / 60, 'length^3/time', undefined, undefined, 'lpm'],
  ['1 CFM', FT3 / 60, 'length^3/time', undefined, undefined, 'cfm'],
  ['220 V', 220, 'mass*length^2/time^3*current', undefined, undefined, 'V'],
  ['60 Hz', 60, '1/time', undefined, undefined, 'Hz'],
  ['-40 to -86 °C', (187.15 + 233.15) / 2, 'temperature', 187.15, 233.15, 'degC'],
  ['-86 to -40 °C', (187.15 + 233.15) / 2, 'temperature', 187.15, 233.15, 'degC'],
  ['0-14 pH', 7, 'dimensionless', 0, 14, 'pH'],
  ['pH 7.0', 7, 'dimensionless', undefined, undefined, 'pH'],
  ['1 Kg', 1, 'mass', undefined, undefined, 'kg'],
  ['1 KG', 1, 'mass', undefined, undefined, 'kg'],
  ['10 KPA', 10_000, 'mass/length*time^2', undefined, undefined, 'kPa'],
  ['5 ml', 5e-6, 'length^3', undefined, undefined, 'ml'],
  ['1 ton', 1000, 'mass', undefined, undefined, 'ton'],
  ['2 tons', 2000, 'mass', undefined, undefined, 'tons'],
  ['1 톤', 1000, 'mass', undefined, undefined, 't'],
  ['1 short ton', 907.18474, 'mass', undefined, undefined, 'shortton'],
  ['±0.1 ℃', 0.1, 'temperature_difference', undefined, undefined, 'deltaC', 'max'],
  ['±0.5 K', 0.5, 'temperature_difference', undefined, undefined, 'deltaK', 'max'],
  ['Δ 0.5 °C', 0.5, 'temperature_difference', undefined, undefined, 'deltaC'],
  ['ΔT = 9 °F', 5, 'temperature_difference', undefined, undefined, 'deltaF'],
  ['±0.02 mm', 2e-5, 'length', undefined, undefined, 'mm', 'max'],
  ['37 ± 0.5 °C', 310.15, 'temperature', 309.65, 310.65, 'degC'],
];

describe('parseQuantity: units as people write them in Korea and in equipment specs', () => {
  it.each(written.map(([text, value, dimension, min, max, unit, bound]) => ({ text, value, dimension, min, max, unit, bound })))(
    '$text',
    ({ text, value, dimension, min, max, unit, bound }) => {
      const quantity = expectParsed(text, value, dimension, min, max);
      expect(quantity.unit).toBe(unit);
      expect(quantity.bound).toBe(bound);
    },
  );

  it('reads a temperature as a difference when asked (a tolerance), and only then', () => {
    expect(q('0.1 degC').value).toBeCloseTo(273.25, 9);
    expect(q('0.1 degC').dimension).toBe('temperature');
    const d = parseQuantityOrThrow('0.1 degC', { difference: true });
    expect(d.dimension).toBe('temperature_difference');
    expect(d.value).toBeCloseTo(0.1, 12);
    expect(parseQuantityOrThrow('0.5 K', { difference: true }).value).toBe(0.5);
    // Non-temperatures are the same either way.
    expect(parseQuantityOrThrow('5 mm', { difference: true }).value).toBe(q('5 mm').value);
  });

  it('reads 3월 (March) as no quantity: 월 is a month only after a slash', () => {
    expect(parseQuantity('3월').ok).toBe(false);
  });
});

const refused: readonly (readonly [string, QuantityIssueCode, string])[] = [
  ['150 MM', 'quantity_ambiguous_unit', 'cannot read "150 MM": "MM" is ambiguous (as written it reads as megamolar); write "mm" (millimetres) or "mM" (millimolar)'],
  ['1 ML', 'quantity_ambiguous_unit', 'cannot read "1 ML": "ML" is ambiguous (as written it reads as megalitre); write "mL" (millilitres)'],
  ['5 Ml', 'quantity_ambiguous_unit', 'cannot read "5 Ml": "Ml" is ambiguous (as written it reads as megalitre); write "mL" (millilitres)'],
  ['5 UM', 'quantity_ambiguous_unit', 'cannot read "5 UM": "UM" is ambiguous; write "um" (micrometres) or "uM" (micromolar)'],
  ['1 T', 'quantity_ambiguous_unit', 'cannot read "1 T": "T" is ambiguous (as written it reads as tesla); write "t" (tonnes)'],
  ['5 H', 'quantity_ambiguous_unit', 'cannot read "5 H": "H" is ambiguous (as written it reads as henry); write "h" (hours)'],
  ['10 PA', 'quantity_ambiguous_unit', 'cannot read "10 PA": "PA" is ambiguous (as written it reads as petaampere); write "Pa" (pascals)'],
  ['1.5S', 'quantity_ambiguous_unit', 'cannot read "1.5S": "S" is ambiguous (as written it reads as siemens); write "s" (seconds)'],
  ['5 MS', 'quantity_ambiguous_unit', 'cannot read "5 MS": "MS" is ambiguous (as written it reads as megasiemens); write "ms" (milliseconds) or "mS" (millisiemens)'],
  ['5 unit^2/year', 'quantity_absurd_unit', 'cannot read "5 unit^2/year": a count cannot be raised to a power (count^n has no meaning)'],
  ['5 unit^1000000/month', 'quantity_absurd_unit', 'cannot read "5 unit^1000000/month": "^1000000" raises a unit beyond the power 3'],
  ['5 m^4', 'quantity_absurd_unit', 'cannot read "5 m^4": "^4" raises a unit beyond the power 3'],
  ['1e308 kg', 'quantity_out_of_range', 'cannot read "1e308 kg": beyond 1e+30 in base units, which no real quantity is'],
  ['1e31', 'quantity_out_of_range', 'cannot read "1e31": beyond 1e+30 in base units, which no real quantity is'],
  ['2R', 'quantity_unknown_unit', 'cannot read "2R": unknown unit "R"'],
  ['-5 to -1 um', 'quantity_negative', 'cannot read "-5 to -1 um": a quantity cannot be negative'],
  ['5-1 um', 'quantity_range_order', 'cannot read "5-1 um": the range starts above where it ends'],
];

describe('parseQuantity: ambiguous and absurd input refused with a message', () => {
  it.each(refused)('%j -> %s', (text, code, message) => {
    expect(parseQuantity(text)).toEqual({ ok: false, code, message });
  });
});

describe('parseQuantity: round trips', () => {
  const units = ['mm', 'um', 'L', 'mL', 'kg', 'g/L', 'EU/mL', 'unit/year', 'L/month', 'kg/year', 'degC', 'bar', 'rpm', 'Hz', 'V', 'cuft', 'pH', 'ton'];
  const fourDigits = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -3, max: 3 })).map(([m, e]) => Number((m * 10 ** e).toPrecision(4)));

  it('parsing the formatted value gives back the same quantity (property)', () => {
    fc.assert(
      fc.property(fourDigits, fc.constantFrom(...units), (n, unit) => {
        const first = q(`${n} ${unit}`);
        const shown = formatQuantityValue(first.value, first.dimension, first.unit);
        const again = q(shown);
        expect(again.dimension).toBe(first.dimension);
        expectRelClose(again.value, first.value, 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('a space groups thousands as a comma does (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), fc.constantFrom('L', 'unit/year', 'kg/년', '개'), (n, unit) => {
        const commas = n.toLocaleString('en-US');
        expect(q(`${commas.replace(/,/g, ' ')} ${unit}`).value).toBe(q(`${commas} ${unit}`).value);
      }),
      { numRuns: 200 },
    );
  });

  it('a written bound keeps the value of the plain quantity (property)', () => {
    fc.assert(
      fc.property(fourDigits, fc.constantFrom(...units.filter((u) => u !== 'degC')), fc.constantFrom(['<', 'max'], ['≥', 'min'], ['NMT', 'max'], ['at least', 'min']), (n, unit, [word, bound]) => {
        const b = q(`${word} ${n} ${unit}`);
        expect(b.bound).toBe(bound);
        expect(b.value).toBe(q(`${n} ${unit}`).value);
      }),
      { numRuns: 200 },
    );
  });
});


describe('looksLikeQuantity and looksLikeCode: what a text is before it is read', () => {
  // [text, looks like a quantity, looks like a code]
  it.each([
    ['5 mm', true, false],
    ['NMT 0.25 EU/mL', true, false],
    ['< 5', true, false],
    ['±0.1 ℃', true, false],
    ['ΔT 5 K', true, false],
    ['pH 7', true, false],
    ['60 g/L 이상', true, false],
    ['PES', false, false],
    ['max speed', false, false],
    ['STS304', false, false],
    ['', false, false],
    ['316L', true, true],
    ['1.5S', true, true],
    ['2R', true, true],
    ['2D 백', true, true],
    ['50L', true, true],
    ['220V', true, false],
    ['500W', true, false],
    ['0.2um', true, false],
  ] as const)('%j -> %s, %s', (text, quantity, code) => {
    expect([looksLikeQuantity(text), looksLikeCode(text)]).toEqual([quantity, code]);
  });
});
