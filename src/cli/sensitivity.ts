/**
 * `supplymatch sensitivity <dir>`: how far each criterion weight can move before a line's top-1 changes.
 */
import { parseArgs } from 'node:util';
import { sensitivity } from '../analysis/sensitivity.js';
import { createMatcher } from '../engine/matcher.js';
import { formatSensitivity } from '../format/sensitivity.js';
import { roundForOutput } from '../format/match.js';
import { progressReporter } from '../progress.js';
import { COMMAND_OPTIONS, commandUsage } from './usage.js';
import { UsageError, checkDate, loadDatasetArg, oneDirectory, oneOf, parseWeights } from './shared.js';



/**
 * Runs `supplymatch sensitivity` with its arguments (after the command name); prints to stdout
 * and returns the exit code: 0 done, 2 wrong use. Bad data or options throw a
 * `SupplymatchError`, which the CLI's main prints with exit code 2.
 *
 * @example
 * await sensitivityCommand(['fixtures/incheon-bio', '--delta', '0.2']); // => 0
 */
export async function sensitivityCommand(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: COMMAND_OPTIONS.sensitivity,
    });
    if (values.help) {
      process.stdout.write(`${commandUsage('sensitivity')}\n`);
      return 0;
    }
    const dir = oneDirectory(positionals, 'sensitivity');
    const format = oneOf('format', values.format, ['table', 'json'], 'table');
    const method = oneOf('method', values.method, ['auto', 'bisection'], 'auto');
    const delta = values.delta === undefined ? 0.1 : Number(values.delta);
    if (!(Number.isFinite(delta) && delta > 0 && delta < 1)) throw new UsageError('--delta is a number between 0 and 1, e.g. 0.1 for ±10%');
    const asOf = checkDate(values['as-of']);
    const weights = parseWeights(values.weights);

    const dataset = await loadDatasetArg(dir);
    const matcher = createMatcher({
      ...(weights ? { weights } : {}),
      ...(values.aggregate !== undefined ? { aggregate: values.aggregate } : {}),
    });
    // A progress bar on stderr for a long analysis on a terminal; silent otherwise (the total grows as it goes).
    const onProgress = progressReporter(process.stderr, 1, 'sensitivity');
    const report = sensitivity(matcher, dataset, { delta, method, ...(asOf !== undefined ? { asOf } : {}), ...(onProgress !== undefined ? { onProgress } : {}) });
    if (format === 'json')
      process.stdout.write(`${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' ? roundForOutput(value) : value), 2)}\n`);
    else process.stdout.write(`${formatSensitivity(report)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`supplymatch sensitivity: ${(e as Error).message}\n\n${commandUsage('sensitivity')}\n`);
      return 2;
    }
    throw e;
  }
}
