import { canonicalCertType } from '../catalog/certificates.js';
import { createCatalog, type CatalogOptions, type Resolution } from '../catalog/resolve.js';
import type { PreparedOffering } from '../criteria/criterion.js';
import { prepareDataset } from '../engine/prepare.js';
import { formatPath, throwIfIssues, type Issue } from '../errors.js';
import { validOn, type Certification } from '../model/certification.js';
import { DateSchema } from '../model/common.js';

export { validOn };
import type { Dataset } from '../model/dataset.js';
import { compareQuantities, isRate, parseQuantity, type Quantity } from '../model/quantity.js';
import { READINESS_LEVELS, type CompanySize, type Readiness, type Supplier } from '../model/supplier.js';

/**
 * What a directory user searches for; every field narrows the result, none is required.
 *
 * @example
 * const q: DirectoryQuery = { item: '제균필터', cert: 'ISO 13485', region: 'Incheon', domestic: true };
 */
export interface DirectoryQuery {
  /** An item id, a category id, or a text in any language, resolved as matching resolves a line. */
  readonly item?: string;
  /** A certificate type (`ISO 13485`, `USP <88> Class VI`), held by the supplier or the offering and valid on `asOf`. */
  readonly cert?: string;
  /** The supplier's region, ignoring case. */
  readonly region?: string;
  /** Any of these company sizes. */
  readonly size?: readonly CompanySize[];
  /** At least this ready (`in-production` is the readiest, `capable` the least). */
  readonly readiness?: Readiness;
  /** At least this capacity, a rate such as `"1,000 L/month"`; offerings without a capacity, or in another dimension, do not qualify. */
  readonly minCapacity?: string;
  /** Only domestic suppliers (true) or only foreign ones (false), by the dataset's `meta.domesticCountry`. */
  readonly domestic?: boolean;
  /** The date certificates are judged on; default the dataset's `meta.asOf`, else today. */
  readonly asOf?: string;
  /** Catalog options, as for the matcher. */
  readonly catalog?: CatalogOptions;
}

/**
 * One offering of a supplier that satisfies the query.
 *
 * @example
 * const o: DirectoryOffering = { offering: 'S-001-O1', item: 'IT-STF', score: 1, readiness: 'in-production', capacity: '20,000 unit/year' };
 */
export interface DirectoryOffering {
  readonly offering: string;
  /** The catalog item the query and the offering meet on (undefined without `item` in the query). */
  readonly item: string | undefined;
  /** How well it answers the item query: the product of both resolutions' confidences on that item; 1 without `item`. */
  readonly score: number;
  readonly readiness: Readiness;
  /** The capacity as written, if any. */
  readonly capacity: string | undefined;
}

/**
 * How complete a supplier's profile is: the share of the fields a programme officer checks that
 * are filled in, and the ones to ask the firm for.
 *
 * @example
 * const c: ProfileCompleteness = { score: 0.8, missing: ['size', 'offerings["S-014-O2"].unitPrice'] };
 */
export interface ProfileCompleteness {
  /** In [0, 1]: filled fields / fields checked (see {@link profileCompleteness}). */
  readonly score: number;
  /** Paths of the fields to ask for, supplier fields first, then each offering's in order. */
  readonly missing: readonly string[];
}

/**
 * One supplier in the directory's answer.
 *
 * @example
 * searchDirectory(dataset, { item: '제균필터' }).entries[0]; // => { rank: 1, supplier: 'S-002', name: 'Daon Filtech Co., Ltd.', score: 1, ... } on incheon-bio
 */
export interface DirectoryEntry {
  readonly rank: number;
  readonly supplier: string;
  /** The English name, else the Korean one, else the first. */
  readonly name: string;
  readonly names: Readonly<Record<string, string>>;
  readonly country: string;
  readonly region: string | undefined;
  readonly size: CompanySize | undefined;
  readonly domestic: boolean;
  /** The best of its offerings' scores. */
  readonly score: number;
  /** Its offerings that satisfy the query, best score first, then offering id. */
  readonly offerings: readonly DirectoryOffering[];
  /** Certificate types it holds (supplier-wide or on a matched offering) valid on `asOf`, as first written, sorted. */
  readonly certificates: readonly string[];
  readonly completeness: ProfileCompleteness;
}

