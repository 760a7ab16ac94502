import { z } from 'zod';
import type { MaxPrice, Price } from '../model/common.js';
import type { ExchangeRates } from '../model/dataset.js';
import { parseQuantity } from '../model/quantity.js';
import { IdMemo, indexOf, Interner } from './compact.js';
import { clampScore, defineCriterion, notApplicable, reason, type Pair, type PreparedLine, type PreparedOffering, sentence, type Verdict } from './criterion.js';
import { CANNOT_FAIL, packVerdict, QUICK_NOT_APPLICABLE, withQuick } from './fast.js';
import { datumNumber, datumText, deficitSize, type CriterionDeficits } from './deficit.js';

/**
 * Reason codes of {@link priceCriterion}. `over_max` fails the gate when the line's maximum is
 * a hard limit (`limit: 'hard'`, or left out with the `gateOverMax` option).
 *
 * @example
 * verdict.reasons[0]?.data.percentOver; // => 12 for 168,000 KRW against a 150,000 KRW maximum
 */
export const PRICE_REASONS = {
  within: 'price.within',
  overMax: 'price.over_max',
  unknown: 'price.unknown',
  noExchangeRate: 'price.no_exchange_rate',
  incomparableUnit: 'price.incomparable_unit',
} as const;

/**
 * Options of {@link priceCriterion}.
 *
 * @example
 * PriceOptionsSchema.parse({ gateOverMax: true }); // the maximum price is a hard ceiling
 */
export const PriceOptionsSchema = z.strictObject({
  /**
   * Whether a price over the maximum of a line that does not state its `limit` rejects the pair
   * (default: it keeps the pair, with a price score of 0, to leave room to negotiate).
   */
  gateOverMax: z.boolean(),
});
/**
 * Validated options of {@link priceCriterion} (every field set; defaults come from `meta.defaults`).
 *
 * @example
 * const options: PriceOptions = { gateOverMax: true };
 */
export type PriceOptions = z.infer<typeof PriceOptionsSchema>;

const DEFAULT_PER = 'unit';
const normalizePer = (per: string): string => per.normalize('NFKC').trim().toLowerCase();

/**
 * How many offered units one unit of the maximum buys: 1 when both say the same (`unit`, `Unit`),
 * 1000 for a price per mL against a maximum per L, undefined when the units do not compare.
 */
function perFactor(offerPer: string, maxPer: string): number | undefined {
  if (normalizePer(offerPer) === normalizePer(maxPer)) return 1;
  const offered = parseQuantity(`1 ${offerPer}`);
  const wanted = parseQuantity(`1 ${maxPer}`);
  if (!offered.ok || !wanted.ok || offered.quantity.dimension !== wanted.quantity.dimension) return undefined;
  if (offered.quantity.value <= 0) return undefined;
  return wanted.quantity.value / offered.quantity.value;
}

