/*
 * Catalog resolution: which catalog items a demand line or an offering means.
 *
 * How a text is scored: the text is normalized (normalize.ts) and split into words; each word
 * is searched in one fuzzy index of every item name, synonym, abbreviation and category name
 * (Korean words also syllable pair by syllable pair, since compounds are spaced at will); the
 * characters each name has in common with the text give a Dice-like score of how much of the
 * text the name explains and how much of the name the text contains. Exact names score 1.
 *
 * MEASURED with `npx tsx bench/resolution-recall.ts --sweep` (incheon-bio fixture, 48 items;
 * 55 text lines — 41 demand lines and 14 offerings — with hand-labelled expected items;
 * 3,628 synthetic noisy queries built from the catalog's names with seeded typos; threshold
 * 0.35 unless stated). R@k: an expected item among the first k.
 *
 *                         fixture (55)      fixture Korean (41)  synthetic (3628)   synthetic Korean (2173)
 *   variant               R@1     R@3       R@1     R@3          R@1     R@3        R@1     R@3
 *   jamo on,  strip on    98.2%   100%      97.6%   100%         97.5%   98.0%      97.4%   97.8%
 *   jamo on,  strip off   98.2%   100%      97.6%   100%         97.4%   97.8%      97.1%   97.6%
 *   jamo off, strip on    96.4%   100%      95.1%   100%         96.3%   97.0%      95.4%   96.2%
 *   jamo off, strip off   96.4%   100%      95.1%   100%         95.8%   96.6%      94.5%   95.6%
 *
 * - Jamo: +1.2 pt R@1 on synthetic (+2.0 Korean), +2.5 pt on the fixture's Korean lines (one
 *   line: `0.2um 벤트필터 (PVDF)`); on one-jamo typos 100% vs 95.5%, two typos 90.2% vs 85.2%.
 *   It also matches more that it should not: a top candidate >= 0.5 for 32.8% of names of a
 *   held-out category (catalog without that category) vs 26.7%, 9 vs 6 of 40 hand-written
 *   texts naming nothing in the catalog. At equal false positives it still wins: jamo at
 *   0.35 gives 97.5% (32.8% FP), no jamo at 0.40 gives 96.7% (31.4% FP). Default: on.
 * - Company-word stripping: the fixture's texts carry no company words (no effect there); on
 *   synthetic it keeps the right item first more often (+0.1..0.5 pt; firm name + company
 *   word: 98.3% vs 97.0%) and its confidence higher (0.837 vs 0.789 mean). Default: on.
 * - Threshold sweep (jamo on): 0.30 → 96.9% synthetic R@1 / 29.4% held-out FP, 0.35 → 97.5 /
 *   32.8, 0.40 → 98.0 / 39.8, 0.50 → 98.2 / 56.1. The fixture is 98.2% from 0.35 up. 0.35
 *   keeps nearly all the recall for far fewer confident wrong answers. Default: 0.35.
 * - The one fixture miss is `배지` (IC-D01): ambiguous by design (EM plates here, culture
 *   medium on CB-D06); the plates are third, flagged `ambiguous` with `meanings`.
 * - Specs in the text reorder look-alikes (`SUB 500L` → the 500 L bag first): adding this
 *   took the fixture's R@1 from 89.1% to 96.4% (sizes had tied and fallen to id order).
 * - Other names of the same item count half toward a text's coverage: all (×1) gave 96.4% on
 *   the fixture, none 90.9%, half 98.2% (synthetic 97.1 / 97.4 / 97.4).
 *
 * Reading and word weights (read-text.ts; figures above are from before them). A text is read
 * first: quantities, certificates, negations, side phrases and filler leave the item words,
 * qualifiers stay at a quarter weight, and words weigh by an IDF over the items they match,
 * redistributed among known words only. MEASURED (jamo on, strip on): development set
 * (bench/text-dev.ts, 75 texts naming an item, 17 naming nothing, written before the first run)
 * R@1 93.3% → 98.7%, R@3 97.3% → 100%, wrong item first at ≥ 0.5: 3 → 1, false-confident 1 → 1;
 * fixture 98.2% / 100% unchanged; synthetic R@1 97.5% → 97.1% (firm name + generic word, two
 * typos); hand-written negatives ≥ 0.5: 9 → 9 of 40; held-out categories 32.8% → 31.4%. An IDF
 * over all words (unknown words not renormalized) gave synthetic 96.6% (firm names 94.8%).
 * The bench's strip on/off rows now print the same figures although the option still changes
 * confidences (`Westlake Co., Ltd. 제균필터`: 0.475 on, 0.362 off); not looked into further.
 */
import { z } from 'zod';
import { SupplymatchError } from '../errors.js';
import { editDistance } from '../options.js';
import { createFuzzySearch } from './fuzzy.js';
import type { Category, Item } from '../model/item.js';
import { canonicalSpecs, hasHangul, normalizeText, toJamo } from './normalize.js';
import { glossSpans, isFillerWord, isFormWord, QUALIFIER_WEIGHT, readText, type TextPiece, type TextReading } from './read-text.js';
import { ATTRIBUTE_VALUES, DESIGNATIONS, PART_WORDS, PURPOSE_DEDICATED, QUALIFIER_WORDS, REPLACEMENT_WORDS, SPEC_NAME_WORDS, WHOLE_WORDS } from './text-vocabulary.js';
import { WEAK_CONFIDENCE } from './text-report.js';
import type { CanonicalSpec } from './normalize.js';
import { compareIds } from '../model/common.js';
import { parseQuantity } from '../model/quantity.js';

/**
 * One catalog item a reference may mean, with how sure the catalog is and what matched.
 *
 * @example
 * const m: ItemMatch = { item: 'IT-STF', confidence: 1, via: 'name', matched: '제균 캡슐필터' };
 */
export interface ItemMatch {
  /** Catalog item id. */
  readonly item: string;
  /** 0..1. */
  readonly confidence: number;
  readonly via: 'id' | 'code' | 'name' | 'synonym' | 'abbreviation' | 'category';
  /** The name, code, synonym, abbreviation or category that matched. */
  readonly matched: string;
}

/**
 * What a reference resolved to: candidate items best first, the leaf categories they imply,
 * and whether the reference is ambiguous.
 *
 * @example
 * catalog.resolveText('배지');
 * // => { items: [...], categories: [...], ambiguous: true,
 * //      meanings: ['culture media', 'chromatography media', 'filter media'] }
 */
export interface Resolution {
  /** Best first: confidence desc, then item id asc; at most `maxCandidates`. */
  readonly items: readonly ItemMatch[];
  /** Leaf categories implied, best first (confidence desc, then id asc). */
  readonly categories: readonly { readonly category: string; readonly confidence: number }[];
  /**
   * True when the text names several kinds of thing (`배지` alone) or when the top two items
   * belong to different categories and are within `ambiguityMargin` of each other.
   */
  readonly ambiguous: boolean;
  /** For a known ambiguous term: what it may mean. */
  readonly meanings?: readonly string[];
  /**
   * Set when the text lists several products (`PES 필터, 백, 튜빙 공급`): each listed phrase
   * that names an item clearly on its own, with that item and its confidence, in text order.
   * `items` stay the whole text's ranking; an offering should name one product, so validate
   * reports such offerings with these candidates.
   */
  readonly products?: readonly { readonly phrase: string; readonly item: string; readonly confidence: number }[];
}

/**
 * Options of {@link createCatalog}. Every field has a default in {@link CATALOG_DEFAULTS}.
 *
 * @example
 * createCatalog(items, BIO_TAXONOMY, { maxCandidates: 3, hangulJamo: false });
 */
export interface CatalogOptions {
  /** fuse.js threshold: the largest share of edits a fuzzy match may need (0 exact .. 1 anything). */
  readonly threshold?: number;
  /** Matches of a text below this confidence are dropped (codes, ids and categories are not). */
  readonly minConfidence?: number;
  /** Longest list of items in a resolution. */
  readonly maxCandidates?: number;
  /** Top two items of different categories this close make a resolution ambiguous. */
  readonly ambiguityMargin?: number;
  /** Decompose Hangul to jamo for fuzzy matching (one typo costs one jamo, not a syllable). */
  readonly hangulJamo?: boolean;
  /** Ignore company-type words (`(주)`, `Co., Ltd.`) in texts. */
  readonly stripCompanyWords?: boolean;
}

/**
 * A catalog ready to resolve references. Text resolutions are memoized per distinct normalized
 * text, so a dataset with a million lines but a thousand distinct texts resolves a thousand.
 *
 * @example
 * const catalog = createCatalog(items, BIO_TAXONOMY);
 * catalog.resolve({ text: '제균필터 0.22um' }).items[0]?.item; // => 'IT-STF'
 */
export interface Catalog {
  readonly items: ReadonlyMap<string, Item>;
  /** Leaf category -> its parent group (or undefined). */
  parentOf(category: string): string | undefined;
  /** Memoized per distinct normalized text. */
  resolveText(text: string): Resolution;
  /** What {@link readText} reads in a text, with this catalog's options; memoized per text. */
  readText(text: string): TextReading;
  /** UNSPSC hierarchy: commodity (8 digits) 1.0 > class (6) 0.75 > family (4) 0.5 > segment (2) 0.25. */
  resolveCode(unspsc: string): Resolution;
  /** Confidence 1, via `id`; an unknown id gives no items. */
  resolveItemId(id: string): Resolution;
  /** Every item of the category (not cut to `maxCandidates`), confidence 0.6, via `category`. */
  resolveCategory(category: string): Resolution;
  /**
   * Resolves a demand line or an offering from whichever of item / unspsc / category / text it
   * has. A known item id wins; text, code and category combine by the max confidence per item.
   */
  resolve(ref: {
    readonly item?: string | undefined;
    readonly unspsc?: string | undefined;
    readonly category?: string | undefined;
    readonly text?: string | undefined;
  }): Resolution;
  /** How many distinct texts were resolved, and how many text lookups were asked for. */
  readonly stats: () => { readonly distinctTexts: number; readonly lookups: number };
}

/**
 * Default options, chosen by bench/resolution-recall.ts (figures at the top of this file).
 *
 * @example
 * CATALOG_DEFAULTS.maxCandidates; // => 5
 */
export const CATALOG_DEFAULTS = Object.freeze({
  threshold: 0.35,
  minConfidence: 0.3,
  maxCandidates: 5,
  ambiguityMargin: 0.1,
  hangulJamo: true,
  stripCompanyWords: true,
});

/** A word that names several kinds of thing, with the categories of each meaning. */
export interface AmbiguousTerm {
  /** Normalized forms of the term (the whole name text must be one of them). */
  readonly terms: readonly string[];
  readonly meanings: readonly { readonly meaning: string; readonly categories: readonly string[] }[];
}

/**
 * Known ambiguous terms (docs/domain.md). A text that says only this gets items of every meaning at
 * moderate confidence and `ambiguous: true`: guessing one meaning would hide suppliers of the
 * others, and the programme would rather ask than mis-match.
 *
 * @example
 * AMBIGUOUS_TERMS.find((t) => t.terms.includes('배지'))?.meanings.length; // => 3
 */
export const AMBIGUOUS_TERMS: readonly AmbiguousTerm[] = Object.freeze([
  {
    terms: ['배지', 'media', 'medium', 'medias'],
    meanings: [
      { meaning: 'culture media', categories: ['cell-culture-media', 'em-media'] },
      { meaning: 'chromatography media', categories: ['protein-a-resin', 'iex-resin'] },
      { meaning: 'filter media', categories: ['depth-filter'] },
    ],
  },
  {
    terms: ['sus'],
    meanings: [
      { meaning: 'single-use system', categories: ['sub-bag', 'su-bag', 'tubing', 'connector'] },
      { meaning: 'stainless steel', categories: [] },
    ],
  },
  {
    terms: ['레진', 'resin', 'resins'],
    meanings: [
      { meaning: 'protein A resin', categories: ['protein-a-resin'] },
      { meaning: 'ion-exchange resin', categories: ['iex-resin'] },
    ],
  },
  {
    // Not in docs/domain.md's list, but the same trap: five kinds of filter with different makers.
    terms: ['filter', 'filters', '필터'],
    meanings: [
      { meaning: 'sterilizing filter', categories: ['sterilizing-filter'] },
      { meaning: 'depth filter', categories: ['depth-filter'] },
      { meaning: 'ultrafiltration (TFF) membrane', categories: ['tff-cassette'] },
      { meaning: 'virus filter', categories: ['virus-filter'] },
      { meaning: 'air or vent filter', categories: ['air-filter'] },
    ],
  },
  {
    terms: ['bag', 'bags', '백'],
    meanings: [
      { meaning: 'single-use bioreactor bag', categories: ['sub-bag'] },
      { meaning: 'storage, mixing or buffer bag', categories: ['su-bag'] },
    ],
  },
]);

// ---------------------------------------------------------------------------------------------

/** Highest confidence of a fuzzy match: an exact name (1) must outrank any fuzzy one. */
const FUZZY_CAP = 0.95;
/** Confidence of an exact abbreviation: abbreviations collide more often than names. */
const ABBREVIATION_CAP = 0.9;
/** An exact name written with other spacing (`싱글유스백` vs `싱글유스 백`): just below exact. */
const EXACT_SPACING = 0.97;
/** Factor per unit whose value in the text disagrees with every value the item has. */
const SPEC_MISMATCH = 0.95;
/**
 * Factor for a candidate whose own names state a value (a size, a pore rating, a vial's ISO size)
 * that the text's values of the same unit all contradict: `PES 프리필터 0.45um` is no `제균필터 PES
 * 0.2um`, a `6R` vial no `바이알 10R`, a `50L` bag no `세포배양백 200L`. A value its name states tells
 * the item from its family's other members, so a text asking for another value names a neighbour
 * of it, as an unexplained head does (HEAD_UNEXPLAINED). Values within SPEC_CLOSE of each other
 * (`190 L` and `about 170 L`) or inside a stated range do not contradict.
 */
const NAME_SPEC_CONTRADICTED = 0.5;
/**
 * Highest confidence of a candidate known to be a neighbour of what the text asks for (a value
 * or a word of the text contradicts its names): still a guess the text report can show, but
 * under item fit's default gate (0.4), so that no offering of it passes for the text's item. Half
 * of an exact name (0.95) would otherwise stay at 0.475.
 */
const NEIGHBOUR_CAP = 0.35;
/**
 * Lowest confidence at which the equipment a replacement purpose names (`PAPR 교체용 필터`,
 * REPLACEMENT_WORDS) counts as a catalog item: a candidate that the purpose's own resolution does
 * not name (the PES cartridge filter for `PAPR`) is a part of something else, a neighbour of
 * what the text asks for (at most NEIGHBOUR_CAP). The part itself names its equipment
 * (`다이어프램 밸브용 다이어프램` for `다이아프램밸브 교체용 다이어프램`), or is the equipment's own
 * item (`HEPA 필터 교체용 H14`). A purpose naming nothing in the catalog (`버퍼탱크`) costs nothing.
 */
const REPLACED_ELSEWHERE = 0.5;
/**
 * Shortest common end that makes two different words values of one attribute: two Hangul
 * syllables (`멀티채널` and `단채널`, `소수성` and `친수성`) or five Latin letters (`chlorobutyl`
 * and `bromobutyl`), each word with something of its own before it (ATTRIBUTE_PREFIX), neither
 * part holding the other (`고압멸균기` elaborated as `고압증기멸균기`) and the words not one typo
 * apart (`steralizing`). The Korean
 * type suffix `형` (`탁상형`, `양문형`) counts alone when both words put two syllables or more
 * before it (`소형`, small, is a size). A candidate whose own names (en and ko) hold such a word
 * for a word of the clause naming the item that none of its names explains is another member of
 * the family: at most NEIGHBOUR_CAP.
 */
