import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { BUILT_IN_CRITERIA } from '../../src/criteria/defaults.js';
import { CAPACITY_REASON_DECLARATIONS, capacityCriterion, type CapacityReason } from '../../src/criteria/capacity.js';
import { CERTIFICATION_REASON_DECLARATIONS, type CertificationReason } from '../../src/criteria/certification.js';
import { defineCriterion, reason, type Reason, type ReasonDeclaration } from '../../src/criteria/criterion.js';
import type { CriterionDeficits } from '../../src/criteria/deficit.js';
import { Outcome } from '../../src/criteria/derive.js';
import { expressionCriterion } from '../../src/criteria/expression.js';
import { isDeclaredReason, reasonDataProblems, reasonMaker, type DeclaredReason, type ReasonDeclarations } from '../../src/criteria/reasons.js';
import { specFitCriterion } from '../../src/criteria/spec-fit.js';
import { thrown } from '../helpers/thrown.js';
import { testCriterion, type PairFromInput } from '../../src/engine/testing.js';

const half: PairFromInput = {
  line: { id: 'L1', text: 'filter', quantity: '1,000 unit/month' },
  offering: { id: 'O1', text: 'filter', capacity: '500 unit/month' },
};

const moqReasons = {
  'moq.within': { severity: 'info', description: 'the minimum order is within the demand', data: { moq: 'number' } },
  'moq.over': { severity: ['failure', 'shortfall'], description: 'the minimum order is over the demand', data: { moq: 'number', demand: 'number', note: { type: 'string', optional: true } } },
  'moq.unknown': { severity: 'info', description: 'no minimum order: not applicable', data: {} },
} as const satisfies ReasonDeclarations;
const moqReason = reasonMaker(moqReasons);
type MoqReason = DeclaredReason<typeof moqReasons>;

describe('typed reason data (types: checked by npm run typecheck)', () => {
  it('derives one member per declared code, its data typed, from the declaration alone', () => {
    expectTypeOf<MoqReason['code']>().toEqualTypeOf<'moq.within' | 'moq.over' | 'moq.unknown'>();
    expectTypeOf<Extract<MoqReason, { code: 'moq.over' }>['data']>().toEqualTypeOf<{ readonly moq: number; readonly demand: number; readonly note?: string }>();
    expectTypeOf<Extract<MoqReason, { code: 'moq.over' }>['severity']>().toEqualTypeOf<'failure' | 'shortfall' | undefined>();
    expectTypeOf<Extract<CapacityReason, { code: 'capacity.partial' }>['data']['shortfall']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<CertificationReason, { code: 'cert.class_insufficient' }>['data']['held']>().toEqualTypeOf<string | null>();
    // A typed reason is a Reason: results stay flat and serializable.
    expectTypeOf<CapacityReason>().toExtend<Reason>();
    // Declarations not known code by code give the flat Reason.
    expectTypeOf<DeclaredReason<ReasonDeclarations>>().toEqualTypeOf<Reason>();
  });

  it('makes only declared codes, with data of their shape and a declared severity', () => {
    const made = moqReason('moq.over', 'Over the demand.', { moq: 500, demand: 200 }, 'failure');
    expectTypeOf(made.data.moq).toEqualTypeOf<number>();
    expect(made).toEqual(reason('moq.over', 'Over the demand.', { moq: 500, demand: 200 }, 'failure'));
    // `info` may be left out where the code declares it; it is left out of the result, as reason() does.
    expect(moqReason('moq.within', 'Within.', { moq: 1 })).toEqual({ code: 'moq.within', message: 'Within.', data: { moq: 1 } });
    // @ts-expect-error a code not declared
    moqReason('moq.under', 'Under.', { moq: 1 });
    // @ts-expect-error a misspelt field
    moqReason('moq.within', 'Within.', { mog: 1 });
    // @ts-expect-error a field of the wrong type
    moqReason('moq.within', 'Within.', { moq: '1' });
    // @ts-expect-error a field missing
    moqReason('moq.over', 'Over.', { moq: 1 }, 'failure');
    // @ts-expect-error a severity the code does not declare
    moqReason('moq.within', 'Within.', { moq: 1 }, 'failure');
    // @ts-expect-error a code without info must say its severity
    moqReason('moq.over', 'Over.', { moq: 1, demand: 0 });
  });

  it('narrows a reason of a known criterion by its code, so that a misspelt field does not compile', () => {
    const r: Reason = capacityCriterion.create(capacityCriterion.meta.defaults, {
      asOf: '2021-03-01',
      domesticCountry: undefined,
      exchangeRates: undefined,
      catalog: undefined as never,
      items: new Map(),
      previousCriteria: [],
    })({
      line: { line: { quantity: { max: 1000, dimension: 'rate', unit: 'unit/month', text: '1,000 unit/month' } } },
      offering: { offering: { capacity: { min: 500, dimension: 'rate', unit: 'unit/month', text: '500 unit/month' } } },
      scores: {},
    } as never).reasons[0] as Reason;
    expect(isDeclaredReason(CAPACITY_REASON_DECLARATIONS, r)).toBe(true);
    expect(isDeclaredReason(CERTIFICATION_REASON_DECLARATIONS, r)).toBe(false);
    if (isDeclaredReason(CAPACITY_REASON_DECLARATIONS, r) && r.code === 'capacity.partial') {
      expectTypeOf(r.data.shortfall).toEqualTypeOf<string>();
      expect(r.data.percentCovered).toBe(50);
      // @ts-expect-error a field capacity.partial does not declare
      void r.data.shortfal;
    }
    // @ts-expect-error a code capacity does not declare
    if (isDeclaredReason(CAPACITY_REASON_DECLARATIONS, r) && r.code === 'capacity.over') void r;
  });

  it("types a criterion's deficit readings by code: read and close see each code's data", () => {
    const deficits: CriterionDeficits<MoqReason> = {
      kind: 'other',
      support: { 'moq.*': 'funding' },
      read(code, data, _message) {
        if (code !== 'moq.over') return undefined;
        expectTypeOf(data.demand).toEqualTypeOf<number>();
        return { summary: `minimum order ${data.moq} over ${data.demand}`, remedy: 'its minimum order came down', size: 1 };
      },
      close: (deficit, offering) => (deficit.code === 'moq.over' ? { offering, change: `minimum order ${deficit.data.moq} dropped` } : undefined),
    };
    expect(deficits.read('moq.over', { moq: 5, demand: 2 }, '')?.summary).toBe('minimum order 5 over 2');
    const wrong: CriterionDeficits<MoqReason> = {
      kind: 'other',
      support: {},
      read(code, data, _message) {
        // @ts-expect-error moq.within carries no demand
        return code === 'moq.within' ? { summary: String(data.demand), remedy: '', size: 1 } : undefined;
      },
    };
    void wrong;
  });

  it("lets a rule report only declared reasons once every code declares its data; a criterion that declares none keeps plain reason()", () => {
    const typed = defineCriterion({
      meta: { id: 'moq', description: 'minimum order', kind: 'gate', options: z.object({}), defaults: {}, reasons: moqReasons },
      rule: () => ({
        line: () => ({}),
        offering: () => ({}),
        judge: (_l, _o, report) => {
          report?.(moqReason('moq.within', 'Within.', { moq: 1 }));
          const never = (): void =>
            // @ts-expect-error an undeclared reason, made with the untyped reason()
            report?.(reason('moq.elsewhere', 'Elsewhere.'));
          void never;
          return Outcome.of(true, 1);
        },
      }),
    });
    expect(testCriterion(typed, { valid: [{ name: 'any', input: half, expect: { reasons: ['moq.within'] } }], invalid: [] }).passed).toBe(1);
    const untyped = defineCriterion({
      meta: { id: 'free', description: 'no data declared', kind: 'score', options: z.object({}), defaults: {}, reasons: { 'free.any': { severity: 'info', description: 'anything' } } },
      rule: () => ({ line: () => ({}), offering: () => ({}), judge: (_l, _o, report) => (report?.(reason('free.any', 'Anything.', { whatever: 1 })), Outcome.of(true, 1)) }),
    });
    expect(testCriterion(untyped, { valid: [{ name: 'any', input: half }], invalid: [] }).passed).toBe(1);
  });
});

