/*
 * Reading a demand line's or an offering's free text: which words name the item, and what
 * else the text says (quantities, certificates, qualifiers, negations, side phrases, supplier
 * boilerplate). The vocabulary is data (text-vocabulary.ts); this file only applies it.
 *
 * How: the text is read on its NFKC form (one code point at a time, so that every character
 * maps back to the text as written); passes claim character ranges in a fixed order
 * (company words, certificates, side phrases, negations, designations, quantities, qualifiers,
 * purposes, then word by word filler and particles); a character claimed once is never claimed
 * again. What no pass claimed is item words. Every character of the text ends up in exactly
 * one span: item words, a piece, or a separator (spaces and punctuation).
 */
import { parseQuantity, type Quantity } from '../model/quantity.js';
import { SPEC_PATTERN_PARTS } from './normalize.js';
import {
  BOUND_AFTER,
  BOUND_BEFORE,
  CERTIFICATE_WORDS,
  CLASS_WORDS,
  type DesignationSpec,
  DESIGNATIONS,
  EXPLICIT_WORDS,
  FILLER_WORDS,
  FORM_SUFFIXES,
  FORM_WORDS,
  ITEM_LABELS,
  HANGUL_ONLY_PARTICLES,
  NEGATION_AFTER,
  NEGATION_AFTER_LATIN,
  NEGATION_BEFORE,
  PACKING_WORDS_LATIN,
  PARTICLES,
  PREDICATE_ENDINGS,
  PURPOSE_AFTER,
  PURPOSE_BEFORE,
  PURPOSE_DEDICATED,
  PURPOSE_ENDING,
  PURPOSE_EXCEPTION_ENDINGS,
  PURPOSE_EXCEPTIONS,
  PURPOSE_REACH,
  QUALIFIER_WORDS,
  REFERENCE_ENDINGS,
  REPLACEMENT_SIDE_PATTERN,
  REPLACEMENT_WORDS,
  REQUEST_BEFORE_PATTERN,
  SIDE_ENDINGS,
  SIDE_PATTERNS,
  SPEC_NAME_WORDS,
  USE_VERBS,
  WITH_SIDE_PATTERN,
} from './text-vocabulary.js';

/** What a piece of a text is, when it is not the item's name. */
export type TextPieceKind =
  | 'quantity'
  | 'certificate'
  | 'qualifier'
  | 'negation'
  | 'designation'
  | 'side'
  | 'purpose'
  | 'boilerplate'
  | 'filler';

/**
 * One thing read out of a text, with where it stands (UTF-16 offsets into the text as written).
 *
 * @example
 * const p: TextPiece = { kind: 'quantity', text: '60 g/L 이상', start: 11, end: 20, bound: 'min', explicit: true };
 */
export interface TextPiece {
  readonly kind: TextPieceKind;
  /** As written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Quantity pieces: the value read by `parseQuantity`, or why it could not be read. */
  readonly quantity?: Quantity;
  readonly unread?: string;
  /** Quantity pieces: the text makes it a minimum or a maximum (`이상`, `min`, `≤`). */
  readonly bound?: 'min' | 'max';
  /** The text is explicit (`이상`, `필수`, `must`): a requirement made of it is `required`. */
  readonly explicit?: boolean;
  /** Certificate pieces: the certificate type (`USP Class VI`, `ISO 14644`, `GMP`). */
  readonly certificate?: string;
  /** Cleanroom classes: the class number (`ISO 7` → 7). */
  readonly cleanroomClass?: number;
  /** Qualifier and negation pieces: the qualifier concept (`sterile`, `gamma`). */
  readonly concept?: string;
  /** Negation pieces: what is negated, as written (`초저온 냉동고`). */
  readonly negated?: string;
  /** Designation pieces: what the designation is (`steel grade`, `vial size (ISO 8362)`). */
  readonly meaning?: string;
  /** Designation pieces: how it becomes a spec requirement (text-vocabulary.ts `DESIGNATIONS`). */
  readonly spec?: DesignationSpec;
}

/** One span of a text; spans cover the text without gaps or overlaps, in order. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  /** `item`: words the item is resolved on; `separator`: spaces and punctuation; else a piece. */
  readonly kind: 'item' | 'separator' | TextPieceKind;
  /** Index into `pieces` for piece spans. */
  readonly piece?: number;
}

/** A word the item is resolved on, with its weight (1 an item word; less for qualifiers and purposes). */
export interface WeightedWord {
  readonly text: string;
  readonly weight: number;
}

/**
 * What {@link readText} found in a text.
 *
 * @example
 * readText('2D 백 50L, 감마 멸균').words; // => [{ text: '2D 백', weight: 1 }, { text: '감마 멸균', weight: 0.25 }]
 */
