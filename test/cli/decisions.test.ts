import { describe, expect, it } from 'vitest';
import { runCapturingCli } from '../helpers/cli.js';

const FIXTURE = 'fixtures/incheon-bio';

describe('supplymatch and the incheon-bio decisions', () => {
  it('match shows the rejection in force, citing who, when, until and why', async () => {
    const { code, stdout } = await runCapturingCli(['match', FIXTURE]);
    expect(code).toBe(0);
    const sb01 = stdout.slice(stdout.indexOf('SB-D01 (B-01)'), stdout.indexOf('SB-D02 (B-01)'));
    expect(sb01).toContain(
      'decision: Rejected by B-01 (QA, J. Park) on 2020-12-10 until 2021-12-31 for line SB-D01, every offering of S-002: Bacterial retention (ASTM F838) report lapsed and the on-site audit found no renewal plan.',
    );
    // The approval of the top candidate is cited in its explanation.
    expect(sb01).toContain('- decision 1.00: Approved by B-01 (Purchasing committee) on 2020-09-01 for line SB-D01, offering S-005-O1 of S-005');
  });

  it('match --format csv carries the decision columns on the candidate rows', async () => {
    const { stdout } = await runCapturingCli(['match', FIXTURE, '--format', 'csv']);
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header?.split(',')).toContain('decision');
    const s005 = rows.find((r) => r.startsWith('SB-D01,B-01,1,S-005,'));
    // The decision criterion's score column: 1 for the approved offering.
    expect(s005?.split(',')[header?.split(',').indexOf('decision') ?? -1]).toBe('1');
  });

  it('validate says which decisions are not in force yet and which lapsed', async () => {
    const { code, stdout } = await runCapturingCli(['validate', FIXTURE]);
    expect(code).toBe(0);
    expect(stdout).toContain('Decisions as of 2021-03-01: 6 in force, 1 not yet (dated after 2021-03-01), 1 lapsed.');
    expect(stdout).toMatch(/decisions\[2\] +not yet +B-02 +S-007 +rejected +2021-05-15/);
    expect(stdout).toMatch(/decisions\[1\] +lapsed +B-01 +S-073 +rejected +2019-05-02 +2020-12-31/);
  });

  it('eval --labels decisions grades by the decisions in force', async () => {
    const { code, stdout } = await runCapturingCli(['eval', FIXTURE, '--labels', 'decisions', '--format', 'json']);
    expect(code).toBe(0);
    const e = JSON.parse(stdout) as { overall: { lines: number; pAt1: number }; lines: { line: string; top1: string }[]; unservable: { lines: number; leftEmpty: number } };
    // Written from decisions.json: S-005 approved for SB-D01, S-001 qualified for IC-D03, S-024-O1
    // qualified for the item of SB-D05; S-002 is rejected for SB-D01, where S-005 is relevant.
    expect(e.lines.map((l) => `${l.line} ${l.top1}`)).toEqual(['SB-D01 S-005', 'SB-D05 S-024', 'IC-D03 S-001']);
    expect(e.overall.pAt1).toBe(1);
    expect(e.unservable).toEqual({ lines: 0, leftEmpty: 0, proposed: [] });
  });

  it('refuses an unknown label source, and decisions a dataset does not have', async () => {
    const bad = await runCapturingCli(['eval', FIXTURE, '--labels', 'votes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--labels is truth or decisions, not "votes"');
  });
});
