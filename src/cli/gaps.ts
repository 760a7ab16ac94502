/**
 * `supplymatch gaps <dir>`: the localization gap report of a dataset directory.
 */
import { parseArgs } from 'node:util';
import type { SupportBudget } from '../analysis/budget.js';
import { gapReport } from '../analysis/gaps.js';
import { SUPPORT_TYPES } from '../analysis/support.js';
import { formatGapReport, gapReportToCsv, serializeGapReport } from '../format/gaps.js';
import type { SupportType } from '../model/common.js';
import { progressReporter } from '../progress.js';
import { COMMAND_OPTIONS, commandUsage } from './usage.js';
import { UsageError, checkDate, loadDatasetArg, oneDirectory, oneOf, wholeNumber } from './shared.js';




/**
 * Reads a `--budget` value; throws a usage error (exit code 2) for anything else.
 *
 * @example
 * parseBudget('funding=3,information=5,technical=2'); // => { funding: 3, information: 5, technical: 2 }
 */
export function parseBudget(text: string): SupportBudget {
  const budget: Partial<Record<SupportType, number>> = {};
  for (const part of text.split(',')) {
    const [type, value] = part.split('=').map((s) => s.trim());
    const n = Number(value);
    if (!type || !SUPPORT_TYPES.includes(type as SupportType) || value === undefined || value === '' || !Number.isFinite(n) || n < 0)
      throw new UsageError(`--budget takes type=number pairs with types funding, information, technical; not "${part}"`);
    budget[type as SupportType] = n;
  }
  return budget;
}

/**
 * Runs `supplymatch gaps` with its arguments (after the command name); prints to stdout and
 * returns the exit code: 0 done, 2 wrong use or bad input (issues on stderr). A dataset that
 * fails to load throws its `SupplymatchError`, which the CLI's main prints with exit code 2.
 *
 * @example
 * await gapsCommand(['fixtures/incheon-bio', '--budget', 'funding=3,information=5,technical=2']); // => 0
 */
export async function gapsCommand(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: COMMAND_OPTIONS.gaps,
    });
    if (values.help) {
      process.stdout.write(`${commandUsage('gaps')}\n`);
      return 0;
    }
    const dir = oneDirectory(positionals, 'gaps');
    const format = oneOf('format', values.format, ['table', 'json', 'csv'], 'table');
    const asOf = checkDate(values['as-of']);
    const domestic = values.domestic;
    if (domestic !== undefined && !/^[A-Z]{2}$/.test(domestic)) throw new UsageError('--domestic is a two-letter country code such as KR');
    const minDomestic = wholeNumber(values['min-domestic'], 'min-domestic', 1, 1);
    const near = wholeNumber(values.near, 'near', 3, 0);
    const maxNearMisses = wholeNumber(values['max-near-misses'], 'max-near-misses', 20, 0, 100_000);
    const top = wholeNumber(values.top, 'top', 10, 0);
    const budget = values.budget === undefined ? undefined : parseBudget(values.budget);

    const dataset = await loadDatasetArg(dir);
    // A progress bar on stderr for a long report on a terminal; silent otherwise.
    const onProgress = progressReporter(process.stderr, dataset.buyers.reduce((n, b) => n + b.demandLines.length, 0), 'gaps');
    const report = gapReport(dataset, {
      ...(onProgress !== undefined ? { onProgress } : {}),
      minDomestic,
      maxNearMisses,
      ...(asOf !== undefined ? { asOf } : {}),
      ...(domestic !== undefined ? { domesticCountry: domestic } : {}),
      ...(budget !== undefined ? { budget } : {}),
    });
    if (format === 'json') process.stdout.write(serializeGapReport(report));
    else if (format === 'csv') process.stdout.write(gapReportToCsv(report));
    else process.stdout.write(`${formatGapReport(report, { dataset, nearMisses: near, allLines: values.all === true, top })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`supplymatch gaps: ${(e as Error).message}\n\n${commandUsage('gaps')}\n`);
      return 2;
    }
    throw e;
  }
}
