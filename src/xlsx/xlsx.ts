/**
 * Excel workbooks in and out. A dataset workbook has one sheet per file of the CSV layout
 * (`items`, `suppliers`, `offerings`... see `dataset/csv.ts`), headers in English or in Korean
 * (see {@link XLSX_HEADER_ALIASES}); results go out as one sheet per table of tidy rows. Issues
 * name the sheet, row and column of the bad cell.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CSV_FILES, datasetFromCsv, datasetToCsv } from '../dataset/csv.js';
import { csvCellValue } from '../dataset/csv-cell.js';
import { safeParseDataset, type ParseDatasetOptions, type ParseDatasetResult } from '../dataset/parse.js';
import { SupplymatchError, type Issue } from '../errors.js';
import { csvCell, type Cell } from '../format/rows.js';
import type { DatasetInput } from '../model/dataset.js';

/**
 * Korean headers accepted for the columns of the CSV layout (a header is also matched
 * without its spaces). English headers are the layout's own column names.
 *
 * @example
 * XLSX_HEADER_ALIASES['공급사']; // => 'supplier'
 */
export const XLSX_HEADER_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  아이디: 'id',
  식별자: 'id',
  품목: 'item',
  품목코드: 'item',
  분류: 'category',
  카테고리: 'category',
  영문명: 'name.en',
  '이름(영문)': 'name.en',
  국문명: 'name.ko',
  '이름(국문)': 'name.ko',
  이름: 'name.ko',
  업체명: 'name.ko',
  동의어: 'synonyms',
  약어: 'abbreviations',
  설명: 'description',
  국가: 'country',
  지역: 'region',
  규모: 'size',
  역량: 'capabilities',
  지원필요: 'supportNeeds',
  비고: 'note',
  공급사: 'supplier',
  공급기업: 'supplier',
  제품: 'offering',
  공급품목: 'offering',
  텍스트: 'text',
  품명: 'text',
  생산능력: 'capacity',
  납기: 'leadTime',
  리드타임: 'leadTime',
  최소주문: 'minOrder',
  최소주문량: 'minOrder',
  단가: 'price',
  가격: 'price',
  통화: 'currency',
  가격단위: 'priceUnit',
  준비도: 'readiness',
  키: 'key',
  값: 'value',
  인증: 'type',
  인증종류: 'type',
  등급: 'class',
  범위: 'scope',
  발급기관: 'issuer',
  발급일: 'issued',
  만료일: 'expires',
  구매사: 'buyer',
  수요기업: 'buyer',
  수요라인: 'line',
  라인: 'line',
  수량: 'quantity',
  최대납기: 'maxLeadTime',
  필요일: 'needBy',
  최고가: 'maxPrice',
  국산: 'domestic',
  국산화: 'domestic',
  최소공급사수: 'minSuppliers',
  최대점유율: 'maxSupplierShare',
  중요: 'critical',
  종류: 'kind',
  연산: 'op',
  최소: 'min',
  최대: 'max',
  허용오차: 'tolerance',
  중요도: 'importance',
  수준: 'level',
  평가: 'grade',
  근거: 'rationale',
});

/** Where each CSV line of a sheet came from: the sheet, and its header by column index. */
interface SheetSource {
  readonly sheet: string;
  readonly header: readonly string[];
}

/** The column letters of a 1-based column number (`1` → `A`, `28` → `AB`). */
function columnLetters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

function headerName(text: string): string {
  const trimmed = text.trim();
  return XLSX_HEADER_ALIASES[trimmed] ?? XLSX_HEADER_ALIASES[trimmed.replace(/\s+/g, '')] ?? trimmed;
}

function at(sheet: string, row: number, col?: number, header?: readonly string[]): string {
  return col === undefined ? `${sheet}!${row}` : `${sheet}!${columnLetters(col)}${row}${header?.[col - 1] ? ` (${header[col - 1]})` : ''}`;
}

/** A cell's text as the CSV layout reads it, or an issue. */
function cellText(value: ExcelJS.CellValue, where: string): { text: string } | { issue: Issue } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) {
    const iso = value.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { issue: { path: where, code: 'xlsx_cell_error', message: `the cell holds the error ${value.error}` } };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) return { issue: { path: where, code: 'xlsx_formula_without_value', message: 'the formula has no saved value (save the workbook in Excel first)' } };
    return cellText(result, where);
  }
  if ('text' in value) return { text: String((value as { text: unknown }).text) };
  return { issue: { path: where, code: 'xlsx_cell_type', message: 'the cell holds a value that is not text, a number, a date or a yes/no' } };
}

