import type { Reason, ReasonData } from '../criteria/criterion.js';
import type { CriterionOutcome } from '../engine/result.js';
import type { DemandLine } from '../model/buyer.js';
import type { Certification } from '../model/certification.js';
import { formatQuantityValue, looksLikeQuantity, parseQuantity, type Quantity } from '../model/quantity.js';
import type { SpecRequirement, SpecValue } from '../model/spec.js';
import type { Offering, Readiness, Supplier } from '../model/supplier.js';
import { supportFor, type SupportMapping, type SupportTarget } from './support.js';

/**
 * What a deficit is about, from its reason code's prefix (`cert.*` is `certificate`...).
 * Kinds other than `locality`, `item` and `other` have a built-in fix for counterfactuals.
 *
 * @example
 * const kind: DeficitKind = deficitKindOf('spec.unmet'); // => 'spec'
 */
export type DeficitKind = 'certificate' | 'capacity' | 'spec' | 'lead-time' | 'price' | 'readiness' | 'locality' | 'item' | 'other';

/**
 * One thing a supplier's offering lacks for one demand line, read from the engine's reasons.
 *
 * @example
 * const d: Deficit = {
 *   kind: 'certificate', code: 'cert.expired', criterion: 'certification', blocking: true, support: 'information',
 *   closable: true, summary: 'ASTM F838 expired 2020-11-30', remedy: 'its ASTM F838 certificate were renewed', size: 1,
 *   message: 'ASTM F838 (required) expired on 2020-11-30, before 2021-03-01.', data: { cert: 'ASTM F838', level: 'must', expired: '2020-11-30' },
 * };
 */
export interface Deficit {
  readonly kind: DeficitKind;
  /** The engine's reason code (`cert.expired`, `capacity.below_min_share`, `spec.unmet`...). */
  readonly code: string;
  /** The criterion that gave the reason. */
  readonly criterion: string;
  /** True when it fails a gate (the pair is rejected until it is closed); false for a shortfall that only lowers the score. */
  readonly blocking: boolean;
  /** The support that would close it (see {@link DEFAULT_SUPPORT_MAPPING}). */
  readonly support: SupportTarget;
  /** True when support can close it and the counterfactual knows how to change the data for it. */
  readonly closable: boolean;
  /** The deficit in a few quantified words: `capacity covers 45% (short 550 unit/month)`. */
  readonly summary: string;
  /** The clause of a counterfactual sentence: `its ASTM F838 certificate were renewed`. */
  readonly remedy: string;
  /**
   * How big the gap is, in [0, 1], to order near misses: a spec's relative deviation, the
   * share of demand capacity misses, lead time over the limit relative to it, price over the
   * maximum relative to it; 1 for a certificate, a word spec or anything else.
   */
  readonly size: number;
  /** The engine's sentence. */
  readonly message: string;
  /** The engine's structured figures, as in the reason. */
  readonly data: ReasonData;
}

const KIND_BY_PREFIX: readonly (readonly [string, DeficitKind])[] = [
  ['cert.', 'certificate'],
  ['capacity.', 'capacity'],
  ['spec.', 'spec'],
  ['lead_time.', 'lead-time'],
  ['price.', 'price'],
  ['readiness.', 'readiness'],
  ['locality.', 'locality'],
  ['item.', 'item'],
];

/**
 * The kind of a deficit from its reason code.
 *
 * @example
 * deficitKindOf('lead_time.over_max'); // => 'lead-time'
 * deficitKindOf('moq.too_high'); // => 'other'
 */
export function deficitKindOf(code: string): DeficitKind {
  for (const [prefix, kind] of KIND_BY_PREFIX) if (code.startsWith(prefix)) return kind;
  return 'other';
}

const FIXABLE: ReadonlySet<DeficitKind> = new Set<DeficitKind>(['certificate', 'capacity', 'spec', 'lead-time', 'price', 'readiness']);

