/**
 * The words {@link readText} knows, as data: certificate and grade patterns, qualifiers
 * (treatments and properties of an item, with the words a catalog name uses for them), side
 * phrases, negations, bound words, Korean particles and the filler of supplier prose. Patterns
 * are regular-expression sources matched case-insensitively on the text as written; a Korean
 * form may be glued to its neighbours, a Latin form must stand as a word (the reader adds the
 * word boundaries). Changing what the reader understands means changing a row here.
 */

/** A certificate, standard or grade a text may ask for. */
export interface CertificateWord {
  /** What a requirement names (the certificate type as certification matching reads it). */
  readonly type: string;
  /** Regular-expression sources; the first listed that matches wins. */
  readonly patterns: readonly string[];
  /** Certificates that are classes (`ISO 7`): the class number is read from the match. */
  readonly cleanroomClass?: boolean;
}

/**
 * Certificates, compendial grades and cleanroom classes. `ISO 7` alone is a cleanroom class;
 * `ISO 13485` / `ISO 9001` are quality systems (four or five digits).
 *
 * @example
 * CERTIFICATE_WORDS.find((c) => c.type === 'USP <88> Class VI')?.patterns[0]; // => 'usp\\s*(?:<\\s*88\\s*>\\s*)?class\\s*vi'
 */
export const CERTIFICATE_WORDS: readonly CertificateWord[] = Object.freeze([
  // `USP CL VI`, `USP VI`: how purchasing records clip it.
  { type: 'USP <88> Class VI', patterns: ['usp\\s*(?:<\\s*88\\s*>\\s*)?(?:class|cl\\.?)?\\s*vi(?![a-z])'] },
  { type: 'ISO 13485', patterns: ['iso\\s*13485(?::\\s*\\d{4})?'] },
  { type: 'ISO 9001', patterns: ['iso\\s*9001(?::\\s*\\d{4})?'] },
  { type: 'ISO 14644-1', patterns: ['iso\\s*(?:class\\s*)?[1-9](?![\\d.])', 'iso\\s*14644'], cleanroomClass: true },
  { type: 'GMP', patterns: ['[ck]?gmp(?:\\s*인증)?'] },
  { type: 'ASTM F838', patterns: ['astm\\s*f\\s*838'] },
  { type: 'EP 3.2.1', patterns: ['ep\\s*3\\.2\\.1'] },
  // Product standards and glass types are grades too (`USP <660>`, `ISO 8362-1`, `Type I` glass).
  {
    type: 'compendial',
    patterns: [
      '(?:usp|ep|jp|kp|bp)(?:\\s*[/,]\\s*(?:usp|ep|jp|kp|bp))+', 'multi-?compendial', '다국약전', '약전\\s*(?:급|등급)', '(?:usp|ep|jp|kp)\\s*(?:등급|grade)',
      'usp\\s*<\\s*(?:660|661|381|1663|1664)\\s*>', 'iso\\s*8362(?:-\\d)?', 'type\\s*(?:i|1)(?![\\p{L}\\p{N}])',
    ],
  },
  { type: 'IQ/OQ', patterns: ['iq\\s*/\\s*oq(?:\\s*/\\s*pq)?'] },
]);

/** A treatment or property of the item (`sterile`, `gamma irradiated`, `animal-origin free`). */
export interface QualifierWord {
  /** Stable id, used in requirements and explanations. */
  readonly concept: string;
  /** How the concept reads in an explanation. */
  readonly label: string;
  /** Regular-expression sources of the qualifier in a text; longest forms first. */
  readonly patterns: readonly string[];
  /**
   * Normalized words a catalog name uses when the item has the property, and those it uses
   * when the item explicitly lacks it (`non-sterile`, `비멸균`): read against every item's names,
   * they tell which candidates a qualifier favours.
   */
  readonly itemHas: readonly string[];
  readonly itemLacks: readonly string[];
  /** The flag spec this concept states, when the catalog has one (`sterile: true`). */
  readonly specKey?: string;
}

/**
 * Qualifiers. A qualifier is read out of the item words: it refines among look-alikes (a
 * sterile glove over a cleanroom glove) but weighs far less than an item word, so
 * `감마 멸균` cannot turn a bag line into an irradiated plate.
 *
 * @example
 * QUALIFIER_WORDS.map((q) => q.concept); // => ['animal-origin-free', 'gamma', 'sterile', 'low-endotoxin', 'powder-free', 'coated', 'electropolished', 'high-purity']
 */
