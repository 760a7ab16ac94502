import type { Catalog, Resolution } from '../catalog/resolve.js';
import type { PreparedLine, PreparedOffering } from '../criteria/criterion.js';
import type { RunPair } from '../criteria/fast.js';
import type { BlockRun } from './index-blocks.js';
import { postingKeysOf } from './index-layout.js';
import type { LineReach } from './candidates.js';
import { groupPathOf } from '../criteria/derive-candidates.js';
import { boundOfPacked } from './line-matcher.js';
import type { Matcher, MatchRun } from './matcher.js';

/*
 * Which lines an update of the layout kept segment by segment (see `blockLayout`) can have
 * changed, beyond sharing a posting key with an offering of a block that changed. A line is
 * scored down its plan (see `CandidateFinder.followPlan`): its near groups best lead verdict first
 * (the criterion that declares `meta.candidates`, item fit among the built-ins),
 * until the kept lists are settled, then its far groups the same way, unless their ceiling or
 * their best fit settles them. When every offering of a changed block that is its candidate fits
 * it below the stop of its tier (`LineReach`), the buckets it scored hold none of them: they are
 * the same offerings in the same blocks, scored from the same kept lists, and the far groups'
 * best fit is the same, so the line stops at the same places with the same result, and the
 * offerings of the changed blocks are still never scored. The lead's verdict depends on the two
 * resolutions alone (`reads: 'resolutions'`), so each distinct resolution of the changed blocks
 * is judged once per line.
 */

/** One resolution found in the changed blocks, with a place that holds it and the run whose layout that is. */
interface ChangedResolution {
  readonly resolution: Resolution;
  readonly offering: PreparedOffering;
  readonly place: number;
  readonly run: MatchRun;
  /** Its posting keys (`PostingKey.name`), and those of the byItem map alone. */
  readonly keys: ReadonlySet<string>;
  readonly itemKeys: readonly string[];
  /** No item of at least `minItemConfidence`: its group is near for every line that finds it. */
  readonly itemless: boolean;
}

/**
 * Whether a line whose scoring went as far as `reach` in the run before an update may score an
 * offering of a block that changed (see the comment at the top of this file): undefined `reach`
 * (the line was not scored by a plan) answers true.
 *
 * @example
 * const reaches = reachOfChanged(matcher, before.run, run, advanced, catalog);
 * reaches(line, { nearStop: 0.5, farStop: Number.POSITIVE_INFINITY }); // => false when the changed blocks hold only other items of its category
 */
export function reachOfChanged(matcher: Matcher, was: MatchRun, now: MatchRun, changed: BlockRun['changed'], catalog: Catalog): (line: PreparedLine, reach: LineReach | undefined) => boolean {
  const { minItemConfidence } = now;
  const distinct = new Map<Resolution, ChangedResolution>();
  const collect = (run: MatchRun, ranges: readonly number[]): void => {
    const { offerings, original } = run.basis.layout;
    for (let r = 0; r < ranges.length; r += 2)
      for (let k = ranges[r] as number; k < (ranges[r + 1] as number); k++) {
        if ((original[k] as number) < 0) continue;
        const offering = offerings[k] as PreparedOffering;
        if (distinct.has(offering.resolution)) continue;
        const keys = postingKeysOf(offering.resolution, catalog, minItemConfidence);
        distinct.set(offering.resolution, {
          resolution: offering.resolution,
          offering,
          place: k,
          run,
          keys: new Set(keys.map((x) => x.name)),
          itemKeys: keys.filter((x) => x.map === 'byItem').map((x) => x.name),
          itemless: !offering.resolution.items.some((m) => m.confidence >= minItemConfidence),
        });
      }
  };
  collect(was, changed.was);
  collect(now, changed.now);
  const all = [...distinct.values()];
  const fits = new Map<MatchRun, ReturnType<typeof groupPathOf>>([
    [was, groupPathOf(matcher.criteria, was.basis.judges, minItemConfidence)],
    [now, groupPathOf(matcher.criteria, now.basis.judges, minItemConfidence)],
  ]);
  return (line, reach) => {
    if (reach === undefined) return true;
    const lineKeys = postingKeysOf(line.resolution, catalog, minItemConfidence);
    for (const c of all) {
      let candidate = false;
      let near = c.itemless;
      for (const k of lineKeys) {
        if (!c.keys.has(k.name)) continue;
        candidate = true;
        if (k.map === 'byItem' && c.itemKeys.includes(k.name)) near = true;
      }
      if (!candidate) continue;
      const stop = near ? reach.nearStop : reach.farStop;
      if (stop === Number.POSITIVE_INFINITY) continue;
      const lead = fits.get(c.run);
      if (lead === undefined) return true;
      const fit = boundOfPacked(lead.quick({ line, offering: c.offering, scores: {}, index: c.place } as RunPair));
      if (!(fit < stop)) return true;
    }
    return false;
  };
}
