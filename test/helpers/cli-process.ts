import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/**
 * The CLI a test starts as a child process, and the node flags it needs: the built executable
 * (package.json's `bin`) when `SUPPLYMATCH_CLI_FROM=dist` is set, as CI does after its build, so
 * that the command users install is the one tested; else the sources through tsx, so that
 * `npm test` needs no build.
 */
export function cliProcess(): { readonly nodeArgs: readonly string[]; readonly bin: string } {
  if (process.env['SUPPLYMATCH_CLI_FROM'] !== 'dist') return { nodeArgs: ['--import', 'tsx'], bin: join(ROOT, 'src/cli/bin.ts') };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = join(ROOT, pkg.bin['supplymatch'] ?? '');
  if (!existsSync(bin)) throw new Error(`SUPPLYMATCH_CLI_FROM=dist, but ${bin} is not built: run npm run build first`);
  return { nodeArgs: [], bin };
}
