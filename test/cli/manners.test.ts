/**
 * The command line's manners, run in-process through the same entry as the executable:
 * help and version, mistyped commands and flags, the one --format convention, dates, and the
 * hostile values the CLI must refuse with exit 2 and a message in the user's words.
 */
import { mkfifo } from './mkfifo.js';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS, COMMAND_USAGE } from '../../src/cli/usage.js';
import { tinyInput } from '../helpers/tiny.js';
import { tempDir } from '../helpers/temp.js';
import { runCapturingCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');

const run = (...args: string[]) => runCapturingCli(args);

async function tinyDir(change?: (input: ReturnType<typeof tinyInput>) => void): Promise<string> {
  const dir = await tempDir('sm-manners-');
  const input = tinyInput();
  change?.(input);
  for (const [name, value] of Object.entries(input)) await writeFile(join(dir, `${name}.json`), JSON.stringify(value));
  return dir;
}

describe('help and version', () => {
  it.each(Object.keys(COMMAND_OPTIONS))('%s --help prints its usage on stdout and exits 0', async (command) => {
    const r = await run(command, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`usage: supplymatch ${command}`);
    expect(r.stderr).toBe('');
  });

  it('the top-level help lists every flag of every command', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const [command, options] of Object.entries(COMMAND_OPTIONS))
      for (const flag of Object.keys(options)) if (flag !== 'help' && flag !== 'json') expect(r.stdout, `${command} --${flag}`).toContain(`--${flag}`);
    expect(r.stdout).toContain("3 allocate could not hold some lines' constraints");
  });

  it('every flag of a command appears in its own usage', () => {
    for (const [command, options] of Object.entries(COMMAND_OPTIONS)) {
      const usage = COMMAND_USAGE[command as keyof typeof COMMAND_USAGE];
      for (const flag of Object.keys(options)) if (flag !== 'help' && flag !== 'json') expect(usage.includes(`--${flag}`) || usage.includes('[match options]'), `${command} --${flag}`).toBe(true);
    }
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await run('--version');
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe('mistakes get a message in the user words, exit 2', () => {
  it.each([
    [['mach', 'x'], 'unknown command "mach"; did you mean match?'],
    [['match', 'x', '--tpo', '3'], 'unknown option --tpo; did you mean --top?'],
    [['gaps', 'x', '--budjet', 'funding=1'], 'did you mean --budget?'],
    [['match', 'x', '--top'], '--top needs a value'],
    [['validate', 'x', '--skip-invalid=yes'], '--skip-invalid takes no value'],
    [['validate', 'x', '--as-of', '2021-02-30'], '--as-of is a date written YYYY-MM-DD, not "2021-02-30"'],
    [['gaps', 'x', '--as-of', '2021-02-30'], '--as-of is a date written YYYY-MM-DD'],
    [['match', 'x', '--as-of', '2021-02-30'], '--as-of is a date written YYYY-MM-DD'],
    [['validate', 'x', '--horizon', '1e9'], '--horizon is a whole number from 0 to 36500'],
    [['match', 'x', '--workers', '100000'], '--workers is a whole number from 0 to 64'],
    [['eval', 'x', '--json', '--format', 'table'], '--json means --format json'],
    [['validate', 'x', '--format', 'csv'], '--layout csv'],
  ])('%j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
  });

  it('refuses a __proto__ weight by name', async () => {
    const dir = await tinyDir();
    const r = await run('match', dir, '--weights', '__proto__=2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('weights.__proto__');
  });
});

describe('validate', () => {
  it('prints the issues of an invalid dataset as JSON on stdout with --format json (and --json)', async () => {
    const dir = await tinyDir((input) => {
      (input.suppliers[0] as { country: string }).country = 'Korea';
    });
    for (const flag of [['--format', 'json'], ['--json']]) {
      const r = await run('validate', dir, ...flag);
      expect(r.code).toBe(2);
      const parsed = JSON.parse(r.stdout) as { valid: boolean; issues: { path: string }[] };
      expect(parsed.valid).toBe(false);
      expect(parsed.issues.map((i) => i.path)).toContain('suppliers[0].country');
    }
  });

  it('refuses to guess today when neither --as-of nor meta.asOf gives the date, as match does', async () => {
    const dir = await tinyDir((input) => {
      delete input.meta['asOf'];
    });
    for (const command of ['validate', 'match']) {
      const r = await run(command, dir);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toMatch(/asOf/);
    }
    expect((await run('validate', dir, '--as-of', '2021-03-01')).code).toBe(0);
  });

  it('counts demand lines given by text in the category they resolve to', async () => {
    const r = await run('validate', join(ROOT, 'fixtures/incheon-bio'), '--format', 'json');
    const summary = (JSON.parse(r.stdout) as { summary: { byCategory: { demandLines: number }[]; linesWithoutCategory: number; counts: { demandLines: number } } }).summary;
    const counted = summary.byCategory.reduce((n, c) => n + c.demandLines, 0);
    expect(counted + summary.linesWithoutCategory).toBe(summary.counts.demandLines);
    expect(counted).toBeGreaterThan(40);
  });

  it('reports a FIFO in place of a dataset file instead of waiting on it', async () => {
    const dir = await tinyDir();
    await mkfifo(join(dir, 'categories.json'));
    const r = await run('validate', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('categories.json is not a regular file');
  });
});

describe('match --skip-invalid', () => {
  it('matches the valid records and lists the skipped ones on stderr', async () => {
    const dir = await tempDir('sm-skip-');
    await cp(join(ROOT, 'fixtures/incheon-bio'), dir, { recursive: true });
    const suppliers = JSON.parse(await readFile(join(dir, 'suppliers.json'), 'utf8')) as { country: string }[];
    (suppliers[2] as { country: string }).country = 'Korea';
    await writeFile(join(dir, 'suppliers.json'), JSON.stringify(suppliers));
    expect((await run('match', dir)).code).toBe(2);
    const r = await run('match', dir, '--skip-invalid', '--format', 'json', '--top', '1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('lines');
    expect(r.stderr).toMatch(/Skipped \d+ invalid record\(s\)/);
    expect(r.stderr).toContain('suppliers[2]');
  });
});
