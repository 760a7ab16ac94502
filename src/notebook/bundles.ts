/**
 * The MIME bundles results show in a notebook: a heading, a table or two (HTML, and plain text
 * for consoles) and a Vega-Lite chart that carries its data. Built from the tidy rows and the
 * chart specs, so a notebook shows what a CSV or the report holds.
 */
import type { AllocationPlan } from '../allocate/allocate.js';
import type { GapReport } from '../analysis/gaps.js';
import type { SensitivityReport } from '../analysis/sensitivity.js';
import { allocationSpec, coverageSpec, topScoresSpec, tornadoSpec } from '../charts/specs.js';
import type { MatchResult } from '../engine/result.js';
import { allocationRows } from '../format/allocation-rows.js';
import { percentText, roundForOutput } from '../format/round.js';
import { matchRows, sensitivityRows, type RowNamingOptions } from '../format/rows.js';
import { mimeBundle, tableBundleParts, type ResultBundle } from './display.js';

/** Options of the bundle builders. */
export interface BundleOptions extends RowNamingOptions {
  /** Most rows per table; default 60. */
  readonly limit?: number;
}

const DEFAULTS = Object.freeze({ limit: 60 });

const origin = (domestic: boolean | null): string => (domestic === null ? '' : domestic ? 'domestic' : 'foreign');
const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/**
 * What a match result shows in a notebook: each line's top candidate (named, with country and
 * score; `-` for a line nobody qualifies for) and the chart of top scores per line.
 *
 * @example
 * matchBundle(createMatcher().match(dataset), { dataset })['text/plain'].split('\n')[0];
 * // => 'Match of 46 lines: 42 with a qualified supplier (weightedSum, top 10)'
 */
export function matchBundle(result: MatchResult, options?: BundleOptions): ResultBundle {
  const rows = matchRows(result, { ...options, rejected: false, uncovered: true }).filter((r) => r.status === 'uncovered' || r.rank === 1);
  const table = tableBundleParts(
    rows,
    [
      { header: 'line', value: (r) => r.line },
      { header: 'buyer', value: (r) => r.buyer },
      { header: 'request', value: (r) => r.request },
      { header: '#1 supplier', value: (r) => (r.status === 'uncovered' ? '-' : (r.supplierName ?? r.supplier)) },
      { header: 'offering', value: (r) => r.offering },
      { header: 'country', value: (r) => r.country },
      { header: 'origin', value: (r) => origin(r.domestic) },
      { header: 'score', value: (r) => (r.score === null ? null : r.score.toFixed(3)), align: 'right' },
      { header: 'qualified', value: (r) => r.qualifiedCount, align: 'right' },
    ],
    options?.limit ?? DEFAULTS.limit,
  );
  const s = result.stats;
  return mimeBundle(
    `Match of ${plural(s.lines, 'line')}: ${s.linesWithCandidates} with a qualified supplier (${result.settings.aggregate}, top ${result.settings.topK})`,
    [table],
    topScoresSpec(result, options),
  );
}

/**
 * What an allocation plan shows in a notebook: its status and totals, who supplies which share
 * of each line (and what is left unmet, with why), and the chart of shares per line.
 *
 * @example
 * allocationBundle(await allocate(result, dataset), { dataset })['text/plain'].split('\n')[0];
 * // => 'Allocation (score, optimal): 38 of 46 lines fully served, 2 partly, 6 unserved; served 85.2%, domestic 61.4%'
 */
export function allocationBundle(plan: AllocationPlan, options?: BundleOptions): ResultBundle {
  const t = plan.totals;
  const table = tableBundleParts(
    allocationRows(plan, options),
    [
      { header: 'line', value: (r) => r.line },
      { header: 'supplier', value: (r) => (r.status === 'unmet' ? '(unmet)' : (r.supplierName ?? r.supplier)) },
      { header: 'offering', value: (r) => r.offering },
      { header: 'origin', value: (r) => (r.status === 'unmet' ? '' : origin(r.domestic)) },
      { header: 'share', value: (r) => percentText(r.share), align: 'right' },
      { header: 'quantity', value: (r) => r.quantityText, align: 'right' },
      { header: 'why unmet', value: (r) => r.reason },
    ],
    options?.limit ?? DEFAULTS.limit,
  );
  const problems = [...plan.conflicts.map((c) => `conflict: ${c.message}`), ...plan.relaxed.map((c) => `relaxed: ${c.message}`), ...plan.warnings.map((w) => `warning: ${w}`)];
  const notes = problems.length === 0 ? [] : [tableBundleParts(problems, [{ header: 'note', value: (p) => p }], options?.limit ?? DEFAULTS.limit)];
  return mimeBundle(
    `Allocation (${plan.objective}, ${plan.status}): ${t.fullyServed} of ${plural(t.lines, 'line')} fully served, ${t.partlyServed} partly, ${t.unserved} unserved; served ${percentText(t.servedShare)}, domestic ${percentText(t.domesticShare)}`,
    [table, ...notes],
    allocationSpec(plan, options),
  );
}

