import { createMatcher, keepingCandidates, openRun, type Matcher, type MatcherConfig } from '../engine/matcher.js';
import type { LineResult, MatchResult, RankedCandidate, RejectedCandidate } from '../engine/result.js';
import { isMatcher, requireDataset } from '../engine/matcher.js';
import { optionKeyIssues } from '../options.js';
import { SupplymatchError, type Issue } from '../errors.js';
import type { Buyer, DemandLine } from '../model/buyer.js';
import type { SupportType } from '../model/common.js';
import type { Dataset } from '../model/dataset.js';
import { formatQuantityValue } from '../model/quantity.js';
import type { Supplier } from '../model/supplier.js';
import { planSupport, type SupportBudget, type SupportCosts, type SupportPlan } from './budget.js';
import { createCounterfactualRunner, type RerunMode, type Standing } from './counterfactual.js';
import { actionKey, coverageGain, givenFrom, indexCoverage, lineCoverage, supportOrder, type CoverageIndex, type CoverageLine, type CoverageOffer } from './coverage.js';
import type { CriterionDeficits } from '../criteria/deficit.js';
import { closeDeficits, deficitDeclarations, deficitsOf, type Deficit, type DeficitKind } from './deficits.js';
import { declaredSupport, DEFAULT_SUPPORT_MAPPING, SUPPORT_TYPES, sortSupportTypes, type SupportMapping, type SupportTarget } from './support.js';
import { compareIds } from '../model/common.js';

/**
 * How a demand line stands for domestic supply:
 * - `domestic`: enough qualified domestic suppliers (at least `minDomestic` and the line's
 *   `minSuppliers`) with enough capacity (none counted above the line's `maxSupplierShare`);
 * - `partial`: some qualified domestic supplier, but too few of them or too little capacity;
 * - `foreign-only`: no qualified domestic supplier, at least one qualified foreign one;
 * - `uncovered`: nobody qualifies.
 *
 * @example
 * report.lines.filter((l) => l.class === 'uncovered').map((l) => l.line); // => ['HB-D04', 'YB-D01', 'YB-D02', 'YB-D05']
 */
export type LineClass = 'domestic' | 'partial' | 'foreign-only' | 'uncovered';

/**
 * The classes in report order.
 *
 * @example
 * LINE_CLASSES.map((c) => report.counts[c]); // => [32, 7, 3, 4]
 */
export const LINE_CLASSES: readonly LineClass[] = Object.freeze(['domestic', 'partial', 'foreign-only', 'uncovered'] as const);

/**
 * A counterfactual: the pair re-matched by the real engine with some deficits closed.
 *
 * @example
 * const c: Counterfactual = { closes: ['information'], changes: ['added ASTM F838 valid 2021-03-01 to 2024-09-01'],
 *   qualifies: true, rank: 2, qualifiedCount: 6, score: 0.91, failed: [],
 *   sentence: 'S-002 would rank #2 of 6 for SB-D01 if its ASTM F838 certificate were renewed.' };
 */
export interface Counterfactual extends Standing {
  /** The support types whose deficits were closed. */
  readonly closes: readonly SupportType[];
  /** What was changed in the data (see {@link closeDeficits}). */
  readonly changes: readonly string[];
  /** `S-014 would rank #1 of 3 for CT-D07 if its ISO 13485 certificate were renewed.` */
  readonly sentence: string;
}

/**
 * A domestic supplier's offering that does not (fully) serve a line (for example S-014's virus
 * filter on YB-D05, which lacks USP <88> Class VI and an LRV of 4): rejected by a gate, or
 * qualified with shortfalls (partial capacity, a certificate lapsing before need-by, a price
 * over the maximum, a prototype...). Offerings of another kind of item (item fit failed) are
 * not near misses; they are counted in {@link LineGap.otherDomestic}.
 *
 * @example
 * report.lines.find((l) => l.line === 'YB-D05')?.nearMisses[0];
 * // => { supplier: 'S-014', offering: 'S-014-O1', status: 'rejected', needs: ['information', 'technical'], distance: 1.25,
 * //      deficits: [{ code: 'spec.unmet', summary: 'lrv 3 vs at least 4 (25% off)', ... }, { code: 'cert.missing', ... }, ...], ... }
 */
export interface NearMiss {
  readonly supplier: string;
  readonly offering: string;
  readonly item: string | undefined;
  readonly status: 'rejected' | 'qualified';
  /** Its rank today when qualified. */
  readonly rank: number | undefined;
  /** Its total today (for a rejected one, the weighted sum it would have had). */
  readonly score: number;
  /** Criteria whose gate it fails today. */
  readonly failed: readonly string[];
  /** What it lacks, blocking deficits first, each quantified with the support that closes it. */
  readonly deficits: readonly Deficit[];
  /** Support types that must all be given before it qualifies (empty when it qualifies today). */
  readonly needs: readonly SupportType[];
  /** Every support type that would close one of its deficits. */
  readonly supports: readonly SupportType[];
  /** True when every blocking deficit can be closed by support (none is a foreign seat, another item, or a date already past). */
  readonly closable: boolean;
  /**
   * False when it offers another kind of item than the line's (an `item.*` deficit, or an item
   * of another catalog category than the line's item, which the engine let through as an
   * alternative reading of the line's text): closing its gaps would mean a new product.
   */
  readonly sameItem: boolean;
  /** Sum of the sizes of its blocking deficits (see {@link Deficit.size}): how much it lacks. */
  readonly distance: number;
  /** Its capacity over the line's demand today (canonical units); undefined when not stated or incomparable. */
  readonly capacityShare: number | undefined;
  /** The engine's verdict with only the blocking deficits closed (rejected and closable near misses). */
  readonly unblocked: Counterfactual | undefined;
  /** The engine's verdict with every closable deficit closed. */
  readonly closed: Counterfactual | undefined;
}

/**
 * A qualified domestic offering of a line, as counted for coverage.
 *
 * @example
 * const offer: DomesticOffer = { supplier: 'S-001', offering: 'S-001-O1', rank: 1, capacityShare: 0.9 };
 */
export interface DomesticOffer {
  readonly supplier: string;
  readonly offering: string;
  readonly rank: number;
  /** Capacity over the demand; undefined when not stated or incomparable (counted as 0). */
  readonly capacityShare: number | undefined;
}