const ATTRIBUTE_TAIL = { hangul: 2, latin: 5 } as const;
/** Least of its own a word puts before the common end (ATTRIBUTE_TAIL): one syllable, three letters. */
const ATTRIBUTE_PREFIX = { hangul: 1, latin: 3 } as const;
/**
 * Factor for a candidate that does not explain the text's main head (the last head word of the
 * first clause holding one) when that head is an accessory, a part or a consumable (PART_WORDS:
 * `선반`, `cable`, `센서캡`), or when the text excludes the whole item (`본체 제외`,
 * WHOLE_WORDS): the text asks for a part of the equipment the candidate is, named only as a
 * modifier or purpose (`CO2 인큐베이터 교체용 선반`). A neighbour: at most NEIGHBOUR_CAP.
 */
const PART_HEAD = 0.5;
/**
 * Factor for a candidate whose names put another variant letter after a word than the text does
 * (`Protein G` against `Protein A resin`, `Class II type B2` against `type A2`), and never the
 * text's: a letter code after a word names one member of a family, so another letter names
 * another member. A neighbour: at most NEIGHBOUR_CAP.
 */
const VARIANT_CONTRADICTED = 0.5;
/** A variant letter: one Latin letter, with at most two digits (`a`, `g`, `b2`, `h14`). */
const VARIANT_CODE = /^[a-z]\d{0,2}$/u;
/** Ratio within which two values of one unit are the same value written loosely (`0.22` and `0.2`). */
const SPEC_CLOSE = 1.25;
/** Relative tolerance of comparisons at SPEC_CLOSE across units (specValuesApart). */
const BOUNDARY = 1 + 1e-9;
/** Confidence of every item of a category named outright (resolveCategory). */
const CATEGORY_CONFIDENCE = 0.6;
/** A group name (`Filtration`) implies its leaves less strongly than a leaf name. */
const GROUP_FACTOR = 0.5;
/** Ceiling for the items of a known ambiguous term, and the step between its meanings. */
const AMBIGUOUS_CAP = 0.6;
const AMBIGUOUS_STEP = 0.05;
/** UNSPSC levels: shared prefix length -> confidence. */
const CODE_LEVELS: readonly (readonly [number, number])[] = [
  [8, 1],
  [6, 0.75],
  [4, 0.5],
  [2, 0.25],
];

/**
 * Word weights: a word matching few items weighs up to 1, one matching every item weighs
 * IDF_FLOOR; a word matching no item weighs 1 (a text naming nothing stays unsure). A word
 * "matches" an item when it covers at least DF_COVER of its own characters in one of its names.
 */
const IDF_FLOOR = 0.15;
const DF_COVER = 0.7;
/** Factor for a candidate whose names say the opposite of a qualifier of the text. */
const QUALIFIER_MISMATCH = 0.9;
/** Confidence of an exact name made by the item words alone (qualifiers left over). */
const EXACT_ITEM_WORDS = 0.95;
/**
 * Factor for a candidate that explains none of the text's head words (the last word of each
 * item phrase: Korean and English noun phrases put the head last). An item that leaves
 * the head unexplained names at best a neighbour of what the text asks for (`피펫 팁` is no
 * `피펫필러`, `CO2 가스 실린더` no `CO2 인큐베이터`): half its score keeps it rankable but
 * below the item-fit threshold.
 */
const HEAD_UNEXPLAINED = 0.5;
/**
 * Share of a Latin head word an item must cover to explain it: one swapped or missing letter
 * (`fliter`) costs two of six characters in fuzzy quality, while a Hangul typo costs a jamo, not
 * a syllable, so Hangul heads keep DF_COVER.
 */
const LATIN_HEAD_COVER = 0.6;
/**
 * Match quality the last two syllables of a Hangul head word must reach in an item's names to
 * explain it: as good as exact. One jamo off in two syllables is a quality of about 0.8 and
 * names another thing as often as a typo (`진화` in `방진화` shoes and `친화` in `친화 레진`,
 * `세포` and `스포`); a head with a typo then loses its explanation (HEAD_UNEXPLAINED), the price
 * of not taking near-spellings for the head.
 */
const HANGUL_HEAD_QUALITY = 0.9;
/**
 * How many last syllables of a Korean head a name word must share with it when the head's last
 * two syllables are no name word of the catalog (the end of a loanword: `레귤레이터`, `인큐베이터`).
 */
const TAIL_END_SYLLABLES = 3;
/**
 * Factor per share of the item phrase a candidate leaves unexplained: the item words of a
 * clause up to the head word the candidate explains, weighed by characters and IDF, that no
 * name of the candidate covers (DF_COVER). A word the catalog does not know weighs most: the
 * text names a kind of thing the candidate's names do not (`trypsin-EDTA solution`).
 */
const PHRASE_UNEXPLAINED = 0.4;
/**
 * Factor for a sibling: a candidate that explains the text's head but whose names put another
 * word before it than the text does, a word the text does not have, while the text's own word
 * there is not explained by the candidate (`수산화칼륨 용액` and `수산화나트륨 용액`, `potassium
 * chloride` and `sodium chloride`, `PES 필터` and `PVDF 카트리지 필터`). The word next to the head
 * says which of its kind the item is; two different such words name two different things, a
 * neighbour at best, as an unexplained head does (HEAD_UNEXPLAINED). A candidate whose names have
 * no word there (`제균필터` for `Mirae 제균필터`) is not contradicted: it only says less.
 */
const SPECIFIER_CONTRADICTED = HEAD_UNEXPLAINED;
/**
 * Match quality of a whole Korean word in a name at which a differing last syllable is a typo
 * (`수산화나트름`: 0.93), not another thing (`수산화칼륨` in `수산화나트륨 용액`: 0.79).
 */
const SPECIFIER_TYPO_QUALITY = 0.85;
/**
 * Weight, against 1, of a word in a clause after the one where a candidate explains a head word
 * of the text: a detail of the item it names (specifications, delivery terms, prose).
 */
const DETAIL_WEIGHT = 0.55;
/** A listed phrase names a product when it resolves on its own at least this surely (text-report.ts WEAK_CONFIDENCE). */
const PRODUCT_CONFIDENCE = WEAK_CONFIDENCE;
/**
 * Which item a text means and how sure the catalog is are two things. A long request or a
 * supplier's prose names its item in one noun phrase (`... 500L 일회용 바이오리액터 백 견적
 * 요청드립니다. ULDPE 접액층, ...`) and dilutes it with everything else; resolved alone, that
 * phrase names the item clearly. An item a phrase of the text names clearly on its own (at
 * PHRASE_CLEAR or more, not ambiguously, within the catalog's margin of the phrase's best) and
 * that no neighbour rule caps is resolved at least half-way between the whole text's confidence
 * and the phrase's, at most LONG_TEXT_CAP: at 0.4 or more when the phrase is sure, under
 * WEAK_CONFIDENCE so that the doubt the rest of the text leaves still shows (`weak`,
 * `item.unsure`).
 */
const PHRASE_CLEAR = 0.7;
const LONG_TEXT_CAP = 0.49;
const NO_SUPPORT: ReadonlyMap<string, number> = new Map();
/** The most of the main head's noun phrase (by characters and IDF) an item may leave unexplained and still name it (LONG_TEXT_CAP). */
const NAMED_PHRASE_LEFT = 0.25;
/**
 * Separators and words that list products (`PES 필터, 백, 튜빙`, `가스켓·오링`, `bags and tubing`);
 * not `/`, which joins two names of one thing (`벤트필터 / 에어필터`).
 */
const LIST_SEPARATOR = /[,;·\n]/u;
const LIST_WORDS: readonly string[] = ['및', 'and', '&', '와', '과'];

const OptionsSchema = z.strictObject({
  threshold: z.number().min(0).max(1).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  maxCandidates: z.number().int().min(1).max(1000).optional(),
  ambiguityMargin: z.number().min(0).max(1).optional(),
  hangulJamo: z.boolean().optional(),
  stripCompanyWords: z.boolean().optional(),
});

type Via = ItemMatch['via'];
type EntryKind = 'name' | 'synonym' | 'abbreviation' | 'category';

/** One searchable string: an item's name, synonym or abbreviation, or a category's name. */
interface Entry {
  readonly kind: EntryKind;
  /** Item id for item entries; undefined for category entries. */
  readonly item: string | undefined;
  /** The item's category, or the category the name belongs to. */
  readonly category: string;
  /** As written in the catalog. */
  readonly source: string;
  /** Normalized name text. */
  readonly text: string;
  /** What fuse.js searches: `text`, or its jamo form. */
  readonly search: string;
  readonly tokens: readonly string[];
  /** Characters without spaces: the denominator of how much of the entry a query covers. */
  readonly length: number;
}

/** A salient query token with the characters it may cover. */
interface QueryToken {
  readonly text: string;
  readonly length: number;
  readonly hangul: boolean;
  /** 1 for an item word; less for a qualifier or a purpose (read-text.ts). */
  readonly role: number;
  /** One of the text's head words (see HEAD_UNEXPLAINED). */
  readonly head: boolean;
  /** Which clause of the text (cut at commas and brackets) the word stands in (see PHRASE_UNEXPLAINED). */
  readonly clause: number;
}

/** A query word as resolveText hands it to scoring: text, weight, and whether it is a head word. */
type WordToken = readonly [text: string, role: number, head: boolean, clause: number];

interface Candidate {
  confidence: number;
  via: Via;
  matched: string;
}

/** The memoized result of scoring a name text, before specs and limits are applied. */
interface NameScores {
  readonly items: ReadonlyMap<string, Candidate>;
  /** The main head (PART_HEAD), when the text has one: the items that do not explain it, and whether it is a part word. */
  readonly mainHead?: {
    readonly missing: ReadonlySet<string>;
    readonly unexplainedAlready: ReadonlySet<string>;
    readonly part: boolean;
    /** The head words of the main head's clause (holdsNegated). */
    readonly clauseHeads: readonly string[];
    /** The items that name the main head's noun phrase (LONG_TEXT_CAP): head explained, not contradicted, its phrase mostly explained. */
    readonly named: ReadonlySet<string>;
  };
  /** Leaf categories implied by category names in the text. */
  readonly categories: ReadonlyMap<string, number>;
  readonly term: AmbiguousTerm | undefined;
  /** Items a word of the text shows to be neighbours of what it names (VARIANT_CONTRADICTED). */
  readonly neighbours: ReadonlySet<string>;
}

const EMPTY: Resolution = Object.freeze({ items: Object.freeze([]), categories: Object.freeze([]), ambiguous: false });

/**
 * Builds a catalog over items and a taxonomy. Names, synonyms and abbreviations of every item
 * (all languages) and every category name go into one fuse.js index; texts are normalized by
 * {@link normalizeText} on both sides. Options are validated here and only here.
 *
 * @example
 * const catalog = createCatalog([ItemSchema.parse({ id: 'IT-STF', category: 'sterilizing-filter',
 *   names: { en: 'Sterilizing capsule filter', ko: '제균 캡슐필터' } })], BIO_TAXONOMY);
 * catalog.resolveText('sterilising fliter').items[0]; // => { item: 'IT-STF', via: 'name', ... }
 */
