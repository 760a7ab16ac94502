import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, mulberry32 } from '../../bench/generate.js';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { certificationCriterion } from '../../src/criteria/certification.js';
import { type Criterion, type MatchContext, type Pair, type PreparedLine, type Verdict } from '../../src/criteria/criterion.js';
import { CANNOT_FAIL, CEILING_BLOCK, packVerdict, type FastJudge } from '../../src/criteria/fast.js';
import { defaultCriteria } from '../../src/criteria/defaults.js';
import { itemFitCriterion } from '../../src/criteria/item-fit.js';
import { leadTimeCriterion } from '../../src/criteria/lead-time.js';
import { localityCriterion } from '../../src/criteria/locality.js';
import { priceCriterion } from '../../src/criteria/price.js';
import { readinessCriterion } from '../../src/criteria/readiness.js';
import { specFitCriterion } from '../../src/criteria/spec-fit.js';
import { testCriterion } from '../../src/engine/testing.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher, criterionContext, type PreparedDataset } from '../../src/engine/matcher.js';
import { loadDataset } from '../../src/node.js';

/**
 * A small generated dataset with lines and offerings added for the rarer comparisons: `oneOf`
 * over quantities (met, nearest of several missed, other dimensions, words and flags offered),
 * the 0.2–0.22 µm rating band, tolerances and ranges that cannot be compared, range values,
 * word sets, flags, and certificates with classes, not yet valid, lapsed or lapsing before the
 * need-by date. Every added line is offered every added item, so every pair meets.
 */
