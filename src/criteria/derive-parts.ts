/*
 * A criterion written once as a rule with parts, and the judge the engine derives from it.
 *
 * Some criteria judge a line's requirements one by one and add what each gives (spec fit: one
 * part per spec requirement, each reading the offering's value of its own key). Facts of one
 * offering that held everything such a verdict depends on would be its whole spec sheet, distinct
 * for almost every offering, and the derivation of `derive.ts` would judge the whole line per
 * candidate. A parts rule says instead: the line gives its parts (each with the key it reads), the
 * offering gives its fact for a key, and the rule judges one part against one fact (a credit and
 * whether it fails); the verdict adds the parts' credits and fails when one fails. From that the
 * engine derives:
 *
 * - columns: per key, each offering's fact as a slot among the key's distinct facts (read once
 *   per run, for the keys the lines ask about);
 * - tables: per distinct part (equal parts share one, across lines), the credit of every slot of
 *   its key's column and whether it fails, each worked out on first sight;
 * - the batch and quick paths: per candidate, one slot read and one table read per part, added in
 *   the part's order;
 * - the block ceiling: per part, the best credit among the block's distinct slots, added alike
 *   (a sum of maxima is at least the maximum of the sums);
 * - the failing ceiling, from what each part declares a failing outcome can credit;
 * - verdict sharing: the full verdict (with its reasons) is kept by (the line's parts, the
 *   offering's slots of their keys), which is all the rule sees.
 *
 * The differential tests (`test/criteria/derive-parts.test.ts`, `testCriterion`, the matcher's
 * agreement tests) compare the derived paths with the rule's full verdicts, byte for byte.
 */
import { blockValues, indexOf, type BlockValues } from './compact.js';
import type { PreparedLine, PreparedOffering, Reason, Verdict } from './criterion.js';
import { clampScore } from './score.js';
import type { Outcome, Report } from './derive.js';
import { FactIds } from './derive.js';
import { CANNOT_FAIL, packVerdict, unpackVerdict, withQuick, type FastJudge, type RunContext, type RunPair } from './fast.js';
import { keptRule } from './line-facts.js';
import { signature, VerdictShare } from './share.js';

/**
 * A criterion's one definition as a rule with parts (see `definePartsCriterion`): the line gives its
 * parts, each reading one key of the offering's facts; `judgePart` judges a part against the
 * offering's fact for its key, returning `Outcome.of(pass, credit)` (credit in [0, 1]) and
 * handing its reasons to `report` when asked. The verdict applies when the line has parts: it
 * passes when every part passes and scores the mean of their credits (clamped to [0, 1]); a line
 * without parts gets `none`. Parts and facts are plain data (compared by their {@link signature},
 * facts by `factKey` when given): equal parts, and equal facts of one key, must judge and report
 * alike. A rule without parts is a parts rule whose lines have one part.
 *
 * @example
 * const rule: PartsRule<{ key: string; min: number }, number> = {
 *   parts: (line) => [{ key: 'purity', min: 0.98 }],
 *   key: (part) => part.key,
 *   keys: () => ['purity'],
 *   fact: (offering, key) => (key === 'purity' ? 0.99 : undefined),
 *   judgePart: (part, fact) => (fact === undefined ? Outcome.of(false, 0) : Outcome.of(fact >= part.min, fact >= part.min ? 1 : 0)),
 *   none: () => Outcome.notApplicable,
 *   failCredit: () => 0,
 * };
 */
export interface PartsRule<P, F, R extends Reason = Reason> {
  /** The line's parts (one per requirement), once per line. */
  readonly parts: (line: PreparedLine) => readonly P[];
  /** The key of the offering's facts that a part reads. */
  readonly key: (part: P) => string;
  /** The keys an offering has facts for (a key may come twice; every other key's fact is `undefined`). */
  readonly keys: (offering: PreparedOffering) => readonly string[];
  /** The offering's fact for `key`, or `undefined` when it has none. */
  readonly fact: (offering: PreparedOffering, key: string) => F | undefined;
  /**
   * A key equal only for facts of one key that judge and report alike (default: the facts'
   * {@link signature}); the engine asks it once per offering and key. Facts that are the same object
   * are not asked twice.
   */
  readonly factKey?: (fact: F) => string | number;
  /** One part against the offering's fact for its key: `Outcome.of(pass, credit)`, its reasons given to `report` when there is one. */
  readonly judgePart: (part: P, fact: F | undefined, report?: Report<R>) => Outcome;
  /** The outcome of a line without parts, its reasons given to `report` when there is one. */
  readonly none: (report?: Report<R>) => Outcome;
  /** The highest credit of a part's failing outcome, or `undefined` when the part cannot fail; left out, any credit may fail. */
  readonly failCredit?: (part: P) => number | undefined;
  /** Rough cost of judging one pair, relative to a few numbers read and compared (1, the default). */
  readonly cost?: number;
}

