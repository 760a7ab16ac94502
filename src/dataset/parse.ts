import { z } from 'zod';
import { BIO_TAXONOMY } from '../catalog/taxonomy.js';
import { SupplymatchError, formatPath, type Issue } from '../errors.js';
import { BuyerSchema, DemandLineSchema, MAX_DEMAND_LINES_PER_BUYER, type Buyer, type DemandLine } from '../model/buyer.js';
import { DatasetMetaSchema, type Dataset, type DatasetMeta } from '../model/dataset.js';
import { CategorySchema, ItemSchema, type Category, type Item } from '../model/item.js';
import { MAX_OFFERINGS_PER_SUPPLIER, OfferingSchema, SupplierSchema, type Offering, type Supplier } from '../model/supplier.js';
import { TruthLabelSchema, type TruthLabel } from '../model/truth.js';
import { DecisionSchema, type Decision } from '../model/decision.js';
import { crossReference } from './cross-reference.js';
import { fromZodIssues } from './issues.js';
import { scanInput, scanOwnedJson } from './scan.js';
import { oneOfIssue, optionKeyIssues } from '../options.js';

/** The kinds of record that can be left out one by one with `onInvalid: 'skip'`. */
export type RecordKind = 'category' | 'item' | 'supplier' | 'offering' | 'buyer' | 'demandLine' | 'truth' | 'decision';

/** A record left out of the dataset, with every reason. */
export interface SkippedRecord {
  /** Where it stood in the input, e.g. `suppliers[3].offerings[0]`. */
  readonly path: string;
  readonly kind: RecordKind;
  /** Its id, when it had a readable one. */
  readonly id?: string;
  readonly issues: readonly Issue[];
}

/** Options of {@link parseDataset} and {@link safeParseDataset}. */
export interface ParseDatasetOptions {
  /** `fail` (default): any issue fails the whole load. `skip`: invalid records are left out and listed in `skipped`. */
  readonly onInvalid?: 'fail' | 'skip';
}

/** What {@link safeParseDataset} returns: the dataset and what was skipped, or every issue. */
export type ParseDatasetResult =
  | { readonly success: true; readonly data: Dataset; readonly skipped: readonly SkippedRecord[] }
  | { readonly success: false; readonly error: SupplymatchError };

// The shells read records one by one (so that one bad record can be skipped), with the same
// list lengths as the full schemas.
const SupplierShell = SupplierSchema.extend({ offerings: z.array(z.unknown()).max(MAX_OFFERINGS_PER_SUPPLIER).default([]) });
const BuyerShell = BuyerSchema.extend({ demandLines: z.array(z.unknown()).max(MAX_DEMAND_LINES_PER_BUYER).default([]) });
const TopLevel = z.strictObject({
  meta: z.unknown().optional(),
  categories: z.array(z.unknown()).optional(),
  extraCategories: z.array(z.unknown()).optional(),
  items: z.array(z.unknown()),
  suppliers: z.array(z.unknown()),
  buyers: z.array(z.unknown()),
  truth: z.array(z.unknown()).optional(),
  decisions: z.array(z.unknown()).optional(),
});

/** The schema of each part of a dataset, as {@link safeParseDataset} checks it one record at a time. */
export const RECORD_SCHEMAS = {
  topLevel: TopLevel,
  meta: DatasetMetaSchema,
  category: CategorySchema,
  item: ItemSchema,
  supplier: SupplierShell,
  offering: OfferingSchema,
  buyer: BuyerShell,
  line: DemandLineSchema,
  truth: TruthLabelSchema,
  decision: DecisionSchema,
} as const;
type RecordSchemas = typeof RECORD_SCHEMAS;

let compiled: RecordSchemas | undefined;
/**
 * {@link RECORD_SCHEMAS} as zod compiles them: valid input goes through generated code, invalid
 * input falls back to the schema's own parser, so the issues are the schema's own. Built on first
 * use, so importing this module generates no code. Under `z.config({ jitless: true })` the plain
 * schemas are used, and where code generation fails `z.compile` hands back the schema unchanged.
 */
