/*
 * A criterion written once, as a rule, and the judge the engine derives from it.
 *
 * The rule states what the criterion reads from an offering and from a line (plain data, its
 * "facts") and one function that judges the two, reporting its reasons only when asked. From
 * that single definition the engine derives what the built-ins used to write by hand beside
 * their judges:
 *
 * - columns: each offering's facts are read once per run and interned (see `FactIds`), so that
 *   every offering of the run has a small integer id and offerings with equal facts share it
 *   (unless most facts prove distinct, when each offering is its own id and nothing is keyed or
 *   memoized);
 * - the quick and batch paths: the rule without a reporter. A column of few distinct facts (lead
 *   time, readiness, locality) gets each line's outcome of every one at once, in a table read by
 *   id and kept while lines with equal facts follow; a column of more is judged once per line facts
 *   for each distinct id among the candidates (a memo by id, kept while lines with equal facts
 *   follow and emptied when they change), unless the memo proves
 *   to seldom hit (certificate indexes: a line's candidates come from different suppliers); a
 *   column of distinct facts (capacity, price) calls the rule per candidate. Each criterion's
 *   batch loop is compiled on its own, so that its call site sees one rule;
 * - verdict sharing: the full verdict (with its reasons) is kept by (line facts, offering
 *   facts) and handed to every pair with the same two, which is sound by construction since
 *   the rule sees nothing else (not for facts that prove distinct: they seldom repeat);
 * - the failing ceiling, from the rule's declaration of what a failing verdict can score;
 * - the block ceiling, from the rule's declaration of how offering facts join (see
 *   `derive-ceiling.ts`), judged by the rule itself.
 *
 * The differential tests (`testCriterion`, the matcher's agreement tests) compare the derived
 * paths with the rule's full verdicts, byte for byte.
 */
import { IdMemo, indexOf } from './compact.js';
import { deriveCeiling, type CeilingDeclaration } from './derive-ceiling.js';
import type { PreparedLine, PreparedOffering, Reason, Verdict } from './criterion.js';
import { CANNOT_FAIL, packVerdict, QUICK_NOT_APPLICABLE, unpackVerdict, withQuick, type FastJudge, type RunContext, type RunPair } from './fast.js';
import { keptRule, type KeptLineFacts } from './line-facts.js';
import { signature, VerdictShare } from './share.js';

/**
 * What a rule decides for a pair: whether the criterion applies, passes and its score, as one
 * number made by {@link Outcome.of} or {@link Outcome.notApplicable} (so that the engine can
 * keep millions of them without an object each).
 *
 * @example
 * const late: Outcome = Outcome.of(false, 0); // applies, fails the gate, scores 0
 */
export type Outcome = number & { readonly __outcome: true };

/**
 * Makers of {@link Outcome}s: `of(pass, score)` for a criterion that applies (score in [0, 1]),
 * `notApplicable` for one that leaves the pair out of the aggregate.
 *
 * @example
 * Outcome.of(true, 0.75); // applies, passes, scores 0.75
 * Outcome.notApplicable; // the offering states nothing the criterion could judge
 */
export const Outcome = Object.freeze({
  of: (pass: boolean, score: number): Outcome => packVerdict(true, pass, score) as Outcome,
  notApplicable: QUICK_NOT_APPLICABLE as Outcome,
});

/**
 * Receives a rule's reasons; given only when the reasons are wanted (the verdicts the matcher
 * keeps), so a rule calls it as `report?.(reason(...))` and pays nothing for the sentences of
 * the pairs it only scores. `R` is the criterion's reasons: those its `meta.reasons` declares,
 * typed (see `DeclaredReason`), so that a rule reports only declared codes with their data.
 *
 * @example
 * report?.(reason('moq.over', `The minimum order ${moq} exceeds the demand.`, { moq }, 'failure'));
 */
export type Report<R extends Reason = Reason> = (reason: R) => void;

