/**
 * `supplymatch directory <dir>`: the dataset's suppliers searched as a directory user does.
 */
import { parseArgs } from 'node:util';
import { COMMAND_OPTIONS } from './usage.js';
import { searchDirectory, type DirectoryQuery } from '../analysis/directory.js';
import { directoryToCsv, formatDirectoryTable } from '../format/directory.js';
import { roundForOutput } from '../format/match.js';
import type { CompanySize, Readiness } from '../model/supplier.js';
import { UsageError, checkDate, loadDatasetArg, oneDirectory, oneOf } from './shared.js';

const USAGE = `usage: supplymatch directory <dir> --item TEXT [--cert TYPE] [--region NAME] [--size micro,small,...]
        [--readiness LEVEL] [--min-capacity RATE] [--domestic | --foreign] [--as-of YYYY-MM-DD]
        [--limit N] [--format table|json|csv]
  suppliers with an offering of the item (an item id, a category id, or a Korean or English text),
  ranked, with the count per facet value and each profile's completeness (the fields to ask for)`;

/**
 * Runs `supplymatch directory` with its arguments (after the command name); prints to stdout
 * and returns the exit code: 0 done, 2 wrong use. Bad data or query fields throw a
 * `SupplymatchError`, which the CLI's main prints with exit code 2.
 *
 * @example
 * await directoryCommand(['fixtures/incheon-bio', '--item', '제균필터', '--domestic']); // => 0
 */
export async function directoryCommand(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.directory });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const dir = oneDirectory(positionals, 'directory');
    if (values.item === undefined) throw new UsageError('directory needs --item TEXT');
    if (values.domestic && values.foreign) throw new UsageError('--domestic and --foreign exclude each other');
    const format = oneOf('format', values.format, ['table', 'json', 'csv'], 'table');
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new UsageError('--limit is a whole number >= 1');
    const asOf = checkDate(values['as-of']);
    const query: DirectoryQuery = {
      item: values.item,
      ...(values.cert !== undefined ? { cert: values.cert } : {}),
      ...(values.region !== undefined ? { region: values.region } : {}),
      ...(values.size !== undefined ? { size: values.size.split(',').map((s) => s.trim()) as CompanySize[] } : {}),
      ...(values.readiness !== undefined ? { readiness: values.readiness as Readiness } : {}),
      ...(values['min-capacity'] !== undefined ? { minCapacity: values['min-capacity'] } : {}),
      ...(values.domestic ? { domestic: true } : values.foreign ? { domestic: false } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
    };
    const dataset = await loadDatasetArg(dir);
    const result = searchDirectory(dataset, query);
    if (format === 'json') process.stdout.write(`${JSON.stringify(result, (_key, v: unknown) => (typeof v === 'number' ? roundForOutput(v) : v), 2)}\n`);
    else if (format === 'csv') process.stdout.write(directoryToCsv(result));
    else process.stdout.write(`${formatDirectoryTable(result, limit === undefined ? {} : { limit })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`supplymatch directory: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
