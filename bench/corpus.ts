/**
 * The held-out corpus benchmark: how well the library reads demand and offering texts written
 * the way buyers and suppliers write them, on texts kept apart from the fixture and labelled
 * before any engine ran on them (docs/corpus.md tells how they were written).
 *
 *   npx tsx bench/corpus.ts [--misses]
 *
 * Resolution (bench/corpus/resolution.tsv, over the incheon-bio catalog): R@1 and R@3, overall,
 * by language (ko / en / mixed) and by kind (demand / offering), through the public
 * `createCatalog(...).resolveText`, as bench/resolution-recall.ts resolves texts. A text labelled
 * with several items counts as found when any of them is. Texts labelled `none` name nothing in
 * the catalog; the share of them that resolve with confidence is reported at two thresholds:
 * 0.4, the default item-fit threshold, at and above which the matcher lets offerings of the
 * resolved item through (the one that matters), and 0.3, the catalog's `minConfidence`, under
 * which no item is returned at all.
 *
 * Second, third and fourth check sets (bench/corpus/check-2.tsv, 50 texts; check-3.tsv, 46 texts:
 * long in-catalog lines with qualifiers and nothing-in-catalog near misses; check-4.tsv, 80 texts:
 * requests, directory prose, accessories and near misses), each written and labelled apart from
 * the first before any run: the same resolution table; a fifth (check-5.tsv, 80 texts: short,
 * spreadsheet-style and long lines); a sixth (check-6.tsv, 80 texts: near relatives, accessories
 * and exclusions among the texts naming nothing); a seventh and an eighth (check-7.tsv and
 * check-8.tsv, 80 texts each; the eighth as an equipment buyer and a consumables buyer write in
 * purchasing systems); a ninth and a tenth (check-9.tsv and check-10.tsv, 80 texts each; the
 * ninth as a programme's survey answers and consultation notes read, the tenth as texts arrive
 * from abroad and from engineers: English spec sheets, typos, lines naming two things); an
 * eleventh and a twelfth (check-11.tsv and check-12.tsv, 80 texts each; the eleventh as a
 * procurement database's truncated descriptions and plant staff's requests, the twelfth mostly
 * suppliers' catalogue and leaflet entries); a thirteenth and a fourteenth (check-13.tsv and
 * check-14.tsv, 80 texts each; the thirteenth mostly Korean prose: e-mails, consultation notes,
 * survey answers; the fourteenth buyers asking for domestic equivalents of imported products and
 * suppliers claiming them, with invented brands and part numbers); a fifteenth and a sixteenth
 * (check-15.tsv and check-16.tsv, 80 texts each; the fifteenth equipment and facility items as
 * engineers write replacement requests, tender specifications and quotation requests, the
 * sixteenth consumables as item masters, purchasing spreadsheets and price lists write them).
 * A seventeenth and an eighteenth (check-17.tsv and check-18.tsv, 80 texts each; the seventeenth
 * as a programme's demand survey and supplier registration forms write them, the eighteenth
 * English-first, spec-heavy lines of a multinational plant and suppliers' datasheets). A
 * nineteenth and a twentieth (check-19.tsv and check-20.tsv, 80 texts each; the nineteenth as
 * plant staff write quick messenger requests and small suppliers one-line marketplace ads, the
 * twentieth as a public institute's bid notices and purchase specifications and a QC laboratory's
 * monthly orders read). The fourth to twentieth come with matching sets of their own
 * (bench/corpus/matching-4 to matching-20).
 *
 * Matching (bench/corpus/matching/, text-only lines and offerings over the same catalog, graded
 * labels): P@1 and nDCG@5 through `createMatcher().match` and `evaluate`.
 *
 * Figures only: no assertion, not part of the test suite. `--misses` lists every text whose top
 * item is wrong and every confidently resolved `none` text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog, createMatcher, evaluate, parseDataset, type Catalog } from '../src/index.js';

/** At and above this the matcher acts on a resolution: the default item-fit threshold. */
const CONFIDENT = 0.4;
/** The catalog's default `minConfidence`: below it no item is returned. */
const ANY = 0.3;

const root = join(import.meta.dirname, 'corpus');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'incheon-bio');
const showMisses = process.argv.includes('--misses');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

interface CorpusText {
  readonly id: string;
  readonly lang: string;
  readonly kind: string;
  readonly expected: readonly string[];
  readonly text: string;
}

function readCorpus(file = 'resolution.tsv'): CorpusText[] {
  const [, ...rows] = readFileSync(join(root, file), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const [id = '', lang = '', kind = '', expected = '', text = ''] = row.split('\t');
    return { id, lang, kind, expected: expected === 'none' ? [] : expected.split('|'), text };
  });
}

