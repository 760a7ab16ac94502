/**
 * Numbers rounded to 6 decimals, so that outputs read well and compare byte for byte.
 *
 * @example
 * roundForOutput(1 / 3); // => 0.333333
 */
export function roundForOutput(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A share (0..1) as a percentage with at most one decimal, for tables and reports.
 *
 * @example
 * percentText(0.12345); // => '12.3%'
 */
export function percentText(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