export interface TextReading {
  readonly text: string;
  /** Words to resolve the item on, in text order. */
  readonly words: readonly WeightedWord[];
  /** Everything else read, in text order. */
  readonly pieces: readonly TextPiece[];
  readonly spans: readonly TextSpan[];
}

/**
 * Options of {@link readText}.
 *
 * @example
 * readText('(주)한빛 제균필터', { stripCompanyWords: false }).pieces.length; // => 0
 */
export interface ReadTextOptions {
  /** Read company-type words (`(주)`, `Co., Ltd.`) as boilerplate; default true. */
  readonly stripCompanyWords?: boolean;
}

/** Weight of a qualifier word (`sterile`, `감마 멸균`) against an item word's 1. */
export const QUALIFIER_WEIGHT = 0.25;
/** Weight of a purpose word (`CHO 배양용`, `for mAb capture`). */
export const PURPOSE_WEIGHT = 0.6;

// --- compiled vocabulary ----------------------------------------------------------------------

/** Latin letters and digits may not touch a pattern; Hangul may (Korean glues words). */
const B = '(?<![A-Za-z0-9])';
const E = '(?![A-Za-z0-9])';
const alt = (xs: readonly string[]): string => xs.map((x) => `(?:${x})`).join('|');
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

// A dash (`—`, `–`) separates as a comma does (`UF cassette 10kD 재생셀룰로스 — PES 아님`).
const DELIMITER = '[,;()\\[\\]{}+·\\n—–]';
/** A character that ends a clause: a side phrase or a spec name does not look across it. */
const CLAUSE_END = new RegExp(DELIMITER, 'u');
const WORD = '[^\\s,;()\\[\\]{}+·—–]+';
/**
 * A gloss: a bracket glued to the word before it, holding another short name of it and no
 * comma (`안전작업대(BSC)`, `액체질소(LN2)`, `BI(생물학적 지표)`). It is inside the word's noun phrase:
 * its brackets end no clause. A bracket after a space (`방진복 (비멸균, ...)`) or holding a list
 * (`볼밸브(316L, TC 연결)`) is a clause of its own.
 */
const GLOSS = /(?<=[\p{L}\p{N}])\(([^()[\]{},;\n]{1,24})\)(?=[\s.,;:]|$)/gu;

/**
 * Every gloss of a text (GLOSS), as the offsets of its opening and closing brackets: a gloss
 * restates the word before it, within its noun phrase.
 *
 * @example
 * glossSpans('안전작업대(BSC) 교체용 UV 램프'); // => [[5, 9]]
 */
export function glossSpans(text: string): (readonly [open: number, close: number])[] {
  return [...text.matchAll(GLOSS)].map((m) => [m.index, m.index + m[0].length - 1] as const);
}
const LISTED_WORD = `${WORD}(?:·${WORD})*`;
const { number: NUMBER, latinUnits, koreanUnits, rateUnits } = SPEC_PATTERN_PARTS;
// A Latin unit may be glued to a Korean word after it (`170L급`), not to a Latin one.
const UNIT = `(?:(?:${latinUnits}|℃|°c|°f)(?![A-Za-z0-9])|(?:${koreanUnits}))(?:\\s*/\\s*(?:${rateUnits})(?![A-Za-z]))?(?:급)?`;
/** A Latin word, and a part number: letters and digits in one word (`DP-600`, `SVX-0210PE`). */
const LATIN_WORD = '(?<![\\p{L}\\p{N}])[A-Za-z][\\w./-]*';
const MODEL_WORD = '(?<![\\p{L}\\p{N}])(?:[A-Za-z][\\w./-]*\\d|\\d[\\w./-]*[A-Za-z])[\\w./-]*';
const boundBefore = alt(Object.keys(BOUND_BEFORE).sort((a, b) => b.length - a.length).map(esc));
const boundAfter = alt(Object.keys(BOUND_AFTER).sort((a, b) => b.length - a.length).map(esc));

/**
 * Korean number words written after digits (`500만개` = 5,000,000 ea, `3천 L`): the reader
 * multiplies them out before `parseQuantity` reads the value.
 */
const KOREAN_MULTIPLIERS: Readonly<Record<string, number>> = Object.freeze({ 천: 1e3, 만: 1e4, 억: 1e8 });
const MYRIADS = Object.keys(KOREAN_MULTIPLIERS).join('');

