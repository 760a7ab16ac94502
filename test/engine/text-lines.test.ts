import { describe, expect, it } from 'vitest';
import { summarizeDataset } from '../../src/analysis/summary.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { createMatcher } from '../../src/engine/matcher.js';
import { formatSummary } from '../../src/format/summary.js';
import { tinyInput } from '../helpers/tiny.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The tiny dataset with lines written as buyers write them. */
function withTextLines(): Any {
  const d = tinyInput() as Any;
  d.buyers[0].demandLines.push(
    // No spec of its own: the pore size and the certificate come from the text.
    { id: 'T-01', text: '제균 캡슐필터 0.2um 이상, ASTM F838 필수, 오토클레이브 가능', quantity: '100 unit/year' },
    // Names nothing in the catalog.
    { id: 'T-02', text: 'CO2 인큐베이터 170L급, 온도 균일도 ±0.3℃ 이하', quantity: '1 unit/year' },
    // Only pieces, no item words.
    { id: 'T-03', text: 'USP Class VI, 50L', quantity: '1 unit/year' },
  );
  return d;
}

describe('lines as buyers write them', () => {
  const dataset = parseDataset(withTextLines());

  it('validate lists every text line that names no item, with why; clear lines are not listed', () => {
    const summary = summarizeDataset(dataset);
    const byId = new Map(summary.texts.map((t) => [t.id, t]));
    expect(byId.has('T-01')).toBe(false);
    expect(byId.has('SB-D01')).toBe(false);
    expect(byId.get('T-02')?.status).toBe('unresolved');
    expect(byId.get('T-02')?.why).toContain('CO2 인큐베이터');
    expect(byId.get('T-03')?.why).toMatch(/no words name an item/u);
    expect(formatSummary(summary)).toContain('Texts not clearly understood: 2 demand line(s)');
  });

  it('match reports the text of each line, and requirements read from it are marked and used', () => {
    const result = createMatcher().match(dataset);
    const t1 = result.lines.find((l) => l.line === 'T-01');
    expect(t1?.text?.status).toBe('clear');
    const uses = t1?.text?.pieces.map((p) => `${p.use}:${p.text}`) ?? [];
    expect(uses).toContain('requirement:0.2um 이상');
    expect(uses).toContain('requirement:ASTM F838');
    expect(uses).toContain('ignored:오토클레이브 가능');
    // The offering of the item is a candidate, and spec fit compared the pore size read from the text.
    const cand = t1?.candidates.find((c) => c.offering === 'S-001-O1');
    expect(cand).toBeDefined();
    const spec = cand?.outcomes.find((o) => o.criterion === 'specFit');
    expect(spec?.reasons.some((r) => r.data?.key === 'poreSize')).toBe(true);

    const t2 = result.lines.find((l) => l.line === 'T-02');
    expect(t2?.text?.status).toBe('unresolved');
    expect(t2?.candidates).toEqual([]);
    // A line named by a known item id carries no text report.
    expect(result.lines.find((l) => l.line === 'SB-D02')?.text).toBeUndefined();
  });

  it('a requirement the line states itself wins over the text', () => {
    const result = createMatcher().match(dataset);
    const sb = result.lines.find((l) => l.line === 'SB-D01');
    expect(sb?.text?.pieces.find((p) => p.text === '0.22um')?.use).toBe('stated');
  });
});
