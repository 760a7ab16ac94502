/**
 * Rich display in notebooks: Deno's Jupyter kernel (and other kernels that follow its
 * convention) shows an object that has a `Symbol.for('Jupyter.display')` method as the MIME
 * bundle the method returns. Results of `match`, `allocate`, `gapReport` and `sensitivity`
 * carry such a method, non-enumerable: `JSON.stringify`, spreads, `structuredClone` and deep
 * equality do not see it, so the results stay plain data.
 */
import type { ChartSpec } from '../charts/specs.js';
import { escapeHtml } from '../format/html-escape.js';
import { formatTable, type Align } from '../format/table.js';
import { JUPYTER_DISPLAY, withDisplay as attachDisplay } from '../display.js';

export { JUPYTER_DISPLAY } from '../display.js';

/** The MIME type of the charts in a bundle (JupyterLab and VS Code render it; the specs say Vega-Lite v6 and use nothing v5 lacks). */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/**
 * What a display method returns: a table as HTML, a chart, and plain text for consoles. A
 * frontend renders one of them, the richest it ranks first (JupyterLab: the HTML table; a
 * console: the text); {@link displayChart} shows a chart on its own.
 */
export interface MimeBundle {
  readonly 'text/plain': string;
  readonly 'text/html'?: string;
  readonly 'application/vnd.vegalite.v5+json'?: ChartSpec;
}

/** The bundle of a result: all three parts. */
export interface ResultBundle extends MimeBundle {
  readonly 'text/html': string;
  readonly 'application/vnd.vegalite.v5+json': ChartSpec;
}

/**
 * A chart spec wrapped so that a notebook cell shows the chart itself (the spec stays
 * readable as `.spec`).
 *
 * @example
 * displayChart(waterfallSpec(result, 'SB-D01', { dataset })); // as a cell's last expression: the waterfall
 */
export function displayChart(spec: ChartSpec): { readonly spec: ChartSpec } {
  const title = typeof spec.title === 'string' ? spec.title : spec.title.text;
  return withDisplay({ spec }, () => ({ 'text/plain': `chart: ${title}`, [VEGA_LITE_MIME]: spec }));
}

/** A column of {@link tableBundleParts}: its header, the key of the row it shows, and its alignment. */
export interface DisplayColumn<R> {
  readonly header: string;
  readonly value: (row: R) => string | number | boolean | null | undefined;
  readonly align?: Align;
}

/**
 * Gives `value` a non-enumerable display method that builds its MIME bundle when a notebook
 * asks (see `withDisplay` in the package root, which this types for MIME bundles).
 *
 * @example
 * const shown = withDisplay({ n: 1 }, () => ({ 'text/plain': 'one', 'text/html': '<b>one</b>' }));
 * JSON.stringify(shown); // => '{"n":1}'
 */
export const withDisplay: <T extends object>(value: T, bundle: () => MimeBundle) => T = attachDisplay;

/**
 * The MIME bundle a notebook would show for `value`, or undefined when it has no display
 * method (a result copied by `structuredClone` or a spread loses it: display the original).
 *
 * @example
 * displayBundle(createMatcher().match(dataset))?.['text/html'].startsWith('<div'); // => true
 */
export function displayBundle(value: unknown): MimeBundle | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const method: unknown = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  return typeof method === 'function' ? (method.call(value) as MimeBundle) : undefined;
}

function cellText(v: string | number | boolean | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * One table as HTML and as plain text, from the same rows and columns; at most `limit` rows,
 * with a note of how many were left out.
 *
 * @example
 * tableBundleParts([{ id: 'a' }], [{ header: 'id', value: (r) => r.id }], 10).text; // => 'id\n--\na'
 */
export function tableBundleParts<R>(rows: readonly R[], columns: readonly DisplayColumn<R>[], limit: number): { html: string; text: string } {
  const shown = rows.slice(0, limit);
  const more = rows.length - shown.length;
  const note = more > 0 ? `${more} more row${more === 1 ? '' : 's'} not shown` : '';
  const cells = shown.map((r) => columns.map((c) => cellText(c.value(r))));
  const head = `<tr>${columns.map((c) => `<th${c.align === 'right' ? ' style="text-align:right"' : ''}>${escapeHtml(c.header)}</th>`).join('')}</tr>`;
  const body = cells.map((row) => `<tr>${row.map((cell, i) => `<td${columns[i]?.align === 'right' ? ' style="text-align:right"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  const html = `<table>${head}${body}</table>${note ? `<p><small>${escapeHtml(note)}</small></p>` : ''}`;
  const text = formatTable(
    columns.map((c) => ({ header: c.header, ...(c.align !== undefined ? { align: c.align } : {}), maxWidth: 40 })),
    cells,
  );
  return { html, text: note ? `${text}\n(${note})` : text };
}

/**
 * A MIME bundle from a heading, tables (HTML and text) and an optional chart.
 *
 * @example
 * mimeBundle('Match of 46 lines', [tableBundleParts(rows, columns, 50)], topScoresSpec(result))['text/plain'].split('\n')[0]; // => 'Match of 46 lines'
 */
export function mimeBundle(
  heading: string,
  parts: readonly { readonly title?: string; readonly html: string; readonly text: string }[],
  chart: ChartSpec,
): ResultBundle {
  const html = `<div class="supplymatch"><p><strong>${escapeHtml(heading)}</strong></p>${parts.map((p) => `${p.title ? `<p>${escapeHtml(p.title)}</p>` : ''}${p.html}`).join('')}</div>`;
  const text = [heading, ...parts.map((p) => (p.title ? `\n${p.title}\n${p.text}` : `\n${p.text}`))].join('\n');
  return { 'text/plain': text, 'text/html': html, [VEGA_LITE_MIME]: chart };
}
