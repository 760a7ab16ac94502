/**
 * Reading the fenced code blocks of the documentation, for the documentation test
 * (`test/docs/docs.test.ts`, whose header states the convention). Pure functions of text, so
 * that the convention itself is tested without running anything.
 */

/** What the harness does with a fenced block, from its info string. */
export type BlockKind = 'ts' | 'sh' | 'output' | 'data' | 'norun';

/** One fenced block of a Markdown file. */
export interface DocBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The info string after the fence, trimmed (`ts`, `sh norun`, `output`, `jsonc`...). */
  readonly info: string;
  readonly kind: BlockKind;
  /** The block's text, without the fences, ending without a newline. */
  readonly body: string;
}

/** A block to run and, when an `output` block follows it, the output it must print. */
export interface DocExample {
  readonly block: DocBlock;
  readonly expected: DocBlock | undefined;
}

const RUN_LANGUAGES: Readonly<Record<string, 'ts' | 'sh'>> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'ts',
  javascript: 'ts',
  mjs: 'ts',
  sh: 'sh',
  shell: 'sh',
  bash: 'sh',
  console: 'sh',
};

/** The kind of a block from its info string; undefined for an untagged block (an error: say what it is). */
export function blockKind(info: string): BlockKind | undefined {
  const words = info.trim().split(/\s+/).filter((w) => w !== '');
  const language = words[0]?.toLowerCase();
  if (language === undefined) return undefined;
  if (language === 'output') return 'output';
  const run = RUN_LANGUAGES[language];
  if (run === undefined) return 'data';
  return words.includes('norun') ? 'norun' : run;
}

/** Problems with the markup itself (an untagged block, an `output` block with nothing to run before it). */
export interface DocProblem {
  readonly line: number;
  readonly message: string;
}

/** The fenced blocks of a Markdown text (fences of three or more backticks or tildes). */
export function fencedBlocks(markdown: string): { blocks: DocBlock[]; problems: DocProblem[] } {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  const problems: DocProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] as string;
    const info = (open[2] ?? '').trim();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).exec(lines[i] ?? '');
      if (close) break;
      body.push(lines[i] ?? '');
    }
    const kind = blockKind(info);
    if (kind === undefined) {
      problems.push({ line: start + 1, message: 'an untagged code block: give it a language (ts, sh, output, text, jsonc...; add norun to a ts or sh block that must not run)' });
      continue;
    }
    blocks.push({ line: start + 1, info, kind, body: body.join('\n') });
  }
  return { blocks, problems };
}

/** Pairs each runnable block with the `output` block right after it (the next fenced block, prose between allowed). */
export function docExamples(blocks: readonly DocBlock[]): { examples: DocExample[]; problems: DocProblem[] } {
  const examples: DocExample[] = [];
  const problems: DocProblem[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as DocBlock;
    if (block.kind === 'output') {
      const before = blocks[i - 1];
      if (before === undefined || (before.kind !== 'ts' && before.kind !== 'sh'))
        problems.push({ line: block.line, message: 'an output block must follow a ts or sh block that runs (mark sample output that is not checked as text)' });
      continue;
    }
    if (block.kind !== 'ts' && block.kind !== 'sh') continue;
    const next = blocks[i + 1];
    examples.push({ block, expected: next?.kind === 'output' ? next : undefined });
  }
  return { examples, problems };
}

/** The text compared: trailing spaces off every line, trailing blank lines off the end. */
function normalized(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Whether `actual` matches `expected`, where a line `...` in `expected` stands for any number
 * of lines (none included), and a line ending in `...` for any line that starts with the text
 * before it. Lines are compared without trailing spaces; trailing blank lines are ignored.
 *
 * @example
 * outputMatches('a\nb\nc\nd', 'a\n...\nd'); // => true
 * outputMatches('total 0.956 (weights...)', 'total 0.956 ...'); // => true
 */
export function outputMatches(actual: string, expected: string): boolean {
  const a = normalized(actual);
  const e = normalized(expected);
  // Backtracking over `...` lines; documentation outputs are short, so this stays small.
  const memo = new Map<string, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (j === e.length) result = i === a.length;
    else if (e[j] === '...') result = from(i, j + 1) || (i < a.length && from(i + 1, j));
    else if (i === a.length) result = false;
    else {
      const want = e[j] as string;
      const have = a[i] as string;
      const lineOk = want.endsWith('...') ? have.startsWith(want.slice(0, -3)) : have === want;
      result = lineOk && from(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** One command of an `sh` block: its arguments after `supplymatch`, and the exit code it must end with. */
export interface ShellCommand {
  readonly line: number;
  readonly args: string[];
  readonly exitCode: number;
}

/**
 * The commands of an `sh` block: one per line (a trailing `\` continues it; `$ ` in front is
 * dropped), each `supplymatch ...` or `npx supplymatch ...`; `# exit N` at the end says the
 * exit code it must end with (0 without it); other comments are ignored. Anything else is a
 * problem: a block of other commands is marked `sh norun`.
 */
export function shellCommands(body: string, firstLine: number): { commands: ShellCommand[]; problems: DocProblem[] } {
  const commands: ShellCommand[] = [];
  const problems: DocProblem[] = [];
  const raw = body.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = firstLine + 1 + i;
    let text = raw[i] ?? '';
    while (text.endsWith('\\') && i + 1 < raw.length) text = `${text.slice(0, -1)} ${raw[++i] ?? ''}`;
    const { words, comment } = shellWords(text.replace(/^\s*\$\s+/, ''));
    if (words.length === 0) continue;
    const exit = /^\s*exit\s+(\d+)\s*$/.exec(comment ?? '');
    const program = words[0] === 'npx' ? words.slice(1) : words;
    if (program[0] !== 'supplymatch') {
      problems.push({ line, message: `only supplymatch commands run in an sh block; mark it "sh norun" to show "${words.join(' ')}"` });
      continue;
    }
    commands.push({ line, args: program.slice(1), exitCode: exit ? Number(exit[1]) : 0 });
  }
  return { commands, problems };
}

/** Splits a command line into words (single and double quotes, no expansion) and its `#` comment. */
function shellWords(text: string): { words: string[]; comment: string | undefined } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      return { words, comment: text.slice(i + 1) };
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return { words, comment: undefined };
}
