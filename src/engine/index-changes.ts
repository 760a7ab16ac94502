import { z } from 'zod';
import { crossReference } from '../dataset/cross-reference.js';
import { fromZodIssues } from '../dataset/issues.js';
import { compiledRecordSchemas, type Slot, type Slots } from '../dataset/parse.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { Dataset } from '../model/dataset.js';
import type { Item } from '../model/item.js';
import type { Offering, Supplier } from '../model/supplier.js';

/**
 * Records to add, change and remove, of one kind. `add` refuses an id already in use, `change`
 * and `remove` an id that is not; a change replaces the record where it stands.
 *
 * @example
 * const changes: RecordChanges<unknown> = { add: [{ id: 'S-NEW', names: { en: 'New Co' }, offerings: [] }], remove: ['S-OLD'] };
 */
export interface RecordChanges<Add> {
  readonly add?: readonly Add[];
  readonly change?: readonly unknown[];
  readonly remove?: readonly string[];
}

/**
 * What one `index.update` applies, as records written like those of a dataset's files (the
 * same schemas check them). Items first, then suppliers, offerings, buyers and demand lines;
 * within a kind, removals, then changes, then additions. A supplier (buyer) added comes last
 * of the suppliers (buyers); an offering (line) added comes last of its supplier's (buyer's).
 * A supplier changed without an `offerings` field keeps its offerings, and a buyer without
 * `demandLines` its lines.
 *
 * @example
 * index.update({ offerings: { add: [{ supplier: 'S-001', offering: { id: 'O-NEW', item: 'IT-AGAR' } }] }, lines: { remove: ['L-7'] } });
 */
export interface IndexChanges {
  readonly items?: RecordChanges<unknown>;
  readonly suppliers?: RecordChanges<unknown>;
  readonly offerings?: RecordChanges<{ readonly supplier: string; readonly offering: unknown }>;
  readonly buyers?: RecordChanges<unknown>;
  readonly lines?: RecordChanges<{ readonly buyer: string; readonly line: unknown }>;
}

const changeList = <A extends z.ZodType>(add: A) =>
  z.strictObject({ add: z.array(add).optional(), change: z.array(z.unknown()).optional(), remove: z.array(z.string()).optional() }).optional();

const IndexChangesSchema = z.strictObject({
  items: changeList(z.unknown()),
  suppliers: changeList(z.unknown()),
  offerings: changeList(z.strictObject({ supplier: z.string(), offering: z.unknown() })),
  buyers: changeList(z.unknown()),
  lines: changeList(z.strictObject({ buyer: z.string(), line: z.unknown() })),
});

/** A dataset after changes, with what changed (by id) for the index to work out what to redo. */
export interface AppliedChanges {
  readonly dataset: Dataset;
  /** Items were added, changed or removed: the catalog (and all that resolves against it) is rebuilt. */
  readonly itemsChanged: boolean;
  /** Suppliers added, removed, or whose own fields changed: every offering of theirs counts as changed. */
  readonly suppliers: ReadonlySet<string>;
  /** Offerings added, changed or removed one by one. */
  readonly offerings: ReadonlySet<string>;
  /** Buyers added, removed, or whose own fields changed: every line of theirs counts as changed. */
  readonly buyers: ReadonlySet<string>;
  /** Demand lines added, changed or removed one by one. */
  readonly lines: ReadonlySet<string>;
}

/** Records of the current dataset by id, kept by the index from update to update. */
export interface DatasetIds {
  readonly supplierOfOffering: Map<string, string>;
  readonly buyerOfLine: Map<string, string>;
}

/**
 * The ids of a dataset's offerings and lines with their owners.
 *
 * @example
 * datasetIds(dataset).supplierOfOffering.get('O-1'); // => 'S-1'
 */
