/**
 * # CSV layout of a dataset
 *
 * A dataset can be kept as eleven CSV files that an analyst fills in a spreadsheet, one row per
 * record. {@link datasetFromCsv} turns them into the JSON input form that `parseDataset`
 * validates, and {@link datasetToCsv} writes that form back. `meta` (and `categories`, when the
 * built-in taxonomy is not enough) stay JSON files.
 *
 * | File | Columns (the first one is required) | One row is |
 * |---|---|---|
 * | `items.csv` | id, category, name.en, name.ko, synonyms, abbreviations, unspsc, hs, description | a catalog item |
 * | `item_specs.csv` | item, key, value | one spec of an item |
 * | `suppliers.csv` | id, name.en, name.ko, country, region, size, capabilities, supportNeeds, note | a supplier |
 * | `offerings.csv` | supplier, id, item, category, unspsc, text, capacity, leadTime, minOrder, price, currency, priceUnit, readiness, note | an offering of a supplier |
 * | `offering_specs.csv` | offering, key, value | one spec of an offering |
 * | `certifications.csv` | supplier, offering, type, class, scope, issuer, issued, expires | a certificate (of the supplier when `offering` is empty) |
 * | `buyers.csv` | id, name.en, name.ko, country, region, note | a buyer |
 * | `demand_lines.csv` | buyer, id, item, unspsc, text, quantity, maxLeadTime, needBy, maxPrice, currency, priceUnit, maxPriceLimit, domestic, regions, minSuppliers, maxSupplierShare, critical, note | a demand line of a buyer |
 * | `requirements.csv` | line, kind, key, op, value, min, max, tolerance, importance, level, class, note | a spec (`kind` = `spec`) or certificate (`kind` = `cert`) requirement of a demand line |
 * | `truth.csv` | line, supplier, offering, grade, rationale | a hand-written label |
 * | `decisions.csv` | buyer, line, item, supplier, offering, status, date, until, reason, by | a buyer's decision about a supplier |
 *
 * `items.csv`, `suppliers.csv` and `buyers.csv` must be there; the other files may be left out
 * (no rows). Columns may come in any order and may be left out, except the first of each file;
 * a column the layout does not know is an issue, so a misspelt header is never ignored.
 *
 * **Names.** Any `name.<lang>` column (`name.en`, `name.ko`, `name.ja`, `name.zh-CN`...) of
 * `items.csv`, `suppliers.csv` and `buyers.csv` is the record's name in that language.
 *
 * **Cells.** Fields are separated by `,`; a cell holding `,`, `"`, a line break or spaces at
 * either end is quoted (`"Kim, Lee"`, `"5"" hose"`). Spaces around an unquoted cell are ignored.
 * An empty cell leaves the field out (it is never an empty string); rows whose cells are all
 * empty and blank lines are skipped. A UTF-8 byte order mark is allowed, and lines may end in
 * `\n`, `\r\n` or `\r` (the writer uses `\n`).
 *
 * - *Lists* (`synonyms`, `abbreviations`, `unspsc`, `hs`, `capabilities`, `supportNeeds`,
 *   `regions`): words separated by `|`, e.g. `PES capsule|PES 캡슐`. Spaces around each word
 *   are ignored, and so are empty words.
 * - *Spec values* (`value` of the spec files; `value`, `min`, `max` of requirements): `true` or
 *   `false` (any case) is a flag; a cell with `|` is a set of words (`PES|PVDF`; `PES|` is a set
 *   of one); anything else is kept as written (`0.22 um`, `60`, `PES`), and the dataset schema
 *   reads it.
 * - *Numbers* (`price`, `maxPrice`, `minSuppliers`, `maxSupplierShare`, `grade`): a plain
 *   decimal number (`42000`, `0.7`, `1e3`); anything else (`42,000`) is passed on as text so
 *   that the dataset check reports the field.
 * - *Yes/no* (`critical`): `true`, `false`, `yes` or `no`, in any case.
 * - Quantities (`capacity`, `leadTime`, `minOrder`, `quantity`, `maxLeadTime`) and dates stay
 *   text, as in JSON (`2,000 unit/year` must then be quoted).
 *
 * **Grouped fields.** `price`, `currency`, `priceUnit` of an offering are its
 * `unitPrice: { amount, currency, per }`; the same columns of a demand line, with
 * `maxPriceLimit` (`hard` or `soft`) as its `limit`, are its `maxUnitPrice`. `unspsc` and `hs` of an item are its `codes`. `domestic`, `regions`,
 * `minSuppliers` and `maxSupplierShare` of a demand line are its `sourcing`. A group whose cells
 * are all empty is left out.
 *
 * **Requirements.** A `spec` row is `{ key, op, value, min, max, tolerance, importance, note }`;
 * with `op` = `oneOf` the `value` cell lists the accepted words, `PES|PVDF` → `values`. A `cert`
 * row is `{ type: key, alternatives: value, level, class }` (`EN 12469|KS 1234` → `alternatives`). Rows of a line keep their order within each kind.
 *
 * **Owners.** Child rows name their owner by id: an item spec its `item`, an offering its
 * `supplier`, an offering spec its `offering`, a certificate its `supplier` (and `offering`), a
 * demand line its `buyer`, a requirement its `line`. An owner that is not in its file is an
 * issue (`csv_unknown_owner`) pointing at the row, e.g. `offerings.csv:12` (the header is line
 * 1); no row is dropped without an issue. Offering and demand line ids are unique across the
 * dataset, as `parseDataset` requires.
 *
 * **Round trip.** Writing then reading gives back the same JSON, with three exceptions, all
 * harmless to `parseDataset`: empty lists and objects (`synonyms: []`, `specs: {}`,
 * `offerings: []`, `truth: []`, `decisions: []`) come back left out; a spec value written as a JSON number
 * (`60`) comes back as text (`"60"`); `meta` and `categories` are not written. A dataset that
 * cannot be written so (a list word holding `|`, a text spec value `"true"`, an empty text, an
 * unknown field, two suppliers with the same id...) is refused with every reason.
 *
 * Issue codes: `csv_syntax`, `csv_missing_file`, `csv_unknown_file`, `csv_missing_column`,
 * `csv_unknown_column`, `csv_duplicate_column`, `csv_unknown_owner`, `csv_missing_value`,
 * `csv_duplicate_spec`, `csv_unknown_kind`; the writer's is `csv_unrepresentable`.
 */
