import type { TextPieceKind, TextReading } from './read-text.js';
import type { Resolution } from './resolve.js';

/**
 * Below this confidence a text's best item is only a guess: `validate` and `match` report the
 * text, and item fit marks a same-item pair `item.unsure` (its `sureConfidence` default).
 *
 * @example
 * WEAK_CONFIDENCE; // => 0.5
 */
export const WEAK_CONFIDENCE = 0.5;

/** How well a free text names a catalog item. */
export type TextStatus = 'clear' | 'weak' | 'ambiguous' | 'several' | 'unresolved';

/**
 * What a free text was understood as: its status, its best guesses with their confidence, the
 * words the item was resolved on, and why it is not clear (when it is not).
 *
 * @example
 * const u: TextUnderstanding = { status: 'unresolved', guesses: [], words: ['CO2 인큐베이터'],
 *   why: 'no catalog name resembles "CO2 인큐베이터"' };
 */
export interface TextUnderstanding {
  readonly status: TextStatus;
  /** The best candidates, at most three, best first. */
  readonly guesses: readonly { readonly item: string; readonly confidence: number }[];
  /** The words the item was resolved on (quantities, certificates, qualifiers... read out). */
  readonly words: readonly string[];
  /** Why the text is not clear; absent when it is. */
  readonly why?: string;
}

/**
 * Options of {@link understandText}.
 *
 * @example
 * understandText(reading, resolution, { side: 'offering' });
 */
export interface UnderstandOptions {
  /**
   * Whose text it is. Only an offering's text is judged `several` when it lists products
   * (`당사는 가스켓·오링·다이어프램을 생산`): in demand lines listed phrases are mostly
   * qualifiers of one product (`coverall, hooded, single use`); default: a demand line.
   */
  readonly side?: 'demand' | 'offering';
}

const KIND_NAMES: Readonly<Record<TextPieceKind, string>> = {
  quantity: 'quantities',
  certificate: 'certificates',
  qualifier: 'qualifiers',
  negation: 'negations',
  designation: 'designations',
  side: 'side phrases',
  purpose: 'purposes',
  boilerplate: 'company words',
  filler: 'filler words',
};

/**
 * Judges how well a text was understood from its reading and its resolution: `unresolved`
 * (no candidate, with the reason: no item words left, or none resembling a catalog name),
 * `several` (an offering's text lists several products, each named clearly on its own:
 * `PES 필터, 백, 튜빙 공급`; the whole text is then often weak), `weak` (best candidate below
 * {@link WEAK_CONFIDENCE}), `ambiguous` (the text may mean
 * several kinds of thing), else `clear`.
 *
 * @example
 * understandText(readText('CO2 인큐베이터 170L급'), catalog.resolveText('CO2 인큐베이터 170L급')).status; // => 'unresolved'
 */
export function understandText(reading: TextReading, resolution: Resolution, options?: UnderstandOptions): TextUnderstanding {
  const guesses = resolution.items.slice(0, 3).map((m) => ({ item: m.item, confidence: m.confidence }));
  const words = reading.words.map((w) => w.text);
  const top = resolution.items[0];
  const base = { guesses, words };
  if (resolution.products !== undefined && options?.side === 'offering') {
    const listed = resolution.products.map((p) => `${p.item} ("${p.phrase}", ${p.confidence.toFixed(2)})`).join(', ');
    const products = resolution.products.map((p) => ({ item: p.item, confidence: p.confidence }));
    return { status: 'several', guesses: products, words, why: `the text names several products: ${listed}; one record should name one` };
  }
  if (top === undefined) {
    if (words.length === 0) {
      const kinds = [...new Set(reading.pieces.map((p) => KIND_NAMES[p.kind]))];
      return { status: 'unresolved', ...base, why: `no words name an item (only ${kinds.length > 0 ? kinds.join(', ') : 'punctuation'} read)` };
    }
    return { status: 'unresolved', ...base, why: `no catalog name resembles "${words.join(' ')}"` };
  }
  if (top.confidence < WEAK_CONFIDENCE) {
    return { status: 'weak', ...base, why: `the best guess, ${top.item}, has confidence ${top.confidence.toFixed(2)}, below ${WEAK_CONFIDENCE}` };
  }
  if (resolution.ambiguous) {
    const meanings = resolution.meanings !== undefined ? `: ${resolution.meanings.join(', ')}` : '';
    return { status: 'ambiguous', ...base, why: `the text may mean several kinds of thing${meanings}` };
  }
  return { status: 'clear', ...base };
}
