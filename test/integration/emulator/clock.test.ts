// The business clock drives the domain: a purchase stays pending until the emulator clock passes
// its provisioning delay, whatever the wall clock says; tokens keep working across clock moves.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator({ domainConfig: { provisioningDelaySeconds: 3600 } });
});
afterAll(async () => emu.close());

describe("emulator clock", () => {
  it("completes a pending order only when the clock is advanced past the provisioning delay", async () => {
    const customerId = randomUUID();
    await emu.control.seed({
      partners: [
        {
          tenantId: emu.env.CSPCTL_TENANT_ID,
          customers: [{ tenantId: customerId, domain: `clock${customerId.slice(0, 8)}.onmicrosoft.com` }],
        },
      ],
    });
    const token = await emu.token({ audience: "partner-center", kind: "app" });
    const availabilities = await emu.send(
      `/v1/customers/${customerId}/products/CFQ7TTC0LH18/skus/0001/availabilities`,
      { token },
    );
    const catalogItemId = (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
    const cart = await emu.send(`/v1/customers/${customerId}/carts`, {
      method: "POST",
      token,
      body: { lineItems: [{ id: 0, catalogItemId, quantity: 3, termDuration: "P1Y", billingCycle: "monthly" }] },
    });
    const checkout = await emu.send(`/v1/customers/${customerId}/carts/${(cart.body as { id: string }).id}/checkout`, {
      method: "POST",
      token,
    });
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
    const orderId = (checkout.body as { orders: { id: string }[] }).orders[0]!.id;
    const orderStatus = async (): Promise<string> =>
      ((await emu.send(`/v1/customers/${customerId}/orders/${orderId}`, { token })).body as { status: string }).status;

    expect(await orderStatus()).toBe("pending");
    await emu.control.advanceClock("PT30M");
    expect(await orderStatus()).toBe("pending");
    await emu.control.advanceClock("PT31M");
    expect(await orderStatus()).toBe("completed");
    const subscriptions = await emu.send(`/v1/customers/${customerId}/subscriptions`, { token });
    expect((subscriptions.body as { items: { quantity: number }[] }).items.map((s) => s.quantity)).toContain(3);
  });
});
