// The charge ledger against hand-worked NCE examples, to the cent, through the real API: purchases,
// a pro-rata seat increase mid-cycle, a cancellation refunded inside the window, an annual term billed
// monthly, a trial conversion; then the invoice, its v1 line items, the unbilled line items and the
// v2 Graph export all agree. Prices are data/PRICES.md's; rules R-BIL-1…5 in docs/nce-rules.md.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { FABRIKAM, integrationSeed, PARTNER_A } from "./fixture.js";

let emulator: TestEmulator;
let app: string;
let user: string;
let graph: string;
const ids: Record<string, string> = {};

interface Row {
  subscriptionId: string;
  chargeType: string;
  quantity: string | number;
  effectiveUnitPrice: string | number;
  subtotal: string | number;
  invoiceNumber: string;
  customerId: string;
}

const cents = (value: string | number): number => Math.round(Number(value) * 100);
const sum = (rows: Row[]): number => rows.reduce((total, row) => total + cents(row.subtotal), 0) / 100;

async function buy(offer: string, quantity: number, billingCycle: string, termDuration: string): Promise<string> {
  const [productId, skuId] = offer.split(":");
  const availabilities = await emulator.send(`/v1/products/${productId}/skus/${skuId}/availabilities?country=US`, {
    token: app,
  });
  const catalogItemId = (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
  const cart = await emulator.send(`/v1/customers/${FABRIKAM}/carts`, {
    method: "POST",
    token: app,
    body: { lineItems: [{ id: 0, catalogItemId, quantity, billingCycle, termDuration }] },
  });
  expect(cart.status, JSON.stringify(cart.body)).toBe(201);
  const checkout = await emulator.send(`/v1/customers/${FABRIKAM}/carts/${(cart.body as { id: string }).id}/checkout`, {
    method: "POST",
    token: app,
  });
  const order = (checkout.body as { orders: { id: string }[] }).orders[0]!;
  const read = await emulator.send(`/v1/customers/${FABRIKAM}/orders/${order.id}`, { token: app });
  return (read.body as { lineItems: { subscriptionId: string }[] }).lineItems[0]!.subscriptionId;
}

async function patch(subscriptionId: string, change: Record<string, unknown>): Promise<void> {
  const path = `/v1/customers/${FABRIKAM}/subscriptions/${subscriptionId}`;
  const current = (await emulator.send(path, { token: app })).body as Record<string, unknown>;
  const result = await emulator.send(path, { method: "PATCH", token: app, body: { ...current, ...change } });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

async function allPages(path: string, token: string): Promise<Row[]> {
  const rows: Row[] = [];
  let page = (await emulator.send(path, { token })).body as {
    items: Row[];
    links: { next?: { uri: string; headers: { key: string; value: string }[] } };
  };
  rows.push(...page.items);
  while (page.links.next !== undefined) {
    const next = page.links.next;
    const headers = Object.fromEntries(next.headers.map((h) => [h.key, h.value]));
    page = (await emulator.send(`/v1${next.uri}`, { token, headers })).body as typeof page;
    rows.push(...page.items);
  }
  return rows;
}

beforeAll(async () => {
  emulator = await startEmulator({
    seed: integrationSeed(),
    domainConfig: { provisioningDelaySeconds: 0, exportRetryAfterSeconds: 0 },
  });
  app = await emulator.token({ audience: "partner-center", kind: "app" });
  user = await emulator.token({ audience: "partner-center", kind: "user" });
  graph = await emulator.token({ audience: "graph", kind: "user", tenant: PARTNER_A });
  await emulator.control.setClock("2026-11-01T00:00:00Z");
  // Microsoft 365 E3, P1Y billed monthly, 10 seats: 36.00 × 1.05 = 37.80 ERP, × 0.8 = 30.24 a seat a month
  ids.e3 = await buy("CFQ7TTC0LFLX:0001", 10, "monthly", "P1Y");
  // a Microsoft 365 Business Standard trial (25 seats, free), converting on 2026-12-01
  ids.trial = await buy("CFQ7TTC0LDPB:0001", 25, "none", "P1M");
  await emulator.control.setClock("2026-11-10T00:00:00Z");
  // Office 365 E3, P1M, 4 seats: 23.00 × 1.2 = 27.60 ERP, × 0.8 = 22.08
  ids.premium = await buy("CFQ7TTC0LF8R:0001", 4, "monthly", "P1M");
  await emulator.control.setClock("2026-11-13T00:00:00Z");
  await patch(ids.premium, { status: "deleted" });
  await emulator.control.setClock("2026-11-16T00:00:00Z");
  await patch(ids.e3, { quantity: 15, autoRenewEnabled: true });
  await emulator.control.setClock("2026-12-05T00:00:00Z");
});
afterAll(async () => emulator.close());

describe("the ledger, hand-worked", () => {
  it("bills November: purchase, refund inside the window, pro-rata add", async () => {
    const invoices = (await emulator.send("/v1/invoices", { token: app })).body as {
      items: { id: string; totalCharges: number; billingPeriodStartDate: string }[];
    };
    expect(invoices.items).toHaveLength(1);
    const november = invoices.items[0]!;
    expect(november.billingPeriodStartDate).toBe("2026-11-01T00:00:00Z");
    const rows = await allPages(
      `/v1/invoices/${november.id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=2`,
      app,
    );
    const bySubscription = (id: string) =>
      rows
        .filter((row) => row.subscriptionId === id)
        .map((row) => [row.chargeType, row.quantity, row.effectiveUnitPrice, row.subtotal]);
    // E3: new, 10 × 30.24 = 302.40; on 11-16 five more seats for 15 of November's 30 days:
    // ROUNDDOWN(30.24 × 15/30, 2) = 15.12, × 5 = 75.60 (R-BIL-2, R-BIL-4)
    expect(bySubscription(ids.e3!)).toEqual([
      ["new", "10", "30.24", "302.4"],
      ["addQuantity", "5", "15.12", "75.6"],
    ]);
    // Office 365 E3 P1M: new 4 × 22.08 = 88.32 on 11-10; cancelled on 11-13, after 24 h (R-CAN-3),
    // so 27 of the period's 30 days come back: ROUNDDOWN(22.08 × 27/30, 2) = ROUNDDOWN(19.872) = 19.87,
    // × 4 = 79.48 (R-BIL-3, R-BIL-4)
    expect(bySubscription(ids.premium!)).toEqual([
      ["new", "4", "22.08", "88.32"],
      ["cancelImmediate", "4", "-19.87", "-79.48"],
    ]);
    // the trial charged nothing
    expect(bySubscription(ids.trial!)).toEqual([]);
    // 302.40 + 75.60 + 88.32 − 79.48 = 386.84, the invoice total, to the cent
    expect(sum(rows)).toBe(386.84);
    expect(november.totalCharges).toBe(386.84);
    expect(new Set(rows.map((row) => row.invoiceNumber))).toEqual(new Set([november.id]));
    const byId = await emulator.send(`/v1/invoices/${november.id}`, { token: user });
    expect(byId.body).toMatchObject({
      id: november.id,
      totalCharges: 386.84,
      billingPeriodEndDate: "2026-11-30T23:59:59Z",
    });
  });

  it("bills December so far as unbilled: the trial conversion and the annual term's monthly charge", async () => {
    const rows = await allPages(
      "/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current&size=2000",
      app,
    );
    const fabrikam = rows.filter((row) => row.customerId === FABRIKAM);
    expect(fabrikam.map((row) => [row.chargeType, row.quantity, row.subtotal]).sort()).toEqual([
      // 12-01: the trial converts to 25 seats, P1Y billed monthly: 12.50 × 1.05 = 13.13 (half-up), × 0.8 = 10.50; × 25 = 262.50
      ["convert", "25", "262.5"],
      // 12-01: the E3's second monthly charge, 15 seats × 30.24 = 453.60
      ["cycleCharge", "15", "453.6"],
    ]);
    expect(fabrikam.every((row) => row.invoiceNumber === "")).toBe(true);
  });

  it("charges the annual term monthly: twelve periods add up to the term price", async () => {
    await emulator.control.setClock("2027-11-01T00:00:01Z");
    const invoices = (await emulator.send("/v1/invoices", { token: app })).body as { items: { id: string }[] };
    const rows: Row[] = [];
    for (const invoice of invoices.items)
      rows.push(
        ...(await allPages(
          `/v1/invoices/${invoice.id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems`,
          app,
        )),
      );
    const e3 = rows.filter((row) => row.subscriptionId === ids.e3);
    // new + add + 11 cycle charges (December … October)
    expect(e3.filter((row) => row.chargeType === "cycleCharge")).toHaveLength(11);
    // 10 seats × 12 × 30.24 = 3628.80, plus 5 seats × (15.12 + 11 × 30.24) = 1738.80 → 5367.60
    expect(sum(e3)).toBe(5367.6);
    // the term renewed on 2027-11-01: a renew charge in the open period
    const unbilled = await allPages(
      "/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current",
      app,
    );
    expect(
      unbilled.filter((row) => row.subscriptionId === ids.e3).map((row) => [row.chargeType, row.subtotal]),
    ).toEqual([["renew", "453.6"]]);
    await emulator.control.setClock("2026-12-05T00:00:00Z");
  });
});

describe("the v2 Graph export agrees with v1", () => {
  it("exports the November invoice as gzipped JSON lines that sum to the invoice total", async () => {
    const invoices = (await emulator.send("/v1/invoices", { token: app })).body as {
      items: { id: string; totalCharges: number }[];
    };
    const november = invoices.items[invoices.items.length - 1]!;
    const started = await emulator.send("/graph/v1.0/reports/partners/billing/reconciliation/billed/export", {
      method: "POST",
      token: graph,
      body: { invoiceId: november.id, attributeSet: "full" },
    });
    expect(started.status).toBe(202);
    const location = started.headers.location!;
    const running = await emulator.send(location, { token: graph });
    expect(running.body).toMatchObject({ status: "running" });
    expect(running.headers["retry-after"]).toBe("0");
    const done = (await emulator.send(location, { token: graph })).body as Record<string, string>;
    expect(done.status).toBe("succeeded");
    const manifest = (await emulator.send(done["resourceLocation@odata.navigationLink"]!, { token: graph })).body as {
      rootDirectory: string;
      sasToken: string;
      blobs: { name: string }[];
    };
    const rows: Row[] = [];
    for (const blob of manifest.blobs) {
      const url = `${manifest.rootDirectory}/${blob.name}?${manifest.sasToken}`;
      const { request } = await import("undici");
      const response = await request(url, { dispatcher: emulator.dispatcher });
      expect(response.statusCode).toBe(200);
      const text = gunzipSync(Buffer.from(await response.body.arrayBuffer())).toString("utf8");
      rows.push(
        ...text
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as Row),
      );
    }
    expect(sum(rows)).toBe(november.totalCharges);
    expect(typeof rows[0]!.subtotal).toBe("number");
    const unsigned = await emulator.send(`${manifest.rootDirectory}/${manifest.blobs[0]!.name}`);
    expect(unsigned.status).toBe(403);
  });

  it("fails an export of an unknown invoice with Graph's 'No data available'", async () => {
    const started = await emulator.send("/graph/v1.0/reports/partners/billing/reconciliation/billed/export", {
      method: "POST",
      token: graph,
      body: { invoiceId: "G999999999" },
    });
    const location = started.headers.location!;
    await emulator.send(location, { token: graph });
    const failed = await emulator.send(location, { token: graph });
    expect(failed.body).toMatchObject({ status: "failed", error: { code: "5000", message: "No data available" } });
  });
});
