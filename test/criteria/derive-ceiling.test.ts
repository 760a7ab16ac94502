import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { certificationCriterion } from '../../src/criteria/certification.js';
import { defineCriterion, reason, type Criterion, type PreparedLine, type PreparedOffering } from '../../src/criteria/criterion.js';
import { monotoneJoin } from '../../src/criteria/derive-ceiling.js';
import { Outcome } from '../../src/criteria/derive.js';
import { CEILING_BLOCK, type FastJudge, type RunContext } from '../../src/criteria/fast.js';
import { pairFrom, type PairFromInput } from '../../src/engine/testing.js';
import { minOrderPairs } from '../helpers/min-order-pairs.js';

type Requirement = NonNullable<PairFromInput['line']['certifications']>[number];
type Cert = NonNullable<PairFromInput['offering']['certifications']>[number];

/**
 * Every block's ceiling against every verdict of the block, worked out apart: the best score any
 * of its offerings gets (1 where one does not apply). Returns the blocks where the ceiling is below.
 */
function ceilingsBelow(criterion: Criterion, options: unknown, lines: readonly PreparedLine[], context: RunContext): string[] {
  const offerings = context.offerings ?? [];
  const judge = criterion.create(options, context) as FastJudge;
  // A second judge asked only for ceilings, so that no line was entered by judging first.
  const ceilingsOnly = criterion.create(options, context) as FastJudge;
  expect(judge.ceiling).toBeTypeOf('function');
  const problems: string[] = [];
  for (const line of lines) {
    const best: number[] = [];
    offerings.forEach((offering, index) => {
      const v = judge({ line, offering, scores: {}, index });
      const b = Math.floor(index / CEILING_BLOCK);
      best[b] = Math.max(best[b] ?? 0, v.applicable ? v.score : 1);
    });
    best.forEach((want, b) => {
      for (const ceiling of [judge.ceiling?.(line, b), ceilingsOnly.ceiling?.(line, b)])
        if (ceiling === undefined || !(ceiling >= want) || ceiling > 1) problems.push(`line ${line.line.id}, block ${b}: ceiling ${ceiling} against the best score ${want}`);
    });
  }
  return problems;
}

/** A rule scored by how far a minimum order stays under the demand, its block ceiling declared as monotone in the minimum. */
const minOrder = defineCriterion({
  meta: {
    id: 'minOrder',
    description: 'the minimum order fits within the demand',
    kind: 'score',
    options: z.strictObject({}),
    defaults: {},
    reasons: { 'min_order.within': { severity: 'info', description: 'fits' }, 'min_order.unknown': { severity: 'info', description: 'none stated' } },
  },
  rule: () => ({
    offering: ({ offering }) => ({ min: offering.minOrder?.min ?? Number.NaN, stated: offering.minOrder !== undefined }),
    line: ({ line }) => ({ max: line.quantity.max }),
    judge(line, offer, report) {
      if (!offer.stated) {
        report?.(reason('min_order.unknown', 'No minimum order.'));
        return Outcome.notApplicable;
      }
      report?.(reason('min_order.within', 'Scored.'));
      return Outcome.of(true, Math.max(0, Math.min(1, 1 - offer.min / (2 * line.max))));
    },
    ceiling: { join: monotoneJoin<{ min: number; stated: boolean }>({ decreasing: ['min'] }) },
  }),
});

describe('monotoneJoin', () => {
  const join = monotoneJoin<{ days: number; price: number; unit: string }>({ decreasing: ['days'], increasing: ['price'] });
  it('takes the better end of each declared number, keeps the first facts when they are the join, and refuses facts that differ elsewhere', () => {
    const a = { days: 3, price: 10, unit: 'd' };
    expect(join([a, { days: 5, price: 12, unit: 'd' }])).toEqual({ days: 3, price: 12, unit: 'd' });
    expect(join([a, { days: 5, price: 8, unit: 'd' }])).toBe(a);
    expect(join([a])).toBe(a);
    expect(join([a, { days: 4, price: 11, unit: 'd' }, { days: 2, price: 9, unit: 'd' }])).toEqual({ days: 2, price: 11, unit: 'd' });
    expect(join([a, { days: 3, price: 10, unit: 'w' }])).toBeUndefined();
    // An unknown number can be anything: the join does not know it either.
    expect(join([a, { days: Number.NaN, price: 10, unit: 'd' }])?.days).toBeNaN();
  });
});

