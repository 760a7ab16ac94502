import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateDataset } from '../../bench/generate.js';
import type { ItemMatch, Resolution } from '../../src/catalog/resolve.js';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { defineCriterion, reason, type Criterion, type PreparedLine, type PreparedOffering } from '../../src/criteria/criterion.js';
import { groupPathOf } from '../../src/criteria/derive-candidates.js';
import { Outcome, type Report } from '../../src/criteria/derive.js';
import { itemFitCriterion } from '../../src/criteria/item-fit.js';
import { leadTimeCriterion } from '../../src/criteria/lead-time.js';
import { priceCriterion } from '../../src/criteria/price.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher, openRun, type CriterionEntry, type PreparedDataset } from '../../src/engine/matcher.js';
import type { MatchResult } from '../../src/engine/result.js';
import { pairFrom, testCriterion } from '../../src/engine/testing.js';

/*
 * Candidate finding leans on the criterion that declares `meta.candidates`, whatever it is: a
 * criterion written outside the package that declares it is leaned on as item fit is, and item
 * fit under another id with the same declaration gives the same results with the same work.
 */

// Prepared once (catalog and resolutions): every matcher below has the same minItemConfidence.
const dataset = ((): PreparedDataset => {
  const { truth: _truth, ...rest } = generateDataset({ offerings: 700, lines: 50, seed: 7 }) as unknown as Record<string, unknown> & { truth?: unknown };
  return createMatcher().prepare(parseDataset(rest));
})();

/** Each line's kept lists as text: the ranked and the rejected candidates, with scores and failed gates. */
function keptLists(result: MatchResult): string[] {
  return result.lines.map(
    (l) =>
      `${l.line}: ${l.candidates.map((c) => `${c.offering}@${c.score}`).join(' ')} | ${l.rejected.map((r) => `${r.offering}@${r.score}[${r.failed.join(',')}]`).join(' ')}`,
  );
}

/** What the criterion below reads of a resolution: its best item, that item's confidence and category. */
interface Best {
  readonly item: string | null;
  readonly confidence: number;
  readonly category: string | null;
}

const BestItemOptions = z.strictObject({ related: z.number().min(0).max(1), sure: z.number().min(0).max(1) });

/**
 * A small criterion written from outside the package that candidate finding may lean on: the
 * offering's best item against the line's best item, read from the two resolutions alone. The
 * same item scores 1 when both are at least `sure`, else its lower confidence; another item of
 * the same category scores `related`; anything else fails with 0.
 */
const bestItemCriterion = defineCriterion({
  meta: {
    id: 'bestItem',
    description: "the offering's best item is the line's best item, or of its category",
    kind: 'both',
    options: BestItemOptions,
    defaults: { related: 0.35, sure: 0.6 },
    reasons: {
      'best_item.same': { severity: 'info', description: 'the same best item' },
      'best_item.related': { severity: 'shortfall', description: 'another item of the same category' },
      'best_item.other': { severity: 'failure', description: 'an unrelated item, or none' },
    },
    // A pair sharing no item of at least `minItemConfidence`: another item (at most `related`),
    // or the same one below that confidence on one side (its confidence, unless it is `sure`).
    candidates: { reads: 'resolutions', farCeiling: (o, minItemConfidence) => (minItemConfidence <= o.sure ? Math.max(o.related, minItemConfidence) : 1) },
  },
  rule: (options, context) => {
    const best = (r: Resolution): Best => {
      const top = r.items[0];
      return { item: top?.item ?? null, confidence: top?.confidence ?? 0, category: top === undefined ? null : (context.items.get(top.item)?.category ?? null) };
    };
    return {
      line: (line: PreparedLine) => best(line.resolution),
      offering: (offering: PreparedOffering) => best(offering.resolution),
      judge(line: Best, offer: Best, report?: Report): Outcome {
        if (line.item !== null && line.item === offer.item) {
          const c = Math.min(line.confidence, offer.confidence);
          report?.(reason('best_item.same', `Offers ${offer.item}.`));
          return Outcome.of(true, c >= options.sure ? 1 : c);
        }
        if (line.category !== null && line.category === offer.category) {
          report?.(reason('best_item.related', `Offers ${String(offer.item)} for ${String(line.item)}.`, {}, 'shortfall'));
          return Outcome.of(true, options.related);
        }
        report?.(reason('best_item.other', 'Another item.', {}, 'failure'));
        return Outcome.of(false, 0);
      },
    };
  },
});

