/** The executable behind `supplymatch`: runs the CLI on the process arguments. */
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli.js';
import { cliV8Flags } from './v8-flags.js';

// The CLI owns its process, so it may tune V8 for it (the library never does): before any
// command runs and HiGHS is loaded, and never over a choice the caller made with node's own
// options (node refuses V8 flags in NODE_OPTIONS; see ./v8-flags.ts and docs/allocation.md, "Speed").
const flags = cliV8Flags(process.execArgv);
if (flags !== '') setFlagsFromString(flags);

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
