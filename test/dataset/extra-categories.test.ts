import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { parseDataset, safeParseDataset } from '../../src/dataset/parse.js';
import { datasetToCsv, loadDataset } from '../../src/node.js';
import type { DatasetInput } from '../../src/model/dataset.js';
import { issuesOf } from '../helpers/issues.js';
import { tinyInput } from '../helpers/tiny.js';

const BEAD_MILL = { id: 'bead-mill', parent: 'lab-equipment', names: { en: 'Bead mills', ko: '비드밀' } };

describe('the built-in taxonomy', () => {
  it('covers the localization list of the programme, every category named in English and Korean', () => {
    const ids = new Set(BIO_TAXONOMY.map((c) => c.id));
    for (const id of [
      'hepa-filter', 'gasket', 'diaphragm', 'sanitary-hose', 'sanitary-fitting', 'sanitary-valve', 'vial-glass',
      'buffer-salt', 'process-sensor', 'temperature-logger', 'pressure-gauge', 'biosafety-cabinet', 'centrifuge',
      'shaker', 'pipettor', 'cart', 'bag-container', 'cold-chain-shipper', 'ult-freezer', 'freezer', 'ln2-storage',
      'co2-incubator', 'shaking-incubator', 'stability-chamber', 'autoclave', 'glassware-washer', 'vhp-generator',
      'cleaning-agent', 'disinfectant', 'ppe', 'em-media',
    ])
      expect(ids.has(id), id).toBe(true);
    for (const c of BIO_TAXONOMY) {
      expect(c.names.en, c.id).toMatch(/\S/);
      expect(c.names.ko, c.id).toMatch(/[\uAC00-\uD7A3]/);
    }
  });

  it('is two levels deep: every parent is a group with no parent of its own, ids are unique', () => {
    const byId = new Map(BIO_TAXONOMY.map((c) => [c.id, c]));
    expect(byId.size).toBe(BIO_TAXONOMY.length);
    for (const c of BIO_TAXONOMY) {
      if (c.parent === undefined) continue;
      expect(byId.get(c.parent)?.parent, c.id).toBeUndefined();
    }
  });
});

