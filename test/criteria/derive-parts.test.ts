import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePartsCriterion, reason, type Criterion, type PreparedLine, type PreparedOffering } from '../../src/criteria/criterion.js';
import { Outcome } from '../../src/criteria/derive.js';
import { CANNOT_FAIL, CEILING_BLOCK, packVerdict, type FastJudge, type RunContext, type RunPair } from '../../src/criteria/fast.js';
import { specFitCriterion } from '../../src/criteria/spec-fit.js';
import { pairFrom, type PairFromInput } from '../../src/engine/testing.js';

type SpecInput = NonNullable<PairFromInput['offering']['specs']>[string];
type RequirementInput = NonNullable<PairFromInput['line']['specs']>[number];

/**
 * The derived paths of a parts rule against its full verdicts, worked out apart: for every line
 * and offering, the full verdict of a judge given the run's offerings (shared verdicts, columns)
 * must be the verdict of a judge that has no run list (read from the offering's own facts); the
 * batch and quick outcomes must pack the full verdict exactly; every block's ceiling must be at
 * least its best score; every failing verdict must score at most the failing ceiling. Returns the
 * disagreements, as text.
 */
function disagreements(criterion: Criterion, options: unknown, lines: readonly PreparedLine[], context: RunContext): string[] {
  const offerings = context.offerings ?? [];
  const indexed = criterion.create(options, context) as FastJudge;
  const batchOnly = criterion.create(options, context) as FastJudge;
  const quickOnly = criterion.create(options, context) as FastJudge;
  const ceilingsOnly = criterion.create(options, context) as FastJudge;
  const { offerings: _, ...withoutList } = context;
  const direct = criterion.create(options, withoutList);
  const problems: string[] = [];
  const indexes = Int32Array.from(offerings, (_o, i) => i);
  const out = new Float64Array(offerings.length);
  for (const line of lines) {
    // Offerings in reverse, so that no path sees them in the order the columns were built.
    batchOnly.batch?.(line, indexes.slice().reverse(), offerings.length, out);
    const best: number[] = [];
    const failing = indexed.failing?.(line);
    offerings.forEach((offering, index) => {
      const pair: RunPair = { line, offering, scores: {}, index };
      const full = indexed(pair);
      const fresh = direct({ line, offering, scores: {} });
      if (JSON.stringify(full) !== JSON.stringify(fresh)) problems.push(`line ${line.line.id}, ${offering.offering.id}: ${JSON.stringify(full)} against ${JSON.stringify(fresh)}`);
      const packed = packVerdict(full.applicable, full.pass, full.score);
      const batched = out[offerings.length - 1 - index] as number;
      const quick = quickOnly.quick?.(pair);
      if (!Object.is(batched, packed) || !Object.is(quick, packed)) problems.push(`line ${line.line.id}, ${offering.offering.id}: batch ${batched}, quick ${quick}, full ${packed}`);
      if (full.applicable && !full.pass && (failing === undefined || failing === CANNOT_FAIL || full.score > failing))
        problems.push(`line ${line.line.id}, ${offering.offering.id}: fails with ${full.score} above the failing ceiling ${failing}`);
      const b = Math.floor(index / CEILING_BLOCK);
      best[b] = Math.max(best[b] ?? 0, full.applicable ? full.score : 1);
    });
    best.forEach((want, b) => {
      for (const ceiling of [indexed.ceiling?.(line, b), ceilingsOnly.ceiling?.(line, b)])
        if (ceiling === undefined || !(ceiling >= want) || ceiling > 1) problems.push(`line ${line.line.id}, block ${b}: ceiling ${ceiling} against the best score ${want}`);
    });
  }
  return problems;
}

