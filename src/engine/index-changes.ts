import { z } from 'zod';
import { crossReference } from '../dataset/cross-reference.js';
import { fromZodIssues } from '../dataset/issues.js';
import { compiledRecordSchemas, type RecordKind, type Slot, type Slots } from '../dataset/parse.js';
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
  /**
   * Each supplier (buyer) as it stands, by id: a change finds a record's place by the object
   * (`indexOf`, a comparison of references), not by reading the id of every record before it.
   */
  readonly suppliers: Map<string, Supplier>;
  readonly buyers: Map<string, Buyer>;
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
  return { supplierOfOffering, buyerOfLine, suppliers: new Map(dataset.suppliers.map((s) => [s.id, s])), buyers: new Map(dataset.buyers.map((b) => [b.id, b])) };
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
  const global = globalChangeIssues(changes);
  if (global.length > 0) throw new SupplymatchError(nonEmpty(global));
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
  const supplierById = new Overlay(ids.suppliers);
  const buyerById = new Overlay(ids.buyers);

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

  // Suppliers, then offerings; buyers, then demand lines: one rule for records and their children.
  const owned = { check, problem, written, touched };
  const suppliers = applyOwned(SUPPLIERS, dataset.suppliers, c.suppliers, c.offerings, supplierOfOffering, supplierById, owned);
  const buyers = applyOwned(BUYERS, dataset.buyers, c.buyers, c.lines, buyerOfLine, buyerById, owned);

  const next: Dataset = { ...dataset, items, suppliers, buyers };
  // The dataset's own reference checks (items and categories named, certificate dates, spec
  // ranges), on the records written; once they pass, on the whole dataset when a removal may
  // have left a reference dangling (an item an offering names, a line a truth label or a
  // decision names).
  if (issues.length === 0) issues.push(...crossReference(writtenSlots(next, written), () => true).map((x) => x.issue));
  const removed = (c.items?.remove?.length ?? 0) + (c.suppliers?.remove?.length ?? 0) + (c.offerings?.remove?.length ?? 0) + (c.buyers?.remove?.length ?? 0) + (c.lines?.remove?.length ?? 0);
  if (issues.length === 0 && (itemsChanged || (removed > 0 && (dataset.truth?.length ?? 0) + (dataset.decisions?.length ?? 0) > 0)))
    issues.push(...crossReference(datasetSlots(next), () => true).map((x) => x.issue));
  if (issues.length > 0) throw new SupplymatchError(nonEmpty(issues));
  supplierOfOffering.commit();
  buyerOfLine.commit();
  supplierById.commit();
  buyerById.commit();
  return { dataset: next, itemsChanged, ...touched };
}

/**
 * Why an index does not take categories or meta (the dataset's date, domestic country, exchange
 * rates): the catalog, every resolution, every judge and the layout of a run are made from them,
 * so a change of either is a new dataset to match afresh.
 */
const GLOBAL_CHANGES: Readonly<Record<string, string>> = {
  categories:
    'categories are not updated by an index: the catalog and every text resolution are built from them; make a new index with createIndex(matcher, dataset) over the changed dataset',
  meta: 'meta is not updated by an index: every judge reads its date, domestic country and exchange rates; make a new index with createIndex(matcher, dataset) over the changed dataset, or give createIndex an asOf',
};

function globalChangeIssues(changes: unknown): Issue[] {
  if (changes === null || typeof changes !== 'object') return [];
  return Object.keys(GLOBAL_CHANGES)
    .filter((key) => key in changes)
    .map((key) => ({ path: key, code: 'unsupported_change', message: GLOBAL_CHANGES[key] as string }));
}

/** What tells suppliers with their offerings from buyers with their demand lines (see `applyOwned`). */
interface OwnedKind<P extends { readonly id: string }, C extends { readonly id: string }> {
  /** The kinds' names in `IndexChanges` and in paths: `suppliers` and `offerings`. */
  readonly parents: 'suppliers' | 'buyers';
  readonly children: 'offerings' | 'lines';
  /** The parent's field that lists its children, and the keys of an added child's entry. */
  readonly field: 'offerings' | 'demandLines';
  readonly ownerKey: 'supplier' | 'buyer';
  readonly childKey: 'offering' | 'line';
  /** Words of the messages. */
  readonly parentWord: string;
  readonly childWord: string;
  readonly parentSchema: z.ZodType<Omit<P, 'offerings' | 'demandLines'>>;
  readonly childSchema: z.ZodType<C>;
  readonly parentKind: RecordKind;
  readonly childKind: RecordKind;
  readonly childrenOf: (p: P) => readonly C[];
  readonly withChildren: (shell: Omit<P, 'offerings' | 'demandLines'>, children: C[]) => P;
}

