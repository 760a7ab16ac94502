import { describe, expect, it } from 'vitest';
import { safeParseDataset } from '../../src/dataset/parse.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const skipped = (d: unknown): string[] => {
  const r = safeParseDataset(d, { onInvalid: 'skip' });
  if (!r.success) return r.error.issues.map((i) => `error ${i.path} [${i.code}]`);
  return r.skipped.map((s) => `${s.path}: ${s.issues.map((i) => `${i.path} [${i.code}]`).join(', ')}`);
};

/** Issues found before schema checks go to the innermost record whose path holds theirs. */
describe('scan issues and the records that hold them', () => {
  it('an offering holds what is inside it', () => {
    const d = tinyInput() as Any;
    d.suppliers[0].offerings[0].note = 'bad\u0007';
    expect(skipped(d)).toEqual(['suppliers[0].offerings[0]: suppliers[0].offerings[0].note [invalid_text]']);
  });

  it('a supplier holds its own fields, and takes its offerings with it', () => {
    const d = tinyInput() as Any;
    d.suppliers[1].names.en = 'x'.repeat(10_001);
    expect(skipped(d)).toEqual([
      // The scan left an empty name for the schema to see; schema issues come first.
      'suppliers[1]: suppliers[1].names.en [too_small], suppliers[1].names.en [text_too_long]',
      'suppliers[1].offerings[0]: suppliers[1].offerings[0] [parent_skipped]',
    ]);
  });

  it('a supplier holds a forbidden key where its offerings should be', () => {
    const d = tinyInput() as Any;
    d.suppliers[0].offerings = JSON.parse('{"__proto__": 1}');
    expect(skipped(d)[0]).toBe('suppliers[0]: suppliers[0].offerings [invalid_type], suppliers[0].offerings.__proto__ [forbidden_key]');
  });

  it('a key written with dots or brackets stays with its record', () => {
    const d = tinyInput() as Any;
    d.items[0].specs['a.b[0]'] = 'bad\u0000';
    const list = skipped(d);
    expect(list[0]).toBe('items[0]: items[0].specs["a.b[0]"] [invalid_key], items[0].specs["a.b[0]"] [invalid_text]');
  });

  it('issues outside every record fail the load, even when skipping', () => {
    const d = tinyInput() as Any;
    d.meta.name = 'tiny\u0001';
    expect(skipped(d)).toEqual(['error meta.name [invalid_text]']);
  });

  it('each of many issues finds its record', () => {
    const d = tinyInput() as Any;
    for (let i = 0; i < 300; i++) d.items.push({ id: `IT-X${i}`, category: 'tubing', names: { en: `tube ${i}\u0002` } });
    const list = skipped(d);
    expect(list).toHaveLength(300);
    expect(list[299]).toBe('items[301]: items[301].names.en [invalid_text]');
  });
});
