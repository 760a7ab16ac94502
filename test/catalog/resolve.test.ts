import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, stripCompanyWords, toJamo } from '../../src/catalog/normalize.js';
import { AMBIGUOUS_TERMS, CATALOG_DEFAULTS, createCatalog } from '../../src/catalog/resolve.js';
import type { Catalog, CatalogOptions, Resolution } from '../../src/catalog/resolve.js';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { SupplymatchError } from '../../src/errors.js';
import { ItemSchema } from '../../src/model/item.js';
import type { Item } from '../../src/model/item.js';

/** A small hand-made catalog: enough look-alikes (two sterilizing filters, two bags, two resins) to rank. */
const RAW_ITEMS = [
  {
    id: 'IT-CDM', category: 'cell-culture-media',
    names: { en: 'Chemically defined CHO medium', ko: '무혈청 세포배양 배지' },
    synonyms: ['serum-free medium'], abbreviations: ['CDM', 'SFM'], codes: { unspsc: ['41106213'] },
  },
  {
    id: 'IT-EM', category: 'em-media',
    names: { en: 'Environmental monitoring contact plate', ko: '환경배지 접촉 플레이트' },
    synonyms: ['contact plate'], codes: { unspsc: ['41116142'] },
  },
  {
    id: 'IT-SUB', category: 'sub-bag',
    names: { en: 'Single-use bioreactor bag', ko: '일회용 세포배양백' },
    synonyms: ['3D bioreactor bag'], abbreviations: ['SUB'], codes: { unspsc: ['23151804'] },
  },
  {
    id: 'IT-BAG', category: 'su-bag',
    names: { en: '2D storage bag', ko: '일회용 저장백' }, synonyms: ['biocontainer'], codes: { unspsc: ['24121502'] },
  },
  {
    id: 'IT-TUB', category: 'tubing',
    names: { en: 'Platinum-cured silicone tubing', ko: '실리콘 튜브' }, codes: { unspsc: ['41105108'] },
  },
  {
    id: 'IT-STF-CAP', category: 'sterilizing-filter',
    names: { en: 'Sterilizing-grade capsule filter', ko: '제균 캡슐필터' },
    abbreviations: ['PES capsule'], codes: { unspsc: ['41104915'], hs: ['8421.29'] },
  },
  {
    id: 'IT-STF-CART', category: 'sterilizing-filter',
    names: { en: 'Sterilizing-grade cartridge filter', ko: '제균 카트리지 필터' }, codes: { unspsc: ['41104915'] },
  },
  {
    id: 'IT-DEPTH', category: 'depth-filter',
    names: { en: 'Depth filter pod', ko: '뎁스필터' }, codes: { unspsc: ['41104913'] },
  },
  {
    id: 'IT-TFF', category: 'tff-cassette',
    names: { en: 'Ultrafiltration cassette', ko: 'TFF 카세트' }, abbreviations: ['TFF', 'UF/DF'], codes: { unspsc: ['23151806'] },
  },
  {
    id: 'IT-VF', category: 'virus-filter',
    names: { en: 'Virus removal filter', ko: '바이러스 제거 필터' }, codes: { unspsc: ['23151806'] },
  },
  {
    id: 'IT-PROA', category: 'protein-a-resin',
    names: { en: 'Protein A affinity resin', ko: '프로틴A 레진' }, codes: { unspsc: ['23151817'] },
  },
  {
    id: 'IT-AEX', category: 'iex-resin',
    names: { en: 'Anion exchange resin', ko: '음이온교환 레진' }, abbreviations: ['AEX'], codes: { unspsc: ['23151817'] },
  },
  {
    id: 'IT-VIAL', category: 'vial-glass',
    names: { en: 'Borosilicate glass vial', ko: '바이알' }, codes: { unspsc: ['41121806'] },
  },
  {
    id: 'IT-GLOVE', category: 'glove',
    names: { en: 'Sterile nitrile glove', ko: '멸균 니트릴 장갑' }, codes: { unspsc: ['42132203'] },
  },
] as const;

const ITEMS: readonly Item[] = RAW_ITEMS.map((x) => ItemSchema.parse(x));

function catalog(options?: CatalogOptions, items: readonly Item[] = ITEMS): Catalog {
  return createCatalog(items, BIO_TAXONOMY, options);
}

