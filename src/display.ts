/**
 * The notebook display hook, at the root of the package so that any layer can hand out a value
 * that displays itself without importing what builds the display: Deno's Jupyter kernel (and
 * other kernels that follow its convention) shows an object that has a
 * `Symbol.for('Jupyter.display')` method as the MIME bundle the method returns.
 */

/** The key under which a notebook looks for an object's display method: `Symbol.for('Jupyter.display')`. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/**
 * Gives `value` a non-enumerable display method that builds its bundle when a notebook asks (so
 * nothing is computed for values that are never displayed), and returns `value`. `JSON.stringify`,
 * spreads, `structuredClone` and deep equality do not see the method.
 *
 * @example
 * const shown = withDisplay({ n: 1 }, () => ({ 'text/plain': 'one', 'text/html': '<b>one</b>' }));
 * JSON.stringify(shown); // => '{"n":1}'
 */
export function withDisplay<T extends object>(value: T, bundle: () => object): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, { value: bundle, enumerable: false, writable: false, configurable: true });
  return value;
}
