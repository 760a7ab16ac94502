import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { SupplymatchError } from '../../src/errors.js';
import { serializeResult } from '../../src/format/match.js';
import { loadDataset, matchParallel, matcherConfigFrom, type SerializableMatcherConfig } from '../../src/node.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');

// Worker threads start, load and prepare the dataset on their own (from source, through tsx):
// seconds each, more on a busy machine; the configuration's timeout (ten minutes) only catches a hang.

describe('matchParallel', () => {
  it('gives byte for byte the single-thread result on incheon-bio', async () => {
    const dataset = await loadDataset(FIXTURE);
    for (const config of [{}, { aggregate: 'topsis', topK: 3 }] as SerializableMatcherConfig[]) {
      const single = createMatcher(matcherConfigFrom(config)).match(dataset);
      // Workers and the calling thread together, and workers alone (the calling thread only finishes lines).
      for (const options of [{ workers: 2 }, { workers: 1, mainThread: false }]) {
        const parallel = await matchParallel(FIXTURE, config, options);
        expect(serializeResult(parallel)).toBe(serializeResult(single));
        expect(parallel).toEqual(single);
      }
    }
  });

  it('gives the single-thread result on a synthetic dataset given in memory, for a subset of lines, reporting progress', async () => {
    const input = generateDataset({ offerings: 1_200, lines: 50, seed: 5 });
    const dataset = parseDataset(structuredClone(input));
    const lines = dataset.buyers.flatMap((b) => b.demandLines.map((l) => l.id)).filter((_, i) => i % 2 === 0);
    const config: SerializableMatcherConfig = {
      rejectedK: 3,
      criteria: ['itemFit', 'specFit', 'certification', { criterion: 'capacity', options: { minShare: 0.3 } }, 'leadTime', 'locality', { criterion: 'price', weight: 2 }, 'readiness', { criterion: 'expression', options: { formula: 'min(itemFit, capacity)' } }],
    };
    const single = createMatcher(matcherConfigFrom(config)).match(dataset, { lines });
    const seen: number[] = [];
    const parallel = await matchParallel(input, config, { workers: 3, lines, onProgress: (done, total) => seen.push(done / total) });
    expect(serializeResult(parallel)).toBe(serializeResult(single));
    expect(parallel.lines.map((l) => l.line)).toEqual(lines);
    expect(seen.at(-1)).toBe(1);
    // Progress only grows, and nothing is reported once the result is in.
    expect(seen.every((x, i) => i === 0 || x >= (seen[i - 1] as number))).toBe(true);
    const reported = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.length).toBe(reported);
  });

  it('refuses what cannot cross to a thread or is invalid, with the issues', async () => {
    await expect(matchParallel(FIXTURE, { criteria: ['itemFit', 'myOwn' as never] }, { workers: 1 })).rejects.toThrow(/no built-in criterion "myOwn"/);
    await expect(matchParallel(FIXTURE, { criteria: [{ criterion: 'capacity', options: { minShare: 3 } }] }, { workers: 1 })).rejects.toThrow(SupplymatchError);
    const error = await matchParallel(join(FIXTURE, 'no-such-dir'), {}, { workers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplymatchError);
    expect((error as SupplymatchError).issues[0]?.code).toBe('read_failed');
  });
});
