/*
 * A faster stand-in for one fuse.js configuration: `new Fuse(texts.map((search) => ({ search })),
 * { keys: ['search'], threshold, includeScore: true, ignoreLocation: true, ignoreFieldNorm: true,
 * shouldSort: false })` searched with a string pattern (so an exact match scores Number.EPSILON,
 * as a key scores it; fuse.js over the bare strings would score it 0). It returns the same
 * entries with the same scores, in the same order (test/catalog/fuzzy.test.ts checks it against
 * fuse.js itself), and costs a fraction:
 *
 * - fuse.js lower-cases every text on every search; here texts are prepared once, as arrays of
 *   small alphabet ids and character histograms;
 * - a text that cannot hold a match is skipped without running bitap, and the test is exact.
 *   Every bit bitap sets stands for a real alignment: each term of its recurrence is a match, a
 *   substitution, an insertion or a deletion, its boundary row deletes a pattern suffix, and
 *   positions past the end of the text equal nothing (aligned there, they are substitutions or
 *   insertions, which deletions or nothing replace at no more cost). So a match bit at error
 *   level `i` means the pattern is within `i` edits of some substring of the text. fuse.js
 *   explores levels up to `k` (the most errors the threshold allows), every match bit it sets
 *   there is a match (it enters level `i` only while `i / m` is within its threshold, which its
 *   exact-occurrence pre-pass may only lower), and with none bitap scores 1. So a text with no
 *   substring within `k` edits of the pattern is no hit, and a chunk of a long pattern that it
 *   cannot match scores 1. The test takes two steps: the text's character histogram must share
 *   at least `m − k` characters with the pattern's `m` (such an alignment pairs that many with
 *   equal ones), then Myers's bit-parallel edit distance, linear in the text, finds the best
 *   substring's distance;
 * - bitap itself is fuse.js's algorithm (src/search/bitap/search.ts, MIT, Kiro Risk), ported
 *   operation for operation with ignoreLocation fixed on, over typed arrays reused from search
 *   to search.
 */

/** One hit: the index of the text in the list and fuse.js's score (0 exact .. 1). */
export interface FuzzyHit {
  readonly index: number;
  /** Undefined only for a blank pattern, which fuse.js answers with every text and no score. */
  readonly score: number | undefined;
}

/** A prepared list of texts, searched like fuse.js would (see the file comment). */
export interface FuzzySearch {
  /** Hits in list order; the score is fuse.js's `score` (a pattern of spaces only hits every text with no score). */
  search(pattern: string): readonly FuzzyHit[];
  /** Work done by the searches so far, to check (in tests and benchmarks) what the prefilter saves. */
  stats(): FuzzyStats;
}

/** Counters of {@link FuzzySearch.search}'s work, summed over every search so far. */
export interface FuzzyStats {
  /** Runs of bitap, one per (text, pattern chunk) the prefilter let through. */
  readonly bitapCalls: number;
  /** Those runs that found a match. */
  readonly bitapMatches: number;
}

/** fuse.js's limit on the bitap pattern; longer patterns are searched in chunks. */
const MAX_BITS = 32;

interface Chunk {
  /** Alphabet ids of the chunk's characters (ids not in any text are -1). */
  readonly length: number;
  /** Bitap mask per alphabet id (0 for characters not in the chunk). */
  readonly alphabet: Int32Array;
  /** Distinct alphabet ids of the chunk with their counts, for the histogram test. */
  readonly ids: Int32Array;
  readonly counts: Int32Array;
  /** Characters of the chunk that no text holds (they can only be matched by an error). */
  readonly foreign: number;
  /** The deepest error level fuse.js explores: no match of the chunk has more edits. */
  readonly maxErrors: number;
  /** Fewest equal characters a text must share with the chunk to hold a match (`length − maxErrors`). */
  readonly needed: number;
  readonly startIndex: number;
}

/**
 * Prepares texts for {@link FuzzySearch.search}. `threshold` is fuse.js's.
 *
 * @example
 * createFuzzySearch(['sterile filter', 'silicone tubing'], { threshold: 0.4 }).search('stérile fliter'.normalize('NFKC'));
 * // => [{ index: 0, score: 0.1428... }]
 */
