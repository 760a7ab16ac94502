import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sensitivity, type SensitivityReport } from '../../src/analysis/sensitivity.js';
import { sensitivityCommand } from '../../src/cli/sensitivity.js';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { priceCriterion } from '../../src/criteria/price.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { weightedSum, weightedSumTotal } from '../../src/engine/aggregate.js';
import { createMatcher, type Matcher } from '../../src/engine/matcher.js';
import { SupplymatchError } from '../../src/errors.js';
import { formatSensitivity } from '../../src/format/sensitivity.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';
import { captureOutput } from '../helpers/capture.js';
import { tempDir } from '../helpers/temp.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One line, two filters: A covers the demand at 80 % of the price ceiling, B half of it at 20 %.
 * With capacity and price only, A scores capacity 1, price 0.6 and B capacity 0.5, price 0.9.
 */
function input(): Any {
  const offering = (id: string, capacity: string, amount: number) => ({
    id: `${id}-O1`,
    item: 'IT-STF',
    capacity,
    unitPrice: { amount, currency: 'KRW' },
  });
  return {
    meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [{ id: 'IT-STF', category: 'sterilizing-filter', names: { en: 'Sterilizing capsule filter' } }],
    suppliers: [
      { id: 'A', names: { en: 'Alpha' }, country: 'KR', offerings: [offering('A', '1,000 unit/month', 80_000)] },
      { id: 'B', names: { en: 'Beta' }, country: 'KR', offerings: [offering('B', '500 unit/month', 20_000)] },
    ],
    buyers: [
      {
        id: 'B-01',
        names: { en: 'Buyer' },
        country: 'KR',
        demandLines: [{ id: 'L1', item: 'IT-STF', quantity: '1,000 unit/month', maxUnitPrice: { amount: 100_000, currency: 'KRW' } }],
      },
    ],
  };
}

const two = (weights: Record<string, number>, aggregate?: string): Matcher =>
  createMatcher({ criteria: [capacityCriterion, priceCriterion], weights, ...(aggregate ? { aggregate } : {}) });
const top = (m: Matcher, data: Dataset, weights: Record<string, number>): string | undefined =>
  m.withWeights(weights).match(data).lines[0]?.candidates[0]?.supplier;

