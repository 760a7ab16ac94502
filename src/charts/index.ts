/**
 * supplymatch/charts: results as Vega-Lite charts that carry their data, and an SVG renderer
 * for Node. A separate entry point, so that the core entry does not bundle vega.
 *
 * @example
 * import { waterfallSpec, renderSvg } from 'supplymatch/charts';
 * const svg = await renderSvg(waterfallSpec(result, 'D-001', { dataset }));
 */
export {
  VEGA_LITE_SCHEMA,
  waterfallSpec,
  topScoresSpec,
  coverageSpec,
  gapMapSpec,
  allocationSpec,
  utilizationSpec,
  tornadoSpec,
  evaluationSpec,
  type ChartSpec,
  type ChartOptions,
  type WaterfallOptions,
} from './specs.js';
export { renderSvg, type RenderSvgOptions } from './render.js';
