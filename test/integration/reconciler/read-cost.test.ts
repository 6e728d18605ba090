// The calls a plan makes over the example estate equal the documented minimum (docs/plan-and-apply.md, "Read cost"),
// the price sheet of each market included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let emulator: TestEmulator;
let client: CspClient;
let estate: DesiredEstate;

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
  const loaded = await loadEstate("examples/estate", { env: { ...process.env } });
  if (!loaded.valid) throw new Error("examples/estate must be valid");
  estate = loaded.estate;
  await applyPlan((await planEstate(client, estate)).plan, {
    client,
    estate,
    allowDestructive: true,
    credentials: { record: () => undefined, count: 0 },
  });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("read cost of a plan", () => {
  it("reads the customer list once and each existing customer's state once", async () => {
    await emulator.control.resetStats();
    const { actual } = await planEstate(client, estate);
    const stats = await emulator.control.stats();
    const existing = estate.customers.filter((c) => actual.customers.some((a) => a.domain === c.company.domain));
    expect(existing.length).toBeGreaterThan(2);
    const expected: Record<string, number> = {
      "GET /v1/customers": 1,
      "GET /v1/customers/{customerId}/subscriptions": existing.length,
      "GET /v1/customers/{customerId}/subscribedskus": existing.length,
      "GET /v1/customers/{customerId}/orders": existing.length,
      "GET /graph/v1.0/users": existing.length,
      "GET /v1/customers/{customerId}/profiles/billing": existing.filter((c) => c.billing !== undefined).length,
      // the price sheet: one per market of the planned customers, whether or not they exist yet
      "GET /v1.0/sales/{sheet}/$value": new Set(estate.customers.map((c) => c.company.country)).size,
      // promotions: one eligibility check per existing customer declaring one, the market's promotions
      // once, and the availability each declared promotion is checked for
      "POST /v1/customers/{customerId}/promotionEligibilities": existing.filter((c) =>
        c.subscriptions.some((s) => s.promotion !== undefined),
      ).length,
      "GET /v1/productpromotions": existing.some((c) => c.subscriptions.some((s) => s.promotion !== undefined)) ? 1 : 0,
      "GET /v1/products/{productId}/skus/{skuId}/availabilities": existing.flatMap((c) =>
        c.subscriptions.filter((s) => s.promotion !== undefined),
      ).length,
      "GET /v1/customers/{customerId}/qualifications": existing.filter(
        (c) => c.company.qualification === "education" || c.company.qualification === "government",
      ).length,
    };
    expect(Object.fromEntries(Object.entries(stats.requests).filter(([, n]) => n > 0))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
    );
    expect(stats.writes).toBe(0);
  });
});
