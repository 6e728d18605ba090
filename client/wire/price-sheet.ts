// The NCE licence-based price sheet (Partner API host, `updatedlicensebased` view): one CSV row per
// product × SKU × term × billing plan, column names verbatim from Microsoft's download.
// https://learn.microsoft.com/partner-center/developer/get-a-price-sheet

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

/** One row as downloaded: every value is text (preview and future sheets add `EndofSaleDate`). */
export type PriceSheetRow = Partial<Record<(typeof PRICE_SHEET_COLUMNS)[number] | "EndofSaleDate", string>>;