/** Which column of the layout an issue's field stands for (the JSON path below the record). */
function fieldColumn(rest: string): string {
  const parts = rest.split(/[.[\]]+/).filter(Boolean);
  const [a, b] = parts;
  if ((a === 'unitPrice' || a === 'maxUnitPrice') && b !== undefined) return { amount: a === 'unitPrice' ? 'price' : 'maxPrice', currency: 'currency', per: 'priceUnit' }[b] ?? a;
  if ((a === 'sourcing' || a === 'codes') && b !== undefined) return b;
  if (a === 'names' && b !== undefined) return `name.${b}`;
  return a ?? '';
}

/** Rewrites `file.csv:N` (and a schema issue's record and field) as the sheet, row and column. */
function locate(issue: Issue, sources: ReadonlyMap<string, SheetSource>, origins: Readonly<Record<string, string>>): Issue {
  const toCell = (file: string, line: number, field?: string): string | undefined => {
    const source = sources.get(file);
    if (!source) return undefined;
    const col = field === undefined ? -1 : source.header.indexOf(field);
    return col >= 0 ? at(source.sheet, line, col + 1, source.header) : at(source.sheet, line);
  };
  // Issues of the CSV reader: the path is `file.csv:line` (or just the file).
  const direct = /^([a-z_]+\.csv)(?::(\d+))?$/.exec(issue.path);
  if (direct?.[1] !== undefined) {
    const source = sources.get(direct[1]);
    // A header problem (an unknown column) names its header cell.
    const quoted = /"([^"]+)"/.exec(issue.message)?.[1];
    const headerCol = direct[2] === undefined && quoted !== undefined ? (source?.header.indexOf(quoted) ?? -1) : -1;
    const cell = direct[2] !== undefined ? toCell(direct[1], Number(direct[2])) : headerCol >= 0 && source ? at(source.sheet, 1, headerCol + 1) : source?.sheet;
    return cell === undefined ? issue : { ...issue, path: cell, message: issue.message.replace(/\b([a-z_]+)\.csv\b/g, (m, f: string) => sources.get(`${f}.csv`)?.sheet ?? m) };
  }
  // Issues of the dataset schema: a JSON path; its record came from a row.
  for (let path = issue.path; ; ) {
    const origin = origins[path];
    if (origin !== undefined) {
      const [file, line] = origin.split(':');
      const cell = file !== undefined && line !== undefined ? toCell(file, Number(line), fieldColumn(issue.path.slice(path.length))) : undefined;
      return cell === undefined ? issue : { ...issue, message: `${issue.message} (${cell})` };
    }
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return issue;
    path = path.slice(0, cut);
  }
}

/** Options of {@link safeReadXlsxDataset}. */
export interface ReadXlsxOptions extends ParseDatasetOptions {
  /** The dataset's `meta` (a workbook holds no meta sheet); default none. */
  readonly meta?: DatasetInput['meta'];
}

/**
 * Reads and validates a dataset from an `.xlsx` workbook (its bytes): one sheet per file of the
 * CSV layout, named as the file without `.csv` (`items`, `suppliers`, `offerings`...), the first
 * row holding the headers (layout names or Korean aliases). Sheets with other names are an
 * issue, so a misspelt sheet is never ignored. Every issue names the cell: its path is
 * `sheet!row` or `sheet!A1 (column)` for a problem of the file itself, and a schema issue keeps
 * its JSON path with the cell at the end of its message.
 *
 * @example
 * const r = await safeReadXlsxDataset(await readFile('dataset.xlsx'), { meta: { domesticCountry: 'KR' } });
 * if (!r.success) console.log(formatIssues(r.error.issues)); // offerings!G12 (capacity): ...
 */