/** Counts of the answer's suppliers per value of each facet (values sorted; `(none)` for a missing value). */
export interface DirectoryFacets {
  readonly region: Readonly<Record<string, number>>;
  readonly size: Readonly<Record<string, number>>;
  readonly country: Readonly<Record<string, number>>;
  readonly domestic: Readonly<Record<string, number>>;
  /** By the readiest matched offering. */
  readonly readiness: Readonly<Record<string, number>>;
  /** By certificate type valid on `asOf` (each supplier counted once per type). */
  readonly certificate: Readonly<Record<string, number>>;
}

/**
 * What {@link searchDirectory} returns: the ranked suppliers, facet counts, and how the item
 * text was understood.
 *
 * @example
 * const { entries, facets, resolution } = searchDirectory(dataset, { item: 'sterile filter' });
 */
export interface DirectoryResult {
  readonly asOf: string;
  readonly query: DirectoryQuery;
  /** How `item` resolved: the catalog items searched for, and whether the text was ambiguous. */
  readonly resolution: Resolution | undefined;
  readonly total: number;
  readonly entries: readonly DirectoryEntry[];
  readonly facets: DirectoryFacets;
}

/**
 * The profile completeness of a supplier: of its region, size, an English and a Korean name,
 * capabilities, and at least one certificate valid on `asOf`, and of each offering's catalog item
 * (named by id, not only described), capacity, lead time, unit price and specs, the share filled
 * in, and the paths of those missing (`size`, `offerings["S-014-O2"].capacity`).
 *
 * @example
 * profileCompleteness(supplier, '2021-03-01'); // => { score: 0.85, missing: ['offerings["S-014-O2"].unitPrice', ...] }
 */
export function profileCompleteness(supplier: Supplier, asOf: string): ProfileCompleteness {
  const checks: [string, boolean][] = [
    ['region', supplier.region !== undefined],
    ['size', supplier.size !== undefined],
    ['names.en', supplier.names.en !== undefined],
    ['names.ko', supplier.names.ko !== undefined],
    ['capabilities', supplier.capabilities.length > 0],
    ['certifications', supplier.certifications.some((c) => validOn(c, asOf)) || supplier.offerings.some((o) => o.certifications.some((c) => validOn(c, asOf)))],
  ];
  for (const o of supplier.offerings) {
    const at = (field: string): string => `${formatPath(['offerings', o.id])}.${field}`;
    checks.push(
      [at('item'), o.item !== undefined],
      [at('capacity'), o.capacity !== undefined],
      [at('leadTime'), o.leadTime !== undefined],
      [at('unitPrice'), o.unitPrice !== undefined],
      [at('specs'), Object.keys(o.specs).length > 0],
    );
  }
  const filled = checks.filter(([, ok]) => ok).length;
  return { score: filled / checks.length, missing: checks.filter(([, ok]) => !ok).map(([path]) => path) };
}

const READINESS_RANK = new Map(READINESS_LEVELS.map((level, i) => [level, i]));

function checkQuery(query: DirectoryQuery): { issues: Issue[]; minCapacity: Quantity | undefined } {
  const issues: Issue[] = [];
  const allowed = new Set(['item', 'cert', 'region', 'size', 'readiness', 'minCapacity', 'domestic', 'asOf', 'catalog']);
  for (const key of Object.keys(query)) if (!allowed.has(key)) issues.push({ path: formatPath(['query', key]), code: 'unknown_option', message: `no query field "${key}"` });
  for (const key of ['item', 'cert', 'region'] as const) {
    const v = query[key];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) issues.push({ path: `query.${key}`, code: 'invalid_option', message: `${key} is a non-empty text` });
  }
  if (query.asOf !== undefined && !DateSchema.safeParse(query.asOf).success) issues.push({ path: 'query.asOf', code: 'invalid_option', message: 'asOf is a date written YYYY-MM-DD' });
  if (query.readiness !== undefined && !READINESS_RANK.has(query.readiness))
    issues.push({ path: 'query.readiness', code: 'invalid_option', message: `readiness is one of ${READINESS_LEVELS.join(', ')}` });
  const sizes = ['micro', 'small', 'medium', 'large'];
  query.size?.forEach((s, i) => {
    if (!sizes.includes(s)) issues.push({ path: formatPath(['query', 'size', i]), code: 'invalid_option', message: `size is one of ${sizes.join(', ')}, not "${s}"` });
  });
  let minCapacity: Quantity | undefined;
  if (query.minCapacity !== undefined) {
    const parsed = parseQuantity(query.minCapacity);
    if (!parsed.ok) issues.push({ path: 'query.minCapacity', code: parsed.code, message: parsed.message });
    else if (!isRate(parsed.quantity)) issues.push({ path: 'query.minCapacity', code: 'quantity_kind', message: `"${query.minCapacity}" is not a rate: write it per time, e.g. "1,000 L/month"` });
    else minCapacity = parsed.quantity;
  }
  return { issues, minCapacity };
}

