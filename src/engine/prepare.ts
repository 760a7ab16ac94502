import type { Catalog } from '../catalog/resolve.js';
import { canonicalCertType } from '../catalog/certificates.js';
import type { CertificateIndex, PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { Certification } from '../model/certification.js';
import type { Offering, Supplier } from '../model/supplier.js';

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

/** Readies one demand line for matching: resolves what it names against the catalog. */
export function prepareLine(line: DemandLine, buyer: Buyer, catalog: Catalog): PreparedLine {
  return { line, buyer, resolution: catalog.resolve(line) };
}
