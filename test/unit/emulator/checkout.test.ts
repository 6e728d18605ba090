import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { catalogItemIdFor } from "../../../emulator/rules/catalog-items.js";
import { nextDueTime } from "../../../emulator/rules/lifecycle.js";
import { createHarness, PARTNER } from "./harness.js";

const BASIC = catalogItemIdFor(catalog.offers["CFQ7TTC0LH18:0001"]!);
const billing = {
  email: "b@x.example",
  culture: "en-US",
  language: "en",
  companyName: "NewCo",
  defaultAddress: { country: "US", addressLine1: "1 Main St" },
};

async function newCustomer(harness: ReturnType<typeof createHarness>, prefix: string): Promise<string> {
  harness.domain.seed({ partners: [{ tenantId: PARTNER }] });
  const created = await harness.call("POST", "/customers", {
    body: { companyProfile: { domain: `${prefix}.onmicrosoft.com` }, billingProfile: billing },
  });
  return (created.body as { id: string }).id;
}

async function checkout(harness: ReturnType<typeof createHarness>, customerId: string, line: Record<string, unknown>) {
  const cart = await harness.call("POST", `/customers/${customerId}/carts`, { body: { lineItems: [line] } });
  return `/customers/${customerId}/carts/${(cart.body as { id: string }).id}/checkout`;
}

describe("checkout", () => {
  it("slow start: a new customer cannot order until slowStartSeconds have passed", async () => {
    const harness = createHarness({ slowStartSeconds: 120 });
    const customerId = await newCustomer(harness, "slowco");
    const path = await checkout(harness, customerId, {
      catalogItemId: BASIC,
      quantity: 1,
      termDuration: "P1Y",
      billingCycle: "monthly",
    });
    const refused = await harness.fail("POST", path);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 60003 });
    harness.clock.advanceHours(1);
    expect((await harness.call("POST", path)).status).toBe(201);
  });

  it("completes at once when provisioningDelaySeconds is 0, answering subscription ids", async () => {
    const harness = createHarness({ provisioningDelaySeconds: 0 });
    const customerId = await newCustomer(harness, "fastco");
    const result = await harness.call(
      "POST",
      await checkout(harness, customerId, {
        catalogItemId: BASIC,
        quantity: 2,
        termDuration: "P1Y",
        billingCycle: "annual",
      }),
    );
    const order = (result.body as { orders: { status: string; lineItems: { subscriptionId?: string }[] }[] })
      .orders[0]!;
    expect(order.status).toBe("completed");
    expect(order.lineItems[0]!.subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("validates cart lines: term, billing cycle for the term (R-TERM-3), trial shape, stale availability", async () => {
    const harness = createHarness();
    const customerId = await newCustomer(harness, "cartco");
    const cart = (line: Record<string, unknown>) =>
      harness.fail("POST", `/customers/${customerId}/carts`, { body: { lineItems: [line] } });
    expect(
      (await cart({ catalogItemId: BASIC, quantity: 1, termDuration: "P3Y", billingCycle: "monthly" })).body,
    ).toMatchObject({ code: 800121 });
    expect(
      (await cart({ catalogItemId: BASIC, quantity: 1, termDuration: "P1Y", billingCycle: "triennial" })).status,
    ).toBe(400);
    expect((await cart({ catalogItemId: BASIC, quantity: 10, termDuration: "P1M", billingCycle: "none" })).status).toBe(
      400,
    );
    expect(
      (
        await cart({
          catalogItemId: "CFQ7TTC0LH18:0001:STALE0000000",
          quantity: 1,
          termDuration: "P1Y",
          billingCycle: "monthly",
        })
      ).body,
    ).toMatchObject({ code: 800004 });
    expect(
      (await cart({ catalogItemId: BASIC, quantity: 301, termDuration: "P1Y", billingCycle: "monthly" })).body,
    ).toMatchObject({ code: 2002 });
  });

  it("nextDueTime points at the earliest pending work", async () => {
    const harness = createHarness({ provisioningDelaySeconds: 60 });
    const customerId = await newCustomer(harness, "dueco");
    await harness.call(
      "POST",
      await checkout(harness, customerId, {
        catalogItemId: BASIC,
        quantity: 1,
        termDuration: "P1Y",
        billingCycle: "monthly",
      }),
    );
    const state = harness.domain.snapshot() as Parameters<typeof nextDueTime>[0];
    expect(new Date(nextDueTime(state)).toISOString()).toBe("2026-01-10T09:01:00.000Z");
  });
});
