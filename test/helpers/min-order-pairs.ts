import type { MatchContext, PreparedLine, PreparedOffering } from '../../src/criteria/criterion.js';
import { pairFrom } from '../../src/engine/testing.js';

/**
 * One line demanding `demand` unit/month against offerings stating the given minimum orders
 * (unit/month; undefined: none stated), with a context holding them all as the run's offerings.
 */
export function minOrderPairs(demand: number, minimums: readonly (number | undefined)[]): { line: PreparedLine; offerings: PreparedOffering[]; context: MatchContext } {
  const made = minimums.map((m, i) =>
    pairFrom({
      line: { id: 'L1', text: 'filter', quantity: `${demand} unit/month` },
      offering: { id: `O${i}`, text: 'filter', ...(m === undefined ? {} : { minOrder: `${m} unit/month` }) },
    }),
  );
  const first = made[0] as (typeof made)[number];
  const offerings = made.map((p) => p.pair.offering);
  return { line: first.pair.line, offerings, context: { ...first.context, offerings } };
}
