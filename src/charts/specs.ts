/**
 * Charts as Vega-Lite specs that carry their data (`data.values`), so that one spec renders in
 * JupyterLab, VS Code, the Vega editor and the HTML report alike. Building a spec needs no
 * rendering library; `renderSvg` (in `render.ts`) draws one without a browser.
 */
import type { AllocationPlan } from '../allocate/allocate.js';
import type { Evaluation } from '../analysis/evaluate.js';
import type { GapReport } from '../analysis/gaps.js';
import type { SensitivityReport } from '../analysis/sensitivity.js';
import type { MatchResult } from '../engine/result.js';
import { SupplymatchError } from '../errors.js';
import { allocationRows, utilizationRows } from '../format/allocation-rows.js';
import { roundForOutput } from '../format/round.js';
import { gapRows, namesOf, type RowNamingOptions } from '../format/rows.js';

/** The Vega-Lite schema the specs are written for. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A Vega-Lite spec whose data is inline: plain JSON, ready for any Vega-Lite renderer. */
export interface ChartSpec {
  readonly $schema: string;
  readonly title: string | { readonly text: string; readonly subtitle?: string };
  readonly data: { readonly values: readonly Readonly<Record<string, string | number | boolean | null>>[] };
  readonly [key: string]: unknown;
}

/** Options shared by the chart builders. */
export interface ChartOptions extends RowNamingOptions {
  /** Width of the plot area in pixels; default 480. */
  readonly width?: number;
}

const ORIGIN_COLORS: readonly (readonly [string, string])[] = [
  ['domestic', '#2a7ab0'],
  ['foreign', '#e3883a'],
  ['unknown', '#9a9a9a'],
  ['unmet', '#d9d9d9'],
];

/** The colour scale of origins, with only the origins the data holds (so the legend lists no empty entry). */
function originScale(values: readonly { readonly [k: string]: unknown }[], field: string): { domain: string[]; range: string[] } {
  const present = new Set(values.map((v) => v[field]));
  const used = ORIGIN_COLORS.filter(([o]) => present.has(o));
  return { domain: used.map(([o]) => o), range: used.map(([, c]) => c) };
}

function width(options: ChartOptions | undefined): number {
  const w = options?.width ?? 480;
  if (!Number.isFinite(w) || w < 50 || w > 5000)
    throw new SupplymatchError([{ path: 'width', code: 'out_of_range', message: `a chart's width is 50 to 5000 pixels, not ${w}` }]);
  return w;
}

function origin(domestic: boolean | null): string {
  return domestic === null ? 'unknown' : domestic ? 'domestic' : 'foreign';
}

/** Options of {@link waterfallSpec}. */
export interface WaterfallOptions extends ChartOptions {
  /** The rank of the candidate to draw (1-based); default 1. */
  readonly rank?: number;
}

/**
 * A score waterfall for one candidate of one line: each applicable criterion's contribution
 * stacked from 0 up to the candidate's total, then the total. Throws a `SupplymatchError` when the
 * line is not in the result or has no candidate of that rank.
 *
 * @example
 * const spec = waterfallSpec(result, 'D-001', { dataset });
 * spec.data.values.at(-1); // => { criterion: 'total', start: 0, end: 0.93, contribution: 0.93, ... }
 */
