// The emulator derives a partner's ledger once and reuses it between billing reads
// (emulator/billing/ledger-cache.ts); it must never serve stale money. Over real HTTP: a write, a
// control-API seed, a clock move to a charge's due day or past a period's end, and a clock moved back,
// each between two reads, change what invoices, v1 line items and the v2 export say.
import { gunzipSync } from "node:zlib";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { fabrikamBillingSeed, FABRIKAM, integrationSeed, PARTNER_A } from "./fixture.js";

let emulator: TestEmulator;
let app: string;
let graph: string;
let e3 = "";

interface Row {
  subscriptionId: string;
  customerId: string;
  chargeType: string;
  quantity: string | number;
  subtotal: string | number;
}

const UNBILLED =
  "/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current&size=2000";

async function unbilled(): Promise<string[]> {
  const page = (await emulator.send(UNBILLED, { token: app })).body as { items: Row[] };
  return page.items
    .filter((row) => row.customerId === FABRIKAM)
    .map((row) => `${row.subscriptionId === e3 ? "e3" : "o365"} ${row.chargeType} ${row.quantity} ${row.subtotal}`)
    .sort();
}

async function invoices(): Promise<{ id: string; totalCharges: number; billingPeriodStartDate: string }[]> {
  return ((await emulator.send("/v1/invoices", { token: app })).body as { items: never[] }).items;
}

/** The v2 export of an invoice, as the client reads it: POST, poll, manifest, blobs. */
async function exported(invoiceId: string): Promise<number> {
  const started = await emulator.send("/graph/v1.0/reports/partners/billing/reconciliation/billed/export", {
    method: "POST",
    token: graph,
    body: { invoiceId, attributeSet: "full" },
  });
  const location = started.headers.location!;
  await emulator.send(location, { token: graph });
  const done = (await emulator.send(location, { token: graph })).body as Record<string, string>;
  const manifest = (await emulator.send(done["resourceLocation@odata.navigationLink"]!, { token: graph })).body as {
    rootDirectory: string;
    sasToken: string;
    blobs: { name: string }[];
  };
  let cents = 0;
  for (const blob of manifest.blobs) {
    const response = await request(`${manifest.rootDirectory}/${blob.name}?${manifest.sasToken}`, {
      dispatcher: emulator.dispatcher,
    });
    const text = gunzipSync(Buffer.from(await response.body.arrayBuffer())).toString("utf8");
    for (const line of text.split("\n").filter((l) => l !== ""))
      cents += Math.round((JSON.parse(line) as { subtotal: number }).subtotal * 100);
  }
  return cents / 100;
}

beforeAll(async () => {
  emulator = await startEmulator({
    seed: integrationSeed(),
    domainConfig: { provisioningDelaySeconds: 0, exportRetryAfterSeconds: 0 },
  });
  app = await emulator.token({ audience: "partner-center", kind: "app" });
  graph = await emulator.token({ audience: "graph", kind: "user", tenant: PARTNER_A });
  // frozen, so that purchases, charges and reads fall on the instants the test names, to the millisecond
  const frozen = await request(`${emulator.controlUrl}/clock`, {
    method: "POST",
    dispatcher: emulator.dispatcher,
    headers: { "content-type": "application/json", "x-emulator-key": emulator.adminKey },
    body: JSON.stringify({ frozen: true }),
  });
  expect(frozen.statusCode).toBe(200);
  await frozen.body.dump();
  await emulator.control.setClock("2031-03-10T00:00:00Z");
  // Microsoft 365 E3 P1Y monthly (30.24 a seat) × 10 and Office 365 E3 P1M (22.08 a seat) × 2, bought 03-10
  await emulator.control.seed(fabrikamBillingSeed(10));
  const subscriptions = (await emulator.send(`/v1/customers/${FABRIKAM}/subscriptions`, { token: app })).body as {
    items: { id: string; offerId: string }[];
  };
  e3 = subscriptions.items.find((s) => s.offerId.startsWith("CFQ7TTC0LFLX"))!.id;
});
afterAll(async () => emulator.close());

describe("the ledger cache never serves stale money", () => {
  it("a write between two reads changes the unbilled line items", async () => {
    expect(await unbilled()).toEqual(["e3 new 10 302.4", "o365 new 2 44.16"]);
    await emulator.control.setClock("2031-03-25T00:00:00Z");
    expect(await unbilled()).toEqual(["e3 new 10 302.4", "o365 new 2 44.16"]);
    const path = `/v1/customers/${FABRIKAM}/subscriptions/${e3}`;
    const current = (await emulator.send(path, { token: app })).body as Record<string, unknown>;
    const patched = await emulator.send(path, { method: "PATCH", token: app, body: { ...current, quantity: 12 } });
    expect(patched.status).toBe(200);
    // 03-25 to 04-09 is 16 of the period's 31 days: ROUNDDOWN(30.24 × 16/31, 2) = 15.60, × 2 = 31.20
    expect(await unbilled()).toEqual(["e3 addQuantity 2 31.2", "e3 new 10 302.4", "o365 new 2 44.16"]);
  });

  it("a seed through the control API between two reads changes them", async () => {
    const before = await emulator.send(UNBILLED, { token: app });
    const rowsBefore = (before.body as { items: Row[] }).items.length;
    await emulator.control.seed({
      partners: [
        {
          tenantId: PARTNER_A,
          customers: [
            {
              tenantId: "c0000000-0000-4000-8000-0000000000c1",
              companyName: "Cache Test",
              domain: "cachetest.onmicrosoft.com",
              subscriptions: [
                { offerId: "CFQ7TTC0LFLX:0001", quantity: 1, termDuration: "P1Y", billingCycle: "monthly" },
              ],
            },
          ],
        },
      ],
    });
    const after = await emulator.send(UNBILLED, { token: app });
    expect((after.body as { items: Row[] }).items.length).toBe(rowsBefore + 1);
  });

  it("a clock move past the period's end invoices it, in the invoice list and the v2 export", async () => {
    const march = await invoices();
    expect(march.some((i) => i.billingPeriodStartDate.startsWith("2031-03"))).toBe(false);
    await emulator.control.setClock("2031-04-05T00:00:00Z");
    const april = await invoices();
    const invoice = april.find((i) => i.billingPeriodStartDate.startsWith("2031-03"))!;
    expect(invoice).toBeDefined();
    expect(await exported(invoice.id)).toBe(invoice.totalCharges);
    expect(await unbilled()).toEqual([]);
  });

  it("a clock move to a cycle charge's day inside the open period adds it; moving back takes it away", async () => {
    await emulator.control.setClock("2031-04-09T23:00:00Z");
    expect(await unbilled()).toEqual([]);
    await emulator.control.setClock("2031-04-10T00:00:00Z");
    // the E3's second month (12 seats × 30.24) and the Office 365 E3's renewed month (2 × 22.08)
    expect(await unbilled()).toEqual(["e3 cycleCharge 12 362.88", "o365 renew 2 44.16"]);
    await emulator.control.setClock("2031-04-09T23:00:00Z");
    expect(await unbilled()).toEqual([]);
  });
});
