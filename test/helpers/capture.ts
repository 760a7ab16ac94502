import { afterEach, vi } from 'vitest';

/**
 * Collects what a CLI command writes to stdout and stderr during a test: call `capture()` in the
 * test, read `out.join('')` / `err.join('')`; both are emptied and the streams restored after each test.
 */
export function captureOutput(): { out: string[]; err: string[]; capture: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
  });
  const capture = (): void => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  };
  return { out, err, capture };
}
