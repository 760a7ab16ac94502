import type { SupportPlan } from '../analysis/budget.js';
import type { GapReport, LineGap, NearMiss } from '../analysis/gaps.js';
import type { Dataset } from '../model/dataset.js';
import { percentText, roundForOutput } from './round.js';
import { gapRows, rowsToCsv, type GapRow, type RowNamingOptions } from './rows.js';
import { formatTable } from './table.js';
import { csvCell } from '../dataset/csv-cell.js';

/**
 * Options of {@link formatGapReport}.
 *
 * @example
 * formatGapReport(report, { dataset, nearMisses: 5, allLines: true, top: 20 });
 */
export interface GapReportFormatOptions {
  /** Names suppliers and shows what each line asks for. */
  readonly dataset?: Dataset;
  /** Near misses listed per line; default 3. */
  readonly nearMisses?: number;
  /** List near misses of fully domestic lines too; default false (only lines not fully domestic). */
  readonly allLines?: boolean;
  /** Supplier plans and actions listed; default 10 each. */
  readonly top?: number;
}

const pct = percentText;
const num = (x: number): string => String(Math.round(x * 100) / 100);

function lineTitle(gap: LineGap, dataset: Dataset | undefined): string {
  const line = dataset?.buyers.flatMap((b) => b.demandLines).find((l) => l.id === gap.line);
  const what = line ? `${line.item ?? line.text ?? line.unspsc ?? ''} · ` : '';
  return `${gap.line} (${gap.buyer}) ${what}${gap.quantity}`;
}

/**
 * One near miss as lines of text: who and where it stands, each deficit (`!` blocks, `-` lowers
 * the score) with the support that closes it, and the engine's counterfactual sentences.
 *
 * @example
 * formatNearMiss(nearMiss);
 * // => ['S-002/S-002-O1 rejected (certification)', '    ! information: ASTM F838 expired 2020-11-30', ...,
 * //     '    => S-002 would rank #3 of 6 for SB-D01 if its ASTM F838 certificate were renewed.', ...]
 */
export function formatNearMiss(n: NearMiss): string[] {
  const where = n.status === 'qualified' ? `qualified #${n.rank ?? '?'}` : `rejected (${n.failed.join(', ')})`;
  const flags = [n.sameItem ? '' : 'another item', n.closable ? '' : 'not closable'].filter(Boolean).join(', ');
  const out = [`${n.supplier}/${n.offering} ${where}${flags ? ` [${flags}]` : ''}`];
  for (const d of n.deficits) out.push(`    ${d.blocking ? '!' : '-'} ${d.support}: ${d.summary}`);
  if (n.unblocked) out.push(`    => ${n.unblocked.sentence}`);
  if (n.closed && n.closed !== n.unblocked) out.push(`    => ${n.closed.sentence}`);
  return out;
}

/**
 * Writes the plan of a budget: the budget, how it was found and what it is worth, then each
 * step with its gain and the lines it opens.
 *
 * @example
 * console.log(formatSupportPlan(planSupport(report.model, { budget: { funding: 3, information: 5, technical: 2 } })));
 */
