// Checks an executed notebook: every code cell ran, no cell errored, and each string the
// notebook expects (metadata.supplymatch.expect) appears in its outputs.
// Usage: node .ci/check-notebook.mjs EXECUTED.ipynb [NAME]
// Exit codes: 0 all found, 3 only expected outputs missing, 1 any other problem.
import { readFileSync } from 'node:fs';

const [file, name = file] = process.argv.slice(2);
const nb = JSON.parse(readFileSync(file, 'utf8'));
const problems = [];
const texts = [];
const code = nb.cells.filter((c) => c.cell_type === 'code');
for (const [i, cell] of code.entries()) {
  if (cell.execution_count == null) problems.push(`code cell ${i + 1} did not run`);
  for (const out of cell.outputs ?? []) {
    if (out.output_type === 'error') problems.push(`code cell ${i + 1}: ${out.ename}: ${out.evalue}`);
    if (out.output_type === 'stream') {
      if (out.name === 'stderr' && /error/i.test([].concat(out.text).join(''))) problems.push(`code cell ${i + 1} wrote an error: ${[].concat(out.text).join('').slice(0, 300)}`);
      texts.push([].concat(out.text).join(''));
    }
    for (const value of Object.values(out.data ?? {})) texts.push(typeof value === 'string' ? value : Array.isArray(value) ? value.join('') : JSON.stringify(value));
  }
}
const all = texts.join('\n');
for (const want of nb.metadata?.supplymatch?.expect ?? []) if (!all.includes(want)) problems.push(`no output contains ${JSON.stringify(want)}`);
if ((nb.metadata?.supplymatch?.expect ?? []).length === 0) problems.push('metadata.supplymatch.expect lists no expected output');
if (problems.length > 0) {
  console.error(`notebook ${name}:\n  ${problems.join('\n  ')}`);
  // 3: every problem is an expected output not found (the caller may execute the notebook again).
  process.exit(problems.every((p) => p.startsWith('no output contains')) ? 3 : 1);
}
console.log(`notebook ${name}: ${code.length} code cells ran, ${nb.metadata.supplymatch.expect.length} expected outputs found`);
