// Price lists and customer pricing: each price rule names a known offer and exactly one of markup or
// price, a customer's price list exists, and fixed prices are in the customer's currency.
import type { PriceListSpec, PriceRule, Pricing } from "../../model/estate.generated.js";
import { didYouMean } from "../did-you-mean.js";
import type { ParsedDocument } from "../parse-documents.js";
import { spanIn, type CheckContext, type MergedCustomer } from "./context.js";

export interface PriceListDocument {
  name: string;
  document: ParsedDocument;
  spec: PriceListSpec;
}

/** The PriceList a customer uses: the one it names, else the one named `default`. */
export function priceListOf(
  pricing: Pricing | undefined,
  lists: ReadonlyMap<string, PriceListDocument>,
): PriceListDocument | undefined {
  return lists.get(pricing?.priceList ?? "default");
}

export function checkPriceList(list: PriceListDocument, context: CheckContext): void {
  checkRules(list.spec.prices ?? [], list.document, context);
}

export function checkPricing(
  customer: MergedCustomer,
  lists: ReadonlyMap<string, PriceListDocument>,
  context: CheckContext,
): void {
  const pricing = customer.spec.pricing;
  if (pricing === undefined) return;
  checkRules(pricing.prices ?? [], customer.document, context);
  const named = pricing.priceList;
  if (named !== undefined && !lists.has(named)) {
    context.sink.error(
      "estate.unknown_price_list",
      `price list "${named}" is not defined`,
      spanIn(context, customer.document, pricing, "priceList"),
      didYouMean(named, [...lists.keys()], "define it in a document with kind: PriceList"),
    );
    return;
  }
  const list = priceListOf(pricing, lists);
  const fixed = (list?.spec.prices ?? []).some((rule) => rule.price !== undefined);
  if (list !== undefined && fixed && pricing.currency !== undefined && pricing.currency !== list.spec.currency) {
    context.sink.error(
      "estate.currency_mismatch",
      `the customer's currency is ${pricing.currency}, but price list "${list.name}" has fixed prices in ${list.spec.currency}`,
      spanIn(context, customer.document, pricing, "currency"),
      `use a price list in ${pricing.currency} (pricing.priceList), or markups instead of fixed prices`,
    );
  }
}

function checkRules(rules: readonly PriceRule[], document: ParsedDocument, context: CheckContext): void {
  const offers = Object.keys(context.catalog.offers);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!Object.hasOwn(context.catalog.offers, rule.offer)) {
      context.sink.error(
        "estate.unknown_offer",
        `offer "${rule.offer}" is not in the catalog`,
        spanIn(context, document, rule, "offer"),
        didYouMean(rule.offer, offers, "see data/catalog.json for the offers cspctl knows"),
      );
    }
    if ((rule.markup === undefined) === (rule.price === undefined)) {
      context.sink.error(
        "estate.price_rule_invalid",
        `the price of ${rule.offer} needs exactly one of markup or price`,
        spanIn(context, document, rule),
        "write markup: <percent over cost> or price: <monthly resale price per seat>, not both",
      );
    }
    const key = [rule.offer, rule.term ?? "*", rule.billing ?? "*"].join("|");
    if (seen.has(key)) {
      context.sink.error(
        "estate.duplicate_price",
        `${rule.offer}${rule.term ? ` ${rule.term}` : ""}${rule.billing ? ` ${rule.billing}` : ""} is priced twice in this list`,
        spanIn(context, document, rule, "offer"),
        "keep one rule per offer, term and billing",
      );
    }
    seen.add(key);
  }
}
