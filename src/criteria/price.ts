import { z } from 'zod';
import type { MaxPrice } from '../model/common.js';
import type { ExchangeRates } from '../model/dataset.js';
import { parseQuantity } from '../model/quantity.js';
import { clampScore, defineCriterion, sentence } from './criterion.js';
import { Outcome, type Report } from './derive.js';
import { deficitSize, type CriterionDeficits } from './deficit.js';
import { reasonMaker, type DeclaredReason, type ReasonDeclarations } from './reasons.js';

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

/** The data of a price set against the maximum: the offered price, and it and the maximum in the maximum's terms. */
const PRICE_TERMS = {
  price: 'number',
  currency: 'string',
  per: 'string',
  priceInMaxCurrency: 'number',
  max: 'number',
  maxCurrency: 'string',
  maxPer: 'string',
} as const;

/**
 * What each reason code of {@link priceCriterion} means, its severities and its data (its
 * `meta.reasons`); {@link PriceReason} is derived from it.
 *
 * @example
 * PRICE_REASON_DECLARATIONS['price.over_max'].data.percentOver; // => 'number | null'
 */
export const PRICE_REASON_DECLARATIONS = {
  [PRICE_REASONS.within]: { severity: 'info', description: 'the price is within the maximum (ratio: price over the maximum)', data: { ...PRICE_TERMS, ratio: 'number' } },
  [PRICE_REASONS.overMax]: {
    severity: ['failure', 'shortfall'],
    description: 'the price is over the maximum: a failure over a hard one (ratio and percentOver null when it cannot be measured; limit: hard or soft)',
    data: { ...PRICE_TERMS, ratio: 'number | null', percentOver: 'number | null', limit: 'string' },
  },
  [PRICE_REASONS.unknown]: { severity: 'info', description: 'the line sets no maximum or the offering no price: not applicable (side: which)', data: { side: 'string' } },
  [PRICE_REASONS.noExchangeRate]: {
    severity: 'info',
    description: 'no exchange rate between the two currencies: not applicable (currency: the one without a rate)',
    data: { currency: 'string', from: 'string', to: 'string', base: 'string | null' },
  },
  [PRICE_REASONS.incomparableUnit]: { severity: 'info', description: 'the price and the maximum are per units that do not convert: not applicable', data: { offeredPer: 'string', maxPer: 'string' } },
} as const satisfies ReasonDeclarations;

/**
 * A reason of {@link priceCriterion}, its data typed by its code.
 *
 * @example
 * if (r.code === 'price.over_max') r.data.percentOver; // => 12
 */
export type PriceReason = DeclaredReason<typeof PRICE_REASON_DECLARATIONS>;

const priceReason = reasonMaker(PRICE_REASON_DECLARATIONS);

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

/** What price reads from an offering: its unit price's amount (NaN when none), currency (none when no price) and unit. */
interface PriceOffering {
  readonly amount: number;
  readonly currency: string | undefined;
  readonly per: string;
}


