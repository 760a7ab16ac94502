import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeParseDataset, safeParseOwnedJson } from '../../src/dataset/parse.js';
import { scanInput, scanOwnedJson } from '../../src/dataset/scan.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURE = join(import.meta.dirname, '../../fixtures/incheon-bio');
const fixtureText = JSON.stringify(
  Object.fromEntries(
    ['meta', 'items', 'suppliers', 'buyers', 'truth'].map((name) => [name, JSON.parse(readFileSync(join(FIXTURE, `${name}.json`), 'utf8'))]),
  ),
);
const tinyText = JSON.stringify(tinyInput());

/** Each case is JSON text (as a file would hold it) with what the scan must catch; `changes` when the scan's value differs. */
const BROKEN: readonly { name: string; changes?: boolean; edit: (d: Any) => string }[] = [
  { name: '__proto__ key', changes: true, edit: (d) => JSON.stringify(d).replace('"id":"S-001"', '"__proto__":{"x":1},"id":"S-001"') },
  { name: 'constructor key first', changes: true, edit: (d) => JSON.stringify(d).replace('"items":[{', '"items":[{"constructor":"x",') },
  { name: 'prototype key last', changes: true, edit: (d) => JSON.stringify(d).replace('"country":"KR"', '"country":"KR","prototype":1') },
  { name: 'escaped forbidden key', changes: true, edit: (d) => JSON.stringify(d).replace('"id":"S-002"', '"\\u005f_proto__":[1],"id":"S-002"') },
  { name: 'text far too long', changes: true, edit: (d) => ((d.items[0].names.en = 'x'.repeat(12_000)), JSON.stringify(d)) },
  { name: 'long text in an array', changes: true, edit: (d) => ((d.items[0].abbreviations = ['a', 'y'.repeat(10_001), 'b']), JSON.stringify(d)) },
  { name: 'control character', edit: (d) => ((d.suppliers[0].names.en = 'a\u0001b'), JSON.stringify(d)) },
  { name: 'lone surrogate', edit: (d) => ((d.buyers[0].names.en = 'a\uDC00'), JSON.stringify(d)) },
  { name: 'number too large', edit: (d) => JSON.stringify(d).replace('"grade":3', '"grade":1e999') },
  {
    name: 'nesting too deep',
    changes: true,
    edit: (d) => {
      let deep: unknown = 1;
      for (let i = 0; i < 40; i++) deep = [deep];
      d.suppliers[1].note = deep;
      return JSON.stringify(d);
    },
  },
  { name: 'several at once', changes: true, edit: (d) => JSON.stringify(d).replace('"id":"S-001"', '"constructor":1,"id":"S-001","note":"\\u0000"').replace('"grade":3', '"grade":-1e400') },
];

const show = (r: unknown): string =>
  JSON.stringify(r, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, issues: (v as Any).issues } : v));

describe('scanOwnedJson', () => {
  it('returns unchanged JSON as it is, and equal to the copy', () => {
    const input = JSON.parse(fixtureText) as Any;
    const owned = scanOwnedJson(input);
    expect(owned.issues).toEqual([]);
    expect(owned.value).toBe(input);
    expect(owned.value).toEqual(scanInput(JSON.parse(fixtureText)).value);
  });

  it.each(BROKEN)('$name: same issues and value as scanInput, input left as it was', ({ edit, changes }) => {
    for (const base of [tinyText, fixtureText]) {
      const text = edit(JSON.parse(base) as Any);
      const input = JSON.parse(text) as unknown;
      const owned = scanOwnedJson(input);
      const copied = scanInput(JSON.parse(text));
      expect(owned.issues.length).toBeGreaterThan(0);
      expect(owned.issues).toEqual(copied.issues);
      expect(owned.value).toEqual(copied.value);
      if (changes) expect(owned.value).not.toBe(input);
      else expect(owned.value).toBe(input);
      // Objects that lose a key are copied, never changed in place.
      expect(JSON.stringify(input)).toBe(JSON.stringify(JSON.parse(text)));
    }
  });

  it('copies objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Any, { a: 1 });
    const owned = scanOwnedJson({ list: [bare] }).value as Any;
    expect(Object.getPrototypeOf(owned.list[0])).toBe(Object.prototype);
    expect(owned.list[0]).toEqual({ a: 1 });
  });
});

describe('safeParseOwnedJson', () => {
  it.each(['fail', 'skip'] as const)('gives what safeParseDataset gives, valid or broken (%s)', (onInvalid) => {
    const texts = [tinyText, fixtureText, ...BROKEN.flatMap(({ edit }) => [edit(JSON.parse(tinyText) as Any), edit(JSON.parse(fixtureText) as Any)])];
    for (const text of texts) {
      expect(show(safeParseOwnedJson(JSON.parse(text), { onInvalid }))).toBe(show(safeParseDataset(JSON.parse(text), { onInvalid })));
    }
  });
});
