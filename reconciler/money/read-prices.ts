// The read phase's price sheets: one download per market of the planned customers, before the pure
// planner runs. A sheet that cannot be read (no app+user token, a service that does not serve it)
// leaves that market unpriced with a warning in the plan; it never stops a plan. With a cache folder
// (the state directory's `price-sheets/`), a market's sheet is downloaded once per month: the file
// holds prices only, no secret.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PriceSheet } from "../../client/index.js";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { addPriceSheet, emptyPriceBook, type PriceBook } from "./price-book.js";

export interface PriceSheetReader {
  partnerCenter: { priceSheets?: { get(market: string): Promise<PriceSheet> } };
}

export interface PriceCache {
  dir: string;
  /** The service's current month, `YYYY-MM`: a sheet cached in another month is read again. */
  month: string;
}

export async function readPrices(
  client: PriceSheetReader,
  customers: readonly DesiredCustomer[],
  cache?: PriceCache,
): Promise<PriceBook> {
  const book = emptyPriceBook();
  const reader = client.partnerCenter.priceSheets;
  if (reader === undefined) return book;
  const markets = [...new Set(customers.map((c) => c.company.country.toUpperCase()))].sort();
  for (const market of markets) {
    const file = cache === undefined ? undefined : join(cache.dir, `${market}-${cache.month}.json`);
    const cached = file === undefined ? undefined : readCached(file, market);
    if (cached !== undefined) {
      addPriceSheet(book, cached);
      continue;
    }
    try {
      const sheet = await reader.get(market);
      addPriceSheet(book, sheet);
      if (cache !== undefined && file !== undefined) {
        ensurePrivateDir(cache.dir);
        writePrivateFile(file, JSON.stringify(sheet));
      }
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

/** A cached sheet of `market`, or undefined when there is none or it is not one (then it is downloaded again). */
function readCached(file: string, market: string): PriceSheet | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const sheet = JSON.parse(readFileSync(file, "utf8")) as Partial<PriceSheet>;
    return sheet.market === market && Array.isArray(sheet.prices) && Array.isArray(sheet.skipped)
      ? (sheet as PriceSheet)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `YYYY-MM` of a date, for the cache. */
export const monthOf = (date: Date): string => date.toISOString().slice(0, 7);
