/**
 * What each command of the CLI accepts and how it is described: its options (the tables
 * `parseArgs` reads) and its usage text. This module imports nothing heavy, so that `--help`,
 * `--version` and a mistyped flag are answered before the engine is loaded.
 */
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/**
 * Options that pick and configure the matcher; every command that matches takes them.
 *
 * @example
 * parseArgs({ args, options: { ...MATCH_OPTIONS, k: { type: 'string' } } });
 */
export const MATCH_OPTIONS = {
  'as-of': { type: 'string' },
  top: { type: 'string' },
  weights: { type: 'string' },
  aggregate: { type: 'string' },
  candidates: { type: 'string' },
} as const satisfies Options;

const SKIP_INVALID = { 'skip-invalid': { type: 'boolean' } } as const satisfies Options;

/**
 * Each command's options, for `parseArgs` (in the command) and for the checks made before it
 * runs (unknown flags, missing values), so that both read one table.
 *
 * @example
 * parseArgs({ args, allowPositionals: true, options: COMMAND_OPTIONS.match });
 */
export const COMMAND_OPTIONS = {
  validate: {
    'as-of': { type: 'string' },
    horizon: { type: 'string' },
    layout: { type: 'string' },
    format: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    json: { type: 'boolean' },
    ...HELP,
  },
  match: { ...MATCH_OPTIONS, ...SKIP_INVALID, format: { type: 'string' }, explain: { type: 'string' }, workers: { type: 'string' }, ...HELP },
  eval: { ...MATCH_OPTIONS, ...SKIP_INVALID, k: { type: 'string' }, labels: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, ...HELP },
  allocate: {
    ...MATCH_OPTIONS,
    'min-suppliers': { type: 'string' },
    'max-share': { type: 'string' },
    objective: { type: 'string' },
    'domestic-quota': { type: 'string' },
    relax: { type: 'boolean' },
    integral: { type: 'boolean' },
    'max-nodes': { type: 'string' },
    'time-limit': { type: 'string' },
    format: { type: 'string' },
    ...HELP,
  },
  gaps: {
    'as-of': { type: 'string' },
    domestic: { type: 'string' },
    'min-domestic': { type: 'string' },
    budget: { type: 'string' },
    near: { type: 'string' },
    'max-near-misses': { type: 'string' },
    all: { type: 'boolean' },
    top: { type: 'string' },
    format: { type: 'string' },
    ...HELP,
  },
  sensitivity: {
    'as-of': { type: 'string' },
    weights: { type: 'string' },
    aggregate: { type: 'string' },
    delta: { type: 'string' },
    method: { type: 'string' },
    format: { type: 'string' },
    ...HELP,
  },
  weights: {
    'accept-inconsistent': { type: 'boolean' },
    'as-of': { type: 'string' },
    top: { type: 'string' },
    weights: { type: 'string' },
    format: { type: 'string' },
    ...HELP,
  },
  directory: {
    item: { type: 'string' },
    cert: { type: 'string' },
    region: { type: 'string' },
    size: { type: 'string' },
    readiness: { type: 'string' },
    'min-capacity': { type: 'string' },
    domestic: { type: 'boolean' },
    foreign: { type: 'boolean' },
    'as-of': { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string' },
    ...HELP,
  },
  report: {
    out: { type: 'string', short: 'o' },
    'as-of': { type: 'string' },
    weights: { type: 'string' },
    budget: { type: 'string' },
    top: { type: 'string' },
    waterfalls: { type: 'string' },
    'no-allocate': { type: 'boolean' },
    'no-sensitivity': { type: 'boolean' },
    ...HELP,
  },
  schema: { out: { type: 'string' }, ...HELP },
} as const satisfies Record<string, Options>;

/**
 * A command of the CLI.
 *
 * @example
 * const command: CommandName = 'validate';
 */
export type CommandName = keyof typeof COMMAND_OPTIONS;

const MATCH_SYNOPSIS = '[--as-of YYYY-MM-DD] [--top K] [--weights id=w,...] [--aggregate NAME] [--candidates blocked|all]';

/**
 * Each command's usage: its synopsis and what it does.
 *
 * @example
 * COMMAND_USAGE.schema; // => 'schema [--out DIR]\n    write the JSON Schemas ...'
 */
export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  validate: `validate <dir> [--as-of YYYY-MM-DD] [--horizon DAYS] [--layout json|csv|auto] [--skip-invalid] [--format table|json]
    check a dataset directory and summarize it; exit 2 listing every issue when it is invalid
    (--format json prints the summary, or the issues, as JSON on stdout; --json is the same)`,
  match: `match <dir> ${MATCH_SYNOPSIS}
        [--skip-invalid] [--format table|json|csv] [--explain N] [--workers N]
    rank, for every demand line, the supplier offerings that qualify, with reasons
    (--workers N: N worker threads besides this one share the lines; the same result)`,
  eval: `eval <dir> [match options] [--skip-invalid] [--k K] [--labels truth|decisions] [--format table|json]
    compare the ranking with the dataset's truth labels (P@1, P@k, MRR, nDCG@k); --labels decisions
    grades by the buyers' decisions in force instead (approved 3, qualified 2, rejected 0)`,
  allocate: `allocate <dir> [--min-suppliers N] [--max-share P] [--objective score|cost|domestic]
        [--domestic-quota P] [--relax] [--integral] [--max-nodes N] [--time-limit SECONDS]
        [--format table|json|csv] [match options]
    decide who supplies what and how much, sharing each offering's capacity across buyers;
    exit 3 when some lines' constraints cannot hold (the rest is planned), 4 when the time
    limit (or the node limit, before any plan) ended a solve`,
  gaps: `gaps <dir> [--as-of YYYY-MM-DD] [--domestic KR] [--min-domestic N]
        [--budget funding=3,information=5,technical=2] [--near N] [--max-near-misses 20] [--all] [--top N]
        [--format table|json|csv]
    classify every demand line (domestic, partial, foreign-only, uncovered), list each line's domestic
    near misses with what they lack and the support that would close it (the --max-near-misses nearest
    per line are analysed; --near of them are printed), and, with --budget, choose the support actions
    that open the most demand`,
  sensitivity: `sensitivity <dir> [--as-of YYYY-MM-DD] [--weights id=w,...] [--aggregate NAME]
        [--delta 0.1] [--method auto|bisection] [--format table|json]
    the range of each criterion weight that keeps every line's top-1, and the lines whose
    top-1 changes when one weight moves by ±delta`,
  weights: `weights ahp <matrix.json> [--accept-inconsistent] [--format table|json]
        | weights entropy|critic <dir> [--as-of YYYY-MM-DD] [--top K] [--weights id=w,...] [--format table|json]
    criterion weights from a committee's pairwise comparisons (AHP, consistency ratio checked) or
    from the candidates' scores (entropy, CRITIC), with a --weights string for match`,
  directory: `directory <dir> --item TEXT [--cert TYPE] [--region NAME] [--size micro,small,...] [--readiness LEVEL]
        [--min-capacity RATE] [--domestic | --foreign] [--as-of YYYY-MM-DD] [--limit N] [--format table|json|csv]
    the suppliers of an item, ranked, with the count per facet value and each profile's completeness`,
  report: `report <dir> --out FILE.html [--as-of YYYY-MM-DD] [--weights id=w,...] [--budget funding=3,...]
        [--top N] [--waterfalls N] [--no-allocate] [--no-sensitivity]
    one self-contained HTML page (no network needed): summary, coverage and gap map, allocation,
    support plan, weight sensitivity, ranking quality, and every line's ranking with reasons`,
  schema: `schema [--out DIR]
    write the JSON Schemas of the dataset files (to stdout, or one file per dataset file in DIR)`,
};

