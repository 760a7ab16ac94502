/**
 * The front of the `supplymatch` command: help, version and the checks of the command line
 * itself are answered here, with nothing heavy loaded; a command that runs loads the engine
 * (mathjs, zod, the solver) only then, from `./main.js`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closest } from '../options.js';
import { COMMAND_OPTIONS, USAGE, commandUsage, isCommand, type CommandName } from './usage.js';

/** The package's version, from the package.json next to the sources or the build. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'supplymatch' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look one directory up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** A problem with the command line: printed with the command's usage, exit code 2. */
function usageProblem(message: string, command: CommandName | undefined): number {
  process.stderr.write(`supplymatch${command ? ` ${command}` : ''}: ${message}\n\n${command ? commandUsage(command) : USAGE}\n`);
  return 2;
}

/**
 * What is wrong with a command's options, in the user's words: an unknown option (with the
 * closest known one), a value missing or given to a flag. Undefined when they are well formed.
 *
 * @example
 * optionProblem('match', ['dir', '--tpo', '3']); // => 'unknown option --tpo; did you mean --top?'
 */
export function optionProblem(command: CommandName, args: readonly string[]): string | undefined {
  const known: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>> = COMMAND_OPTIONS[command];
  const shorts = new Map(Object.entries(known).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const { tokens } = parseArgs({ args: [...args], options: known, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const name = token.rawName.startsWith('--') ? token.name : (shorts.get(token.name) ?? token.name);
    const option = Object.hasOwn(known, name) ? known[name] : undefined;
    if (option === undefined) {
      const guess = closest(name, Object.keys(known));
      return `unknown option ${token.rawName}${guess ? `; did you mean --${guess}?` : ''}`;
    }
    if (option.type === 'string' && token.value === undefined) return `${token.rawName} needs a value`;
    if (option.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
  }
  return undefined;
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code (0 done, 1 an
 * unexpected failure, 2 bad input or usage, 3 no feasible allocation); the executable calls it.
 *
 * @example
 * await runCli(['--version']); // prints the version => 0
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(`${USAGE}\n`);
    else if (isCommand(topic)) process.stdout.write(`${commandUsage(topic)}\n`);
    else return usageProblem(`no command "${topic}"`, undefined);
    return 0;
  }
  if (!isCommand(command)) {
    const guess = closest(command, Object.keys(COMMAND_OPTIONS));
    return usageProblem(`unknown command "${command}"${guess ? `; did you mean ${guess}?` : ''}`, undefined);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  const problem = optionProblem(command, rest);
  if (problem !== undefined) return usageProblem(problem, command);
  const { main } = await import('./main.js');
  return main(argv);
}
