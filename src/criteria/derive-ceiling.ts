/*
 * The block ceiling of a criterion written as a rule, derived from one declaration: how the facts
 * of two offerings join into facts at least as good as either (an upper envelope). The ceiling of
 * a block of offerings (see `CEILING_BLOCK`) is then the rule's own judge on the join of the
 * block's facts: no second copy of the scoring is written for the pruning. The join is worked out
 * once per block and run (it does not depend on the line); per line, each distinct joined fact is
 * judged once.
 */
import { blockValues, IdMemo, Interner, type BlockValues } from './compact.js';
import type { PreparedLine } from './criterion.js';
import type { CeilingJudge } from './fast.js';
import { QUICK_NOT_APPLICABLE } from './fast.js';

/**
 * How a rule's block ceiling is derived (see `CriterionRule.ceiling`): `join(facts)` gives offering
 * facts that judge, against every line, at least as well as each of `facts` (a verdict that does
 * not apply counting as the best, 1), or `undefined` when no such facts are at hand (the block's
 * ceiling is then 1). The engine hands it the distinct facts of each block (at least one, in order
 * of first appearance) once per run and judges the result: so the judge must score the join no
 * lower than any of them, which `testCriterion` and the property tests check against verdicts. The
 * join of one fact should be that fact itself (blocks whose offerings all state the same facts
 * then need no new object). {@link monotoneJoin} builds the usual join of flat facts from the
 * names of numeric facts the score never falls in.
 *
 * @example
 * // certification: the certificates of several offerings together score at least as well as each one's
 * const ceiling: CeilingDeclaration<number> = { join: (ids) => (ids.length === 1 ? ids[0] : unionId(ids)) };
 */
export interface CeilingDeclaration<O> {
  /** Facts at least as good as each of `facts` (distinct, at least one) against every line, or `undefined` when there are none. */
  readonly join: (facts: readonly O[]) => O | undefined;
}

/** The names of a record's numeric fields (see {@link monotoneJoin}). */
type NumericKey<O> = { [K in keyof O]-?: O[K] extends number ? K : never }[keyof O];

/**
 * The join of flat facts whose score never falls as the numbers named in `increasing` grow nor as
 * those named in `decreasing` shrink, the other facts equal: field by field, the largest (or the
 * smallest) of them, NaN where any is NaN (an unknown value can be anything); facts that differ
 * elsewhere have no join. Returns the first facts themselves when they are already the join.
 *
 * @example
 * const join = monotoneJoin<{ days: number; unit: string }>({ decreasing: ['days'] });
 * join([{ days: 3, unit: 'd' }, { days: 5, unit: 'd' }]); // => { days: 3, unit: 'd' }
 * join([{ days: 3, unit: 'd' }, { days: 5, unit: 'w' }]); // => undefined
 */
export function monotoneJoin<O extends object>(declared: { readonly increasing?: readonly NumericKey<O>[]; readonly decreasing?: readonly NumericKey<O>[] }): (facts: readonly O[]) => O | undefined {
  const up = new Set<PropertyKey>(declared.increasing ?? []);
  const down = new Set<PropertyKey>(declared.decreasing ?? []);
  const joinTwo = (a: O, b: O): O | undefined => {
    if (a === b) return a;
    const x = a as Record<PropertyKey, unknown>;
    const y = b as Record<PropertyKey, unknown>;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return undefined;
    let joined: Record<PropertyKey, unknown> | undefined;
    for (const k of keys) {
      const u = x[k];
      const v = y[k];
      if (Object.is(u, v)) continue;
      if (!Object.hasOwn(y, k)) return undefined;
      if (typeof u !== 'number' || typeof v !== 'number' || !(up.has(k) || down.has(k))) return undefined;
      const w = Number.isNaN(u) || Number.isNaN(v) ? Number.NaN : up.has(k) ? Math.max(u, v) : Math.min(u, v);
      if (Object.is(w, u)) continue;
      joined ??= { ...x };
      joined[k] = w;
    }
    return (joined ?? a) as O;
  };
  return (facts) => {
    let acc: O | undefined = facts[0];
    for (let k = 1; k < facts.length && acc !== undefined; k++) acc = joinTwo(acc, facts[k] as O);
    return acc;
  };
}

/**
 * The block ceiling derived from a rule's {@link CeilingDeclaration} (internal to the package;
 * `deriveJudge` attaches it): the join of each block's offering facts, worked out on first read
 * (`facts` by id, `column()` the id of each offering in the run's offerings, `RunContext.offerings`), judged against the
 * line's facts (`lineFacts(line)`) without a reporter. A packed outcome that fails is bounded by
 * its score as well; one that does not apply, or a block without a join, gives 1.
 *
 * @example
 * const ceiling = deriveCeiling(rule.ceiling, rule.judge, facts, columnOf, (line) => rule.line(line));
 * ceiling(line, 0); // => an upper bound of the scores of offerings 0..31 against `line`
 */
export function deriveCeiling<L, O>(
  declaration: CeilingDeclaration<O>,
  judge: (line: L, offering: O) => number,
  facts: readonly O[],
  column: () => Int32Array,
  lineFacts: (line: PreparedLine) => L,
): CeilingJudge {
  let blocks: BlockValues | undefined;
  // Per block, the id of its joined facts among `joined` (-1: none; -2: not worked out yet).
  let blockJoin: Int32Array | undefined;
  const joinIds = new Interner<O>();
  const joined: O[] = [];
  const joinOf = (block: number): number => {
    blocks ??= blockValues(column());
    blockJoin ??= new Int32Array(blocks.starts.length - 1).fill(-2);
    let id = blockJoin[block] as number;
    if (id !== -2) return id;
    const start = blocks.starts[block] as number;
    const end = blocks.starts[block + 1] as number;
    const distinct: O[] = [];
    for (let k = start; k < end; k++) distinct.push(facts[blocks.values[k] as number] as O);
    const acc = distinct.length === 0 ? undefined : declaration.join(distinct);
    if (acc === undefined) id = -1;
    else {
      id = joinIds.id(acc);
      if (id === joined.length) joined.push(acc);
    }
    blockJoin[block] = id;
    return id;
  };

  // The outcome of each distinct join against the current line, kept only while joins repeat
  // (where most blocks join to facts of their own, as certificates do, keeping them costs more
  // than judging again: a line asks each block once).
  const memo = new IdMemo();
  let memoLine: PreparedLine | undefined;
  let facts0: L | undefined;
  return (line, block) => {
    const id = joinOf(block);
    if (id < 0) return 1;
    if (line !== memoLine) {
      memoLine = line;
      memo.reset();
      facts0 = lineFacts(line);
    }
    let packed: number;
    if (joined.length * 2 > (blockJoin as Int32Array).length) packed = judge(facts0 as L, joined[id] as O);
    else if (memo.has(id)) packed = memo.get(id);
    else {
      packed = judge(facts0 as L, joined[id] as O);
      memo.set(id, packed);
    }
    // A packed outcome is its score, negated when it fails (see packVerdict); 2 and 3 do not apply.
    if (packed >= QUICK_NOT_APPLICABLE || Number.isNaN(packed)) return 1;
    return packed < 0 || Object.is(packed, -0) ? -packed : packed;
  };
}
