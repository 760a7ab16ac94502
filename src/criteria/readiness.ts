import { z } from 'zod';
import { READINESS_LEVELS, ReadinessSchema, type Readiness } from '../model/supplier.js';
import { clampScore, defineCriterion } from './criterion.js';
import { Outcome } from './derive.js';
import type { CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

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

/**
 * What each reason code of {@link readinessCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link ReadinessReason} is derived from it.
 *
 * @example
 * READINESS_REASON_DECLARATIONS['readiness.level'].data.level; // => 'string'
 */
export const READINESS_REASON_DECLARATIONS = {
  [READINESS_REASONS.level]: { severity: 'info', description: "the offering's readiness level and its score", data: { level: 'string', score: 'number' } },
  [READINESS_REASONS.belowMin]: { severity: 'failure', description: 'the level is below the minimum accepted', data: { level: 'string', minReadiness: 'string' } },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link readinessCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'readiness.below_min') r.data.minReadiness; // => 'qualified-elsewhere'
 */
export type ReadinessReason = DeclaredReason<typeof READINESS_REASON_DECLARATIONS>;

const readinessReason = reasonMaker(READINESS_REASON_DECLARATIONS);

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
const READINESS_DEFICITS: CriterionDeficits<ReadinessReason> = {
  kind: 'readiness',
  // From prototype to production is scale-up and validation.
  support: { 'readiness.*': 'technical' },
  // A readiness short of production is a deficit even where it fails nothing.
  counts: (r) => r.severity === 'failure' || (r.code === 'readiness.level' && r.data.level !== 'in-production'),
  read(code, data, _message) {
    if (code === 'readiness.level') return { summary: `readiness ${data.level}`, remedy: 'it reached production', size: 1 };
    if (code === 'readiness.below_min') return { summary: `readiness ${data.level}, at least ${data.minReadiness} required`, remedy: `it reached ${data.minReadiness}`, size: 1 };
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
    weight: 1,
    deficits: READINESS_DEFICITS,
    reasons: READINESS_REASON_DECLARATIONS,
    options: ReadinessOptionsSchema,
    defaults: { scores: { ...DEFAULT_SCORES } },
  },
  rule(options) {
    const scoreOf = (level: Readiness): number => clampScore(options.scores[level] ?? DEFAULT_SCORES[level]);
    const minRank = options.minReadiness === undefined ? undefined : READINESS_LEVELS.indexOf(options.minReadiness);
    // Levels are compared by their order, not by score (a level outside the list is never below).
    const below = (level: Readiness): boolean => minRank !== undefined && READINESS_LEVELS.indexOf(level) > minRank;
    // Only the levels below `minReadiness` fail, with their scores.
    const failScores = READINESS_LEVELS.filter(below).map(scoreOf);
    return {
      offering: (prepared) => ({ level: prepared.offering.readiness }),
      line: () => ({}),
      judge(_line, { level }, report) {
        const score = scoreOf(level);
        report?.(readinessReason(READINESS_REASONS.level, `The offering is ${LEVEL_TEXT[level]} (${level}), scoring ${score}.`, { level, score }));
        const fails = below(level);
        if (fails && options.minReadiness !== undefined)
          report?.(
            readinessReason(
              READINESS_REASONS.belowMin,
              `Readiness ${level} is below the minimum accepted, ${options.minReadiness}.`,
              { level, minReadiness: options.minReadiness },
              'failure',
            ),
          );
        return Outcome.of(!fails, score);
      },
      failScore: () => (failScores.length === 0 ? undefined : Math.max(...failScores)),
    };
  },
});
