/** allocate reports progress: components solved of the total, then the plan; the CLI prints nothing extra when piped. */
import { describe, expect, it } from 'vitest';
import { allocate, ALLOCATION_STAGES, type AllocationStage } from '../../src/allocate/allocate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { createReport, REPORT_STAGES, type ReportStage } from '../../src/report/report.js';
import { runCapturingCli } from '../helpers/cli.js';
import { tinyInput } from '../helpers/tiny.js';

describe('allocate onProgress', () => {
  it('counts components solved up to the total, ends at the total, and never goes back', async () => {
    const dataset = parseDataset(tinyInput());
    const calls: [number, number, AllocationStage][] = [];
    const plan = await allocate(createMatcher({ topK: 1000 }).match(dataset), dataset, { onProgress: (d, t, s) => calls.push([d, t, s]) });
    const n = plan.solver.components.length;
    expect(n).toBeGreaterThan(0);
    expect(calls).toEqual([...Array.from({ length: n + 1 }, (_, k) => [k, n, 'solve']), [n, n, 'plan']]);
    expect(calls.every(([, , s]) => ALLOCATION_STAGES.includes(s))).toBe(true);
  });

  it('is refused when it is not a function', async () => {
    const dataset = parseDataset(tinyInput());
    await expect(allocate(createMatcher().match(dataset), dataset, { onProgress: 3 as never })).rejects.toMatchObject({ issues: [{ path: 'onProgress', code: 'invalid_option' }] });
  });
});

describe('createReport onProgress', () => {
  it('reports every stage in order, each monotone and ending at its total', async () => {
    const dataset = parseDataset(tinyInput());
    const calls: [ReportStage, number, number][] = [];
    await createReport(dataset, { onProgress: (s, d, t) => calls.push([s, d, t]) });
    const stages = [...new Set(calls.map(([s]) => s))];
    expect(stages).toEqual(REPORT_STAGES.filter((s) => stages.includes(s)));
    expect(stages).toEqual(expect.arrayContaining(['match', 'gaps', 'allocate', 'sensitivity', 'charts']));
    for (const stage of stages) {
      const mine = calls.filter(([s]) => s === stage);
      for (let i = 1; i < mine.length; i++) expect(mine[i]?.[1]).toBeGreaterThanOrEqual(mine[i - 1]?.[1] ?? 0);
      const last = mine.at(-1);
      expect(last?.[1]).toBe(last?.[2]);
      // Calls of one stage come together: no stage starts again after another began.
      const first = calls.findIndex(([s]) => s === stage);
      expect(calls.slice(first, first + mine.length).every(([s]) => s === stage)).toBe(true);
    }
  });
});

describe('supplymatch allocate, piped', () => {
  it('writes no progress to stderr when stderr is not a terminal', async () => {
    const { code, stdout, stderr } = await runCapturingCli(['allocate', 'fixtures/incheon-bio', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(0);
    expect(stderr).toBe('');
  });
});
