import { BIO_TAXONOMY } from '../catalog/taxonomy.js';
import { formatPath, type Issue } from '../errors.js';
import type { Certification } from '../model/certification.js';
import type { Slot, Slots } from './parse.js';

/** An issue found by looking across records, and the record it condemns. */
export interface CrossIssue {
  readonly slot: Slot<unknown>;
  readonly issue: Issue;
}

/**
 * Checks what no single record can: ids unique (offering and demand line ids across the whole
 * dataset, since results and truth name them alone), every reference resolving, certificate
 * dates in order, truth labels and decisions naming offerings of their own supplier (and decisions lines of
 * their own buyer), category parents known
 * and free of cycles, extra categories not reusing a built-in id. Only records for which
 * `live` holds are looked at; invalid records still lend their ids, when readable, in `fail`
 * mode, so one bad record does not hide behind a cloud of broken references.
 */
export function crossReference(slots: Slots, live: (slot: Slot<unknown>) => boolean): CrossIssue[] {
  const out: CrossIssue[] = [];
  const flag = (slot: Slot<unknown>, field: (string | number)[], code: string, message: string): void => {
    out.push({ slot, issue: { path: formatPath([...slot.path, ...field]), code, message } });
  };

  const index = <T>(list: readonly Slot<T>[] | undefined, what: string): Map<string, Slot<T>> => {
    const seen = new Map<string, Slot<T>>();
    for (const slot of list ?? []) {
      if (!live(slot) || slot.id === undefined) continue;
      const first = seen.get(slot.id);
      if (first) flag(slot, ['id'], 'duplicate_id', `${what} id "${slot.id}" is already used at ${formatPath(first.path)}`);
      else seen.set(slot.id, slot);
    }
    return seen;
  };
  // The dataset's own categories: its full list (when it replaces the built-in one) and its extras.
  const categories = index([...(slots.categories ?? []), ...(slots.extraCategories ?? [])], 'category');
  const builtIn = slots.categories === undefined;
  const items = index(slots.items, 'item');
  const suppliers = index(slots.suppliers, 'supplier');
  const offerings = index(slots.offerings, 'offering');
  const buyers = index(slots.buyers, 'buyer');
  const lines = index(slots.lines, 'demand line');

  const categoryExists = (id: string): boolean => categories.has(id) || (builtIn && BUILT_IN_PARENTS.has(id));
  const needCategory = (slot: Slot<unknown>, field: string, id: string | undefined): void => {
    if (id !== undefined && !categoryExists(id))
      flag(slot, [field], 'unknown_reference', `category "${id}" is not in the taxonomy`);
  };
  const needItem = (slot: Slot<unknown>, id: string | undefined): void => {
    if (id !== undefined && !items.has(id)) flag(slot, ['item'], 'unknown_reference', `item "${id}" is not in the catalog`);
  };
  /**
   * A reference to an owner (a supplier, a buyer) and, when given, to one of its children (an
   * offering, a demand line): both must exist, and the child must be the owner's.
   */
  const needOwned = (
    slot: Slot<unknown>,
    owner: { field: string; id: string; index: ReadonlyMap<string, Slot<unknown>>; what: string },
    child: { field: string; id: string | undefined; index: ReadonlyMap<string, Slot<unknown>>; what: string },
  ): void => {
    const held = owner.index.get(owner.id);
    if (!held) flag(slot, [owner.field], 'unknown_reference', `${owner.what} "${owner.id}" does not exist`);
    if (child.id === undefined) return;
    const found = child.index.get(child.id);
    if (!found) flag(slot, [child.field], 'unknown_reference', `${child.what} "${child.id}" does not exist`);
    else if (held && found.parent !== held)
      flag(slot, [child.field], `${child.field}_not_of_${owner.field}`, `${child.what} "${child.id}" is not one of ${owner.what} "${owner.id}"`);
  };
  const datesInOrder = (slot: Slot<unknown>, base: (string | number)[], certs: readonly Certification[]): void => {
    certs.forEach((c, k) => {
      if (c.expires !== undefined && c.expires < c.issued)
        flag(slot, [...base, k, 'expires'], 'date_order', `certificate "${c.type}" expires (${c.expires}) before it is issued (${c.issued})`);
    });
  };

  if (builtIn)
    for (const slot of slots.extraCategories ?? []) {
      if (!live(slot) || slot.id === undefined || !BUILT_IN_PARENTS.has(slot.id)) continue;
      flag(slot, ['id'], 'duplicate_id', `category id "${slot.id}" is already in the built-in taxonomy`);
    }
  const parentOf = (id: string): string | undefined => {
    const own = categories.get(id);
    if (own) return own.data?.parent;
    return builtIn ? BUILT_IN_PARENTS.get(id) : undefined;
  };
  for (const slot of [...(slots.categories ?? []), ...(slots.extraCategories ?? [])]) {
    if (!live(slot) || !slot.data) continue;
    needCategory(slot, 'parent', slot.data.parent);
    const chain = ancestry(slot.data.id, parentOf);
    if (chain.length > 1 && chain.at(-1) === slot.data.id)
      flag(slot, ['parent'], 'category_cycle', `category "${slot.data.id}" is its own ancestor: ${chain.join(' > ')}`);
  }
  for (const slot of slots.items) {
    if (!live(slot) || !slot.data) continue;
    needCategory(slot, 'category', slot.data.category);
  }
  for (const slot of slots.suppliers) {
    if (!live(slot) || !slot.data) continue;
    datesInOrder(slot, ['certifications'], slot.data.certifications);
  }
  for (const slot of slots.offerings) {
    if (!live(slot) || !slot.data) continue;
    needItem(slot, slot.data.item);
    needCategory(slot, 'category', slot.data.category);
    datesInOrder(slot, ['certifications'], slot.data.certifications);
  }
  for (const slot of slots.lines) {
    if (!live(slot) || !slot.data) continue;
    needItem(slot, slot.data.item);
    slot.data.specs.forEach((req, k) => {
      const { min, max } = req;
      if (min?.kind === 'quantity' && max?.kind === 'quantity' && min.quantity.dimension === max.quantity.dimension && min.quantity.min > max.quantity.max)
        flag(slot, ['specs', k], 'spec_range_order', `range of "${req.key}" has min ${min.quantity.text} above max ${max.quantity.text}`);
    });
  }
  const labelled = new Set<string>();
  for (const slot of slots.truth ?? []) {
    if (!live(slot) || !slot.data) continue;
    const t = slot.data;
    if (!lines.has(t.line)) flag(slot, ['line'], 'unknown_reference', `demand line "${t.line}" does not exist`);
    needOwned(slot, { field: 'supplier', id: t.supplier, index: suppliers, what: 'supplier' }, { field: 'offering', id: t.offering, index: offerings, what: 'offering' });
    const key = `${t.line}\u0000${t.supplier}\u0000${t.offering ?? ''}`;
    if (labelled.has(key))
      flag(slot, [], 'duplicate_label', `line "${t.line}" and supplier "${t.supplier}" are labelled twice`);
    labelled.add(key);
  }
  const decided = new Map<string, Slot<unknown>>();
  for (const slot of slots.decisions ?? []) {
    if (!live(slot) || !slot.data) continue;
    const d = slot.data;
    needOwned(slot, { field: 'buyer', id: d.buyer, index: buyers, what: 'buyer' }, { field: 'line', id: d.line, index: lines, what: 'demand line' });
    needItem(slot, d.item);
    needOwned(slot, { field: 'supplier', id: d.supplier, index: suppliers, what: 'supplier' }, { field: 'offering', id: d.offering, index: offerings, what: 'offering' });
    if (d.until !== undefined && d.until < d.date)
      flag(slot, ['until'], 'date_order', `the decision ends (${d.until}) before it is taken (${d.date})`);
    // Two decisions on the same day for the same thing leave no latest one to follow.
    const key = [d.buyer, d.line ?? '', d.item ?? '', d.supplier, d.offering ?? '', d.date].join('\u0000');
    const first = decided.get(key);
    if (first)
      flag(slot, [], 'duplicate_decision', `buyer "${d.buyer}" decided about the same supplier and ${d.line !== undefined ? 'line' : 'item'} on ${d.date} at ${formatPath(first.path)} already`);
    else decided.set(key, slot);
  }
  return out;
}

/** Every built-in category id, with its parent (undefined for a group). */
const BUILT_IN_PARENTS: ReadonlyMap<string, string | undefined> = new Map(BIO_TAXONOMY.map((c) => [c.id, c.parent]));

/**
 * `id` followed by its parents, up to the first category with no parent, or up to the first
 * repeat (included): a chain longer than one that ends with `id` itself means `id` sits on a cycle.
 */
function ancestry(id: string, parentOf: (id: string) => string | undefined): string[] {
  const chain = [id];
  const seen = new Set(chain);
  for (let next = parentOf(id); next !== undefined; next = parentOf(next)) {
    chain.push(next);
    if (seen.has(next)) break;
    seen.add(next);
  }
  return chain;
}
