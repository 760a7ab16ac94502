import { describe, expect, it } from 'vitest';
import { blockKind, docExamples, fencedBlocks, outputMatches, shellCommands } from './doc-blocks.js';

describe('the documentation test convention', () => {
  it.each([
    ['ts', 'ts'],
    ['typescript', 'ts'],
    ['ts norun', 'norun'],
    ['sh', 'sh'],
    ['console', 'sh'],
    ['sh norun', 'norun'],
    ['output', 'output'],
    ['jsonc', 'data'],
    ['text', 'data'],
    ['', undefined],
  ] as const)('an info string %j is %s', (info, kind) => {
    expect(blockKind(info)).toBe(kind);
  });

  it('finds fenced blocks, reports untagged ones, and pairs a runnable block with the output block after it', () => {
    const md = ['# t', '```ts', 'console.log(1)', '```', 'prose', '```output', '1', '```', '```', 'x', '```', '```output', 'orphan', '```', '````sh norun', 'npm ci', '````'].join('\n');
    const { blocks, problems } = fencedBlocks(md);
    expect(blocks.map((b) => [b.line, b.kind, b.body])).toEqual([
      [2, 'ts', 'console.log(1)'],
      [6, 'output', '1'],
      [12, 'output', 'orphan'],
      [15, 'norun', 'npm ci'],
    ]);
    expect(problems.map((p) => p.line)).toEqual([9]);
    const paired = docExamples(blocks);
    expect(paired.examples.map((e) => [e.block.line, e.expected?.line])).toEqual([[2, 6]]);
    expect(paired.problems.map((p) => p.line)).toEqual([12]);
  });

  it.each([
    ['a\nb', 'a\nb', true],
    ['a\nb  \n\n', 'a\nb', true],
    ['a\nb', 'a\nc', false],
    ['a\nb', 'a', false],
    ['a\nb\nc\nd', 'a\n...\nd', true],
    ['a\nd', 'a\n...\nd', true],
    ['a\nb\nc', 'a\n...\nd', false],
    ['total 0.956 (weights)', 'total 0.956 ...', true],
    ['total 0.957 (weights)', 'total 0.956 ...', false],
    ['', '', true],
    ['x', '', false],
  ])('output %j against %j: %s', (actual, expected, ok) => {
    expect(outputMatches(actual, expected)).toBe(ok);
  });

  it('reads supplymatch commands, continuations, quotes and expected exit codes, and refuses other programs', () => {
    const body = ['$ npx supplymatch match fixtures/x \\', '    --top 3   # three', "supplymatch validate 'a dir' # exit 2", 'npm ci'].join('\n');
    const { commands, problems } = shellCommands(body, 10);
    expect(commands).toEqual([
      { line: 11, args: ['match', 'fixtures/x', '--top', '3'], exitCode: 0 },
      { line: 13, args: ['validate', 'a dir'], exitCode: 2 },
    ]);
    expect(problems.map((p) => p.line)).toEqual([14]);
  });
});
