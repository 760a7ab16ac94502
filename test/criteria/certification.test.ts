import { describe, expect, it } from 'vitest';
import { CERTIFICATION_REASONS, certificationCriterion } from '../../src/criteria/certification.js';
import type { Verdict } from '../../src/criteria/criterion.js';
import type { FastJudge, RunContext } from '../../src/criteria/fast.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

type Requirement = NonNullable<PairFromInput['line']['certifications']>[number];
type Cert = NonNullable<PairFromInput['offering']['certifications']>[number];

/** A line asking for certificates (need-by 2021-09-01) against a supplier holding some; asOf 2021-03-01. */
function input(requirements: Requirement[], held: Cert[], offeringCerts: Cert[] = [], needBy?: string): PairFromInput {
  return {
    line: {
      id: 'L1',
      text: 'single-use bag',
      quantity: '500 unit/year',
      certifications: requirements,
      ...(needBy === undefined ? { needBy: '2021-09-01' } : needBy === '' ? {} : { needBy }),
    },
    offering: { id: 'O1', text: 'single-use bag', certifications: offeringCerts },
    supplier: { certifications: held },
  };
}

const ISO9001: Cert = { type: 'ISO 9001:2015', issuer: 'KTR', issued: '2019-01-10', expires: '2022-01-09' };

function judge(i: PairFromInput): Verdict {
  const { pair, context } = pairFrom(i);
  return certificationCriterion.create(certificationCriterion.meta.defaults, context)(pair);
}

/** Each reason as `[code, severity]`, `info` where the severity is left out. */
const severities = (v: Verdict): [string, string][] => v.reasons.map((r) => [r.code, r.severity ?? 'info']);

