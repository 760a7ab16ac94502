/**
 * Clamps a score into [0, 1] (NaN becomes 0) so that no criterion can break the aggregate. In a
 * module of its own so that the paths derived from a rule (`derive-parts.ts`) use it without
 * importing `criterion.ts`, which imports them.
 *
 * @example
 * clampScore(1.2); // => 1
 * clampScore(Number.NaN); // => 0
 */
export function clampScore(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
