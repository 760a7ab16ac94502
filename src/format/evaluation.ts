import type { Evaluation } from '../analysis/evaluate.js';
import { formatTable } from './table.js';

/**
 * Writes an evaluation for a terminal: overall and per-buyer metrics, then the lines whose
 * top-1 disagrees with the labels. `labels` names where the labels came from, as the sentences
 * say it (default `the truth`; `supplymatch eval --labels decisions` says `the decisions`).
 *
 * @example
 * console.log(formatEvaluation(evaluate(result, dataset.truth)));
 * console.log(formatEvaluation(evaluate(result, decisionLabels(result, dataset.decisions ?? [])), { labels: 'the decisions' }));
 */
export function formatEvaluation(e: Evaluation, options?: { readonly labels?: string }): string {
  const labels = options?.labels ?? 'the truth';
  const f = (x: number): string => x.toFixed(3);
  const rows = [
    ['all', String(e.overall.lines), f(e.overall.pAt1), f(e.overall.pAtK), f(e.overall.mrr), f(e.overall.ndcgAtK)],
    ...e.byBuyer.map((b) => [b.buyer, String(b.lines), f(b.pAt1), f(b.pAtK), f(b.mrr), f(b.ndcgAtK)]),
  ];
  const out = [
    formatTable(
      [
        { header: 'buyer' },
        { header: 'lines', align: 'right' },
        { header: 'P@1', align: 'right' },
        { header: `P@${e.k}`, align: 'right' },
        { header: 'MRR', align: 'right' },
        { header: `nDCG@${e.k}`, align: 'right' },
      ],
      rows,
    ),
    '',
    `Lines nobody should serve: ${e.unservable.lines}, left empty: ${e.unservable.leftEmpty}${e.unservable.proposed.length ? `; proposed anyway: ${e.unservable.proposed.map((p) => `${p.line}→${p.top1}`).join(', ')}` : ''}.`,
  ];
  if (e.disagreements.length === 0) out.push(`Top-1 agrees with ${labels} on every labelled line.`);
  else {
    out.push(`Top-1 disagrees with ${labels} on ${e.disagreements.length} line(s):`);
    for (const d of e.disagreements)
      out.push(`- ${d.line} (${d.buyer}): ranked ${d.top1 ?? 'nobody'} (grade ${d.top1Grade ?? '-'}), expected ${d.expected.join(' or ')} (grade ${d.bestGrade})`);
  }
  return out.join('\n');
}
