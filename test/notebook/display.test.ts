/**
 * Results display themselves in a notebook: a MIME bundle with an HTML table, a Vega-Lite chart
 * and plain text, behind a non-enumerable Symbol.for('Jupyter.display') that JSON, spreads,
 * structuredClone and deep equality do not see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AllocationPlan } from '../../src/allocate/allocate.js';
import { allocate } from '../../src/allocate-entry.js';
import type { GapReport } from '../../src/analysis/gaps.js';
import type { SensitivityReport } from '../../src/analysis/sensitivity.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher, gapReport, sensitivity } from '../../src/index.js';
import type { MatchResult } from '../../src/engine/result.js';
import type { Dataset } from '../../src/model/dataset.js';
import { displayBundle, displayChart, JUPYTER_DISPLAY, VEGA_LITE_MIME, type MimeBundle } from '../../src/notebook/display.js';
import { allocationBundle, gapReportBundle, matchBundle, sensitivityBundle } from '../../src/notebook/bundles.js';
import { tinyInput } from '../helpers/tiny.js';

/** The data rows of the first HTML table of a bundle (its header row left out). */
function bodyRows(html: string | undefined): string[][] {
  const table = /<table>(.*?)<\/table>/s.exec(html ?? '')?.[1] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1] ?? ''));
}

