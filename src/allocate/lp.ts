import highsLoader, { type InitOptions } from 'highs';

/** A linear term: coefficient times variable. */
export type Term = readonly [coefficient: number, variable: string];

/** One constraint row of a linear programme. */
export interface Row {
  readonly name: string;
  readonly terms: readonly Term[];
  readonly sense: '<=' | '>=' | '=';
  readonly rhs: number;
}

/** A variable with bounds; `integer` and `binary` make the programme a MIP. */
export interface Variable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly kind: 'continuous' | 'integer' | 'binary';
}

/** A linear or mixed-integer programme, written out as CPLEX LP text for HiGHS. */
export interface Programme {
  readonly sense: 'maximize' | 'minimize';
  readonly objective: readonly Term[];
  readonly rows: readonly Row[];
  readonly variables: readonly Variable[];
}

/** What a solve returns: status, objective and the value of every variable. */
export interface Solution {
  readonly status: string;
  readonly objective: number;
  readonly values: ReadonlyMap<string, number>;
}

/** The part of a HiGHS instance this module uses (the package's one-shot `solve`). */
export interface HighsSolver {
  solve(problem: string, options?: Readonly<Record<string, unknown>>): {
    readonly Status: string;
    readonly ObjectiveValue: number;
    readonly Columns: Readonly<Record<string, { readonly Primal?: number }>>;
  };
}

let loading: Promise<HighsSolver> | undefined;

/**
 * Loads the HiGHS WebAssembly solver once per process (lazily: importing this module loads
 * nothing). In a browser, pass `locateFile` so that `highs.wasm` is found.
 *
 * @example
 * const highs = await loadHighs();
 */
export function loadHighs(options?: InitOptions): Promise<HighsSolver> {
  if (options) return highsLoader(options) as unknown as Promise<HighsSolver>;
  loading ??= highsLoader() as unknown as Promise<HighsSolver>;
  return loading;
}

/** Numbers as LP text accepts them: no exponent surprises, finite, enough digits. */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite coefficient: ${x}`);
  const s = Number(x.toPrecision(15)).toString();
  return s.includes('e') ? x.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : s;
}

function expression(terms: readonly Term[]): string {
  if (terms.length === 0) return '0 x__zero';
  const parts: string[] = [];
  terms.forEach(([c, v], i) => {
    const sign = c < 0 ? '-' : '+';
    const head = i === 0 ? (c < 0 ? '- ' : '') : `${sign} `;
    parts.push(`${head}${num(Math.abs(c))} ${v}`);
  });
  // The LP format limits line length: wrap every few terms (a new line continues the expression).
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

/**
 * Writes a programme in the CPLEX LP format that HiGHS reads.
 *
 * @example
 * toLpText({ sense: 'maximize', objective: [[1, 'x']], rows: [{ name: 'c', terms: [[1, 'x']], sense: '<=', rhs: 4 }],
 *            variables: [{ name: 'x', lower: 0, upper: 10, kind: 'continuous' }] });
 */
export function toLpText(p: Programme): string {
  const out: string[] = [p.sense === 'maximize' ? 'Maximize' : 'Minimize', ` obj: ${expression(p.objective)}`, 'Subject To'];
  for (const r of p.rows) out.push(` ${r.name}: ${expression(r.terms)} ${r.sense} ${num(r.rhs)}`);
  if (p.objective.length === 0 || p.rows.some((r) => r.terms.length === 0)) out.push(' zero_fix: x__zero = 0');
  out.push('Bounds');
  for (const v of p.variables) {
    if (v.kind === 'binary') continue;
    const upper = Number.isFinite(v.upper) ? num(v.upper) : '+inf';
    out.push(` ${num(v.lower)} <= ${v.name} <= ${upper}`);
  }
  const general = p.variables.filter((v) => v.kind === 'integer').map((v) => v.name);
  const binary = p.variables.filter((v) => v.kind === 'binary').map((v) => v.name);
  if (general.length > 0) out.push('General', ...chunk(general));
  if (binary.length > 0) out.push('Binary', ...chunk(binary));
  out.push('End');
  return `${out.join('\n')}\n`;
}

function chunk(names: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 20) lines.push(` ${names.slice(i, i + 20).join(' ')}`);
  return lines;
}

/**
 * Solves a programme with HiGHS. Every variable gets a value (0 when HiGHS reports none).
 *
 * @example
 * const s = solveProgramme(await loadHighs(), programme);
 * s.status; // => 'Optimal'
 */
export function solveProgramme(highs: HighsSolver, p: Programme, options?: { readonly mipGap?: number; readonly timeLimitSeconds?: number }): Solution {
  const r = highs.solve(toLpText(p), {
    output_flag: false,
    mip_rel_gap: options?.mipGap ?? 1e-4,
    time_limit: options?.timeLimitSeconds ?? 60,
    random_seed: 0,
  });
  const values = new Map<string, number>();
  for (const v of p.variables) {
    const primal = r.Columns[v.name]?.Primal ?? 0;
    values.set(v.name, Number.isFinite(primal) ? primal : 0);
  }
  return { status: r.Status, objective: r.ObjectiveValue, values };
}
