import type { Criterion, Reason, ReasonData } from '../criteria/criterion.js';
import type { CriterionDeficits, DeficitKind, SupportTarget } from '../criteria/deficit.js';
import { defaultCriteria } from '../criteria/defaults.js';
import type { CriterionOutcome } from '../engine/result.js';
import type { DemandLine } from '../model/buyer.js';
import type { Offering, Supplier } from '../model/supplier.js';
import { supportFor, type SupportMapping } from './support.js';

export type { DeficitKind } from '../criteria/deficit.js';
export { COUNTERFACTUAL_ISSUER } from '../criteria/deficit.js';

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

/**
 * The deficit declarations of criteria by criterion id (see `CriterionDeficits`); the built-in
 * criteria's by default. A criterion without one is absent: its deficits are of kind `other`.
 *
 * @example
 * deficitDeclarations(matcher.criteria.map((c) => c.criterion)).get('capacity')?.kind; // => 'capacity'
 */
export function deficitDeclarations(criteria: readonly Criterion[] = defaultCriteria()): ReadonlyMap<string, CriterionDeficits> {
  const out = new Map<string, CriterionDeficits>();
  for (const c of criteria) if (c.meta.deficits !== undefined) out.set(c.meta.id, c.meta.deficits);
  return out;
}

const BUILT_IN: ReadonlyMap<string, CriterionDeficits> = /* @__PURE__ */ deficitDeclarations();

const countsByDefault = (r: Reason): boolean => r.severity === 'failure' || r.severity === 'shortfall';

/**
 * Reads the deficits of one candidate from its per-criterion outcomes, as each criterion
 * declares them (see `CriterionDeficits`): every reason its declaration counts (by default each
 * `failure`, which blocks, and each `shortfall`), reasons it merges standing as one, and, for a
 * failed criterion that gave no failure reason, a generic `<criterion>.failed` deficit, so that
 * no failed gate goes unexplained. Each is quantified in the criterion's words and mapped to the
 * support that closes it under `mapping`; it is closable when support can close it and the
 * criterion declares how to close it in the data.
 *
 * @example
 * deficitsOf(rejected.outcomes).map((d) => d.summary); // => ['ASTM F838 expired 2020-11-30']
 */
export function deficitsOf(outcomes: readonly CriterionOutcome[], mapping?: SupportMapping, declarations: ReadonlyMap<string, CriterionDeficits> = BUILT_IN): Deficit[] {
  const out: Deficit[] = [];
  for (const o of outcomes) {
    const declared = declarations.get(o.criterion);
    const counts = declared?.counts ?? countsByDefault;
    const merges = declared?.merges ?? {};
    const make = (r: Reason, blocking: boolean, data: ReasonData = r.data): Deficit => {
      const support = supportFor(r.code, mapping);
      const reading = declared?.read(r.code, data, r.message) ?? { summary: r.message.replace(/\.$/, ''), remedy: `${r.code} were resolved`, size: 1 };
      return {
        kind: declared?.kind ?? 'other',
        code: r.code,
        criterion: o.criterion,
        blocking,
        support,
        closable: support !== 'none' && declared?.close !== undefined,
        summary: reading.summary,
        remedy: reading.remedy,
        size: reading.size,
        message: r.message,
        data,
      };
    };
    let failures = 0;
    const has = (code: string): Reason | undefined => o.reasons.find((x) => x.code === code);
    for (const r of o.reasons) {
      if (!counts(r)) continue;
      // A reason folded into another of the same verdict is listed with it.
      if (Object.entries(merges).some(([into, from]) => from === r.code && has(into) !== undefined)) continue;
      const folded = merges[r.code] === undefined ? undefined : has(merges[r.code] as string);
      const blocking = r.severity === 'failure';
      if (blocking) failures += 1;
      out.push(make(r, blocking, folded === undefined ? r.data : { ...folded.data, ...r.data }));
    }
    if (!o.pass && failures === 0) out.push(make({ code: `${o.criterion}.failed`, message: `${o.criterion} failed without a stated reason.`, data: {}, severity: 'failure' }, true));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fixes: how a counterfactual changes the data to close a deficit
// ---------------------------------------------------------------------------------------

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
 * closed, the way a counterfactual asks "what if", each by the `close` its criterion declares
 * (see `CriterionDeficits`; `declarations` default to the built-in criteria's). The built-ins
 * close them so: a missing, expired, lapsing or too-low
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
export function closeDeficits(
  supplier: Supplier,
  offeringId: string,
  line: DemandLine,
  deficits: readonly Deficit[],
  asOf: string,
  declarations: ReadonlyMap<string, CriterionDeficits> = BUILT_IN,
): ClosedDeficits {
  const index = supplier.offerings.findIndex((o) => o.id === offeringId);
  const original = supplier.offerings[index];
  if (original === undefined) return { supplier, changes: [], open: [...deficits] };
  let offering: Offering = original;
  const changes: string[] = [];
  const open: Deficit[] = [];
  for (const d of deficits) {
    const close = declarations.get(d.criterion)?.close;
    const fix = d.closable && close !== undefined ? close(d, offering, { line, asOf, original }) : undefined;
    if (fix === undefined) open.push(d);
    else if (fix !== 'met') {
      offering = fix.offering;
      changes.push(fix.change);
    }
  }
  const offerings = supplier.offerings.map((o, i) => (i === index ? offering : o));
  return { supplier: { ...supplier, offerings }, changes, open };
}