import { parse } from 'csv-parse/sync';
import { SupplymatchError, formatIssues, formatPath, type Issue } from '../errors.js';
import type { DatasetInput } from '../model/dataset.js';
import { csvCell, csvCellValue } from './csv-cell.js';
import { compareIds } from '../model/common.js';

/**
 * The CSV files of a dataset, in the order they are read and written (owners before the rows
 * that name them).
 *
 * @example
 * CSV_FILES[0]; // => 'items.csv'
 * CSV_FILES.length; // => 11
 */
export const CSV_FILES = [
  'items.csv',
  'item_specs.csv',
  'suppliers.csv',
  'offerings.csv',
  'offering_specs.csv',
  'certifications.csv',
  'buyers.csv',
  'demand_lines.csv',
  'requirements.csv',
  'truth.csv',
  'decisions.csv',
] as const;
type CsvFileName = (typeof CSV_FILES)[number];

/**
 * A dataset read from CSV files: its JSON input form, where each record came from, and the
 * issues found in the files themselves (schema checks are `parseDataset`'s job).
 *
 * @example
 * const { input, origins, issues } = datasetFromCsv(files);
 * origins['suppliers[0].offerings[1]']; // => 'offerings.csv:3'
 */
export interface CsvDataset {
  /** The dataset in its JSON input form, ready for parseDataset. */
  readonly input: { items: unknown[]; suppliers: unknown[]; buyers: unknown[]; truth?: unknown[]; decisions?: unknown[] };
  /** For each record's JSON path (e.g. 'suppliers[3].offerings[0]', 'buyers[0].demandLines[2].specs[1]', 'items[4]', 'truth[7]', 'decisions[2]') the CSV row it came from, e.g. 'offerings.csv:12'. */
  readonly origins: Readonly<Record<string, string>>;
  readonly issues: readonly Issue[];
}

// ---------------------------------------------------------------------------------------------
// Layout

type CellKind = 'owner' | 'text' | 'list' | 'spec' | 'number' | 'boolean';

interface Column {
  readonly name: string;
  readonly kind: CellKind;
  /** Where the cell goes in the record; empty for owner columns, which link rows instead. */
  readonly path: readonly string[];
}

/** Stands for the `name.<lang>` columns of a file. */
const NAMES = 'names';
type LayoutEntry = Column | typeof NAMES;

const column = (name: string, kind: Exclude<CellKind, 'owner'> = 'text', path: readonly string[] = [name]): Column => ({
  name,
  kind,
  path,
});
const owner = (name: string): Column => ({ name, kind: 'owner', path: [] });
const specRows: readonly LayoutEntry[] = [column('key'), column('value', 'spec')];

/** Columns of each file in header order; the first one is required. */
const LAYOUT: Readonly<Record<CsvFileName, readonly LayoutEntry[]>> = {
  'items.csv': [
    column('id'),
    column('category'),
    NAMES,
    column('synonyms', 'list'),
    column('abbreviations', 'list'),
    column('unspsc', 'list', ['codes', 'unspsc']),
    column('hs', 'list', ['codes', 'hs']),
    column('description'),
  ],
  'item_specs.csv': [owner('item'), ...specRows],
  'suppliers.csv': [
    column('id'),
    NAMES,
    column('country'),
    column('region'),
    column('size'),
    column('capabilities', 'list'),
    column('supportNeeds', 'list'),
    column('note'),
  ],
  'offerings.csv': [
    owner('supplier'),
    column('id'),
    column('item'),
    column('category'),
    column('unspsc'),
    column('text'),
    column('capacity'),
    column('leadTime'),
    column('minOrder'),
    column('price', 'number', ['unitPrice', 'amount']),
    column('currency', 'text', ['unitPrice', 'currency']),
    column('priceUnit', 'text', ['unitPrice', 'per']),
    column('readiness'),
    column('note'),
  ],
  'offering_specs.csv': [owner('offering'), ...specRows],
  'certifications.csv': [
    owner('supplier'),
    owner('offering'),
    column('type'),
    column('class'),
    column('scope'),
    column('issuer'),
    column('issued'),
    column('expires'),
  ],
  'buyers.csv': [column('id'), NAMES, column('country'), column('region'), column('note')],
  'demand_lines.csv': [
    owner('buyer'),
    column('id'),
    column('item'),
    column('unspsc'),
    column('text'),
    column('quantity'),
    column('maxLeadTime'),
    column('needBy'),
    column('maxPrice', 'number', ['maxUnitPrice', 'amount']),
    column('currency', 'text', ['maxUnitPrice', 'currency']),
    column('priceUnit', 'text', ['maxUnitPrice', 'per']),
    column('maxPriceLimit', 'text', ['maxUnitPrice', 'limit']),
    column('domestic', 'text', ['sourcing', 'domestic']),
    column('regions', 'list', ['sourcing', 'regions']),
    column('minSuppliers', 'number', ['sourcing', 'minSuppliers']),
    column('maxSupplierShare', 'number', ['sourcing', 'maxSupplierShare']),
    column('critical', 'boolean'),
    column('note'),
  ],
  // Read and written by hand (the `kind` column decides what a row is); listed for the header.
  'requirements.csv': [
    owner('line'),
    owner('kind'),
    column('key'),
    column('op'),
    column('value', 'spec'),
    column('min', 'spec'),
    column('max', 'spec'),
    column('tolerance'),
    column('importance'),
    column('level'),
    column('class'),
    column('note'),
  ],
  'truth.csv': [column('line'), column('supplier'), column('offering'), column('grade', 'number'), column('rationale')],
  'decisions.csv': [
    column('buyer'),
    column('line'),
    column('item'),
    column('supplier'),
    column('offering'),
    column('status'),
    column('date'),
    column('until'),
    column('reason'),
    column('by'),
  ],
};