const top = (r: Resolution): string | undefined => r.items[0]?.item;
const ids = (r: Resolution): string[] => r.items.map((m) => m.item);

describe('normalizeText', () => {
  it.each([
    ['㈜한빛 제균필터0.22um 10인치', '한빛 제균필터', ['0.22 um', '10 인치']],
    ['Single use Bioreactor Bag 200L', 'single-use bioreactor bag', ['200 l']],
    ['single-use bioreactor bag', 'single-use bioreactor bag', []],
    ['싱글유즈 백', '일회용 백', []],
    ['싱글유스백', '일회용백', []],
    ['이온교환수지', '이온교환레진', []],
    ['Pt-cured silicone tubing 1/4"', 'platinum cured silicone tubing', ['1/4"']],
    // purchasing-system abbreviations, written out (TRADE_ABBREVIATIONS)
    ['FLTR CART PES 0.2UM', 'filter cartridge pes', ['0.2 um']],
    ['GSKT TC PT-SIL', 'gasket tc platinum cured silicone', []],
    ['ULT FRZR UPRIGHT', 'ult freezer upright', []],
    ['cleanroom cart 3-shelf', 'cleanroom cart 3 shelf', []],
    ['fltration', 'fltration', []],
    ['멸균 피펫 낱개 포장', '멸균 피펫 개별포장', []],
    ['업라이트형 냉동고', '직립형 냉동고', []],
    ['TFF cassette 30 kDa', 'tff cassette', ['30 kda']],
    ['Filter 0.2 µm', 'filter', ['0.2 um']],
    ['Filter 0.2 μm', 'filter', ['0.2 um']],
    ['프로틴A 레진', '프로틴 a 레진', []],
    ['Hanbit Filtration Co., Ltd.', 'hanbit filtration', []],
    ['Westlake GmbH agarose', 'westlake agarose', []],
    ['0.22um', '', ['0.22 um']],
  ])('%j → name %j, specs %j', (text, name, specs) => {
    const n = normalizeText(text);
    expect(n.name).toBe(name);
    expect(n.specs).toEqual(specs);
    expect(n.tokens).toEqual(name === '' ? [] : name.split(' '));
  });

  it('keeps specs in the full text', () => {
    expect(normalizeText('제균필터0.22um').full).toBe('제균필터 0.22 um');
  });

  it('keeps company words when asked to', () => {
    expect(normalizeText('(주)한빛 filter Co., Ltd.', { stripCompanyWords: false }).name).toBe('주 한빛 filter co ltd');
  });

  it.each([
    ['주식회사 한빛', '한빛'],
    ['(주)한빛', '한빛'],
    ['㈜한빛', '한빛'],
    ['한빛 유한회사', '한빛'],
    ['hanbit co., ltd.', 'hanbit'],
    ['hanbit inc.', 'hanbit'],
    ['hanbit corp.', 'hanbit'],
    ['nippon k.k.', 'nippon'],
    ['acme llc', 'acme'],
    ['acme s.a.', 'acme'],
    ['agarose resin', 'agarose resin'],
  ])('stripCompanyWords(%j) = %j', (text, expected) => {
    expect(stripCompanyWords(text)).toBe(expected);
  });

  it('decomposes Hangul syllables only', () => {
    expect(toJamo('제균필터 0.22 um')).toBe('ㅈㅔㄱㅠㄴㅍㅣㄹㅌㅓ 0.22 um');
    expect(toJamo('tff')).toBe('tff');
  });
});