function edgeCases(): unknown {
  const input = generateDataset({ offerings: 40, lines: 4, seed: 3 }) as unknown as {
    buyers: { demandLines: Record<string, unknown>[] }[];
    suppliers: { certifications: Record<string, unknown>[]; offerings: Record<string, unknown>[] }[];
  };
  const buyer = input.buyers[0];
  const supplier = input.suppliers[0];
  if (buyer === undefined || supplier === undefined) throw new Error('the generated dataset has no buyer or supplier');
  const offered: Record<string, string | number | boolean | string[]>[] = [
    { mwco: '40 kDa', poreSize: '0.2 um', material: ['pvdf', 'PES', 'Nylon'], sterile: true, length: '12 mm', volume: '2 L' },
    { mwco: '100 kDa', poreSize: '0.22 um', material: 'PES', sterile: false, length: '25 mm', volume: '500 mL' },
    { mwco: '5 kDa', poreSize: '0.1-0.3 um', material: ['PES'], sterile: 'yes', length: '0.5 in', volume: '1 L' },
    { mwco: '12 um', poreSize: '0.65 um', material: '12 mm', sterile: true, length: '3 g', volume: '0.2 L' },
    { mwco: 'PES', poreSize: '1 mm', material: true, length: '40 mm' },
    { mwco: true, poreSize: '0.1 um', material: ['PVDF'], volume: '5 kg' },
    { mwco: '30 kDa', poreSize: '0.3 um', sterile: true },
    {},
    // Lists of quantities and words of the built-in vocabulary (synonyms, a region that covers others).
    { length: '120 / 225 / 325 mm', volume: ['1 L', '2 L'], material: 'SUS316L', region: 'nationwide', power: '220V/60Hz' },
    { length: '10, 20 mm', material: ['STS304', 'PTFE'], region: 'Incheon', power: '110 V', mwco: ['10 kDa', '300 kDa'] },
    { region: '수도권', power: '220V/50Hz', volume: '≤ 1.2 L', poreSize: ['0.1 um', '0.45 um'] },
  ];
  offered.forEach((specs, i) => supplier.offerings.push({ id: `EDGE-O${i}`, text: 'edge case capsule filter', specs }));
  supplier.certifications.push(
    { type: 'ISO 14644-1', class: 'ISO 5', issued: '2020-10-01', expires: '2021-10-01' },
    { type: 'ISO 14644-1', class: 'ISO 8', issued: '2020-01-01' },
    { type: 'ASTM F838', issued: '2021-06-01', expires: '2024-06-01' },
    { type: 'USP <88> Class VI', issued: '2018-01-01', expires: '2021-01-01' },
    { type: 'BSE/TSE', issued: '2019-01-01' },
  );
  const requirements: Record<string, unknown>[][] = [
    [{ key: 'mwco', op: 'oneOf', values: ['10 kDa', '30 kDa', '50 kDa'] }],
    [{ key: 'mwco', op: 'oneOf', values: ['10 kDa', '1 um', 'PES'], importance: 'preferred' }, { key: 'sterile', op: 'eq', value: true }],
    [{ key: 'poreSize', op: 'oneOf', values: ['0.2 um', '0.45 um'] }],
    [{ key: 'poreSize', op: 'eq', value: '0.22 um' }, { key: 'volume', op: 'min', value: '1 L', importance: 'preferred' }],
    [{ key: 'poreSize', op: 'eq', value: '0.2 um', tolerance: '0.02 g' }, { key: 'volume', op: 'max', value: '1 L' }],
    [{ key: 'length', op: 'range', min: '10 mm', max: '5 g' }, { key: 'material', op: 'eq', value: ['PES', 'PVDF'], importance: 'preferred' }],
    [{ key: 'length', op: 'range', value: '10-30 mm' }, { key: 'material', op: 'oneOf', values: ['PES'] }],
    [{ key: 'length', op: 'eq', value: '1/2 in', tolerance: '2%' }, { key: 'sterile', op: 'eq', value: false, importance: 'preferred' }, { key: 'material', op: 'eq', value: 'pes' }],
    [{ key: 'length', op: 'eq', value: '225 mm' }, { key: 'region', op: 'oneOf', values: ['Incheon', 'Busan'] }],
    [{ key: 'power', op: 'eq', value: '220V/60Hz' }, { key: 'material', op: 'eq', value: 'STS316L', importance: 'preferred' }],
    [{ key: 'volume', value: '< 1.5 L', importance: 'preferred' }, { key: 'region', op: 'eq', value: 'incheon' }, { key: 'mwco', op: 'oneOf', values: ['10 kDa', '30 kDa'] }],
    [{ key: 'length', op: 'min', value: '200 mm' }, { key: 'poreSize', op: 'eq', value: '0.2 um' }, { key: 'material', op: 'eq', value: ['AISI 304', 'PTFE'] }],
  ];
  const certifications: Record<string, unknown>[][] = [
    [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 7' }],
    [{ type: 'ISO 14644-1', level: 'nice', class: 'ISO 8' }, { type: 'ASTM F838', level: 'must' }],
    [{ type: 'USP <88> Class VI', level: 'must' }, { type: 'BSE/TSE', level: 'nice' }],
    [{ type: 'ISO 14644-1', level: 'must', class: 'ISO 4' }, { type: 'GMP', level: 'nice' }],
    [{ type: 'NSF/ANSI 49', alternatives: ['ASTM F838'], level: 'must' }, { type: 'GMP', alternatives: ['BSE/TSE', 'ISO 14644-1'], level: 'nice', class: 'ISO 8' }],
  ];
  requirements.forEach((specs, i) =>
    buyer.demandLines.push({
      id: `EDGE-L${i}`,
      text: 'edge case capsule filter',
      quantity: '10 unit/month',
      specs,
      certifications: certifications[i % certifications.length],
      ...(i % 3 === 0 ? {} : { needBy: i % 3 === 1 ? '2021-08-01' : '2022-01-01' }),
    }),
  );
  return input;
}

let datasets: [string, PreparedDataset][] = [];
beforeAll(async () => {
  const matcher = createMatcher();
  const fixture = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
  const synthetic = parseDataset(generateDataset({ offerings: 1_500, lines: 60, seed: 7 }));
  datasets = [
    ['incheon-bio', matcher.prepare(fixture)],
    ['synthetic 1500x60 seed 7', matcher.prepare(synthetic)],
    ['edge cases', matcher.prepare(parseDataset(edgeCases()))],
  ];
});

/** The context a matcher's run gives its criteria (see matchPrepared). */
function contextOf(prepared: PreparedDataset): MatchContext {
  const asOf = prepared.dataset.meta.asOf;
  if (asOf === undefined) throw new Error('the dataset has no asOf');
  return criterionContext([], 0, prepared, asOf, prepared.offerings);
}

/** Chunk sizes 1, 2, 3, 5, 8, ... and then again, until `n` offerings are covered. */
function unevenChunks(n: number): [number, number][] {
  const sizes = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144];
  const chunks: [number, number][] = [];
  for (let start = 0, s = 0; start < n; s++) {
    const end = Math.min(n, start + (sizes[s % sizes.length] as number));
    chunks.push([start, end]);
    start = end;
  }
  return chunks;
}