const REQUIRED_FILES: ReadonlySet<string> = new Set(['items.csv', 'suppliers.csv', 'buyers.csv']);
const NAME_COLUMN = /^name\.(.+)$/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FLAG = /^(?:true|false)$/i;
const LIST_SEPARATOR = '|';

const columnsOf = (file: CsvFileName): Column[] => LAYOUT[file].filter((c): c is Column => c !== NAMES);
const hasNames = (file: CsvFileName): boolean => LAYOUT[file].includes(NAMES);

/** Sets an own property even for keys such as `__proto__`, which `scanInput` then reports. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Row {
  /** `file:line` of the row's first line. */
  readonly at: string;
  /** Non-empty cells by header name. */
  readonly cells: ReadonlyMap<string, string>;
}

interface Table {
  readonly rows: readonly Row[];
  /** Languages of the `name.<lang>` columns, in header order. */
  readonly languages: readonly string[];
}

const EMPTY_TABLE: Table = { rows: [], languages: [] };

/**
 * Counts lines up to byte offsets of the UTF-8 text (csv-parse reports positions in bytes).
 * Scanning bytes is safe: CR and LF never occur inside a multi-byte UTF-8 sequence.
 */
function lineCounter(bytes: Uint8Array): (offset: number) => number {
  let pos = 0;
  let line = 1;
  const step = (): void => {
    const b = bytes[pos];
    if (b === 0x0a || (b === 0x0d && bytes[pos + 1] !== 0x0a)) line += 1;
    pos += 1;
  };
  /** The line where the record after `offset` starts: blank lines and indentation are skipped. */
  return (offset) => {
    while (pos < offset && pos < bytes.length) step();
    for (let b = bytes[pos]; b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d; b = bytes[pos]) step();
    return line;
  };
}

function syntaxMessage(error: unknown, headerLength: number | undefined): string {
  const code = (error as { code?: unknown }).code;
  const record = (error as { record?: unknown }).record;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed: a `"` is missing';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return Array.isArray(record) && headerLength !== undefined
        ? `the row has ${record.length} cells but the header has ${headerLength}`
        : 'the row does not have as many cells as the header';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a `"` inside a cell: quote the whole cell and double the quotes in it, e.g. "5"" hose"';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Parses one file into rows of non-empty cells, checking its header against the layout. */
function readTable(file: CsvFileName, text: string, issues: Issue[]): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineAfter = lineCounter(new TextEncoder().encode(body));
  const ends: number[] = [];
  let headerLength: number | undefined;
  let records: string[][];
  try {
    records = parse(body, {
      skip_empty_lines: true,
      trim: true,
      // Files pasted together from several tools mix line endings; accept all three anywhere.
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], context) => {
        headerLength ??= record.length;
        ends.push(context.bytes);
        return record;
      },
    });
  } catch (error) {
    // The failing record is the one after the last record read.
    const line = lineAfter(ends.at(-1) ?? 0);
    issues.push({ path: `${file}:${line}`, code: 'csv_syntax', message: `cannot read the row: ${syntaxMessage(error, headerLength)}` });
    return EMPTY_TABLE;
  }
  const [header, ...data] = records;
  if (header === undefined) return EMPTY_TABLE;

  const known = new Set(columnsOf(file).map((c) => c.name));
  const names = hasNames(file);
  const seen = new Set<string>();
  const languages: string[] = [];
  const blank: number[] = [];
  const used: (string | undefined)[] = header.map((name, i) => {
    if (name === '') {
      blank.push(i);
      return undefined;
    }
    if (seen.has(name)) {
      issues.push({ path: file, code: 'csv_duplicate_column', message: `column "${name}" appears twice; only the first is read` });
      return undefined;
    }
    seen.add(name);
    const lang = NAME_COLUMN.exec(name)?.[1];
    if (names && lang !== undefined) {
      languages.push(lang);
      return name;
    }
    if (known.has(name)) return name;
    const expected = [...known, ...(names ? ['name.<lang>'] : [])].join(', ');
    issues.push({ path: file, code: 'csv_unknown_column', message: `unknown column "${name}" (the columns of ${file} are ${expected})` });
    return undefined;
  });

  const required = columnsOf(file)[0]?.name ?? '';
  if (!seen.has(required)) {
    const hint = header.length === 1 && /[;\t]/.test(header[0] ?? '') ? '; cells must be separated by ","' : '';
    issues.push({ path: file, code: 'csv_missing_column', message: `column "${required}" is missing${hint}` });
    return EMPTY_TABLE;
  }

  const rows: Row[] = [];
  const reportedBlank = new Set<number>();
  data.forEach((record, k) => {
    const at = `${file}:${lineAfter(ends[k] ?? 0)}`;
    if (record.every((cell) => cell === '')) return;
    const cells = new Map<string, string>();
    record.forEach((cell, i) => {
      const name = used[i];
      if (cell !== '' && name !== undefined) cells.set(name, csvCellValue(cell));
    });
    for (const i of blank) {
      if (record[i] !== '' && !reportedBlank.has(i)) {
        reportedBlank.add(i);
        issues.push({ path: at, code: 'csv_unknown_column', message: `column ${i + 1} has no name in the header but holds a value` });
      }
    }
    rows.push({ at, cells });
  });
  return { rows, languages };
}

