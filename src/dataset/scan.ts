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
  const issues: Issue[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      issues.push({ path: formatPath(path), code: 'too_deep', message: `nesting deeper than ${MAX_DEPTH} levels` });
      return undefined;
    }
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_LENGTH * 5) {
        issues.push({
          path: formatPath(path),
          code: 'text_too_long',
          message: `text of ${value.length} characters; at most ${MAX_TEXT_LENGTH} are accepted`,
        });
        return '';
      }
      if (BAD_TEXT.test(value)) {
        issues.push({
          path: formatPath(path),
          code: 'invalid_text',
          message: 'text holds control characters, a lone surrogate or bytes that were not UTF-8',
        });
      }
      return value;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        issues.push({ path: formatPath(path), code: 'not_finite', message: `${String(value)} is not a finite number` });
      return value;
    }
    if (value === null || typeof value === 'boolean' || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], depth + 1));
    if (typeof value === 'object') {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        issues.push({ path: formatPath(path), code: 'invalid_type', message: 'expected plain data (an object as JSON writes it)' });
        return undefined;
      }
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push({
            path: formatPath([...path, key]),
            code: 'forbidden_key',
            message: `the key "${key}" is not allowed in data (it could alter object prototypes)`,
          });
          continue;
        }
        out[key] = walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
      }
      // Plain prototype again so that downstream code and zod see an ordinary object.
      return Object.assign({}, out);
    }
    issues.push({ path: formatPath(path), code: 'invalid_type', message: `a ${typeof value} cannot appear in data` });
    return undefined;
  };
  return { value: walk(input, [], 0), issues };
}
