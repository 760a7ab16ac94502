/** Alignment of a table column. */
export type Align = 'left' | 'right';

/** A column of {@link formatTable}. */
export interface Column {
  readonly header: string;
  readonly align?: Align;
  /** Longer cells are cut with an ellipsis; default no limit. */
  readonly maxWidth?: number;
}

// Hangul, CJK and full-width forms take two terminal cells; tables with Korean names would
// otherwise come out ragged.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/**
 * How many terminal cells a string takes (wide East Asian characters count two).
 *
 * @example
 * displayWidth('필터 A'); // => 6
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function fit(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/**
 * Lays out rows as a plain-text table with a header rule, for terminals.
 *
 * @example
 * formatTable([{ header: 'id' }, { header: 'n', align: 'right' }], [['a', '1'], ['bb', '22']]);
 * // => 'id  n\n--  --\na    1\nbb  22'
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((c, i) => fit(row[i] ?? '', c.maxWidth ?? Number.POSITIVE_INFINITY)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => pad(cell, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
