// The partner's resale price of one seat for one month (docs/money.md): the first price layer (the
// customer's own, then its PriceList) with a rule for the offer wins — the most specific rule of that
// layer (offer + term + billing, then offer + term or billing, then offer) — else the first layer
// with a markup; with neither, Microsoft's estimated retail (ERP) price.
import type { DesiredPricing } from "../model/desired-estate.js";
import type { PriceRule } from "../model/estate.generated.js";

export interface ResalePrice {
  /** Per seat per month, in the customer's currency. */
  monthly: number;
  /** Which rule set it: `customer: markup 10%`, `priceList:default: price`, `erp`. */
  from: string;
}

/**
 * A customer's resale price for an offer, term and billing, given the price-sheet cost per seat per
 * month (undefined when the sheet has no row: only a fixed price can then be given).
 */
export function customerResalePrice(
  pricing: DesiredPricing | undefined,
  item: { offer: string; term: string; billing: string },
  cost: { monthly: number; erpMonthly?: number } | undefined,
): ResalePrice | undefined {
  const layers = pricing?.layers ?? [];
  for (const layer of layers) {
    const rule = mostSpecific(layer.prices, item);
    if (rule === undefined) continue;
    if (rule.price !== undefined) return { monthly: rule.price, from: `${layer.from}: price` };
    if (rule.markup !== undefined && cost !== undefined)
      return { monthly: withMarkup(cost.monthly, rule.markup), from: `${layer.from}: markup ${rule.markup}%` };
  }
  if (cost === undefined) return undefined;
  const markup = layers.find((layer) => layer.markup !== undefined);
  if (markup?.markup !== undefined)
    return { monthly: withMarkup(cost.monthly, markup.markup), from: `${markup.from}: markup ${markup.markup}%` };
  return cost.erpMonthly === undefined ? undefined : { monthly: cost.erpMonthly, from: "erp" };
}

function withMarkup(cost: number, percent: number): number {
  return (cost * (100 + percent)) / 100;
}

function mostSpecific(
  rules: readonly PriceRule[],
  item: { offer: string; term: string; billing: string },
): PriceRule | undefined {
  let best: PriceRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.offer.toLowerCase() !== item.offer.toLowerCase()) continue;
    if (rule.term !== undefined && rule.term !== item.term) continue;
    if (rule.billing !== undefined && rule.billing !== item.billing) continue;
    const score = (rule.term === undefined ? 0 : 1) + (rule.billing === undefined ? 0 : 1);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}
