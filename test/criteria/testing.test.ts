import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { defineCriterion, reason, sentence } from '../../src/criteria/criterion.js';
import { CANNOT_FAIL, withQuick } from '../../src/criteria/fast.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';
import { thrown } from '../helpers/thrown.js';

const half: PairFromInput = {
  line: { id: 'L1', text: 'filter', quantity: '1,000 unit/month' },
  offering: { id: 'O1', text: 'filter', capacity: '500 unit/month' },
};
const tenth: PairFromInput = { ...half, offering: { id: 'O1', text: 'filter', capacity: '100 unit/month' } };

/** A deliberately broken criterion: score out of range, a bad code, a gate on a score-only kind. */
const broken = defineCriterion({
  meta: { id: 'broken', description: 'breaks the contract', kind: 'score', options: z.object({}), defaults: {} },
  create: () => () => ({ applicable: true, pass: false, score: 2, reasons: [reason('Not Dotted', '', { x: Number.NaN })] }),
});

describe('sentence', () => {
  it('ends a message with exactly one full stop, as trimming /[\\s.]+$/u would', () => {
    const messages = ['Holds ISO 9001', 'Made by Acme Inc.', 'Costs 3 per pc. \t', 'Odd\u00a0.\u2003', '...', '', 'Ends in é', 'Ends in 😀', 'Control\u0001'];
    for (const m of messages) expect(sentence(m)).toBe(`${m.replace(/[\s.]+$/u, '')}.`);
    expect(sentence('Made by Acme Inc.')).toBe('Made by Acme Inc.');
  });
});

