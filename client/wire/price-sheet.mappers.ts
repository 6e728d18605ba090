// Price sheet CSV → domain prices. The text is untrusted: every row is checked, rows that cannot be
// priced are listed in `skipped` (never guessed), and where Microsoft republished a row the latest
// EffectiveStartDate wins.
import { parse } from "csv-parse/sync";
import type { PriceSheet, SheetPrice } from "../types.js";
import type { PriceSheetRow } from "./price-sheet.js";

export function priceSheetFromCsv(text: string, market: string): PriceSheet {
  const records = parse(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
  }) as { record: PriceSheetRow; info: { lines: number } }[];
  const latest = new Map<string, SheetPrice>();
  const skipped: PriceSheet["skipped"] = [];
  for (const { record, info } of records) {
    const price = priceFromRow(record);
    if (typeof price === "string") {
      skipped.push({ line: info.lines, reason: price });
      continue;
    }
    const key = sheetPriceKey(price);
    const known = latest.get(key);
    if (known === undefined || known.effectiveStart < price.effectiveStart) latest.set(key, price);
  }
  const prices = [...latest.values()];
  return { market, currency: prices[0]?.currency, prices, skipped };
}

/** The identity of a price: product, SKU, term and billing plan, case-insensitive. */
export function sheetPriceKey(price: Pick<SheetPrice, "productId" | "skuId" | "termDuration" | "billingPlan">): string {
  return [price.productId, price.skuId, price.termDuration, price.billingPlan].join("|").toLowerCase();
}

function priceFromRow(row: PriceSheetRow): SheetPrice | string {
  const productId = row.ProductId ?? "";
  const skuId = row.SkuId ?? "";
  if (productId === "" || skuId === "") return "no ProductId or SkuId";
  const unitPrice = money(row.UnitPrice);
  if (unitPrice === undefined) return `UnitPrice ${JSON.stringify(row.UnitPrice ?? "")} is not a price`;
  const effectiveStart = sheetDate(row.EffectiveStartDate);
  if (effectiveStart === undefined)
    return `EffectiveStartDate ${JSON.stringify(row.EffectiveStartDate ?? "")} is not a date`;
  const erpPrice = money(row["ERP Price"]);
  const effectiveEnd = sheetDate(row.EffectiveEndDate);
  return {
    productId,
    skuId,
    productTitle: row.ProductTitle ?? "",
    skuTitle: row.SkuTitle ?? "",
    termDuration: (row.TermDuration ?? "").toUpperCase(),
    billingPlan: (row.BillingPlan ?? "").toLowerCase(),
    market: row.Market ?? "",
    currency: (row.Currency ?? "").toUpperCase(),
    unitPrice,
    ...(erpPrice === undefined ? {} : { erpPrice }),
    effectiveStart,
    ...(effectiveEnd === undefined ? {} : { effectiveEnd }),
    tags: (row.Tags ?? "")
      .split(";")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ""),
  };
}

function money(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `2/1/2019 12:00:00 AM` (the sheet's US format, UTC) or ISO 8601 → ISO 8601. */
export function sheetDate(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM))?$/i.exec(text);
  if (us !== null) {
    const [, month, day, year, hour = "12", minute = "0", second = "0", half = "AM"] = us;
    const hours = (Number(hour) % 12) + (half.toUpperCase() === "PM" ? 12 : 0);
    const date = new Date(
      Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second)),
    );
    return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day) ? undefined : date.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