describe('a derived block ceiling', () => {
  it('is never below the best score of its block (a rule declared monotone in a number)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }), { minLength: 1, maxLength: 3 * CEILING_BLOCK }),
        (demand, minimums) => {
          const { line, context } = minOrderPairs(demand, minimums);
          expect(ceilingsBelow(minOrder, {}, [line], context)).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('is tight where the block is alike: the score of its one offering fact', () => {
    const made = [100, 100, 100].map((m, i) => pairFrom({ line: { id: 'L1', text: 'filter', quantity: '100 unit/month' }, offering: { id: `O${i}`, text: 'filter', minOrder: `${m} unit/month` } }));
    const offerings: PreparedOffering[] = made.map((p) => p.pair.offering);
    const first = made[0] as (typeof made)[number];
    const run: RunContext = { ...first.context, offerings };
    const judge = minOrder.create({}, run) as FastJudge;
    expect(judge.ceiling?.(first.pair.line, 0)).toBe(0.5);
  });

  // Certificates drawn from a few types, classes and dates around asOf (2021-03-01) and the need-by dates.
  const types = ['ISO 9001', 'ISO 13485', 'ISO 14644-1', 'GMP'];
  const dates = ['2019-01-01', '2020-12-31', '2021-03-01', '2021-06-30', '2021-09-01', '2022-01-01'];
  const certArb: fc.Arbitrary<Cert> = fc
    .record({ type: fc.constantFrom(...types), cls: fc.constantFrom(undefined, 'ISO 5', 'ISO 7', 'ISO 8'), issued: fc.integer({ min: 0, max: 3 }), span: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) })
    .map(({ type, cls, issued, span }) => {
      const from = dates[issued] as string;
      const to = span === undefined ? undefined : dates[Math.min(dates.length - 1, issued + span)];
      return { type, issued: from, ...(cls === undefined ? {} : { class: cls }), ...(to === undefined || to < from ? {} : { expires: to }) };
    });
  const requirementArb: fc.Arbitrary<Requirement> = fc
    .record({ type: fc.constantFrom(...types), level: fc.constantFrom('must' as const, 'nice' as const), cls: fc.constantFrom(undefined, 'ISO 7'), alt: fc.boolean() })
    .map(({ type, level, cls, alt }) => ({ type, level, ...(cls === undefined ? {} : { class: cls }), ...(alt ? { alternatives: ['GMP'] } : {}) }));

  it('is never below the best score of its block (certification: the union of the block\'s certificates)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(certArb, { maxLength: 3 }), { minLength: 1, maxLength: 2 * CEILING_BLOCK + 5 }),
        fc.array(fc.tuple(fc.array(requirementArb, { maxLength: 3 }), fc.constantFrom(undefined, '2021-05-01', '2021-12-31')), { minLength: 1, maxLength: 3 }),
        fc.record({ expiringCredit: fc.constantFrom(0, 0.5, 1), mustWeight: fc.constantFrom(0, 2), niceWeight: fc.constantFrom(0, 1) }),
        (held, asks, options) => {
          // Neighbouring offerings often share their supplier's certificates, as the layout makes them.
          const made = held.map((certs, i) =>
            pairFrom({
              line: { id: 'L0', text: 'single-use bag', quantity: '500 unit/year' },
              offering: { id: `O${i}`, text: 'single-use bag', certifications: i % 3 === 0 ? [] : certs },
              supplier: { certifications: i % 3 === 0 ? certs : [] },
            }),
          );
          const first = made[0] as (typeof made)[number];
          const lines = asks.map(
            ([certifications, needBy], l) =>
              pairFrom({ line: { id: `L${l}`, text: 'single-use bag', quantity: '500 unit/year', certifications, ...(needBy === undefined ? {} : { needBy }) }, offering: { id: 'O', text: 'single-use bag' } }).pair.line,
          );
          const context = { ...first.context, offerings: made.map((p) => p.pair.offering) };
          expect(ceilingsBelow(certificationCriterion, options, lines, context)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });
});
