import { z } from 'zod';
import { NameSchema } from './common.js';

/**
 * Words of spec values that mean the same or include one another, as data: `synonyms` lists
 * groups of words for one thing (`STS304`, `SUS304`, `AISI 304`), the first word of a group
 * being the one shown; `covers` says that a word includes others (`nationwide` covers
 * `Incheon`), transitively (`nationwide` covers `capital area`, which covers `Incheon`).
 * Words compare without case, spaces, hyphens or underscores, as spec words always do.
 *
 * @example
 * SpecVocabularySchema.parse({ synonyms: [['STS304', 'SUS304']], covers: { nationwide: ['Incheon'] } });
 */
export const SpecVocabularySchema = z.strictObject({
  /** Groups of words for one thing; a word may be in one group only. */
  synonyms: z.array(z.array(NameSchema).min(2).max(100)).max(10_000),
  /** A word and the words it includes: an offered `nationwide` meets a required `Incheon`. */
  covers: z.record(NameSchema, z.array(NameSchema).min(1).max(1_000)),
});
/**
 * A vocabulary of spec words (see {@link SpecVocabularySchema}).
 *
 * @example
 * const v: SpecVocabulary = { synonyms: [['EPDM', '이피디엠']], covers: {} };
 */
export type SpecVocabulary = z.infer<typeof SpecVocabularySchema>;

const KOREAN_REGIONS: readonly (readonly [string, string])[] = [
  ['Seoul', '서울'], ['Busan', '부산'], ['Daegu', '대구'], ['Incheon', '인천'], ['Gwangju', '광주'],
  ['Daejeon', '대전'], ['Ulsan', '울산'], ['Sejong', '세종'], ['Gyeonggi', '경기'], ['Gangwon', '강원'],
  ['Chungbuk', '충북'], ['Chungnam', '충남'], ['Jeonbuk', '전북'], ['Jeonnam', '전남'], ['Gyeongbuk', '경북'],
  ['Gyeongnam', '경남'], ['Jeju', '제주'],
];

/**
 * The vocabulary spec fit uses unless told otherwise: stainless grades by their Korean (STS),
 * Japanese (SUS) and American (AISI) names, and Korean service regions (`nationwide` and the
 * capital area cover their provinces and cities), in English and Korean.
 *
 * @example
 * BUILTIN_SPEC_VOCABULARY.covers.nationwide?.includes('capital area'); // => true
 */
export const BUILTIN_SPEC_VOCABULARY: SpecVocabulary = Object.freeze({
  synonyms: [
    ['STS304', 'SUS304', 'AISI 304', '304 stainless', 'SS304', '304'],
    ['STS304L', 'SUS304L', 'AISI 304L', '304L', 'SS304L'],
    ['STS316', 'SUS316', 'AISI 316', '316 stainless', 'SS316', '316'],
    ['STS316L', 'SUS316L', 'AISI 316L', '316L', 'SS316L'],
    ['nationwide', '전국', 'all regions'],
    ['capital area', '수도권'],
    ...KOREAN_REGIONS.map(([en, ko]) => [en, ko]),
  ],
  covers: {
    nationwide: ['capital area', ...KOREAN_REGIONS.map(([en]) => en)],
    'capital area': ['Seoul', 'Incheon', 'Gyeonggi'],
  },
});

/**
 * A vocabulary ready to compare words already normalized by `normalize`: the word that stands
 * for a word's synonyms, and the words a word covers (itself included).
 *
 * @example
 * const v = compileVocabulary(BUILTIN_SPEC_VOCABULARY, (s) => s.toLowerCase().replace(/\s+/g, ''));
 * v.canonical('sus304');      // => 'sts304'
 * v.covered('nationwide');    // => ['nationwide', 'capitalarea', 'seoul', ...]
 */
export function compileVocabulary(
  vocabulary: SpecVocabulary,
  normalize: (s: string) => string,
): { readonly canonical: (word: string) => string; readonly covered: (word: string) => readonly string[] } {
  const canonicalOf = new Map<string, string>();
  for (const group of vocabulary.synonyms) {
    const head = normalize(group[0] as string);
    for (const w of group) {
      const n = normalize(w);
      // First group wins: a later group cannot silently move a word to another meaning.
      if (!canonicalOf.has(n)) canonicalOf.set(n, head);
    }
  }
  const canonical = (word: string): string => canonicalOf.get(word) ?? word;
  const children = new Map<string, string[]>();
  for (const [parent, kids] of Object.entries(vocabulary.covers)) {
    const p = canonical(normalize(parent));
    const list = children.get(p) ?? [];
    for (const k of kids) list.push(canonical(normalize(k)));
    children.set(p, list);
  }
  const closures = new Map<string, readonly string[]>();
  const covered = (word: string): readonly string[] => {
    const known = closures.get(word);
    if (known !== undefined) return known;
    const seen = new Set<string>([word]);
    const stack = [word];
    while (stack.length > 0) {
      for (const kid of children.get(stack.pop() as string) ?? []) {
        if (!seen.has(kid)) {
          seen.add(kid);
          stack.push(kid);
        }
      }
    }
    const closure = Object.freeze([...seen]);
    closures.set(word, closure);
    return closure;
  };
  return { canonical, covered };
}
