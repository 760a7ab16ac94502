/**
 * The `supplymatch` command. Exit codes: 0 done, 2 bad input (every issue is printed with
 * its path), 1 anything else.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeDataset } from '../analysis/summary.js';
import { SupplymatchError, formatIssues } from '../errors.js';
import { formatSummary } from '../format/summary.js';
import { datasetJsonSchemas } from '../model/json-schema.js';
import { safeLoadDataset } from '../node.js';

const USAGE = `usage: supplymatch <command> [options]

commands:
  validate <dir> [--as-of YYYY-MM-DD] [--horizon DAYS] [--format csv|json|auto] [--skip-invalid] [--json]
      check a dataset directory and summarize it; exit 2 listing every issue when it is invalid
  schema [--out DIR]
      write the JSON Schemas of the dataset files (to stdout, or one file per dataset file in DIR)
  help
      this text`;

/** Thrown for wrong command-line use; exits 2 like bad input. */
class UsageError extends Error {}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      horizon: { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError('validate needs a dataset directory');
  const format = values.format ?? 'auto';
  if (format !== 'auto' && format !== 'json' && format !== 'csv') throw new UsageError(`--format is csv, json or auto, not "${format}"`);
  const result = await safeLoadDataset(dir, { format, onInvalid: values['skip-invalid'] ? 'skip' : 'fail' });
  if (!result.success) throw result.error;
  const horizonDays = values.horizon === undefined ? 180 : Number(values.horizon);
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new UsageError('--horizon is a whole number of days');
  const asOf = values['as-of'] ?? result.data.meta.asOf ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of is a date written YYYY-MM-DD');
  const summary = summarizeDataset(result.data, { asOf, horizonDays });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ summary, skipped: result.skipped }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${formatSummary(summary)}\n`);
  if (result.skipped.length > 0) {
    process.stdout.write(`\nSkipped ${result.skipped.length} invalid record(s):\n`);
    for (const s of result.skipped) process.stdout.write(`- ${s.path}${s.id ? ` (${s.id})` : ''}\n${formatIssues(s.issues).replace(/^/gm, '    ')}\n`);
  }
  return 0;
}

async function schema(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const schemas = datasetJsonSchemas();
  if (values.out === undefined) {
    process.stdout.write(`${JSON.stringify(schemas, null, 2)}\n`);
    return 0;
  }
  await mkdir(values.out, { recursive: true });
  for (const [name, s] of Object.entries(schemas)) {
    await writeFile(join(values.out, `${name}.schema.json`), `${JSON.stringify(s, null, 2)}\n`);
  }
  process.stderr.write(`wrote ${Object.keys(schemas).length} schemas to ${values.out}\n`);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { validate, schema };

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(rest);
  } catch (e) {
    if (e instanceof SupplymatchError) {
      process.stderr.write(`${e.issues.length} issue(s):\n${formatIssues(e.issues)}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`supplymatch: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`supplymatch: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
