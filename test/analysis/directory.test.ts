import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDirectory, searchDirectory, profileCompleteness, type Directory, type DirectoryQuery } from '../../src/analysis/directory.js';
import { directoryCommand } from '../../src/cli/directory.js';
import { parseDataset } from '../../src/dataset/parse.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';
import { captureOutput } from '../helpers/capture.js';
import { issuesOf } from '../helpers/issues.js';
import { tinyInput } from '../helpers/tiny.js';

/** The tiny dataset (S-001 filter maker in Incheon, S-002 US tubing) and two more filter makers, labelled below. */
function directoryInput() {
  const input = tinyInput();
  input.suppliers.push(
    {
      // Busan, medium; ISO 13485 expired on 2021-01-01; offers a filter by text only, 500 unit/month, a prototype.
      id: 'S-003',
      names: { en: 'Busan Filter Works', ko: '부산필터' },
      country: 'KR',
      region: 'Busan',
      size: 'medium',
      capabilities: ['filter-assembly'],
      certifications: [{ type: 'ISO 13485:2016', issued: '2020-01-01', expires: '2021-01-01' }],
      offerings: [{ id: 'S-003-O1', text: '제균 캡슐필터', capacity: '500 unit/month', readiness: 'prototype' }],
    },
    {
      // Incheon, micro; ISO 13485 without expiry; a GMP issued only on 2021-06-01; 30,000 unit/year, qualified elsewhere.
      id: 'S-004',
      names: { en: 'Songdo Micro Filtration' },
      country: 'KR',
      region: 'Incheon',
      size: 'micro',
      certifications: [
        { type: 'ISO 13485', issued: '2020-06-01' },
        { type: 'GMP', issued: '2021-06-01', expires: '2024-06-01' },
      ],
      offerings: [{ id: 'S-004-O1', item: 'IT-STF', capacity: '30,000 unit/year', readiness: 'qualified-elsewhere' }],
    },
  );
  return input;
}

let tiny: Dataset;
beforeAll(() => {
  tiny = parseDataset(directoryInput());
});
const ids = (q: DirectoryQuery): string[] => searchDirectory(tiny, q).entries.map((e) => e.supplier).sort();