/** The facts of one key, one slot per distinct fact (slot 0: none), and each offering's slot. */
interface Column<F> {
  /** Per offering (by index in the run's offerings, `RunContext.offerings`), its slot. */
  readonly slots: Int32Array;
  /** Per slot, its fact (`undefined` at slot 0). */
  readonly facts: (F | undefined)[];
}

/**
 * What one distinct part gives each slot of its key's column: its credit (NaN until worked out)
 * and whether it fails.
 */
interface Table {
  credit: Float64Array;
  fails: Uint8Array;
}

/**
 * How many table entries (parts × slots of their keys) are kept across lines before they are
 * dropped and worked out again as lines ask (bounded memory where parts and facts are many).
 */
const TABLE_ENTRIES = 1 << 22;

/** The plan of one line: its parts, their columns and tables. */
interface Plan<P, F> {
  line: PreparedLine | undefined;
  parts: readonly P[];
  columns: Column<F>[];
  tables: Table[];
}

/**
 * The judge of a parts rule with its fast paths (internal to the package; `definePartsCriterion` calls
 * it). See the module comment for what is derived.
 *
 * @example
 * const judge = derivePartsJudge(specFitCriterion.rule(options, context), context);
 * judge.batch?.(line, indexes, count, out); // the packed verdicts of `count` offerings
 */