/**
 * A criterion's one definition (see {@link RuleCriterion}): what it reads from a line and from an
 * offering, and how it judges them. Facts are plain data (strings, numbers, booleans, null,
 * undefined, arrays and plain objects) and hold everything the verdict and its reasons depend on
 * besides the options and the run's context: the engine shares verdicts between pairs with equal
 * facts, and judges each distinct offering's facts once per line. `judge` must be pure.
 *
 * @example
 * const rule: CriterionRule<{ demand: number }, { moq: number | undefined }> = {
 *   line: (line) => ({ demand: line.line.quantity.max }),
 *   offering: (offering) => ({ moq: offering.offering.minimumOrder?.max }),
 *   judge: (line, offering, report) => {
 *     if (offering.moq === undefined) return Outcome.notApplicable;
 *     const pass = offering.moq <= line.demand;
 *     report?.(reason(pass ? 'moq.within' : 'moq.over', pass ? 'Within the demand.' : 'Over the demand.', {}, pass ? 'info' : 'failure'));
 *     return Outcome.of(pass, pass ? 1 : 0);
 *   },
 *   failScore: () => 0,
 * };
 */
export interface CriterionRule<L, O, R extends Reason = Reason> {
  /** What the criterion reads from a line, once per line. */
  readonly line: (line: PreparedLine) => L;
  /** What the criterion reads from an offering, once per offering and run. */
  readonly offering: (offering: PreparedOffering) => O;
  /** The rule: the pair's outcome, its reasons given to `report` when there is one. */
  readonly judge: (line: L, offering: O, report?: Report<R>) => Outcome;
  /**
   * The highest score a verdict that fails the gate can have against a line whatever the
   * offering, or `undefined` when no offering can fail against it; left out, any score may fail.
   * The engine checks it against verdicts in `testCriterion`; the matcher drops early a
   * candidate that could only enter the kept misses by failing with more.
   */
  readonly failScore?: (line: L) => number | undefined;
  /** Rough cost of judging one pair, relative to a few numbers read and compared (1, the default). */
  readonly cost?: number;
  /**
   * How the facts of several offerings join into facts that judge at least as well as each (see
   * `CeilingDeclaration`): the engine derives the block ceiling it prunes with from it and `judge`.
   * Left out, the criterion has no block ceiling.
   */
  readonly ceiling?: CeilingDeclaration<O>;
}

/** Path steps of {@link FactIds} that no plain datum equals (a field name or value never is a symbol). */
const END = Symbol('end');
const TOP = Symbol('top');
const NESTED = Symbol('nested');
const NEGATIVE_ZERO = Symbol('-0');

/**
 * Small integer ids of a rule's facts, equal only for equal facts: the facts are walked as a path
 * through nested maps (each field's name, then its value), so that the usual flat record of
 * strings and numbers is interned without building a text key (each offering's facts are interned
 * once per run), and facts that are one plain datum are a step of their own. `Map` already tells
 * `1` from `'1'` and `NaN` from everything else, and holds `NaN` equal to itself; `-0` takes a step
 * of its own. A nested value or an array is keyed by its {@link signature}, after a step no field
 * name or value can take.
 */
export class FactIds {
  private readonly root = new Map<unknown, unknown>();
  private count = 0;

  /** The id of `facts`, given on first sight. */
  id(facts: unknown): number {
    let node = this.root;
    if (typeof facts !== 'object' || facts === null) {
      // A plain datum (a certificate index's id) is its own step, as a field's value is.
      node = step(step(node, TOP), facts === 0 && 1 / facts < 0 ? NEGATIVE_ZERO : facts);
    } else if (Array.isArray(facts)) {
      node = step(step(step(node, TOP), NESTED), signature(facts));
    } else {
      const record = facts as Record<string, unknown>;
      // Plain data (see CriterionRule): no inherited enumerable fields to skip.
      for (const name in record) {
        node = step(node, name);
        const v = record[name];
        if (typeof v === 'object' && v !== null) node = step(step(node, NESTED), signature(v));
        else node = step(node, v === 0 && 1 / v < 0 ? NEGATIVE_ZERO : v);
      }
    }
    const known = node.get(END) as number | undefined;
    if (known !== undefined) return known;
    node.set(END, this.count);
    return this.count++;
  }

  /** How many distinct facts have ids. */
  get size(): number {
    return this.count;
  }
}

/** The map one step along `key` from `node`, made on first sight. */
function step(node: Map<unknown, unknown>, key: unknown): Map<unknown, unknown> {
  let next = node.get(key) as Map<unknown, unknown> | undefined;
  if (next === undefined) {
    next = new Map();
    node.set(key, next);
  }
  return next;
}