export function createCatalog(
  items: readonly Item[],
  categories: readonly Category[],
  options?: CatalogOptions,
): Catalog {
  const parsed = OptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: ['options', ...i.path.map(String)].join('.'),
      code: 'catalog_option_invalid',
      message: i.message,
    }));
    const [first, ...rest] = issues;
    if (first) throw new SupplymatchError([first, ...rest]);
  }
  const o = {
    threshold: options?.threshold ?? CATALOG_DEFAULTS.threshold,
    minConfidence: options?.minConfidence ?? CATALOG_DEFAULTS.minConfidence,
    maxCandidates: options?.maxCandidates ?? CATALOG_DEFAULTS.maxCandidates,
    ambiguityMargin: options?.ambiguityMargin ?? CATALOG_DEFAULTS.ambiguityMargin,
    hangulJamo: options?.hangulJamo ?? CATALOG_DEFAULTS.hangulJamo,
    stripCompanyWords: options?.stripCompanyWords ?? CATALOG_DEFAULTS.stripCompanyWords,
  };
  const normalizeOptions = { stripCompanyWords: o.stripCompanyWords };
  const searchForm = (s: string): string => (o.hangulJamo ? toJamo(s) : s);

  const itemMap = new Map<string, Item>();
  for (const item of items) itemMap.set(item.id, item);
  // Sorted once so that every list built from the map comes out in id order.
  const itemIds = [...itemMap.keys()].sort(compareIds);

  const parents = new Map<string, string | undefined>();
  for (const c of categories) {
    parents.set(c.id, c.parent);
  }
  const leavesOf = new Map<string, string[]>();
  for (const c of categories) {
    if (c.parent === undefined) continue;
    const list = leavesOf.get(c.parent) ?? [];
    list.push(c.id);
    leavesOf.set(c.parent, list);
  }
  const itemsByCategory = new Map<string, string[]>();
  for (const id of itemIds) {
    const item = itemMap.get(id);
    if (item === undefined) continue;
    const list = itemsByCategory.get(item.category) ?? [];
    list.push(id);
    itemsByCategory.set(item.category, list);
  }

  // --- the index -----------------------------------------------------------------------------
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const addEntry = (kind: EntryKind, item: string | undefined, category: string, source: string): void => {
    addEntryText(kind, item, category, source, normalizeText(source, normalizeOptions).name);
    // A name holding a trap synonym is also indexed as written: queries are unified the same
    // way, so this form never matches exactly, but a misspelt '싱글유즌' is closer to '싱글유즈'
    // than to '일회용'.
    addEntryText(kind, item, category, source, normalizeText(source, { ...normalizeOptions, unifySynonyms: false }).name);
  };
  const addEntryText = (kind: EntryKind, item: string | undefined, category: string, source: string, text: string): void => {
    if (text === '') return;
    // One entry per (owner, text): the same name in two languages or as name and synonym
    // would only double the work; the first kind listed (name > synonym > abbreviation) wins.
    const key = `${item ?? `#${category}`}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({
      kind,
      item,
      category,
      source,
      text,
      search: searchForm(text),
      tokens: text.split(' '),
      length: text.replace(/ /gu, '').length,
    });
  };
  for (const id of itemIds) {
    const item = itemMap.get(id);
    if (item === undefined) continue;
    for (const lang of Object.keys(item.names).sort()) {
      const name = item.names[lang];
      if (name === undefined) continue;
      addEntry('name', id, item.category, name);
      // Catalog names put the item first and its details after a comma or in brackets
      // ('CO2 incubator, about 170 L, HEPA', 'CO2 인큐베이터 (약 170L, HEPA)'): a buyer who
      // writes only the head names the item as fully as the whole name does.
      const head = headOfName(name);
      if (head !== undefined) addEntry('name', id, item.category, head);
    }
    for (const s of item.synonyms) addEntry('synonym', id, item.category, s);
    for (const a of item.abbreviations) addEntry('abbreviation', id, item.category, a);
  }
  for (const c of [...categories].sort((a, b) => compareIds(a.id, b.id))) {
    for (const lang of Object.keys(c.names).sort()) {
      const name = c.names[lang];
      if (name !== undefined) addEntry('category', undefined, c.id, name);
    }
  }
  // Spec values each item states in its names or specs, by canonical unit.
  const itemSpecs = new Map<string, Map<string, Set<string>>>();
  for (const id of itemIds) {
    const item = itemMap.get(id);
    if (item === undefined) continue;
    const texts = [...Object.values(item.names), ...item.synonyms, ...item.abbreviations];
    for (const v of Object.values(item.specs)) {
      if (v.kind === 'quantity') texts.push(v.quantity.text);
      else if (v.kind === 'text') texts.push(v.value);
      else if (v.kind === 'set') texts.push(...v.values);
    }
    const byUnit = new Map<string, Set<string>>();
    for (const t of texts) {
      for (const spec of canonicalSpecs(normalizeText(t, normalizeOptions).specs)) {
        byUnit.set(spec.unit, (byUnit.get(spec.unit) ?? new Set()).add(spec.value));
      }
    }
    if (byUnit.size > 0) itemSpecs.set(id, byUnit);
  }

  // Values each item's own names, synonyms and abbreviations state, by canonical unit: the values
  // that tell it from its family's other members (NAME_SPEC_CONTRADICTED).
  const nameSpecs = new Map<string, Map<string, Set<string>>>();
  for (const id of itemIds) {
    const item = itemMap.get(id);
    if (item === undefined) continue;
    const byUnit = new Map<string, Set<string>>();
    // Only the head phrase: a name's details after a comma or bracket (`..., 28.3 L/min`) are
    // specifications of the item, not what tells it from its neighbours.
    for (const t of [...Object.values(item.names), ...item.synonyms, ...item.abbreviations]) {
      for (const spec of canonicalSpecs(normalizeText(headPhraseOf(t), normalizeOptions).specs)) {
        byUnit.set(spec.unit, (byUnit.get(spec.unit) ?? new Set()).add(spec.value));
      }
    }
    if (byUnit.size > 0) nameSpecs.set(id, byUnit);
  }

  // What each item's names say of each qualifier concept (read-text.ts): it has it ('sterile',
  // '감마멸균') or explicitly lacks it ('non-sterile', '비멸균').
  const conceptTerm = (term: string): RegExp => {
    const t = normalizeText(term, normalizeOptions).name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    return hasHangul(t) ? new RegExp(t, 'u') : new RegExp(`(?<![a-z0-9])${t}(?![a-z0-9])`, 'u');
  };
  const conceptRules = QUALIFIER_WORDS.map((q) => ({ concept: q.concept, has: q.itemHas.map(conceptTerm), lacks: q.itemLacks.map(conceptTerm) }));
  const itemConcepts = new Map<string, Map<string, 'has' | 'lacks'>>();
  for (const id of itemIds) {
    const item = itemMap.get(id);
    if (item === undefined) continue;
    const texts = [...Object.values(item.names), ...item.synonyms, ...item.abbreviations].map((t) => normalizeText(t, normalizeOptions).name);
    const known = new Map<string, 'has' | 'lacks'>();
    for (const rule of conceptRules) {
      if (texts.some((t) => rule.lacks.some((rx) => rx.test(t)))) known.set(rule.concept, 'lacks');
      else if (texts.some((t) => rule.has.some((rx) => rx.test(t)))) known.set(rule.concept, 'has');
    }
    if (known.size > 0) itemConcepts.set(id, known);
  }

  // The catalog's Korean name words: a compound's last two syllables are its head only when they
  // are one of them (`필터` in `캡슐필터`), not the end of a loanword (`이터` in `레귤레이터`).
  const hangulNameWords = new Set(entries.flatMap((e) => e.tokens.filter((t) => hasHangul(t))));
  // The entries whose head is a Korean word of one syllable (`팁` in `필터 팁 200µL`, `백` in `배양
  // 백`): a compound written without the space (`필터팁`) ends in that word, its head.
  const syllableHeadEntries = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const head = headPhraseOf(e.source).split(/\s+/u).filter((w) => !/\d/u.test(w)).at(-1) ?? '';
    if (head.length !== 1 || !hasHangul(head)) return;
    syllableHeadEntries.set(head, [...(syllableHeadEntries.get(head) ?? []), i]);
  });
  // Each item's entries, for the words a negation excludes (holdsNegated).
  const entriesByItem = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.item === undefined) continue;
    const list = entriesByItem.get(e.item) ?? [];
    list.push(e);
    entriesByItem.set(e.item, list);
  }
  /**
   * Whether the item's names hold every word of one of the text's negated phrases (as a word, or
   * inside a Korean word): the item is what the text says it does not want (`PES 아님` and a PES
   * cassette, `생물안전작업대 아님` and the biosafety cabinet, `유리 바이알이 아닌` and the glass
   * vials), a neighbour at most NEIGHBOUR_CAP. A phrase that negates a qualifier with its item
   * words (`멸균 커버올 아님`, `sterile coverall not required`) excludes only the items that also
   * have the qualifier (the sterile coverall, not a non-sterile one). Negated qualifiers alone
   * (`멸균 아님`) are not among the phrases: QUALIFIER_MISMATCH weighs them.
   */
  const holdsNegated = (item: string, negated: readonly Negated[], textHeads: readonly string[]): boolean =>
    negated.some(
      ({ words, concept }) =>
        (concept === undefined || itemConcepts.get(item)?.get(concept) === 'has') &&
        words.every((w) => (entriesByItem.get(item) ?? []).some((e) => e.tokens.includes(w) || (hasHangul(w) && e.text.includes(w)))) &&
        headsNegated(item, words, textHeads),
    );
  /**
   * A negated phrase that ends with a word heading names of the catalog (`교체용 다이어프램은 별도`:
   * the diaphragm) spares an item whose names hold that word only as a modifier of a head word of
   * the text's main clause (`다이어프램 밸브`, the valve the text asks for), and excludes the items it
   * heads. A phrase ending in a modifier (`PES 아님`) excludes every item holding it.
   */
  const headsNegated = (item: string, words: readonly string[], textHeads: readonly string[]): boolean => {
    const last = words.at(-1);
    if (last === undefined || textHeads.includes(last) || !nameHeads().has(last)) return true;
    const own = entriesByItem.get(item) ?? [];
    if (own.some((e) => nameHead(e) === last)) return true;
    return !own.some((e) => {
      const at = e.tokens.indexOf(last);
      const next = e.tokens[at + 1];
      return at >= 0 && next !== undefined && textHeads.includes(next);
    });
  };
  let nameHeadSet: Set<string> | undefined;
  /** The heads of the catalog's names of two words or more (a modifier alone names nothing). */
  const nameHeads = (): ReadonlySet<string> => {
    nameHeadSet ??= new Set(entries.flatMap((e) => (e.tokens.length >= 2 ? (nameHead(e) ?? []) : [])));
    return nameHeadSet;
  };
  // A name's head word, once per entry: negations and excluded wholes ask for it per item and text.
  const nameHeadOf = new Map<Entry, string | undefined>();
  const nameHead = (e: Entry): string | undefined => {
    if (!nameHeadOf.has(e)) nameHeadOf.set(e, normalizeText(headPhraseOf(e.source), normalizeOptions).tokens.filter((t) => !/\d/u.test(t)).at(-1));
    return nameHeadOf.get(e);
  };
  /**
   * Whether one of the item's names has for its head a word of a whole the text excludes
   * (`밸브 본체는 불필요`: the valve, `다이어프램 밸브`, is excluded; the valve's diaphragm,
   * `다이어프램 밸브용 다이어프램`, whose head is `다이어프램`, is what is asked for).
   */
  const headExcluded = (item: string, wholes: readonly (readonly string[])[]): boolean =>
    (entriesByItem.get(item) ?? []).some((e) => {
      const last = nameHead(e);
      return last !== undefined && wholes.some((words) => words.some((w) => last === w || (hasHangul(w) && last.endsWith(w))));
    });

  // Exact matches are looked up without spaces: '세포 배양백' and '세포배양백' are one name.
  const exact = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = e.text.replace(/ /gu, '');
    const list = exact.get(key) ?? [];
    list.push(e);
    exact.set(key, list);
  }

  // fuse.js's search with `keys: ['search'], includeScore, threshold, ignoreLocation,
  // ignoreFieldNorm, shouldSort: false` (names can sit anywhere in a longer text, and coverage
  // is weighed below, not by fuse), in a faster form with the same hits and scores (fuzzy.ts).
  const fuse = createFuzzySearch(
    entries.map((e) => e.search),
    { threshold: o.threshold },
  );

  // Patterns (tokens, syllable pairs) and tokens repeat across texts, so their fuzzy work is
  // memoized for the catalog's lifetime, not per text; cleared when large to bound memory.
  const fuzzyMemo = new Map<string, Map<number, number>>();
  const coverMemo = new Map<string, Map<number, number>>();
  // scoreName's table of token covers, reused from text to text (scoreName never re-enters).
  let coverTable = new Float64Array(0);
  const MAX_MEMO = 20_000;

  /** Fuzzy quality (1 - fuse score) of a pattern per entry index. Shared: never mutate the result. */
  const fuzzy = (pattern: string, memo: Map<string, Map<number, number>>): Map<number, number> => {
    const cached = memo.get(pattern);
    if (cached !== undefined) return cached;
    const out = new Map<number, number>();
    for (const r of fuse.search(searchForm(pattern))) out.set(r.index, 1 - (r.score ?? 1));
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(pattern, out);
    return out;
  };

  /**
   * Characters of each entry that one query token accounts for, weighted by match quality.
   * Short Latin tokens (`sub`, `tff`, `a`) must equal a whole word of the entry: three letters
   * with one edit allowed would make `sus` match `sub`. A single Hangul syllable (`백`) must
   * occur as is. Longer Hangul words are also matched syllable pair by syllable pair, because
   * Korean compounds are spaced at will (`제균필터` vs `제균 캡슐필터`).
   */
  /**
   * How much a word discriminates among the catalog's items: an IDF over the items whose names,
   * synonyms or abbreviations the word matches (per script, since a Korean word only matches
   * Korean names and a Latin one Latin names). Memoized per word for the catalog's lifetime.
   */
  const idfMemo = new Map<string, number>();
  const idfOf = (t: QueryToken, cover: ReadonlyMap<number, number>): number => {
    const cached = idfMemo.get(t.text);
    if (cached !== undefined) return cached;
    const owners = new Set<string>();
    for (const [i, chars] of cover) {
      const e = entries[i];
      if (e?.item !== undefined && chars >= DF_COVER * Math.min(t.length, e.length)) owners.add(e.item);
    }
    const n = itemIds.length;
    const idf = owners.size === 0 || n === 0 ? 1 : Math.max(IDF_FLOOR, Math.log(1 + n / owners.size) / Math.log(1 + n));
    if (idfMemo.size >= MAX_MEMO) idfMemo.clear();
    idfMemo.set(t.text, idf);
    return idf;
  };

  const coverToken = (t: QueryToken, memo: Map<string, Map<number, number>>): Map<number, number> => {
    // A token's cover depends on its text alone (length and script derive from it).
    const cached = coverMemo.get(t.text);
    if (cached !== undefined) return cached;
    const out = coverTokenUncached(t, memo);
    if (coverMemo.size >= MAX_MEMO) coverMemo.clear();
    coverMemo.set(t.text, out);
    return out;
  };
  const coverTokenUncached = (t: QueryToken, memo: Map<string, Map<number, number>>): Map<number, number> => {
    const out = new Map<number, number>();
    if (!t.hangul && t.length <= 3) {
      const plural = `${t.text}s`;
      entries.forEach((e, i) => {
        if (e.tokens.some((w) => w === t.text || w === plural)) out.set(i, t.length);
      });
      return out;
    }
    if (t.hangul && t.length === 1) {
      entries.forEach((e, i) => {
        if (e.text.includes(t.text)) out.set(i, 1);
      });
      return out;
    }
    for (const [i, q] of fuzzy(t.text, memo)) out.set(i, q * t.length);
    if (t.hangul && t.length >= 3) {
      const chars = [...t.text];
      const covered = new Map<number, number[]>();
      for (let k = 0; k + 1 < chars.length; k++) {
        for (const [i, q] of fuzzy(`${chars[k]}${chars[k + 1]}`, memo)) {
          const cover = covered.get(i) ?? new Array<number>(chars.length).fill(0);
          cover[k] = Math.max(cover[k] ?? 0, q);
          cover[k + 1] = Math.max(cover[k + 1] ?? 0, q);
          covered.set(i, cover);
        }
      }
      for (const [i, cover] of covered) {
        const sum = cover.reduce((a, b) => a + b, 0);
        if (sum > (out.get(i) ?? 0)) out.set(i, sum);
      }
    }
    return out;
  };

  /**
   * The words of an entry's head phrase: what stands before its first comma or bracket, without
   * words holding digits (`수산화나트륨 용액 50% (저엔도톡신)` -> `수산화나트륨 용액`). A word the
   * name puts in brackets or after a comma (`(기상식)`) is no head of it.
   */
  const headPhraseMemo = new Map<number, readonly string[]>();
  const nameHeadTokens = (i: number): readonly string[] => {
    let out = headPhraseMemo.get(i);
    if (out === undefined) {
      out = normalizeText(headPhraseOf(entries[i]?.source ?? ''), normalizeOptions).name.split(' ').filter((w) => w !== '' && !/\d/u.test(w));
      headPhraseMemo.set(i, out);
    }
    return out;
  };

  /**
   * Scores a normalized name text against the index: the expensive, memoized part of a text
   * resolution. Specs are applied afterwards by {@link finish}, so that `SUB 200L` and
   * `SUB 500L` share this work.
   */
  const scoreName = (tokensIn: readonly WordToken[]): NameScores => {
    const tokens: QueryToken[] = tokensIn
      // What the reading kept is an item word; a spec name kept before one names the item.
      .filter(([t]) => !isFillerWord(t) || SPEC_NAME_WORDS.includes(t))
      .map(([t, role, head, clause]) => ({ text: t, length: [...t].length, hangul: hasHangul(t), role, head, clause }));
    const items = new Map<string, Candidate>();
    const impliedCategories = new Map<string, number>();
    if (tokens.length === 0) return { items, categories: impliedCategories, term: undefined, neighbours: new Set() };
    const salient = tokens.map((t) => t.text).join(' ');
    const itemWords = tokens.filter((t) => t.role === 1).map((t) => t.text).join(' ');

    // Characters covered per entry, per token; each token weighed by its role and by how few
    // items it matches (a rare head noun outweighs a generic word).
    const memo = fuzzyMemo;
    const perToken = tokens.map((t) => coverToken(t, memo));
    // The IDF only redistributes weight among the words the catalog knows: their total stays
    // their length, so that unknown words (a firm name, equipment the catalog lacks) dilute a
    // text exactly as much as before and a text naming nothing stays unsure.
    const idfs = tokens.map((t, k) => idfOf(t, perToken[k] ?? new Map()));
    let knownMass = 0;
    let knownIdfMass = 0;
    tokens.forEach((t, k) => {
      if ((perToken[k]?.size ?? 0) === 0) return;
      knownMass += t.role * t.length;
      knownIdfMass += t.role * t.length * (idfs[k] ?? 1);
    });
    const scale = knownIdfMass > 0 ? knownMass / knownIdfMass : 1;
    const weights = tokens.map((t, k) => t.role * ((perToken[k]?.size ?? 0) === 0 ? 1 : (idfs[k] ?? 1) * scale));
    const queryChars = tokens.reduce((a, t) => a + t.length, 0);
    const whole = tokens.length > 1 ? fuzzy(salient, memo) : new Map<number, number>();

    const touched = new Set<number>();
    for (const m of perToken) for (const i of m.keys()) touched.add(i);
    for (const i of whole.keys()) touched.add(i);
    // perToken as one dense table (token k, entry i at k * entries.length + i; 0 where a token's
    // map has no entry, as `m.get(i) ?? 0` reads it), for the loops over touched entries below.
    const stride = entries.length;
    if (coverTable.length < tokens.length * stride) coverTable = new Float64Array(tokens.length * stride);
    const cover = coverTable;
    cover.fill(0, 0, tokens.length * stride);
    perToken.forEach((m, k) => {
      for (const [i, chars] of m) cover[k * stride + i] = chars;
    });

    // Query coverage is pooled over an owner's entries (a Korean name may match the Korean
    // words and an abbreviation the Latin ones); entry coverage is per entry.
    const ownerOf = (e: Entry): string => e.item ?? `#${e.category}`;
    const tokenBest = new Map<string, number[]>();
    const wholeBest = new Map<string, number>();
    for (const i of touched) {
      const e = entries[i];
      if (e === undefined) continue;
      const owner = ownerOf(e);
      const best = tokenBest.get(owner) ?? new Array<number>(tokens.length).fill(0);
      for (let k = 0; k < tokens.length; k++) {
        best[k] = Math.max(best[k] ?? 0, Math.min(cover[k * stride + i] as number, e.length));
      }
      tokenBest.set(owner, best);
      const w = whole.get(i);
      if (w !== undefined) wholeBest.set(owner, Math.max(wholeBest.get(owner) ?? 0, w));
    }
    // Whether an owner's names explain a head word. A Latin head: cover it as a word matching
    // the owner does for the IDF (LATIN_HEAD_COVER of its characters). A Hangul head: its last
    // two syllables, where a Korean compound puts its head (`캡슐필터` is a 필터), matched
    // as good as exactly (HANGUL_HEAD_QUALITY): a name differing in the head syllable names a
    // neighbour (`방진화` shoes are no `방진복` garment).
    // No head (a text of qualifiers only): yes.
    const headIndexes = tokens.flatMap((t, k) => (t.head ? [k] : []));
    // The owners whose names match a Hangul word's last two syllables as good as exactly.
    const tailOwners = new Map<number, Set<string>>();
    const tailOwnersOf = (k: number): ReadonlySet<string> => {
      let owners = tailOwners.get(k);
      if (owners !== undefined) return owners;
      owners = new Set<string>();
      const t = tokens[k];
      if (t !== undefined) {
        const tail = tailOf(t.text);
        const length = [...tail].length;
        // A tail that is no name word of the catalog is the end of a word, not a head of its own
        // (`레귤레이터` is no `인큐베이터`): then only a name word that shares the head's last three
        // syllables (`탄산수소나트륨` for `무수탄산나트륨`, left to the compound rule), is the head
        // or ends it, or that the head ends (`세포배양백` for `배양백`, `냉동고` for `초저온냉동고`)
        // explains it.
        const tailIsWord = length === t.length || hangulNameWords.has(tail);
        const end = [...t.text].slice(-TAIL_END_SYLLABLES).join('');
        for (const [i, chars] of coverToken({ ...t, text: tail, length }, memo)) {
          const e = entries[i];
          if (e === undefined || chars < HANGUL_HEAD_QUALITY * length - 1e-9) continue;
          if (tailIsWord || e.tokens.some((w) => [...w].length >= 2 && hasHangul(w) && (w.endsWith(end) || t.text.endsWith(w)))) owners.add(ownerOf(e));
        }
        // A compound glued from a name's words whose last is one syllable (`필터팁` for `필터 팁`):
        // its head is that syllable, explained by the names it heads; not when a longer name word
        // ends it (`세포배양백` is a culture bag, not any `백`).
        const syllables = [...t.text];
        const endsInNameWord = syllables.some((_, i) => i < syllables.length - 1 && hangulNameWords.has(syllables.slice(i).join('')));
        if (!tailIsWord && t.length >= 3 && !endsInNameWord) {
          for (const i of syllableHeadEntries.get(syllables.at(-1) ?? '') ?? []) {
            const e = entries[i];
            if (e !== undefined) owners.add(ownerOf(e));
          }
        }
      }
      tailOwners.set(k, owners);
      return owners;
    };
    // The owners one of whose name words is a Latin head word, close enough (latinWordIs): a fuzzy
    // cover may run across a name's words (`generator` in `nitrogen storage`), a head is one word.
    const latinOwners = new Map<number, Set<string>>();
    const latinOwnersOf = (k: number): ReadonlySet<string> => {
      let owners = latinOwners.get(k);
      if (owners !== undefined) return owners;
      owners = new Set<string>();
      const head = tokens[k]?.text ?? '';
      for (const i of touched) {
        const e = entries[i];
        // Two name words glued in the text are one (`dataloggers` for `data logger`).
        if (e !== undefined && (cover[k * stride + i] as number) > 0 && e.tokens.some((w, j) => latinWordIs(head, w) || latinWordIs(head, w + (e.tokens[j + 1] ?? '')))) owners.add(ownerOf(e));
      }
      latinOwners.set(k, owners);
      return owners;
    };
    const explainsHeadAt = (owner: string, k: number): boolean => {
      const t = tokens[k];
      if (t === undefined) return false;
      if (t.hangul) return tailOwnersOf(k).has(owner);
      return (tokenBest.get(owner)?.[k] ?? 0) >= LATIN_HEAD_COVER * t.length - 1e-9 && latinOwnersOf(k).has(owner);
    };
    // Siblings (SPECIFIER_CONTRADICTED). The text's specifier of a head: the prefix of a Korean
    // compound head of four syllables or more (`제균필터` -> `제균`), else the item word before
    // the head in its clause; none when that word holds a digit.
    const specifierAt = (k: number): string | undefined => {
      const t = tokens[k];
      if (t === undefined) return undefined;
      if (t.hangul && t.length >= 4) return t.text.slice(0, t.text.length - tailOf(t.text).length);
      const before = tokens[k - 1];
      return before !== undefined && before.clause === t.clause && before.role === 1 && !/\d/u.test(before.text) ? before.text : undefined;
    };
    const specifierIndexAt = (k: number): number | undefined => {
      const t = tokens[k];
      return t !== undefined && !(t.hangul && t.length >= 4) ? k - 1 : undefined;
    };
    // Whether the owner explains a word as a whole: covered as for the IDF and, for a Korean word
    // of three syllables or more, its last two syllables as good as exactly (`수산화칼륨` is not
    // explained by `수산화나트륨`, which covers three of its five syllables).
    const wholly = (owner: string, k: number): boolean => {
      const t = tokens[k];
      if (t === undefined || (tokenBest.get(owner)?.[k] ?? 0) < DF_COVER * t.length - 1e-9) return false;
      if (!t.hangul || t.length < 3 || tailOwnersOf(k).has(owner)) return true;
      // A typo in the last syllables (`수산화나트름`) still matches the whole word closely.
      const whole = fuzzy(t.text, memo);
      return (entriesOf.get(owner) ?? []).some((i) => (whole.get(i) ?? 0) >= SPECIFIER_TYPO_QUALITY);
    };
    const entriesOf = new Map<string, number[]>();
    for (const i of touched) {
      const e = entries[i];
      if (e === undefined) continue;
      const list = entriesOf.get(ownerOf(e)) ?? [];
      list.push(i);
      entriesOf.set(ownerOf(e), list);
    }
    const inText = (word: string): boolean =>
      tokens.some((t) => sameWord(t.text, word) || (hasHangul(word) && (t.text.includes(word) || ([...word].length >= 3 && t.text.endsWith(tailOf(word))))));
    /**
     * Whether a name that puts the text's own specifier before head k (`바이러스 제거 필터` for
     * `마이코플라스마 제거 필터`) puts another word before that specifier than the text does, a word
     * the text lacks, while the owner does not explain the text's: the two phrases share their
     * last two words and name two things (SPECIFIER_CONTRADICTED, one word further out).
     */
    const outerContradicts = (owner: string, k: number, tokensOfName: readonly string[], theirs: string): boolean => {
      const t = tokens[k];
      if (t === undefined) return false;
      const at = specifierIndexAt(k);
      const outerIndex = at === undefined ? k - 1 : at - 1;
      const outer = tokens[outerIndex];
      if (outer === undefined || outer.clause !== t.clause || outer.role !== 1 || /\d/u.test(outer.text)) return false;
      const last = tokensOfName[tokensOfName.length - 1] ?? '';
      const compound = last !== theirs && last.startsWith(theirs);
      const nameOuter = tokensOfName[tokensOfName.length - (compound ? 2 : 3)];
      if (nameOuter === undefined || isFillerWord(nameOuter) || /\d/u.test(nameOuter)) return false;
      if (sameWord(nameOuter, outer.text) || oneEditApart(nameOuter, outer.text) || inText(nameOuter)) return false;
      return !wholly(owner, outerIndex);
    };
    /**
     * Whether a Korean compound of the text (`탄산나트륨`, `무수탄산나트륨`) is another thing than
     * every name word of the owner that shares its last two syllables or more: each puts other
     * syllables before that shared end (`탄산수소나트륨`, `중탄산나트륨`: bicarbonate, not
     * carbonate) that the text's compound does not end its own part with and the text does not
     * hold, and no name word is the text's compound or a plain end of it (`나트륨`); a name that
     * states the compound's first syllables as a word before (`제균 캡슐필터` for `제균필터`) is left
     * to the sibling rule.
     */
    const compoundContradicted = (owner: string, word: string): boolean => {
      const chars = [...word];
      let located = 0;
      for (const i of entriesOf.get(owner) ?? []) {
        const ts = nameHeadTokens(i);
        for (const [j, w] of ts.entries()) {
          if (!hasHangul(w)) continue;
          const wc = [...w];
          let shared = 0;
          while (shared < wc.length && shared < chars.length && wc[wc.length - 1 - shared] === chars[chars.length - 1 - shared]) shared += 1;
          if (shared < 2) continue;
          const theirs = wc.slice(0, wc.length - shared).join('');
          const ours = chars.slice(0, chars.length - shared).join('');
          if (theirs === '' || ours.endsWith(theirs) || inText(theirs)) return false;
          // The name states the text's own first syllables as a word before (`제균 캡슐필터` for
          // `제균필터`): a modifier between them is the sibling rule's matter, not another compound.
          if (ours !== '' && ts.slice(0, j).join('').endsWith(ours)) return false;
          located += 1;
        }
      }
      return located > 0;
    };
    /** Whether the owner's names contradict the text's specifier of head k (see SPECIFIER_CONTRADICTED). */
    const contradictsAt = (owner: string, k: number): boolean => {
      const t = tokens[k];
      const own = specifierAt(k);
      if (t === undefined || own === undefined) return false;
      const at = specifierIndexAt(k);
      // The owner explains the text's specifier: only a name that puts it there with another word
      // before it (outerContradicts) says something else.
      const specifierExplained = at !== undefined && wholly(owner, at);
      // A compound head covered as a whole (`캡슐필터` in `제균 캡슐필터`) has its specifier,
      // unless every name word sharing its end says another thing before it (compoundContradicted).
      if (at === undefined && wholly(owner, k)) return compoundContradicted(owner, t.text);
      let located = 0;
      for (const i of entriesOf.get(owner) ?? []) {
        const e = entries[i];
        if (e === undefined) continue;
        const tokensOfName = nameHeadTokens(i);
        const theirs = nameSpecifier(tokensOfName, t);
        if (theirs === null) continue;
        if (theirs !== undefined && sameWord(theirs, own) && outerContradicts(owner, k, tokensOfName, theirs)) {
          located += 1;
          continue;
        }
        if (specifierExplained && theirs !== undefined && !sameWord(theirs, own)) continue;
        if (theirs === undefined || sameWord(theirs, own) || oneEditApart(theirs, own) || inText(theirs)) return false;
        located += 1;
      }
      return located > 0;
    };
    /** Whether every head the owner explains is a Korean compound its names contradict (compoundContradicted). */
    const compoundOnly = (owner: string): boolean => {
      const explained = headIndexes.filter((k) => explainsHeadAt(owner, k));
      return (
        explained.length > 0 &&
        explained.every((k) => {
          const t = tokens[k];
          return t !== undefined && t.hangul && t.length >= 4 && wholly(owner, k) && compoundContradicted(owner, t.text);
        })
      );
    };
    // Asked once per entry of an owner below, and the same for each: kept per owner.
    const contradictedOwners = new Map<string, boolean>();
    const contradicts = (owner: string): boolean => {
      let out = contradictedOwners.get(owner);
      if (out === undefined) {
        const explained = headIndexes.filter((k) => explainsHeadAt(owner, k));
        out = explained.length > 0 && explained.every((k) => contradictsAt(owner, k));
        contradictedOwners.set(owner, out);
      }
      return out;
    };
    // Variant letters (VARIANT_CONTRADICTED): the text's (word, letter) pairs, `protein g`, `type b2`.
    const variants = tokens.flatMap((t, k) => {
      const before = tokens[k - 1];
      return VARIANT_CODE.test(t.text) && before !== undefined && before.clause === t.clause && before.role === 1 && t.role === 1 ? [[before.text, t.text] as const] : [];
    });
    const variantContradicted = (owner: string): boolean => {
      for (const [word, code] of variants) {
        let other = false;
        for (const i of entriesOf.get(owner) ?? []) {
          const ts = entries[i]?.tokens ?? [];
          for (let j = 0; j + 1 < ts.length; j++) {
            const next = ts[j + 1] ?? '';
            if (ts[j] !== word || !VARIANT_CODE.test(next)) continue;
            if (next === code) return false;
            other = true;
          }
        }
        if (other) return true;
      }
      return false;
    };
    const headExplainedOwners = new Map<string, boolean>();
    const explainsHead = (owner: string): boolean => {
      let out = headExplainedOwners.get(owner);
      if (out === undefined) {
        out = headIndexes.length === 0 || headIndexes.some((k) => explainsHeadAt(owner, k));
        headExplainedOwners.set(owner, out);
      }
      return out;
    };
    // The share of the item phrase (by characters and IDF) an owner leaves unexplained: in each
    // clause, the item words up to the first head word the owner explains (modifiers stand
    // before the head in Korean and English; what follows it, `with IR sensor`, is another
    // matter), or up to the last word it explains when it explains no head there; of the
    // clauses, the one it explains best. The noun phrase naming the item is explained as a
    // whole, or the owner names a neighbour of it (`trypsin-EDTA solution` is no `NaOH solution`).
    const unexplainedShare = (owner: string): number => {
      const best = tokenBest.get(owner) ?? [];
      const explained = (k: number): boolean => {
        const t = tokens[k];
        return t !== undefined && (best[k] ?? 0) >= DF_COVER * t.length - 1e-9;
      };
      const ends = new Map<number, number>();
      const headEnds = new Set<number>();
      tokens.forEach((t, k) => {
        if (t.role !== 1 || headEnds.has(t.clause)) return;
        if (t.head && explainsHeadAt(owner, k)) {
          ends.set(t.clause, k);
          headEnds.add(t.clause);
        } else if (explained(k)) ends.set(t.clause, k);
      });
      let share = 1;
      for (const [clause, end] of ends) share = Math.min(share, shareIn(owner, clause, end) ?? 1);
      return share;
    };
    /** The share (by characters and IDF) of a clause's item words up to token `end` the owner leaves unexplained; undefined when there are none. */
    const shareIn = (owner: string, clause: number, end: number, named = false): number | undefined => {
      const best = tokenBest.get(owner) ?? [];
      let mass = 0;
      let left = 0;
      tokens.forEach((t, k) => {
        // Naming (LONG_TEXT_CAP) leaves out words holding digits (`2공장`, `592x592x48`): a count,
        // size or model, as in a name's head phrase.
        if (t.role !== 1 || t.clause !== clause || k > end || (named && /\d/u.test(t.text))) return;
        const m = t.length * (idfs[k] ?? 1);
        mass += m;
        if ((best[k] ?? 0) < DF_COVER * t.length - 1e-9 && !(t.head && explainsHeadAt(owner, k))) left += m;
      });
      return mass > 0 ? left / mass : undefined;
    };
    // Per owner, the weights its coverage is measured with: the words of the clauses after the
    // first clause in which it explains a head word are details (`200L SUB 배양백 (sparger, 샘플링
    // 포트 포함), 감마 25~50 kGy, contact layer ULDPE, ...`): they weigh DETAIL_WEIGHT, so that a long
    // line's specifications, delivery terms and prose do not dilute the noun phrase that names
    // the item. Before and in that clause every word counts in full: modifiers stand before the
    // head, and a clause naming an accessory of the item (`인큐베이터 교체용 선반`) keeps its own.
    const ownerWeights = new Map<string, { readonly weights: readonly number[]; readonly length: number }>();
    const weightsOf = (owner: string): { readonly weights: readonly number[]; readonly length: number } => {
      let w = ownerWeights.get(owner);
      if (w === undefined) {
        let headClause = Number.POSITIVE_INFINITY;
        for (const k of headIndexes) {
          const t = tokens[k];
          if (t !== undefined && t.clause < headClause && explainsHeadAt(owner, k)) headClause = t.clause;
        }
        const own = tokens.map((t, k) => (weights[k] ?? 0) * (t.clause > headClause ? DETAIL_WEIGHT : 1));
        w = { weights: own, length: tokens.reduce((a, t, k) => a + (own[k] ?? 0) * t.length, 0) };
        ownerWeights.set(owner, w);
      }
      return w;
    };
    const phraseFactors = new Map<string, number>();
    const phraseFactor = (owner: string): number => {
      let f = phraseFactors.get(owner);
      if (f === undefined) {
        f = 1 - PHRASE_UNEXPLAINED * unexplainedShare(owner);
        phraseFactors.set(owner, f);
      }
      return f;
    };
    // An owner's coverage pooled over its entries: the same for each of its entries.
    const pooledByOwner = new Map<string, number>();
    const pooledOf = (owner: string, ownWeights: readonly number[], ownLength: number): number => {
      let pooled = pooledByOwner.get(owner);
      if (pooled === undefined) {
        const pooledChars = (tokenBest.get(owner) ?? []).reduce((a, b, k) => a + b * (ownWeights[k] ?? 0), 0);
        pooled = Math.min(1, Math.max(pooledChars / ownLength, wholeBest.get(owner) ?? 0));
        pooledByOwner.set(owner, pooled);
      }
      return pooled;
    };
    const categoryScores = new Map<string, Candidate>();
    const offer = (map: Map<string, Candidate>, key: string, c: Candidate): void => {
      const prev = map.get(key);
      if (prev === undefined || c.confidence > prev.confidence) map.set(key, c);
    };

    // Items a word of the text shows to be neighbours (VARIANT_CONTRADICTED): at most NEIGHBOUR_CAP
    // by any path, a category name included.
    const neighbours = new Set<string>();
    // An exact name: the whole text, or the item words alone (qualifiers left over).
    const squeezed = salient.replace(/ /gu, '');
    const squeezedItem = itemWords.replace(/ /gu, '');
    // Only qualifiers may be left over: they refine among the exact hits afterwards, while
    // another word (`클린룸용`) may tell the hits apart and must be scored.
    const onlyQualifiersLeft = tokens.every((t) => t.role === 1 || t.role === QUALIFIER_WEIGHT);
    const itemExact = squeezedItem !== '' && onlyQualifiersLeft ? exact.get(squeezedItem) : undefined;
    const exactHits = exact.get(squeezed) ?? itemExact ?? [];
    const exactFactor = exact.has(squeezed) ? 1 : EXACT_ITEM_WORDS;
    for (const e of exactHits) {
      const spacing = e.text === salient || e.text === itemWords ? 1 : EXACT_SPACING;
      const confidence = (e.kind === 'abbreviation' ? ABBREVIATION_CAP : 1) * spacing * exactFactor;
      const c = { confidence, via: viaOf(e.kind), matched: e.source };
      if (e.item !== undefined) offer(items, e.item, c);
      else offer(categoryScores, e.category, c);
    }

    for (const i of [...touched].sort((a, b) => a - b)) {
      const e = entries[i];
      if (e === undefined) continue;
      const owner = ownerOf(e);
      const w = whole.get(i) ?? 0;
      const { weights: ownWeights, length: ownLength } = weightsOf(owner);
      let entryChars = 0;
      let weighedChars = 0;
      for (let k = 0; k < tokens.length; k++) {
        const c = Math.min(cover[k * stride + i] as number, tokens[k]?.length ?? 0, e.length);
        entryChars += c;
        weighedChars += c * (ownWeights[k] ?? 0);
      }
      const own = Math.min(1, Math.max(weighedChars / ownLength, w));
      const pooled = pooledOf(owner, ownWeights, ownLength);
      // Other names of the same item corroborate, but count half: a short abbreviation that
      // matches one word must not borrow the rest of the text from a long name ('PVDF' in
      // '벤트필터 (PVDF)' would otherwise make a PVDF sterilizing filter beat the vent filter).
      const qCov = (own + pooled) / 2;
      entryChars = Math.max(entryChars, w * Math.min(queryChars, e.length));
      const eCov = Math.min(1, entryChars / e.length);
      if (qCov <= 0 || eCov <= 0) continue;
      let confidence = (FUZZY_CAP * 2 * qCov * eCov) / (qCov + eCov);
      if (e.kind === 'abbreviation') confidence *= ABBREVIATION_CAP;
      if (!explainsHead(owner)) confidence *= HEAD_UNEXPLAINED;
      else if (contradicts(owner)) {
        confidence *= SPECIFIER_CONTRADICTED;
        // Another compound (`탄산나트륨` for `탄산수소나트륨`) is another member of the family.
        if (e.item !== undefined && compoundOnly(owner)) neighbours.add(e.item);
      }
      confidence *= phraseFactor(owner);
      if (variants.length > 0 && variantContradicted(owner)) {
        confidence *= VARIANT_CONTRADICTED;
        if (e.item !== undefined) neighbours.add(e.item);
      }
      const c = { confidence, via: viaOf(e.kind), matched: e.source };
      if (e.item !== undefined) offer(items, e.item, c);
      else offer(categoryScores, e.category, c);
    }

    // Category names imply their items: a leaf at CATEGORY_CONFIDENCE, a group at half that.
    for (const [category, c] of categoryScores) {
      const leaves = leavesOf.get(category);
      const factor = leaves === undefined ? 1 : GROUP_FACTOR;
      for (const leaf of leaves ?? [category]) {
        impliedCategories.set(leaf, Math.max(impliedCategories.get(leaf) ?? 0, c.confidence * factor));
        for (const id of itemsByCategory.get(leaf) ?? []) {
          offer(items, id, { confidence: c.confidence * factor * CATEGORY_CONFIDENCE, via: 'category', matched: c.matched });
        }
      }
    }

    // A known ambiguous term: every score scaled down (so that an exact synonym still leads),
    // then every meaning's items offered, the first-listed (commonest) meaning slightly ahead.
    // The item words alone may be the term (`필터, 감마 멸균`), unless the whole text is a name.
    const term = AMBIGUOUS_TERMS.find((t) => t.terms.includes(salient) || (!exact.has(squeezed) && t.terms.includes(itemWords)));
    if (term !== undefined) {
      for (const c of items.values()) c.confidence *= AMBIGUOUS_CAP;
      for (const [category, confidence] of impliedCategories) impliedCategories.set(category, confidence * AMBIGUOUS_CAP);
      term.meanings.forEach((meaning, k) => {
        const confidence = AMBIGUOUS_CAP - AMBIGUOUS_STEP * (k + 1);
        for (const category of meaning.categories) {
          for (const id of itemsByCategory.get(category) ?? []) offer(items, id, { confidence, via: 'category', matched: salient });
        }
      });
    }
    // The main head: the last head word of the first clause holding one (PART_HEAD).
    let mainK: number | undefined;
    for (const k of headIndexes) {
      const t = tokens[k];
      if (t === undefined || t.role !== 1) continue;
      if (mainK !== undefined && tokens[mainK]?.clause !== t.clause) break;
      mainK = k;
    }
    const mainToken = mainK === undefined ? undefined : tokens[mainK];
    let mainHead: NameScores['mainHead'];
    if (mainK !== undefined && mainToken !== undefined) {
      const k = mainK;
      const missing = new Set<string>();
      const unexplainedAlready = new Set<string>();
      // Named (LONG_TEXT_CAP): the main head explained, not contradicted, and its noun phrase mostly explained.
      const named = new Set<string>();
      for (const id of items.keys()) {
        if (explainsHeadAt(id, k)) {
          if (!contradictsAt(id, k) && (shareIn(id, mainToken.clause, k, true) ?? 0) <= NAMED_PHRASE_LEFT + 1e-9) named.add(id);
          continue;
        }
        missing.add(id);
        if (!explainsHead(id)) unexplainedAlready.add(id);
      }
      const clauseHeads = headIndexes.flatMap((h) => (tokens[h]?.clause === mainToken.clause && tokens[h]?.role === 1 ? [tokens[h]?.text ?? ''] : []));
      mainHead = { missing, unexplainedAlready, part: isPartWord(mainToken.text), named, clauseHeads };
    }

    return { items, categories: impliedCategories, term, neighbours, ...(mainHead !== undefined ? { mainHead } : {}) };
  };

  /**
   * Turns name scores into a resolution for one set of specs: items whose own specs disagree
   * with the text's (`SUB 500L` vs the 200 L bag) lose a little, enough to reorder look-alikes
   * that differ only by size but not to let a spec outvote a name.
   */
  const finish = (
    scores: NameScores,
    specs: readonly CanonicalSpec[],
    firm: readonly CanonicalSpec[],
    concepts: ReadonlyMap<string, boolean>,
    wholeExcluded: boolean,
    negated: readonly Negated[],
    wholes: readonly (readonly string[])[],
    support: ReadonlyMap<string, number>,
    implied: readonly CanonicalSpec[],
    replaced: readonly ReadonlySet<string>[],
    main: MainValues | undefined,
    itemWords: readonly string[],
    textWords: readonly string[],
  ): Resolution => {
    const { term, mainHead } = scores;
    const partAsked = mainHead !== undefined && (mainHead.part || wholeExcluded);
    if (scores.items.size === 0 && scores.categories.size === 0) return EMPTY;
    const values = new Map<string, number>();
    const liftable = new Set<string>();
    for (const [item, c] of scores.items) {
      let value = c.confidence * specFactor(item, specs) * conceptFactor(item, concepts);
      const named = contradictsNamedValue(item, specs, firm, implied, main);
      const neighbour =
        scores.neighbours.has(item) ||
        (negated.length > 0 && holdsNegated(item, negated, mainHead?.clauseHeads ?? [])) ||
        (wholes.length > 0 && headExcluded(item, wholes)) ||
        replaced.some((names) => !names.has(item)) ||
        attributeContradicted(item, itemWords, textWords);
      const part = partAsked && mainHead.missing.has(item);
      if (named) value = Math.min(value * NAME_SPEC_CONTRADICTED, NEIGHBOUR_CAP);
      if (neighbour) value = Math.min(value, NEIGHBOUR_CAP);
      if (part) value = Math.min(value * (mainHead.unexplainedAlready.has(item) ? 1 : PART_HEAD), NEIGHBOUR_CAP);
      values.set(item, value);
      if (!named && !neighbour && !part && mainHead?.named.has(item) === true && support.has(item)) liftable.add(item);
    }
    // The best item, when a phrase of the text names it clearly (LONG_TEXT_CAP): what else the
    // text says makes the catalog less sure, not the item another. Only the best, so that the
    // ranking stays the whole text's.
    const top = Math.max(0, ...values.values());
    for (const item of liftable) {
      const value = values.get(item) ?? 0;
      if (value < top - 1e-9) continue;
      values.set(item, Math.max(value, Math.min(LONG_TEXT_CAP, (value + (support.get(item) ?? 0)) / 2)));
    }
    const matches: ItemMatch[] = [];
    for (const [item, c] of scores.items) {
      const confidence = round(values.get(item) ?? 0);
      if (confidence < o.minConfidence) continue;
      matches.push({ item, confidence, via: c.via, matched: c.matched });
    }
    matches.sort(compareMatches);
    // Each meaning of an ambiguous term keeps its best item among the candidates.
    const protectedItems = (term?.meanings ?? [])
      .map((m) => matches.find((x) => m.categories.includes(categoryOf(x.item))))
      .filter((x): x is ItemMatch => x !== undefined)
      .map((x) => x.item);
    const kept = keepTop(matches, o.maxCandidates, protectedItems);

    const cats = new Map<string, number>();
    for (const m of matches) {
      const category = categoryOf(m.item);
      cats.set(category, Math.max(cats.get(category) ?? 0, m.confidence));
    }
    for (const [category, confidence] of scores.categories) {
      const r = round(confidence);
      if (r >= o.minConfidence) cats.set(category, Math.max(cats.get(category) ?? 0, r));
    }
    const ambiguous = term !== undefined || marginAmbiguous(matches);
    const base = { items: kept, categories: sortCategories(cats), ambiguous };
    return freeze(term === undefined ? base : { ...base, meanings: term.meanings.map((m) => m.meaning) });
  };

  /** SPEC_MISMATCH for every unit the text gives a value in and the item only other values. */
  const specFactor = (item: string, specs: readonly CanonicalSpec[]): number => {
    const own = itemSpecs.get(item);
    if (own === undefined || specs.length === 0) return 1;
    let factor = 1;
    const seenUnits = new Set<string>();
    for (const s of specs) {
      if (seenUnits.has(s.unit)) continue;
      seenUnits.add(s.unit);
      const values = own.get(s.unit);
      if (values === undefined) continue;
      if (!specs.some((q) => q.unit === s.unit && values.has(q.value))) factor *= SPEC_MISMATCH;
    }
    return factor;
  };

  /**
   * Whether the text's values contradict a value the item's names state (NAME_SPEC_CONTRADICTED):
   * for some unit, every value the text gives is a firm one (firmSpecs) and far from every value
   * the names state in that unit. `implied` are the nominal quantities of the text's size
   * designations (`6R`: about 6 mL; impliedSpecs), values the text gives too.
   */
  const contradictsNamedValue = (
    item: string,
    specs: readonly CanonicalSpec[],
    firm: readonly CanonicalSpec[],
    implied: readonly CanonicalSpec[],
    main: MainValues | undefined,
  ): boolean => {
    const named = nameSpecs.get(item);
    if (named === undefined || firm.length + implied.length === 0) return false;
    for (const [unit, values] of named) {
      // The text's values in the same unit or one of the same dimension (`0.2 um` against `20 nm`);
      // those of the clause naming the item when it states some (`SUB 50L bag, 기존 200L 과 동일
      // 필름`: the 200 L is another bag's).
      const inMain = main === undefined ? [] : [...main.specs, ...main.implied].filter((q) => comparableUnits(q.unit, unit));
      const scope = inMain.length > 0 && main !== undefined ? main : { specs, firm, implied };
      const ofUnit = [...scope.specs, ...scope.implied].filter((q) => comparableUnits(q.unit, unit));
      const stated = [...scope.firm, ...scope.implied].filter((q) => comparableUnits(q.unit, unit));
      if (stated.length === 0 || stated.length !== ofUnit.length) continue;
      if (stated.every((q) => [...values].every((v) => specValuesApart(q.value, unitScale(q.unit), v, unitScale(unit))))) return true;
    }
    return false;
  };

  /**
   * QUALIFIER_MISMATCH for every qualifier of the text (true: asked for; false: negated) whose
   * opposite the item's names state: `sterile nitrile glove` disfavours the `non-sterile` one,
   * `감마 멸균 아님` the gamma-irradiated capsule. Silence in the names costs nothing.
   */
  const conceptFactor = (item: string, concepts: ReadonlyMap<string, boolean>): number => {
    const known = itemConcepts.get(item);
    if (known === undefined || concepts.size === 0) return 1;
    let factor = 1;
    for (const [concept, wanted] of concepts) {
      const state = known.get(concept);
      if ((wanted && state === 'lacks') || (!wanted && state === 'has')) factor *= QUALIFIER_MISMATCH;
    }
    return factor;
  };

  const categoryOf = (id: string): string => itemMap.get(id)?.category ?? '';

  // Per item: the words of its own names (en and ko), and every name, synonym and abbreviation
  // without spaces (ATTRIBUTE_TAIL).
  const ownNameWords = new Map<string, readonly string[]>();
  const squeezedNames = new Map<string, string[]>();
  for (const e of entries) {
    if (e.item === undefined) continue;
    const list = squeezedNames.get(e.item) ?? [];
    list.push(e.text.replace(/ /gu, ''));
    squeezedNames.set(e.item, list);
  }
  for (const [id, item] of itemMap) {
    const words = Object.values(item.names).flatMap((n) => normalizeText(n, normalizeOptions).tokens);
    ownNameWords.set(id, [...new Set(words.filter((w) => !/\d/u.test(w)))]);
  }

  /**
   * Whether a word of the text and a word of the item's own names are two values of one
   * attribute (ATTRIBUTE_TAIL: `멀티채널` and `단채널`, `chlorobutyl` and `bromobutyl`, `탁상형`
   * and `양문형`) while none of the item's names explains the text's word or its own part, and the
   * text does not state the name's word too (`궤도형 진탕기 (플랫폼형)`).
   */
  const attributeContradicted = (item: string, words: readonly string[], textWords: readonly string[]): boolean =>
    words.some((w) => otherValuesOf(w).get(item)?.some((n) => !statedToo(n, textWords)) === true);
  /** Whether the text states a name's word too, as itself or, for a declared value, in any of its forms (`캡슐 및 카트리지 필터`). */
  const statedToo = (n: string, textWords: readonly string[]): boolean => {
    if (textWords.includes(n)) return true;
    const declared = declaredValue(n);
    return declared !== undefined && textWords.some((t) => declaredValue(t) === declared);
  };
  // What attributeContradicted reads of the items' names for one word of the text does not
  // depend on the text: worked out for every item at once, memoized per word for the catalog's
  // lifetime, keeping only the items with such name words (few).
  const otherValuesMemo = new Map<string, ReadonlyMap<string, readonly string[]>>();
  /** Per item, its own name words that are another value of the word's attribute, unless one of its names explains the word (ATTRIBUTE_TAIL); items without any are left out. */
  const otherValuesOf = (w: string): ReadonlyMap<string, readonly string[]> => {
    let out = otherValuesMemo.get(w);
    if (out !== undefined) return out;
    const found = new Map<string, readonly string[]>();
    for (const item of itemIds) {
      const own = ownNameWords.get(item) ?? [];
      const squeezed = squeezedNames.get(item) ?? [];
      // The text's own part stated by the names (`제균필터` for `제균 캡슐필터`) is no other value.
      const otherValue = (n: string): boolean => {
        if (n === w) return false;
        const value = attributeValue(w, n);
        return value !== undefined && !squeezed.some((x) => x.includes(value));
      };
      const values = squeezed.some((n) => n.includes(w)) ? [] : own.filter(otherValue);
      if (values.length > 0) found.set(item, values);
    }
    out = found;
    if (otherValuesMemo.size >= MAX_MEMO) otherValuesMemo.clear();
    otherValuesMemo.set(w, out);
    return out;
  };

  /**
   * The items one of whose names (names, synonyms, abbreviations) holds one of the words: as a
   * word, or a Korean word inside a compound (`바이오리액터용` holds `바이오리액터`). A part that
   * names its equipment (`pH sensor ... for bioreactors`) is that equipment's part (REPLACED_ELSEWHERE).
   */
  const itemsNaming = (words: readonly string[]): string[] => {
    const out = new Set<string>();
    if (words.length === 0) return [];
    for (const e of entries) {
      if (e.item === undefined || out.has(e.item)) continue;
      if (words.some((w) => e.tokens.some((t) => t === w || (hasHangul(w) && t.includes(w))))) out.add(e.item);
    }
    return [...out];
  };

  /** Top two items of different categories within the margin: the text could mean either. */
  const marginAmbiguous = (sorted: readonly ItemMatch[]): boolean => {
    const first = sorted[0];
    if (first === undefined) return false;
    const other = sorted.find((m) => categoryOf(m.item) !== categoryOf(first.item));
    return other !== undefined && first.confidence - other.confidence <= o.ambiguityMargin + 1e-9;
  };

  const fromMatches = (matches: ItemMatch[], limit: number): Resolution => {
    matches.sort(compareMatches);
    const cats = new Map<string, number>();
    for (const m of matches) {
      const category = categoryOf(m.item);
      cats.set(category, Math.max(cats.get(category) ?? 0, m.confidence));
    }
    return freeze({
      items: matches.slice(0, limit),
      categories: sortCategories(cats),
      ambiguous: marginAmbiguous(matches),
    });
  };

  // --- public functions ----------------------------------------------------------------------
  // Three levels: raw text (skips normalizing again), name + specs (the resolution), name
  // alone (the fuzzy work, shared by texts that differ only in specs).
  const byName = new Map<string, NameScores>();
  const byText = new Map<string, Resolution>();
  const byRaw = new Map<string, Resolution>();
  const readings = new Map<string, TextReading>();
  const readOnce = (text: string): TextReading => {
    let r = readings.get(text);
    if (r === undefined) {
      r = readText(text, normalizeOptions);
      readings.set(text, r);
    }
    return r;
  };
  const byCode = new Map<string, Resolution>();
  let lookups = 0;

  // The keys of the texts resolved through resolveText, for stats: a phrase resolved for
  // phraseSupport is not a text of the caller's.
  const counted = new Set<string>();
  const resolveText = (text: string): Resolution => {
    lookups += 1;
    return resolveTextOnce(text, true);
  };
  const resolveTextOnce = (text: string, count: boolean): Resolution => {
    const raw = byRaw.get(text);
    if (raw !== undefined) {
      if (count) counted.add(rawKeys.get(text) ?? '');
      return raw;
    }
    const reading = readOnce(text);
    const specs = canonicalSpecs(normalizeText(text, normalizeOptions).specs);
    const firm = firmSpecs(reading, normalizeOptions);
    const implied = impliedSpecs(reading);
    const replaced = replacementTargets(reading).flatMap((target) => {
      const r = resolveTextOnce(target, false);
      if ((r.items[0]?.confidence ?? 0) < REPLACED_ELSEWHERE) return [];
      const words = normalizeText(target, normalizeOptions).tokens.filter((t) => !isFillerWord(t) && !/^\d/u.test(t) && [...t].length >= 2);
      return [new Set([...r.items.map((m) => m.item), ...itemsNaming(words)])];
    });
    const { negated, wholes } = negatedWords(reading, normalizeOptions);
    const wholeExcluded = reading.pieces.some((p) => p.kind === 'negation' && WHOLE_WORDS.some((w) => (p.negated ?? p.text).toLowerCase().includes(w)));
    const heads = headWordsOf(reading, normalizeOptions);
    const tokens: WordToken[] = [];
    const claused = clausedWords(reading);
    const main = mainValues(reading, claused, heads, normalizeOptions);
    for (const { text: part, weight, clause } of claused) {
      for (const t of normalizeText(part, normalizeOptions).tokens) {
        tokens.push([t, weight, weight === 1 && heads.includes(t), clause]);
      }
    }
    const concepts = conceptsOf(reading);
    // The item words of the clause naming the item (the first holding a head word): what the
    // text says the item is, not what it names besides (a test organism, another product).
    const mainClause = tokens.find(([, , isHead]) => isHead)?.[3];
    const itemWords = [...new Set(tokens.filter(([t, weight, , clause]) => weight === 1 && clause === mainClause && !/\d/u.test(t)).map(([t]) => t))];
    const textWords = [...new Set(tokens.map(([t]) => t))];
    const phrases = mainPhrases(text, reading, heads);
    const name = tokens.map(([t, weight, isHead, clause]) => `${t}/${weight}${isHead ? '!' : ''}@${clause}`).join(' ');
    const key = `${name}\u0000${specs.map((s) => `${s.value} ${s.unit}`).join('\u0000')}\u0000${firm.map((s) => `${s.value} ${s.unit}`).join('\u0000')}\u0000${[...concepts].join(' ')}\u0000${wholeExcluded}\u0000${negated.map((n) => `${n.concept ?? ''}:${n.words.join(' ')}`).join('|')}\u0000${wholes.map((n) => n.join(' ')).join('|')}\u0000${phrases.map((p) => normalizeText(p, normalizeOptions).name).join('|')}\u0000${implied.map((s) => `${s.value} ${s.unit}`).join('\u0000')}\u0000${replaced.map((r) => [...r].sort().join(' ')).join('|')}\u0000${main === undefined ? '-' : [main.specs, main.firm, main.implied].map((l) => l.map((s) => `${s.value} ${s.unit}`).join(' ')).join('|')}`;
    if (count) counted.add(key);
    let r = byText.get(key);
    if (r === undefined) {
      let scores = byName.get(name);
      if (scores === undefined) {
        scores = scoreName(tokens);
        byName.set(name, scores);
      }
      r = finish(scores, specs, firm, concepts, wholeExcluded, negated, wholes, NO_SUPPORT, implied, replaced, main, itemWords, textWords);
      // Only a text under LONG_TEXT_CAP whose main head an item names needs its phrases resolved.
      if ((r.items[0]?.confidence ?? 0) < LONG_TEXT_CAP && (scores.mainHead?.named.size ?? 0) > 0 && phrases.length > 0) {
        const support = phraseSupport(phrases);
        if (support.size > 0) r = finish(scores, specs, firm, concepts, wholeExcluded, negated, wholes, support, implied, replaced, main, itemWords, textWords);
      }
      byText.set(key, r);
    }
    r = withProducts(r, reading);
    byRaw.set(text, r);
    rawKeys.set(text, key);
    return r;
  };
  const rawKeys = new Map<string, string>();

  /**
   * The noun phrases of the text's main clause (the first clause holding a head word, as for
   * PART_HEAD): every run of item words between two pieces or clause delimiters that ends with a
   * head word, shorter than the text.
   */
  const mainPhrases = (text: string, reading: TextReading, heads: readonly string[]): string[] => {
    const out: string[] = [];
    let mainClause: number | undefined;
    // A phrase that is all the text's item words says nothing the text does not.
    const all = normalizeText(reading.words.filter((w) => w.weight === 1).map((w) => w.text).join(' '), normalizeOptions).name;
    for (const part of clausedWords(reading)) {
      const phrase = part.text.trim();
      if (part.weight !== 1 || (mainClause !== undefined && part.clause !== mainClause)) continue;
      const last = phraseHead(normalizeText(withoutCounters(phrase), normalizeOptions).tokens.filter((t) => !isFillerWord(t) && !/\d/u.test(t)));
      if (last === undefined || !heads.includes(last)) continue;
      mainClause = part.clause;
      if (phrase.length < text.trim().length && normalizeText(phrase, normalizeOptions).name !== all) out.push(phrase);
    }
    return out;
  };

  /**
   * The items the main clause's noun phrases name clearly on their own (PHRASE_CLEAR), each
   * phrase resolved alone, with the best confidence a phrase gives each.
   */
  const phraseSupport = (phrases: readonly string[]): ReadonlyMap<string, number> => {
    const out = new Map<string, number>();
    for (const phrase of phrases) {
      const own = resolveTextOnce(phrase, false);
      const best = own.items[0];
      if (best === undefined || own.ambiguous) continue;
      for (const m of own.items) {
        if (m.confidence < PHRASE_CLEAR || m.confidence < best.confidence - o.ambiguityMargin - 1e-9) continue;
        out.set(m.item, Math.max(out.get(m.item) ?? 0, m.confidence));
      }
    }
    return out;
  };

  /**
   * A text listing several products: phrases between list separators (`,` `·` `;`, `및`, `and`)
   * that each resolve on their own to an item at WEAK_CONFIDENCE or more, not ambiguously, of
   * at least two categories, are set as `products`; the ranked items stay the whole text's.
   */
  const withProducts = (r: Resolution, reading: TextReading): Resolution => {
    const phrases = listedPhrases(reading);
    if (phrases.length < 2) return r;
    const products: { phrase: string; item: string; confidence: number }[] = [];
    for (const phrase of phrases) {
      const own = resolveText(phrase);
      const top = own.items[0];
      if (top !== undefined && !own.ambiguous && top.confidence >= PRODUCT_CONFIDENCE && !products.some((p) => p.item === top.item)) {
        products.push({ phrase, item: top.item, confidence: top.confidence });
      }
    }
    if (new Set(products.map((p) => categoryOf(p.item))).size < 2) return r;
    // Reported, not ranked: a phrase read alone (`storage`, `ready-to-sterilize`) says less than
    // the text around it, so the ranking stays the whole text's.
    return freeze({ ...r, products });
  };

  const resolveCode = (unspsc: string): Resolution => {
    const code = unspsc.replace(/\D/gu, '');
    const cached = byCode.get(code);
    if (cached !== undefined) return cached;
    const matches: ItemMatch[] = [];
    if (code.length >= 2) {
      for (const id of itemIds) {
        let best: ItemMatch | undefined;
        for (const own of itemMap.get(id)?.codes.unspsc ?? []) {
          const level = CODE_LEVELS.find(([digits]) => code.length >= digits && own.slice(0, digits) === code.slice(0, digits));
          if (level !== undefined && (best === undefined || level[1] > best.confidence)) {
            best = { item: id, confidence: level[1], via: 'code', matched: own };
          }
        }
        if (best !== undefined) matches.push(best);
      }
    }
    const r = matches.length === 0 ? EMPTY : fromMatches(matches, o.maxCandidates);
    byCode.set(code, r);
    return r;
  };

  const resolveItemId = (id: string): Resolution => {
    const item = itemMap.get(id);
    if (item === undefined) return EMPTY;
    return freeze({
      items: [{ item: id, confidence: 1, via: 'id', matched: id }],
      categories: [{ category: item.category, confidence: 1 }],
      ambiguous: false,
    });
  };

  const resolveCategory = (category: string): Resolution => {
    const leaves = leavesOf.get(category) ?? (parents.has(category) || itemsByCategory.has(category) ? [category] : []);
    const matches: ItemMatch[] = [];
    for (const leaf of leaves) {
      for (const id of itemsByCategory.get(leaf) ?? []) {
        matches.push({ item: id, confidence: CATEGORY_CONFIDENCE, via: 'category', matched: category });
      }
    }
    if (leaves.length === 0) return EMPTY;
    matches.sort(compareMatches);
    return freeze({
      items: matches,
      categories: leaves.map((leaf) => ({ category: leaf, confidence: 1 })).sort((a, b) => compareIds(a.category, b.category)),
      // A group names several kinds of thing; a leaf names one.
      ambiguous: leaves.length > 1,
    });
  };

  const resolve: Catalog['resolve'] = (ref) => {
    if (ref.item !== undefined && itemMap.has(ref.item)) return resolveItemId(ref.item);
    const parts: Resolution[] = [];
    if (ref.unspsc !== undefined) parts.push(resolveCode(ref.unspsc));
    if (ref.category !== undefined) parts.push(resolveCategory(ref.category));
    const text = ref.text !== undefined ? resolveText(ref.text) : undefined;
    if (text !== undefined) parts.push(text);
    if (parts.length === 0) return EMPTY;
    if (parts.length === 1 && parts[0] !== undefined) return parts[0];
    const best = new Map<string, ItemMatch>();
    for (const p of parts) {
      for (const m of p.items) {
        const prev = best.get(m.item);
        if (prev === undefined || m.confidence > prev.confidence) best.set(m.item, m);
      }
    }
    const merged = fromMatches([...best.values()], o.maxCandidates);
    const cats = new Map<string, number>();
    for (const p of parts) for (const c of p.categories) cats.set(c.category, Math.max(cats.get(c.category) ?? 0, c.confidence));
    // A code or category can settle what an ambiguous text left open, so the text's own
    // ambiguity only stands when every part is ambiguous.
    const ambiguous = merged.ambiguous || parts.every((p) => p.ambiguous);
    const base = { items: merged.items, categories: sortCategories(cats), ambiguous };
    return freeze(text?.meanings === undefined ? base : { ...base, meanings: text.meanings });
  };

  return Object.freeze({
    items: itemMap,
    parentOf: (category: string) => parents.get(category),
    resolveText,
    readText: readOnce,
    resolveCode,
    resolveItemId,
    resolveCategory,
    resolve,
    stats: () => ({ distinctTexts: counted.size, lookups }),
  });

  /** Keeps the first `limit` matches, making room for protected ones (one per meaning). */
  function keepTop(sorted: readonly ItemMatch[], limit: number, protectedIds: readonly string[]): ItemMatch[] {
    const chosen = new Set(protectedIds.slice(0, limit));
    for (const m of sorted) {
      if (chosen.size >= limit) break;
      chosen.add(m.item);
    }
    return sorted.filter((m) => chosen.has(m.item));
  }
}

