/**
 * Reading a dataset directory (JSON files or the CSV layout) for `supplymatch/node`, which
 * exports what is public here; `matchParallel`'s threads read their dataset with it too.
 */
import { constants } from 'node:fs';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFromCsv, CSV_FILES } from './dataset/csv.js';
import { safeParseDataset, safeParseOwnedJson, type ParseDatasetOptions, type ParseDatasetResult } from './dataset/parse.js';
import { SupplymatchError, type Issue } from './errors.js';
import { oneOfIssue, optionKeyIssues } from './options.js';

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions extends ParseDatasetOptions {
  /** `json`: `items.json`, `suppliers.json`, `buyers.json`, `truth.json`, `decisions.json` (and `categories.json`, `extra-categories.json` when present, in either layout); `csv`: the CSV layout; `auto` (default): JSON when `items.json` exists, else CSV. */
  readonly format?: 'auto' | 'json' | 'csv';
}

/** The largest file read, so that a wrong path cannot exhaust memory. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** The JSON files of a dataset directory, by the dataset field each one fills. */
const JSON_FILES = [
  ['items', 'items.json'],
  ['suppliers', 'suppliers.json'],
  ['buyers', 'buyers.json'],
  ['truth', 'truth.json'],
  ['decisions', 'decisions.json'],
  ['categories', 'categories.json'],
  ['extraCategories', 'extra-categories.json'],
] as const;
/** The JSON files that a dataset kept in the CSV layout may have beside its CSV files. */
const SIDE_JSON_FILES = JSON_FILES.filter(([name]) => name === 'categories' || name === 'extraCategories');

type ReadResult = { readonly text: string } | { readonly issue: Issue } | undefined;

async function readText(dir: string, name: string): Promise<ReadResult> {
  let bytes: Buffer;
  let handle: FileHandle | undefined;
  try {
    // Opened without blocking and checked before reading: a FIFO or a device in place of a
    // dataset file would otherwise wait for a writer forever, or never end.
    handle = await open(join(dir, name), constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) return { issue: { path: name, code: 'not_a_file', message: `${name} is not a regular file` } };
    if (info.size > MAX_FILE_BYTES) return { issue: { path: name, code: 'file_too_large', message: `${name} is over ${MAX_FILE_BYTES} bytes` } };
    bytes = await handle.readFile();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { issue: { path: name, code: 'read_failed', message: `cannot read ${name}: ${(e as Error).message}` } };
  } finally {
    await handle?.close();
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
      error: new SupplymatchError(first ? [first, ...rest] : [{ path: String(dir), code: 'invalid', message: 'invalid dataset' }]),
    };
  };
  const optionIssues = [...optionKeyIssues(options, ['format', 'onInvalid'], 'loadDataset')];
  if (optionIssues.length === 0) {
    for (const issue of [oneOfIssue(options?.format, ['auto', 'json', 'csv'], 'format'), oneOfIssue(options?.onInvalid, ['fail', 'skip'], 'onInvalid')]) if (issue) optionIssues.push(issue);
  }
  if (typeof dir !== 'string') optionIssues.unshift({ path: 'dir', code: 'invalid_input', message: `loadDataset needs a directory path, not ${dir === null ? 'null' : typeof dir}` });
  if (optionIssues.length > 0) return fail(optionIssues);
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
  for (const [name, file] of useJson ? JSON_FILES : SIDE_JSON_FILES) {
    const read = await readText(dir, file);
    if (read === undefined) {
      if (name === 'items' || name === 'suppliers' || name === 'buyers')
        issues.push({ path: file, code: 'missing_file', message: `${file} is missing from ${dir}` });
      continue;
    }
    if ('issue' in read) {
      issues.push(read.issue);
      continue;
    }
    const parsed = parseJsonFile(file, read.text);
    if (parsed.issue) issues.push(parsed.issue);
    else input[name] = parsed.value;
  }
  if (!useJson) {
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

  // The JSON values were made here and go nowhere else, so they need not be copied before validation.
  const parseOptions: ParseDatasetOptions = options?.onInvalid === undefined ? {} : { onInvalid: options.onInvalid };
  const result = useJson ? safeParseOwnedJson(input, parseOptions) : safeParseDataset(input, parseOptions);
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