const RX = {
  koreanCompany: new RegExp(SPEC_PATTERN_PARTS.koreanCompanyWords, 'gu'),
  latinCompany: new RegExp(SPEC_PATTERN_PARTS.latinCompanyWords, 'giu'),
  certificates: CERTIFICATE_WORDS.map((c) => ({ word: c, rx: new RegExp(`${B}(?:${alt(c.patterns)})${E}`, 'giu') })),
  sidePlus: /\+\s*[^,;()[\]{}\n]+/gu,
  sideLatin: new RegExp(`${B}(?:${alt(SIDE_PATTERNS)})`, 'giu'),
  replacementLatin: new RegExp(`${B}(?:${REPLACEMENT_SIDE_PATTERN})`, 'giu'),
  withLatin: new RegExp(`${B}(?:${WITH_SIDE_PATTERN})`, 'giu'),
  // A form's field name before its colon (`2. 내용적: 170L`, `/ Qty: 2`), after a boundary.
  fieldLabel: /(?<=^|[\s,;/|\])>]|\d\.)([\p{L}][\p{L}\p{N} ]{0,14}?)\s*:(?=\s|$)/gu,
  ofLatin: /(?<![A-Za-z0-9])([A-Za-z][\w-]*)(\s+of\s+)[^,;()[\]{}\n]+/giu,
  requestLatin: new RegExp(`${B}(?:${REQUEST_BEFORE_PATTERN})${E}`, 'giu'),
  // Words joined by `·` are one coordinated word there (`스파저·포트 포함`: both come with the item).
  sideKorean: new RegExp(`((?:${LISTED_WORD}\\s+){0,2}?${LISTED_WORD})?\\s*(?:${alt(SIDE_ENDINGS)})(?![\\uAC00-\\uD7A3])`, 'gu'),
  // Another maker's brand or part number before a Korean word of replacement (REFERENCE_ENDINGS).
  reference: new RegExp(
    `(?:(?:수입|기존|외산)\\s+)?(?:${LATIN_WORD}\\s+){0,2}(?:${MODEL_WORD}|${LATIN_WORD}\\s+${LATIN_WORD})(?:\\s*제품[과와]?)?\\s*(?:${alt(REFERENCE_ENDINGS)})(?![\\uAC00-\\uD7A3])`,
    'gu',
  ),
  // Lazy: from the same first word, the longest ending wins (`IPA 제품 사용 불가`: `사용 불가`).
  negAfter: new RegExp(`((?:${WORD}\\s+){0,2}?${WORD})\\s*(?:${alt(NEGATION_AFTER)})(?![\\uAC00-\\uD7A3])`, 'gu'),
  negAfterLatin: new RegExp(`${B}((?:${WORD}\\s+){0,2}${WORD})\\s+(?:${alt(NEGATION_AFTER_LATIN)})${E}`, 'giu'),
  negBefore: new RegExp(`${B}(?:${alt(NEGATION_BEFORE)})(${WORD})`, 'giu'),
  designations: DESIGNATIONS.map((d) => ({ d, rx: new RegExp(`${B}(?:${d.pattern})${E}`, 'giu') })),
  quantity: new RegExp(
    `(?:${B}(?:${boundBefore})\\s*)?(?:±\\s*)?(?<![A-Za-z0-9.])(?:[-−](?=\\d))?${NUMBER}(?:\\s*[${MYRIADS}])?(?:\\s*(?:-|~|–|to)\\s*-?${NUMBER})?(?:\\s*[x×*]\\s*${NUMBER})*\\s*${UNIT}(?:\\s*(?:${boundAfter})${E})?`,
    'giu',
  ),
  qualifiers: QUALIFIER_WORDS.map((q) => ({ q, rx: new RegExp(`${B}(?:${alt(q.patterns)})${E}`, 'giu') })),
  purposeLatin: new RegExp(`${B}(?:${alt(PURPOSE_BEFORE)})\\s+([^,;()[\\]{}\\n]+)`, 'giu'),
  // `Sartorius-compatible O-ring`: the word before is the purpose; `compatible with X` is a side phrase.
  purposeAfter: new RegExp(`${B}([A-Za-z][\\w.]*)[-\\s]+(${alt(PURPOSE_AFTER)})${E}(?!\\s+with)`, 'giu'),
  explicit: new RegExp(`${B}(?:${alt(EXPLICIT_WORDS)})${E}`, 'iu'),
  word: /[\p{L}\p{N}]+(?:[.\-/'][\p{L}\p{N}]+)*/gu,
};
const FILLER = new Set(FILLER_WORDS);
const SPEC_NAMES = new Set(SPEC_NAME_WORDS);
const HANGUL = /[\uAC00-\uD7A3]/u;

// --- the reader -------------------------------------------------------------------------------

/**
 * Reads a free text: the words the item is resolved on (with weights) and every other piece
 * (quantities parsed with `parseQuantity`, certificates, qualifiers, negations, designations
 * such as `316L` or `2R`, side phrases such as `오토클레이브 가능` or `+ 가스켓 세트`, purposes,
 * supplier boilerplate and filler). Pure and deterministic; no catalog needed.
 *
 * @example
 * const r = readText('프로틴A 레진 DBC 50 g/L 이상, NaOH CIP 가능');
 * r.words.map((w) => w.text); // => ['프로틴A 레진']
 * r.pieces.map((p) => p.kind); // => ['filler', 'quantity', 'side']
 */
export function readText(text: string, options?: ReadTextOptions): TextReading {
  // NFKC one code point at a time, remembering where each normalized character came from.
  let n = '';
  const from: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const norm = ch.normalize('NFKC');
    for (let k = 0; k < norm.length; k++) from.push(offset);
    n += norm;
    offset += ch.length;
  }
  from.push(text.length);
  const owner = new Int32Array(n.length).fill(-1);
  /** Kept as words: item designations (-2), qualifiers and purposes are pieces that also weigh. */
  const pieces: (TextPiece & { readonly weight?: number })[] = [];
  const free = (s: number, e: number): boolean => {
    for (let i = s; i < e; i++) if (owner[i] !== -1) return false;
    return true;
  };
  const claim = (s: number, e: number, piece: Omit<TextPiece, 'start' | 'end' | 'text'> & { readonly weight?: number }, partial = false): void => {
    // Trim spaces at the ends of the claimed range.
    while (s < e && /\s/u.test(n[s] ?? '')) s++;
    while (e > s && /\s/u.test(n[e - 1] ?? '')) e--;
    if (s >= e || (!partial && !free(s, e))) return;
    const index = pieces.length;
    let first = -1;
    let last = -1;
    for (let i = s; i < e; i++) {
      // Spaces inside a piece stay separators: only words are claimed.
      if (owner[i] === -1 && !/\s/u.test(n[i] ?? '')) {
        owner[i] = index;
        if (first === -1) first = i;
        last = i;
      }
    }
    if (first === -1) return;
    const start = from[first] ?? 0;
    const end = from[last + 1] ?? text.length;
    pieces.push({ ...piece, text: text.slice(start, end), start, end });
  };
  const each = (rx: RegExp, f: (m: RegExpMatchArray, s: number, e: number) => void): void => {
    rx.lastIndex = 0;
    for (const m of n.matchAll(rx)) f(m, m.index ?? 0, (m.index ?? 0) + m[0].length);
  };
  /** Whether the word after position e in its clause could name the item. */
  const itemWordFollows = (e: number): boolean => {
    const rest = n.slice(e);
    const cut = rest.search(CLAUSE_END);
    const next = new RegExp(RX.word.source, 'u').exec(cut === -1 ? rest : rest.slice(0, cut));
    if (next === null) return false;
    const ws = e + next.index;
    return free(ws, ws + next[0].length) && couldNameItem(next[0]);
  };
  /**
   * Whether a word that could name the item stands outside [s, e) (before s alone when `before`):
   * unclaimed, led by a letter, of two letters or more, not a quantity (not yet claimed when side
   * phrases are read), not filler.
   */
  // Where the quantities stand, read from the text alone: worked out once, on first use.
  let quantityMask: Uint8Array | undefined;
  const itemWordOutside = (s: number, e: number, before = false): boolean => {
    if (quantityMask === undefined) {
      const mask = new Uint8Array(n.length);
      each(RX.quantity, (_m, qs, qe) => mask.fill(1, qs, qe));
      quantityMask = mask;
    }
    const quantity = quantityMask;
    let found = false;
    each(RX.word, (m, ws, we) => {
      if (found || (ws < e && we > s) || (before && ws >= s) || !free(ws, we) || quantity[ws] === 1) return;
      if (couldNameItem(m[0]) && (m[0].match(/\p{L}/gu) ?? []).length >= 2) found = true;
    });
    return found;
  };

  // A form (ITEM_LABELS): its field names are filler, its values stay.
  const labels = [...n.matchAll(RX.fieldLabel)];
  if (labels.some((m) => ITEM_LABELS.includes((m[1] ?? '').trim().toLowerCase()))) {
    for (const m of labels) claim(m.index ?? 0, (m.index ?? 0) + (m[1] ?? '').length, { kind: 'filler' });
    // and the numbers of its clauses (`1. 품명: ... 2. 내용적: ...`)
    for (const m of n.matchAll(/(?<=^|\s)\d{1,2}\.(?=\s*\p{L})/gu)) claim(m.index ?? 0, (m.index ?? 0) + m[0].length, { kind: 'filler' });
  }
  if (options?.stripCompanyWords ?? true) {
    each(RX.koreanCompany, (_m, s, e) => claim(s, e, { kind: 'boilerplate' }));
    each(RX.latinCompany, (_m, s, e) => claim(s, e, { kind: 'boilerplate' }));
  }
  for (const { word, rx } of RX.certificates) {
    each(rx, (m, s, e) => {
      const cls = word.cleanroomClass === true ? /(\d+)\s*$/u.exec(m[0])?.[1] : undefined;
      claim(s, e, { kind: 'certificate', certificate: word.type, ...(cls !== undefined && Number(cls) < 10 ? { cleanroomClass: Number(cls) } : {}) });
    });
  }
  // Qualifiers that read as negations (`동물유래성분 없음`) are qualifiers: claimed before negations.
  for (const { q, rx } of RX.qualifiers.slice(0, 1)) each(rx, (_m, s, e) => claim(s, e, { kind: 'qualifier', concept: q.concept, weight: QUALIFIER_WEIGHT }));
  each(RX.negAfter, (m, s, e) => claim(s, e, negation(m[1] ?? m[0]), true));
  each(RX.negAfterLatin, (m, s, e) => claim(s, e, negation(m[1] ?? m[0]), true));
  each(RX.negBefore, (m, s, e) => claim(s, e, negation(m[1] ?? m[0]), true));
  each(RX.sidePlus, (_m, s, e) => claim(s, e, { kind: 'side' }, true));
  each(RX.sideLatin, (_m, s, e) => claim(s, e, { kind: 'side' }, true));
  // What the item replaces or equals names another maker's product after an item word; with no
  // word before it that could name an item, it is the item asked for (`Second source for PVDF
  // sterilizing cartridges`) and only its framing words are filler.
  each(RX.replacementLatin, (m, s, e) => {
    if (itemWordOutside(s, e, true)) claim(s, e, { kind: 'side' }, true);
    else claim(s, s + (m[1] ?? '').length, { kind: 'filler' }, true);
  });
  // What it comes with or has still says which of its kind the item is (`with alkali-stable
  // ligand`, `with wire helix reinforcement`): its words stay, at a qualifier's weight, heading nothing.
  each(RX.withLatin, (_m, s, e) => {
    if (itemWordOutside(s, e, true)) claim(s, e, { kind: 'side', weight: QUALIFIER_WEIGHT }, true);
  });
  each(RX.reference, (_m, s, e) => claim(s, e, { kind: 'side' }, true));
  each(RX.sideKorean, (m, s, e) => {
    // `공급 가능` after an item is the supplier's "can supply": only the filler word goes.
    const words = (m[1] ?? '').trim().split(/\s+/u).filter((w) => w !== '');
    const last = words[words.length - 1];
    if (last !== undefined && isFillerWord(last)) {
      const cut = n.lastIndexOf(last, e);
      claim(cut, e, { kind: 'boilerplate' }, true);
      return;
    }
    // A side phrase is what else the item comes with, never the item: when reaching back would
    // leave the text no word to name the item by (`의약품 냉동고 온도기록계 포함`), it keeps only
    // the word before its ending (`온도기록계 포함`).
    let from = last !== undefined && words.length > 1 && !itemWordOutside(s, e) ? s + (m[1] ?? '').lastIndexOf(last) : s;
    // A side phrase does not reach back across a quantity (`온도 데이터로거 -80℃ 대응`: what
    // works at -80 ℃ is the logger); the quantity stays a quantity.
    const reach = s + (m[1] ?? '').length;
    each(RX.quantity, (_q, qs, qe) => {
      if (qe > from && qs < reach) from = Math.max(from, qe);
    });
    claim(from, e, { kind: 'side', ...(/필수/u.test(m[0]) ? { explicit: true } : {}) }, true);
  });
  for (const { d, rx } of RX.designations) {
    each(rx, (_m, s, e) => claim(s, e, { kind: 'designation', meaning: d.meaning, ...(d.spec !== undefined ? { spec: d.spec } : {}), ...(d.keep ? { weight: 1 } : {}) }));
  }
  each(RX.quantity, (m, s, e) => claim(s, e, quantityPiece(m[0])));
  for (const { q, rx } of RX.qualifiers.slice(1)) each(rx, (_m, s, e) => claim(s, e, { kind: 'qualifier', concept: q.concept, weight: QUALIFIER_WEIGHT }));
  // A request before `for` (`looking for`, `a domestic supplier of`): what follows is the item.
  each(RX.requestLatin, (_m, s, e) => claim(s, e, { kind: 'filler' }, true));
  each(RX.purposeLatin, (_m, s, e) => {
    if (free(s, s + 1)) claim(s, e, { kind: 'purpose', weight: PURPOSE_WEIGHT }, true);
  });
  // English `X of Y`: X heads the phrase and Y says what it is of (`inspection of biosafety
  // cabinets`), unless X packs or counts the item (`box of nitrile gloves`).
  each(RX.ofLatin, (m, s, e) => {
    const word = m[1] ?? '';
    const of = s + word.length;
    const after = of + (m[2] ?? '').length;
    if (!free(s, of) || !free(of, after)) return;
    if (PACKING_WORDS_LATIN.includes(word.toLowerCase())) claim(s, after, { kind: 'filler' });
    else if (couldNameItem(word)) claim(of, e, { kind: 'purpose', weight: PURPOSE_WEIGHT }, true);
  });
  each(RX.purposeAfter, (m, s, e) => {
    const word = m[1] ?? '';
    claim(s, s + word.length, { kind: 'purpose', weight: PURPOSE_WEIGHT });
    claim(e - (m[2] ?? '').length, e, { kind: 'filler' });
  });
  /**
   * Where a Korean purpose word at [s, e) starts its noun phrase: back over at most PURPOSE_REACH
   * free words that could name an item, within its clause, when the purpose modifies a noun
   * after it in its clause or the item was named in an earlier clause (else the words before it
   * are the item, `인산계 세정제 CIP용`); s when it reaches nothing. A qualifier between them is
   * inside the purpose's noun phrase (`오토클레이브 멸균 확인용`: checking the autoclave's
   * sterilization) and does not stop the reach, nor count in it.
   */
  const wordSpans = [...n.matchAll(RX.word)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length, m[0]] as const);
  const glosses = new Set(glossSpans(n).flat());
  const qualifierAt = (s: number, e: number): boolean => {
    const index = owner[s] ?? -1;
    return index !== -1 && pieces[index]?.kind === 'qualifier' && (owner[e - 1] ?? -1) === index;
  };
  const purposeStart = (s: number, e: number): number => {
    const at = wordSpans.findIndex(([ws]) => ws === s);
    const clauseOf = (from: number, to: number): boolean => !CLAUSE_END.test(n.slice(from, to));
    const names = ([ws, we, w]: readonly [number, number, string]): boolean => free(ws, we) && couldNameItem(w);
    const later = wordSpans.slice(at + 1).some((x) => clauseOf(e, x[0]) && names(x));
    let from = s;
    let edge = s;
    let reached = 0;
    for (let j = at - 1; j >= 0 && reached < PURPOSE_REACH; j--) {
      const x = wordSpans[j];
      const gap = n.slice(x?.[1] ?? 0, edge);
      // A gloss's bracket is inside the noun phrase (`안전작업대(BSC) 교체용`).
      if (x === undefined || !(/^\s*$/u.test(gap) || (/^[()]\s*$/u.test(gap) && glosses.has(x[1])))) break;
      if (qualifierAt(x[0], x[1])) {
        edge = x[0];
        continue;
      }
      if (!names(x)) break;
      from = x[0];
      edge = from;
      reached += 1;
    }
    if (from === s) return s;
    const earlier = wordSpans.slice(0, at).some((x) => x[1] <= from && !clauseOf(x[1], from) && names(x));
    return later || earlier ? from : s;
  };

  // A Korean verb of use before the item (`폴리싱 단계에 쓰는 수지`): what its clause says before it
  // is what the item is for, however many words; a particle ending that purpose is filler.
  wordSpans.forEach(([s, e, word], at) => {
    if (!USE_VERBS.includes(word) || !free(s, e) || !itemWordFollows(e)) return;
    let from = s;
    for (let j = at - 1; j >= 0; j--) {
      const x = wordSpans[j];
      if (x === undefined || CLAUSE_END.test(n.slice(x[1], from)) || !(free(x[0], x[1]) || qualifierAt(x[0], x[1]))) break;
      from = x[0];
    }
    if (from === s) return;
    const last = wordSpans[at - 1];
    const particle = last === undefined ? undefined : PARTICLES.find((p) => last[2].endsWith(p) && [...last[2]].length > [...p].length);
    const end = particle === undefined || last === undefined ? s : last[1] - particle.length;
    if (particle !== undefined && last !== undefined) claim(end, last[1], { kind: 'filler' });
    claim(from, end, { kind: 'purpose', weight: PURPOSE_WEIGHT }, true);
    claim(s, e, { kind: 'filler' });
  });

  // Word by word: filler, years, Korean particles and the purpose ending.
  each(RX.word, (m, s, e) => {
    const w = m[0].toLowerCase();
    if (!free(s, e)) return;
    // `교체 구매`, `필터 교체`: replacing the item is how it is bought, not what it is; before an
    // item word (`PAPR용 교체 필터`) it says the item is a replacement part.
    if (REPLACEMENT_WORDS.includes(w) && HANGUL.test(w) && !itemWordFollows(e)) {
      claim(s, e, { kind: 'filler' });
      return;
    }
    // `트리스 원료`, `쉐이커 장비를`: the class of goods, after a word naming the item.
    const particle = PARTICLES.find((p) => w.endsWith(p) && HANGUL.test(w) && CLASS_WORDS.includes(w.slice(0, w.length - p.length)));
    if ((CLASS_WORDS.includes(w) || particle !== undefined) && itemWordOutside(s, e, true)) {
      claim(s, e, { kind: 'filler' });
      return;
    }
    if (isFillerWord(w) || /^(?:19|20)\d{2}\s*년$/u.test(w)) {
      // A spec name before an item word names the item (`particle counter`, `온도 기록계`).
      if (SPEC_NAMES.has(w) && itemWordFollows(e)) return;
      claim(s, e, { kind: 'filler' });
      return;
    }
    if (!HANGUL.test(w.slice(-1))) return;
    const chars = [...w];
    if (PARTICLES.includes(w)) {
      claim(s, e, { kind: 'filler' });
      return;
    }
    if (w === PURPOSE_DEDICATED || (chars.length >= 4 && w.endsWith(PURPOSE_DEDICATED))) {
      // `인큐베이터 전용 선반`, `인큐베이터전용`: what comes before is the purpose. One syllable
      // before `전용` is a word ending in `전` with the purpose ending (`충전용`: for filling).
      const from = w === PURPOSE_DEDICATED ? purposeStart(s, e) : s;
      if (from < e - PURPOSE_DEDICATED.length) claim(from, e - PURPOSE_DEDICATED.length, { kind: 'purpose', weight: PURPOSE_WEIGHT }, true);
      claim(e - PURPOSE_DEDICATED.length, e, { kind: 'filler' });
      return;
    }
    const excepted = PURPOSE_EXCEPTIONS.includes(w) || PURPOSE_EXCEPTION_ENDINGS.some((x) => w.endsWith(x));
    if (chars.length >= 3 && w.endsWith(PURPOSE_ENDING) && !excepted) {
      claim(purposeStart(s, e), e - 1, { kind: 'purpose', weight: PURPOSE_WEIGHT }, true);
      claim(e - 1, e, { kind: 'filler' });
      return;
    }
    for (const p of PARTICLES) {
      if (HANGUL_ONLY_PARTICLES.includes(p) && !HANGUL.test(chars[chars.length - [...p].length - 1] ?? '')) continue;
      if (w.endsWith(p) && chars.length - [...p].length >= 2) {
        // A filler word with a particle (`실적을`) is filler as a whole.
        if (isFillerWord(w.slice(0, w.length - p.length))) claim(s, e, { kind: 'filler' });
        else claim(e - p.length, e, { kind: 'filler' });
        return;
      }
    }
  });

  // Spans, pieces and words in text order. Words are phrases: neighbouring words of one weight
  // with only separators between them (so that `single use` still reads as one name).
  const spans: TextSpan[] = [];
  const words: WeightedWord[] = [];
  const order = new Map<number, number>();
  const sortedPieces: TextPiece[] = [];
  let phrase: { start: number; end: number; weight: number } | undefined;
  const flush = (): void => {
    if (phrase !== undefined) words.push({ text: text.slice(phrase.start, phrase.end), weight: phrase.weight });
    phrase = undefined;
  };
  const addWord = (start: number, end: number, weight: number): void => {
    if (phrase !== undefined && phrase.weight === weight) phrase.end = end;
    else {
      flush();
      phrase = { start, end, weight };
    }
  };
  const isSep = (ch: string | undefined): boolean => !/[\p{L}\p{N}]/u.test(ch ?? '');
  let i = 0;
  while (i < n.length) {
    const o = owner[i] ?? -1;
    const sep = o === -1 && isSep(n[i]);
    let j = i + 1;
    while (j < n.length && (owner[j] ?? -1) === o && (o !== -1 || isSep(n[j]) === sep)) j++;
    const start = from[i] ?? 0;
    const end = from[j] ?? text.length;
    i = j;
    if (end <= start) continue;
    if (o === -1) {
      spans.push({ start, end, kind: sep ? 'separator' : 'item' });
      if (!sep) addWord(start, end, 1);
      continue;
    }
    const p = pieces[o] as TextPiece & { readonly weight?: number };
    let k = order.get(o);
    if (k === undefined) {
      k = sortedPieces.length;
      order.set(o, k);
      const { weight: _weight, ...plain } = p;
      sortedPieces.push(Object.freeze(plain));
    }
    spans.push({ start, end, kind: p.kind, piece: k });
    if (p.weight !== undefined) addWord(start, end, p.weight);
    else flush();
  }
  flush();
  return Object.freeze({ text, words: Object.freeze(words), pieces: Object.freeze(sortedPieces), spans: Object.freeze(spans) });
}

