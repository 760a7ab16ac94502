/**
 * supplymatch/report: the self-contained HTML report of a dataset (summary, coverage and gap
 * map, allocation, support plan, weight sensitivity, ranking quality, rankings per line with
 * reasons and score waterfalls). A separate entry point: it bundles vega and the HiGHS solver.
 *
 * @example
 * import { createReport } from 'supplymatch/report';
 * const { html } = await createReport(dataset);
 */
export { createReport, REPORT_STAGES, type ReportStage, type CreateReportOptions } from './report.js';
export { reportHtml, escapeHtml, type ReportParts, type ReportHtmlOptions } from './html.js';
