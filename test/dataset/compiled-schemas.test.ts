import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BIO_TAXONOMY } from '../../src/catalog/taxonomy.js';
import { RECORD_SCHEMAS, compiledRecordSchemas, safeParseDataset } from '../../src/dataset/parse.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Kind = keyof typeof RECORD_SCHEMAS;

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');
const readJson = (name: string): Any[] => JSON.parse(readFileSync(join(FIXTURE, name), 'utf8')) as Any[];

/** Valid records of every kind, from the tiny dataset and the incheon-bio fixture. */
function validRecords(): Record<Kind, unknown[]> {
  const tiny = tinyInput() as Any;
  const suppliers: Any[] = [...tiny.suppliers, ...readJson('suppliers.json')];
  const buyers: Any[] = [...tiny.buyers, ...readJson('buyers.json')];
  return {
    topLevel: [tiny],
    meta: [tiny.meta, JSON.parse(readFileSync(join(FIXTURE, 'meta.json'), 'utf8'))],
    category: BIO_TAXONOMY.map((c) => structuredClone(c)),
    item: [...tiny.items, ...readJson('items.json')],
    supplier: suppliers,
    offering: suppliers.flatMap((s) => s.offerings ?? []),
    buyer: buyers,
    line: buyers.flatMap((b) => b.demandLines ?? []),
    truth: [...tiny.truth, ...readJson('truth.json')],
    decision: readJson('decisions.json'),
  };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_TEXT = [
  '', ' ', 'x', '  padded  ', '5 bananas', '-1 unit/year', '1,5 L', '1,000 unit', '1,000 unit/month', '10 wk', '6 L',
  '0.2 um', '80-35 g/L', '35-80 g/L', '±5%', 'a bit', '2021-02-30', '2021-03-01', 'S-001', 'S 001', 'IT-STF', 'kr', 'KR',
  'KRW', 'won', 'must', 'maybe', 'eq', 'min', 'range', 'oneOf', 'soon', 'capable', 'PES', '41104915', '411049', '8421.29',
  'x'.repeat(301), 'x'.repeat(2001),
];

/** A random value of a random type, to put where a record expects something else. */
function oddValue(rnd: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const makers: (() => unknown)[] = [
    () => pick(ODD_TEXT),
    () => pick([0, 1, 2, 4, -1, 0.5, 1.5, 21, 1e9]),
    () => pick([null, true, false, undefined]),
    () => [],
    () => ({}),
    () => [pick(ODD_TEXT)],
    () => ({ en: pick(ODD_TEXT) }),
    () => ({ [pick(['English', 'ko', 'zh-CN', 'e'])]: pick(ODD_TEXT) }),
    () => ({ key: pick(['poreSize', 'dbc', '1bad']), op: pick(['eq', 'min', 'max', 'range', 'oneOf', 'lt']), value: pick(ODD_TEXT) }),
    () => ({ type: pick(ODD_TEXT), issued: pick(ODD_TEXT), expires: pick(ODD_TEXT) }),
  ];
  return pick(makers)();
}

/** Breaks one to three things somewhere in a copy of `record`. */
function mutate(record: unknown, rnd: () => number): unknown {
  const root = { value: structuredClone(record) } as Any;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const times = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < times; n++) {
    const spots: { parent: Any; key: string | number; value: unknown }[] = [];
    const walk = (parent: Any, key: string | number, value: unknown): void => {
      spots.push({ parent, key, value });
      if (Array.isArray(value)) value.forEach((v, i) => walk(value, i, v));
      else if (value !== null && typeof value === 'object')
        for (const k of Object.keys(value)) walk(value as Any, k, (value as Any)[k]);
    };
    walk(root, 'value', root.value);
    const spot = pick(spots);
    const op = Math.floor(rnd() * 4);
    if (op === 0 && spot.parent !== root) {
      if (Array.isArray(spot.parent)) spot.parent.splice(spot.key as number, 1);
      else delete spot.parent[spot.key];
    } else if (op === 1 && spot.value !== null && typeof spot.value === 'object' && !Array.isArray(spot.value)) {
      (spot.value as Any)[pick(['extra', 'id', 'item', 'text', 'specs', 'value', 'min', 'max', 'tolerance', 'values', 'level', 'expires', 'note'])] =
        oddValue(rnd);
    } else if (op === 2) {
      const other = pick(spots);
      spot.parent[spot.key] = structuredClone(other.value);
    } else {
      spot.parent[spot.key] = oddValue(rnd);
    }
  }
  return root.value;
}

const outcome = (r: { success: boolean; data?: unknown; error?: { issues: unknown } }): unknown =>
  r.success ? { success: true, data: r.data } : { success: false, issues: r.error?.issues };

describe('compiled record schemas', () => {
  const compiled = compiledRecordSchemas();
  const records = validRecords();
  const kinds = Object.keys(RECORD_SCHEMAS) as Kind[];

  it('are compiled (the fast path is in use) and built once', () => {
    for (const kind of kinds) expect(compiled[kind]).not.toBe(RECORD_SCHEMAS[kind]);
    expect(compiledRecordSchemas()).toBe(compiled);
  });

  it.each(kinds)('%s: valid records give the same output as the schema', (kind) => {
    const list = records[kind];
    expect(list.length).toBeGreaterThan(0);
    for (const raw of list) {
      const fast = compiled[kind].safeParse(raw);
      expect(fast.success).toBe(true);
      expect(outcome(fast)).toEqual(outcome(RECORD_SCHEMAS[kind].safeParse(raw)));
    }
  });

  it.each(kinds)('%s: broken records give the same issues as the schema', (kind) => {
    const rnd = mulberry32(kinds.indexOf(kind) + 1);
    const list = records[kind];
    let rejected = 0;
    for (let n = 0; n < 400; n++) {
      const raw = mutate(list[Math.floor(rnd() * list.length)], rnd);
      const slow = RECORD_SCHEMAS[kind].safeParse(raw);
      if (!slow.success) rejected++;
      expect(outcome(compiled[kind].safeParse(raw))).toEqual(outcome(slow));
    }
    // The corpus must exercise the fallback, not only the happy path.
    expect(rejected).toBeGreaterThan(20);
  });
});

describe('compiled record schemas under jitless', () => {
  it('are the plain schemas when zod may not generate code', () => {
    z.config({ jitless: true });
    try {
      expect(compiledRecordSchemas()).toBe(RECORD_SCHEMAS);
      const r = safeParseDataset(tinyInput());
      expect(r.success).toBe(true);
    } finally {
      z.config({ jitless: false });
    }
    expect(compiledRecordSchemas()).not.toBe(RECORD_SCHEMAS);
  });
});
