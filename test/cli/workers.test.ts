import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapturingCli } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');
const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => runCapturingCli(args);

// Heavy (worker threads, the fixture matched five times): in the `heavy` project.
describe('supplymatch match --workers', () => {
  it('match --workers gives the one-thread output, byte for byte, and refuses a bad count', async () => {
    const args = ['match', FIXTURE, '--format', 'json', '--top', '3', '--weights', 'price=2', '--aggregate', 'topsis'];
    const one = await cli(...args);
    const two = await cli(...args, '--workers', '1');
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const plain = await cli('match', FIXTURE, '--format', 'json', '--top', '3');
    expect((await cli('match', FIXTURE, '--format', 'json', '--top', '3', '--workers', '2')).stdout).toBe(plain.stdout);
    for (const value of ['--workers=-1', '--workers=1.5']) {
      const bad = await cli('match', FIXTURE, value);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--workers is a whole number from 0 to 64');
    }
    // A value that parseArgs itself refuses (it looks like an option) is bad usage too, not a crash.
    const dashed = await cli('match', FIXTURE, '--workers', '-1');
    expect(dashed.code).toBe(2);
    expect(dashed.stderr).toMatch(/ambiguous/);
    expect(dashed.stderr).not.toMatch(/\n\s+at /);
  });
});
