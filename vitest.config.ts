import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The documentation's examples import the package by name; in tests they run on its sources.
    alias: [
      { find: /^supplymatch$/, replacement: source('./src/index.ts') },
      { find: /^supplymatch\/node$/, replacement: source('./src/node.ts') },
      { find: /^supplymatch\/allocate$/, replacement: source('./src/allocate/index.ts') },
      { find: /^supplymatch\/charts$/, replacement: source('./src/charts/index.ts') },
      { find: /^supplymatch\/report$/, replacement: source('./src/report/index.ts') },
      { find: /^supplymatch\/xlsx$/, replacement: source('./src/xlsx/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks load fixtures too; on a loaded machine that takes longer than the default 10 s.
    hookTimeout: 30_000,
  },
});