describe('testCriterion', () => {
  it('returns a summary when every case holds', () => {
    expect(
      testCriterion(capacityCriterion, {
        valid: [{ name: 'half', input: half, expect: { score: 0.5 } }],
        invalid: [{ name: 'tenth', input: tenth, expect: { reasons: ['capacity.below_min_share'] } }],
      }),
    ).toEqual({ passed: 2, failures: [] });
  });

  it('throws one error naming every failing case', () => {
    const message = thrown(() =>
      testCriterion(capacityCriterion, {
        valid: [
          { name: 'wrong score', input: half, expect: { score: 0.9 } },
          { name: 'fails the gate', input: tenth },
          { name: 'fine', input: half },
        ],
        invalid: [
          { name: 'passes the gate', input: half },
          { name: 'reason absent', input: tenth, expect: { reasons: ['capacity.nope'] } },
        ],
      }),
    );
    expect(message).toContain('testCriterion(capacity): 4 of 5 cases failed');
    expect(message).toContain('valid "wrong score": score is 0.5, expected 0.9');
    expect(message).toContain('valid "fails the gate": failed the gate, expected to pass');
    expect(message).toContain('invalid "passes the gate": passed the gate, expected to fail');
    expect(message).toContain('invalid "reason absent": reason "capacity.nope" is missing');
    expect(message).not.toContain('"fine"');
  });

  it('validates options over the defaults and reports bad ones', () => {
    const message = thrown(() =>
      testCriterion(capacityCriterion, { valid: [{ name: 'typo', input: half, options: { minShar: 0.1 } }], invalid: [] }),
    );
    expect(message).toContain('valid "typo": options are invalid');
  });

  it('checks every verdict against the contract', () => {
    const message = thrown(() => testCriterion(broken, { valid: [], invalid: [{ name: 'any', input: half }] }));
    expect(message).toContain('score 2 is outside [0, 1]');
    expect(message).toContain('a score-only criterion failed the gate');
    expect(message).toContain('reason code "Not Dotted" is not a dotted lower-case code');
    expect(message).toContain('data.x is not a finite number');
  });

  it('checks the fast paths and the ceiling against the judge', () => {
    // Scores 0.5; its quick and batch paths say 0.25, its ceiling 0.4.
    const fast = defineCriterion({
      meta: { id: 'fast', description: 'fast paths that disagree', kind: 'score', options: z.object({}), defaults: {} },
      create: () =>
        withQuick(() => ({ applicable: true, pass: true, score: 0.5, reasons: [] }), () => 0.25, {
          batch: (_line, _indexes, count, out) => out.fill(0.25, 0, count),
          ceiling: () => 0.4,
        }),
    });
    const message = thrown(() => testCriterion(fast, { valid: [{ name: 'any', input: half }], invalid: [] }));
    expect(message).toContain('the quick path disagrees with the judge');
    expect(message).toContain('the batch path disagrees with the judge');
    expect(message).toContain('the ceiling 0.4 is below the verdict');
  });

  it('checks the failing ceiling against a failing verdict', () => {
    // Fails with the score 0.5: a failing ceiling must be at least that, and not CANNOT_FAIL.
    const failingAt = (failing: number) =>
      defineCriterion({
        meta: { id: 'strict', description: 'always fails at 0.5', kind: 'gate', options: z.object({}), defaults: {} },
        create: () => withQuick(() => ({ applicable: true, pass: false, score: 0.5, reasons: [reason('strict.no', 'No.', {}, 'failure')] }), () => -0.5, { failing: () => failing }),
      });
    const cases = { valid: [], invalid: [{ name: 'any', input: half, expect: { reasons: ['strict.no'] } }] };
    expect(testCriterion(failingAt(0.5), cases).passed).toBe(1);
    expect(thrown(() => testCriterion(failingAt(0.4), cases))).toContain('the failing ceiling 0.4 is below the failing verdict');
    expect(thrown(() => testCriterion(failingAt(CANNOT_FAIL), cases))).toContain('yet the failing ceiling says no offering can fail it');
    expect(thrown(() => testCriterion(failingAt(1.5), cases))).toContain('the failing ceiling 1.5 is neither CANNOT_FAIL nor in [0, 1]');
  });

  it('reports duplicate case names and input that does not parse', () => {
    const message = thrown(() =>
      testCriterion(capacityCriterion, {
        valid: [
          { name: 'same', input: half },
          { name: 'same', input: half },
          { name: 'bad quantity', input: { ...half, line: { id: 'L1', text: 'x', quantity: '5 bananas/month' } } },
        ],
        invalid: [],
      }),
    );
    expect(message).toContain('valid "same": another case has the same name');
    expect(message).toContain('valid "bad quantity": threw pairFrom: invalid input');
    expect(message).toContain('buyer.demandLines.0.quantity');
  });

  it('does not depend on a test runner', () => {
    const source = readFileSync(new URL('../../src/engine/testing.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]vitest['"]/);
  });
});

describe('pairFrom', () => {
  it('fills supplier, buyer and context defaults', () => {
    const { pair, context } = pairFrom(half);
    expect(pair.offering.supplier).toMatchObject({ id: 'S-TEST', country: 'KR', names: { en: 'Test supplier' } });
    expect(pair.line.buyer).toMatchObject({ id: 'B-TEST', country: 'KR' });
    expect(pair.offering.domestic).toBe(true);
    expect(pair.scores).toEqual({});
    expect(context).toMatchObject({ asOf: '2021-03-01', domesticCountry: 'KR', exchangeRates: undefined, previousCriteria: [] });
  });

  it('indexes certificates and resolves catalog items', () => {
    const { pair, context } = pairFrom({
      ...half,
      offering: { id: 'O1', item: 'IT-STF', certifications: [{ type: 'ASTM F838', issued: '2020-01-01' }] },
      supplier: { country: 'US', certifications: [{ type: 'ISO 9001:2015', issued: '2020-01-01' }] },
      items: [{ id: 'IT-STF', category: 'sterilizing-filter', names: { en: 'Sterilizing capsule filter' } }],
    });
    expect([...pair.offering.certificates.keys()].sort()).toEqual(['astmf838', 'iso9001']);
    expect(pair.offering.domestic).toBe(false);
    expect(pair.offering.resolution.items[0]?.item).toBe('IT-STF');
    expect(context.items.get('IT-STF')?.category).toBe('sterilizing-filter');
  });
});
