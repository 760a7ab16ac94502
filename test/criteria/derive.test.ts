import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCriterion, reason, type PreparedLine, type PreparedOffering } from '../../src/criteria/criterion.js';
import { FactIds, Outcome } from '../../src/criteria/derive.js';
import { CANNOT_FAIL, unpackVerdict, type FastJudge, type RunContext, type RunPair } from '../../src/criteria/fast.js';
import { pairFrom, testCriterion } from '../../src/engine/testing.js';
import { minOrderPairs } from '../helpers/min-order-pairs.js';

/** A rule written as a user would (see docs/criteria.md): the minimum order fits within the demand. */
const minOrder = defineCriterion({
  meta: {
    id: 'minOrder',
    description: 'the minimum order fits within the demand',
    kind: 'both',
    options: z.strictObject({ gate: z.boolean() }),
    defaults: { gate: true },
    reasons: {
      'min_order.within': { severity: 'info', description: 'fits' },
      'min_order.over': { severity: ['failure', 'shortfall'], description: 'exceeds the demand' },
      'min_order.unknown': { severity: 'info', description: 'no comparable minimum order' },
    },
  },
  rule: (options) => ({
    offering: ({ offering }) => ({ min: offering.minOrder?.min ?? null, dimension: offering.minOrder?.dimension ?? null, text: offering.minOrder?.text ?? null }),
    line: ({ line }) => ({ max: line.quantity.max, dimension: line.quantity.dimension, text: line.quantity.text }),
    judge(line, offer, report) {
      if (offer.min === null || offer.dimension !== line.dimension) {
        report?.(reason('min_order.unknown', 'No comparable minimum order.'));
        return Outcome.notApplicable;
      }
      const fits = offer.min <= line.max;
      report?.(fits ? reason('min_order.within', 'Fits.', { minOrder: offer.text }) : reason('min_order.over', 'Exceeds.', { minOrder: offer.text }, options.gate ? 'failure' : 'shortfall'));
      return Outcome.of(fits || !options.gate, fits ? Math.min(1, 1 - offer.min / (2 * line.max)) : 0);
    },
    failScore: () => (options.gate ? 0 : undefined),
  }),
});

/** Independent of the rule: what the verdict must be, written from the definition's prose. */
function expected(minMonthly: number | undefined, demandMonthly: number, gate: boolean): { applicable: boolean; pass: boolean; score: number } {
  if (minMonthly === undefined) return { applicable: false, pass: true, score: 0 };
  if (minMonthly <= demandMonthly) return { applicable: true, pass: true, score: 1 - minMonthly / (2 * demandMonthly) };
  return { applicable: true, pass: !gate, score: 0 };
}

const run = minOrderPairs;

/** minOrder with its rule's calls counted (`calls()`, set back to 0 by `reset()`). */
function countedMinOrder(): { criterion: typeof minOrder; calls: () => number; reset: () => void } {
  let calls = 0;
  const criterion = defineCriterion({
    meta: minOrder.meta,
    rule: (options, context) => {
      const rule = minOrder.rule(options, context);
      return { ...rule, judge: (...args: Parameters<typeof rule.judge>) => ((calls += 1), rule.judge(...args)) };
    },
  });
  return { criterion, calls: () => calls, reset: () => void (calls = 0) };
}