/** A permutation of 0..n-1 that is not sorted (every seventh offering first, and so on). */
function scrambled(n: number): Int32Array {
  const order: number[] = [];
  for (let r = 0; r < 7; r++) for (let i = n - 1 - r; i >= 0; i -= 7) order.push(i);
  return Int32Array.from(order);
}

/**
 * Checks, for every (line, offering) pair of a prepared dataset, that the batch path (all of a
 * line's offerings in one call; in uneven chunks of a scrambled order, with quick calls between
 * chunks), the quick path (with and without the offering's index) and the full judge give the
 * same packed verdict, bit for bit. Returns the number of pairs and how many of them failed the
 * gate, passed, or did not apply, and how many distinct packed verdicts there were, so that the
 * caller can see the data exercised every outcome.
 */
function checkAgreement(
  criterion: Criterion,
  options: unknown,
  prepared: PreparedDataset,
): { pairs: number; failed: number; passed: number; notApplicable: number; scores: number; tightBlocks: number; tightFailing: number } {
  const context = contextOf(prepared);
  const offerings = prepared.offerings;
  const n = offerings.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const order = scrambled(n);
  const chunks = unevenChunks(n);
  const whole = criterion.create(options, context) as FastJudge;
  const chunked = criterion.create(options, context) as FastJudge;
  const single = criterion.create(options, context) as FastJudge;
  // A judge asked for nothing but ceilings, so that a line is entered by a ceiling first.
  const ceilingsOnly = criterion.create(options, context) as FastJudge;
  const batchWhole = whole.batch;
  const batchChunked = chunked.batch;
  const quick = single.quick;
  const quickBetween = chunked.quick;
  if (batchWhole === undefined || batchChunked === undefined || quick === undefined || quickBetween === undefined)
    throw new Error(`${criterion.meta.id} has no batch or quick path`);

  const outWhole = new Float64Array(n);
  const outChunked = new Float64Array(n);
  const buffer = new Float64Array(n + 3);
  const problems: string[] = [];
  let failed = 0;
  let passed = 0;
  let notApplicable = 0;
  const distinct = new Set<number>();
  const wanted = new Float64Array(n);
  const blocks = Math.ceil(n / CEILING_BLOCK);
  let tightBlocks = 0;
  let tightFailing = 0;
  const report = (line: PreparedLine, i: number, what: string, got: number, want: number): void => {
    if (problems.length < 20) problems.push(`line ${line.line.id}, offering ${offerings[i]?.offering.id}: ${what} gave ${Object.is(got, -0) ? '-0' : got}, the judge ${Object.is(want, -0) ? '-0' : want}`);
  };

  for (const line of prepared.lines) {
    // The failing ceiling, asked before the line is judged, bounds every failing verdict.
    const failing = ceilingsOnly.failing?.(line);
    if (failing !== undefined && failing < 1) tightFailing++;
    batchWhole(line, all, n, outWhole);
    for (const [start, end] of chunks) {
      // The chunk is passed at the start of a longer buffer: only `count` entries count.
      const indexes = order.subarray(start, end);
      batchChunked(line, Int32Array.from([...indexes, 0, 0, 0]), end - start, buffer);
      for (let k = 0; k < end - start; k++) outChunked[indexes[k] as number] = buffer[k] as number;
      // A quick call between chunks of the same line, on the same judge.
      const probe = order[start] as number;
      const between = quickBetween({ line, offering: offerings[probe] as Pair['offering'], scores: {}, index: probe });
      if (!Object.is(between, outChunked[probe])) report(line, probe, 'quick between chunks', between, outChunked[probe] as number);
    }
    for (let i = 0; i < n; i++) {
      const offering = offerings[i] as Pair['offering'];
      const verdict = single({ line, offering, scores: {} });
      const want = packVerdict(verdict.applicable, verdict.pass, verdict.score);
      const indexed = quick({ line, offering, scores: {}, index: i });
      const plain = quick({ line, offering, scores: {} });
      if (!Object.is(outWhole[i], want)) report(line, i, 'batch (whole line)', outWhole[i] as number, want);
      if (!Object.is(outChunked[i], want)) report(line, i, 'batch (chunks)', outChunked[i] as number, want);
      if (!Object.is(indexed, want)) report(line, i, 'quick (indexed)', indexed, want);
      if (!Object.is(plain, want)) report(line, i, 'quick (no index)', plain, want);
      distinct.add(want);
      wanted[i] = verdict.applicable ? verdict.score : 1;
      if (!verdict.applicable) notApplicable++;
      else if (verdict.pass) passed++;
      else failed++;
      if (!verdict.pass && failing !== undefined && (failing === CANNOT_FAIL || !(failing >= (wanted[i] as number))) && problems.length < 20)
        problems.push(`line ${line.line.id}, offering ${offering.offering.id}: failing ceiling ${failing} below the failing verdict ${wanted[i]}`);
    }
    // A block's ceiling is at least every verdict of the block (1 for one that does not apply),
    // asked of the judge that has just judged the line in chunks, and of one that only answers ceilings.
    for (let b = 0; b < blocks; b++) {
      const ceilings = [chunked.ceiling?.(line, b), ceilingsOnly.ceiling?.(line, b)];
      for (const ceiling of ceilings) {
        if (ceiling === undefined) continue;
        for (let i = b * CEILING_BLOCK; i < Math.min(n, (b + 1) * CEILING_BLOCK); i++)
          if (!(ceiling >= (wanted[i] as number)) && problems.length < 20) problems.push(`line ${line.line.id}, block ${b}: ceiling ${ceiling} below the verdict of offering ${offerings[i]?.offering.id} (${wanted[i]})`);
      }
      if ((ceilings[0] ?? 1) < 1) tightBlocks++;
    }
  }
  expect(problems).toEqual([]);
  return { pairs: prepared.lines.length * n, failed, passed, notApplicable, scores: distinct.size, tightBlocks, tightFailing };
}