/** The query's item as the catalog understands it: an item id, a category id, or a text. */
function resolveQuery(dataset: Dataset, catalog: ReturnType<typeof createCatalog>, item: string): Resolution {
  const text = item.trim();
  if (dataset.items.some((i) => i.id === text)) return catalog.resolve({ item: text });
  if (dataset.categories.some((c) => c.id === text)) return catalog.resolve({ category: text });
  return catalog.resolve({ text });
}

function count(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/**
 * A dataset's suppliers prepared once for many directory queries: the catalog built and every
 * offering resolved when the directory is made, so that each {@link Directory.search} only
 * filters and ranks (a programme officer's notebook asks dozens of questions of one dataset).
 *
 * @example
 * const directory = createDirectory(dataset);
 * directory.search({ item: '제균필터', domestic: true }).total; // => 5 on incheon-bio
 * directory.search({ item: 'CO2 incubator', cert: 'ISO 9001' }).entries[0]?.supplier;
 */
export interface Directory {
  /** The answer to one query, as {@link searchDirectory} gives it; the query may not carry `catalog` (the directory's is fixed). */
  search(query?: DirectoryQuery): DirectoryResult;
}

/**
 * Options of {@link createDirectory}.
 *
 * @example
 * const options: DirectoryOptions = { catalog: { minConfidence: 0.5 } };
 */
export interface DirectoryOptions {
  /** Catalog options, as for the matcher; every query of the directory is resolved with them. */
  readonly catalog?: CatalogOptions;
}

/**
 * Prepares a dataset's suppliers for directory queries (see {@link Directory}): the catalog is
 * built and every offering resolved once, here; {@link searchDirectory} does both per call. Bad
 * options, and a query that carries its own `catalog` options, are issues of one
 * `SupplymatchError`.
 *
 * @example
 * const directory = createDirectory(dataset);
 * const filters = directory.search({ item: '제균필터', cert: 'ISO 13485' });
 * const incheon = directory.search({ region: 'Incheon', readiness: 'qualified-elsewhere' });
 */
export function createDirectory(dataset: Dataset, options: DirectoryOptions = {}): Directory {
  throwIfIssues(Object.keys(options).filter((key) => key !== 'catalog').map((key) => ({ path: formatPath(['options', key]), code: 'unknown_option', message: `no directory option "${key}"` })));
  const catalog = createCatalog(dataset.items, dataset.categories, options.catalog);
  const bySupplier = new Map<Supplier, PreparedOffering[]>();
  for (const p of prepareDataset(dataset, catalog).offerings) {
    const list = bySupplier.get(p.supplier);
    if (list) list.push(p);
    else bySupplier.set(p.supplier, [p]);
  }
  return {
    search(query: DirectoryQuery = {}): DirectoryResult {
      if (query.catalog !== undefined)
        throwIfIssues([{ path: 'query.catalog', code: 'invalid_option', message: 'a directory resolves with the catalog options it was made with: give them to createDirectory' }]);
      return search(dataset, catalog, bySupplier, query);
    },
  };
}

/**
 * Searches the suppliers of a dataset as a directory user does: by item or category (an id, or
 * a Korean or English text resolved by the same catalog as matching), a certificate valid on a
 * date, region, company size, readiness, a least capacity, domestic or not. A supplier is listed
 * when at least one of its offerings satisfies every offering condition (item, certificate held
 * by the supplier or that offering, readiness, capacity) and the supplier the others. Suppliers
 * are ranked by their best offering's item score, then profile completeness, then id; facets
 * count the listed suppliers. Bad query fields are issues of one `SupplymatchError`. It prepares
 * the dataset on every call; for several queries of one dataset, {@link createDirectory}
 * prepares it once.
 *
 * @example
 * const r = searchDirectory(dataset, { item: '제균 캡슐필터', cert: 'ISO 13485', domestic: true });
 * r.entries.map((e) => e.supplier); // => ['S-002', 'S-005', 'S-004', 'S-001'] on incheon-bio
 * r.facets.region; // => { Gyeonggi: 1, Incheon: 3 }
 */
export function searchDirectory(dataset: Dataset, query: DirectoryQuery = {}): DirectoryResult {
  throwIfIssues(checkQuery(query).issues);
  const { catalog: catalogOptions, ...rest } = query;
  return { ...createDirectory(dataset, catalogOptions === undefined ? {} : { catalog: catalogOptions }).search(rest), query };
}

function search(dataset: Dataset, catalog: ReturnType<typeof createCatalog>, bySupplier: ReadonlyMap<Supplier, readonly PreparedOffering[]>, query: DirectoryQuery): DirectoryResult {
  const { issues, minCapacity } = checkQuery(query);
  throwIfIssues(issues);
  const asOf = query.asOf ?? dataset.meta.asOf ?? new Date().toISOString().slice(0, 10);
  const resolution = query.item === undefined ? undefined : resolveQuery(dataset, catalog, query.item);
  const wanted = new Map((resolution?.items ?? []).map((m) => [m.item, m.confidence]));
  const certKey = query.cert === undefined ? undefined : canonicalCertType(query.cert);
  const region = query.region?.trim().toLowerCase();
  const readinessLimit = query.readiness === undefined ? undefined : (READINESS_RANK.get(query.readiness) as number);

  const entries: Omit<DirectoryEntry, 'rank'>[] = [];
  for (const supplier of dataset.suppliers) {
    const domestic = dataset.meta.domesticCountry !== undefined && supplier.country === dataset.meta.domesticCountry;
    if (query.domestic !== undefined && domestic !== query.domestic) continue;
    if (region !== undefined && supplier.region?.toLowerCase() !== region) continue;
    if (query.size !== undefined && (supplier.size === undefined || !query.size.includes(supplier.size))) continue;
    const offerings: DirectoryOffering[] = [];
    const certificates = new Map<string, string>();
    for (const p of bySupplier.get(supplier) ?? []) {
      const o = p.offering;
      if (readinessLimit !== undefined && (READINESS_RANK.get(o.readiness) as number) > readinessLimit) continue;
      if (minCapacity !== undefined) {
        if (o.capacity === undefined) continue;
        const c = compareQuantities(o.capacity, minCapacity);
        if (!c.comparable || c.cmp < 0) continue;
      }
      const valid = [...p.certificates.entries()].filter(([, certs]) => certs.some((c) => validOn(c, asOf)));
      if (certKey !== undefined && !valid.some(([key]) => key === certKey)) continue;
      let item: string | undefined;
      let score = 1;
      if (resolution !== undefined) {
        score = 0;
        for (const m of p.resolution.items) {
          const s = (wanted.get(m.item) ?? 0) * m.confidence;
          if (s > score || (s === score && s > 0 && item !== undefined && m.item < item)) {
            score = s;
            item = m.item;
          }
        }
        if (score === 0) continue;
      }
      for (const [key, certs] of valid) if (!certificates.has(key)) certificates.set(key, certs.find((c) => validOn(c, asOf))?.type ?? key);
      offerings.push({ offering: o.id, item, score, readiness: o.readiness, capacity: o.capacity?.text });
    }
    if (offerings.length === 0) continue;
    offerings.sort((a, b) => b.score - a.score || (a.offering < b.offering ? -1 : a.offering > b.offering ? 1 : 0));
    entries.push({
      supplier: supplier.id,
      name: supplier.names.en ?? supplier.names.ko ?? (Object.values(supplier.names)[0] as string),
      names: supplier.names,
      country: supplier.country,
      region: supplier.region,
      size: supplier.size,
      domestic,
      score: offerings[0]?.score ?? 0,
      offerings,
      certificates: [...certificates.values()].sort(),
      completeness: profileCompleteness(supplier, asOf),
    });
  }
  entries.sort((a, b) => b.score - a.score || b.completeness.score - a.completeness.score || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0));
  const ranked = entries.map((e, i) => ({ rank: i + 1, ...e }));
  const readiest = (e: (typeof ranked)[number]): string => READINESS_LEVELS[Math.min(...e.offerings.map((o) => READINESS_RANK.get(o.readiness) as number))] as string;
  return {
    asOf,
    query,
    resolution,
    total: ranked.length,
    entries: ranked,
    facets: {
      region: count(ranked.map((e) => e.region ?? '(none)')),
      size: count(ranked.map((e) => e.size ?? '(none)')),
      country: count(ranked.map((e) => e.country)),
      domestic: count(ranked.map((e) => (e.domestic ? 'domestic' : 'foreign'))),
      readiness: count(ranked.map(readiest)),
      certificate: count(ranked.flatMap((e) => e.certificates)),
    },
  };
}
