import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PreparedLine, PreparedOffering } from '../../src/criteria/criterion.js';
import { deriveJudge, Outcome, type CriterionRule } from '../../src/criteria/derive.js';
import { derivePartsJudge, type PartsRule } from '../../src/criteria/derive-parts.js';
import type { FastJudge } from '../../src/criteria/fast.js';
import { createLineFactsKeeper, type LineFactsKeeper } from '../../src/criteria/line-facts.js';
import { createJudges, createMatcher, criterionContext, openRun, type Matcher, type PreparedDataset } from '../../src/engine/matcher.js';
import { loadDataset } from '../../src/node.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

type Fixture = { prepared: PreparedDataset; asOf: string; offerings: readonly PreparedOffering[] };
// The fixture prepared once per matcher (each test makes its judges afresh from it).
const fixtures = new WeakMap<Matcher, Promise<Fixture>>();

function fixture(matcher: Matcher): Promise<Fixture> {
  let held = fixtures.get(matcher);
  if (held === undefined) {
    held = loadDataset(FIXTURE).then((dataset) => {
      const ready = matcher.prepare(dataset);
      return { prepared: ready, asOf: openRun(matcher, ready).asOf, offerings: ready.offerings };
    });
    fixtures.set(matcher, held);
  }
  return held;
}

const DEFAULT_MATCHER = createMatcher();

/**
 * Every built-in criterion's judges made over one half of the offerings with keepers that judges
 * over the other half filled first (so the keepers hold those judges' rules and every line's facts),
 * against judges made over the same half without keepers: the same packed verdicts (batch and quick,
 * -0 and 0 told apart) and the same full verdicts with their reasons, for every line and offering,
 * lines taken forwards and then backwards (read from the keeper the second time).
 */
describe('line facts kept across judges: the same verdicts as judges of their own', () => {
  it.each([
    ['default matcher', DEFAULT_MATCHER],
    ['exactCounts', createMatcher({ exactCounts: true })],
  ] as const)('fixture, %s', async (_, matcher) => {
    const { prepared, asOf, offerings } = await fixture(matcher);
    const half = Math.floor(offerings.length / 2);
    const first = offerings.slice(0, half);
    const second = offerings.slice(half);
    const keepers = matcher.criteria.map(() => createLineFactsKeeper());
    const other = createJudges(matcher.criteria, prepared, asOf, second, keepers);
    const lines = [...prepared.lines, ...[...prepared.lines].reverse()];
    const out = new Float64Array(second.length);
    for (const line of prepared.lines) for (const judge of other) judge.batch?.(line, Int32Array.from(second, (_o, k) => k), second.length, out);
    const kept = createJudges(matcher.criteria, prepared, asOf, first, keepers);
    const own = createJudges(matcher.criteria, prepared, asOf, first);
    const indexes = Int32Array.from(first, (_o, k) => k);
    const want = new Float64Array(first.length);
    const got = new Float64Array(first.length);
    const differ: string[] = [];
    let compared = 0;
    for (const line of lines)
      own.forEach((judge, c) => {
        const keptJudge = kept[c] as FastJudge;
        if (judge.batch !== undefined) {
          judge.batch(line, indexes, first.length, want);
          keptJudge.batch?.(line, indexes, first.length, got);
          for (let k = 0; k < first.length; k++) if (!Object.is(got[k], want[k])) differ.push(`batch ${c} ${line.line.id} ${k}: ${got[k]} for ${want[k]}`);
        }
        first.forEach((offering, index) => {
          const pair = { line, offering, scores: {}, index };
          if (judge.quick !== undefined && !Object.is(keptJudge.quick?.(pair), judge.quick(pair))) differ.push(`quick ${c} ${line.line.id} ${index}`);
          if (index % 5 === 0 && JSON.stringify(keptJudge(pair)) !== JSON.stringify(judge(pair))) differ.push(`full ${c} ${line.line.id} ${index}`);
          compared += 1;
        });
      });
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    // Every line of the fixture was read into the keepers of the derived criteria.
    for (const line of prepared.lines) expect(keepers.filter((k) => k.lines.has(line)).length).toBeGreaterThan(0);
  });
});

/** A rule and a parts rule that count how often they read a line, and number the lines they read (as certification numbers its requirements). */
function countingRules(): { rule: CriterionRule<number, number>; parts: PartsRule<number, number>; reads: { lines: number; parts: number } } {
  const reads = { lines: 0, parts: 0 };
  const numbers = new Map<string, number>();
  const numberOf = (line: PreparedLine): number => {
    const known = numbers.get(line.line.id);
    if (known !== undefined) return known;
    numbers.set(line.line.id, numbers.size);
    return numbers.size - 1;
  };
  const rule: CriterionRule<number, number> = {
    line: (line) => {
      reads.lines += 1;
      return numberOf(line);
    },
    offering: (offering) => offering.offering.id.length,
    judge: (line, offering) => Outcome.of(true, ((line * 7 + offering) % 10) / 10),
  };
  const parts: PartsRule<number, number> = {
    parts: (line) => {
      reads.parts += 1;
      return [numberOf(line), 3];
    },
    key: () => 'id',
    keys: () => ['id'],
    fact: (offering) => offering.offering.id.length,
    judgePart: (part, fact) => Outcome.of(true, ((part * 7 + (fact ?? 0)) % 10) / 10),
    none: () => Outcome.notApplicable,
  };
  return { rule, parts, reads };
}

describe('a keeper of line facts in the context: a line is read once for every judge made with the keeper', () => {
  it.each(['rule', 'parts rule'] as const)('%s', async (kind) => {
    const matcher = DEFAULT_MATCHER;
    const { prepared, asOf, offerings } = await fixture(matcher);
    const [line, next] = prepared.lines as [PreparedLine, PreparedLine];
    const judgeWith = (keeper: LineFactsKeeper | undefined, counting: ReturnType<typeof countingRules>, over: readonly PreparedOffering[]): FastJudge => {
      const context = criterionContext(matcher.criteria, 0, prepared, asOf, over, keeper);
      return kind === 'rule' ? deriveJudge(counting.rule, context) : derivePartsJudge(counting.parts, context);
    };
    const read = (counting: ReturnType<typeof countingRules>): number => (kind === 'rule' ? counting.reads.lines : counting.reads.parts);
    const ask = (judge: FastJudge, l: PreparedLine): number | undefined => judge.quick?.({ line: l, offering: offerings[0] as PreparedOffering, scores: {}, index: 0 });

    // Without a keeper, each judge reads each line it turns to.
    const alone = countingRules();
    const a = judgeWith(undefined, alone, offerings);
    ask(a, line);
    ask(a, next);
    ask(a, line);
    expect(read(alone)).toBe(3);

    // With one, the first judge reads each line once; a later judge, made with another rule
    // instance, judges with the first one's rule and reads nothing again.
    const keeper = createLineFactsKeeper();
    const firstRules = countingRules();
    const laterRules = countingRules();
    const first = judgeWith(keeper, firstRules, offerings);
    const want = [ask(first, line), ask(first, next), ask(first, line)];
    expect(read(firstRules)).toBe(2);
    const later = judgeWith(keeper, laterRules, offerings.slice(0, 3));
    expect([ask(later, line), ask(later, next), ask(later, line)]).toEqual(want);
    expect(read(firstRules)).toBe(2);
    expect(read(laterRules)).toBe(0);
    expect(keeper.rule).toBe(kind === 'rule' ? firstRules.rule : firstRules.parts);

    // A line changed is a new prepared line: read afresh.
    ask(later, { ...line });
    expect(read(firstRules)).toBe(3);
  });
});
