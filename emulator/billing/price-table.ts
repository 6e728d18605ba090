// The emulator's price list: one row per catalog offer × term × billing plan (and a trial row), in
// the US market in USD, built from Microsoft's public list prices (data/list-prices.json; the rules
// and sources are in data/PRICES.md). Amounts are integer cents so every charge adds up to the cent.
import listPrices from "../../data/list-prices.json" with { type: "json" };
import type { BillingCycle, Catalog, CatalogOffer, TermDuration } from "../../core/catalog.js";
import { termMonths } from "../rules/terms.js";

export type BillingPlan = "Monthly" | "Annual" | "Triennial" | "None";

export interface PriceRow {
  offerId: string;
  productId: string;
  skuId: string;
  title: string;
  termDuration: TermDuration;
  billingPlan: BillingPlan;
  market: string;
  currency: string;
  /** Partner (cost) price of one billing period, cents. */
  partnerPerPeriodCents: number;
  /** Estimated retail (ERP) price of one billing period, cents. */
  erpPerPeriodCents: number;
  /** Billing periods in one term (12 for an annual term billed monthly). */
  periods: number;
  /** The price sheet's `UnitPrice`: the partner price of the whole term, cents. */
  unitPriceCents: number;
  /** The price sheet's `ERP Price`: the retail price of the whole term, cents. */
  erpCents: number;
  trial: boolean;
}

export const PRICE_MARKET = listPrices.market;
export const PRICE_CURRENCY = listPrices.currency;
/** Partner price = ERP × 0.8: the ratio of `UnitPrice` to `ERP Price` in Microsoft's price sheet sample (115.2 / 144). */
const PARTNER_SHARE = 0.8;
/** A monthly term costs 20% more than an annual one (data/PRICES.md, rule M-1). */
const MONTHLY_TERM_UPLIFT = 1.2;
/** An annual or triennial term billed monthly costs 5% more than one paid up front (data/PRICES.md, rule M-2). */
const MONTHLY_BILLING_UPLIFT = 1.05;

const PERIOD_MONTHS: Record<BillingCycle, number> = { monthly: 1, annual: 12, triennial: 36 };
const PLAN_NAMES: Record<BillingCycle, BillingPlan> = { monthly: "Monthly", annual: "Annual", triennial: "Triennial" };

export function billingPlanOf(cycle: BillingCycle): BillingPlan {
  return PLAN_NAMES[cycle];
}

/** Months in one billing period of a cycle (1, 12 or 36). */
export function periodMonths(cycle: BillingCycle): number {
  return PERIOD_MONTHS[cycle];
}

/** Half-up rounding to whole cents of an amount in cents. */
export function roundCents(cents: number): number {
  return Math.round(cents + Number.EPSILON * Math.abs(cents));
}

function listPriceCents(offerId: string): number {
  const entry = (listPrices.prices as Record<string, { monthly: string } | undefined>)[offerId];
  if (entry === undefined) throw new Error(`no list price for catalog offer ${offerId} in data/list-prices.json`);
  const [whole, fraction = ""] = entry.monthly.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
}

function priceRow(offer: CatalogOffer, term: TermDuration, cycle: BillingCycle): PriceRow {
  const base = listPriceCents(offer.id);
  const uplift = term === "P1M" ? MONTHLY_TERM_UPLIFT : cycle === "monthly" ? MONTHLY_BILLING_UPLIFT : 1;
  const erpMonth = roundCents(base * uplift);
  const monthsPerPeriod = Math.min(PERIOD_MONTHS[cycle], termMonths(term));
  const periods = termMonths(term) / monthsPerPeriod;
  const erpPerPeriodCents = erpMonth * monthsPerPeriod;
  const partnerPerPeriodCents = roundCents(erpPerPeriodCents * PARTNER_SHARE);
  return {
    ...identity(offer),
    termDuration: term,
    billingPlan: PLAN_NAMES[cycle],
    partnerPerPeriodCents,
    erpPerPeriodCents,
    periods,
    unitPriceCents: partnerPerPeriodCents * periods,
    erpCents: erpPerPeriodCents * periods,
    trial: false,
  };
}

function identity(offer: CatalogOffer) {
  return {
    offerId: offer.id,
    productId: offer.productId,
    skuId: offer.skuId,
    title: offer.title,
    market: PRICE_MARKET,
    currency: PRICE_CURRENCY,
  };
}

/** Every price row of the catalog, in catalog order: each term × billing plan, then the trial. */
export function buildPriceTable(catalog: Catalog): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const offer of Object.values(catalog.offers)) {
    for (const term of offer.terms)
      for (const cycle of offer.billing[term] ?? []) rows.push(priceRow(offer, term, cycle));
    if (offer.trialAvailable) {
      rows.push({
        ...identity(offer),
        termDuration: "P1M",
        billingPlan: "None",
        partnerPerPeriodCents: 0,
        erpPerPeriodCents: 0,
        periods: 1,
        unitPriceCents: 0,
        erpCents: 0,
        trial: true,
      });
    }
  }
  return rows;
}

const tables = new WeakMap<Catalog, Map<string, PriceRow>>();

/** The paid price row of an offer for a term and billing cycle; undefined when the catalog has no such availability. */
export function findPrice(
  catalog: Catalog,
  offerId: string,
  term: TermDuration,
  cycle: BillingCycle,
): PriceRow | undefined {
  let index = tables.get(catalog);
  if (index === undefined) {
    index = new Map(
      buildPriceTable(catalog)
        .filter((row) => !row.trial)
        .map((row) => [`${row.offerId}|${row.termDuration}|${row.billingPlan}`, row]),
    );
    tables.set(catalog, index);
  }
  return index.get(`${offerId}|${term}|${PLAN_NAMES[cycle]}`);
}

/** Cents as Partner Center prints amounts: `115.2`, `144`, `0.5` (no trailing zeros). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}