describe('extraCategories', () => {
  it('adds categories to the built-in taxonomy, which stays whole', () => {
    const d = { ...tinyInput(), extraCategories: [BEAD_MILL] };
    (d.items[1] as Record<string, unknown>).category = 'bead-mill';
    const data = parseDataset(d);
    expect(data.categories.map((c) => c.id)).toEqual([...BIO_TAXONOMY.map((c) => c.id), 'bead-mill']);
    expect(data).not.toHaveProperty('extraCategories');
  });

  it("adds to the dataset's own list when it brings one", () => {
    const own = [
      { id: 'filtration', names: { en: 'Filtration' } },
      { id: 'sterilizing-filter', parent: 'filtration', names: { en: 'Sterilizing filters' } },
      { id: 'tubing', names: { en: 'Tubing' } },
    ];
    const extra = [{ id: 'bead-mill', parent: 'tubing', names: { en: 'Bead mills' } }];
    const data = parseDataset({ ...tinyInput(), categories: own, extraCategories: extra });
    expect(data.categories.map((c) => c.id)).toEqual(['filtration', 'sterilizing-filter', 'tubing', 'bead-mill']);
    // A built-in group is not in force when the dataset replaces the taxonomy.
    const outside = [{ id: 'bead-mill', parent: 'lab-equipment', names: { en: 'Bead mills' } }];
    expect(issuesOf(() => parseDataset({ ...tinyInput(), categories: own, extraCategories: outside }))).toEqual([
      'extraCategories[0].parent [unknown_reference]',
    ]);
  });

  it.each([
    { name: 'unknown parent', extra: [{ ...BEAD_MILL, parent: 'mills' }], want: ['extraCategories[0].parent [unknown_reference]'] },
    { name: 'built-in id reused', extra: [{ ...BEAD_MILL, id: 'centrifuge' }], want: ['extraCategories[0].id [duplicate_id]'] },
    { name: 'id repeated', extra: [BEAD_MILL, BEAD_MILL], want: ['extraCategories[1].id [duplicate_id]'] },
    { name: 'own parent', extra: [{ ...BEAD_MILL, parent: 'bead-mill' }], want: ['extraCategories[0].parent [category_cycle]'] },
    {
      name: 'two-category cycle',
      extra: [
        { id: 'a', parent: 'b', names: { en: 'A' } },
        { id: 'b', parent: 'a', names: { en: 'B' } },
        { id: 'c', parent: 'a', names: { en: 'C' } },
      ],
      want: ['extraCategories[0].parent [category_cycle]', 'extraCategories[1].parent [category_cycle]'],
    },
    { name: 'bad record', extra: [{ id: 'x y', names: { en: 'X' } }], want: ['extraCategories[0].id [invalid_format]'] },
  ])('refuses $name with a path', ({ extra, want }) => {
    expect(issuesOf(() => parseDataset({ ...tinyInput(), extraCategories: extra }))).toEqual(want);
  });

  it('names the cycle in the message', () => {
    const r = safeParseDataset({
      ...tinyInput(),
      categories: [
        { id: 'a', parent: 'b', names: { en: 'A' } },
        { id: 'b', parent: 'a', names: { en: 'B' } },
        { id: 'sterilizing-filter', names: { en: 'S' } },
        { id: 'tubing', names: { en: 'T' } },
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.message)).toEqual([
      'category "a" is its own ancestor: a > b > a',
      'category "b" is its own ancestor: b > a > b',
    ]);
  });

  it('finds a cycle exactly when following parents comes back (an independent walk agrees)', () => {
    const ids = ['p', 'q', 'r', 's', 't'];
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom(...ids), { nil: undefined }), { minLength: 5, maxLength: 5 }), (parents) => {
        const extra = ids.map((id, k) => ({ id, names: { en: id }, ...(parents[k] !== undefined ? { parent: parents[k] } : {}) }));
        const got = issuesOf(() => parseDataset({ ...tinyInput(), extraCategories: extra }));
        // On a cycle when walking at most |ids| parents lands back on the start.
        const parentOf = new Map(ids.map((id, k) => [id, parents[k]]));
        const want = ids.flatMap((id, k) => {
          let at = parentOf.get(id);
          for (let n = 0; n < ids.length && at !== undefined; n++, at = parentOf.get(at)) if (at === id) return [`extraCategories[${k}].parent [category_cycle]`];
          return [];
        });
        expect(got).toEqual(want);
      }),
    );
  });

  it("skips a bad extra category and the items in it with onInvalid: 'skip'", () => {
    const d = { ...tinyInput(), extraCategories: [{ ...BEAD_MILL, parent: 'mills' }] };
    (d.items[1] as Record<string, unknown>).category = 'bead-mill';
    const r = safeParseDataset(d, { onInvalid: 'skip' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.skipped.map((s) => s.path)).toEqual(expect.arrayContaining(['extraCategories[0]', 'items[1]']));
    expect(r.data.categories.some((c) => c.id === 'bead-mill')).toBe(false);
  });

  it('is read from extra-categories.json in a dataset directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supplymatch-extra-'));
    const d = tinyInput();
    (d.items[1] as Record<string, unknown>).category = 'bead-mill';
    for (const [k, v] of Object.entries({ ...d, 'extra-categories': [BEAD_MILL] })) await writeFile(join(dir, `${k}.json`), JSON.stringify(v));
    const data = await loadDataset(dir);
    expect(data.categories.at(-1)).toEqual(BEAD_MILL);
    expect(data.items[1]?.category).toBe('bead-mill');
  });

  it('is read beside a dataset kept in the CSV layout, as categories.json is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supplymatch-extra-csv-'));
    const d = tinyInput();
    (d.items[1] as Record<string, unknown>).category = 'bead-mill';
    for (const [name, text] of Object.entries(datasetToCsv(d as DatasetInput))) await writeFile(join(dir, name), text);
    await expect(loadDataset(dir)).rejects.toMatchObject({
      issues: [{ path: 'items[1].category', code: 'unknown_reference', message: 'category "bead-mill" is not in the taxonomy (items.csv:3)' }],
    });
    await writeFile(join(dir, 'extra-categories.json'), JSON.stringify([BEAD_MILL]));
    const data = await loadDataset(dir);
    expect(data.categories.at(-1)).toEqual(BEAD_MILL);
  });
});
