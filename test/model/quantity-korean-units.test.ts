import { describe, expect, it } from 'vitest';
import { SPEC_PATTERN_PARTS } from '../../src/catalog/normalize.js';
import { readText } from '../../src/catalog/read-text.js';
import { KOREAN_UNIT_WORDS, parseQuantity } from '../../src/model/quantity.js';

// A Korean unit word is declared once (KOREAN_UNIT_WORDS); the parser, the catalog's spec
// tokens and the text reader all read it from there.
describe('Korean unit words', () => {
  const textUnits = new RegExp(`^\\d+(?:${SPEC_PATTERN_PARTS.koreanUnits})$`, 'u');
  const unitPrefix = new RegExp(`^\\d+(?:${SPEC_PATTERN_PARTS.koreanUnits})`, 'u');
  const rateUnits = new RegExp(`^\\d+ L/(?:${SPEC_PATTERN_PARTS.rateUnits})$`, 'u');

  it.each(KOREAN_UNIT_WORDS.map((w) => [w.word, w] as const))('%s: parser and text agree', (word, w) => {
    const parsed = parseQuantity(`2${word}`);
    if (w.ambiguous !== undefined) {
      // Refused, naming every unit it may mean.
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.code).toBe('quantity_ambiguous_unit');
        for (const u of w.ambiguous) expect(parsed.message).toContain(u);
      }
    } else if (word === '월') {
      expect(parseQuantity(`500 L/${word}`).ok).toBe(true);
    } else {
      // Read as the unit it is declared as, written in English.
      const english = parseQuantity(`2 ${w.unit ?? ''}`);
      expect(parsed.ok && english.ok, `2${word}`).toBe(true);
      if (parsed.ok && english.ok) expect(parsed.quantity.unit).toBe(english.quantity.unit);
    }
    // Free text: after a number unless it is only a rate word; always after `/`.
    expect(textUnits.test(`2${word}`)).toBe(w.inText !== 'rate');
    expect(rateUnits.test(`2 L/${word}`)).toBe(true);
    // A whole-word unit is no unit when a Korean word goes on (`2대학`, `3병원`).
    expect(unitPrefix.exec(`2${word}학`)?.[0] === `2${word}`).toBe(w.inText === 'glued');
  });

  it('reads the longest unit word, not its clipped prefix', () => {
    const r = readText('증류수 500밀리리터 20병');
    expect(r.pieces.map((p) => [p.text, p.quantity?.unit])).toEqual([
      ['500밀리리터', 'mL'],
      ['20병', 'pcs'],
    ]);
  });

  it('a clipped unit is read as a quantity in text, and reported unread, never guessed', () => {
    const piece = readText('실리콘 튜브 내경 8밀리').pieces.find((p) => p.kind === 'quantity');
    expect(piece?.text).toBe('8밀리');
    expect(piece?.quantity).toBeUndefined();
    expect(piece?.unread).toMatch(/mm or mL/u);
  });
});

// The English words for the pieces Korean counts with `병` and `롤` are counts of pieces too, so
// that `200 bottle/month` compares with `200병/월` and a dataset written in either loads.
describe('bottles and rolls', () => {
  it.each([
    ['200 bottle/month', '200병/월'],
    ['20,000 bottles/year', '20000 병/년'],
    ['3 btl', '3병'],
    ['4 rolls', '4롤'],
  ])('%s reads as %s does', (english, korean) => {
    const a = parseQuantity(english);
    const b = parseQuantity(korean);
    expect(a.ok && b.ok, english).toBe(true);
    // The same amount in canonical units (the unit text stays as written).
    if (a.ok && b.ok) expect(a.quantity.value).toBeCloseTo(b.quantity.value, 12);
  });
});
