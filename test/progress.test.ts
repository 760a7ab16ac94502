import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/progress.js';

/** A fake terminal (or not) that records what is written. */
function stream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progressReporter', () => {
  it('is undefined when the stream is not a terminal', () => {
    expect(progressReporter(stream(false), 10, 'matching')).toBeUndefined();
  });

  it('stays quiet for a short run', () => {
    let t = 0;
    const s = stream(true);
    const report = progressReporter(s, 3, 'matching', { now: () => t });
    for (let done = 1; done <= 3; done++) {
      t += 100;
      report?.(done, 3);
    }
    expect(s.written).toEqual([]);
  });

  it('draws a bar after the delay, at most every interval, and clears it at the end', () => {
    let t = 0;
    const s = stream(true);
    const report = progressReporter(s, 1000, 'matching', { now: () => t, delayMs: 1000, intervalMs: 100 });
    for (let done = 1; done <= 1000; done++) {
      t += 10;
      report?.(done, 1000);
    }
    const bars = s.written.filter((w) => w.includes('matching ['));
    expect(bars.length).toBeGreaterThan(50);
    expect(bars.length).toBeLessThan(100);
    expect(bars[0]).toMatch(/matching \[#+-+\] 100\/1,000 10% eta 9s$/);
    expect(s.written.at(-1)).toBe('\r\u001b[2K');
    report?.(1000, 1000);
    expect(s.written.at(-1)).toBe('\r\u001b[2K');
  });
});
