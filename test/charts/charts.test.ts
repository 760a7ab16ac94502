import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate, type AllocationPlan } from '../../src/allocate/allocate.js';
import { evaluate, type Evaluation } from '../../src/analysis/evaluate.js';
import { gapReport, type GapReport } from '../../src/analysis/gaps.js';
import { sensitivity, type SensitivityReport } from '../../src/analysis/sensitivity.js';
import { allocationSpec, coverageSpec, evaluationSpec, gapMapSpec, renderSvg, tornadoSpec, utilizationSpec, waterfallSpec, type ChartSpec } from '../../src/charts/index.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { MatchResult } from '../../src/engine/result.js';
import { SupplymatchError } from '../../src/errors.js';
import { sensitivityRows, evaluationRows } from '../../src/format/rows.js';
import { allocationRows } from '../../src/format/allocation-rows.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

const DIR = join(import.meta.dirname, '../../fixtures/incheon-bio');
let dataset: Dataset;
let result: MatchResult;
let gaps: GapReport;
let plan: AllocationPlan;
let sens: SensitivityReport;
let evaluation: Evaluation;

beforeAll(async () => {
  dataset = await loadDataset(DIR);
  const matcher = createMatcher({ topK: 10 });
  result = matcher.match(dataset);
  gaps = gapReport(dataset);
  plan = await allocate(createMatcher({ topK: 1000 }).match(dataset), dataset);
  sens = sensitivity(matcher, dataset);
  evaluation = evaluate(result, dataset.truth ?? []);
});

const values = (spec: ChartSpec) => spec.data.values as readonly Record<string, unknown>[];

describe('chart specs', () => {
  it('waterfall: contributions add up to the candidate score, step by step', () => {
    for (const line of result.lines.filter((l) => l.candidates.length > 1).slice(0, 10))
      for (const c of line.candidates.slice(0, 2)) {
        const v = values(waterfallSpec(result, line.line, { dataset, rank: c.rank }));
        const steps = v.filter((x) => x.kind === 'criterion');
        expect(steps.map((x) => x.criterion)).toEqual(c.outcomes.filter((o) => o.applicable).map((o) => o.criterion));
        for (let i = 1; i < steps.length; i++) expect(steps[i]?.start).toBeCloseTo(steps[i - 1]?.end as number, 5);
        expect(steps.at(-1)?.end).toBeCloseTo(c.score, 5);
        expect(v.at(-1)).toMatchObject({ criterion: 'total', start: 0 });
      }
  });

  it('waterfall refuses a line not in the result and a rank not there', () => {
    expect(() => waterfallSpec(result, 'NO-SUCH-LINE')).toThrow(SupplymatchError);
    expect(() => waterfallSpec(result, result.lines[0]?.line ?? '', { rank: 10_000 })).toThrow(/no candidate ranked 10000/);
    expect(() => waterfallSpec(result, result.lines[0]?.line ?? '', { width: -1 })).toThrow(SupplymatchError);
  });

  it('coverage: each item’s domestic, foreign and unmet shares are in [0, 1] and add to at most 1', () => {
    const v = values(coverageSpec(gaps));
    expect(v).toHaveLength(3 * gaps.items.length);
    for (const item of gaps.items) {
      const shares = v.filter((x) => x.item === item.item).map((x) => x.share as number);
      for (const s of shares) expect(s).toBeGreaterThanOrEqual(0);
      expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it('gap map: counts lines whose near misses are blocked, never more than the lines that have near misses', () => {
    const v = values(gapMapSpec(gaps));
    expect(v.length).toBeGreaterThan(0);
    const withMisses = gaps.lines.filter((g) => g.nearMisses.some((n) => n.deficits.some((d) => d.blocking))).length;
    for (const cell of v) {
      expect(cell.lines as number).toBeGreaterThan(0);
      expect(cell.lines as number).toBeLessThanOrEqual(withMisses);
      expect(cell.nearMisses as number).toBeGreaterThanOrEqual(cell.lines as number);
    }
  });

  it('allocation: a line’s shares, unmet included, add up to 1; utilization stays in [0, 1]', () => {
    const v = values(allocationSpec(plan, { dataset }));
    expect(v).toHaveLength(allocationRows(plan).length);
    for (const l of plan.lines) {
      const total = v.filter((x) => x.line === l.line).reduce((n, x) => n + (x.share as number), 0);
      if (l.allocations.length > 0 || l.unmet.quantity > 0) expect(total).toBeCloseTo(1, 4);
    }
    for (const x of values(utilizationSpec(plan, { dataset }))) expect(x.utilization as number).toBeLessThanOrEqual(1 + 1e-6);
    // The legend lists the origins the data holds, in a fixed order, and nothing else.
    const spec = allocationSpec(plan, { dataset });
    const domain = (spec.encoding as { color: { scale: { domain: string[] } } }).color.scale.domain;
    expect(domain).toEqual(['domestic', 'foreign', 'unknown', 'unmet'].filter((o) => v.some((x) => x.origin === o)));
  });

  it('tornado: every weight lies within its range', () => {
    const v = values(tornadoSpec(sens));
    expect(v).toHaveLength(sens.weights.length);
    for (const x of v) {
      expect(x.lo as number).toBeLessThanOrEqual((x.weight as number) + 1e-9);
      expect(x.hi as number).toBeGreaterThanOrEqual((x.weight as number) - 1e-9);
    }
    const rows = sensitivityRows(sens, { dataset });
    expect(rows).toHaveLength(sens.lines.reduce((n, l) => n + l.ranges.length, 0));
    expect(rows.filter((r) => r.fragile)).toHaveLength(sens.fragile.length);
  });

  it('evaluation: four metrics per buyer and overall', () => {
    const v = values(evaluationSpec(evaluation));
    expect(v).toHaveLength(4 * (evaluation.byBuyer.length + 1));
    expect(v.filter((x) => x.buyer === 'all' && x.metric === 'P@1')[0]?.value).toBeCloseTo(evaluation.overall.pAt1, 5);
    const rows = evaluationRows(evaluation, { dataset });
    expect(rows).toHaveLength(evaluation.lines.length);
    expect(rows.filter((r) => !r.agrees)).toHaveLength(evaluation.disagreements.length);
  });

  it('specs are plain JSON and carry their data', () => {
    const line = result.lines.find((l) => l.candidates.length > 0)?.line ?? '';
    for (const spec of [waterfallSpec(result, line), coverageSpec(gaps), gapMapSpec(gaps), allocationSpec(plan), utilizationSpec(plan), tornadoSpec(sens), evaluationSpec(evaluation)]) {
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(Array.isArray(spec.data.values)).toBe(true);
    }
  });
});

describe('renderSvg', () => {
  it('draws every chart to SVG with its title, the same bytes twice', async () => {
    const line = result.lines.find((l) => l.candidates.length > 0)?.line ?? '';
    const specs = [waterfallSpec(result, line, { dataset }), coverageSpec(gaps), gapMapSpec(gaps), allocationSpec(plan, { dataset }), utilizationSpec(plan), tornadoSpec(sens), evaluationSpec(evaluation)];
    for (const spec of specs) {
      const svg = await renderSvg(spec);
      expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const title = typeof spec.title === 'string' ? spec.title : spec.title.text;
      expect(svg).toContain(title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      expect(await renderSvg(spec)).toBe(svg);
    }
  });

  it('refuses a spec vega-lite cannot compile', async () => {
    await expect(renderSvg({ $schema: 'x', title: 't', data: { values: [] }, mark: 'nonsense' })).rejects.toThrow(SupplymatchError);
  });
});