/** The same criterion without the declaration: candidates come in offering order. */
const undeclared = (criterion: Criterion): Criterion => {
  const { candidates: _candidates, ...meta } = criterion.meta;
  return defineCriterion({ meta, create: criterion.create });
};

const rest: CriterionEntry[] = [{ criterion: capacityCriterion }, { criterion: leadTimeCriterion }, { criterion: priceCriterion }];

describe('candidate finding leans on a declaration, not an identity', () => {
  it('a custom criterion declaring meta.candidates is leaned on: the same kept lists with fewer pairs scored', () => {
    const entries = (c: Criterion): CriterionEntry[] => [{ criterion: c, weight: 3 }, ...rest];
    const declared = createMatcher({ criteria: entries(bestItemCriterion), topK: 3, rejectedK: 2 }).matchPrepared(dataset);
    const plain = createMatcher({ criteria: entries(undeclared(bestItemCriterion)), topK: 3, rejectedK: 2 }).matchPrepared(dataset);
    const exact = createMatcher({ criteria: entries(bestItemCriterion), topK: 3, rejectedK: 2, exactCounts: true }).matchPrepared(dataset);
    const every = keptLists(exact);
    expect(every.filter((l) => !l.endsWith(': | '))).not.toHaveLength(0);
    expect(keptLists(declared)).toEqual(every);
    expect(keptLists(plain)).toEqual(every);
    // Fails when the engine ignores the declaration (both would score alike).
    expect(declared.stats.pairsScored).toBeLessThan(plain.stats.pairsScored);
  });

  it('item fit under another id, with the same declaration, gives the same results with the same work', () => {
    const renamed = defineCriterion({ meta: { ...itemFitCriterion.meta, id: 'sameItem' }, create: itemFitCriterion.create });
    const run = (c: Criterion) => createMatcher({ criteria: [{ criterion: c, weight: 3 }, ...rest], topK: 3, rejectedK: 2 }).matchPrepared(dataset);
    const builtIn = run(itemFitCriterion as unknown as Criterion);
    const copy = run(renamed as unknown as Criterion);
    const plain = run(undeclared(itemFitCriterion as unknown as Criterion));
    expect(keptLists(copy).map((l) => l.replaceAll('[sameItem', '[itemFit').replaceAll(',sameItem', ',itemFit'))).toEqual(keptLists(builtIn));
    expect(copy.lines.map((l) => [l.qualifiedCount, l.rejectedCount, l.pairsScored])).toEqual(builtIn.lines.map((l) => [l.qualifiedCount, l.rejectedCount, l.pairsScored]));
    expect(keptLists(plain)).toEqual(keptLists(builtIn));
    expect(builtIn.stats.pairsScored).toBeLessThan(plain.stats.pairsScored);
  });

  it('the group path is the first declaring criterion, with its far ceiling at the matcher minItemConfidence', () => {
    const matcher = createMatcher({ criteria: [...rest, { criterion: bestItemCriterion, options: { related: 0.2, sure: 0.7 } }, itemFitCriterion], minItemConfidence: 0.5 });
    const run = openRun(matcher, dataset);
    const path = groupPathOf(matcher.criteria, run.basis.judges, 0.5);
    expect(path?.at).toBe(3);
    expect(path?.farCeiling).toBe(0.5);
    expect(groupPathOf(createMatcher({ criteria: rest }).criteria, run.basis.judges.slice(0, 3), 0.3)).toBeUndefined();
  });

  it('testCriterion checks a declared far ceiling against the verdicts (a ceiling too low fails)', () => {
    const input = { items: catalogItems(), line: { id: 'L1', text: 'Alpha one', quantity: '100 unit/month' }, offering: { id: 'O1', text: 'Alpha one' } };
    expect(testCriterion(bestItemCriterion, { valid: [{ name: 'same item', input }], invalid: [] }).passed).toBe(1);
    // Item ids resolve at confidence 1: a pair that shares its item is not bounded by the far ceiling.
    const low = defineCriterion({ meta: { ...bestItemCriterion.meta, candidates: { reads: 'resolutions', farCeiling: () => 0.1 } }, rule: bestItemCriterion.rule });
    expect(testCriterion(low, { valid: [{ name: 'same item', input }], invalid: [] }).passed).toBe(1);
    const apart = { items: catalogItems(), line: { id: 'L1', text: 'Alpha one', quantity: '100 unit/month' }, offering: { id: 'O1', text: 'Gamma one' } };
    const generous = defineCriterion({ meta: { ...bestItemCriterion.meta, id: 'generous', candidates: { reads: 'resolutions', farCeiling: () => 0.1 } }, rule: () => ({ line: () => 0, offering: () => 0, judge: () => Outcome.of(true, 0.9) }) });
    expect(() => testCriterion(generous, { valid: [{ name: 'apart', input: apart }], invalid: [] })).toThrow(/far ceiling 0.1 at minItemConfidence 0.9 is below the verdict/);
  });
});