/**
 * One demand line in a {@link GapReport}.
 *
 * @example
 * report.lines.find((l) => l.line === 'HB-D04'); // => { class: 'uncovered', nearMisses: [...], why: 'Nobody qualifies; 6 domestic near misses.', ... }
 */
export interface LineGap {
  readonly line: string;
  readonly buyer: string;
  /** The catalog item the line is for (named, or the best resolution); undefined when unresolved. */
  readonly item: string | undefined;
  /** The demanded rate as written. */
  readonly quantity: string;
  readonly class: LineClass;
  /** How many qualified domestic suppliers the line needs: max(`minDomestic`, `sourcing.minSuppliers`). */
  readonly required: number;
  /** Distinct qualified domestic suppliers, sorted. */
  readonly domesticSuppliers: readonly string[];
  /** Distinct qualified foreign suppliers, sorted. */
  readonly foreignSuppliers: readonly string[];
  /** Qualified domestic offerings in rank order. */
  readonly domestic: readonly DomesticOffer[];
  /** Share of the demanded volume the qualified domestic suppliers can carry together, in [0, 1] (each supplier at its best offering). */
  readonly domesticShare: number;
  /** Coverage in the sense of the class: 1 exactly when the class is `domestic` (see {@link lineCoverage}). */
  readonly coverage: number;
  /** Qualified domestic offerings whose capacity cannot be compared with the demand (counted as 0). */
  readonly unknownCapacity: readonly string[];
  /** Domestic near misses, nearest first (see {@link gapReport} for the order), at most `maxNearMisses`. */
  readonly nearMisses: readonly NearMiss[];
  /** Whether the line has more domestic near misses than `nearMisses` lists (the `maxNearMisses` nearest are listed). */
  readonly moreNearMisses: boolean;
  /**
   * Domestic candidates rejected because they offer another kind of item: every one when
   * `moreNearMisses` is false, else at least this many (past the listed near misses, the engine
   * stops judging candidates that cannot come nearer).
   */
  readonly otherDomestic: number;
  /** One sentence saying why the line has its class. */
  readonly why: string;
}

/**
 * A deficit shared across lines, in a supplier's plan or an action.
 *
 * @example
 * const d: PlannedDeficit = { support: 'information', kind: 'certificate', code: 'cert.expired', summary: 'ASTM F838 expired 2020-11-30',
 *   blocking: true, lines: ['CB-D10', 'HB-D02', 'IC-D03', 'SB-D01'] };
 */
export interface PlannedDeficit {
  readonly support: SupportTarget;
  readonly kind: DeficitKind;
  readonly code: string;
  readonly summary: string;
  readonly blocking: boolean;
  /** The lines where it counts, sorted. */
  readonly lines: readonly string[];
}

/**
 * A line a supplier (or an action) would open, by the counterfactual.
 *
 * @example
 * const u: Unlock = { line: 'YB-D05', offering: 'S-014-O1', rank: 1, gain: 1 };
 */
export interface Unlock {
  readonly line: string;
  readonly offering: string;
  /** The rank it would reach with the support given (closing all its deficits of those types). */
  readonly rank: number | undefined;
  /** Coverage of the line gained (line-equivalents). */
  readonly gain: number;
}

/**
 * One domestic supplier's development plan across all buyers.
 *
 * @example
 * report.suppliers.find((p) => p.supplier === 'S-014');
 * // => { supports: ['funding', 'information', 'technical'], unlocks: [{ line: 'IC-D07', rank: 1, ... }, { line: 'YB-D05', ... }], gain: 2, ... }
 */
export interface SupplierPlan {
  readonly supplier: string;
  readonly name: string;
  readonly size: string | undefined;
  /** Support the firm itself says it needs (`supportNeeds`). */
  readonly declaredNeeds: readonly SupportType[];
  /** Support types that would close at least one of its deficits. */
  readonly supports: readonly SupportType[];
  readonly deficits: readonly PlannedDeficit[];
  /** Lines it would newly qualify for with all of that support (by the counterfactuals), sorted by line id. */
  readonly unlocks: readonly Unlock[];
  /** Lines where it qualifies today and support would raise its capacity share or rank. */
  readonly improves: readonly string[];
  /** Coverage gained over all lines with all of its support (line-equivalents). */
  readonly gain: number;
}

/**
 * A support action: closing all deficits of one supplier that one support type closes.
 *
 * @example
 * report.actions.find((a) => a.id === 'S-031/information'); // => { unlocks: [{ line: 'HB-D01', rank: 1, ... }], gain: 1, declared: true, ... }
 */
export interface SupportAction {
  /** `S-002/information`. */
  readonly id: string;
  readonly supplier: string;
  readonly support: SupportType;
  /** True when the firm lists this support among its `supportNeeds`. */
  readonly declared: boolean;
  readonly deficits: readonly PlannedDeficit[];
  /** Lines this action alone opens or widens (coverage rises), sorted. */
  readonly unlocks: readonly Unlock[];
  /** Lines it helps open only together with other support to the same firm. */
  readonly together: readonly { readonly line: string; readonly needs: readonly SupportType[] }[];
  /** Coverage gained by this action alone (line-equivalents). */
  readonly gain: number;
}

/**
 * What one support type can do across the programme.
 *
 * @example
 * report.supportTypes[1]; // => { support: 'information', suppliers: [...56 firms], declaredBy: [...], actions: 56, lines: [...8], gain: 4.13 }
 */
export interface SupportTypeSummary {
  readonly support: SupportType;
  /** Firms with at least one deficit this support closes, sorted. */
  readonly suppliers: readonly string[];
  /** Of those, the firms that list it among their needs. */
  readonly declaredBy: readonly string[];
  readonly actions: number;
  /** Lines whose coverage rises when every action of this type is taken (and nothing else), sorted. */
  readonly lines: readonly string[];
  /** Coverage gained by every action of this type together (line-equivalents). */
  readonly gain: number;
}

/**
 * One catalog item across the buyers' lines.
 *
 * @example
 * report.items.find((i) => i.item === 'IT-VRF-20N'); // => { lines: ['IC-D07', 'YB-D05'], importDependence: 0.75, unserved: 0.25, ... }
 */