const EXIT_CODES = `exit codes: 0 done, 1 an unexpected failure, 2 bad input (every issue printed with its path) or
wrong usage, 3 allocate could not hold some lines' constraints (the rest is planned), 4 a time or node
limit ended an allocation solve without a proven plan`;

/**
 * The usage of the whole CLI: every command with all its options, and the exit codes.
 *
 * @example
 * process.stdout.write(`${USAGE}\n`);
 */
export const USAGE = `usage: supplymatch <command> [options]      (supplymatch <command> --help for one command)

commands:
${Object.values(COMMAND_USAGE)
  .map((u) => `  ${u.replace(/\n/g, '\n  ')}`)
  .join('\n')}
  help, --help, --version

match options: ${MATCH_SYNOPSIS}
${EXIT_CODES}`;

/**
 * The usage of one command, as `supplymatch <command> --help` prints it.
 *
 * @example
 * commandUsage('schema'); // => 'usage: supplymatch schema [--out DIR]\n    write the JSON Schemas ...'
 */
export function commandUsage(command: CommandName): string {
  return `usage: supplymatch ${COMMAND_USAGE[command]}\n${EXIT_CODES}`;
}

/**
 * Whether `name` is a command of the CLI.
 *
 * @example
 * isCommand('match'); // => true
 * isCommand('mach'); // => false
 */
export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}
