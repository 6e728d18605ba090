import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { catalogItemIdFor } from "../../../emulator/rules/catalog-items.js";
import { customTermEndProblem } from "../../../emulator/rules/coterm.js";
import { createHarness, PARTNER } from "./harness.js";
import { stateWith, subscription, TENANT } from "./records.js";

describe("co-terming (R-ADD-3)", () => {
  const now = new Date("2026-01-10T09:00:00Z");
  const state = stateWith(
    subscription({ at: "2025-06-15T10:00:00Z" }),
    subscription({ at: "2025-12-20T10:00:00Z", term: "P1M", offerId: "CFQ7TTC0LH18:000P" }),
  );
  it.each([
    ["2026-06-14T00:00:00Z", "P1Y", undefined],
    ["2026-01-31T00:00:00Z", "P1M", undefined],
    ["2026-03-31T00:00:00Z", "P1Y", undefined],
    ["2026-06-13T00:00:00Z", "P1Y", /must match/],
    ["2026-01-19T00:00:00Z", "P1Y", /must match/],
    ["2026-01-19T00:00:00Z", "P1M", undefined],
    ["2026-01-28T00:00:00Z", "P1M", /28th to 30th/],
    ["2027-03-31T00:00:00Z", "P1Y", /full term/],
    ["2026-01-09T00:00:00Z", "P1Y", /future/],
  ])("%s for a %s term → %s", (date, term, problem) => {
    const answer = customTermEndProblem(state, TENANT, term as "P1M" | "P1Y", false, now, date);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toMatch(problem);
  });
  it("never co-terms a trial", () => {
    expect(customTermEndProblem(state, TENANT, "P1M", true, now, "2026-01-31T00:00:00Z")).toMatch(/Trials/);
  });
});

describe("indirect reseller of record", () => {
  it("puts the cart's transaction_reseller on the subscription as partnerId, and ?mpn_id= finds it", async () => {
    const harness = createHarness({ provisioningDelaySeconds: 0 });
    const customer = "cccccccc-0000-4000-8000-0000000000aa";
    harness.domain.seed({
      partners: [
        {
          tenantId: PARTNER,
          customers: [{ tenantId: customer, companyName: "Indirect", domain: "indirect.onmicrosoft.com" }],
        },
      ],
    });
    const line = {
      catalogItemId: catalogItemIdFor(catalog.offers["CFQ7TTC0LH18:0001"]!),
      quantity: 3,
      termDuration: "P1Y",
      billingCycle: "monthly",
      participants: [{ key: "transaction_reseller", value: "5357564" }],
    };
    const cart = await harness.call("POST", `/customers/${customer}/carts`, { body: { lineItems: [line] } });
    await harness.call("POST", `/customers/${customer}/carts/${(cart.body as { id: string }).id}/checkout`);
    const byReseller = (await harness.call("GET", `/customers/${customer}/subscriptions?mpn_id=5357564`)).body as {
      items: { partnerId: string }[];
    };
    expect(byReseller.items).toEqual([expect.objectContaining({ partnerId: "5357564" })]);
    expect(
      ((await harness.call("GET", `/customers/${customer}/subscriptions?mpn_id=1`)).body as { items: unknown[] }).items,
    ).toEqual([]);
  });
});
