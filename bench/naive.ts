/**
 * The baseline: what a user would write without the engine, written honestly and well.
 *
 * From the raw JSON input (no dataset validation, no postings, no per-run preparation):
 *
 * 1. one fuse.js index over every offering's names: its free text, or the names and synonyms
 *    (every language) of the catalog item it names, or of the items of its category or UNSPSC code;
 * 2. for each demand line, a fuse.js search of that index with the line's text (or the English
 *    name of the item it names, or of the first item of its code), threshold 0.4 and
 *    `ignoreLocation`, like the catalog's own settings;
 * 3. for each hit, the pair is read afresh: every quantity of the line and of the offering (demand,
 *    capacity, lead times, spec values and tolerances) is parsed with mathjs on the spot,
 *    `math.unit` per quantity per pair (thousands separators, fractions, ranges, inches and `per`
 *    read the way the library reads them, so that both sides agree on the numbers), and both are
 *    resolved against the catalog with the library's `prepareLine` / `prepareOffering`;
 * 4. the library's eight built-in criteria judge the pair with their defaults (full verdicts,
 *    reasons and all), the weighted sum with the default weights totals it, and the pairs that
 *    pass every gate are ranked: score desc, then supplier id, then offering id; top k kept.
 *
 * What it does not do is what the engine adds: blocking by postings (it searches every
 * offering's names for every line), reading each quantity once, preparing each offering once,
 * quick paths. It can miss candidates the engine finds (an offering whose names fuse.js does not
 * match, such as one given only as a category under another name), which is where the two rankings
 * part; bench/README-section.md gives the measured agreement.
 */
import Fuse, { type FuseResult } from 'fuse.js';
import type { MathJsInstance, Unit } from 'mathjs';
import { BIO_TAXONOMY } from '../src/catalog/taxonomy.js';
import type { Judge, MatchContext, Pair, Verdict } from '../src/criteria/criterion.js';
import { defaultCriteria } from '../src/criteria/defaults.js';
import { createCatalog } from '../src/catalog/resolve.js';
import { DEFAULT_WEIGHTS } from '../src/criteria/defaults.js';
import { prepareLine, prepareOffering } from '../src/engine/prepare.js';
import type { Buyer, DemandLine } from '../src/model/buyer.js';
import type { DatasetInput } from '../src/model/dataset.js';
import type { Item } from '../src/model/item.js';
import { createQuantityMath, type Quantity } from '../src/model/quantity.js';
import type { SpecRequirement, SpecValue, Tolerance } from '../src/model/spec.js';
import type { Offering, Supplier } from '../src/model/supplier.js';

/** One ranked pair of the baseline. */
export interface NaiveCandidate {
  readonly supplier: string;
  readonly offering: string;
  readonly score: number;
}

/** What the baseline returns per line. */
export interface NaiveLine {
  readonly line: string;
  readonly candidates: readonly NaiveCandidate[];
  /** fuse.js hits judged (pairs). */
  readonly hits: number;
}

/** Options of {@link naiveMatch}. */
export interface NaiveOptions {
  readonly topK?: number;
  /** Only these line ids (a sample); default every line. */
  readonly lines?: readonly string[];
  /** fuse.js threshold; default 0.4. */
  readonly threshold?: number;
}

type Raw = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Quantities, read with mathjs for every pair

/** The parser's mathjs setup (units of the field), in a fresh instance of the baseline's own. */
const naiveMath = createQuantityMath;

const NUMBER = String.raw`\d+(?:\.\d+)?(?:\s+\d+\/\d+|\/\d+)?`;
const QUANTITY = new RegExp(String.raw`^(${NUMBER})(?:\s*(?:-|–|~|to)\s*(${NUMBER}))?\s*(.*)$`);

function readNumber(text: string): number {
  const [whole, fraction] = text.trim().split(/\s+/);
  const part = (t: string): number => {
    const [a, b] = t.split('/');
    return b === undefined ? Number(a) : Number(a) / Number(b);
  };
  return fraction === undefined ? part(whole ?? '') : part(whole ?? '') + part(fraction);
}

/**
 * Reads a quantity text with `math.unit`, afresh on every call. Returns the library's Quantity
 * shape (canonical SI values); the dimension is mathjs's dimension vector, so quantities read
 * here compare with each other.
 */
