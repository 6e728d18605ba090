// The domain rescans only a write's scope for new due work (finding bench-emulator-due-work-scan);
// due work a write schedules must still fire once the clock reaches it, also after the emulator had
// already worked out that nothing was due, and due work elsewhere must not be forgotten.
import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { catalogItemIdFor } from "../../../emulator/rules/catalog-items.js";
import type { EmulatorState } from "../../../emulator/store/state.js";
import { basicSeed, createHarness } from "./harness.js";

const BASIC = catalogItemIdFor(catalog.offers["CFQ7TTC0LH18:0001"]!);
const CUSTOMER_A = "cccccccc-0000-4000-8000-000000000000";
const CUSTOMER_B = "cccccccc-0000-4000-8000-000000000001";

type Harness = ReturnType<typeof createHarness>;

async function placeOrder(harness: Harness, customerId: string): Promise<string> {
  const cart = await harness.call("POST", `/customers/${customerId}/carts`, {
    body: { lineItems: [{ catalogItemId: BASIC, quantity: 1, termDuration: "P1Y", billingCycle: "monthly" }] },
  });
  const result = await harness.call(
    "POST",
    `/customers/${customerId}/carts/${(cart.body as { id: string }).id}/checkout`,
  );
  return (result.body as { orders: { id: string }[] }).orders[0]!.id;
}

const orderStatus = async (harness: Harness, customerId: string, orderId: string): Promise<string> =>
  ((await harness.call("GET", `/customers/${customerId}/orders/${orderId}`)).body as { status: string }).status;

describe("due work after a write", () => {
  it("completes an order placed after the emulator had found nothing due", async () => {
    const harness = createHarness({ provisioningDelaySeconds: 60 });
    harness.domain.seed(basicSeed(2));
    await harness.call("GET", "/customers"); // settles: nothing is due anywhere
    const orderId = await placeOrder(harness, CUSTOMER_A);
    expect(await orderStatus(harness, CUSTOMER_A, orderId)).toBe("pending");
    harness.clock.advanceHours(1);
    expect(await orderStatus(harness, CUSTOMER_A, orderId)).toBe("completed");
  });

  it("keeps one customer's due work when another customer is written to later", async () => {
    const harness = createHarness({ provisioningDelaySeconds: 60 });
    harness.domain.seed(basicSeed(2));
    await harness.call("GET", "/customers");
    const orderA = await placeOrder(harness, CUSTOMER_A);
    harness.clock.advanceHours(1 / 120); // 30 s: A still pending
    const orderB = await placeOrder(harness, CUSTOMER_B);
    harness.clock.advanceHours(1 / 60 - 1 / 120); // A's order is due, B's is not yet
    expect(await orderStatus(harness, CUSTOMER_B, orderB)).toBe("pending");
    expect(await orderStatus(harness, CUSTOMER_A, orderA)).toBe("completed");
    harness.clock.advanceHours(1);
    expect(await orderStatus(harness, CUSTOMER_B, orderB)).toBe("completed");
  });

  it("purges a user 30 days after a delete made after the emulator had found nothing due", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(1));
    const created = await harness.call("POST", `/customers/${CUSTOMER_A}/users`, {
      body: {
        userPrincipalName: "ann@contoso0.onmicrosoft.com",
        displayName: "Ann",
        passwordProfile: { password: "Correct-Horse-9!", forceChangePassword: true },
      },
    });
    const userId = (created.body as { id: string }).id;
    await harness.call("GET", "/customers");
    await harness.call("DELETE", `/customers/${CUSTOMER_A}/users/${userId}`);
    const users = (): Record<string, unknown> =>
      (harness.domain.snapshot() as EmulatorState).tenants[CUSTOMER_A]!.users;
    harness.clock.advanceHours(29 * 24);
    await harness.call("GET", "/customers");
    expect(Object.keys(users())).toContain(userId);
    harness.clock.advanceHours(2 * 24);
    await harness.call("GET", "/customers");
    expect(Object.keys(users())).not.toContain(userId);
  });
});