describe('searchDirectory filters (expected sets written by hand from the data above)', () => {
  const cases: [string, DirectoryQuery, string[]][] = [
    ['a Korean text', { item: '제균필터' }, ['S-001', 'S-003', 'S-004']],
    ['an English text', { item: 'sterilizing capsule filter' }, ['S-001', 'S-003', 'S-004']],
    ['an item id', { item: 'IT-TUB' }, ['S-002']],
    ['a category id', { item: 'sterilizing-filter' }, ['S-001', 'S-003', 'S-004']],
    ['a certificate valid on asOf (S-003 expired)', { item: '제균필터', cert: 'ISO 13485' }, ['S-004']],
    ['the same certificate on an earlier date', { item: '제균필터', cert: 'iso-13485', asOf: '2020-12-01' }, ['S-003', 'S-004']],
    ['a certificate not yet issued', { item: '제균필터', cert: 'GMP' }, []],
    ['a certificate on the offering only', { cert: 'ASTM F838' }, ['S-001']],
    ['a region, ignoring case', { item: '제균필터', region: 'incheon' }, ['S-001', 'S-004']],
    ['sizes', { item: '제균필터', size: ['micro', 'medium'] }, ['S-003', 'S-004']],
    ['readiness at least qualified-elsewhere', { item: '제균필터', readiness: 'qualified-elsewhere' }, ['S-001', 'S-004']],
    ['capacity at least 1,000 unit/month (30,000/year is 2,500/month)', { item: '제균필터', minCapacity: '1,000 unit/month' }, ['S-001', 'S-004']],
    ['a capacity in another dimension', { item: '제균필터', minCapacity: '1 L/month' }, []],
    ['domestic', { domestic: true }, ['S-001', 'S-003', 'S-004']],
    ['foreign', { domestic: false }, ['S-002']],
    ['no condition', {}, ['S-001', 'S-002', 'S-003', 'S-004']],
  ];
  it.each(cases)('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('searchDirectory ranking, facets and completeness', () => {
  it('ranks by item score, then completeness, then id', () => {
    const r = searchDirectory(tiny, { item: 'IT-STF' });
    // All three score 1 (S-003's text is the item's Korean name); S-001's profile is the most
    // complete (10/11); S-003 and S-004 tie at 6/11 and go by id.
    expect(r.entries.map((e) => [e.rank, e.supplier, e.score])).toEqual([
      [1, 'S-001', 1],
      [2, 'S-003', 1],
      [3, 'S-004', 1],
    ]);
  });

  it('counts each facet value over the listed suppliers', () => {
    const { facets, total } = searchDirectory(tiny, { item: '제균필터' });
    expect(total).toBe(3);
    expect(facets.region).toEqual({ Busan: 1, Incheon: 2 });
    expect(facets.size).toEqual({ medium: 1, micro: 1, small: 1 });
    expect(facets.readiness).toEqual({ 'in-production': 1, prototype: 1, 'qualified-elsewhere': 1 });
    expect(facets.domestic).toEqual({ domestic: 3 });
    expect(facets.certificate).toEqual({ 'ASTM F838': 1, 'ISO 13485': 1, 'ISO 9001:2015': 1 });
  });

  it('scores profile completeness and lists the fields to ask for', () => {
    const byId = new Map(tiny.suppliers.map((s) => [s.id, s]));
    // S-001: 11 checks (6 supplier, 5 offering), only capabilities missing.
    expect(profileCompleteness(byId.get('S-001')!, '2021-03-01')).toEqual({ score: 10 / 11, missing: ['capabilities'] });
    expect(profileCompleteness(byId.get('S-004')!, '2021-03-01')).toEqual({
      score: 6 / 11,
      missing: ['names.ko', 'capabilities', 'offerings["S-004-O1"].leadTime', 'offerings["S-004-O1"].unitPrice', 'offerings["S-004-O1"].specs'],
    });
    // S-003's only certificate lapsed: a valid one is asked for; its offering names no catalog item.
    expect(profileCompleteness(byId.get('S-003')!, '2021-03-01').missing).toEqual([
      'certifications',
      'offerings["S-003-O1"].item',
      'offerings["S-003-O1"].leadTime',
      'offerings["S-003-O1"].unitPrice',
      'offerings["S-003-O1"].specs',
    ]);
  });

  it('refuses bad query fields with their paths', () => {
    expect(issuesOf(() => searchDirectory(tiny, { item: ' ', minCapacity: '5 kg', readiness: 'soon' as never, size: ['huge' as never], asOf: '2021-13-01', regoin: 'x' } as never))).toEqual([
      'query.regoin [unknown_option]',
      'query.item [invalid_option]',
      'query.asOf [invalid_option]',
      'query.readiness [invalid_option]',
      'query.size[0] [invalid_option]',
      'query.minCapacity [quantity_kind]',
    ]);
  });
});

describe('searchDirectory properties on incheon-bio', () => {
  let bio: Dataset;
  let directory: Directory;
  beforeAll(async () => {
    bio = await loadDataset(join(import.meta.dirname, '../../fixtures/incheon-bio'));
    directory = createDirectory(bio);
  });
  const query = fc.record(
    {
      item: fc.constantFrom('제균필터', 'single-use bag', '배지', 'tubing'),
      cert: fc.constantFrom('ISO 9001', 'ISO 13485', 'USP <88> Class VI'),
      region: fc.constantFrom('Incheon', 'Gyeonggi', 'Seoul'),
      readiness: fc.constantFrom('in-production', 'prototype'),
      minCapacity: fc.constantFrom('1,000 unit/year', '100 L/month'),
      domestic: fc.boolean(),
    },
    { requiredKeys: ['item'] },
  );
  it('a further condition never adds a supplier; single-valued facets add up to the total; the order is stable', () => {
    fc.assert(
      fc.property(query, fc.constantFrom('cert', 'region', 'readiness', 'minCapacity', 'domestic'), (q, drop) => {
        const looser: Record<string, unknown> = { ...q };
        delete looser[drop];
        const narrow = directory.search(q as DirectoryQuery);
        const wide = new Set(directory.search(looser as DirectoryQuery).entries.map((e) => e.supplier));
        for (const e of narrow.entries) expect(wide.has(e.supplier)).toBe(true);
        for (const f of ['region', 'size', 'country', 'domestic', 'readiness'] as const)
          expect(Object.values(narrow.facets[f]).reduce((a, b) => a + b, 0)).toBe(narrow.total);
        for (let i = 1; i < narrow.entries.length; i++) expect((narrow.entries[i - 1] as { score: number }).score).toBeGreaterThanOrEqual((narrow.entries[i] as { score: number }).score);
        // A prepared directory answers as a search that prepares the dataset itself, byte for byte.
        expect(JSON.stringify(searchDirectory(bio, q as DirectoryQuery))).toBe(JSON.stringify(narrow));
      }),
      { numRuns: 8 },
    );
  });

  it('a directory prepared once answers every query as searchDirectory does, catalog options included', () => {
    const strict = createDirectory(bio, { catalog: { minConfidence: 0.6 } });
    for (const item of ['single-use bag 200L', 'IT-STF-PES10', 'CO2 incubator']) expect(JSON.stringify(directory.search({ item }))).toBe(JSON.stringify(searchDirectory(bio, { item })));
    // The stricter catalog drops the weaker resolutions: a difference the check can see.
    const loose = directory.search({ item: '배지' });
    const tight = strict.search({ item: '배지' });
    expect(JSON.stringify(tight)).toBe(JSON.stringify({ ...searchDirectory(bio, { item: '배지', catalog: { minConfidence: 0.6 } }), query: { item: '배지' } }));
    expect(JSON.stringify(tight.resolution)).not.toBe(JSON.stringify(loose.resolution));
    expect(directory.search().total).toBe(bio.suppliers.length);
  });

  it('refuses catalog options in a query of a prepared directory, and unknown options', () => {
    expect(issuesOf(() => directory.search({ item: '배지', catalog: { minConfidence: 0.6 } }))).toEqual(['query.catalog [invalid_option]']);
    expect(issuesOf(() => createDirectory(bio, { catalgo: {} } as never))).toEqual(['options.catalgo [unknown_option]']);
  });
});

describe('supplymatch directory', () => {
  const { out, err, capture } = captureOutput();
  const fixture = join(import.meta.dirname, '../../fixtures/incheon-bio');
  it('prints a table, JSON or CSV', async () => {
    capture();
    expect(await directoryCommand([fixture, '--item', '제균필터', '--cert', 'ISO 13485', '--domestic'])).toBe(0);
    expect(out.join('')).toContain('4 supplier(s) as of 2021-03-01');
    expect(out.join('')).toContain('region: Gyeonggi 1, Incheon 3');
    out.length = 0;
    expect(await directoryCommand([fixture, '--item', '제균필터', '--format', 'csv', '--region', 'Incheon'])).toBe(0);
    const rows = out.join('').trim().split('\n');
    expect(rows[0]).toBe('rank,supplier,name,country,region,size,domestic,score,offerings,items,certificates,completeness,missing');
    expect(rows.slice(1).every((r) => r.includes(',Incheon,'))).toBe(true);
    out.length = 0;
    expect(await directoryCommand([fixture, '--item', 'IT-STF-PES10', '--format', 'json'])).toBe(0);
    expect((JSON.parse(out.join('')) as { total: number }).total).toBeGreaterThan(0);
  });
  it('exits 2 on wrong use', async () => {
    capture();
    expect(await directoryCommand([fixture])).toBe(2);
    expect(await directoryCommand([fixture, '--item', 'x', '--domestic', '--foreign'])).toBe(2);
    expect(await directoryCommand([fixture, '--item', 'x', '--format', 'xml'])).toBe(2);
    expect(err.join('')).toContain('usage: supplymatch directory');
  });
});
