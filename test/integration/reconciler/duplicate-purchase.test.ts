// A duplicate purchase end to end: another buyer (not cspctl, or a cspctl with another key) buys the
// same offer while apply is buying it. The read-back after the purchase reports it, the apply
// fails, and the next plan proposes cancelling the newer subscription while NCE refunds it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { ApplyError, applyFailed } from "../../../reconciler/apply/apply-report.js";
import type { ApplyClient } from "../../../reconciler/apply/operation-context.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const DOMAIN = "dupbuy.onmicrosoft.com";
const estateYaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: dupbuy }
spec:
  company: { name: Dup Buy, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@dupbuy.example, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 2 }
`;

let emulator: TestEmulator;
let client: CspClient;
let other: CspClient;

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  other = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
});
afterAll(async () => {
  await client?.close();
  await other?.close();
  await emulator?.close();
});

/** The real client, except that right after its purchase another buyer, on its own connection, buys the same thing. */
function withConcurrentBuyer(real: CspClient): ApplyClient {
  const orders = real.partnerCenter.orders;
  const purchase: typeof orders.purchase = async (customerId, items, options) => {
    const bought = await orders.purchase(customerId, items, options);
    await other.partnerCenter.orders.purchase(customerId, items, options);
    return bought;
  };
  return { graph: real.graph, partnerCenter: { ...real.partnerCenter, orders: { ...orders, purchase } } };
}

describe("a duplicate purchase", () => {
  it("is reported by the apply that finds it, fails it, and the next plan cancels the newer subscription only with --allow-destructive", async () => {
    const estate = await estateFromYaml(estateYaml);
    const report = await applyPlan((await planEstate(client, estate)).plan, {
      client: withConcurrentBuyer(client),
      estate,
    });

    const bought = report.outcomes.find((o) => o.action === "create-subscription")!;
    expect(bought.outcome).toBe("applied");
    expect(report.duplicates).toEqual([
      expect.objectContaining({
        address: "customer:dupbuy/subscription:exo",
        offer: "CFQ7TTC0LH16:0001",
        quantity: 2,
        refundableUntil: expect.any(String),
      }),
    ]);
    const duplicateId = report.duplicates[0]!.subscriptionId;
    expect(duplicateId).not.toBe(bought.detail?.subscriptionId);
    expect(Date.parse(report.duplicates[0]!.refundableUntil!)).toBeGreaterThan(Date.now());
    expect(applyFailed(report)).toBe(true);
    expect(new ApplyError(report).code).toBe("apply.duplicate_purchase");

    const next = (await planEstate(client, estate)).plan;
    expect(next.steps).toEqual([
      expect.objectContaining({
        action: "cancel",
        reason: "duplicate_purchase",
        address: `customer:dupbuy/subscription:${duplicateId}`,
        protected: true,
        status: "ready",
      }),
    ]);
    expect(next.steps[0]!.before).toEqual(
      expect.objectContaining({
        duplicateOf: bought.detail?.subscriptionId,
        refundableUntil: report.duplicates[0]!.refundableUntil,
      }),
    );

    const refused = await applyPlan(next, { client, estate });
    expect(refused.outcomes.map((o) => o.outcome)).toEqual(["skipped"]);
    const cancelled = await applyPlan(next, { client, estate, allowDestructive: true });
    expect(cancelled.outcomes.map((o) => o.outcome)).toEqual(["applied"]);
    expect(cancelled.duplicates).toEqual([]);

    expect((await planEstate(client, estate)).plan.steps).toEqual([]);
    const customerId = String(report.outcomes[0]!.detail?.customerId);
    const live = (await client.partnerCenter.subscriptions.list(customerId)).filter((s) => s.status !== "deleted");
    expect(live.map((s) => s.id)).toEqual([bought.detail?.subscriptionId]);
  });
});
