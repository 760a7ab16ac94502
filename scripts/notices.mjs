/**
 * Writes THIRD-PARTY-NOTICES.md: the license of every package that the build bundles into `dist`
 * (mathjs and its dependencies), found from the build's source maps, with each package's own
 * LICENSE and NOTICE text. `node scripts/notices.mjs --check` exits 1 when the file is not what
 * the current build needs (run after `npm run build`).
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'THIRD-PARTY-NOTICES.md');

const packages = new Set();
for (const file of readdirSync(dist).filter((f) => f.endsWith('.map'))) {
  const map = JSON.parse(readFileSync(join(dist, file), 'utf8'));
  for (const source of map.sources) {
    const at = source.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const parts = source.slice(at + 'node_modules/'.length).split('/');
    packages.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
}

const sections = [...packages].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const texts = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|notice)/i.test(f))
    .sort()
    .map((f) => `${f}:\n\n\`\`\`text\n${readFileSync(join(dir, f), 'utf8').trim()}\n\`\`\``);
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  const head = `## ${name} ${pkg.version}\n\nLicense: ${pkg.license}${author ? `. Author: ${author}` : ''}.`;
  return texts.length > 0 ? `${head}\n\n${texts.join('\n\n')}` : `${head} The package ships no license file; its package.json states the license above.`;
});

const text = `# Third-party notices

The files in \`dist/\` include code from the packages below, bundled at build time (so that the
package loads fast). Each keeps its own license, reproduced here.

${sections.join('\n\n')}
`;

if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== text) {
    process.stderr.write('THIRD-PARTY-NOTICES.md is not what the build bundles: run `node scripts/notices.mjs` after `npm run build`.\n');
    process.exit(1);
  }
  process.stdout.write(`THIRD-PARTY-NOTICES.md lists the ${packages.size} bundled packages.\n`);
} else {
  writeFileSync(out, text);
  process.stdout.write(`wrote THIRD-PARTY-NOTICES.md: ${packages.size} packages\n`);
}
