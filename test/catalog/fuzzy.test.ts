import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { createFuzzySearch, type FuzzyHit } from '../../src/catalog/fuzzy.js';
import { normalizeText, toJamo } from '../../src/catalog/normalize.js';

// The catalog's searchable strings, as resolve.ts builds them: normalized names in jamo form.
const input = generateDataset({ offerings: 300, lines: 30, seed: 11 });
const entries: string[] = [];
for (const item of input.items) {
  for (const text of [...Object.values(item.names), ...(item.synonyms ?? []), ...(item.abbreviations ?? [])]) {
    const name = normalizeText(text).name;
    if (name !== '') entries.push(toJamo(name));
  }
}
entries.push('   ', 'a'.repeat(40));

/** fuse.js configured as resolve.ts configured it before fuzzy.ts replaced it. */
function fuseHits(threshold: number): (pattern: string) => string {
  const fuse = new Fuse(
    entries.map((search) => ({ search })),
    { keys: ['search'], includeScore: true, threshold, ignoreLocation: true, ignoreFieldNorm: true, shouldSort: false },
  );
  return (pattern) => fuse.search(pattern).map((r) => `${r.refIndex}:${r.score}`).join(',');
}

function fastHits(threshold: number): (pattern: string) => string {
  const fast = createFuzzySearch(entries, { threshold });
  return (pattern) => fast.search(pattern).map((r) => `${r.index}:${r.score}`).join(',');
}

