/** Pieces every command of the CLI uses: usage errors, numbers, weights, dates, loading a dataset. */
import { SupplymatchError } from '../errors.js';
import { DateSchema } from '../model/common.js';
import type { Dataset } from '../model/dataset.js';
import type { SkippedRecord } from '../dataset/parse.js';
import { safeLoadDataset } from '../node.js';

/**
 * Wrong use of a command: printed with the command's usage, exit code 2.
 *
 * @example
 * throw new UsageError('--top is a whole number of at least 1, not "0"');
 */
export class UsageError extends Error {}

/**
 * Reads `--weights id=w,...`; undefined when the option is absent. A weight is a finite number;
 * which ids exist is the matcher's to check (an unknown id, `__proto__` included, is an issue).
 *
 * @example
 * parseWeights('price=2,readiness=0.5'); // => { price: 2, readiness: 0.5 }
 */
export function parseWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  // No prototype: `__proto__=2` becomes an own key, which the matcher then refuses by name.
  const weights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const part of text.split(',')) {
    const [id, value, extra] = part.split('=');
    const w = Number(value);
    if (!id || value === undefined || extra !== undefined || value.trim() === '' || !Number.isFinite(w))
      throw new UsageError(`--weights takes id=number pairs such as price=2, not "${part}"`);
    weights[id.trim()] = w;
  }
  return { ...weights };
}

/**
 * Checks `--as-of` (a real calendar date, `YYYY-MM-DD`, the rule of the dataset's dates); returns it unchanged.
 *
 * @example
 * checkDate('2021-03-01'); // => '2021-03-01' (and '2021-02-30' throws a usage error)
 */
export function checkDate(text: string | undefined): string | undefined {
  if (text !== undefined && !DateSchema.safeParse(text).success) throw new UsageError(`--as-of is a date written YYYY-MM-DD, not "${text}"`);
  return text;
}

/**
 * The date a command judges certificates on: `--as-of`, else the dataset's `meta.json` `asOf`.
 * Never the clock: without either, the command refuses (exit 2), as `match` does, so that its
 * output does not depend on the day it runs.
 *
 * @example
 * asOfFor(undefined, dataset); // => '2021-03-01' (meta.asOf of incheon-bio)
 */
export function asOfFor(option: string | undefined, dataset: Dataset): string {
  const asOf = option ?? dataset.meta.asOf;
  if (asOf === undefined)
    throw new SupplymatchError([{ path: 'asOf', code: 'required', message: 'no as-of date: give --as-of YYYY-MM-DD, or "asOf" in meta.json' }]);
  return asOf;
}

/**
 * Reads a whole-number option within `[min, max]`; `fallback` when it is absent.
 *
 * @example
 * wholeNumber('3', 'top', 10, 1); // => 3
 */
export function wholeNumber(text: string | undefined, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} is a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, not "${text}"`);
  return n;
}

/**
 * Checks an option that takes one of a few words; returns it, or `fallback` when it is absent.
 *
 * @example
 * oneOf('format', 'csv', ['table', 'json', 'csv'], 'table'); // => 'csv'
 */
export function oneOf<const T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${name} is ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${text}"`);
}

/**
 * The output format of a command: `--format`, where the older `--json` flag means `--format json`.
 *
 * @example
 * outputFormat(undefined, true, ['table', 'json']); // => 'json'
 */
export function outputFormat<const T extends string>(format: string | undefined, json: boolean | undefined, allowed: readonly ('table' | T)[]): 'table' | T {
  if (json === true && format !== undefined && format !== 'json') throw new UsageError(`--json means --format json; it cannot go with --format ${format}`);
  return oneOf('format', json === true ? 'json' : format, allowed, 'table');
}

/**
 * The one dataset directory a command takes, from its positional arguments.
 *
 * @example
 * oneDirectory(['fixtures/incheon-bio'], 'gaps'); // => 'fixtures/incheon-bio'
 */
export function oneDirectory(positionals: readonly string[], command: string): string {
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) throw new UsageError(`${command} takes one dataset directory`);
  return dir;
}

/**
 * Loads the dataset directory named on the command line; its issues throw a SupplymatchError (exit 2).
 *
 * @example
 * const dataset = await loadDatasetArg('fixtures/incheon-bio');
 */
export async function loadDatasetArg(dir: string | undefined): Promise<Dataset> {
  return (await loadDatasetSkipping(dir, false)).dataset;
}

/**
 * Loads the dataset directory named on the command line, leaving out invalid records with
 * `skip` (each listed in `skipped`); other issues throw a SupplymatchError (exit 2).
 *
 * @example
 * const { dataset, skipped } = await loadDatasetSkipping('fixtures/incheon-bio', true);
 */
export async function loadDatasetSkipping(dir: string | undefined, skip: boolean): Promise<{ dataset: Dataset; skipped: readonly SkippedRecord[] }> {
  if (dir === undefined) throw new UsageError('a dataset directory is needed');
  const result = await safeLoadDataset(dir, { onInvalid: skip ? 'skip' : 'fail' });
  if (!result.success) throw result.error;
  return { dataset: result.data, skipped: result.skipped };
}
