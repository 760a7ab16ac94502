import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { naiveMatch } from '../../bench/naive.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { DatasetInput } from '../../src/model/dataset.js';

/** Share of the lines with a top candidate on either side whose top candidate is the same. */
function topOneAgreement(input: DatasetInput): { agree: number; lines: number } {
  const engine = createMatcher().match(parseDataset(structuredClone(input)));
  const naive = new Map(naiveMatch(input).map((l) => [l.line, l]));
  let agree = 0;
  let lines = 0;
  for (const l of engine.lines) {
    const a = l.candidates[0]?.offering;
    const b = naive.get(l.line)?.candidates[0]?.offering;
    if (a === undefined && b === undefined) continue;
    lines += 1;
    if (a === b) agree += 1;
  }
  return { agree, lines };
}

describe('the baseline (bench/naive.ts)', () => {
  it('mostly agrees with the engine on the top candidate of incheon-bio (measured 39 of 42)', () => {
    const dir = join(import.meta.dirname, '../../fixtures/incheon-bio');
    const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const input = { meta: read('meta.json'), items: read('items.json'), suppliers: read('suppliers.json'), buyers: read('buyers.json') } as DatasetInput;
    const { agree, lines } = topOneAgreement(input);
    expect(lines).toBeGreaterThanOrEqual(40);
    expect(agree / lines).toBeGreaterThanOrEqual(0.85);
  });

  it('mostly agrees with the engine on a small synthetic set', () => {
    const { agree, lines } = topOneAgreement(generateDataset({ offerings: 300, lines: 30, seed: 9 }));
    expect(lines).toBeGreaterThanOrEqual(15);
    expect(agree / lines).toBeGreaterThanOrEqual(0.8);
  });
});