/**
 * True when a word says nothing about the item: a listed filler word (procurement words,
 * supplier boilerplate, articles) or a Korean predicate (`납품한`, `있습니다`).
 *
 * @example
 * isFillerWord('구매'); // => true
 * isFillerWord('필터'); // => false
 */
export function isFillerWord(word: string): boolean {
  const w = word.toLowerCase();
  if (FILLER.has(w)) return true;
  if (!HANGUL.test(w)) return false;
  // A predicate: a word ending in a verbal ending, or a verb form of two syllables standing alone
  // (`찾고`, `쓰는`, `위해`).
  if ([...w].length >= 2 && PREDICATE_ENDINGS.some((e) => w.endsWith(e) && (w.length > e.length || e.length >= 2))) return true;
  // Two filler words written as one (`견적요청`, `구매문의`), each of two syllables or more.
  const chars = [...w];
  for (let i = 2; i <= chars.length - 2; i++) if (FILLER.has(chars.slice(0, i).join('')) && FILLER.has(chars.slice(i).join(''))) return true;
  // A filler word with a particle (`구매를`, `국산으로`, `공급처를`).
  return PARTICLES.some((p) => w.endsWith(p) && [...w].length - [...p].length >= 1 && FILLER.has(w.slice(0, w.length - p.length)));
}

