import { z } from 'zod';
import { canonicalCertType, classMeets } from '../catalog/certificates.js';
import type { Certification, CertificationRequirement } from '../model/certification.js';
import { clampScore, defineCriterion, notApplicable, reason, type Reason } from './criterion.js';

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
  if (cert.issued > asOf) return { status: 'pending', credit: 0, cert };
  if (cert.expires !== undefined && cert.expires < asOf) return { status: 'expired', credit: 0, cert };
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

/** Ends a message with exactly one period, whatever the class it quotes ends with. */
const sentence = (s: string): string => `${s.replace(/[\s.]+$/u, '')}.`;

const requirementName = (req: CertificationRequirement): string => (req.class === undefined ? req.type : `${req.type} ${req.class}`);

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

    return (pair) => {
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
        for (const cert of pair.offering.certificates.get(keyOf(req.type)) ?? [])
          best = better(best, assessCertificate(cert, req, asOf, needBy, options.expiringCredit));
        weighted += weight * best.credit;
        weights += weight;
        const name = requirementName(req);
        const cert = best.cert;

        if (best.status === 'valid' || best.status === 'expiring') {
          const until = cert?.expires === undefined ? 'with no expiry' : `valid until ${cert.expires}`;
          reasons.push(
            reason(CERTIFICATION_REASONS.held, `Holds ${name} (${req.level}), ${until}.`, {
              cert: req.type,
              level: req.level,
              expires: cert?.expires ?? null,
            }),
          );
          if (best.status === 'expiring' && cert?.expires !== undefined && needBy !== undefined)
            reasons.push(
              reason(
                CERTIFICATION_REASONS.expiresBeforeNeedBy,
                `${name} expires on ${cert.expires}, before the need-by date ${needBy}; it counts ${options.expiringCredit} instead of 1.`,
                { cert: req.type, expires: cert.expires, needBy, credit: options.expiringCredit },
                'shortfall',
              ),
            );
          continue;
        }

        if (must) pass = false;
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
            reasons.push(
              reason(
                code,
                `${name} (${level}) expired on ${cert?.expires ?? '?'}, before ${asOf}.`,
                { cert: req.type, level: req.level, expired: cert?.expires ?? '' },
                severity,
              ),
            );
            break;
          case 'class':
            reasons.push(
              reason(
                code,
                sentence(`${req.type} is held at ${cert?.class ?? 'no stated class'}, which does not meet the ${level} ${req.class ?? ''}`),
                { cert: req.type, level: req.level, held: cert?.class ?? null, required: req.class ?? null },
                severity,
              ),
            );
            break;
          case 'pending':
            reasons.push(
              reason(
                code,
                `${name} (${level}) is issued only on ${cert?.issued ?? '?'}, after ${asOf}.`,
                { cert: req.type, level: req.level, issued: cert?.issued ?? '' },
                severity,
              ),
            );
            break;
          default:
            reasons.push(
              reason(code, `No ${name} certificate is held (${level}).`, { cert: req.type, level: req.level }, severity),
            );
        }
      }

      // All weights 0 is a configuration that says "gate only": a pass then scores 1.
      const score = weights > 0 ? weighted / weights : pass ? 1 : 0;
      return { applicable: true, pass, score: clampScore(score), reasons };
    };
  },
});
