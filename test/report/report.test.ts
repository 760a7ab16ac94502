import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Dataset } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';
import { REPORT_STAGES, createReport, reportHtml, type ReportParts, type ReportStage } from '../../src/report/index.js';
import { tempDir } from '../helpers/temp.js';

const DIR = join(import.meta.dirname, '../../fixtures/incheon-bio');
// Screenshots go here (git-ignored), for a person to look at and for CI to keep as an artifact.
const OUTPUT = join(import.meta.dirname, '../../test-output');
// Debian's chromium; another with SUPPLYMATCH_CHROMIUM. No browser is ever downloaded.
const CHROMIUM = process.env.SUPPLYMATCH_CHROMIUM ?? '/usr/bin/chromium';

let dataset: Dataset;
let html: string;
let parts: ReportParts;
const stages: ReportStage[] = [];
let rawSuppliers: { id: string; names: Record<string, string> }[];

beforeAll(async () => {
  dataset = await loadDataset(DIR);
  ({ html, parts } = await createReport(dataset, {
    budget: { funding: 3, information: 5, technical: 2 },
    onProgress: (stage) => {
      if (stages.at(-1) !== stage) stages.push(stage);
    },
  }));
  rawSuppliers = JSON.parse(await readFile(join(DIR, 'suppliers.json'), 'utf8'));
});

describe('createReport', () => {
  it('reports every stage in order', () => {
    expect(stages).toEqual(REPORT_STAGES.filter((s) => s !== 'evaluate' || (dataset.truth ?? []).length > 0));
  });

  it('writes one self-contained page: utf-8, inline styles and SVG, nothing fetched, no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/href="(?!#)/);
  });

  it('gives the same bytes for the same parts', async () => {
    expect(await reportHtml(parts)).toBe(await reportHtml(parts));
  });

  it('refuses a negative count of candidates', async () => {
    await expect(reportHtml(parts, { top: -1 })).rejects.toThrow(/top is a whole number/);
  });
});

describe('the report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium or set SUPPLYMATCH_CHROMIUM`);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the headings, the charts and each line’s top supplier as the match ranked it, fetching nothing', async () => {
    const dir = await tempDir('sm-report-');
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 1600 });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(requests).toEqual([pathToFileURL(file).href]);

    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(expect.arrayContaining(['Summary', 'Coverage and gap map', 'Support plan', 'Allocation', 'Weight sensitivity', 'Rankings per line']));
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('incheon-bio');

    // Charts are drawn: SVGs with a visible size and marks inside.
    const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => ({ w: s.getBoundingClientRect().width, marks: s.querySelectorAll('path, text').length })));
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const c of charts) expect(c.w > 50 && c.marks > 5).toBe(true);

    // Every line's first row is the match result's top candidate, named as suppliers.json names it.
    const shown = await page.$$eval('section.line', (ss) =>
      ss.map((s) => ({ line: s.getAttribute('data-line'), supplier: s.querySelector('tr[data-rank="1"]')?.getAttribute('data-supplier') ?? null, text: (s.querySelector('tr[data-rank="1"] td.supplier') as unknown as { innerText: string } | null)?.innerText ?? null })),
    );
    expect(shown.map((s) => s.line)).toEqual(parts.result.lines.map((l) => l.line));
    for (const [i, l] of parts.result.lines.entries()) {
      expect(shown[i]?.supplier).toBe(l.candidates[0]?.supplier ?? null);
      const ko = rawSuppliers.find((s) => s.id === l.candidates[0]?.supplier)?.names.ko;
      if (ko !== undefined) expect(shown[i]?.text).toContain(ko);
    }
    const uncovered = parts.result.lines.filter((l) => l.candidates.length === 0).map((l) => l.line);
    for (const line of uncovered) expect(await page.$eval(`section[data-line="${line}"]`, (s) => s.textContent)).toContain('No qualified supplier');

    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'report-top.png') });
    const first = parts.result.lines.find((l) => l.candidates.length > 0)?.line ?? '';
    const section = await page.$(`section[data-line="${first}"]`);
    await section?.screenshot({ path: join(OUTPUT, 'report-line.png') });
    await page.close();
  });
});

describe('supplymatch report', () => {
  it('writes the file named by --out and exits 0; refuses a missing --out with exit 2', async () => {
    const dir = await tempDir('sm-report-cli-');
    const out = join(dir, 'r.html');
    expect(await main(['report', DIR, '--out', out, '--no-sensitivity', '--waterfalls', '2'])).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).toContain('<h2>Rankings per line</h2>');
    expect(text).not.toContain('<h2>Weight sensitivity</h2>');
    expect(text.match(/data-chart="waterfall-/g)).toHaveLength(2);
    expect(await main(['report', DIR])).toBe(2);
    expect(await main(['report', DIR, '--out', out, '--top', 'many'])).toBe(2);
  });
});
