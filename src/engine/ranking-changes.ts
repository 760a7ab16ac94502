import type { LineResult } from './result.js';

/**
 * A candidate that entered or left a line's kept top list.
 *
 * @example
 * const entry: RankEntry = { supplier: 'S-014', offering: 'O-0141', rank: 2, score: 0.83 };
 */
export interface RankEntry {
  readonly supplier: string;
  readonly offering: string;
  readonly rank: number;
  readonly score: number;
}

/**
 * A candidate kept before and after whose rank or total changed.
 *
 * @example
 * const move: RankMove = { supplier: 'S-014', offering: 'O-0141', from: 3, to: 1 };
 */
export interface RankMove {
  readonly supplier: string;
  readonly offering: string;
  readonly from: number;
  readonly to: number;
}

/**
 * How one line's ranking changed: the candidates that entered or left its top list, those that
 * changed rank (`moved`, ranks) or total (`rescored`, scores). A line added or removed lists its
 * whole top list as entered or left.
 *
 * @example
 * const change: LineChange = { line: 'L-3', status: 'changed', entered: [], left: [], moved: [{ supplier: 'S-2', offering: 'O-21', from: 2, to: 1 }], rescored: [] };
 */
export interface LineChange {
  readonly line: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly entered: readonly RankEntry[];
  readonly left: readonly RankEntry[];
  readonly moved: readonly RankMove[];
  readonly rescored: readonly RankMove[];
}

/**
 * The lines whose kept top lists differ between two results' lines (by line id): lines of
 * `after` in order, then the lines only `before` had. A line whose top list is the same
 * (offering for offering, rank and total) is left out, even if its counts or misses changed.
 *
 * @example
 * rankingChanges(before.lines, after.lines).map((c) => c.line); // => ['L-3']
 */
export function rankingChanges(before: readonly LineResult[], after: readonly LineResult[]): LineChange[] {
  const was = new Map(before.map((r) => [r.line, r]));
  const out: LineChange[] = [];
  const entry = (c: LineResult['candidates'][number]): RankEntry => ({ supplier: c.supplier, offering: c.offering, rank: c.rank, score: c.score });
  for (const now of after) {
    const old = was.get(now.line);
    was.delete(now.line);
    if (old === undefined) {
      out.push({ line: now.line, status: 'added', entered: now.candidates.map(entry), left: [], moved: [], rescored: [] });
      continue;
    }
    // The same top list (a line merged with offerings that entered neither list keeps its array).
    if (old === now || old.candidates === now.candidates) continue;
    const oldBy = new Map(old.candidates.map((c) => [c.offering, c]));
    const nowBy = new Map(now.candidates.map((c) => [c.offering, c]));
    const entered = now.candidates.filter((c) => !oldBy.has(c.offering)).map(entry);
    const left = old.candidates.filter((c) => !nowBy.has(c.offering)).map(entry);
    const moved: RankMove[] = [];
    const rescored: RankMove[] = [];
    for (const c of now.candidates) {
      const o = oldBy.get(c.offering);
      if (o === undefined) continue;
      if (o.rank !== c.rank) moved.push({ supplier: c.supplier, offering: c.offering, from: o.rank, to: c.rank });
      if (o.score !== c.score) rescored.push({ supplier: c.supplier, offering: c.offering, from: o.score, to: c.score });
    }
    if (entered.length + left.length + moved.length + rescored.length > 0) out.push({ line: now.line, status: 'changed', entered, left, moved, rescored });
  }
  for (const old of was.values()) out.push({ line: old.line, status: 'removed', entered: [], left: old.candidates.map(entry), moved: [], rescored: [] });
  return out;
}
