/**
 * Tidy rows: every result kind as a list of flat, plain objects (strings, numbers, booleans,
 * null) with the names an analyst filters on, for data frames, spreadsheets, CSV and charts.
 * The CSV writers of match results and gap reports are projections of these rows.
 */
import type { Evaluation } from '../analysis/evaluate.js';
import { csvCell } from '../dataset/csv-cell.js';
import type { GapReport } from '../analysis/gaps.js';
import type { SensitivityReport } from '../analysis/sensitivity.js';
import type { CriterionOutcome, MatchResult } from '../engine/result.js';
import type { Dataset } from '../model/dataset.js';
import type { Supplier } from '../model/supplier.js';
import type { DecisionStatus } from '../model/decision.js';
import { followedDecision } from '../criteria/decision.js';
import { roundForOutput } from './round.js';

/** Options shared by the row builders that name suppliers. */
export interface RowNamingOptions {
  /** Names suppliers, items and lines, and tells their country; without it those columns are null. */
  readonly dataset?: Dataset;
  /** Suppliers of this country are domestic; default `dataset.meta.domesticCountry` (domestic is null when neither is known). */
  readonly domesticCountry?: string;
}

/** Options of {@link matchRows}. */
export interface MatchRowsOptions extends RowNamingOptions {
  /** One row per rejected candidate kept in the result (`status: 'rejected'`, with the gates it failed); default false. */
  readonly rejected?: boolean;
  /** One row for each line without a qualified candidate (`status: 'uncovered'`); default true. */
  readonly uncovered?: boolean;
}

/** The supplier columns every row that names a supplier carries. */
export interface SupplierColumns {
  readonly supplier: string | null;
  /** The English name, else the Korean one, else the first the dataset has. */
  readonly supplierName: string | null;
  readonly supplierNameKo: string | null;
  readonly supplierNameEn: string | null;
  readonly country: string | null;
  /** True when the supplier's country is the domestic country; null when either is unknown. */
  readonly domestic: boolean | null;
}

/** The fixed columns of a {@link MatchRow}. */
export interface MatchRowBase extends SupplierColumns {
  readonly line: string;
  readonly buyer: string;
  /** What the line asks for: its catalog item, else its text, else its UNSPSC code. */
  readonly request: string | null;
  readonly status: 'ranked' | 'rejected' | 'uncovered';
  /** 1-based rank among the qualified; null for rejected and uncovered rows. */
  readonly rank: number | null;
  readonly offering: string | null;
  readonly item: string | null;
  readonly itemName: string | null;
  /** The total (for a rejected candidate, what it would have been had it passed). */
  readonly score: number | null;
  /** Ids of the gates the candidate failed, joined with `|`; empty when none. */
  readonly failed: string;
  /** Every reason of the applicable criteria as `criterion: message`, joined with ` | `. */
  readonly reasons: string;
  /** How many qualified for the line (the ranking may have been cut to topK). */
  readonly qualifiedCount: number;
  /** The buyer's decision followed for the candidate (`approved`, `qualified`, `evaluating`, `rejected`); null when none is in force. */
  readonly decision: DecisionStatus | null;
  /** Who took it, when it was taken, its last day and its reason; null without a decision (or without that field). */
  readonly decisionBy: string | null;
  readonly decisionDate: string | null;
  readonly decisionUntil: string | null;
  readonly decisionReason: string | null;
}

/** A row of {@link matchRows}: the fixed columns and `score_<criterion>` (null where the criterion does not apply). */
export type MatchRow = MatchRowBase & { readonly [criterionScore: `score_${string}`]: number | null };

/**
 * The column of a criterion's score in a {@link MatchRow}.
 *
 * @example
 * scoreColumn('price'); // => 'score_price'
 */
export function scoreColumn(criterion: string): `score_${string}` {
  return `score_${criterion}`;
}

/** Names and countries of suppliers, items and lines, looked up once per row builder. */
export interface Names {
  supplier(id: string | null): SupplierColumns;
  itemName(id: string | undefined | null): string | null;
  request(line: string): string | null;
}

/**
 * The lookups the row builders share: supplier columns by id, item names, what a line asks for.
 *
 * @example
 * namesOf({ dataset }).supplier('S-001').country; // => 'KR'
 */
