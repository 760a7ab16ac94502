/** Options of {@link progressReporter}, for tests mostly. */
export interface ProgressReporterOptions {
  /** Nothing is drawn before this many milliseconds: short runs stay quiet. Default 1000. */
  readonly delayMs?: number;
  /** Least time between two redraws, in milliseconds. Default 100. */
  readonly intervalMs?: number;
  /** The clock, in milliseconds. Default `performance.now`. */
  readonly now?: () => number;
}

const DEFAULTS = Object.freeze({ delayMs: 1000, intervalMs: 100 });

/** `83s`, `4m05s`, `1h02m`. */
function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A progress bar for `match`'s `onProgress(done, total)`, drawn on `stream` (stderr) in place:
 * `matching [##########----------] 512/1,024 50% eta 12s`. It returns undefined when the stream
 * is not a terminal (output piped to a file or another program stays clean), draws nothing
 * until the run has lasted `delayMs` (a run that ends sooner prints nothing), redraws at most
 * every `intervalMs`, and clears its line when the last item is done.
 *
 * @example
 * const onProgress = progressReporter(process.stderr, lines.length, 'matching');
 * matcher.match(dataset, onProgress === undefined ? {} : { onProgress });
 */
export function progressReporter(
  stream: NodeJS.WriteStream,
  total: number,
  label: string,
  options?: ProgressReporterOptions,
): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const now = options?.now ?? (() => performance.now());
  const delayMs = options?.delayMs ?? DEFAULTS.delayMs;
  const intervalMs = options?.intervalMs ?? DEFAULTS.intervalMs;
  const start = now();
  const count = new Intl.NumberFormat('en-US');
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;
  return (done, totalNow = total) => {
    if (finished) return;
    const t = now();
    const of = Math.max(1, totalNow);
    if (done >= of) {
      finished = true;
      // Leave the terminal as it was: the bar's line is cleared, nothing else is written.
      if (drawn) stream.write('\r\u001b[2K');
      return;
    }
    if (t - start < delayMs || t - lastDraw < intervalMs) return;
    lastDraw = t;
    drawn = true;
    const share = Math.min(1, Math.max(0, done / of));
    const tail = `${count.format(done)}/${count.format(of)} ${Math.floor(share * 100)}%${done > 0 ? ` eta ${duration(((t - start) / done) * (of - done))}` : ''}`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - tail.length - 5));
    const filled = Math.round(width * share);
    stream.write(`\r\u001b[2K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tail}`);
  };
}
