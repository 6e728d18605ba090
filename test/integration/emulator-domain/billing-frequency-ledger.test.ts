// A billing-frequency change in the ledger, to the cent, through the real API. Mid-term the billing
// plan of an annual term does not change (R-TERM-4: Microsoft blocks it; the subscription PATCH
// answers 800097); it changes at renewal through scheduled next-term instructions (R-REN-3), and
// the renewed term is charged at the new plan's price (R-BIL-1, R-TERM-5). Prices: data/PRICES.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { integrationSeed, PARTNER_A } from "./fixture.js";

const CUSTOMER = "c0000000-0000-4000-8000-0000000000f1";
const E3 = "CFQ7TTC0LFLX:0001";

let emulator: TestEmulator;
let app: string;
let e3 = "";

interface Row {
  subscriptionId: string;
  chargeType: string;
  quantity: string;
  unitPrice: string;
  effectiveUnitPrice: string;
  subtotal: string;
  chargeStartDate: string;
  chargeEndDate: string;
  termAndBillingCycle: string;
}

const LINES = "provider=onetime&invoicelineitemtype=billinglineitems&size=2000";
const path = () => `/v1/customers/${CUSTOMER}/subscriptions/${e3}`;

async function rows(url: string): Promise<string[]> {
  const page = (await emulator.send(url, { token: app })).body as { items: Row[] };
  return page.items
    .filter((row) => row.subscriptionId === e3)
    .map(
      (row) =>
        `${row.chargeType} ${row.quantity} × ${row.effectiveUnitPrice} (of ${row.unitPrice}) = ${row.subtotal} ${row.chargeStartDate.slice(0, 10)}–${row.chargeEndDate.slice(0, 10)} ${row.termAndBillingCycle}`,
    );
}

async function invoices(): Promise<{ id: string; totalCharges: number; billingPeriodStartDate: string }[]> {
  const { items } = (await emulator.send("/v1/invoices", { token: app })).body as {
    items: { id: string; totalCharges: number; billingPeriodStartDate: string }[];
  };
  return items.sort((a, b) => a.billingPeriodStartDate.localeCompare(b.billingPeriodStartDate));
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(), domainConfig: { provisioningDelaySeconds: 0 } });
  app = await emulator.token({ audience: "partner-center", kind: "app" });
  await emulator.control.setClock("2030-11-01T00:00:00Z");
  // Microsoft 365 E3, P1Y billed monthly, 10 seats: 30.24 a seat a month (36.00 × 1.05 ERP, × 0.8)
  await emulator.control.seed({
    partners: [
      {
        tenantId: PARTNER_A,
        customers: [
          {
            tenantId: CUSTOMER,
            companyName: "Frequency",
            domain: "frequency.onmicrosoft.com",
            subscriptions: [{ offerId: E3, quantity: 10, termDuration: "P1Y", billingCycle: "monthly" }],
          },
        ],
      },
    ],
  });
  const list = (await emulator.send(`/v1/customers/${CUSTOMER}/subscriptions`, { token: app })).body as {
    items: { id: string }[];
  };
  e3 = list.items[0]!.id;
});
afterAll(async () => emulator.close());

describe("a billing-frequency change, monthly → annual", () => {
  it("is refused mid-term and scheduled for the renewal instead", async () => {
    await emulator.control.setClock("2031-03-15T00:00:00Z");
    const current = (await emulator.send(path(), { token: app })).body as Record<string, unknown> & { offerId: string };
    const midTerm = await emulator.send(path(), {
      method: "PATCH",
      token: app,
      body: { ...current, billingCycle: "annual" },
    });
    expect(midTerm.status).toBe(400);
    const [productId, skuId, availabilityId] = current.offerId.split(":");
    const scheduled = await emulator.send(path(), {
      method: "PATCH",
      token: app,
      body: {
        ...current,
        autoRenewEnabled: true,
        scheduledNextTermInstructions: {
          product: { productId, skuId, availabilityId, billingCycle: "annual", termDuration: "P1Y" },
          quantity: 10,
        },
      },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
  });

  it("charges the first term monthly, then the renewed term once, at the annual price", async () => {
    await emulator.control.setClock("2031-11-01T00:00:01Z");
    const billed = await invoices();
    // November 2030 … October 2031: twelve monthly charges of 10 × 30.24 = 302.40
    const first = billed.filter((i) => i.billingPeriodStartDate >= "2030-11" && i.billingPeriodStartDate < "2031-11");
    expect(first).toHaveLength(12);
    const charged: string[] = [];
    for (const invoice of first) charged.push(...(await rows(`/v1/invoices/${invoice.id}/lineitems?${LINES}`)));
    expect(charged.map((row) => row.split(" 20")[0])).toEqual([
      "new 10 × 30.24 (of 30.24) = 302.4",
      ...Array.from({ length: 11 }, () => "cycleCharge 10 × 30.24 (of 30.24) = 302.4"),
    ]);
    expect(await rows(`/v1/invoices/${first[11]!.id}/lineitems?${LINES}`)).toEqual([
      "cycleCharge 10 × 30.24 (of 30.24) = 302.4 2031-10-01–2031-10-31 One-Year commitment for Monthly billing",
    ]);
    // the renewal on 2031-11-01 starts the annual-billed term: the whole year at 345.60 a seat
    // (36.00 × 12 = 432.00 ERP, × 0.8; no monthly-billing uplift), 10 × 345.60 = 3,456.00
    expect(await rows(`/v1/invoices/unbilled/lineitems?${LINES}&currencycode=USD&period=current`)).toEqual([
      "renew 10 × 345.6 (of 345.6) = 3456 2031-11-01–2032-10-31 One-Year commitment for Annual billing",
    ]);
  });

  it("charges nothing more in the annual-billed year's later months", async () => {
    await emulator.control.setClock("2032-06-15T00:00:00Z");
    const billed = await invoices();
    const renewed = billed.filter((i) => i.billingPeriodStartDate >= "2031-11");
    const charged: string[] = [];
    for (const invoice of renewed) charged.push(...(await rows(`/v1/invoices/${invoice.id}/lineitems?${LINES}`)));
    expect(charged.map((row) => row.split(" = ")[0])).toEqual(["renew 10 × 345.6 (of 345.6)"]);
    expect(await rows(`/v1/invoices/unbilled/lineitems?${LINES}&currencycode=USD&period=current`)).toEqual([]);
  });
});