export async function safeReadXlsxDataset(data: Uint8Array, options?: ReadXlsxOptions): Promise<ParseDatasetResult> {
  const workbook = new ExcelJS.Workbook();
  const fail = (issues: Issue[]): ParseDatasetResult => {
    const [first, ...rest] = issues;
    return { success: false, error: new SupplymatchError(first ? [first, ...rest] : [{ path: 'workbook', code: 'invalid', message: 'invalid workbook' }]) };
  };
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return fail([{ path: 'workbook', code: 'xlsx_unreadable', message: `cannot read the workbook: ${(e as Error).message}` }]);
  }
  const issues: Issue[] = [];
  const files: Record<string, string> = {};
  const sources = new Map<string, SheetSource>();
  const known = new Set<string>(CSV_FILES);
  workbook.eachSheet((sheet) => {
    const file = `${sheet.name.trim().replace(/\.csv$/i, '')}.csv`;
    if (!known.has(file)) {
      issues.push({ path: sheet.name, code: 'xlsx_unknown_sheet', message: `unknown sheet "${sheet.name}" (the sheets are ${CSV_FILES.map((f) => f.replace('.csv', '')).join(', ')})` });
      return;
    }
    const lines: string[] = [];
    let header: string[] = [];
    // One CSV line per sheet row, blank rows included, so that CSV line N is sheet row N.
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, r === 1 ? 0 : header.length); c++) {
        const read = cellText(row.getCell(c).value, at(sheet.name, r, c, header));
        if ('issue' in read) {
          issues.push(read.issue);
          cells.push('');
        } else cells.push(r === 1 ? headerName(read.text) : read.text);
      }
      if (r === 1) header = cells;
      lines.push(cells.map(csvCell).join(','));
    }
    files[file] = `${lines.join('\n')}\n`;
    sources.set(file, { sheet: sheet.name, header });
  });
  const csv = datasetFromCsv(files);
  issues.push(...csv.issues.map((i) => locate(i, sources, csv.origins)));
  if (issues.length > 0) return fail(issues);
  // The meta is the workbook's stand-in for meta.json, not an option of parsing.
  const { meta, ...parseOptions } = options ?? {};
  const result = safeParseDataset({ ...csv.input, ...(meta !== undefined ? { meta } : {}) }, parseOptions);
  if (result.success) return { ...result, skipped: result.skipped.map((s) => ({ ...s, issues: s.issues.map((i) => locate(i, sources, csv.origins)) })) };
  return fail(result.error.issues.map((i) => locate(i, sources, csv.origins)));
}

/**
 * Reads a dataset workbook like {@link safeReadXlsxDataset}; throws a `SupplymatchError` listing every issue.
 *
 * @example
 * const dataset = await readXlsxDataset(await readFile('dataset.xlsx'));
 */
export async function readXlsxDataset(data: Uint8Array, options?: ReadXlsxOptions) {
  const r = await safeReadXlsxDataset(data, options);
  if (!r.success) throw r.error;
  return r.data;
}

/**
 * Writes tables of tidy rows (see `matchRows`, `gapRows`, `allocationRows`...) as a workbook:
 * one sheet per table, named by its key, the header row holding every key the rows use (in the
 * order first seen), frozen and bold; `null` is an empty cell. Returns the `.xlsx` bytes; the
 * same tables give the same cells (the file's timestamps are fixed).
 *
 * @example
 * await writeFile('results.xlsx', await rowsToXlsx({ matches: matchRows(result, { dataset }), gaps: gapRows(report, { dataset }) }));
 */
export async function rowsToXlsx(tables: Readonly<Record<string, readonly object[]>>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const epoch = new Date(0);
  workbook.created = epoch;
  workbook.modified = epoch;
  for (const [name, rows] of Object.entries(tables)) {
    if (!/^[^[\]:*?/\\]{1,31}$/.test(name))
      throw new SupplymatchError([{ path: name, code: 'xlsx_sheet_name', message: `a sheet name has 1 to 31 characters and none of []:*?/\\, not "${name}"` }]);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const r of rows)
      for (const k of Object.keys(r))
        if (!seen.has(k)) {
          seen.add(k);
          keys.push(k);
        }
    sheet.addRow(keys).font = { bold: true };
    for (const r of rows) sheet.addRow(keys.map((k) => ((r as Record<string, Cell | undefined>)[k] ?? null)));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Writes a dataset (its JSON input form) as a workbook of the CSV layout, one sheet per file,
 * every cell as text: what {@link readXlsxDataset} reads back.
 *
 * @example
 * await writeFile('dataset.xlsx', await datasetToXlsx(input));
 */
export async function datasetToXlsx(input: DatasetInput): Promise<Uint8Array> {
  const tables: Record<string, Record<string, string>[]> = {};
  for (const [file, text] of Object.entries(datasetToCsv(input))) {
    // A workbook cell holds text, never a formula: the quote that neutralizes a formula-like
    // CSV cell ('-80 degC) is taken off again, or the reader would keep one.
    const records = (parseCsv(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, csvCellValue(v)])),
    );
    const header = (parseCsv(text, { to_line: 1 }) as string[][])[0] ?? [];
    // The header row is kept even when the file has no rows.
    tables[file.replace(/\.csv$/, '')] = records.length > 0 ? records : [Object.fromEntries(header.map((h) => [h, '']))];
  }
  return rowsToXlsx(tables);
}
