import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { createFuzzySearch } from '../../src/catalog/fuzzy.js';
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
