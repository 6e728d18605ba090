// The NCE licence-based price sheet as the Partner API host serves it: a CSV file download
// (Partner Center docs: get-a-price-sheet; sample pricesheet.updatedlicensebased.sample.csv).
// `GET /v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value[?timeline=&month=]`.
import { stringify } from "csv-stringify/sync";
import { buildPriceTable, centsToDecimal, PRICE_MARKET, type PriceRow } from "../billing/price-table.js";
import { invalidInput, notEmulated, partnerCenterError } from "../errors.js";
import type { Handler } from "../pipeline/types.js";

/** The columns of Microsoft's sample, in its order. */
export const PRICE_SHEET_COLUMNS = [
  "ProductTitle",
  "ProductId",
  "SkuId",
  "SkuTitle",
  "Publisher",
  "SkuDescription",
  "UnitOfMeasure",
  "TermDuration",
  "BillingPlan",
  "Market",
  "Currency",
  "UnitPrice",
  "PricingTierRangeMin",
  "PricingTierRangeMax",
  "EffectiveStartDate",
  "EffectiveEndDate",
  "Tags",
  "ERP Price",
] as const;

const SHEET = /^pricesheets\(Market='([^']*)',PricesheetView='([^']*)'\)$/i;
const OTHER_VIEWS = new Set(["azure_consumption", "azure_reservations", "marketplace", "software"]);

export const getPriceSheet: Handler = (request, context) => {
  const match = SHEET.exec(request.params.sheet ?? "");
  if (match === null)
    throw invalidInput("Expected pricesheets(Market='{country}',PricesheetView='{view}') in the request path.");
  const [, market = "", view = ""] = match;
  if (OTHER_VIEWS.has(view.toLowerCase()))
    throw notEmulated(request.method, `/v1.0/sales/${request.params.sheet}/$value`);
  if (view.toLowerCase() !== "updatedlicensebased")
    throw invalidInput(
      `Unknown PricesheetView '${view}'. Use updatedlicensebased, azure_consumption, azure_reservations, marketplace or software.`,
    );
  if (market.toUpperCase() !== PRICE_MARKET)
    throw partnerCenterError(
      404,
      404,
      `No price sheet for market '${market}': the cspctl emulator prices the US market only.`,
    );
  const timeline = (request.query.get("timeline") ?? "current").toLowerCase();
  const now = context.clock.now();
  let month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  if (timeline === "future") throw partnerCenterError(404, 404, "No price changes are scheduled.");
  if (timeline === "history") {
    const wanted = /^(\d{4})(0[1-9]|1[0-2])$/.exec(request.query.get("month") ?? "");
    if (wanted === null) throw invalidInput("timeline=history needs month=YYYYMM.");
    month = new Date(Date.UTC(Number(wanted[1]), Number(wanted[2]) - 1, 1));
  } else if (timeline !== "current") {
    throw invalidInput(`Unknown timeline '${timeline}'. Use current, history or future.`);
  }
  const end = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1) - 1000);
  const rows = buildPriceTable(context.catalog).map((row) => csvRow(row, month, end));
  return {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": "attachment; filename=sheets.csv",
    },
    body: stringify([[...PRICE_SHEET_COLUMNS], ...rows], { quoted: true, record_delimiter: "\r\n" }),
  };
};

function csvRow(row: PriceRow, start: Date, end: Date): string[] {
  return [
    row.title,
    row.productId,
    row.skuId,
    row.title,
    "Microsoft Corporation",
    row.title,
    "",
    row.termDuration,
    row.billingPlan,
    row.market,
    row.currency,
    centsToDecimal(row.unitPriceCents),
    "",
    "",
    sheetDate(start),
    sheetDate(end),
    row.trial ? "License; Trial" : "License",
    centsToDecimal(row.erpCents),
  ];
}

/** `2/1/2019 12:00:00 AM`, as the sample prints dates (UTC). */
function sheetDate(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${twelve}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}
