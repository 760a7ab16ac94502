import { readFile, readdir, writeFile, mkdir, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapturingCli } from '../helpers/cli.js';
import { cliProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'fixtures/incheon-bio');

/** Runs the CLI in-process (the executable's own entry, `runCli`), capturing what it prints. */
const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => runCapturingCli(args);

describe('supplymatch CLI', () => {
  it('validate summarizes the fixture and exits 0', async () => {
    const r = await cli('validate', FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Dataset valid: 87 items, 105 suppliers \(189 offerings\), 6 buyers \(63 demand lines\)/);
    expect(r.stdout).toContain('Suppliers by country: KR 86');
    expect(r.stdout).toMatch(/Certificates as of 2021-03-01: \d+ expired/);
  });

  it('validate prints every issue with its path and exits 2 on invalid data', async () => {
    const dir = await tempDir('sm-');
    await cp(FIXTURE, dir, { recursive: true });
    const suppliers = JSON.parse(await readFile(join(dir, 'suppliers.json'), 'utf8')) as { offerings: { capacity?: string }[]; country: string }[];
    (suppliers[3] as { offerings: { capacity?: string }[] }).offerings[0]!.capacity = '5 bananas/year';
    suppliers[5]!.country = 'Korea';
    await writeFile(join(dir, 'suppliers.json'), JSON.stringify(suppliers));
    const r = await cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('suppliers[3].offerings[0].capacity');
    expect(r.stderr).toContain('[quantity_unknown_unit]');
    expect(r.stderr).toContain('suppliers[5].country');
  });

  it('validate reads the CSV layout and names the CSV row of an issue', async () => {
    const { datasetToCsv } = await import('../../src/dataset/csv.js');
    const input = Object.fromEntries(
      await Promise.all(['items', 'suppliers', 'buyers', 'truth'].map(async (f) => [f, JSON.parse(await readFile(join(FIXTURE, `${f}.json`), 'utf8'))])),
    );
    const dir = await tempDir('sm-csv-');
    const files = datasetToCsv(input);
    files['offerings.csv'] = (files['offerings.csv'] ?? '').replace('18,000 unit/year', '18,000 bananas/year');
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const r = await cli('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/capacity: .*bananas.*\(offerings\.csv:\d+\)/);
  });

  it('match --format json gives byte-identical output twice', async () => {
    const a = await cli('match', FIXTURE, '--format', 'json', '--top', '3');
    const b = await cli('match', FIXTURE, '--format', 'json', '--top', '3');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const parsed = JSON.parse(a.stdout) as { lines: { candidates: unknown[] }[]; settings: { topK: number } };
    expect(parsed.settings.topK).toBe(3);
    expect(parsed.lines).toHaveLength(63);
  });

  it('ends quietly when the reader closes the pipe early (as `| head` does)', async () => {
    const { spawn } = await import('node:child_process');
    // The sources through tsx, or the built executable with SUPPLYMATCH_CLI_FROM=dist (as CI runs it).
    const { nodeArgs, bin } = cliProcess();
    const child = spawn(process.execPath, [...nodeArgs, bin, 'match', FIXTURE, '--format', 'json', '--top', '50'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('match --format csv writes one row per candidate with criterion columns', async () => {
    const r = await cli('match', FIXTURE, '--format', 'csv', '--top', '1');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toBe('line,buyer,rank,supplier,offering,item,score,itemFit,specFit,certification,capacity,leadTime,locality,price,readiness,decision');
    // One row per line with a candidate: the 58 lines the fixture's truth says someone can serve.
    expect(rows.length).toBe(58);
  });

  it('eval prints the metrics table', async () => {
    const r = await cli('eval', FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^buyer\s+lines\s+P@1\s+P@5\s+MRR\s+nDCG@5/);
    expect(r.stdout).toMatch(/\nall\s+58\s/);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli('match', FIXTURE, '--weights', 'price=lots')).code).toBe(2);
    expect((await cli('match', FIXTURE, '--aggregate', 'median')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('schema writes one JSON Schema per dataset file', async () => {
    const dir = await tempDir('sm-schema-');
    await mkdir(dir, { recursive: true });
    expect((await cli('schema', '--out', dir)).code).toBe(0);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['buyers', 'categories', 'dataset', 'decisions', 'extra-categories', 'items', 'meta', 'suppliers', 'truth'].map((n) => `${n}.schema.json`));
    const items = JSON.parse(await readFile(join(dir, 'items.schema.json'), 'utf8')) as { type: string; items: { required: string[] } };
    expect(items.type).toBe('array');
    expect(items.items.required).toEqual(expect.arrayContaining(['id', 'names', 'category']));
  });
});