export const QUALIFIER_WORDS: readonly QualifierWord[] = Object.freeze([
  {
    concept: 'animal-origin-free',
    label: 'animal-origin free',
    patterns: [
      'animal[-\\s]*(?:origin|component)[-\\s]*free',
      'adcf',
      'aof',
      '동물\\s*(?:유래|성분|유래\\s*성분)\\s*(?:무함유|불포함|무첨가|없음|free|프리)',
      '동물유래성분\\s*(?:무함유|불포함|무첨가|없음)',
    ],
    itemHas: ['animal-origin-free', 'animal origin free', 'aof'],
    itemLacks: [],
    specKey: 'animalOrigin',
  },
  {
    concept: 'gamma',
    label: 'gamma irradiated',
    patterns: ['gamma[-\\s]*(?:irradiated|sterilized|sterilised|sterile)', 'irradiated', '감마\\s*(?:선\\s*)?(?:멸균|조사)', '방사선\\s*멸균', 'gamma', '감마(?!선)'],
    itemHas: ['gamma', '감마', 'irradiated'],
    itemLacks: [],
  },
  {
    concept: 'sterile',
    label: 'sterile',
    // `멸균기` is a sterilizer (`스팀 멸균기`, `고압증기멸균기`): an item word, not the qualifier.
    patterns: ['sterile', 'sterilized', '(?<!비)멸균(?:품|된)?(?!기)'],
    itemHas: ['sterile', '멸균'],
    itemLacks: ['non sterile', 'non-sterile', '비멸균'],
    specKey: 'sterile',
  },
  {
    concept: 'low-endotoxin',
    label: 'low endotoxin',
    patterns: ['low[-\\s]*endotoxin', '저\\s*엔도톡신', '엔도톡신\\s*관리'],
    itemHas: [],
    itemLacks: [],
  },
  { concept: 'powder-free', label: 'powder-free', patterns: ['powder[-\\s]*free', '파우더\\s*프리'], itemHas: [], itemLacks: [] },
  { concept: 'coated', label: 'coated', patterns: ['coated', '코팅(?:된)?'], itemHas: ['coated', '코팅'], itemLacks: [], specKey: 'coated' },
  // Surface and grade words that say how the item is made or finished, not what it is.
  { concept: 'electropolished', label: 'electropolished', patterns: ['electro[-\\s]*polished', '전해\\s*연마'], itemHas: [], itemLacks: [] },
  { concept: 'high-purity', label: 'high purity', patterns: ['high[-\\s]*purity'], itemHas: [], itemLacks: [] },
]);

/**
 * Words that, written after a phrase, make it a side phrase: something else the item can do,
 * comes with or is delivered with (`오토클레이브 가능`, `교반기 포함`, `IQ/OQ 문서 제공`). The
 * phrase before them (back to the previous comma or bracket) is not the item.
 *
 * @example
 * SIDE_ENDINGS.includes('가능'); // => true
 */
export const SIDE_ENDINGS: readonly string[] = Object.freeze(['가능', '포함', '제공', '첨부', '호환', '대응', '필수', '동봉']);

/** Latin side phrases: a capability or an accessory (`autoclavable`, `compatible with ...`). */
export const SIDE_PATTERNS: readonly string[] = Object.freeze([
  'autoclavable',
  '(?:compatible|supplied|delivered|provided)\\s+with\\s+[^,;()]+',
  'incl(?:uding|\\.)?\\s+[^,;()]+',
  'with\\s+(?:a\\s+)?[^,;()]*\\b(?:set|kit|gasket|clamp|cap|documentation|certificate|coa)s?\\b',
  'w/\\s*[^,;()]+',
  // what the item replaces or equals, to the end of its clause (`equivalent to MabCapture AX-Plus`,
  // `a drop-in replacement for Duravex DVP-22-10: ...`, `alternative to the imported units`)
]);
/**
 * What an item comes with or has, to the end of its clause (`refrigerated centrifuge with swing
 * bucket rotor`, `CO2 incubator with water jacket`): a side phrase when an item word stands before
 * it, so that a part it names (`rotor`) never heads the text; not `for use with`, a purpose.
 *
 * @example
 * new RegExp(WITH_SIDE_PATTERN, 'iu').test('with swing bucket rotor'); // => true
 */
export const WITH_SIDE_PATTERN = '(?<!use\\s+)with\\s+[^,;()]+';
/**
 * What the item replaces or equals, to the end of its clause (`equivalent to MabCapture AX-Plus`,
 * `a drop-in replacement for Duravex DVP-22-10: ...`, `alternative to the imported units`): a side
 * phrase naming another maker's product, after an item word. Where no word before it could name
 * an item (`Second source for PVDF sterilizing cartridges`, `Looking for local alternatives to
 * our imported ...`), what follows is the item asked for: only the framing words up to `for`,
 * `to` or `of` are filler (read-text.ts).
 *
 * @example
 * new RegExp(REPLACEMENT_SIDE_PATTERN, 'iu').test('equivalent to MabCapture AX-Plus'); // => true
 */
