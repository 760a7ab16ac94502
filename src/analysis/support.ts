import type { Criterion } from '../criteria/criterion.js';
import { BUILT_IN_CRITERIA } from '../criteria/defaults.js';
import type { SupportTarget } from '../criteria/deficit.js';
import type { SupportType } from '../model/common.js';

export type { SupportTarget } from '../criteria/deficit.js';

/**
 * The support kinds the programme gives, in the order reports list them (the 2020 survey's
 * order of need: funding 40 %, information 31.4 %, technical 21.4 %).
 *
 * @example
 * SUPPORT_TYPES[0]; // => 'funding'
 */
export const SUPPORT_TYPES: readonly SupportType[] = Object.freeze(['funding', 'information', 'technical'] as const);

/**
 * Which support closes which deficit, by reason code. A key is an exact code
 * (`cert.class_insufficient`) or a prefix pattern ending in `.*` (`cert.*`); the exact code
 * wins, then the longest matching pattern. A code nothing matches is not closable (`none`).
 *
 * @example
 * const mapping: SupportMapping = { ...DEFAULT_SUPPORT_MAPPING, 'lead_time.*': 'technical' };
 */
export type SupportMapping = Readonly<Record<string, SupportTarget>>;

/**
 * The support each criterion declares for its reasons (`meta.deficits.support`), one mapping
 * over the list (a later criterion's entry wins over an earlier one's for the same key).
 *
 * @example
 * declaredSupport([capacityCriterion]); // => { 'capacity.*': 'funding' }
 */
export function declaredSupport(criteria: readonly Criterion[]): SupportMapping {
  const out: Record<string, SupportTarget> = {};
  for (const c of criteria) Object.assign(out, c.meta.deficits?.support ?? {});
  return out;
}

/**
 * The default deficit → support mapping: what the built-in criteria of the registry
 * (`BUILT_IN_CRITERIA`) declare in their `meta.deficits.support`, its keys in the registry's
 * order. What they declare:
 *
 * | codes | support | why |
 * |---|---|---|
 * | `cert.*` | information | certificates, test reports and documents: knowing what the buyer requires and getting it tested or renewed |
 * | `cert.class_insufficient` | funding | a cleaner cleanroom class is equipment, not paperwork |
 * | `capacity.*` | funding | more volume means lines, equipment, working capital |
 * | `spec.*` | technical | making the item to the required spec is process development |
 * | `lead_time.*` | funding | shorter lead times need capacity or stock |
 * | `price.*` | technical | cost-down comes from the process (yield, materials) |
 * | `readiness.*` | technical | from prototype to production is scale-up and validation |
 * | `locality.*`, `item.*` | none | a firm cannot be made domestic, and offering another item is a new product, not a gap |
 *
 * @example
 * supportFor('cert.expired'); // => 'information'
 * supportFor('cert.class_insufficient'); // => 'funding'
 */
export const DEFAULT_SUPPORT_MAPPING: SupportMapping = /* @__PURE__ */ Object.freeze(
  declaredSupport(Object.values(BUILT_IN_CRITERIA).map((b) => b.criterion)),
);

/**
 * The support that closes a deficit with reason `code` under `mapping` (over the default
 * mapping): the exact code first, then the longest `prefix.*` pattern, else `none`.
 *
 * @example
 * supportFor('capacity.below_min_share'); // => 'funding'
 * supportFor('price.over_max', { 'price.*': 'funding' }); // => 'funding'
 * supportFor('custom.thing'); // => 'none'
 */
export function supportFor(code: string, mapping?: SupportMapping): SupportTarget {
  const merged: SupportMapping = mapping === undefined ? DEFAULT_SUPPORT_MAPPING : { ...DEFAULT_SUPPORT_MAPPING, ...mapping };
  const exact = merged[code];
  if (exact !== undefined) return exact;
  let best: SupportTarget = 'none';
  let bestLength = -1;
  for (const [pattern, target] of Object.entries(merged)) {
    if (!pattern.endsWith('.*')) continue;
    const prefix = pattern.slice(0, -1); // keeps the dot: `cert.`
    if (code.startsWith(prefix) && prefix.length > bestLength) {
      best = target;
      bestLength = prefix.length;
    }
  }
  return best;
}

/**
 * Sorts support types in report order (funding, information, technical) and drops repeats.
 *
 * @example
 * sortSupportTypes(['technical', 'funding', 'technical']); // => ['funding', 'technical']
 */
export function sortSupportTypes(types: Iterable<SupportType>): SupportType[] {
  const set = new Set(types);
  return SUPPORT_TYPES.filter((t) => set.has(t));
}
