import { z } from 'zod';
import { parseQuantity } from '../model/quantity.js';
import { clampScore, defineCriterion } from './criterion.js';
import { Outcome } from './derive.js';
import { DAY_SECONDS, dayNumber, deficitSize, type CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

/**
 * Reason codes of {@link leadTimeCriterion}. `over_max` and `misses_need_by` fail the gate
 * (unless the `gate` option is off).
 *
 * @example
 * verdict.reasons.find((r) => r.code === LEAD_TIME_REASONS.missesNeedBy)?.data.daysLate; // => 17
 */
export const LEAD_TIME_REASONS = {
  within: 'lead_time.within',
  overMax: 'lead_time.over_max',
  missesNeedBy: 'lead_time.misses_need_by',
  unknown: 'lead_time.unknown',
  noLimit: 'lead_time.no_limit',
} as const;

/**
 * What each reason code of {@link leadTimeCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link LeadTimeReason} is derived from it.
 *
 * @example
 * LEAD_TIME_REASON_DECLARATIONS['lead_time.misses_need_by'].data.daysLate; // => 'number'
 */
export const LEAD_TIME_REASON_DECLARATIONS = {
  [LEAD_TIME_REASONS.within]: {
    severity: 'info',
    description: 'the lead time is within the maximum and the need-by date (share: of the limit)',
    data: { leadTime: 'string', share: 'number', limitDays: 'number' },
  },
  [LEAD_TIME_REASONS.overMax]: {
    severity: ['failure', 'shortfall'],
    description: 'the lead time is over the maximum; a failure with the gate on',
    data: { leadTime: 'string', maxLeadTime: 'string | null', weeksOver: 'number' },
  },
  [LEAD_TIME_REASONS.missesNeedBy]: {
    severity: ['failure', 'shortfall'],
    description: 'ordered on asOf, it arrives after the need-by date; a failure with the gate on',
    data: { leadTime: 'string', asOf: 'string', arrives: 'string', needBy: 'string | null', daysLate: 'number' },
  },
  [LEAD_TIME_REASONS.unknown]: { severity: 'info', description: 'the offering states no lead time: not applicable', data: {} },
  [LEAD_TIME_REASONS.noLimit]: { severity: 'info', description: 'the line sets neither a maximum nor a need-by date: not applicable', data: {} },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link leadTimeCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'lead_time.misses_need_by') r.data.daysLate; // => 17
 */
export type LeadTimeReason = DeclaredReason<typeof LEAD_TIME_REASON_DECLARATIONS>;

const leadTimeReason = reasonMaker(LEAD_TIME_REASON_DECLARATIONS);

/**
 * Options of {@link leadTimeCriterion}.
 *
 * @example
 * LeadTimeOptionsSchema.parse({ gate: false }); // late offers stay, scored 0
 */
export const LeadTimeOptionsSchema = z.strictObject({
  /** Whether a lead time over the maximum or past the need-by date rejects the pair (false: it only scores 0). */
  gate: z.boolean(),
});
/**
 * Validated options of {@link leadTimeCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: LeadTimeOptions = { gate: false };
 */
export type LeadTimeOptions = z.infer<typeof LeadTimeOptionsSchema>;

const WEEK_SECONDS = 7 * DAY_SECONDS;
const DAY_MS = DAY_SECONDS * 1000;
// `12 wk` against `84 days` must be equal despite float rounding in unit conversion.
const EQUAL_SLACK = 1e-9;


/** Whole UTC days since the epoch as `YYYY-MM-DD`. */
function formatDay(day: number): string {
  const date = new Date(day * DAY_MS);
  return Number.isFinite(date.getTime()) ? date.toISOString().slice(0, 10) : String(day);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** What lead time reads from an offering: its lead time's upper end (seconds, NaN when none) and text. */
interface LeadTimeOffering {
  readonly seconds: number;
  readonly text: string | undefined;
}
/** What lead time reads from a line: its maximum lead time (seconds, text) and need-by date (text, day number). */
interface LeadTimeLine {
  readonly max: number | undefined;
  readonly maxText: string | undefined;
  readonly needBy: string | undefined;
  readonly needByDay: number | undefined;
}
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;


/** What lead time's reasons mean for gap analysis (see `CriterionDeficits`). */
const LEAD_TIME_DEFICITS: CriterionDeficits<LeadTimeReason> = {
  kind: 'lead-time',
  // Shorter lead times need capacity or stock.
  support: { 'lead_time.*': 'funding' },
  read(code, data, _message) {
    switch (code) {
      case 'lead_time.over_max': {
        const maxLeadTime = data.maxLeadTime ?? '?';
        const max = parseQuantity(maxLeadTime);
        return {
          summary: `lead time ${data.leadTime}, ${data.weeksOver} weeks over ${maxLeadTime}`,
          remedy: `its lead time were ${data.weeksOver} weeks shorter`,
          size: max.ok && max.quantity.max > 0 ? deficitSize((data.weeksOver * 7 * DAY_SECONDS) / max.quantity.max) : 1,
        };
      }
      case 'lead_time.misses_need_by': {
        const from = dayNumber(data.asOf);
        const to = data.needBy === null ? undefined : dayNumber(data.needBy);
        return {
          summary: `arrives ${data.arrives}, ${data.daysLate} days after need-by ${data.needBy ?? '?'}`,
          remedy: `it delivered ${data.daysLate} days sooner`,
          size: from !== undefined && to !== undefined && to > from ? deficitSize(data.daysLate / (to - from)) : 1,
        };
      }
      default:
        return undefined;
    }
  },
  // The lead time cut to the tighter of the maximum and the days left until need-by.
  close(_deficit, offering, { line, asOf, original }) {
    let limitDays = Number.POSITIVE_INFINITY;
    if (line.maxLeadTime !== undefined) limitDays = Math.floor(line.maxLeadTime.max / DAY_SECONDS + 1e-9);
    const asOfDay = dayNumber(asOf);
    const needByDay = line.needBy === undefined ? undefined : dayNumber(line.needBy);
    if (needByDay !== undefined && asOfDay !== undefined) limitDays = Math.min(limitDays, needByDay - asOfDay);
    if (!Number.isFinite(limitDays) || limitDays <= 0) return undefined;
    if (offering.leadTime !== undefined && offering.leadTime.max <= limitDays * DAY_SECONDS) return 'met';
    const seconds = limitDays * DAY_SECONDS;
    return {
      offering: { ...offering, leadTime: { text: `${limitDays} days`, value: seconds, min: seconds, max: seconds, dimension: 'time', unit: 'days' } },
      change: `cut lead time${original.leadTime ? ` from ${original.leadTime.text}` : ''} to ${limitDays} days`,
    };
  },
};

/**
 * Lead time: can the offering arrive in time? The offered lead time (its upper end when a
 * range) is checked against the line's maximum lead time and against its need-by date, counting
 * from `asOf` in whole UTC days (no clock is read). Either miss fails the gate (or scores 0 with
 * `gate: false`). Within both, the score is `1 − 0.5 × lead / limit`, where the limit is the
 * tighter of the maximum and the days left until need-by: an offer using half the slack scores
 * 0.75. Not applicable when the offering states no lead time or the line sets no limit.
 *
 * @example
 * const judge = leadTimeCriterion.create({ gate: true }, context); // asOf 2021-03-01
 * judge(pair); // offering '8 wk', line needBy '2021-04-09'
 * // => { applicable: true, pass: false, score: 0,
 * //      reasons: [{ code: 'lead_time.misses_need_by', data: { arrives: '2021-04-26', needBy: '2021-04-09', daysLate: 17 } }] }
 */
export const leadTimeCriterion = defineCriterion({
  meta: {
    id: 'leadTime',
    description: 'the offering arrives within the maximum lead time and by the need-by date',
    kind: 'both',
    weight: 1,
    deficits: LEAD_TIME_DEFICITS,
    reasons: LEAD_TIME_REASON_DECLARATIONS,
    options: LeadTimeOptionsSchema,
    defaults: { gate: true },
  },
  rule(options, context) {
    const asOfDay = dayNumber(context.asOf);
    // Being late fails the gate, or with `gate: false` only scores 0.
    const lateSeverity = options.gate ? 'failure' : 'shortfall';
    return {
      // The offering's lead time: its upper end in seconds and as written.
      offering: (prepared): LeadTimeOffering => {
        const lead = prepared.offering.leadTime;
        return lead === undefined ? { seconds: Number.NaN, text: undefined } : { seconds: lead.max, text: lead.text };
      },
      // The line's limits: the maximum lead time, and the need-by date as a day number.
      line: (prepared): LeadTimeLine => {
        const { maxLeadTime: max, needBy } = prepared.line;
        return {
          max: max?.max,
          maxText: max?.text,
          needBy,
          needByDay: needBy === undefined || asOfDay === undefined ? undefined : dayNumber(needBy),
        };
      },
      judge(line, offer, report) {
        if (offer.text === undefined) {
          report?.(leadTimeReason(LEAD_TIME_REASONS.unknown, 'The offering states no lead time.', {}));
          return Outcome.notApplicable;
        }
        const { max, needByDay } = line;
        if (max === undefined && needByDay === undefined) {
          report?.(leadTimeReason(LEAD_TIME_REASONS.noLimit, 'The demand line sets neither a maximum lead time nor a need-by date.', {}));
          return Outcome.notApplicable;
        }
        const leadSeconds = offer.seconds;
        let late = false;
        let limit = Number.POSITIVE_INFINITY;
        if (max !== undefined) {
          limit = max;
          if (leadSeconds > max * (1 + EQUAL_SLACK)) {
            late = true;
            const weeksOver = round1((leadSeconds - max) / WEEK_SECONDS);
            report?.(
              leadTimeReason(
                LEAD_TIME_REASONS.overMax,
                `Lead time ${offer.text} is ${weeksOver} weeks over the maximum of ${line.maxText ?? '?'}.`,
                { leadTime: offer.text, maxLeadTime: line.maxText ?? null, weeksOver },
                lateSeverity,
              ),
            );
          }
        }
        if (needByDay !== undefined && asOfDay !== undefined) {
          const windowDays = needByDay - asOfDay;
          limit = Math.min(limit, windowDays * DAY_SECONDS);
          // A part-day still needs the whole day to arrive.
          const leadDays = Math.ceil(leadSeconds / DAY_SECONDS - EQUAL_SLACK);
          const arrivesDay = asOfDay + leadDays;
          if (arrivesDay > needByDay) {
            late = true;
            const daysLate = arrivesDay - needByDay;
            const arrives = formatDay(arrivesDay);
            report?.(
              leadTimeReason(
                LEAD_TIME_REASONS.missesNeedBy,
                `Ordered on ${context.asOf} with a lead time of ${offer.text}, it arrives on ${arrives}, ${daysLate} days after the need-by date ${line.needBy ?? '?'}.`,
                { leadTime: offer.text, asOf: context.asOf, arrives, needBy: line.needBy ?? null, daysLate },
                lateSeverity,
              ),
            );
          }
        }
        if (late) return Outcome.of(!options.gate, 0);

        const share = limit > 0 ? leadSeconds / limit : 0;
        if (report !== undefined) {
          const limitText = max !== undefined && limit === max ? `the maximum of ${line.maxText ?? '?'}` : `the ${round1(limit / DAY_SECONDS)} days until ${line.needBy ?? '?'}`;
          report(
            leadTimeReason(LEAD_TIME_REASONS.within, `Lead time ${offer.text} uses ${round1(share * 100)}% of ${limitText}.`, {
              leadTime: offer.text,
              share: round4(share),
              limitDays: round1(limit / DAY_SECONDS),
            }),
          );
        }
        return Outcome.of(true, clampScore(1 - 0.5 * share));
      },
      // Late fails with `gate`, scoring 0; a line with no limit passes every offering.
      failScore: (line) => (options.gate && (line.max !== undefined || line.needByDay !== undefined) ? 0 : undefined),
    };
  },
});
