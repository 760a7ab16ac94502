/**
 * What the first pass keeps of demand lines, in a few flat typed arrays: the rows of the
 * candidates kept for the second pass, with their scores, and the line's counts. It is what
 * crosses between threads when one thread runs the first pass and another the second (see
 * `matchParallel` in `supplymatch/node`): some bytes per kept candidate, where the explanations
 * it stands for are kilobytes of objects.
 */

/** Fields per line in {@link KeptRows.lines}. */
const LINE_FIELDS = 6;

/** The kept rows of some lines, as sent between threads (every array is transferable). */
export interface KeptRows {
  /** Criteria per row. */
  readonly criteria: number;
  /**
   * Per line, `LINE_FIELDS` numbers: the line's position among the run's lines, how many kept
   * qualified rows (the first ones, best first) and kept rejected rows (best first) it has, its
   * qualified count, rejected count and pairs scored.
   */
  readonly lines: Int32Array;
  /** Per row: the offering's index in the prepared dataset. */
  readonly offerings: Int32Array;
  /** Per row: its total. */
  readonly totals: Float64Array;
  /** Per row and criterion: the score (0 where it does not apply). */
  readonly scores: Float64Array;
  /** Per row and criterion: 1 when it applies, plus 2 when it passes. */
  readonly flags: Uint8Array;
}

/** One line of {@link KeptRows}, as `LineMatcher.resume` reads it. */
export interface KeptLine {
  readonly at: number;
  readonly qualifiedKept: number;
  readonly rejectedKept: number;
  readonly qualifiedCount: number;
  readonly rejectedCount: number;
  readonly pairsScored: number;
  /** Its first row in the arrays of `rows`. */
  readonly firstRow: number;
  readonly rows: KeptRows;
}

/** Collects kept rows line by line into growing arrays; `take()` hands them over and starts afresh. */
export class KeptWriter {
  private lines = new Int32Array(LINE_FIELDS * 64);
  private offerings = new Int32Array(1024);
  private totals = new Float64Array(1024);
  private scores: Float64Array;
  private flags: Uint8Array;
  private lineCount = 0;
  private rowCount = 0;

  constructor(readonly criteria: number) {
    this.scores = new Float64Array(1024 * criteria);
    this.flags = new Uint8Array(1024 * criteria);
  }

  /** Starts a line with its kept rows (qualified, then rejected) to come; returns the first row's number for `row`. */
  line(at: number, qualifiedKept: number, rejectedKept: number, qualifiedCount: number, rejectedCount: number, pairsScored: number): number {
    if (this.lines.length < (this.lineCount + 1) * LINE_FIELDS) this.lines = grow(this.lines, (this.lineCount + 1) * LINE_FIELDS);
    const f = this.lineCount * LINE_FIELDS;
    this.lines[f] = at;
    this.lines[f + 1] = qualifiedKept;
    this.lines[f + 2] = rejectedKept;
    this.lines[f + 3] = qualifiedCount;
    this.lines[f + 4] = rejectedCount;
    this.lines[f + 5] = pairsScored;
    this.lineCount += 1;
    const first = this.rowCount;
    const rows = first + qualifiedKept + rejectedKept;
    if (this.offerings.length < rows) {
      this.offerings = grow(this.offerings, rows);
      this.totals = grow(this.totals, rows);
      this.scores = grow(this.scores, rows * this.criteria);
      this.flags = grow(this.flags, rows * this.criteria);
    }
    this.rowCount = rows;
    return first;
  }

  /**
   * Writes row `r` (numbered from what `line` returned): the offering's dataset index, its total,
   * and its verdicts, from `C` entries of the score, applicable and passed arrays at `base`.
   */
  row(r: number, offering: number, total: number, scores: Float64Array, applicable: Uint8Array, passed: Uint8Array, base: number): void {
    const C = this.criteria;
    this.offerings[r] = offering;
    this.totals[r] = total;
    for (let c = 0; c < C; c++) {
      this.scores[r * C + c] = scores[base + c] as number;
      this.flags[r * C + c] = (applicable[base + c] as number) | ((passed[base + c] as number) << 1);
    }
  }

  /** How many lines since the last `take`. */
  get size(): number {
    return this.lineCount;
  }

  /** The rows written since the last `take`, trimmed to size (fresh arrays, safe to transfer). */
  take(): KeptRows {
    return this.handOver((a, n) => a.slice(0, n) as typeof a);
  }

  /**
   * The one line written since the last take, its rows read in place (views of the writer's
   * arrays, not copies: valid until the next line is written), and starts afresh. For a caller
   * that reads each line before it writes the next (the incremental index's small runs, one line
   * at a time), where `take` would copy five arrays per line.
   */
  takeLine(): KeptLine {
    if (this.lineCount !== 1) throw new Error(`takeLine: ${this.lineCount} lines written, not one`);
    return keptLines(this.handOver((a, n) => a.subarray(0, n) as typeof a))[0] as KeptLine;
  }

  /** The rows written since the last take, each array cut to size by `cut`; starts afresh. */
  private handOver(cut: <T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number) => T): KeptRows {
    const C = this.criteria;
    const rows: KeptRows = {
      criteria: C,
      lines: cut(this.lines, this.lineCount * LINE_FIELDS),
      offerings: cut(this.offerings, this.rowCount),
      totals: cut(this.totals, this.rowCount),
      scores: cut(this.scores, this.rowCount * C),
      flags: cut(this.flags, this.rowCount * C),
    };
    this.lineCount = 0;
    this.rowCount = 0;
    return rows;
  }
}

/** The lines of `rows`, in the order written. */
export function keptLines(rows: KeptRows): KeptLine[] {
  const out: KeptLine[] = [];
  let firstRow = 0;
  for (let k = 0; k + LINE_FIELDS <= rows.lines.length; k += LINE_FIELDS) {
    const field = (f: number): number => rows.lines[k + f] as number;
    const line: KeptLine = { at: field(0), qualifiedKept: field(1), rejectedKept: field(2), qualifiedCount: field(3), rejectedCount: field(4), pairsScored: field(5), firstRow, rows };
    firstRow += line.qualifiedKept + line.rejectedKept;
    out.push(line);
  }
  return out;
}

/** The arrays that `rows` is made of, for a transfer list. */
export function keptBuffers(rows: KeptRows): ArrayBuffer[] {
  return [rows.lines, rows.offerings, rows.totals, rows.scores, rows.flags].map((a) => a.buffer as ArrayBuffer);
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(old: T, atLeast: number): T {
  const next = new (old.constructor as new (n: number) => T)(Math.max(atLeast, old.length * 2));
  next.set(old);
  return next;
}