export const REPLACEMENT_SIDE_PATTERN =
  '((?:(?:a|an)\\s+)?(?:(?:drop-in|form-fit(?:-function)?|direct|like-for-like|locally\\s+built|domestic|local)\\s+)?(?:replacements?|substitutes?|alternatives?|equivalents?|second\\s+sources?)\\s+(?:for|to|of)\\s)[^,;():]+?(?=[,;():]|\\.(?:\\s|$)|$)';
/**
 * Korean words after another maker's brand or part number saying the item replaces or equals it
 * (`수입 Steritek DP-600 대체`, `Flexon 2D-20 제품과 호환`, `AX-Plus 동등품`): the brand and the
 * part number are read with them as a side phrase, neither hiding the item nor becoming it. Only
 * Latin words before them are taken (a part number, or two words of a brand), never a Korean noun
 * (`양이온 교환 수지를 국산으로 대체` keeps its item).
 *
 * @example
 * readText('수입 Steritek DP-600 대체 스팀 멸균기').words; // => [{ text: '스팀 멸균기', weight: 1 }]
 */
export const REFERENCE_ENDINGS: readonly string[] = Object.freeze(['대체품', '대체', '대신', '동등품', '동등', '호환품', '호환']);

/**
 * Negations: Korean ones follow what they negate, Latin ones precede it. `초저온 아님` is
 * "not ultra-low"; `non-sterile` is "not sterile".
 *
 * @example
 * NEGATION_AFTER.includes('아님'); // => true
 */
export const NEGATION_AFTER: readonly string[] = Object.freeze(['아님', '아닌 것', '아닌', '안\\s*된\\s*것', '안된\\s*것', '안\\s*됨', '제외', '사용\\s*불가', '불가', '불필요', '말고',
  // What comes separately is not what is asked for: `(후드 별도)`, `레진은 별도 구매 완료`, `본체 별매`.
  '별도', '별매']);
/** Latin negations that follow what they negate (`coverall not needed`, `housing excluded`). */
export const NEGATION_AFTER_LATIN: readonly string[] = Object.freeze(['not\\s+(?:needed|required|wanted|necessary|included)', 'excluded', 'sold\\s+separately']);
export const NEGATION_BEFORE: readonly string[] = Object.freeze(['비(?=멸균)', 'non-?\\s*', 'not\\s+(?:(?:a|an|the)\\s+)?', 'no\\s+', 'without\\s+', 'free\\s+of\\s+']);

/** Bound words: a quantity is a minimum or a maximum (`60 g/L 이상`, `min 60 g/L`, `≤ 0.25 EU/mL`). */
export const BOUND_AFTER: Readonly<Record<string, 'min' | 'max'>> = Object.freeze({
  이상: 'min', 초과: 'min', 이하: 'max', 미만: 'max', 'or more': 'min', 'or less': 'max', 'min.': 'min', min: 'min', max: 'max', 'max.': 'max',
});
export const BOUND_BEFORE: Readonly<Record<string, 'min' | 'max'>> = Object.freeze({
  '>=': 'min', '≥': 'min', '>': 'min', '<=': 'max', '≤': 'max', '<': 'max', min: 'min', 'min.': 'min', minimum: 'min', 'at least': 'min',
  max: 'max', 'max.': 'max', maximum: 'max', 'up to': 'max', 'not more than': 'max', nmt: 'max', 'not less than': 'min', nlt: 'min', 최소: 'min', 최대: 'max',
});

/** Words that make a requirement explicit (importance `required`). */
export const EXPLICIT_WORDS: readonly string[] = Object.freeze(['필수', '반드시', 'must', 'required', 'mandatory', 'shall']);

/**
 * How a designation becomes a spec requirement of a line whose item has a spec of its kind:
 * `word`: the designation as written (spaces out, upper case), on the item's text or set spec
 * whose value is itself such a designation (`valuePattern`: `316L`, `SUS304`, `2R`); `quantity`:
 * the designation's number in `unit`, on the item's quantity spec of that dimension closest in
 * value (`1.5S` is a 1.5-inch sanitary tube, so `connectionSize` = 1.5 in).
 *
 * @example
 * const s: DesignationSpec = { kind: 'quantity', unit: 'in' };
 */
export type DesignationSpec = { readonly kind: 'word'; readonly valuePattern: string } | { readonly kind: 'quantity'; readonly unit: string };

/**
 * Words that start with a digit but are no quantity: sizes and grades written as designations.
 * `keep`: the designation is part of the item's name (`2D 백`) and stays among the item words;
 * `spec`: how it becomes a spec requirement (none for a bag form, which names the item);
 * `size`: a size that tells the members of a family apart (`2R` and `10R` vials), compared with
 * the sizes a candidate's names state (resolve.ts NAME_SPEC_CONTRADICTED);
 * `nominal`: the unit its number also names a nominal quantity in (a `6R` vial holds about
 * 6 mL), compared with the values a candidate's names state in that unit (a `6R` vial is no
 * `ampoule 2 mL`).
 *
 * @example
 * DESIGNATIONS.find((d) => d.meaning === 'steel grade')?.pattern; // => '(?:sus|sts|ss)\\s*3[01]\\d\\s*l?|3(?:04|16)l'
 */
