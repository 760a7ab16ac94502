/**
 * Runs every analysis a report shows (match, gap report, allocation, weight sensitivity,
 * evaluation against truth labels) and writes the HTML report.
 */
import { allocate, type AllocateOptions } from '../allocate/allocate.js';
import type { SupportBudget } from '../analysis/budget.js';
import { evaluate } from '../analysis/evaluate.js';
import { gapReport } from '../analysis/gaps.js';
import { sensitivity } from '../analysis/sensitivity.js';
import { createMatcher, type MatcherConfig } from '../engine/matcher.js';
import type { Dataset } from '../model/dataset.js';
import { reportHtml, type ReportHtmlOptions, type ReportParts } from './html.js';

/** The steps of {@link createReport}, in order, as its progress callback names them. */
export const REPORT_STAGES = ['match', 'gaps', 'allocate', 'sensitivity', 'evaluate', 'charts'] as const;
/** One of {@link REPORT_STAGES}. */
export type ReportStage = (typeof REPORT_STAGES)[number];

/** Options of {@link createReport}. */
export interface CreateReportOptions extends Omit<ReportHtmlOptions, 'onProgress'> {
  /** The matcher's configuration (weights, aggregate, as-of date...); `topK` defaults to 10. */
  readonly matcher?: MatcherConfig;
  /** A support budget: the gap report then plans which support actions to fund. */
  readonly budget?: SupportBudget;
  /** Restricts the gap report to these demand lines (its counterfactual re-matching is the slow part on large datasets); default every line. */
  readonly gapLines?: readonly string[];
  /** Allocation options, or false to leave the allocation section out; default the allocator's defaults. */
  readonly allocate?: AllocateOptions | false;
  /** Include weight sensitivity; default true. */
  readonly sensitivity?: boolean;
  /**
   * Called as work advances: the stage, and how far it is (`done` of `total`): lines for `match`
   * and `gaps`, components solved for `allocate`, steps for `sensitivity`, charts for `charts`,
   * 0/1 then 1/1 for `evaluate`. Within a stage `done` never decreases and ends at `total`.
   */
  readonly onProgress?: (stage: ReportStage, done: number, total: number) => void;
}

/**
 * Matches a dataset, runs the gap report, the allocation, weight sensitivity and (when the
 * dataset has truth labels) the evaluation, and returns the report as one self-contained HTML
 * page together with the results it shows.
 *
 * @example
 * const { html, parts } = await createReport(dataset, { budget: { funding: 3, information: 5, technical: 2 } });
 * await writeFile('report.html', html);
 */
export async function createReport(dataset: Dataset, options?: CreateReportOptions): Promise<{ html: string; parts: ReportParts }> {
  const progress = options?.onProgress;
  const step = async <T>(stage: ReportStage, run: () => T | Promise<T>): Promise<T> => {
    progress?.(stage, 0, 1);
    const value = await run();
    progress?.(stage, 1, 1);
    return value;
  };
  const matcher = createMatcher({ topK: 10, ...options?.matcher });
  const result = matcher.match(dataset, progress ? { onProgress: (done, total) => progress('match', done, total) } : {});
  const gaps = gapReport(dataset, {
    matcher: options?.matcher ?? {},
    ...(options?.budget !== undefined ? { budget: options.budget } : {}),
    // The report's own result: the lines it holds whole are not matched again.
    ...(options?.gapLines !== undefined ? { lines: options.gapLines } : { result }),
    ...(progress ? { onProgress: (done: number, total: number) => progress('gaps', done, total) } : {}),
  });
  const allocateOptions = options?.allocate;
  const plan =
    allocateOptions === false
      ? undefined
      : // Every qualified candidate must reach the solver, so the ranking is not cut to topK.
        await allocate(createMatcher({ ...options?.matcher, topK: 1000 }).match(dataset), dataset, {
          ...allocateOptions,
          ...(progress ? { onProgress: (done: number, total: number) => progress('allocate', done, total) } : {}),
        });
  const sens =
    options?.sensitivity === false ? undefined : sensitivity(matcher, dataset, progress ? { onProgress: (done, total) => progress('sensitivity', done, total) } : {});
  const truth = dataset.truth ?? [];
  const evaluation = truth.length > 0 ? await step('evaluate', () => evaluate(result, truth)) : undefined;
  const parts: ReportParts = {
    dataset,
    result,
    gaps,
    ...(plan !== undefined ? { plan } : {}),
    ...(sens !== undefined ? { sensitivity: sens } : {}),
    ...(evaluation !== undefined ? { evaluation } : {}),
  };
  const { onProgress: _ignored, matcher: _m, budget: _b, allocate: _a, sensitivity: _s, gapLines: _g, ...htmlOptions } = options ?? {};
  const html = await reportHtml(parts, { ...htmlOptions, ...(progress ? { onProgress: (done: number, total: number) => progress('charts', done, total) } : {}) });
  return { html, parts };
}
