/**
 * docs/corpus.md quotes what `npx tsx bench/corpus.ts` prints; this test runs the benchmark and
 * compares, so that the page's figures cannot go stale. The benchmark is deterministic (no
 * timing in its output). `DOCS_UPDATE=1` rewrites the quoted block from the run (review the diff).
 * It runs in the heavy project: the benchmark takes about 15 s of CPU.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from '../docs/doc-blocks.js';

const ROOT = join(import.meta.dirname, '../..');
const PAGE = join(ROOT, 'docs/corpus.md');
const COMMAND = 'npx tsx bench/corpus.ts';

describe('docs/corpus.md', () => {
  it(`quotes what \`${COMMAND}\` prints`, () => {
    const markdown = readFileSync(PAGE, 'utf8');
    const { blocks } = fencedBlocks(markdown);
    const at = blocks.findIndex((b) => b.info === 'sh norun' && b.body.trim() === COMMAND);
    expect(at, `a \`sh norun\` block holding only \`${COMMAND}\``).toBeGreaterThanOrEqual(0);
    const quoted = blocks[at + 1];
    expect(quoted?.info, 'a `text` block right after the command').toBe('text');
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'bench/corpus.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).trimEnd();
    if (process.env['DOCS_UPDATE'] === '1' && printed !== quoted!.body) {
      const lines = markdown.split('\n');
      const body = quoted!.body === '' ? 0 : quoted!.body.split('\n').length;
      lines.splice(quoted!.line, body, ...printed.split('\n'));
      writeFileSync(PAGE, lines.join('\n'));
      return;
    }
    expect(printed).toBe(quoted!.body);
  });
});