describe('reason data checked at run time', () => {
  it('names a field missing, one not declared and one of the wrong type; optional fields may be absent', () => {
    expect(reasonDataProblems({ code: 'moq.over', message: '', data: { moq: '500', extra: 1 } }, moqReasons['moq.over'])).toEqual([
      'the reason moq.over has moq = "500", declared number',
      'the reason moq.over has extra, which meta.reasons does not declare in its data',
      'the reason moq.over lacks demand (declared number)',
    ]);
    expect(reasonDataProblems({ code: 'moq.over', message: '', data: { moq: 1, demand: 2 } }, moqReasons['moq.over'])).toEqual([]);
    expect(reasonDataProblems({ code: 'moq.over', message: '', data: { moq: 1, demand: 2, note: null } }, moqReasons['moq.over'])).toEqual([
      'the reason moq.over has note = null, declared string',
    ]);
    expect(reasonDataProblems({ code: 'x.y', message: '', data: { anything: 1 } }, { severity: 'info', description: 'no data declared' })).toEqual([]);
  });

  it('testCriterion refuses a verdict whose reason data are not as declared', () => {
    const liar = defineCriterion({
      meta: { id: 'liar', description: 'declares one shape, gives another', kind: 'score', options: z.object({}), defaults: {}, reasons: moqReasons },
      create: () => () => ({ applicable: true, pass: true, score: 1, reasons: [reason('moq.within', 'Within.', { moq: 'one' })] }),
    });
    expect(thrown(() => testCriterion(liar, { valid: [{ name: 'any', input: half }], invalid: [] }))).toContain('the reason moq.within has moq = "one", declared number');
  });

  it('every built-in declares the data of every reason code (so that their reasons are typed)', () => {
    for (const { criterion } of Object.values(BUILT_IN_CRITERIA))
      for (const [code, declared] of Object.entries<ReasonDeclaration>(criterion.meta.reasons ?? {})) expect(declared.data, `${criterion.meta.id}: ${code}`).toBeDefined();
    expect(Object.keys(specFitCriterion.meta.reasons ?? {})).toContain('spec.unmet');
    expect(Object.keys(expressionCriterion.meta.reasons ?? {})).toEqual(['expression.value', 'expression.missing_input']);
  });
});
