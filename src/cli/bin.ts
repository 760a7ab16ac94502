/** The executable behind `supplymatch`: runs the CLI on the process arguments. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`supplymatch: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