function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

function readSpecValue(cell: string): string | boolean | string[] {
  if (FLAG.test(cell)) return cell.toLowerCase() === 'true';
  if (cell.includes(LIST_SEPARATOR)) return splitList(cell);
  return cell;
}

/** A cell's value for the record, or undefined when the field is left out. */
function readCell(cell: string, kind: CellKind): unknown {
  switch (kind) {
    case 'owner':
      return undefined;
    case 'text':
      return cell;
    case 'list': {
      const words = splitList(cell);
      return words.length > 0 ? words : undefined;
    }
    case 'spec':
      return readSpecValue(cell);
    case 'number': {
      const n = Number(cell);
      return PLAIN_NUMBER.test(cell) && Number.isFinite(n) ? n : cell;
    }
    case 'boolean':
      if (/^(?:true|yes)$/i.test(cell)) return true;
      if (/^(?:false|no)$/i.test(cell)) return false;
      return cell;
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (next !== null && typeof next === 'object') node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  });
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

function readRecord(row: Row, file: CsvFileName, languages: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const entry of LAYOUT[file]) {
    if (entry === NAMES) {
      const names: Record<string, unknown> = {};
      for (const lang of languages) {
        const name = row.cells.get(`name.${lang}`);
        if (name !== undefined) setKey(names, lang, name);
      }
      if (Object.keys(names).length > 0) record['names'] = names;
      continue;
    }
    const cell = row.cells.get(entry.name);
    if (cell === undefined) continue;
    const value = readCell(cell, entry.kind);
    if (value !== undefined) setPath(record, entry.path, value);
  }
  return record;
}

/** A record that rows of another file can name, and where it sits in the JSON. */
interface Owner {
  readonly record: Record<string, unknown>;
  readonly path: readonly (string | number)[];
  /** Offerings of a supplier by id, for certificate rows. */
  readonly offerings: Map<string, Owner>;
}

/** Appends to the record's child list and returns the child's path. */
function addChild(parent: Owner, key: string, child: unknown): (string | number)[] {
  const existing = parent.record[key];
  const list = Array.isArray(existing) ? (existing as unknown[]) : [];
  if (list !== existing) parent.record[key] = list;
  list.push(child);
  return [...parent.path, key, list.length - 1];
}

/**
 * Reads a dataset from its CSV files (keys are file names such as `'offerings.csv'`, values
 * their text) into the JSON input form, with the row each record came from and every issue of
 * the files themselves: syntax, unknown or missing columns, rows whose owner does not exist.
 * Values are not checked here: pass `input` to `parseDataset`, and map an issue's path back to
 * its row with `origins` (trim the path to the nearest record). Never throws; does no I/O.
 *
 * @example
 * const r = datasetFromCsv({
 *   'items.csv': 'id,category,name.en\nIT-1,tubing,Silicone tubing\n',
 *   'suppliers.csv': 'id,name.en,country\nS-1,Hanbit,KR\n',
 *   'offerings.csv': 'supplier,id,item,price,currency\nS-1,S-1-O1,IT-1,9500,KRW\n',
 *   'buyers.csv': 'id,name.en,country\n',
 * });
 * r.input.suppliers[0];
 * // => { id: 'S-1', names: { en: 'Hanbit' }, country: 'KR',
 * //      offerings: [{ id: 'S-1-O1', item: 'IT-1', unitPrice: { amount: 9500, currency: 'KRW' } }] }
 * r.origins['suppliers[0].offerings[0]']; // => 'offerings.csv:2'
 * r.issues; // => []
 */
