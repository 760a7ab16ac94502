/**
 * gapReport and sensitivity report progress, and the gap report's item totals do not depend on
 * the order of the input lines.
 */
import { describe, expect, it } from 'vitest';
import { gapReport } from '../../src/analysis/gaps.js';
import { sensitivity } from '../../src/analysis/sensitivity.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { Dataset } from '../../src/model/dataset.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { tinyInput } from '../helpers/tiny.js';

describe('progress callbacks', () => {
  const dataset = parseDataset(tinyInput());

  it('gapReport calls onProgress once per line, counting up to the total', () => {
    const calls: [number, number][] = [];
    const report = gapReport(dataset, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.map(([d]) => d)).toEqual(report.lines.map((_, i) => i + 1));
    expect(calls.every(([, t]) => t === report.lines.length)).toBe(true);
  });

  it('sensitivity counts its steps up to a total it reaches, never past it', () => {
    const calls: [number, number][] = [];
    sensitivity(createMatcher(), dataset, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(1);
    for (const [done, total] of calls) expect(done).toBeLessThanOrEqual(total);
    expect(calls.map(([d]) => d)).toEqual(calls.map((_, i) => i + 1));
    const last = calls.at(-1) as [number, number];
    expect(last[0]).toBe(last[1]);
  });
});

describe('gap report item totals', () => {
  it('are shown in the same unit whatever the order of the lines', () => {
    const input = tinyInput();
    input.truth = [];
    const buyer = input.buyers[0] as { demandLines: Record<string, unknown>[] };
    const first = buyer.demandLines[0] as Record<string, unknown>;
    // Two lines of one item, one per month and one per year.
    buyer.demandLines = [
      { ...first, id: 'L-A', quantity: '100 unit/month' },
      { ...first, id: 'L-B', quantity: '1,200 unit/year' },
    ];
    const forward = gapReport(parseDataset(input) as Dataset, { counterfactuals: false });
    buyer.demandLines.reverse();
    const backward = gapReport(parseDataset(input) as Dataset, { counterfactuals: false });
    const demanded = (r: typeof forward): (string | undefined)[] => r.items.map((i) => i.demanded);
    expect(demanded(backward)).toEqual(demanded(forward));
    expect(demanded(forward).some((d) => d?.includes('month'))).toBe(true);
  });
});