describe("item fit's far ceiling", () => {
  const { context, pair: base } = pairFrom({ line: { id: 'L1', text: 'x', quantity: '1 unit/month' }, offering: { id: 'O1', text: 'x' }, items: catalogItems() });
  const ids = [...context.items.keys()];
  const resolution = (items: readonly { item: string; confidence: number }[], ambiguous: boolean): Resolution => ({
    items: [...items].sort((a, b) => b.confidence - a.confidence || (a.item < b.item ? -1 : 1)).map((m): ItemMatch => ({ ...m, via: 'name', matched: m.item })),
    categories: [],
    ambiguous,
  });
  const matches = fc.uniqueArray(fc.record({ item: fc.constantFrom(...ids), confidence: fc.double({ min: 0, max: 1, noNaN: true }) }), { selector: (m) => m.item, maxLength: 3 });
  const unit = fc.double({ min: 0, max: 1, noNaN: true });

  it('is never below the score of a pair that shares no item of at least minItemConfidence (property, any options)', () => {
    fc.assert(
      fc.property(matches, matches, fc.boolean(), unit, fc.record({ threshold: unit, sameCategory: unit, sameGroup: unit, sameCodeClass: unit, minConfidence: unit, alternativeMargin: unit }), (wanted, offered, ambiguous, m, o) => {
        const options = { ...itemFitCriterion.meta.defaults, ...o };
        const shares = wanted.some((w) => w.confidence >= m && offered.some((x) => x.item === w.item && x.confidence >= m));
        fc.pre(!shares);
        const judge = itemFitCriterion.create(options, context);
        const verdict = judge({ line: { ...base.line, resolution: resolution(wanted, ambiguous) }, offering: { ...base.offering, resolution: resolution(offered, false) }, scores: {} });
        const ceiling = itemFitCriterion.meta.candidates?.farCeiling(options, m) ?? Number.NaN;
        expect(ceiling).toBeGreaterThanOrEqual(verdict.applicable ? verdict.score : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the best relation with the defaults at the default minItemConfidence; above minConfidence, what a meant same item scores there', () => {
    const d = itemFitCriterion.meta.defaults;
    const at = (m: number): number => itemFitCriterion.meta.candidates?.farCeiling(d, m) ?? Number.NaN;
    // max(0.3, sameCategory 0.5, sameCodeClass 0.3, sameGroup 0.15), as the engine took it from the options before.
    expect(at(0.3)).toBe(0.5);
    expect(at(0.4)).toBe(0.5);
    // minConfidence 0.4 < 0.6: a same item meant on both sides at 0.59 scores 0.4 + 0.6 × 0.59.
    expect(at(0.6)).toBeCloseTo(0.76, 12);
    expect(at(1)).toBe(1);
  });
});

/** A few catalog items in three categories, two sharing a UNSPSC class. */
function catalogItems() {
  return [
    { id: 'IT-A1', names: { en: 'Alpha one' }, category: 'sterilizing-filter', codes: { unspsc: ['41104900'] } },
    { id: 'IT-A2', names: { en: 'Alpha two' }, category: 'sterilizing-filter', codes: { unspsc: ['41104901'] } },
    { id: 'IT-B1', names: { en: 'Beta one' }, category: 'depth-filter', codes: { unspsc: ['41104902'] } },
    { id: 'IT-C1', names: { en: 'Gamma one' }, category: 'buffer-salt', codes: { unspsc: ['12352100'] } },
  ];
}