export const DESIGNATIONS: readonly {
  readonly pattern: string;
  readonly meaning: string;
  readonly keep: boolean;
  readonly spec?: DesignationSpec;
  readonly size?: true;
  readonly nominal?: string;
}[] = Object.freeze([
  { pattern: '(?:sus|sts|ss)\\s*3[01]\\d\\s*l?|3(?:04|16)l', meaning: 'steel grade', keep: false, spec: { kind: 'word', valuePattern: '(?:(?:sus|sts|ss|aisi)\\s*)?3[01]\\d\\s*l?(?:\\s*stainless)?' } },
  { pattern: '\\d+(?:\\.\\d+)?\\s*s', meaning: 'sanitary size', keep: false, spec: { kind: 'quantity', unit: 'in' } },
  { pattern: '\\d{1,3}\\s*r', meaning: 'vial size (ISO 8362)', keep: false, spec: { kind: 'word', valuePattern: '\\d{1,3}\\s*r' }, size: true, nominal: 'ml' },
  { pattern: '[23]\\s*d', meaning: 'bag form', keep: true },
]);

/**
 * Korean particles and endings left off a word's stem: `저장백을` is `저장백`, `CHO 배양용` is a
 * purpose. Only stripped from words of at least two syllables before them.
 *
 * @example
 * PARTICLES.includes('에서'); // => true
 */
export const PARTICLES: readonly string[] = Object.freeze(['에서', '으로', '에게', '은', '는', '을', '를', '에', '의', '와', '과', '만', '로']);
/**
 * Particles that come off a Korean word only (`단위로` → `단위`, `필터로` → `필터`): after a Latin
 * name `로` (with, by) says what the item is used with (`NaOH로 CIP 해도`), so the word stays whole.
 *
 * @example
 * HANGUL_ONLY_PARTICLES.includes('로'); // => true
 */
export const HANGUL_ONLY_PARTICLES: readonly string[] = Object.freeze(['로']);
/**
 * The purpose ending: `청징용` = for clarification. The stem is kept, at purpose weight, with the
 * words of its noun phrase before it (`원심분리기 로터용 어댑터`: the purpose is `원심분리기 로터`)
 * when the purpose modifies a noun after it or the item was named in an earlier clause
 * (`CO2 가스 실린더 (인큐베이터 공급용)`); see {@link PURPOSE_REACH}.
 */
export const PURPOSE_ENDING = '용';
/**
 * Words that end in `용` but are no purpose, as whole words (`비용` = cost, `사용` = use, while
 * `장비용` is "for equipment" and `주사용` "for injection"); `일회용` (disposable) also at the end
 * of a longer word (`무균일회용`).
 *
 * @example
 * PURPOSE_EXCEPTIONS.includes('비용'); // => true
 */
export const PURPOSE_EXCEPTIONS: readonly string[] = Object.freeze(['일회용', '1회용', '사용', '적용', '범용', '혼용', '이용', '비용', '내용', '허용', '응용', '상용', '다용', '겸용']);
/**
 * Exceptions that also end a longer word: `무균일회용` is disposable, not "for 무균일회".
 *
 * @example
 * PURPOSE_EXCEPTION_ENDINGS.includes('일회용'); // => true
 */
export const PURPOSE_EXCEPTION_ENDINGS: readonly string[] = Object.freeze(['일회용', '1회용']);
/**
 * `X 전용` / `X전용` (dedicated to X) names what the item is for, as `X용` does: `인큐베이터 전용 선반`
 * is a shelf.
 *
 * @example
 * readText('인큐베이터 전용 선반').words; // => [{ text: '인큐베이터', weight: 0.6 }, { text: '선반', weight: 1 }]
 */
export const PURPOSE_DEDICATED = '전용';
/**
 * How many words before a Korean purpose word (`X Y용`, `X 전용`) its noun phrase may take.
 *
 * @example
 * readText('원심분리기 로터용 어댑터').pieces[0]?.text; // => '원심분리기 로터' (a purpose)
 */
export const PURPOSE_REACH = 2;
/**
 * Latin words written after what the item is for: `Sartorius-compatible O-ring`, `tri-clamp
 * compatible`. The word before them is the purpose (`compatible with X` is a side phrase).
 *
 * @example
 * readText('Sartorius-compatible O-ring').pieces.map((p) => p.kind); // => ['purpose', 'filler']
 */
export const PURPOSE_AFTER: readonly string[] = Object.freeze(['compatible']);

