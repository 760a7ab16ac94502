/** The executable behind `supplymatch`: runs the CLI on the process arguments. */
import { runCli } from './cli.js';

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
