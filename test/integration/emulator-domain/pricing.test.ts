// Cart and order lines carry Partner Center's `pricing` block and orders their `totalPrice`
// (Partner Center docs: cart-resources, order-resources), from the emulator's price sheet
// (data/PRICES.md): partner price of one billing period, the whole term × quantity as extendedPrice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { FABRIKAM, integrationSeed } from "./fixture.js";

let emulator: TestEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(), domainConfig: { provisioningDelaySeconds: 0 } });
  await emulator.control.setClock("2026-11-14T09:30:00Z");
  token = await emulator.token({ audience: "partner-center", kind: "app" });
});
afterAll(async () => emulator.close());

async function catalogItem(offer: string): Promise<string> {
  const [productId, skuId] = offer.split(":");
  const result = await emulator.send(`/v1/products/${productId}/skus/${skuId}/availabilities?country=US`, { token });
  return (result.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
}

describe("prices on carts and orders", () => {
  it("prices each line from the price sheet and totals the order", async () => {
    const e3 = await catalogItem("CFQ7TTC0LFLX:0001");
    const basic = await catalogItem("CFQ7TTC0LH18:0001");
    const cart = await emulator.send(`/v1/customers/${FABRIKAM}/carts`, {
      method: "POST",
      token,
      body: {
        lineItems: [
          { id: 0, catalogItemId: e3, quantity: 5, billingCycle: "monthly", termDuration: "P1Y" },
          { id: 1, catalogItemId: basic, quantity: 2, billingCycle: "monthly", termDuration: "P1Y" },
        ],
      },
    });
    expect(cart.status).toBe(201);
    const lines = (cart.body as { id: string; lineItems: { pricing: Record<string, number> }[] }).lineItems;
    // Microsoft 365 E3, P1Y billed monthly: ERP 36.00 × 1.05 = 37.80 a month; partner 37.80 × 0.8 = 30.24;
    // extendedPrice = 30.24 × 12 months × 5 seats = 1814.40
    expect(lines[0]!.pricing).toEqual({
      listPrice: 30.24,
      discountedPrice: 30.24,
      proratedPrice: 30.24,
      price: 30.24,
      extendedPrice: 1814.4,
    });
    // Business Basic, P1Y billed monthly: 6.00 × 1.05 = 6.30; partner 5.04; × 12 × 2 = 120.96
    expect(lines[1]!.pricing.extendedPrice).toBe(120.96);
    const checkout = await emulator.send(
      `/v1/customers/${FABRIKAM}/carts/${(cart.body as { id: string }).id}/checkout`,
      {
        method: "POST",
        token,
      },
    );
    expect(checkout.status).toBe(201);
    const order = (checkout.body as { orders: { id: string; totalPrice: number; lineItems: { pricing: unknown }[] }[] })
      .orders[0]!;
    // 1814.40 + 120.96
    expect(order.totalPrice).toBe(1935.36);
    expect(order.lineItems[0]!.pricing).toEqual(lines[0]!.pricing);
    const read = await emulator.send(`/v1/customers/${FABRIKAM}/orders/${order.id}`, { token });
    expect((read.body as { totalPrice: number }).totalPrice).toBe(1935.36);
  });

  it("prices trials at 0 and prorates a line whose customTermEndDate shortens its first term", async () => {
    const premium = await catalogItem("CFQ7TTC0LCHC:0002");
    const cart = await emulator.send(`/v1/customers/${FABRIKAM}/carts`, {
      method: "POST",
      token,
      body: { lineItems: [{ id: 0, catalogItemId: premium, quantity: 25, billingCycle: "none", termDuration: "P1M" }] },
    });
    expect(cart.status).toBe(201);
    expect((cart.body as { lineItems: { pricing: { extendedPrice: number } }[] }).lineItems[0]!.pricing).toEqual({
      listPrice: 0,
      discountedPrice: 0,
      proratedPrice: 0,
      price: 0,
      extendedPrice: 0,
    });
    // Three months later (2027-02-14T09:30Z), a Business Basic P1Y line co-termed with the E3 bought on
    // 2026-11-14 (customTermEndDate 2027-11-13): 271.6 days, counted as 272 started days, of the full
    // term's 365 (to 2028-02-13T23:59:59Z). 5.04 × 272/365 = 3.7558… → 3.76 a month;
    // 60.48 × 272/365 = 45.0695… → 45.07 for the shortened term, × 3 seats = 135.21.
    await emulator.control.setClock("2027-02-14T09:30:00Z");
    const basic = await catalogItem("CFQ7TTC0LH18:0001");
    const coterm = await emulator.send(`/v1/customers/${FABRIKAM}/carts`, {
      method: "POST",
      token,
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: basic,
            quantity: 3,
            billingCycle: "monthly",
            termDuration: "P1Y",
            customTermEndDate: "2027-11-13T00:00:00Z",
          },
        ],
      },
    });
    expect(coterm.status, JSON.stringify(coterm.body)).toBe(201);
    expect((coterm.body as { lineItems: { pricing: unknown }[] }).lineItems[0]!.pricing).toEqual({
      listPrice: 5.04,
      discountedPrice: 5.04,
      proratedPrice: 3.76,
      price: 3.76,
      extendedPrice: 135.21,
    });
  });
});