const SPEC_NAME_WORDS_LIST = [
  '입자크기', '입자', '크기', 'particle', 'size', '온도', '균일도', 'uniformity',
  '두께', 'thickness', '길이', '직경', '내경', '외경', 'diameter', '면적', 'area', '조도', '표면조도', 'roughness', 'ra', '경도', 'hardness', 'shore',
  // a vial's neck (`13mm 넥`, `20mm 네크`, `20 mm neck`)
  '넥', '네크', 'neck',
] as const;
/**
 * Names of measured specs (`온도 균일도 ±0.3℃`, `particle size 50 µm`): filler before their value
 * or another spec name, but item words when an item word follows them in their clause (`particle
 * counter`, `온도 기록계`, `입자 계수기`). Also in {@link FILLER_WORDS}, with the names of grades and
 * purities (`등급`, `고순도`, `DBC`), which are filler wherever they stand (`고순도 트리스`).
 *
 * @example
 * SPEC_NAME_WORDS.includes('particle'); // => true
 */
export const SPEC_NAME_WORDS: readonly string[] = Object.freeze([...SPEC_NAME_WORDS_LIST]);

/**
 * Words naming the class of goods an item belongs to (`트리스 원료`, `오비탈 쉐이커 장비`, `CO2
 * incubator equipment`, `Tris reagent`): after a word that could name the item they say what kind
 * of purchase it is, and are filler; alone (`장비 구매`) they stay. Not `부품`, `소모품`, `parts`,
 * `consumables` or `system`: after a piece of equipment they name what belongs to it (`CO2
 * 인큐베이터 소모품`), another thing; nor `unit`, a thing of its own in `fan filter unit`.
 *
 * @example
 * CLASS_WORDS.includes('원료'); // => true
 */
export const CLASS_WORDS: readonly string[] = Object.freeze([
  '원료', '원자재', '부자재', '원부자재', '자재', '기자재', '시약', '장비', '기기', '물품', '품목', '용품',
  'equipment', 'reagent', 'reagents', 'material', 'materials', 'raw', 'goods', 'item', 'items',
]);
/**
 * English words of packing and counting before `of` (`box of nitrile gloves`, `set of tri-clamp
 * gaskets`): with `of` they are filler and what follows is the item. Any other word before `of`
 * heads its phrase, and what follows says what it is of (`Annual inspection of biosafety
 * cabinets`, `disposal of single-use bags`), as a purpose does (read-text.ts).
 *
 * @example
 * PACKING_WORDS_LATIN.includes('box'); // => true
 */
export const PACKING_WORDS_LATIN: readonly string[] = Object.freeze([
  'box', 'boxes', 'pack', 'packs', 'package', 'packages', 'case', 'cases', 'carton', 'cartons', 'set', 'sets', 'pair', 'pairs',
  'roll', 'rolls', 'lot', 'lots', 'batch', 'batches', 'pallet', 'pallets', 'bundle', 'bundles', 'quantity', 'qty', 'total', 'number',
]);
/**
 * Field names that label the item itself in a form or a specification (`품명: CO2 배양기`, `Item:
 * nitrile gloves`). A text holding one is a form: every field name before a colon in it (`품명`,
 * `내용적`, `온도범위`, `수량`, `Qty`) is filler, and its values stay (read-text.ts), so that a
 * field's name (`온도범위`, temperature range) is never read as the item (a temperature logger).
 *
 * @example
 * ITEM_LABELS.includes('품명'); // => true
 */
export const ITEM_LABELS: readonly string[] = Object.freeze([
  '품명', '제품명', '물품명', '품목명', '품목', '자재명', '명칭', '구매품명',
  'item', 'description', 'product', 'material',
]);
/**
 * How an English request or offer frames the item, as the Korean request nouns and predicates of
 * {@link FILLER_WORDS} do (`공급처`, `국산`, `대체`, `찾고`): searching and buying (`looking`,
 * `seeking`, `sourcing`, `purchase`), sources and alternatives (`vendor`, `second`, `local`,
 * `alternative`), imported and current goods, and a message's greetings. Filler wherever they
 * stand; before `for` they do not make a purpose of what follows (`Looking for PVDF sterilizing
 * cartridges`, `pricing for ...`: the item itself), see {@link REQUEST_BEFORE_PATTERN}.
 *
 * @example
 * REQUEST_WORDS_LATIN.includes('looking'); // => true
 */