function naiveQuantity(math: MathJsInstance, raw: string): Quantity | undefined {
  const text = raw.trim();
  const s = text
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[µμ]/g, 'u')
    .replace(/(\d)\s*"/g, '$1 in')
    .replace(/\binch(es)?\b/gi, 'in')
    .replace(/\s+per\s+/gi, '/')
    .replace(/\s*\/\s*(?=[A-Za-z])/g, '/')
    .replace(/\b([A-Za-z]+)([23])\b/g, '$1^$2');
  const m = QUANTITY.exec(s);
  if (m === null) return undefined;
  const [, first = '', second, unitText = ''] = m;
  const unit = unitText
    .replace(/\bUnits?\b/g, 'unit')
    .replace(/\bEA\b/g, 'ea')
    .replace(/\/yr\b/g, '/year')
    .replace(/\/mo\b/g, '/month')
    .replace(/\/wk\b/g, '/week')
    .replace(/%/g, 'percent')
    .replace(/\bkda\b/gi, 'kDa');
  const lo = readNumber(first);
  const hi = second === undefined ? lo : readNumber(second);
  if (unit === '') return { text, value: second === undefined ? lo : lo + (hi - lo) / 2, min: lo, max: hi, dimension: 'dimensionless', unit };
  try {
    const a: Unit = math.unit(lo, unit);
    const b: Unit = math.unit(hi, unit);
    const min = typeof a.value === 'number' ? a.value : Number(a.value);
    const max = typeof b.value === 'number' ? b.value : Number(b.value);
    if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
    return { text, value: second === undefined ? min : min + (max - min) / 2, min, max, dimension: a.dimensions.join(','), unit };
  } catch {
    return undefined;
  }
}

function naiveSpecValue(math: MathJsInstance, raw: unknown): SpecValue | undefined {
  if (typeof raw === 'boolean') return { kind: 'flag', value: raw };
  if (Array.isArray(raw)) return { kind: 'set', values: raw.map(String) };
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*\d/.test(raw))) {
    const q = naiveQuantity(math, String(raw));
    return q === undefined ? undefined : { kind: 'quantity', quantity: q };
  }
  return typeof raw === 'string' ? { kind: 'text', value: raw } : undefined;
}