export function compiledRecordSchemas(): RecordSchemas {
  const s = RECORD_SCHEMAS;
  if (z.config().jitless === true) return s;
  compiled ??= {
    topLevel: z.compile(s.topLevel),
    meta: z.compile(s.meta),
    category: z.compile(s.category),
    item: z.compile(s.item),
    supplier: z.compile(s.supplier),
    offering: z.compile(s.offering),
    buyer: z.compile(s.buyer),
    line: z.compile(s.line),
    truth: z.compile(s.truth),
    decision: z.compile(s.decision),
  };
  return compiled;
}

/** A record after its own schema check: parsed data, or the raw id for reference checks. */
export interface Slot<T> {
  readonly path: (string | number)[];
  readonly kind: RecordKind;
  readonly id: string | undefined;
  readonly data: T | undefined;
  readonly parent?: Slot<unknown>;
}

/** Every record of the dataset after its own schema check, in input order. */
export interface Slots {
  readonly categories: Slot<Category>[] | undefined;
  /** Categories added to the taxonomy in force (`extraCategories`). */
  readonly extraCategories: Slot<Category>[] | undefined;
  readonly items: Slot<Item>[];
  readonly suppliers: Slot<Omit<Supplier, 'offerings'>>[];
  readonly offerings: Slot<Offering>[];
  readonly buyers: Slot<Omit<Buyer, 'demandLines'>>[];
  readonly lines: Slot<DemandLine>[];
  readonly truth: Slot<TruthLabel>[] | undefined;
  readonly decisions: Slot<Decision>[] | undefined;
}

/** A record's list of child records, when it has one (its absence is the parent's schema issue). */
const childArray = (raw: unknown, key: string): unknown[] => {
  if (raw === null || typeof raw !== 'object') return [];
  const list = (raw as Record<string, unknown>)[key];
  return Array.isArray(list) ? list : [];
};

