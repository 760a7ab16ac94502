import type { z } from 'zod';
import { createCatalog } from '../catalog/resolve.js';
import { BIO_TAXONOMY } from '../catalog/taxonomy.js';
import { prepareLine, prepareOffering } from './prepare.js';
import { BuyerSchema, DemandLineSchema } from '../model/buyer.js';
import type { ExchangeRates } from '../model/dataset.js';
import { DecisionSchema } from '../model/decision.js';
import { ItemSchema, type Item } from '../model/item.js';
import { OfferingSchema, SupplierSchema } from '../model/supplier.js';
import { type CandidateDeclaration, type Criterion, type CriterionMeta, type MatchContext, type Pair, type Verdict } from '../criteria/criterion.js';
import { CANNOT_FAIL, unpackVerdict, type FastJudge, type RunContext } from '../criteria/fast.js';
import { reasonDataProblems } from '../criteria/reasons.js';

/**
 * One (line, offering) pair written as JSON input, with what surrounds it. Everything but the
 * line and the offering has a default: supplier `S-TEST` in `KR`, buyer `B-TEST` in `KR`, no
 * catalog items, `asOf` `2021-03-01`, domestic country `KR`, no exchange rates, no decisions.
 *
 * @example
 * const input: PairFromInput = {
 *   line: { id: 'L1', text: 'filter', quantity: '100 unit/month' },
 *   offering: { id: 'O1', text: 'filter', capacity: '50 unit/month' },
 *   supplier: { country: 'US' },
 * };
 */
export interface PairFromInput {
  line: z.input<typeof DemandLineSchema>;
  offering: z.input<typeof OfferingSchema>;
  supplier?: Partial<z.input<typeof SupplierSchema>>;
  buyer?: Partial<z.input<typeof BuyerSchema>>;
  items?: z.input<typeof ItemSchema>[];
  asOf?: string;
  domesticCountry?: string;
  exchangeRates?: ExchangeRates;
  /** Buyers' decisions of the run (about `S-TEST` and `B-TEST`, unless those are renamed). */
  decisions?: z.input<typeof DecisionSchema>[];
  /**
   * The scores of the criteria listed before the one judged (`pair.scores`, for a criterion that
   * combines others, such as the expression criterion); none when left out. Their ids are the
   * context's `previousCriteria`.
   */
  scores?: Readonly<Record<string, number>>;
}