/**
 * The item words each negation of a text excludes (`생물안전작업대 아님` -> `생물안전작업대`,
 * `유리 바이알이 아닌` -> `유리 바이알`), without filler, particles and words for the whole item
 * (`본체`); a negated qualifier alone (`멸균 아님`) is left to QUALIFIER_MISMATCH, and one with item
 * words (`멸균 커버올 아님`) keeps its concept, so that only items having it are excluded. A negation that names
 * the whole (`밸브 본체는 불필요`) goes to `wholes`: its words name what the asked-for part belongs
 * to, and exclude only items whose names have them for head (headExcluded).
 */
function negatedWords(
  reading: TextReading,
  options: { readonly stripCompanyWords: boolean },
): { readonly negated: Negated[]; readonly wholes: string[][] } {
  const out: Negated[] = [];
  const wholes: string[][] = [];
  for (const p of reading.pieces) {
    if (p.kind !== 'negation' || p.negated === undefined) continue;
    const tokens = readText(p.negated, options)
      .words.filter((w) => w.weight === 1)
      .flatMap((w) => normalizeText(w.text, options).tokens);
    // `밸브 본체는 불필요`: what the whole word belongs to (the valve) is what the asked-for part
    // (its diaphragm) is for, not excluded; the whole word itself makes the text ask for a part
    // (PART_HEAD).
    const words = tokens.filter((t) => !isFillerWord(t) && !WHOLE_WORDS.includes(t) && !/^\d/u.test(t));
    if (words.length === 0) continue;
    if (tokens.some((t) => WHOLE_WORDS.includes(t))) {
      if (p.concept === undefined) wholes.push(words);
    } else out.push({ words, concept: p.concept });
  }
  return { negated: out, wholes };
}

