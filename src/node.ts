/**
 * Node-only entry point (`supplymatch/node`): reading datasets from disk, and the CSV layout
 * (its parser, csv-parse, needs Node's `Buffer`). Kept apart from the core so that the core
 * runs in browsers and Deno without Node built-ins.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFromCsv, CSV_FILES } from './dataset/csv.js';
import { safeParseDataset, type ParseDatasetOptions, type ParseDatasetResult } from './dataset/parse.js';
import { SupplymatchError, type Issue } from './errors.js';

export { datasetFromCsv, datasetToCsv, CSV_FILES, type CsvDataset } from './dataset/csv.js';


/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions extends ParseDatasetOptions {
  /** `json`: `items.json`, `suppliers.json`, `buyers.json`, `truth.json`; `csv`: the CSV layout; `auto` (default): JSON when `items.json` exists, else CSV. */
  readonly format?: 'auto' | 'json' | 'csv';
}

/** The largest file read, so that a wrong path cannot exhaust memory. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const JSON_FILES = ['items', 'suppliers', 'buyers', 'truth', 'categories'] as const;

type ReadResult = { readonly text: string } | { readonly issue: Issue } | undefined;

async function readText(dir: string, name: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, name));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { issue: { path: name, code: 'read_failed', message: `cannot read ${name}: ${(e as Error).message}` } };
  }
  if (bytes.length > MAX_FILE_BYTES)
    return { issue: { path: name, code: 'file_too_large', message: `${name} is over ${MAX_FILE_BYTES} bytes` } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    const at = firstBadUtf8(bytes);
    return { issue: { path: name, code: 'invalid_encoding', message: `${name} is not UTF-8 (first bad byte at offset ${at})` } };
  }
}

function firstBadUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, found by bisection: decoding is all-or-nothing.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function parseJsonFile(name: string, text: string): { value?: unknown; issue?: Issue } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { issue: { path: name, code: 'json_syntax', message: `${name}: ${(e as Error).message}` } };
  }
}

/**
 * Reads a dataset directory (JSON files or the CSV layout, plus an optional `meta.json`) and
 * validates it like {@link safeParseDataset}. Issues of a CSV dataset name the row they came
 * from (`offerings.csv:12`) besides the record path. Never throws for bad data.
 *
 * @example
 * const r = await safeLoadDataset('fixtures/incheon-bio');
 * if (r.success) console.log(r.data.suppliers.length); // => 84
 */
export async function safeLoadDataset(dir: string, options?: LoadDatasetOptions): Promise<ParseDatasetResult> {
  const fail = (issues: Issue[]): ParseDatasetResult => {
    const [first, ...rest] = issues;
    return {
      success: false,
      error: new SupplymatchError(first ? [first, ...rest] : [{ path: dir, code: 'invalid', message: 'invalid dataset' }]),
    };
  };
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    return fail([{ path: dir, code: 'read_failed', message: `cannot read the directory ${dir}: ${(e as Error).message}` }]);
  }
  const format = options?.format ?? 'auto';
  const useJson = format === 'json' || (format === 'auto' && entries.includes('items.json'));
  if (format === 'auto' && !useJson && !entries.includes('items.csv'))
    return fail([{ path: dir, code: 'no_dataset', message: `${dir} holds neither items.json nor items.csv` }]);

  const issues: Issue[] = [];
  const input: Record<string, unknown> = {};
  const meta = await readText(dir, 'meta.json');
  if (meta && 'issue' in meta) issues.push(meta.issue);
  else if (meta) {
    const parsed = parseJsonFile('meta.json', meta.text);
    if (parsed.issue) issues.push(parsed.issue);
    else input.meta = parsed.value;
  }

  let origins: Readonly<Record<string, string>> = {};
  if (useJson) {
    for (const name of JSON_FILES) {
      const read = await readText(dir, `${name}.json`);
      if (read === undefined) {
        if (name === 'items' || name === 'suppliers' || name === 'buyers')
          issues.push({ path: `${name}.json`, code: 'missing_file', message: `${name}.json is missing from ${dir}` });
        continue;
      }
      if ('issue' in read) {
        issues.push(read.issue);
        continue;
      }
      const parsed = parseJsonFile(`${name}.json`, read.text);
      if (parsed.issue) issues.push(parsed.issue);
      else input[name] = parsed.value;
    }
  } else {
    const files: Record<string, string> = {};
    for (const name of CSV_FILES) {
      const read = await readText(dir, name);
      if (read === undefined) continue;
      if ('issue' in read) issues.push(read.issue);
      else files[name] = read.text;
    }
    const csv = datasetFromCsv(files);
    issues.push(...csv.issues);
    Object.assign(input, csv.input);
    origins = csv.origins;
  }
  if (issues.length > 0) return fail(issues);

  const result = safeParseDataset(input, options);
  if (result.success) {
    if (Object.keys(origins).length === 0) return result;
    return { ...result, skipped: result.skipped.map((s) => ({ ...s, issues: s.issues.map((i) => withOrigin(i, origins)) })) };
  }
  if (Object.keys(origins).length === 0) return result;
  const [first, ...rest] = result.error.issues.map((i) => withOrigin(i, origins));
  return first ? { success: false, error: new SupplymatchError([first, ...rest], result.error.message) } : result;
}

/**
 * Reads and validates a dataset directory; throws a `SupplymatchError` listing every issue.
 *
 * @example
 * const dataset = await loadDataset('fixtures/incheon-bio');
 */
export async function loadDataset(dir: string, options?: LoadDatasetOptions) {
  const r = await safeLoadDataset(dir, options);
  if (!r.success) throw r.error;
  return r.data;
}

/** Adds the CSV row a record came from to an issue's message. */
function withOrigin(issue: Issue, origins: Readonly<Record<string, string>>): Issue {
  let path = issue.path;
  for (;;) {
    const origin = origins[path];
    if (origin !== undefined) return { ...issue, message: `${issue.message} (${origin})` };
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return issue;
    path = path.slice(0, cut);
  }
}