describe('resolveText', () => {
  const c = catalog();

  it.each([
    ['Single-use bioreactor bag', 'IT-SUB'],
    ['single use bioreactor bag', 'IT-SUB'],
    ['일회용 세포배양백', 'IT-SUB'],
    ['Depth filter pod', 'IT-DEPTH'],
    ['뎁스필터', 'IT-DEPTH'],
    ['프로틴A 레진', 'IT-PROA'],
    ['바이알', 'IT-VIAL'],
  ])('exact name %j → %s with confidence 1', (text, item) => {
    const r = c.resolveText(text);
    expect(r.items[0]).toMatchObject({ item, confidence: 1 });
    expect(['name', 'synonym']).toContain(r.items[0]?.via);
    expect(r.ambiguous).toBe(false);
  });

  it('matches a name written with other spacing just below exact, above any fuzzy match', () => {
    expect(c.resolveText('세포배양백 일회용').items[0]?.item).toBe('IT-SUB');
    expect(c.resolveText('일회용세포배양백').items[0]).toMatchObject({ item: 'IT-SUB', confidence: 0.97, via: 'name' });
  });

  it.each([
    ['SUB', 'IT-SUB'],
    ['TFF', 'IT-TFF'],
    ['CDM', 'IT-CDM'],
    ['aex', 'IT-AEX'],
  ])('abbreviation %j → %s (0.9, via abbreviation)', (text, item) => {
    expect(c.resolveText(text).items[0]).toEqual({ item, confidence: 0.9, via: 'abbreviation', matched: text.toUpperCase() });
  });

  it('does not let a short abbreviation match fuzzily (SUS is not SUB)', () => {
    expect(c.resolveText('SUS').items.find((m) => m.via === 'abbreviation')).toBeUndefined();
  });

  it.each([
    ['sterilising fliter', 'sterilizing-filter'],
    ['sterilizing capsle filter', 'sterilizing-filter'],
    ['deph filter', 'depth-filter'],
    ['platinum cured silicon tubing', 'tubing'],
    ['ultrafiltraton casette', 'tff-cassette'],
    ['nitrile gloves', 'glove'],
  ])('misspelt %j → an item of %s first', (text, category) => {
    const r = c.resolveText(text);
    expect(r.items[0]).toBeDefined();
    expect(c.items.get(r.items[0]?.item ?? '')?.category).toBe(category);
    expect(r.items[0]?.confidence).toBeLessThan(1);
  });

  it.each([
    ['제균필터 0.22um', 'sterilizing-filter'],
    ['제균필터0.22um 10인치', 'sterilizing-filter'],
    ['일회용 세포배양백 200L', 'sub-bag'],
    ['프로틴A 레진', 'protein-a-resin'],
    ['이온교환수지', 'iex-resin'],
    ['제균 캡슐피터', 'sterilizing-filter'],
    ['무혈청 배지 10kg', 'cell-culture-media'],
  ])('Korean %j → an item of %s first', (text, category) => {
    const r = c.resolveText(text);
    expect(c.items.get(top(r) ?? '')?.category).toBe(category);
  });

  it('resolves 싱글유스 백 (= 일회용 백) to single-use bags only', () => {
    const r = c.resolveText('싱글유스 백');
    expect(r.items.length).toBeGreaterThan(0);
    for (const m of r.items.slice(0, 2)) expect(['sub-bag', 'su-bag']).toContain(c.items.get(m.item)?.category);
    expect(c.resolveText('싱글유즈 백')).toBe(r);
    expect(c.resolveText('일회용 백')).toBe(r);
  });

  it('ranks the exact item above its look-alike of the same category', () => {
    expect(ids(c.resolveText('제균 캡슐필터'))).toEqual(expect.arrayContaining(['IT-STF-CAP', 'IT-STF-CART']));
    expect(top(c.resolveText('제균 캡슐필터'))).toBe('IT-STF-CAP');
    expect(top(c.resolveText('제균 카트리지 필터 10인치'))).toBe('IT-STF-CART');
  });

  it('uses specs in the text to order look-alikes that differ only by size', () => {
    const bags = [200, 500, 2000].map((l) =>
      ItemSchema.parse({
        id: `SUB-${l}`, category: 'sub-bag', names: { en: `Single-use bioreactor bag ${l} L`, ko: `일회용 세포배양백 ${l}L` },
        synonyms: ['싱글유즈백'], abbreviations: ['SUB'], specs: { workingVolume: `${l} L` },
      }),
    );
    const c2 = catalog(undefined, bags);
    expect(top(c2.resolveText('SUB 500L'))).toBe('SUB-500');
    expect(top(c2.resolveText('싱글유즈백 2,000 리터'))).toBe('SUB-2000');
    expect(top(c2.resolveText('일회용 세포배양백 200L'))).toBe('SUB-200');
    // Without a size the bags tie and come in id order; a size no bag has penalizes all alike.
    expect(ids(c2.resolveText('SUB'))).toEqual(['SUB-200', 'SUB-2000', 'SUB-500']);
    expect(ids(c2.resolveText('SUB 3,000 L'))).toEqual(['SUB-200', 'SUB-2000', 'SUB-500']);
    const r = c2.resolveText('SUB 500L');
    expect(r.items.find((m) => m.item === 'SUB-200')?.confidence).toBeLessThan(r.items[0]?.confidence ?? 0);
    expect(r.ambiguous).toBe(false);
  });

  it('still finds a misspelt trap word (싱글유즌 for 싱글유즈)', () => {
    const bag = ItemSchema.parse({ id: 'SUB-X', category: 'sub-bag', names: { en: 'Bioreactor bag' }, synonyms: ['싱글유즈백'] });
    const c2 = catalog(undefined, [...ITEMS, bag]);
    expect(top(c2.resolveText('싱글유즈백'))).toBe('SUB-X');
    expect(top(c2.resolveText('싱글유즌백'))).toBe('SUB-X');
  });

  it('ignores company-type words', () => {
    const plain = c.resolveText('제균 캡슐필터');
    for (const text of ['(주) 제균 캡슐필터', '㈜제균 캡슐필터', '제균 캡슐필터 주식회사', 'Co., Ltd. 제균 캡슐필터']) {
      expect(c.resolveText(text)).toBe(plain);
    }
    expect(catalog().resolveText('Depth filter pod Co., Ltd.').items[0]).toMatchObject({ item: 'IT-DEPTH', confidence: 1 });
  });

  it('lets company-type words dilute the match when stripping is off', () => {
    const off = catalog({ stripCompanyWords: false }).resolveText('Depth filter pod Co., Ltd.');
    expect(off.items[0]?.item).toBe('IT-DEPTH');
    expect(off.items[0]?.confidence).toBeLessThan(1);
  });

  it('reports 배지 alone as ambiguous, with its meanings and items of each', () => {
    const r = c.resolveText('배지');
    expect(r.ambiguous).toBe(true);
    expect(r.meanings).toEqual(['culture media', 'chromatography media', 'filter media']);
    const categories = r.items.map((m) => c.items.get(m.item)?.category);
    expect(categories).toEqual(expect.arrayContaining(['cell-culture-media', 'protein-a-resin', 'depth-filter']));
    for (const m of r.items) expect(m.confidence).toBeLessThanOrEqual(0.6);
    expect(c.resolveText('배지 20kg')).toEqual(r);
  });

  it.each([
    ['SUS', ['single-use system', 'stainless steel']],
    ['레진', ['protein A resin', 'ion-exchange resin']],
    ['수지', ['protein A resin', 'ion-exchange resin']],
    ['resin', ['protein A resin', 'ion-exchange resin']],
    ['media', ['culture media', 'chromatography media', 'filter media']],
    ['bag', ['single-use bioreactor bag', 'storage, mixing or buffer bag']],
  ])('known ambiguous term %j', (text, meanings) => {
    const r = c.resolveText(text);
    expect(r.ambiguous).toBe(true);
    expect(r.meanings).toEqual(meanings);
    for (const m of r.items) expect(m.confidence).toBeLessThanOrEqual(0.6);
  });

  it('does not flag a qualified term (무혈청 배지) through the term list', () => {
    const r = c.resolveText('무혈청 세포배양 배지');
    expect(r.meanings).toBeUndefined();
    expect(r.ambiguous).toBe(false);
    expect(top(r)).toBe('IT-CDM');
  });

  it('flags top items of different categories within the margin', () => {
    // '세포배양' (cell culture) is in the bioreactor bag's name and the medium's.
    const r = c.resolveText('세포배양');
    const [first, second] = r.items;
    expect(c.items.get(first?.item ?? '')?.category).not.toBe(c.items.get(second?.item ?? '')?.category);
    expect((first?.confidence ?? 0) - (second?.confidence ?? 0)).toBeLessThanOrEqual(0.1);
    expect(r.ambiguous).toBe(true);
    expect(r.meanings).toBeUndefined();
    expect(catalog({ ambiguityMargin: 0 }).resolveText('세포배양').ambiguous).toBe(false);
    expect(c.resolveText('Depth filter pod').ambiguous).toBe(false);
  });

  it('calls filter alone ambiguous and keeps one item of each kind of filter', () => {
    const r = c.resolveText('필터');
    expect(r.ambiguous).toBe(true);
    const categories = new Set(r.items.map((m) => c.items.get(m.item)?.category));
    expect(categories).toEqual(new Set(['sterilizing-filter', 'depth-filter', 'tff-cassette', 'virus-filter']));
  });

  it('derives categories from items and from category names', () => {
    const r = c.resolveText('제균필터');
    expect(r.categories[0]).toEqual({ category: 'sterilizing-filter', confidence: 1 });
    const viaCategory = c.resolveText('Environmental-monitoring media');
    expect(viaCategory.categories[0]?.category).toBe('em-media');
    expect(viaCategory.items[0]?.item).toBe('IT-EM');
  });

  it.each(['xyzzy qwerty', '', '   ', '0.22um 200L', '!!!', '주식회사', '🙂'])('unknown text %j gives no items', (text) => {
    const r = c.resolveText(text);
    expect(r.items).toEqual([]);
    expect(r.ambiguous).toBe(false);
  });

  it('keeps at most maxCandidates items, best first, ties by id', () => {
    const r = catalog({ maxCandidates: 2, minConfidence: 0 }).resolveText('filter');
    expect(r.items.length).toBeLessThanOrEqual(2);
    const all = catalog({ maxCandidates: 50, minConfidence: 0.01 }).resolveText('sterile filter');
    for (let i = 1; i < all.items.length; i++) {
      const a = all.items[i - 1];
      const b = all.items[i];
      if (a === undefined || b === undefined) continue;
      expect(a.confidence > b.confidence || (a.confidence === b.confidence && a.item < b.item)).toBe(true);
    }
  });

  it('drops matches below minConfidence', () => {
    const loose = catalog({ minConfidence: 0 }).resolveText('sterile filter');
    const strict = catalog({ minConfidence: 0.7 }).resolveText('sterile filter');
    expect(strict.items.length).toBeLessThan(loose.items.length);
    for (const m of strict.items) expect(m.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('finds a one-jamo typo with jamo decomposition', () => {
    // 필터 -> 피터 drops one jamo of ten with jamo, one syllable of four without.
    const on = catalog({ hangulJamo: true }).resolveText('뎁스피터');
    const off = catalog({ hangulJamo: false }).resolveText('뎁스피터');
    expect(top(on)).toBe('IT-DEPTH');
    expect(on.items[0]?.confidence ?? 0).toBeGreaterThan(off.items[0]?.confidence ?? 0);
  });
});

describe('memoization and stats', () => {
  it('resolves each distinct normalized text once', () => {
    const c = catalog();
    const a = c.resolveText('제균필터 0.22um');
    expect(c.stats()).toEqual({ distinctTexts: 1, lookups: 1 });
    expect(c.resolveText('제균필터 0.22um')).toBe(a);
    // Same after normalization: spacing, case, company words, µm, and 0.2 um == 0.22 um.
    expect(c.resolveText('  제균필터   0.22 UM ')).toBe(a);
    expect(c.resolveText('(주)제균필터0.22µm')).toBe(a);
    expect(c.resolveText('제균필터 0.2 um')).toBe(a);
    expect(c.stats()).toEqual({ distinctTexts: 1, lookups: 5 });
    c.resolveText('뎁스필터');
    c.resolve({ text: '뎁스필터' });
    expect(c.stats()).toEqual({ distinctTexts: 2, lookups: 7 });
  });

  it('counts texts that differ only in specs apart (specs can reorder look-alikes)', () => {
    const c = catalog();
    c.resolveText('제균필터 0.22um');
    c.resolveText('제균필터 0.45um');
    expect(c.stats().distinctTexts).toBe(2);
  });

  it('does not count code, id or category look-ups as texts', () => {
    const c = catalog();
    c.resolveCode('41104915');
    c.resolveItemId('IT-SUB');
    c.resolveCategory('tubing');
    expect(c.stats().distinctTexts).toBe(0);
  });
});

describe('determinism', () => {
  const TEXTS = ['filter', '제균필터', '배지', 'sterilising fliter', 'bag', 'resin', '일회용 백', 'SUB', 'glove', 'xyz'];

  it('gives the same resolutions, in the same order, whatever the item order', () => {
    const reversed = [...ITEMS].reverse();
    const a = catalog();
    const b = catalog(undefined, reversed);
    for (const t of TEXTS) expect(JSON.stringify(b.resolveText(t))).toBe(JSON.stringify(a.resolveText(t)));
  });

  it('is the same on a second run in a fresh catalog (no state leaks between catalogs)', () => {
    const first = TEXTS.map((t) => JSON.stringify(catalog().resolveText(t)));
    const second = TEXTS.map((t) => JSON.stringify(catalog().resolveText(t)));
    expect(second).toEqual(first);
  });

  it('never throws and keeps confidences in [0, 1], sorted, within maxCandidates (property)', () => {
    const c = catalog();
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const r = c.resolveText(text);
        expect(r.items.length).toBeLessThanOrEqual(CATALOG_DEFAULTS.maxCandidates);
        for (const m of r.items) {
          expect(m.confidence).toBeGreaterThanOrEqual(0);
          expect(m.confidence).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < r.items.length; i++) {
          expect(r.items[i - 1]?.confidence ?? 0).toBeGreaterThanOrEqual(r.items[i]?.confidence ?? 0);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('handles mixed Hangul and Latin noise without throwing (property)', () => {
    const c = catalog();
    const piece = fc.constantFrom('제균', '필터', 'filter', '백', '일회용', '0.22um', '(주)', 'Co., Ltd.', '레진', 'a', ' ', '-', '/');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const r = c.resolveText(parts.join(''));
        for (const m of r.items) expect(c.items.has(m.item)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('resolveCode (UNSPSC hierarchy)', () => {
  const items = [
    { id: 'A', category: 'sterilizing-filter', names: { en: 'a' }, codes: { unspsc: ['41104915'] } },
    { id: 'B', category: 'depth-filter', names: { en: 'b' }, codes: { unspsc: ['41104913'] } },
    { id: 'C', category: 'tubing', names: { en: 'c' }, codes: { unspsc: ['41105108'] } },
    { id: 'D', category: 'connector', names: { en: 'd' }, codes: { unspsc: ['41121815'] } },
    { id: 'E', category: 'glove', names: { en: 'e' }, codes: { unspsc: ['42132203'] } },
    { id: 'F', category: 'glove', names: { en: 'f' } },
  ].map((x) => ItemSchema.parse(x));
  const c = createCatalog(items, BIO_TAXONOMY);

  it('scores commodity 1, class 0.75, family 0.5, segment 0.25', () => {
    const r = c.resolveCode('41104915');
    expect(r.items).toEqual([
      { item: 'A', confidence: 1, via: 'code', matched: '41104915' },
      { item: 'B', confidence: 0.75, via: 'code', matched: '41104913' },
      { item: 'C', confidence: 0.5, via: 'code', matched: '41105108' },
      { item: 'D', confidence: 0.25, via: 'code', matched: '41121815' },
    ]);
    expect(r.categories[0]).toEqual({ category: 'sterilizing-filter', confidence: 1 });
    expect(r.ambiguous).toBe(false);
  });

  it('takes the best of an item’s codes and reads a class code (trailing 00) as a prefix', () => {
    expect(c.resolveCode('41104900').items[0]).toMatchObject({ confidence: 0.75 });
    expect(c.resolveCode('99999999').items).toEqual([]);
    expect(c.resolveCode('').items).toEqual([]);
  });

  it('is ambiguous when one code is shared by items of different categories', () => {
    const r = catalog().resolveCode('23151806');
    expect(ids(r).slice(0, 2)).toEqual(['IT-TFF', 'IT-VF']);
    expect(r.ambiguous).toBe(true);
  });
});

describe('resolveItemId, resolveCategory, resolve', () => {
  const c = catalog();

  it('resolves an item id with confidence 1', () => {
    expect(c.resolveItemId('IT-SUB')).toEqual({
      items: [{ item: 'IT-SUB', confidence: 1, via: 'id', matched: 'IT-SUB' }],
      categories: [{ category: 'sub-bag', confidence: 1 }],
      ambiguous: false,
    });
    expect(c.resolveItemId('NOPE').items).toEqual([]);
  });

  it('resolves a category to every item of it at 0.6', () => {
    const r = c.resolveCategory('sterilizing-filter');
    expect(r.items).toEqual([
      { item: 'IT-STF-CAP', confidence: 0.6, via: 'category', matched: 'sterilizing-filter' },
      { item: 'IT-STF-CART', confidence: 0.6, via: 'category', matched: 'sterilizing-filter' },
    ]);
    expect(r.categories).toEqual([{ category: 'sterilizing-filter', confidence: 1 }]);
    expect(r.ambiguous).toBe(false);
  });

  it('resolves a group to the items of its leaves and calls it ambiguous', () => {
    const r = c.resolveCategory('chromatography');
    expect(ids(r)).toEqual(['IT-AEX', 'IT-PROA']);
    expect(r.ambiguous).toBe(true);
    expect(c.resolveCategory('no-such-category').items).toEqual([]);
  });

  it('knows each leaf category’s group', () => {
    expect(c.parentOf('virus-filter')).toBe('filtration');
    expect(c.parentOf('filtration')).toBeUndefined();
  });

  it('lets a known item id win over everything else', () => {
    expect(c.resolve({ item: 'IT-VIAL', text: '배지', unspsc: '41104915' })).toEqual(c.resolveItemId('IT-VIAL'));
  });

  it('falls back to text and code when the item id is unknown', () => {
    expect(top(c.resolve({ item: 'NOPE', text: '바이알' }))).toBe('IT-VIAL');
  });

  it('combines text and code by the max confidence per item', () => {
    const text = c.resolveText('sterilising fliter');
    const code = c.resolveCode('41104915');
    const both = c.resolve({ text: 'sterilising fliter', unspsc: '41104915' });
    for (const m of both.items) {
      const t = text.items.find((x) => x.item === m.item)?.confidence ?? 0;
      const k = code.items.find((x) => x.item === m.item)?.confidence ?? 0;
      expect(m.confidence).toBe(Math.max(t, k));
    }
    expect(both.items[0]?.confidence).toBe(1);
  });

  it('lets a code settle an ambiguous text', () => {
    const r = c.resolve({ text: '배지', unspsc: '41106213' });
    expect(r.items[0]).toMatchObject({ item: 'IT-CDM', confidence: 1, via: 'code' });
    expect(r.ambiguous).toBe(false);
    expect(r.meanings).toEqual(['culture media', 'chromatography media', 'filter media']);
  });

  it('returns no items for an empty reference', () => {
    expect(c.resolve({}).items).toEqual([]);
  });
});

describe('options', () => {
  it.each<[CatalogOptions, string]>([
    [{ threshold: 2 }, 'options.threshold'],
    [{ maxCandidates: 0 }, 'options.maxCandidates'],
    [{ minConfidence: -1 }, 'options.minConfidence'],
  ])('rejects %j', (options, path) => {
    try {
      catalog(options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SupplymatchError);
      expect((e as SupplymatchError).issues[0]?.path).toBe(path);
    }
  });

  it('lists every ambiguous term in normalized form', () => {
    for (const t of AMBIGUOUS_TERMS) for (const term of t.terms) expect(normalizeText(term).name).toBe(term);
  });
});

describe('the head of a catalog name', () => {
  // Catalog names put the item first and the details after a comma or in brackets; a buyer
  // who writes only the head means that item, not a look-alike whose synonym shares a word.
  const items: Item[] = [
    ItemSchema.parse({
      id: 'IT-INC-CO2',
      category: 'co2-incubator',
      names: { en: 'CO2 incubator, about 170 L, direct heat, HEPA', ko: 'CO2 인큐베이터 (약 170L, 직접가열식, HEPA)' },
    }),
    ItemSchema.parse({
      id: 'IT-INC-SHAKE',
      category: 'shaking-incubator',
      names: { en: 'Shaking incubator with CO2 and humidity control', ko: '진탕 배양기 (CO2·습도 제어, 플라스크용)' },
      synonyms: ['쉐이킹 인큐베이터', '진탕 인큐베이터'],
    }),
  ];
  const extra = [
    { id: 'constant-temperature', names: { en: 'Constant-temperature equipment' } },
    { id: 'co2-incubator', parent: 'constant-temperature', names: { en: 'CO2 incubators' } },
    { id: 'shaking-incubator', parent: 'constant-temperature', names: { en: 'Shaking incubators' } },
  ];
  const catalog = createCatalog(items, extra);
  it.each([
    ['CO2 인큐베이터', 'IT-INC-CO2'],
    ['CO2 인큐베이터 170L급, 온도 균일도 ±0.3℃ 이하', 'IT-INC-CO2'],
    ['CO2 incubator', 'IT-INC-CO2'],
    ['쉐이킹 인큐베이터', 'IT-INC-SHAKE'],
  ])('%s resolves first to %s', (text, item) => {
    expect(catalog.resolveText(text).items[0]?.item).toBe(item);
  });
});
