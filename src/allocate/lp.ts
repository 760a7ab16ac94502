import highsLoader, { type Highs, type InitOptions } from 'highs';
import type { Cut } from './cuts.js';
import type { CountReading } from './model.js';

/** A loaded HiGHS runtime (the `highs` package's, WebAssembly), as {@link loadHighs} returns it. */
export type HighsSolver = Highs;

/**
 * One HiGHS solver instance of the `highs` package (a model and its options), as
 * `HighsSolver.createModel` makes it.
 *
 * @example
 * const model: HighsModel = (await loadHighs()).createModel();
 */
export type HighsModel = ReturnType<HighsSolver['createModel']>;

/** How a variable may take values: any real in its bounds, or whole numbers only. */
export type VariableKind = 'continuous' | 'integer';

/** A variable of a {@link Programme}: name (for LP text and messages), bounds and kind. */
export interface Variable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly kind: VariableKind;
}

/** A linear term given to the writer: coefficient times variable (its index). */
export type Term = readonly [coefficient: number, variable: number];

/** A constraint row: `lower <= sum of terms <= upper` (either side may be infinite). */
export interface Row {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
}

/**
 * A linear or mixed-integer programme in the form HiGHS takes it: variables with bounds, rows
 * with bounds, and the constraint matrix in compressed rows, all in typed arrays (what HiGHS's
 * `passModel` is given). Built only by {@link createProgrammeWriter}, which merges the
 * coefficients of a variable named twice in one row, so that no row holds the same variable
 * twice (LP readers keep only one of them). `variables` and `rows` are the same programme as
 * objects (names and bounds), made when first read: the solver does not read them.
 */
export interface Programme {
  readonly variables: readonly Variable[];
  readonly rows: readonly Row[];
  /** Row `r`'s entries are `columns[k]`, `values[k]` for `k` in `starts[r]..starts[r + 1]`; one entry per variable. */
  readonly starts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
  /** Variable `k`'s bounds (`Infinity` for none), as in `variables[k]`. */
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 where variable `k` is an integer, 0 where it is continuous. */
  readonly integrality: Int32Array;
  /** Row `r`'s bounds (`-Infinity`/`Infinity` for none), as in `rows[r]`. */
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
}

/** An objective: one coefficient per variable (so a variable cannot have two), and a direction. */
export interface Objective {
  readonly sense: 'maximize' | 'minimize';
  readonly coefficients: Float64Array;
}

/**
 * Writes a {@link Programme} one variable and one row at a time. A row is given whole
 * (`row`) or streamed (`term` for each of its terms, then `endRow`): streaming makes no object
 * per term, for programmes of thousands of variables.
 */
export interface ProgrammeWriter {
  /** Adds a variable and returns its index. */
  variable(name: string, lower: number, upper: number, kind?: VariableKind): number;
  /** Adds a row `lower <= terms <= upper`; terms of the same variable are summed. Returns its index. */
  row(name: string, terms: Iterable<Term>, lower: number, upper: number): number;
  /** Adds `coefficient` times `variable` to the row being streamed (see `endRow`). */
  term(coefficient: number, variable: number): void;
  /**
   * Ends the row being streamed: `lower <= the terms given by term() since the last row <= upper`,
   * terms of the same variable summed (as `row` does). Returns its index.
   */
  endRow(name: string, lower: number, upper: number): number;
  /** The programme written so far (a copy). */
  programme(): Programme;
}

