/**
 * One CSV cell as the package writes it, for every CSV it writes (results, gap reports, the
 * dataset layout). A cell that a spreadsheet would run as a formula (one starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a `'` in front, as OWASP recommends against CSV
 * injection, so that `=HYPERLINK(...)` in a supplier's name shows as text instead of running;
 * plain numbers (`-0.5`) are left as they are. The dataset reader takes that `'` off again.
 */

// A leading run of `'` is part of the test, so that a value that itself starts with `'=` keeps
// its quote through a write and a read.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * A cell for a CSV file: neutralized when it would start a formula, quoted when it holds `"`,
 * `,`, a line break or spaces at its ends.
 *
 * @example
 * csvCell('=HYPERLINK("http://x")'); // => '"\'=HYPERLINK(""http://x"")"'
 * csvCell('-0.25'); // => '-0.25'
 */
export function csvCell(cell: string): string {
  const safe = FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The value of a cell read from a CSV file that {@link csvCell} may have neutralized.
 *
 * @example
 * csvCellValue("'=1+1"); // => '=1+1'
 * csvCellValue("it's"); // => "it's"
 */
export function csvCellValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