export function datasetFromCsv(files: Readonly<Partial<Record<string, string>>>): CsvDataset {
  const issues: Issue[] = [];
  const origins: Record<string, string> = {};
  const known = new Set<string>(CSV_FILES);
  for (const name of Object.keys(files)) {
    if (!known.has(name) && /\.csv$/i.test(name))
      issues.push({ path: name, code: 'csv_unknown_file', message: `unknown file "${name}" (the files are ${CSV_FILES.join(', ')})` });
  }
  const table = (file: CsvFileName): Table => {
    const text = Object.hasOwn(files, file) ? files[file] : undefined;
    if (text === undefined) {
      if (REQUIRED_FILES.has(file)) issues.push({ path: file, code: 'csv_missing_file', message: `${file} is missing` });
      return EMPTY_TABLE;
    }
    return readTable(file, text, issues);
  };
  const origin = (path: readonly (string | number)[], row: Row): void => {
    origins[formatPath(path)] = row.at;
  };
  const unknownOwner = (row: Row, message: string): void => {
    issues.push({ path: row.at, code: 'csv_unknown_owner', message });
  };
  /** The owner a row names in `column`, or an issue. */
  const ownerOf = (row: Row, column: string, owners: ReadonlyMap<string, Owner>, where: string): Owner | undefined => {
    const id = row.cells.get(column);
    if (id === undefined) {
      unknownOwner(row, `the ${column} cell is empty`);
      return undefined;
    }
    const found = owners.get(id);
    if (!found) unknownOwner(row, `${column} "${id}" is not in ${where}`);
    return found;
  };
  /** Top-level records; the first record with an id is the one its children attach to. */
  const readTop = (file: CsvFileName, list: unknown[], key: string): Map<string, Owner> => {
    const byId = new Map<string, Owner>();
    const { rows, languages } = table(file);
    for (const row of rows) {
      const record = readRecord(row, file, languages);
      const path = [key, list.length];
      list.push(record);
      origin(path, row);
      const id = row.cells.get('id');
      if (id !== undefined && !byId.has(id)) byId.set(id, { record, path, offerings: new Map() });
    }
    return byId;
  };
  const readSpecs = (file: CsvFileName, column: string, owners: ReadonlyMap<string, Owner>, where: string): void => {
    for (const row of table(file).rows) {
      const target = ownerOf(row, column, owners, where);
      if (!target) continue;
      const key = row.cells.get('key');
      const cell = row.cells.get('value');
      if (key === undefined || cell === undefined) {
        issues.push({ path: row.at, code: 'csv_missing_value', message: `the ${key === undefined ? 'key' : 'value'} cell is empty` });
        continue;
      }
      const existing = target.record['specs'];
      const specs = existing !== null && typeof existing === 'object' ? (existing as Record<string, unknown>) : {};
      target.record['specs'] = specs;
      if (Object.hasOwn(specs, key)) {
        issues.push({ path: row.at, code: 'csv_duplicate_spec', message: `spec "${key}" of ${column} "${row.cells.get(column) ?? ''}" is given twice` });
        continue;
      }
      setKey(specs, key, readSpecValue(cell));
      origin([...target.path, 'specs', key], row);
    }
  };

  const items: unknown[] = [];
  const suppliers: unknown[] = [];
  const buyers: unknown[] = [];
  const truth: unknown[] = [];

  const itemsById = readTop('items.csv', items, 'items');
  readSpecs('item_specs.csv', 'item', itemsById, 'items.csv');

  const suppliersById = readTop('suppliers.csv', suppliers, 'suppliers');
  const offeringsById = new Map<string, Owner>();
  const offeringTable = table('offerings.csv');
  for (const row of offeringTable.rows) {
    const supplier = ownerOf(row, 'supplier', suppliersById, 'suppliers.csv');
    if (!supplier) continue;
    const record = readRecord(row, 'offerings.csv', offeringTable.languages);
    const path = addChild(supplier, 'offerings', record);
    origin(path, row);
    const id = row.cells.get('id');
    if (id === undefined) continue;
    const entry: Owner = { record, path, offerings: new Map() };
    if (!offeringsById.has(id)) offeringsById.set(id, entry);
    if (!supplier.offerings.has(id)) supplier.offerings.set(id, entry);
  }
  readSpecs('offering_specs.csv', 'offering', offeringsById, 'offerings.csv');
  const certTable = table('certifications.csv');
  for (const row of certTable.rows) {
    const supplier = ownerOf(row, 'supplier', suppliersById, 'suppliers.csv');
    if (!supplier) continue;
    const offeringId = row.cells.get('offering');
    const target = offeringId === undefined ? supplier : supplier.offerings.get(offeringId);
    if (!target) {
      unknownOwner(row, `offering "${offeringId ?? ''}" is not an offering of supplier "${row.cells.get('supplier') ?? ''}" in offerings.csv`);
      continue;
    }
    origin(addChild(target, 'certifications', readRecord(row, 'certifications.csv', certTable.languages)), row);
  }

  const buyersById = readTop('buyers.csv', buyers, 'buyers');
  const linesById = new Map<string, Owner>();
  const lineTable = table('demand_lines.csv');
  for (const row of lineTable.rows) {
    const buyer = ownerOf(row, 'buyer', buyersById, 'buyers.csv');
    if (!buyer) continue;
    const record = readRecord(row, 'demand_lines.csv', lineTable.languages);
    const path = addChild(buyer, 'demandLines', record);
    origin(path, row);
    const id = row.cells.get('id');
    if (id !== undefined && !linesById.has(id)) linesById.set(id, { record, path, offerings: new Map() });
  }
  for (const row of table('requirements.csv').rows) {
    const line = ownerOf(row, 'line', linesById, 'demand_lines.csv');
    if (!line) continue;
    const kind = row.cells.get('kind')?.toLowerCase();
    if (kind !== 'spec' && kind !== 'cert') {
      const cell = row.cells.get('kind');
      issues.push({
        path: row.at,
        code: 'csv_unknown_kind',
        message: cell === undefined ? 'the kind cell is empty: write "spec" or "cert"' : `kind "${cell}" is neither "spec" nor "cert"`,
      });
      continue;
    }
    origin(addChild(line, kind === 'spec' ? 'specs' : 'certifications', readRequirement(row, kind)), row);
  }

  // Files of records that stand alone, one row each, in the dataset's top-level lists.
  const readFlat = (file: CsvFileName, key: string, into: unknown[]): void => {
    const flat = table(file);
    for (const row of flat.rows) {
      origin([key, into.length], row);
      into.push(readRecord(row, file, flat.languages));
    }
  };
  const decisions: unknown[] = [];
  readFlat('truth.csv', 'truth', truth);
  readFlat('decisions.csv', 'decisions', decisions);

  return {
    input: { items, suppliers, buyers, ...(truth.length > 0 ? { truth } : {}), ...(decisions.length > 0 ? { decisions } : {}) },
    origins,
    issues,
  };
}

/**
 * A requirement row. Cells that do not belong to the row's kind are passed on under their own
 * name, so that the dataset check reports them as unknown fields instead of losing them.
 */
