/**
 * Counterfactuals scored on the changed pair agree with re-matching the whole changed dataset,
 * for the aggregators whose scores depend on the other candidates (TOPSIS) or multiply
 * (weighted product). Each full re-match takes seconds, so this runs in the heavy project; the
 * weighted sum's agreement is in gaps-incheon.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { gapReport, type GapReport } from '../../src/analysis/gaps.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

const LINES = ['SB-D01', 'IC-D02', 'HB-D04', 'YB-D05', 'CB-D10', 'IC-D03'];
const standings = (r: GapReport): unknown[] => r.lines.flatMap((l) => l.nearMisses.map((n) => [l.line, n.offering, n.unblocked, n.closed]));

let dataset: Dataset;
beforeAll(async () => {
  dataset = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
});

it.each(['topsis', 'weightedProduct'])('with %s, counterfactuals scored on the changed pair agree with re-matching the changed dataset', (aggregate) => {
  const prepared = gapReport(dataset, { matcher: { aggregate }, lines: LINES });
  const full = gapReport(dataset, { matcher: { aggregate }, lines: LINES, rerun: 'full' });
  expect(prepared.counts.counterfactualRuns).toBeGreaterThan(10);
  expect(standings(prepared)).toEqual(standings(full));
});
