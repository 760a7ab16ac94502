import type { DatasetSummary } from '../analysis/summary.js';
import { formatTable } from './table.js';

/**
 * Writes a dataset summary for a terminal: counts, a table by category, suppliers by country,
 * certificate alerts, the texts not clearly understood (none, weakly or ambiguously resolved)
 * and, when the dataset has decisions, how many are in force and which are not yet or no longer.
 *
 * @example
 * console.log(formatSummary(summarizeDataset(dataset)));
 */
export function formatSummary(summary: DatasetSummary): string {
  const c = summary.counts;
  const parts = [
    `Dataset valid: ${c.items} items, ${c.suppliers} suppliers (${c.offerings} offerings), ${c.buyers} buyers (${c.demandLines} demand lines), ${c.truthLabels} truth labels.`,
    '',
    formatTable(
      [{ header: 'category' }, { header: 'items', align: 'right' }, { header: 'offerings', align: 'right' }, { header: 'lines', align: 'right' }],
      summary.byCategory.map((r) => [r.category, String(r.items), String(r.offerings), String(r.demandLines)]),
    ),
    ...(summary.linesWithoutCategory > 0 ? [`${summary.linesWithoutCategory} demand line(s) in no category (an ambiguous or unknown text).`] : []),
    '',
    `Suppliers by country: ${summary.suppliersByCountry.map((r) => `${r.country} ${r.suppliers}`).join(', ')}`,
    '',
  ];
  const expired = summary.certificates.filter((a) => a.status === 'expired');
  const expiring = summary.certificates.filter((a) => a.status === 'expiring');
  parts.push(`Certificates as of ${summary.asOf}: ${expired.length} expired, ${expiring.length} expiring within the horizon.`);
  if (summary.certificates.length > 0) {
    parts.push(
      formatTable(
        [{ header: 'status' }, { header: 'supplier' }, { header: 'offering' }, { header: 'certificate' }, { header: 'expires' }],
        summary.certificates.map((a) => [a.status, a.supplier, a.offering ?? '', a.type, a.expires]),
      ),
    );
  }
  const lines = summary.texts.filter((t) => t.record === 'demandLine').length;
  parts.push('', `Texts not clearly understood: ${lines} demand line(s), ${summary.texts.length - lines} offering(s).`);
  if (summary.texts.length > 0) {
    parts.push(
      formatTable(
        [{ header: 'record' }, { header: 'id' }, { header: 'status' }, { header: 'best guesses' }, { header: 'why' }, { header: 'text' }],
        summary.texts.map((t) => [
          t.record === 'demandLine' ? 'line' : 'offering',
          t.id,
          t.status,
          t.guesses.map((g) => `${g.item} ${g.confidence.toFixed(2)}`).join(', ') || '-',
          t.why ?? '',
          t.text,
        ]),
      ),
    );
  }
  const { inForce, notInForce } = summary.decisions;
  if (inForce + notInForce.length > 0) {
    const pending = notInForce.filter((d) => d.standing === 'pending').length;
    parts.push(
      '',
      `Decisions as of ${summary.asOf}: ${inForce} in force, ${pending} not yet (dated after ${summary.asOf}), ${notInForce.length - pending} lapsed.`,
    );
    if (notInForce.length > 0)
      parts.push(
        formatTable(
          [{ header: 'decision' }, { header: 'standing' }, { header: 'buyer' }, { header: 'supplier' }, { header: 'status' }, { header: 'date' }, { header: 'until' }],
          notInForce.map((d) => [`decisions[${d.index}]`, d.standing === 'pending' ? 'not yet' : 'lapsed', d.buyer, d.supplier, d.status, d.date, d.until ?? '']),
        ),
      );
  }
  return parts.join('\n');
}
