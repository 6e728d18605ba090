// The price-sheet costs a plan is priced from: read once per market before planning (read-prices.ts)
// and handed to the pure planner as data.
import { sheetPriceKey, type PriceSheet, type SheetPrice } from "../../client/index.js";

export interface PriceBook {
  /** Market (`US`) → its currency and prices by product, SKU, term and billing plan. */
  markets: Map<string, { currency: string | undefined; prices: Map<string, SheetPrice> }>;
  /** Market → why its price sheet could not be read. */
  unavailable: Map<string, string>;
}

export const emptyPriceBook = (): PriceBook => ({ markets: new Map(), unavailable: new Map() });

export function addPriceSheet(book: PriceBook, sheet: PriceSheet): void {
  book.markets.set(sheet.market.toUpperCase(), {
    currency: sheet.currency,
    prices: new Map(sheet.prices.map((price) => [sheetPriceKey(price), price])),
  });
}

/** Months in an NCE term (`P1M`, `P1Y`, `P3Y`). */
export function termMonths(term: string): number {
  return term === "P1M" ? 1 : term === "P3Y" ? 36 : 12;
}

/** Cost of one seat for one month, from the sheet's whole-term UnitPrice (R-TERM-5: an annual term billed monthly pays a twelfth each month). */
export interface SeatCost {
  currency: string;
  monthly: number;
  /** One seat for the whole term. */
  term: number;
  /** Microsoft's estimated retail price per seat per month, when the sheet has one. */
  erpMonthly?: number;
}

export function seatCost(
  book: PriceBook,
  market: string,
  item: { offer: string; term: string; billing: string },
): SeatCost | undefined {
  const sheet = book.markets.get(market.toUpperCase());
  const [productId = "", skuId = ""] = item.offer.split(":");
  const price = sheet?.prices.get(
    sheetPriceKey({ productId, skuId, termDuration: item.term, billingPlan: item.billing }),
  );
  if (price === undefined) return undefined;
  const months = termMonths(item.term);
  return {
    currency: price.currency,
    monthly: price.unitPrice / months,
    term: price.unitPrice,
    ...(price.erpPrice === undefined ? {} : { erpMonthly: price.erpPrice / months }),
  };
}
