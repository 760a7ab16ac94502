import { describe, expect, it } from 'vitest';
import { READINESS_REASONS, readinessCriterion } from '../../src/criteria/readiness.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';
import type { Readiness } from '../../src/model/supplier.js';

function input(readiness?: Readiness): PairFromInput {
  return {
    line: { id: 'L1', text: 'resin', quantity: '100 L/year' },
    offering: { id: 'O1', text: 'resin', ...(readiness === undefined ? {} : { readiness }) },
  };
}

describe('readinessCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(readinessCriterion, {
      valid: [
        { name: 'in production scores 1', input: input('in-production'), expect: { score: 1, reasons: [READINESS_REASONS.level] } },
        { name: 'the default readiness is in production', input: input(), expect: { score: 1 } },
        { name: 'qualified elsewhere scores 0.8', input: input('qualified-elsewhere'), expect: { score: 0.8 } },
        { name: 'prototype scores 0.4', input: input('prototype'), expect: { score: 0.4 } },
        { name: 'capable scores 0.2 and passes without a minimum', input: input('capable'), expect: { score: 0.2 } },
        {
          name: 'one level retuned, the others keep their defaults',
          input: input('prototype'),
          options: { scores: { prototype: 0.6 } },
          expect: { score: 0.6 },
        },
        {
          name: 'at the minimum passes',
          input: input('qualified-elsewhere'),
          options: { minReadiness: 'qualified-elsewhere' },
          expect: { score: 0.8 },
        },
      ],
      invalid: [
        {
          name: 'prototype below a qualified-elsewhere minimum',
          input: input('prototype'),
          options: { minReadiness: 'qualified-elsewhere' },
          expect: { score: 0.4, reasons: [READINESS_REASONS.level, READINESS_REASONS.belowMin] },
        },
        {
          name: 'capable below a prototype minimum',
          input: input('capable'),
          options: { minReadiness: 'prototype' },
          expect: { reasons: [READINESS_REASONS.belowMin] },
        },
        {
          name: 'the gate follows level order, not retuned scores',
          input: input('capable'),
          options: { minReadiness: 'prototype', scores: { capable: 1 } },
          expect: { score: 1, reasons: [READINESS_REASONS.belowMin] },
        },
      ],
    });
    expect(summary.passed).toBe(10);
  });

  it('always states the level', () => {
    const { pair, context } = pairFrom(input('prototype'));
    const v = readinessCriterion.create(readinessCriterion.meta.defaults, context)(pair);
    expect(v.reasons).toEqual([
      {
        code: 'readiness.level',
        message: 'The offering is at the prototype stage (prototype), scoring 0.4.',
        data: { level: 'prototype', score: 0.4 },
      },
    ]);
  });

  it('rejects an unknown level or a score above 1 in the options', () => {
    expect(readinessCriterion.meta.options.safeParse({ scores: {}, minReadiness: 'ready' }).success).toBe(false);
    expect(readinessCriterion.meta.options.safeParse({ scores: { prototype: 2 } }).success).toBe(false);
  });

  it('marks a level below the minimum as the failure and leaves the level as info', () => {
    const { pair, context } = pairFrom(input('capable'));
    const v = readinessCriterion.create({ scores: {}, minReadiness: 'prototype' }, context)(pair);
    expect(v.pass).toBe(false);
    expect(v.reasons.map((r) => [r.code, r.severity ?? 'info'])).toEqual([
      [READINESS_REASONS.level, 'info'],
      [READINESS_REASONS.belowMin, 'failure'],
    ]);
    expect(v.reasons[0]).not.toHaveProperty('severity');
  });
});
