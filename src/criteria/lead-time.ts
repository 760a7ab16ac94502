import { z } from 'zod';
import { parseQuantity } from '../model/quantity.js';
import { indexOf } from './compact.js';
import { CANNOT_FAIL, clampScore, defineCriterion, notApplicable, packVerdict, QUICK_NOT_APPLICABLE, reason, withQuick, type Pair, type PreparedLine, type Reason, type Verdict } from './criterion.js';
import { lineIds, offeringIds, signature, VerdictShare } from './share.js';
import { datumNumber, datumText, DAY_SECONDS, dayNumber, deficitSize, type CriterionDeficits } from './deficit.js';

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
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;


/** What lead time's reasons mean for gap analysis (see `CriterionDeficits`). */
const LEAD_TIME_DEFICITS: CriterionDeficits = {
  kind: 'lead-time',
  // Shorter lead times need capacity or stock.
  support: { 'lead_time.*': 'funding' },
  read(code, data) {
    switch (code) {
      case 'lead_time.over_max': {
        const max = parseQuantity(datumText(data, 'maxLeadTime'));
        const over = datumNumber(data, 'weeksOver');
        return {
          summary: `lead time ${datumText(data, 'leadTime')}, ${datumText(data, 'weeksOver')} weeks over ${datumText(data, 'maxLeadTime')}`,
          remedy: `its lead time were ${datumText(data, 'weeksOver')} weeks shorter`,
          size: max.ok && over !== undefined && max.quantity.max > 0 ? deficitSize((over * 7 * DAY_SECONDS) / max.quantity.max) : 1,
        };
      }
      case 'lead_time.misses_need_by': {
        const from = dayNumber(datumText(data, 'asOf'));
        const to = dayNumber(datumText(data, 'needBy'));
        const late = datumNumber(data, 'daysLate');
        return {
          summary: `arrives ${datumText(data, 'arrives')}, ${datumText(data, 'daysLate')} days after need-by ${datumText(data, 'needBy')}`,
          remedy: `it delivered ${datumText(data, 'daysLate')} days sooner`,
          size: from !== undefined && to !== undefined && late !== undefined && to > from ? deficitSize(late / (to - from)) : 1,
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
    deficits: LEAD_TIME_DEFICITS,
    options: LeadTimeOptionsSchema,
    defaults: { gate: true },
  },
  create(options, context) {
    const asOfDay = dayNumber(context.asOf);

    // The quick and batch paths read the current line's need-by day once (a line comes in
    // several chunks).
    let quickLine: PreparedLine | undefined;
    let quickNeedByDay: number | undefined;
    const needByDayOf = (prepared: PreparedLine): number | undefined => {
      if (prepared !== quickLine) {
        quickLine = prepared;
        quickNeedByDay = prepared.line.needBy === undefined || asOfDay === undefined ? undefined : dayNumber(prepared.line.needBy);
      }
      return quickNeedByDay;
    };
    // Compact data: each offering's lead time (upper end, seconds; NaN when it states none).
    let leadMax: Float64Array | undefined;
    const leadsOf = (): Float64Array => (leadMax ??= Float64Array.from(context.offerings ?? [], (o) => o.offering.leadTime?.max ?? Number.NaN));
    /** The same arithmetic as the judge below, without the sentences. */
    const quick = (pair: Pair): number => {
      const needByDay = needByDayOf(pair.line);
      const i = indexOf(pair, context.offerings);
      let leadSeconds: number;
      if (i >= 0) {
        leadSeconds = leadsOf()[i] as number;
        if (Number.isNaN(leadSeconds)) return QUICK_NOT_APPLICABLE;
      } else {
        const lead = pair.offering.offering.leadTime;
        if (lead === undefined) return QUICK_NOT_APPLICABLE;
        leadSeconds = lead.max;
      }
      return verdictOf(pair.line.line, needByDay, leadSeconds);
    };
    /** The judge's arithmetic for a lead time against a line (its need-by day worked out). */
    const verdictOf = (line: PreparedLine['line'], needByDay: number | undefined, leadSeconds: number): number => {
      const max = line.maxLeadTime;
      if (max === undefined && needByDay === undefined) return QUICK_NOT_APPLICABLE;
      let late = false;
      let limit = Number.POSITIVE_INFINITY;
      if (max !== undefined) {
        limit = max.max;
        if (leadSeconds > max.max * (1 + EQUAL_SLACK)) late = true;
      }
      if (needByDay !== undefined && asOfDay !== undefined && line.needBy !== undefined) {
        const windowDays = needByDay - asOfDay;
        limit = Math.min(limit, windowDays * DAY_SECONDS);
        const leadDays = Math.ceil(leadSeconds / DAY_SECONDS - EQUAL_SLACK);
        if (asOfDay + leadDays > needByDay) late = true;
      }
      if (late) return packVerdict(true, !options.gate, 0);
      const share = limit > 0 ? leadSeconds / limit : 0;
      return packVerdict(true, true, clampScore(1 - 0.5 * share));
    };
    /**
     * verdictOf for many offerings, its per-line part worked out once and its per-offering part
     * written out in the loop: the same arithmetic, with every number a float (a call that
     * returns a fraction, or a branch that mixes one with a small integer, boxes it on the heap).
     */
    const batch = (prepared: PreparedLine, indexes: Int32Array, count: number, out: Float64Array): void => {
      const needByDay = needByDayOf(prepared);
      const leads = leadsOf();
      const line = prepared.line;
      const max = line.maxLeadTime;
      if (max === undefined && needByDay === undefined) {
        out.fill(QUICK_NOT_APPLICABLE, 0, count);
        return;
      }
      const hasMax = max !== undefined;
      const maxLate = hasMax ? max.max * (1 + EQUAL_SLACK) : 0;
      const hasWindow = needByDay !== undefined && asOfDay !== undefined && line.needBy !== undefined;
      let limit = hasMax ? max.max : Number.POSITIVE_INFINITY;
      if (hasWindow) limit = Math.min(limit, (needByDay - asOfDay) * DAY_SECONDS);
      const lastDay = hasWindow ? needByDay - asOfDay : 0;
      const late = options.gate ? -0 : 0;
      const notApplicable: number = QUICK_NOT_APPLICABLE;
      for (let k = 0; k < count; k++) {
        const leadSeconds = leads[indexes[k] as number] as number;
        let v: number;
        if (leadSeconds !== leadSeconds) v = notApplicable;
        else if ((hasMax && leadSeconds > maxLate) || (hasWindow && Math.ceil(leadSeconds / DAY_SECONDS - EQUAL_SLACK) > lastDay)) v = late;
        else v = clampScore(1 - 0.5 * (limit > 0 ? leadSeconds / limit : 0)) + 0;
        out[k] = v;
      }
    };

    const full = (pair: Pair): Verdict => {
      const line = pair.line.line;
      const lead = pair.offering.offering.leadTime;
      if (lead === undefined)
        return notApplicable(reason(LEAD_TIME_REASONS.unknown, 'The offering states no lead time.'));
      const max = line.maxLeadTime;
      const needByDay = line.needBy === undefined || asOfDay === undefined ? undefined : dayNumber(line.needBy);
      if (max === undefined && needByDay === undefined)
        return notApplicable(
          reason(LEAD_TIME_REASONS.noLimit, 'The demand line sets neither a maximum lead time nor a need-by date.'),
        );

      const leadSeconds = lead.max;
      // Being late fails the gate, or with `gate: false` only scores 0.
      const lateSeverity = options.gate ? 'failure' : 'shortfall';
      const reasons: Reason[] = [];
      let late = false;
      let limit = Number.POSITIVE_INFINITY;

      if (max !== undefined) {
        limit = max.max;
        if (leadSeconds > max.max * (1 + EQUAL_SLACK)) {
          late = true;
          const weeksOver = round1((leadSeconds - max.max) / WEEK_SECONDS);
          reasons.push(
            reason(
              LEAD_TIME_REASONS.overMax,
              `Lead time ${lead.text} is ${weeksOver} weeks over the maximum of ${max.text}.`,
              { leadTime: lead.text, maxLeadTime: max.text, weeksOver },
              lateSeverity,
            ),
          );
        }
      }

      if (needByDay !== undefined && asOfDay !== undefined && line.needBy !== undefined) {
        const windowDays = needByDay - asOfDay;
        limit = Math.min(limit, windowDays * DAY_SECONDS);
        // A part-day still needs the whole day to arrive.
        const leadDays = Math.ceil(leadSeconds / DAY_SECONDS - EQUAL_SLACK);
        const arrivesDay = asOfDay + leadDays;
        if (arrivesDay > needByDay) {
          late = true;
          const daysLate = arrivesDay - needByDay;
          const arrives = formatDay(arrivesDay);
          reasons.push(
            reason(
              LEAD_TIME_REASONS.missesNeedBy,
              `Ordered on ${context.asOf} with a lead time of ${lead.text}, it arrives on ${arrives}, ${daysLate} days after the need-by date ${line.needBy}.`,
              { leadTime: lead.text, asOf: context.asOf, arrives, needBy: line.needBy, daysLate },
              lateSeverity,
            ),
          );
        }
      }

      if (late) return { applicable: true, pass: !options.gate, score: 0, reasons };

      const share = limit > 0 ? leadSeconds / limit : 0;
      const limitText =
        max !== undefined && limit === max.max ? `the maximum of ${max.text}` : `the ${round1(limit / DAY_SECONDS)} days until ${line.needBy ?? '?'}`;
      reasons.push(
        reason(
          LEAD_TIME_REASONS.within,
          `Lead time ${lead.text} uses ${round1(share * 100)}% of ${limitText}.`,
          { leadTime: lead.text, share: round4(share), limitDays: round1(limit / DAY_SECONDS) },
        ),
      );
      return { applicable: true, pass: true, score: clampScore(1 - 0.5 * share), reasons };
    };
    // The verdict depends on the line's maximum lead time and need-by date, and on the offering's lead time.
    const share = new VerdictShare();
    const lineId = lineIds((line) => signature([line.line.maxLeadTime, line.line.needBy]));
    const offeringId = offeringIds((offering) => offering.offering.leadTime, context.offerings);
    // A lead time is a Quantity, parsed once per distinct text (so shared by the offerings that state it the same way).
    // Late fails with `gate`, scoring 0; a line with no limit passes every offering.
    const failing = (line: PreparedLine): number => (options.gate && (line.line.maxLeadTime !== undefined || needByDayOf(line) !== undefined) ? 0 : CANNOT_FAIL);
    return withQuick((pair) => share.judgeIds(lineId(pair.line), offeringId(pair), pair, full), quick, { batch, cost: 1, failing });
  },
});
