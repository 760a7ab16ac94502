import type { DatasetSummary } from '../analysis/summary.js';
import { formatTable } from './table.js';

/**
 * Writes a dataset summary for a terminal: counts, a table by category, suppliers by country
 * and certificate alerts.
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
  return parts.join('\n');
}