/**
 * What a gap report shows in a notebook: the lines per class, the items by import dependence,
 * the support plan when the report was given a budget, and the chart of coverage per item.
 *
 * @example
 * gapReportBundle(gapReport(dataset, { budget: { funding: 3, information: 5, technical: 2 } }), { dataset })['text/html'].includes('Support plan'); // => true
 */
export function gapReportBundle(report: GapReport, options?: BundleOptions): ResultBundle {
  const limit = options?.limit ?? DEFAULTS.limit;
  const c = report.counts;
  const items = tableBundleParts(
    report.items,
    [
      { header: 'item', value: (i) => i.item },
      { header: 'name', value: (i) => i.name },
      { header: 'category', value: (i) => i.category },
      { header: 'lines', value: (i) => i.lines.length, align: 'right' },
      { header: 'domestic', value: (i) => percentText(i.domesticShare), align: 'right' },
      { header: 'import dependence', value: (i) => percentText(i.importDependence), align: 'right' },
      { header: 'unserved', value: (i) => percentText(i.unserved), align: 'right' },
    ],
    limit,
  );
  const plan = report.plan;
  const steps =
    plan === undefined
      ? []
      : [
          {
            title: `Support plan (${plan.method}${plan.optimal ? ', optimal' : ''}): opens ${roundForOutput(plan.gain)} line-equivalents over ${plural(plan.lines.length, 'line')}, ${plan.completed.length} fully domestic`,
            ...tableBundleParts(
              plan.steps.map((s, i) => ({ ...s, step: i + 1 })),
              [
                { header: 'step', value: (s) => s.step, align: 'right' },
                { header: 'actions', value: (s) => s.actions.map((a) => a.id).join(' + ') },
                { header: 'cost', value: (s) => roundForOutput(s.cost), align: 'right' },
                { header: 'gain', value: (s) => roundForOutput(s.gain), align: 'right' },
                { header: 'lines', value: (s) => s.lines.join(', ') },
              ],
              limit,
            ),
          },
        ];
  return mimeBundle(
    `Gap report as of ${report.asOf} (domestic = ${report.domesticCountry}): ${plural(c.lines, 'line')}, ${c.domestic} domestic, ${c.partial} partial, ${c['foreign-only']} foreign-only, ${c.uncovered} uncovered; ${plural(c.nearMisses, 'near miss', 'near misses')}`,
    [{ title: 'Items by import dependence', ...items }, ...steps],
    coverageSpec(report, options),
  );
}

/**
 * What a sensitivity report shows in a notebook: each weight's range that keeps every top-1,
 * the fragile lines (whose top-1 changes when one weight moves by ±delta), and the tornado chart.
 *
 * @example
 * sensitivityBundle(sensitivity(matcher, dataset), { dataset })['text/plain'].split('\n')[0];
 * // => 'Weight sensitivity (±10%): 3 fragile lines of 46'
 */
export function sensitivityBundle(report: SensitivityReport, options?: BundleOptions): ResultBundle {
  const limit = options?.limit ?? DEFAULTS.limit;
  const weights = tableBundleParts(
    report.weights,
    [
      { header: 'criterion', value: (w) => w.criterion },
      { header: 'weight', value: (w) => roundForOutput(w.weight), align: 'right' },
      { header: 'lo', value: (w) => roundForOutput(w.lo), align: 'right' },
      { header: 'hi', value: (w) => (w.hi === null ? '∞' : roundForOutput(w.hi)), align: 'right' },
      { header: 'first change below', value: (w) => w.below?.line },
      { header: 'first change above', value: (w) => w.above?.line },
    ],
    limit,
  );
  const fragileRows = sensitivityRows(report, options).filter((r) => r.fragile);
  const fragile = tableBundleParts(
    fragileRows,
    [
      { header: 'line', value: (r) => r.line },
      { header: 'criterion', value: (r) => r.criterion },
      { header: '#1', value: (r) => r.topName ?? r.topSupplier },
      { header: 'margin', value: (r) => r.margin, align: 'right' },
      { header: 'lo', value: (r) => r.lo, align: 'right' },
      { header: 'hi', value: (r) => r.hi ?? '∞', align: 'right' },
    ],
    limit,
  );
  const lines = new Set(fragileRows.map((r) => r.line)).size;
  return mimeBundle(
    `Weight sensitivity (±${percentText(report.delta)}): ${plural(lines, 'fragile line')} of ${report.lines.length}`,
    [{ title: 'Weight ranges that keep every top-1', ...weights }, { title: 'Fragile lines', ...fragile }],
    tornadoSpec(report, options),
  );
}