export function formatSupportPlan(plan: SupportPlan): string {
  const budget = Object.entries(plan.budget)
    .map(([t, b]) => `${t} ${num(plan.spent[t as keyof typeof plan.spent])}/${num(b)}`)
    .join(', ');
  const out = [
    `Plan under budget (${budget}): ${plan.method}${plan.optimal ? ', optimal' : ''}; ${plan.guarantee}.`,
    `Opens ${num(plan.gain)} line-equivalents of domestic coverage over ${plan.lines.length} lines; ${plan.completed.length} become fully domestic${plan.completed.length > 0 ? ` (${plan.completed.join(', ')})` : ''}.`,
  ];
  plan.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.actions.map((a) => a.id).join(' + ')}  cost ${num(s.cost)}  gain ${num(s.gain)}  ${s.lines.join(', ')}`);
  });
  return out.join('\n');
}

/**
 * Writes a gap report for a terminal: the counts per class, a table of lines, the nearest misses
 * of each line that is not fully domestic (each deficit with the support that closes it, and
 * the engine's counterfactual sentence), the items by import dependence, the firms' development
 * plans, what each support type and action would open, and the budget plan when there is one.
 *
 * @example
 * console.log(formatGapReport(gapReport(dataset), { dataset }));
 * // Gap report as of 2021-03-01; domestic = KR; ...
 * // 46 demand lines: 32 domestic, 7 partial, 3 foreign-only, 4 uncovered; ...
 */
export function formatGapReport(report: GapReport, options?: GapReportFormatOptions): string {
  const dataset = options?.dataset;
  const perLine = options?.nearMisses ?? 3;
  const top = options?.top ?? 10;
  const c = report.counts;
  const out: string[] = [
    `Gap report as of ${report.asOf}; domestic = ${report.domesticCountry}; a line needs at least ${report.minDomestic} qualified domestic supplier(s), or its minSuppliers.`,
    `${c.lines} demand lines: ${c.domestic} domestic, ${c.partial} partial, ${c['foreign-only']} foreign-only, ${c.uncovered} uncovered; ${c.nearMisses} domestic near misses, ${c.counterfactualRuns} counterfactual runs of the engine.`,
    '',
    'Lines',
    formatTable(
      [
        { header: 'line' },
        { header: 'buyer' },
        { header: 'item', maxWidth: 16 },
        { header: 'class' },
        { header: 'domestic', maxWidth: 24 },
        { header: 'need', align: 'right' },
        { header: 'capacity', align: 'right' },
        { header: 'coverage', align: 'right' },
        { header: 'foreign', maxWidth: 16 },
        { header: 'near', align: 'right' },
      ],
      report.lines.map((g) => [
        g.line,
        g.buyer,
        g.item ?? '?',
        g.class,
        g.domesticSuppliers.join(',') || '-',
        String(g.required),
        pct(g.domesticShare),
        pct(g.coverage),
        g.foreignSuppliers.join(',') || '-',
        String(g.nearMisses.length),
      ]),
    ),
  ];

  const shown = report.lines.filter((g) => options?.allLines === true || g.class !== 'domestic');
  out.push('', `Near misses (nearest ${perLine} per line${options?.allLines === true ? '' : ' not fully domestic'}; ! blocks, - lowers the score)`);
  for (const g of shown) {
    out.push('', `${lineTitle(g, dataset)}: ${g.class}. ${g.why}`);
    if (g.nearMisses.length === 0) out.push(`  no domestic near miss${g.otherDomestic > 0 ? ` (${g.otherDomestic} domestic candidates offer another kind of item)` : ''}.`);
    g.nearMisses.slice(0, perLine).forEach((n, i) => {
      const [head, ...rest] = formatNearMiss(n);
      out.push(`  ${i + 1}. ${head ?? ''}`, ...rest.map((r) => `  ${r}`));
    });
    if (g.nearMisses.length > perLine) out.push(`  (${g.nearMisses.length - perLine} more)`);
  }

  out.push(
    '',
    'Items (by import dependence: the share of demanded volume only foreign suppliers can cover)',
    formatTable(
      [
        { header: 'item', maxWidth: 16 },
        { header: 'name', maxWidth: 30 },
        { header: 'lines', align: 'right' },
        { header: 'D/P/F/U' },
        { header: 'dom.', align: 'right' },
        { header: 'demanded', align: 'right' },
        { header: 'dom. capacity', align: 'right' },
        { header: 'domestic', align: 'right' },
        { header: 'import', align: 'right' },
        { header: 'unserved', align: 'right' },
      ],
      report.items.map((i) => [
        i.item,
        i.name ?? '',
        String(i.lines.length),
        `${i.classes.domestic}/${i.classes.partial}/${i.classes['foreign-only']}/${i.classes.uncovered}`,
        String(i.domesticSuppliers.length),
        i.demanded ?? '(mixed units)',
        i.domesticCapacity ?? '-',
        pct(i.domesticShare),
        pct(i.importDependence),
        pct(i.unserved),
      ]),
    ),
  );

  out.push('', `Supplier development plans (top ${Math.min(top, report.suppliers.length)} of ${report.suppliers.length}, by coverage opened)`);
  for (const p of report.suppliers.slice(0, top)) {
    out.push(
      `  ${p.supplier} ${p.name}${p.size ? ` (${p.size})` : ''}: opens ${num(p.gain)} with ${p.supports.join(' + ') || 'nothing'}; declares ${p.declaredNeeds.join(', ') || 'no need'}`,
    );
    if (p.unlocks.length > 0) out.push(`    unlocks ${p.unlocks.map((u) => `${u.line}${u.rank !== undefined ? ` #${u.rank}` : ''}`).join(', ')}`);
    for (const d of p.deficits.filter((x) => x.support !== 'none').slice(0, 6)) out.push(`    ${d.blocking ? '!' : '-'} ${d.support}: ${d.summary} (${d.lines.join(', ')})`);
  }

  out.push(
    '',
    'Support types (every action of one type, nothing else)',
    formatTable(
      [{ header: 'support' }, { header: 'firms', align: 'right' }, { header: 'declared', align: 'right' }, { header: 'actions', align: 'right' }, { header: 'lines', align: 'right' }, { header: 'gain', align: 'right' }],
      report.supportTypes.map((s) => [s.support, String(s.suppliers.length), String(s.declaredBy.length), String(s.actions), String(s.lines.length), num(s.gain)]),
    ),
    '',
    `Actions (top ${Math.min(top, report.actions.length)} of ${report.actions.length}, by coverage opened alone)`,
    formatTable(
      [{ header: 'action' }, { header: 'declared' }, { header: 'gain', align: 'right' }, { header: 'opens' }, { header: 'with other support' }],
      report.actions.slice(0, top).map((a) => [
        a.id,
        a.declared ? 'yes' : 'no',
        num(a.gain),
        a.unlocks.map((u) => u.line).join(', ') || '-',
        a.together.map((t) => `${t.line} (+${t.needs.join('+')})`).join(', ') || '-',
      ]),
    ),
  );
  if (report.plan) out.push('', formatSupportPlan(report.plan));
  return out.join('\n');
}

