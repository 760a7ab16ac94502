import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/engine/matcher.js';
import { serializeResult } from '../../src/format/match.js';
import { matchRows } from '../../src/format/rows.js';
import type { Dataset, DatasetInput } from '../../src/model/dataset.js';
import { loadDataset } from '../../src/node.js';
import { datasetToXlsx, readXlsxDataset, rowsToXlsx, safeReadXlsxDataset } from '../../src/xlsx/index.js';

const DIR = join(import.meta.dirname, '../../fixtures/incheon-bio');
let dataset: Dataset;
let input: DatasetInput;

beforeAll(async () => {
  dataset = await loadDataset(DIR);
  const read = async (name: string) => JSON.parse(await readFile(join(DIR, `${name}.json`), 'utf8'));
  input = { meta: await read('meta'), items: await read('items'), suppliers: await read('suppliers'), buyers: await read('buyers'), truth: await read('truth'), decisions: await read('decisions') };
});

/** A workbook built cell by cell, as a person would type it. */
async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('dataset workbooks', () => {
  it('round-trips the fixture: the dataset read back matches exactly as the original', async () => {
    const back = await readXlsxDataset(await datasetToXlsx(input), { meta: input.meta });
    expect(back.suppliers).toEqual(dataset.suppliers);
    expect(back.buyers).toEqual(dataset.buyers);
    expect(back.items).toEqual(dataset.items);
    const matcher = createMatcher();
    expect(serializeResult(matcher.match(back))).toBe(serializeResult(matcher.match(dataset)));
  });

  it('reads Korean headers, numbers and dates typed as such', async () => {
    const data = await workbook({
      items: [['아이디', '분류', '영문명', '국문명'], ['IT-1', 'sterilizing-filter', 'Capsule filter', '캡슐필터']],
      suppliers: [['아이디', '국문명', '국가'], ['S-1', '한빛폴리머', 'KR']],
      offerings: [['공급사', '아이디', '품목', '생산능력', '단가', '통화'], ['S-1', 'S-1-O1', 'IT-1', '2,000 unit/year', 9500, 'KRW']],
      certifications: [['공급사', '인증', '발급일', '만료일'], ['S-1', 'ISO 9001:2015', new Date(Date.UTC(2020, 0, 2)) as unknown as string, '2023-01-01']],
      buyers: [['아이디', '영문명', '국가'], ['B-1', 'Buyer', 'KR']],
    });
    const d = await readXlsxDataset(data);
    expect(d.suppliers[0]?.names.ko).toBe('한빛폴리머');
    expect(d.suppliers[0]?.offerings[0]?.unitPrice).toEqual({ amount: 9500, currency: 'KRW' });
    expect(d.suppliers[0]?.offerings[0]?.capacity?.text).toBe('2,000 unit/year');
    expect(d.suppliers[0]?.certifications[0]?.issued).toBe('2020-01-02');
  });

  it.each([
    ['a bad quantity names the sheet, row and column', { offerings: [['supplier', 'id', 'item', 'capacity'], ['S-1', 'S-1-O1', 'IT-1', '2,000 bananas/year']] }, /offerings!D2 \(capacity\)/],
    ['a misspelt header names its cell', { offerings: [['supplier', 'id', 'itme'], ['S-1', 'S-1-O1', 'IT-1']] }, /^offerings!C1: unknown column "itme"/m],
    ['a bad country names the cell', { suppliers: [['id', 'name.en', 'country'], ['S-1', 'Hanbit', 'Korea']] }, /suppliers!C2 \(country\)/],
    ['an unknown sheet is refused', { offers: [['supplier', 'id'], ['S-1', 'S-1-O1']] }, /unknown sheet "offers"/],
    ['a row on the fourth line says row 4', { offerings: [['supplier', 'id', 'item'], ['S-1', 'S-1-O1', 'IT-1'], [], ['S-9', 'S-9-O1', 'IT-1']] }, /offerings!4/],
  ])('%s', async (_name, extra, expected) => {
    const base = {
      items: [['id', 'category', 'name.en'], ['IT-1', 'sterilizing-filter', 'Capsule filter']],
      suppliers: [['id', 'name.en', 'country'], ['S-1', 'Hanbit', 'KR']],
      buyers: [['id', 'name.en', 'country'], ['B-1', 'Buyer', 'KR']],
    };
    const r = await safeReadXlsxDataset(await workbook({ ...base, ...extra }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(expected);
  });

  it('refuses bytes that are not a workbook', async () => {
    const r = await safeReadXlsxDataset(new TextEncoder().encode('not a zip'));
    expect(r.success ? [] : r.error.issues.map((i) => i.code)).toEqual(['xlsx_unreadable']);
  });
});

describe('result workbooks', () => {
  it('writes one sheet per table with the rows of matchRows, read back cell for cell', async () => {
    const rows = matchRows(createMatcher({ topK: 3 }).match(dataset), { dataset, rejected: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await rowsToXlsx({ matches: rows })) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('matches');
    expect(sheet?.rowCount).toBe(rows.length + 1);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(Object.keys(rows[0] ?? {}));
    for (const i of [0, 7, rows.length - 1]) {
      const cells = (sheet?.getRow(i + 2).values as unknown[]).slice(1);
      const expected = Object.values(rows[i] ?? {});
      expect(header.map((_, c) => cells[c] ?? null)).toEqual(expected);
    }
  });

  it('refuses a sheet name Excel refuses', async () => {
    await expect(rowsToXlsx({ 'a/b': [] })).rejects.toThrow(/sheet name/);
  });
});
