import { describe, expect, it } from 'vitest';
import { mergeLineResult } from '../../src/engine/line-delta.js';
import { rankedBefore, type LineResult, type RankedCandidate, type RejectedCandidate } from '../../src/engine/result.js';

describe('rankedBefore: total descending, then supplier id, then offering id', () => {
  const other = { score: 0.5, supplier: 'S-10', offering: 'O-5' };
  it.each([
    [0.6, 'S-99', 'O-9', true],
    [0.4, 'S-1', 'O-1', false],
    [0.5, 'S-1', 'O-9', true],
    [0.5, 'S-2', 'O-1', false], // ids compare as strings (compareIds): S-10 before S-2
    [0.5, 'S-11', 'O-1', false],
    [0.5, 'S-10', 'O-4', true],
    [0.5, 'S-10', 'O-5', false], // itself: not before
  ] as const)('%s %s %s → %s', (score, supplier, offering, expected) => {
    expect(rankedBefore(score, supplier, offering, other)).toBe(expected);
  });
});

describe('mergeLineResult', () => {
  const ranked = (rank: number, supplier: string, offering: string, score: number): RankedCandidate => ({ rank, supplier, offering, item: undefined, score, outcomes: [] });
  const missed = (supplier: string, offering: string, score: number): RejectedCandidate => ({ supplier, offering, item: undefined, failed: ['capacity'], score, outcomes: [] });
  const before: LineResult = {
    line: 'L-1',
    buyer: 'B-1',
    resolution: { items: [], categories: [] } as unknown as LineResult['resolution'],
    candidates: [ranked(1, 'S-1', 'O-1', 0.9), ranked(2, 'S-3', 'O-3', 0.7)],
    qualifiedCount: 5,
    rejected: [missed('S-4', 'O-4', 0.6)],
    rejectedCount: 2,
    pairsScored: 7,
  };

  it('keeps the best of both lists in rank order, ranks given again, counts added and taken off', () => {
    const added = { candidates: [ranked(1, 'S-2', 'O-2', 0.8), ranked(2, 'S-5', 'O-5', 0.1)], rejected: [missed('S-6', 'O-6', 0.65)], qualifiedCount: 2, rejectedCount: 1, pairsScored: 3 };
    const gone = { qualifiedCount: 1, rejectedCount: 0, pairsScored: 1 };
    const next = mergeLineResult(before, added, gone, 2, 1);
    expect(next.candidates.map((c) => [c.rank, c.offering])).toEqual([
      [1, 'O-1'],
      [2, 'O-2'],
    ]);
    expect(next.rejected.map((c) => c.offering)).toEqual(['O-6']);
    expect([next.qualifiedCount, next.rejectedCount, next.pairsScored]).toEqual([6, 3, 9]);
    // The same fields in the same order as a line result the matcher writes.
    expect(Object.keys(next)).toEqual(Object.keys(before));
    expect(before.candidates[1]?.rank).toBe(2);
  });

  it('with nothing brought and nothing kept gone, only the counts move', () => {
    const next = mergeLineResult(before, { candidates: [], rejected: [], qualifiedCount: 0, rejectedCount: 0, pairsScored: 0 }, { qualifiedCount: 2, rejectedCount: 1, pairsScored: 3 }, 2, 1);
    expect(JSON.stringify({ ...next, qualifiedCount: 5, rejectedCount: 2, pairsScored: 7 })).toBe(JSON.stringify(before));
    expect([next.qualifiedCount, next.rejectedCount, next.pairsScored]).toEqual([3, 1, 4]);
    // The lists are the arrays before (what rankingChanges reads as a top list unchanged).
    expect(next.candidates).toBe(before.candidates);
    expect(next.rejected).toBe(before.rejected);
  });

  it('a list that something brought enters is a new array; the other is kept', () => {
    const next = mergeLineResult(before, { candidates: [], rejected: [missed('S-0', 'O-0', 0.1)], qualifiedCount: 0, rejectedCount: 1, pairsScored: 1 }, { qualifiedCount: 0, rejectedCount: 0, pairsScored: 0 }, 2, 2);
    expect(next.candidates).toBe(before.candidates);
    expect(next.rejected).not.toBe(before.rejected);
    expect(next.rejected.map((c) => c.offering)).toEqual(['O-4', 'O-0']);
  });
});