/** The item words of a negated phrase, and the qualifier it negates with them, if any (`멸균 커버올 아님`). */
interface Negated {
  readonly words: readonly string[];
  readonly concept: string | undefined;
}

/** Whether a word is an accessory or part word (PART_WORDS), or a Korean compound ending in one (`센서캡`). */
function isPartWord(word: string): boolean {
  return PART_WORDS.some((w) => word === w || (hasHangul(w) && [...word].length >= [...w].length + 2 && word.endsWith(w)));
}

/** A range mark between two numbers or two quantities (`5mL~50L`, `5 to 50 L`, `1/2"-3"`). */
const RANGE_MARK = /^\s*(?:[~\-–]|to|부터)\s*$/u;

/**
 * The values a text states one by one, which may contradict a candidate's names
 * (NAME_SPEC_CONTRADICTED): its quantities and its size designations (`6R`), but not the ends of
 * a range (`5mL~50L`, `5 to 50 L`: the text asks for something in between, or lists a range).
 */
function firmSpecs(reading: TextReading, options: { readonly stripCompanyWords: boolean }, keep: (p: TextPiece) => boolean = () => true): CanonicalSpec[] {
  const out: CanonicalSpec[] = [];
  const pieces = reading.pieces;
  pieces.forEach((p, k) => {
    if (!keep(p)) return;
    const sized = p.kind === 'designation' && DESIGNATIONS.some((d) => d.size === true && d.meaning === p.meaning);
    if (p.kind !== 'quantity' && !sized) return;
    if (/\d\s*(?:[~–]|to)\s*[-\d]/u.test(p.text)) return;
    const gap = (a: TextPiece | undefined, b: TextPiece | undefined): boolean =>
      a !== undefined && b !== undefined && a.kind === 'quantity' && b.kind === 'quantity' && RANGE_MARK.test(reading.text.slice(a.end, b.start));
    if (gap(pieces[k - 1], p) || gap(p, pieces[k + 1])) return;
    out.push(...canonicalSpecs(normalizeText(p.text, options).specs));
  });
  return out;
}

