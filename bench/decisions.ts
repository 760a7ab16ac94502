/**
 * What the buyers' decisions cost the matcher (issue #21, part 3): a seeded synthetic dataset
 * (bench/generate.ts, 10,000 offerings × 1,000 demand lines by default) matched three ways on
 * one prepared dataset:
 *
 * - `without`: the default criteria less the decision criterion (the matcher before decisions);
 * - `no decisions`: the default criteria, the dataset carrying no decisions;
 * - `decisions`: the default criteria with N decisions (default 2,000) on pairs the first run
 *   ranked, a quarter of them rejections in force, the rest qualifications, approvals and
 *   evaluations, some lapsed or not in force yet.
 *
 *   npx tsx bench/decisions.ts [--offerings 10000] [--lines 1000] [--decisions 2000] [--repeat 3]
 *
 * After one untimed warm-up run, prints, per way, the best wall and CPU time (`process.cpuUsage()`, user + system) of
 * `--repeat` runs, how many candidates were ranked and rejected, and whether `without` and `no
 * decisions` rank the same candidates with the same totals (the decision criterion weighs 0).
 */
import { parseArgs } from 'node:util';
import { defaultCriteria } from '../src/criteria/defaults.js';
import { parseDataset } from '../src/dataset/parse.js';
import { createMatcher } from '../src/engine/matcher.js';
import type { MatchResult } from '../src/engine/result.js';
import type { Decision } from '../src/model/decision.js';
import { generateDataset, mulberry32 } from './generate.js';

const { values } = parseArgs({
  options: {
    offerings: { type: 'string', default: '10000' },
    lines: { type: 'string', default: '1000' },
    decisions: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '3' },
  },
});
const offerings = Number(values.offerings);
const lines = Number(values.lines);
const decisionCount = Number(values.decisions);
const repeat = Number(values.repeat);

const dataset = parseDataset(generateDataset({ offerings, lines, seed: 1 }));
const without = createMatcher({ criteria: defaultCriteria().filter((c) => c.meta.id !== 'decision') });
const withDecision = createMatcher();

function timed(run: () => MatchResult): { wallMs: number; cpuMs: number; result: MatchResult } {
  let best: { wallMs: number; cpuMs: number; result: MatchResult } | undefined;
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = run();
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (best === undefined || cpuMs < best.cpuMs) best = { wallMs, cpuMs, result };
  }
  return best as { wallMs: number; cpuMs: number; result: MatchResult };
}

const counts = (r: MatchResult): string =>
  `${r.lines.reduce((n, l) => n + l.candidates.length, 0)} ranked, ${r.lines.reduce((n, l) => n + l.rejectedCount, 0)} rejected`;

const preparedWithout = without.prepare(dataset);
// One run first, untimed, so that the first way timed does not pay for compiling the engine.
without.matchPrepared(preparedWithout);
const base = timed(() => without.matchPrepared(preparedWithout));
const preparedPlain = withDecision.prepare(dataset);
const plain = timed(() => withDecision.matchPrepared(preparedPlain));

// Decisions on ranked pairs, drawn with a seeded PRNG.
const rnd = mulberry32(7);
const pool = base.result.lines.flatMap((l) => l.candidates.map((c) => ({ buyer: l.buyer, line: l.line, supplier: c.supplier, offering: c.offering })));
const statuses = ['rejected', 'qualified', 'approved', 'evaluating'] as const;
const dates = [['2020-06-01', undefined], ['2020-06-01', '2020-12-31'], ['2021-05-01', undefined], ['2021-01-15', '2021-12-31']] as const;
const decisions: Decision[] = [];
const used = new Set<string>();
while (decisions.length < Math.min(decisionCount, pool.length)) {
  const p = pool[Math.floor(rnd() * pool.length)];
  if (p === undefined) break;
  const [date, until] = dates[Math.floor(rnd() * dates.length)] ?? dates[0];
  const key = `${p.line} ${p.offering} ${date}`;
  if (used.has(key)) continue;
  used.add(key);
  decisions.push({ ...p, status: statuses[Math.floor(rnd() * statuses.length)] ?? 'rejected', date, ...(until !== undefined ? { until } : {}), reason: 'bench decision' });
}
const decided = { ...dataset, decisions };
const preparedDecided = withDecision.prepare(decided);
const withDecisions = timed(() => withDecision.matchPrepared(preparedDecided));

const same = base.result.lines.every((l, i) => {
  const other = plain.result.lines[i];
  return other !== undefined && l.candidates.length === other.candidates.length && l.candidates.every((c, k) => c.offering === other.candidates[k]?.offering && c.score === other.candidates[k]?.score);
});

console.log(`decisions bench: ${offerings} offerings × ${lines} demand lines, best of ${repeat} (${process.version})`);
for (const [name, m] of [['without', base], ['no decisions', plain], [`${decisions.length} decisions`, withDecisions]] as const)
  console.log(`${name.padEnd(16)} wall ${m.wallMs.toFixed(0).padStart(6)} ms  cpu ${m.cpuMs.toFixed(0).padStart(6)} ms  ${counts(m.result)}`);
console.log(`same ranking without the decision criterion and with it on no decisions: ${same}`);
