import { z } from 'zod';
import type { ItemMatch } from '../catalog/resolve.js';
import { clampScore, defineCriterion, reason, type Reason } from './criterion.js';

/** Reason codes of {@link itemFitCriterion}. */
export const ITEM_FIT_REASONS = {
  same: 'item.same',
  sameCategory: 'item.same_category',
  sameGroup: 'item.same_group',
  sameCodeClass: 'item.same_code_class',
  mismatch: 'item.mismatch',
  unresolved: 'item.unresolved',
  ambiguous: 'item.ambiguous',
} as const;

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
});

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
    options: ItemFitOptions,
    defaults: { threshold: 0.4, sameCategory: 0.5, sameGroup: 0.15, sameCodeClass: 0.3, ambiguityFactor: 0.9, alternativeMargin: 0.15 },
  },
  create(options, context) {
    const unspscOf = new Map<string, readonly string[]>();
    for (const [id, item] of context.items) unspscOf.set(id, item.codes.unspsc ?? []);
    const categoryOf = (id: string): string | undefined => context.items.get(id)?.category;
    const nameOf = (id: string): string => {
      const names = context.items.get(id)?.names;
      return names?.en ?? Object.values(names ?? {})[0] ?? id;
    };
    const shareClass = (a: string, b: string): boolean => {
      const ca = unspscOf.get(a) ?? [];
      const cb = unspscOf.get(b) ?? [];
      return ca.some((x) => cb.some((y) => x.slice(0, 6) === y.slice(0, 6)));
    };

    return (pair) => {
      const resolved = pair.line.resolution.items;
      const top = resolved[0];
      const topCategory = top ? categoryOf(top.item) : undefined;
      const wanted = resolved.filter(
        (w) => top === undefined || w.confidence >= top.confidence - options.alternativeMargin || categoryOf(w.item) === topCategory,
      );
      const offered = pair.offering.resolution.items;
      if (wanted.length === 0 || offered.length === 0) {
        const side = wanted.length === 0 ? 'demand line' : 'offering';
        return {
          applicable: true,
          pass: false,
          score: 0,
          reasons: [reason(ITEM_FIT_REASONS.unresolved, `The ${side} could not be matched to a catalog item.`, { side }, 'failure')],
        };
      }
      let best = 0;
      let bestReason: Reason | undefined;
      const consider = (w: ItemMatch, o: ItemMatch): void => {
        const confidence = Math.min(w.confidence, o.confidence);
        let score: number;
        let code: string;
        if (w.item === o.item) {
          score = confidence;
          code = ITEM_FIT_REASONS.same;
        } else {
          const cw = categoryOf(w.item);
          const co = categoryOf(o.item);
          if (cw !== undefined && cw === co) {
            score = options.sameCategory * confidence;
            code = ITEM_FIT_REASONS.sameCategory;
          } else if (shareClass(w.item, o.item)) {
            score = options.sameCodeClass * confidence;
            code = ITEM_FIT_REASONS.sameCodeClass;
          } else if (cw !== undefined && co !== undefined && context.catalog.parentOf(cw) !== undefined && context.catalog.parentOf(cw) === context.catalog.parentOf(co)) {
            score = options.sameGroup * confidence;
            code = ITEM_FIT_REASONS.sameGroup;
          } else return;
        }
        if (score > best) {
          best = score;
          const message =
            code === ITEM_FIT_REASONS.same
              ? `Offers ${nameOf(o.item)}, the item asked for (confidence ${confidence.toFixed(2)}).`
              : `Offers ${nameOf(o.item)} for ${nameOf(w.item)}: ${code === ITEM_FIT_REASONS.sameCategory ? 'same category' : code === ITEM_FIT_REASONS.sameCodeClass ? 'same UNSPSC class' : 'same group'}, not the same item.`;
          bestReason = reason(code, message, { wanted: w.item, offered: o.item, confidence }, code === ITEM_FIT_REASONS.same ? 'info' : 'shortfall');
        }
      };
      for (const w of wanted) for (const o of offered) consider(w, o);
      const reasons: Reason[] = [];
      if (pair.line.resolution.ambiguous) {
        best *= options.ambiguityFactor;
        reasons.push(
          reason(
            ITEM_FIT_REASONS.ambiguous,
            `The line's text is ambiguous${pair.line.resolution.meanings ? ` (${pair.line.resolution.meanings.join(', ')})` : ''}.`,
            {},
            'shortfall',
          ),
        );
      }
      const score = clampScore(best);
      if (bestReason) reasons.unshift(bestReason);
      if (score < options.threshold) {
        reasons.push(
          reason(
            ITEM_FIT_REASONS.mismatch,
            `Item fit ${score.toFixed(2)} is below the threshold ${options.threshold}.`,
            { score, threshold: options.threshold },
            'failure',
          ),
        );
        return { applicable: true, pass: false, score, reasons };
      }
      return { applicable: true, pass: true, score, reasons };
    };
  },
});
