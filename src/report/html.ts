/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no network) that a
 * programme officer opens in any browser. This module only writes text from results; running
 * the analyses is `createReport`'s job.
 */
import type { AllocationPlan } from '../allocate/allocate.js';
import type { Evaluation } from '../analysis/evaluate.js';
import type { GapReport } from '../analysis/gaps.js';
import type { SensitivityReport } from '../analysis/sensitivity.js';
import { allocationSpec, coverageSpec, evaluationSpec, gapMapSpec, tornadoSpec, utilizationSpec, waterfallSpec, type ChartSpec } from '../charts/specs.js';
import { renderSvg } from '../charts/render.js';
import { explain } from '../engine/explain.js';
import type { MatchResult } from '../engine/result.js';
import { SupplymatchError } from '../errors.js';
import { escapeHtml } from '../format/html-escape.js';
import { percentText } from '../format/round.js';
import { namesOf } from '../format/rows.js';
import type { Dataset } from '../model/dataset.js';

/** The results a report shows; all but the dataset, the match and the gap report are optional sections. */
export interface ReportParts {
  readonly dataset: Dataset;
  readonly result: MatchResult;
  readonly gaps: GapReport;
  readonly plan?: AllocationPlan;
  readonly sensitivity?: SensitivityReport;
  readonly evaluation?: Evaluation;
}

/** Options of {@link reportHtml}. */
export interface ReportHtmlOptions {
  /** The page's title; default `Supplier match report: <dataset name>`. */
  readonly title?: string;
  /** Candidates listed per line; default 3. */
  readonly top?: number;
  /** Lines whose top candidate gets a score waterfall (the first ones in dataset order); default 60. */
  readonly waterfalls?: number;
  /** Called after each chart is drawn, with how many are drawn and how many there are. */
  readonly onProgress?: (done: number, total: number) => void;
}

const DEFAULTS = Object.freeze({ top: 3, waterfalls: 60 });

export { escapeHtml };

const pct = percentText;
const fixed = (x: number, digits = 3): string => x.toFixed(digits);

const STYLE = `
body{font-family:"Noto Sans KR","Noto Sans CJK KR","NanumGothic","Malgun Gothic","Apple SD Gothic Neo",system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1b1b1b;line-height:1.45}
h1{font-size:1.7em;margin-bottom:0}h2{border-bottom:2px solid #2a7ab0;padding-bottom:4px;margin-top:2.2em}h3{margin:1.4em 0 .4em;font-size:1.05em}
.sub{color:#555;margin-top:4px}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.stats td:first-child{color:#555}
.chart{margin:1em 0;overflow-x:auto}.chart svg{max-width:100%;height:auto}
.line{border-left:3px solid #d0dbe5;padding-left:12px;margin:1.2em 0}
.domestic{color:#2a7ab0;font-weight:600}.foreign{color:#b86114}
.why{color:#333;font-size:.88em}.none{color:#a33}
nav a{margin-right:1em}
@media print{.line{break-inside:avoid}}
`;

interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

/**
 * Writes the HTML report of a match: a summary, coverage per item and the gap map, the
 * allocation, the support plan, weight sensitivity, ranking quality and, per line, the ranked
 * candidates with their reasons and the top candidate's score waterfall. Charts are inline SVG;
 * the page needs nothing else to open. The same parts give the same bytes.
 *
 * @example
 * const html = await reportHtml({ dataset, result, gaps: gapReport(dataset) });
 * html.startsWith('<!doctype html>'); // => true
 */
