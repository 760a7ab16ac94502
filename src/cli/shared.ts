/** Pieces every command of the CLI uses: usage errors, weights, dates, loading a dataset. */
import type { Dataset } from '../model/dataset.js';
import { safeLoadDataset } from '../node.js';

/** Wrong use of a command: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Reads `--weights id=w,...`; undefined when the option is absent.
 *
 * @example
 * parseWeights('price=2,readiness=0.5'); // => { price: 2, readiness: 0.5 }
 */
export function parseWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [id, value] = part.split('=');
    const w = Number(value);
    if (!id || value === undefined || value.trim() === '' || !Number.isFinite(w)) throw new UsageError(`--weights takes id=number pairs, not "${part}"`);
    weights[id.trim()] = w;
  }
  return weights;
}

/** Checks `--as-of`; returns it unchanged. */
export function checkDate(text: string | undefined): string | undefined {
  if (text !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UsageError('--as-of is a date written YYYY-MM-DD');
  return text;
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

/** The one dataset directory a command takes, from its positional arguments. */
export function oneDirectory(positionals: readonly string[], command: string): string {
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) throw new UsageError(`${command} takes one dataset directory`);
  return dir;
}

/** Loads the dataset directory named on the command line; its issues throw a SupplymatchError (exit 2). */
export async function loadDatasetArg(dir: string | undefined): Promise<Dataset> {
  if (dir === undefined) throw new UsageError('a dataset directory is needed');
  const result = await safeLoadDataset(dir);
  if (!result.success) throw result.error;
  return result.data;
}