export function datasetIds(dataset: Dataset): DatasetIds {
  const supplierOfOffering = new Map<string, string>();
  const buyerOfLine = new Map<string, string>();
  for (const s of dataset.suppliers) for (const o of s.offerings) supplierOfOffering.set(o.id, s.id);
  for (const b of dataset.buyers) for (const l of b.demandLines) buyerOfLine.set(l.id, b.id);
  return { supplierOfOffering, buyerOfLine };
}

type Path = (string | number)[];

/**
 * Applies `changes` to `dataset` (which it leaves alone) and returns the new dataset, or throws
 * a `SupplymatchError` whose issues name the change (`offerings.remove[0]`) or the record's field
 * (`suppliers.add[0].offerings[1].item`). Unchanged records keep their objects. `ids` is updated
 * only when the changes are valid.
 *
 * @example
 * applyChanges(dataset, { lines: { remove: ['L-404'] } }, datasetIds(dataset)); // throws: lines.remove[0]: no demand line "L-404"
 */
export function applyChanges(dataset: Dataset, changes: unknown, ids: DatasetIds): AppliedChanges {
  const shape = IndexChangesSchema.safeParse(changes ?? {});
  if (!shape.success) throw new SupplymatchError(nonEmpty(fromZodIssues(shape.error.issues, [], changes)));
  const c = shape.data;
  const schemas = compiledRecordSchemas();
  const issues: Issue[] = [];
  const check = <S extends z.ZodType>(schema: S, raw: unknown, path: Path): z.output<S> | undefined => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    issues.push(...fromZodIssues(r.error.issues, path, raw));
    return undefined;
  };
  const problem = (path: Path, code: string, message: string): void => {
    issues.push({ path: formatPath(path), code, message });
  };
  // Slots of the records written by the changes, for the dataset's own reference checks.
  const written: { suppliers: Slot<Omit<Supplier, 'offerings'>>[]; offerings: Slot<Offering>[]; buyers: Slot<Omit<Buyer, 'demandLines'>>[]; lines: Slot<DemandLine>[]; items: Slot<Item>[] } = {
    suppliers: [],
    offerings: [],
    buyers: [],
    lines: [],
    items: [],
  };
  const touched = { suppliers: new Set<string>(), offerings: new Set<string>(), buyers: new Set<string>(), lines: new Set<string>() };
  const supplierOfOffering = new Overlay(ids.supplierOfOffering);
  const buyerOfLine = new Overlay(ids.buyerOfLine);

  // Items.
  let items = dataset.items;
  const itemsChanged = c.items !== undefined && ((c.items.add?.length ?? 0) > 0 || (c.items.change?.length ?? 0) > 0 || (c.items.remove?.length ?? 0) > 0);
  if (itemsChanged && c.items) {
    const list = [...dataset.items];
    c.items.remove?.forEach((id, i) => {
      const at = list.findIndex((x) => x.id === id);
      if (at < 0) problem(['items', 'remove', i], 'unknown_reference', `no item "${id}"`);
      else list.splice(at, 1);
    });
    c.items.change?.forEach((raw, i) => {
      const item = check(schemas.item, raw, ['items', 'change', i]);
      if (!item) return;
      const at = list.findIndex((x) => x.id === item.id);
      if (at < 0) problem(['items', 'change', i, 'id'], 'unknown_reference', `no item "${item.id}" to change`);
      else list[at] = item;
      written.items.push({ path: ['items', 'change', i], kind: 'item', id: item.id, data: item });
    });
    c.items.add?.forEach((raw, i) => {
      const item = check(schemas.item, raw, ['items', 'add', i]);
      if (!item) return;
      if (list.some((x) => x.id === item.id)) problem(['items', 'add', i, 'id'], 'duplicate_id', `item id "${item.id}" is already used`);
      else list.push(item);
      written.items.push({ path: ['items', 'add', i], kind: 'item', id: item.id, data: item });
    });
    items = list;
  }

  // Suppliers, then offerings.
  const suppliers = [...dataset.suppliers];
  const supplierAt = (id: string): number => suppliers.findIndex((s) => s.id === id);
  const readSupplier = (raw: unknown, path: Path, keep: readonly Offering[] | undefined): Supplier | undefined => {
    const shell = check(schemas.supplier, raw, path);
    const slot: Slot<Omit<Supplier, 'offerings'>> = { path, kind: 'supplier', id: shell?.id, data: shell };
    const own = raw !== null && typeof raw === 'object' && 'offerings' in raw;
    const offerings: Offering[] = [];
    if (own)
      childArray(raw, 'offerings').forEach((o, j) => {
        const p = [...path, 'offerings', j];
        const offering = check(schemas.offering, o, p);
        written.offerings.push({ path: p, kind: 'offering', id: offering?.id, data: offering, parent: slot });
        if (offering) offerings.push(offering);
      });
    if (!shell) return undefined;
    written.suppliers.push(slot);
    return { ...shell, offerings: own ? offerings : [...(keep ?? [])] };
  };
  const dropOfferings = (s: Supplier): void => {
    for (const o of s.offerings) supplierOfOffering.delete(o.id);
  };
  const claimOfferings = (s: Supplier, path: Path): void => {
    s.offerings.forEach((o, j) => {
      const owner = supplierOfOffering.get(o.id);
      if (owner !== undefined) problem([...path, 'offerings', j, 'id'], 'duplicate_id', `offering id "${o.id}" is already used by supplier "${owner}"`);
      else supplierOfOffering.set(o.id, s.id);
    });
  };
  c.suppliers?.remove?.forEach((id, i) => {
    const at = supplierAt(id);
    if (at < 0) return problem(['suppliers', 'remove', i], 'unknown_reference', `no supplier "${id}"`);
    dropOfferings(suppliers[at] as Supplier);
    suppliers.splice(at, 1);
    touched.suppliers.add(id);
  });
  c.suppliers?.change?.forEach((raw, i) => {
    const path: Path = ['suppliers', 'change', i];
    const id = rawId(raw);
    const at = id === undefined ? -1 : supplierAt(id);
    if (at < 0) {
      readSupplier(raw, path, undefined);
      if (id !== undefined) problem([...path, 'id'], 'unknown_reference', `no supplier "${id}" to change`);
      return;
    }
    const before = suppliers[at] as Supplier;
    const supplier = readSupplier(raw, path, before.offerings);
    if (!supplier) return;
    dropOfferings(before);
    claimOfferings(supplier, path);
    suppliers[at] = supplier;
    touched.suppliers.add(supplier.id);
  });
  c.suppliers?.add?.forEach((raw, i) => {
    const path: Path = ['suppliers', 'add', i];
    const supplier = readSupplier(raw, path, []);
    if (!supplier) return;
    if (supplierAt(supplier.id) >= 0) return problem([...path, 'id'], 'duplicate_id', `supplier id "${supplier.id}" is already used`);
    claimOfferings(supplier, path);
    suppliers.push(supplier);
    touched.suppliers.add(supplier.id);
  });
  // Offerings one by one: their supplier gets a new object with the new list.
  const withOfferings = (at: number, offerings: Offering[]): void => {
    suppliers[at] = { ...(suppliers[at] as Supplier), offerings };
  };
  const offeringAt = (id: string, path: Path, what: string): { s: number; o: number } | undefined => {
    const owner = supplierOfOffering.get(id);
    const s = owner === undefined ? -1 : supplierAt(owner);
    const o = s < 0 ? -1 : (suppliers[s] as Supplier).offerings.findIndex((x) => x.id === id);
    if (o < 0) {
      problem(path, 'unknown_reference', `no offering "${id}"${what}`);
      return undefined;
    }
    return { s, o };
  };
  c.offerings?.remove?.forEach((id, i) => {
    const at = offeringAt(id, ['offerings', 'remove', i], '');
    if (!at) return;
    withOfferings(at.s, (suppliers[at.s] as Supplier).offerings.filter((_, k) => k !== at.o));
    supplierOfOffering.delete(id);
    touched.offerings.add(id);
  });
  c.offerings?.change?.forEach((raw, i) => {
    const path: Path = ['offerings', 'change', i];
    const offering = check(schemas.offering, raw, path);
    if (!offering) return;
    const at = offeringAt(offering.id, [...path, 'id'], ' to change');
    if (!at) return;
    const supplier = suppliers[at.s] as Supplier;
    written.offerings.push({ path, kind: 'offering', id: offering.id, data: offering, parent: { path: [], kind: 'supplier', id: supplier.id, data: undefined } });
    withOfferings(at.s, supplier.offerings.map((x, k) => (k === at.o ? offering : x)));
    touched.offerings.add(offering.id);
  });
  c.offerings?.add?.forEach((entry, i) => {
    const path: Path = ['offerings', 'add', i, 'offering'];
    const offering = check(schemas.offering, entry.offering, path);
    const s = supplierAt(entry.supplier);
    if (s < 0) return problem(['offerings', 'add', i, 'supplier'], 'unknown_reference', `no supplier "${entry.supplier}" to add an offering to`);
    if (!offering) return;
    const owner = supplierOfOffering.get(offering.id);
    if (owner !== undefined) return problem([...path, 'id'], 'duplicate_id', `offering id "${offering.id}" is already used by supplier "${owner}"`);
    written.offerings.push({ path, kind: 'offering', id: offering.id, data: offering, parent: { path: [], kind: 'supplier', id: entry.supplier, data: undefined } });
    withOfferings(s, [...(suppliers[s] as Supplier).offerings, offering]);
    supplierOfOffering.set(offering.id, entry.supplier);
    touched.offerings.add(offering.id);
  });

  // Buyers, then demand lines.
  const buyers = [...dataset.buyers];
  const buyerAt = (id: string): number => buyers.findIndex((b) => b.id === id);
  const readBuyer = (raw: unknown, path: Path, keep: readonly DemandLine[] | undefined): Buyer | undefined => {
    const shell = check(schemas.buyer, raw, path);
    const slot: Slot<Omit<Buyer, 'demandLines'>> = { path, kind: 'buyer', id: shell?.id, data: shell };
    const own = raw !== null && typeof raw === 'object' && 'demandLines' in raw;
    const lines: DemandLine[] = [];
    if (own)
      childArray(raw, 'demandLines').forEach((l, j) => {
        const p = [...path, 'demandLines', j];
        const line = check(schemas.line, l, p);
        written.lines.push({ path: p, kind: 'demandLine', id: line?.id, data: line, parent: slot });
        if (line) lines.push(line);
      });
    if (!shell) return undefined;
    written.buyers.push(slot);
    return { ...shell, demandLines: own ? lines : [...(keep ?? [])] };
  };
  const dropLines = (b: Buyer): void => {
    for (const l of b.demandLines) buyerOfLine.delete(l.id);
  };
  const claimLines = (b: Buyer, path: Path): void => {
    b.demandLines.forEach((l, j) => {
      const owner = buyerOfLine.get(l.id);
      if (owner !== undefined) problem([...path, 'demandLines', j, 'id'], 'duplicate_id', `demand line id "${l.id}" is already used by buyer "${owner}"`);
      else buyerOfLine.set(l.id, b.id);
    });
  };
  c.buyers?.remove?.forEach((id, i) => {
    const at = buyerAt(id);
    if (at < 0) return problem(['buyers', 'remove', i], 'unknown_reference', `no buyer "${id}"`);
    dropLines(buyers[at] as Buyer);
    buyers.splice(at, 1);
    touched.buyers.add(id);
  });
  c.buyers?.change?.forEach((raw, i) => {
    const path: Path = ['buyers', 'change', i];
    const id = rawId(raw);
    const at = id === undefined ? -1 : buyerAt(id);
    if (at < 0) {
      readBuyer(raw, path, undefined);
      if (id !== undefined) problem([...path, 'id'], 'unknown_reference', `no buyer "${id}" to change`);
      return;
    }
    const before = buyers[at] as Buyer;
    const buyer = readBuyer(raw, path, before.demandLines);
    if (!buyer) return;
    dropLines(before);
    claimLines(buyer, path);
    buyers[at] = buyer;
    touched.buyers.add(buyer.id);
  });
  c.buyers?.add?.forEach((raw, i) => {
    const path: Path = ['buyers', 'add', i];
    const buyer = readBuyer(raw, path, []);
    if (!buyer) return;
    if (buyerAt(buyer.id) >= 0) return problem([...path, 'id'], 'duplicate_id', `buyer id "${buyer.id}" is already used`);
    claimLines(buyer, path);
    buyers.push(buyer);
    touched.buyers.add(buyer.id);
  });
  const withLines = (at: number, lines: DemandLine[]): void => {
    buyers[at] = { ...(buyers[at] as Buyer), demandLines: lines };
  };
  const lineAt = (id: string, path: Path, what: string): { b: number; l: number } | undefined => {
    const owner = buyerOfLine.get(id);
    const b = owner === undefined ? -1 : buyerAt(owner);
    const l = b < 0 ? -1 : (buyers[b] as Buyer).demandLines.findIndex((x) => x.id === id);
    if (l < 0) {
      problem(path, 'unknown_reference', `no demand line "${id}"${what}`);
      return undefined;
    }
    return { b, l };
  };
  c.lines?.remove?.forEach((id, i) => {
    const at = lineAt(id, ['lines', 'remove', i], '');
    if (!at) return;
    withLines(at.b, (buyers[at.b] as Buyer).demandLines.filter((_, k) => k !== at.l));
    buyerOfLine.delete(id);
    touched.lines.add(id);
  });
  c.lines?.change?.forEach((raw, i) => {
    const path: Path = ['lines', 'change', i];
    const line = check(schemas.line, raw, path);
    if (!line) return;
    const at = lineAt(line.id, [...path, 'id'], ' to change');
    if (!at) return;
    written.lines.push({ path, kind: 'demandLine', id: line.id, data: line });
    withLines(at.b, (buyers[at.b] as Buyer).demandLines.map((x, k) => (k === at.l ? line : x)));
    touched.lines.add(line.id);
  });
  c.lines?.add?.forEach((entry, i) => {
    const path: Path = ['lines', 'add', i, 'line'];
    const line = check(schemas.line, entry.line, path);
    const b = buyerAt(entry.buyer);
    if (b < 0) return problem(['lines', 'add', i, 'buyer'], 'unknown_reference', `no buyer "${entry.buyer}" to add a demand line to`);
    if (!line) return;
    const owner = buyerOfLine.get(line.id);
    if (owner !== undefined) return problem([...path, 'id'], 'duplicate_id', `demand line id "${line.id}" is already used by buyer "${owner}"`);
    written.lines.push({ path, kind: 'demandLine', id: line.id, data: line });
    withLines(b, [...(buyers[b] as Buyer).demandLines, line]);
    buyerOfLine.set(line.id, entry.buyer);
    touched.lines.add(line.id);
  });

  const next: Dataset = { ...dataset, items, suppliers, buyers };
  // The dataset's own reference checks (items and categories named, certificate dates, spec
  // ranges), on the records written; once they pass, on the whole dataset when a removal may
  // have left a reference dangling (an item an offering names, a line a truth label names).
  if (issues.length === 0) issues.push(...crossReference(writtenSlots(next, written), () => true).map((x) => x.issue));
  const removed = (c.items?.remove?.length ?? 0) + (c.suppliers?.remove?.length ?? 0) + (c.offerings?.remove?.length ?? 0) + (c.buyers?.remove?.length ?? 0) + (c.lines?.remove?.length ?? 0);
  if (issues.length === 0 && (itemsChanged || (removed > 0 && (dataset.truth?.length ?? 0) > 0)))
    issues.push(...crossReference(datasetSlots(next), () => true).map((x) => x.issue));
  if (issues.length > 0) throw new SupplymatchError(nonEmpty(issues));
  supplierOfOffering.commit();
  buyerOfLine.commit();
  return { dataset: next, itemsChanged, ...touched };
}

