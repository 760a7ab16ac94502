import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemFitCriterion, ITEM_FIT_REASONS } from '../../src/criteria/item-fit.js';
import { pairFrom, testCriterion, type PairFromInput } from '../../src/engine/testing.js';

const raw = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'incheon-bio', 'items.json'), 'utf8')) as unknown;
const items = (Array.isArray(raw) ? raw : (raw as { items: unknown[] }).items) as NonNullable<PairFromInput['items']>;

function judge(lineText: string, offering: { item?: string; text?: string }, options: Record<string, unknown> = {}) {
  const { pair, context } = pairFrom({
    items,
    line: { id: 'L1', text: lineText, quantity: '100 unit/year' },
    offering: { id: 'O1', ...offering, capacity: '1,000 unit/year' },
  });
  const run = itemFitCriterion.create({ ...itemFitCriterion.meta.defaults, ...options }, context);
  return { verdict: run(pair), pair };
}
const codes = (v: { reasons: readonly { code: string }[] }): string[] => v.reasons.map((r) => r.code);

describe('item fit: which item vs how sure', () => {
  it('a long but correct line passes for an offering of its item, with a score above the threshold', () => {
    const { verdict, pair } = judge('CO2 인큐베이터 아님, 트리스 버퍼 고순도 (다국약전 등급), 엔도톡신 < 5 EU/g, CoA 및 MSDS 제공 필수, 25 kg 드럼, 월 2회 분할 납품', { item: 'IT-BUF-TRIS' });
    expect(pair.line.resolution.items[0]?.item).toBe('IT-BUF-TRIS');
    expect(verdict.pass).toBe(true);
    expect(verdict.score).toBeGreaterThanOrEqual(0.4);
    expect(codes(verdict)).toContain(ITEM_FIT_REASONS.same);
    expect(codes(verdict)).not.toContain(ITEM_FIT_REASONS.mismatch);
  });

  it('a weakly resolved line never gets item.same next to item.mismatch; the reason names the line', () => {
    // The catalog's best guess for this text is weak (the IPA spray, by `소독용 알코올`); the
    // offering is that very item. (`에탄올 소독제` no longer resolves at all: the sporicide's
    // `살포자 소독제` is a sibling of it.)
    const { pair } = judge('알코올 소독제 4L', { item: 'IT-BUF-NACL' });
    const top = pair.line.resolution.items[0];
    expect(top).toBeDefined();
    expect(top?.confidence ?? 1).toBeLessThan(0.5);
    const { verdict } = judge('알코올 소독제 4L', { item: top?.item ?? '' }, { minConfidence: (top?.confidence ?? 0) + 0.01, sureConfidence: 0.99 });
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toContain(ITEM_FIT_REASONS.unsure);
    expect(codes(verdict)).not.toContain(ITEM_FIT_REASONS.mismatch);
    const unsure = verdict.reasons.find((r) => r.code === ITEM_FIT_REASONS.unsure);
    expect(unsure?.data?.side).toBe('demand line');
  });

  it('an offering whose text resolves less surely is blamed as the offering, and passes with a shortfall when above minConfidence', () => {
    const { verdict, pair } = judge('트리스', { text: '트리스(하이드록시메틸)아미노메탄 고순도 트로메타민 THAM, 25kg, 국내 생산' });
    const o = pair.offering.resolution.items[0];
    expect(o?.item).toBe('IT-BUF-TRIS');
    expect(verdict.pass).toBe(true);
    if ((o?.confidence ?? 1) < 0.5) expect(verdict.reasons.find((r) => r.code === ITEM_FIT_REASONS.unsure)?.data?.side).toBe('offering');
    // Not pushed out proportionally: the score stays at or above the threshold.
    expect(verdict.score).toBeGreaterThanOrEqual(0.4);
  });

  it('same-item scores rise with confidence and stay in [threshold, 1] from minConfidence up (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.35, max: 1, noNaN: true }), fc.double({ min: 0.35, max: 1, noNaN: true }), (a, b) => {
        const f = (c: number): number => 0.4 + 0.6 * c;
        expect(f(Math.min(a, b))).toBeGreaterThanOrEqual(0.4);
        expect(f(Math.min(a, b))).toBeLessThanOrEqual(1);
      }),
    );
    // The criterion itself, at two confidences: the surer offering scores higher.
    const sure = judge('트리스', { item: 'IT-BUF-TRIS' }).verdict.score;
    const less = judge('트리스', { text: '트리스(하이드록시메틸)아미노메탄 고순도 트로메타민 THAM, 25kg, 국내 생산' }).verdict.score;
    expect(sure).toBeGreaterThanOrEqual(less);
  });

  it('an offering of an item the line means decides alone, even unsure and below what a related item would score', () => {
    // The line means the PVDF and the PES cartridge (within alternativeMargin of each other), the
    // PVDF first; the offering is the PES cartridge. The pair (PVDF wanted, PES offered) relates by
    // category (0.5 × 0.30 = 0.15), but the offering is an item the line means: that pair alone
    // counts, at the same-item score of an unsure pair (0.28 × threshold 0.4 = 0.112).
    const { pair, context } = pairFrom({
      items,
      line: { id: 'L1', text: 'PVDF 카트리지 필터', quantity: '100 unit/year' },
      offering: { id: 'O1', item: 'IT-STF-PES10', capacity: '1,000 unit/year' },
    });
    const at = (item: string, confidence: number) => ({ item, confidence, via: 'name' as const, matched: item });
    const line = { ...pair.line, resolution: { ...pair.line.resolution, items: [at('IT-STF-PVDF10', 0.3), at('IT-STF-PES10', 0.28)], ambiguous: false } };
    const offering = { ...pair.offering, resolution: { ...pair.offering.resolution, items: [at('IT-STF-PES10', 0.3)], ambiguous: false } };
    const run = itemFitCriterion.create(itemFitCriterion.meta.defaults, context);
    const verdict = run({ ...pair, line, offering } as typeof pair);
    expect(verdict.score).toBeCloseTo(0.112, 9);
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toEqual([ITEM_FIT_REASONS.same, ITEM_FIT_REASONS.unsure]);
    expect(verdict.reasons[0]?.data).toMatchObject({ wanted: 'IT-STF-PES10', offered: 'IT-STF-PES10' });
  });

  it('a different item of the same category still scores partially and names both items', () => {
    const { verdict } = judge('혈청 피펫 10mL', { item: 'IT-PIP-FLASK' });
    expect(codes(verdict)).toContain(ITEM_FIT_REASONS.sameCategory);
  });

  it('a line whose text names nothing fails as the demand line, not the offering', () => {
    const { verdict } = judge('초저온 냉동고 -86℃ 28.8 cu ft', { item: 'IT-BUF-TRIS' });
    expect(verdict.pass).toBe(false);
    const unresolved = verdict.reasons.find((r) => r.code === ITEM_FIT_REASONS.unresolved);
    if (unresolved !== undefined) expect(unresolved.data?.side).toBe('demand line');
  });
});

describe('item fit against its declared reasons (testCriterion)', () => {
  const input = (lineText: string, offering: { item?: string; text?: string }): PairFromInput => ({
    items,
    line: { id: 'L1', text: lineText, quantity: '100 unit/year' },
    offering: { id: 'O1', ...offering, capacity: '1,000 unit/year' },
  });
  it('every reason it gives has a code and severity its meta declares, and the gate agrees with the table', () => {
    const report = testCriterion(itemFitCriterion, {
      valid: [{ name: 'the item asked for', input: input('트리스 버퍼 25 kg', { item: 'IT-BUF-TRIS' }), expect: { reasons: [ITEM_FIT_REASONS.same] } }],
      invalid: [
        { name: 'a line naming nothing', input: input('zzqx', { item: 'IT-BUF-TRIS' }), expect: { reasons: [ITEM_FIT_REASONS.unresolved] } },
        { name: 'unsure below minConfidence', input: input('알코올 소독제 4L', { item: 'IT-BUF-TRIS' }), options: { minConfidence: 0.99, sureConfidence: 0.995 } },
      ],
    });
    expect(report.passed).toBe(3);
    expect(report.failures).toEqual([]);
  });
});