export const REQUEST_WORDS_LATIN: readonly string[] = Object.freeze([
  'looking', 'look', 'seeking', 'seek', 'searching', 'search', 'sourcing', 'source', 'sources', 'need', 'needs', 'needed',
  'want', 'wants', 'wanted', 'wish', 'interested', 'purchase', 'purchasing', 'buy', 'buying', 'procure', 'procuring', 'procurement',
  'order', 'ordering', 'kindly', 'send', 'pricing', 'price', 'prices', 'inquiry', 'enquiry', 'vendor', 'vendors', 'suppliers',
  'second', 'alternative', 'alternatives', 'substitute', 'substitutes', 'option', 'options', 'candidate', 'candidates',
  'domestic', 'local', 'locally', 'localize', 'localise', 'localization', 'localisation', 'imported', 'import', 'foreign',
  'current', 'currently', 'existing', 'additional', 'evaluate', 'evaluating', 'considering', 'consider', 'plan', 'planning', 'planned',
  'would', 'like', 'hi', 'hello', 'dear', 'thanks', 'thank', 'regards', 'asap', 'urgent', 'urgently', 'rfi', 'rfp',
]);
/**
 * A request word (`REQUEST_WORDS_LATIN`, `quote`, `request`, `supplier`), with the request or
 * article words after it, before `for`, `of` or `to`: `looking for`, `a domestic supplier of`,
 * `request for`. The preposition opens the item asked for, not its purpose; the phrase is filler.
 *
 * @example
 * new RegExp(REQUEST_BEFORE_PATTERN, 'iu').exec('We are looking for PVDF filters')?.[0]; // => 'looking for'
 */
export const REQUEST_BEFORE_PATTERN = `(?:${[...REQUEST_WORDS_LATIN, 'quotation', 'quote', 'request', 'requesting', 'rfq', 'supplier'].join('|')})(?:\\s+(?:${[...REQUEST_WORDS_LATIN, 'a', 'an', 'the', 'our', 'your', 'any', 'supplier', 'quotation', 'quote'].join('|')}))*\\s+(?:for|of|to)`;

/**
 * Words that say nothing about the item: procurement words, supplier boilerplate, predicates.
 * A word is filler when it is listed, or is a Korean predicate (ends in one of
 * {@link PREDICATE_ENDINGS}).
 *
 * @example
 * FILLER_WORDS.includes('당사는'); // => true
 */
export const FILLER_WORDS: readonly string[] = Object.freeze([
  // procurement
  '구매', '요청', '필요', '규격', '사양', '제품', '타입', '약', '등', '및', '건', '일반', '관련', '납품', '공급', '견적', '희망', '문의',
  // how a request frames the item (`... 공급처를 찾고 있습니다`, `국산으로 대체 검토 중입니다`, `교체 구매
  // 예정`): the buyer wants a domestic one of the item, which neither names nor excludes it
  '공급처', '국산', '국산품', '대체', '전환', '검토', '구입', '도입', '계약', '예정', '여부', '확보', '추가', '현재', '중', '단위',
  '동등품', '대체품', '호환품', '순정품', '정품', '외산', '수입', '수입품', '교체품',
  // where the buyer uses it (`당사 2공장 배양 공정용 ...`, `for our Songdo plant`)
  '공장', '사업장', 'plant', 'plants',
  // the documents a public buyer's request comes in (`[구매규격서] 1. 품명: ...`)
  '규격서', '구매규격서', '사양서', '과업지시서', '입찰공고', '공고',
  // conjunctions and postpositions standing as words (`A 또는 B` = A or B, `테스트 후` = after testing)
  '또는', '혹은', '후', '이후',
  // the same in English requests
  'quotation', 'quote', 'request', 'requesting', 'rfq', 'please', ...REQUEST_WORDS_LATIN,
  // supplier prose
  '당사', '당사는', '당사의', '저희', '저희는', '설립', '이래', '국내', '국내외', '기업', '업체', '실적', '보유', '전문', '제조', '생산', '주력',
  '다수', '국산화', '바이오', '자체', '개발', '맞춤', '제작', '위탁', '능력', '연간', '일체', '시설', '인증', '공정', '다양한', '고객', '고객사', '제약사',
  'we', 'our', 'us', 'manufacture', 'manufactures', 'manufacturer', 'manufacturing', 'produce', 'produces', 'supply', 'supplies', 'supplier',
  'producer', 'producers', 'maker', 'makers', 'distributor', 'distributors', 'dealer', 'dealers', 'provider', 'providers', 'exporter', 'importer',
  'leading', 'products', 'product', 'company', 'since', 'offer', 'offers', 'for', 'an', 'the', 'with', 'or', '용', '의', 'in', 'of', 'and', 'to', 'is', 'are', 'on', 'by',
  'type', 'grade', 'approx', 'ea', 'pcs', 'qty', 'x', 'id', 'od',
  // names of specs (the value follows them; see SPEC_NAME_WORDS) and of packing and delivery
  '등급', '순도', '고순도', '엔도톡신', 'endotoxin', 'dbc', 'lrv', 'purity',
  ...SPEC_NAME_WORDS_LIST,
  '드럼', 'drum', '분할', '회', '월', '연', '주간', '납기', 'delivery', 'lead', 'time', '이중포장',
  // how a supplier makes it (`실리콘 튜브 압출 생산`) and that it complies
  '압출', '사출', '성형', '가공', '적합',
]);
/** Endings of Korean predicates (`납품한`, `보유하고`, `있습니다`): such a word is filler. */
export const PREDICATE_ENDINGS: readonly string[] = Object.freeze([
  '습니다', '입니다', '합니다', '하고', '하는', '하여', '해서', '되는', '되어', '한', '된', '된다', '이며', '니다', '였고', '하며', '으며',
  // intentions and requests (`구매하고자`, `바꾸려고`, `검토 중이며`, `부탁드림`, `주세요`)
  '고자', '려고', '중이며', '중이고', '중인', '드림', '세요', '하기', '할',
  // verbs of use and search and their connective forms (`쓰는`, `찾고`, `있는`, `없고`, `맞는`)
  '쓰는', '쓰고', '찾는', '찾고', '있는', '있고', '없는', '없고', '맞는', '받는', '받고', '되며', '되고',
  // postpositions made of verbs (`안전을 위한`, `... 에 대한`, `... 를 통해`)
  '위해', '위한', '대한', '관한', '통해', '따른',
]);
/**
 * Latin purpose words: what follows (to the next comma or bracket) is what the item is for
 * (`for use with orbital shakers`, `intended for CO2 incubators`).
 *
 * @example
 * readText('Flask clamps (for use with orbital shakers)').pieces[0]?.kind; // => 'purpose'
 */
