/**
 * The layers of docs/architecture.md, checked on the sources: every relative import (types
 * included) goes to the importer's own folder, a folder below it, or a root module that imports
 * nothing of the package (`errors.ts`, `options.ts`, `display.ts`); and the folders import each
 * other in no cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Each folder and what it may import besides itself (the table of docs/architecture.md). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  catalog: ['model'],
  dataset: ['model', 'catalog'],
  criteria: ['model', 'catalog'],
  engine: ['model', 'catalog', 'dataset', 'criteria'],
  analysis: ['model', 'catalog', 'dataset', 'criteria', 'engine'],
  'analysis/weights': ['model', 'catalog', 'dataset', 'criteria', 'engine'],
  allocate: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis'],
  format: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis', 'allocate'],
  charts: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis', 'allocate', 'format'],
  notebook: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis', 'analysis/weights', 'allocate', 'format', 'charts'],
  report: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis', 'allocate', 'format', 'charts', 'notebook'],
  xlsx: ['model', 'catalog', 'dataset', 'criteria', 'engine', 'analysis', 'allocate', 'format'],
};
/** Root modules any folder may use: they import nothing of the package. */
const LEAVES = ['errors.ts', 'options.ts', 'display.ts'];
/** Imports against the layers that are known and still to go (see docs/architecture.md). */
const KNOWN: readonly string[] = [];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')));
}

const folderOf = (file: string): string => relative(SRC, dirname(file)).split('\\').join('/') || '.';

describe('the layers of the package', () => {
  const edges: { from: string; to: string; file: string; target: string }[] = [];
  for (const file of sources(SRC)) for (const target of importsOf(file)) edges.push({ from: folderOf(file), to: folderOf(target), file: relative(SRC, file), target: relative(SRC, target) });

  it('the root modules that every layer may use import nothing of the package', () => {
    for (const leaf of LEAVES) expect(edges.filter((e) => e.file === leaf && !LEAVES.includes(e.target)).map((e) => e.target)).toEqual([]);
  });

  it('every import goes to its own folder, a folder below, or a root module every layer may use', () => {
    const wrong = edges
      .filter((e) => e.from !== '.' && e.from !== 'cli' && e.from !== e.to)
      .filter((e) => !(e.to === '.' && LEAVES.includes(e.target)))
      // A folder may import its own sub-folders.
      .filter((e) => !e.to.startsWith(`${e.from}/`))
      .filter((e) => !(MAY_IMPORT[e.from] ?? []).includes(e.to))
      .map((e) => `${e.file} -> ${e.target}`);
    expect(wrong.filter((w) => !KNOWN.includes(w))).toEqual([]);
    // A known exception that is gone is taken off the list.
    expect(KNOWN.filter((k) => !wrong.includes(k))).toEqual([]);
  });

  it('every folder of the sources is in the table', () => {
    const folders = [...new Set(edges.map((e) => e.from))].filter((f) => f !== '.' && f !== 'cli').sort();
    expect(folders.filter((f) => MAY_IMPORT[f] === undefined)).toEqual([]);
  });
});
