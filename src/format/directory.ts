import type { DirectoryFacets, DirectoryResult } from '../analysis/directory.js';
import { csvCell } from '../dataset/csv-cell.js';
import { roundForOutput } from './match.js';
import { formatTable } from './table.js';

/** Options of {@link formatDirectoryTable}. */
export interface DirectoryTableOptions {
  /** At most this many suppliers are listed (the facets still count all); default all. */
  readonly limit?: number;
}

function facetLine(name: string, counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([value, n]) => `${value} ${n}`);
  return `${name}: ${parts.length > 0 ? parts.join(', ') : '-'}`;
}

/**
 * A directory answer for a terminal: what the item text was read as, a table of the ranked
 * suppliers (score, matched offerings, valid certificates, profile completeness and the first
 * fields to ask for), and the count per facet value.
 *
 * @example
 * formatDirectoryTable(searchDirectory(dataset, { item: '제균필터' })).split('\n')[0];
 * // => '14 supplier(s) as of 2021-03-01; item read as IT-STF-PES10 (1), IT-STF-PESCAP (1), ...'
 */
export function formatDirectoryTable(result: DirectoryResult, options?: DirectoryTableOptions): string {
  const items = result.resolution?.items.map((m) => `${m.item} (${roundForOutput(m.confidence)})`).join(', ');
  const head = `${result.total} supplier(s) as of ${result.asOf}${items === undefined ? '' : `; item read as ${items || 'nothing in the catalog'}`}${result.resolution?.ambiguous ? ` (ambiguous${result.resolution.meanings ? `: ${result.resolution.meanings.join(' / ')}` : ''})` : ''}`;
  const shown = result.entries.slice(0, options?.limit ?? result.entries.length);
  const table = formatTable(
    [
      { header: '#', align: 'right' },
      { header: 'supplier' },
      { header: 'name', maxWidth: 28 },
      { header: 'region' },
      { header: 'size' },
      { header: 'score', align: 'right' },
      { header: 'offerings', maxWidth: 30 },
      { header: 'certs', align: 'right' },
      { header: 'profile', align: 'right' },
      { header: 'ask for', maxWidth: 40 },
    ],
    shown.map((e) => [
      String(e.rank),
      e.supplier,
      e.name,
      e.region ?? '',
      e.size ?? '',
      e.score.toFixed(3),
      e.offerings.map((o) => o.offering).join(' '),
      String(e.certificates.length),
      `${Math.round(e.completeness.score * 100)}%`,
      e.completeness.missing.join(', '),
    ]),
  );
  const facets: (keyof DirectoryFacets)[] = ['region', 'size', 'country', 'domestic', 'readiness', 'certificate'];
  return [head, '', table, ...(shown.length < result.total ? [`... and ${result.total - shown.length} more`] : []), '', ...facets.map((f) => facetLine(f, result.facets[f]))].join('\n');
}

/**
 * A directory answer as CSV, one row per listed supplier: rank, ids, names, region, size,
 * domestic, score, matched offerings and items, valid certificates, completeness, fields missing.
 *
 * @example
 * directoryToCsv(result).split('\n')[0]; // => 'rank,supplier,name,country,region,size,domestic,score,offerings,items,certificates,completeness,missing'
 */
export function directoryToCsv(result: DirectoryResult): string {
  const rows = [['rank', 'supplier', 'name', 'country', 'region', 'size', 'domestic', 'score', 'offerings', 'items', 'certificates', 'completeness', 'missing']];
  for (const e of result.entries)
    rows.push([
      String(e.rank),
      e.supplier,
      e.name,
      e.country,
      e.region ?? '',
      e.size ?? '',
      String(e.domestic),
      String(roundForOutput(e.score)),
      e.offerings.map((o) => o.offering).join(' '),
      [...new Set(e.offerings.flatMap((o) => (o.item === undefined ? [] : [o.item])))].join(' '),
      e.certificates.join('; '),
      String(roundForOutput(e.completeness.score)),
      e.completeness.missing.join(' '),
    ]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
