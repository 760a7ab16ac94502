/*
 * The path candidate finding takes through a criterion that declares `meta.candidates` (see
 * `CandidateDeclaration`), derived from the declaration and the criterion's judge, as the other
 * fast paths are derived from a rule: the engine reads this, never a criterion's identity.
 */
import type { Criterion, Pair } from './criterion.js';
import { packVerdict, type FastJudge, type QuickJudge } from './fast.js';

/**
 * What candidate finding leans on (internal to the package): the position of the criterion that
 * declared `meta.candidates`, the packed verdict of one member of a group of offerings that share
 * a resolution (every member's), and the most it scores an offering that shares no item of at
 * least `minItemConfidence` with the line.
 *
 * @example
 * const path = groupPathOf(matcher.criteria, run.basis.judges, 0.3);
 * path?.quick({ line, offering, scores: {}, index: 0 }); // => the packed verdict of every offering sharing that resolution
 */
export interface GroupPath {
  /** Its position among the criteria. */
  readonly at: number;
  readonly quick: QuickJudge;
  /** The declared far ceiling at the matcher's `minItemConfidence`, in [0, 1]. */
  readonly farCeiling: number;
}

/**
 * The {@link GroupPath} of the first of `criteria` (with their options, judged by `judges` in
 * the same order) that declares `meta.candidates`, or undefined when none does. Its quick path
 * is the judge's, or, for a judge without one (a criterion written with its own `create`), its
 * verdict packed; a far ceiling that is not a number in [0, 1] is taken as 1 (no skipping), not
 * trusted.
 *
 * @example
 * groupPathOf([{ criterion: itemFitCriterion, options: itemFitCriterion.meta.defaults }], judges, 0.3)?.farCeiling; // => 0.5
 */
export function groupPathOf(criteria: readonly { readonly criterion: Criterion; readonly options: unknown }[], judges: readonly FastJudge[], minItemConfidence: number): GroupPath | undefined {
  const at = criteria.findIndex((c) => c.criterion.meta.candidates !== undefined);
  const entry = criteria[at];
  const judge = judges[at];
  const declared = entry?.criterion.meta.candidates;
  if (entry === undefined || judge === undefined || declared === undefined) return undefined;
  const ceiling = declared.farCeiling(entry.options, minItemConfidence);
  const quick =
    judge.quick ??
    ((pair: Pair): number => {
      const v = judge(pair);
      return packVerdict(v.applicable, v.pass, v.score);
    });
  return { at, quick, farCeiling: ceiling >= 0 && ceiling <= 1 ? ceiling : 1 };
}
