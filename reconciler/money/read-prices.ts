// The read phase's price sheets: one download per market of the planned customers, before the pure
// planner runs. A sheet that cannot be read (no app+user token, a service that does not serve it)
// leaves that market unpriced with a warning in the plan; it never stops a plan.
import type { PriceSheet } from "../../client/index.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { addPriceSheet, emptyPriceBook, type PriceBook } from "./price-book.js";

export interface PriceSheetReader {
  partnerCenter: { priceSheets?: { get(market: string): Promise<PriceSheet> } };
}

export async function readPrices(client: PriceSheetReader, customers: readonly DesiredCustomer[]): Promise<PriceBook> {
  const book = emptyPriceBook();
  const reader = client.partnerCenter.priceSheets;
  if (reader === undefined) return book;
  const markets = [...new Set(customers.map((c) => c.company.country.toUpperCase()))].sort();
  for (const market of markets) {
    try {
      addPriceSheet(book, await reader.get(market));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      book.unavailable.set(
        market,
        typeof code === "string" ? code : error instanceof Error ? error.message : String(error),
      );
    }
  }
  return book;
}
