/**
 * Import cycles in `src/`, found with TypeScript's own import scanner (its parser: static
 * imports and re-exports, type-only ones, side-effect imports, dynamic `import()` and
 * type imports `import('x').T`), independently of the regular expression `test/architecture/layers.test.ts` reads
 * imports with. Prints the cycles between folders and the cycles between files (each strongly
 * connected set of more than one, with one cycle through it; with type-only imports, and at run
 * time without them), and exits 1 when there is a cycle between folders.
 *
 *   npx tsx scripts/import-cycles.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const files = sources(SRC).map((f) => relative(SRC, f));
const known = new Set(files);
/** What a file imports: each module specifier, and whether only types come of it (erased at run time). */
function importsIn(file: string): { readonly specifier: string; readonly typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg !== undefined && ts.isStringLiteral(arg)) found.push({ specifier: arg.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Each file's imports of other files of `src/`, as paths relative to it: all of them, and those that remain at run time. */
const imports = new Map<string, string[]>();
const runtimeImports = new Map<string, string[]>();
for (const file of files) {
  const all = new Set<string>();
  const runtime = new Set<string>();
  for (const { specifier, typeOnly } of importsIn(file)) {
    if (!specifier.startsWith('.')) continue;
    let target = relative(SRC, resolve(SRC, dirname(file), specifier.replace(/\.js$/, '.ts')));
    if (!known.has(target) && known.has(join(target, 'index.ts'))) target = join(target, 'index.ts');
    if (!known.has(target)) throw new Error(`${file}: import of ${specifier}, which is no file of src/`);
    all.add(target);
    if (!typeOnly) runtime.add(target);
  }
  imports.set(file, [...all].sort());
  runtimeImports.set(file, [...runtime].sort());
}

/** The strongly connected sets of a graph of more than one node (Tarjan's algorithm). */
function cyclicSets(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sets: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      if (set.length > 1) sets.push(set.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return sets;
}

/** One cycle through `set` (a strongly connected set), found by a breadth-first search back to its first node. */
function cycleIn(set: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const inSet = new Set(set);
  const start = set[0] as string;
  const from = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q] as string;
    for (const w of graph.get(v) ?? []) {
      if (!inSet.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...set];
}

// A root module is a node of its own: the entry points and the leaves every folder may use
// (`errors.ts`, `options.ts`, `display.ts`) sit side by side in `src/`.
const folderOf = (file: string): string => (dirname(file) === '.' ? file : dirname(file));
const folders = new Map<string, Set<string>>();
/** For each folder edge, one import that makes it. */
const witness = new Map<string, string>();
for (const [file, targets] of imports) {
  const from = folderOf(file);
  const out = folders.get(from) ?? new Set<string>();
  folders.set(from, out);
  for (const target of targets) {
    const to = folderOf(target);
    if (to === from) continue;
    out.add(to);
    if (!witness.has(`${from} ${to}`)) witness.set(`${from} ${to}`, `${file} -> ${target}`);
  }
}
const folderGraph = new Map([...folders].map(([k, v]) => [k, [...v].sort()]));
const folderCycles = cyclicSets(folderGraph);
const fileCycles = cyclicSets(imports);
const runtimeCycles = cyclicSets(runtimeImports);

console.log(`${files.length} files, ${[...imports.values()].reduce((n, t) => n + t.length, 0)} imports, ${folderGraph.size} folders`);
console.log(`cycles between folders: ${folderCycles.length}`);
for (const set of folderCycles) {
  const cycle = cycleIn(set, folderGraph);
  console.log(`  ${cycle.join(' -> ')}`);
  for (let k = 0; k + 1 < cycle.length; k++) console.log(`    ${witness.get(`${cycle[k]} ${cycle[k + 1]}`)}`);
}
console.log(`cycles between files, type-only imports included: ${fileCycles.length}`);
for (const set of fileCycles) console.log(`  ${set.length} files: ${cycleIn(set, imports).join(' -> ')}`);
console.log(`cycles between files at run time (type-only imports left out): ${runtimeCycles.length}`);
for (const set of runtimeCycles) console.log(`  ${set.length} files: ${cycleIn(set, runtimeImports).join(' -> ')}`);
process.exitCode = folderCycles.length > 0 ? 1 : 0;