describe('certificationCriterion', () => {
  it('passes its table of cases', () => {
    const summary = testCriterion(certificationCriterion, {
      valid: [
        {
          name: 'a must held and valid beyond need-by',
          input: input([{ type: 'ISO 9001', level: 'must' }], [ISO9001], [], '2021-12-31'),
          expect: { score: 1, reasons: [CERTIFICATION_REASONS.held] },
        },
        {
          name: 'type spellings compare canonically (ISO-9001 vs ISO 9001:2015)',
          input: input([{ type: 'iso-9001', level: 'must' }], [ISO9001], [], ''),
          expect: { score: 1 },
        },
        {
          name: 'a certificate expiring before need-by earns the expiring credit',
          input: input([{ type: 'ASTM F838', level: 'must' }], [{ type: 'ASTM F838', issued: '2020-02-01', expires: '2021-06-30' }]),
          expect: { score: 0.5, reasons: [CERTIFICATION_REASONS.held, CERTIFICATION_REASONS.expiresBeforeNeedBy] },
        },
        {
          name: 'the expiring credit is an option',
          input: input([{ type: 'ASTM F838', level: 'must' }], [{ type: 'ASTM F838', issued: '2020-02-01', expires: '2021-06-30' }]),
          options: { expiringCredit: 0.25 },
          expect: { score: 0.25 },
        },
        {
          name: 'ISO 14644-1 class ISO 5 meets ISO 7',
          input: input(
            [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 7' }],
            [{ type: 'ISO 14644-1', class: 'ISO 5', issued: '2020-10-01', expires: '2021-10-01' }],
          ),
          expect: { score: 1 },
        },
        {
          name: 'nice missing lowers the score only (2 of 3 weight)',
          input: input(
            [
              { type: 'ISO 9001', level: 'must' },
              { type: 'ISO 13485', level: 'nice' },
            ],
            [ISO9001],
            [],
            '',
          ),
          expect: { score: 2 / 3, reasons: [CERTIFICATION_REASONS.niceMissing] },
        },
        {
          name: 'weights are options',
          input: input(
            [
              { type: 'ISO 9001', level: 'must' },
              { type: 'ISO 13485', level: 'nice' },
            ],
            [ISO9001],
            [],
            '',
          ),
          options: { mustWeight: 1, niceWeight: 3 },
          expect: { score: 0.25 },
        },
        {
          name: 'an expired and a renewed certificate of one type: the renewed one counts',
          input: input(
            [{ type: 'ISO 13485', level: 'must' }],
            [
              { type: 'ISO 13485:2016', issued: '2017-05-01', expires: '2020-04-30' },
              { type: 'ISO 13485:2016', issued: '2020-05-01', expires: '2023-04-30' },
            ],
          ),
          expect: { score: 1 },
        },
        {
          name: 'an offering-level certificate counts (USP <88> Class VI on one tubing)',
          input: input([{ type: 'USP <88> Class VI', level: 'must' }], [], [{ type: 'USP 88 class VI', issued: '2020-01-01' }]),
          expect: { score: 1 },
        },
        {
          name: 'a nice certificate that expired is reported as missing-nice',
          input: input(
            [{ type: 'ISO 13485', level: 'nice' }],
            [{ type: 'ISO 13485', issued: '2017-01-01', expires: '2020-12-31' }],
          ),
          expect: { score: 0, reasons: [CERTIFICATION_REASONS.niceMissing] },
        },
        {
          name: 'not applicable without certificate requirements',
          input: input([], [ISO9001]),
          expect: { applicable: false, reasons: [CERTIFICATION_REASONS.none] },
        },
      ],
      invalid: [
        {
          name: 'a must certificate that expired before asOf',
          input: input([{ type: 'ISO 9001', level: 'must' }], [{ type: 'ISO 9001:2015', issued: '2017-12-31', expires: '2020-12-31' }]),
          expect: { score: 0, reasons: [CERTIFICATION_REASONS.expired] },
        },
        {
          name: 'a must certificate not held',
          input: input([{ type: 'GMP', level: 'must' }], [ISO9001]),
          expect: { score: 0, reasons: [CERTIFICATION_REASONS.missing] },
        },
        {
          name: 'ISO 14644-1 class ISO 8 does not meet ISO 7',
          input: input(
            [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 7' }],
            [{ type: 'ISO 14644-1', class: 'ISO 8', issued: '2020-10-01', expires: '2021-10-01' }],
          ),
          expect: { reasons: [CERTIFICATION_REASONS.classInsufficient] },
        },
        {
          name: 'a class is asked for but the certificate states none',
          input: input([{ type: 'ISO 14644-1', level: 'must', class: 'ISO 7' }], [{ type: 'ISO 14644-1', issued: '2020-10-01' }]),
          expect: { reasons: [CERTIFICATION_REASONS.classInsufficient] },
        },
        {
          name: 'a certificate issued after asOf is not yet valid',
          input: input([{ type: 'GMP', level: 'must' }], [{ type: 'GMP', issued: '2021-04-01', expires: '2024-03-31' }]),
          expect: { reasons: [CERTIFICATION_REASONS.notYetValid] },
        },
        {
          name: 'one must missing among several still fails, with a partial score',
          input: input(
            [
              { type: 'ISO 9001', level: 'must' },
              { type: 'ASTM F838', level: 'must' },
            ],
            [ISO9001],
            [],
            '',
          ),
          expect: { score: 0.5, reasons: [CERTIFICATION_REASONS.held, CERTIFICATION_REASONS.missing] },
        },
      ],
    });
    expect(summary.passed).toBe(17);
  });

  it('gives the expiry date of a lapsed certificate in data.expired', () => {
    const { pair, context } = pairFrom(
      input([{ type: 'ISO 13485', level: 'must' }], [{ type: 'ISO 13485:2016', issuer: 'KTR', issued: '2017-12-31', expires: '2020-12-31' }]),
    );
    const v = certificationCriterion.create(certificationCriterion.meta.defaults, context)(pair);
    expect(v.pass).toBe(false);
    const expired = v.reasons.find((r) => r.code === CERTIFICATION_REASONS.expired);
    expect(expired?.data).toEqual({ cert: 'ISO 13485', level: 'must', expired: '2020-12-31' });
    expect(expired?.message).toBe('ISO 13485 (required) expired on 2020-12-31, before 2021-03-01.');
  });

  it('names the dates of a certificate that lapses before need-by', () => {
    const { pair, context } = pairFrom(
      input([{ type: 'ASTM F838', level: 'must' }], [{ type: 'ASTM F838', issued: '2020-02-01', expires: '2021-06-30' }]),
    );
    const v = certificationCriterion.create(certificationCriterion.meta.defaults, context)(pair);
    expect(v.pass).toBe(true);
    expect(v.reasons.find((r) => r.code === CERTIFICATION_REASONS.expiresBeforeNeedBy)?.data).toEqual({
      cert: 'ASTM F838',
      expires: '2021-06-30',
      needBy: '2021-09-01',
      credit: 0.5,
    });
  });

  it('names the held and required class', () => {
    const { pair, context } = pairFrom(
      input(
        [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 7' }],
        [{ type: 'ISO 14644-1', class: 'ISO 8', issued: '2020-10-01', expires: '2021-10-01' }],
      ),
    );
    const v = certificationCriterion.create(certificationCriterion.meta.defaults, context)(pair);
    expect(v.reasons[0]?.data).toEqual({ cert: 'ISO 14644-1', level: 'must', held: 'ISO 8', required: 'ISO 7' });
  });

  it('judges validity on the context asOf, not on a clock', () => {
    const i = input([{ type: 'ISO 9001', level: 'must' }], [ISO9001], [], '');
    const before = pairFrom({ ...i, asOf: '2021-12-31' });
    const after = pairFrom({ ...i, asOf: '2022-01-10' });
    const judgeOn = (p: ReturnType<typeof pairFrom>) =>
      certificationCriterion.create(certificationCriterion.meta.defaults, p.context)(p.pair);
    expect(judgeOn(before).pass).toBe(true);
    expect(judgeOn(after).pass).toBe(false);
  });

  describe('severities', () => {
    it('marks every way a must is not met as the failure', () => {
      const v = judge(
        input(
          [
            { type: 'GMP', level: 'must' },
            { type: 'ISO 13485', level: 'must' },
            { type: 'ISO 9001', level: 'must' },
            { type: 'ISO 14644-1', level: 'must', class: 'ISO 7' },
          ],
          [
            { type: 'ISO 13485:2016', issued: '2017-12-31', expires: '2020-12-31' },
            { type: 'ISO 9001:2015', issued: '2021-06-01', expires: '2024-05-31' },
            { type: 'ISO 14644-1', class: 'ISO 8', issued: '2020-10-01', expires: '2022-10-01' },
          ],
        ),
      );
      expect(v.pass).toBe(false);
      expect(severities(v)).toEqual([
        [CERTIFICATION_REASONS.missing, 'failure'],
        [CERTIFICATION_REASONS.expired, 'failure'],
        [CERTIFICATION_REASONS.notYetValid, 'failure'],
        [CERTIFICATION_REASONS.classInsufficient, 'failure'],
      ]);
    });

    it('marks a nice to have not met, and a certificate lapsing before need-by, as shortfalls', () => {
      const v = judge(
        input(
          [
            { type: 'ASTM F838', level: 'must' },
            { type: 'GMP', level: 'nice' },
            { type: 'ISO 13485', level: 'nice' },
          ],
          [
            { type: 'ASTM F838', issued: '2020-02-01', expires: '2021-06-30' },
            { type: 'ISO 13485:2016', issued: '2017-12-31', expires: '2020-12-31' },
          ],
        ),
      );
      expect(v.pass).toBe(true);
      expect(severities(v)).toEqual([
        [CERTIFICATION_REASONS.held, 'info'],
        [CERTIFICATION_REASONS.expiresBeforeNeedBy, 'shortfall'],
        [CERTIFICATION_REASONS.niceMissing, 'shortfall'],
        [CERTIFICATION_REASONS.niceMissing, 'shortfall'],
      ]);
    });

    it('leaves held and not-applicable reasons as info (no severity field)', () => {
      const held = judge(input([{ type: 'ISO 9001', level: 'must' }], [ISO9001]));
      expect(severities(held)).toEqual([[CERTIFICATION_REASONS.held, 'info']]);
      expect(held.reasons[0]).not.toHaveProperty('severity');
      expect(severities(judge(input([], [ISO9001])))).toEqual([[CERTIFICATION_REASONS.none, 'info']]);
    });

    it('ends a class message with exactly one period, even when the class ends with one', () => {
      const v = judge(
        input(
          [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 5.' }],
          [{ type: 'ISO 14644-1', class: 'ISO 8', issued: '2020-10-01', expires: '2022-10-01' }],
        ),
      );
      expect(v.reasons[0]?.code).toBe(CERTIFICATION_REASONS.classInsufficient);
      expect(v.reasons[0]?.message).toMatch(/[^.]\.$/);
    });
  });
});

describe('certificationCriterion reasons are kept once per certificate and requirement', () => {
  it('hands out the same frozen reason to lines that ask the same of a supplier, and another where the requirement differs', () => {
    const held: Cert[] = [ISO9001, { type: 'ISO 13485', issued: '2018-01-01', expires: '2020-12-31' }];
    const a = pairFrom(input([{ type: 'ISO 9001', level: 'must' }, { type: 'ISO 13485', level: 'nice' }], held, [], '2021-06-01'));
    // Other lines against the same offering; b differs in its need-by date only.
    const b = pairFrom(input([{ type: 'ISO 9001', level: 'must' }, { type: 'ISO 13485', level: 'nice' }], held, [], '2021-07-01')).pair.line;
    const c = pairFrom(input([{ type: 'ISO 9001', level: 'nice' }, { type: 'ISO 13485', level: 'must' }], held, [], '2021-07-01')).pair.line;
    const judge = certificationCriterion.create(certificationCriterion.meta.defaults, a.context);
    const va = judge(a.pair);
    const vb = judge({ ...a.pair, line: b });
    const vc = judge({ ...a.pair, line: c });
    // No certificate valid on asOf lapses before either need-by date: b gets a's verdict and its very reasons.
    expect(vb).toEqual(va);
    expect(va.reasons.map((r) => r.code)).toEqual([CERTIFICATION_REASONS.held, CERTIFICATION_REASONS.niceMissing]);
    expect(vb.reasons[0]).toBe(va.reasons[0]);
    expect(vb.reasons[1]).toBe(va.reasons[1]);
    expect(Object.isFrozen(va.reasons[0]) && Object.isFrozen(va.reasons[0]?.data)).toBe(true);
    // Another level: other sentences, made afresh, and the same as a fresh judge's.
    expect(vc.reasons[0]).not.toBe(va.reasons[0]);
    expect(vc.reasons.map((r) => r.code)).toEqual([CERTIFICATION_REASONS.held, CERTIFICATION_REASONS.expired]);
    expect(vc).toEqual(certificationCriterion.create(certificationCriterion.meta.defaults, a.context)({ ...a.pair, line: c }));
    expect(vb).toEqual(certificationCriterion.create(certificationCriterion.meta.defaults, a.context)({ ...a.pair, line: b }));
  });
});

describe('certificationCriterion verdicts across need-by dates', () => {
  it('gives lines that differ in need-by date only the same verdict while no certificate lapses between, and their own once one does', () => {
    const held: Cert[] = [{ type: 'ASTM F838', issued: '2020-02-01', expires: '2021-06-30' }, ISO9001];
    const asks: Requirement[] = [{ type: 'ASTM F838', level: 'must' }, { type: 'ISO 9001', level: 'nice' }];
    const early = pairFrom(input(asks, held, [], '2021-05-01'));
    const judge = certificationCriterion.create(certificationCriterion.meta.defaults, early.context);
    const lineBy = (needBy: string) => pairFrom(input(asks, held, [], needBy)).pair.line;
    const v1 = judge(early.pair);
    const v2 = judge({ ...early.pair, line: lineBy('2021-06-15') });
    // ASTM F838 lapses on 2021-06-30: before these two need-by dates, so each names its own.
    const v3 = judge({ ...early.pair, line: lineBy('2021-08-01') });
    const v4 = judge({ ...early.pair, line: lineBy('2021-09-01') });
    expect(v2).toEqual(v1);
    expect(v2.reasons[0]).toBe(v1.reasons[0]);
    expect(v1.score).toBe(1);
    expect(v3).not.toBe(v4);
    expect(v3.score).toBe(v4.score);
    expect(v3.score).toBeCloseTo((2 * 0.5 + 1) / 3, 12);
    expect(v3.reasons.find((r) => r.code === CERTIFICATION_REASONS.expiresBeforeNeedBy)?.data.needBy).toBe('2021-08-01');
    expect(v4.reasons.find((r) => r.code === CERTIFICATION_REASONS.expiresBeforeNeedBy)?.data.needBy).toBe('2021-09-01');
    // Each is what a fresh judge gives.
    for (const [needBy, v] of [['2021-06-15', v2], ['2021-08-01', v3], ['2021-09-01', v4]] as const)
      expect(v).toEqual(certificationCriterion.create(certificationCriterion.meta.defaults, early.context)({ ...early.pair, line: lineBy(needBy) }));
  });
});

describe('certificationCriterion ceiling', () => {
  const ceilingOf = (i: PairFromInput): number | undefined => {
    const { pair, context } = pairFrom(i);
    const run: RunContext = { ...context, offerings: [pair.offering] };
    return (certificationCriterion.create(certificationCriterion.meta.defaults, run) as FastJudge).ceiling?.(pair.line, 0);
  };
  it('is the credit of the best certificate of the block, per requirement', () => {
    // A must that nobody in the block holds: every verdict scores 0, and so does the ceiling.
    expect(ceilingOf(input([{ type: 'USP <88> Class VI', level: 'must' }], [ISO9001]))).toBe(0);
    // Held through the need-by date: 1; lapsing before it: the expiring credit.
    expect(ceilingOf(input([{ type: 'ISO 9001', level: 'must' }], [ISO9001], [], '2021-12-31'))).toBe(1);
    expect(ceilingOf(input([{ type: 'ISO 9001', level: 'must' }], [ISO9001], [], '2022-06-30'))).toBe(0.5);
    // A must held (weight 2) and a nice one missing (weight 1): 2/3.
    expect(ceilingOf(input([{ type: 'ISO 9001', level: 'must' }, { type: 'GMP', level: 'nice' }], [ISO9001], [], '2021-12-31'))).toBeCloseTo(2 / 3, 12);
    // No requirement: the criterion does not apply, which a ceiling of 1 allows for.
    expect(ceilingOf(input([], [ISO9001]))).toBe(1);
  });
});

describe('certificationCriterion: a requirement that names alternatives', () => {
  const NSF: Cert = { type: 'NSF/ANSI 49', issued: '2019-01-01', expires: '2023-01-01' };
  const EN: Cert = { type: 'EN 12469', issued: '2019-01-01', expires: '2023-01-01' };
  const EN_LAPSED: Cert = { type: 'EN 12469', issued: '2015-01-01', expires: '2020-01-01' };
  const either: Requirement = { type: 'NSF/ANSI 49', alternatives: ['EN 12469'], level: 'must' };

  it('passes its table of cases (every path agreeing with the judge)', () => {
    const summary = testCriterion(certificationCriterion, {
      valid: [
        { name: 'met by the first type', input: input([either], [NSF]), expect: { score: 1, reasons: [CERTIFICATION_REASONS.held] } },
        { name: 'met by the alternative alone', input: input([either], [EN]), expect: { score: 1, reasons: [CERTIFICATION_REASONS.held] } },
        { name: 'the valid one counts when the other has lapsed', input: input([either], [EN_LAPSED, NSF]), expect: { score: 1 } },
        { name: 'held by the offering itself', input: input([either], [], [EN]), expect: { score: 1 } },
      ],
      invalid: [
        { name: 'neither held', input: input([either], [ISO9001]), expect: { score: 0, reasons: [CERTIFICATION_REASONS.missing] } },
        { name: 'only a lapsed alternative', input: input([either], [EN_LAPSED]), expect: { score: 0, reasons: [CERTIFICATION_REASONS.expired] } },
      ],
    });
    expect(summary.passed).toBe(6);
  });

  it('names the certificate held and the alternatives in its reasons', () => {
    expect(judge(input([either], [EN])).reasons[0]).toMatchObject({
      message: 'Holds EN 12469, one of NSF/ANSI 49 or EN 12469 (must), valid until 2023-01-01.',
      data: { cert: 'NSF/ANSI 49', heldType: 'EN 12469' },
    });
    expect(judge(input([either], [])).reasons[0]?.message).toBe('No NSF/ANSI 49 or EN 12469 certificate is held (required).');
  });

  it('adding an alternative never lowers the score (property over the held sets)', () => {
    const pool = [NSF, EN, EN_LAPSED, ISO9001];
    for (let mask = 0; mask < 16; mask++) {
      const held = pool.filter((_c, i) => (mask >> i) & 1);
      const without = judge(input([{ type: 'NSF/ANSI 49', level: 'must' }], held)).score;
      const withAlternative = judge(input([either], held)).score;
      expect(withAlternative).toBeGreaterThanOrEqual(without);
    }
  });
});
