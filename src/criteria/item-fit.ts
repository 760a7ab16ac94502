import { z } from 'zod';
import type { ItemMatch, Resolution } from '../catalog/resolve.js';
import { WEAK_CONFIDENCE } from '../catalog/text-report.js';
import { Interner } from './compact.js';
import { clampScore, defineCriterion, type PreparedLine } from './criterion.js';
import { Outcome } from './derive.js';
import type { CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

/** Reason codes of {@link itemFitCriterion}. */
export const ITEM_FIT_REASONS = {
  same: 'item.same',
  sameCategory: 'item.same_category',
  sameGroup: 'item.same_group',
  sameCodeClass: 'item.same_code_class',
  mismatch: 'item.mismatch',
  unresolved: 'item.unresolved',
  ambiguous: 'item.ambiguous',
  unsure: 'item.unsure',
} as const;

/** The data of a reason naming the best-matching items: the line's, the offering's, and how sure. */
const RELATION_DATA = { wanted: 'string', offered: 'string', confidence: 'number' } as const;

/**
 * What each reason code of {@link itemFitCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link ItemFitReason} is derived from it.
 *
 * @example
 * ITEM_FIT_REASON_DECLARATIONS['item.same_category'].data.offered; // => 'string'
 */
export const ITEM_FIT_REASON_DECLARATIONS = {
  [ITEM_FIT_REASONS.same]: { severity: 'info', description: 'the offering is the item asked for', data: RELATION_DATA },
  [ITEM_FIT_REASONS.sameCategory]: { severity: 'shortfall', description: 'another item of the same leaf category', data: RELATION_DATA },
  [ITEM_FIT_REASONS.sameGroup]: { severity: 'shortfall', description: 'another item of the same group', data: RELATION_DATA },
  [ITEM_FIT_REASONS.sameCodeClass]: { severity: 'shortfall', description: 'another item sharing a UNSPSC class', data: RELATION_DATA },
  [ITEM_FIT_REASONS.mismatch]: { severity: 'failure', description: 'the item fit is below the threshold', data: { score: 'number', threshold: 'number' } },
  [ITEM_FIT_REASONS.unresolved]: { severity: 'failure', description: 'the line or the offering names no catalog item (side: which)', data: { side: 'string' } },
  [ITEM_FIT_REASONS.ambiguous]: { severity: 'shortfall', description: "the line's text is ambiguous: the score is multiplied by ambiguityFactor", data: {} },
  [ITEM_FIT_REASONS.unsure]: {
    severity: ['failure', 'shortfall'],
    description: 'the same item, named unsurely by one side: a failure below minConfidence',
    data: { side: 'string', item: 'string', confidence: 'number', minConfidence: 'number' },
  },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link itemFitCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'item.same_category') r.data.offered; // => 'IT-STF-20'
 */
export type ItemFitReason = DeclaredReason<typeof ITEM_FIT_REASON_DECLARATIONS>;

const itemFitReason = reasonMaker(ITEM_FIT_REASON_DECLARATIONS);

// How an offered item relates to a wanted one (see `relationBetween` in the criterion).
const SAME_ITEM = 0;
const SAME_CATEGORY = 1;
const SAME_CLASS = 2;
const SAME_GROUP = 3;
const UNRELATED = 4;
/** Catalogs of at most this many items keep item relations in a table (at most 16 MB). */
const RELATION_TABLE_SIDE = 4096;

const ItemFitOptions = z.object({
  /** Pairs scoring below this are rejected. */
  threshold: z.number().min(0).max(1),
  /** Score of a different item in the same leaf category (a 10-inch cartridge for a capsule filter). */
  sameCategory: z.number().min(0).max(1),
  /** Score of an item in the same group (a depth filter for a sterilizing filter). */
  sameGroup: z.number().min(0).max(1),
  /**
   * Score of items sharing a UNSPSC class (first six digits) but not a category. Below the
   * threshold by default: UNSPSC puts Protein A and ion-exchange resins in one commodity, and
   * one does not replace the other.
   */
  sameCodeClass: z.number().min(0).max(1),
  /** Factor applied when the line's text is ambiguous (`배지`), so that clear matches rank first. */
  ambiguityFactor: z.number().min(0).max(1),
  /**
   * An item the line resolved to counts as asked for only if its confidence is within this
   * margin of the line's best item, or it is of the best item's category: a fuzzy echo
   * ("Q resin" in "Protien A resin") must not open the door to another kind of item.
   */
  alternativeMargin: z.number().min(0).max(1),
  /**
   * "Which item" and "how sure" are apart: an offering of the item the line resolves to passes
   * when both resolutions reach this confidence, however long the line's text, and scores
   * `threshold + (1 - threshold) × confidence`; below it the pair fails with `item.unsure`
   * naming the side whose text is at fault, never with `item.mismatch`.
   */
  minConfidence: z.number().min(0).max(1),
  /** Below this confidence a passing same-item pair carries an `item.unsure` shortfall. */
  sureConfidence: z.number().min(0).max(1),
});


const ITEM_RELATIONS: Readonly<Record<string, string>> = { 'item.same_category': 'same category', 'item.same_group': 'same group', 'item.same_code_class': 'same UNSPSC class' };
// The reason code of each relation (indexed by SAME_ITEM ... SAME_GROUP).
const RELATION_CODES: readonly (typeof ITEM_FIT_REASONS)['same' | 'sameCategory' | 'sameCodeClass' | 'sameGroup'][] = [ITEM_FIT_REASONS.same, ITEM_FIT_REASONS.sameCategory, ITEM_FIT_REASONS.sameCodeClass, ITEM_FIT_REASONS.sameGroup];

/** A list of resolved items as item ids and confidences, best first. */
interface Compact {
  readonly items: Int32Array;
  readonly confidences: Float64Array;
}

/**
 * What item fit reads from a line: the items it asks for (see `alternativeMargin`) as a text (see
 * the rule), whether its text is ambiguous, and its meanings when it is (for the reason).
 */
interface ItemFitLine {
  readonly wanted: string;
  readonly ambiguous: boolean;
  readonly meanings: string | null;
}

/** What item fit's reasons mean for gap analysis (see `CriterionDeficits`): offering another item is a new product, not a gap support closes. */
const ITEM_FIT_DEFICITS: CriterionDeficits<ItemFitReason> = {
  kind: 'item',
  support: { 'item.*': 'none' },
  // An ambiguous line text is the line's property, not the supplier's: nothing to close.
  counts: (r) => r.code !== ITEM_FIT_REASONS.ambiguous && (r.severity === 'failure' || r.severity === 'shortfall'),
  read(code, data, _message) {
    if (code !== ITEM_FIT_REASONS.sameCategory && code !== ITEM_FIT_REASONS.sameGroup && code !== ITEM_FIT_REASONS.sameCodeClass) return undefined;
    return { summary: `offers ${data.offered} for ${data.wanted} (${ITEM_RELATIONS[code] ?? ''}, another item)`, remedy: `it offered ${data.wanted} itself`, size: 1 };
  },
};

/**
 * Item fit: does the offering supply what the line asks for? The same catalog item scores 1
 * (times the confidence of both resolutions); another item of the same category or code class
 * scores partially; anything else fails the gate. The best-matching item is named in the reasons.
 *
 * @example
 * createMatcher({ criteria: [{ criterion: itemFitCriterion, options: { threshold: 0.5 } }] });
 */
export const itemFitCriterion = defineCriterion({
  meta: {
    id: 'itemFit',
    description: 'the offering is the item the line asks for (same item, category or code class)',
    kind: 'both',
    weight: 3,
    deficits: ITEM_FIT_DEFICITS,
    // Candidate finding leans on it (see `CandidateDeclaration`): the verdict reads the two
    // resolutions alone. An offering that shares no item of at least `minItemConfidence` with the
    // line is another item of its category, code class or group (at most that relation's score),
    // or the same item below that confidence on one side: then it scores its confidence, below
    // `minItemConfidence`, unless the same item is meant on both sides at `minConfidence` or
    // more, when it scores up to `threshold + (1 - threshold) × minItemConfidence` (see `sameScore`).
    candidates: {
      reads: 'resolutions',
      farCeiling: (o, minItemConfidence) =>
        Math.min(1, Math.max(o.minConfidence < minItemConfidence ? o.threshold + (1 - o.threshold) * minItemConfidence : minItemConfidence, o.sameCategory, o.sameCodeClass, o.sameGroup)),
    },
    reasons: ITEM_FIT_REASON_DECLARATIONS,
    options: ItemFitOptions,
    defaults: {
      threshold: 0.4,
      sameCategory: 0.5,
      sameGroup: 0.15,
      sameCodeClass: 0.3,
      ambiguityFactor: 0.9,
      alternativeMargin: 0.15,
      minConfidence: 0.4,
      sureConfidence: WEAK_CONFIDENCE,
    },
  },
  rule(options, context) {
    /** The score of an offering of the very item asked for, at the lower of the two confidences. */
    const sameItemScore = (confidence: number): number => options.threshold + (1 - options.threshold) * confidence;
    /**
     * An item is *meant* by a resolution when it is within `alternativeMargin` of its best. An
     * offering meaning an item the line means is judged as that item alone (whatever else
     * relates); an item wanted only as a category-mate of the best, or offered only as a faint
     * echo, competes as before, at its plain confidence, with the other relations.
     */
    const meantFloor = (bestConfidence: number): number => bestConfidence - options.alternativeMargin - 1e-9;
    /** Score of a same-item pair: meant on both sides (see `meantFloor`), it decides alone. */
    const sameScore = (meant: boolean, confidence: number): number =>
      confidence < options.minConfidence ? confidence * options.threshold : meant ? sameItemScore(confidence) : confidence;
    // UNSPSC classes (first six digits) of each item, cut once rather than per comparison.
    const unspscOf = new Map<string, readonly string[]>();
    for (const [id, item] of context.items) unspscOf.set(id, (item.codes.unspsc ?? []).map((x) => x.slice(0, 6)));
    const categoryOf = (id: string): string | undefined => context.items.get(id)?.category;
    const nameOf = (id: string): string => {
      const names = context.items.get(id)?.names;
      return names?.en ?? Object.values(names ?? {})[0] ?? id;
    };
    const shareClass = (a: string, b: string): boolean => {
      const ca = unspscOf.get(a) ?? [];
      const cb = unspscOf.get(b) ?? [];
      return ca.some((x) => cb.some((y) => x === y));
    };
    /** The items of the line that count as asked for (see `alternativeMargin`). */
    const wantedOf = (line: PreparedLine): readonly ItemMatch[] => {
      const resolved = line.resolution.items;
      const top = resolved[0];
      const topCategory = top ? categoryOf(top.item) : undefined;
      return resolved.filter(
        (w) => top === undefined || w.confidence >= top.confidence - options.alternativeMargin || categoryOf(w.item) === topCategory,
      );
    };

    // Items as integer ids, so that the rule compares and memoizes numbers.
    const itemIds = new Interner<string>();
    const itemNames: string[] = [];
    /**
     * How offered item `b` relates to wanted item `a` (ids), tested in this order: the same item,
     * the same leaf category, a shared UNSPSC class, the same group, else unrelated. The one
     * statement of item fit's relations.
     */
    const relationBetween = (a: number, b: number): number => {
      if (a === b) return SAME_ITEM;
      const wa = itemNames[a] as string;
      const ob = itemNames[b] as string;
      const cw = categoryOf(wa);
      const co = categoryOf(ob);
      if (cw !== undefined && cw === co) return SAME_CATEGORY;
      if (shareClass(wa, ob)) return SAME_CLASS;
      if (cw !== undefined && co !== undefined && context.catalog.parentOf(cw) !== undefined && context.catalog.parentOf(cw) === context.catalog.parentOf(co)) return SAME_GROUP;
      return UNRELATED;
    };
    // The memo of relations: a table by id pair while the catalog is small enough (ids come from
    // catalog items, so at most its size), else a map.
    const tableSide = context.catalog.items.size <= RELATION_TABLE_SIDE ? context.catalog.items.size : 0;
    let relationTable: Uint8Array | undefined;
    const relations = new Map<number, number>();
    const relationOf = (a: number, b: number): number => {
      if (a === b) return SAME_ITEM;
      if (a < tableSide && b < tableSide) {
        const table = (relationTable ??= new Uint8Array(tableSide * tableSide));
        const key = a * tableSide + b;
        const known = table[key] as number;
        if (known !== 0) return known;
        const r = relationBetween(a, b);
        table[key] = r;
        return r;
      }
      const key = a * 1_048_576 + b;
      let r = relations.get(key);
      if (r === undefined) {
        r = relationBetween(a, b);
        relations.set(key, r);
      }
      return r;
    };
    const itemId = (item: string): number => {
      const id = itemIds.id(item);
      itemNames[id] = item;
      return id;
    };
    const compactOf = (items: readonly ItemMatch[]): Compact => ({ items: Int32Array.from(items, (m) => itemId(m.item)), confidences: Float64Array.from(items, (m) => m.confidence) });
    // Where the best score of the last `fit` came from (indexes into its lists, -1 when none).
    const found = { wanted: -1, offered: -1, relation: UNRELATED, confidence: 0 };
    /**
     * Item fit's rule, stated once and read by `judge` (whose paths the engine derives): the best score over
     * the pairs of an item the line asks for (`wanted`, best first) and an item the offering is
     * (`offered`, best first), before the line's ambiguity factor, with where it came from in
     * `found`. A pair scores at the lower of its two confidences: the same item by `sameScore`,
     * related items by their relation's score. When the offering is an item the line means (the
     * same item, meant on both sides: see `meantFloor`), that relation alone decides: only such
     * pairs count. Ties go to the first pair, wanted items outer.
     */
    const fit = (wanted: Compact, offered: Compact): number => {
      const wFloor = meantFloor(wanted.confidences[0] ?? 0);
      const oFloor = meantFloor(offered.confidences[0] ?? 0);
      let best = 0;
      let meantSeen = false;
      found.wanted = -1;
      found.offered = -1;
      found.relation = UNRELATED;
      found.confidence = 0;
      for (let a = 0; a < wanted.items.length; a++) {
        const wc = wanted.confidences[a] as number;
        for (let b = 0; b < offered.items.length; b++) {
          const r = relationOf(wanted.items[a] as number, offered.items[b] as number);
          if (r === UNRELATED) continue;
          const oc = offered.confidences[b] as number;
          const meant = r === SAME_ITEM && wc >= wFloor && oc >= oFloor;
          if (meantSeen && !meant) continue;
          if (meant && !meantSeen) {
            // From here on only meant pairs count, from a fresh start.
            meantSeen = true;
            best = 0;
            found.wanted = -1;
            found.offered = -1;
          }
          const confidence = Math.min(wc, oc);
          const score =
            r === SAME_ITEM ? sameScore(meant, confidence) : (r === SAME_CATEGORY ? options.sameCategory : r === SAME_CLASS ? options.sameCodeClass : options.sameGroup) * confidence;
          if (score > best) {
            best = score;
            found.wanted = a;
            found.offered = b;
            found.relation = r;
            found.confidence = confidence;
          }
        }
      }
      return best;
    };
    // Facts are texts: a list of resolved items (item and confidence, best first) as its JSON,
    // made once per resolution object (offerings of one item share theirs), and the compact form
    // of each text (items as ids) kept by the text, so that the rule compares numbers.
    const compactByText = new Map<string, Compact>();
    const textOf = (items: readonly ItemMatch[]): string => {
      const text = JSON.stringify(items.map((m) => [m.item, m.confidence]));
      if (!compactByText.has(text)) compactByText.set(text, compactOf(items));
      return text;
    };
    const compactFor = (text: string): Compact => {
      let c = compactByText.get(text);
      if (c === undefined) {
        const items = (JSON.parse(text) as [string, number][]).map(([item, confidence]) => ({ item, confidence }) as ItemMatch);
        c = compactOf(items);
        compactByText.set(text, c);
      }
      return c;
    };
    const textByResolution = new WeakMap<Resolution, string>();
    return {
      // One memo read per offering: offerings whose resolutions list the same items share the verdict.
      cost: 0,
      line: (line): ItemFitLine => ({
        wanted: textOf(wantedOf(line)),
        ambiguous: line.resolution.ambiguous,
        meanings: line.resolution.meanings ? line.resolution.meanings.join(', ') : null,
      }),
      offering: ({ resolution }): string => {
        let text = textByResolution.get(resolution);
        if (text === undefined) {
          text = textOf(resolution.items);
          textByResolution.set(resolution, text);
        }
        return text;
      },
      judge(line, offeredText, report) {
        const wanted = compactFor(line.wanted);
        const offered = compactFor(offeredText);
        if (wanted.items.length === 0 || offered.items.length === 0) {
          const side = wanted.items.length === 0 ? 'demand line' : 'offering';
          report?.(itemFitReason(ITEM_FIT_REASONS.unresolved, `The ${side} could not be matched to a catalog item.`, { side }, 'failure'));
          return Outcome.of(false, 0);
        }
        let best = fit(wanted, offered);
        if (line.ambiguous) best *= options.ambiguityFactor;
        const score = clampScore(best);
        const pass = !(score < options.threshold);
        if (report === undefined) return Outcome.of(pass, score);
        let unsure: ItemFitReason | undefined;
        if (found.wanted >= 0) {
          const w = itemNames[wanted.items[found.wanted] as number] as string;
          const wc = wanted.confidences[found.wanted] as number;
          const o = itemNames[offered.items[found.offered] as number] as string;
          const oc = offered.confidences[found.offered] as number;
          const confidence = found.confidence;
          const code = RELATION_CODES[found.relation] as (typeof RELATION_CODES)[number];
          const message =
            found.relation === SAME_ITEM
              ? `Offers ${nameOf(o)}, the item asked for (confidence ${confidence.toFixed(2)}).`
              : `Offers ${nameOf(o)} for ${nameOf(w)}: ${ITEM_RELATIONS[code] ?? ''}, not the same item.`;
          report(itemFitReason(code, message, { wanted: w, offered: o, confidence }, found.relation === SAME_ITEM ? 'info' : 'shortfall'));
          // The same item, resolved unsurely: say whose text is unsure instead of blaming the offering.
          if (found.relation === SAME_ITEM && confidence < options.sureConfidence) {
            const side = wc <= oc ? 'demand line' : 'offering';
            const weak = confidence < options.minConfidence;
            unsure = itemFitReason(
              ITEM_FIT_REASONS.unsure,
              `The ${side}'s text names ${nameOf(w)} only ${weak ? 'weakly' : 'with some doubt'} (confidence ${confidence.toFixed(2)}${weak ? `, below ${options.minConfidence}` : ''}).`,
              { side, item: w, confidence, minConfidence: options.minConfidence },
              weak ? 'failure' : 'shortfall',
            );
          }
        }
        if (line.ambiguous) report(itemFitReason(ITEM_FIT_REASONS.ambiguous, `The line's text is ambiguous${line.meanings !== null ? ` (${line.meanings})` : ''}.`, {}, 'shortfall'));
        if (unsure !== undefined) report(unsure);
        else if (!pass) {
          report(itemFitReason(ITEM_FIT_REASONS.mismatch, `Item fit ${score.toFixed(2)} is below the threshold ${options.threshold}.`, { score, threshold: options.threshold }, 'failure'));
        }
        return Outcome.of(pass, score);
      },
    };
  },
});