export async function reportHtml(parts: ReportParts, options?: ReportHtmlOptions): Promise<string> {
  const top = options?.top ?? DEFAULTS.top;
  const waterfalls = options?.waterfalls ?? DEFAULTS.waterfalls;
  for (const [name, value] of [['top', top], ['waterfalls', waterfalls]] as const)
    if (!Number.isInteger(value) || value < 0) throw new SupplymatchError([{ path: name, code: 'invalid', message: `${name} is a whole number >= 0, not ${value}` }]);
  const { dataset, result, gaps, plan, sensitivity, evaluation } = parts;
  const naming = { dataset, domesticCountry: gaps.domesticCountry };
  const names = namesOf(naming);

  // Charts first, in page order, each with its own id prefix so that gradients do not clash.
  const specs: { key: string; spec: ChartSpec }[] = [
    { key: 'coverage', spec: coverageSpec(gaps, naming) },
    { key: 'gapmap', spec: gapMapSpec(gaps, naming) },
  ];
  if (plan) specs.push({ key: 'allocation', spec: allocationSpec(plan, naming) }, { key: 'utilization', spec: utilizationSpec(plan, naming) });
  if (sensitivity) specs.push({ key: 'tornado', spec: tornadoSpec(sensitivity, naming) });
  if (evaluation) specs.push({ key: 'evaluation', spec: evaluationSpec(evaluation, naming) });
  const waterfallLines = result.lines.filter((l) => l.candidates.length > 0).slice(0, waterfalls);
  for (const l of waterfallLines) specs.push({ key: `waterfall-${l.line}`, spec: waterfallSpec(result, l.line, { ...naming, width: 360 }) });
  const svgs = new Map<string, string>();
  for (const [i, { key, spec }] of specs.entries()) {
    svgs.set(key, await renderSvg(spec, { idPrefix: `c${i}-` }));
    options?.onProgress?.(i + 1, specs.length);
  }
  const chart = (key: string): string => (svgs.has(key) ? `<figure class="chart" data-chart="${escapeHtml(key)}">${svgs.get(key)}</figure>` : '');

  const offerings = dataset.suppliers.reduce((n, s) => n + s.offerings.length, 0);
  const domesticSuppliers = dataset.suppliers.filter((s) => s.country === gaps.domesticCountry).length;
  const c = gaps.counts;
  const stats: [string, string][] = [
    ['as of', result.settings.asOf],
    ['demand lines', `${result.stats.lines} from ${dataset.buyers.length} buyers`],
    ['suppliers', `${dataset.suppliers.length} (${domesticSuppliers} domestic, ${dataset.suppliers.length - domesticSuppliers} foreign) with ${offerings} offerings`],
    ['lines with a qualified supplier', `${result.stats.linesWithCandidates} of ${result.stats.lines}`],
    [`lines by domestic (${gaps.domesticCountry}) coverage`, `${c.domestic} domestic, ${c.partial} partial, ${c['foreign-only']} foreign-only, ${c.uncovered} uncovered`],
  ];
  if (plan)
    stats.push([
      'allocation',
      `${plan.status}; ${plan.totals.fullyServed} lines fully served, ${plan.totals.partlyServed} partly, ${plan.totals.unserved} unserved; ${pct(plan.totals.servedShare)} of demand served, ${pct(plan.totals.domesticShare)} of it domestic`,
    ]);
  if (sensitivity) stats.push(['fragile lines', `${new Set(sensitivity.fragile.map((f) => f.line)).size} lines change their top-1 when a weight moves by ${sensitivity.delta}`]);
  if (evaluation) stats.push(['ranking quality', `P@1 ${fixed(evaluation.overall.pAt1)}, MRR ${fixed(evaluation.overall.mrr)} over ${evaluation.overall.lines} labelled lines`]);

  const sections: Section[] = [
    { id: 'summary', title: 'Summary', html: `<table class="stats">${stats.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` },
    { id: 'coverage', title: 'Coverage and gap map', html: chart('coverage') + chart('gapmap') + supportTable(gaps) },
  ];
  if (gaps.plan) sections.push({ id: 'support-plan', title: 'Support plan', html: supportPlanHtml(gaps) });
  if (plan) sections.push({ id: 'allocation', title: 'Allocation', html: chart('allocation') + chart('utilization') + conflictsHtml(plan) });
  if (sensitivity) sections.push({ id: 'sensitivity', title: 'Weight sensitivity', html: chart('tornado') + fragileHtml(sensitivity) });
  if (evaluation) sections.push({ id: 'evaluation', title: 'Ranking quality', html: chart('evaluation') });

  const lineInfo = new Map(dataset.buyers.flatMap((b) => b.demandLines.map((l) => [l.id, { buyer: b, line: l }] as const)));
  const lineHtml = result.lines.map((l) => {
    const info = lineInfo.get(l.line);
    const buyerName = info ? (info.buyer.names.ko ?? info.buyer.names.en ?? Object.values(info.buyer.names)[0] ?? info.buyer.id) : l.buyer;
    const request = info ? `${info.line.item ?? info.line.text ?? info.line.unspsc ?? ''} · ${info.line.quantity.text}` : '';
    const head = `<h3>${escapeHtml(l.line)} <span class="sub">${escapeHtml(request)} · ${escapeHtml(buyerName)}</span></h3>`;
    if (l.candidates.length === 0) {
      const near = l.rejected.slice(0, top).map((r) => `<li>${escapeHtml(names.supplier(r.supplier).supplierName ?? r.supplier)} (${escapeHtml(r.offering)}): failed ${escapeHtml(r.failed.join(', '))}</li>`);
      return `<section class="line" id="line-${escapeHtml(l.line)}" data-line="${escapeHtml(l.line)}">${head}<p class="none">No qualified supplier.</p>${near.length > 0 ? `<ul class="why">${near.join('')}</ul>` : ''}</section>`;
    }
    const rows = l.candidates.slice(0, top).map((cand) => {
      const s = names.supplier(cand.supplier);
      const who = [s.supplierNameKo, s.supplierNameEn].filter((x): x is string => x !== null);
      const why = explain(cand, { dataset });
      const origin = s.domestic === null ? '' : s.domestic ? 'domestic' : 'foreign';
      return `<tr data-rank="${cand.rank}" data-supplier="${escapeHtml(cand.supplier)}" data-offering="${escapeHtml(cand.offering)}"><td class="num">${cand.rank}</td><td class="supplier">${escapeHtml(who.join(' / ') || cand.supplier)}<br><small>${escapeHtml(cand.supplier)} · ${escapeHtml(cand.offering)}</small></td><td class="${origin}">${escapeHtml(s.country ?? '')}</td><td class="num">${fixed(cand.score)}</td><td class="why">${why.map(escapeHtml).join('<br>')}</td></tr>`;
    });
    const more = l.qualifiedCount > Math.min(top, l.candidates.length) ? `<p class="sub">${l.qualifiedCount - Math.min(top, l.candidates.length)} more qualified.</p>` : '';
    return `<section class="line" id="line-${escapeHtml(l.line)}" data-line="${escapeHtml(l.line)}">${head}<table class="ranking"><tr><th>#</th><th>supplier</th><th>country</th><th>score</th><th>why</th></tr>${rows.join('')}</table>${more}${chart(`waterfall-${l.line}`)}</section>`;
  });
  const omitted = result.lines.filter((l) => l.candidates.length > 0).length - waterfallLines.length;
  sections.push({
    id: 'lines',
    title: 'Rankings per line',
    html: `${omitted > 0 ? `<p class="sub">Score waterfalls are drawn for the first ${waterfallLines.length} lines with candidates; ${omitted} more are left out to keep the page small.</p>` : ''}${lineHtml.join('\n')}`,
  });

  const title = options?.title ?? `Supplier match report: ${dataset.meta.name ?? 'dataset'}`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(dataset.meta.description ?? '')}</p>
