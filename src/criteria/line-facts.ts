/*
 * A line's facts kept across runs (internal to the package).
 *
 * A judge derived from a rule reads a line's facts (`CriterionRule.line`, a parts rule's parts)
 * and keys them (their id among distinct line facts) once for each line in turn, and keeps only
 * the last line's: a full run judges each line once, so that is all it needs. The incremental
 * index runs small runs at every update (over the few offerings that came and went), each with
 * judges made for it, over hundreds of lines each: reading and keying every line's facts again in
 * every criterion was most of what merging a line cost. A keeper, given to the judges of one
 * criterion through their context (`RunContext.lineFacts`), holds the rule the first of them was made
 * with, which every later one judges with (a line's facts may name things the rule instance
 * numbered itself, as certification's requirement signatures do), and each line's facts and their
 * id (the context's `lineFacts`, `RunContext` in fast.ts); each judge still owns what it derives from its offerings. It is sound where every judge
 * given the keeper would read and judge alike: the same criterion, options, date, meta, catalog
 * and decisions (the index makes its keepers with its catalog, and refuses changes of meta), with
 * a rule that does not read the run's offerings from its context (the index's layouts already
 * judge offerings with judges made over different sets of them). A line changed is a new prepared line, so it is read afresh; the facts
 * of a line dropped go with it (a `WeakMap` by prepared line). What is kept: per live line and
 * criterion one small record and the facts themselves (which the run made anyway), plus the ids
 * of the distinct line facts seen while the keeper lives.
 */
import type { PreparedLine } from './criterion.js';
import type { FactIds } from './derive.js';
import type { RunContext } from './fast.js';

/**
 * A line's facts for one criterion (a parts rule's: its parts), their id among the keeper's
 * distinct line facts (-1 until asked for), and a parts rule's ids of each part among the
 * keeper's distinct parts.
 *
 * @example
 * const kept: KeptLineFacts = { facts: { demand: 500 }, id: -1, partIds: undefined };
 */
export interface KeptLineFacts {
  readonly facts: unknown;
  id: number;
  partIds: readonly number[] | undefined;
}

/**
 * What one criterion's judges share of the lines they read (see the comment at the top of this
 * file): each line's facts by prepared line, and the ids of distinct facts (made by the first
 * judge that keys a line).
 *
 * @example
 * const keepers = matcher.criteria.map(() => createLineFactsKeeper());
 * createJudges(matcher.criteria, prepared, asOf, offerings, keepers);
 */
export interface LineFactsKeeper {
  readonly lines: WeakMap<PreparedLine, KeptLineFacts>;
  ids: FactIds | undefined;
  /** The rule of the first judge made with the keeper, which every later one judges with. */
  rule: unknown;
}

/**
 * A keeper of line facts for the judges of one criterion.
 *
 * @example
 * const keeper = createLineFactsKeeper();
 * criterionContext(criteria, i, prepared, asOf, offerings, keeper); // judges made with it read lines through it
 */
export function createLineFactsKeeper(): LineFactsKeeper {
  return { lines: new WeakMap(), ids: undefined, rule: undefined };
}

/**
 * The rule a judge made with `context` judges with: its keeper's (see the comment at the top of
 * this file), which is `rule` when it is the first; `rule` itself without a keeper.
 *
 * @example
 * const rule = keptRule(context, criterion.rule(options, context));
 */
export function keptRule<R>(context: RunContext, rule: R): R {
  const keeper = context.lineFacts;
  if (keeper === undefined) return rule;
  keeper.rule ??= rule;
  return keeper.rule as R;
}