type BatchLoop = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array) => void;

/**
 * How many offerings' facts are interned before the column decides whether interning pays: when
 * more than half of them are distinct (a capacity or a price is seldom shared), the rest are not
 * keyed and each offering is its own id, so that neither the keys nor the memo cost anything.
 */
const INTERN_SAMPLE = 2048;

/**
 * A column whose offerings' facts are few (at most this many distinct) gets each line's outcome
 * of every one of them worked out at once, in a table read by id (as the hand-written loops read
 * a score by level), kept while lines with equal facts follow.
 */
const TABLE_IDS = 64;

/**
 * How many candidates the memo by id (see `deriveJudge`) is tried on before the column decides
 * whether it pays: when fewer than one in MEMO_HIT_SHARE of them was already judged for their
 * line (certificate indexes: a line's candidates mostly come from different suppliers), the rule
 * is called per candidate from then on, as for distinct facts, without keeping its outcomes.
 */
const MEMO_SAMPLE = 65_536;
const MEMO_HIT_SHARE = 4;

/** The batch loop below (the fallback's), as source: compiled once per derived judge. */
const BATCH_SOURCE = `return function batch(line, indexes, count, out) {
  const lineFacts = begin(line);
  const ids = columnOf();
  if (direct()) {
    for (let k = 0; k < count; k++) out[k] = judgeRule(lineFacts, facts[ids[indexes[k]]]);
    return;
  }
  const table = tableOf();
  if (table !== undefined) {
    const size = table.length;
    for (let k = 0; k < count; k++) {
      const id = ids[indexes[k]];
      out[k] = id < size ? table[id] : judgeRule(lineFacts, facts[id]);
    }
    return;
  }
  let misses = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[indexes[k]];
    let v;
    if (memo.has(id)) v = memo.get(id);
    else {
      v = judgeRule(lineFacts, facts[id]);
      memo.set(id, v);
      misses++;
    }
    out[k] = v;
  }
  tally(count, misses);
};`;

/**
 * The batch loop compiled for one derived judge, so that the optimizer sees a single rule at its
 * call site (a loop shared by every criterion sees them all and calls each the slow way), as zod
 * v4 compiles its fast paths; `undefined` where code cannot be compiled at run time (a content
 * security policy), and the shared loop runs instead. It is the same loop either way.
 *
 * The source ends with a comment naming the criterion: V8 keeps code compiled from the same text
 * together with what its call sites have seen, so five criteria compiling the same text would
 * share one call site again (measured on 100k offerings x 10k lines: the loops of the five rules
 * called their judges the slow way until each got a text of its own).
 */
function compileBatch<L, O>(
  name: string,
  begin: (line: PreparedLine) => L,
  columnOf: () => Int32Array,
  direct: () => boolean,
  tableOf: () => Float64Array | undefined,
  memo: IdMemo,
  tally: (tried: number, misses: number) => void,
  judgeRule: (line: L, offering: O) => number,
  facts: readonly O[],
): BatchLoop | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const make = new Function('begin', 'columnOf', 'direct', 'tableOf', 'memo', 'tally', 'judgeRule', 'facts', `${BATCH_SOURCE}\n// ${encodeURIComponent(name)}`) as (...deps: unknown[]) => BatchLoop;
    return make(begin, columnOf, direct, tableOf, memo, tally, judgeRule, facts);
  } catch {
    return undefined;
  }
}

/** The facts of the last line seen, and their id among distinct line facts once asked for (-1 before); `kept`, their keeper's record. */
interface LineState<L> {
  line: PreparedLine | undefined;
  facts: L;
  id: number;
  kept: KeptLineFacts | undefined;
}

/**
 * The judge of a rule with its fast paths (internal to the package; `defineCriterion` calls it
 * for a criterion written as a rule, `name` its id). See the module comment for what is derived.
 *
 * @example
 * const judge = deriveJudge(leadTimeCriterion.rule({ gate: true }, context), context, 'leadTime');
 * judge.batch?.(line, indexes, count, out); // the packed outcomes of `count` offerings
 */
