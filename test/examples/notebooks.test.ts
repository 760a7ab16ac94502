/**
 * The example notebooks as committed: clean (no outputs, so no machine paths), for the Deno
 * kernel, importing only the package's entry points and only names those export, and each
 * stating an output CI must find when it executes them (`.ci/notebooks`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ENTRIES: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  supplymatch: () => import('../../src/index.js'),
  'supplymatch/node': () => import('../../src/node.js'),
  'supplymatch/allocate': () => import('../../src/allocate-entry.js'),
  'supplymatch/charts': () => import('../../src/charts/index.js'),
  'supplymatch/report': () => import('../../src/report/index.js'),
  'supplymatch/xlsx': () => import('../../src/xlsx/index.js'),
};

interface Notebook {
  cells: { cell_type: string; source: string[]; outputs?: unknown[]; execution_count?: number | null }[];
  metadata: { kernelspec?: { name?: string }; supplymatch?: { expect?: string[] } };
}

const notebooks = readdirSync('examples')
  .filter((f) => f.endsWith('.ipynb'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(`examples/${f}`, 'utf8')) as Notebook] as const);

describe('example notebooks', () => {
  it('there are some', () => {
    expect(notebooks.map(([f]) => f)).toEqual(expect.arrayContaining(['matching.ipynb', 'gaps-and-allocation.ipynb']));
  });

  it.each(notebooks)('%s is committed clean, for the Deno kernel, with expected outputs', (_, nb) => {
    expect(nb.metadata.kernelspec?.name).toBe('deno');
    expect(nb.metadata.supplymatch?.expect?.length ?? 0).toBeGreaterThan(0);
    for (const cell of nb.cells.filter((c) => c.cell_type === 'code')) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
    expect(JSON.stringify(nb)).not.toMatch(/\/(work|home|tmp|Users)\/|file:\/\/|https?:\/\/(?!vega\.github\.io)/);
  });

  it.each(notebooks)('%s imports only names the package entry points export', async (_, nb) => {
    const code = nb.cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => c.source.join(''))
      .join('\n');
    const imports = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].map((m) => ({ names: (m[1] ?? '').split(',').map((n) => n.trim()).filter(Boolean), from: m[2] ?? '' }));
    expect(imports.length).toBeGreaterThan(0);
    // Every import statement is one the pattern above read.
    expect(code.match(/^import /gm)?.length).toBe(imports.length);
    for (const { names, from } of imports) {
      const load = ENTRIES[from];
      expect(load, `${from} is an entry point of the package`).toBeDefined();
      const mod = await (load as () => Promise<Record<string, unknown>>)();
      for (const name of names) expect(mod[name], `${from} exports ${name}`).toBeDefined();
    }
  });
});
