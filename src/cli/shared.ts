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

/** Loads the dataset directory named on the command line; its issues throw a SupplymatchError (exit 2). */
export async function loadDatasetArg(dir: string | undefined): Promise<Dataset> {
  if (dir === undefined) throw new UsageError('a dataset directory is needed');
  const result = await safeLoadDataset(dir);
  if (!result.success) throw result.error;
  return result.data;
}
