import type { PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import { CEILING_BLOCK } from '../criteria/fast.js';
import type { BlockRun } from './index-blocks.js';
import type { MatchRun } from './matcher.js';
import type { LineResult } from './result.js';

/*
 * Offerings changed in place, for the incremental index's layout kept segment by segment (see
 * `blockLayout`). An offering changed (or readied again with its supplier) whose item,
 * certificates and dataset place are the same lands at the place it had, in the block it was in:
 * the block holds the same offerings (by id) as before, but one of them is a new object, so the
 * block is judged by new judges and counts as changed. A line's scoring reads an offering of
 * such a block through its criteria's verdicts (first pass), the block's ceilings (blocks
 * skipped), and, for the offerings it keeps, their full verdicts with reasons (second pass);
 * the places, groups and posting lists are the same. So a line that keeps none of the offerings
 * replaced, and to which every criterion gives each of them the same packed verdict as it gave
 * the offering it replaces, and every changed block the same ceiling, is scored exactly as
 * before: it scores the same candidates in the same chunks from the same kept lists, and its
 * result is the same bytes. Checking that costs a few verdicts per line, where matching it
 * again costs every candidate it scores.
 *
 * Verdicts are compared through the criteria's batch paths, which by contract do not read
 * `pair.scores` (the verdict depends on the line and the offering alone); when a criterion has
 * no batch path, nothing is taken to be in place.
 */

/** One offering replaced in place: its place (the same in the run before and now). */
interface Replaced {
  readonly place: number;
  readonly id: string;
}

/**
 * Whether every block an update changed (`changed`, see `BlockRun.changed`) holds, at the same
 * places, the same offerings by id, supplier, resolution and group as it held before, some of
 * them new objects; if so, a test of whether a line is scored exactly as before (see the
 * comment at the top of this file), else undefined.
 *
 * @example
 * const same = inPlaceChanges(before.run, run, advanced.changed);
 * same?.(line, before.results[at]); // => true when the line neither keeps nor judges differently what changed
 */
export function inPlaceChanges(was: MatchRun, now: MatchRun, changed: BlockRun['changed']): ((line: PreparedLine, result: LineResult) => boolean) | undefined {
  if (changed.was.length !== changed.now.length || changed.was.length === 0) return undefined;
  const wasJudges = was.basis.judges;
  const nowJudges = now.basis.judges;
  if (wasJudges.length !== nowJudges.length || !wasJudges.every((j) => j.batch !== undefined) || !nowJudges.every((j) => j.batch !== undefined)) return undefined;
  const a = was.basis.layout;
  const b = now.basis.layout;
  const replaced: Replaced[] = [];
  const blocks: number[] = [];
  for (let r = 0; r < changed.was.length; r += 2) {
    const first = changed.was[r] as number;
    const end = changed.was[r + 1] as number;
    if (changed.now[r] !== first || changed.now[r + 1] !== end || first % CEILING_BLOCK !== 0) return undefined;
    for (let k = first; k < end; k += CEILING_BLOCK) blocks.push(k / CEILING_BLOCK);
    for (let k = first; k < end; k++) {
      const o = a.offerings[k] as PreparedOffering | undefined;
      const p = b.offerings[k] as PreparedOffering | undefined;
      if (o === undefined || p === undefined) return undefined;
      const padding = (a.original[k] as number) < 0;
      if (padding !== (b.original[k] as number) < 0 || a.groupOf[k] !== b.groupOf[k]) return undefined;
      if (o.offering.id !== p.offering.id || o.supplier.id !== p.supplier.id || o.resolution !== p.resolution) return undefined;
      if (!padding && o !== p) replaced.push({ place: k, id: o.offering.id });
    }
  }
  const ids = new Set(replaced.map((x) => x.id));
  const one = new Int32Array(1);
  const out = new Float64Array(1);
  const verdict = (judge: (typeof wasJudges)[number], line: PreparedLine, place: number): number => {
    one[0] = place;
    (judge.batch as NonNullable<typeof judge.batch>)(line, one, 1, out);
    return out[0] as number;
  };
  return (line, result) => {
    for (const c of result.candidates) if (ids.has(c.offering)) return false;
    for (const c of result.rejected) if (ids.has(c.offering)) return false;
    for (let c = 0; c < wasJudges.length; c++) {
      const before = wasJudges[c] as (typeof wasJudges)[number];
      const after = nowJudges[c] as (typeof nowJudges)[number];
      for (const x of replaced) if (!Object.is(verdict(before, line, x.place), verdict(after, line, x.place))) return false;
      const wasCeiling = before.ceiling;
      const nowCeiling = after.ceiling;
      if ((wasCeiling === undefined) !== (nowCeiling === undefined)) return false;
      if (wasCeiling !== undefined && nowCeiling !== undefined) for (const block of blocks) if (!Object.is(wasCeiling(line, block), nowCeiling(line, block))) return false;
    }
    return true;
  };
}