/**
 * Whether two different words are values of one attribute (ATTRIBUTE_TAIL, ATTRIBUTE_PREFIX):
 * the first word's own part before the common end when they are (`멀티` for `멀티채널` and
 * `단채널`), else undefined.
 */
function attributeValue(a: string, b: string): string | undefined {
  if (!sameAttribute(a, b)) return undefined;
  return declaredValue(a) !== undefined ? a : [...a].slice(0, [...a].length - commonEnd(a, b)).join('');
}

/** How many characters two words end alike with. */
function commonEnd(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  let common = 0;
  while (common < ca.length && common < cb.length && ca[ca.length - 1 - common] === cb[cb.length - 1 - common]) common += 1;
  return common;
}

/**
 * The value group of ATTRIBUTE_VALUES a word holds (its index in DECLARED_VALUES): a Latin word
 * as one of its members, a Korean word when it starts with one (`캡슐필터`).
 */
function declaredValue(word: string): number | undefined {
  const k = DECLARED_VALUES.findIndex((g) => g.values.some((v) => (hasHangul(v) ? word.startsWith(v) : word === v)));
  return k === -1 ? undefined : k;
}
/** ATTRIBUTE_VALUES' value groups in one list, each with the index of its attribute. */
const DECLARED_VALUES: readonly { readonly attribute: number; readonly values: readonly string[] }[] = ATTRIBUTE_VALUES.flatMap((groups, attribute) =>
  groups.map((values) => ({ attribute, values })),
);

