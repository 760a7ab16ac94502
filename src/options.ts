/**
 * Checking the options objects of the public functions: a misspelt key (`{ topk: 5 }`) or a
 * value outside its few allowed words (`onInvalid: 'bogus'`) is an issue naming the option and,
 * when one is close, the option meant, never silently ignored.
 */
import type { Issue } from './errors.js';

/**
 * The closest of `candidates` to `word` when it is close enough to be a typo (an edit distance
 * of at most a third of its length, and at least 1), else undefined; ties go to the first in
 * alphabetical order.
 *
 * @example
 * closest('tpo', ['top', 'format', 'weights']); // => 'top'
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts 1.
 *
 * @example
 * editDistance('fliter', 'filter'); // => 1
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const d: number[] = new Array<number>((a.length + 1) * cols).fill(0);
  for (let i = 0; i <= a.length; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[a.length * cols + b.length] as number;
}

/**
 * The issues of an options argument: not an object (when given at all), or holding a key that
 * is not one of `known`. `path` prefixes every issue's path (`''` for the argument itself).
 *
 * @example
 * optionKeyIssues({ topk: 5 }, ['topK', 'asOf'], 'createMatcher');
 * // => [{ path: 'topk', code: 'unknown_option', message: 'createMatcher has no option "topk"; did you mean "topK"?' }]
 */
export function optionKeyIssues(options: unknown, known: readonly string[], owner: string, path = ''): Issue[] {
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    return [{ path: path || owner, code: 'invalid_option', message: `${owner} takes an options object, not ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}` }];
  const issues: Issue[] = [];
  for (const key of Reflect.ownKeys(options)) {
    const name = String(key);
    if (known.includes(name)) continue;
    const guess = closest(name, known);
    issues.push({ path: path ? `${path}.${name}` : name, code: 'unknown_option', message: `${owner} has no option "${name}"${guess ? `; did you mean "${guess}"?` : ''}` });
  }
  return issues;
}

/**
 * An issue when `value` is given and is not one of `allowed`.
 *
 * @example
 * oneOfIssue('bogus', ['fail', 'skip'], 'onInvalid'); // => { path: 'onInvalid', code: 'invalid_option', message: 'onInvalid is "fail" or "skip", not "bogus"' }
 */
export function oneOfIssue(value: unknown, allowed: readonly string[], path: string): Issue | undefined {
  if (value === undefined || (typeof value === 'string' && allowed.includes(value))) return undefined;
  return { path, code: 'invalid_option', message: `${path} is ${allowed.map((a) => `"${a}"`).join(' or ')}, not ${typeof value === 'string' ? `"${value}"` : String(value)}` };
}
