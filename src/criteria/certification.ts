import { z } from 'zod';
import { canonicalCertType, classMeets } from '../catalog/certificates.js';
import { certificateStatusOn, validOn, type Certification, type CertificationRequirement } from '../model/certification.js';
import { indexOf, Interner } from './compact.js';
import { clampScore, defineCriterion, notApplicable, reason, type CertificateIndex, type Pair, type PreparedLine, type Reason, sentence, type Verdict } from './criterion.js';
import { CANNOT_FAIL, CEILING_BLOCK, packVerdict, QUICK_NOT_APPLICABLE, withQuick } from './fast.js';
import { lineIds, offeringIds, signature, VerdictShare } from './share.js';
import { addYears, COUNTERFACTUAL_ISSUER, datumText, dayNumber, type CriterionDeficits } from './deficit.js';

/**
 * Reason codes of {@link certificationCriterion}. `missing`, `expired`, `not_yet_valid` and
 * `class_insufficient` on a `must` requirement fail the gate; the others only score.
 *
 * @example
 * verdict.reasons.find((r) => r.code === CERTIFICATION_REASONS.expired)?.data.expired; // => '2020-12-31'
 */
export const CERTIFICATION_REASONS = {
  held: 'cert.held',
  missing: 'cert.missing',
  expired: 'cert.expired',
  notYetValid: 'cert.not_yet_valid',
  classInsufficient: 'cert.class_insufficient',
  expiresBeforeNeedBy: 'cert.expires_before_need_by',
  niceMissing: 'cert.nice_missing',
  none: 'cert.none',
} as const;

/**
 * Options of {@link certificationCriterion}.
 *
 * @example
 * CertificationOptionsSchema.parse({ ...certificationCriterion.meta.defaults, expiringCredit: 0.25 });
 */
export const CertificationOptionsSchema = z.strictObject({
  /** Credit of a certificate valid today that lapses before the line's need-by date (renewal is likely, not sure). */
  expiringCredit: z.number().min(0).max(1),
  /** Weight of each `must` requirement in the score. */
  mustWeight: z.number().min(0),
  /** Weight of each `nice` requirement in the score. */
  niceWeight: z.number().min(0),
});
/**
 * Validated options of {@link certificationCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: CertificationOptions = { expiringCredit: 0.5, mustWeight: 2, niceWeight: 1 };
 */
export type CertificationOptions = z.infer<typeof CertificationOptionsSchema>;

/** Why a held certificate does not count, worst news last (a wrong class is closest to a pass). */
type Status = 'valid' | 'expiring' | 'class' | 'expired' | 'pending' | 'missing';
const STATUS_RANK: Readonly<Record<Status, number>> = { valid: 0, expiring: 1, class: 2, expired: 3, pending: 4, missing: 5 };

interface Assessment {
  readonly status: Status;
  readonly credit: number;
  readonly cert: Certification | undefined;
}

/**
 * Judges one certificate against one requirement on `asOf`. Dates are `YYYY-MM-DD`, so string
 * order is date order.
 */
function assessCertificate(
  cert: Certification,
  req: CertificationRequirement,
  asOf: string,
  needBy: string | undefined,
  expiringCredit: number,
): Assessment {
  const status = certificateStatusOn(cert, asOf);
  if (status !== 'valid') return { status, credit: 0, cert };
  if (req.class !== undefined && (cert.class === undefined || !classMeets(cert.class, req.class)))
    return { status: 'class', credit: 0, cert };
  if (needBy !== undefined && cert.expires !== undefined && cert.expires < needBy)
    return { status: 'expiring', credit: expiringCredit, cert };
  return { status: 'valid', credit: 1, cert };
}

/**
 * The best of several certificates of one type: highest credit, then the most informative
 * failure, then the latest expiry. Taking the best is what makes adding a certificate unable
 * to lower the score.
 */
function better(a: Assessment, b: Assessment): Assessment {
  if (a.credit !== b.credit) return a.credit > b.credit ? a : b;
  if (a.status !== b.status) return STATUS_RANK[a.status] <= STATUS_RANK[b.status] ? a : b;
  const ea = a.cert?.expires ?? '9999-12-31';
  const eb = b.cert?.expires ?? '9999-12-31';
  return ea >= eb ? a : b;
}

/** A (validated) `YYYY-MM-DD` date as whole UTC days since the epoch: the same order as the strings. */
const dayOf = (date: string): number => dayNumber(date) ?? Number.NaN;