/** Parses with a schema; a failure throws one error naming every issue and where it is. */
function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`);
  throw new Error(`pairFrom: invalid input\n  ${issues.join('\n  ')}`);
}

/**
 * Builds a prepared pair and its match context from JSON input, the way a matcher would:
 * schemas fill defaults and parse quantities, the catalog (built-in taxonomy) resolves what the
 * line and the offering name, and the certificates are indexed. For tests and notebooks.
 * Throws an `Error` listing every schema issue when the input is invalid.
 *
 * @example
 * const { pair, context } = pairFrom({
 *   line: { id: 'L1', text: 'filter', quantity: '12,000 unit/year' },
 *   offering: { id: 'O1', text: 'filter', capacity: '1,000 unit/month' },
 * });
 * capacityCriterion.create(capacityCriterion.meta.defaults, context)(pair).score; // => 1
 */
export function pairFrom(input: PairFromInput): { pair: Pair; context: MatchContext } {
  const items: Item[] = (input.items ?? []).map((item, i) => parseOrThrow(ItemSchema, item, `items.${i}`));
  const supplier = parseOrThrow(
    SupplierSchema,
    { id: 'S-TEST', names: { en: 'Test supplier' }, country: 'KR', ...input.supplier, offerings: [input.offering] },
    'supplier',
  );
  const buyer = parseOrThrow(
    BuyerSchema,
    { id: 'B-TEST', names: { en: 'Test buyer' }, country: 'KR', ...input.buyer, demandLines: [input.line] },
    'buyer',
  );
  const offering = supplier.offerings[0];
  const line = buyer.demandLines[0];
  // Both were put there just above; this only satisfies noUncheckedIndexedAccess.
  if (offering === undefined || line === undefined) throw new Error('pairFrom: the line or the offering went missing');

  const domesticCountry = input.domesticCountry ?? 'KR';
  const catalog = createCatalog(items, BIO_TAXONOMY);
  const context: MatchContext = {
    asOf: input.asOf ?? '2021-03-01',
    domesticCountry,
    exchangeRates: input.exchangeRates,
    catalog,
    items: new Map(items.map((item) => [item.id, item])),
    previousCriteria: Object.keys(input.scores ?? {}),
    decisions: (input.decisions ?? []).map((d, i) => parseOrThrow(DecisionSchema, d, `decisions.${i}`)),
  };
  const pair: Pair = {
    line: prepareLine(line, buyer, catalog),
    offering: prepareOffering(offering, supplier, catalog, domesticCountry),
    scores: { ...input.scores },
  };
  return { pair, context };
}

/**
 * One row of a {@link testCriterion} table: a pair, options laid over the criterion's defaults,
 * and what the verdict must show. Scores compare within 1e-6.
 *
 * @example
 * const row: CriterionCase = {
 *   name: 'monthly capacity covers the yearly demand',
 *   input: { line: { id: 'L', text: 'x', quantity: '12,000 unit/year' }, offering: { id: 'O', text: 'x', capacity: '1,000 unit/month' } },
 *   expect: { score: 1, reasons: ['capacity.covers'] },
 * };
 */
export interface CriterionCase {
  name: string;
  input: PairFromInput;
  options?: Record<string, unknown>;
  expect?: {
    pass?: boolean;
    applicable?: boolean;
    score?: number;
    minScore?: number;
    maxScore?: number;
    /** Codes that must appear among the reasons. */
    reasons?: string[];
  };
}

/**
 * What {@link testCriterion} returns when every case holds.
 *
 * @example
 * const summary: CriterionTestSummary = testCriterion(priceCriterion, { valid, invalid }); // => { passed: 16, failures: [] }
 */
export interface CriterionTestSummary {
  /** Number of cases that held. */
  passed: number;
  /** Always empty on return (failures throw); kept so callers can log the shape they expect. */
  failures: string[];
}

const SCORE_SLACK = 1e-6;
const CODE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Contract checks that hold for every verdict of every criterion. */
function contractProblems(verdict: Verdict, kind: string): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(verdict.score) || verdict.score < 0 || verdict.score > 1)
    problems.push(`score ${verdict.score} is outside [0, 1]`);
  if (!verdict.applicable && !verdict.pass) problems.push('a verdict that does not apply cannot fail the gate');
  if (kind === 'score' && !verdict.pass) problems.push('a score-only criterion failed the gate');
  for (const r of verdict.reasons) {
    if (!CODE_PATTERN.test(r.code)) problems.push(`reason code "${r.code}" is not a dotted lower-case code`);
    if (r.message.trim() === '') problems.push(`reason "${r.code}" has an empty message`);
    for (const [key, value] of Object.entries(r.data)) {
      const ok = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      if (!ok) problems.push(`reason "${r.code}" data.${key} is not a finite number, string, boolean or null`);
    }
  }
  return problems;
}

/** A verdict's reasons against the codes, severities and data its criterion declares in `meta.reasons` (none: nothing to check). */
function declarationProblems(verdict: Verdict, declared: CriterionMeta['reasons']): string[] {
  if (declared === undefined) return [];
  const problems: string[] = [];
  for (const r of verdict.reasons) {
    const d = Object.hasOwn(declared, r.code) ? declared[r.code] : undefined;
    const severity = r.severity ?? 'info';
    if (d === undefined) problems.push(`the reason code ${r.code} is not declared in meta.reasons`);
    else {
      if (!(typeof d.severity === 'string' ? [d.severity] : d.severity).includes(severity))
        problems.push(`the reason ${r.code} has the severity ${severity}, which meta.reasons does not declare for it`);
      problems.push(...reasonDataProblems(r, d));
    }
  }
  return problems;
}

function expectationProblems(verdict: Verdict, expect: NonNullable<CriterionCase['expect']>): string[] {
  const problems: string[] = [];
  if (expect.pass !== undefined && verdict.pass !== expect.pass) problems.push(`pass is ${verdict.pass}, expected ${expect.pass}`);
  if (expect.applicable !== undefined && verdict.applicable !== expect.applicable)
    problems.push(`applicable is ${verdict.applicable}, expected ${expect.applicable}`);
  if (expect.score !== undefined && Math.abs(verdict.score - expect.score) > SCORE_SLACK)
    problems.push(`score is ${verdict.score}, expected ${expect.score}`);
  if (expect.minScore !== undefined && verdict.score < expect.minScore - SCORE_SLACK)
    problems.push(`score ${verdict.score} is below the minimum ${expect.minScore}`);
  if (expect.maxScore !== undefined && verdict.score > expect.maxScore + SCORE_SLACK)
    problems.push(`score ${verdict.score} is above the maximum ${expect.maxScore}`);
  const codes = new Set(verdict.reasons.map((r) => r.code));
  for (const code of expect.reasons ?? [])
    if (!codes.has(code)) problems.push(`reason "${code}" is missing (got ${[...codes].join(', ') || 'none'})`);
  return problems;
}

/** The `minItemConfidence` values a declared far ceiling is checked at (see {@link farCeilingProblems}). */
const CHECKED_ITEM_CONFIDENCES = [0.1, 0.3, 0.5, 0.7, 0.9];

/**
 * What is wrong with a criterion's declared far ceiling (`meta.candidates`, see
 * `CandidateDeclaration`) for one verdict: at each `minItemConfidence` checked, a ceiling that is
 * not a number in [0, 1], or one below the verdict (its score, 1 where it does not apply) of a
 * pair that shares no item of at least that confidence with the line.
 */
function farCeilingProblems(verdict: Verdict, pair: Pair, declared: CandidateDeclaration | undefined, options: unknown): string[] {
  if (declared === undefined) return [];
  const problems: string[] = [];
  const bound = verdict.applicable ? verdict.score : 1;
  for (const m of CHECKED_ITEM_CONFIDENCES) {
    const ceiling = declared.farCeiling(options, m);
    if (!(ceiling >= 0 && ceiling <= 1)) {
      problems.push(`the far ceiling at minItemConfidence ${m} is ${ceiling}, not a number in [0, 1]`);
      continue;
    }
    const offered = new Set(pair.offering.resolution.items.filter((x) => x.confidence >= m).map((x) => x.item));
    const shares = pair.line.resolution.items.some((x) => x.confidence >= m && offered.has(x.item));
    if (!shares && !(ceiling >= bound))
      problems.push(`the far ceiling ${ceiling} at minItemConfidence ${m} is below the verdict of a pair that shares no item that sure (it must be at least the score, and 1 where the criterion does not apply)`);
  }
  return problems;
}

/** A verdict in one line, for failure messages. */
const showVerdict = (v: Verdict): string =>
  `{ applicable: ${v.applicable}, pass: ${v.pass}, score: ${v.score}, reasons: [${v.reasons.map((r) => r.code).join(', ')}] }`;

/**
 * Runs a criterion over a table of cases, like ESLint's `RuleTester`: `valid` cases must pass
 * the gate, `invalid` ones must fail it and show every expected reason code; both must meet
 * their `expect`. Each case's options are laid over `meta.defaults` and validated with the
 * criterion's schema. Every verdict is also checked against the contract (score in [0, 1],
 * dotted reason codes, flat data, same verdict when judged twice, the judge's quick and
 * batch paths, when it has them, agreeing with it, its ceiling never below it, its failing
 * ceiling never below a failing verdict, and a far ceiling it declares in `meta.candidates`
 * never below the verdict of a pair that shares no item that sure with the line). All failures are gathered
 * and thrown as one `Error` naming each failing case, so it works under any test runner;
 * otherwise it returns the summary.
 *
 * @example
 * testCriterion(capacityCriterion, {
 *   valid: [{ name: 'full', input, expect: { score: 1 } }],
 *   invalid: [{ name: 'tiny share', input: tinyInput, expect: { reasons: ['capacity.below_min_share'] } }],
 * }); // => { passed: 2, failures: [] }
 */
export function testCriterion<S extends z.ZodType>(
  criterion: Criterion<S>,
  cases: { valid: CriterionCase[]; invalid: CriterionCase[] },
): CriterionTestSummary {
  const { meta } = criterion;
  const failures: string[] = [];
  const names = new Set<string>();
  let passed = 0;
  const defaults: unknown = meta.defaults;
  const base = typeof defaults === 'object' && defaults !== null ? (defaults as Record<string, unknown>) : {};

  const run = (group: 'valid' | 'invalid', c: CriterionCase): void => {
    const problems: string[] = [];
    if (names.has(c.name)) problems.push('another case has the same name');
    names.add(c.name);
    const options = meta.options.safeParse({ ...base, ...c.options });
    if (!options.success) {
      const issues = options.error.issues.map((i) => `${i.path.map(String).join('.') || '(options)'}: ${i.message}`);
      failures.push(`${group} "${c.name}": options are invalid: ${issues.join('; ')}`);
      return;
    }
    let verdict: Verdict;
    let again: Verdict;
    let quick: number | undefined;
    let batch: number | undefined;
    let ceiling: number | undefined;
    let failing: number | undefined;
    let pair: Pair;
    try {
      let context: MatchContext;
      ({ pair, context } = pairFrom(c.input));
      const judge = criterion.create(options.data, context) as FastJudge;
      verdict = judge(pair);
      again = judge(pair);
      // A judge's quick path must agree with it (see `Judge`).
      quick = judge.quick?.(pair);
      // Its failing ceiling, asked of a judge that has judged nothing yet.
      failing = (criterion.create(options.data, context) as FastJudge).failing?.(pair.line);
      if (judge.batch !== undefined) {
        // So must its batch path, which reads offerings by index from the run's offerings.
        const run: RunContext = { ...context, offerings: [pair.offering] };
        const indexed = criterion.create(options.data, run) as FastJudge;
        const out = new Float64Array(1);
        indexed.batch?.(pair.line, Int32Array.of(0), 1, out);
        batch = out[0];
        // And its ceiling of the one block, asked of a judge that has judged nothing yet.
        ceiling = (criterion.create(options.data, { ...context, offerings: [pair.offering] } as RunContext) as FastJudge).ceiling?.(pair.line, 0);
      }
    } catch (error) {
      failures.push(`${group} "${c.name}": threw ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (group === 'valid' && !verdict.pass) problems.push('failed the gate, expected to pass');
    if (group === 'invalid' && verdict.pass) problems.push('passed the gate, expected to fail');
    problems.push(...contractProblems(verdict, meta.kind));
    if (JSON.stringify(again) !== JSON.stringify(verdict)) problems.push('judging the same pair twice gave different verdicts');
    if (quick !== undefined) {
      const q = unpackVerdict(quick);
      if (q === undefined) problems.push(`the quick path gave ${quick}, which packs no verdict`);
      else if (q.applicable !== verdict.applicable || q.pass !== verdict.pass || (verdict.applicable && q.score !== verdict.score))
        problems.push(`the quick path disagrees with the judge: { applicable: ${q.applicable}, pass: ${q.pass}, score: ${q.score} }`);
    }
    if (batch !== undefined) {
      const b = unpackVerdict(batch);
      if (b === undefined) problems.push(`the batch path gave ${batch}, which packs no verdict`);
      else if (b.applicable !== verdict.applicable || b.pass !== verdict.pass || (verdict.applicable && b.score !== verdict.score))
        problems.push(`the batch path disagrees with the judge: { applicable: ${b.applicable}, pass: ${b.pass}, score: ${b.score} }`);
    }
    if (ceiling !== undefined && !(ceiling >= (verdict.applicable ? verdict.score : 1)))
      problems.push(`the ceiling ${ceiling} is below the verdict (a ceiling must be at least the score, and 1 where the criterion does not apply)`);
    if (failing !== undefined) {
      if (!(failing === CANNOT_FAIL || (failing >= 0 && failing <= 1))) problems.push(`the failing ceiling ${failing} is neither CANNOT_FAIL nor in [0, 1]`);
      else if (!verdict.pass && failing === CANNOT_FAIL) problems.push('the verdict fails the gate, yet the failing ceiling says no offering can fail it against this line');
      else if (!verdict.pass && !(failing >= (verdict.applicable ? verdict.score : 1)))
        problems.push(`the failing ceiling ${failing} is below the failing verdict (it must be at least its score, and 1 where it does not apply)`);
    }
    problems.push(...declarationProblems(verdict, meta.reasons));
    problems.push(...farCeilingProblems(verdict, pair, meta.candidates, options.data));
    if (c.expect) problems.push(...expectationProblems(verdict, c.expect));
    if (problems.length === 0) passed++;
    else failures.push(`${group} "${c.name}": ${problems.join('; ')}\n      got ${showVerdict(verdict)}`);
  };

  for (const c of cases.valid) run('valid', c);
  for (const c of cases.invalid) run('invalid', c);
  if (failures.length > 0) {
    const total = cases.valid.length + cases.invalid.length;
    throw new Error(`testCriterion(${meta.id}): ${failures.length} of ${total} cases failed\n  - ${failures.join('\n  - ')}`);
  }
  return { passed, failures };
}
