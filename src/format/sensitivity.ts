import type { SensitivityReport } from '../analysis/sensitivity.js';
import { formatTable } from './table.js';

/**
 * Options of {@link formatSensitivity}.
 *
 * @example
 * formatSensitivity(report, { closest: 10 });
 */
export interface SensitivityFormatOptions {
  /** How many of the closest lines (smallest margin between #1 and #2) to list; default 5. */
  readonly closest?: number;
}

const show = (x: number | null): string => (x === null ? '∞' : String(Math.round(x * 1000) / 1000));

/**
 * Writes a sensitivity report for a terminal: per criterion, its weight and the interval that
 * keeps every top-1, with the line and candidate that take over at each end; the fragile lines;
 * and the lines with the closest calls between #1 and #2.
 *
 * @example
 * console.log(formatSensitivity(sensitivity(createMatcher(), dataset)));
 * // Top-1 robustness as of 2021-03-01 (weightedSum; 46 lines exact, 0 by bisection; 17 engine runs)
 * // criterion  weight     lo    hi  first change below ...
 */
export function formatSensitivity(report: SensitivityReport, options?: SensitivityFormatOptions): string {
  const pct = Math.round(report.delta * 1000) / 10;
  const out = [
    `Top-1 robustness as of ${report.asOf} (${report.aggregate}; ${report.methods.exact} lines exact, ${report.methods.bisection} by bisection; ${report.runs} engine runs).`,
    'Each weight alone may move within [lo, hi] (others fixed) without changing any line’s top-1.',
    '',
    formatTable(
      [
        { header: 'criterion' },
        { header: 'weight', align: 'right' },
        { header: 'lo', align: 'right' },
        { header: 'hi', align: 'right' },
        { header: 'first change below' },
        { header: 'first change above' },
      ],
      report.weights.map((w) => [
        w.criterion,
        show(w.weight),
        show(w.lo),
        show(w.hi),
        w.below ? `${w.below.line}: ${w.below.from.supplier} -> ${w.below.to.supplier}` : '-',
        w.above ? `${w.above.line}: ${w.above.from.supplier} -> ${w.above.to.supplier}` : '-',
      ]),
    ),
    '',
  ];
  if (report.fragile.length === 0) out.push(`Fragile lines (top-1 changes when one weight moves ±${pct}%): none.`);
  else {
    out.push(`Fragile lines (top-1 changes when one weight moves ±${pct}%):`);
    out.push(
      formatTable(
        [{ header: 'line' }, { header: 'criterion' }, { header: 'change', align: 'right' }, { header: 'weight', align: 'right' }, { header: 'from' }, { header: 'to' }],
        report.fragile.map((f) => [
          f.line,
          f.criterion,
          `${f.change > 0 ? '+' : ''}${Math.round(f.change * 1000) / 10}%`,
          show(f.weight),
          `${f.from.supplier}/${f.from.offering}`,
          f.to ? `${f.to.supplier}/${f.to.offering}` : '-',
        ]),
      ),
    );
  }
  const closest = [...report.lines]
    .filter((l) => l.margin !== undefined)
    .sort((a, b) => (a.margin ?? 0) - (b.margin ?? 0) || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0))
    .slice(0, options?.closest ?? 5);
  if (closest.length > 0) {
    out.push('', 'Closest calls (smallest margin between #1 and #2):');
    out.push(
      formatTable(
        [{ header: 'line' }, { header: '#1' }, { header: '#2' }, { header: 'margin', align: 'right' }, { header: 'tightest weight range' }],
        closest.map((l) => {
          // The range with the least room relative to the weight, counting only bounded ends.
          const tight = l.ranges
            .map((r) => {
              const w = report.weights.find((x) => x.criterion === r.criterion)?.weight ?? 0;
              const below = w > 0 && r.lo > 0 ? (w - r.lo) / w : Number.POSITIVE_INFINITY;
              const above = w > 0 && r.hi !== null ? (r.hi - w) / w : Number.POSITIVE_INFINITY;
              return { r, room: Math.min(below, above) };
            })
            .filter((x) => Number.isFinite(x.room))
            .sort((a, b) => a.room - b.room)[0];
          return [
            l.line,
            l.top1 ? `${l.top1.supplier}/${l.top1.offering}` : '-',
            l.runnerUp ? `${l.runnerUp.supplier}/${l.runnerUp.offering}` : '-',
            (l.margin ?? 0).toFixed(4),
            tight ? `${tight.r.criterion} [${show(tight.r.lo)}, ${show(tight.r.hi)}]` : 'none bounded',
          ];
        }),
      ),
    );
  }
  return out.join('\n');
}