export interface ItemGap {
  /** Catalog item id, or `(unresolved)`. */
  readonly item: string;
  readonly name: string | undefined;
  readonly category: string | undefined;
  readonly lines: readonly string[];
  readonly classes: Readonly<Record<LineClass, number>>;
  /** Qualified domestic suppliers on any of its lines, sorted. */
  readonly domesticSuppliers: readonly string[];
  readonly foreignSuppliers: readonly string[];
  /** Total demanded rate, when all lines are in one dimension (in the unit of the line with the first id). */
  readonly demanded: string | undefined;
  /** Qualified domestic capacity (each supplier once, at its best offering), same unit; undefined when dimensions differ. */
  readonly domesticCapacity: string | undefined;
  /** Share of the demanded volume domestic suppliers can carry (per line, capped at the line). */
  readonly domesticShare: number;
  /** Share of the demanded volume only foreign suppliers can cover: import dependence. */
  readonly importDependence: number;
  /** Share nobody qualified can cover. */
  readonly unserved: number;
  /** `volume` when lines are weighed by demanded volume; `lines` when their dimensions differ and each line counts once. */
  readonly weighting: 'volume' | 'lines';
}

/**
 * What {@link gapReport} returns: plain, serializable data.
 *
 * @example
 * const report: GapReport = gapReport(dataset);
 * JSON.parse(serializeGapReport(report)).counts.lines; // => 46
 */
export interface GapReport {
  readonly asOf: string;
  readonly domesticCountry: string;
  readonly minDomestic: number;
  /** The mapping in force (defaults with the caller's overrides). */
  readonly mapping: SupportMapping;
  readonly counts: Readonly<Record<LineClass, number>> & { readonly lines: number; readonly nearMisses: number; readonly counterfactualRuns: number };
  /** Every line matched, in dataset order. */
  readonly lines: readonly LineGap[];
  /** By import dependence, then unserved share (both descending), then item id. */
  readonly items: readonly ItemGap[];
  /** By coverage gained (descending), then supplier id. */
  readonly suppliers: readonly SupplierPlan[];
  /** By coverage gained alone (descending), then supplier id, then support type (funding, information, technical). */
  readonly actions: readonly SupportAction[];
  /** Funding, information, technical. */
  readonly supportTypes: readonly SupportTypeSummary[];
  /** The choice of actions under a budget, when one was given. */
  readonly plan: SupportPlan | undefined;
  /** The coverage model behind `actions` and `plan`, for {@link planSupport}. */
  readonly model: readonly CoverageLine[];
}

/**
 * Options of {@link gapReport}.
 *
 * @example
 * const options: GapReportOptions = { minDomestic: 2, support: { 'lead_time.*': 'technical' }, budget: { funding: 3, information: 5, technical: 2 } };
 */
