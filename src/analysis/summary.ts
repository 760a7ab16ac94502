import { requireDataset } from '../engine/matcher.js';
import { SupplymatchError } from '../errors.js';
import { createCatalog } from '../catalog/resolve.js';
import { understandText, type TextUnderstanding } from '../catalog/text-report.js';
import type { Dataset } from '../model/dataset.js';
import { decisionStanding, type DecisionStatus } from '../model/decision.js';

/**
 * A demand line or an offering whose free text names no catalog item, or only weakly or
 * ambiguously, with the best guesses and why ({@link understandText}).
 */
export interface TextAlert extends TextUnderstanding {
  readonly record: 'demandLine' | 'offering';
  readonly id: string;
  /** The buyer of the line or the supplier of the offering. */
  readonly owner: string;
  readonly text: string;
}

/** A certificate that lapsed before, or lapses soon after, the as-of date. */
export interface CertificateAlert {
  readonly supplier: string;
  /** Set when the certificate belongs to one offering. */
  readonly offering?: string;
  readonly type: string;
  readonly expires: string;
  readonly status: 'expired' | 'expiring';
}

/** What {@link summarizeDataset} reports. */
export interface DatasetSummary {
  readonly asOf: string;
  readonly counts: {
    readonly items: number;
    readonly suppliers: number;
    readonly offerings: number;
    readonly buyers: number;
    readonly demandLines: number;
    readonly truthLabels: number;
  };
  /**
   * Items, offerings and demand lines by category: offerings that name a catalog item or a
   * category, and lines that name an item or whose resolution {@link SummarizeOptions.lineCategories} gives.
   */
  readonly byCategory: readonly { readonly category: string; readonly items: number; readonly offerings: number; readonly demandLines: number }[];
  readonly suppliersByCountry: readonly { readonly country: string; readonly suppliers: number }[];
  readonly certificates: readonly CertificateAlert[];
  /** Demand lines counted in no category: neither an item id nor a resolution to one category. */
  readonly linesWithoutCategory: number;
  /** Lines and offerings named by text alone whose text is not clearly one catalog item, in dataset order. */
  readonly texts: readonly TextAlert[];
  /**
   * The buyers' decisions on `asOf`: how many are in force, and those that are not: dated after
   * `asOf` (`pending`, they do not apply yet) or past their `until` (`lapsed`), in dataset order.
   */
  readonly decisions: { readonly inForce: number; readonly notInForce: readonly DecisionAlert[] };
}

/** A decision that does not apply on the as-of date, and where it stands. */
export interface DecisionAlert {
  /** Its position in the dataset's `decisions`. */
  readonly index: number;
  readonly buyer: string;
  readonly supplier: string;
  readonly status: DecisionStatus;
  readonly date: string;
  readonly until?: string;
  readonly standing: 'pending' | 'lapsed';
}

/** Options of {@link summarizeDataset}. */
export interface SummarizeOptions {
  /** The date certificates are judged on (`YYYY-MM-DD`); default `dataset.meta.asOf`. */
  readonly asOf?: string;
  /** A certificate expiring within this many days after `asOf` is reported as expiring; default 180. */
  readonly horizonDays?: number;
  /**
   * The category of demand lines that give a text or a UNSPSC code rather than an item id, by
   * line id, as the matcher resolves them (the CLI's `validate` passes its resolutions); without
   * it only lines that name an item are counted by category.
   */
  readonly lineCategories?: ReadonlyMap<string, string>;
}

const DAY_MS = 86_400_000;

/**
 * Counts a dataset by category and country, and lists certificates expired on `asOf` or
 * expiring within the horizon, and buyers' decisions that do not apply on `asOf` (not yet, or
 * no longer): what an analyst checks before matching.
 *
 * @example
 * summarizeDataset(dataset, { asOf: '2021-03-01' }).counts.suppliers; // => 84
 */