// Spec values drawn from a few keys, so that offerings share values and lines meet them or nearly.
const keys = ['poreSize', 'length', 'material', 'sterile', 'volume'] as const;
const valueArb: fc.Arbitrary<SpecInput> = fc.oneof<fc.Arbitrary<SpecInput>[]>(
  fc.constantFrom('0.2 um', '0.22 um', '0.45 um', '200 nm', '0.1-0.3 um'),
  fc.constantFrom('10 mm', '12 mm', '1/2 in', '25 mm', '120 / 225 / 325 mm', '3 g'),
  fc.constantFrom('PES', 'PVDF', 'pes', 'STS304', 'SUS304', 'nationwide', 'Incheon'),
  fc.constantFrom<string[]>(['PES', 'PVDF'], ['PTFE'], ['1 L', '2 L']),
  fc.boolean(),
  fc.constantFrom('500 mL', '1 L', '2 L', '5 kg'),
);
const specsArb = fc.dictionary(fc.constantFrom(...keys), valueArb, { maxKeys: 4 });
const requirementArb: fc.Arbitrary<RequirementInput> = fc
  .record({
    key: fc.constantFrom(...keys),
    op: fc.constantFrom('eq' as const, 'min' as const, 'max' as const, 'range' as const, 'oneOf' as const),
    value: valueArb,
    values: fc.constantFrom<string[]>(['0.2 um', '0.45 um'], ['PES', 'PTFE'], ['10 mm', 'PES', '1 L'], ['Incheon']),
    tolerance: fc.constantFrom(undefined, '5%', '1 mm'),
    importance: fc.constantFrom('required' as const, 'preferred' as const),
  })
  .map(({ key, op, value, values, tolerance, importance }): RequirementInput => {
    if (op === 'oneOf') return { key, op, values, importance };
    if (op === 'eq') return { key, op, value, importance, ...(tolerance === undefined || typeof value !== 'string' ? {} : { tolerance }) };
    return { key, op, value: typeof value === 'boolean' || Array.isArray(value) ? '1 L' : value, importance };
  });

/** Offerings (some offered as a catalog item whose specs fill what they leave out) and lines, as the matcher readies them. */
function run(offered: readonly (readonly [Record<string, SpecInput>, boolean])[], asked: readonly (readonly RequirementInput[])[]): { lines: PreparedLine[]; context: RunContext } {
  const items = [{ id: 'CAT-1', category: 'sterilizing-filter', names: { en: 'capsule filter' }, specs: { poreSize: '0.2 um', material: 'PES', length: '10 mm' } }];
  const made = offered.map(([specs, fromItem], i) => {
    try {
      return pairFrom({ line: { id: 'L', text: 'capsule filter', quantity: '5 unit/month' }, offering: { id: `O${i}`, text: 'capsule filter', specs, ...(fromItem ? { item: 'CAT-1' } : {}) }, items });
    } catch {
      return pairFrom({ line: { id: 'L', text: 'capsule filter', quantity: '5 unit/month' }, offering: { id: `O${i}`, text: 'capsule filter' }, items });
    }
  });
  const first = made[0] as (typeof made)[number];
  const lines = asked.map((specs, l) => {
    try {
      return pairFrom({ line: { id: `L${l}`, text: 'capsule filter', quantity: '5 unit/month', specs: [...specs] }, offering: { id: 'O', text: 'capsule filter' }, items }).pair.line;
    } catch {
      return pairFrom({ line: { id: `L${l}`, text: 'capsule filter', quantity: '5 unit/month' }, offering: { id: 'O', text: 'capsule filter' }, items }).pair.line;
    }
  });
  return { lines, context: { ...first.context, offerings: made.map((p) => p.pair.offering) } };
}

