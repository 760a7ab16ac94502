import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // node-worker is the worker thread of matchParallel, loaded by path from node.js / node.cjs.
    entry: { index: 'src/index.ts', node: 'src/node.ts', allocate: 'src/allocate-entry.ts', charts: 'src/charts/index.ts', report: 'src/report/index.ts', xlsx: 'src/xlsx/index.ts', 'node-worker': 'src/node-worker.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // Rollup's tree shaking; an external module imported only for its side effects is dropped
    // (tsup's ESM shim leaves `import 'path'` and `import 'url'` behind, which browsers cannot resolve).
    treeshake: { moduleSideEffects: 'no-external' },
    // One shared chunk for both entries, in CJS too, so that classes such as SupplymatchError
    // are the same object whichever entry a caller imports them from.
    splitting: true,
    // import.meta.url in the CJS build (node.cjs finds node-worker.cjs next to itself).
    shims: true,
    // mathjs is bundled, tree-shaken to what is used: loaded as its ~1,000 ES modules it costs
    // about 1 s at every import of the package; bundled, about 0.15 s.
    noExternal: ['mathjs'],
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    // The commands load as a chunk of their own once the command line is checked, so that
    // --help, --version and a mistyped flag answer without loading mathjs (about 0.9 s).
    splitting: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['mathjs'],
  },
]);
