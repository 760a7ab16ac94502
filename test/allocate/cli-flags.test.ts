import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli-process.js';

const SPY = join(import.meta.dirname, 'v8-flags-spy.mjs');
const ROOT = join(import.meta.dirname, '../..');

/**
 * Runs node with `loader` (tsx for the sources) and the spy preloaded; returns the exit code and
 * the events the spy logged (flags set, WebAssembly compiled).
 */
function spied(loader: readonly string[], args: string[], env: Record<string, string> = {}): { status: number | null; events: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'supplymatch-spy-'));
  const log = join(dir, 'log');
  try {
    const run = spawnSync(process.execPath, [...loader, '--import', SPY, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env, SUPPLYMATCH_SPY_LOG: log } });
    let events: string[] = [];
    try {
      events = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      events = [];
    }
    return { status: run.status, events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Each case starts node (seconds of CPU each, beside the suite's own workers), so this file runs
// in the heavy project (vitest.config.ts). The CLI is the sources through tsx, or the built
// executable with SUPPLYMATCH_CLI_FROM=dist (as CI runs it).
const CLI = cliProcess();
const TSX = ['--import', 'tsx'];

describe('the V8 flags of the CLI', () => {
  it('are set by the CLI process before HiGHS is compiled', () => {
    const { status, events } = spied(CLI.nodeArgs, [CLI.bin, 'allocate', 'fixtures/incheon-bio', '--format', 'json']);
    expect(status).toBe(0);
    expect(events[0]).toBe('flags --wasm-tiering-budget=18000000 --wasm-num-compilation-tasks=1');
    expect(events.filter((e) => e.startsWith('flags'))).toHaveLength(1);
    expect(events.some((e) => e.startsWith('wasm'))).toBe(true);
  });

  it('are not set over a choice the caller made', () => {
    const budget = spied(CLI.nodeArgs, ['--wasm-tiering-budget=1800000', CLI.bin, '--version']);
    expect(budget.status).toBe(0);
    expect(budget.events.filter((e) => e.startsWith('flags'))).toEqual(['flags --wasm-num-compilation-tasks=1']);
    const both = spied(CLI.nodeArgs, ['--wasm-tiering-budget=1800000', '--wasm-num-compilation-tasks=4', CLI.bin, '--version']);
    expect(both.status).toBe(0);
    expect(both.events.filter((e) => e.startsWith('flags'))).toEqual([]);
  });

  it('come with HiGHS loading before the data set is read: allocate on a directory that does not exist still compiles it', () => {
    const { status, events } = spied(CLI.nodeArgs, [CLI.bin, 'allocate', 'fixtures/no-such-dataset', '--format', 'json']);
    expect(status).toBe(2);
    expect(events[0]).toBe('flags --wasm-tiering-budget=18000000 --wasm-num-compilation-tasks=1');
    expect(events.some((e) => e.startsWith('wasm'))).toBe(true);
  });

  it('is never set by the library: an allocation run without the CLI executable sets no flag', () => {
    const { status, events } = spied(TSX, ['--input-type=module', '-e', "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(['allocate', 'fixtures/incheon-bio', '--format', 'json']);"]);
    expect(status).toBe(0);
    expect(events.some((e) => e.startsWith('wasm'))).toBe(true);
    expect(events.filter((e) => e.startsWith('flags'))).toEqual([]);
  });

  it('is set in one place: no source but the CLI executable calls setFlagsFromString', () => {
    const callers = sources(join(ROOT, 'src')).filter((f) => readFileSync(f, 'utf8').includes('setFlagsFromString'));
    expect(callers.map((f) => relative(ROOT, f))).toEqual(['src/cli/bin.ts']);
  });
});