const SUPPLIERS: OwnedKind<Supplier, Offering> = {
  parents: 'suppliers',
  children: 'offerings',
  field: 'offerings',
  ownerKey: 'supplier',
  childKey: 'offering',
  parentWord: 'supplier',
  childWord: 'offering',
  get parentSchema() {
    return compiledRecordSchemas().supplier as unknown as z.ZodType<Omit<Supplier, 'offerings'>>;
  },
  get childSchema() {
    return compiledRecordSchemas().offering as unknown as z.ZodType<Offering>;
  },
  parentKind: 'supplier',
  childKind: 'offering',
  childrenOf: (s) => s.offerings,
  withChildren: (shell, offerings) => ({ ...shell, offerings }),
};

const BUYERS: OwnedKind<Buyer, DemandLine> = {
  parents: 'buyers',
  children: 'lines',
  field: 'demandLines',
  ownerKey: 'buyer',
  childKey: 'line',
  parentWord: 'buyer',
  childWord: 'demand line',
  get parentSchema() {
    return compiledRecordSchemas().buyer as unknown as z.ZodType<Omit<Buyer, 'demandLines'>>;
  },
  get childSchema() {
    return compiledRecordSchemas().line as unknown as z.ZodType<DemandLine>;
  },
  parentKind: 'buyer',
  childKind: 'demandLine',
  childrenOf: (b) => b.demandLines,
  withChildren: (shell, demandLines) => ({ ...shell, demandLines }),
};

/** One kind's changes as the shape check gives them. */
interface CheckedChanges<A> {
  readonly add?: readonly A[] | undefined;
  readonly change?: readonly unknown[] | undefined;
  readonly remove?: readonly string[] | undefined;
}

/** What `applyChanges` lends `applyOwned`: its checks, and where written records and touched ids go. */
interface OwnedTools {
  readonly check: <S extends z.ZodType>(schema: S, raw: unknown, path: Path) => z.output<S> | undefined;
  readonly problem: (path: Path, code: string, message: string) => void;
  readonly written: { suppliers: Slot<unknown>[]; offerings: Slot<Offering>[]; buyers: Slot<unknown>[]; lines: Slot<DemandLine>[] };
  readonly touched: { suppliers: Set<string>; offerings: Set<string>; buyers: Set<string>; lines: Set<string> };
}

/**
 * Applies the changes of records that own children (suppliers and their offerings, buyers and
 * their demand lines) to `before`, and returns the new list: parents removed, changed, added,
 * then children removed, changed, added. `ownerOf` maps every child id to its parent's, `byId`
 * every parent id to the parent as it stands in the list.
 */
