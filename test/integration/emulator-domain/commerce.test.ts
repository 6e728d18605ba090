import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { BUSINESS_BASIC, BUSINESS_PREMIUM, CONTOSO, FABRIKAM, integrationSeed } from "./fixture.js";

let emulator: TestEmulator;
let token: string;
const TAILSPIN = "c0000000-0000-4000-8000-000000000009";

beforeAll(async () => {
  const seed = integrationSeed();
  (seed["partners"] as { customers?: unknown[] }[])[0]!.customers!.push({
    tenantId: TAILSPIN,
    companyName: "Tailspin",
    domain: "tailspin.onmicrosoft.com",
  });
  emulator = await startEmulator({ seed, domainConfig: { provisioningDelaySeconds: 30 } });
  token = await emulator.token({ audience: "partner-center", kind: "app" });
});
afterAll(async () => emulator.close());

interface Sub {
  id: string;
  quantity: number;
  status: string;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  termDuration: string;
  refundableQuantity: { totalQuantity: number };
  attributes: { etag: string };
}

async function catalogItemId(offerId: string): Promise<string> {
  const [productId, skuId] = offerId.split(":");
  const availabilities = await emulator.send(`/v1/products/${productId}/skus/${skuId}/availabilities?country=US`, {
    token,
  });
  return (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
}

async function buy(customerId: string, lines: Record<string, unknown>[]) {
  const cart = await emulator.send(`/v1/customers/${customerId}/carts`, {
    method: "POST",
    token,
    body: { lineItems: lines },
  });
  if (cart.status !== 201) return cart;
  return emulator.send(`/v1/customers/${customerId}/carts/${(cart.body as { id: string }).id}/checkout`, {
    method: "POST",
    token,
  });
}

async function subscriptionsOf(customerId: string): Promise<Sub[]> {
  return ((await emulator.send(`/v1/customers/${customerId}/subscriptions`, { token })).body as { items: Sub[] }).items;
}

describe("NCE purchase is asynchronous", () => {
  it("checkout answers a pending order; its subscription appears after the provisioning delay", async () => {
    const item = await catalogItemId(BUSINESS_BASIC);
    const checkout = await buy(FABRIKAM, [
      { CatalogItemId: item, Quantity: 5, TermDuration: "P1Y", BillingCycle: "Monthly" },
    ]);
    expect(checkout.status).toBe(201);
    const order = (
      checkout.body as { orders: { id: string; status: string; lineItems: { subscriptionId?: string }[] }[] }
    ).orders[0]!;
    expect(order.status).toBe("pending");
    expect(order.lineItems[0]!.subscriptionId).toBeUndefined();
    expect(await subscriptionsOf(FABRIKAM)).toEqual([]);
    await emulator.control.advanceClock("PT31S");
    const completed = await emulator.send(`/v1/customers/${FABRIKAM}/orders/${order.id}`, { token });
    expect(completed.body).toMatchObject({ status: "completed" });
    const [subscription] = await subscriptionsOf(FABRIKAM);
    expect(subscription).toMatchObject({ quantity: 5, status: "active", autoRenewEnabled: true, termDuration: "P1Y" });
    const byOrder = await emulator.send(`/v1/customers/${FABRIKAM}/subscriptions?order_id=${order.id}`, { token });
    expect((byOrder.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it("refuses a second checkout of the same cart", async () => {
    const item = await catalogItemId(BUSINESS_BASIC);
    const cart = await emulator.send(`/v1/customers/${TAILSPIN}/carts`, {
      method: "POST",
      token,
      body: { lineItems: [{ catalogItemId: item, quantity: 1, termDuration: "P1Y", billingCycle: "monthly" }] },
    });
    const id = (cart.body as { id: string }).id;
    expect(
      (await emulator.send(`/v1/customers/${TAILSPIN}/carts/${id}/checkout`, { method: "POST", token })).status,
    ).toBe(201);
    const second = await emulator.send(`/v1/customers/${TAILSPIN}/carts/${id}/checkout`, { method: "POST", token });
    expect(second.status).toBe(400);
    expect((second.body as { code: number }).code).toBe(800065);
  });
});

describe("subscription PATCH over HTTPS", () => {
  it("a partial body turns auto-renew off, as Partner Center documents", async () => {
    const [subscription] = await subscriptionsOf(CONTOSO);
    const patched = await emulator.send(`/v1/customers/${CONTOSO}/subscriptions/${subscription!.id}`, {
      method: "PATCH",
      token,
      body: { quantity: 12 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ quantity: 12, autoRenewEnabled: false });
  });

  it("refuses a stale If-Match and a decrease after 168 h with 800090", async () => {
    const [subscription] = await subscriptionsOf(CONTOSO);
    const stale = await emulator.send(`/v1/customers/${CONTOSO}/subscriptions/${subscription!.id}`, {
      method: "PATCH",
      token,
      body: { ...subscription, quantity: 13 },
      headers: { "if-match": `"${Buffer.from("{}").toString("base64")}"` },
    });
    expect(stale.status).toBe(400);
    await emulator.control.advanceClock("P8D");
    const [current] = await subscriptionsOf(CONTOSO);
    expect(current!.refundableQuantity.totalQuantity).toBe(0);
    const decrease = await emulator.send(`/v1/customers/${CONTOSO}/subscriptions/${current!.id}`, {
      method: "PATCH",
      token,
      body: { ...current, quantity: 1 },
      headers: { "if-match": `"${current!.attributes.etag}"` },
    });
    expect(decrease.status).toBe(400);
    expect(decrease.body).toMatchObject({
      code: 800090,
      description: "Subscription quantity cannot be decreased.",
      source: "PartnerFD",
    });
    const cancel = await emulator.send(`/v1/customers/${CONTOSO}/subscriptions/${current!.id}`, {
      method: "PATCH",
      token,
      body: { ...current, status: "deleted" },
    });
    expect((cancel.body as { code: number }).code).toBe(900117);
  });
});

describe("purchase rules at checkout", () => {
  it("refuses an add-on without a base product (400041)", async () => {
    const addOn = await catalogItemId("CFQ7TTC0RM8K:0002");
    const fresh = "c0000000-0000-4000-8000-00000000000f";
    await emulator.control.seed({
      partners: [
        {
          tenantId: "a0000000-0000-4000-8000-00000000000a",
          customers: [{ tenantId: fresh, companyName: "Fresh", domain: "fresh.onmicrosoft.com" }],
        },
      ],
    });
    const refused = await buy(fresh, [
      { catalogItemId: addOn, quantity: 1, termDuration: "P1Y", billingCycle: "monthly" },
    ]);
    expect(refused.status).toBe(400);
    expect((refused.body as { code: number }).code).toBe(400041);
    const withBase = await buy(fresh, [
      { catalogItemId: await catalogItemId(BUSINESS_BASIC), quantity: 1, termDuration: "P1Y", billingCycle: "monthly" },
      { catalogItemId: addOn, quantity: 1, termDuration: "P1Y", billingCycle: "monthly" },
    ]);
    expect(withBase.status).toBe(201);
  });

  it("pools the 300-seat cap: 250 bought, 51 more refused with 800088", async () => {
    const premium = await catalogItemId(BUSINESS_PREMIUM);
    expect(
      (await buy(CONTOSO, [{ catalogItemId: premium, quantity: 250, termDuration: "P1Y", billingCycle: "monthly" }]))
        .status,
    ).toBe(201);
    const refused = await buy(CONTOSO, [
      { catalogItemId: premium, quantity: 51, termDuration: "P1Y", billingCycle: "monthly" },
    ]);
    expect(refused.status).toBe(403);
    expect((refused.body as { code: number; description: string }).description).toContain(
      "exceeds the remaining limit of 50 seats",
    );
  });

  it("sells one NCE trial per offer per customer, which converts at day 30 with auto-renew on", async () => {
    const premium = await catalogItemId(BUSINESS_PREMIUM);
    const trial = { catalogItemId: premium, quantity: 25, termDuration: "P1M", billingCycle: "none" };
    expect((await buy(FABRIKAM, [trial])).status).toBe(201);
    await emulator.control.advanceClock("PT31S");
    const trials = (await subscriptionsOf(FABRIKAM)).filter((s) => s.isTrial);
    expect(trials).toHaveLength(1);
    expect(trials[0]).toMatchObject({ quantity: 25, autoRenewEnabled: true });
    const again = await buy(FABRIKAM, [trial]);
    expect(again.status).toBe(403);
    await emulator.control.advanceClock("P31D");
    const converted = (await subscriptionsOf(FABRIKAM)).find((s) => s.id === trials[0]!.id);
    expect(converted).toMatchObject({ isTrial: false, quantity: 25, termDuration: "P1Y", status: "active" });
  });
});
