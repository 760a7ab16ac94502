/**
 * The V8 flags the `supplymatch` executable sets for its own process (the library sets none: a
 * flag holds for the whole process and every WebAssembly module in it, which belongs to whoever
 * runs the process). Both are about HiGHS's WebAssembly, which only the allocate command loads:
 *
 * - a tiering budget ten times V8's default: a function moves to V8's optimizing compiler only
 *   after ten times the work, so a process's first allocation compiles far less (1000x10: about
 *   1 s of CPU less, no slower warm);
 * - no lazy compilation: the module is compiled whole by the baseline compiler, on V8's
 *   background threads, when it loads (the allocate command starts loading it before it reads
 *   and matches the data set), instead of function by function on the main thread as the solver
 *   first calls each one.
 *
 * See docs/allocation.md, "Speed", for what each is measured to do.
 */
export const CLI_V8_FLAGS: readonly { readonly flag: string; readonly chosenBy: RegExp }[] = [
  { flag: '--wasm-tiering-budget=18000000', chosenBy: /^--wasm-tiering-budget/ },
  { flag: '--no-wasm-lazy-compilation', chosenBy: /^--(no-)?wasm-lazy-compilation$/ },
];

/**
 * The flags to set, as one string (V8 reads several flags from one): those of {@link CLI_V8_FLAGS}
 * that the caller did not choose with node's own options (`given`: `process.execArgv` and the
 * words of `NODE_OPTIONS`).
 *
 * @example
 * cliV8Flags(['--wasm-tiering-budget=1800000']); // => '--no-wasm-lazy-compilation'
 */
export function cliV8Flags(given: readonly string[]): string {
  return CLI_V8_FLAGS.filter(({ chosenBy }) => !given.some((a) => chosenBy.test(a)))
    .map(({ flag }) => flag)
    .join(' ');
}
