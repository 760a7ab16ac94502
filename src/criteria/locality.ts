import { z } from 'zod';
import { IdMemo, indexOf, Interner } from './compact.js';
import { clampScore, defineCriterion, notApplicable, reason, type Pair, type PreparedLine, type PreparedOffering, type Reason, type Verdict } from './criterion.js';
import { CANNOT_FAIL, packVerdict, QUICK_NOT_APPLICABLE, withQuick } from './fast.js';
import { lineIds, offeringIds, flatKey, signature, VerdictShare } from './share.js';
import { datumText, type CriterionDeficits } from './deficit.js';

/**
 * Reason codes of {@link localityCriterion}. Only `domestic_required` fails the gate.
 *
 * @example
 * verdict.reasons[0]?.code; // => 'locality.domestic_required' for a US supplier on a domestic-only line
 */
export const LOCALITY_REASONS = {
  domestic: 'locality.domestic',
  foreign: 'locality.foreign',
  domesticRequired: 'locality.domestic_required',
  inRegion: 'locality.in_region',
  outsideRegion: 'locality.outside_region',
  noPreference: 'locality.no_preference',
  noDomesticCountry: 'locality.no_domestic_country',
} as const;

/**
 * Options of {@link localityCriterion}.
 *
 * @example
 * LocalityOptionsSchema.parse({ foreignScore: 0, outsideRegionScore: 0.9, regionMissScore: 0.5 });
 */
export const LocalityOptionsSchema = z.strictObject({
  /** Score of a foreign supplier when the line prefers domestic ones. */
  foreignScore: z.number().min(0).max(1),
  /** Score of a domestic supplier outside the line's preferred regions (domestic preferred or required). */
  outsideRegionScore: z.number().min(0).max(1),
  /** Score of a supplier outside the preferred regions when the line has no domestic preference. */
  regionMissScore: z.number().min(0).max(1),
});
/**
 * Validated options of {@link localityCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: LocalityOptions = { foreignScore: 0.3, outsideRegionScore: 0.85, regionMissScore: 0.7 };
 */
export type LocalityOptions = z.infer<typeof LocalityOptionsSchema>;

const normalizeRegion = (s: string): string => s.normalize('NFKC').trim().toLowerCase();


/** What locality's reasons mean for gap analysis (see `CriterionDeficits`): a firm cannot be made domestic, so no support closes them. */
const LOCALITY_DEFICITS: CriterionDeficits = {
  kind: 'locality',
  support: { 'locality.*': 'none' },
  read: (code, data) => (code === 'locality.outside_region' ? { summary: `outside the preferred regions (${datumText(data, 'regions')})`, remedy: 'it moved into a preferred region', size: 1 } : undefined),
};

/**
 * Locality: the line's sourcing preference. `domestic: 'required'` rejects foreign suppliers;
 * `'preferred'` scores domestic ones 1 (or `outsideRegionScore` when the line lists regions and
 * the supplier is in none of them, case-insensitive) and foreign ones `foreignScore`; with no
 * domestic preference, listed regions score a match 1 and anything else `regionMissScore`.
 * Not applicable when the line has no preference at all, or asks for domestic suppliers while
 * the run names no domestic country (nobody could be judged domestic).
 *
 * @example
 * const judge = localityCriterion.create(localityCriterion.meta.defaults, context); // domesticCountry 'KR'
 * judge(pair); // line sourcing { domestic: 'preferred', regions: ['Incheon'] }, supplier KR / Gyeonggi
 * // => { applicable: true, pass: true, score: 0.85, reasons: [{ code: 'locality.outside_region', ... }] }
 */
