import { describe, expect, it } from 'vitest';
import { canonicalSpecs, normalizeText } from '../../src/catalog/normalize.js';
import { KOREAN_UNIT_WORDS, parseQuantity } from '../../src/model/quantity.js';

// The catalog compares spec values by canonical unit (canonicalSpecs); its Korean unit words come
// from the one declaration the parser reads (KOREAN_UNIT_WORDS), not from a list of their own.
const unitOf = (text: string): string | undefined => canonicalSpecs(normalizeText(text).specs)[0]?.unit;

describe('canonical units of Korean unit words', () => {
  it.each(KOREAN_UNIT_WORDS.filter((w) => w.inText !== 'rate').map((w) => [w.word, w] as const))('%s', (word, w) => {
    const korean = unitOf(`3${word}`);
    if (w.ambiguous !== undefined) {
      // A clipped word the parser refuses equals no unit it might mean.
      for (const u of w.ambiguous) expect(korean).not.toBe(unitOf(`3 ${u}`));
      expect(parseQuantity(`3${word}`).ok).toBe(false);
      return;
    }
    // The same unit as the parser's own spelling of it, when the text reader takes that spelling
    // for a spec; and two Korean words the parser reads alike compare alike.
    const english = unitOf(`3 ${w.unit ?? ''}`);
    if (english !== undefined) expect(korean).toBe(english);
    for (const other of KOREAN_UNIT_WORDS) {
      if (other.unit !== w.unit || other.inText === 'rate') continue;
      expect(unitOf(`3${other.word}`)).toBe(korean);
    }
  });

  it.each([
    // Equal now: counts are pieces, as the parser reads them.
    ['10개', '10 pcs', true],
    ['10개', '10 ea', true],
    ['10 ea', '10 units', true],
    ['4매', '4 pcs', true],
    ['2박스', '2 cases', true],
    ['2세트', '2 sets', true],
    ['3개월', '3 months', true],
    ['20리터', '20 L', true],
    ['0.22마이크론', '0.2 um', true],
    // Not equal any more: `밀리` may be mm or mL.
    ['8밀리', '8 mL', false],
    ['8밀리', '8 mm', false],
  ])('%s and %s compare equal: %s', (a, b, equal) => {
    const [x] = canonicalSpecs(normalizeText(a).specs);
    const [y] = canonicalSpecs(normalizeText(b).specs);
    expect(x).toBeDefined();
    expect(x?.unit === y?.unit && x?.value === y?.value).toBe(equal);
  });
});
