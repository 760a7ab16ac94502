/**
 * The allocation benchmark's cases (see bench/allocate.ts): seeded random datasets and match
 * results built directly, so that only the allocation is timed.
 */
import { parseDataset } from '../src/dataset/parse.js';
import type { MatchResult, RankedCandidate } from '../src/engine/result.js';
import type { Dataset } from '../src/model/dataset.js';
import { mulberry32 } from './generate.js';

export interface Case {
  readonly name: string;
  readonly lines: number;
  readonly suppliers: number;
  readonly offeringsPerSupplier: number;
  /** Candidates per line; undefined: every offering. */
  readonly perLine: number | undefined;
  readonly relax: boolean;
}

export const CASES: readonly Case[] = [
  { name: '1000x10', lines: 1000, suppliers: 1000, offeringsPerSupplier: 2, perLine: 10, relax: true },
  { name: '100x35', lines: 100, suppliers: 25, offeringsPerSupplier: 0, perLine: undefined, relax: false },
  { name: '300x50', lines: 300, suppliers: 50, offeringsPerSupplier: 1, perLine: undefined, relax: false },
];

export function generate(c: Case, seed: number): { dataset: Dataset; result: MatchResult } {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  // 100x35: 25 suppliers, the first ten with two offerings.
  const offeringsOf = (s: number): number => (c.offeringsPerSupplier > 0 ? c.offeringsPerSupplier : s < 10 ? 2 : 1);
  const offerings: { id: string; supplier: string }[] = [];
  const suppliers = Array.from({ length: c.suppliers }, (_, s) => ({
    id: `S-${s}`,
    names: { en: `Supplier ${s}` },
    country: s % 3 === 0 ? 'US' : 'KR',
    offerings: Array.from({ length: offeringsOf(s) }, () => {
      const i = offerings.length;
      offerings.push({ id: `O-${i}`, supplier: `S-${s}` });
      // Capacity: about what the lines that rank the offering ask for together, so that it binds.
      const capacity = c.perLine === undefined ? Math.round((c.lines * 1300 * 12) / (c.suppliers * 1.5) / 10) * 10 * int(5, 15) / 10 : int(50, 400) * 10;
      return {
        id: `O-${i}`,
        item: 'IT',
        capacity: `${capacity} unit/year`,
        ...(i % 10 === 0 ? { minOrder: `${int(1, 5) * (c.perLine === undefined ? 1000 : 100)} unit` } : {}),
        unitPrice: { amount: int(80, 200) * 1000, currency: 'KRW' },
      };
    }),
  }));
  const lines = Array.from({ length: c.lines }, (_, l) => ({
    id: `L-${l}`,
    item: 'IT',
    quantity: `${int(10, 200) * 10} unit/month`,
    ...(l % 5 === 0 ? { sourcing: { minSuppliers: 2, maxSupplierShare: 0.7 } } : {}),
  }));
  const dataset = parseDataset({
    meta: { asOf: '2021-03-01', domesticCountry: 'KR' },
    items: [{ id: 'IT', category: 'tubing', names: { en: 'tube' } }],
    suppliers,
    buyers: [{ id: 'B', names: { en: 'Buyer' }, country: 'KR', demandLines: lines }],
  });
  const perLine = c.perLine ?? offerings.length;
  const result: MatchResult = {
    settings: { asOf: '2021-03-01', aggregate: 'weightedSum', topK: perLine, rejectedK: 0, candidates: 'blocked', criteria: [] },
    lines: lines.map((l) => {
      const picked = new Set<number>();
      if (c.perLine === undefined) offerings.forEach((_, i) => picked.add(i));
      else while (picked.size < perLine) picked.add(int(0, offerings.length - 1));
      const candidates: RankedCandidate[] = [...picked]
        .map((o) => ({ supplier: offerings[o]?.supplier ?? '', offering: `O-${o}`, score: Math.round(rand() * 1000) / 1000 }))
        .sort((a, b) => b.score - a.score)
        .map((cand, i) => ({ ...cand, rank: i + 1, item: 'IT', outcomes: [] }));
      return { line: l.id, buyer: 'B', resolution: { items: [], categories: [], ambiguous: false }, candidates, qualifiedCount: perLine, rejected: [], rejectedCount: 0, pairsScored: perLine };
    }),
    stats: { lines: c.lines, offerings: offerings.length, pairsScored: c.lines * perLine, linesWithCandidates: c.lines },
  };
  return { dataset, result };
}
