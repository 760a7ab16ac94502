/**
 * `supplymatch report <dir> --out report.html`: the self-contained HTML report of a dataset.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { COMMAND_OPTIONS } from './usage.js';
import type { ReportStage } from '../report/report.js';
import { parseBudget } from './gaps.js';
import { progressReporter } from '../progress.js';
import { UsageError, checkDate, loadDatasetArg, oneDirectory, parseWeights, wholeNumber } from './shared.js';


/**
 * Runs `supplymatch report` with its arguments (after the command name): writes the HTML file
 * named by `--out` and returns the exit code (0 done; wrong use throws a `UsageError`, bad data
 * a `SupplymatchError`, which the CLI's main prints with exit code 2). On a terminal, stderr
 * shows a progress bar per stage; piped, it stays silent.
 *
 * @example
 * await reportCommand(['fixtures/incheon-bio', '--out', 'report.html']); // => 0
 */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.report });
  const dir = oneDirectory(positionals, 'report');
  const out = values.out;
  if (out === undefined || out === '') throw new UsageError('report needs --out FILE.html');
  const asOf = checkDate(values['as-of']);
  const weights = parseWeights(values.weights);
  const budget = values.budget === undefined ? undefined : parseBudget(values.budget);
  const top = values.top === undefined ? undefined : wholeNumber(values.top, 'top', 0, 0);
  const waterfalls = values.waterfalls === undefined ? undefined : wholeNumber(values.waterfalls, 'waterfalls', 0, 0);
  const dataset = await loadDatasetArg(dir);

  const bars = new Map<ReportStage, ((done: number, total: number) => void) | undefined>();
  const onProgress = (stage: ReportStage, done: number, total: number): void => {
    if (!bars.has(stage)) bars.set(stage, progressReporter(process.stderr, total, stage));
    bars.get(stage)?.(done, total);
  };
  // Loaded here, not at start-up: the report bundles vega and the solver, which other commands do not need.
  const { createReport } = await import('../report/report.js');
  const { html } = await createReport(dataset, {
    matcher: { ...(asOf !== undefined ? { asOf } : {}), ...(weights !== undefined ? { weights } : {}) },
    ...(budget !== undefined ? { budget } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(waterfalls !== undefined ? { waterfalls } : {}),
    ...(values['no-allocate'] === true ? { allocate: false as const } : {}),
    ...(values['no-sensitivity'] === true ? { sensitivity: false } : {}),
    onProgress,
  });
  await writeFile(out, html);
  if (process.stderr.isTTY) process.stderr.write(`wrote ${out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
  return 0;
}
