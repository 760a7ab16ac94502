import { z } from 'zod';
import { READINESS_LEVELS, ReadinessSchema, type Readiness } from '../model/supplier.js';
import { indexOf } from './compact.js';
import { clampScore, defineCriterion, reason, type Pair, type PreparedOffering, type Reason, type Verdict } from './criterion.js';
import { CANNOT_FAIL, packVerdict, withQuick } from './fast.js';
import { offeringIds, VerdictShare } from './share.js';
import { datumText, type CriterionDeficits } from './deficit.js';

/**
 * Reason codes of {@link readinessCriterion}. `below_min` fails the gate (only with `minReadiness`).
 *
 * @example
 * verdict.reasons[0]?.data.level; // => 'prototype'
 */
export const READINESS_REASONS = {
  level: 'readiness.level',
  belowMin: 'readiness.below_min',
} as const;

const LevelScore = z.number().min(0).max(1);

/**
 * Options of {@link readinessCriterion}.
 *
 * @example
 * ReadinessOptionsSchema.parse({ scores: { prototype: 0.5 }, minReadiness: 'prototype' });
 */
export const ReadinessOptionsSchema = z.strictObject({
  /** Score of each readiness level; a level left out keeps its default, so one can be tuned alone. */
  scores: z.strictObject({
    'in-production': LevelScore.optional(),
    'qualified-elsewhere': LevelScore.optional(),
    prototype: LevelScore.optional(),
    capable: LevelScore.optional(),
  }),
  /** The least ready level accepted; offerings less ready fail the gate. Unset: readiness only scores. */
  minReadiness: ReadinessSchema.optional(),
});
/**
 * Validated options of {@link readinessCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: ReadinessOptions = { scores: { prototype: 0.5 }, minReadiness: 'prototype' };
 */
export type ReadinessOptions = z.infer<typeof ReadinessOptionsSchema>;

const DEFAULT_SCORES: Readonly<Record<Readiness, number>> = Object.freeze({
  'in-production': 1,
  'qualified-elsewhere': 0.8,
  prototype: 0.4,
  capable: 0.2,
});

const LEVEL_TEXT: Readonly<Record<Readiness, string>> = {
  'in-production': 'in production',
  'qualified-elsewhere': 'qualified by another buyer',
  prototype: 'at the prototype stage',
  capable: 'capable of it but not yet made',
};


/** What readiness's reasons mean for gap analysis (see `CriterionDeficits`). */
const READINESS_DEFICITS: CriterionDeficits = {
  kind: 'readiness',
  // From prototype to production is scale-up and validation.
  support: { 'readiness.*': 'technical' },
  // A readiness short of production is a deficit even where it fails nothing.
  counts: (r) => r.severity === 'failure' || r.severity === 'shortfall' || (r.code === 'readiness.level' && r.data.level !== 'in-production'),
  read(code, data) {
    if (code === 'readiness.level') return { summary: `readiness ${datumText(data, 'level')}`, remedy: 'it reached production', size: 1 };
    if (code === 'readiness.below_min') return { summary: `readiness ${datumText(data, 'level')}, at least ${datumText(data, 'minReadiness')} required`, remedy: `it reached ${datumText(data, 'minReadiness')}`, size: 1 };
    return undefined;
  },
  // Readiness raised to production (or to the minimum asked).
  close(deficit, offering, { original }) {
    const target = (deficit.code === 'readiness.below_min' ? deficit.data.minReadiness : 'in-production') as Readiness;
    if (offering.readiness === 'in-production') return 'met';
    return { offering: { ...offering, readiness: target }, change: `raised readiness from ${original.readiness} to ${target}` };
  },
};

/**
 * Readiness: how close the offering is to delivering, from in production (1) through qualified
 * elsewhere (0.8) and prototype (0.4) to capable (0.2). With `minReadiness` set, a less ready
 * offering fails the gate; levels are compared by their order in `READINESS_LEVELS`, not by
 * score, so retuning scores never changes who passes. Its kind is `both` because the gate
 * exists; without `minReadiness` it never rejects and acts as a score.
 *
 * @example
 * const judge = readinessCriterion.create({ scores: {}, minReadiness: 'qualified-elsewhere' }, context);
 * judge(pair); // offering readiness 'prototype'
 * // => { applicable: true, pass: false, score: 0.4,
 * //      reasons: [{ code: 'readiness.level', data: { level: 'prototype', score: 0.4 } }, { code: 'readiness.below_min', ... }] }
 */
