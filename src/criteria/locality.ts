import { z } from 'zod';
import { clampScore, defineCriterion } from './criterion.js';
import { Outcome } from './derive.js';
import type { CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

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
 * What each reason code of {@link localityCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link LocalityReason} is derived from it.
 *
 * @example
 * LOCALITY_REASON_DECLARATIONS['locality.foreign'].data.domesticCountry; // => 'string | null'
 */
export const LOCALITY_REASON_DECLARATIONS = {
  [LOCALITY_REASONS.domestic]: { severity: 'info', description: 'the supplier is domestic', data: { country: 'string', preference: 'string' } },
  [LOCALITY_REASONS.foreign]: {
    severity: 'shortfall',
    description: 'a foreign supplier where a domestic one is preferred',
    data: { country: 'string', domesticCountry: 'string | null', score: 'number' },
  },
  [LOCALITY_REASONS.domesticRequired]: {
    severity: 'failure',
    description: 'a foreign supplier where a domestic one is required',
    data: { country: 'string', domesticCountry: 'string | null' },
  },
  [LOCALITY_REASONS.inRegion]: { severity: 'info', description: 'the supplier is in a preferred region (regions: comma-separated)', data: { region: 'string', regions: 'string' } },
  [LOCALITY_REASONS.outsideRegion]: {
    severity: 'shortfall',
    description: 'the supplier is outside the preferred regions (regions: comma-separated)',
    data: { region: 'string | null', regions: 'string', score: 'number' },
  },
  [LOCALITY_REASONS.noPreference]: { severity: 'info', description: 'the line has no sourcing preference: not applicable', data: {} },
  [LOCALITY_REASONS.noDomesticCountry]: {
    severity: 'info',
    description: 'the line asks for domestic suppliers but the run names no domestic country: not applicable',
    data: { preference: 'string' },
  },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link localityCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'locality.outside_region') r.data.regions; // => 'EU, KR'
 */
export type LocalityReason = DeclaredReason<typeof LOCALITY_REASON_DECLARATIONS>;

const localityReason = reasonMaker(LOCALITY_REASON_DECLARATIONS);

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

/** What locality reads from an offering: whether its supplier is domestic, its region and country. */
interface LocalityOffering {
  readonly domestic: boolean;
  readonly region: string | undefined;
  readonly country: string;
}


/** What locality's reasons mean for gap analysis (see `CriterionDeficits`): a firm cannot be made domestic, so no support closes them. */
const LOCALITY_DEFICITS: CriterionDeficits<LocalityReason> = {
  kind: 'locality',
  support: { 'locality.*': 'none' },
  read: (code, data, _message) => (code === 'locality.outside_region' ? { summary: `outside the preferred regions (${data.regions})`, remedy: 'it moved into a preferred region', size: 1 } : undefined),
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
    weight: 1,
    deficits: LOCALITY_DEFICITS,
    reasons: LOCALITY_REASON_DECLARATIONS,
    options: LocalityOptionsSchema,
    defaults: { foreignScore: 0.3, outsideRegionScore: 0.85, regionMissScore: 0.7 },
  },
  rule(options, context) {
    const home = context.domesticCountry;
    return {
      offering: ({ supplier, domestic }): LocalityOffering => ({ domestic, region: supplier.region, country: supplier.country }),
      line: (prepared) => {
        const { domestic: preference, regions } = prepared.line.sourcing;
        return { preference, regions, normalized: regions.map(normalizeRegion) };
      },
      judge(line, supplier, report) {
        const { preference, regions } = line;
        const where = (): string => (supplier.region === undefined ? supplier.country : `${supplier.region}, ${supplier.country}`);
        if (preference === 'none' && regions.length === 0) {
          report?.(localityReason(LOCALITY_REASONS.noPreference, 'The demand line has no sourcing preference.', {}));
          return Outcome.notApplicable;
        }
        if (preference !== 'none' && home === undefined) {
          report?.(
            localityReason(
              LOCALITY_REASONS.noDomesticCountry,
              `The demand line asks for domestic suppliers (${preference}), but no domestic country is set for the run.`,
              { preference },
            ),
          );
          return Outcome.notApplicable;
        }
        const inRegion = supplier.region !== undefined && line.normalized.includes(normalizeRegion(supplier.region));
        const regionReason = (score: number): LocalityReason =>
          inRegion
            ? localityReason(LOCALITY_REASONS.inRegion, `The supplier is in ${where()}, a preferred region.`, { region: supplier.region ?? '', regions: regions.join(', ') })
            : localityReason(
                LOCALITY_REASONS.outsideRegion,
                `The supplier is in ${where()}, outside the preferred regions (${regions.join(', ')}); it scores ${score}.`,
                { region: supplier.region ?? null, regions: regions.join(', '), score },
                'shortfall',
              );

        if (preference === 'none') {
          const score = inRegion ? 1 : options.regionMissScore;
          report?.(regionReason(score));
          return Outcome.of(true, clampScore(score));
        }

        if (!supplier.domestic) {
          const required = preference === 'required';
          const score = required ? 0 : options.foreignScore;
          report?.(
            required
              ? localityReason(
                  LOCALITY_REASONS.domesticRequired,
                  `The line requires a domestic (${home ?? '?'}) supplier; this one is in ${where()}.`,
                  { country: supplier.country, domesticCountry: home ?? null },
                  'failure',
                )
              : localityReason(
                  LOCALITY_REASONS.foreign,
                  `The line prefers a domestic (${home ?? '?'}) supplier; this one is in ${where()} and scores ${score}.`,
                  { country: supplier.country, domesticCountry: home ?? null, score },
                  'shortfall',
                ),
          );
          return Outcome.of(!required, clampScore(score));
        }

        report?.(localityReason(LOCALITY_REASONS.domestic, `The supplier is domestic (${where()}).`, { country: supplier.country, preference }));
        let score = 1;
        if (regions.length > 0) {
          if (!inRegion) score = options.outsideRegionScore;
          report?.(regionReason(score));
        }
        return Outcome.of(true, clampScore(score));
      },
      // Only a foreign supplier against a line that requires a domestic one fails, scoring 0.
      failScore: (line) => (line.preference === 'required' && home !== undefined ? 0 : undefined),
    };
  },
});