/** `a`, or a copy of it at least `size` long (twice as long, at least). */
function grownFloat(a: Float64Array, size: number): Float64Array {
  if (size <= a.length) return a;
  const b = new Float64Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** `a`, or a copy of it at least `size` long (twice as long, at least). */
function grownInt(a: Int32Array, size: number): Int32Array {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Makes the entries `start..end` of `columns`/`values` (one row's terms, as given) one entry
 * per variable: sorted by variable index, coefficients of a variable named twice summed, zeros
 * dropped. Returns the new end. Rows hold a handful of entries, mostly given in index order: an
 * insertion sort in place (linear on sorted terms), no map and no object.
 *
 * @example
 * mergeRow(Int32Array.of(0, 0, 1, 1), Float64Array.of(1, 0.001, 2, -2), 0, 4); // => 1: columns [0], values [1.001]
 */
function mergeRow(columns: Int32Array, values: Float64Array, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const v = columns[i] ?? 0;
    const c = values[i] ?? 0;
    let k = i;
    while (k > start && (columns[k - 1] ?? 0) > v) {
      columns[k] = columns[k - 1] ?? 0;
      values[k] = values[k - 1] ?? 0;
      k--;
    }
    columns[k] = v;
    values[k] = c;
  }
  let out = start;
  for (let k = start; k < end; ) {
    const v = columns[k] ?? 0;
    let c = 0;
    // Every entry of the same variable, summed (they are next to one another now).
    for (; k < end && columns[k] === v; k++) c += values[k] ?? 0;
    if (c === 0) continue;
    columns[out] = v;
    values[out] = c;
    out++;
  }
  return out;
}

/**
 * A row's terms as (variable, coefficient) entries: one per variable, coefficients of a
 * variable named twice summed, zeros dropped, by variable index.
 *
 * @example
 * mergeTerms([[1, 0], [0.001, 0], [2, 1], [-2, 1]], 2, 'r'); // => { columns: Int32Array [0], values: Float64Array [1.001] }
 */
function mergeTerms(terms: Iterable<Term>, variables: number, row: string): { columns: Int32Array; values: Float64Array } {
  const given = [...terms];
  const columns = new Int32Array(given.length);
  const values = new Float64Array(given.length);
  given.forEach(([c, v], k) => {
    checkTerm(c, v, variables, row);
    columns[k] = v;
    values[k] = c;
  });
  const end = mergeRow(columns, values, 0, given.length);
  return { columns: columns.slice(0, end), values: values.slice(0, end) };
}

/** Refuses a coefficient that is not a finite number, or a variable that does not exist. */
function checkTerm(coefficient: number, variable: number, variables: number, row: string): void {
  if (!Number.isFinite(coefficient)) throw new Error(`row ${row}: coefficient ${coefficient} of variable ${variable}`);
  if (!Number.isInteger(variable) || variable < 0 || variable >= variables) throw new Error(`row ${row}: no variable ${variable}`);
}

/**
 * Creates a writer of linear programmes. A row's terms are merged when the row ends, so a
 * variable named twice gets the sum of its coefficients: the programme cannot hold a repeated
 * coefficient. Everything is kept in typed arrays that grow as needed.
 *
 * @example
 * const w = createProgrammeWriter();
 * const x = w.variable('x', 0, 1);
 * w.row('r', [[1, x], [0.001, x]], -Infinity, 1);
 * w.term(2, x);
 * w.term(-1, x);
 * w.endRow('s', 0, Infinity);
 * w.programme().values; // => Float64Array [1.001, 1]
 */
export function createProgrammeWriter(): ProgrammeWriter {
  const names: string[] = [];
  let colLower: Float64Array = new Float64Array(64);
  let colUpper: Float64Array = new Float64Array(64);
  let integrality: Int32Array = new Int32Array(64);
  const rowNames: string[] = [];
  let rowLower: Float64Array = new Float64Array(64);
  let rowUpper: Float64Array = new Float64Array(64);
  let starts: Int32Array = new Int32Array(65);
  let columns: Int32Array = new Int32Array(256);
  let values: Float64Array = new Float64Array(256);
  // Entries written, and those of the rows ended (the row being streamed is between them).
  let entries = 0;
  const pending = (): boolean => entries > (starts[rowNames.length] ?? 0);
  const push = (coefficient: number, variable: number, row: string): void => {
    checkTerm(coefficient, variable, names.length, row);
    if (entries >= columns.length) {
      columns = grownInt(columns, entries + 1);
      values = grownFloat(values, entries + 1);
    }
    columns[entries] = variable;
    values[entries] = coefficient;
    entries++;
  };
  const writer: ProgrammeWriter = {
    variable(name, lower, upper, kind = 'continuous') {
      if (!(lower <= upper) || Number.isNaN(lower) || Number.isNaN(upper)) throw new Error(`variable ${name}: bounds ${lower} > ${upper}`);
      const k = names.length;
      colLower = grownFloat(colLower, k + 1);
      colUpper = grownFloat(colUpper, k + 1);
      integrality = grownInt(integrality, k + 1);
      colLower[k] = lower;
      colUpper[k] = upper;
      integrality[k] = kind === 'integer' ? 1 : 0;
      names.push(name);
      return k;
    },
    term(coefficient, variable) {
      push(coefficient, variable, `${rowNames.length} (streamed)`);
    },
    endRow(name, lower, upper) {
      const r = rowNames.length;
      entries = mergeRow(columns, values, starts[r] ?? 0, entries);
      rowLower = grownFloat(rowLower, r + 1);
      rowUpper = grownFloat(rowUpper, r + 1);
      starts = grownInt(starts, r + 2);
      rowLower[r] = lower;
      rowUpper[r] = upper;
      starts[r + 1] = entries;
      rowNames.push(name);
      return r;
    },
    row(name, terms, lower, upper) {
      if (pending()) throw new Error(`row ${name}: terms of a streamed row are pending (end it with endRow first)`);
      try {
        for (const [c, v] of terms) push(c, v, name);
      } catch (e) {
        entries = starts[rowNames.length] ?? 0;
        throw e;
      }
      return writer.endRow(name, lower, upper);
    },
    programme() {
      const n = names.length;
      const m = rowNames.length;
      const nnz = starts[m] ?? 0;
      const variableNames = names.slice();
      const rowNamesNow = rowNames.slice();
      const out = {
        starts: starts.slice(0, m + 1),
        columns: columns.slice(0, nnz),
        values: values.slice(0, nnz),
        colLower: colLower.slice(0, n),
        colUpper: colUpper.slice(0, n),
        integrality: integrality.slice(0, n),
        rowLower: rowLower.slice(0, m),
        rowUpper: rowUpper.slice(0, m),
      };
      let variables: Variable[] | undefined;
      let rows: Row[] | undefined;
      return {
        ...out,
        get variables(): readonly Variable[] {
          variables ??= variableNames.map((name, k) => ({ name, lower: out.colLower[k] ?? 0, upper: out.colUpper[k] ?? 0, kind: out.integrality[k] === 1 ? 'integer' : 'continuous' }));
          return variables;
        },
        get rows(): readonly Row[] {
          rows ??= rowNamesNow.map((name, r) => ({ name, lower: out.rowLower[r] ?? 0, upper: out.rowUpper[r] ?? 0 }));
          return rows;
        },
      };
    },
  };
  return writer;
}

/**
 * Builds a dense objective from terms, summing the coefficients of a variable named twice.
 *
 * @example
 * objectiveOf(2, 'maximize', [[1, 0], [0.001, 0]]).coefficients; // => Float64Array [1.001, 0]
 */
export function objectiveOf(variables: number, sense: Objective['sense'], terms: Iterable<Term>): Objective {
  const coefficients = new Float64Array(variables);
  for (const [c, v] of terms) coefficients[v] = (coefficients[v] ?? 0) + c;
  return { sense, coefficients };
}

/**
 * How far a plan's objective `value` is from a bound on every plan, relative to the plan's
 * objective (0 when the plan reaches the bound).
 *
 * @example
 * relativeGap('maximize', 99.99, 100); // => 1.0001e-4
 */
function relativeGap(sense: Objective['sense'], value: number, bound: number): number {
  const sign = sense === 'maximize' ? 1 : -1;
  return Math.max(0, sign * (bound - value)) / Math.max(Math.abs(value), 1e-9);
}

/** How many of `items` satisfy `test`. */
function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  let k = 0;
  for (const item of items) if (test(item)) k++;
  return k;
}

/** An objective's value at a plan. */
function valueOf(objective: Objective, values: Float64Array): number {
  let s = 0;
  objective.coefficients.forEach((c, k) => {
    if (c !== 0) s += c * (values[k] ?? 0);
  });
  return s;
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
  if (options) return highsLoader(options);
  loading ??= highsLoader();
  return loading;
}

/** Numbers as LP text takes them: finite, enough digits, no exponent. */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  const s = Number(x.toPrecision(15)).toString();
  return s.includes('e') ? x.toFixed(15).replace(/0+$/, '').replace(/\.$/, '') : s;
}