/** Whether two different words are values of one attribute (ATTRIBUTE_TAIL, ATTRIBUTE_PREFIX). */
function sameAttribute(a: string, b: string): boolean {
  const da = declaredValue(a);
  const db = declaredValue(b);
  if (da !== undefined && db !== undefined) return da !== db && DECLARED_VALUES[da]?.attribute === DECLARED_VALUES[db]?.attribute;
  // No common end (below), told by the last code units without splitting the words: most pairs.
  if (a === '' || b === '' || a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)) return false;
  const ca = [...a];
  const cb = [...b];
  const common = commonEnd(a, b);
  const before = Math.min(ca.length, cb.length) - common;
  if (common === 0 || oneEditApart(a, b)) return false;
  // One word's own part holding the other's is an elaboration (`고압멸균기`, `고압증기멸균기`).
  const pa = ca.slice(0, ca.length - common).join('');
  const pb = cb.slice(0, cb.length - common).join('');
  if (pa.includes(pb) || pb.includes(pa)) return false;
  const hangul = hasHangul(a) && hasHangul(b);
  if (hangul && common === 1 && ca.at(-1) === '형') return ca.length - 1 >= 2 && cb.length - 1 >= 2;
  const tail = hangul ? ATTRIBUTE_TAIL.hangul : ATTRIBUTE_TAIL.latin;
  const prefix = hangul ? ATTRIBUTE_PREFIX.hangul : ATTRIBUTE_PREFIX.latin;
  if (!(common >= tail && before >= prefix && /^[\p{L}]+$/u.test(a) && /^[\p{L}]+$/u.test(b))) return false;
  // A Latin common end that is a derivational ending (`filtration`, `clarification`) says nothing.
  const end = ca.slice(ca.length - common).join('');
  return hangul || end.replace(LATIN_ENDINGS, '').length >= ATTRIBUTE_TAIL.latin - 1;
}

/** Latin endings that make words alike without making them values of one attribute (sameAttribute). */
const LATIN_ENDINGS = /(?:ization|isation|ation|ition|ution|ing|ings|ed|ers?|ity|able|ible|ment|ness|ical|ic|ive|ous|ors?)$/u;

/** The number of clause delimiters before a position of the text (clausedWords' `raw`). */
function clauseAt(cuts: ReadonlySet<number>, position: number): number {
  let n = 0;
  for (const c of cuts) if (c < position) n += 1;
  return n;
}

/**
 * The values the clause naming the item states (MainValues), or undefined when no clause holds a
 * head word: that clause's quantity and designation pieces, firm ones and nominal ones as for
 * the whole text.
 */
function mainValues(
  reading: TextReading,
  claused: readonly { readonly text: string; readonly raw: number }[],
  heads: readonly string[],
  options: { readonly stripCompanyWords: boolean },
): MainValues | undefined {
  const main = claused.find((c) => normalizeText(c.text, options).tokens.some((t) => heads.includes(t)));
  if (main === undefined) return undefined;
  const cuts = clauseCuts(reading.text);
  // A list of values cut only by delimiters (`200L·500L·2000L 풀라인업`, `10", 20"`) is one
  // statement: the values chained to one of the item's clause belong to it.
  const values = reading.pieces.filter((p) => p.kind === 'quantity' || p.kind === 'designation');
  const kept = new Set(values.filter((p) => clauseAt(cuts, p.start) === main.raw));
  const chained = (a: TextPiece, b: TextPiece): boolean => /^[\s,·/]*$/u.test(reading.text.slice(a.start + a.text.length, b.start));
  for (let i = 1; i < values.length; i++) if (kept.has(values[i - 1]!) && chained(values[i - 1]!, values[i]!)) kept.add(values[i]!);
  for (let i = values.length - 2; i >= 0; i--) if (kept.has(values[i + 1]!) && chained(values[i]!, values[i + 1]!)) kept.add(values[i]!);
  const keep = (p: TextPiece): boolean => kept.has(p);
  const specs = values.filter(keep).flatMap((p) => canonicalSpecs(normalizeText(p.text, options).specs));
  return { specs, firm: firmSpecs(reading, options, keep), implied: impliedSpecs(reading, keep) };
}

/**
 * The values a text states, for NAME_SPEC_CONTRADICTED: all of them (`specs`), the firm ones
 * (firmSpecs) and the nominal quantities of its size designations (impliedSpecs).
 */
interface MainValues {
  readonly specs: readonly CanonicalSpec[];
  readonly firm: readonly CanonicalSpec[];
  readonly implied: readonly CanonicalSpec[];
}

/**
 * The nominal quantities a text's size designations name (DESIGNATIONS[].nominal): `6R` names a
 * vial of about 6 mL, compared with the volumes a candidate's names state (a `6R` vial is no
 * `ampoule 2 mL`; contradictsNamedValue).
 */
function impliedSpecs(reading: TextReading, keep: (p: TextPiece) => boolean = () => true): CanonicalSpec[] {
  const out: CanonicalSpec[] = [];
  for (const p of reading.pieces) {
    if (p.kind !== 'designation' || !keep(p)) continue;
    const unit = DESIGNATIONS.find((d) => d.meaning === p.meaning)?.nominal;
    const n = /\d+(?:\.\d+)?/u.exec(p.text)?.[0];
    if (unit !== undefined && n !== undefined && Number(n) > 0) out.push({ value: String(Number(n)), unit });
  }
  return out;
}

/** The word after a purpose piece, past its `용` or `전용`. */
const AFTER_PURPOSE = new RegExp(`^\\s*(?:${PURPOSE_DEDICATED}|용)?\\s*([^\\s,;()]+)`, 'u');

/**
 * The equipment a text's replacement purposes name (REPLACEMENT_WORDS, REPLACED_ELSEWHERE):
 * `PAPR 교체용 필터` and `PAPR용 교체 필터` -> `PAPR`; `replacement HEPA filter for PAPR` ->
 * `PAPR` (a replacement word before the purpose, in its clause).
 */
function replacementTargets(reading: TextReading): string[] {
  const out: string[] = [];
  const text = reading.text;
  for (const p of reading.pieces) {
    if (p.kind !== 'purpose') continue;
    const words = p.text.split(/\s+/u).filter((w) => w.length > 0);
    const last = words.at(-1)?.toLowerCase() ?? '';
    // `CO2 인큐베이터 전용 교체용 HEPA 필터`: a dedicated purpose reads through `전용` as through `용`.
    const after = AFTER_PURPOSE.exec(text.slice(p.end))?.[1]?.toLowerCase() ?? '';
    const clauseBefore = text.slice(0, p.start).split(/[,;()\[\]]/u).at(-1)?.toLowerCase() ?? '';
    let target: string[] | undefined;
    if (REPLACEMENT_WORDS.includes(last)) target = words.slice(0, -1);
    else if (REPLACEMENT_WORDS.some((w) => after === w || after === `${w}용`)) target = words;
    else if (/^for\s/iu.test(p.text) && clauseBefore.split(/\s+/u).some((w) => REPLACEMENT_WORDS.includes(w))) target = words.slice(1);
    if (target !== undefined && target.length > 0) out.push(target.join(' '));
  }
  return out;
}

/**
 * Canonical units compared with each other across units: the metric prefixes of one unit, whose
 * values name one kind of measure (`0.2 um` and `20 nm` are both pore sizes). Units of one
 * dimension but of different families are not compared: `10 in` is a cartridge's length and
 * `0.1 um` its pore size, both lengths to the quantity parser. Sizes come from the parser.
 */
