import { z } from 'zod';
import { canonicalCertType, classMeets } from '../catalog/certificates.js';
import { certificateStatusOn, validOn, type Certification, type CertificationRequirement } from '../model/certification.js';
import { clampScore, defineCriterion, type CertificateIndex, sentence } from './criterion.js';
import { Outcome, type Report } from './derive.js';
import { addYears, COUNTERFACTUAL_ISSUER, dayNumber, type CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

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
 * What each reason code of {@link certificationCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link CertificationReason} is derived from it. `cert` is the requirement's
 * type, `level` whether it is required or nice to have.
 *
 * @example
 * CERTIFICATION_REASON_DECLARATIONS['cert.expired'].data.expired; // => 'string'
 */
export const CERTIFICATION_REASON_DECLARATIONS = {
  [CERTIFICATION_REASONS.held]: {
    severity: 'info',
    description: 'a certificate meets the requirement (expires: null for none; heldType: the alternative held, for a requirement with alternatives)',
    data: { cert: 'string', level: 'string', expires: 'string | null', heldType: { type: 'string | null', optional: true } },
  },
  [CERTIFICATION_REASONS.missing]: { severity: 'failure', description: 'no certificate of a must requirement is held', data: { cert: 'string', level: 'string' } },
  [CERTIFICATION_REASONS.expired]: {
    severity: 'failure',
    description: 'the best certificate of a must requirement expired before asOf',
    data: { cert: 'string', level: 'string', expired: 'string' },
  },
  [CERTIFICATION_REASONS.notYetValid]: {
    severity: 'failure',
    description: 'the best certificate of a must requirement is issued after asOf',
    data: { cert: 'string', level: 'string', issued: 'string' },
  },
  [CERTIFICATION_REASONS.classInsufficient]: {
    severity: 'failure',
    description: 'the certificate of a must requirement is of a lower class (held, required: the classes)',
    data: { cert: 'string', level: 'string', held: 'string | null', required: 'string | null' },
  },
  [CERTIFICATION_REASONS.expiresBeforeNeedBy]: {
    severity: 'shortfall',
    description: 'a valid certificate lapses before the need-by date and counts expiringCredit',
    data: { cert: 'string', expires: 'string', needBy: 'string', credit: 'number' },
  },
  [CERTIFICATION_REASONS.niceMissing]: {
    severity: 'shortfall',
    description: 'no valid certificate of a nice requirement, with what the best one lacks (as for expired, class_insufficient, not_yet_valid)',
    data: {
      cert: 'string',
      level: 'string',
      expired: { type: 'string', optional: true },
      issued: { type: 'string', optional: true },
      held: { type: 'string | null', optional: true },
      required: { type: 'string | null', optional: true },
    },
  },
  [CERTIFICATION_REASONS.none]: { severity: 'info', description: 'the line asks for no certificate: not applicable', data: {} },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link certificationCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'cert.expired') r.data.expired; // => '2020-12-31'
 */
export type CertificationReason = DeclaredReason<typeof CERTIFICATION_REASON_DECLARATIONS>;

const certificationReason = reasonMaker(CERTIFICATION_REASON_DECLARATIONS);

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
  meets: (held: string, required: string) => boolean = classMeets,
): Assessment {
  const status = certificateStatusOn(cert, asOf);
  if (status !== 'valid') return { status, credit: 0, cert };
  if (req.class !== undefined && (cert.class === undefined || !meets(cert.class, req.class)))
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

/** What certification reads from a line (see the criterion's rule). */
interface CertificationLine {
  readonly requirements: readonly CertificationRequirement[];
  /** Per requirement, the id of its signature (accepted keys and class; see the rule). */
  readonly signatures: readonly number[];
  /** Per requirement, its weight (the options' `mustWeight` or `niceWeight`) and whether it is a `must` (1) or not (0). */
  readonly weights: readonly number[];
  readonly must: readonly number[];
  /** The weights summed in requirement order (the denominator of the score). */
  readonly weightSum: number;
  readonly needBy: string | undefined;
  readonly needByDay: number;
}

/** `fn` with its answers kept by argument: certificate types, classes and dates repeat across thousands of pairs. */
function memoized<K, V>(fn: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) {
      v = fn(key);
      known.set(key, v);
    }
    return v;
  };
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
const CERTIFICATION_DEFICITS: CriterionDeficits<CertificationReason> = {
  kind: 'certificate',
  // Certificates, test reports and documents are information: knowing what the buyer requires and
  // getting it tested or renewed; a cleaner cleanroom class is equipment, so funding.
  support: { 'cert.*': 'information', 'cert.class_insufficient': 'funding' },
  read(code, data, _message) {
    if (code === CERTIFICATION_REASONS.none) return undefined;
    const cert = data.cert;
    switch (code) {
      case 'cert.missing':
        return { summary: `no ${cert} (required)`, remedy: `it obtained ${cert}`, size: 1 };
      case 'cert.nice_missing':
        return { summary: `no ${cert} (nice to have)`, remedy: `it obtained ${cert}`, size: 1 };
      case 'cert.expired':
        return { summary: `${cert} expired ${data.expired}`, remedy: `its ${cert} certificate were renewed`, size: 1 };
      case 'cert.not_yet_valid':
        return { summary: `${cert} valid only from ${data.issued}`, remedy: `its ${cert} certificate were in force now`, size: 1 };
      case 'cert.class_insufficient':
        return { summary: `${cert} at ${data.held ?? '?'}, ${data.required ?? '?'} required`, remedy: `its ${cert} class were raised to ${data.required ?? '?'}`, size: 1 };
      case 'cert.expires_before_need_by':
        return { summary: `${cert} expires ${data.expires}, before need-by ${data.needBy}`, remedy: `its ${cert} certificate were renewed beyond ${data.needBy}`, size: 1 };
      default:
        return undefined;
    }
  },
  // A certificate of the required type (and class), valid from as-of to three years after the
  // later of as-of and need-by, added to the offering.
  close(deficit, offering, { line, asOf, original }) {
    if (deficit.code === CERTIFICATION_REASONS.none) return undefined;
    const req = line.certifications.find((c) => c.type === deficit.data.cert);
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
    weight: 2,
    deficits: CERTIFICATION_DEFICITS,
    reasons: CERTIFICATION_REASON_DECLARATIONS,
    options: CertificationOptionsSchema,
    defaults: { expiringCredit: 0.5, mustWeight: 2, niceWeight: 1 },
  },
  rule(options, context) {
    const asOf = context.asOf;
    // Canonical keys of requirement types repeat across thousands of pairs; compute each once.
    const keyOf = memoized(canonicalCertType);
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
     * The certificates of an index under any of `keys`: every reading of a requirement's
     * certificates goes through here, so an alternative counts alike everywhere.
     */
    const certificatesOf = (index: CertificateIndex, keys: readonly string[]): readonly Certification[] | undefined => {
      if (keys.length === 1) return index.get(keys[0] as string);
      const all: Certification[] = [];
      for (const k of keys) all.push(...(index.get(k) ?? []));
      return all;
    };

    const classesMeet = memoized((key: string): boolean => {
      const [held, required] = key.split('\u0000') as [string, string];
      return classMeets(held, required);
    });
    const meets = (held: string, required: string): boolean => classesMeet(`${held}\u0000${required}`);

    // An offering's facts are the id of its certificate index (the offerings of a supplier
    // without certificates of their own share one index object, and so one id); the index is
    // `indexById[id]`, fixed for the run, so equal ids judge alike. The block ceiling joins the
    // ids of a block into the id of the union of their certificates, held as the sorted ids of
    // the indexes it unites (`membersOf[id]`; undefined for an index itself): no union is ever
    // built, a union's latest valid expiry being the latest of its members'.
    const indexIds = new Map<CertificateIndex, number>();
    const indexById: (CertificateIndex | undefined)[] = [];
    const membersOf: (Int32Array | undefined)[] = [];
    const indexIdOf = (index: CertificateIndex): number => {
      let id = indexIds.get(index);
      if (id === undefined) {
        id = indexById.push(index) - 1;
        indexIds.set(index, id);
      }
      return id;
    };
    const unions = new Map<string, number>();
    /** The id of the union of distinct index ids (offering facts: never unions themselves). */
    const unionOf = (ids: readonly number[]): number => {
      if (ids.length === 1) return ids[0] as number;
      const members = Int32Array.from(ids).sort();
      const key = members.join(',');
      let id = unions.get(key);
      if (id === undefined) {
        id = indexById.push(undefined) - 1;
        membersOf[id] = members;
        unions.set(key, id);
      }
      return id;
    };

    // Per requirement signature (its accepted keys and class), by certificate index id: the
    // latest expiry day among the certificates valid on asOf (Infinity: one never expires; NaN:
    // none is valid; -Infinity: not worked out yet). It does not depend on the line, so it serves
    // every line.
    interface Signature {
      latest: Float64Array;
      readonly keys: readonly string[];
      readonly class: string | undefined;
    }
    const signatures: Signature[] = [];
    const signatureIds = new Map<string, number>();
    const signatureOf = (req: CertificationRequirement): number => {
      const keys = keysOf(req);
      const cls = req.class;
      const text = `${keys.join('\u0001')}\u0000${cls ?? ''}\u0000${cls === undefined ? 0 : 1}`;
      let id = signatureIds.get(text);
      if (id === undefined) {
        id = signatures.push({ latest: new Float64Array(0), keys, class: cls }) - 1;
        signatureIds.set(text, id);
      }
      return id;
    };
    /** Whether `cert` counts for a requirement of class `cls` on asOf: valid, and of the class. */
    const counts = (cert: Certification, cls: string | undefined): boolean =>
      validOn(cert, asOf) && (cls === undefined || (cert.class !== undefined && meets(cert.class, cls)));
    /** Works out a signature's latest valid expiry for certificate index `id` (the judge reads `s.latest` first). */
    const workOut = (s: Signature, id: number): number => {
      if (id >= s.latest.length) {
        const grown = new Float64Array(Math.max(id + 1, s.latest.length * 2, 64)).fill(Number.NEGATIVE_INFINITY);
        grown.set(s.latest);
        s.latest = grown;
      }
      let latest = Number.NaN;
      const members = membersOf[id];
      if (members !== undefined) {
        for (const m of members) {
          let day = m < s.latest.length ? (s.latest[m] as number) : Number.NEGATIVE_INFINITY;
          if (day === Number.NEGATIVE_INFINITY) day = workOut(s, m);
          if (day === day && !(day <= latest)) latest = day;
        }
        s.latest[id] = latest;
        return latest;
      }
      for (const cert of certificatesOf(indexById[id] as CertificateIndex, s.keys) ?? []) {
        if (!counts(cert, s.class)) continue;
        const day = cert.expires === undefined ? Number.POSITIVE_INFINITY : dayOf(cert.expires);
        if (Number.isNaN(latest) || day > latest) latest = day;
      }
      s.latest[id] = latest;
      return latest;
    };

    /** The reason a requirement is held by `cert` (valid, or lapsing before the need-by date). */
    const held = (req: CertificationRequirement, cert: Certification | undefined): CertificationReason =>
      certificationReason(
        CERTIFICATION_REASONS.held,
        `Holds ${req.alternatives === undefined || cert === undefined ? requirementName(req) : `${cert.type}, one of ${requirementName(req)}`} (${req.level}), ${cert?.expires === undefined ? 'with no expiry' : `valid until ${cert.expires}`}.`,
        req.alternatives === undefined
          ? { cert: req.type, level: req.level, expires: cert?.expires ?? null }
          : { cert: req.type, level: req.level, expires: cert?.expires ?? null, heldType: cert?.type ?? null },
      );
    /** The reason a requirement is not met: no valid certificate, or the best one's (`cert`) shortfall. */
    const unmet = (req: CertificationRequirement, cert: Certification | undefined): CertificationReason => {
      const must = req.level === 'must';
      const name = requirementName(req);
      // The status of the best certificate (a pass would have been `held`): on `asOf` it depends on the certificate and the requirement alone.
      const best = cert === undefined ? { status: 'missing' as const } : assessCertificate(cert, req, asOf, undefined, options.expiringCredit, meets);
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
          return certificationReason(code, `${name} (${level}) expired on ${cert?.expires ?? '?'}, before ${asOf}.`, { cert: req.type, level: req.level, expired: cert?.expires ?? '' }, severity);
        case 'class':
          return certificationReason(
            code,
            sentence(`${req.type} is held at ${cert?.class ?? 'no stated class'}, which does not meet the ${level} ${req.class ?? ''}`),
            { cert: req.type, level: req.level, held: cert?.class ?? null, required: req.class ?? null },
            severity,
          );
        case 'pending':
          return certificationReason(code, `${name} (${level}) is issued only on ${cert?.issued ?? '?'}, after ${asOf}.`, { cert: req.type, level: req.level, issued: cert?.issued ?? '' }, severity);
        default:
          return certificationReason(code, `No ${name} certificate is held (${level}).`, { cert: req.type, level: req.level }, severity);
      }
    };

    // Reasons repeat: every line that asks a supplier for the same certificate gets the same
    // sentence. A reason depends on the requirement's type, class and level and on the
    // certificate chosen (an object of the dataset, never changed), so it is kept by certificate
    // and handed out again, frozen (10,870 distinct of 219,998 `held` reasons on the 100k
    // benchmark set).
    const memos = new Map<
      Certification | undefined,
      { readonly type: string; readonly alternatives: string | undefined; readonly cls: string | undefined; readonly level: string; readonly reason: CertificationReason }[]
    >();
    let memoSize = 0;
    const memo = (req: CertificationRequirement, cert: Certification | undefined, make: (req: CertificationRequirement, cert: Certification | undefined) => CertificationReason): CertificationReason => {
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
    /**
     * The reasons of one requirement: the best certificate of its types (see better()) held, or
     * lapsing before the need-by date, or what it lacks. Only for the verdicts kept with reasons.
     */
    const explain = (req: CertificationRequirement, index: CertificateIndex, needBy: string | undefined, report: Report<CertificationReason>): void => {
      let best: Assessment = { status: 'missing', credit: 0, cert: undefined };
      for (const cert of certificatesOf(index, keysOf(req)) ?? []) best = better(best, assessCertificate(cert, req, asOf, needBy, options.expiringCredit, meets));
      const cert = best.cert;
      if (best.status !== 'valid' && best.status !== 'expiring') {
        report(memo(req, cert, unmet));
        return;
      }
      report(memo(req, cert, held));
      if (best.status === 'expiring' && cert?.expires !== undefined && needBy !== undefined) {
        // Rarely the same twice (it names the line's need-by date): made afresh.
        report(
          certificationReason(
            CERTIFICATION_REASONS.expiresBeforeNeedBy,
            `${requirementName(req)} expires on ${cert.expires}, before the need-by date ${needBy}; it counts ${options.expiringCredit} instead of 1.`,
            { cert: req.type, expires: cert.expires, needBy, credit: options.expiringCredit },
            'shortfall',
          ),
        );
      }
    };

    const needByDayOf = memoized(dayOf);
    const weightOf = (req: CertificationRequirement): number => (req.level === 'must' ? options.mustWeight : options.niceWeight);

    return {
      // The offering's certificate index, as its id (see indexById).
      offering: (prepared): number => indexIdOf(prepared.certificates),
      // The line's requirements, each one's signature, weight and level, and the need-by date
      // (as a day number: -Infinity without one). The weights are read once per line here, so that
      // the judge, run for every candidate, reads numbers only.
      line: (prepared): CertificationLine => {
        const { certifications: requirements, needBy } = prepared.line;
        const weights = requirements.map(weightOf);
        let weightSum = 0;
        for (const w of weights) weightSum += w;
        return {
          requirements,
          signatures: requirements.map(signatureOf),
          weights,
          must: requirements.map((req) => (req.level === 'must' ? 1 : 0)),
          weightSum,
          needBy,
          needByDay: needBy === undefined ? Number.NEGATIVE_INFINITY : needByDayOf(needBy),
        };
      },
      judge(line, id, report) {
        const n = line.signatures.length;
        if (n === 0) {
          report?.(certificationReason(CERTIFICATION_REASONS.none, 'The demand line asks for no certificate.', {}));
          return Outcome.notApplicable;
        }
        const { weights, must, needByDay } = line;
        let failed = 0;
        let weighted = 0;
        for (let r = 0; r < n; r++) {
          // The best certificate has the highest credit of all (see better()): with `day` the
          // latest valid expiry, none is held (NaN), one lapses before the need-by date
          // (expiring credit) or one is valid through it (1).
          const s = signatures[line.signatures[r] as number] as Signature;
          let day = id < s.latest.length ? (s.latest[id] as number) : Number.NEGATIVE_INFINITY;
          if (day === Number.NEGATIVE_INFINITY) day = workOut(s, id);
          const isHeld = day === day;
          weighted += (weights[r] as number) * (isHeld ? (day >= needByDay ? 1 : options.expiringCredit) : 0);
          if (!isHeld) failed |= must[r] as number;
          if (report !== undefined) explain(line.requirements[r] as CertificationRequirement, indexById[id] as CertificateIndex, line.needBy, report);
        }
        // All weights 0 is a configuration that says "gate only": a pass then scores 1.
        const pass = failed === 0;
        const score = line.weightSum > 0 ? weighted / line.weightSum : pass ? 1 : 0;
        return Outcome.of(pass, clampScore(score));
      },
      /**
       * Only a `must` without a certificate fails the gate: its credit is 0, every other's at most
       * 1, so the score is at most the weights of the others over all. (Raised by a trillionth,
       * for the rounding of the sums.)
       */
      failScore: (line) => {
        if (!line.must.includes(1)) return undefined;
        const all = line.weightSum;
        return all > 0 ? Math.min(1, (all - options.mustWeight) / all + 1e-12) : 0;
      },
      // The certificates of several offerings together score at least as well as each offering's
      // (a credit only grows with the latest valid expiry, and adding a certificate never lowers
      // it): a block whose offerings hold none of a required certificate is bounded without
      // judging them. The layout puts offerings holding the same certificates side by side.
      ceiling: { join: unionOf },
      cost: CERTIFICATION_COST,
    };
  },
});