export function namesOf(options: RowNamingOptions | undefined): Names {
  const dataset = options?.dataset;
  const home = options?.domesticCountry ?? dataset?.meta.domesticCountry;
  const suppliers = new Map<string, Supplier>(dataset?.suppliers.map((s) => [s.id, s]));
  const items = new Map(dataset?.items.map((i) => [i.id, i.names.en ?? i.names.ko ?? Object.values(i.names)[0] ?? null]));
  const requests = new Map<string, string | null>();
  for (const b of dataset?.buyers ?? []) for (const l of b.demandLines) requests.set(l.id, l.item ?? l.text ?? l.unspsc ?? null);
  return {
    supplier(id) {
      const s = id === null ? undefined : suppliers.get(id);
      const ko = s?.names.ko ?? null;
      const en = s?.names.en ?? null;
      return {
        supplier: id,
        supplierName: s ? (en ?? ko ?? Object.values(s.names)[0] ?? null) : null,
        supplierNameKo: ko,
        supplierNameEn: en,
        country: s?.country ?? null,
        domestic: s && home !== undefined ? s.country === home : null,
      };
    },
    itemName: (id) => (id == null ? null : (items.get(id) ?? null)),
    request: (line) => requests.get(line) ?? null,
  };
}

function reasonsText(outcomes: readonly CriterionOutcome[]): string {
  return outcomes
    .filter((o) => o.applicable)
    .flatMap((o) => o.reasons.map((r) => `${o.criterion}: ${r.message}`))
    .join(' | ');
}

/** The decision columns of a candidate's row (all null for a row without a candidate or a decision). */
function decisionColumns(outcomes: readonly CriterionOutcome[] | undefined): Pick<MatchRowBase, 'decision' | 'decisionBy' | 'decisionDate' | 'decisionUntil' | 'decisionReason'> {
  const d = outcomes === undefined ? undefined : followedDecision(outcomes);
  return {
    decision: d?.status ?? null,
    decisionBy: d?.by ?? null,
    decisionDate: d?.date ?? null,
    decisionUntil: d?.until ?? null,
    decisionReason: d?.reason ?? null,
  };
}

function scoreColumns(criteria: readonly string[], outcomes: readonly CriterionOutcome[] | undefined): Record<`score_${string}`, number | null> {
  const byId = new Map(outcomes?.map((o) => [o.criterion, o]));
  const out: Record<`score_${string}`, number | null> = {};
  for (const c of criteria) {
    const o = byId.get(c);
    out[scoreColumn(c)] = o?.applicable === true ? roundForOutput(o.score) : null;
  }
  return out;
}

/**
 * A match result as tidy rows: one per ranked candidate, one per line without a qualified
 * candidate (`status: 'uncovered'`), and, with `rejected: true`, one per rejected candidate kept
 * in the result with the gates it failed. A candidate's row carries the buyer's decision followed
 * for it (`decision`, `decisionBy`, `decisionDate`, `decisionUntil`, `decisionReason`). Lines keep the result's order; within a line, ranked
 * rows come by rank, then rejected rows by score. Numbers are rounded to 6 decimals.
 *
 * @example
 * const rows = matchRows(matcher.match(dataset), { dataset, rejected: true });
 * rows[0]; // => { line: 'D-001', buyer: 'B-01', status: 'ranked', rank: 1, supplier: 'S-001',
 * //           supplierName: 'Hanul Membrane Co., Ltd.', supplierNameKo: '(주)하늘멤브레인', country: 'KR',
 * //           domestic: true, score: 0.93, score_itemFit: 1, ..., reasons: 'itemFit: ... | ...' }
 */
