import type { Dataset } from '../model/dataset.js';
import { explain } from '../engine/explain.js';
import type { MatchResult } from '../engine/result.js';
import { formatTable } from './table.js';
import { roundForOutput } from './round.js';
import { matchRows, rowsToCsv, scoreColumn, type MatchRow, type MatchRowsOptions } from './rows.js';

/** Options of {@link formatMatchTable}. */
export interface MatchTableOptions {
  /** Names suppliers and items, and shows what each line asked for. */
  readonly dataset?: Dataset;
  /** How many candidates of each line to list; default all in the result. */
  readonly top?: number;
  /** How many top candidates of each line to explain in sentences; default 1. */
  readonly explainTop?: number;
  /** How many rejected candidates of each line to list with their failed gates; default 3. */
  readonly rejected?: number;
}

/**
 * Writes a match result for a terminal: per line, what it asked for, a ranking table, the
 * reasons of the top candidates and the nearest rejected ones.
 *
 * @example
 * console.log(formatMatchTable(matcher.match(dataset), { dataset, top: 3 }));
 */
export function formatMatchTable(result: MatchResult, options?: MatchTableOptions): string {
  const dataset = options?.dataset;
  const lineInfo = new Map<string, string>();
  const supplierName = new Map<string, string>();
  if (dataset) {
    for (const b of dataset.buyers)
      for (const l of b.demandLines)
        lineInfo.set(l.id, `${l.item ?? l.text ?? l.unspsc ?? ''} · ${l.quantity.text}${l.sourcing.domestic !== 'none' ? ` · domestic ${l.sourcing.domestic}` : ''}`);
    for (const s of dataset.suppliers) supplierName.set(s.id, `${s.names.en ?? Object.values(s.names)[0] ?? ''} [${s.country}]`);
  }
  const out: string[] = [
    `Matched ${result.stats.lines} demand lines against ${result.stats.offerings} offerings as of ${result.settings.asOf} (${result.settings.aggregate}; ${result.stats.pairsScored} pairs scored); ${result.stats.linesWithCandidates} lines have qualified candidates.`,
  ];
  for (const line of result.lines) {
    out.push('', `${line.line} (${line.buyer})${lineInfo.has(line.line) ? `: ${lineInfo.get(line.line)}` : ''}`);
    const top = line.candidates.slice(0, options?.top ?? line.candidates.length);
    if (top.length === 0) out.push('  no qualified supplier.');
    else {
      const criteria = result.settings.criteria.map((c) => c.id);
      const table = formatTable(
        [
          { header: '#', align: 'right' },
          { header: 'supplier' },
          { header: 'name', maxWidth: 28 },
          { header: 'offering' },
          { header: 'score', align: 'right' },
          ...criteria.map((c) => ({ header: c, align: 'right' as const })),
        ],
        top.map((c) => [
          String(c.rank),
          c.supplier,
          supplierName.get(c.supplier) ?? '',
          c.offering,
          c.score.toFixed(3),
          ...c.outcomes.map((o) => (o.applicable ? o.score.toFixed(2) : '-')),
        ]),
      );
      out.push(table.replace(/^/gm, '  '));
      if (line.qualifiedCount > top.length) out.push(`  (${line.qualifiedCount - top.length} more qualified)`);
      for (const c of top.slice(0, options?.explainTop ?? 1)) {
        const [head, ...rest] = explain(c, dataset ? { dataset } : {});
        out.push(`  why #${c.rank}: ${head}`);
        for (const s of rest) out.push(`    - ${s}`);
      }
    }
    const near = line.rejected.slice(0, options?.rejected ?? 3);
    for (const r of near) {
      const gates = r.outcomes
        .filter((o) => !o.pass)
        .map((o) => `${o.criterion}: ${o.reasons.filter((x) => !x.code.endsWith('.ok')).map((x) => (/[.!?]$/.test(x.message) ? x.message : `${x.message}.`)).join(' ')}`);
      out.push(`  rejected ${r.supplier}/${r.offering}: ${gates.join(' | ')}`);
    }
    if (line.rejectedCount > near.length) out.push(`  (${line.rejectedCount - near.length} more rejected)`);
  }
  return out.join('\n');
}

/** Options of {@link matchResultToCsv}. */
export interface MatchCsvOptions extends MatchRowsOptions {
  /** Adds the columns status, supplier_name, supplier_name_ko, country, domestic, failed, reasons and the decision's (decision_status, decision_by, decision_date, decision_until, decision_reason); default true when any option is given. */
  readonly wide?: boolean;
}

/**
 * Writes a match result as CSV, a projection of {@link matchRows}. Without options it writes the
 * columns and rows of earlier versions: one row per ranked candidate, `line,buyer,rank,supplier,
 * offering,item,score` and each criterion's score (empty where it does not apply). With options
 * (a dataset, `rejected`, `uncovered`), uncovered lines are included by default and the wide
 * columns (names, country, domestic flag, failed gates, reasons) are added at the end.
 *
 * @example
 * matchResultToCsv(result).split('\n')[0]; // => 'line,buyer,rank,supplier,offering,item,score,itemFit,...'
 * matchResultToCsv(result, { dataset, rejected: true }).split('\n')[0];
 * // => 'line,buyer,rank,supplier,offering,item,score,itemFit,...,status,supplier_name,supplier_name_ko,country,domestic,failed,reasons,decision_status,...'
 */
export function matchResultToCsv(result: MatchResult, options?: MatchCsvOptions): string {
  const rows = matchRows(result, { uncovered: options !== undefined, ...options });
  const columns: [string, keyof MatchRow & string][] = [
    ['line', 'line'],
    ['buyer', 'buyer'],
    ['rank', 'rank'],
    ['supplier', 'supplier'],
    ['offering', 'offering'],
    ['item', 'item'],
    ['score', 'score'],
    ...result.settings.criteria.map((c): [string, `score_${string}`] => [c.id, scoreColumn(c.id)]),
  ];
  if (options?.wide ?? options !== undefined)
    columns.push(
      ['status', 'status'],
      ['supplier_name', 'supplierName'],
      ['supplier_name_ko', 'supplierNameKo'],
      ['country', 'country'],
      ['domestic', 'domestic'],
      ['failed', 'failed'],
      ['reasons', 'reasons'],
      ['decision_status', 'decision'],
      ['decision_by', 'decisionBy'],
      ['decision_date', 'decisionDate'],
      ['decision_until', 'decisionUntil'],
      ['decision_reason', 'decisionReason'],
    );
  return rowsToCsv(rows, columns);
}

export { roundForOutput };

/**
 * The JSON text of a result, numbers rounded to 6 decimals: the same input gives the same bytes.
 *
 * @example
 * serializeResult(matcher.match(dataset)) === serializeResult(matcher.match(dataset)); // => true
 */
export function serializeResult(result: MatchResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' ? roundForOutput(value) : value), 2)}\n`;
}
