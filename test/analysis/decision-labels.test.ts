import { describe, expect, it } from 'vitest';
import { decisionLabels, DECISION_GRADES } from '../../src/analysis/decision-labels.js';
import { evaluate } from '../../src/analysis/evaluate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { SupplymatchError } from '../../src/errors.js';
import type { MatchResult } from '../../src/engine/result.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The tiny dataset (asOf 2021-03-01) with one decision of each kind and standing, written before matching. */
function decided(): Any {
  const input = tinyInput() as Any;
  input.decisions = [
    // SB-D01 is named by text and resolves to IT-STF; SB-D02 names IT-TUB.
    { buyer: 'B-01', line: 'SB-D01', supplier: 'S-001', status: 'qualified', date: '2020-06-01', reason: 'audit passed' },
    { buyer: 'B-01', item: 'IT-TUB', supplier: 'S-002', offering: 'S-002-O1', status: 'rejected', date: '2021-01-05', reason: 'kinks', by: 'QA' },
    { buyer: 'B-01', line: 'SB-D02', supplier: 'S-002', status: 'approved', date: '2021-06-01', reason: 'approved ahead of the audit' },
    { buyer: 'B-01', item: 'IT-TUB', supplier: 'S-001', status: 'evaluating', date: '2021-02-01', reason: 'samples' },
  ];
  return input;
}

describe('decisionLabels', () => {
  const dataset = parseDataset(decided());
  const result = createMatcher().match(dataset);

  it('labels each supplier by the decision in force (approved 3, qualified 2, rejected 0), none for pending or evaluating', () => {
    expect(DECISION_GRADES).toEqual({ approved: 3, qualified: 2, rejected: 0 });
    expect(decisionLabels(result, dataset.decisions ?? []).map(({ rationale: _r, ...rest }) => rest)).toEqual([
      { line: 'SB-D01', supplier: 'S-001', grade: 2 },
      { line: 'SB-D02', supplier: 'S-002', offering: 'S-002-O1', grade: 0 },
    ]);
    expect(decisionLabels(result, dataset.decisions ?? [])[1]?.rationale).toBe('rejected by B-01 (QA) on 2021-01-05: kinks');
  });

  it('follows the match date: on a later asOf the approval replaces the rejection', () => {
    const later = createMatcher({ asOf: '2021-07-01' }).match(dataset);
    expect(decisionLabels(later, dataset.decisions ?? []).map((l) => `${l.line} ${l.supplier} ${l.grade}`)).toEqual(['SB-D01 S-001 2', 'SB-D02 S-002 3']);
  });

  it('feeds evaluate: the qualified filter maker ranks first, and the rejected tubing line is left empty', () => {
    // The rejection gates S-002 out of SB-D02, its only candidate.
    expect(result.lines.find((l) => l.line === 'SB-D02')?.candidates).toEqual([]);
    const e = evaluate(result, decisionLabels(result, dataset.decisions ?? []));
    expect(e.overall).toEqual({ lines: 1, pAt1: 1, pAtK: 1, mrr: 1, ndcgAtK: 1 });
    expect(e.unservable).toEqual({ lines: 1, leftEmpty: 1, proposed: [] });
  });

  it('refuses what is not a result or a list of decisions', () => {
    expect(() => decisionLabels({} as MatchResult, [])).toThrow(SupplymatchError);
    expect(() => decisionLabels(result, {} as never)).toThrow(SupplymatchError);
  });
});
