import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reason, type Pair, type Verdict } from '../../src/criteria/criterion.js';
import { flatKey, perLine, signature, VerdictShare } from '../../src/criteria/share.js';

describe('signature', () => {
  it('tells apart what JSON folds together', () => {
    const distinct = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, '0', 'n0', 'null', true, 'true', [], {}, [0], { 0: 0 }, ['a,b'], ['a', 'b'], { a: 1, b: 2 }];
    const keys = distinct.map(signature);
    expect(new Set(keys).size).toBe(distinct.length);
    expect(signature({ a: [1, '1'], b: -0 })).toBe('{"a":[n1,"1"],"b":n-0}');
  });

  it('gives equal keys exactly to equal plain data', () => {
    const plain = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        // Equal as Object.is compares leaves (so -0 and 0 differ, NaN equals NaN), keys in the same order.
        const same = (x: unknown, y: unknown): boolean => {
          if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return Object.is(x, y);
          if (Array.isArray(x) !== Array.isArray(y)) return false;
          const kx = Object.keys(x);
          const ky = Object.keys(y);
          return kx.length === ky.length && kx.every((k, i) => k === ky[i] && same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
        };
        expect(signature(a) === signature(b)).toBe(same(a, b));
        expect(signature(a)).toBe(signature(structuredClone(a)));
      }),
      { numRuns: 500, seed: 4 },
    );
  });

  it('refuses what is not plain data', () => {
    expect(() => signature({ f: () => 1 })).toThrow(/not plain data/);
  });
});

describe('flatKey', () => {
  it('gives equal keys exactly to equal lists of parts', () => {
    expect(flatKey('ISO 13485', undefined, 2)).toBe('s9:ISO 13485|u|n2');
    const part = fc.oneof(fc.string(), fc.constantFrom('', '|', 's1:|', 'u', 'n0', '0', 'z'), fc.double(), fc.constantFrom(0, -0, Number.NaN), fc.constant(undefined), fc.constant(null));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), fc.array(part, { maxLength: 4 }), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
        expect(flatKey(...a) === flatKey(...b)).toBe(same);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('VerdictShare', () => {
  const pair = {} as Pair;
  let built = 0;
  const full = (): Verdict => {
    built += 1;
    return { applicable: true, pass: true, score: built / 100, reasons: [reason('x.y', `Built ${built}.`, { built })] };
  };

  it('judges once per pair of keys and hands out the same frozen verdict', () => {
    built = 0;
    const share = new VerdictShare();
    const a = share.judge('line', 'offering', pair, full);
    expect(share.judge('line', 'offering', pair, full)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.reasons) && Object.isFrozen(a.reasons[0]) && Object.isFrozen(a.reasons[0]?.data)).toBe(true);
    expect(share.judge('line', 'other', pair, full)).not.toBe(a);
    expect(share.judge('other line', 'offering', pair, full)).not.toBe(a);
    const key = {};
    expect(share.judge(key, 1, pair, full)).toBe(share.judge(key, 1, pair, full));
    expect(share.judge({}, 1, pair, full)).not.toBe(share.judge(key, 1, pair, full));
    expect(built).toBe(5);
  });

  it('starts afresh when full, and judges again what it let go', () => {
    built = 0;
    const share = new VerdictShare(3);
    const first = share.judge('l', 0, pair, full);
    share.judge('l', 1, pair, full);
    share.judge('l', 2, pair, full);
    expect(share.judge('l', 0, pair, full)).toBe(first);
    share.judge('l', 3, pair, full);
    const again = share.judge('l', 0, pair, full);
    expect(again).not.toBe(first);
    expect(again.score).toBe(0.05);
    expect(built).toBe(5);
  });
});

describe('VerdictShare.judgeIds', () => {
  const pair = {} as Pair;
  it('judges once per pair of ids, apart from the keys of judge, and starts afresh when full', () => {
    let built = 0;
    const full = (): Verdict => ({ applicable: true, pass: true, score: ++built / 100, reasons: [] });
    const share = new VerdictShare(3);
    const a = share.judgeIds(0, 0, pair, full);
    expect(share.judgeIds(0, 0, pair, full)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(share.judgeIds(0, 1, pair, full)).not.toBe(a);
    expect(share.judgeIds(1, 0, pair, full)).not.toBe(a);
    expect(share.judge(0, 0, pair, full)).not.toBe(a);
    expect(built).toBe(4);
    // Full (3 verdicts kept): the next new pair of ids starts afresh.
    share.judgeIds(2, 2, pair, full);
    expect(share.judgeIds(0, 0, pair, full)).not.toBe(a);
    expect(built).toBe(6);
  });
});

describe('perLine', () => {
  it('works a key out once per line in turn', () => {
    const calls: string[] = [];
    const lineKey = perLine((line) => {
      calls.push(line.line.id);
      return line.line.id;
    });
    const a = { line: { id: 'A' } } as never;
    const b = { line: { id: 'B' } } as never;
    expect([lineKey(a), lineKey(a), lineKey(b), lineKey(a)]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['A', 'B', 'A']);
  });
});