/** Slots of the records written by changes, with the dataset's items and categories named by id only. */
function writtenSlots(dataset: Dataset, written: { suppliers: Slot<unknown>[]; offerings: Slot<Offering>[]; buyers: Slot<unknown>[]; lines: Slot<DemandLine>[]; items: Slot<Item>[] }): Slots {
  const writtenItems = new Set(written.items.map((s) => s.id));
  return {
    categories: dataset.categories.map((c, i) => ({ path: ['categories', i], kind: 'category' as const, id: c.id, data: undefined })),
    extraCategories: undefined,
    items: [...dataset.items.filter((x) => !writtenItems.has(x.id)).map((x, i) => ({ path: ['items', i], kind: 'item' as const, id: x.id, data: undefined })), ...written.items],
    suppliers: written.suppliers as Slot<Omit<Supplier, 'offerings'>>[],
    offerings: written.offerings,
    buyers: written.buyers as Slot<Omit<Buyer, 'demandLines'>>[],
    lines: written.lines,
    truth: undefined,
  };
}

/** Slots of every record of a dataset, at its own paths. */
function datasetSlots(dataset: Dataset): Slots {
  const offerings: Slot<Offering>[] = [];
  const lines: Slot<DemandLine>[] = [];
  return {
    categories: dataset.categories.map((c, i) => ({ path: ['categories', i], kind: 'category' as const, id: c.id, data: c })),
    extraCategories: undefined,
    items: dataset.items.map((x, i) => ({ path: ['items', i], kind: 'item' as const, id: x.id, data: x })),
    suppliers: dataset.suppliers.map((s, i) => {
      const slot = { path: ['suppliers', i], kind: 'supplier' as const, id: s.id, data: s };
      s.offerings.forEach((o, j) => offerings.push({ path: ['suppliers', i, 'offerings', j], kind: 'offering', id: o.id, data: o, parent: slot }));
      return slot;
    }),
    offerings,
    buyers: dataset.buyers.map((b, i) => {
      const slot = { path: ['buyers', i], kind: 'buyer' as const, id: b.id, data: b };
      b.demandLines.forEach((l, j) => lines.push({ path: ['buyers', i, 'demandLines', j], kind: 'demandLine', id: l.id, data: l, parent: slot }));
      return slot;
    }),
    lines,
    truth: dataset.truth?.map((t, i) => ({ path: ['truth', i], kind: 'truth' as const, id: undefined, data: t })),
  };
}

/** A map with changes held apart until `commit`, so that refused changes leave it as it was. */
class Overlay<V> {
  private readonly staged = new Map<string, V | undefined>();
  constructor(private readonly base: Map<string, V>) {}
  get(key: string): V | undefined {
    return this.staged.has(key) ? this.staged.get(key) : this.base.get(key);
  }
  set(key: string, value: V): void {
    this.staged.set(key, value);
  }
  delete(key: string): void {
    this.staged.set(key, undefined);
  }
  commit(): void {
    for (const [key, value] of this.staged) {
      if (value === undefined) this.base.delete(key);
      else this.base.set(key, value);
    }
  }
}

function childArray(raw: unknown, key: string): unknown[] {
  const list = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list : [];
}

function rawId(raw: unknown): string | undefined {
  const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function nonEmpty(issues: readonly Issue[]): [Issue, ...Issue[]] {
  const [first, ...rest] = issues;
  return first ? [first, ...rest] : [{ path: '', code: 'invalid_input', message: 'invalid changes' }];
}
