import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in this process and returns its exit code and what it printed. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('supplymatch allocate on incheon-bio', () => {
  it.each([
    [['--objective', 'cost'], 0, 42],
    [['--objective', 'domestic'], 0, 42],
    [['--min-suppliers', '2'], 3, 39],
    [['--integral'], 0, 42],
  ])('%j gives a plan (exit %i, %i lines fully served)', async (args, exit, fully) => {
    const { code, stdout } = await run('allocate', 'fixtures/incheon-bio', '--format', 'json', ...args);
    expect(code).toBe(exit);
    const plan = JSON.parse(stdout) as { totals: { fullyServed: number; servedShare: number }; lines: { status: string }[] };
    expect(plan.totals.fullyServed).toBe(fully);
    expect(plan.lines.filter((l) => l.status !== 'infeasible').length).toBeGreaterThanOrEqual(44);
  });

  it('prints what docs/allocation.md shows', async () => {
    const doc = readFileSync('docs/allocation.md', 'utf8');
    const shown = /```sh\nnpx supplymatch allocate fixtures\/incheon-bio --min-suppliers 2\n```\n\n```\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(shown).toBeDefined();
    const { code, stdout } = await run('allocate', 'fixtures/incheon-bio', '--min-suppliers', '2');
    expect(code).toBe(3);
    expect(stdout).toBe(shown);
  });

  it('documents the exit codes in its usage text', async () => {
    const { stdout } = await run('help');
    expect(stdout).toContain('exit 3 when some lines\' constraints cannot hold');
    expect(stdout).toContain('4 when the time');
  });

  it('refuses a bad --time-limit', async () => {
    expect((await run('allocate', 'fixtures/incheon-bio', '--time-limit', '-1')).code).toBe(2);
  });
});

describe('docs/allocation.md', () => {
  it('runs its code example and prints what it shows', async () => {
    const doc = readFileSync('docs/allocation.md', 'utf8');
    const found = /```ts\n([\s\S]*?)```\n\n```\n([\s\S]*?)```/.exec(doc);
    const [, code, shown] = found ?? [];
    expect(code).toBeDefined();
    const src = (file: string): string => pathToFileURL(resolve('src', file)).href;
    const runnable = (code ?? '').replace("from 'supplymatch/allocate'", `from '${src('allocate/index.ts')}'`).replace("from 'supplymatch'", `from '${src('index.ts')}'`);
    const dir = mkdtempSync(join(tmpdir(), 'supplymatch-doc-'));
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, runnable);
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(`${printed.join('\n')}\n`).toBe(shown);
  });
});
