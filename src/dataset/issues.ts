import type { z } from 'zod';
import { formatPath, type Issue } from '../errors.js';

/**
 * Turns zod's issues into the library's `{ path, code, message }` issues, under a path prefix.
 * Custom checks carry their stable code in `params.code`; zod's own codes are kept, except
 * that a missing field is `required` and an unknown one `unknown_field` (with the key in the path).
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[],
  input: unknown,
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...path, key]), code: 'unknown_field', message: `unknown field "${key}"` });
      }
      continue;
    }
    if (issue.code === 'custom') {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      out.push({ path: formatPath(path), code: typeof code === 'string' ? code : 'invalid', message: issue.message });
      continue;
    }
    if (issue.code === 'invalid_key') {
      const key = String(issue.path[issue.path.length - 1] ?? '');
      out.push({ path: formatPath(path), code: 'invalid_key', message: `invalid key "${key}": ${issue.issues[0]?.message ?? 'not allowed'}` });
      continue;
    }
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      out.push({ path: formatPath(path), code: 'required', message: `required field is missing (expected ${issue.expected})` });
      continue;
    }
    out.push({ path: formatPath(path), code: issue.code, message: issue.message });
  }
  return out;
}

/** The value at a zod issue's path inside the input that was checked. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let here = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}