interface Outcome {
  readonly t: CorpusText;
  readonly top: readonly { item: string; confidence: number }[];
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const fixed = (n: number, d: number): string => (d === 0 ? '  -  ' : (n / d).toFixed(3));

function resolutionTable(outcomes: readonly Outcome[]): void {
  const groups: [string, (o: Outcome) => boolean][] = [
    ['all', () => true],
    ['ko', (o) => o.t.lang === 'ko'],
    ['en', (o) => o.t.lang === 'en'],
    ['mixed', (o) => o.t.lang === 'mixed'],
    ['demand', (o) => o.t.kind === 'demand'],
    ['offering', (o) => o.t.kind === 'offering'],
  ];
  console.log('Resolution (texts naming a catalog item; none = texts naming nothing in the catalog)');
  console.log('group      texts    R@1    R@3   none  none>=0.4  none>=0.3');
  for (const [name, keep] of groups) {
    const all = outcomes.filter(keep);
    const named = all.filter((o) => o.t.expected.length > 0);
    const none = all.filter((o) => o.t.expected.length === 0);
    const hit = (o: Outcome, k: number): boolean => o.top.slice(0, k).some((m) => o.t.expected.includes(m.item));
    const r1 = named.filter((o) => hit(o, 1)).length;
    const r3 = named.filter((o) => hit(o, 3)).length;
    const confident = none.filter((o) => (o.top[0]?.confidence ?? 0) >= CONFIDENT).length;
    const any = none.filter((o) => (o.top[0]?.confidence ?? 0) >= ANY).length;
    console.log(
      `${name.padEnd(9)} ${String(named.length).padStart(6)}  ${fixed(r1, named.length)}  ${fixed(r3, named.length)}  ${String(none.length).padStart(5)}     ${pct(confident, none.length)}     ${pct(any, none.length)}`,
    );
  }
}

function resolution(catalog: Catalog): void {
  const corpus = readCorpus();
  const outcomes: Outcome[] = corpus.map((t) => ({
    t,
    top: catalog.resolveText(t.text).items.map((m) => ({ item: m.item, confidence: m.confidence })),
  }));
  resolutionTable(outcomes);
  // Offerings whose text lists several products (Resolution.products, reported by validate).
  const offerings = corpus.filter((t) => t.kind === 'offering' && t.expected.length > 0);
  const listed = (t: CorpusText): boolean => catalog.resolveText(t.text).products !== undefined;
  const multi = offerings.filter((t) => t.expected.length > 1);
  const single = offerings.filter((t) => t.expected.length === 1);
  console.log(
    `offerings judged to list several products: ${multi.filter(listed).length} of ${multi.length} labelled with several items, ${single.filter(listed).length} of ${single.length} labelled with one`,
  );
  if (showMisses) listMisses(outcomes);
}

/** Every text whose top item is not expected, and every `none` text resolved with confidence. */
function listMisses(outcomes: readonly Outcome[]): void {
  console.log('\nMisses (top item not among the expected):');
  for (const o of outcomes) {
    if (o.t.expected.length === 0 || o.t.expected.includes(o.top[0]?.item ?? '')) continue;
    const got = o.top[0] ? `${o.top[0].item} ${o.top[0].confidence.toFixed(2)}` : '(nothing)';
    console.log(`  ${o.t.id} [${o.t.lang} ${o.t.kind}] ${o.t.text}\n      want ${o.t.expected.join('|')}, got ${got}`);
  }
  console.log(`\nTexts naming nothing in the catalog, resolved at >= ${CONFIDENT}:`);
  for (const o of outcomes) {
    const top = o.top[0];
    if (o.t.expected.length > 0 || top === undefined || top.confidence < CONFIDENT) continue;
    console.log(`  ${o.t.id} ${o.t.text} -> ${top.item} ${top.confidence.toFixed(2)}`);
  }
}

/**
 * A further check set (check-2.tsv, check-3.tsv), each written and labelled apart from the first
 * before any run: the same table, and under `--misses` its misses.
 */
function checkSet(catalog: Catalog, title: string, file: string): void {
  const outcomes: Outcome[] = readCorpus(file).map((t) => ({
    t,
    top: catalog.resolveText(t.text).items.map((m) => ({ item: m.item, confidence: m.confidence })),
  }));
  console.log(`\n${title} (bench/corpus/${file})`);
  resolutionTable(outcomes);
  if (showMisses) listMisses(outcomes);
}

function matching(items: unknown, folder = 'matching', title = 'Matching (text-only lines and offerings, graded labels)'): void {
  const part = (name: string): unknown => readJson(join(root, folder, `${name}.json`));
  const dataset = parseDataset({ meta: part('meta'), items, suppliers: part('suppliers'), buyers: part('buyers'), truth: part('truth') });
  const result = createMatcher().match(dataset);
  const e = evaluate(result, dataset.truth ?? []);
  const empty = result.lines.filter((l) => l.candidates.length === 0).length;
  console.log(`\n${title}`);
  console.log(`lines ${e.overall.lines}  P@1 ${e.overall.pAt1.toFixed(3)}  nDCG@5 ${e.overall.ndcgAtK.toFixed(3)}  MRR ${e.overall.mrr.toFixed(3)}  lines ranked empty ${empty}`);
  if (!showMisses) return;
  for (const d of e.disagreements) console.log(`  ${d.line}: top ${d.top1 ?? '(none)'}, expected ${d.expected.join(', ')}`);
}

const items = readJson(join(fixture, 'items.json'));
const fixtureData = parseDataset({ items, suppliers: [], buyers: [] });
const catalog = createCatalog(fixtureData.items, fixtureData.categories);
resolution(catalog);
checkSet(catalog, 'Second check set', 'check-2.tsv');
checkSet(catalog, 'Third check set', 'check-3.tsv');
checkSet(catalog, 'Fourth check set', 'check-4.tsv');
checkSet(catalog, 'Fifth check set', 'check-5.tsv');
checkSet(catalog, 'Sixth check set', 'check-6.tsv');
checkSet(catalog, 'Seventh check set', 'check-7.tsv');
checkSet(catalog, 'Eighth check set', 'check-8.tsv');
checkSet(catalog, 'Ninth check set', 'check-9.tsv');
checkSet(catalog, 'Tenth check set', 'check-10.tsv');
checkSet(catalog, 'Eleventh check set', 'check-11.tsv');
checkSet(catalog, 'Twelfth check set', 'check-12.tsv');
checkSet(catalog, 'Thirteenth check set', 'check-13.tsv');
checkSet(catalog, 'Fourteenth check set', 'check-14.tsv');
checkSet(catalog, 'Fifteenth check set', 'check-15.tsv');
checkSet(catalog, 'Sixteenth check set', 'check-16.tsv');
checkSet(catalog, 'Seventeenth check set', 'check-17.tsv');
checkSet(catalog, 'Eighteenth check set', 'check-18.tsv');
checkSet(catalog, 'Nineteenth check set', 'check-19.tsv');
checkSet(catalog, 'Twentieth check set', 'check-20.tsv');
matching(items);
matching(items, 'matching-4', 'Fourth matching set (bench/corpus/matching-4: requests and directory prose)');
matching(items, 'matching-5', 'Fifth matching set (bench/corpus/matching-5: short, spreadsheet-style and long lines)');
matching(items, 'matching-6', 'Sixth matching set (bench/corpus/matching-6: near relatives, accessories, exclusions, prose)');
matching(items, 'matching-7', 'Seventh matching set (bench/corpus/matching-7: prose, long requests, traps)');
matching(items, 'matching-8', 'Eighth matching set (bench/corpus/matching-8: equipment and consumables buyers, purchasing-system lines)');
matching(items, 'matching-9', 'Ninth matching set (bench/corpus/matching-9: survey answers and consultation notes)');
matching(items, 'matching-10', 'Tenth matching set (bench/corpus/matching-10: vendors abroad, engineers, two things named)');
matching(items, 'matching-11', 'Eleventh matching set (bench/corpus/matching-11: procurement records, plant requests)');
matching(items, 'matching-12', 'Twelfth matching set (bench/corpus/matching-12: suppliers\' catalogue and leaflet entries)');
matching(items, 'matching-13', 'Thirteenth matching set (bench/corpus/matching-13: Korean prose, e-mails and survey answers)');
matching(items, 'matching-14', 'Fourteenth matching set (bench/corpus/matching-14: domestic equivalents of imported products)');
matching(items, 'matching-15', 'Fifteenth matching set (bench/corpus/matching-15: equipment and facility items, replacement requests and tenders)');
matching(items, 'matching-16', 'Sixteenth matching set (bench/corpus/matching-16: consumables as item masters and price lists)');
matching(items, 'matching-17', 'Seventeenth matching set (bench/corpus/matching-17: demand survey and supplier registration forms)');
matching(items, 'matching-18', 'Eighteenth matching set (bench/corpus/matching-18: English-first spec-heavy lines and datasheets)');
matching(items, 'matching-19', 'Nineteenth matching set (bench/corpus/matching-19: messenger requests and marketplace ads)');
matching(items, 'matching-20', 'Twentieth matching set (bench/corpus/matching-20: bid notices, purchase specifications, QC orders)');
console.log(`\nAims (issue 17): R@1 >= 0.95; at most 5% of none texts resolved at >= ${CONFIDENT}.`);