export const localityCriterion = defineCriterion({
  meta: {
    id: 'locality',
    description: 'the supplier is domestic and in the preferred regions when the line asks for it',
    kind: 'both',
    deficits: LOCALITY_DEFICITS,
    options: LocalityOptionsSchema,
    defaults: { foreignScore: 0.3, outsideRegionScore: 0.85, regionMissScore: 0.7 },
  },
  create(options, context) {
    const home = context.domesticCountry;
    // Region lists repeat for every candidate of a line; normalize each list once.
    const regionSets = new WeakMap<readonly string[], ReadonlySet<string>>();
    const regionSet = (regions: readonly string[]): ReadonlySet<string> => {
      let set = regionSets.get(regions);
      if (set === undefined) {
        set = new Set(regions.map(normalizeRegion));
        regionSets.set(regions, set);
      }
      return set;
    };

    // The quick path keeps the current line's preference and its verdict per supplier region.
    let quickLine: PreparedLine | undefined;
    let quickNotApplicable = false;
    const quickByRegion = new Map<string | undefined, { domestic: number; foreign: number }>();
    // Compact data: each offering's supplier region as an id and whether it is domestic; per
    // line, the verdict by region id (a domestic supplier at 2 × id, a foreign one at 2 × id + 1).
    const regionIds = new Interner<string | undefined>();
    const regionNames: (string | undefined)[] = [];
    let columns: { readonly region: Int32Array; readonly domestic: Uint8Array } | undefined;
    const columnsOf = (offerings: readonly PreparedOffering[]): { readonly region: Int32Array; readonly domestic: Uint8Array } => {
      const region = new Int32Array(offerings.length);
      const domestic = new Uint8Array(offerings.length);
      offerings.forEach((o, i) => {
        const id = regionIds.id(o.supplier.region);
        regionNames[id] = o.supplier.region;
        region[i] = id;
        domestic[i] = o.domestic ? 1 : 0;
      });
      return { region, domestic };
    };
    const byRegionMemo = new IdMemo();
    /** Starts a line: its memos emptied, and whether the criterion applies to it at all. */
    const begin = (line: PreparedLine): void => {
      quickLine = line;
      quickByRegion.clear();
      byRegionMemo.reset();
      const { domestic: preference, regions } = line.line.sourcing;
      quickNotApplicable = (preference === 'none' && regions.length === 0) || (preference !== 'none' && home === undefined);
    };
    /** The verdict for offering `i` of `context.offerings` (the line set up by `begin`). */
    const localityAt = (line: PreparedLine, i: number): number => {
      const c = (columns ??= columnsOf(context.offerings ?? []));
      const slot = 2 * (c.region[i] as number) + (c.domestic[i] === 1 ? 0 : 1);
      if (!byRegionMemo.has(slot)) {
        const both = verdictsFor(line, regionNames[c.region[i] as number]);
        byRegionMemo.set(slot, c.domestic[i] === 1 ? both.domestic : both.foreign);
      }
      return byRegionMemo.get(slot);
    };
    const quick = (pair: Pair): number => {
      if (pair.line !== quickLine) begin(pair.line);
      if (quickNotApplicable) return QUICK_NOT_APPLICABLE;
      const i = indexOf(pair, context.offerings);
      if (i >= 0) return localityAt(pair.line, i);
      const both = verdictsFor(pair.line, pair.offering.supplier.region);
      return pair.offering.domestic ? both.domestic : both.foreign;
    };
    /** The packed verdicts of a domestic and of a foreign supplier in `region`, for the current line. */
    const verdictsFor = (line: PreparedLine, region: string | undefined): { domestic: number; foreign: number } => {
      let byRegion = quickByRegion.get(region);
      if (byRegion === undefined) {
        const { domestic: preference, regions } = line.line.sourcing;
        const inRegion = region !== undefined && regionSet(regions).has(normalizeRegion(region));
        if (preference === 'none') {
          const packed = packVerdict(true, true, clampScore(inRegion ? 1 : options.regionMissScore));
          byRegion = { domestic: packed, foreign: packed };
        } else {
          const required = preference === 'required';
          byRegion = {
            domestic: packVerdict(true, true, clampScore(regions.length > 0 && !inRegion ? options.outsideRegionScore : 1)),
            foreign: packVerdict(true, !required, clampScore(required ? 0 : options.foreignScore)),
          };
        }
        quickByRegion.set(region, byRegion);
      }
      return byRegion;
    };

    const full = (pair: Pair): Verdict => {
      const { domestic: preference, regions } = pair.line.line.sourcing;
      const supplier = pair.offering.supplier;
      const where = supplier.region === undefined ? supplier.country : `${supplier.region}, ${supplier.country}`;
      if (preference === 'none' && regions.length === 0)
        return notApplicable(reason(LOCALITY_REASONS.noPreference, 'The demand line has no sourcing preference.'));
      if (preference !== 'none' && home === undefined)
        return notApplicable(
          reason(
            LOCALITY_REASONS.noDomesticCountry,
            `The demand line asks for domestic suppliers (${preference}), but no domestic country is set for the run.`,
            { preference },
          ),
        );

      const inRegion = supplier.region !== undefined && regionSet(regions).has(normalizeRegion(supplier.region));
      const regionReason = (score: number): Reason =>
        inRegion
          ? reason(LOCALITY_REASONS.inRegion, `The supplier is in ${where}, a preferred region.`, {
              region: supplier.region ?? '',
              regions: regions.join(', '),
            })
          : reason(
              LOCALITY_REASONS.outsideRegion,
              `The supplier is in ${where}, outside the preferred regions (${regions.join(', ')}); it scores ${score}.`,
              { region: supplier.region ?? null, regions: regions.join(', '), score },
              'shortfall',
            );

      if (preference === 'none') {
        const score = inRegion ? 1 : options.regionMissScore;
        return { applicable: true, pass: true, score: clampScore(score), reasons: [regionReason(score)] };
      }

      if (!pair.offering.domestic) {
        const required = preference === 'required';
        const score = required ? 0 : options.foreignScore;
        return {
          applicable: true,
          pass: !required,
          score: clampScore(score),
          reasons: [
            required
              ? reason(
                  LOCALITY_REASONS.domesticRequired,
                  `The line requires a domestic (${home ?? '?'}) supplier; this one is in ${where}.`,
                  { country: supplier.country, domesticCountry: home ?? null },
                  'failure',
                )
              : reason(
                  LOCALITY_REASONS.foreign,
                  `The line prefers a domestic (${home ?? '?'}) supplier; this one is in ${where} and scores ${score}.`,
                  { country: supplier.country, domesticCountry: home ?? null, score },
                  'shortfall',
                ),
          ],
        };
      }

      const reasons: Reason[] = [
        reason(LOCALITY_REASONS.domestic, `The supplier is domestic (${where}).`, {
          country: supplier.country,
          preference,
        }),
      ];
      let score = 1;
      if (regions.length > 0) {
        if (!inRegion) score = options.outsideRegionScore;
        reasons.push(regionReason(score));
      }
      return { applicable: true, pass: true, score: clampScore(score), reasons };
    };
    // The verdict depends on the line's sourcing preference and regions, and on the supplier's
    // region and country and whether it is domestic.
    const share = new VerdictShare();
    const lineId = lineIds((line) => signature([line.line.sourcing.domestic, line.line.sourcing.regions]));
    const offeringId = offeringIds(({ supplier, domestic }) => flatKey(domestic ? 1 : 0, supplier.region, supplier.country), context.offerings);
    return withQuick((pair) => share.judgeIds(lineId(pair.line), offeringId(pair), pair, full), quick, {
      cost: 1,
      // Only a foreign supplier against a line that requires a domestic one fails, scoring 0.
      failing: (line) => (line.line.sourcing.domestic === 'required' && home !== undefined ? 0 : CANNOT_FAIL),
      batch: (line, indexes, count, out) => {
        if (line !== quickLine) begin(line);
        if (quickNotApplicable) {
          out.fill(QUICK_NOT_APPLICABLE, 0, count);
          return;
        }
        for (let k = 0; k < count; k++) out[k] = localityAt(line, indexes[k] as number);
      },
    });
  },
});
