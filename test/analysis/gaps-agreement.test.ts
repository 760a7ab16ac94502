/**
 * Counterfactuals scored on the changed pair agree with re-matching the whole changed dataset,
 * for the aggregators whose scores depend on the other candidates (TOPSIS) or multiply
 * (weighted product). Each full re-match takes seconds, so this runs in the heavy project; the
 * weighted sum's agreement is in gaps-incheon.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { standingIn } from '../../src/analysis/counterfactual.js';
import { closeDeficits } from '../../src/analysis/deficits.js';
import { gapReport, type GapReport, type LineGap } from '../../src/analysis/gaps.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';

const LINES = ['SB-D01', 'IC-D02', 'HB-D04', 'YB-D05', 'CB-D10', 'IC-D03'];
const standings = (r: GapReport): unknown[] => r.lines.flatMap((l) => l.nearMisses.map((n) => [l.line, n.offering, n.unblocked, n.closed]));

let dataset: Dataset;
let report: GapReport;
beforeAll(async () => {
  dataset = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
  report = gapReport(dataset, { budget: { funding: 3, information: 5, technical: 2 } });
});
const lineOf = (id: string): LineGap => {
  const g = report.lines.find((l) => l.line === id);
  if (!g) throw new Error(`no line ${id}`);
  return g;
};

it('counterfactuals agree with re-running the real engine on the changed dataset', () => {
  const matcher = createMatcher({ topK: 500, rejectedK: 500 });
  const lines = dataset.buyers.flatMap((b) => b.demandLines);
  let checked = 0;
  for (const id of ['SB-D01', 'IC-D02', 'HB-D04', 'YB-D05', 'CB-D10']) {
    const g = lineOf(id);
    const n = g.nearMisses.find((x) => x.status === 'rejected' && x.unblocked !== undefined);
    if (!n?.unblocked) continue;
    const s = dataset.suppliers.find((x) => x.id === n.supplier);
    const l = lines.find((x) => x.id === id);
    if (!s || !l) throw new Error('missing');
    const fix = closeDeficits(s, n.offering, l, n.deficits.filter((d) => d.blocking), report.asOf);
    const changed = { ...dataset, suppliers: dataset.suppliers.map((x) => (x.id === s.id ? fix.supplier : x)) };
    const standing = standingIn(matcher.match(changed, { lines: [id] }).lines[0], n.offering);
    expect(standing).toEqual({ qualifies: n.unblocked.qualifies, rank: n.unblocked.rank, qualifiedCount: n.unblocked.qualifiedCount, score: n.unblocked.score, failed: n.unblocked.failed });
    checked += 1;
  }
  expect(checked).toBe(5);
});


it.each(['topsis', 'weightedProduct'])('with %s, counterfactuals scored on the changed pair agree with re-matching the changed dataset', (aggregate) => {
  const prepared = gapReport(dataset, { matcher: { aggregate }, lines: LINES });
  const full = gapReport(dataset, { matcher: { aggregate }, lines: LINES, rerun: 'full' });
  expect(prepared.counts.counterfactualRuns).toBeGreaterThan(10);
  expect(standings(prepared)).toEqual(standings(full));
});
