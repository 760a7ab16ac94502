/** The executable behind `supplymatch`: runs the CLI on the process arguments. */
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli.js';

// The CLI owns its process, so it may tune V8 for it (the library never does): HiGHS's
// WebAssembly moves to V8's optimizing compiler only after ten times V8's default budget of
// work, so a process's first allocation compiles far less (1000x10: about 1 s of CPU less,
// no slower warm; see docs/allocation.md, "Speed"). Set before HiGHS is loaded (it is loaded
// by the allocate command only), and not when the caller chose a budget of their own.
const WASM_TIERING = '--wasm-tiering-budget=18000000';
if (![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--wasm-tiering-budget'))) setFlagsFromString(WASM_TIERING);

// A reader that stops early (`supplymatch match dir | head`) closes the pipe: that ends the
// command quietly, as it does for other command-line tools, instead of an unhandled EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`supplymatch: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
