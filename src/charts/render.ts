/**
 * Draws a Vega-Lite spec to SVG in Node, without a browser: vega-lite compiles it to a Vega
 * spec, and a headless Vega view (`renderer: 'none'`) writes the SVG.
 */
import type { TopLevelSpec } from 'vega-lite';
import { SupplymatchError } from '../errors.js';
import type { ChartSpec } from './specs.js';

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /**
   * Prefix of the ids inside the SVG (gradients, clip paths), so that several charts can stand
   * in one HTML page; default `chart-`. Give each chart of a page its own.
   */
  readonly idPrefix?: string;
}

/**
 * The SVG text of a chart spec; the same spec gives the same bytes (Vega numbers gradients and
 * clip paths with a counter per process; they are renumbered from the prefix). Throws a `SupplymatchError` (code `invalid_chart`) when
 * vega-lite cannot compile the spec.
 *
 * @example
 * const svg = await renderSvg(waterfallSpec(result, 'D-001', { dataset }));
 * svg.startsWith('<svg'); // => true
 */
export async function renderSvg(spec: ChartSpec, options?: RenderSvgOptions): Promise<string> {
  // Loaded on first use with import(): vega is ES-module-only with top-level await, which
  // require() cannot load, and the CommonJS build keeps import() as it is.
  const [{ View, parse }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  let compiled;
  try {
    compiled = compile(spec as unknown as TopLevelSpec).spec;
  } catch (e) {
    throw new SupplymatchError([{ path: 'spec', code: 'invalid_chart', message: `vega-lite cannot compile the chart: ${(e as Error).message}` }]);
  }
  const view = new View(parse(compiled), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG(), options?.idPrefix ?? 'chart-');
  } finally {
    view.finalize();
  }
}

function renumberIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix))
    throw new SupplymatchError([{ path: 'idPrefix', code: 'invalid', message: `an id prefix is a letter then letters, digits, _ or -, not "${prefix}"` }]);
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (m[1] !== undefined && !ids.has(m[1])) ids.set(m[1], `${prefix}${ids.size}`);
  if (ids.size === 0) return svg;
  return svg.replace(/\bid="([^"]+)"|url\(#([^)]+)\)|href="#([^"]+)"/g, (all, id?: string, url?: string, href?: string) => {
    if (id !== undefined) return `id="${ids.get(id) ?? id}"`;
    if (url !== undefined) return `url(#${ids.get(url) ?? url})`;
    return href !== undefined ? `href="#${ids.get(href) ?? href}"` : all;
  });
}