/** What price's reasons mean for gap analysis (see `CriterionDeficits`). */
const PRICE_DEFICITS: CriterionDeficits<PriceReason> = {
  kind: 'price',
  // Cost-down comes from the process (yield, materials).
  support: { 'price.*': 'technical' },
  read(code, data, _message) {
    if (code !== 'price.over_max') return undefined;
    return {
      summary: data.percentOver === null ? 'price above the maximum' : `price ${data.percentOver}% over the maximum ${data.max} ${data.maxCurrency}`,
      remedy: `its price came down to the maximum`,
      size: deficitSize(data.percentOver === null ? undefined : data.percentOver / 100),
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
    weight: 1,
    deficits: PRICE_DEFICITS,
    reasons: PRICE_REASON_DECLARATIONS,
    options: PriceOptionsSchema,
    defaults: { gateOverMax: false },
  },
  rule(options, context) {
    const rates = context.exchangeRates;
    const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const show = (amount: number, currency: string, per: string): string => `${money.format(amount)} ${currency} per ${per}`;

    // Unit factors repeat for every pair of the same two units (`unit`/`unit`, `mL`/`L`).
    const factors = new Map<string, Map<string, number | undefined>>();
    // The last two units asked about, and their factor: most pairs ask the same as the one before.
    let lastOfferPer: string | undefined;
    let lastMaxPer: string | undefined;
    let lastFactor: number | undefined;
    const factorOf = (offerPer: string, maxPer: string): number | undefined => {
      if (offerPer === lastOfferPer && maxPer === lastMaxPer) return lastFactor;
      lastOfferPer = offerPer;
      lastMaxPer = maxPer;
      lastFactor = factorAmong(offerPer, maxPer);
      return lastFactor;
    };
    const factorAmong = (offerPer: string, maxPer: string): number | undefined => {
      let byMax = factors.get(offerPer);
      if (byMax === undefined) {
        byMax = new Map();
        factors.set(offerPer, byMax);
      }
      if (byMax.has(maxPer)) return byMax.get(maxPer);
      const factor = perFactor(offerPer, maxPer);
      byMax.set(maxPer, factor);
      return factor;
    };
    /** Whether the line's maximum is a hard limit: its own `limit`, else the option. */
    const hardLimit = (max: MaxPrice): boolean => (max.limit === undefined ? options.gateOverMax : max.limit === 'hard');

    const reportUnknown = (report: Report<PriceReason>, max: MaxPrice | undefined): void => {
      report(
        priceReason(PRICE_REASONS.unknown, max === undefined ? 'The demand line sets no maximum unit price.' : 'The offering states no unit price.', {
          side: max === undefined ? 'line' : 'offering',
        }),
      );
    };
    const reportIncomparable = (report: Report<PriceReason>, offerPer: string, maxPer: string): void => {
      report(priceReason(PRICE_REASONS.incomparableUnit, sentence(`A price per ${offerPer} cannot be compared with a maximum per ${maxPer}`), { offeredPer: offerPer, maxPer }));
    };
    const reportNoRate = (report: Report<PriceReason>, currency: string, maxCurrency: string, missing: string): void => {
      report(
        priceReason(
          PRICE_REASONS.noExchangeRate,
          rates === undefined
            ? `No exchange rates are given to compare ${currency} with ${maxCurrency}.`
            : `No exchange rate for ${missing} (base ${rates.base}) to compare ${currency} with ${maxCurrency}.`,
          { currency: missing, from: currency, to: maxCurrency, base: rates?.base ?? null },
        ),
      );
    };
    /** The reason of a verdict `judge` decided (price in the maximum's terms, ratio and pass as it worked them out). */
    const explain = (report: Report<PriceReason>, max: MaxPrice, amount: number, currency: string, offerPer: string, maxPer: string, factor: number, price: number, ratio: number, pass: boolean): void => {
      const offeredText = show(amount, currency, offerPer);
      const maxText = show(max.amount, max.currency, maxPer);
      const sameTerms = currency === max.currency && factor === 1;
      const asMax = sameTerms ? '' : ` (≈ ${show(price, max.currency, maxPer)})`;
      const data = {
        price: amount,
        currency,
        per: offerPer,
        priceInMaxCurrency: round4(price),
        max: max.amount,
        maxCurrency: max.currency,
        maxPer,
      };
      if (ratio <= 1) {
        report(priceReason(PRICE_REASONS.within, sentence(`Unit price ${offeredText}${asMax} is ${round1(ratio * 100)}% of the maximum ${maxText}`), { ...data, ratio: round4(ratio) }));
        return;
      }
      const finite = Number.isFinite(ratio);
      const percentOver = finite ? round1((ratio - 1) * 100) : null;
      const limit = hardLimit(max) ? 'hard' : 'soft';
      report(
        priceReason(
          PRICE_REASONS.overMax,
          sentence(
            `Unit price ${offeredText}${asMax} is ${percentOver === null ? 'above' : `${percentOver}% over`} the ${limit === 'hard' ? 'hard' : 'soft'} maximum ${maxText}${limit === 'hard' ? '' : ', so price scores 0'}`,
          ),
          { ...data, ratio: finite ? round4(ratio) : null, percentOver, limit },
          pass ? 'shortfall' : 'failure',
        ),
      );
    };

    return {
      // The offered price: amount (NaN when none), currency and unit.
      offering: (prepared): PriceOffering => {
        const p = prepared.offering.unitPrice;
        return p === undefined ? { amount: Number.NaN, currency: undefined, per: DEFAULT_PER } : { amount: p.amount, currency: p.currency, per: p.per ?? DEFAULT_PER };
      },
      line: (prepared) => ({ max: prepared.line.maxUnitPrice }),
      judge({ max }, offered, report) {
        // The reasons are written by the functions above, called only when they are asked for,
        // so that this function stays small enough for the engine's batch loop to take in whole.
        if (max === undefined || offered.currency === undefined) {
          if (report !== undefined) reportUnknown(report, max);
          return Outcome.notApplicable;
        }
        const offerPer = offered.per;
        const maxPer = max.per ?? DEFAULT_PER;
        const factor = factorOf(offerPer, maxPer);
        if (factor === undefined) {
          if (report !== undefined) reportIncomparable(report, offerPer, maxPer);
          return Outcome.notApplicable;
        }
        // The offered price in the maximum's currency.
        let amount = offered.amount;
        if (offered.currency !== max.currency) {
          const from = rates === undefined ? undefined : rateOf(offered.currency, rates);
          const to = rates === undefined ? undefined : rateOf(max.currency, rates);
          if (from === undefined || to === undefined) {
            if (report !== undefined) reportNoRate(report, offered.currency, max.currency, from === undefined ? offered.currency : max.currency);
            return Outcome.notApplicable;
          }
          amount = (offered.amount * from) / to;
        }
        const price = amount * factor;
        // A maximum of 0 is met by a free offer only.
        const ratio = max.amount > 0 ? price / max.amount : price > 0 ? Number.POSITIVE_INFINITY : 0;
        // 1 − 0.5 × ratio within the maximum, 0 over it; over it passes only a soft maximum.
        const score = ratio <= 1 ? clampScore(1 - 0.5 * ratio) : 0;
        const pass = ratio <= 1 || !hardLimit(max);
        if (report !== undefined) explain(report, max, offered.amount, offered.currency, offerPer, maxPer, factor, price, ratio, pass);
        return Outcome.of(pass, score);
      },
      // Over a hard maximum fails, scoring 0.
      failScore: ({ max }) => (max !== undefined && hardLimit(max) ? 0 : undefined),
      cost: 2,
    };
  },
});