<nav>${sections.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join('')}</nav>
${sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`).join('\n')}
</body>
</html>
`;
}

function supportTable(gaps: GapReport): string {
  const rows = gaps.supportTypes.map(
    (s) => `<tr><td>${escapeHtml(s.support)}</td><td class="num">${s.suppliers.length}</td><td class="num">${s.declaredBy.length}</td><td class="num">${s.actions}</td><td class="num">${s.lines.length}</td><td class="num">${fixed(s.gain, 2)}</td></tr>`,
  );
  return `<h3>What each support type opens</h3><table><tr><th>support</th><th>firms</th><th>declared</th><th>actions</th><th>lines</th><th>gain (line-equivalents)</th></tr>${rows.join('')}</table>`;
}

function supportPlanHtml(gaps: GapReport): string {
  const plan = gaps.plan;
  if (!plan) return '';
  const budget = Object.entries(plan.budget).map(([t, b]) => `${t} ${plan.spent[t as keyof typeof plan.spent]}/${b}`);
  const steps = plan.steps.map(
    (s, i) => `<tr><td class="num">${i + 1}</td><td>${escapeHtml(s.actions.map((a) => a.id).join(' + '))}</td><td class="num">${fixed(s.cost, 2)}</td><td class="num">${fixed(s.gain, 2)}</td><td>${escapeHtml(s.lines.join(', '))}</td></tr>`,
  );
  return `<p>Budget ${escapeHtml(budget.join(', '))}: ${escapeHtml(plan.method)}${plan.optimal ? ', optimal' : ''}; ${escapeHtml(plan.guarantee)}. Opens ${fixed(plan.gain, 2)} line-equivalents over ${plan.lines.length} lines; ${plan.completed.length} become fully domestic.</p><table><tr><th>step</th><th>actions</th><th>cost</th><th>gain</th><th>lines</th></tr>${steps.join('')}</table>`;
}

function conflictsHtml(plan: AllocationPlan): string {
  const notes = [...plan.conflicts.map((c) => c.message), ...plan.relaxed.map((c) => `relaxed: ${c.message}`), ...plan.warnings];
  return notes.length === 0 ? '' : `<ul class="why">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
}

function fragileHtml(report: SensitivityReport): string {
  if (report.fragile.length === 0) return `<p>No line changes its top-1 when one weight moves by ${report.delta}.</p>`;
  const rows = report.fragile.map(
    (f) => `<tr><td>${escapeHtml(f.line)}</td><td>${escapeHtml(f.criterion)}</td><td class="num">${fixed(f.weight)}</td><td class="num">${fixed(f.change)}</td><td>${escapeHtml(`${f.from.supplier}/${f.from.offering}`)}</td><td>${escapeHtml(f.to ? `${f.to.supplier}/${f.to.offering}` : '-')}</td></tr>`,
  );
  return `<h3>Fragile lines</h3><table><tr><th>line</th><th>criterion</th><th>weight</th><th>change</th><th>top-1 now</th><th>becomes</th></tr>${rows.join('')}</table>`;
}