// Cost per offering of the batch path relative to capacity's (see `Judge.cost`): measured at
// 1.5 to 2 times capacity's time per pair on the synthetic benchmark data (per requirement, an
// expiry day read by offering and an outcome code).
const CERTIFICATION_COST = 2;

/** At most this many reasons kept for reuse (see `memo` in the criterion); then it starts afresh. */
const MEMO_LIMIT = 100_000;

/** The types a requirement accepts: `type`, then its alternatives. */
const typesOf = (req: CertificationRequirement): readonly string[] => (req.alternatives === undefined ? [req.type] : [req.type, ...req.alternatives]);

const requirementName = (req: CertificationRequirement): string => {
  const types = typesOf(req).join(' or ');
  return req.class === undefined ? types : `${types} ${req.class}`;
};


/** What certification's reasons mean for gap analysis (see `CriterionDeficits`). */
const CERTIFICATION_DEFICITS: CriterionDeficits = {
  kind: 'certificate',
  // Certificates, test reports and documents are information: knowing what the buyer requires and
  // getting it tested or renewed; a cleaner cleanroom class is equipment, so funding.
  support: { 'cert.*': 'information', 'cert.class_insufficient': 'funding' },
  read(code, data) {
    const cert = datumText(data, 'cert');
    switch (code) {
      case 'cert.missing':
        return { summary: `no ${cert} (required)`, remedy: `it obtained ${cert}`, size: 1 };
      case 'cert.nice_missing':
        return { summary: `no ${cert} (nice to have)`, remedy: `it obtained ${cert}`, size: 1 };
      case 'cert.expired':
        return { summary: `${cert} expired ${datumText(data, 'expired')}`, remedy: `its ${cert} certificate were renewed`, size: 1 };
      case 'cert.not_yet_valid':
        return { summary: `${cert} valid only from ${datumText(data, 'issued')}`, remedy: `its ${cert} certificate were in force now`, size: 1 };
      case 'cert.class_insufficient':
        return { summary: `${cert} at ${datumText(data, 'held')}, ${datumText(data, 'required')} required`, remedy: `its ${cert} class were raised to ${datumText(data, 'required')}`, size: 1 };
      case 'cert.expires_before_need_by':
        return { summary: `${cert} expires ${datumText(data, 'expires')}, before need-by ${datumText(data, 'needBy')}`, remedy: `its ${cert} certificate were renewed beyond ${datumText(data, 'needBy')}`, size: 1 };
      default:
        return undefined;
    }
  },
  // A certificate of the required type (and class), valid from as-of to three years after the
  // later of as-of and need-by, added to the offering.
  close(deficit, offering, { line, asOf, original }) {
    const req = line.certifications.find((c) => c.type === String(deficit.data.cert ?? ''));
    if (req === undefined) return undefined;
    if (offering.certifications.slice(original.certifications.length).some((c) => c.type === req.type)) return 'met';
    const from = line.needBy !== undefined && line.needBy > asOf ? line.needBy : asOf;
    const cert: Certification = { type: req.type, ...(req.class !== undefined ? { class: req.class } : {}), issuer: COUNTERFACTUAL_ISSUER, issued: asOf, expires: addYears(from, 3) };
    return {
      offering: { ...offering, certifications: [...offering.certifications, cert] },
      change: `added ${req.type}${req.class !== undefined ? ` ${req.class}` : ''} valid ${cert.issued} to ${cert.expires ?? ''}`,
    };
  },
};

/**
 * Certification: does the supplier (or the offering) hold each certificate the line asks for,
 * valid on `asOf` and of a class at least the one required (ISO 14644-1 `ISO 5` meets `ISO 7`)?
 * A `must` without one fails the gate with the reason (missing, expired on a date, not yet
 * issued, class too low). A valid certificate that lapses before the line's need-by date earns
 * `expiringCredit` instead of 1. Score: the weighted mean of the credits (`must` ×2, `nice` ×1 by
 * default). Not applicable when the line asks for no certificate.
 *
 * @example
 * const judge = certificationCriterion.create(certificationCriterion.meta.defaults, context);
 * judge(pair); // line: ISO 9001 must; supplier's ISO 9001 expired 2020-12-31, asOf 2021-03-01
 * // => { applicable: true, pass: false, score: 0,
 * //      reasons: [{ code: 'cert.expired', data: { cert: 'ISO 9001', expired: '2020-12-31' }, ... }] }
 */