function naiveSpecs(math: MathJsInstance, raw: unknown): Record<string, SpecValue> {
  const out: Record<string, SpecValue> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Raw)) {
    const value = naiveSpecValue(math, v);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

function naiveTolerance(math: MathJsInstance, raw: unknown): Tolerance | undefined {
  if (typeof raw !== 'string') return undefined;
  const pct = /^[±+]?\s*(\d+(?:\.\d+)?)\s*%$/.exec(raw.trim());
  if (pct?.[1] !== undefined) return { kind: 'relative', fraction: Number(pct[1]) / 100, text: raw };
  const q = naiveQuantity(math, raw.replace(/^[±+]\s*/, ''));
  return q === undefined ? undefined : { kind: 'absolute', quantity: q, text: raw };
}

/** A demand line as the criteria read it, every quantity parsed now. */
function naiveLine(math: MathJsInstance, raw: Raw): DemandLine {
  const specs = ((raw.specs ?? []) as Raw[]).map((r): SpecRequirement => {
    const req: Record<string, unknown> = { key: r.key, op: r.op, importance: r.importance ?? 'required' };
    for (const f of ['value', 'min', 'max'] as const) if (r[f] !== undefined) req[f] = naiveSpecValue(math, r[f]);
    if (r.values !== undefined) req.values = r.values;
    if (r.tolerance !== undefined) req.tolerance = naiveTolerance(math, r.tolerance);
    return req as unknown as SpecRequirement;
  });
  const sourcing = (raw.sourcing ?? {}) as Raw;
  const line: Record<string, unknown> = {
    ...raw,
    quantity: naiveQuantity(math, String(raw.quantity)),
    specs,
    certifications: ((raw.certifications ?? []) as Raw[]).map((c) => ({ ...c })),
    sourcing: { domestic: sourcing.domestic ?? 'none', regions: sourcing.regions ?? [], minSuppliers: sourcing.minSuppliers ?? 1, maxSupplierShare: sourcing.maxSupplierShare ?? 1 },
  };
  if (raw.maxLeadTime !== undefined) line.maxLeadTime = naiveQuantity(math, String(raw.maxLeadTime));
  return line as unknown as DemandLine;
}

/** An offering as the criteria read it, every quantity parsed now. */
function naiveOffering(math: MathJsInstance, raw: Raw): Offering {
  const o: Record<string, unknown> = {
    ...raw,
    specs: naiveSpecs(math, raw.specs),
    readiness: raw.readiness ?? 'in-production',
    certifications: ((raw.certifications ?? []) as Raw[]).map((c) => ({ ...c })),
  };
  for (const f of ['capacity', 'leadTime', 'minOrder'] as const) if (raw[f] !== undefined) o[f] = naiveQuantity(math, String(raw[f]));
  return o as unknown as Offering;
}

// ---------------------------------------------------------------------------------------------
// The baseline

/**
 * Runs the baseline over a dataset in its JSON input form (see the file comment).
 *
 * @example
 * naiveMatch(generateDataset({ offerings: 1000, lines: 100 }), { topK: 10 })[0]?.candidates[0];
 * // => { supplier: 'S-000123', offering: 'S-000123-O2', score: 0.91 }
 */
export function naiveMatch(input: DatasetInput, options?: NaiveOptions): NaiveLine[] {
  const topK = options?.topK ?? 10;
  const math = naiveMath();
  const meta = (input.meta ?? {}) as Raw;
  const asOf = String(meta.asOf ?? '2021-03-01');
  const domesticCountry = meta.domesticCountry as string | undefined;
  const rawItems = input.items as unknown as Raw[];
  // The catalog, read once (resolution, and spec fit's fallback to the item's own specs).
  const items = new Map<string, Item>();
  for (const r of rawItems)
    items.set(String(r.id), { ...(r as object), synonyms: (r.synonyms ?? []) as string[], abbreviations: (r.abbreviations ?? []) as string[], codes: (r.codes ?? {}) as Item['codes'], specs: naiveSpecs(math, r.specs) } as unknown as Item);
  const namesOf = (r: Raw): string[] => [...Object.values((r.names ?? {}) as Record<string, string>), ...((r.synonyms ?? []) as string[])];

  const catalog = createCatalog([...items.values()], BIO_TAXONOMY);
  const rawById = new Map(rawItems.map((r) => [String(r.id), r]));
  /** Names (every language) and synonyms of the catalog items a record names or resolves to. */
  const resolvedNames = (ref: Raw, limit: number): string[] =>
    catalog
      .resolve(ref as Parameters<typeof catalog.resolve>[0])
      .items.filter((m) => m.confidence >= 0.3)
      .slice(0, limit)
      .flatMap((m) => namesOf(rawById.get(m.item) ?? {}));

  // 1. One fuse.js index over every offering's names: its own text, and the names of the catalog
  // items it names or resolves to (so that an English line finds a Korean offering).
  const docs: { names: string[]; supplier: Raw; offering: Raw }[] = [];
  for (const supplier of input.suppliers as unknown as Raw[]) {
    for (const offering of (supplier.offerings ?? []) as Raw[]) {
      const names = typeof offering.text === 'string' ? [offering.text] : [];
      if (typeof offering.category === 'string') names.push(...Object.values(BIO_TAXONOMY.find((c) => c.id === offering.category)?.names ?? {}));
      names.push(...resolvedNames(offering, 5));
      docs.push({ names: [...new Set(names)], supplier, offering });
    }
  }
  const fuse = new Fuse(docs, { keys: ['names'], includeScore: true, threshold: options?.threshold ?? 0.4, ignoreLocation: true });

  const context: MatchContext = {
    asOf,
    domesticCountry,
    exchangeRates: meta.exchangeRates as MatchContext['exchangeRates'],
    catalog,
    items,
    previousCriteria: [],
  };
  const criteria = defaultCriteria();
  const judges: Judge[] = criteria.map((c) => c.create(c.meta.defaults as never, context));
  const weights = criteria.map((c) => DEFAULT_WEIGHTS[c.meta.id] ?? 1);
  const wanted = options?.lines ? new Set(options.lines) : undefined;

  const out: NaiveLine[] = [];
  for (const buyer of input.buyers as unknown as Raw[]) {
    for (const rawLine of (buyer.demandLines ?? []) as Raw[]) {
      if (wanted !== undefined && !wanted.has(String(rawLine.id))) continue;
      // 2. Search by the line's text and by the names (English and Korean) of the item it names
      // or resolves to best; every offering found by any of them is a hit.
      const queries = new Set<string>();
      if (typeof rawLine.text === 'string') queries.add(rawLine.text);
      const best = catalog.resolve(rawLine as Parameters<typeof catalog.resolve>[0]).items[0];
      const bestNames = (rawById.get(best?.item ?? '')?.names ?? {}) as Record<string, string>;
      for (const name of [bestNames.en, bestNames.ko]) if (name !== undefined) queries.add(name);
      const found = new Map<number, FuseResult<{ names: string[]; supplier: Raw; offering: Raw }>>();
      for (const q of queries) for (const hit of fuse.search(q)) if (!found.has(hit.refIndex)) found.set(hit.refIndex, hit);
      const hits = [...found.values()];
      const ranked: NaiveCandidate[] = [];
      for (const hit of hits) {
        // 3. The pair, read afresh.
        const line = naiveLine(math, rawLine);
        const offering = naiveOffering(math, hit.item.offering);
        const supplier = { ...hit.item.supplier, certifications: (hit.item.supplier.certifications ?? []) as Raw[], offerings: [] } as unknown as Supplier;
        const pair: Pair = {
          line: prepareLine(line, { ...buyer, demandLines: [] } as unknown as Buyer, catalog),
          offering: prepareOffering(offering, supplier, catalog, domesticCountry),
          scores: {},
        };
        // 4. Every criterion in full, then the weighted sum of those that apply.
        const verdicts: Verdict[] = judges.map((judge) => judge(pair));
        if (verdicts.some((v) => !v.pass)) continue;
        let sum = 0;
        let weight = 0;
        verdicts.forEach((v, i) => {
          if (!v.applicable) return;
          sum += (weights[i] ?? 0) * v.score;
          weight += weights[i] ?? 0;
        });
        ranked.push({ supplier: String(hit.item.supplier.id), offering: String(hit.item.offering.id), score: weight > 0 ? sum / weight : 0 });
      }
      ranked.sort((a, b) => b.score - a.score || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0) || (a.offering < b.offering ? -1 : a.offering > b.offering ? 1 : 0));
      out.push({ line: String(rawLine.id), candidates: ranked.slice(0, topK), hits: hits.length });
    }
  }
  return out;
}