export function deriveJudge<L, O>(given: CriterionRule<L, O>, context: RunContext, name = ''): FastJudge {
  const rule = keptRule(context, given);
  const offerings = context.offerings;
  const judgeRule = rule.judge;

  // Offering facts, by id; ids by the facts themselves, or, once the column has found most facts
  // distinct (see INTERN_SAMPLE), one id per offering read.
  const offeringIds = new FactIds();
  const facts: O[] = [];
  let keyed = true;
  const factIdOf = (offering: PreparedOffering): number => {
    const f = rule.offering(offering);
    if (!keyed) return facts.push(f) - 1;
    const id = offeringIds.id(f);
    if (id === facts.length) facts.push(f);
    return id;
  };
  let column: Int32Array | undefined;
  const columnOf = (): Int32Array => {
    if (column !== undefined) return column;
    const all = offerings ?? [];
    const ids = new Int32Array(all.length);
    for (let i = 0; i < all.length; i++) {
      if (keyed && i === INTERN_SAMPLE && offeringIds.size * 2 > INTERN_SAMPLE) keyed = false;
      ids[i] = factIdOf(all[i] as PreparedOffering);
    }
    column = ids;
    return ids;
  };
  // Whether the rule is called per candidate: facts mostly distinct (not keyed), or a memo by id
  // that seldom hits (see MEMO_SAMPLE; decided once per run, on the candidates of the first lines).
  let memoTried = 0;
  let memoMisses = 0;
  let memoPays = true;
  const direct = (): boolean => !keyed || !memoPays;
  const tally = (tried: number, misses: number): void => {
    if (memoTried >= MEMO_SAMPLE) return;
    memoTried += tried;
    memoMisses += misses;
    if (memoTried >= MEMO_SAMPLE && (memoTried - memoMisses) * MEMO_HIT_SHARE < memoTried) memoPays = false;
  };
  const byObject = new WeakMap<PreparedOffering, number>();
  const factIdOfPair = (pair: RunPair): number => {
    const i = indexOf(pair, offerings);
    if (i >= 0) return columnOf()[i] as number;
    let id = byObject.get(pair.offering);
    if (id === undefined) {
      id = factIdOf(pair.offering);
      byObject.set(pair.offering, id);
    }
    return id;
  };

  // Line facts: read once for each line in turn, one state for the fast paths and one for the
  // full judge (which the matcher may call between two chunks of another line), each taking the
  // other's facts when it holds the same line. They are keyed for the full judge (to share
  // verdicts), for the table and for the memo by id (kept while lines with equal facts follow).
  // With a keeper (see line-facts.ts), each line's facts and id are kept across the judges made
  // with it, and the ids are the keeper's.
  const keeper = context.lineFacts;
  const lineIds = keeper === undefined ? new FactIds() : (keeper.ids ??= new FactIds());
  const fastLine: LineState<L> = { line: undefined, facts: undefined as L, id: -1, kept: undefined };
  const fullLine: LineState<L> = { line: undefined, facts: undefined as L, id: -1, kept: undefined };
  const enter = (state: LineState<L>, other: LineState<L>, line: PreparedLine): LineState<L> => {
    if (state.line !== line) {
      if (other.line === line) {
        state.facts = other.facts;
        state.id = other.id;
        state.kept = other.kept;
      } else if (keeper !== undefined) {
        let kept = keeper.lines.get(line);
        if (kept === undefined) {
          kept = { facts: rule.line(line), id: -1, partIds: undefined };
          keeper.lines.set(line, kept);
        }
        state.facts = kept.facts as L;
        state.id = kept.id;
        state.kept = kept;
      } else {
        state.facts = rule.line(line);
        state.id = -1;
      }
      state.line = line;
    }
    return state;
  };
  const lineIdOf = (state: LineState<L>): number => {
    if (state.id >= 0) return state.id;
    state.id = state.kept !== undefined && state.kept.id >= 0 ? state.kept.id : lineIds.id(state.facts);
    if (state.kept !== undefined) state.kept.id = state.id;
    return state.id;
  };

  // The fast paths: the outcome of each distinct offering id, once per line facts: the memo is
  // kept while lines with equal facts follow (item fit: lines asking for the same items), and
  // emptied when the facts change. Unused (and the line facts not keyed) once the rule is called
  // per candidate.
  const memo = new IdMemo();
  let memoLine: PreparedLine | undefined;
  let memoLineId = -1;
  const begin = (line: PreparedLine): L => {
    const state = enter(fastLine, fullLine, line);
    if (line !== memoLine) {
      memoLine = line;
      if (!direct()) {
        const id = lineIdOf(state);
        if (id !== memoLineId) {
          memoLineId = id;
          memo.reset();
        }
      }
    }
    return state.facts;
  };
  // The table of the line the fast paths are on (see TABLE_IDS), for the line facts' id it was
  // worked out for; read after begin(line) and columnOf().
  let table: Float64Array | undefined;
  let tableLine: PreparedLine | undefined;
  let tableLineId = -1;
  const tableOf = (): Float64Array | undefined => {
    if (!keyed || facts.length > TABLE_IDS) return undefined;
    if (tableLine === fastLine.line && table !== undefined) return table;
    tableLine = fastLine.line;
    const lineId = lineIdOf(fastLine);
    if (table === undefined || lineId !== tableLineId || table.length !== facts.length) {
      table = new Float64Array(facts.length);
      for (let id = 0; id < facts.length; id++) table[id] = judgeRule(fastLine.facts, facts[id] as O);
      tableLineId = lineId;
    }
    return table;
  };
  const quick = (pair: RunPair): number => {
    const lineFacts = begin(pair.line);
    const id = factIdOfPair(pair);
    if (direct()) return judgeRule(lineFacts, facts[id] as O);
    if (memo.has(id)) return memo.get(id);
    const v: number = judgeRule(lineFacts, facts[id] as O);
    memo.set(id, v);
    return v;
  };
  const batch: BatchLoop = compileBatch(name, begin, columnOf, direct, tableOf, memo, tally, judgeRule, facts) ?? ((line, indexes, count, out) => {
    const lineFacts = begin(line);
    const ids = columnOf();
    if (direct()) {
      for (let k = 0; k < count; k++) out[k] = judgeRule(lineFacts, facts[ids[indexes[k] as number] as number] as O);
      return;
    }
    const known = tableOf();
    if (known !== undefined) {
      for (let k = 0; k < count; k++) {
        const id = ids[indexes[k] as number] as number;
        out[k] = id < known.length ? (known[id] as number) : judgeRule(lineFacts, facts[id] as O);
      }
      return;
    }
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const id = ids[indexes[k] as number] as number;
      let v: number;
      if (memo.has(id)) v = memo.get(id);
      else {
        v = judgeRule(lineFacts, facts[id] as O);
        memo.set(id, v);
        misses++;
      }
      out[k] = v;
    }
    tally(count, misses);
  });

  // The full judge: the rule with a reporter, its verdict shared by (line facts, offering facts),
  // unless the offerings' facts proved mostly distinct: then a verdict is seldom wanted twice, and
  // keeping it would cost more than judging again.
  const verdictOf = (lineFacts: L, offering: O): Verdict => {
    const reasons: Reason[] = [];
    const packed = judgeRule(lineFacts, offering, (r) => {
      reasons.push(r);
    });
    const v = unpackVerdict(packed) ?? { applicable: true, pass: true, score: Number.NaN };
    return { applicable: v.applicable, pass: v.pass, score: v.score, reasons };
  };
  const share = new VerdictShare();
  const full = (pair: RunPair): Verdict => {
    const state = enter(fullLine, fastLine, pair.line);
    const id = factIdOfPair(pair);
    if (!keyed) return verdictOf(state.facts, facts[id] as O);
    return share.judgeIds(lineIdOf(state), id, pair, () => verdictOf(state.facts, facts[id] as O));
  };

  const failScore = rule.failScore;
  const ceiling = rule.ceiling;
  return withQuick(full, quick, {
    batch,
    cost: rule.cost ?? 1,
    ...(ceiling === undefined || offerings === undefined ? {} : { ceiling: deriveCeiling(ceiling, judgeRule, facts, columnOf, (line) => enter(fastLine, fullLine, line).facts) }),
    ...(failScore === undefined
      ? {}
      : {
          failing: (line: PreparedLine): number => {
            const f = failScore(enter(fastLine, fullLine, line).facts);
            return f === undefined ? CANNOT_FAIL : f;
          },
        }),
  });
}
