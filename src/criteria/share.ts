/**
 * Verdicts shared between pairs that give a judge the same inputs. A run's result holds the full
 * verdicts of every kept candidate, and most of them repeat: every candidate of a line without a
 * need-by date gets the same lead-time reason, every offering in production the same readiness
 * reason, every offering of one item against one line's spec requirements the same spec-fit
 * reasons. Built once and shared, they cost neither the sentences nor the memory again.
 */
import type { Pair, PreparedLine, Reason, Verdict } from './criterion.js';

/**
 * An exact text key of plain data (strings, numbers, booleans, null, undefined, arrays and plain
 * objects): two values get the same key only when they are equal, `-0`, `NaN` and `Infinity`
 * included (which JSON would fold into `0` and `null`). Objects with the same entries in another
 * order get different keys, which only shares less.
 *
 * @example
 * signature({ a: [1, '1'], b: -0 }); // => '{"a":[n1,"1"],"b":n-0}'
 */
export function signature(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'object': {
      if (value === null) return 'z';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + signature(value[i]);
        return `${out}]`;
      }
      let out = '{';
      let first = true;
      for (const key of Object.keys(value)) {
        out += `${first ? '' : ','}${JSON.stringify(key)}:${signature((value as Record<string, unknown>)[key])}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`signature: not plain data (${typeof value})`);
  }
}

/**
 * `keyOf(line)`, worked out once for each line in turn (a judge sees the candidates of a line one
 * after another): the line's part of a {@link VerdictShare} key.
 */
export function perLine<T>(keyOf: (line: PreparedLine) => T): (line: PreparedLine) => T {
  let last: PreparedLine | undefined;
  let key: T | undefined;
  return (line) => {
    if (line !== last) {
      key = keyOf(line);
      last = line;
    }
    return key as T;
  };
}

/** Freezes a verdict, its reasons and their data, so that a verdict shared by many results cannot be changed through one of them. */
export function freezeVerdict(verdict: Verdict): Verdict {
  for (const r of verdict.reasons) {
    Object.freeze(r.data);
    Object.freeze(r as Reason);
  }
  Object.freeze(verdict.reasons);
  return Object.freeze(verdict);
}

/**
 * The verdicts of one judge by two keys, a line's and an offering's (strings, numbers or
 * objects, compared as `Map` keys compare): `judge(lineKey, offeringKey, pair, full)` returns
 * the verdict `full` gave the first pair with the same two keys, frozen, or judges the pair
 * with `full` and keeps its verdict. The keys must hold everything the verdict depends on
 * besides the options and the run's context; `testCriterion` and the agreement tests check
 * shared verdicts against a fresh judge's. Holds at most `limit` verdicts: when full, it starts
 * afresh (the verdicts are the same either way).
 *
 * @example
 * const share = new VerdictShare();
 * const judge = (pair: Pair) => share.judge(pair.line.line.needBy, pair.offering.offering.leadTime?.text, pair, fullVerdict);
 */
export class VerdictShare {
  private readonly byLine = new Map<unknown, Map<unknown, Verdict>>();
  // judgeIds: per line id, the verdicts by offering id.
  private byLineId: (Map<number, Verdict> | undefined)[] = [];
  private size = 0;

  constructor(private readonly limit = 100_000) {}

  judge(lineKey: unknown, offeringKey: unknown, pair: Pair, full: (pair: Pair) => Verdict): Verdict {
    let byOffering = this.byLine.get(lineKey);
    const known = byOffering?.get(offeringKey);
    if (known !== undefined) return known;
    const verdict = freezeVerdict(full(pair));
    if (this.size >= this.limit) this.clear();
    byOffering = this.byLine.get(lineKey);
    if (byOffering === undefined) {
      byOffering = new Map();
      this.byLine.set(lineKey, byOffering);
    }
    byOffering.set(offeringKey, verdict);
    this.size += 1;
    return verdict;
  }

  /**
   * {@link VerdictShare.judge} with keys given as small integer ids (a derived judge's ids of
   * line and offering facts): two array and map reads by number instead of two by key.
   */
  judgeIds(lineId: number, offeringId: number, pair: Pair, full: (pair: Pair) => Verdict): Verdict {
    let byOffering = this.byLineId[lineId];
    const known = byOffering?.get(offeringId);
    if (known !== undefined) return known;
    const verdict = freezeVerdict(full(pair));
    if (this.size >= this.limit) this.clear();
    byOffering = this.byLineId[lineId];
    if (byOffering === undefined) {
      byOffering = new Map();
      this.byLineId[lineId] = byOffering;
    }
    byOffering.set(offeringId, verdict);
    this.size += 1;
    return verdict;
  }

  private clear(): void {
    this.byLine.clear();
    this.byLineId = [];
    this.size = 0;
  }
}

/**
 * An exact text key of a few strings, numbers and absent values: two lists get the same key
 * only when they are equal part by part (`undefined`, `null`, `''`, `'0'` and `0` all apart).
 * Cheaper than {@link signature} for flat keys (an offering's part of a {@link VerdictShare} key).
 *
 * @example
 * flatKey('ISO 13485', undefined, 2); // => 's9:ISO 13485|u|n2'
 */
export function flatKey(...parts: readonly (string | number | undefined | null)[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const part = typeof p === 'string' ? `s${p.length}:${p}` : typeof p === 'number' ? (Object.is(p, -0) ? 'n-0' : `n${p}`) : p === null ? 'z' : 'u';
    out += i === 0 ? part : `|${part}`;
  }
  return out;
}