describe('notebook display of results', () => {
  let dataset: Dataset;
  let result: MatchResult;
  let plan: AllocationPlan;
  let gaps: GapReport;
  let sens: SensitivityReport;

  beforeAll(async () => {
    const input = tinyInput();
    // A name that must be escaped, and Korean text that must come through.
    (input.suppliers[1] as { names: Record<string, string> }).names = { en: 'Westlake <Tubing> & "Co"', ko: '웨스트레이크' };
    dataset = parseDataset(input);
    result = createMatcher().match(dataset);
    plan = await allocate(createMatcher({ topK: 1000 }).match(dataset), dataset);
    gaps = gapReport(dataset, { budget: { funding: 1, information: 1, technical: 1 } });
    sens = sensitivity(createMatcher(), dataset, { delta: 0.5 });
  });

  // What each table must hold, worked out from the result itself rather than from the bundle code.
  const cases: [string, () => object, (bundle: MimeBundle) => void][] = [
    [
      'match result',
      () => result,
      (b) => {
        const rows = bodyRows(b['text/html']);
        expect(rows.map((r) => r[0])).toEqual(result.lines.map((l) => l.line));
        for (const [i, l] of result.lines.entries()) {
          const top = l.candidates[0];
          const supplier = dataset.suppliers.find((s) => s.id === top?.supplier);
          expect(rows[i]?.[3]).toBe(top === undefined ? '-' : (supplier?.names.en ?? supplier?.names.ko ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
          expect(rows[i]?.[8]).toBe(String(l.qualifiedCount));
        }
        expect(b['text/plain']).toContain(`Match of ${result.lines.length} line`);
      },
    ],
    [
      'allocation plan',
      () => plan,
      (b) => {
        const expected = plan.lines.reduce((n, l) => n + l.allocations.length + (l.unmet.share > 0 ? 1 : 0), 0);
        expect(bodyRows(b['text/html'])).toHaveLength(expected);
        expect(b['text/plain']).toContain(`Allocation (${plan.objective}, ${plan.status})`);
      },
    ],
    [
      'gap report',
      () => gaps,
      (b) => {
        expect(bodyRows(b['text/html']).map((r) => r[0])).toEqual(gaps.items.map((i) => i.item));
        expect(b['text/html']).toContain(gaps.plan === undefined ? 'Items by import dependence' : 'Support plan');
      },
    ],
    [
      'sensitivity report',
      () => sens,
      (b) => {
        expect(bodyRows(b['text/html']).map((r) => r[0])).toEqual(sens.weights.map((w) => w.criterion));
        expect(b['text/plain']).toContain('Weight sensitivity (±50%)');
      },
    ],
  ];

  it.each(cases)('a %s shows a table, a chart that carries its data, and text', (_, value, check) => {
    const bundle = displayBundle(value());
    expect(bundle).toBeDefined();
    const b = bundle as MimeBundle;
    expect(Object.keys(b).sort()).toEqual([VEGA_LITE_MIME, 'text/html', 'text/plain'].sort());
    const chart = b[VEGA_LITE_MIME];
    expect(chart?.$schema).toMatch(/vega-lite\/v\d+\.json$/);
    expect(Array.isArray(chart?.data.values)).toBe(true);
    expect(b['text/html']).toMatch(/^<div class="supplymatch">.*<table>.*<\/table>.*<\/div>$/s);
    // The chart is data (JSON), not a function or a class instance.
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    check(b);
  });

  it.each(cases)('a %s stays plain data: JSON, keys, spreads and structuredClone do not see the display', (_, value) => {
    const v = value();
    expect(Object.keys(v)).not.toContain(JUPYTER_DISPLAY.toString());
    expect(Object.getOwnPropertyDescriptor(v, JUPYTER_DISPLAY)?.enumerable).toBe(false);
    expect(JSON.stringify(v)).not.toContain('Jupyter');
    expect(displayBundle({ ...v })).toBeUndefined();
    const clone = structuredClone(v);
    expect(clone).toEqual(v);
    expect(displayBundle(clone)).toBeUndefined();
  });

  it('escapes names in HTML and keeps Korean text', () => {
    const html = [matchBundle(result, { dataset }), allocationBundle(plan, { dataset })].map((b) => b['text/html']).join('');
    expect(html).not.toContain('<Tubing>');
    expect(html).toContain('Westlake &lt;Tubing&gt; &amp; &quot;Co&quot;');
    expect(matchBundle(result, { dataset })['text/html']).toContain('<td>제균필터 0.22um</td>');
  });

  it.each([
    ['match', () => [matchBundle(result, { dataset, limit: 1 }), result.lines.length] as const],
    ['sensitivity', () => [sensitivityBundle(sens, { dataset, limit: 1 }), sens.weights.length] as const],
    ['gaps', () => [gapReportBundle(gaps, { dataset, limit: 1 }), gaps.items.length] as const],
  ])('a %s table stops at limit rows and says how many it left out', (_, make) => {
    const [b, total] = make();
    expect(bodyRows(b['text/html'])).toHaveLength(Math.min(1, total));
    if (total > 1) expect(b['text/html']).toContain(`${total - 1} more row${total - 1 === 1 ? '' : 's'} not shown`);
  });

  it('the bundle is the same for the same result (deterministic)', () => {
    expect(displayBundle(result)).toEqual(displayBundle(createMatcher().match(dataset)));
  });

  it('displayChart shows the chart alone, and keeps the spec readable', () => {
    const spec = matchBundle(result, { dataset })[VEGA_LITE_MIME];
    const shown = displayChart(spec);
    expect(shown.spec).toBe(spec);
    expect(displayBundle(shown)).toEqual({ 'text/plain': 'chart: Top candidate per line', [VEGA_LITE_MIME]: spec });
  });

  it('displayBundle is undefined for values without a display', () => {
    for (const v of [undefined, null, 3, 'text', {}, []]) expect(displayBundle(v)).toBeUndefined();
  });

  it('the package entry point gives the display; the engine and analyses inside give plain results, and matchers made from a displayed one display too', async () => {
    const { createMatcher: plainMatcher } = await import('../../src/engine/matcher.js');
    const { gapReport: plainGaps } = await import('../../src/analysis/gaps.js');
    expect(displayBundle(plainMatcher().match(dataset))).toBeUndefined();
    expect(displayBundle(plainGaps(dataset))).toBeUndefined();
    const weighted = createMatcher().withWeights({ price: 2 }).match(dataset);
    expect(displayBundle(weighted)?.['text/plain']).toContain(weighted.lines[0]?.line ?? 'no line');
  });
});