export const readinessCriterion = defineCriterion({
  meta: {
    id: 'readiness',
    description: 'how close the offering is to delivering (in production, qualified elsewhere, prototype, capable)',
    kind: 'both',
    deficits: READINESS_DEFICITS,
    options: ReadinessOptionsSchema,
    defaults: { scores: { ...DEFAULT_SCORES } },
  },
  create(options, context) {
    const scoreOf = (level: Readiness): number => options.scores[level] ?? DEFAULT_SCORES[level];
    const minRank = options.minReadiness === undefined ? undefined : READINESS_LEVELS.indexOf(options.minReadiness);

    // The packed verdict of each level, computed once (the verdict depends on the level alone).
    const packed = new Map<Readiness, number>();
    for (const level of READINESS_LEVELS)
      packed.set(level, packVerdict(true, !(minRank !== undefined && READINESS_LEVELS.indexOf(level) > minRank), clampScore(scoreOf(level))));
    const byLevel = READINESS_LEVELS.map((level) => packed.get(level) as number);
    // Only the levels below `minReadiness` fail, with their scores.
    const failingCeiling = READINESS_LEVELS.reduce((most, level) => {
      const p = packed.get(level) as number;
      return p < 0 || Object.is(p, -0) ? Math.max(most, -p) : most;
    }, CANNOT_FAIL);
    /** The packed verdict of an offering read from the object (a level outside READINESS_LEVELS included). */
    const packedOf = (offering: PreparedOffering): number =>
      packed.get(offering.offering.readiness) ?? packVerdict(true, true, clampScore(scoreOf(offering.offering.readiness)));
    // Each offering's level as its position in READINESS_LEVELS (255 for anything else), built on first use.
    let levels: Uint8Array | undefined;
    const levelsOf = (offerings: readonly PreparedOffering[]): Uint8Array => {
      const out = new Uint8Array(offerings.length);
      offerings.forEach((o, i) => {
        const at = READINESS_LEVELS.indexOf(o.offering.readiness);
        out[i] = at < 0 ? 255 : at;
      });
      return out;
    };

    const full = (pair: Pair): Verdict => {
      const level = pair.offering.offering.readiness;
      const score = clampScore(scoreOf(level));
      const reasons: Reason[] = [
        reason(READINESS_REASONS.level, `The offering is ${LEVEL_TEXT[level]} (${level}), scoring ${score}.`, { level, score }),
      ];
      const below = minRank !== undefined && READINESS_LEVELS.indexOf(level) > minRank;
      if (below && options.minReadiness !== undefined)
        reasons.push(
          reason(
            READINESS_REASONS.belowMin,
            `Readiness ${level} is below the minimum accepted, ${options.minReadiness}.`,
            { level, minReadiness: options.minReadiness },
            'failure',
          ),
        );
      return { applicable: true, pass: !below, score, reasons };
    };
    // The verdict depends on the level alone: one per level, shared by every pair.
    const share = new VerdictShare();
    const offeringId = offeringIds((offering) => offering.offering.readiness, context.offerings);
    return withQuick((pair) => share.judgeIds(0, offeringId(pair), pair, full), (pair) => {
      const i = indexOf(pair, context.offerings);
      if (i >= 0) {
        levels ??= levelsOf(context.offerings ?? []);
        const level = levels[i] as number;
        if (level < byLevel.length) return byLevel[level] as number;
      }
      return packedOf(pair.offering);
    }, {
      cost: 1,
      failing: () => failingCeiling,
      batch: (_line, indexes, count, out) => {
        const offerings = context.offerings ?? [];
        levels ??= levelsOf(offerings);
        for (let k = 0; k < count; k++) {
          const i = indexes[k] as number;
          const level = levels[i] as number;
          out[k] = level < byLevel.length ? (byLevel[level] as number) : packedOf(offerings[i] as PreparedOffering);
        }
      },
    });
  },
});