/**
 * Criterion, name, options over the defaults, how many distinct packed verdicts the data must
 * give at least, and whether some verdicts do not apply.
 */
const cases: [Criterion, string, Record<string, unknown>, number, boolean?][] = [
  [specFitCriterion, 'defaults', {}, 10],
  [specFitCriterion, 'missing required specs ignored', { missingRequired: 'ignore' }, 10],
  [specFitCriterion, 'no catalog specs, no rating keys, 1% default tolerance', { useCatalogSpecs: false, ratingKeys: [], defaultTolerance: 0.01 }, 10],
  [certificationCriterion, 'defaults', {}, 10],
  [certificationCriterion, 'expiring credit 0.25, nice weighs more than must', { expiringCredit: 0.25, mustWeight: 1, niceWeight: 3 }, 10],
  // Scores are then 1 (pass) or 0 (fail): with "does not apply", three verdicts.
  [certificationCriterion, 'gate only (all weights 0)', { expiringCredit: 0, mustWeight: 0, niceWeight: 0 }, 3],
  [capacityCriterion, 'defaults', {}, 10],
  [capacityCriterion, 'half the demand at least, full marks at 80 %', { minShare: 0.5, fullShare: 0.8 }, 10],
  [leadTimeCriterion, 'defaults', {}, 10],
  [localityCriterion, 'defaults', {}, 3],
  [priceCriterion, 'over the maximum fails', { gateOverMax: true }, 10],
  [readinessCriterion, 'prototype at least', { minReadiness: 'prototype' }, 4, false],
  // Item fit always applies; its quick path and its judge read one statement of its rule.
  [itemFitCriterion as unknown as Criterion, 'defaults', {}, 10, false],
  [itemFitCriterion as unknown as Criterion, 'wide alternatives, related items scoring over the threshold', { alternativeMargin: 0.5, sameCategory: 0.8, sameCodeClass: 0.6, sameGroup: 0.5, ambiguityFactor: 0.7 }, 10, false],
];