function readRequirement(row: Row, kind: 'spec' | 'cert'): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const op = row.cells.get('op');
  for (const c of columnsOf('requirements.csv')) {
    const cell = row.cells.get(c.name);
    if (cell === undefined || c.kind === 'owner') continue;
    if (kind === 'cert' && c.name === 'value') {
      const alternatives = splitList(cell);
      if (alternatives.length > 0) record['alternatives'] = alternatives;
    } else if (kind === 'cert') {
      record[c.name === 'key' ? 'type' : c.name] = cell;
    } else if (c.name === 'value' && op === 'oneOf') {
      const words = splitList(cell);
      if (words.length > 0) record['values'] = words;
    } else {
      record[c.name] = readCell(cell, c.kind);
    }
  }
  return record;
}

// ---------------------------------------------------------------------------------------------
// Writing

type Path = readonly (string | number)[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Field names of a record that a file's columns can hold, nested for grouped fields. */
interface KeyTree {
  readonly [key: string]: KeyTree | true;
}

function keyTree(file: CsvFileName, children: readonly string[]): KeyTree {
  const tree: Record<string, Record<string, true> | true> = {};
  for (const entry of LAYOUT[file]) {
    if (entry === NAMES) tree['names'] = true;
    else if (entry.path.length === 1 && entry.path[0] !== undefined) tree[entry.path[0]] = true;
    else if (entry.path.length === 2 && entry.path[0] !== undefined && entry.path[1] !== undefined) {
      const group = tree[entry.path[0]];
      const sub = group === undefined || group === true ? {} : group;
      sub[entry.path[1]] = true;
      tree[entry.path[0]] = sub;
    }
  }
  for (const child of children) tree[child] = true;
  return tree;
}


function languageOrder(a: string, b: string): number {
  const rank = (lang: string): number => (lang === 'en' ? 0 : lang === 'ko' ? 1 : 2);
  return rank(a) - rank(b) || compareIds(a, b);
}

/**
 * Writes a dataset in its JSON input form as the CSV files of the layout described at the top
 * of this module: every file of {@link CSV_FILES}, each with its header even when it has no
 * rows, `\n` line endings, and the same output for the same input. Reading the files back with
 * {@link datasetFromCsv} gives the same JSON, except that empty lists and objects come back left
 * out, a JSON number spec value comes back as text, and `meta` and `categories` are not written.
 * Throws a `SupplymatchError` listing every value that cannot be written so (code
 * `csv_unrepresentable`): a list word holding `|` or spaces at its ends, a text spec value
 * `"true"`, an empty text, an unknown field, an id that children name but that is used twice...
 *
 * @example
 * const files = datasetToCsv({
 *   items: [{ id: 'IT-1', category: 'tubing', names: { en: 'Silicone tubing', ko: '실리콘 튜브' }, synonyms: ['Pt-cured, 1/4"'] }],
 *   suppliers: [],
 *   buyers: [],
 * });
 * files['items.csv'];
 * // => 'id,category,name.en,name.ko,synonyms,abbreviations,unspsc,hs,description\n'
 * //  + 'IT-1,tubing,Silicone tubing,실리콘 튜브,"Pt-cured, 1/4""",,,,\n'
 * files['truth.csv']; // => 'line,supplier,offering,grade,rationale\n'
 */
export function datasetToCsv(input: DatasetInput): Record<string, string> {
  const problems: Issue[] = [];
  const fail = (path: Path, message: string): void => {
    problems.push({ path: formatPath(path), code: 'csv_unrepresentable', message });
  };
  const rows = new Map<CsvFileName, Record<string, string>[]>(CSV_FILES.map((f) => [f, []]));
  const addRow = (file: CsvFileName, cells: Record<string, string>): void => {
    rows.get(file)?.push(cells);
  };

  const checkKeys = (record: Record<string, unknown>, tree: KeyTree, path: Path): void => {
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      const allowed = tree[key];
      if (allowed === undefined) fail([...path, key], `field "${key}" has no column in the CSV layout`);
      else if (allowed !== true) {
        if (isPlainObject(value)) checkKeys(value, allowed, [...path, key]);
        else fail([...path, key], 'must be an object');
      }
    }
  };
  const listWord = (word: unknown, path: Path): string => {
    if (typeof word !== 'string' || word === '') fail(path, 'a list holds words of text, not empty or other values');
    else if (word.includes(LIST_SEPARATOR)) fail(path, `"${word}" contains "|", which separates the words of a list cell`);
    else if (word.trim() !== word) fail(path, `"${word}" has spaces at its ends, which a list cell does not keep`);
    else return word;
    return '';
  };
  const specCell = (value: unknown, path: Path): string => {
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return String(value);
      fail(path, `${value} is not a finite number`);
    } else if (typeof value === 'string') {
      if (value === '') fail(path, 'an empty spec value would be read back as no value');
      else if (FLAG.test(value)) fail(path, `the text "${value}" would be read back as a flag`);
      else if (value.includes(LIST_SEPARATOR)) fail(path, `"${value}" contains "|", which would be read back as a set of words`);
      else return value;
    } else if (Array.isArray(value)) {
      if (value.length === 0) fail(path, 'an empty set of words cannot be written');
      const words = value.map((w, i) => listWord(w, [...path, i]));
      // A set of one keeps a trailing `|` so that it is not read back as a single word.
      return words.length === 1 ? `${words[0] ?? ''}${LIST_SEPARATOR}` : words.join(LIST_SEPARATOR);
    } else fail(path, 'a spec value is text, a number, a flag or a list of words');
    return '';
  };
  const cellOf = (value: unknown, kind: CellKind, path: Path): string => {
    if (value === undefined) return '';
    switch (kind) {
      case 'owner':
        return '';
      case 'text':
        if (typeof value === 'string' && value !== '') return value;
        fail(path, typeof value === 'string' ? 'an empty text would be read back as a field left out' : `expected text, not ${typeof value}`);
        return '';
      case 'list':
        if (!Array.isArray(value)) {
          fail(path, 'expected a list');
          return '';
        }
        return value.map((w, i) => listWord(w, [...path, i])).join(LIST_SEPARATOR);
      case 'spec':
        return specCell(value, path);
      case 'number':
        if (typeof value === 'number' && Number.isFinite(value)) return String(value);
        fail(path, `expected a finite number, not ${JSON.stringify(value)}`);
        return '';
      case 'boolean':
        if (typeof value === 'boolean') return String(value);
        fail(path, `expected true or false, not ${JSON.stringify(value)}`);
        return '';
    }
  };
  const namesOf = (record: Record<string, unknown>, path: Path, cells: Record<string, string>): void => {
    const names = record['names'];
    if (names === undefined) return;
    if (!isPlainObject(names)) return fail([...path, 'names'], 'names must be an object of names by language');
    for (const [lang, name] of Object.entries(names)) {
      if (lang === '' || lang.trim() !== lang || /[\r\n]/.test(lang)) fail([...path, 'names', lang], `language "${lang}" cannot be a column name`);
      else if (name !== undefined) cells[`name.${lang}`] = cellOf(name, 'text', [...path, 'names', lang]);
    }
  };
  /** The cells of a record's own columns and names (owner cells are the caller's), in header order. */
  const cellsOf = (record: Record<string, unknown>, file: CsvFileName, path: Path): Record<string, string> => {
    const cells: Record<string, string> = {};
    for (const c of LAYOUT[file]) {
      if (c === NAMES) namesOf(record, path, cells);
      else if (c.kind !== 'owner') {
        let value: unknown = record;
        for (const key of c.path) value = isPlainObject(value) ? value[key] : undefined;
        cells[c.name] = cellOf(value, c.kind, [...path, ...c.path]);
      }
    }
    return cells;
  };
  const recordAt = (value: unknown, path: Path, file: CsvFileName, children: readonly string[]): Record<string, unknown> => {
    if (!isPlainObject(value)) {
      fail(path, 'must be an object');
      return {};
    }
    checkKeys(value, keyTree(file, children), path);
    return value;
  };
  const listAt = (record: Record<string, unknown>, key: string, path: Path): readonly unknown[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    fail([...path, key], 'must be a list');
    return [];
  };
  /** Ids that rows of other files name; an id used twice cannot be named. */
  const idCounter = (records: readonly Record<string, unknown>[]): Map<unknown, number> => {
    const counts = new Map<unknown, number>();
    for (const r of records) counts.set(r['id'], (counts.get(r['id']) ?? 0) + 1);
    return counts;
  };
  const ownerId = (record: Record<string, unknown>, counts: ReadonlyMap<unknown, number>, what: string, path: Path): string => {
    const id = record['id'];
    if (typeof id !== 'string' || id === '') {
      fail([...path, 'id'], `a ${what} that other rows belong to needs an id`);
      return '';
    }
    const n = counts.get(id) ?? 0;
    if (n > 1) fail([...path, 'id'], `${what} id "${id}" is used ${n} times, so the rows that name it could not tell them apart`);
    return id;
  };
  const writeSpecs = (file: CsvFileName, ownerColumn: string, id: () => string, record: Record<string, unknown>, path: Path): void => {
    const specs = record['specs'];
    if (specs === undefined) return;
    if (!isPlainObject(specs)) {
      fail([...path, 'specs'], 'specs must be an object of values by key');
      return;
    }
    const entries = Object.entries(specs).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const owner = id();
    for (const [key, value] of entries) {
      const where = [...path, 'specs', key];
      if (key === '') fail(where, 'an empty spec key cannot be written');
      addRow(file, { [ownerColumn]: owner, key, value: specCell(value, where) });
    }
  };

  // Items
  const items = input.items.map((raw, i) => recordAt(raw, ['items', i], 'items.csv', ['specs']));
  const itemIds = idCounter(items);
  items.forEach((item, i) => {
    const path = ['items', i];
    addRow('items.csv', cellsOf(item, 'items.csv', path));
    writeSpecs('item_specs.csv', 'item', () => ownerId(item, itemIds, 'item', path), item, path);
  });

  // Suppliers, their offerings and certificates
  const suppliers = input.suppliers.map((raw, i) => recordAt(raw, ['suppliers', i], 'suppliers.csv', ['offerings', 'certifications']));
  const supplierIds = idCounter(suppliers);
  const offeringsOf = suppliers.map((supplier, i) =>
    listAt(supplier, 'offerings', ['suppliers', i]).map((raw, j) =>
      recordAt(raw, ['suppliers', i, 'offerings', j], 'offerings.csv', ['specs', 'certifications']),
    ),
  );
  const offeringIds = idCounter(offeringsOf.flat());
  suppliers.forEach((supplier, i) => {
    const path = ['suppliers', i];
    addRow('suppliers.csv', cellsOf(supplier, 'suppliers.csv', path));
    const offerings = offeringsOf[i] ?? [];
    const certifications = listAt(supplier, 'certifications', path);
    const supplierId = offerings.length > 0 || certifications.length > 0 ? ownerId(supplier, supplierIds, 'supplier', path) : '';
    const writeCerts = (list: readonly unknown[], offeringId: string, base: Path): void => {
      list.forEach((raw, k) => {
        const certPath = [...base, 'certifications', k];
        const cert = recordAt(raw, certPath, 'certifications.csv', []);
        addRow('certifications.csv', { supplier: supplierId, offering: offeringId, ...cellsOf(cert, 'certifications.csv', certPath) });
      });
    };
    writeCerts(certifications, '', path);
    const ownIds = idCounter(offerings);
    offerings.forEach((offering, j) => {
      const offeringPath = [...path, 'offerings', j];
      addRow('offerings.csv', { supplier: supplierId, ...cellsOf(offering, 'offerings.csv', offeringPath) });
      writeSpecs('offering_specs.csv', 'offering', () => ownerId(offering, offeringIds, 'offering', offeringPath), offering, offeringPath);
      const certs = listAt(offering, 'certifications', offeringPath);
      if (certs.length > 0) writeCerts(certs, ownerId(offering, ownIds, 'offering', offeringPath), offeringPath);
    });
  });

  // Buyers, their demand lines and requirements
  const buyers = input.buyers.map((raw, i) => recordAt(raw, ['buyers', i], 'buyers.csv', ['demandLines']));
  const buyerIds = idCounter(buyers);
  const linesOf = buyers.map((buyer, i) =>
    listAt(buyer, 'demandLines', ['buyers', i]).map((raw, j) =>
      recordAt(raw, ['buyers', i, 'demandLines', j], 'demand_lines.csv', ['specs', 'certifications']),
    ),
  );
  const lineIds = idCounter(linesOf.flat());
  buyers.forEach((buyer, i) => {
    const path = ['buyers', i];
    addRow('buyers.csv', cellsOf(buyer, 'buyers.csv', path));
    const lines = linesOf[i] ?? [];
    const buyerId = lines.length > 0 ? ownerId(buyer, buyerIds, 'buyer', path) : '';
    lines.forEach((line, j) => {
      const linePath = [...path, 'demandLines', j];
      addRow('demand_lines.csv', { buyer: buyerId, ...cellsOf(line, 'demand_lines.csv', linePath) });
      const specs = listAt(line, 'specs', linePath);
      const certs = listAt(line, 'certifications', linePath);
      if (specs.length === 0 && certs.length === 0) return;
      const lineId = ownerId(line, lineIds, 'demand line', linePath);
      specs.forEach((raw, k) => {
        const reqPath = [...linePath, 'specs', k];
        if (!isPlainObject(raw)) return fail(reqPath, 'must be an object');
        const allowed = ['key', 'op', 'value', 'min', 'max', 'values', 'tolerance', 'importance', 'note'];
        checkKeys(raw, Object.fromEntries(allowed.map((k2) => [k2, true as const])), reqPath);
        const oneOf = raw['op'] === 'oneOf';
        if (oneOf && raw['value'] !== undefined) fail([...reqPath, 'value'], 'a oneOf requirement writes its values in the value cell, so it cannot have a value too');
        if (!oneOf && raw['values'] !== undefined) fail([...reqPath, 'values'], 'values can only be written for op "oneOf"');
        addRow('requirements.csv', {
          line: lineId,
          kind: 'spec',
          key: cellOf(raw['key'], 'text', [...reqPath, 'key']),
          op: cellOf(raw['op'], 'text', [...reqPath, 'op']),
          value: oneOf ? cellOf(raw['values'], 'list', [...reqPath, 'values']) : cellOf(raw['value'], 'spec', [...reqPath, 'value']),
          min: cellOf(raw['min'], 'spec', [...reqPath, 'min']),
          max: cellOf(raw['max'], 'spec', [...reqPath, 'max']),
          tolerance: cellOf(raw['tolerance'], 'text', [...reqPath, 'tolerance']),
          importance: cellOf(raw['importance'], 'text', [...reqPath, 'importance']),
          note: cellOf(raw['note'], 'text', [...reqPath, 'note']),
        });
      });
      certs.forEach((raw, k) => {
        const reqPath = [...linePath, 'certifications', k];
        if (!isPlainObject(raw)) return fail(reqPath, 'must be an object');
        checkKeys(raw, { type: true, alternatives: true, level: true, class: true }, reqPath);
        addRow('requirements.csv', {
          line: lineId,
          kind: 'cert',
          key: cellOf(raw['type'], 'text', [...reqPath, 'type']),
          value: cellOf(raw['alternatives'], 'list', [...reqPath, 'alternatives']),
          level: cellOf(raw['level'], 'text', [...reqPath, 'level']),
          class: cellOf(raw['class'], 'text', [...reqPath, 'class']),
        });
      });
    });
  });

  // Truth labels and decisions: one row per record.
  const flatRows = (file: CsvFileName, key: string, list: readonly unknown[] | undefined): void => {
    (list ?? []).forEach((raw, i) => {
      const path = [key, i];
      addRow(file, cellsOf(recordAt(raw, path, file, []), file, path));
    });
  };
  flatRows('truth.csv', 'truth', input.truth);
  flatRows('decisions.csv', 'decisions', input.decisions);

  const [first, ...rest] = problems;
  if (first) {
    const summary = `the dataset cannot be written as CSV (${problems.length} problem(s)):\n${formatIssues(problems, { limit: 20 })}`;
    throw new SupplymatchError([first, ...rest], summary);
  }

  const out: Record<string, string> = {};
  for (const file of CSV_FILES) {
    const fileRows = rows.get(file) ?? [];
    const header: string[] = [];
    for (const entry of LAYOUT[file]) {
      if (entry !== NAMES) header.push(entry.name);
      else {
        const langs = new Set<string>();
        for (const r of fileRows) for (const name of Object.keys(r)) if (name.startsWith('name.')) langs.add(name.slice(5));
        if (langs.size === 0) langs.add('en');
        header.push(...[...langs].sort(languageOrder).map((lang) => `name.${lang}`));
      }
    }
    const lines = [header, ...fileRows.map((r) => header.map((name) => r[name] ?? ''))];
    out[file] = lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
  }
  return out;
}
