import type { Catalog, ItemMatch, Resolution } from '../catalog/resolve.js';
import { canonicalCertType } from '../catalog/certificates.js';
import type { CertificateIndex, PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { Certification } from '../model/certification.js';
import type { Dataset } from '../model/dataset.js';
import type { Offering, Supplier } from '../model/supplier.js';
import { readLineText } from '../catalog/line-text.js';

/**
 * Indexes certificates by canonical type (see `canonicalCertType`), each list ordered by
 * expiry, latest first (a certificate without expiry first of all), so that a criterion finds
 * the best one of a type at once.
 *
 * @example
 * indexCertificates([{ type: 'ISO 9001:2015', issued: '2019-01-01', expires: '2022-01-01' }]).get('iso9001')?.length; // => 1
 */
export function indexCertificates(...lists: readonly (readonly Certification[])[]): CertificateIndex {
  const index = new Map<string, Certification[]>();
  for (const list of lists) {
    for (const cert of list) {
      const key = canonicalCertType(cert.type);
      const held = index.get(key);
      if (held) held.push(cert);
      else index.set(key, [cert]);
    }
  }
  const rank = (c: Certification): string => c.expires ?? '9999-12-31';
  for (const list of index.values()) list.sort((a, b) => (rank(a) > rank(b) ? -1 : rank(a) < rank(b) ? 1 : 0));
  return index;
}

/**
 * Readies one offering for matching: resolves what it names against the catalog and indexes
 * the certificates that apply to it (its supplier's and its own).
 */
export function prepareOffering(
  offering: Offering,
  supplier: Supplier,
  catalog: Catalog,
  domesticCountry: string | undefined,
): PreparedOffering {
  return {
    offering,
    supplier,
    resolution: catalog.resolve(offering),
    certificates: indexCertificates(supplier.certifications, offering.certifications),
    domestic: domesticCountry !== undefined && supplier.country === domesticCountry,
  };
}

/** What an offering or a line names: the fields `Catalog.resolve` reads. */
type Reference = Parameters<Catalog['resolve']>[0];

/**
 * Readies every offering and demand line of a dataset, as {@link prepareOffering} and
 * {@link prepareLine} would one by one, with two savings that change nothing in the result:
 * offerings that name the same thing share one resolution object (the catalog already memoizes
 * text, but an item id or a category resolves to a fresh object each time; sharing lets criteria
 * cache by resolution), and offerings without certificates of their own share their supplier's
 * certificate index.
 */
export function prepareDataset(
  dataset: Dataset,
  catalog: Catalog,
): { readonly offerings: PreparedOffering[]; readonly lines: PreparedLine[] } {
  const domesticCountry = dataset.meta.domesticCountry;
  const resolve = sharedResolver(catalog);
  const offerings: PreparedOffering[] = [];
  for (const supplier of dataset.suppliers) offerings.push(...prepareSupplierOfferings(supplier, resolve, domesticCountry));
  const lines: PreparedLine[] = [];
  for (const buyer of dataset.buyers) {
    for (const line of buyer.demandLines) lines.push(prepareSharedLine(line, buyer, catalog, resolve));
  }
  return { offerings, lines };
}

/** Resolves what an offering or a line names, one resolution object per distinct reference (see `sharedResolver`). */
export type SharedResolver = (ref: Reference) => Resolution;

/**
 * A resolver that gives every offering and line naming the same thing (item, UNSPSC code,
 * category and text alike) one resolution object, as {@link prepareDataset} does; the
 * incremental index keeps one per catalog, so that what it readies later shares them too.
 *
 * @example
 * const resolve = sharedResolver(catalog);
 * resolve({ item: 'IT-1' }) === resolve({ item: 'IT-1' }); // => true
 */
export function sharedResolver(catalog: Catalog): SharedResolver {
  const resolutions = new Map<string, Resolution>();
  return (ref) => {
    const key = `${ref.item ?? ''}\u0000${ref.unspsc ?? ''}\u0000${ref.category ?? ''}\u0000${ref.text ?? ''}`;
    let r = resolutions.get(key);
    if (r === undefined) {
      r = catalog.resolve(ref);
      resolutions.set(key, r);
    }
    return r;
  };
}

/**
 * Readies the offerings of one supplier, in order, as {@link prepareDataset} does: offerings
 * without certificates of their own share their supplier's certificate index.
 *
 * @example
 * prepareSupplierOfferings(supplier, sharedResolver(catalog), 'KR').length; // => supplier.offerings.length
 */
export function prepareSupplierOfferings(supplier: Supplier, resolve: SharedResolver, domesticCountry: string | undefined): PreparedOffering[] {
  let shared: CertificateIndex | undefined;
  const domestic = domesticCountry !== undefined && supplier.country === domesticCountry;
  return supplier.offerings.map((offering) => {
    let certificates: CertificateIndex;
    if (offering.certifications.length > 0) certificates = indexCertificates(supplier.certifications, offering.certifications);
    else {
      shared ??= indexCertificates(supplier.certifications, offering.certifications);
      certificates = shared;
    }
    return { offering, supplier, resolution: resolve(offering), certificates, domestic };
  });
}

/**
 * Readies one demand line as {@link prepareDataset} does, its resolution from a shared resolver.
 *
 * @example
 * prepareSharedLine(line, buyer, catalog, sharedResolver(catalog)).line.id; // => line.id
 */
export function prepareSharedLine(line: DemandLine, buyer: Buyer, catalog: Catalog, resolve: SharedResolver): PreparedLine {
  return readiedLine(line, buyer, catalog, resolve(line));
}

/**
 * Readies one demand line for matching: resolves what it names against the catalog and reads
 * its free text (requirements read from it join the line's own, see `readLineText`).
 */
export function prepareLine(line: DemandLine, buyer: Buyer, catalog: Catalog): PreparedLine {
  return readiedLine(line, buyer, catalog, catalog.resolve(line));
}

function readiedLine(line: DemandLine, buyer: Buyer, catalog: Catalog, resolved: Resolution): PreparedLine {
  const resolution = resolved.ambiguous ? disambiguateBySpecs(resolved, line, catalog) : resolved;
  const read = readLineText(line, resolution, catalog);
  if (read === undefined) return { line, buyer, resolution };
  return { line: read.line, buyer, resolution, text: read.report };
}

/** Most a spec-based reading of an ambiguous text can raise an item's confidence to. */
const DISAMBIGUATED_CAP = 0.9;

/**
 * Reads an ambiguous text (`배지` alone) in the light of what the line asks of it: the items of
 * every meaning are weighed by how many of the line's spec keys their catalog specs describe.
 * `배지` asked with `plateSize` and `agar` is a contact plate, not a culture medium. The
 * resolution stays marked ambiguous (the words alone do not say), but its items are re-ranked.
 *
 * @example
 * disambiguateBySpecs(catalog.resolveText('배지'), line, catalog).items[0]?.item; // => 'IT-EMM-CONTACT'
 */
export function disambiguateBySpecs(resolution: Resolution, line: DemandLine, catalog: Catalog): Resolution {
  const keys = [...new Set(line.specs.map((s) => s.key))];
  if (keys.length === 0) return resolution;
  const base = new Map<string, ItemMatch>();
  for (const m of resolution.items) base.set(m.item, m);
  for (const c of resolution.categories)
    for (const m of catalog.resolveCategory(c.category).items) {
      const scaled = { ...m, confidence: Math.min(m.confidence, c.confidence) };
      const held = base.get(m.item);
      if (!held || held.confidence < scaled.confidence) base.set(m.item, scaled);
    }
  const rescored: ItemMatch[] = [];
  for (const m of base.values()) {
    const described = catalog.items.get(m.item)?.specs ?? {};
    const overlap = keys.filter((k) => k in described).length / keys.length;
    rescored.push({ ...m, confidence: Math.min(DISAMBIGUATED_CAP, m.confidence * (0.5 + 0.5 * overlap) + 0.3 * overlap) });
  }
  rescored.sort((a, b) => b.confidence - a.confidence || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  const items = rescored.slice(0, Math.max(resolution.items.length, 5));
  const categories = new Map<string, number>();
  for (const m of items) {
    const category = catalog.items.get(m.item)?.category;
    if (category !== undefined) categories.set(category, Math.max(categories.get(category) ?? 0, m.confidence));
  }
  return {
    ...resolution,
    items,
    categories: [...categories]
      .map(([category, confidence]) => ({ category, confidence }))
      .sort((a, b) => b.confidence - a.confidence || (a.category < b.category ? -1 : 1)),
  };
}