describe('batch paths agree with quick paths and judges on every pair', () => {
  for (const [criterion, name, overrides, minDistinct, someNotApplicable = true] of cases) {
    it(`${criterion.meta.id}, ${name}`, () => {
      const options = criterion.meta.options.parse({ ...(criterion.meta.defaults as object), ...overrides });
      const total = { failed: 0, passed: 0, notApplicable: 0, scores: 0, tightBlocks: 0, tightFailing: 0 };
      for (const [, prepared] of datasets) {
        const counts = checkAgreement(criterion, options, prepared);
        total.failed += counts.failed;
        total.passed += counts.passed;
        total.notApplicable += counts.notApplicable;
        total.scores = Math.max(total.scores, counts.scores);
        total.tightBlocks += counts.tightBlocks;
        total.tightFailing += counts.tightFailing;
      }
      // A criterion with a failing ceiling gives some below 1 (else it is checked only where trivial).
      if ((criterion.create(options, contextOf(datasets[0]?.[1] as PreparedDataset)) as FastJudge).failing !== undefined) expect(total.tightFailing).toBeGreaterThan(0);
      // A criterion with ceilings gives some below 1 (else they are checked only where trivial).
      if ((criterion.create(options, contextOf(datasets[0]?.[1] as PreparedDataset)) as FastJudge).ceiling !== undefined) expect(total.tightBlocks).toBeGreaterThan(0);
      // Every outcome occurs, so the agreement is not over one kind of verdict only.
      expect(total.failed).toBeGreaterThan(0);
      expect(total.passed).toBeGreaterThan(0);
      if (someNotApplicable) expect(total.notApplicable).toBeGreaterThan(0);
      expect(total.scores).toBeGreaterThanOrEqual(minDistinct);
    });
  }

  it('a line with no candidates in a call writes nothing', () => {
    for (const criterion of [specFitCriterion, certificationCriterion]) {
      for (const [, prepared] of datasets) {
        const judge = criterion.create(criterion.meta.defaults as never, contextOf(prepared)) as FastJudge;
        const out = Float64Array.of(7);
        for (const line of prepared.lines) judge.batch?.(line, new Int32Array(0), 0, out);
        expect(out[0]).toBe(7);
      }
    }
  });

  it('spec fit agrees on a spec key that objects inherit, stated by the offering (read from the objects on every path)', () => {
    const stating = (material: string, poreSize: string) => ({
      line: { id: 'L1', text: 'capsule filter', quantity: '10 unit/year', specs: [{ key: 'constructor', op: 'eq' as const, value: 'PES' }, { key: 'poreSize', op: 'eq' as const, value: '0.2 um' }] },
      offering: { id: 'O1', text: 'capsule filter', specs: { constructor: material, poreSize } },
    });
    expect(
      testCriterion(specFitCriterion, {
        valid: [{ name: 'an inherited key the offering states', input: stating('PES', '0.22 um'), expect: { score: 1 } }],
        invalid: [{ name: 'an inherited key the offering states otherwise', input: stating('PVDF', '0.45 um'), expect: { score: 0 } }],
      }).passed,
    ).toBe(2);
  });
});

describe('shared verdicts (VerdictShare) are the verdicts a fresh judge gives', () => {
  /** Criteria whose full judge shares verdicts between pairs with the same inputs (capacity's and price's rarely repeat). */
  const sharing = new Set(['itemFit', 'specFit', 'certification', 'leadTime', 'locality', 'readiness']);
  const variants: [Criterion, Record<string, unknown>][] = [
    ...defaultCriteria().map((c): [Criterion, Record<string, unknown>] => [c, {}]),
    [specFitCriterion, { missingRequired: 'ignore', useCatalogSpecs: false }],
    [certificationCriterion, { expiringCredit: 0.25 }],
  ];
  for (const [criterion, overrides] of variants) {
    it(`${criterion.meta.id} ${JSON.stringify(overrides)}`, () => {
      const options = criterion.meta.options.parse({ ...(criterion.meta.defaults as object), ...overrides });
      for (const [name, prepared] of datasets) {
        const context = contextOf(prepared);
        const warmed = criterion.create(options, context);
        const seen = new Set<object>();
        const verdicts: Verdict[] = [];
        // Every pair, line after line, then the lines again in reverse: the shares fill up across lines.
        const lines = [...prepared.lines, ...[...prepared.lines].reverse()];
        for (const line of lines) for (const offering of prepared.offerings) verdicts.push(warmed({ line, offering, scores: {} }));
        for (const v of verdicts) seen.add(v);
        if (sharing.has(criterion.meta.id)) {
          expect(seen.size, `${name}: verdicts are shared`).toBeLessThan(verdicts.length / 2);
          expect(verdicts.every((v) => Object.isFrozen(v) && Object.isFrozen(v.reasons) && v.reasons.every((r) => Object.isFrozen(r) && Object.isFrozen(r.data)))).toBe(true);
        }
        // A seeded sample of pairs, each judged by a judge that has seen no other pair.
        const n = prepared.offerings.length;
        const rng = mulberry32(17);
        for (let k = 0; k < 150; k++) {
          const at = Math.floor(rng() * lines.length * n);
          const line = lines[Math.floor(at / n)] as PreparedLine;
          const offering = prepared.offerings[at % n] as Pair['offering'];
          const fresh = criterion.create(options, context)({ line, offering, scores: {} });
          expect(verdicts[at], `${name}: line ${line.line.id}, offering ${offering.offering.id}`).toEqual(fresh);
        }
      }
    });
  }
});
