import type { PreparedLine, PreparedOffering } from '../../src/criteria/criterion.js';
import type { RunContext } from '../../src/criteria/fast.js';
import { prepareOffering } from '../../src/engine/prepare.js';
import { pairFrom } from '../../src/engine/testing.js';
import { SupplierSchema } from '../../src/model/supplier.js';

/**
 * One line demanding `demand` unit/month against offerings stating the given minimum orders
 * (unit/month; undefined: none stated), with a context holding them all as the run's offerings.
 * The offerings are prepared against the line's catalog, as the engine prepares a dataset's (one
 * `pairFrom` each would build a catalog per offering: seconds for a few thousand).
 */
export function minOrderPairs(demand: number, minimums: readonly (number | undefined)[]): { line: PreparedLine; offerings: PreparedOffering[]; context: RunContext } {
  const { pair, context } = pairFrom({ line: { id: 'L1', text: 'filter', quantity: `${demand} unit/month` }, offering: { id: 'O0', text: 'filter' } });
  const supplier = SupplierSchema.parse({
    id: 'S-TEST',
    names: { en: 'Test supplier' },
    country: 'KR',
    offerings: minimums.map((m, i) => ({ id: `O${i}`, text: 'filter', ...(m === undefined ? {} : { minOrder: `${m} unit/month` }) })),
  });
  const offerings = supplier.offerings.map((o) => prepareOffering(o, supplier, context.catalog, context.domesticCountry));
  return { line: pair.line, offerings, context: { ...context, offerings } };
}
