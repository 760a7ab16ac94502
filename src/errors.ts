/**
 * One issue found in input or options: where (`path`), what kind (`code`, stable and
 * machine-readable) and a sentence for people (`message`).
 *
 * @example
 * const issue: Issue = { path: 'suppliers[3].offerings[0].capacity', code: 'quantity_unknown_unit', message: 'cannot read "5 bananas"' };
 */
export interface Issue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The library's one error class: it always carries a non-empty list of issues, so that a
 * caller sees every problem at once instead of fixing them one by one.
 *
 * @example
 * try { parseDataset(raw); } catch (e) { if (e instanceof SupplymatchError) console.log(e.issues.length); }
 */
export class SupplymatchError extends Error {
  readonly issues: readonly [Issue, ...Issue[]];

  constructor(issues: readonly [Issue, ...Issue[]], summary?: string) {
    super(summary ?? formatIssues(issues, { limit: 20 }));
    this.name = 'SupplymatchError';
    this.issues = issues;
  }
}

/** Options of {@link formatIssues}. */
export interface FormatIssuesOptions {
  /** At most this many issues are written; a last line counts the rest. */
  readonly limit?: number;
}

/**
 * Writes issues one per line as `path: message [code]`.
 *
 * @example
 * formatIssues([{ path: 'items[0].id', code: 'duplicate_id', message: 'id "X" is used twice' }]);
 * // => 'items[0].id: id "X" is used twice [duplicate_id]'
 */
export function formatIssues(issues: readonly Issue[], options?: FormatIssuesOptions): string {
  const limit = options?.limit ?? Number.POSITIVE_INFINITY;
  const lines = issues.slice(0, limit).map((i) => `${i.path || '(root)'}: ${i.message} [${i.code}]`);
  if (issues.length > limit) lines.push(`... and ${issues.length - limit} more issue(s)`);
  return lines.join('\n');
}

/**
 * Turns a path of keys and indexes into the `a[0].b` form used in every issue.
 *
 * @example
 * formatPath(['suppliers', 3, 'offerings', 0, 'capacity']); // => 'suppliers[3].offerings[0].capacity'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Throws a {@link SupplymatchError} when `issues` is not empty. */
export function throwIfIssues(issues: readonly Issue[], summary?: string): void {
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest], summary);
}
