import { SupplymatchError } from '../errors.js';
import type { Dataset } from '../model/dataset.js';
import type { CriterionOutcome, RankedCandidate, RejectedCandidate } from './result.js';

/** Options of {@link explain}. */
export interface ExplainOptions {
  /** When given, suppliers are named as well as numbered. */
  readonly dataset?: Dataset;
  /** Language of names taken from the dataset; default `en`. */
  readonly language?: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

function supplierName(id: string, options: ExplainOptions | undefined): string {
  const s = options?.dataset?.suppliers.find((x) => x.id === id);
  if (!s) return id;
  const name = s.names[options?.language ?? 'en'] ?? Object.values(s.names)[0];
  return name ? `${id} (${name})` : id;
}

/** Reason messages are sentences: they follow one another, each with its own full stop. */
function sentences(messages: readonly string[]): string {
  return messages.map((m) => (/[.!?]$/.test(m) ? m : `${m}.`)).join(' ');
}

function outcomeSentence(o: CriterionOutcome): string {
  const why = sentences(o.reasons.map((r) => r.message));
  const head = !o.applicable ? `${o.criterion} does not apply` : o.pass ? `${o.criterion} ${o.score.toFixed(2)}` : `${o.criterion} FAILS`;
  return why ? `${head}: ${why}` : `${head}.`;
}

/** An outcome worth a sentence: one that applies, or one whose criterion has something to say (a decision that is not in force yet). */
const saysSomething = (o: CriterionOutcome): boolean => o.applicable || o.reasons.length > 0;

/**
 * Turns a ranked or rejected candidate into sentences: a first one that says where it stands
 * and why in brief, then one per criterion, the largest contributions first (failed gates
 * first for a rejected candidate). A criterion that does not apply and gives no reason (the
 * buyers' decisions, for a supplier no buyer decided about) is left out. A buyer's decision is
 * cited like any reason: who decided, when, until when and why.
 *
 * @example
 * explain(result.lines[0].candidates[0], { dataset });
 * // => ['S-014 (Hanbit Polymer) ranks #1 with 0.91: itemFit 1.00 (33%), certification 1.00 (22%), ...', 'itemFit 1.00: offers ...', ...]
 */
export function explain(candidate: RankedCandidate | RejectedCandidate, options?: ExplainOptions): string[] {
  if (candidate === null || typeof candidate !== 'object' || typeof (candidate as { supplier?: unknown }).supplier !== 'string')
    throw new SupplymatchError([{ path: 'candidate', code: 'invalid_input', message: 'explain needs a candidate of a match result (result.lines[i].candidates[j] or .rejected[j])' }]);
  const who = supplierName(candidate.supplier, options);
  const offering = `offering ${candidate.offering}${candidate.item ? ` as ${candidate.item}` : ''}`;
  if ('rank' in candidate) {
    const ordered = [...candidate.outcomes].sort((a, b) => b.contribution - a.contribution || (a.criterion < b.criterion ? -1 : 1));
    const top = ordered
      .filter((o) => o.applicable)
      .slice(0, 3)
      .map((o) => `${o.criterion} ${o.score.toFixed(2)} (${pct(candidate.score > 0 ? o.contribution / candidate.score : 0)} of the total)`);
    return [
      `${who} ranks #${candidate.rank} with ${candidate.score.toFixed(3)} (${offering}); most of it from ${top.join(', ')}.`,
      ...ordered.filter(saysSomething).map(outcomeSentence),
    ];
  }
  const failed = candidate.outcomes.filter((o) => !o.pass);
  const rest = candidate.outcomes.filter((o) => o.pass);
  return [
    `${who} is rejected (${offering}): it fails ${candidate.failed.join(', ')}.`,
    ...failed.map(outcomeSentence),
    ...rest.filter(saysSomething).map(outcomeSentence),
  ];
}
