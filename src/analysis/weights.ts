/**
 * Criterion weights a committee can justify: subjective ones from pairwise comparisons (AHP, see
 * `weights/ahp.ts`) and objective ones from the candidates' scores (entropy and CRITIC, see
 * `weights/objective.ts`). Every result's `weights` plugs into `createMatcher({ weights })`.
 */
export * from './weights/ahp.js';
export * from './weights/objective.js';