/** Options of {@link gapReportToCsv}. */
export interface GapCsvOptions extends RowNamingOptions {}

/**
 * Writes a gap report as CSV for spreadsheets, a projection of {@link gapRows}: one row per
 * (line, near miss, deficit), and one row for a line without near misses, with the line's class
 * and coverage on every row. With a dataset, the near miss's supplier name and country are added
 * as the last columns.
 *
 * @example
 * gapReportToCsv(report).split('\n')[0];
 * // => 'line,buyer,item,class,required,domestic_suppliers,foreign_suppliers,domestic_share,coverage,supplier,offering,status,...'
 */
export function gapReportToCsv(report: GapReport, options?: GapCsvOptions): string {
  const columns: [string, keyof GapRow & string][] = [
    ['line', 'line'],
    ['buyer', 'buyer'],
    ['item', 'item'],
    ['class', 'class'],
    ['required', 'required'],
    ['domestic_suppliers', 'domesticSuppliers'],
    ['foreign_suppliers', 'foreignSuppliers'],
    ['domestic_share', 'domesticShare'],
    ['coverage', 'coverage'],
    ['supplier', 'supplier'],
    ['offering', 'offering'],
    ['status', 'status'],
    ['same_item', 'sameItem'],
    ['closable', 'closable'],
    ['needs', 'needs'],
    ['support', 'support'],
    ['blocking', 'blocking'],
    ['kind', 'kind'],
    ['code', 'code'],
    ['deficit', 'deficit'],
    ['rank_if_unblocked', 'rankIfUnblocked'],
    ['rank_if_closed', 'rankIfClosed'],
  ];
  if (options?.dataset !== undefined) columns.push(['supplier_name', 'supplierName'], ['supplier_name_ko', 'supplierNameKo'], ['country', 'country']);
  return rowsToCsv(gapRows(report, options), columns);
}

/**
 * The JSON text of a gap report, numbers rounded to 6 decimals: the same input gives the same bytes.
 *
 * @example
 * serializeGapReport(gapReport(dataset)) === serializeGapReport(gapReport(dataset)); // => true
 */
export function serializeGapReport(report: GapReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' ? roundForOutput(value) : value), 2)}\n`;
}