function applyOwned<P extends { readonly id: string }, C extends { readonly id: string }>(
  kind: OwnedKind<P, C>,
  before: readonly P[],
  parentChanges: CheckedChanges<unknown> | undefined,
  childChanges: CheckedChanges<Readonly<Record<string, unknown>>> | undefined,
  ownerOf: Overlay<string>,
  byId: Overlay<P>,
  tools: OwnedTools,
): P[] {
  const { check, problem, written, touched } = tools;
  const list = [...before];
  const writtenParents = written[kind.parents] as Slot<unknown>[];
  const writtenChildren = written[kind.children] as unknown as Slot<C>[];
  const at = (id: string): number => {
    const p = byId.get(id);
    return p === undefined ? -1 : list.indexOf(p);
  };
  const put = (k: number, p: P): void => {
    list[k] = p;
    byId.set(p.id, p);
  };
  const read = (raw: unknown, path: Path, keep: readonly C[]): P | undefined => {
    const shell = check(kind.parentSchema, raw, path);
    const slot: Slot<unknown> = { path, kind: kind.parentKind, id: shell?.id, data: shell };
    const own = raw !== null && typeof raw === 'object' && kind.field in raw;
    const children: C[] = [];
    if (own)
      childArray(raw, kind.field).forEach((x, j) => {
        const p = [...path, kind.field, j];
        const child = check(kind.childSchema, x, p);
        writtenChildren.push({ path: p, kind: kind.childKind, id: child?.id, data: child, parent: slot });
        if (child) children.push(child);
      });
    if (!shell) return undefined;
    writtenParents.push(slot);
    return kind.withChildren(shell, own ? children : [...keep]);
  };
  const release = (p: P): void => {
    for (const x of kind.childrenOf(p)) ownerOf.delete(x.id);
  };
  const claim = (p: P, path: Path): void => {
    kind.childrenOf(p).forEach((x, j) => {
      const owner = ownerOf.get(x.id);
      if (owner !== undefined) problem([...path, kind.field, j, 'id'], 'duplicate_id', `${kind.childWord} id "${x.id}" is already used by ${kind.parentWord} "${owner}"`);
      else ownerOf.set(x.id, p.id);
    });
  };
  parentChanges?.remove?.forEach((id, i) => {
    const k = at(id);
    if (k < 0) return problem([kind.parents, 'remove', i], 'unknown_reference', `no ${kind.parentWord} "${id}"`);
    release(list[k] as P);
    list.splice(k, 1);
    byId.delete(id);
    touched[kind.parents].add(id);
  });
  parentChanges?.change?.forEach((raw, i) => {
    const path: Path = [kind.parents, 'change', i];
    const id = rawId(raw);
    const k = id === undefined ? -1 : at(id);
    if (k < 0) {
      read(raw, path, []);
      if (id !== undefined) problem([...path, 'id'], 'unknown_reference', `no ${kind.parentWord} "${id}" to change`);
      return;
    }
    const old = list[k] as P;
    const parent = read(raw, path, kind.childrenOf(old));
    if (!parent) return;
    release(old);
    claim(parent, path);
    put(k, parent);
    touched[kind.parents].add(parent.id);
  });
  parentChanges?.add?.forEach((raw, i) => {
    const path: Path = [kind.parents, 'add', i];
    const parent = read(raw, path, []);
    if (!parent) return;
    if (at(parent.id) >= 0) return problem([...path, 'id'], 'duplicate_id', `${kind.parentWord} id "${parent.id}" is already used`);
    claim(parent, path);
    put(list.length, parent);
    touched[kind.parents].add(parent.id);
  });
  // Children one by one: their parent gets a new object with the new list.
  const replace = (k: number, children: C[]): void => {
    put(k, kind.withChildren(list[k] as P, children));
  };
  const find = (id: string, path: Path, what: string): { p: number; c: number } | undefined => {
    const owner = ownerOf.get(id);
    const p = owner === undefined ? -1 : at(owner);
    const c = p < 0 ? -1 : kind.childrenOf(list[p] as P).findIndex((x) => x.id === id);
    if (c < 0) {
      problem(path, 'unknown_reference', `no ${kind.childWord} "${id}"${what}`);
      return undefined;
    }
    return { p, c };
  };
  const stub = (owner: string): Slot<unknown> => ({ path: [], kind: kind.parentKind, id: owner, data: undefined });
  childChanges?.remove?.forEach((id, i) => {
    const found = find(id, [kind.children, 'remove', i], '');
    if (!found) return;
    replace(found.p, kind.childrenOf(list[found.p] as P).filter((_, k) => k !== found.c));
    ownerOf.delete(id);
    touched[kind.children].add(id);
  });
  childChanges?.change?.forEach((raw, i) => {
    const path: Path = [kind.children, 'change', i];
    const child = check(kind.childSchema, raw, path);
    if (!child) return;
    const found = find(child.id, [...path, 'id'], ' to change');
    if (!found) return;
    const parent = list[found.p] as P;
    writtenChildren.push({ path, kind: kind.childKind, id: child.id, data: child, parent: stub(parent.id) });
    replace(found.p, kind.childrenOf(parent).map((x, k) => (k === found.c ? child : x)));
    touched[kind.children].add(child.id);
  });
  childChanges?.add?.forEach((entry, i) => {
    const path: Path = [kind.children, 'add', i, kind.childKey];
    const child = check(kind.childSchema, entry[kind.childKey], path);
    const owner = entry[kind.ownerKey] as string;
    const p = at(owner);
    if (p < 0) return problem([kind.children, 'add', i, kind.ownerKey], 'unknown_reference', `no ${kind.parentWord} "${owner}" to add ${kind.childWord === 'offering' ? 'an' : 'a'} ${kind.childWord} to`);
    if (!child) return;
    const taken = ownerOf.get(child.id);
    if (taken !== undefined) return problem([...path, 'id'], 'duplicate_id', `${kind.childWord} id "${child.id}" is already used by ${kind.parentWord} "${taken}"`);
    writtenChildren.push({ path, kind: kind.childKind, id: child.id, data: child, parent: stub(owner) });
    replace(p, [...kind.childrenOf(list[p] as P), child]);
    ownerOf.set(child.id, owner);
    touched[kind.children].add(child.id);
  });
  return list;
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
    decisions: undefined,
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
    decisions: dataset.decisions?.map((d, i) => ({ path: ['decisions', i], kind: 'decision' as const, id: undefined, data: d })),
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