/**
 * True when a word says what form, type or packing an item comes in (`업라이트`, `일체형`,
 * `기상식`, `제균등급`: {@link FORM_WORDS}, a Korean word of three syllables or more ending in one
 * of `FORM_SUFFIXES`). Written after the item's noun it heads nothing (resolve.ts headWordsOf).
 *
 * @example
 * isFormWord('일체형'); // => true
 * isFormWord('냉동고'); // => false
 */
export function isFormWord(word: string): boolean {
  const w = word.toLowerCase();
  if (FORM_WORDS.includes(w)) return true;
  return HANGUL.test(w) && [...w].length >= 3 && /^\p{Script=Hangul}+$/u.test(w) && FORM_SUFFIXES.some((e) => w.endsWith(e));
}

/** Whether a word, not yet claimed, could name the item: led by a letter, no filler, no particle. */
function couldNameItem(word: string): boolean {
  const w = word.toLowerCase();
  return /^\p{L}/u.test(w) && !isFillerWord(w) && !PARTICLES.includes(w);
}

/** A negation piece; the concept is the qualifier the negated words name, if any. */
function negation(negated: string): Omit<TextPiece, 'start' | 'end' | 'text'> {
  const q = RX.qualifiers.find(({ rx }) => {
    rx.lastIndex = 0;
    return rx.test(negated);
  });
  return { kind: 'negation', negated: negated.trim(), ...(q !== undefined ? { concept: q.q.concept } : {}) };
}