export function matchRows(result: MatchResult, options?: MatchRowsOptions): MatchRow[] {
  const names = namesOf(options);
  const criteria = result.settings.criteria.map((c) => c.id);
  const rows: MatchRow[] = [];
  for (const line of result.lines) {
    const common = { line: line.line, buyer: line.buyer, request: names.request(line.line), qualifiedCount: line.qualifiedCount };
    for (const c of line.candidates)
      rows.push({
        ...common,
        status: 'ranked',
        rank: c.rank,
        ...names.supplier(c.supplier),
        offering: c.offering,
        item: c.item ?? null,
        itemName: names.itemName(c.item),
        score: roundForOutput(c.score),
        failed: '',
        reasons: reasonsText(c.outcomes),
        ...decisionColumns(c.outcomes),
        ...scoreColumns(criteria, c.outcomes),
      });
    if (line.candidates.length === 0 && options?.uncovered !== false)
      rows.push({
        ...common,
        status: 'uncovered',
        rank: null,
        ...names.supplier(null),
        offering: null,
        item: null,
        itemName: null,
        score: null,
        failed: '',
        reasons: line.rejectedCount > 0 ? `${line.rejectedCount} candidate(s) failed a gate` : 'no candidate',
        ...decisionColumns(undefined),
        ...scoreColumns(criteria, undefined),
      });
    if (options?.rejected === true)
      for (const r of line.rejected)
        rows.push({
          ...common,
          status: 'rejected',
          rank: null,
          ...names.supplier(r.supplier),
          offering: r.offering,
          item: r.item ?? null,
          itemName: names.itemName(r.item),
          score: roundForOutput(r.score),
          failed: r.failed.join('|'),
          reasons: reasonsText(r.outcomes),
          ...decisionColumns(r.outcomes),
          ...scoreColumns(criteria, r.outcomes),
        });
  }
  return rows;
}

/** A row of {@link gapRows}: one (line, near miss, deficit), or a line without near misses (near-miss columns null). */
export interface GapRow extends SupplierColumns {
  readonly line: string;
  readonly buyer: string;
  readonly item: string | null;
  readonly class: string;
  readonly required: number;
  /** Ids joined with `|`. */
  readonly domesticSuppliers: string;
  readonly foreignSuppliers: string;
  readonly domesticShare: number;
  readonly coverage: number;
  readonly offering: string | null;
  readonly status: 'rejected' | 'qualified' | null;
  readonly sameItem: boolean | null;
  readonly closable: boolean | null;
  /** Support types the near miss needs, joined with `|`. */
  readonly needs: string | null;
  readonly support: string | null;
  readonly blocking: boolean | null;
  readonly kind: string | null;
  readonly code: string | null;
  readonly deficit: string | null;
  readonly rankIfUnblocked: number | null;
  readonly rankIfClosed: number | null;
}

/**
 * A gap report as tidy rows: one per (line, domestic near miss, deficit), and one for a line
 * without near misses, with the line's class and coverage on every row. The supplier is the
 * near miss's (named when a dataset is given).
 *
 * @example
 * gapRows(gapReport(dataset), { dataset }).filter((r) => r.blocking && r.support === 'funding');
 */
export function gapRows(report: GapReport, options?: RowNamingOptions): GapRow[] {
  const names = namesOf({ ...options, domesticCountry: options?.domesticCountry ?? report.domesticCountry });
  const rows: GapRow[] = [];
  for (const g of report.lines) {
    const line = {
      line: g.line,
      buyer: g.buyer,
      item: g.item ?? null,
      class: g.class,
      required: g.required,
      domesticSuppliers: g.domesticSuppliers.join('|'),
      foreignSuppliers: g.foreignSuppliers.join('|'),
      domesticShare: roundForOutput(g.domesticShare),
      coverage: roundForOutput(g.coverage),
    };
    if (g.nearMisses.length === 0)
      rows.push({
        ...line,
        ...names.supplier(null),
        offering: null,
        status: null,
        sameItem: null,
        closable: null,
        needs: null,
        support: null,
        blocking: null,
        kind: null,
        code: null,
        deficit: null,
        rankIfUnblocked: null,
        rankIfClosed: null,
      });
    for (const n of g.nearMisses)
      for (const d of n.deficits)
        rows.push({
          ...line,
          ...names.supplier(n.supplier),
          offering: n.offering,
          status: n.status,
          sameItem: n.sameItem,
          closable: n.closable,
          needs: n.needs.join('|'),
          support: d.support,
          blocking: d.blocking,
          kind: d.kind,
          code: d.code,
          deficit: d.summary,
          rankIfUnblocked: n.unblocked?.rank ?? null,
          rankIfClosed: n.closed?.rank ?? null,
        });
  }
  return rows;
}

/** A row of {@link sensitivityRows}: the range of one criterion's weight over which one line keeps its top-1. */
export interface SensitivityRow {
  readonly line: string;
  readonly criterion: string;
  /** The criterion's weight as configured. */
  readonly weight: number | null;
  readonly lo: number;
  /** Null when no weight above `weight` changes the top-1. */
  readonly hi: number | null;
  readonly topSupplier: string | null;
  readonly topOffering: string | null;
  readonly topName: string | null;
  /** The lead of the top-1 over the runner-up. */
  readonly margin: number | null;
  /** True when a change of the report's `delta` in this weight changes the line's top-1. */
  readonly fragile: boolean;
  readonly below: string | null;
  readonly above: string | null;
}

