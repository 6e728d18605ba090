// The NCE price sheet CSV → typed prices: Microsoft's sample row, republished rows (latest
// EffectiveStartDate wins), rows that cannot be priced (listed, never guessed), and the config that
// says where the Partner API host is.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../client/config.js";
import { priceSheetFromCsv, sheetDate } from "../../../client/wire/price-sheet.mappers.js";
import { PRICE_SHEET_COLUMNS } from "../../../client/wire/price-sheet.js";

const sample = readFileSync("test/fixtures/partner-center/samples-2/pricesheet.updatedlicensebased.sample.csv", "utf8");
const header = PRICE_SHEET_COLUMNS.map((column) => `"${column}"`).join(",");

function row(values: Partial<Record<(typeof PRICE_SHEET_COLUMNS)[number], string>>): string {
  const base: Record<string, string> = {
    ProductTitle: "Microsoft 365 E3",
    ProductId: "CFQ7TTC0LFLZ",
    SkuId: "0001",
    SkuTitle: "Microsoft 365 E3",
    Publisher: "Microsoft Corporation",
    TermDuration: "P1Y",
    BillingPlan: "Monthly",
    Market: "US",
    Currency: "USD",
    UnitPrice: "432",
    EffectiveStartDate: "3/1/2024 12:00:00 AM",
    Tags: "License",
    "ERP Price": "432",
  };
  return PRICE_SHEET_COLUMNS.map((column) => `"${values[column] ?? base[column] ?? ""}"`).join(",");
}

describe("priceSheetFromCsv", () => {
  it("reads Microsoft's sample row with every typed field", () => {
    const sheet = priceSheetFromCsv(sample, "US");
    expect(sheet.skipped).toEqual([]);
    expect(sheet.currency).toBe("USD");
    expect(sheet.prices).toEqual([
      {
        productId: "CFQ7TTC0HDK0",
        skuId: "0001",
        productTitle: "Advanced Communications",
        skuTitle: "Advanced Communications",
        termDuration: "P1Y",
        billingPlan: "annual",
        market: "US",
        currency: "USD",
        unitPrice: 115.2,
        erpPrice: 144,
        effectiveStart: "2019-02-01T00:00:00.000Z",
        effectiveEnd: "2021-02-04T20:35:31.000Z",
        tags: ["License"],
      },
    ]);
  });

  it("keeps the latest EffectiveStartDate of a republished row, per term and billing plan", () => {
    const csv = [
      header,
      row({ UnitPrice: "396", EffectiveStartDate: "1/1/2023 12:00:00 AM" }),
      row({ UnitPrice: "432", EffectiveStartDate: "4/1/2024 12:00:00 AM" }),
      row({ UnitPrice: "410", EffectiveStartDate: "12/1/2023 12:00:00 AM" }),
      row({ TermDuration: "P1M", UnitPrice: "43.2" }),
      row({ BillingPlan: "None", UnitPrice: "0", Tags: "License; Trial", "ERP Price": "" }),
    ].join("\n");
    const sheet = priceSheetFromCsv(csv, "US");
    const byKey = Object.fromEntries(sheet.prices.map((p) => [`${p.termDuration}/${p.billingPlan}`, p]));
    expect(Object.keys(byKey).sort()).toEqual(["P1M/monthly", "P1Y/monthly", "P1Y/none"]);
    expect(byKey["P1Y/monthly"]!.unitPrice).toBe(432);
    expect(byKey["P1M/monthly"]!.unitPrice).toBe(43.2);
    expect(byKey["P1Y/none"]).toMatchObject({ unitPrice: 0, tags: ["License", "Trial"] });
    expect(byKey["P1Y/none"]!.erpPrice).toBeUndefined();
  });

  it("lists rows it cannot price with their CSV line instead of guessing", () => {
    const csv = [
      header,
      row({ UnitPrice: "12,50" }),
      row({ ProductId: "" }),
      row({ EffectiveStartDate: "yesterday" }),
      row({ UnitPrice: "-3" }),
      row({}),
    ].join("\n");
    const sheet = priceSheetFromCsv(csv, "US");
    expect(sheet.prices).toHaveLength(1);
    expect(sheet.skipped).toEqual([
      { line: 2, reason: 'UnitPrice "12,50" is not a price' },
      { line: 3, reason: "no ProductId or SkuId" },
      { line: 4, reason: 'EffectiveStartDate "yesterday" is not a date' },
      { line: 5, reason: 'UnitPrice "-3" is not a price' },
    ]);
  });
});

describe("sheetDate", () => {
  it.each([
    ["2/1/2019 12:00:00 AM", "2019-02-01T00:00:00.000Z"],
    ["2/4/2021 8:35:31 PM", "2021-02-04T20:35:31.000Z"],
    ["12/31/2024 12:30:00 PM", "2024-12-31T12:30:00.000Z"],
    ["2024-03-01T00:00:00Z", "2024-03-01T00:00:00.000Z"],
    ["2/30/2024 12:00:00 AM", undefined],
    ["", undefined],
  ])("%s → %s", (text, expected) => {
    expect(sheetDate(text)).toBe(expected);
  });
});

describe("resolveConfig: the Partner API host", () => {
  const env = {
    CSPCTL_TENANT_ID: "11111111-2222-3333-4444-555555555555",
    CSPCTL_CLIENT_ID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    CSPCTL_CLIENT_SECRET: "s3cret-value",
  };
  it("is Microsoft's in production", () => {
    expect(resolveConfig({}, env).partnerApiUrl).toBe("https://api.partner.microsoft.com");
  });
  it("follows a non-production Partner Center URL (the emulator serves both) unless set", () => {
    const local = { ...env, CSPCTL_PARTNER_CENTER_URL: "https://127.0.0.1:4010" };
    expect(resolveConfig({}, local).partnerApiUrl).toBe("https://127.0.0.1:4010");
    expect(resolveConfig({}, { ...local, CSPCTL_PARTNER_API_URL: "https://127.0.0.1:4020/" }).partnerApiUrl).toBe(
      "https://127.0.0.1:4020",
    );
  });
});
