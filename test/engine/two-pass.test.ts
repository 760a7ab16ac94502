import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { type Criterion, type Judge, type Pair, type Verdict } from '../../src/criteria/criterion.js';
import { unpackVerdict, packVerdict, QUICK_NOT_APPLICABLE, withQuick, type FastJudge } from '../../src/criteria/fast.js';
import { defaultCriteria } from '../../src/criteria/defaults.js';
import { expressionCriterion } from '../../src/criteria/expression.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { SupplymatchError } from '../../src/errors.js';
import { weightedSum, weightedSumTotal, type Aggregator } from '../../src/engine/aggregate.js';
import { createMatcher, type MatcherConfig } from '../../src/engine/matcher.js';
import type { MatchResult } from '../../src/engine/result.js';
import { serializeResult } from '../../src/format/match.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

/** The same criterion without its quick path: the matcher then judges every pair in full. */
function withoutQuick(criterion: Criterion): Criterion {
  return {
    meta: criterion.meta,
    create(options, context) {
      const judge = criterion.create(options, context);
      return (pair) => judge(pair);
    },
  };
}

/** The same criterion with its quick and batch paths, and its ceiling and failing ceiling only where `keep` says. */
function stripped(criterion: Criterion, keep: { readonly ceiling: boolean; readonly failing: boolean }): Criterion {
  return {
    meta: criterion.meta,
    create(options, context) {
      const judge = criterion.create(options, context) as FastJudge;
      const plain = (pair: Pair): Verdict => judge(pair);
      if (judge.quick === undefined) return plain;
      return withQuick(plain, judge.quick, {
        ...(judge.batch === undefined ? {} : { batch: judge.batch, cost: judge.cost ?? 1 }),
        ...(keep.ceiling && judge.ceiling !== undefined ? { ceiling: judge.ceiling } : {}),
        ...(keep.failing && judge.failing !== undefined ? { failing: judge.failing } : {}),
      });
    },
  };
}
/** The same criterion without its ceilings: the matcher then skips no block of offerings whole. */
const withoutCeiling = (criterion: Criterion): Criterion => stripped(criterion, { ceiling: false, failing: true });
/** The same criterion without its failing ceiling: the matcher then counts on any criterion still to judge failing at 1. */
const withoutFailing = (criterion: Criterion): Criterion => stripped(criterion, { ceiling: true, failing: false });

/** The ranked and rejected lists of every line: what pruning must never change. */
const keptLists = (r: MatchResult) => r.lines.map((l) => ({ candidates: l.candidates, rejected: l.rejected }));

const slow = (config: MatcherConfig = {}): MatcherConfig => ({
  ...config,
  criteria: (config.criteria ?? defaultCriteria()).map((c) => ('criterion' in c ? { ...c, criterion: withoutQuick(c.criterion) } : withoutQuick(c))),
});

let fixture: Dataset;
let synthetic: Dataset;
beforeAll(async () => {
  fixture = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
  synthetic = parseDataset(generateDataset({ offerings: 1_500, lines: 60, seed: 7 }));
});

describe('packed verdicts', () => {
  it('pack and unpack without losing a bit, a failing 0 included', () => {
    for (const score of [0, 1, 0.1, 1 / 3, 0.30000000000000004, Number.MIN_VALUE])
      for (const pass of [true, false]) expect(unpackVerdict(packVerdict(true, pass, score))).toEqual({ applicable: true, pass, score });
    expect(unpackVerdict(packVerdict(false, true, 0.7))).toEqual({ applicable: false, pass: true, score: 0 });
    expect(unpackVerdict(QUICK_NOT_APPLICABLE)?.applicable).toBe(false);
    expect(unpackVerdict(Number.NaN)).toBeUndefined();
    expect(unpackVerdict(1.5)).toBeUndefined();
  });
});