describe('a parts rule (spec fit): derived paths against full verdicts', () => {
  it('agree byte for byte over random specs, requirements and options', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(specsArb, fc.boolean()), { minLength: 1, maxLength: 2 * CEILING_BLOCK + 5 }),
        fc.array(fc.array(requirementArb, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.record({ missingRequired: fc.constantFrom('fail' as const, 'ignore' as const), useCatalogSpecs: fc.boolean(), ratingKeys: fc.constantFrom([], ['poreSize']) }),
        (offered, asked, overrides) => {
          // Every line twice, the second time after the others: equal parts share their tables across lines.
          const { lines, context } = run(offered, [...asked, ...asked]);
          const options = specFitCriterion.meta.options.parse({ ...specFitCriterion.meta.defaults, ...overrides });
          expect(disagreements(specFitCriterion, options, lines, context)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

/** A parts rule written from outside spec fit: each required purity is a part, credited by how close the offering comes. */
const purity = definePartsCriterion({
  meta: {
    id: 'purity',
    description: 'each purity asked for is met',
    kind: 'both',
    options: z.strictObject({}),
    defaults: {},
    reasons: {
      'purity.met': { severity: 'info', description: 'met' },
      'purity.short': { severity: 'failure', description: 'short of it' },
      'purity.none': { severity: 'info', description: 'nothing asked' },
    },
  },
  rule: () => ({
    parts: (line: PreparedLine) => line.line.specs.filter((s) => s.key.startsWith('purity')).map((s) => ({ key: s.key, min: s.value?.kind === 'quantity' ? s.value.quantity.value : 1 })),
    key: (part: { key: string; min: number }) => part.key,
    keys: (o: PreparedOffering) => Object.keys(o.offering.specs),
    fact: (o: PreparedOffering, key: string) => {
      const v = o.offering.specs[key];
      return v?.kind === 'quantity' ? v.quantity.value : undefined;
    },
    judgePart: (part: { key: string; min: number }, fact: number | undefined, report?: (r: ReturnType<typeof reason>) => void) => {
      const met = fact !== undefined && fact >= part.min;
      report?.(met ? reason('purity.met', `${part.key} met.`) : reason('purity.short', `${part.key} short.`, {}, 'failure'));
      return Outcome.of(met, fact === undefined ? 0 : Math.min(1, fact / part.min));
    },
    none: (report?: (r: ReturnType<typeof reason>) => void) => {
      report?.(reason('purity.none', 'No purity asked for.'));
      return Outcome.notApplicable;
    },
    failCredit: () => 1,
  }),
});

describe('a parts rule written from outside spec fit', () => {
  const table: { name: string; asked: RequirementInput[]; offered: Record<string, SpecInput>; expect: { applicable: boolean; pass: boolean; score: number; codes: string[] } }[] = [
    { name: 'no parts: not applicable', asked: [], offered: { purity: '99 %' }, expect: { applicable: false, pass: true, score: 0, codes: ['purity.none'] } },
    { name: 'one part met', asked: [{ key: 'purity', op: 'min', value: '98 %' }], offered: { purity: '99 %' }, expect: { applicable: true, pass: true, score: 1, codes: ['purity.met'] } },
    { name: 'two parts, one short: the mean of the credits', asked: [{ key: 'purity', op: 'min', value: '98 %' }, { key: 'purityB', op: 'min', value: '80 %' }], offered: { purity: '99 %', purityB: '40 %' }, expect: { applicable: true, pass: false, score: 0.75, codes: ['purity.met', 'purity.short'] } },
    { name: 'a part without a fact', asked: [{ key: 'purity', op: 'min', value: '98 %' }], offered: {}, expect: { applicable: true, pass: false, score: 0, codes: ['purity.short'] } },
  ];
  for (const c of table)
    it(c.name, () => {
      const { lines, context } = run([[c.offered, false], [c.offered, false]], [c.asked]);
      const line = lines[0] as PreparedLine;
      const judge = purity.create({}, context) as FastJudge;
      const v = judge({ line, offering: (context.offerings ?? [])[1] as PreparedOffering, scores: {}, index: 1 });
      expect({ applicable: v.applicable, pass: v.pass, score: v.score, codes: v.reasons.map((r) => r.code) }).toEqual(c.expect);
      expect(disagreements(purity, {}, lines, context)).toEqual([]);
    });
});
