// Preloaded (node --import) by test/allocate/cli-flags.test.ts: records, in the file named by
// SUPPLYMATCH_SPY_LOG, every V8 flag set from inside the process and every WebAssembly module
// compiled, in order.
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import v8 from 'node:v8';

const log = (line) => appendFileSync(process.env.SUPPLYMATCH_SPY_LOG ?? '/dev/null', `${line}\n`);
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  log(`flags ${flags}`);
  return setFlags(flags);
};
syncBuiltinESMExports();
for (const name of ['compile', 'instantiate']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    log(`wasm ${name}`);
    return original.apply(this, args);
  };
}