export function waterfallSpec(result: MatchResult, line: string, options?: WaterfallOptions): ChartSpec {
  const rank = options?.rank ?? 1;
  const found = result.lines.find((l) => l.line === line);
  const candidate = found?.candidates.find((c) => c.rank === rank);
  if (!found || !candidate)
    throw new SupplymatchError([
      { path: 'line', code: 'not_found', message: found ? `line ${line} has no candidate ranked ${rank}` : `line ${line} is not in the result` },
    ]);
  const supplier = namesOf(options).supplier(candidate.supplier);
  const values: Record<string, string | number | boolean | null>[] = [];
  let start = 0;
  candidate.outcomes.forEach((o, order) => {
    if (!o.applicable) return;
    const end = start + o.contribution;
    values.push({ order, criterion: o.criterion, score: roundForOutput(o.score), weight: o.weight, contribution: roundForOutput(o.contribution), start: roundForOutput(start), end: roundForOutput(end), kind: 'criterion' });
    start = end;
  });
  values.push({ order: candidate.outcomes.length, criterion: 'total', score: roundForOutput(candidate.score), weight: null, contribution: roundForOutput(candidate.score), start: 0, end: roundForOutput(candidate.score), kind: 'total' });
  const who = supplier.supplierName ? `${supplier.supplierName} (${candidate.offering})` : `${candidate.supplier}/${candidate.offering}`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${line}: #${rank} ${who}`, subtitle: `score ${roundForOutput(candidate.score)} by criterion (${result.settings.aggregate})` },
    width: width(options),
    height: 220,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'criterion', type: 'nominal', sort: { field: 'order' }, axis: { labelAngle: -30, title: null } },
      y: { field: 'start', type: 'quantitative', title: 'score', scale: { domain: [0, 1] } },
      y2: { field: 'end' },
      color: { field: 'kind', type: 'nominal', scale: { domain: ['criterion', 'total'], range: ['#2a7ab0', '#555555'] }, legend: null },
    },
  };
}

/**
 * The top candidate's score per line, coloured by the supplier's origin (domestic, foreign,
 * unknown); a line with no qualified candidate has a bar of 0 marked `unmet`.
 *
 * @example
 * topScoresSpec(createMatcher().match(dataset), { dataset }).data.values[0];
 * // => { line: 'D-001', supplier: 'S-005', name: 'Hanul Membrane Co., Ltd.', origin: 'domestic', score: 0.93, qualified: 4 }
 */
export function topScoresSpec(result: MatchResult, options?: ChartOptions): ChartSpec {
  const names = namesOf(options);
  const values = result.lines.map((l, order) => {
    const top = l.candidates[0];
    const s = names.supplier(top?.supplier ?? null);
    return {
      order,
      line: l.line,
      supplier: top?.supplier ?? null,
      name: s.supplierName ?? top?.supplier ?? '(none)',
      origin: top === undefined ? 'unmet' : origin(s.domestic),
      score: top === undefined ? 0 : roundForOutput(top.score),
      qualified: l.qualifiedCount,
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Top candidate per line', subtitle: 'the best qualified supplier’s score, by origin' },
    width: width(options),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'line', type: 'nominal', sort: { field: 'order' }, title: null },
      x: { field: 'score', type: 'quantitative', scale: { domain: [0, 1] }, title: 'score of #1' },
      color: { field: 'origin', type: 'nominal', scale: originScale(values, 'origin'), title: null },
      tooltip: [{ field: 'line' }, { field: 'name' }, { field: 'supplier' }, { field: 'score' }, { field: 'qualified' }],
    },
  };
}

/**
 * Coverage of demand per item, grouped by category: the share of each item's demanded volume
 * that domestic suppliers can cover, that only foreign suppliers cover, and that nobody covers
 * (from the gap report's items).
 *
 * @example
 * coverageSpec(gapReport(dataset)).data.values[0]; // => { category: 'filtration', item: 'IT-STF-10', source: 'domestic', share: 0.6, ... }
 */
export function coverageSpec(report: GapReport, options?: ChartOptions): ChartSpec {
  const values = report.items.flatMap((i) => {
    const label = `${i.name ?? i.item}`;
    const common = { category: i.category ?? '', item: i.item, label, lines: i.lines.length, weighting: i.weighting };
    return [
      { ...common, source: 'domestic', share: roundForOutput(i.domesticShare) },
      { ...common, source: 'foreign', share: roundForOutput(i.importDependence) },
      { ...common, source: 'unmet', share: roundForOutput(i.unserved) },
    ];
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Coverage of demand per item', subtitle: `domestic (${report.domesticCountry}) and foreign capacity against demand, by category` },
    width: width(options),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'category' }, title: null },
      x: { field: 'share', type: 'quantitative', stack: 'zero', title: 'share of demand', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'source', type: 'nominal', scale: originScale(values, 'source'), title: null },
      order: { field: 'source', sort: 'ascending' },
      detail: { field: 'category' },
    },
  };
}