export function createFuzzySearch(texts: readonly string[], options: { readonly threshold: number }): FuzzySearch {
  const threshold = options.threshold;
  const lowered = texts.map((t) => t.toLowerCase());
  const ids = new Map<number, number>();
  const encoded: Int32Array[] = lowered.map((t) => {
    const out = new Int32Array(t.length);
    for (let i = 0; i < t.length; i++) {
      const code = t.charCodeAt(i);
      let id = ids.get(code);
      if (id === undefined) {
        id = ids.size;
        ids.set(code, id);
      }
      out[i] = id;
    }
    return out;
  });
  const alphabetSize = ids.size;
  // Histograms, one row per text; counts above 255 are clipped, which only weakens the test.
  const histograms = new Uint8Array(texts.length * alphabetSize);
  encoded.forEach((codes, row) => {
    const base = row * alphabetSize;
    for (let i = 0; i < codes.length; i++) {
      const at = base + (codes[i] as number);
      if ((histograms[at] as number) < 255) histograms[at] = (histograms[at] as number) + 1;
    }
  });
  const blank = lowered.map((t) => t.trim().length === 0);
  // The histograms again, by character: the rows holding each one with their counts, so that a
  // search tallies the characters a row shares with a chunk over the rows holding them (a Korean
  // syllable is in a few rows, a Latin letter in the Latin ones), not over every row.
  const postingRows: Int32Array[] = [];
  const postingCounts: Uint8Array[] = [];
  for (let id = 0; id < alphabetSize; id++) {
    const rows: number[] = [];
    const counts: number[] = [];
    for (let row = 0; row < texts.length; row++) {
      const have = histograms[row * alphabetSize + id] as number;
      if (have > 0) {
        rows.push(row);
        counts.push(have);
      }
    }
    postingRows.push(Int32Array.from(rows));
    postingCounts.push(Uint8Array.from(counts));
  }
  // Per search: the characters each row shares with each chunk (chunk by chunk), reused.
  let sharedBuf = new Int32Array(0);

  // Reused bitap rows: the longest text plus the longest chunk, plus two.
  let capacity = 0;
  for (const t of lowered) capacity = Math.max(capacity, t.length);
  capacity += MAX_BITS + 2;
  let bitArr = new Int32Array(capacity);
  let lastBitArr = new Int32Array(capacity);

  const makeChunk = (pattern: string, startIndex: number): Chunk => {
    const alphabet = new Int32Array(alphabetSize);
    const len = pattern.length;
    const tally = new Map<number, number>();
    let foreign = 0;
    for (let i = 0; i < len; i++) {
      const id = ids.get(pattern.charCodeAt(i));
      if (id === undefined) {
        foreign += 1;
        continue;
      }
      alphabet[id] = (alphabet[id] as number) | (1 << (len - i - 1));
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    // The deepest error level fuse.js explores: the largest i < len with i / len <= threshold.
    let maxErrors = 0;
    while (maxErrors + 1 < len && (maxErrors + 1) / len <= threshold) maxErrors += 1;
    return {
      length: len,
      alphabet,
      ids: Int32Array.from(tally.keys()),
      counts: Int32Array.from(tally.values()),
      foreign,
      maxErrors,
      needed: len - maxErrors,
      startIndex,
    };
  };

  /**
   * Whether a text may hold a match of a chunk: first whether its character histogram shares
   * enough characters with the chunk (cheap), then whether some substring of it is within
   * `maxErrors` edits of the chunk (linear in the text). Both are exact (file comment).
   */
  const mayMatch = (chunk: Chunk, row: number, shared: Int32Array, at: number): boolean => {
    // Characters no text holds can never be matched as equal.
    if (chunk.length - chunk.foreign < chunk.needed) return false;
    if ((shared[at + row] as number) < chunk.needed) return false;
    return withinEdits(chunk, encoded[row] as Int32Array);
  };
  /**
   * Writes into `shared` from `at` the characters each row shares with the chunk (for each of
   * the chunk's characters, the lesser of its two counts), for mayMatch's histogram test.
   */
  const tallyShared = (chunk: Chunk, shared: Int32Array, at: number, candidates: number[]): void => {
    shared.fill(0, at, at + texts.length);
    const { ids: chunkIds, counts, needed } = chunk;
    for (let k = 0; k < chunkIds.length; k++) {
      const id = chunkIds[k] as number;
      const want = counts[k] as number;
      const rows = postingRows[id] as Int32Array;
      const have = postingCounts[id] as Uint8Array;
      for (let p = 0; p < rows.length; p++) {
        const h = have[p] as number;
        const row = rows[p] as number;
        const before = shared[at + row] as number;
        const after = before + (h < want ? h : want);
        shared[at + row] = after;
        // A row reaching `needed` for some chunk is one the search must look at; every other
        // row fails mayMatch for every chunk (and cannot equal the pattern, which shares all).
        if (before < needed && after >= needed && candidateMark[row] !== searchStamp) {
          candidateMark[row] = searchStamp;
          candidates.push(row);
        }
      }
    }
  };
  // Rows already listed as candidates by the current search (stamped with its number).
  const candidateMark = new Int32Array(texts.length);
  let searchStamp = 0;

  /**
   * Whether some substring of the text is within `chunk.maxErrors` edits of the chunk: Myers's
   * bit-parallel edit distance (J. ACM 46(3), 1999) in its search form, where a match may start
   * anywhere in the text (row 0 of the table is all 0). It runs on the reversed chunk over the
   * reversed text, the same distances: there bit `q` of a character's mask is position `q` of
   * the reversed chunk, which is exactly bitap's mask (bit `m − 1 − p` for position `p`), so
   * no second alphabet is built.
   */
  const withinEdits = (chunk: Chunk, codes: Int32Array): boolean => {
    const m = chunk.length;
    const maxErrors = chunk.maxErrors;
    const { alphabet } = chunk;
    const high = 1 << (m - 1);
    // Bits above m − 1 only ever carry or shift upwards, so they never disturb the result.
    let pv = m === MAX_BITS ? -1 : (1 << m) - 1;
    let mv = 0;
    // The chunk's edit distance to the best substring starting at j (the text is read backwards).
    let distance = m;
    for (let j = codes.length - 1; j >= 0; j--) {
      const eq = alphabet[codes[j] as number] as number;
      const xv = eq | mv;
      // With m = 32 the sum may need 33 bits; `^` takes it modulo 2^32, dropping only the carry
      // out of bit 31, which no position of the chunk reads.
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) distance += 1;
      else if (mh & high) distance -= 1;
      if (distance <= maxErrors) return true;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return false;
  };

  /** fuse.js's bitap `search` with ignoreLocation on; returns the chunk's score, or -1 for no match. */
  const bitap = (codes: Int32Array, chunk: Chunk, text: string, pattern: string): number => {
    const patternLen = chunk.length;
    const textLen = codes.length;
    const expectedLocation = Math.max(0, Math.min(chunk.startIndex, textLen));
    let currentThreshold = threshold;
    let bestLocation = expectedLocation;
    // Exact occurrences first (fuse.js: text.indexOf(pattern, bestLocation)).
    let index: number;
    while ((index = text.indexOf(pattern, bestLocation)) > -1) {
      currentThreshold = Math.min(0, currentThreshold);
      bestLocation = index + patternLen;
    }
    bestLocation = -1;
    let finalScore = 1;
    const binMax = patternLen + textLen;
    const mask = 1 << (patternLen - 1);
    const { alphabet } = chunk;
    const finish = Math.min(expectedLocation + binMax, textLen) + patternLen;
    if (finish + 2 > bitArr.length) {
      bitArr = new Int32Array(finish + 2);
      lastBitArr = new Int32Array(finish + 2);
    } else bitArr.fill(0, 0, finish + 2);
    for (let i = 0; i < patternLen; i += 1) {
      // With ignoreLocation the binary search of fuse.js always settles on binMax, so the
      // window is the whole text at every level.
      let start = Math.max(1, expectedLocation - binMax + 1);
      bitArr[finish + 1] = (1 << i) - 1;
      for (let j = finish; j >= start; j -= 1) {
        const currentLocation = j - 1;
        const charMatch = currentLocation < textLen ? (alphabet[codes[currentLocation] as number] as number) : 0;
        let bits = (((bitArr[j + 1] as number) << 1) | 1) & charMatch;
        if (i) bits |= ((((lastBitArr[j + 1] as number) | (lastBitArr[j] as number)) << 1) | 1 | (lastBitArr[j + 1] as number));
        bitArr[j] = bits;
        if (bits & mask) {
          finalScore = i / patternLen;
          if (finalScore <= currentThreshold) {
            currentThreshold = finalScore;
            bestLocation = currentLocation;
            if (bestLocation <= expectedLocation) break;
            start = Math.max(1, 2 * expectedLocation - bestLocation);
          }
        }
      }
      if ((i + 1) / patternLen > currentThreshold) break;
      // fuse.js keeps the finished row as the previous level; the old previous row is reused.
      const swap = lastBitArr;
      lastBitArr = bitArr;
      bitArr = swap;
      // A fresh fuse.js row is all undefined (0 in bit operations) beyond what it writes.
      bitArr.fill(0, 0, finish + 2);
    }
    return bestLocation >= 0 ? Math.max(0.001, finalScore) : -1 - Math.max(0.001, finalScore);
  };

  let bitapCalls = 0;
  let bitapMatches = 0;

  return {
    stats: () => ({ bitapCalls, bitapMatches }),
    search(rawPattern: string): readonly FuzzyHit[] {
      if (!rawPattern.trim()) return texts.map((_, index) => ({ index, score: undefined }));
      const pattern = rawPattern.toLowerCase();
      if (pattern.length === 0) return [];
      const chunks: Chunk[] = [];
      const chunkTexts: string[] = [];
      const len = pattern.length;
      if (len > MAX_BITS) {
        let i = 0;
        const remainder = len % MAX_BITS;
        const end = len - remainder;
        while (i < end) {
          chunkTexts.push(pattern.substring(i, i + MAX_BITS));
          chunks.push(makeChunk(pattern.substring(i, i + MAX_BITS), i));
          i += MAX_BITS;
        }
        if (remainder) {
          const startIndex = len - MAX_BITS;
          chunkTexts.push(pattern.substring(startIndex));
          chunks.push(makeChunk(pattern.substring(startIndex), startIndex));
        }
      } else {
        chunkTexts.push(pattern);
        chunks.push(makeChunk(pattern, 0));
      }
      const mayChunk = new Uint8Array(chunks.length);
      const rowCount = texts.length;
      if (sharedBuf.length < chunks.length * rowCount) sharedBuf = new Int32Array(chunks.length * rowCount);
      const shared = sharedBuf;
      searchStamp += 1;
      const candidates: number[] = [];
      for (let c = 0; c < chunks.length; c++) tallyShared(chunks[c] as Chunk, shared, c * rowCount, candidates);
      // In list order, as fuse.js returns its hits.
      const rowsToSee = Int32Array.from(candidates).sort();
      const hits: FuzzyHit[] = [];
      for (const row of rowsToSee) {
        if (blank[row]) continue;
        const text = lowered[row] as string;
        if (pattern === text) {
          // fuse.js scores an exact match 0, and a 0 score of a weighted key Number.EPSILON.
          hits.push({ index: row, score: Number.EPSILON });
          continue;
        }
        let any = false;
        for (let c = 0; c < chunks.length; c++) {
          const may = mayMatch(chunks[c] as Chunk, row, shared, c * rowCount);
          mayChunk[c] = may ? 1 : 0;
          if (may) any = true;
        }
        if (!any) continue;
        const codes = encoded[row] as Int32Array;
        let total = 0;
        let matched = false;
        for (let c = 0; c < chunks.length; c++) {
          const chunk = chunks[c] as Chunk;
          // A chunk that cannot match scores 1, as in fuse.js (its bitap finds nothing).
          if (mayChunk[c] === 0) {
            total += 1;
            continue;
          }
          const s = bitap(codes, chunk, text, chunkTexts[c] as string);
          bitapCalls += 1;
          if (s >= 0) {
            bitapMatches += 1;
            matched = true;
            total += s;
          } else total += -1 - s;
        }
        if (matched) hits.push({ index: row, score: total / chunks.length });
      }
      return hits;
    },
  };
}