export const PURPOSE_BEFORE: readonly string[] = Object.freeze(['for use with', 'for use in', 'intended for', 'used for', 'suitable for', 'for']);

/**
 * Words that make a purpose say what the item replaces a part of (`PAPR 교체용 필터`, `CO2
 * 인큐베이터용 교체 HEPA 필터`, `replacement HEPA filter for PAPR`): the item is a part of the
 * purpose's equipment (resolve.ts REPLACED_ELSEWHERE).
 *
 * @example
 * REPLACEMENT_WORDS.includes('교체'); // => true
 */
export const REPLACEMENT_WORDS: readonly string[] = Object.freeze(['교체', 'replacement', 'spare']);
/**
 * Korean verbs of use in their adnominal form (`X 단계에 쓰는 Y`, `X에 사용하는 Y`, `X를 위한 Y`,
 * `X에 장착할 Y`): the words of their clause before them say what the item after them is for, as a
 * purpose (`X용`) does, however many they are. The verb itself is filler.
 *
 * @example
 * readText('폴리싱 단계에 쓰는 양이온 교환 수지').pieces[0]?.kind; // => 'purpose'
 */
export const USE_VERBS: readonly string[] = Object.freeze([
  '쓰는', '쓰이는', '사용하는', '사용되는', '사용할', '위한', '들어가는', '장착할', '장착하는', '장착되는', '설치할', '설치하는', '연결할', '연결하는', '맞는',
]);

/**
 * Words for an accessory, a part or a consumable of a piece of equipment, or a service on it:
 * shelves and racks, cables and caps, gaskets, calibration. A text whose head noun is one of them (`CO2 인큐베이터
 * 교체용 선반`, `pH sensor cable`, `광학식 DO 센서 교체용 센서캡`) asks for the accessory, and the
 * equipment it names as a modifier or purpose is not what it wants (resolve.ts PART_HEAD). A
 * Korean head also counts when it ends with one (`센서캡`). Plurals are listed. Not `cartridge`:
 * a filter cartridge is a filter (`mycoplasma-retentive 0.1 um PES filter cartridge`). Collective words
 * (`부품`, `소모품`, `parts`, `consumables`) are not: supplier prose names a class with them and
 * lists its members after (`클린룸 소모품(니트릴 장갑, 방진복, 마스크)`). A Korean word ends with a
 * part word as a compound only when what stands before it is a word of two syllables or more
 * (`센서캡`, `UV램프`), so `클램프` does not end with `램프`.
 *
 * @example
 * PART_WORDS.includes('선반'); // => true
 */
