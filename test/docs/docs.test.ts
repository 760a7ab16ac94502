/**
 * Every code example of the documentation runs here, and what it prints is compared, as Rust's
 * doc tests and Python's doctest do, so that a claim in the docs cannot go stale.
 *
 * The convention (also in docs/contributing.md), for README.md and every docs/*.md file, which
 * this test finds by itself:
 *
 * - A fenced block tagged `ts` (or `typescript`, `js`) runs as its own module through the
 *   package's sources: `supplymatch`, `supplymatch/node` and `supplymatch/allocate` resolve to
 *   `src/` (see vitest.config.ts), relative paths to the project root (`fixtures/incheon-bio`).
 *   What it prints with `console.log` is what is compared.
 * - A block tagged `sh` (or `shell`, `bash`, `console`) holds `supplymatch ...` or
 *   `npx supplymatch ...` commands, one per line (`\` continues a line); each runs through the
 *   CLI in-process, and what it writes to stdout and stderr is compared. A command must exit 0,
 *   or the code written after it as `# exit N`.
 * - The block tagged `output` right after a runnable block (prose between is fine) is what it
 *   must print. A line `...` in it stands for any number of lines, and a line ending in `...`
 *   for any line starting with the text before it; trailing spaces and blank lines are ignored.
 *   A runnable block without an `output` block must print nothing.
 * - A block that must not run says so: `ts norun`, `sh norun` (usage synopses, `npm` commands,
 *   long benchmarks). Other languages (`text`, `jsonc`, `json`, `csv`) are data and never run.
 *   An untagged block fails this test: every block says what it is.
 *
 * `DOCS_UPDATE=1 npx vitest run test/docs` rewrites the `output` blocks without `...` from what
 * the examples print (review the diff); for those with `...`, the failure shows the full output.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCapturingCli } from '../helpers/cli.js';
import { docExamples, fencedBlocks, outputMatches, shellCommands, type DocBlock } from './doc-blocks.js';

const ROOT = join(import.meta.dirname, '../..');
const SCRATCH = join(ROOT, 'test/docs/.blocks');
const UPDATE = process.env['DOCS_UPDATE'] === '1';

async function docFiles(): Promise<string[]> {
  const docs = await readdir(join(ROOT, 'docs')).catch(() => [] as string[]);
  return ['README.md', ...docs.filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

/** Runs a `ts` block as a module and returns what it printed. */
async function runTs(file: string, block: DocBlock): Promise<string> {
  await mkdir(SCRATCH, { recursive: true });
  const path = join(SCRATCH, `${file.replace(/[/.]/g, '_')}_${block.line}.ts`);
  await writeFile(path, `${block.body}\nexport {};\n`);
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    }),
  );
  try {
    await import(/* @vite-ignore */ `${pathToFileURL(path).href}?t=${Date.now()}`);
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return printed.map((p) => `${p}\n`).join('');
}

/** Runs the `supplymatch` commands of an `sh` block in-process; returns what they wrote, checking exit codes. */
async function runSh(file: string, block: DocBlock): Promise<string> {
  const { commands, problems } = shellCommands(block.body, block.line);
  expect(problems.map((p) => `${file}:${p.line}: ${p.message}`)).toEqual([]);
  let written = '';
  for (const command of commands) {
    const r = await runCapturingCli(command.args);
    // stdout then stderr: the examples show one or the other (a result, or a usage error).
    written += r.stdout + r.stderr;
    expect(r.code, `${file}:${command.line}: exit code of supplymatch ${command.args.join(' ')}\n${written}`).toBe(command.exitCode);
  }
  return written;
}

const updates = new Map<string, { block: DocBlock; text: string }[]>();

const files = await docFiles();
for (const file of files) {
  const markdown = await readFile(join(ROOT, file), 'utf8');
  const { blocks, problems: markup } = fencedBlocks(markdown);
  const { examples, problems: pairing } = docExamples(blocks);
  describe(file, () => {
    it('marks every code block with what it is', () => {
      expect([...markup, ...pairing].map((p) => `${file}:${p.line}: ${p.message}`)).toEqual([]);
    });
    for (const { block, expected } of examples) {
      it(`runs the ${block.kind} block at line ${block.line}`, async () => {
        const printed = block.kind === 'ts' ? await runTs(file, block) : await runSh(file, block);
        const want = expected?.body ?? '';
        if (outputMatches(printed, want)) return;
        if (UPDATE && expected !== undefined && !want.split('\n').some((l) => l.trimEnd().endsWith('...'))) {
          updates.set(file, [...(updates.get(file) ?? []), { block: expected, text: printed }]);
          return;
        }
        // Shown in full for the author to compare (or copy into the output block).
        expect(printed, `${file}:${block.line}: what the example prints differs from the output block${expected ? ` at line ${expected.line}` : ' (none: it must print nothing)'}`).toBe(want);
      });
    }
  });
}

afterAll(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
  for (const [file, list] of updates) {
    const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n');
    for (const { block, text } of [...list].sort((a, b) => b.block.line - a.block.line)) {
      const bodyLines = block.body === '' ? 0 : block.body.split('\n').length;
      const fresh = text.replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
      lines.splice(block.line, bodyLines, ...fresh);
    }
    await writeFile(join(ROOT, file), lines.join('\n'));
    process.stderr.write(`updated ${list.length} output block(s) of ${relative(ROOT, join(ROOT, file))}\n`);
  }
});