const str = (data: ReasonData, key: string): string => {
  const v = data[key];
  return v === undefined || v === null ? '?' : String(v);
};
const num = (data: ReasonData, key: string): number | undefined => {
  const v = data[key];
  return typeof v === 'number' ? v : undefined;
};
/** `innerDiameter` → `inner diameter`; `pH`, `dbc` and `mwco` stay as they are. */
const showKey = (key: string): string => key.replace(/([a-z0-9])([A-Z])(?=[a-z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`).replace(/[_.-]+/g, ' ');

/** The quantified phrase and the counterfactual clause of a reason. */
function describe(code: string, data: ReasonData, message: string): { summary: string; remedy: string } {
  const cert = str(data, 'cert');
  const key = showKey(str(data, 'key'));
  switch (code) {
    case 'cert.missing':
      return { summary: `no ${cert} (required)`, remedy: `it obtained ${cert}` };
    case 'cert.nice_missing':
      return { summary: `no ${cert} (nice to have)`, remedy: `it obtained ${cert}` };
    case 'cert.expired':
      return { summary: `${cert} expired ${str(data, 'expired')}`, remedy: `its ${cert} certificate were renewed` };
    case 'cert.not_yet_valid':
      return { summary: `${cert} valid only from ${str(data, 'issued')}`, remedy: `its ${cert} certificate were in force now` };
    case 'cert.class_insufficient':
      return { summary: `${cert} at ${str(data, 'held')}, ${str(data, 'required')} required`, remedy: `its ${cert} class were raised to ${str(data, 'required')}` };
    case 'cert.expires_before_need_by':
      return { summary: `${cert} expires ${str(data, 'expires')}, before need-by ${str(data, 'needBy')}`, remedy: `its ${cert} certificate were renewed beyond ${str(data, 'needBy')}` };
    case 'capacity.partial':
    case 'capacity.below_min_share':
      return {
        summary: `capacity ${str(data, 'offered')} covers ${str(data, 'percentCovered')}% of ${str(data, 'demanded')} (short ${str(data, 'shortfall')})`,
        remedy: `its capacity rose by ${str(data, 'shortfall')}`,
      };
    case 'spec.unmet':
    case 'spec.preferred_unmet': {
      const deviation = num(data, 'deviation');
      const off = deviation === undefined ? '' : ` (${Math.round(deviation * 1000) / 10}% off)`;
      const preferred = code === 'spec.preferred_unmet' ? ' (preferred)' : '';
      return { summary: `${key} ${str(data, 'offered')} vs ${str(data, 'required')}${off}${preferred}`, remedy: `its ${key} were ${str(data, 'required')}` };
    }
    case 'spec.missing':
    case 'spec.preferred_missing':
      return { summary: `${key} not stated (${str(data, 'required')} ${code === 'spec.missing' ? 'required' : 'preferred'})`, remedy: `its ${key} were shown to be ${str(data, 'required')}` };
    case 'spec.incomparable':
      return { summary: `${key} ${str(data, 'offered')} cannot be compared with ${str(data, 'required')}`, remedy: `its ${key} were ${str(data, 'required')}` };
    case 'lead_time.over_max':
      return { summary: `lead time ${str(data, 'leadTime')}, ${str(data, 'weeksOver')} weeks over ${str(data, 'maxLeadTime')}`, remedy: `its lead time were ${str(data, 'weeksOver')} weeks shorter` };
    case 'lead_time.misses_need_by':
      return { summary: `arrives ${str(data, 'arrives')}, ${str(data, 'daysLate')} days after need-by ${str(data, 'needBy')}`, remedy: `it delivered ${str(data, 'daysLate')} days sooner` };
    case 'price.over_max':
      return {
        summary: data.percentOver === null ? 'price above the maximum' : `price ${str(data, 'percentOver')}% over the maximum ${str(data, 'max')} ${str(data, 'maxCurrency')}`,
        remedy: `its price came down to the maximum`,
      };
    case 'readiness.level':
      return { summary: `readiness ${str(data, 'level')}`, remedy: 'it reached production' };
    case 'readiness.below_min':
      return { summary: `readiness ${str(data, 'level')}, at least ${str(data, 'minReadiness')} required`, remedy: `it reached ${str(data, 'minReadiness')}` };
    case 'item.same_category':
    case 'item.same_group':
    case 'item.same_code_class':
      return {
        summary: `offers ${str(data, 'offered')} for ${str(data, 'wanted')} (${code === 'item.same_category' ? 'same category' : code === 'item.same_group' ? 'same group' : 'same UNSPSC class'}, another item)`,
        remedy: `it offered ${str(data, 'wanted')} itself`,
      };
    case 'locality.outside_region':
      return { summary: `outside the preferred regions (${str(data, 'regions')})`, remedy: 'it moved into a preferred region' };
    default:
      return { summary: message.replace(/\.$/, ''), remedy: `${code} were resolved` };
  }
}

const clamp01 = (x: number | undefined): number => (x === undefined || !Number.isFinite(x) ? 1 : Math.min(1, Math.max(0, x)));

/** See {@link Deficit.size}. */
function sizeOf(code: string, data: ReasonData): number {
  switch (code) {
    case 'spec.unmet':
    case 'spec.preferred_unmet':
      return clamp01(num(data, 'deviation'));
    case 'capacity.partial':
    case 'capacity.below_min_share': {
      const coverage = num(data, 'coverage');
      return coverage === undefined ? 1 : clamp01(1 - coverage);
    }
    case 'lead_time.over_max': {
      const max = parseQuantity(str(data, 'maxLeadTime'));
      const over = num(data, 'weeksOver');
      return max.ok && over !== undefined && max.quantity.max > 0 ? clamp01((over * 7 * DAY_SECONDS) / max.quantity.max) : 1;
    }
    case 'lead_time.misses_need_by': {
      const from = dayNumber(str(data, 'asOf'));
      const to = dayNumber(str(data, 'needBy'));
      const late = num(data, 'daysLate');
      return from !== undefined && to !== undefined && late !== undefined && to > from ? clamp01(late / (to - from)) : 1;
    }
    case 'price.over_max': {
      const over = num(data, 'percentOver');
      return over === undefined ? 1 : clamp01(over / 100);
    }
    default:
      return 1;
  }
}

/** Reasons that are a line's property, not the supplier's: nothing to close. */
const NOT_A_DEFICIT: ReadonlySet<string> = new Set(['item.ambiguous']);

/**
 * Reads the deficits of one candidate from its per-criterion outcomes: every `failure` and
 * `shortfall` reason (a capacity's `partial` and `below_min_share` merge into one), a
 * readiness short of production, and, for a failed criterion that gave no failure reason, a
 * generic `<criterion>.failed` deficit, so that no failed gate goes unexplained. Each is
 * quantified and mapped to the support that closes it.
 *
 * @example
 * deficitsOf(rejected.outcomes).map((d) => d.summary); // => ['ASTM F838 expired 2020-11-30']
 */
export function deficitsOf(outcomes: readonly CriterionOutcome[], mapping?: SupportMapping): Deficit[] {
  const out: Deficit[] = [];
  const make = (r: Reason, criterion: string, blocking: boolean, code = r.code, data: ReasonData = r.data): Deficit => {
    const kind = deficitKindOf(code);
    const support = supportFor(code, mapping);
    return {
      kind,
      code,
      criterion,
      blocking,
      support,
      closable: support !== 'none' && FIXABLE.has(kind),
      ...describe(code, data, r.message),
      size: sizeOf(code, data),
      message: r.message,
      data,
    };
  };
  for (const o of outcomes) {
    let failures = 0;
    const partial = o.reasons.find((r) => r.code === 'capacity.partial');
    for (const r of o.reasons) {
      if (NOT_A_DEFICIT.has(r.code)) continue;
      if (r.code === 'capacity.partial' && o.reasons.some((x) => x.code === 'capacity.below_min_share')) continue;
      if (r.code === 'capacity.below_min_share') {
        failures += 1;
        out.push(make(r, o.criterion, true, r.code, { ...(partial?.data ?? {}), ...r.data }));
        continue;
      }
      if (r.severity === 'failure') {
        failures += 1;
        out.push(make(r, o.criterion, true));
      } else if (r.severity === 'shortfall') out.push(make(r, o.criterion, false));
      else if (r.code === 'readiness.level' && r.data.level !== 'in-production') out.push(make(r, o.criterion, false));
    }
    if (!o.pass && failures === 0) {
      const generic: Reason = { code: `${o.criterion}.failed`, message: `${o.criterion} failed without a stated reason.`, data: {}, severity: 'failure' };
      out.push(make(generic, o.criterion, true));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fixes: how a counterfactual changes the data to close a deficit
// ---------------------------------------------------------------------------------------

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return undefined;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** `date` plus whole years; 29 February falls back to the 28th. */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** A single-valued quantity in the unit another was written in. */
function exactQuantity(value: number, like: Quantity): Quantity {
  return { text: formatQuantityValue(value, like.dimension, like.unit), value, min: value, max: value, dimension: like.dimension, unit: like.unit };
}

/** A value that meets a spec requirement. */
function meetingValue(req: SpecRequirement): SpecValue | undefined {
  switch (req.op) {
    case 'eq':
    case 'min':
    case 'max':
      return req.value;
    case 'range':
      return req.value ?? req.min;
    case 'oneOf': {
      const first = req.values?.[0];
      if (first === undefined) return undefined;
      if (looksLikeQuantity(first)) {
        const parsed = parseQuantity(first);
        if (parsed.ok) return { kind: 'quantity', quantity: parsed.quantity };
      }
      return { kind: 'text', value: first };
    }
  }
}

/**
 * The issuer written on certificates a counterfactual adds, so that they are recognisable.
 *
 * @example
 * closeDeficits(s, 'S-002-O1', line, deficits, asOf).supplier.offerings[0]?.certifications.at(-1)?.issuer; // => 'counterfactual'
 */
export const COUNTERFACTUAL_ISSUER = 'counterfactual';

/**
 * What {@link closeDeficits} returns: the supplier with the offering changed, what was
 * changed, and the deficits it could not close in data.
 *
 * @example
 * const closed: ClosedDeficits = { supplier, changes: ['raised capacity from 500 unit/month to 1,000 unit/month'], open: [] };
 */
export interface ClosedDeficits {
  readonly supplier: Supplier;
  /** One sentence per change made (`added ASTM F838 valid 2021-03-01 to 2024-09-01`). */
  readonly changes: readonly string[];
  /** Deficits left open: not closable, or a fix that does not exist for these data (a need-by date already past). */
  readonly open: readonly Deficit[];
}

/**
 * Changes one offering of a supplier so that the given deficits (of one demand line) are
 * closed, the way a counterfactual asks "what if": a missing, expired, lapsing or too-low
 * certificate is added to the offering, valid from `asOf` to three years after the later of
 * `asOf` and the need-by date (with the required class); capacity is raised to the demanded
 * rate; a spec is set to the required value (the lower end of a range, the first of a
 * `oneOf`); the lead time is cut to the tighter of the maximum and the days left until
 * need-by; the price is lowered to the line's maximum (in its currency and unit); readiness is
 * raised to `in-production` (or to the minimum asked). Everything else is left as it was, and
 * the supplier's other offerings are untouched.
 *
 * @example
 * const { supplier } = closeDeficits(s, 'S-002-O1', line, nearMiss.deficits, '2021-03-01');
 * matcher.match({ ...dataset, suppliers: dataset.suppliers.map((x) => (x.id === s.id ? supplier : x)) }, { lines: [line.id] });
 */
export function closeDeficits(supplier: Supplier, offeringId: string, line: DemandLine, deficits: readonly Deficit[], asOf: string): ClosedDeficits {
  const index = supplier.offerings.findIndex((o) => o.id === offeringId);
  const original = supplier.offerings[index];
  if (original === undefined) return { supplier, changes: [], open: [...deficits] };
  let offering: Offering = original;
  const changes: string[] = [];
  const open: Deficit[] = [];
  const certs: Certification[] = [];
  const specs: Record<string, SpecValue> = {};
  const asOfDay = dayNumber(asOf);
  const needByDay = line.needBy === undefined ? undefined : dayNumber(line.needBy);

  for (const d of deficits) {
    if (!d.closable) {
      open.push(d);
      continue;
    }
    switch (d.kind) {
      case 'certificate': {
        const type = String(d.data.cert ?? '');
        const req = line.certifications.find((c) => c.type === type);
        if (req === undefined) {
          open.push(d);
          break;
        }
        if (certs.some((c) => c.type === req.type)) break;
        const from = line.needBy !== undefined && line.needBy > asOf ? line.needBy : asOf;
        const cert: Certification = {
          type: req.type,
          ...(req.class !== undefined ? { class: req.class } : {}),
          issuer: COUNTERFACTUAL_ISSUER,
          issued: asOf,
          expires: addYears(from, 3),
        };
        certs.push(cert);
        changes.push(`added ${req.type}${req.class !== undefined ? ` ${req.class}` : ''} valid ${cert.issued} to ${cert.expires ?? ''}`);
        break;
      }
      case 'capacity': {
        if (offering.capacity !== undefined && offering.capacity.min >= line.quantity.max) break;
        const capacity = exactQuantity(line.quantity.max, line.quantity);
        offering = { ...offering, capacity };
        changes.push(`raised capacity${original.capacity ? ` from ${original.capacity.text}` : ''} to ${capacity.text}`);
        break;
      }
      case 'spec': {
        const key = String(d.data.key ?? '');
        const importance = d.data.importance;
        const req =
          line.specs.find((s) => s.key === key && (importance === undefined || s.importance === importance)) ?? line.specs.find((s) => s.key === key);
        const value = req === undefined ? undefined : meetingValue(req);
        if (value === undefined) {
          open.push(d);
          break;
        }
        if (specs[key] !== undefined) break;
        specs[key] = value;
        changes.push(`set ${key} to ${value.kind === 'quantity' ? value.quantity.text : value.kind === 'quantities' ? value.text : value.kind === 'set' ? value.values.join('|') : String(value.value)}`);
        break;
      }
      case 'lead-time': {
        let limitDays = Number.POSITIVE_INFINITY;
        if (line.maxLeadTime !== undefined) limitDays = Math.floor(line.maxLeadTime.max / DAY_SECONDS + 1e-9);
        if (needByDay !== undefined && asOfDay !== undefined) limitDays = Math.min(limitDays, needByDay - asOfDay);
        if (!Number.isFinite(limitDays) || limitDays <= 0) {
          open.push(d);
          break;
        }
        if (offering.leadTime !== undefined && offering.leadTime.max <= limitDays * DAY_SECONDS) break;
        const seconds = limitDays * DAY_SECONDS;
        offering = { ...offering, leadTime: { text: `${limitDays} days`, value: seconds, min: seconds, max: seconds, dimension: 'time', unit: 'days' } };
        changes.push(`cut lead time${original.leadTime ? ` from ${original.leadTime.text}` : ''} to ${limitDays} days`);
        break;
      }
      case 'price': {
        const max = line.maxUnitPrice;
        if (max === undefined) {
          open.push(d);
          break;
        }
        offering = { ...offering, unitPrice: { amount: max.amount, currency: max.currency, ...(max.per !== undefined ? { per: max.per } : {}) } };
        changes.push(`lowered price to ${max.amount} ${max.currency}${max.per !== undefined ? ` per ${max.per}` : ''}`);
        break;
      }
      case 'readiness': {
        const target = (d.code === 'readiness.below_min' ? d.data.minReadiness : 'in-production') as Readiness;
        if (offering.readiness === 'in-production') break;
        offering = { ...offering, readiness: target };
        changes.push(`raised readiness from ${original.readiness} to ${target}`);
        break;
      }
      default:
        open.push(d);
    }
  }
  if (certs.length > 0) offering = { ...offering, certifications: [...offering.certifications, ...certs] };
  if (Object.keys(specs).length > 0) offering = { ...offering, specs: { ...offering.specs, ...specs } };
  const offerings = supplier.offerings.map((o, i) => (i === index ? offering : o));
  return { supplier: { ...supplier, offerings }, changes, open };
}