export function derivePartsJudge<P, F>(given: PartsRule<P, F>, context: RunContext): FastJudge {
  const rule = keptRule(context, given);
  const offerings = context.offerings;
  const n = offerings?.length ?? 0;
  const judgePart = rule.judgePart;
  const factKey = rule.factKey ?? ((f: F): string => signature(f));
  const none = rule.none();

  // Columns, built in one pass over the offerings on first need (for every key they state: a
  // pass per asked key would read each offering once per key).
  let columns: Map<string, Column<F>> | undefined;
  const buildColumns = (): Map<string, Column<F>> => {
    type Building = Column<F> & { readonly byKey: Map<string | number, number>; readonly byObject: Map<unknown, number> };
    const built = new Map<string, Building>();
    const all = offerings ?? [];
    for (let i = 0; i < all.length; i++) {
      const o = all[i] as PreparedOffering;
      for (const key of rule.keys(o)) {
        let c = built.get(key);
        if (c === undefined) {
          c = { slots: new Int32Array(n), facts: [undefined], byKey: new Map(), byObject: new Map() };
          built.set(key, c);
        }
        if (c.slots[i] !== 0) continue;
        const f = rule.fact(o, key);
        if (f === undefined) continue;
        let slot = typeof f === 'object' && f !== null ? c.byObject.get(f) : undefined;
        if (slot === undefined) {
          const k = factKey(f);
          slot = c.byKey.get(k);
          if (slot === undefined) {
            slot = c.facts.length;
            c.facts.push(f);
            c.byKey.set(k, slot);
          }
          if (typeof f === 'object' && f !== null) c.byObject.set(f, slot);
        }
        c.slots[i] = slot;
      }
    }
    const done = new Map<string, Column<F>>();
    for (const [key, c] of built) done.set(key, { slots: c.slots, facts: c.facts });
    return done;
  };
  let emptyColumn: Column<F> | undefined;
  const columnOf = (key: string): Column<F> => {
    columns ??= buildColumns();
    return columns.get(key) ?? (emptyColumn ??= { slots: new Int32Array(n), facts: [undefined] });
  };

  // Tables by part id (equal parts share one), dropped together when too many entries are kept.
  // With a keeper (see line-facts.ts), each line's parts and their ids are kept across the judges
  // made with it, and the ids are the keeper's.
  const keeper = context.lineFacts;
  const partIds = keeper === undefined ? new FactIds() : (keeper.ids ??= new FactIds());
  let tables: (Table | undefined)[] = [];
  let tableEntries = 0;
  const tableOf = (partId: number, column: Column<F>): Table => {
    const size = column.facts.length;
    let t = tables[partId];
    if (t === undefined || t.credit.length !== size) {
      if (tableEntries + size > TABLE_ENTRIES) {
        tables = [];
        tableEntries = 0;
      }
      t = { credit: new Float64Array(size).fill(Number.NaN), fails: new Uint8Array(size) };
      tables[partId] = t;
      tableEntries += size;
    }
    return t;
  };

  const enter = (plan: Plan<P, F>, line: PreparedLine): Plan<P, F> => {
    if (plan.line === line) return plan;
    plan.line = line;
    let kept = keeper?.lines.get(line);
    if (keeper !== undefined && kept === undefined) {
      kept = { facts: rule.parts(line), id: -1, partIds: undefined };
      keeper.lines.set(line, kept);
    }
    plan.parts = kept === undefined ? rule.parts(line) : (kept.facts as readonly P[]);
    plan.columns = [];
    plan.tables = [];
    if (offerings !== undefined) {
      const ids = kept === undefined ? undefined : (kept.partIds ??= plan.parts.map((part) => partIds.id(part)));
      for (let r = 0; r < plan.parts.length; r++) {
        const part = plan.parts[r] as P;
        const column = columnOf(rule.key(part));
        plan.columns.push(column);
        plan.tables.push(tableOf(ids === undefined ? partIds.id(part) : (ids[r] as number), column));
      }
    }
    return plan;
  };
  const fastPlan: Plan<P, F> = { line: undefined, parts: [], columns: [], tables: [] };

  /** Part `r` of the plan against slot `slot` of its column, into its table. */
  const judgeSlot = (plan: Plan<P, F>, r: number, slot: number): void => {
    const packed = judgePart(plan.parts[r] as P, (plan.columns[r] as Column<F>).facts[slot]);
    const t = plan.tables[r] as Table;
    const failed = packed < 0 || Object.is(packed, -0);
    t.credit[slot] = failed ? -packed : packed;
    t.fails[slot] = failed ? 1 : 0;
  };

  /**
   * The packed verdicts of offerings `indexes[0..count)` against the plan's line, into `out`: part
   * after part, each offering's slot looked up and its credit added in `out` in the parts' order;
   * the last part's pass also packs the verdict.
   */
  let failedScratch = new Uint8Array(256);
  const judgeIndexed = (plan: Plan<P, F>, indexes: Int32Array, count: number, out: Float64Array): void => {
    const parts = plan.parts.length;
    if (failedScratch.length < count) failedScratch = new Uint8Array(Math.max(count, failedScratch.length * 2));
    const fails = failedScratch;
    for (let r = 0; r < parts; r++) {
      const slots = (plan.columns[r] as Column<F>).slots;
      const t = plan.tables[r] as Table;
      const credit = t.credit;
      const failing = t.fails;
      const last = r === parts - 1;
      if (r === 0 && last) {
        for (let k = 0; k < count; k++) {
          const slot = slots[indexes[k] as number] as number;
          if (Number.isNaN(credit[slot])) judgeSlot(plan, r, slot);
          const c = credit[slot] as number;
          out[k] = packVerdict(true, failing[slot] === 0, clampScore((0 + c) / parts));
        }
      } else if (r === 0) {
        for (let k = 0; k < count; k++) {
          const slot = slots[indexes[k] as number] as number;
          if (Number.isNaN(credit[slot])) judgeSlot(plan, r, slot);
          const c = credit[slot] as number;
          out[k] = 0 + c;
          fails[k] = failing[slot] as number;
        }
      } else if (!last) {
        for (let k = 0; k < count; k++) {
          const slot = slots[indexes[k] as number] as number;
          if (Number.isNaN(credit[slot])) judgeSlot(plan, r, slot);
          const c = credit[slot] as number;
          out[k] = (out[k] as number) + c;
          fails[k] = (fails[k] as number) | (failing[slot] as number);
        }
      } else {
        for (let k = 0; k < count; k++) {
          const slot = slots[indexes[k] as number] as number;
          if (Number.isNaN(credit[slot])) judgeSlot(plan, r, slot);
          const c = credit[slot] as number;
          const pass = ((fails[k] as number) | (failing[slot] as number)) === 0;
          out[k] = packVerdict(true, pass, clampScore(((out[k] as number) + c) / parts));
        }
      }
    }
  };

  /** The verdict read from the offering's own facts, part by part (an offering outside the run's list), reasons to `report`. */
  const judgeDirect = (parts: readonly P[], offering: PreparedOffering, report?: Report): number => {
    let pass = true;
    let total = 0;
    for (let r = 0; r < parts.length; r++) {
      const part = parts[r] as P;
      const packed = judgePart(part, rule.fact(offering, rule.key(part)), report);
      const failed = packed < 0 || Object.is(packed, -0);
      total += failed ? -packed : packed;
      if (failed) pass = false;
    }
    return packVerdict(true, pass, clampScore(total / parts.length));
  };

  const one = new Int32Array(1);
  const oneOut = new Float64Array(1);
  const quick = (pair: RunPair): number => {
    const plan = enter(fastPlan, pair.line);
    if (plan.parts.length === 0) return none;
    const i = indexOf(pair, offerings);
    if (i < 0) return judgeDirect(plan.parts, pair.offering);
    one[0] = i;
    judgeIndexed(plan, one, 1, oneOut);
    return oneOut[0] as number;
  };
  const batch = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array): void => {
    const plan = enter(fastPlan, line);
    if (plan.parts.length === 0) {
      out.fill(none, 0, count);
      return;
    }
    judgeIndexed(plan, indexes, count, out);
  };

  // The block ceiling: per part the best credit among a block's distinct slots, added as
  // judgeIndexed adds (a sum of maxima is at least the maximum of the sums).
  const columnBlocks = new WeakMap<Column<F>, BlockValues>();
  const ceiling = (line: PreparedLine, block: number): number => {
    const plan = enter(fastPlan, line);
    const parts = plan.parts.length;
    if (parts === 0) return 1;
    let total = 0;
    for (let r = 0; r < parts; r++) {
      const column = plan.columns[r] as Column<F>;
      let blocks = columnBlocks.get(column);
      if (blocks === undefined) {
        blocks = blockValues(column.slots);
        columnBlocks.set(column, blocks);
      }
      const credit = (plan.tables[r] as Table).credit;
      let best = 0;
      for (let k = blocks.starts[block] as number, end = blocks.starts[block + 1] as number; k < end; k++) {
        const slot = blocks.values[k] as number;
        if (Number.isNaN(credit[slot])) judgeSlot(plan, r, slot);
        const c = credit[slot] as number;
        if (c > best) best = c;
      }
      total = r === 0 ? 0 + best : total + best;
    }
    return clampScore(total / parts);
  };

  // The full judge: every part with a reporter, the verdict shared by (the line's parts, the
  // offering's slots of their keys) for the offerings of the run's list.
  const share = new VerdictShare();
  const lineIds = new FactIds();
  const fullPlan: Plan<P, F> = { line: undefined, parts: [], columns: [], tables: [] };
  let fullLineId = -1;
  const verdictOf = (parts: readonly P[], offering: PreparedOffering): Verdict => {
    const reasons: Reason[] = [];
    const report = (r: Reason): void => {
      reasons.push(r);
    };
    const packed = parts.length === 0 ? rule.none(report) : judgeDirect(parts, offering, report);
    const v = unpackVerdict(packed) ?? { applicable: true, pass: true, score: Number.NaN };
    return { applicable: v.applicable, pass: v.pass, score: v.score, reasons };
  };
  const full = (pair: RunPair): Verdict => {
    if (fullPlan.line !== pair.line) {
      enter(fullPlan, pair.line);
      fullLineId = -1;
    }
    const parts = fullPlan.parts;
    if (fullLineId < 0) fullLineId = lineIds.id(parts.map((part) => partIds.id(part)));
    // The offering's part of the key: its slots, or (an offering outside the run's list) its facts' keys.
    const i = indexOf(pair, offerings);
    let key = i < 0 ? 'f' : 's';
    for (let r = 0; r < parts.length; r++) {
      if (i >= 0) key += `${(fullPlan.columns[r] as Column<F>).slots[i]},`;
      else {
        const f = rule.fact(pair.offering, rule.key(parts[r] as P));
        key += f === undefined ? 'u,' : `${keyOfFact(f)},`;
      }
    }
    return share.judge(fullLineId, key, pair, () => verdictOf(parts, pair.offering));
  };
  // Facts' keys as text (typed, so that a number never equals a string), by fact object.
  const factKeys = new WeakMap<object, string>();
  const keyOfFact = (f: F): string => {
    const known = typeof f === 'object' && f !== null ? factKeys.get(f) : undefined;
    if (known !== undefined) return known;
    const k = factKey(f);
    const text = typeof k === 'number' ? `n${Object.is(k, -0) ? '-0' : k}` : JSON.stringify(k);
    if (typeof f === 'object' && f !== null) factKeys.set(f, text);
    return text;
  };

  const failCredit = rule.failCredit;
  const failing = (line: PreparedLine): number => {
    const parts = rule.parts(line);
    if (failCredit === undefined) return 1;
    let worst = CANNOT_FAIL;
    for (const part of parts) {
      const c = failCredit(part);
      if (c === undefined) continue;
      // The others credit at most 1 each; raised by a trillionth, for the rounding of the sums.
      worst = Math.max(worst, Math.min(1, (parts.length - 1 + c) / parts.length + 1e-12));
    }
    return worst;
  };

  return withQuick(full, quick, offerings === undefined ? { failing } : { batch, cost: rule.cost ?? 1, ceiling, failing });
}
