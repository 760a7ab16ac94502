import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gapsCommand, parseBudget } from '../../src/cli/gaps.js';
import { SupplymatchError } from '../../src/errors.js';
import { tinyInput } from '../helpers/tiny.js';
import { captureOutput } from '../helpers/capture.js';
import { tempDir } from '../helpers/temp.js';

const { out, err, capture } = captureOutput();

async function tinyDir(): Promise<string> {
  const dir = await tempDir('sm-gaps-');
  const data = tinyInput();
  for (const name of ['items', 'suppliers', 'buyers', 'truth'] as const) await writeFile(join(dir, `${name}.json`), JSON.stringify(data[name]));
  await writeFile(join(dir, 'meta.json'), JSON.stringify(data.meta));
  return dir;
}

describe('supplymatch gaps', () => {
  it('prints the report as a table', async () => {
    const dir = await tinyDir();
    capture();
    expect(await gapsCommand([dir, '--budget', 'funding=1,information=1,technical=1'])).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^Gap report as of 2021-03-01; domestic = KR/);
    // SB-D01: the Korean filter maker covers 12,000 of 10,000 a year; SB-D02: only a US tubing maker.
    expect(text).toMatch(/SB-D01\s+B-01\s+IT-STF\s+domestic/);
    expect(text).toMatch(/SB-D02\s+B-01\s+IT-TUB\s+foreign-only/);
    expect(text).toContain('Plan under budget');
  });

  it('--max-near-misses bounds the near misses listed per line, and refuses what is not a whole number', async () => {
    capture();
    expect(await gapsCommand(['fixtures/incheon-bio', '--format', 'json', '--max-near-misses', '1'])).toBe(0);
    const json = JSON.parse(out.join('')) as { lines: { nearMisses: unknown[]; moreNearMisses: boolean; why: string }[] };
    expect(Math.max(...json.lines.map((l) => l.nearMisses.length))).toBe(1);
    const more = json.lines.filter((l) => l.moreNearMisses);
    expect(more.length).toBeGreaterThan(0);
    expect(more.some((l) => l.why.includes('more than 1 domestic near misses (the 1 nearest listed)'))).toBe(true);
    capture();
    expect(await gapsCommand(['fixtures/incheon-bio', '--max-near-misses', 'many'])).toBe(2);
    expect(err.join('')).toContain('--max-near-misses is a whole number from 0 to 100000, not "many"');
  });

  it('writes JSON and CSV, and honours --as-of and --domestic', async () => {
    const dir = await tinyDir();
    capture();
    expect(await gapsCommand([dir, '--format', 'json', '--domestic', 'US', '--as-of', '2021-04-01'])).toBe(0);
    const json = JSON.parse(out.join('')) as { asOf: string; domesticCountry: string; lines: { line: string; class: string }[] };
    expect(json.asOf).toBe('2021-04-01');
    expect(json.domesticCountry).toBe('US');
    expect(json.lines.map((l) => `${l.line}:${l.class}`)).toEqual(['SB-D01:foreign-only', 'SB-D02:domestic']);
    out.length = 0;
    expect(await gapsCommand([dir, '--format', 'csv'])).toBe(0);
    expect(out.join('').split('\n')[0]).toMatch(/^line,buyer,item,class,/);
  });

  it('exits 2 on wrong use, and leaves bad data to the CLI as a SupplymatchError', async () => {
    capture();
    expect(await gapsCommand([])).toBe(2);
    expect(await gapsCommand(['x', '--format', 'html'])).toBe(2);
    expect(await gapsCommand(['x', '--budget', 'cash=3'])).toBe(2);
    expect(await gapsCommand(['x', '--min-domestic', '0'])).toBe(2);
    expect(await gapsCommand(['x', '--nope'])).toBe(2);
    expect(err.join('')).toContain('usage: supplymatch gaps');
    await expect(gapsCommand([join(tmpdir(), 'no-such-dataset-dir')])).rejects.toBeInstanceOf(SupplymatchError);
  });

  it('reads budgets', () => {
    expect(parseBudget('funding=3, information=5,technical=2')).toEqual({ funding: 3, information: 5, technical: 2 });
    expect(() => parseBudget('funding=-1')).toThrow(/--budget/);
  });
});
