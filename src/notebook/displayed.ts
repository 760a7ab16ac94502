/**
 * The public face of the engine and the analyses in a notebook: each function here is the
 * package's own, and the value it returns displays itself (`Symbol.for('Jupyter.display')`: a
 * table, a chart and plain text). The display is given here, at the top, so that the engine and
 * the analyses import nothing of the notebook layer.
 */
import { gapReport as gapReportOf, type GapReport, type GapReportOptions } from '../analysis/gaps.js';
import { sensitivity as sensitivityOf, type SensitivityOptions, type SensitivityReport } from '../analysis/sensitivity.js';
import { createMatcherWith, type Matcher, type MatcherConfig } from '../engine/matcher.js';
import type { Dataset } from '../model/dataset.js';
import { gapReportBundle, matchBundle, sensitivityBundle } from './bundles.js';
import { withDisplay } from './display.js';

/**
 * Creates a matcher: validates the criteria's options (against each criterion's schema, over
 * its defaults), weights and aggregator, and refuses duplicate criterion ids. Every problem is
 * reported at once in a `SupplymatchError` whose paths name the criterion and field
 * (`criteria[2].options.minShare`).
 *
 * @example
 * const matcher = createMatcher({ topK: 5, weights: { price: 2 } });
 * const result = matcher.match(dataset);
 * result.lines[0]?.candidates[0]?.supplier; // => 'S-014'
 */
export function createMatcher(config: MatcherConfig = {}): Matcher {
  return createMatcherWith(config, (result, dataset) => matchBundle(result, { dataset }));
}

/**
 * The localization gap report: for every demand line, whether qualified domestic suppliers cover
 * it (see {@link LineClass}), and the domestic near misses, each deficit quantified (which
 * certificate, expired when; capacity shortfall in units and %; a spec's value against the
 * requirement; weeks over the lead time; % over the price) with the support that would close it
 * (funding, information or technical; see {@link DEFAULT_SUPPORT_MAPPING}). Each near miss is
 * re-matched by the real engine with its deficits closed ({@link closeDeficits}): with only the
 * blocking ones closed (`unblocked`) and with all (`closed`), giving the rank it would reach.
 *
 * Then the programme views: per item (domestic suppliers, import dependence, demand against
 * domestic capacity), per supplier (a development plan across buyers), per support action and
 * type (which lines and how much coverage each would open), and, with a `budget`, the actions
 * that open the most demand within it ({@link planSupport}).
 *
 * The matcher keeps every qualified candidate of a line, whatever its `topK`. Near misses are
 * ordered closable first, then the line's own kind of item first, then by fewest blocking
 * deficits, smallest distance (the summed size of the blocking deficits, see {@link Deficit.size}),
 * fewest support types needed, fewest deficits, highest score, supplier id and offering id.
 * A line lists at most `maxNearMisses` (default 20) of them: the first in that order of its
 * qualified near misses and of its rejected domestic offerings of the line's item with the
 * highest weighted score (the engine's nearest misses, `maxNearMisses` + 1 of them), and
 * `moreNearMisses` says whether it has more. Only listed near misses are re-matched, so the
 * report's cost grows with the lines, not with the offerings a line could have.
 * Output is deterministic: no clock is read (`asOf` is an input) and every list is sorted by
 * documented keys.
 *
 * @example
 * const report = gapReport(dataset, { asOf: '2021-03-01', budget: { funding: 3, information: 5, technical: 2 } });
 * report.counts; // => { domestic: 32, partial: 7, 'foreign-only': 3, uncovered: 4, lines: 46, ... }
 * report.lines.find((l) => l.line === 'YB-D05')?.nearMisses[0]?.unblocked?.sentence;
 * // => 'S-014 would rank #1 of 1 for YB-D05 if its lrv were at least 4 and it obtained USP <88> Class VI.'
 */
export function gapReport(dataset: Dataset, options?: GapReportOptions): GapReport {
  const report = gapReportOf(dataset, options);
  return withDisplay(report, () => gapReportBundle(report, { dataset }));
}

/**
 * How robust the ranking is to the criterion weights. For each criterion, the interval [lo, hi]
 * of its weight, others fixed, within which every line's top-1 stays the same (and the line
 * and candidate that take over at each end); per line, the same intervals; and the fragile
 * lines, whose top-1 changes when any one weight moves by ±`delta` (10 %).
 *
 * With the weighted sum, intervals are exact: a candidate's total is `(a + t·x) / (b + t·y)` in
 * the weight `t` of one criterion, so two totals cross only at the roots of a quadratic, solved
 * in closed form; the winner between switch points is read with the engine's own order (total,
 * then ids). Elsewhere (weighted product, TOPSIS, a result that does not hold every qualified
 * candidate because of `topK`) the switch points come from the real engine: the weight is
 * doubled (and halved) up to `searchFactor` times until the top-1 changes, then bisected to a
 * relative width of `tolerance`; a change that reverts within one doubling can be missed.
 * Fragile lines always come from re-running the engine at `w × (1 ± delta)` with
 * `matcher.withWeights`. Every run reuses one prepared dataset (`prepare` / `matchPrepared`).
 * At an interval's end two candidates tie, and ties go to the lower supplier id, then offering id.
 *
 * @example
 * const report = sensitivity(createMatcher(), dataset);
 * report.weights.find((w) => w.criterion === 'price');
 * // => { criterion: 'price', weight: 1, lo: 0, hi: 4.496, below: undefined,
 * //      above: { line: 'SB-D07', at: 4.496, from: { supplier: 'S-050', ... }, to: { supplier: 'S-084', ... } } }
 * report.fragile; // => [] (no top-1 of incheon-bio changes under ±10 % of one weight)
 */
export function sensitivity(matcher: Matcher, dataset: Dataset, options?: SensitivityOptions): SensitivityReport {
  const report = sensitivityOf(matcher, dataset, options);
  return withDisplay(report, () => sensitivityBundle(report, { dataset }));
}