/**
 * The gap map: for each kind of deficit and the support type that closes it, how many demand
 * lines have a domestic near miss blocked by it (a heat map with the counts written in).
 *
 * @example
 * gapMapSpec(gapReport(dataset)).data.values; // => [{ support: 'information', kind: 'certificate', lines: 5, nearMisses: 9 }, ...]
 */
export function gapMapSpec(report: GapReport, options?: ChartOptions): ChartSpec {
  const cells = new Map<string, { support: string; kind: string; lines: Set<string>; nearMisses: Set<string> }>();
  for (const r of gapRows(report))
    if (r.blocking === true && r.support !== null && r.kind !== null) {
      const key = `${r.support}\u0000${r.kind}`;
      const cell = cells.get(key) ?? { support: r.support, kind: r.kind, lines: new Set(), nearMisses: new Set() };
      cell.lines.add(r.line);
      cell.nearMisses.add(`${r.line}/${r.offering ?? ''}`);
      cells.set(key, cell);
    }
  const values = [...cells.values()]
    .map((c) => ({ support: c.support, kind: c.kind, lines: c.lines.size, nearMisses: c.nearMisses.size }))
    .sort((a, b) => (a.support < b.support ? -1 : a.support > b.support ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const base = { x: { field: 'support', type: 'nominal', title: 'support type', axis: { labelAngle: 0 } }, y: { field: 'kind', type: 'nominal', title: 'deficit' } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Gap map: what blocks domestic suppliers', subtitle: 'demand lines with a domestic near miss blocked by each deficit' },
    width: Math.min(width(options), 360),
    data: { values },
    layer: [
      { mark: { type: 'rect', tooltip: true }, encoding: { ...base, color: { field: 'lines', type: 'quantitative', title: 'lines', scale: { scheme: 'oranges' } } } },
      { mark: { type: 'text' }, encoding: { ...base, text: { field: 'lines', type: 'quantitative' } } },
    ],
  };
}

/**
 * Allocation shares per line: each line's demand split among its suppliers (coloured domestic
 * or foreign), and the part left unmet.
 *
 * @example
 * allocationSpec(await allocate(result, dataset), { dataset }).data.values[0];
 * // => { line: 'D-001', supplier: 'S-001', name: 'Hanul Membrane Co., Ltd.', origin: 'domestic', share: 0.7, ... }
 */
export function allocationSpec(plan: AllocationPlan, options?: ChartOptions): ChartSpec {
  const values = allocationRows(plan, options).map((r) => ({
    line: r.line,
    supplier: r.supplier ?? '(unmet)',
    name: r.supplierName ?? r.supplier ?? '(unmet)',
    offering: r.offering,
    origin: r.status === 'unmet' ? 'unmet' : origin(r.domestic),
    share: r.share,
    quantity: r.quantityText,
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Allocation shares per line', subtitle: `${plan.objective} objective, ${plan.status}` },
    width: width(options),
    data: { values },
    mark: { type: 'bar', tooltip: true, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'line', type: 'nominal', title: null },
      x: { field: 'share', type: 'quantitative', stack: 'zero', title: 'share of demand', axis: { format: '%' } },
      color: { field: 'origin', type: 'nominal', scale: originScale(values, 'origin'), title: null },
      detail: { field: 'supplier' },
      tooltip: [{ field: 'line' }, { field: 'name' }, { field: 'offering' }, { field: 'quantity' }, { field: 'share', format: '.0%' }],
    },
  };
}

/**
 * Supplier utilization: the part of each used offering's capacity the allocation takes
 * (offerings of unknown capacity are left out).
 *
 * @example
 * utilizationSpec(plan, { dataset }).data.values[0]; // => { offering: 'S-001-O1', name: '...', utilization: 0.8, ... }
 */
export function utilizationSpec(plan: AllocationPlan, options?: ChartOptions): ChartSpec {
  const values = utilizationRows(plan, options)
    .filter((r) => r.utilization !== null)
    .map((r) => ({ offering: r.offering, supplier: r.supplier, name: r.supplierName ?? r.supplier, origin: origin(r.domestic), utilization: r.utilization, capacity: r.capacityText, lines: r.lines }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Supplier utilization', subtitle: 'share of each offering’s capacity the allocation uses' },
    width: width(options),
    data: { values },
    mark: { type: 'bar', tooltip: true, clip: true },
    encoding: {
      y: { field: 'offering', type: 'nominal', sort: '-x', title: null },
      x: { field: 'utilization', type: 'quantitative', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'origin', type: 'nominal', scale: originScale(values, 'origin'), title: null },
    },
  };
}

/**
 * A weight-sensitivity tornado: for each criterion, the range of its weight (the others fixed)
 * over which every line keeps its top-1, with a tick at the configured weight. An unbounded
 * range is drawn to twice the largest finite bound and marked `open`.
 *
 * @example
 * tornadoSpec(sensitivity(matcher, dataset)).data.values[0]; // => { criterion: 'price', weight: 0.1, lo: 0.06, hi: 0.13, open: false, ... }
 */
export function tornadoSpec(report: SensitivityReport, options?: ChartOptions): ChartSpec {
  const finite = report.weights.flatMap((w) => (w.hi === null ? [w.weight, w.lo] : [w.weight, w.lo, w.hi]));
  const cap = 2 * Math.max(0.01, ...finite);
  const values = report.weights.map((w) => ({
    criterion: w.criterion,
    weight: roundForOutput(w.weight),
    lo: roundForOutput(w.lo),
    hi: roundForOutput(w.hi ?? cap),
    open: w.hi === null,
    width: roundForOutput((w.hi ?? cap) - w.lo),
    fragileLines: report.fragile.filter((f) => f.criterion === w.criterion).length,
  }));
  const y = { field: 'criterion', type: 'nominal', sort: { field: 'width', order: 'ascending' }, title: null };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Weight sensitivity', subtitle: 'range of each weight that keeps every line’s top-1 (tick: the weight used)' },
    width: width(options),
    data: { values },
    layer: [
      { mark: { type: 'bar', tooltip: true, color: '#9ecae1' }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'weight' }, x2: { field: 'hi' } } },
      { mark: { type: 'tick', color: '#08306b', thickness: 2 }, encoding: { y, x: { field: 'weight', type: 'quantitative' } } },
    ],
  };
}

/**
 * Evaluation metrics per buyer (P@1, P@k, MRR, nDCG@k) as grouped bars, with the overall
 * figures as the buyer `all`.
 *
 * @example
 * evaluationSpec(evaluate(result, dataset.truth ?? [])).data.values[0]; // => { buyer: 'B-01', metric: 'P@1', value: 0.9, lines: 10 }
 */
export function evaluationSpec(evaluation: Evaluation, options?: ChartOptions): ChartSpec {
  const groups = [...evaluation.byBuyer, { buyer: 'all', ...evaluation.overall }];
  const values = groups.flatMap((g) => [
    { buyer: g.buyer, metric: 'P@1', value: roundForOutput(g.pAt1), lines: g.lines },
    { buyer: g.buyer, metric: `P@${evaluation.k}`, value: roundForOutput(g.pAtK), lines: g.lines },
    { buyer: g.buyer, metric: 'MRR', value: roundForOutput(g.mrr), lines: g.lines },
    { buyer: g.buyer, metric: `nDCG@${evaluation.k}`, value: roundForOutput(g.ndcgAtK), lines: g.lines },
  ]);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Ranking quality per buyer', subtitle: 'against the hand-labelled truth' },
    width: width(options),
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'buyer', type: 'nominal', title: null },
      xOffset: { field: 'metric', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
      color: { field: 'metric', type: 'nominal', title: null },
    },
  };
}
