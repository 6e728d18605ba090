// The client reads the NCE price sheet over real HTTP from the emulator's Partner API route, with an
// app+user token MSAL fetched for the Partner API audience, into typed prices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, startForClient } from "./setup.js";

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.setClock("2026-11-14T09:30:00Z");
  client = clientFor(emulator);
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("partnerCenter.priceSheets.get", () => {
  it("reads the US sheet into one typed price per offer, term and billing plan", async () => {
    const sheet = await client.partnerCenter.priceSheets.get("us");
    expect(sheet.market).toBe("US");
    expect(sheet.currency).toBe("USD");
    expect(sheet.skipped).toEqual([]);
    const e3 = sheet.prices.filter((p) => p.productId === "CFQ7TTC0LFLX" && p.skuId === "0001");
    const byPlan = Object.fromEntries(e3.map((p) => [`${p.termDuration}/${p.billingPlan}`, p]));
    // data/PRICES.md's worked example: Microsoft 365 E3, P1Y billed monthly 362.88 partner / 453.60 ERP for the term
    expect(byPlan["P1Y/monthly"]).toMatchObject({ unitPrice: 362.88, erpPrice: 453.6, currency: "USD", market: "US" });
    expect(byPlan["P1Y/annual"]).toMatchObject({ unitPrice: 345.6, erpPrice: 432 });
    expect(byPlan["P1M/monthly"]).toMatchObject({ unitPrice: 34.56 });
    const keys = sheet.prices.map((p) => `${p.productId}:${p.skuId}/${p.termDuration}/${p.billingPlan}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("surfaces a market the service does not price as a not-found error", async () => {
    await expect(client.partnerCenter.priceSheets.get("GB")).rejects.toMatchObject({
      code: "client.not_found",
      service: "partner-api",
    });
  });
});
