// The client's billing reads over real HTTPS to the emulator with MSAL: invoices, v1 line items, and
// reconciliationLines choosing the Graph v2 export for periods from February 2024 (API-2 §1.1), all
// agreeing with the invoice to the cent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { fabrikamBillingSeed, integrationSeed } from "../emulator-domain/fixture.js";
import { clientFor, drain, startForClient } from "./setup.js";

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startForClient({ seed: integrationSeed(), domainConfig: { exportRetryAfterSeconds: 0 } });
  await emulator.control.seed(fabrikamBillingSeed(7));
  await emulator.control.advanceClock("P75D");
  client = clientFor(emulator);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

const total = (lines: { subtotalCents: number }[]): number => lines.reduce((sum, line) => sum + line.subtotalCents, 0);

describe("billing reads", () => {
  it("lists invoices and reads each one's lines through v2 (and v1 when asked), equal to its total", async () => {
    const invoices = await client.billing.invoices();
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    for (const invoice of invoices) {
      const v2 = await drain(client.billing.reconciliationLines({ invoiceId: invoice.id }));
      const v1 = await drain(client.billing.reconciliationLines({ invoiceId: invoice.id }, { api: "v1" }));
      expect(v2.length).toBeGreaterThan(0);
      expect(total(v2)).toBe(invoice.totalCents);
      expect(total(v1)).toBe(invoice.totalCents);
      expect(v2.map((line) => [line.subscriptionId, line.chargeType, line.subtotalCents]).sort()).toEqual(
        v1.map((line) => [line.subscriptionId, line.chargeType, line.subtotalCents]).sort(),
      );
      expect(new Set(v2.map((line) => line.invoiceNumber))).toEqual(new Set([invoice.id]));
    }
    const byPeriod = await drain(
      client.billing.reconciliationLines({ period: invoices[0]!.billingPeriodStart.slice(0, 7) }),
    );
    expect(total(byPeriod)).toBe(invoices[0]!.totalCents);
    // the E3: 7 seats × 30.24 a month (data/PRICES.md) on every monthly charge
    expect(byPeriod.find((line) => line.offerId === "CFQ7TTC0LFLX:0001")?.subtotalCents).toBe(21168);
  });

  it("reads one invoice with an app+user token and the open period unbilled, v1 and v2 alike", async () => {
    const [first] = await client.billing.invoices();
    expect((await client.billing.invoice(first!.id)).totalCents).toBe(first!.totalCents);
    const v2 = await drain(client.billing.reconciliationLines({ unbilled: "current" }));
    const v1 = await drain(client.billing.unbilledLines());
    expect(total(v2)).toBe(total(v1));
    expect(v1.every((line) => line.invoiceNumber === "")).toBe(true);
  });

  it("yields nothing for a month without an invoice", async () => {
    expect(await drain(client.billing.reconciliationLines({ period: "2019-01" }))).toEqual([]);
  });
});
