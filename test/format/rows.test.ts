import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gapReport, type GapReport } from '../../src/analysis/gaps.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { MatchResult } from '../../src/engine/result.js';
import { gapReportToCsv } from '../../src/format/gaps.js';
import { matchResultToCsv } from '../../src/format/match.js';
import { gapRows, matchRows, rowsToCsv, scoreColumn } from '../../src/format/rows.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

const DIR = join(import.meta.dirname, '../../fixtures/incheon-bio');
let dataset: Dataset;
let result: MatchResult;
let report: GapReport;
// Read straight from the file, not through the loader: names and countries as written.
let rawSuppliers: { id: string; names: Record<string, string>; country: string }[];
let home: string;

beforeAll(async () => {
  dataset = await loadDataset(DIR);
  result = createMatcher({ topK: 5 }).match(dataset);
  report = gapReport(dataset);
  rawSuppliers = JSON.parse(await readFile(join(DIR, 'suppliers.json'), 'utf8'));
  home = JSON.parse(await readFile(join(DIR, 'meta.json'), 'utf8')).domesticCountry;
});

describe('matchRows', () => {
  it('has one row per ranked candidate and one per uncovered line, in result order', () => {
    const rows = matchRows(result, { dataset });
    const uncovered = result.lines.filter((l) => l.candidates.length === 0).length;
    expect(uncovered).toBeGreaterThan(0);
    expect(rows).toHaveLength(result.lines.reduce((n, l) => n + l.candidates.length, 0) + uncovered);
    expect(rows.filter((r) => r.status === 'uncovered').map((r) => r.line)).toEqual(result.lines.filter((l) => l.candidates.length === 0).map((l) => l.line));
    for (const l of result.lines) {
      const first = rows.find((r) => r.line === l.line);
      expect(first?.supplier ?? null).toBe(l.candidates[0]?.supplier ?? null);
      expect(first?.offering ?? null).toBe(l.candidates[0]?.offering ?? null);
    }
  });

  it('names every supplier with its Korean and English names and country as the file has them, and flags domestic ones', () => {
    const bySupplier = new Map(rawSuppliers.map((s) => [s.id, s]));
    const rows = matchRows(result, { dataset, rejected: true });
    expect(rows.some((r) => r.domestic === true) && rows.some((r) => r.domestic === false)).toBe(true);
    for (const r of rows) {
      if (r.supplier === null) continue;
      const s = bySupplier.get(r.supplier);
      expect(r.supplierNameKo).toBe(s?.names.ko ?? null);
      expect(r.supplierNameEn).toBe(s?.names.en ?? null);
      expect(r.country).toBe(s?.country);
      expect(r.domestic).toBe(s?.country === home);
    }
  });

  it('lists rejected candidates with the gates they failed, only when asked', () => {
    const rejected = matchRows(result, { dataset, rejected: true }).filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(result.lines.reduce((n, l) => n + l.rejected.length, 0));
    expect(rejected.every((r) => r.failed !== '' && r.rank === null)).toBe(true);
    for (const r of rejected.slice(0, 50)) {
      const original = result.lines.find((l) => l.line === r.line)?.rejected.find((x) => x.offering === r.offering);
      expect(r.failed.split('|')).toEqual(original?.failed);
    }
    expect(matchRows(result).some((r) => r.status === 'rejected')).toBe(false);
  });

  it('carries each criterion score, null where it does not apply, and rows are flat', () => {
    const rows = matchRows(result, { dataset });
    const line = result.lines.find((l) => l.candidates.length > 0);
    const c = line?.candidates[0];
    const row = rows.find((r) => r.line === line?.line && r.rank === 1);
    for (const o of c?.outcomes ?? []) expect(row?.[scoreColumn(o.criterion)]).toBe(o.applicable ? Math.round(o.score * 1e6) / 1e6 : null);
    for (const r of rows) for (const v of Object.values(r)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v)).toBe(true);
  });

  it('without a dataset, leaves names, countries and the domestic flag null', () => {
    const row = matchRows(result).find((r) => r.status === 'ranked');
    expect([row?.supplierName, row?.country, row?.domestic]).toEqual([null, null, null]);
  });
});

describe('CSV from rows', () => {
  // The CSV writer as it was before rows existed, kept here as an independent check of the default columns.
  function legacyCsv(r: MatchResult): string {
    const cell = (x: string): string => (/[",\n\r]|^\s|\s$/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
    const round = (x: number): string => String(Math.round(x * 1e6) / 1e6);
    const out = [['line', 'buyer', 'rank', 'supplier', 'offering', 'item', 'score', ...r.settings.criteria.map((c) => c.id)]];
    for (const l of r.lines)
      for (const c of l.candidates)
        out.push([l.line, l.buyer, String(c.rank), c.supplier, c.offering, c.item ?? '', round(c.score), ...c.outcomes.map((o) => (o.applicable ? round(o.score) : ''))]);
    return `${out.map((x) => x.map(cell).join(',')).join('\n')}\n`;
  }

  it('writes the earlier columns and rows byte for byte without options', () => {
    expect(matchResultToCsv(result)).toBe(legacyCsv(result));
  });

  it('with a dataset, adds uncovered lines, rejected candidates on request, and the wide columns', () => {
    const csv = matchResultToCsv(result, { dataset, rejected: true }).trim().split('\n');
    expect(csv[0]).toMatch(/^line,buyer,rank,supplier,offering,item,score,itemFit,.*,status,supplier_name,supplier_name_ko,country,domestic,failed,reasons,decision_status,decision_by,decision_date,decision_until,decision_reason$/);
    expect(csv).toHaveLength(1 + matchRows(result, { dataset, rejected: true }).length);
    expect(csv.some((l) => l.includes(',uncovered,'))).toBe(true);
    expect(csv.join('\n')).toContain('(주)'); // Korean names come through
  });

  it('gapReportToCsv keeps its columns and adds names with a dataset', () => {
    const plain = gapReportToCsv(report).split('\n');
    const named = gapReportToCsv(report, { dataset }).split('\n');
    expect(named[0]).toBe(`${plain[0]},supplier_name,supplier_name_ko,country`);
    expect(named).toHaveLength(plain.length);
    expect(plain.length - 2).toBe(gapRows(report).length);
  });

  it('rowsToCsv quotes cells that need it and writes null as empty', () => {
    expect(rowsToCsv([{ a: 'x, "y"', b: null, c: true }], [['A', 'a'], ['B', 'b'], ['C', 'c']])).toBe('A,B,C\n"x, ""y""",,true\n');
  });
});