export const certificationCriterion = defineCriterion({
  meta: {
    id: 'certification',
    description: 'the supplier holds the certificates the line asks for, valid on the as-of date and of sufficient class',
    kind: 'both',
    deficits: CERTIFICATION_DEFICITS,
    options: CertificationOptionsSchema,
    defaults: { expiringCredit: 0.5, mustWeight: 2, niceWeight: 1 },
  },
  create(options, context) {
    const asOf = context.asOf;
    // Canonical keys of requirement types repeat across thousands of pairs; compute each once.
    const keys = new Map<string, string>();
    const keyOf = (type: string): string => {
      let k = keys.get(type);
      if (k === undefined) {
        k = canonicalCertType(type);
        keys.set(type, k);
      }
      return k;
    };
    /** The canonical keys a requirement accepts (its type's, then its alternatives'), distinct; once per requirement. */
    const requirementKeys = new WeakMap<CertificationRequirement, readonly string[]>();
    const keysOf = (req: CertificationRequirement): readonly string[] => {
      let k = requirementKeys.get(req);
      if (k === undefined) {
        k = req.alternatives === undefined ? [keyOf(req.type)] : [...new Set(typesOf(req).map(keyOf))];
        requirementKeys.set(req, k);
      }
      return k;
    };
    /**
     * The certificates of an index under any of `keys`: every path reads a requirement's
     * certificates through here, so an alternative counts alike everywhere.
     */
    const certificatesOf = (index: CertificateIndex, keys: readonly string[]): readonly Certification[] | undefined => {
      if (keys.length === 1) return index.get(keys[0] as string);
      const all: Certification[] = [];
      for (const k of keys) all.push(...(index.get(k) ?? []));
      return all;
    };

    const classes = new Map<string, boolean>();
    const meets = (held: string, required: string): boolean => {
      const key = `${held}\u0000${required}`;
      let ok = classes.get(key);
      if (ok === undefined) {
        ok = classMeets(held, required);
        classes.set(key, ok);
      }
      return ok;
    };

    // Compact data: each offering's certificate index as an id (the offerings of a supplier
    // without certificates of their own share one index, and so one id), built on first use.
    const indexes = new Interner<CertificateIndex>();
    let indexIds: Int32Array | undefined;
    let indexById: CertificateIndex[] = [];
    // Per requirement signature (type and class), by certificate index id: the latest expiry day
    // among the certificates valid on asOf (Infinity: one never expires; NaN: none is valid;
    // -Infinity: not worked out yet). It does not depend on the line, so it serves every line.
    // `byOffering` is the same by offering (worked out on first read): the candidates of a line
    // are neighbours in `context.offerings`, so it is read in order, where the ids of their
    // suppliers' indexes are all over.
    interface Signature {
      readonly latest: Float64Array;
      readonly keys: readonly string[];
      readonly class: string | undefined;
      byOffering: Float64Array | undefined;
      /** Per block of offerings (see CEILING_BLOCK), the latest of their latest valid expiries (NaN: none holds one); worked out on first read. */
      blockLatest: Float64Array | undefined;
      blockKnown: Uint8Array | undefined;
    }
    const signatures = new Map<string, Signature>();
    const signatureOf = (keys: readonly string[], cls: string | undefined): Signature => {
      const signature = `${keys.join('\u0001')}\u0000${cls ?? ''}\u0000${cls === undefined ? 0 : 1}`;
      let entry = signatures.get(signature);
      if (entry === undefined) {
        entry = { latest: new Float64Array(indexById.length).fill(Number.NEGATIVE_INFINITY), keys, class: cls, byOffering: undefined, blockLatest: undefined, blockKnown: undefined };
        signatures.set(signature, entry);
      }
      return entry;
    };
    const latestValidExpiry = (certs: readonly Certification[] | undefined, cls: string | undefined): number => {
      let latest = Number.NaN;
      for (const cert of certs ?? []) {
        if (!validOn(cert, asOf)) continue;
        if (cls !== undefined && (cert.class === undefined || !meets(cert.class, cls))) continue;
        const day = cert.expires === undefined ? Number.POSITIVE_INFINITY : dayOf(cert.expires);
        if (Number.isNaN(latest) || day > latest) latest = day;
      }
      return latest;
    };

    // The current line, for the quick and batch paths: its requirements' canonical keys, and for
    // the paths that read offerings by index, per requirement its signature, weight and level
    // (in buffers reused from line to line), the sum of the weights (the same for every
    // offering), the need-by day (-Infinity without one) and the credit by outcome code (see
    // judgeIndexed). The verdict depends on the line and the certificate index alone.
    let planLine: PreparedLine | undefined;
    let planKeys: (readonly string[])[] = [];
    let planCount = 0;
    const planSignatures: Signature[] = [];
    const planByOffering: Float64Array[] = [];
    let planWeights = new Float64Array(8);
    let planMust = new Uint8Array(8);
    let planWeightSum = 0;
    let planNeedByDay = Number.NEGATIVE_INFINITY;
    const credits = Float64Array.of(0, options.expiringCredit, 1);
    const needByDays = new Map<string, number>();
    // Verdicts of the line by certificate index, for pairs without an index.
    const byIndex = new Map<CertificateIndex, number>();

    const enterLine = (line: PreparedLine): void => {
      if (line === planLine) return;
      planLine = line;
      const requirements = line.line.certifications;
      planKeys = requirements.map(keysOf);
      byIndex.clear();
      if (context.offerings === undefined) return;
      if (indexIds === undefined) {
        indexIds = Int32Array.from(context.offerings, (o) => indexes.id(o.certificates));
        indexById = new Array<CertificateIndex>(indexes.size);
        for (const o of context.offerings) indexById[indexes.known(o.certificates)] = o.certificates;
      }
      planCount = requirements.length;
      if (planWeights.length < planCount) {
        planWeights = new Float64Array(planCount);
        planMust = new Uint8Array(planCount);
      }
      // The weights summed in the judge's order, so that the sum is the judge's `weights` to the bit.
      let weights = 0;
      for (let r = 0; r < planCount; r++) {
        const req = requirements[r] as CertificationRequirement;
        const must = req.level === 'must';
        const weight = must ? options.mustWeight : options.niceWeight;
        const signature = signatureOf(planKeys[r] as readonly string[], req.class);
        planSignatures[r] = signature;
        planByOffering[r] = (signature.byOffering ??= new Float64Array(indexIds.length).fill(Number.NEGATIVE_INFINITY));
        planWeights[r] = weight;
        planMust[r] = must ? 1 : 0;
        weights += weight;
      }
      planWeightSum = weights;
      const needBy = line.line.needBy;
      if (needBy === undefined) planNeedByDay = Number.NEGATIVE_INFINITY;
      else {
        let day = needByDays.get(needBy);
        if (day === undefined) {
          day = dayOf(needBy);
          needByDays.set(needBy, day);
        }
        planNeedByDay = day;
      }
    };

    /** Works out the latest valid expiry of a signature for certificate index `id` (see Signature). */
    const workOut = (signature: Signature, id: number): number => {
      const latest = latestValidExpiry(certificatesOf(indexById[id] as CertificateIndex, signature.keys), signature.class);
      signature.latest[id] = latest;
      return latest;
    };
    /** Works out requirement r's latest valid expiry for offering i (see Signature). */
    const settle = (r: number, i: number): number => {
      const signature = planSignatures[r] as Signature;
      const id = (indexIds as Int32Array)[i] as number;
      let day = signature.latest[id] as number;
      if (day === Number.NEGATIVE_INFINITY) day = workOut(signature, id);
      (signature.byOffering as Float64Array)[i] = day;
      return day;
    };

    /**
     * The packed verdicts of offerings `offerings[0..count)` against the current line, into
     * `out`, from each requirement's latest valid expiry by offering.
     * The best certificate of a type has the highest credit of all (see better()), and it counts
     * as held exactly when some certificate is valid or only lapses before the need-by date, so
     * neither needs the Assessment objects: with `day` the latest valid expiry, the outcome code
     * `held + (day >= need-by day)` is 0 (none held: NaN compares false), 1 (held, lapsing
     * before the need-by date: expiring credit) or 2 (held: credit 1).
     */
    const judgeIndexed = (offerings: Int32Array, count: number, out: Float64Array): void => {
      const requirements = planCount;
      const byOffering = planByOffering;
      const weights = planWeights;
      const must = planMust;
      const weightSum = planWeightSum;
      const needByDay = planNeedByDay;
      for (let k = 0; k < count; k++) {
        const i = offerings[k] as number;
        let weighted = 0;
        let failed = 0;
        for (let r = 0; r < requirements; r++) {
          let day = (byOffering[r] as Float64Array)[i] as number;
          if (day === Number.NEGATIVE_INFINITY) day = settle(r, i);
          const held = day === day ? 1 : 0;
          weighted += (weights[r] as number) * (credits[held + (day >= needByDay ? 1 : 0)] as number);
          failed |= (held ^ 1) & (must[r] as number);
        }
        const pass = failed === 0;
        const score = weightSum > 0 ? weighted / weightSum : pass ? 1 : 0;
        out[k] = packVerdict(true, pass, clampScore(score));
      }
    };

    const one = new Int32Array(1);
    const oneOut = new Float64Array(1);
    /** The judge's arithmetic without the sentences. */
    const quick = (pair: Pair): number => {
      const line = pair.line.line;
      const requirements = line.certifications;
      if (requirements.length === 0) return QUICK_NOT_APPLICABLE;
      enterLine(pair.line);
      const i = indexOf(pair, context.offerings);
      if (i >= 0) {
        one[0] = i;
        judgeIndexed(one, 1, oneOut);
        return oneOut[0] as number;
      }
      const index = pair.offering.certificates;
      const cached = byIndex.get(index);
      if (cached !== undefined) return cached;
      const needBy = line.needBy;
      let pass = true;
      let weighted = 0;
      let weights = 0;
      for (let r = 0; r < requirements.length; r++) {
        const req = requirements[r] as CertificationRequirement;
        const must = req.level === 'must';
        const weight = must ? options.mustWeight : options.niceWeight;
        let credit = 0;
        let held = false;
        const certs = certificatesOf(index, planKeys[r] as readonly string[]);
        if (certs !== undefined) {
          for (const cert of certs) {
            if (!validOn(cert, asOf)) continue;
            if (req.class !== undefined && (cert.class === undefined || !meets(cert.class, req.class))) continue;
            held = true;
            const c = needBy !== undefined && cert.expires !== undefined && cert.expires < needBy ? options.expiringCredit : 1;
            if (c > credit) credit = c;
          }
        }
        weighted += weight * credit;
        weights += weight;
        if (!held && must) pass = false;
      }
      const score = weights > 0 ? weighted / weights : pass ? 1 : 0;
      const packed = packVerdict(true, pass, clampScore(score));
      byIndex.set(index, packed);
      return packed;
    };

    /**
     * The ceiling of a block of offerings (see CeilingJudge): per requirement the credit of the
     * block's latest valid expiry, which no offering of the block beats (a credit only grows with
     * the expiry: none, lapsing before the need-by date, valid through it), summed as
     * judgeIndexed sums. Offerings are laid out so that those of one item that hold the same
     * certificates are neighbours (see the matcher's layout), so a block often holds none of a
     * required certificate, and its ceiling says so without judging its offerings.
     */
    const ceiling = (line: PreparedLine, block: number): number => {
      const requirements = line.line.certifications.length;
      if (requirements === 0 || context.offerings === undefined) return 1;
      enterLine(line);
      const n = (indexIds as Int32Array).length;
      const first = block * CEILING_BLOCK;
      const end = Math.min(n, first + CEILING_BLOCK);
      const blocks = Math.ceil(n / CEILING_BLOCK);
      let weighted = 0;
      let failed = 0;
      for (let r = 0; r < planCount; r++) {
        const signature = planSignatures[r] as Signature;
        const known = (signature.blockKnown ??= new Uint8Array(blocks));
        const latest = (signature.blockLatest ??= new Float64Array(blocks));
        if (known[block] !== 1) {
          let best = Number.NaN;
          for (let i = first; i < end; i++) {
            let day = (signature.byOffering as Float64Array)[i] as number;
            if (day === Number.NEGATIVE_INFINITY) day = settle(r, i);
            if (day === day && !(day <= best)) best = day;
          }
          latest[block] = best;
          known[block] = 1;
        }
        const day = latest[block] as number;
        const held = day === day ? 1 : 0;
        weighted += (planWeights[r] as number) * (credits[held + (day >= planNeedByDay ? 1 : 0)] as number);
        failed |= (held ^ 1) & (planMust[r] as number);
      }
      // Scored as judgeIndexed scores: with every weight 0, a pass scores 1 (a ceiling of 1 allows it).
      const score = planWeightSum > 0 ? weighted / planWeightSum : failed === 0 ? 1 : 0;
      return clampScore(score);
    };

    /** Many offerings of a line (see judgeIndexed). */
    const batch = (line: PreparedLine, offerings: Int32Array, count: number, out: Float64Array): void => {
      if (line.line.certifications.length === 0) {
        out.fill(QUICK_NOT_APPLICABLE, 0, count);
        return;
      }
      enterLine(line);
      judgeIndexed(offerings, count, out);
    };

    /** The reason a requirement is held by `cert` (valid, or lapsing before the need-by date). */
    const held = (req: CertificationRequirement, cert: Certification | undefined): Reason =>
      reason(
        CERTIFICATION_REASONS.held,
        `Holds ${req.alternatives === undefined || cert === undefined ? requirementName(req) : `${cert.type}, one of ${requirementName(req)}`} (${req.level}), ${cert?.expires === undefined ? 'with no expiry' : `valid until ${cert.expires}`}.`,
        req.alternatives === undefined
          ? { cert: req.type, level: req.level, expires: cert?.expires ?? null }
          : { cert: req.type, level: req.level, expires: cert?.expires ?? null, heldType: cert?.type ?? null },
      );
    /** The reason a requirement is not met: no valid certificate, or the best one's (`cert`) shortfall. */
    const unmet = (req: CertificationRequirement, cert: Certification | undefined): Reason => {
      const must = req.level === 'must';
      const name = requirementName(req);
      // The status of the best certificate (a pass would have been `held`): on `asOf` it depends on the certificate and the requirement alone.
      const best = cert === undefined ? { status: 'missing' as const } : assessCertificate(cert, req, asOf, undefined, options.expiringCredit);
      const code = !must
        ? CERTIFICATION_REASONS.niceMissing
        : best.status === 'expired'
          ? CERTIFICATION_REASONS.expired
          : best.status === 'class'
            ? CERTIFICATION_REASONS.classInsufficient
            : best.status === 'pending'
              ? CERTIFICATION_REASONS.notYetValid
              : CERTIFICATION_REASONS.missing;
      const level = must ? 'required' : 'nice to have';
      // A `must` held by no valid certificate fails the gate; a `nice` one only scores 0.
      const severity = must ? 'failure' : 'shortfall';
      switch (best.status) {
        case 'expired':
          return reason(code, `${name} (${level}) expired on ${cert?.expires ?? '?'}, before ${asOf}.`, { cert: req.type, level: req.level, expired: cert?.expires ?? '' }, severity);
        case 'class':
          return reason(
            code,
            sentence(`${req.type} is held at ${cert?.class ?? 'no stated class'}, which does not meet the ${level} ${req.class ?? ''}`),
            { cert: req.type, level: req.level, held: cert?.class ?? null, required: req.class ?? null },
            severity,
          );
        case 'pending':
          return reason(code, `${name} (${level}) is issued only on ${cert?.issued ?? '?'}, after ${asOf}.`, { cert: req.type, level: req.level, issued: cert?.issued ?? '' }, severity);
        default:
          return reason(code, `No ${name} certificate is held (${level}).`, { cert: req.type, level: req.level }, severity);
      }
    };

    // Reasons repeat: every line that asks a supplier for the same certificate gets the same
    // sentence. A reason depends on the requirement's type, class and level and on the
    // certificate chosen (an object of the dataset, never changed), so it is kept by certificate
    // and handed out again, frozen (10,870 distinct of 219,998 `held` reasons on the 100k
    // benchmark set).
    const memos = new Map<
      Certification | undefined,
      { readonly type: string; readonly alternatives: string | undefined; readonly cls: string | undefined; readonly level: string; readonly reason: Reason }[]
    >();
    let memoSize = 0;
    const memo = (req: CertificationRequirement, cert: Certification | undefined, make: (req: CertificationRequirement, cert: Certification | undefined) => Reason): Reason => {
      let list = memos.get(cert);
      const alternatives = req.alternatives?.join('\u0000');
      if (list !== undefined) for (const e of list) if (e.type === req.type && e.alternatives === alternatives && e.cls === req.class && e.level === req.level) return e.reason;
      const made = make(req, cert);
      Object.freeze(made.data);
      Object.freeze(made);
      if (memoSize >= MEMO_LIMIT) {
        memos.clear();
        memoSize = 0;
        list = undefined;
      }
      if (list === undefined) {
        list = [];
        memos.set(cert, list);
      }
      list.push({ type: req.type, alternatives, cls: req.class, level: req.level, reason: made });
      memoSize += 1;
      return made;
    };

    const full = (pair: Pair): Verdict => {
      const requirements = pair.line.line.certifications;
      if (requirements.length === 0)
        return notApplicable(reason(CERTIFICATION_REASONS.none, 'The demand line asks for no certificate.'));
      const needBy = pair.line.line.needBy;
      const reasons: Reason[] = [];
      let pass = true;
      let weighted = 0;
      let weights = 0;

      for (const req of requirements) {
        const must = req.level === 'must';
        const weight = must ? options.mustWeight : options.niceWeight;
        let best: Assessment = { status: 'missing', credit: 0, cert: undefined };
        for (const cert of certificatesOf(pair.offering.certificates, keysOf(req)) ?? [])
          best = better(best, assessCertificate(cert, req, asOf, needBy, options.expiringCredit));
        weighted += weight * best.credit;
        weights += weight;
        const cert = best.cert;
        // Each reason says what the requirement, the certificate chosen and (for one lapsing)
        // the need-by date say, and repeats for every line that asks the same of a supplier.
        if (best.status === 'valid' || best.status === 'expiring') {
          reasons.push(memo(req, cert, held));
          if (best.status === 'expiring' && cert?.expires !== undefined && needBy !== undefined) {
            const expires = cert.expires;
            // Rarely the same twice (it names the line's need-by date): made afresh.
            reasons.push(
              reason(
                CERTIFICATION_REASONS.expiresBeforeNeedBy,
                `${requirementName(req)} expires on ${expires}, before the need-by date ${needBy}; it counts ${options.expiringCredit} instead of 1.`,
                { cert: req.type, expires, needBy, credit: options.expiringCredit },
                'shortfall',
              ),
            );
          }
          continue;
        }

        if (must) pass = false;
        reasons.push(memo(req, cert, unmet));
      }

      // All weights 0 is a configuration that says "gate only": a pass then scores 1.
      const score = weights > 0 ? weighted / weights : pass ? 1 : 0;
      return { applicable: true, pass, score: clampScore(score), reasons };
    };
    // The verdict depends on the line's requirements and need-by date, and on the offering's
    // certificate index (an object shared by the offerings that hold no certificate of their own);
    // on the need-by date only where a certificate valid on asOf lapses before it. Lines mostly
    // differ in their need-by dates, so the verdicts that do not depend on it are shared apart,
    // keyed by the requirements alone.
    const exact = new VerdictShare();
    const loose = new VerdictShare();
    const exactLineId = lineIds((line) => signature([line.line.certifications, line.line.needBy]));
    const looseLineId = lineIds((line) => signature(line.line.certifications));
    const offeringId = offeringIds((offering) => offering.certificates, context.offerings);
    /** Whether a certificate the line asks for is `expiring` (valid on asOf, lapsing before the need-by date): only then does the date change the verdict. */
    const lapsesBeforeNeedBy = (pair: Pair): boolean => {
      const needBy = pair.line.line.needBy;
      if (needBy === undefined) return false;
      for (const req of pair.line.line.certifications)
        for (const cert of certificatesOf(pair.offering.certificates, keysOf(req)) ?? [])
          if (assessCertificate(cert, req, asOf, needBy, options.expiringCredit).status === 'expiring') return true;
      return false;
    };
    const judge = (pair: Pair): Verdict =>
      lapsesBeforeNeedBy(pair) ? exact.judgeIds(exactLineId(pair.line), offeringId(pair), pair, full) : loose.judgeIds(looseLineId(pair.line), offeringId(pair), pair, full);
    /**
     * Only a `must` without a certificate fails the gate: its credit is 0, every other's at most
     * 1, so the score is at most the weights of the others over all. (Raised by a trillionth,
     * for the rounding of the sums.)
     */
    const failing = (line: PreparedLine): number => {
      const requirements = line.line.certifications;
      if (!requirements.some((req) => req.level === 'must')) return CANNOT_FAIL;
      let all = 0;
      for (const req of requirements) all += req.level === 'must' ? options.mustWeight : options.niceWeight;
      return all > 0 ? Math.min(1, (all - options.mustWeight) / all + 1e-12) : 0;
    };
    return withQuick(
      judge,
      quick,
      context.offerings === undefined ? { failing } : { batch, cost: CERTIFICATION_COST, ceiling, failing },
    );
  },
});
