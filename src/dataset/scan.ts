import type { Issue } from '../errors.js';
import { formatPath } from '../errors.js';
import { MAX_TEXT_LENGTH } from '../model/common.js';

/** Keys that could reach an object's prototype when data is copied around. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
/** Control characters other than tab, newline and carriage return, the replacement character left by bad UTF-8, and lone surrogates. */
const BAD_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/**
 * Walks raw input before schema validation and returns a copy with plain objects only, plus
 * the issues that a schema cannot see or should not be trusted with: keys that pollute
 * prototypes, text with control characters or bytes that were not UTF-8, strings far too long,
 * non-finite numbers, values that JSON cannot hold, and nesting too deep. Offending keys are
 * dropped from the copy so that validation never touches them.
 */
export function scanInput(input: unknown): { readonly value: unknown; readonly issues: Issue[] } {
  return scan(input, false);
}

/**
 * {@link scanInput} for a value made by `JSON.parse` (or plain objects holding such values) that
 * no other code holds or changes: the same issues, and a value equal to {@link scanInput}'s, but
 * objects and arrays that need no change are returned as they are instead of copied. Only an
 * object that loses a key or holds a changed value is copied, with the arrays and objects above it.
 */
export function scanOwnedJson(input: unknown): { readonly value: unknown; readonly issues: Issue[] } {
  return scan(input, true);
}

function scan(input: unknown, share: boolean): { readonly value: unknown; readonly issues: Issue[] } {
  const issues: Issue[] = [];
  // The keys and indexes from the root to the value being walked; formatted only when an issue is reported.
  const path: (string | number)[] = [];
  const report = (code: string, message: string): void => {
    issues.push({ path: formatPath(path), code, message });
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      report('too_deep', `nesting deeper than ${MAX_DEPTH} levels`);
      return undefined;
    }
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_LENGTH * 5) {
        report('text_too_long', `text of ${value.length} characters; at most ${MAX_TEXT_LENGTH} are accepted`);
        return '';
      }
      if (BAD_TEXT.test(value))
        report('invalid_text', 'text holds control characters, a lone surrogate or bytes that were not UTF-8');
      return value;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) report('not_finite', `${String(value)} is not a finite number`);
      return value;
    }
    if (value === null || typeof value === 'boolean' || value === undefined) return value;
    if (Array.isArray(value)) return share ? shareArray(value, depth) : copyArray(value, depth);
    if (typeof value === 'object') {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        report('invalid_type', 'expected plain data (an object as JSON writes it)');
        return undefined;
      }
      // An object without a prototype is always copied, so that what follows sees an ordinary one.
      return share && proto !== null
        ? shareObject(value as Record<string, unknown>, depth)
        : copyObject(value as Record<string, unknown>, depth);
    }
    report('invalid_type', `a ${typeof value} cannot appear in data`);
    return undefined;
  };

  const copyArray = (value: readonly unknown[], depth: number): unknown[] => {
    const at = path.length;
    // `map` keeps holes as holes, and skips them.
    const out = value.map((v: unknown, i: number) => {
      path[at] = i;
      return walk(v, depth + 1);
    });
    path.length = at;
    return out;
  };

  // JSON arrays have no holes, so every index is walked.
  const shareArray = (value: unknown[], depth: number): unknown[] => {
    const at = path.length;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      path[at] = i;
      const v = value[i];
      const w = walk(v, depth + 1);
      if (out) out.push(w);
      else if (!Object.is(w, v)) {
        out = value.slice(0, i);
        out.push(w);
      }
    }
    path.length = at;
    return out ?? value;
  };

  // An ordinary object filled by assignment: the forbidden keys (the only ones whose assignment
  // could do more than add an own property) never reach it.
  const copyObject = (value: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const at = path.length;
    for (const key of Object.keys(value)) {
      path[at] = key;
      if (FORBIDDEN_KEYS.has(key)) {
        reportForbidden(key);
        continue;
      }
      out[key] = walk(value[key], depth + 1);
    }
    path.length = at;
    return out;
  };

  const shareObject = (value: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const at = path.length;
    const keys = Object.keys(value);
    let out: Record<string, unknown> | undefined;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      path[at] = key;
      if (FORBIDDEN_KEYS.has(key)) {
        reportForbidden(key);
        out ??= copyKeys(value, keys, k);
        continue;
      }
      const v = value[key];
      const w = walk(v, depth + 1);
      if (out) out[key] = w;
      else if (!Object.is(w, v)) {
        out = copyKeys(value, keys, k);
        out[key] = w;
      }
    }
    path.length = at;
    return out ?? value;
  };

  const reportForbidden = (key: string): void =>
    report('forbidden_key', `the key "${key}" is not allowed in data (it could alter object prototypes)`);

  return { value: walk(input, 0), issues };
}

/** A new object with the first `end` of `keys` of `value`, which are all kept unchanged. */
function copyKeys(value: Record<string, unknown>, keys: readonly string[], end: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let k = 0; k < end; k++) {
    const key = keys[k] as string;
    copy[key] = value[key];
  }
  return copy;
}