const rawId = (raw: unknown): string | undefined => {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Validates a whole dataset `{ meta?, categories?, extraCategories?, items, suppliers, buyers, truth?, decisions? }` and
 * returns it with quantities parsed, or every issue found: each with its path
 * (`suppliers[3].offerings[0].capacity`), a stable code and a message. Ids are unique, every
 * reference resolves, dates are coherent. With `onInvalid: 'skip'` invalid records (and the
 * records that depend on them) are left out and each is listed in `skipped` with its reasons.
 * Never throws.
 *
 * @example
 * const r = safeParseDataset({ items: [], suppliers: [], buyers: [] });
 * r.success; // => true
 */
export function safeParseDataset(input: unknown, options?: ParseDatasetOptions): ParseDatasetResult {
  const bad = parseOptionIssues(options);
  if (bad) return bad;
  try {
    return parseScanned(scanInput(input), options);
  } catch (e) {
    // Input objects are read, never trusted: a getter or proxy that throws makes an issue, not an exception.
    return { success: false, error: new SupplymatchError([{ path: 'dataset', code: 'unreadable_input', message: `the input could not be read: ${e instanceof Error ? e.message : String(e)}` }]) };
  }
}

/** The failure for options that are not `{ onInvalid?: 'fail' | 'skip' }`, or undefined. */
function parseOptionIssues(options: unknown): ParseDatasetResult | undefined {
  const issues = optionKeyIssues(options, ['onInvalid'], 'parseDataset');
  const onInvalid = issues.length === 0 ? oneOfIssue((options as ParseDatasetOptions | undefined)?.onInvalid, ['fail', 'skip'], 'onInvalid') : undefined;
  const [first, ...rest] = onInvalid ? [onInvalid] : issues;
  return first ? { success: false, error: new SupplymatchError([first, ...rest]) } : undefined;
}

/**
 * {@link safeParseDataset} for input built of `JSON.parse` values that the caller made and no
 * other code holds or changes (as `safeLoadDataset` does): the same result, without first
 * copying the whole input.
 */
export function safeParseOwnedJson(input: unknown, options?: ParseDatasetOptions): ParseDatasetResult {
  return parseOptionIssues(options) ?? parseScanned(scanOwnedJson(input), options);
}

function parseScanned(scanned: ReturnType<typeof scanInput>, options: ParseDatasetOptions | undefined): ParseDatasetResult {
  const onInvalid = options?.onInvalid ?? 'fail';
  const schemas = compiledRecordSchemas();
  const top = schemas.topLevel.safeParse(scanned.value);
  if (!top.success) return failure([...scanned.issues, ...fromZodIssues(top.error.issues, [], scanned.value)]);

  const issues = new Map<string, Issue[]>();
  const note = (slotPath: string, list: readonly Issue[]): void => {
    if (list.length === 0) return;
    const held = issues.get(slotPath);
    if (held) held.push(...list);
    else issues.set(slotPath, [...list]);
  };
  const globalIssues: Issue[] = [];

  const check = <S extends z.ZodType>(schema: S, raw: unknown, path: (string | number)[]): z.output<S> | undefined => {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    note(formatPath(path), fromZodIssues(r.error.issues, path, raw));
    return undefined;
  };

  const metaResult = schemas.meta.safeParse(top.data.meta ?? {});
  let meta: DatasetMeta = {};
  if (metaResult.success) meta = metaResult.data;
  else globalIssues.push(...fromZodIssues(metaResult.error.issues, ['meta'], top.data.meta ?? {}));

  const slots: Slots = {
    categories: top.data.categories?.map((raw, i) => {
      const path = ['categories', i];
      return { path, kind: 'category' as const, id: rawId(raw), data: check(schemas.category, raw, path) };
    }),
    extraCategories: top.data.extraCategories?.map((raw, i) => {
      const path = ['extraCategories', i];
      return { path, kind: 'category' as const, id: rawId(raw), data: check(schemas.category, raw, path) };
    }),
    items: top.data.items.map((raw, i) => {
      const path = ['items', i];
      return { path, kind: 'item' as const, id: rawId(raw), data: check(schemas.item, raw, path) };
    }),
    suppliers: [],
    offerings: [],
    buyers: [],
    lines: [],
    truth: top.data.truth?.map((raw, i) => {
      const path = ['truth', i];
      return { path, kind: 'truth' as const, id: undefined, data: check(schemas.truth, raw, path) };
    }),
    decisions: top.data.decisions?.map((raw, i) => {
      const path = ['decisions', i];
      return { path, kind: 'decision' as const, id: undefined, data: check(schemas.decision, raw, path) };
    }),
  };
  top.data.suppliers.forEach((raw, i) => {
    const path = ['suppliers', i];
    const shell = check(schemas.supplier, raw, path);
    const supplier: Slot<Omit<Supplier, 'offerings'>> = { path, kind: 'supplier', id: rawId(raw), data: shell };
    slots.suppliers.push(supplier);
    childArray(raw, 'offerings').forEach((o, j) => {
      const p = [...path, 'offerings', j];
      slots.offerings.push({ path: p, kind: 'offering', id: rawId(o), data: check(schemas.offering, o, p), parent: supplier });
    });
  });
  top.data.buyers.forEach((raw, i) => {
    const path = ['buyers', i];
    const shell = check(schemas.buyer, raw, path);
    const buyer: Slot<Omit<Buyer, 'demandLines'>> = { path, kind: 'buyer', id: rawId(raw), data: shell };
    slots.buyers.push(buyer);
    childArray(raw, 'demandLines').forEach((l, j) => {
      const p = [...path, 'demandLines', j];
      slots.lines.push({ path: p, kind: 'demandLine', id: rawId(l), data: check(schemas.line, l, p), parent: buyer });
    });
  });

  // Scan issues belong to the innermost record that holds them.
  const allSlots = [
    ...(slots.categories ?? []),
    ...(slots.extraCategories ?? []),
    ...slots.items,
    ...slots.suppliers,
    ...slots.offerings,
    ...slots.buyers,
    ...slots.lines,
    ...(slots.truth ?? []),
    ...(slots.decisions ?? []),
  ];
  if (scanned.issues.length > 0) {
    const slotPaths = new Set(allSlots.map((s) => formatPath(s.path)));
    for (const issue of scanned.issues) {
      const owner = innermostOwner(issue.path, slotPaths);
      if (owner !== undefined) note(owner, [issue]);
      else globalIssues.push(issue);
    }
  }

  if (onInvalid === 'fail') {
    const crossIssues = crossReference(slots, () => true);
    const all = [...globalIssues, ...[...issues.values()].flat(), ...crossIssues.map((c) => c.issue)];
    if (all.length > 0) return failure(sortIssues(all));
    return { success: true, data: assemble(meta, slots, () => true), skipped: [] };
  }

  if (globalIssues.length > 0) return failure(globalIssues);
  // Skip mode: leave out invalid records, then whatever referred to them, until nothing changes.
  const dropped = new Set<Slot<unknown>>();
  const isLive = (slot: Slot<unknown>): boolean =>
    slot.data !== undefined && !dropped.has(slot) && (slot.parent === undefined || isLive(slot.parent));
  if (issues.size > 0) for (const slot of allSlots) if (issues.has(formatPath(slot.path))) dropped.add(slot);
  for (;;) {
    const cross = crossReference(slots, isLive);
    if (cross.length === 0) break;
    for (const { slot, issue } of cross) {
      note(formatPath(slot.path), [issue]);
      dropped.add(slot);
    }
  }
  const skipped: SkippedRecord[] = [];
  for (const slot of allSlots) {
    if (isLive(slot)) continue;
    const path = formatPath(slot.path);
    const own = issues.get(path);
    const reasons: Issue[] = own ?? [
      { path, code: 'parent_skipped', message: `left out with ${formatPath(slot.parent?.path ?? [])}` },
    ];
    skipped.push({ path, kind: slot.kind, ...(slot.id !== undefined ? { id: slot.id } : {}), issues: reasons });
  }
  return { success: true, data: assemble(meta, slots, isLive), skipped };
}

/**
 * Like {@link safeParseDataset}, but returns the dataset and throws a `SupplymatchError`
 * listing every issue when it is invalid.
 *
 * @example
 * const dataset = parseDataset(JSON.parse(text));
 */
export function parseDataset(input: unknown, options?: ParseDatasetOptions): Dataset {
  const r = safeParseDataset(input, options);
  if (!r.success) throw r.error;
  return r.data;
}

/**
 * The longest of `owners` that is `path` itself or a part of it ending before a `.` or a `[`
 * (the record at `suppliers[3]` holds what is found at `suppliers[3].names.en`).
 */
function innermostOwner(path: string, owners: ReadonlySet<string>): string | undefined {
  if (owners.has(path)) return path;
  for (let end = path.length - 1; end > 0; end--) {
    const c = path[end];
    if (c !== '.' && c !== '[') continue;
    const head = path.slice(0, end);
    if (owners.has(head)) return head;
  }
  return undefined;
}

function failure(issues: Issue[]): ParseDatasetResult {
  const [first, ...rest] = issues;
  const list: [Issue, ...Issue[]] = first ? [first, ...rest] : [{ path: '', code: 'invalid', message: 'invalid dataset' }];
  return { success: false, error: new SupplymatchError(list, `invalid dataset: ${list.length} issue(s)`) };
}

/** Input order, so that issues read top to bottom like the file. */
function sortIssues(issues: Issue[]): Issue[] {
  const key = (p: string): string => p.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(9, '0')}]`);
  return issues
    .map((issue, i) => ({ issue, i, k: key(issue.path) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.issue);
}

function assemble(meta: DatasetMeta, slots: Slots, live: (s: Slot<unknown>) => boolean): Dataset {
  const keep = <T>(list: readonly Slot<T>[]): T[] => list.filter(live).map((s) => s.data as T);
  const children = <T>(list: readonly Slot<T>[]): Map<Slot<unknown>, T[]> => {
    const byParent = new Map<Slot<unknown>, T[]>();
    for (const child of list) {
      if (!child.parent || !live(child)) continue;
      const held = byParent.get(child.parent);
      if (held) held.push(child.data as T);
      else byParent.set(child.parent, [child.data as T]);
    }
    return byParent;
  };
  const offeringsOf = children(slots.offerings);
  const linesOf = children(slots.lines);
  const suppliers: Supplier[] = slots.suppliers.filter(live).map((s) => ({
    ...(s.data as Omit<Supplier, 'offerings'>),
    offerings: offeringsOf.get(s) ?? [],
  }));
  const buyers: Buyer[] = slots.buyers.filter(live).map((b) => ({
    ...(b.data as Omit<Buyer, 'demandLines'>),
    demandLines: linesOf.get(b) ?? [],
  }));
  return {
    meta,
    categories: [
      ...(slots.categories ? keep(slots.categories) : BIO_TAXONOMY.map((c) => ({ ...c }))),
      ...keep(slots.extraCategories ?? []),
    ],
    items: keep(slots.items),
    suppliers,
    buyers,
    ...(slots.truth ? { truth: keep(slots.truth) } : {}),
    ...(slots.decisions ? { decisions: keep(slots.decisions) } : {}),
  };
}