describe('createFuzzySearch', () => {
  const slow = fuseHits(0.4);
  const fast = fastHits(0.4);

  it('finds what fuse.js finds, with the same scores, in the same order', () => {
    const patterns = new Set<string>();
    for (const s of input.suppliers) for (const o of s.offerings ?? []) if (o.text) {
      const n = normalizeText(o.text);
      patterns.add(toJamo(n.name));
      for (const t of n.tokens) patterns.add(toJamo(t));
    }
    for (const e of entries.slice(0, 40)) patterns.add(e);
    patterns.add(`${entries[3] ?? ''} ${entries[17] ?? ''} ${entries[29] ?? ''}`); // longer than 32: chunks
    patterns.add('ㅈㅔㄱㅠㄴㅍㅣㄹㅌㅓ');
    patterns.add(' ');
    patterns.add('');
    let compared = 0;
    for (const p of [...patterns].slice(0, 160)) {
      expect(fast(p), p).toBe(slow(p));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('agrees with fuse.js on arbitrary patterns and thresholds', () => {
    const alphabet = fc.constantFrom(...'abcdefilmnoprstu ㅂㅣㄹㅌㅓㅈㅔㄱ0.2'.split(''));
    for (const threshold of [0.2, 0.6]) {
      const s = fuseHits(threshold);
      const f = fastHits(threshold);
      fc.assert(
        fc.property(fc.array(alphabet, { minLength: 1, maxLength: 45 }), (chars) => {
          const p = chars.join('');
          expect(f(p)).toBe(s(p));
        }),
        { numRuns: 25, seed: 4 },
      );
    }
  });
});

/** fuse.js itself over a list of texts, configured as fuzzy.ts's file comment says. */
function fuseOver(texts: readonly string[], threshold: number): (pattern: string) => string {
  const fuse = new Fuse(
    texts.map((search) => ({ search })),
    { keys: ['search'], includeScore: true, threshold, ignoreLocation: true, ignoreFieldNorm: true, shouldSort: false },
  );
  return (pattern) => fuse.search(pattern).map((r) => `${r.refIndex}:${r.score}`).join(',');
}

/** How many characters two strings share, as multisets. */
function shared(a: string, b: string): number {
  const left = new Map<string, number>();
  for (const c of a) left.set(c, (left.get(c) ?? 0) + 1);
  let n = 0;
  for (const c of b) {
    const have = left.get(c) ?? 0;
    if (have > 0) {
      n += 1;
      left.set(c, have - 1);
    }
  }
  return n;
}

function render(hits: readonly FuzzyHit[]): string {
  return hits.map((r) => `${r.index}:${r.score}`).join(',');
}

describe('the prefilter before bitap', () => {
  // Words as resolve.ts searches them: Latin (with capitals, digits, punctuation) and Hangul in jamo form.
  const latinWord = fc.string({ unit: fc.constantFrom(...'abcdefgilmnoprstuvxyAB0123-.'), minLength: 1, maxLength: 12 });
  const hangulWord = fc.string({ unit: fc.constantFrom(...'필터제균캡슐배양백세포멸균용기튜브실리콘ㅋ'), minLength: 1, maxLength: 6 }).map(toJamo);
  const text = fc.array(fc.oneof(latinWord, hangulWord), { minLength: 1, maxLength: 9 }).map((words) => words.join(' '));
  // 'ж' and 'Q' are in no text ('q' neither): they can only be matched by an error.
  const edit = fc.record({
    kind: fc.constantFrom('substitute', 'insert', 'delete'),
    at: fc.nat(),
    char: fc.constantFrom(...'aeiolrst ㅏㅣㅔㄴㄹㅂ0жQ'),
  });
  /** A pattern cut from one to three texts in a row (so often longer than 32), with typos. */
  const derived = fc.record({
    from: fc.nat(),
    join: fc.nat({ max: 2 }),
    start: fc.nat(),
    length: fc.integer({ min: 1, max: 90 }),
    edits: fc.array(edit, { maxLength: 10 }),
  });
  const patternSpec = fc.oneof(
    { weight: 6, arbitrary: derived },
    { weight: 1, arbitrary: fc.record({ whole: fc.nat() }) }, // a text as is: the exact-match shortcut
    { weight: 1, arbitrary: fc.record({ raw: text }) }, // unrelated
  );
  type Spec = typeof patternSpec extends fc.Arbitrary<infer T> ? T : never;

  /** The pattern a spec describes over the texts of a run. */
  const makePattern = (texts: readonly string[], spec: Spec): string => {
    const at = (i: number): string => texts[i % texts.length] ?? '';
    if ('whole' in spec) return spec.whole % 2 === 0 ? at(spec.whole) : at(spec.whole).toUpperCase();
    if ('raw' in spec) return spec.raw;
    const source = [0, 1, 2].slice(0, spec.join + 1).map((k) => at(spec.from + k)).join(' ');
    const chars = [...source.slice(spec.start % source.length, (spec.start % source.length) + spec.length)];
    for (const e of spec.edits) {
      const i = e.at % (chars.length + 1);
      if (e.kind === 'insert') chars.splice(i, 0, e.char);
      else if (i < chars.length) chars.splice(i, 1, ...(e.kind === 'substitute' ? [e.char] : []));
    }
    return chars.join('');
  };

  it('agrees with fuse.js on random Latin and Hangul texts and typo-ridden patterns, short and long', () => {
    let long = 0;
    let hits = 0;
    let searches = 0;
    for (const [threshold, seed] of [[0, 1], [0.15, 2], [0.3, 3], [0.4, 4], [0.6, 5], [0.8, 6]] as const) {
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 14 }), fc.array(patternSpec, { minLength: 1, maxLength: 6 }), (texts, specs) => {
          const slow = fuseOver(texts, threshold);
          const fast = createFuzzySearch(texts, { threshold });
          for (const spec of specs) {
            const pattern = makePattern(texts, spec);
            const want = slow(pattern);
            expect(render(fast.search(pattern)), JSON.stringify({ pattern, texts })).toBe(want);
            searches += 1;
            if (pattern.length > 32) long += 1;
            if (want !== '') hits += 1;
          }
        }),
        { numRuns: 80, seed },
      );
    }
    // The runs did stress what they are meant to.
    expect(long).toBeGreaterThan(100);
    expect(hits).toBeGreaterThan(searches / 4);
    expect(hits).toBeLessThan(searches);
  });

  it('runs bitap on no text that only shares characters with the pattern', () => {
    const pattern = 'sterile filter';
    // The first four texts hold every character of the pattern (so the histogram test lets them
    // through), scrambled: none has a substring within the 5 edits that threshold 0.4 allows a
    // 14-character pattern.
    const texts = ['retlif elirets', 'eeefiillrrstt ', 'tiler fist leer', 'rit fleet resil', toJamo('멸균 필터'), 'a sterile filtr'];
    for (const t of texts.slice(0, 4)) expect(shared(t, pattern), t).toBe(pattern.length);
    const want = fuseOver(texts, 0.4)(pattern);
    expect(want).toMatch(/^5:[0-9.]+$/u);
    const fast = createFuzzySearch(texts, { threshold: 0.4 });
    expect(render(fast.search(pattern))).toBe(want);
    // Only the one text that matches reaches bitap.
    expect(fast.stats()).toEqual({ bitapCalls: 1, bitapMatches: 1 });
  });

  it('lets through to bitap only the catalog texts that bitap matches', () => {
    const fast = createFuzzySearch(entries, { threshold: 0.4 });
    let sharing = 0;
    for (const s of input.suppliers) for (const o of s.offerings ?? []) if (o.text) {
      for (const t of normalizeText(o.text).tokens) {
        const pattern = toJamo(t);
        if (pattern.length > 32) continue;
        fast.search(pattern);
        // What the histogram test lets through: texts sharing m − k characters with the pattern.
        let k = 0;
        while (k + 1 < pattern.length && (k + 1) / pattern.length <= 0.4) k += 1;
        sharing += entries.filter((e) => e !== pattern && shared(e, pattern) >= pattern.length - k).length;
      }
    }
    const { bitapCalls, bitapMatches } = fast.stats();
    expect(bitapMatches).toBeGreaterThan(1000);
    expect(bitapCalls).toBe(bitapMatches);
    // A histogram test alone would have run bitap far more often.
    expect(sharing).toBeGreaterThan(2 * bitapCalls);
  });
});