/** Price of one unit of `currency` in the rates' base currency. */
function rateOf(currency: string, rates: ExchangeRates): number | undefined {
  return currency === rates.base ? 1 : rates.rates[currency];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;


/** What price's reasons mean for gap analysis (see `CriterionDeficits`). */
const PRICE_DEFICITS: CriterionDeficits = {
  kind: 'price',
  // Cost-down comes from the process (yield, materials).
  support: { 'price.*': 'technical' },
  read(code, data) {
    if (code !== 'price.over_max') return undefined;
    return {
      summary: data.percentOver === null ? 'price above the maximum' : `price ${datumText(data, 'percentOver')}% over the maximum ${datumText(data, 'max')} ${datumText(data, 'maxCurrency')}`,
      remedy: `its price came down to the maximum`,
      size: deficitSize(datumNumber(data, 'percentOver') === undefined ? undefined : (datumNumber(data, 'percentOver') as number) / 100),
    };
  },
  // The price lowered to the line's maximum, in its currency and unit.
  close(_deficit, offering, { line }) {
    const max = line.maxUnitPrice;
    if (max === undefined) return undefined;
    return {
      offering: { ...offering, unitPrice: { amount: max.amount, currency: max.currency, ...(max.per !== undefined ? { per: max.per } : {}) } },
      change: `lowered price to ${max.amount} ${max.currency}${max.per !== undefined ? ` per ${max.per}` : ''}`,
    };
  },
};

/**
 * Price: the offered unit price against the line's maximum, in the maximum's currency (through
 * the run's exchange rates) and per the maximum's unit (a price per mL against a maximum per L
 * is converted; per pair against per piece is not comparable). With `ratio = price / max`, a
 * price within scores `1 − 0.5 × ratio` (1 for free, 0.5 at the maximum); a price over the
 * maximum scores 0, as a buyer reads a maximum: no price over it earns anything. Over the
 * maximum also fails the gate when the line's maximum is a hard limit (`limit: 'hard'`; a line
 * that does not say follows the `gateOverMax` option, default soft). Not applicable without
 * both prices, without a needed exchange rate, or with incomparable units.
 *
 * @example
 * const judge = priceCriterion.create({ gateOverMax: false }, context); // rates { base: 'KRW', rates: { USD: 1120 } }
 * judge(pair); // offering 150 USD, line max 150,000 KRW (limit left out)
 * // => { applicable: true, pass: true, score: 0,
 * //      reasons: [{ code: 'price.over_max', data: { priceInMaxCurrency: 168000, percentOver: 12, limit: 'soft', ... } }] }
 */
export const priceCriterion = defineCriterion({
  meta: {
    id: 'price',
    description: 'the offered unit price against the line maximum, converted to one currency and unit',
    kind: 'both',
    deficits: PRICE_DEFICITS,
    options: PriceOptionsSchema,
    defaults: { gateOverMax: false },
  },
  create(options, context) {
    const rates = context.exchangeRates;
    const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const show = (amount: number, currency: string, per: string): string => `${money.format(amount)} ${currency} per ${per}`;

    /** The offered price in the maximum's currency, or the currency that has no rate. */
    const convert = (price: Price, currency: string): { amount: number } | { missing: string } => {
      if (price.currency === currency) return { amount: price.amount };
      if (rates === undefined) return { missing: price.currency };
      const from = rateOf(price.currency, rates);
      if (from === undefined) return { missing: price.currency };
      const to = rateOf(currency, rates);
      if (to === undefined) return { missing: currency };
      return { amount: (price.amount * from) / to };
    };

    // Unit factors repeat for every pair of the same two units (`unit`/`unit`, `mL`/`L`).
    const factors = new Map<string, number | undefined>();
    const factorOf = (offerPer: string, maxPer: string): number | undefined => {
      const key = `${offerPer}\u0000${maxPer}`;
      if (factors.has(key)) return factors.get(key);
      const factor = perFactor(offerPer, maxPer);
      factors.set(key, factor);
      return factor;
    };

    /** Whether the line's maximum is a hard limit: its own `limit`, else the option. */
    const hardLimit = (max: MaxPrice): boolean => (max.limit === undefined ? options.gateOverMax : max.limit === 'hard');
    /** The ratio price / max; a maximum of 0 is met by a free offer only. */
    const ratioOf = (price: number, max: MaxPrice): number => (max.amount > 0 ? price / max.amount : price > 0 ? Number.POSITIVE_INFINITY : 0);
    /** The score of a ratio: 1 − 0.5 × ratio within the maximum, 0 over it. */
    const scoreOf = (ratio: number): number => (ratio <= 1 ? clampScore(1 - 0.5 * ratio) : 0);
    /** Whether a ratio passes: within the maximum, or over a soft one. */
    const passOf = (ratio: number, max: MaxPrice): boolean => ratio <= 1 || !hardLimit(max);
    const verdictOf = (price: number, max: MaxPrice): number => {
      const ratio = ratioOf(price, max);
      return packVerdict(true, passOf(ratio, max), scoreOf(ratio));
    };

    // Compact data: each offering's price amount (NaN when it states none), currency and unit as ids.
    const currencies = new Interner<string>();
    const pers = new Interner<string>();
    const currencyNames: string[] = [];
    const perNames: string[] = [];
    let columns: { readonly amount: Float64Array; readonly currency: Int32Array; readonly per: Int32Array } | undefined;
    const columnsOf = (offerings: readonly PreparedOffering[]): { readonly amount: Float64Array; readonly currency: Int32Array; readonly per: Int32Array } => {
      const amount = new Float64Array(offerings.length);
      const currency = new Int32Array(offerings.length);
      const per = new Int32Array(offerings.length);
      const name = (interner: Interner<string>, names: string[], value: string): number => {
        const id = interner.id(value);
        names[id] = value;
        return id;
      };
      offerings.forEach((o, i) => {
        const p = o.offering.unitPrice;
        amount[i] = p === undefined ? Number.NaN : p.amount;
        currency[i] = p === undefined ? -1 : name(currencies, currencyNames, p.currency);
        per[i] = p === undefined ? -1 : name(pers, perNames, p.per ?? DEFAULT_PER);
      });
      return { amount, currency, per };
    };
    // Per line: the rate of each offered currency against the maximum's (-1: the same currency,
    // NaN: no rate) and the factor of each offered unit (NaN: not comparable).
    let quickLine: PreparedLine | undefined;
    let quickTo: number | undefined;
    const rateMemo = new IdMemo();
    const factorMemo = new IdMemo();

    type Max = MaxPrice;
    /** The verdict for offering `i` of `context.offerings` against a line's maximum price. */
    const priceAt = (line: PreparedLine, max: Max, i: number): number => {
      const c = (columns ??= columnsOf(context.offerings ?? []));
      const amount = c.amount[i] as number;
      if (Number.isNaN(amount)) return QUICK_NOT_APPLICABLE;
      if (line !== quickLine) {
        quickLine = line;
        quickTo = rates === undefined ? undefined : rateOf(max.currency, rates);
        rateMemo.reset();
        factorMemo.reset();
      }
      const pid = c.per[i] as number;
      if (!factorMemo.has(pid)) factorMemo.set(pid, factorOf(perNames[pid] as string, max.per ?? DEFAULT_PER) ?? Number.NaN);
      const factor = factorMemo.get(pid);
      if (Number.isNaN(factor)) return QUICK_NOT_APPLICABLE;
      const cid = c.currency[i] as number;
      if (!rateMemo.has(cid)) {
        const name = currencyNames[cid] as string;
        rateMemo.set(cid, name === max.currency ? -1 : rates === undefined || quickTo === undefined ? Number.NaN : (rateOf(name, rates) ?? Number.NaN));
      }
      const from = rateMemo.get(cid);
      if (Number.isNaN(from)) return QUICK_NOT_APPLICABLE;
      // convert(): the same amount, or (amount * from) / to.
      const converted = from === -1 ? amount : (amount * from) / (quickTo as number);
      return verdictOf(converted * factor, max);
    };

    /** The same arithmetic as the judge below, without the sentences. */
    const quick = (pair: Pair): number => {
      const max = pair.line.line.maxUnitPrice;
      if (max === undefined) return QUICK_NOT_APPLICABLE;
      const i = indexOf(pair, context.offerings);
      if (i >= 0) return priceAt(pair.line, max, i);
      const offered = pair.offering.offering.unitPrice;
      if (offered === undefined) return QUICK_NOT_APPLICABLE;
      const factor = factorOf(offered.per ?? DEFAULT_PER, max.per ?? DEFAULT_PER);
      if (factor === undefined) return QUICK_NOT_APPLICABLE;
      // convert(), without its object.
      let amount = offered.amount;
      if (offered.currency !== max.currency) {
        if (rates === undefined) return QUICK_NOT_APPLICABLE;
        const from = rateOf(offered.currency, rates);
        const to = rateOf(max.currency, rates);
        if (from === undefined || to === undefined) return QUICK_NOT_APPLICABLE;
        amount = (offered.amount * from) / to;
      }
      return verdictOf(amount * factor, max);
    };
    const batch = (line: PreparedLine, indexes: Int32Array, count: number, out: Float64Array): void => {
      const max = line.line.maxUnitPrice;
      for (let k = 0; k < count; k++) out[k] = max === undefined ? QUICK_NOT_APPLICABLE : priceAt(line, max, indexes[k] as number);
    };

    const full = (pair: Pair): Verdict => {
      const max = pair.line.line.maxUnitPrice;
      const offered = pair.offering.offering.unitPrice;
      if (max === undefined || offered === undefined)
        return notApplicable(
          reason(
            PRICE_REASONS.unknown,
            max === undefined ? 'The demand line sets no maximum unit price.' : 'The offering states no unit price.',
            { side: max === undefined ? 'line' : 'offering' },
          ),
        );
      const offerPer = offered.per ?? DEFAULT_PER;
      const maxPer = max.per ?? DEFAULT_PER;
      const factor = factorOf(offerPer, maxPer);
      if (factor === undefined)
        return notApplicable(
          reason(
            PRICE_REASONS.incomparableUnit,
            sentence(`A price per ${offerPer} cannot be compared with a maximum per ${maxPer}`),
            { offeredPer: offerPer, maxPer },
          ),
        );
      const converted = convert(offered, max.currency);
      if ('missing' in converted)
        return notApplicable(
          reason(
            PRICE_REASONS.noExchangeRate,
            rates === undefined
              ? `No exchange rates are given to compare ${offered.currency} with ${max.currency}.`
              : `No exchange rate for ${converted.missing} (base ${rates.base}) to compare ${offered.currency} with ${max.currency}.`,
            { currency: converted.missing, from: offered.currency, to: max.currency, base: rates?.base ?? null },
          ),
        );

      const price = converted.amount * factor;
      const ratio = ratioOf(price, max);
      const score = scoreOf(ratio);
      const pass = passOf(ratio, max);
      const offeredText = show(offered.amount, offered.currency, offerPer);
      const maxText = show(max.amount, max.currency, maxPer);
      const sameTerms = offered.currency === max.currency && factor === 1;
      const asMax = sameTerms ? '' : ` (≈ ${show(price, max.currency, maxPer)})`;
      const data = {
        price: offered.amount,
        currency: offered.currency,
        per: offerPer,
        priceInMaxCurrency: round4(price),
        max: max.amount,
        maxCurrency: max.currency,
        maxPer,
      };

      if (ratio <= 1)
        return {
          applicable: true,
          pass,
          score,
          reasons: [
            reason(PRICE_REASONS.within, sentence(`Unit price ${offeredText}${asMax} is ${round1(ratio * 100)}% of the maximum ${maxText}`), {
              ...data,
              ratio: round4(ratio),
            }),
          ],
        };

      const finite = Number.isFinite(ratio);
      const percentOver = finite ? round1((ratio - 1) * 100) : null;
      const limit = hardLimit(max) ? 'hard' : 'soft';
      return {
        applicable: true,
        pass,
        score,
        reasons: [
          reason(
            PRICE_REASONS.overMax,
            sentence(
              `Unit price ${offeredText}${asMax} is ${percentOver === null ? 'above' : `${percentOver}% over`} the ${limit === 'hard' ? 'hard' : 'soft'} maximum ${maxText}${limit === 'hard' ? '' : ', so price scores 0'}`,
            ),
            { ...data, ratio: finite ? round4(ratio) : null, percentOver, limit },
            pass ? 'shortfall' : 'failure',
          ),
        ],
      };
    };
    // Not shared (see VerdictShare): prices are amounts, and on the synthetic benchmark 83 % of
    // the kept candidates' price verdicts are distinct, so keying them cost more than it saved.
    // Over a hard maximum fails, scoring 0.
    const failing = (line: PreparedLine): number => {
      const max = line.line.maxUnitPrice;
      return max !== undefined && hardLimit(max) ? 0 : CANNOT_FAIL;
    };
    return withQuick(full, quick, { batch, cost: 2, failing });
  },
});