const UNIT_FAMILIES: readonly (readonly string[])[] = [
  ['nm', 'um', 'mm', 'cm', 'm'],
  ['ul', 'ml', 'l', 'kl'],
  ['ug', 'mg', 'g', 'kg', 't'],
];

/**
 * A canonical unit's family (UNIT_FAMILIES) and its size in base units as the quantity parser
 * reads `1 <unit>` (`um` a length of 1e-6 m, `ml` a volume of 1e-6 m^3). Memoized per unit for the
 * process: the parser's reading of a unit never changes.
 */
const UNIT_SIZES = new Map<string, readonly [family: number, size: number] | null>();
function unitSize(unit: string): readonly [family: number, size: number] | undefined {
  let size = UNIT_SIZES.get(unit);
  if (size === undefined) {
    const family = UNIT_FAMILIES.findIndex((f) => f.includes(unit));
    const r = family === -1 ? undefined : parseQuantity(`1 ${unit}`);
    size = r?.ok === true ? [family, r.quantity.value] : null;
    UNIT_SIZES.set(unit, size);
  }
  return size ?? undefined;
}

/** Whether two canonical units measure the same: equal, or of one family (UNIT_FAMILIES). */
function comparableUnits(a: string, b: string): boolean {
  if (a === b) return true;
  const sa = unitSize(a);
  return sa !== undefined && sa[0] === unitSize(b)?.[0];
}

/** The size of a canonical unit in base units (unitSize); 1 for a unit the parser does not read. */
function unitScale(unit: string): number {
  return unitSize(unit)?.[1] ?? 1;
}

/**
 * Whether two canonical values, each with the size of its unit, certainly differ: each is a
 * number, a range (`2-8`) or a list (`0.5/5`); they differ when no number of one lies within
 * SPEC_CLOSE of a number of the other or inside a range of it. A value of another shape
 * (`610x610`) differs from nothing.
 */
function specValuesApart(a: string, scaleA: number, b: string, scaleB: number): boolean {
  const pa = specIntervals(a);
  const pb = specIntervals(b);
  if (pa === undefined || pb === undefined) return false;
  return !pa.some(([lo, hi]) =>
    // Sizes in base units are floating-point products (`0.25 um` is 2.5e-7 m): a relative
    // tolerance keeps a value exactly at the x1.25 boundary close, as it is in one unit.
    pb.some(([lo2, hi2]) => lo * scaleA <= hi2 * scaleB * SPEC_CLOSE * BOUNDARY && lo2 * scaleB <= hi * scaleA * SPEC_CLOSE * BOUNDARY),
  );
}

/**
 * A canonical value as intervals of positive numbers (see specValuesApart); undefined when not
 * such. An inch fraction (`1/4`, `3/8`: a smaller integer over a power of two) is one number; other
 * slashes list values (`10/20/30`, `0.5/5`).
 */
function specIntervals(value: string): (readonly [number, number])[] | undefined {
  const fraction = /^(\d+)\/(2|4|8|16|32|64)$/u.exec(value);
  if (fraction !== null && Number(fraction[1]) < Number(fraction[2])) {
    const v = Number(fraction[1]) / Number(fraction[2]);
    return v > 0 ? [[v, v]] : undefined;
  }
  const out: (readonly [number, number])[] = [];
  for (const part of value.split('/')) {
    const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/u.exec(part);
    if (m === null) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (!(lo > 0) || !(hi > 0)) return undefined;
    out.push([Math.min(lo, hi), Math.max(lo, hi)]);
  }
  return out.length === 0 ? undefined : out;
}

/** The qualifier concepts a reading asks for (true) or negates (false), in text order. */
function conceptsOf(reading: TextReading): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  for (const p of reading.pieces) {
    if (p.concept === undefined || out.has(p.concept)) continue;
    if (p.kind === 'qualifier') out.set(p.concept, true);
    else if (p.kind === 'negation') out.set(p.concept, false);
  }
  return out;
}

/**
 * The stretches of a text between list separators (see LIST_SEPARATOR) that hold item words,
 * as written (quantities and qualifiers inside them kept: `20 mm stopper` stays one product).
 */
function listedPhrases(reading: TextReading): string[] {
  const phrases: string[] = [];
  let start: number | undefined;
  let end = 0;
  let hasItem = false;
  const flush = (): void => {
    if (start !== undefined && hasItem) phrases.push(reading.text.slice(start, end).trim());
    start = undefined;
    hasItem = false;
  };
  for (const span of reading.spans) {
    const written = reading.text.slice(span.start, span.end);
    const separates = span.kind === 'separator' ? LIST_SEPARATOR.test(written) : LIST_WORDS.includes(written.toLowerCase());
    if (separates) {
      flush();
      continue;
    }
    // Supplier prose around a product (`당사는`, `생산합니다`) is left out of its phrase.
    if (span.kind === 'separator' || span.kind === 'filler' || span.kind === 'boilerplate') continue;
    start ??= span.start;
    end = span.end;
    if (span.kind === 'item') hasItem = true;
  }
  flush();
  return phrases;
}

/**
 * What ends a clause of a text: the item's noun phrase does not run across it. A full stop or a
 * colon followed by a space ends a sentence or a label (`견적 요청드립니다. ULDPE 접액층`,
 * `GMP 오토클레이브 구매: 양문형`), also after a Korean word of one syllable (`바이오리액터 백. ULDPE
 * 접액층`); inside a number or a word (`0.2`, `10:1`), or after one Latin letter or a number
 * (`G. stearothermophilus`, `2 mL.`), it does not.
 */
const CLAUSE_DELIMITER = /[,;()（）[\]{}+·\n]|(?<=\s)[-–—](?=\s)|(?<=[\p{L}\p{N})>]{2}):(?=\s|$)|(?<=[\p{L})]{2}|\p{Script=Hangul})\.(?=\s|$)/gu;

/** The offsets of a text's clause delimiters (CLAUSE_DELIMITER). */
function clauseCuts(text: string): ReadonlySet<number> {
  return new Set([...text.matchAll(CLAUSE_DELIMITER)].map((m) => m.index));
}

/** The pieces of `text.slice(start, end)` between clause delimiters, read in the whole text (`cuts`). */
function splitClauses(text: string, start: number, end: number, cuts: ReadonlySet<number>): string[] {
  const parts = [''];
  for (let i = start; i < end; i++) {
    if (cuts.has(i)) parts.push('');
    else parts[parts.length - 1] += text[i] ?? '';
  }
  return parts;
}

/**
 * The text's words cut at clause delimiters, each part with the index of its clause (the
 * number of delimiters before it in the text), in text order.
 */
function clausedWords(reading: TextReading): { text: string; weight: number; clause: number; raw: number }[] {
  const out: { text: string; weight: number; clause: number; raw: number }[] = [];
  let cursor = 0;
  let clause = 0;
  const cuts = clauseCuts(reading.text);
  for (const w of reading.words) {
    const at = reading.text.indexOf(w.text, cursor);
    const start = at === -1 ? cursor : at;
    clause += splitClauses(reading.text, cursor, start, cuts).length - 1;
    cursor = start + w.text.length;
    const parts = splitClauses(reading.text, start, cursor, cuts);
    parts.forEach((part, i) => {
      if (i > 0) clause += 1;
      if (part.trim() !== '') out.push({ text: part, weight: w.weight, clause, raw: clause });
    });
  }
  // Numbered densely in order, so that a delimiter holding no word (`(주)`) changes nothing;
  // `raw` keeps the number of delimiters before the part, as clauseAt counts them.
  const dense = new Map<number, number>();
  for (const p of out) if (!dense.has(p.clause)) dense.set(p.clause, dense.size);
  return out.map((p) => ({ ...p, clause: dense.get(p.clause) ?? 0 }));
}

/**
 * The text's head words: the last word (normalized, not filler, no digits) of each item phrase,
 * phrases cut at commas and brackets. Korean and English noun phrases put the head last
 * (`피펫 팁`, `conical centrifuge tubes`); a text listing several things (`가스켓·오링·다이어프램을
 * 생산`, `PES 필터, 백`) has a head per phrase, and an item explaining any of them is named.
 */
function headWordsOf(reading: TextReading, options: { readonly stripCompanyWords: boolean }): string[] {
  const heads: string[] = [];
  let cursor = 0;
  // A gloss restates the word before it (`수지(아가로스 베이스)`, `액체질소(LN2) 정기 공급`): it
  // heads nothing and ends no phrase, so it is read as spaces.
  const text = withoutGlosses(reading.text);
  const cuts = clauseCuts(text);
  reading.words.forEach((w, k) => {
    const at = reading.text.indexOf(w.text, cursor);
    cursor = (at === -1 ? cursor : at) + w.text.length;
    if (w.weight !== 1) return;
    // A concentration between two item words is inside one noun phrase (`수산화칼륨 45% 용액`:
    // the head is `용액`), so the word before it heads nothing; not when a form word follows it
    // (`가성소다 50% 액상`: the form of the caustic soda, which stays the head).
    const next = reading.words[k + 1];
    const gap = next === undefined ? '' : reading.text.slice(cursor, reading.text.indexOf(next.text, cursor));
    const continues = next?.weight === 1 && CONCENTRATION_GAP.test(gap) && !isFormWord(next.text.split(/\s+/u)[0] ?? '');
    const parts = splitClauses(text, cursor - w.text.length, cursor, cuts);
    parts.forEach((part, p) => {
      if (continues && p === parts.length - 1) return;
      const tokens = normalizeText(withoutCounters(part), options).tokens.filter((t) => (!isFillerWord(t) || SPEC_NAME_WORDS.includes(t)) && !/\d/u.test(t));
      const last = phraseHead(tokens);
      if (last !== undefined && !heads.includes(last)) heads.push(last);
    });
  });
  return heads;
}

/**
 * The head of a phrase given its words: the last, leaving out form words after the noun
 * (`초저온 냉동고 업라이트` -> `냉동고`, `방진복 커버올 일체형` -> `커버올`); a phrase of form words
 * alone keeps its last (`ULT FRZR -86C UPRIGHT`: the quantity cut the noun phrase, and `upright`
 * is what names the freezer).
 */
function phraseHead(tokens: readonly string[]): string | undefined {
  let end = tokens.length;
  while (end > 1 && isFormWord(tokens[end - 1] ?? '')) end--;
  return tokens[end - 1];
}

/**
 * A phrase with each Korean counter glued to a number blanked out (`인큐베이터 적층형 2단` ->
 * `인큐베이터 적층형   `, `1구~5구`, `3방향`): a count or a size, never a head. One or two
 * syllables right after a digit, ending the word.
 */
function withoutCounters(phrase: string): string {
  return phrase.replace(/(?<=\d)[\uAC00-\uD7A3]{1,2}(?![\uAC00-\uD7A3])/gu, (m) => ' '.repeat(m.length));
}

/** A text with each gloss blanked out, offsets kept (`안전작업대(BSC) 교체용` -> `안전작업대      교체용`). */
function withoutGlosses(text: string): string {
  let out = text;
  for (const [open, close] of glossSpans(text)) out = out.slice(0, open) + ' '.repeat(close + 1 - open) + out.slice(close + 1);
  return out;
}

/** What stands between two words of one noun phrase when it is a concentration alone (`45%`). */
const CONCENTRATION_GAP = /^\s*\d+(?:[.,]\d+)?\s*(?:%|w\/v|w\/w|v\/v)\s*$/u;

/** The last two characters of a word: where a Korean compound puts its head (`캡슐필터` -> `필터`). */
function tailOf(word: string): string {
  return [...word].slice(-2).join('');
}

/**
 * Two words one typo apart: one character changed, added, dropped, or two neighbours swapped
 * (`제균` and `균제`, `sodimu` and `sodium`). A typo in the text's word before the head is no
 * other word (SPECIFIER_CONTRADICTED).
 */
function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (p: number, q: number): boolean => x.slice(p).join('') === y.slice(q).join('');
  if (x.length === y.length) return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

/**
 * Whether a name's word is a text's Latin head word: the same word or its plural, a typo of it
 * (one edit or a swap of two letters; two in a word of eight letters or more: `fliter`,
 * `centrifgue`), or a compound one ends with the other (`microcentrifuge` and `centrifuge`, both
 * of four letters or more).
 */
function latinWordIs(head: string, word: string): boolean {
  if (sameWord(head, word)) return true;
  const shorter = Math.min(head.length, word.length);
  if (shorter >= 4 && (head.endsWith(word) || word.endsWith(head))) return true;
  if (Math.abs(head.length - word.length) > 2) return false;
  return editDistance(head, word) <= (head.length >= 8 && word.length >= 8 ? 2 : 1);
}

/** Two words alike but for an English plural `s`. */
function sameWord(a: string, b: string): boolean {
  return a === b || a === `${b}s` || b === `${a}s`;
}

/**
 * The word a catalog name puts before the text's head word, as its specifier, given the words of
 * the name's head phrase (digits left out): the prefix of its last word when that is a Korean
 * compound ending in the head (`제균필터` -> `제균`, two syllables or more), else the word before
 * its last; `undefined` when there is none (or it is filler), `null` when the head phrase does
 * not end in the head.
 */
function nameSpecifier(nameTokens: readonly string[], head: { readonly text: string; readonly hangul: boolean }): string | undefined | null {
  // The name's head is the last word of its head phrase: only there does it name the text's head.
  const last = nameTokens[nameTokens.length - 1] ?? '';
  const tail = tailOf(head.text);
  if (head.hangul ? !last.endsWith(tail) : !sameWord(last, head.text)) return null;
  const prefix = head.hangul ? last.slice(0, last.length - tail.length) : '';
  if ([...prefix].length >= 2) return prefix;
  const before = nameTokens[nameTokens.length - 2];
  return before !== undefined && !isFillerWord(before) ? before : undefined;
}

/**
 * The head of a catalog name: what stands before its first comma or bracket, when something
 * does and the head has at least two words or a Korean word (a lone 'filter' names no item).
 */
function headOfName(name: string): string | undefined {
  const head = headPhraseOf(name);
  if (head === name.trim()) return undefined;
  return head.split(/\s+/u).length >= 2 || hasHangul(head) ? head : undefined;
}

/**
 * A catalog name's head phrase: what stands before its first comma or bracket (the whole name
 * when nothing does, or when it starts with one).
 */
function headPhraseOf(name: string): string {
  const cut = name.search(/[,(（[]/u);
  return (cut <= 0 ? name : name.slice(0, cut)).trim();
}

function viaOf(kind: EntryKind): Via {
  return kind;
}

/** Plain code-unit order: locale-independent, so the same input sorts the same everywhere. */

function compareMatches(a: ItemMatch, b: ItemMatch): number {
  return b.confidence - a.confidence || compareIds(a.item, b.item);
}

function sortCategories(cats: ReadonlyMap<string, number>): { category: string; confidence: number }[] {
  return [...cats]
    .map(([category, confidence]) => ({ category, confidence }))
    .sort((a, b) => b.confidence - a.confidence || compareIds(a.category, b.category));
}

/** Four decimals: enough to rank, and stable JSON across runs. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function freeze(r: Resolution): Resolution {
  for (const m of r.items) Object.freeze(m);
  for (const c of r.categories) Object.freeze(c);
  Object.freeze(r.items);
  Object.freeze(r.categories);
  if (r.meanings !== undefined) Object.freeze(r.meanings);
  if (r.products !== undefined) {
    for (const p of r.products) Object.freeze(p);
    Object.freeze(r.products);
  }
  return Object.freeze(r);
}
