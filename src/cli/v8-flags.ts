/**
 * The V8 flags the `supplymatch` executable sets for its own process (the library sets none: a
 * flag holds for the whole process and every WebAssembly module in it, which belongs to whoever
 * runs the process). Both are about HiGHS's WebAssembly, which only the allocate command loads:
 *
 * - a tiering budget ten times V8's default: a function moves to V8's optimizing compiler only
 *   after ten times the work, so a process's first allocation compiles far less (1000x10: about
 *   1 s of CPU less, no slower warm);
 * - one thread for that compiling: V8 would otherwise optimize several functions at once, on
 *   as many threads as its pool has (four in Node), which on a machine of two cores take the
 *   solver's core from it half the time. With one, the solver keeps a core while the other
 *   compiles (1000x10 `score`, first allocation: 0.1-0.5 s of wall clock less, medians; 100x35
 *   about 0.2-0.3 s less; a first allocation of several seconds about 3% more).
 *
 * See docs/allocation.md, "Speed", for how each was measured.
 */
export const CLI_V8_FLAGS: readonly { readonly flag: string; readonly chosenBy: RegExp }[] = [
  { flag: '--wasm-tiering-budget=18000000', chosenBy: /^--wasm-tiering-budget/ },
  { flag: '--wasm-num-compilation-tasks=1', chosenBy: /^--wasm-num-compilation-tasks/ },
];

/**
 * The flags to set, as one string (V8 reads several flags from one): those of
 * {@link CLI_V8_FLAGS} that the caller did not choose with node's own options (`given`:
 * `process.execArgv`; node refuses V8 flags in `NODE_OPTIONS`).
 *
 * @example
 * cliV8Flags(['--wasm-tiering-budget=1800000']); // => '--wasm-num-compilation-tasks=1'
 */
export function cliV8Flags(given: readonly string[]): string {
  return CLI_V8_FLAGS.filter(({ chosenBy }) => !given.some((a) => chosenBy.test(a)))
    .map(({ flag }) => flag)
    .join(' ');
}
