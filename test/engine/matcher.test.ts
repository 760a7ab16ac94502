import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityCriterion } from '../../src/criteria/capacity.js';
import { defaultCriteria } from '../../src/criteria/defaults.js';
import { expressionCriterion } from '../../src/criteria/expression.js';
import { itemFitCriterion } from '../../src/criteria/item-fit.js';
import { parseDataset } from '../../src/dataset/parse.js';
import { explain } from '../../src/engine/explain.js';
import { createMatcher } from '../../src/engine/matcher.js';
import type { MatchResult } from '../../src/engine/result.js';
import { serializeResult } from '../../src/format/match.js';
import { tinyInput } from '../helpers/tiny.js';
import { issuesOf } from '../helpers/issues.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const top = (r: MatchResult, line: string): string[] =>
  (r.lines.find((l) => l.line === line)?.candidates ?? []).map((c) => `${c.supplier}/${c.offering}`);

/** The tiny dataset plus a second filter maker whose certificate lapsed and a weaker third. */
function richer(): Any {
  const d = tinyInput() as Any;
  d.suppliers.push(
    {
      id: 'S-003',
      names: { en: 'Gold Coast Membranes', ko: '골드코스트멤브레인' },
      country: 'KR',
      region: 'Gyeonggi',
      offerings: [
        {
          id: 'S-003-O1',
          item: 'IT-STF',
          specs: { poreSize: '0.2 um', material: 'PES' },
          capacity: '4,000 unit/year',
          leadTime: '10 wk',
          readiness: 'prototype',
          certifications: [{ type: 'ASTM F838', issued: '2019-01-01', expires: '2022-01-01' }],
        },
      ],
    },
    {
      id: 'S-004',
      names: { en: 'Lapsed Filters' },
      country: 'KR',
      offerings: [
        {
          id: 'S-004-O1',
          item: 'IT-STF',
          specs: { poreSize: '0.22 um' },
          capacity: '20,000 unit/year',
          certifications: [{ type: 'ASTM F838', issued: '2017-01-01', expires: '2020-12-31' }],
        },
      ],
    },
  );
  return d;
}

describe('createMatcher', () => {
  it('refuses a criterion listed twice', () => {
    expect(issuesOf(() => createMatcher({ criteria: [itemFitCriterion, itemFitCriterion] }))).toEqual(['criteria[1].id [duplicate_criterion]']);
  });

  it('names the criterion and field of a bad option', () => {
    const issues = issuesOf(() =>
      createMatcher({ criteria: [itemFitCriterion, { criterion: capacityCriterion, options: { minShare: -1 } as never }] }),
    );
    expect(issues).toEqual(['criteria[1].options.minShare [too_small]']);
  });

  it('refuses unknown weights, negative weights and unknown aggregators, all at once', () => {
    const issues = issuesOf(() => createMatcher({ weights: { nope: 1, price: -2 }, aggregate: 'median' }));
    expect(issues).toEqual(['weights.nope [unknown_criterion]', 'weights.price [invalid_weight]', 'aggregate [unknown_aggregator]']);
  });

  it('refuses unsafe formulas and formulas that read later criteria', () => {
    const unsafe = ['import({}, {})', 'evaluate("1+1")', 'f(x) = x', 'itemFit.constructor', '"text"', 'createUnit("x")', '[1,2]'];
    for (const formula of unsafe) {
      const issues = issuesOf(() => createMatcher({ criteria: [itemFitCriterion, { criterion: expressionCriterion, options: { formula } }] }));
      expect(issues, formula).toEqual(['criteria[1].options.formula [unsafe_formula]']);
    }
    const later = issuesOf(() => createMatcher({ criteria: [{ criterion: expressionCriterion, options: { formula: 'itemFit' } }, itemFitCriterion] }));
    expect(later).toEqual(['criteria[0].options [invalid_option]']);
  });
});