export interface GapReportOptions {
  /**
   * The matcher, as a configuration or a matcher made by `createMatcher`: its criteria, options,
   * weights and aggregate are used; the report keeps every qualified candidate of a line and its
   * own near misses, whatever the matcher's `topK` and `rejectedK`. Default `createMatcher()`'s.
   */
  readonly matcher?: MatcherConfig | Matcher;
  /**
   * The most near misses listed per line, nearest first (default 20). Past them a line says
   * only that it has more (`moreNearMisses`): on large datasets a line may have hundreds, and
   * each listed one is judged in full and re-matched with its deficits closed.
   */
  readonly maxNearMisses?: number;
  /** The date certificates and lead times are judged on; default the matcher's, then the dataset's. */
  readonly asOf?: string;
  /** Suppliers of this country are domestic; default `dataset.meta.domesticCountry`. The match is run with it too. */
  readonly domesticCountry?: string;
  /** Qualified domestic suppliers a line needs, at least; a line's `sourcing.minSuppliers` raises it. Default 1. */
  readonly minDomestic?: number;
  /** Overrides of the deficit → support mapping (see {@link DEFAULT_SUPPORT_MAPPING}). */
  readonly support?: SupportMapping;
  /** Only these demand lines; default all. */
  readonly lines?: readonly string[];
  /** Run counterfactuals (default true). Without them no near miss is known to qualify, so actions gain nothing. */
  readonly counterfactuals?: boolean;
  /** How counterfactuals re-run the engine (see {@link createCounterfactualRunner}); default `prepared`. */
  readonly rerun?: RerunMode;
  /**
   * A result of the same matcher on this dataset (same `asOf`, criteria, weights, aggregate and
   * lines), for instance the one a report already holds: a line it holds with every candidate
   * (none cut by `topK` or `rejectedK`) is read from it instead of being matched again; the other
   * lines are matched one by one with every candidate kept. A result made otherwise is refused.
   */
  readonly result?: MatchResult;
  /** When given, the report includes a {@link SupportPlan} under this budget. */
  readonly budget?: SupportBudget;
  /** Cost of an action, for the plan; default 1 per action. */
  readonly costs?: SupportCosts;
  /** Called with (done, total) demand lines as their near misses are re-matched; for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

const GAP_REPORT_OPTION_KEYS = Object.keys({
  matcher: true,
  maxNearMisses: true,
  asOf: true,
  domesticCountry: true,
  minDomestic: true,
  support: true,
  lines: true,
  counterfactuals: true,
  rerun: true,
  result: true,
  budget: true,
  costs: true,
  onProgress: true,
} satisfies Record<keyof GapReportOptions, true>);

/** The largest `maxNearMisses` (each listed near miss is judged in full and re-matched). */
const MAX_NEAR_MISSES = 100_000;

const DEFAULTS = Object.freeze({ minDomestic: 1, maxNearMisses: 20 });


function optionIssues(options: GapReportOptions | undefined, dataset: Dataset): Issue[] {
  const issues: Issue[] = [];
  const min = options?.minDomestic ?? DEFAULTS.minDomestic;
  if (!Number.isInteger(min) || min < 1) issues.push({ path: 'minDomestic', code: 'invalid_option', message: `minDomestic is a whole number >= 1, not ${String(min)}` });
  const most = options?.maxNearMisses ?? DEFAULTS.maxNearMisses;
  if (!Number.isInteger(most) || most < 0 || most > MAX_NEAR_MISSES)
    issues.push({ path: 'maxNearMisses', code: 'invalid_option', message: `maxNearMisses is a whole number from 0 to ${MAX_NEAR_MISSES}, not ${String(most)}` });
  const country = options?.domesticCountry ?? dataset.meta.domesticCountry;
  if (country === undefined)
    issues.push({ path: 'domesticCountry', code: 'required', message: 'a gap report needs a domestic country: give domesticCountry or set meta.domesticCountry' });
  else if (!/^[A-Z]{2}$/.test(country)) issues.push({ path: 'domesticCountry', code: 'invalid_format', message: `domesticCountry is a two-letter code such as "KR", not "${country}"` });
  for (const [code, target] of Object.entries(options?.support ?? {}))
    if (target !== 'none' && !SUPPORT_TYPES.includes(target as SupportType))
      issues.push({ path: `support.${code}`, code: 'invalid_option', message: `support of "${code}" is funding, information, technical or none, not "${String(target)}"` });
  if (options?.lines) {
    const known = new Set(dataset.buyers.flatMap((b) => b.demandLines.map((l) => l.id)));
    for (const id of options.lines) if (!known.has(id)) issues.push({ path: 'lines', code: 'unknown_line', message: `no demand line "${id}"` });
  }
  return issues;
}

function throwIssues(issues: Issue[]): void {
  const [first, ...rest] = issues;
  if (first) throw new SupplymatchError([first, ...rest]);
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function joinClauses(clauses: readonly string[]): string {
  // `it obtained GMP` and `it obtained DMF` read better as `it obtained GMP and DMF`.
  const obtained = [...new Set(clauses.filter((c) => c.startsWith('it obtained ')).map((c) => c.slice('it obtained '.length)))];
  const rest = clauses.filter((c) => !c.startsWith('it obtained '));
  const merged = obtained.length === 0 ? rest : [...rest, `it obtained ${obtained.length === 1 ? obtained[0] ?? '' : `${obtained.slice(0, -1).join(', ')} and ${obtained[obtained.length - 1] ?? ''}`}`];
  const unique = [...new Set(merged)];
  if (unique.length <= 1) return unique[0] ?? 'nothing changed';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1] ?? ''}`;
}

function counterfactualSentence(supplier: string, line: string, standing: Standing, deficits: readonly Deficit[], now: number | undefined): string {
  const condition = `if ${joinClauses(deficits.map((d) => d.remedy))}`;
  const was = now === undefined ? '' : ` (now #${now})`;
  if (standing.qualifies) return `${supplier} would rank #${standing.rank ?? '?'} of ${standing.qualifiedCount} for ${line}${was} ${condition}.`;
  return `${supplier} would still fail ${standing.failed.join(', ') || 'a gate'} for ${line} even ${condition}.`;
}

/**
 * Sort key of near misses: closable first, the line's own kind of item first, fewest blocking
 * deficits, smallest distance, fewest support types needed, fewest deficits, best score, ids.
 */
function compareNearMisses(a: NearMiss, b: NearMiss): number {
  const blocking = (n: NearMiss): number => n.deficits.filter((d) => d.blocking).length;
  return (
    Number(b.closable) - Number(a.closable) ||
    Number(b.sameItem) - Number(a.sameItem) ||
    blocking(a) - blocking(b) ||
    a.distance - b.distance ||
    a.needs.length - b.needs.length ||
    a.deficits.length - b.deficits.length ||
    b.score - a.score ||
    compareIds(a.supplier, b.supplier) ||
    compareIds(a.offering, b.offering)
  );
}

/** Capacity of an offering over a line's demand, canonical units; undefined when not comparable. */
function capacityShareOf(supplier: Supplier | undefined, offeringId: string, line: DemandLine): number | undefined {
  const capacity = supplier?.offerings.find((o) => o.id === offeringId)?.capacity;
  if (capacity === undefined || capacity.dimension !== line.quantity.dimension) return undefined;
  if (line.quantity.max === 0) return 1;
  return capacity.min / line.quantity.max;
}

/** The most one supplier counts for on a line: `min(maxSupplierShare, 1 / required)`. */
const supplierCapOf = (line: DemandLine, required: number): number => Math.min(line.sourcing.maxSupplierShare, 1 / required);

/** `; 3 domestic near misses`, `; more than 20 domestic near misses (the 20 nearest listed)`, or that there is none. */
function nearMissClause(gap: Omit<LineGap, 'why'>): string {
  const n = gap.nearMisses.length;
  if (gap.moreNearMisses) return `; more than ${n} domestic near misses (the ${n} nearest listed)`;
  return n > 0 ? `; ${n} domestic near miss${n === 1 ? '' : 'es'}` : '; no domestic maker of this item';
}

function classWhy(gap: Omit<LineGap, 'why'>, line: DemandLine): string {
  const n = gap.domesticSuppliers.length;
  const pct = `${Math.round(gap.domesticShare * 1000) / 10}%`;
  switch (gap.class) {
    case 'domestic':
      return `${n} qualified domestic supplier${n === 1 ? '' : 's'} (${gap.required} needed) carry ${pct} of ${line.quantity.text}.`;
    case 'partial': {
      const parts: string[] = [];
      if (n < gap.required) parts.push(`${n} qualified domestic supplier${n === 1 ? '' : 's'} of ${gap.required} needed`);
      if (gap.domesticShare < 1) parts.push(`domestic capacity carries ${pct} of ${line.quantity.text}`);
      if (n >= gap.required && gap.domesticShare >= 1)
        parts.push(`counting each supplier for at most ${Math.round(supplierCapOf(line, gap.required) * 1000) / 10}% of the line, they cover ${Math.round(gap.coverage * 1000) / 10}%`);
      if (gap.unknownCapacity.length > 0) parts.push(`capacity of ${gap.unknownCapacity.join(', ')} not comparable with the demand`);
      return `Partly domestic: ${parts.join('; ')}.`;
    }
    case 'foreign-only':
      return `Only foreign suppliers qualify (${gap.foreignSuppliers.join(', ')})${nearMissClause(gap)}.`;
    case 'uncovered':
      return `Nobody qualifies${nearMissClause(gap)}.`;
  }
}

/**
 * The gap report without its notebook display (internal to the package: the entry point's
 * `gapReport`, documented there, adds the display).
 *
 * @example
 * const report = gapReport(dataset, { asOf: '2021-03-01' });
 */
export function gapReport(dataset: Dataset, options?: GapReportOptions): GapReport {
  requireDataset(dataset, 'gapReport');
  const keyIssues = optionKeyIssues(options, GAP_REPORT_OPTION_KEYS, 'gapReport');
  throwIssues(keyIssues.length > 0 ? keyIssues : optionIssues(options, dataset));
  const domesticCountry = (options?.domesticCountry ?? dataset.meta.domesticCountry) as string;
  const data: Dataset = dataset.meta.domesticCountry === domesticCountry ? dataset : { ...dataset, meta: { ...dataset.meta, domesticCountry } };
  const minDomestic = options?.minDomestic ?? DEFAULTS.minDomestic;

  const offeringCount = Math.max(1, data.suppliers.reduce((n, s) => n + s.offerings.length, 0));
  const maxNearMisses = options?.maxNearMisses ?? DEFAULTS.maxNearMisses;
  const given = options?.matcher;
  // Every qualified candidate (coverage counts them all), and one more near miss than listed,
  // so that a line knows whether it has more.
  const matcher = keepingCandidates(given !== undefined && isMatcher(given) ? given : createMatcher(given ?? {}), { topK: offeringCount, rejectedK: maxNearMisses + 1 });
  // What deficits mean comes from the criteria: their declarations, then the caller's overrides.
  const criteria = matcher.criteria.map((c) => c.criterion);
  const declarations = deficitDeclarations(criteria);
  const mapping: SupportMapping = { ...DEFAULT_SUPPORT_MAPPING, ...declaredSupport(criteria), ...(options?.support ?? {}) };
  const prepared = matcher.prepare(data);
  const matchOptions = { ...(options?.lines ? { lines: options.lines } : {}), ...(options?.asOf !== undefined ? { asOf: options.asOf } : {}) };
  const suppliers = new Map(data.suppliers.map((s) => [s.id, s]));
  const isDomestic = (id: string): boolean => suppliers.get(id)?.country === domesticCountry;
  // Line by line: each line's candidates are judged, read for near misses and let go, so that
  // memory holds one line's candidates at a time, not every pair of the dataset. Of the
  // rejected, a line's near-miss pool holds only domestic offerings of its item, the nearest
  // first; the domestic ones of other items are only counted. The engine applies this as it
  // judges; a line read from a given result is sorted the same way.
  const missKind = (country: string | undefined, failsItemFit: boolean): 'pool' | 'other' | 'foreign' =>
    country !== domesticCountry ? 'foreign' : failsItemFit ? 'other' : 'pool';
  const itemFitAt = matcher.criteria.findIndex((c) => c.id === ITEM_FIT);
  let otherDomestic = 0;
  const run = openRun(matcher, prepared, matchOptions, {
    keepMiss: (o, failed) => {
      const kind = missKind(o.supplier.country, itemFitAt >= 0 && failed(itemFitAt));
      if (kind === 'other') otherDomestic += 1;
      return kind === 'pool';
    },
  });
  const settings = run.result([]).settings;
  const asOf = settings.asOf;
  const givenResult = options?.result;
  if (givenResult !== undefined) checkResult(givenResult, settings, run.lines.map((l) => l.line.id));
  /** A line's result, its near-miss pool and its count of domestic offerings of other items. */
  const lineResult = (at: number): { lr: LineResult; pool: readonly RejectedCandidate[]; other: number } => {
    const held = givenResult?.lines[at];
    if (held !== undefined && isComplete(held)) {
      const kinds = held.rejected.map((r) => missKind(suppliers.get(r.supplier)?.country, r.failed.includes(ITEM_FIT)));
      return {
        lr: held,
        pool: held.rejected.filter((_, i) => kinds[i] === 'pool').slice(0, maxNearMisses + 1),
        other: kinds.filter((k) => k === 'other').length,
      };
    }
    otherDomestic = 0;
    const lr = run.match(at);
    return { lr, pool: lr.rejected, other: otherDomestic };
  };

  const lineInfo = new Map<string, { line: DemandLine; buyer: Buyer }>();
  for (const buyer of data.buyers) for (const line of buyer.demandLines) lineInfo.set(line.id, { line, buyer });
  const categoryOf = new Map(data.items.map((i) => [i.id, i.category]));
  const runner = createCounterfactualRunner(matcher, data, prepared, { asOf, mode: options?.rerun ?? 'prepared' });
  const withCounterfactuals = options?.counterfactuals ?? true;

  const gaps: LineGap[] = [];
  const model: CoverageLine[] = [];
  for (let at = 0; at < run.lines.length; at++) {
    const { lr, pool, other } = lineResult(at);
    const info = lineInfo.get(lr.line);
    if (!info) continue;
    const { line } = info;
    const required = Math.max(minDomestic, line.sourcing.minSuppliers);
    const lineItem = line.item ?? lr.resolution.items[0]?.item;
    const sameKind = (item: string | undefined): boolean =>
      item === undefined || lineItem === undefined || item === lineItem || (categoryOf.get(item) !== undefined && categoryOf.get(item) === categoryOf.get(lineItem));
    const { nearMisses, more } = nearMissesOf(lr, pool, line, { isDomestic, sameKind, suppliers, mapping, declarations, asOf, runner, withCounterfactuals, limit: maxNearMisses });
    const domestic: DomesticOffer[] = lr.candidates
      .filter((c) => isDomestic(c.supplier))
      .map((c) => ({ supplier: c.supplier, offering: c.offering, rank: c.rank, capacityShare: capacityShareOf(suppliers.get(c.supplier), c.offering, line) }));
    const coverageLine: CoverageLine = {
      line: lr.line,
      supplierCap: supplierCapOf(line, required),
      offers: coverageOffers(domestic, nearMisses),
    };
    model.push(coverageLine);
    const coverage = lineCoverage(coverageLine, new Map());
    const domesticSuppliers = [...new Set(domestic.map((d) => d.supplier))].sort(compareIds);
    const foreignSuppliers = [...new Set(lr.candidates.filter((c) => !isDomestic(c.supplier)).map((c) => c.supplier))].sort(compareIds);
    const bestShare = new Map<string, number>();
    for (const d of domestic) bestShare.set(d.supplier, Math.max(bestShare.get(d.supplier) ?? 0, d.capacityShare ?? 0));
    const domesticShare = Math.min(1, [...bestShare.values()].reduce((a, b) => a + b, 0));
    const cls: LineClass =
      domesticSuppliers.length > 0 ? (coverage >= 1 ? 'domestic' : 'partial') : foreignSuppliers.length > 0 ? 'foreign-only' : 'uncovered';
    const gap: Omit<LineGap, 'why'> = {
      line: lr.line,
      buyer: lr.buyer,
      item: lineItem,
      quantity: line.quantity.text,
      class: cls,
      required,
      domesticSuppliers,
      foreignSuppliers,
      domestic,
      domesticShare: round4(domesticShare),
      coverage: round4(coverage),
      unknownCapacity: domestic.filter((d) => d.capacityShare === undefined).map((d) => d.offering),
      nearMisses,
      moreNearMisses: more,
      otherDomestic: other,
    };
    gaps.push({ ...gap, why: classWhy(gap, line) });
    options?.onProgress?.(gaps.length, run.lines.length);
  }

  const counts = {
    domestic: 0,
    partial: 0,
    'foreign-only': 0,
    uncovered: 0,
    lines: gaps.length,
    nearMisses: gaps.reduce((n, g) => n + g.nearMisses.length, 0),
    counterfactualRuns: runner.runs.count,
  };
  for (const g of gaps) counts[g.class] += 1;

  const index = indexCoverage(model);
  const actions = actionsOf(gaps, model, index, suppliers);
  const plan = options?.budget === undefined ? undefined : planSupport(model, { budget: options.budget, ...(options.costs !== undefined ? { costs: options.costs } : {}) });
  const report: GapReport = {
    asOf,
    domesticCountry,
    minDomestic,
    mapping,
    counts,
    lines: gaps,
    items: itemsOf(gaps, data, lineInfo, suppliers),
    suppliers: supplierPlansOf(gaps, model, index, suppliers),
    actions,
    supportTypes: supportTypesOf(actions, model, index, suppliers),
    plan,
    model,
  };
  return report;
}

const ITEM_FIT = 'itemFit';

const isComplete = (l: LineResult): boolean => l.candidates.length >= l.qualifiedCount && l.rejected.length >= l.rejectedCount;

/** A given result must be the report's own matcher's on the same lines: same date, aggregate, criteria and weights. */
function checkResult(result: MatchResult, settings: MatchResult['settings'], lines: readonly string[]): void {
  const issues: Issue[] = [];
  const criteria = (s: MatchResult['settings']): string => JSON.stringify(s.criteria.map((c) => [c.id, c.weight]));
  if (result?.settings === undefined || !Array.isArray(result.lines)) issues.push({ path: 'result', code: 'invalid_input', message: 'result is what matcher.match returned' });
  else {
    if (result.settings.asOf !== settings.asOf) issues.push({ path: 'result.settings.asOf', code: 'mismatch', message: `the result is as of ${result.settings.asOf}, the report as of ${settings.asOf}` });
    if (result.settings.aggregate !== settings.aggregate || criteria(result.settings) !== criteria(settings) || result.settings.candidates !== settings.candidates)
      issues.push({ path: 'result.settings', code: 'mismatch', message: 'the result was made with other criteria, weights, aggregate or candidates than the report\'s matcher' });
    if (result.lines.length !== lines.length || result.lines.some((l, i) => l.line !== lines[i]))
      issues.push({ path: 'result.lines', code: 'mismatch', message: 'the result holds other demand lines than the report (give the same `lines`)' });
  }
  throwIssues(issues);
}

interface NearMissContext {
  readonly isDomestic: (supplier: string) => boolean;
  /** Whether an offering matched as this item offers the line's kind of item. */
  readonly sameKind: (item: string | undefined) => boolean;
  readonly suppliers: ReadonlyMap<string, Supplier>;
  readonly mapping: SupportMapping;
  readonly declarations: ReadonlyMap<string, CriterionDeficits>;
  readonly asOf: string;
  readonly runner: ReturnType<typeof createCounterfactualRunner>;
  readonly withCounterfactuals: boolean;
  /** The most near misses listed. */
  readonly limit: number;
}

/**
 * A line's near misses: its qualified domestic offerings that support could still improve, and
 * its pool of rejected domestic offerings of its item (the engine's nearest, one more than
 * `limit`). Their deficits are read first; then, in the report's order with `closable` as the
 * criteria declare it, counterfactuals are run until `limit` near misses are known closable (a
 * counterfactual may find one is not: it then sorts with the unclosable ones), so that the
 * `limit` nearest are listed with as few re-matches as the order allows.
 */
function nearMissesOf(lr: LineResult, pool: readonly RejectedCandidate[], line: DemandLine, ctx: NearMissContext): { nearMisses: NearMiss[]; more: boolean } {
  type Draft = { readonly candidate: RankedCandidate | RejectedCandidate; readonly miss: NearMiss };
  const drafts: Draft[] = [];
  const draft = (c: RankedCandidate | RejectedCandidate, status: NearMiss['status']): void => {
    if (!ctx.isDomestic(c.supplier)) return;
    const deficits = deficitsOf(c.outcomes, ctx.mapping, ctx.declarations).sort((a, b) => Number(b.blocking) - Number(a.blocking));
    // A qualified offering is a near miss only when support could still do something for it.
    if (status === 'qualified' && !deficits.some((d) => d.closable)) return;
    const blocking = deficits.filter((d) => d.blocking);
    drafts.push({
      candidate: c,
      miss: {
        supplier: c.supplier,
        offering: c.offering,
        item: c.item,
        status,
        rank: 'rank' in c ? c.rank : undefined,
        score: c.score,
        failed: 'failed' in c ? c.failed : [],
        deficits,
        needs: sortSupportTypes(blocking.flatMap((d) => (d.support === 'none' ? [] : [d.support]))),
        supports: sortSupportTypes(deficits.flatMap((d) => (d.closable && d.support !== 'none' ? [d.support] : []))),
        closable: blocking.every((d) => d.closable),
        sameItem: !deficits.some((d) => d.kind === 'item') && ctx.sameKind(c.item),
        distance: round4(blocking.reduce((sum, d) => sum + d.size, 0)),
        capacityShare: capacityShareOf(ctx.suppliers.get(c.supplier), c.offering, line),
        unblocked: undefined,
        closed: undefined,
      },
    });
  };
  for (const c of lr.candidates) draft(c, 'qualified');
  for (const r of pool) draft(r, 'rejected');
  drafts.sort((a, b) => compareNearMisses(a.miss, b.miss));

  const settled: NearMiss[] = [];
  let closable = 0;
  for (const { candidate, miss } of drafts) {
    // The drafts still to settle that count as closable come after those settled closable, and
    // the unclosable ones after them: once `limit` are settled closable, the rest are not listed.
    if (miss.closable && closable >= ctx.limit) break;
    const done = settle(lr, candidate, miss, line, ctx);
    if (done.closable) closable += 1;
    settled.push(done);
  }
  return { nearMisses: settled.sort(compareNearMisses).slice(0, ctx.limit), more: drafts.length > ctx.limit };
}

/** A near miss with its counterfactuals run (when closable): `unblocked` for a rejected one, then `closed`. */
function settle(lr: LineResult, c: RankedCandidate | RejectedCandidate, miss: NearMiss, line: DemandLine, ctx: NearMissContext): NearMiss {
  const supplier = ctx.suppliers.get(c.supplier);
  if (!ctx.withCounterfactuals || supplier === undefined || !miss.closable) return miss;
  const run = (closing: readonly Deficit[], types: readonly SupportType[]): Counterfactual | undefined => {
    const fix = closeDeficits(supplier, c.offering, line, closing, ctx.asOf, ctx.declarations);
    if (fix.open.length > 0) return undefined;
    const standing = ctx.runner.standing(lr, fix.supplier, c.offering);
    return { ...standing, closes: types, changes: fix.changes, sentence: counterfactualSentence(c.supplier, line.id, standing, closing, miss.rank) };
  };
  const blocking = miss.deficits.filter((d) => d.blocking);
  let unblocked: Counterfactual | undefined;
  if (miss.status === 'rejected') {
    unblocked = run(blocking, miss.needs);
    if (unblocked === undefined) return { ...miss, closable: false };
  }
  const all = miss.deficits.filter((d) => d.closable);
  const closed = all.length === 0 ? undefined : all.length === blocking.length && unblocked !== undefined ? unblocked : run(all, miss.supports);
  return { ...miss, unblocked, closed };
}

function coverageOffers(domestic: readonly DomesticOffer[], nearMisses: readonly NearMiss[]): CoverageOffer[] {
  const offers: CoverageOffer[] = [];
  const byOffering = new Map(nearMisses.map((n) => [n.offering, n]));
  const capacitySupportOf = (n: NearMiss | undefined): SupportType | undefined => {
    const d = n?.deficits.find((x) => x.kind === 'capacity' && x.closable && x.support !== 'none');
    // Only a counterfactual that went through shows the raised capacity is enough.
    if (d === undefined || d.support === 'none' || n?.closed?.qualifies !== true) return undefined;
    return d.support;
  };
  for (const d of domestic) {
    const n = byOffering.get(d.offering);
    offers.push({ supplier: d.supplier, offering: d.offering, needs: [], qualifies: true, capacityShare: d.capacityShare ?? 0, capacitySupport: capacitySupportOf(n) });
  }
  for (const n of nearMisses) {
    if (n.status !== 'rejected') continue;
    const qualifies = n.closable && n.unblocked?.qualifies === true && (n.closed === undefined || n.closed.qualifies);
    offers.push({ supplier: n.supplier, offering: n.offering, needs: n.needs, qualifies, capacityShare: n.capacityShare ?? 0, capacitySupport: capacitySupportOf(n) });
  }
  return offers;
}

/** Deficits of several near misses, one entry per (code, summary), with the lines where each counts. */
function plannedDeficits(entries: readonly { line: string; deficit: Deficit }[]): PlannedDeficit[] {
  const byKey = new Map<string, { d: Deficit; lines: Set<string> }>();
  for (const { line, deficit } of entries) {
    const key = `${deficit.code}\u0000${deficit.summary}`;
    const held = byKey.get(key);
    if (held) held.lines.add(line);
    else byKey.set(key, { d: deficit, lines: new Set([line]) });
  }
  return [...byKey.values()]
    .map(({ d, lines }) => ({ support: d.support, kind: d.kind, code: d.code, summary: d.summary, blocking: d.blocking, lines: [...lines].sort(compareIds) }))
    .sort(
      (a, b) =>
        (a.support === 'none' ? 9 : supportOrder(a.support)) - (b.support === 'none' ? 9 : supportOrder(b.support)) ||
        Number(b.blocking) - Number(a.blocking) ||
        compareIds(a.code, b.code) ||
        compareIds(a.summary, b.summary),
    );
}

function nameOf(s: Supplier | undefined): string {
  if (!s) return '';
  return s.names.en ?? Object.values(s.names)[0] ?? s.id;
}

/** Per line, the coverage gained and the offering's counterfactual rank when `supplier` gets `types`. */
function unlocksOf(model: readonly CoverageLine[], index: CoverageIndex, gaps: readonly LineGap[], supplier: string, types: ReadonlySet<SupportType>): Unlock[] {
  const given = new Map([[supplier, types]]);
  const out: Unlock[] = [];
  for (const i of index.linesOf(supplier)) {
    const line = model[i] as CoverageLine;
    const gain = lineCoverage(line, given) - (index.baseline[i] ?? 0);
    if (gain <= 1e-12) continue;
    const nearMisses = (gaps[i]?.nearMisses ?? []).filter((n) => n.supplier === supplier);
    // The offering the supplier would serve the line with: the nearest one the support opens.
    const opened = nearMisses.find((n) => n.needs.every((t) => types.has(t)));
    const standing = opened === undefined ? undefined : opened.supports.every((t) => types.has(t)) ? opened.closed : opened.unblocked ?? opened.closed;
    out.push({ line: line.line, offering: opened?.offering ?? '', rank: standing?.rank ?? opened?.rank, gain: round4(gain) });
  }
  return out.sort((a, b) => compareIds(a.line, b.line));
}

function actionsOf(gaps: readonly LineGap[], model: readonly CoverageLine[], index: CoverageIndex, suppliers: ReadonlyMap<string, Supplier>): SupportAction[] {
  const byAction = new Map<string, { supplier: string; support: SupportType; entries: { line: string; deficit: Deficit }[]; together: Map<string, SupportType[]> }>();
  for (const gap of gaps)
    for (const n of gap.nearMisses)
      for (const d of n.deficits) {
        if (!d.closable || d.support === 'none') continue;
        const key = actionKey(n.supplier, d.support);
        let a = byAction.get(key);
        if (!a) {
          a = { supplier: n.supplier, support: d.support, entries: [], together: new Map() };
          byAction.set(key, a);
        }
        a.entries.push({ line: gap.line, deficit: d });
        if (n.status === 'rejected' && n.closable && n.needs.length > 1 && n.needs.includes(d.support) && !a.together.has(gap.line))
          a.together.set(gap.line, n.needs.filter((t) => t !== d.support));
      }
  const out: SupportAction[] = [];
  for (const [id, a] of byAction) {
    const unlocks = unlocksOf(model, index, gaps, a.supplier, new Set([a.support]));
    out.push({
      id,
      supplier: a.supplier,
      support: a.support,
      declared: suppliers.get(a.supplier)?.supportNeeds.includes(a.support) ?? false,
      deficits: plannedDeficits(a.entries),
      unlocks,
      together: [...a.together].map(([line, needs]) => ({ line, needs })).sort((x, y) => compareIds(x.line, y.line)),
      gain: round4(unlocks.reduce((s, u) => s + u.gain, 0)),
    });
  }
  return out.sort((a, b) => b.gain - a.gain || compareIds(a.supplier, b.supplier) || supportOrder(a.support) - supportOrder(b.support));
}

function supplierPlansOf(gaps: readonly LineGap[], model: readonly CoverageLine[], index: CoverageIndex, suppliers: ReadonlyMap<string, Supplier>): SupplierPlan[] {
  const bySupplier = new Map<string, { line: string; n: NearMiss }[]>();
  for (const gap of gaps)
    for (const n of gap.nearMisses) {
      const list = bySupplier.get(n.supplier) ?? [];
      list.push({ line: gap.line, n });
      bySupplier.set(n.supplier, list);
    }
  const plans: SupplierPlan[] = [];
  for (const [id, entries] of bySupplier) {
    const s = suppliers.get(id);
    const supports = sortSupportTypes(entries.flatMap((e) => e.n.supports));
    const all = new Set(supports);
    const unlocks = unlocksOf(model, index, gaps, id, all).filter((u) => entries.some((e) => e.line === u.line && e.n.status === 'rejected' && u.offering === e.n.offering));
    const improves = [...new Set(entries.filter((e) => e.n.status === 'qualified').map((e) => e.line))].sort(compareIds);
    plans.push({
      supplier: id,
      name: nameOf(s),
      size: s?.size,
      declaredNeeds: sortSupportTypes(s?.supportNeeds ?? []),
      supports,
      deficits: plannedDeficits(entries.flatMap((e) => e.n.deficits.map((deficit) => ({ line: e.line, deficit })))),
      unlocks,
      improves,
      gain: round4(coverageGain(model, new Map([[id, all]]), index)),
    });
  }
  return plans.sort((a, b) => b.gain - a.gain || compareIds(a.supplier, b.supplier));
}

function supportTypesOf(actions: readonly SupportAction[], model: readonly CoverageLine[], index: CoverageIndex, suppliers: ReadonlyMap<string, Supplier>): SupportTypeSummary[] {
  return SUPPORT_TYPES.map((support) => {
    const own = actions.filter((a) => a.support === support);
    const given = givenFrom(own);
    const lines = index.touched(given).filter((i) => lineCoverage(model[i] as CoverageLine, given) - (index.baseline[i] ?? 0) > 1e-12).map((i) => (model[i] as CoverageLine).line);
    const firms = [...new Set(own.map((a) => a.supplier))].sort(compareIds);
    return {
      support,
      suppliers: firms,
      declaredBy: firms.filter((f) => suppliers.get(f)?.supportNeeds.includes(support)),
      actions: own.length,
      lines: lines.sort(compareIds),
      gain: round4(coverageGain(model, given, index)),
    };
  });
}

function itemsOf(
  gaps: readonly LineGap[],
  dataset: Dataset,
  lineInfo: ReadonlyMap<string, { line: DemandLine }>,
  suppliers: ReadonlyMap<string, Supplier>,
): ItemGap[] {
  const byItem = new Map<string, LineGap[]>();
  for (const g of gaps) {
    const key = g.item ?? '(unresolved)';
    byItem.set(key, [...(byItem.get(key) ?? []), g]);
  }
  const items = new Map(dataset.items.map((i) => [i.id, i]));
  const out: ItemGap[] = [];
  for (const [id, lines] of byItem) {
    const demandLines = lines.map((g) => lineInfo.get(g.line)?.line).filter((l): l is DemandLine => l !== undefined);
    // Totals are shown in the unit of the line with the first id, so that the order of the
    // input lines does not change what is printed.
    const first = [...demandLines].sort((a, b) => compareIds(a.id, b.id))[0];
    const sameDimension = first !== undefined && demandLines.every((l) => l.quantity.dimension === first.quantity.dimension);
    const weight = (g: LineGap): number => (sameDimension ? (lineInfo.get(g.line)?.line.quantity.max ?? 0) : 1);
    const total = lines.reduce((s, g) => s + weight(g), 0);
    let domestic = 0;
    let imported = 0;
    let unserved = 0;
    for (const g of lines) {
      const w = weight(g);
      domestic += w * g.domesticShare;
      if (g.foreignSuppliers.length > 0) imported += w * (1 - g.domesticShare);
      else unserved += w * (1 - g.domesticShare);
    }
    const share = (x: number): number => (total > 0 ? round4(x / total) : 0);
    const classes: Record<LineClass, number> = { domestic: 0, partial: 0, 'foreign-only': 0, uncovered: 0 };
    for (const g of lines) classes[g.class] += 1;
    // Domestic capacity: each qualified supplier once, at its best qualified offering on any line of the item.
    const capacity = new Map<string, number>();
    for (const g of lines)
      for (const d of g.domestic) {
        const q = suppliers.get(d.supplier)?.offerings.find((o) => o.id === d.offering)?.capacity;
        if (q !== undefined && first !== undefined && q.dimension === first.quantity.dimension) capacity.set(d.supplier, Math.max(capacity.get(d.supplier) ?? 0, q.min));
      }
    const item = items.get(id);
    out.push({
      item: id,
      name: item === undefined ? undefined : item.names.en ?? Object.values(item.names)[0],
      category: item?.category,
      lines: lines.map((g) => g.line).sort(compareIds),
      classes,
      domesticSuppliers: [...new Set(lines.flatMap((g) => g.domesticSuppliers))].sort(compareIds),
      foreignSuppliers: [...new Set(lines.flatMap((g) => g.foreignSuppliers))].sort(compareIds),
      demanded: sameDimension && first ? formatQuantityValue(total, first.quantity.dimension, first.quantity.unit) : undefined,
      domesticCapacity:
        sameDimension && first ? formatQuantityValue([...capacity.values()].reduce((a, b) => a + b, 0), first.quantity.dimension, first.quantity.unit) : undefined,
      domesticShare: share(domestic),
      importDependence: share(imported),
      unserved: share(unserved),
      weighting: sameDimension ? 'volume' : 'lines',
    });
  }
  return out.sort((a, b) => b.importDependence - a.importDependence || b.unserved - a.unserved || compareIds(a.item, b.item));
}