export const PART_WORDS: readonly string[] = Object.freeze([
  'shelf', 'shelves', 'rack', 'racks', 'cable', 'cables', 'cap', 'caps', 'lid', 'lids', 'tray', 'trays',
  'holder', 'holders', 'adapter', 'adapters', 'adaptor', 'adaptors', 'bracket', 'brackets', 'stand', 'stands',
  'refill', 'refills', 'tip', 'tips', 'basket', 'baskets', 'rotor', 'rotors',
  'door', 'doors', 'battery', 'batteries', 'lamp', 'lamps', 'bulb', 'bulbs', 'cord', 'cords', 'insert', 'inserts',
  '선반', '랙', '케이블', '캡', '뚜껑', '트레이', '홀더', '어댑터', '아답터', '브래킷', '거치대', '리필',
  '팁', '바스켓', '로터', '도어', '배터리', '물받이', '받침대', '램프',
  // Seals of a door or a lid, and a sensor's storage solution.
  'packing', 'packings', 'gasket', 'gaskets', '패킹', '가스켓', '개스킷', '보관액',
  // A service on the equipment is no equipment (`파티클카운터 연간 검교정 서비스`).
  'service', 'services', 'calibration', 'repair', 'maintenance', '서비스', '검교정', '수리', '유지보수',
  // A contracted service (`용역`) and an inspection or requalification of the equipment are services too
  // (`생물안전작업대 연간 성능 검증 용역`, `오토클레이브 정기 점검`).
  '용역', '점검', 'inspection', 'inspections', 'requalification',
  // Moving, renting or installing the equipment again is a service too (`인큐베이터 장비 이전 설치`).
  '이전', '이설', '설치', '임대', '렌탈', 'rental', 'relocation', 'installation',
  // A machine's compressor, replaced on its own (`초저온 냉동고 교체용 컴프레서`). Not an impeller: a
  // mixing bag comes with one (`mixing bags with magnetic impeller`).
  'compressor', 'compressors', '컴프레서', '컴프레셔', '압축기',
]);

/**
 * Words for the equipment itself as against its parts (`본체` = the main unit): a text that
 * negates one (`냉동고 본체 제외`, `센서 본체 아님`) asks for something else than the item it names
 * (resolve.ts PART_HEAD).
 *
 * @example
 * WHOLE_WORDS.includes('본체'); // => true
 */
export const WHOLE_WORDS: readonly string[] = Object.freeze(['본체', 'main unit', 'base unit']);

/**
 * Words that say what form, type, packing or steel grade an item comes in, written after its noun
 * (`초저온 냉동고 업라이트`, `방진복 커버올 일체형`, `멸균 피펫 개별포장`, `LN2 기상식 보관탱크`'s
 * `기상식` before it): an attribute of the item, never the head of its phrase. A Korean word of
 * three syllables or more ending in one of `FORM_SUFFIXES` (`-형`, type; `-식`, style; `-등급`,
 * grade: `일체형`, `강제순환식`, `제균등급`) is one too. Only a phrase's last words are read this
 * way, and never its only word (resolve.ts headWordsOf): `탁상형 원심분리기` keeps its head, and the
 * type word stays an item word for the attribute rule.
 *
 * @example
 * FORM_WORDS.includes('upright'); // => true
 */
export const FORM_WORDS: readonly string[] = Object.freeze([
  'upright', '스탠드', '개별포장', '벌크', 'bulk', 'benchtop', 'tabletop', 'stackable', 'nested', 'rtu', '네스트',
  // the physical form of a chemical or a medium (`가성소다 액상`, `트리스 분말`, `sodium chloride, powder`)
  '액상', '분말', '과립', 'liquid', 'powder', 'granular',
  // a steel grade written without its number (`클린룸 대차 SUS 3단`), as DESIGNATIONS' steel grades
  'sus', 'sts',
]);
/** Endings of a Korean form word (see {@link FORM_WORDS}); the word has three syllables or more. */
export const FORM_SUFFIXES: readonly string[] = Object.freeze(['형', '식', '등급']);

/**
 * Values of one attribute that share no ending, so the attribute rule (resolve.ts
 * ATTRIBUTE_TAIL) cannot see them as such: each group is one value, in English and Korean. A
 * filter comes as a cartridge or as a capsule (`PES filter cartridge 20 inch` is no `PES capsule
 * filter`), a glass container as a vial or an ampoule, a valve as a diaphragm, ball or butterfly
 * valve, a medium as a liquid or a powder. Listed by attribute, each a list of its values: values
 * of two attributes never contradict each other (a liquid nitrogen tank holds vials). A Korean
 * word holds a value when it starts with it (`캡슐필터`, `캡슐형`).
 *
 * @example
 * ATTRIBUTE_VALUES.some((a) => a.some((g) => g.includes('capsule'))); // => true
 */
export const ATTRIBUTE_VALUES: readonly (readonly (readonly string[])[])[] = Object.freeze([
  // A filter's form: a cartridge or a capsule.
  [
    ['cartridge', 'cartridges', '카트리지'],
    ['capsule', 'capsules', '캡슐'],
  ],
  // A glass container's form: an ampoule is no vial.
  [
    ['vial', 'vials', '바이알'],
    ['ampoule', 'ampoules', 'ampule', 'ampules', '앰플'],
  ],
  // A valve's type: `VLV BALL 316L` is no diaphragm valve.
  [['diaphragm', '다이어프램', '다이아프램'], ['ball', '볼밸브'], ['butterfly', '버터플라이']],
  // A medium's or a chemical's physical form: a liquid medium is no powder medium (`CDM powder`).
  [
    ['liquid', '액상'],
    ['powder', '분말'],
  ],
]);
