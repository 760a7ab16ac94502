import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { COMMAND_USAGE, USAGE } from '../../src/cli/usage.js';

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

// The examples of docs/allocation.md run (and their output is compared) in test/docs/docs.test.ts.
describe('supplymatch allocate on incheon-bio', () => {
  it.each([
    // 58 of the 63 lines have a qualified supplier (the fixture's truth); with two suppliers asked
    // of every line, the six that only one supplier can serve cannot hold and the other 57 are planned.
    [['--objective', 'cost'], 0, 58],
    [['--objective', 'domestic'], 0, 58],
    [['--min-suppliers', '2'], 3, 51],
    [['--integral'], 0, 58],
  ])('%j gives a plan (exit %i, %i lines fully served)', async (args, exit, fully) => {
    const { code, stdout } = await run('allocate', 'fixtures/incheon-bio', '--format', 'json', ...args);
    expect(code).toBe(exit);
    const plan = JSON.parse(stdout) as { totals: { fullyServed: number; servedShare: number }; lines: { status: string }[] };
    expect(plan.totals.fullyServed).toBe(fully);
    expect(plan.lines.filter((l) => l.status !== 'infeasible').length).toBeGreaterThanOrEqual(57);
  });

  it('documents the exit codes in its usage text', () => {
    expect(COMMAND_USAGE.allocate).toContain("exit 3 when some lines' constraints cannot hold");
    expect(COMMAND_USAGE.allocate).toContain('4 when the time');
    expect(USAGE).toContain('4 a time or node\nlimit ended an allocation solve');
  });

  it('refuses a bad --time-limit', async () => {
    expect((await run('allocate', 'fixtures/incheon-bio', '--time-limit', '-1')).code).toBe(2);
  });
});