/**
 * A sensitivity report as tidy rows: one per (line, criterion) with the weight range that keeps
 * the line's top-1, the top-1 named, and whether the line is fragile to that weight.
 *
 * @example
 * sensitivityRows(sensitivity(matcher, dataset), { dataset }).filter((r) => r.fragile);
 */
export function sensitivityRows(report: SensitivityReport, options?: RowNamingOptions): SensitivityRow[] {
  const names = namesOf(options);
  const weights = new Map(report.weights.map((w) => [w.criterion, w.weight]));
  const fragile = new Set(report.fragile.map((f) => `${f.line}\u0000${f.criterion}`));
  const ref = (c: { supplier: string; offering: string } | undefined): string | null => (c ? `${c.supplier}/${c.offering}` : null);
  const rows: SensitivityRow[] = [];
  for (const l of report.lines)
    for (const r of l.ranges)
      rows.push({
        line: l.line,
        criterion: r.criterion,
        weight: weights.get(r.criterion) ?? null,
        lo: roundForOutput(r.lo),
        hi: r.hi === null ? null : roundForOutput(r.hi),
        topSupplier: l.top1?.supplier ?? null,
        topOffering: l.top1?.offering ?? null,
        topName: l.top1 ? names.supplier(l.top1.supplier).supplierName : null,
        margin: l.margin === undefined ? null : roundForOutput(l.margin),
        fragile: fragile.has(`${l.line}\u0000${r.criterion}`),
        below: ref(r.below),
        above: ref(r.above),
      });
  return rows;
}

/** A row of {@link evaluationRows}: one demand line's ranking against the truth labels. */
export interface EvaluationRow {
  readonly line: string;
  readonly buyer: string;
  readonly top1: string | null;
  readonly top1Name: string | null;
  readonly top1Grade: number | null;
  readonly bestGrade: number;
  /** The offerings the truth labels grade best, joined with `|`. */
  readonly expected: string;
  readonly pAt1: number;
  readonly pAtK: number;
  readonly reciprocalRank: number;
  readonly ndcgAtK: number;
  readonly agrees: boolean;
}

/**
 * An evaluation as tidy rows, one per labelled line (the per-buyer metrics are in
 * `evaluation.byBuyer`, already flat).
 *
 * @example
 * evaluationRows(evaluate(result, dataset.truth ?? []), { dataset }).filter((r) => !r.agrees);
 */
export function evaluationRows(evaluation: Evaluation, options?: RowNamingOptions): EvaluationRow[] {
  const names = namesOf(options);
  const offeringSupplier = new Map<string, string>();
  for (const s of options?.dataset?.suppliers ?? []) for (const o of s.offerings) offeringSupplier.set(o.id, s.id);
  return evaluation.lines.map((l) => ({
    line: l.line,
    buyer: l.buyer,
    top1: l.top1 ?? null,
    top1Name: l.top1 === undefined ? null : names.supplier(offeringSupplier.get(l.top1) ?? l.top1).supplierName,
    top1Grade: l.top1Grade ?? null,
    bestGrade: l.bestGrade,
    expected: l.expected.join('|'),
    pAt1: roundForOutput(l.pAt1),
    pAtK: roundForOutput(l.pAtK),
    reciprocalRank: roundForOutput(l.reciprocalRank),
    ndcgAtK: roundForOutput(l.ndcgAtK),
    agrees: l.agrees,
  }));
}

/** A value of a tidy row. */
export type Cell = string | number | boolean | null;

/**
 * Writes rows as CSV with the given columns (`[header, key]` pairs): null is an empty cell,
 * booleans are `true`/`false`, numbers print as JavaScript does.
 *
 * @example
 * rowsToCsv([{ a: 1, b: null }], [['A', 'a'], ['B', 'b']]); // => 'A,B\n1,\n'
 */
export function rowsToCsv<R extends object>(rows: readonly R[], columns: readonly (readonly [string, keyof R & string])[]): string {
  const lines = [columns.map(([h]) => csvCell(h))];
  for (const r of rows) lines.push(columns.map(([, k]) => csvCell(cellText(r[k] as Cell))));
  return `${lines.map((l) => l.join(',')).join('\n')}\n`;
}

function cellText(value: Cell | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export { csvCell };
