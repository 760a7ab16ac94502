/**
 * Numbers rounded to 6 decimals, so that outputs read well and compare byte for byte.
 *
 * @example
 * roundForOutput(1 / 3); // => 0.333333
 */
export function roundForOutput(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