describe('sensitivity on a line worked out by hand', () => {
  const data = parseDataset(input());
  const matcher = two({ capacity: 2, price: 1 });

  it('solves the switch points of the weighted sum in closed form', () => {
    const report = sensitivity(matcher, data);
    expect(report.methods).toEqual({ exact: 1, bisection: 0 });
    const price = report.weights.find((w) => w.criterion === 'price');
    const capacity = report.weights.find((w) => w.criterion === 'capacity');
    // price t: (2 + 0.6t)/(2 + t) = (1 + 0.9t)/(2 + t) at t = 10/3.
    expect(price?.lo).toBe(0);
    expect(price?.hi).toBeCloseTo(10 / 3, 12);
    expect(price?.above).toEqual({ line: 'L1', at: price?.hi, from: { supplier: 'A', offering: 'A-O1' }, to: { supplier: 'B', offering: 'B-O1' } });
    // capacity c: (c + 0.6)/(c + 1) = (0.5c + 0.9)/(c + 1) at c = 0.6.
    expect(capacity?.lo).toBeCloseTo(0.6, 12);
    expect(capacity?.hi).toBeNull();
    expect(capacity?.below?.to.supplier).toBe('B');
    expect(report.lines[0]).toMatchObject({ line: 'L1', method: 'exact', top1: { supplier: 'A' }, runnerUp: { supplier: 'B' }, fragile: false });
    expect(report.lines[0]?.margin).toBeCloseTo((2.6 - 1.9) / 3, 12);
  });

  it("computes exactly by the aggregator's declaration (isMean), not by its name", () => {
    const mean = createMatcher({ criteria: [capacityCriterion, priceCriterion], weights: { capacity: 2, price: 1 }, aggregate: { ...weightedSum(), id: 'mean' } });
    const report = sensitivity(mean, data);
    expect(report.methods).toEqual({ exact: 1, bisection: 0 });
    expect(report.weights.find((w) => w.criterion === 'price')?.hi).toBeCloseTo(10 / 3, 12);
    // Named like the built-in but declaring nothing of itself: the engine is re-run instead.
    const undeclared = createMatcher({ criteria: [capacityCriterion, priceCriterion], weights: { capacity: 2, price: 1 }, aggregate: { ...weightedSum(), capabilities: { rowTotal: weightedSumTotal, atMostMean: true } } });
    expect(sensitivity(undeclared, data, { tolerance: 1e-6 }).methods).toEqual({ exact: 0, bisection: 1 });
  });

  it('agrees with the engine on either side of each switch point', () => {
    expect(top(matcher, data, { price: (10 / 3) * 0.999 })).toBe('A');
    expect(top(matcher, data, { price: (10 / 3) * 1.001 })).toBe('B');
    expect(top(matcher, data, { capacity: 0.6 * 1.001 })).toBe('A');
    expect(top(matcher, data, { capacity: 0.6 * 0.999 })).toBe('B');
  });

  it('finds fragile lines by re-running the engine at ±10%', () => {
    const near = two({ capacity: 0.65, price: 1 });
    const report = sensitivity(near, data);
    // Capacity switches at 0.6 (0.585 is below); price now at (0.65 - 0.325) / 0.3 = 1.083 (1.1 is above).
    const A = { supplier: 'A', offering: 'A-O1' };
    const B = { supplier: 'B', offering: 'B-O1' };
    expect(report.fragile).toEqual([
      { line: 'L1', criterion: 'capacity', change: -0.1, weight: 0.65 * 0.9, from: A, to: B },
      { line: 'L1', criterion: 'price', change: 0.1, weight: 1.1, from: A, to: B },
    ]);
    expect(report.weights.find((w) => w.criterion === 'price')?.hi).toBeCloseTo(0.325 / 0.3, 12);
    expect(report.lines[0]?.fragile).toBe(true);
    expect(sensitivity(near, data, { delta: 0.05 }).fragile).toEqual([]);
  });

  it('bisection on the engine agrees with the closed form within its tolerance', () => {
    const report = sensitivity(matcher, data, { method: 'bisection', tolerance: 1e-6 });
    expect(report.methods).toEqual({ exact: 0, bisection: 1 });
    const price = report.weights.find((w) => w.criterion === 'price');
    expect(Math.abs((price?.hi ?? 0) - 10 / 3) / (10 / 3)).toBeLessThan(1e-5);
    expect(price?.above?.to.supplier).toBe('B');
    const capacity = report.weights.find((w) => w.criterion === 'capacity');
    expect(Math.abs((capacity?.lo ?? 0) - 0.6) / 0.6).toBeLessThan(1e-5);
    expect(capacity?.hi).toBeNull();
  });

  it('uses bisection for the weighted product, which has its own switch point', () => {
    // A = 0.6^(1/(c+1)), B = 0.5^(c/(c+1)) · 0.9^(1/(c+1)): equal at c = ln(2/3) / ln(1/2).
    const report = sensitivity(two({ capacity: 2, price: 1 }, 'weightedProduct'), data, { tolerance: 1e-6 });
    expect(report.methods.bisection).toBe(1);
    const capacity = report.weights.find((w) => w.criterion === 'capacity');
    const expected = Math.log(2 / 3) / Math.log(1 / 2);
    expect(Math.abs((capacity?.lo ?? 0) - expected) / expected).toBeLessThan(1e-5);
  });

  it('a line with one candidate, or none, is never fragile and its ranges are unbounded', () => {
    const solo = input();
    solo.suppliers.pop();
    const report = sensitivity(matcher, parseDataset(solo));
    expect(report.lines[0]?.ranges.every((r) => r.lo === 0 && r.hi === null)).toBe(true);
    expect(report.fragile).toEqual([]);
  });

  it('refuses bad options with every issue listed', () => {
    try {
      sensitivity(matcher, data, { delta: 2, tolerance: 0, searchFactor: 1, lines: ['NOPE'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SupplymatchError);
      expect((e as SupplymatchError).issues.map((i) => i.path)).toEqual(['delta', 'tolerance', 'searchFactor', 'lines']);
    }
  });

  it('formats the report', () => {
    const text = formatSensitivity(sensitivity(two({ capacity: 0.65, price: 1 }), data));
    expect(text).toContain('Top-1 robustness as of 2021-03-01 (weightedSum; 1 lines exact');
    expect(text).toMatch(/capacity\s+0\.65\s+0\.6\s+∞\s+L1: A -> B/);
    expect(text).toContain('Fragile lines (top-1 changes when one weight moves ±10%):');
  });
});

describe('sensitivity of the incheon-bio ranking', () => {
  let dataset: Dataset;
  let matcher: Matcher;
  let report: SensitivityReport;
  beforeAll(async () => {
    dataset = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
    matcher = createMatcher();
    report = sensitivity(matcher, dataset, { prepared: matcher.prepare(dataset) });
  });

  it('is exact for every line with the default matcher', () => {
    const lines = dataset.buyers.flatMap((b) => b.demandLines).length;
    expect(lines).toBe(63);
    expect(report.methods).toEqual({ exact: lines, bisection: 0 });
    expect(report.weights.map((w) => w.criterion)).toEqual(matcher.criteria.map((c) => c.id));
    for (const w of report.weights) {
      expect(w.lo).toBeLessThanOrEqual(w.weight);
      if (w.hi !== null) expect(w.hi).toBeGreaterThanOrEqual(w.weight);
    }
  });

  it('every bound is where the engine changes a top-1, and inside nothing changes', () => {
    const prepared = matcher.prepare(dataset);
    const base = matcher.matchPrepared(prepared);
    const topOf = (weights: Record<string, number>, lines?: string[]) =>
      new Map(matcher.withWeights(weights).matchPrepared(prepared, lines ? { lines } : {}).lines.map((l) => [l.line, l.candidates[0]?.supplier]));
    const baseTop = new Map(base.lines.map((l) => [l.line, l.candidates[0]?.supplier]));
    let bounds = 0;
    for (const w of report.weights) {
      for (const [edge, at, past] of [
        ['above', w.hi, 1 + 1e-6],
        ['below', w.lo, 1 - 1e-6],
      ] as const) {
        const sw = edge === 'above' ? w.above : w.below;
        if (at === null || sw === undefined || at === 0) continue;
        expect(topOf({ [w.criterion]: at * past }, [sw.line]).get(sw.line)).toBe(sw.to.supplier);
        bounds += 1;
      }
      // Halfway between the weight and each bound, every line keeps its top-1.
      const inside = [w.lo + (w.weight - w.lo) / 2, w.hi === null ? w.weight * 10 : w.weight + (w.hi - w.weight) / 2];
      for (const t of inside) expect(topOf({ [w.criterion]: t })).toEqual(baseTop);
    }
    expect(bounds).toBeGreaterThan(3);
  });

  it('fragile lines are exactly those whose range excludes ±10% of a weight', () => {
    const fromRanges = new Set<string>();
    for (const l of report.lines)
      for (const r of l.ranges) {
        const w = report.weights.find((x) => x.criterion === r.criterion)?.weight ?? 0;
        if (w > 0 && (w * 0.9 <= r.lo || (r.hi !== null && w * 1.1 >= r.hi))) fromRanges.add(l.line);
      }
    expect(new Set(report.fragile.map((f) => f.line))).toEqual(fromRanges);
  });
});

describe('supplymatch sensitivity', () => {
  const { out, err, capture } = captureOutput();
  const dir = async (): Promise<string> => {
    const d = await tempDir('sm-sens-');
    const data = input();
    for (const name of ['items', 'suppliers', 'buyers'] as const) await writeFile(join(d, `${name}.json`), JSON.stringify(data[name]));
    await writeFile(join(d, 'meta.json'), JSON.stringify(data.meta));
    return d;
  };

  it('prints the table, or JSON', async () => {
    const d = await dir();
    capture();
    expect(await sensitivityCommand([d])).toBe(0);
    expect(out.join('')).toContain('Top-1 robustness as of 2021-03-01');
    out.length = 0;
    expect(await sensitivityCommand([d, '--format', 'json', '--weights', 'price=2'])).toBe(0);
    const json = JSON.parse(out.join('')) as SensitivityReport;
    expect(json.weights.find((w) => w.criterion === 'price')?.weight).toBe(2);
  });

  it('exits 2 on wrong use', async () => {
    capture();
    expect(await sensitivityCommand([])).toBe(2);
    expect(await sensitivityCommand(['x', '--delta', '3'])).toBe(2);
    expect(await sensitivityCommand(['x', '--bogus'])).toBe(2);
    expect(err.join('')).toContain('usage: supplymatch sensitivity');
  });
});