export function summarizeDataset(dataset: Dataset, options?: SummarizeOptions): DatasetSummary {
  requireDataset(dataset, 'summarizeDataset');
  const asOf = options?.asOf ?? dataset.meta.asOf;
  if (asOf === undefined)
    throw new SupplymatchError([{ path: 'asOf', code: 'required', message: 'summarizeDataset needs an asOf date (the asOf option or meta.asOf)' }]);
  const horizon = new Date(Date.parse(asOf) + (options?.horizonDays ?? 180) * DAY_MS).toISOString().slice(0, 10);
  const itemCategory = new Map(dataset.items.map((i) => [i.id, i.category]));
  const byCategory = new Map<string, { items: number; offerings: number; demandLines: number }>();
  const bump = (category: string | undefined, field: 'items' | 'offerings' | 'demandLines'): void => {
    if (category === undefined) return;
    const row = byCategory.get(category) ?? { items: 0, offerings: 0, demandLines: 0 };
    row[field] += 1;
    byCategory.set(category, row);
  };
  const countries = new Map<string, number>();
  const certificates: CertificateAlert[] = [];
  const alert = (supplier: string, offering: string | undefined, type: string, expires: string | undefined): void => {
    if (expires === undefined || expires > horizon) return;
    certificates.push({
      supplier,
      ...(offering !== undefined ? { offering } : {}),
      type,
      expires,
      status: expires < asOf ? 'expired' : 'expiring',
    });
  };
  let offerings = 0;
  for (const item of dataset.items) bump(item.category, 'items');
  for (const s of dataset.suppliers) {
    countries.set(s.country, (countries.get(s.country) ?? 0) + 1);
    for (const c of s.certifications) alert(s.id, undefined, c.type, c.expires);
    for (const o of s.offerings) {
      offerings += 1;
      bump(o.item !== undefined ? itemCategory.get(o.item) : o.category, 'offerings');
      for (const c of o.certifications) alert(s.id, o.id, c.type, c.expires);
    }
  }
  let demandLines = 0;
  let linesWithoutCategory = 0;
  for (const b of dataset.buyers) {
    for (const l of b.demandLines) {
      demandLines += 1;
      const category = l.item !== undefined ? itemCategory.get(l.item) : options?.lineCategories?.get(l.id);
      if (category === undefined) linesWithoutCategory += 1;
      bump(category, 'demandLines');
    }
  }
  // Texts are judged as matching reads them: a record with a known item id is not in doubt.
  const catalog = createCatalog(dataset.items, dataset.categories);
  const texts: TextAlert[] = [];
  const judge = (record: TextAlert['record'], id: string, owner: string, ref: { item?: string | undefined; text?: string | undefined }): void => {
    if (ref.text === undefined || (ref.item !== undefined && catalog.items.has(ref.item))) return;
    const u = understandText(catalog.readText(ref.text), catalog.resolveText(ref.text), { side: record === 'offering' ? 'offering' : 'demand' });
    if (u.status !== 'clear') texts.push({ record, id, owner, text: ref.text, ...u });
  };
  for (const b of dataset.buyers) for (const l of b.demandLines) judge('demandLine', l.id, b.id, l);
  for (const s of dataset.suppliers) for (const o of s.offerings) judge('offering', o.id, s.id, o);
  let inForce = 0;
  const notInForce: DecisionAlert[] = [];
  (dataset.decisions ?? []).forEach((d, index) => {
    const standing = decisionStanding(d, asOf);
    if (standing === 'in-force') inForce += 1;
    else
      notInForce.push({ index, buyer: d.buyer, supplier: d.supplier, status: d.status, date: d.date, ...(d.until !== undefined ? { until: d.until } : {}), standing });
  });
  const byKey = <T>(a: [string, T], b: [string, T]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return {
    asOf,
    counts: {
      items: dataset.items.length,
      suppliers: dataset.suppliers.length,
      offerings,
      buyers: dataset.buyers.length,
      demandLines,
      truthLabels: dataset.truth?.length ?? 0,
    },
    byCategory: [...byCategory].sort(byKey).map(([category, row]) => ({ category, ...row })),
    suppliersByCountry: [...countries]
      .sort((a, b) => b[1] - a[1] || byKey(a, b))
      .map(([country, suppliers]) => ({ country, suppliers })),
    certificates: certificates.sort(
      (a, b) =>
        (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0) ||
        (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0) ||
        (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    ),
    linesWithoutCategory,
    texts,
    decisions: { inForce, notInForce },
  };
}