function expression(entries: readonly (readonly [number, string])[]): string {
  if (entries.length === 0) return '0 x__zero';
  const parts = entries.map(([c, v], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'}${i === 0 && c >= 0 ? '' : ' '}${num(Math.abs(c))} ${v}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

/**
 * Writes a programme and an objective as CPLEX LP text (for other solvers and for reading);
 * every variable appears at most once per row and once in the objective.
 *
 * @example
 * const w = createProgrammeWriter();
 * const x = w.variable('x', 0, 1);
 * w.row('r', [[1, x]], -Infinity, 1);
 * toLpText(w.programme(), objectiveOf(1, 'maximize', [[1, x], [0.001, x]])); // 'Maximize\n obj: 1.001 x\n...'
 */
export function toLpText(p: Programme, objective: Objective): string {
  const name = (v: number): string => p.variables[v]?.name ?? `v${v}`;
  const obj: [number, string][] = [];
  objective.coefficients.forEach((c, v) => {
    if (c !== 0) obj.push([c, name(v)]);
  });
  const out = [objective.sense === 'maximize' ? 'Maximize' : 'Minimize', ` obj: ${expression(obj)}`, 'Subject To'];
  let zero = obj.length === 0;
  p.rows.forEach((r, i) => {
    const entries: [number, string][] = [];
    for (let k = p.starts[i] ?? 0; k < (p.starts[i + 1] ?? 0); k++) entries.push([p.values[k] ?? 0, name(p.columns[k] ?? 0)]);
    if (entries.length === 0) zero = true;
    const e = expression(entries);
    if (r.lower === r.upper) out.push(` ${r.name}: ${e} = ${num(r.upper)}`);
    else {
      if (Number.isFinite(r.lower)) out.push(` ${r.name}${Number.isFinite(r.upper) ? '_lo' : ''}: ${e} >= ${num(r.lower)}`);
      if (Number.isFinite(r.upper)) out.push(` ${r.name}: ${e} <= ${num(r.upper)}`);
    }
  });
  if (zero) out.push(' zero_fix: x__zero = 0');
  out.push('Bounds');
  for (const v of p.variables) out.push(` ${num(v.lower)} <= ${v.name} <= ${Number.isFinite(v.upper) ? num(v.upper) : '+inf'}`);
  const general = p.variables.filter((v) => v.kind === 'integer').map((v) => v.name);
  if (general.length > 0) for (let i = 0; i < general.length; i += 20) out.push(...(i === 0 ? ['General'] : []), ` ${general.slice(i, i + 20).join(' ')}`);
  out.push('End');
  return `${out.join('\n')}\n`;
}

/** Limits of one solve; the defaults are deterministic (no wall clock). */
export interface SolveLimits {
  /** Relative gap at which a mixed-integer search stops. */
  readonly mipGap: number;
  /** Branch-and-bound nodes per solve: the deterministic work limit. */
  readonly maxNodes: number;
  /**
   * Solver checkpoints in a row at the root node (HiGHS's interrupt checks, about one per round
   * of cuts) at which neither the best plan nor the bound closed a twentieth of the gap between
   * them, before the solve stops with what it has: the deterministic limit of the work at the
   * root node, which `maxNodes` does not count.
   */
  readonly maxStalls: number;
  /** The same for a solve that starts from a plan (a later objective of a lexicographic series): it has a plan to return. */
  readonly maxStallsFromStart: number;
  /** Wall-clock deadline (`performance.now()` milliseconds), only when the caller asked for one. */
  readonly deadline?: number;
}

/** Programmes with fewer integer variables than this are never stopped by the stall limit (their root is cheap). */
const STALL_MIN_SWITCHES = 500;
/** Branch-and-bound nodes of the search over the switches where the rounded plan and the relaxation differ. */
const NEIGHBOURHOOD_NODES = 1000;
/**
 * HiGHS's options for that search, besides its node limit: no root reduced-cost heuristic (a
 * sub-MIP over the variables HiGHS fixes by their reduced costs at the root). The neighbourhood
 * is already the switches the relaxation leaves open, and the sub-MIP found nothing there that
 * HiGHS's cheaper heuristics did not: on 1000x10 it took 300 of the search's 720-770 ms of CPU
 * (warm), and the search ends with the same plan, 410.921, 15-20 ms after its root without it.
 */
const NEIGHBOURHOOD_OPTIONS = { mip_heuristic_run_root_reduced_cost: false } as const;
/**
 * Programmes with fewer integer variables than this get no such search: HiGHS's own is cheap
 * there, and a second solve would cost more than it saves.
 */
const NEIGHBOURHOOD_MIN_SWITCHES = 500;
/**
 * Fewer switches than this where the plan and the relaxation differ, and there is no such
 * search: a neighbourhood that small is what HiGHS's own root heuristics search, and the call
 * costs about as much as the search's root (100x35: 7 switches, 120-340 ms of CPU, no better plan).
 */
const NEIGHBOURHOOD_MIN_FREE = 50;
/** Rounds of cuts (relaxation, cuts it breaks, relaxation again) before each mixed-integer search. */
const CUT_ROUNDS = 10;

/** What ended a solve. */
export type SolveEnd = 'optimal' | 'infeasible' | 'node_limit' | 'stall_limit' | 'time_limit' | 'error';

/** One solve of a {@link SolverSession}. */
export interface SolveOutcome {
  readonly end: SolveEnd;
  /** Whether a feasible solution (the values) exists. */
  readonly hasSolution: boolean;
  readonly objective: number;
  /** Relative gap between the solution and the best bound (0 for a linear programme solved to optimality). */
  readonly gap: number;
  /** Branch-and-bound nodes explored (0 for a linear programme). */
  readonly nodes: number;
  readonly values: Float64Array;
}

/** Milliseconds a session spent in each part of its solves (for the benchmark; never part of a plan). */
export interface SessionTimings {
  /** The linear relaxation and its rounds of cuts. */
  relaxation: number;
  /** The rounding heuristic's linear programmes. */
  rounding: number;
  /** The search over the switches where the rounded plan and the relaxation differ (RINS); set on first use when absent. */
  neighbourhood?: number;
  /** HiGHS's mixed-integer search (presolve, cuts, nodes), or the linear solve of a programme without switches. */
  search: number;
  /**
   * The clock the parts are read off, in milliseconds; default `performance.now()`. A benchmark
   * on a loaded machine passes the process's CPU time (`process.cpuUsage()`).
   */
  readonly clock?: () => number;
}

/** What a session may use besides HiGHS: see {@link openSession}. */
export interface SessionHelpers {
  /**
   * Reads the integer variables' values off a relaxed solution (minimum orders rounded down, or
   * with `up`, up; the suppliers counted first as `counts` says, default `carried`).
   */
  readonly roundSwitches?: ((relaxed: Float64Array, up: boolean, counts?: CountReading) => Float64Array) | undefined;
  /**
   * A HiGHS instance to load the programme into instead of a new one: it is cleared first (model,
   * solver state and options back to HiGHS's defaults, as a new instance has them), and the
   * session's `dispose` leaves it open for the next session. Making an instance and closing it
   * cost about 0.25 ms of CPU: on a data set of hundreds of small components, a fifth or more
   * of the work.
   */
  readonly model?: HighsModel | undefined;
  /** Valid inequalities that a relaxed solution breaks. */
  readonly separate?: ((relaxed: Float64Array) => readonly Cut[]) | undefined;
  /** Adds the milliseconds of each part of each solve. */
  readonly timings?: SessionTimings | undefined;
  /**
   * Called at two points of each solve, with the model as HiGHS holds it then (MPS bytes, the
   * objective set): `written` before anything else (the programme, and the rows of earlier
   * stages), `search` just before HiGHS's mixed-integer search (with the cuts added, and the
   * plan it starts from). For comparisons with other builds of the solver (the benchmark).
   */
  readonly inspect?: ((point: SolvePoint) => void) | undefined;
}

/** A model at one point of a solve, for {@link SessionHelpers.inspect}. */
export interface SolvePoint {
  /** `solved`: the solve's end (with `outcome`). */
  readonly at: 'written' | 'search' | 'solved';
  /** How the solve ended (at `solved` only). */
  readonly outcome?: { readonly end: SolveEnd; readonly objective: number; readonly gap: number };
  /** The model as MPS bytes (columns `c0`.., rows `r0`..), with the solve's objective and sense. */
  readonly mps: () => Uint8Array;
  /** The plan the search starts from, if any. */
  readonly start: Float64Array | undefined;
  /** The HiGHS options the search runs with (deterministic ones; no callbacks). */
  readonly options: Readonly<Record<string, number | string | boolean>>;
}

/** A programme loaded into HiGHS, solved under several objectives in turn. */
export interface SolverSession {
  /** Solves under `objective`, starting from `start` when given. */
  solve(objective: Objective, start?: Float64Array): SolveOutcome;
  /** Adds a row over the variables (the terms are merged like the writer's). */
  addRow(terms: Iterable<Term>, lower: number, upper: number): void;
  /** Frees the solver's memory. */
  dispose(): void;
}

/**
 * Loads a programme into a HiGHS model that stays open for several solves (lexicographic
 * objectives add a row and re-solve from the last solution). Single thread, fixed seed, no
 * wall-clock limit unless `limits.deadline` is set: the same programme gives the same solution.
 * With `helpers.roundSwitches` (which reads the integer variables' values off a relaxed solution,
 * minimum orders rounded down or, second try, up), each mixed-integer solve first tries the
 * rounding heuristic: a plan within `limits.mipGap` of the linear relaxation's bound ends the
 * solve (`optimal`, no node); any other plan starts a later objective's search, and is kept by a
 * first objective's search, which stops as soon as HiGHS's bound comes within `limits.mipGap` of
 * it (`optimal`, with that bound's gap). With `helpers.separate` (valid
 * inequalities a relaxed solution breaks), the relaxation is first tightened by rounds of cuts,
 * which stay in the model for the search and later solves. A relaxation whose integer
 * variables are all whole is a proven optimum: the solve ends there.
 *
 * @example
 * const s = openSession(await loadHighs(), programme, { mipGap: 1e-4, maxNodes: 10_000, maxStalls: 20, maxStallsFromStart: 3 });
 * const first = s.solve(objectiveOf(programme.variables.length, 'maximize', terms));
 * s.dispose();
 */
export function openSession(highs: HighsSolver, p: Programme, limits: SolveLimits, helpers: SessionHelpers = {}): SolverSession {
  const { roundSwitches, separate, timings, inspect } = helpers;
  const n = p.colLower.length;
  const owned = helpers.model === undefined;
  const model = helpers.model ?? highs.createModel();
  if (!owned) model.clear();
  const searchOptions = { output_flag: false, random_seed: 0, mip_rel_gap: limits.mipGap, mip_max_nodes: limits.maxNodes, presolve: 'on', mip_heuristic_run_root_reduced_cost: true } as const;
  // This build of HiGHS runs on one thread; another build is told so.
  const nativeOptions = { ...searchOptions, threads: 1 };
  const switches = p.integrality.reduce((k, i) => k + i, 0);
  const mip = switches > 0;
  // The columns' own bounds, as HiGHS reads them: the model is passed with them, and they are put
  // back after a heuristic has fixed some columns.
  const colLower = p.colLower.slice();
  const colUpper = p.colUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity));
  const m = p.rowLower.length;
  try {
    model.options.set(searchOptions);
    model.passModel({
      numCols: n,
      numRows: m,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(n),
      colLower,
      colUpper,
      rowLower: p.rowLower.map((l) => (Number.isFinite(l) ? l : -highs.infinity)),
      rowUpper: p.rowUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity)),
      matrix: { format: 'csr', numRows: m, numCols: n, starts: p.starts, indices: p.columns, values: p.values },
      ...(mip ? { integrality: p.integrality } : {}),
    });
  } catch (e) {
    if (owned) model.dispose();
    throw e;
  }
  const { modelStatus, objectiveSense } = highs.constants;
  const integerColumns: number[] = [];
  p.integrality.forEach((i, k) => {
    if (i === 1) integerColumns.push(k);
  });
  const all = { kind: 'range', from: 0, to: n - 1 } as const;
  /** Solves the programme as it stands with integrality dropped, with or without presolve: status, objective, values. */
  const relaxed = (presolve: boolean): { ok: boolean; objective: number; values: Float64Array } => {
    model.options.set({ solve_relaxation: true, presolve: presolve ? 'on' : 'off' });
    try {
      const ok = model.run().modelStatus === modelStatus.optimal;
      return { ok, objective: ok ? model.getObjectiveValue() : Number.NaN, values: ok ? Float64Array.from(model.getSolution().colValue) : new Float64Array(n) };
    } finally {
      model.options.set({ solve_relaxation: false, presolve: 'on' });
    }
  };
  /** Adds a row over the variables (terms merged like the writer's). */
  const addRow = (terms: Iterable<Term>, lower: number, upper: number): void => {
    const { columns, values } = mergeTerms(terms, n, 'added row');
    model.addRow(Number.isFinite(lower) ? lower : -highs.infinity, Number.isFinite(upper) ? upper : highs.infinity, { indices: columns, values });
  };
  /**
   * The linear relaxation (a bound on every plan), tightened by rounds of the cuts `separate`
   * finds (added to the model for good: they are valid for every plan).
   */
  const tightened = (): { ok: boolean; objective: number; values: Float64Array } => {
    // The relaxation alone is solved faster without presolve (half the time on 1000x10).
    let bound = relaxed(false);
    for (let round = 0; separate && bound.ok && round < CUT_ROUNDS; round++) {
      const cuts = separate(bound.values);
      if (cuts.length === 0) break;
      for (const cut of cuts) addRow(cut.terms, Number.NEGATIVE_INFINITY, cut.upper);
      bound = relaxed(false);
    }
    return bound;
  };
  const whole = (values: Float64Array): boolean => integerColumns.every((k) => Math.abs((values[k] ?? 0) - Math.round(values[k] ?? 0)) <= 1e-9);
  /**
   * The rounding heuristic: the switches of the relaxed solution `bound` rounded by
   * `roundSwitches` (minimum orders down, then up), and then the switches of the earlier
   * stage's plan `start` (a plan that holds every row, so a later objective always gets one),
   * each fixed in turn with the rest solved as a linear programme: the best plan, and its gap
   * to the bound. A setting already tried is not solved again. Undefined when none fits.
   */
  const roundedPlan = (objective: Objective, bound: { objective: number; values: Float64Array }, start: Float64Array | undefined): { objective: number; gap: number; values: Float64Array } | undefined => {
    const round = roundSwitches;
    if (!round) return undefined;
    const sign = objective.sense === 'maximize' ? 1 : -1;
    const settings: (() => Float64Array)[] = [() => round(bound.values, false), () => round(bound.values, true), () => round(bound.values, false, 'switch'), ...(start ? [() => start] : [])];
    const tried: Float64Array[] = [];
    let best: { objective: number; gap: number; values: Float64Array } | undefined;
    try {
      for (const setting of settings) {
        const fixed = setting();
        if (tried.some((t) => integerColumns.every((k) => Math.round(fixed[k] ?? 0) === Math.round(t[k] ?? 0)))) continue;
        tried.push(fixed);
        const at = (x: number, k: number): number => (p.integrality[k] === 1 ? Math.round(fixed[k] ?? 0) : x);
        model.changeColsBounds(all, colLower.map(at), colUpper.map(at));
        const plan = relaxed(true);
        if (!plan.ok) continue;
        const values = plan.values;
        for (const k of integerColumns) values[k] = Math.round(fixed[k] ?? 0) || 0;
        const value = valueOf(objective, values);
        // The relaxation bounds every plan: the gap is proven, relative to the plan's objective.
        const gap = relativeGap(objective.sense, value, bound.objective);
        if (!best || sign * (value - best.objective) > 0) best = { objective: value, gap: gap < 1e-9 ? 0 : gap, values };
        if (best.gap <= limits.mipGap) break;
      }
    } finally {
      model.changeColsBounds(all, colLower, colUpper);
    }
    return best;
  };
  /** Whether switch `k` differs between a plan and the relaxed solution. */
  const differs = (plan: { values: Float64Array }, bound: { values: Float64Array }, k: number): boolean => Math.abs((bound.values[k] ?? 0) - Math.round(plan.values[k] ?? 0)) > 1e-6;
  /**
   * RINS: the switches where a plan and the relaxed solution agree are fixed as both have them,
   * and HiGHS searches the others (at most {@link NEIGHBOURHOOD_NODES} nodes): the better plan,
   * and its gap to the relaxation's bound. HiGHS's solution is then cleared, so that the search
   * after it does not take that plan as its start (given a start, HiGHS's root stops cutting
   * early: on 1000x10 its bound stays at 410.976 instead of coming down to 410.93).
   */
  const neighbourhoodPlan = (
    objective: Objective,
    bound: { objective: number; values: Float64Array },
    plan: { objective: number; gap: number; values: Float64Array },
    better: (a: number, b: number) => boolean,
  ): { objective: number; gap: number; values: Float64Array } => {
    const lo = colLower.slice();
    const hi = colUpper.slice();
    for (const k of integerColumns) {
      const v = Math.round(plan.values[k] ?? 0);
      if (!differs(plan, bound, k)) {
        lo[k] = v;
        hi[k] = v;
      }
    }
    try {
      model.changeColsBounds(all, lo, hi);
      model.options.set({ ...NEIGHBOURHOOD_OPTIONS, mip_max_nodes: Math.min(limits.maxNodes, NEIGHBOURHOOD_NODES) });
      model.run();
      if (Number(model.info.get('primal_solution_status')) !== highs.constants.solutionStatus.feasible) return plan;
      const values = Float64Array.from(model.getSolution().colValue);
      for (const k of integerColumns) values[k] = Math.round(values[k] ?? 0) || 0;
      const value = valueOf(objective, values);
      if (!better(value, plan.objective)) return plan;
      const gap = relativeGap(objective.sense, value, bound.objective);
      return { objective: value, gap: gap < 1e-9 ? 0 : gap, values };
    } finally {
      model.options.set({ mip_max_nodes: searchOptions.mip_max_nodes, mip_heuristic_run_root_reduced_cost: searchOptions.mip_heuristic_run_root_reduced_cost });
      model.clearSolver();
      model.changeColsBounds(all, colLower, colUpper);
    }
  };
  const solve = (objective: Objective, start: Float64Array | undefined): SolveOutcome => {
      // HiGHS calls a programme without variables an error; there is nothing to decide.
      if (n === 0) return { end: 'optimal', hasSolution: true, objective: 0, gap: 0, nodes: 0, values: new Float64Array(0) };
      if (limits.deadline !== undefined) {
        const left = (limits.deadline - performance.now()) / 1000;
        if (left <= 0) return { end: 'time_limit', hasSolution: false, objective: 0, gap: Number.POSITIVE_INFINITY, nodes: 0, values: new Float64Array(n) };
        model.zeroAllClocks();
        model.options.set('time_limit', left);
      }
      model.changeObjectiveSense(objective.sense === 'maximize' ? objectiveSense.maximize : objectiveSense.minimize);
      if (n > 0) model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, objective.coefficients);
      inspect?.({ at: 'written', mps: () => model.exportModel('mps'), start, options: nativeOptions });
      const read = timings?.clock ?? (() => performance.now());
      let t = read();
      const clock = (part: 'relaxation' | 'rounding' | 'neighbourhood' | 'search'): void => {
        const now = read();
        if (timings) timings[part] = (timings[part] ?? 0) + now - t;
        t = now;
      };
      const bound = mip && (roundSwitches || separate) ? tightened() : undefined;
      clock('relaxation');
      if (bound?.ok && whole(bound.values)) {
        const values = bound.values;
        for (const k of integerColumns) values[k] = Math.round(values[k] ?? 0) || 0; // never -0
        return { end: 'optimal', hasSolution: true, objective: valueOf(objective, values), gap: 0, nodes: 0, values };
      }
      const better = (a: number, b: number): boolean => (objective.sense === 'maximize' ? a > b : a < b);
      let rounded = bound?.ok ? roundedPlan(objective, bound, start) : undefined;
      clock('rounding');
      // A first objective's rounded plan that does not close the gap is improved by a search over
      // the switches where it and the relaxation differ (RINS): HiGHS's own root finds a plan
      // that good only late, in a sub-MIP of its own, and the search below stops as soon as its
      // bound comes within the gap of the plan kept.
      // Switches where the rounded plan and the relaxation differ: RINS's neighbourhood.
      const candidate = rounded;
      const free = candidate && bound ? count(integerColumns, (k) => differs(candidate, bound, k)) : 0;
      if (!start && rounded && bound && rounded.gap > limits.mipGap && switches >= NEIGHBOURHOOD_MIN_SWITCHES && free >= NEIGHBOURHOOD_MIN_FREE && limits.deadline === undefined) {
        rounded = neighbourhoodPlan(objective, bound, rounded, better);
        clock('neighbourhood');
      }
      if (rounded && rounded.gap <= limits.mipGap) return { end: 'optimal', hasSolution: true, objective: rounded.objective, gap: rounded.gap, nodes: 0, values: rounded.values };
      // A later stage starts from the earlier plan, or the rounded one when it is better. A
      // first stage does not start from the rounded plan: given a plan, HiGHS spends its root
      // on sub-MIPs that try to improve it (native HiGHS on 100x35: 146 ms without it, 218 ms
      // with it); the rounded plan is kept, and returned if the search ends with no better one.
      const first = start && rounded && better(rounded.objective, valueOf(objective, start)) ? rounded.values : start;
      if (first) model.setSolution({ colValue: first });
      // A rounded plan the search does not start from is proven once HiGHS's bound comes within
      // the gap of it: the search stops there (on 1000x10-like programmes HiGHS's root cuts
      // bring its bound down long before its own heuristics find a plan that good).
      const kept = rounded && first !== rounded.values ? rounded : undefined;
      // With a plan kept, the search is there to bring HiGHS's bound within the gap of it: its
      // root's cuts, which start sooner without presolve (1000x10: 230-270 ms of CPU instead of
      // 420-520; 100x35: 60-110 instead of 105-165).
      if (kept) model.options.set({ presolve: 'off' });
      let provenBy: number | undefined;
      inspect?.({ at: 'search', mps: () => model.exportModel('mps'), start: first, options: nativeOptions });
      t = read();
      // The stall count: root checkpoints since the plan or the bound last made progress.
      // A programme with few switches finishes its root quickly: it is never stopped there.
      const stallLimit = switches < STALL_MIN_SWITCHES ? Number.POSITIVE_INFINITY : start ? limits.maxStallsFromStart : limits.maxStalls;
      let stalls = 0;
      let primal = Number.NaN;
      let dual = Number.NaN;
      let stalled = false;
      // Progress: the plan or the bound closes a twentieth of the gap between them (or, before
      // both exist, moves by a millionth).
      const moved = (a: number, b: number): boolean => {
        const gap = Math.abs(primal - dual);
        const step = Number.isFinite(gap) ? gap / 20 : 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
        return !(Math.abs(a - b) <= step);
      };
      const status = model.run({
        [highs.constants.callbackType.mipInterrupt]: (event) => {
          const p = event.data.mip_primal_bound ?? Number.NaN;
          const d = event.data.mip_dual_bound ?? Number.NaN;
          if (event.data.mip_node_count !== 0n && event.data.mip_node_count !== undefined) stalls = 0;
          else if (moved(p, primal) || moved(d, dual)) stalls = 0;
          else stalls++;
          primal = p;
          dual = d;
          if (kept && Number.isFinite(d) && relativeGap(objective.sense, kept.objective, d) <= limits.mipGap) {
            provenBy = d;
            event.interrupt();
            return undefined;
          }
          if (stalls >= stallLimit) {
            stalled = true;
            event.interrupt();
          }
          return undefined;
        },
      }).modelStatus;
      model.options.set({ presolve: 'on' });
      clock('search');
      const hasSolution = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
      const end: SolveEnd =
        status === modelStatus.optimal
          ? 'optimal'
          : status === modelStatus.infeasible || status === modelStatus.unboundedOrInfeasible
            ? 'infeasible'
            : status === modelStatus.timeLimit
              ? 'time_limit'
              : status === modelStatus.interrupted && stalled
                ? 'stall_limit'
              : status === modelStatus.solutionLimit || status === modelStatus.iterationLimit
                ? 'node_limit'
                : 'error';
      const nodes = mip ? Number(model.info.get('mip_node_count')) : 0;
      if (kept && provenBy !== undefined && status === modelStatus.interrupted) {
        // HiGHS's bound proved the rounded plan within the gap (or HiGHS's own plan, if better).
        const own = hasSolution && better(model.getObjectiveValue(), kept.objective);
        const objectiveValue = own ? model.getObjectiveValue() : kept.objective;
        const values = own ? Float64Array.from(model.getSolution().colValue) : kept.values;
        const bestBound = bound && better(provenBy, bound.objective) ? bound.objective : provenBy;
        return { end: 'optimal', hasSolution: true, objective: objectiveValue, gap: relativeGap(objective.sense, objectiveValue, bestBound), nodes, values };
      }
      if (rounded && bound && (end === 'node_limit' || end === 'stall_limit' || end === 'time_limit') && (!hasSolution || better(rounded.objective, model.getObjectiveValue()))) {
        // The search stopped at a limit with no plan as good as the rounded one: the rounded
        // plan, its gap to the better of the two bounds (HiGHS's and the relaxation's).
        const dual = Number(model.info.get('mip_dual_bound'));
        const sign = objective.sense === 'maximize' ? 1 : -1;
        const bestBound = Number.isFinite(dual) && sign * (dual - bound.objective) < 0 ? dual : bound.objective;
        const gap = relativeGap(objective.sense, rounded.objective, bestBound);
        return { end, hasSolution: true, objective: rounded.objective, gap, nodes, values: rounded.values };
      }
      const values = hasSolution ? Float64Array.from(model.getSolution().colValue) : new Float64Array(n);
      const gap = !mip ? (end === 'optimal' ? 0 : Number.POSITIVE_INFINITY) : hasSolution ? Number(model.info.get('mip_gap')) : Number.POSITIVE_INFINITY;
      return { end, hasSolution, objective: hasSolution ? model.getObjectiveValue() : 0, gap, nodes, values };
  };
  return {
    solve(objective, start) {
      const out = solve(objective, start);
      inspect?.({ at: 'solved', mps: () => model.exportModel('mps'), start: undefined, options: nativeOptions, outcome: { end: out.end, objective: out.objective, gap: out.gap } });
      return out;
    },
    addRow,
    dispose() {
      if (owned) model.dispose();
    },
  };
}
