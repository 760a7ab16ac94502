import { describe, expect, it } from 'vitest';
import { buildLines } from '../../src/allocate/lines.js';
import { buildComponentModel } from '../../src/allocate/model.js';
import { buildInstance } from './instances.js';

describe('the rounding of the supplier counts', () => {
  it('counts, per line, as many suppliers as asked, and not one whose counted amount no longer fits its capacity', () => {
    // Two lines of 100 a year, each asking for two suppliers (10 each to count). O0 can take 15
    // in all: one line's counted 10, not both. The relaxed point has both lines carry 7.5 from
    // O0 and 90 from O1, so O0 is each line's second carrier.
    const { dataset, result } = buildInstance({
      lines: [0, 1].map(() => ({ buyer: 0, demand: 100, minSuppliers: 2, maxShare: 1 })),
      offerings: [
        { supplier: 0, capacity: 15, minOrder: 0, price: 10, domestic: true },
        { supplier: 1, capacity: 1000, minOrder: 0, price: 10, domestic: false },
        { supplier: 2, capacity: 1000, minOrder: 0, price: 10, domestic: true },
      ],
      scores: [
        [0.9, 0.8, 0.7],
        [0.9, 0.8, 0.7],
      ],
      quota: 0,
    });
    const lines = buildLines(result, dataset, { integral: false, minSuppliers: undefined, maxShare: undefined }, []);
    const model = buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 });
    const n = model.programme.variables.length;
    const relaxed = new Float64Array(n);
    const carried: Record<string, number> = { O0: 0.075, O1: 0.9, O2: 0.025 };
    lines.forEach((line, l) => {
      for (const p of line.pairs) relaxed[model.x[l]?.[p.index] ?? -1] = carried[p.offering.id] ?? 0;
    });
    const switches = model.roundSwitches?.(relaxed, false);
    expect(switches).toBeDefined();
    const counted = lines.map((_, l) =>
      model.programme.variables.flatMap((v, k) => (v.name.startsWith(`z${l}_`) && switches?.[k] === 1 ? [`S${v.name.split('_')[1]}`] : [])),
    );
    // Groups are the suppliers sorted by id (S0, S1, S2): the first line counts S1 and S0, the
    // second S1 and S2, since O0 has 5 left after the first line's 10.
    expect(counted).toEqual([
      ['S0', 'S1'],
      ['S1', 'S2'],
    ]);
  });

  it("counts the suppliers whose counting switches are the most on with the 'switch' reading, those that carry the most without", () => {
    // One line of 100 a year asking for two suppliers. The relaxed point has S1 carry more than
    // S2 (30 against 20) but S2's counting switch more on (0.65 against 0.35): S1's carries
    // more than its counted 10, so the relaxation needs its switch less.
    const { dataset, result } = buildInstance({
      lines: [{ buyer: 0, demand: 100, minSuppliers: 2, maxShare: 1 }],
      offerings: [0, 1, 2].map((supplier) => ({ supplier, capacity: 1000, minOrder: 0, price: 10, domestic: true })),
      scores: [[0.9, 0.8, 0.7]],
      quota: 0,
    });
    const lines = buildLines(result, dataset, { integral: false, minSuppliers: undefined, maxShare: undefined }, []);
    const model = buildComponentModel(lines, [], { integral: false, minCountedShare: 0.1 });
    const relaxed = new Float64Array(model.programme.variables.length);
    const carried: Record<string, number> = { O0: 0.5, O1: 0.3, O2: 0.2 };
    for (const p of lines[0]?.pairs ?? []) relaxed[model.x[0]?.[p.index] ?? -1] = carried[p.offering.id] ?? 0;
    const on: Record<string, number> = { z0_0: 1, z0_1: 0.35, z0_2: 0.65 };
    model.programme.variables.forEach((v, k) => {
      if (v.name in on) relaxed[k] = on[v.name] ?? 0;
    });
    const counted = (switches: Float64Array | undefined): string[] =>
      model.programme.variables.flatMap((v, k) => (v.name.startsWith('z0_') && switches?.[k] === 1 ? [`S${v.name.split('_')[1]}`] : []));
    expect(Object.keys(on).every((name) => model.programme.variables.some((v) => v.name === name))).toBe(true);
    expect(counted(model.roundSwitches?.(relaxed, false))).toEqual(['S0', 'S1']);
    expect(counted(model.roundSwitches?.(relaxed, false, 'carried'))).toEqual(['S0', 'S1']);
    expect(counted(model.roundSwitches?.(relaxed, false, 'switch'))).toEqual(['S0', 'S2']);
  });
});
