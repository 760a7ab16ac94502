/**
 * What a browser application does with the core entry point: only `createMatcher`,
 * `parseDataset` and `explain`. Bundled by esbuild for the browser in core-bundle.test.ts.
 */
import { createMatcher, explain, parseDataset } from 'supplymatch';

/** Parses plain data, matches it, and returns the result and the first explanation of every line. */
export function run(input: unknown): { result: string; explanations: string[] } {
  const dataset = parseDataset(input);
  const result = createMatcher({ topK: 3 }).match(dataset);
  const explanations = result.lines.map((l) => {
    const top = l.candidates[0];
    return top === undefined ? `${l.line}: none` : (explain(top, { dataset })[0] ?? '');
  });
  return { result: JSON.stringify(result), explanations };
}