describe('match', () => {
  const dataset = parseDataset(richer());

  it('ranks the qualified and rejects the expired certificate with its date', () => {
    const r = createMatcher().match(dataset);
    expect(top(r, 'SB-D01')).toEqual(['S-001/S-001-O1', 'S-003/S-003-O1']);
    const line = r.lines.find((l) => l.line === 'SB-D01');
    const lapsed = line?.rejected.find((c) => c.supplier === 'S-004');
    expect(lapsed?.failed).toContain('certification');
    const reasons = lapsed?.outcomes.find((o) => o.criterion === 'certification')?.reasons ?? [];
    expect(reasons.map((x) => [x.code, x.data.expired])).toContainEqual(['cert.expired', '2020-12-31']);
  });

  it('matches 1/4 in tubing to a 6.4 mm requirement within 5%', () => {
    const r = createMatcher().match(dataset);
    expect(top(r, 'SB-D02')).toEqual(['S-002/S-002-O1']);
  });

  it('gives byte-identical JSON for the same input', () => {
    const a = serializeResult(createMatcher().match(dataset));
    const b = serializeResult(createMatcher().match(parseDataset(richer())));
    expect(a).toBe(b);
  });

  it('loses nothing by blocking: the exhaustive mode ranks the same', () => {
    const blocked = createMatcher().match(dataset);
    const all = createMatcher({ candidates: 'all' }).match(dataset);
    expect(all.stats.pairsScored).toBeGreaterThanOrEqual(blocked.stats.pairsScored);
    for (const line of blocked.lines) expect(top(all, line.line)).toEqual(top(blocked, line.line));
  });

  it('reports progress once per line and can match a shard of lines', () => {
    const seen: [number, number][] = [];
    const r = createMatcher().match(dataset, { onProgress: (d, t) => seen.push([d, t]), lines: ['SB-D02'] });
    expect(seen).toEqual([[1, 1]]);
    expect(r.lines.map((l) => l.line)).toEqual(['SB-D02']);
  });

  it('keeps per-criterion score, weight and contribution; contributions add up to the total', () => {
    const r = createMatcher().match(dataset);
    const c = r.lines[0]?.candidates[0];
    expect(c).toBeDefined();
    const sum = (c?.outcomes ?? []).reduce((s, o) => s + o.contribution, 0);
    expect(sum).toBeCloseTo(c?.score ?? -1, 9);
    expect(c?.outcomes.find((o) => o.criterion === 'itemFit')?.weight).toBe(3);
  });

  it('explains a candidate in sentences', () => {
    const r = createMatcher().match(dataset);
    const c = r.lines[0]?.candidates[0];
    if (!c) throw new Error('no candidate');
    const sentences = explain(c, { dataset });
    expect(sentences[0]).toMatch(/^S-001 \(Hanbit Filtration Co\., Ltd\.\) ranks #1 with 0\.\d{3}/);
    // One sentence per criterion, less the decision criterion: the tiny dataset has no decisions, so it has nothing to say.
    expect(c.outcomes.filter((o) => !o.applicable && o.reasons.length === 0).map((o) => o.criterion)).toEqual(['decision']);
    expect(sentences.length).toBe(c.outcomes.length);
    // Reasons are sentences: each ends once, none ends twice or in a stray semicolon.
    for (const s of sentences) {
      expect(s).toMatch(/[.!?]$/);
      expect(s).not.toMatch(/\.\.|\.;/);
    }
  });

  it('evaluates an expression over earlier criteria', () => {
    const m = createMatcher({
      criteria: [...defaultCriteria(), { criterion: expressionCriterion, options: { formula: 'min(itemFit, certification)' }, weight: 1 }],
    });
    const c = m.match(dataset).lines[0]?.candidates[0];
    const expr = c?.outcomes.find((o) => o.criterion === 'expression');
    const item = c?.outcomes.find((o) => o.criterion === 'itemFit')?.score ?? -1;
    const cert = c?.outcomes.find((o) => o.criterion === 'certification')?.score ?? -1;
    expect(expr?.score).toBeCloseTo(Math.min(item, cert), 12);
  });

  it('needs an asOf date from somewhere', () => {
    const d = richer();
    delete d.meta.asOf;
    expect(issuesOf(() => createMatcher().match(parseDataset(d)))).toEqual(['asOf [required]']);
  });
});

describe('ranking properties', () => {
  const dataset = parseDataset(richer());
  const order = (r: MatchResult): string[] => r.lines.map((l) => l.candidates.map((c) => c.offering).join(','));

  it('scaling all weights does not change any order', () => {
    const base = order(createMatcher().match(dataset));
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (k) => {
        const weights = Object.fromEntries(createMatcher().criteria.map((c) => [c.id, c.weight * k]));
        expect(order(createMatcher({ weights }).match(dataset))).toEqual(base);
      }),
      { numRuns: 25 },
    );
  });

  it('shuffling suppliers, offerings and lines does not change any ranking', () => {
    const base = createMatcher().match(dataset);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const d = richer();
        let s = seed;
        const rand = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const shuffle = <T>(xs: T[]): T[] => {
          for (let i = xs.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
          }
          return xs;
        };
        shuffle(d.suppliers);
        shuffle(d.items);
        for (const b of d.buyers) shuffle(b.demandLines);
        const r = createMatcher().match(parseDataset(d));
        for (const line of base.lines) expect(top(r, line.line)).toEqual(top(base, line.line));
      }),
      { numRuns: 20 },
    );
  });

  it('scores stay in [0, 1]', () => {
    for (const line of createMatcher().match(dataset).lines)
      for (const c of [...line.candidates, ...line.rejected]) {
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(1);
        for (const o of c.outcomes) expect(o.score >= 0 && o.score <= 1).toBe(true);
      }
  });
});
