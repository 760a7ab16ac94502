import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The heavy tests: agreement of the fast paths with full judging, of worker threads with one
 * thread, of the engine with the naive baseline, of the allocation with an independent solver, of
 * the fuzzy search with fuse.js and of counterfactuals with re-matching; property and fuzz runs;
 * child processes started on the sources (the CLI's V8 flag). They run in their own project (`npm run test:heavy`), which CI runs after
 * the README's `npm test`.
 */
const HEAVY = [
  'test/engine/two-pass.test.ts',
  'test/engine/parallel.test.ts',
  'test/engine/kept.test.ts',
  'test/bench/naive.test.ts',
  'test/criteria/properties.test.ts',
  'test/criteria/batch-agreement.test.ts',
  'test/allocate/reference.test.ts',
  'test/fuzz/mutations.test.ts',
  'test/cli/workers.test.ts',
  'test/engine/index-incremental.test.ts',
  'test/bench/corpus-doc.test.ts',
  'test/analysis/gaps-agreement.test.ts',
  'test/allocate/cli-flags.test.ts',
  'test/engine/layout.test.ts',
  'test/catalog/fuzzy.test.ts',
];

export default defineConfig({
  resolve: {
    // The documentation's examples import the package by name; in tests they run on its sources.
    alias: [
      { find: /^supplymatch$/, replacement: source('./src/index.ts') },
      { find: /^supplymatch\/node$/, replacement: source('./src/node.ts') },
      { find: /^supplymatch\/allocate$/, replacement: source('./src/allocate-entry.ts') },
      { find: /^supplymatch\/charts$/, replacement: source('./src/charts/index.ts') },
      { find: /^supplymatch\/report$/, replacement: source('./src/report/index.ts') },
      { find: /^supplymatch\/xlsx$/, replacement: source('./src/xlsx/index.ts') },
    ],
  },
  test: {
    // A timeout only catches a hang: no test may fail because the machine is busy, and a loaded
    // 2-core machine runs some tests ten times slower than an idle one.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // One worker per core (vitest's default leaves one core idle: on 2 cores, one worker).
    maxWorkers: availableParallelism(),
    // Property tests start from a fixed seed (FC_SEED overrides it; see the file).
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    projects: [
      // The unit files share their workers' module cache (no isolation): loading the sources once
      // per worker instead of once per file halves the project's time. Tests restore what they mock.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: HEAVY, isolate: false } },
      { extends: true, test: { name: 'heavy', include: HEAVY } },
    ],
  },
});
