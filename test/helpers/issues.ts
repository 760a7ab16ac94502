import { SupplymatchError } from '../../src/errors.js';

/** The issues `fn` throws as `path [code]`, or none when it does not throw; any other error is rethrown. */
export function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof SupplymatchError) return e.issues.map((i) => `${i.path} [${i.code}]`);
    throw e;
  }
  return [];
}
