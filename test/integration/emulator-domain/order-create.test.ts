// POST /v1/customers/{id}/orders: an order created directly (documented with NCE line items, the
// catalogItemId as offerId) goes through the same purchase path as a cart's checkout.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { BUSINESS_BASIC, FABRIKAM, integrationSeed } from "./fixture.js";

let emulator: TestEmulator;
let token: string;
let catalogItemId: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(), domainConfig: { provisioningDelaySeconds: 30 } });
  token = await emulator.token({ audience: "partner-center", kind: "app" });
  const [productId, skuId] = BUSINESS_BASIC.split(":");
  const availabilities = await emulator.send(`/v1/products/${productId}/skus/${skuId}/availabilities?country=US`, {
    token,
  });
  catalogItemId = (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
});
afterAll(async () => emulator.close());

const orders = `/v1/customers/${FABRIKAM}/orders`;

describe("create an order directly", () => {
  it("places a pending NCE order whose subscription appears after provisioning; a retry with the same MS-RequestId replays it", async () => {
    const requestId = randomUUID();
    const body = {
      BillingCycle: "monthly",
      LineItems: [
        { LineItemNumber: 0, OfferId: catalogItemId, Quantity: 3, TermDuration: "P1Y", FriendlyName: "Direct order" },
      ],
    };
    const placed = await emulator.send(orders, { method: "POST", token, body, headers: { "MS-RequestId": requestId } });
    expect(placed.status).toBe(201);
    const order = placed.body as {
      id: string;
      status: string;
      billingCycle: string;
      lineItems: {
        offerId: string;
        quantity: number;
        termDuration: string;
        friendlyName: string;
        subscriptionId?: string;
      }[];
      attributes: { objectType: string };
    };
    expect(order).toMatchObject({ status: "pending", billingCycle: "monthly", attributes: { objectType: "Order" } });
    expect(order.lineItems).toEqual([
      expect.objectContaining({
        offerId: catalogItemId,
        quantity: 3,
        termDuration: "P1Y",
        friendlyName: "Direct order",
      }),
    ]);
    expect(order.lineItems[0]!.subscriptionId).toBeUndefined();
    const retried = await emulator.send(orders, {
      method: "POST",
      token,
      body,
      headers: { "MS-RequestId": requestId },
    });
    expect((retried.body as { id: string }).id).toBe(order.id);
    expect(((await emulator.send(orders, { token })).body as { items: unknown[] }).items).toHaveLength(1);
    await emulator.control.advanceClock("PT31S");
    expect((await emulator.send(`${orders}/${order.id}`, { token })).body).toMatchObject({ status: "completed" });
    const subscriptions = (
      await emulator.send(`/v1/customers/${FABRIKAM}/subscriptions?order_id=${order.id}`, { token })
    ).body as { items: { quantity: number; friendlyName: string; status: string }[] };
    expect(subscriptions.items).toEqual([
      expect.objectContaining({ quantity: 3, friendlyName: "Direct order", status: "active" }),
    ]);
  });

  it("checks the lines as a cart's: legacy offer ids, quantities out of range and a missing billing cycle are refused", async () => {
    const legacy = await emulator.send(orders, {
      method: "POST",
      token,
      body: {
        billingCycle: "monthly",
        lineItems: [{ lineItemNumber: 0, offerId: "031C9E47-4802-4248-838E-778FB1D2CC05", quantity: 1 }],
      },
    });
    expect(legacy.status).toBe(400);
    expect(legacy.body).toMatchObject({ code: 800004 });
    const tooMany = await emulator.send(orders, {
      method: "POST",
      token,
      body: {
        billingCycle: "monthly",
        lineItems: [{ lineItemNumber: 0, offerId: catalogItemId, quantity: 301, termDuration: "P1Y" }],
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: 2002 });
    const noCycle = await emulator.send(orders, {
      method: "POST",
      token,
      body: { lineItems: [{ lineItemNumber: 0, offerId: catalogItemId, quantity: 1, termDuration: "P1Y" }] },
    });
    expect(noCycle.status).toBe(400);
    expect(noCycle.body).toMatchObject({ code: 800002, description: expect.stringContaining("billingCycle") });
  });
});