describe('the two-pass matcher', () => {
  const configs: [string, MatcherConfig][] = [
    ['defaults', {}],
    ['no rejected kept, top 3', { topK: 3, rejectedK: 0 }],
    ['TOPSIS', { aggregate: 'topsis' }],
    ['weighted product', { aggregate: 'weightedProduct', weights: { price: 2 } }],
    ['an expression', { criteria: [...defaultCriteria(), { criterion: expressionCriterion, options: { formula: '0.6*itemFit + 0.4*min(certification, capacity)' }, weight: 2 }] }],
    ['exhaustive', { candidates: 'all', rejectedK: 3 }],
  ];
  for (const [name, config] of configs) {
    it(`gives byte for byte what judging every pair in full gives (${name})`, () => {
      for (const dataset of [fixture, synthetic]) {
        const full = serializeResult(createMatcher({ ...slow(config), exactCounts: true }).match(dataset));
        expect(serializeResult(createMatcher({ ...config, exactCounts: true }).match(dataset))).toBe(full);
      }
    });
  }

  it('skips blocks of offerings on their ceilings without changing the kept lists', () => {
    for (const config of [{ rejectedK: 3 }, { topK: 3, rejectedK: 0 }, {}] satisfies MatcherConfig[]) {
      const plain = createMatcher({ ...config, criteria: defaultCriteria().map(withoutCeiling) }).match(synthetic);
      const skipping = createMatcher(config).match(synthetic);
      expect(keptLists(skipping)).toEqual(keptLists(plain));
      // It did skip some (else this test proves nothing).
      expect(skipping.stats.pairsScored).toBeLessThan(plain.stats.pairsScored);
    }
  });

  it('drops candidates on the failing ceilings of the criteria still to judge without changing the kept lists', () => {
    for (const config of [{ rejectedK: 3 }, { rejectedK: 1, topK: 5 }, {}] satisfies MatcherConfig[]) {
      const plain = createMatcher({ ...config, criteria: defaultCriteria().map(withoutFailing) }).match(synthetic);
      const dropping = createMatcher(config).match(synthetic);
      expect(keptLists(dropping)).toEqual(keptLists(plain));
      // It did drop more before their verdicts were known (else this test proves nothing).
      const judged = (r: typeof plain) => r.lines.reduce((n, l) => n + l.qualifiedCount + l.rejectedCount, 0);
      expect(judged(dropping)).toBeLessThan(judged(plain));
    }
  });

  it('reports a failing ceiling out of range, naming the criterion and the line', () => {
    const [first, ...rest] = defaultCriteria();
    const broken: Criterion = {
      meta: first!.meta,
      create(options, context) {
        const judge = first!.create(options, context) as FastJudge;
        return withQuick((pair) => judge(pair), judge.quick!, { failing: () => 2 });
      },
    };
    expect(() => createMatcher({ criteria: [broken, ...rest] }).match(fixture)).toThrow(/criterion "itemFit" gave the failing ceiling 2 for line \S+; it must be in \[0, 1\] or CANNOT_FAIL/);
  });

  it('keeps the ranked and rejected lists of judging everything in full when it reorders criteria line by line', () => {
    // Lines with many candidates (a chunk of at least 64 judged in full) reorder their criteria.
    const larger = parseDataset(generateDataset({ offerings: 5_000, lines: 30, seed: 11 }));
    for (const config of [{ rejectedK: 3 }, { topK: 3, rejectedK: 0 }] satisfies MatcherConfig[]) {
      const full = createMatcher({ ...slow(config), exactCounts: true }).match(larger);
      expect(keptLists(createMatcher(config).match(larger))).toEqual(keptLists(full));
      expect(serializeResult(createMatcher({ ...config, exactCounts: true }).match(larger))).toBe(serializeResult(full));
    }
  });

  it('keeps the same ranked and rejected lists when it leaves out candidates that cannot reach them, and says how many it judged', () => {
    const exact = createMatcher({ rejectedK: 3, exactCounts: true }).match(synthetic);
    const tiered = createMatcher({ rejectedK: 3 }).match(synthetic);
    expect(keptLists(tiered)).toEqual(keptLists(exact));
    tiered.lines.forEach((l, i) => {
      const e = exact.lines[i];
      expect(l.pairsScored).toBeLessThanOrEqual(e?.pairsScored ?? 0);
      // Candidates dropped before their verdict is known count in neither.
      expect(l.qualifiedCount + l.rejectedCount).toBeLessThanOrEqual(l.pairsScored);
      expect(l.qualifiedCount).toBeGreaterThanOrEqual(l.candidates.length);
      expect(l.rejectedCount).toBeGreaterThanOrEqual(l.rejected.length);
    });
    // It did leave some out (else this test proves nothing).
    expect(tiered.stats.pairsScored).toBeLessThan(exact.stats.pairsScored);
  });

  it('takes the fast path an aggregator declares (capabilities), and the kept lists stay those of judging in full', () => {
    // The weighted product declares a rowTotal and that it is at most the mean: it is pruned too.
    const config: MatcherConfig = { aggregate: 'weightedProduct', rejectedK: 3 };
    const full = createMatcher({ ...slow(config), exactCounts: true }).match(synthetic);
    const pruned = createMatcher(config).match(synthetic);
    expect(keptLists(pruned)).toEqual(keptLists(full));
    expect(pruned.stats.pairsScored).toBeLessThan(full.stats.pairsScored);
    // An aggregator written outside the package: the same mean with and without its declarations.
    const plain: Aggregator = { id: 'mean', description: 'the weighted mean', aggregate: (input) => weightedSum().aggregate(input) };
    const declared: Aggregator = { ...plain, capabilities: { rowTotal: weightedSumTotal, atMostMean: true } };
    const slowMean = createMatcher({ aggregate: plain, rejectedK: 3 }).match(synthetic);
    const fastMean = createMatcher({ aggregate: declared, rejectedK: 3 }).match(synthetic);
    expect(keptLists(fastMean)).toEqual(keptLists(slowMean));
    expect(fastMean.stats.pairsScored).toBeLessThan(slowMean.stats.pairsScored);
  });

  it('reports an aggregator whose declared rowTotal disagrees with its aggregate', () => {
    const lying: Aggregator = {
      id: 'lying',
      description: 'the mean, but its rowTotal adds a little',
      aggregate: (input) => weightedSum().aggregate(input),
      capabilities: { rowTotal: (s, a, at, w) => weightedSumTotal(s, a, at, w) + 1e-9, atMostMean: true },
    };
    expect(() => createMatcher({ aggregate: lying }).match(fixture)).toThrow(/aggregator "lying" totals \S+ on \S+ at [\d.]+, but its capabilities.rowTotal gave [\d.]+: they must agree bit for bit/);
  });

  it('reports a criterion whose quick path disagrees with its judge', () => {
    const liar: Criterion = {
      meta: { ...defaultCriteria()[7]!.meta, id: 'liar' },
      create() {
        const judge: Judge = Object.assign(() => ({ applicable: true, pass: true, score: 0.5, reasons: [] }), { quick: () => 0.25 });
        return judge;
      },
    };
    expect(() => createMatcher({ criteria: [...defaultCriteria(), liar] }).match(fixture)).toThrow(SupplymatchError);
  });
});
