// The `pricing` block of a cart or order line (Partner Center docs: cart-resources, order-resources;
// samples cart.create.nce, cart.checkout.nce.order): partner prices, pre-tax, in the billing currency.
// `listPrice` = one billing period of one unit, `discountedPrice` = that less the line's promotion
// (a percent off the partner price, Partner Center docs: new-commerce-promotions);
// `proratedPrice` = that period shortened by `customTermEndDate`; `extendedPrice` = the whole
// (possibly shortened) term × quantity — the sample's P1Y/monthly line shows 30.4 and 364.8 = 12 × 30.4.
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import { termEnd } from "../rules/terms.js";
import { findPrice, roundCents } from "./price-table.js";

/** Amounts in cents. */
export interface LinePricingRecord {
  listPrice: number;
  discountedPrice: number;
  proratedPrice: number;
  price: number;
  extendedPrice: number;
}

export interface LinePricingInput {
  catalogItemId: string;
  termDuration: string;
  billingCycle: string;
  quantity: number;
  isTrial: boolean;
  customTermEndDate?: string;
  /** The promotion's fraction off the partner price (0.15), when one applies. */
  discount?: number;
  now: Date;
}

const FREE: LinePricingRecord = { listPrice: 0, discountedPrice: 0, proratedPrice: 0, price: 0, extendedPrice: 0 };

export function linePricing(catalog: Catalog, input: LinePricingInput): LinePricingRecord {
  const item = resolveCatalogItem(catalog, input.catalogItemId);
  if (input.isTrial || item === undefined) return { ...FREE };
  const term = input.termDuration as TermDuration;
  const row = findPrice(catalog, item.offer.id, term, input.billingCycle as BillingCycle);
  if (row === undefined) return { ...FREE };
  const share = prorationShare(input.now, term, input.customTermEndDate);
  const keep = 1 - (input.discount ?? 0);
  const list = row.partnerPerPeriodCents;
  const discounted = roundCents(list * keep);
  const prorated = roundCents(discounted * share);
  return {
    listPrice: list,
    discountedPrice: discounted,
    proratedPrice: prorated,
    price: prorated,
    extendedPrice: roundCents(row.unitPriceCents * keep * share) * input.quantity,
  };
}

/** The share of a full term that a term ending at `customTermEndDate` covers (1 without one), by days. */
function prorationShare(now: Date, term: TermDuration, customTermEndDate: string | undefined): number {
  if (customTermEndDate === undefined) return 1;
  const full = termEnd(now, term).getTime() - now.getTime();
  const custom = new Date(customTermEndDate).getTime() - now.getTime();
  return Math.min(1, Math.max(0, Math.ceil(custom / 86_400_000) / Math.ceil(full / 86_400_000)));
}

/** Cents → the JSON number Partner Center writes (`30.4`, `364.8`). */
export function pricingView(pricing: LinePricingRecord): LinePricingRecord {
  const toNumber = (cents: number): number => cents / 100;
  return {
    listPrice: toNumber(pricing.listPrice),
    discountedPrice: toNumber(pricing.discountedPrice),
    proratedPrice: toNumber(pricing.proratedPrice),
    price: toNumber(pricing.price),
    extendedPrice: toNumber(pricing.extendedPrice),
  };
}
