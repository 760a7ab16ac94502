import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate.js';
import { CEILING_BLOCK } from '../../src/criteria/fast.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { layoutOf, segmentKeyOf, type Layout } from '../../src/engine/layout.js';
import { createMatcher, openRun } from '../../src/engine/matcher.js';
import { compareIds } from '../../src/model/common.js';

type Raw = Record<string, unknown> & { id: string };
type RawDataset = Record<string, unknown> & { suppliers: (Raw & { offerings: Raw[] })[] };

const generated = (): RawDataset => {
  const { truth: _truth, ...rest } = generateDataset({ offerings: 240, lines: 30, seed: 11 }) as unknown as RawDataset & { truth?: unknown };
  return rest;
};

function laidOut(raw: RawDataset): { layout: Layout; minItemConfidence: number } {
  const matcher = createMatcher();
  const prepared = matcher.prepare(parseDataset(structuredClone(raw)));
  const { minItemConfidence } = openRun(matcher, prepared);
  return { layout: layoutOf(prepared, minItemConfidence), minItemConfidence };
}

/** The layout's blocks, each as the ids of the offerings it holds (padding written '-'), with its segment's key. */
function blocksOf(layout: Layout, minItemConfidence: number): { key: string; ids: string }[] {
  const blocks: { key: string; ids: string }[] = [];
  for (let b = 0; b * CEILING_BLOCK < layout.offerings.length; b++) {
    const places = layout.offerings.slice(b * CEILING_BLOCK, (b + 1) * CEILING_BLOCK);
    const ids = places.map((o, k) => ((layout.original[b * CEILING_BLOCK + k] as number) < 0 ? '-' : o.offering.id)).join(' ');
    blocks.push({ key: segmentKeyOf((places[0] as (typeof places)[number]).resolution, minItemConfidence), ids });
  }
  return blocks;
}

describe('layout: each item’s offerings start a block of their own', () => {
  it('lays every offering out once, each segment from a block’s start, padding after it', () => {
    const raw = generated();
    const { layout, minItemConfidence } = laidOut(raw);
    const ids = raw.suppliers.flatMap((s) => s.offerings.map((o) => o.id));
    const real = layout.offerings.filter((_, k) => (layout.original[k] as number) >= 0).map((o) => o.offering.id);
    expect([...real].sort()).toEqual([...ids].sort());
    expect(layout.offerings.length % CEILING_BLOCK).toBe(0);
    const keys: string[] = [];
    let padding = false;
    layout.offerings.forEach((o, k) => {
      const key = segmentKeyOf(o.resolution, minItemConfidence);
      const isPadding = (layout.original[k] as number) < 0;
      if (isPadding) {
        // A padding place repeats the place before it, and is never where an offering is.
        expect(o).toBe(layout.offerings[k - 1]);
        padding = true;
      } else if (key !== keys[keys.length - 1]) {
        expect(k % CEILING_BLOCK).toBe(0);
        keys.push(key);
        padding = false;
      } else expect(padding).toBe(false);
    });
    // One segment per key, in the order of the keys.
    expect(keys).toEqual([...new Set(keys)].sort(compareIds));
    layout.original.forEach((i, k) => {
      if (i >= 0) expect(layout.position[i]).toBe(k);
    });
  });

  it('offerings added to one item change that item’s blocks alone', () => {
    const raw = generated();
    const offerings = raw.suppliers.flatMap((s) => s.offerings);
    fc.assert(
      fc.property(fc.nat(offerings.length - 1), fc.integer({ min: 1, max: 40 }), (pick, copies) => {
        const { layout, minItemConfidence } = laidOut(raw);
        const grown = structuredClone(raw);
        const from = offerings[pick] as Raw;
        const supplier = { ...structuredClone(raw.suppliers[0] as RawDataset['suppliers'][number]), id: 'S-GROWN' };
        supplier.offerings = Array.from({ length: copies }, (_, i) => ({ ...structuredClone(from), id: `O-GROWN-${i}` }));
        grown.suppliers.push(supplier);
        const after = laidOut(grown);
        const added = after.layout.offerings.find((o) => o.offering.id === 'O-GROWN-0');
        const key = segmentKeyOf((added as NonNullable<typeof added>).resolution, minItemConfidence);
        // Every other segment's blocks hold the same offerings in the same order.
        const others = (blocks: { key: string; ids: string }[]): string[] => blocks.filter((b) => b.key !== key).map((b) => `${b.key}: ${b.ids}`);
        expect(others(blocksOf(after.layout, minItemConfidence))).toEqual(others(blocksOf(layout, minItemConfidence)));
        const mine = blocksOf(after.layout, minItemConfidence).filter((b) => b.key === key);
        expect(mine.map((b) => b.ids).join(' ').split(' ').filter((id) => id.startsWith('O-GROWN-'))).toHaveLength(copies);
      }),
      { numRuns: 6, seed: 3 },
    );
  });
});