/** A quantity piece: the bound words read off, the rest parsed by `parseQuantity`. */
function quantityPiece(written: string): Omit<TextPiece, 'start' | 'end' | 'text'> {
  let bound: 'min' | 'max' | undefined;
  let core = written.trim();
  for (const [word, b] of Object.entries(BOUND_BEFORE)) {
    if (core.toLowerCase().startsWith(word) && !/^[<>≤≥]/u.test(core.slice(word.length).trim())) {
      bound = b;
      core = core.slice(word.length).trim();
      break;
    }
  }
  for (const [word, b] of Object.entries(BOUND_AFTER)) {
    // `30 L/min` is a rate per minute, not at least 30 L.
    if (core.toLowerCase().endsWith(word) && !/\/\s*$/u.test(core.slice(0, core.length - word.length))) {
      bound = b;
      core = core.slice(0, core.length - word.length).trim();
      break;
    }
  }
  // `170L급`: of the 170 L class.
  core = core.replace(/\s*급$/u, '');
  // `500만개`: 500 times 10,000 pieces.
  core = core.replace(new RegExp(`(\\d+(?:[.,]\\d+)*)\\s*([${MYRIADS}])`, 'u'), (_, n: string, m: string) =>
    String(Number(n.replace(/,/gu, '')) * (KOREAN_MULTIPLIERS[m] ?? 1)),
  );
  const explicit = bound !== undefined || RX.explicit.test(written);
  const parsed = parseQuantity(core);
  return {
    kind: 'quantity',
    ...(parsed.ok ? { quantity: parsed.quantity } : { unread: parsed.message }),
    ...(bound !== undefined ? { bound } : {}),
    ...(explicit ? { explicit: true } : {}),
  };
}