describe('a criterion written as a rule', () => {
  it('gets quick and batch paths that agree with its full verdicts and with an independent reading of the rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (demand, minimums, gate) => {
          const { line, offerings, context } = run(demand, minimums);
          const judge = minOrder.create({ gate }, context) as FastJudge;
          const out = new Float64Array(offerings.length);
          judge.batch?.(line, Int32Array.from(offerings, (_o, i) => i), offerings.length, out);
          offerings.forEach((offering, i) => {
            const pair: RunPair = { line, offering, scores: {}, index: i };
            const full = judge(pair);
            const want = expected(minimums[i], demand, gate);
            expect({ applicable: full.applicable, pass: full.pass }).toEqual({ applicable: want.applicable, pass: want.pass });
            expect(full.score).toBeCloseTo(want.score, 12);
            expect(unpackVerdict(out[i] as number)).toEqual({ applicable: full.applicable, pass: full.pass, score: full.score });
            expect(unpackVerdict(judge.quick?.(pair) as number)).toEqual({ applicable: full.applicable, pass: full.pass, score: full.score });
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keys no facts once most prove distinct (past the first 2,048 offerings), and still agrees with the full verdicts', () => {
    // 2,200 offerings: the first 2,048 mostly distinct, so the rest are not keyed; some repeat.
    const minimums = Array.from({ length: 2200 }, (_, i) => (i % 7 === 0 ? undefined : (i % 2100) + 1));
    const { line, offerings, context } = run(2000, minimums);
    for (const gate of [true, false]) {
      const judge = minOrder.create({ gate }, context) as FastJudge;
      const out = new Float64Array(offerings.length);
      judge.batch?.(line, Int32Array.from(offerings, (_o, i) => i), offerings.length, out);
      offerings.forEach((offering, i) => {
        const pair: RunPair = { line, offering, scores: {}, index: i };
        const full = judge(pair);
        const want = expected(minimums[i], 2000, gate);
        expect({ applicable: full.applicable, pass: full.pass }).toEqual({ applicable: want.applicable, pass: want.pass });
        expect(unpackVerdict(out[i] as number)).toEqual({ applicable: full.applicable, pass: full.pass, score: full.score });
        expect(unpackVerdict(judge.quick?.(pair) as number)).toEqual({ applicable: full.applicable, pass: full.pass, score: full.score });
      });
    }
  });

  it('judges a column of few distinct facts once per line facts, and keeps the outcomes while lines with equal facts follow', () => {
    const { criterion: counted, calls, reset } = countedMinOrder();
    const minimums = [50, 70, undefined, 50, 70, 120];
    const { line: first, offerings, context } = run(100, minimums);
    const lineOf = (demand: number): PreparedLine => pairFrom({ line: { id: `L${demand}`, text: 'filter', quantity: `${demand} unit/month` }, offering: { id: 'X', text: 'filter' } }).pair.line;
    // Lines in turn: the second has the first's facts (another object), the third does not.
    const lines: [PreparedLine, number, number][] = [
      [first, 100, 4],
      [lineOf(100), 100, 0],
      [lineOf(60), 60, 4],
      [lineOf(100), 100, 4],
    ];
    const judge = counted.create({ gate: true }, context) as FastJudge;
    const all = Int32Array.from(offerings, (_o, i) => i);
    for (const [line, demand, judged] of lines) {
      reset();
      const out = new Float64Array(offerings.length);
      judge.batch?.(line, all, offerings.length, out);
      expect(calls(), `rule calls for a demand of ${demand}`).toBe(judged);
      minimums.forEach((m, i) => {
        const got = unpackVerdict(out[i] as number);
        const want = expected(m, demand, true);
        expect({ applicable: got?.applicable, pass: got?.pass }, `offering ${i}, demand ${demand}`).toEqual({ applicable: want.applicable, pass: want.pass });
        expect(got?.score).toBeCloseTo(want.score, 12);
      });
    }
  });

  it('keeps outcomes by id while they are asked again for a line, and stops keeping them once they seldom are (past 65,536 candidates)', () => {
    const { criterion: counted, calls, reset } = countedMinOrder();
    const lineOf = (demand: number): PreparedLine => pairFrom({ line: { id: `L${demand}`, text: 'filter', quantity: `${demand} unit/month` }, offering: { id: 'X', text: 'filter' } }).pair.line;
    // 300 offerings: with 100 distinct minimums two candidates in three repeat one judged for
    // their line (the memo pays); with 290, one in thirty does (it does not).
    for (const [distinct, callsAfter] of [
      [100, 100],
      [290, 300],
    ] as const) {
      const minimums = Array.from({ length: 300 }, (_, i) => (i % distinct) + 1);
      const { offerings, context } = run(100, minimums);
      const judge = counted.create({ gate: true }, context) as FastJudge;
      const all = Int32Array.from(offerings, (_o, i) => i);
      const out = new Float64Array(offerings.length);
      const perLine: number[] = [];
      // 240 lines of distinct demands: 72,000 candidates, past the sample.
      for (let l = 0; l < 240; l++) {
        const demand = 50 + l;
        reset();
        judge.batch?.(lineOf(demand), all, offerings.length, out);
        perLine.push(calls());
        if (l % 60 === 0 || l === 239)
          minimums.forEach((m, i) => {
            const got = unpackVerdict(out[i] as number);
            const want = expected(m, demand, true);
            expect({ applicable: got?.applicable, pass: got?.pass }, `offering ${i}, demand ${demand}`).toEqual({ applicable: want.applicable, pass: want.pass });
            expect(got?.score).toBeCloseTo(want.score, 12);
          });
      }
      expect(perLine[0], `${distinct} distinct: the first line`).toBe(distinct);
      expect(perLine.at(-1), `${distinct} distinct: the last line`).toBe(callsAfter);
    }
  });

  it('keeps the outcomes by id while lines with equal facts follow, and empties them when the facts change', () => {
    const { criterion: counted, calls, reset } = countedMinOrder();
    const lineOf = (id: string, demand: number): PreparedLine => pairFrom({ line: { id, text: 'filter', quantity: `${demand} unit/month` }, offering: { id: 'X', text: 'filter' } }).pair.line;
    // 100 distinct minimums: more than a table holds, so the memo by id serves.
    const minimums = Array.from({ length: 200 }, (_, i) => (i % 100) + 1);
    const { offerings, context } = run(100, minimums);
    const judge = counted.create({ gate: true }, context) as FastJudge;
    const all = Int32Array.from(offerings, (_o, i) => i);
    const out = new Float64Array(offerings.length);
    // Two line objects with the same demand (equal facts), then another demand, then the first again.
    const steps = [
      ['A', 80, 100],
      ['B', 80, 0],
      ['C', 60, 100],
      ['D', 80, 100],
    ] as const;
    for (const [id, demand, judged] of steps) {
      reset();
      judge.batch?.(lineOf(id, demand), all, offerings.length, out);
      expect(calls(), `line ${id} (demand ${demand})`).toBe(judged);
      minimums.forEach((m, i) => {
        const got = unpackVerdict(out[i] as number);
        const want = expected(m, demand, true);
        expect({ applicable: got?.applicable, pass: got?.pass }, `line ${id}, offering ${i}`).toEqual({ applicable: want.applicable, pass: want.pass });
        expect(got?.score).toBeCloseTo(want.score, 12);
      });
    }
  });

  it('shares one frozen verdict between offerings with equal facts, and not between others', () => {
    const { line, offerings, context } = run(100, [50, 50, 70]);
    const judge = minOrder.create({ gate: true }, context) as FastJudge;
    const [a, b, c] = offerings.map((offering, index) => judge({ line, offering, scores: {}, index }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('derives the failing ceiling from failScore: 0 with the gate, none can fail without it', () => {
    const { line, context } = run(100, [500]);
    expect((minOrder.create({ gate: true }, context) as FastJudge).failing?.(line)).toBe(0);
    expect((minOrder.create({ gate: false }, context) as FastJudge).failing?.(line)).toBe(CANNOT_FAIL);
  });

  it('is refused by testCriterion when it reports a code or severity its meta does not declare', () => {
    const undeclared = defineCriterion({
      meta: { ...minOrder.meta, reasons: { 'min_order.within': { severity: 'shortfall', description: 'fits' } } },
      rule: minOrder.rule,
    });
    const input = { line: { id: 'L', text: 'x', quantity: '10 unit/month' }, offering: { id: 'O', text: 'x', minOrder: '5 unit/month' } };
    expect(testCriterion(minOrder, { valid: [{ name: 'fits', input }], invalid: [] }).passed).toBe(1);
    expect(() => testCriterion(undeclared, { valid: [{ name: 'fits', input }], invalid: [] })).toThrow(/severity info, which meta.reasons does not declare/);
  });
});

describe('verdict sharing by facts', () => {
  it('shares only between offerings whose facts are equal, whatever the values look like', () => {
    // Facts chosen to collide under a careless key: a string that reads like a number, -0 and 0,
    // a missing value and the text "u", a separator inside a string.
    const texts = ['1', 'n1|', 'u', 's1:a', undefined];
    const rule = defineCriterion({
      meta: { id: 'echo', description: 'scores nothing, says what it read', kind: 'score', options: z.object({}), defaults: {} },
      rule: () => ({
        offering: ({ offering }) => ({ note: texts[Number(offering.id.slice(1)) % texts.length], zero: Number(offering.id.slice(1)) % 2 === 0 ? 0 : -0 }),
        line: () => ({}),
        judge: (_line, facts, report) => {
          report?.(reason('echo.read', `Read ${String(facts.note)} and ${Object.is(facts.zero, -0) ? '-0' : '0'}.`));
          return Outcome.of(true, 0.5);
        },
      }),
    });
    const made = Array.from({ length: 12 }, (_, i) => pairFrom({ line: { id: 'L1', text: 'x', quantity: '1 unit/month' }, offering: { id: `O${i}`, text: 'x' } }));
    const offerings = made.map((m) => m.pair.offering);
    const context = { ...(made[0] as (typeof made)[number]).context, offerings };
    const line = (made[0] as (typeof made)[number]).pair.line;
    const judge = rule.create({}, context) as FastJudge;
    const verdicts = offerings.map((offering, index) => judge({ line, offering, scores: {}, index }));
    for (let i = 0; i < verdicts.length; i++)
      for (let j = 0; j < verdicts.length; j++) {
        const same = i % texts.length === j % texts.length && i % 2 === j % 2;
        expect(verdicts[i] === verdicts[j], `${i} ${j}`).toBe(same);
      }
  });
});

describe('FactIds', () => {
  it('gives facts that are one datum, an array or a record the same id only when they are equal', () => {
    const ids = new FactIds();
    // Each row: facts, then facts equal to them (other objects) that must share the id.
    const rows: [unknown, ...unknown[]][] = [
      [1, 1],
      ['1', '1'],
      [0, 0],
      [-0, -0],
      [Number.NaN, Number.NaN],
      [null, null],
      [undefined, undefined],
      [true, true],
      [[1], [1]],
      ['[1]'],
      [{ a: 1 }, { a: 1 }],
      [{ a: '1' }],
      [[{ a: 1 }], [{ a: 1 }]],
    ];
    const first = rows.map(([facts]) => ids.id(facts));
    expect(new Set(first).size, 'distinct facts, distinct ids').toBe(rows.length);
    rows.forEach(([, ...equal], r) => {
      for (const facts of equal) expect(ids.id(facts), `row ${r}`).toBe(first[r]);
    });
    expect(ids.size).toBe(rows.length);
  });
});
