import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan, StalePlanError } from "../../../reconciler/apply/apply-plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { readActual } from "../../../reconciler/read/read-actual.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const customer = (name: string, quantity: number, extra = "") => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: ${quantity}${extra} }
  users:
    - { userPrincipalName: ann@${name}.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
`;

let emulator: TestEmulator;
let client: CspClient;
const now = async (): Promise<Date> => new Date((await emulator.control.clock()).now);

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
});
beforeEach(async () => {
  await emulator.control.reset();
  await emulator.control.clearFaults();
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

async function converge(estate: DesiredEstate): Promise<void> {
  const { plan } = await planEstate(client, estate, { now: () => new Date() });
  const report = await applyPlan(plan, { client, estate, allowDestructive: true });
  expect(report.summary.failed).toBe(0);
}

describe("apply when things go wrong", () => {
  it("a failure on one customer stops only that customer, the report is exact, and the next apply converges", async () => {
    await converge(await estateFromYaml(customer("alpha", 2)));
    const estate = await estateFromYaml(customer("alpha", 3) + "---\n" + customer("beta", 2));
    // slow start: a customer created now cannot place orders for an hour (emulator fault)
    await emulator.control.faults({ slowStartSeconds: 3600 });
    const { plan } = await planEstate(client, estate, { now });
    const report = await applyPlan(plan, { client, estate });
    const outcome = (id: string) => report.outcomes.find((o) => o.id === id)?.outcome;
    expect(outcome("customer:alpha/subscription:bp#resize")).toBe("applied");
    expect(outcome("customer:beta#create-customer")).toBe("applied");
    expect(outcome("customer:beta/subscription:bp#create-subscription")).toBe("failed");
    expect(outcome("customer:beta/user:ann@beta.onmicrosoft.com#create-user")).toBe("not-started");
    expect(outcome("customer:beta/user:ann@beta.onmicrosoft.com/license:bp#assign")).toBe("not-started");
    expect(report.summary).toEqual({ applied: 2, failed: 1, skipped: 0, "not-started": 2 });
    expect(report.outcomes).toHaveLength(plan.steps.length);

    await emulator.control.advanceClock("PT2H");
    const again = await planEstate(client, estate, { now });
    expect(again.plan.steps.map((s) => s.id)).toEqual([
      "customer:beta/subscription:bp#create-subscription",
      "customer:beta/user:ann@beta.onmicrosoft.com#create-user",
      "customer:beta/user:ann@beta.onmicrosoft.com/license:bp#assign",
    ]);
    expect((await applyPlan(again.plan, { client, estate })).summary.failed).toBe(0);
    expect((await planEstate(client, estate, { now })).plan.steps).toEqual([]);
  });

  it("refuses a saved plan after an out-of-band change", async () => {
    const estate = await estateFromYaml(customer("gamma", 2));
    await converge(estate);
    const bigger = await estateFromYaml(customer("gamma", 4));
    const { plan, customers } = await planEstate(client, bigger, { now });
    const actual = await readActual(client, customers);
    const subscription = actual.customers[0]!.subscriptions![0]!;
    await client.partnerCenter.subscriptions.update(actual.customers[0]!.id, subscription.id, { quantity: 3 }); // a technician in the portal
    await expect(applyPlan(plan, { client, estate: bigger, reread: () => readActual(client, customers) })).rejects.toThrow(StalePlanError);
    const unchanged = await readActual(client, customers);
    expect(unchanged.customers[0]!.subscriptions![0]!.quantity).toBe(3);
  });

  it("skips a destructive step of a protected customer unless --allow-destructive", async () => {
    await converge(await estateFromYaml(customer("delta", 2)));
    const suspended = await estateFromYaml(customer("delta", 2, ", state: suspended"));
    const first = await planEstate(client, suspended, { now });
    const refused = await applyPlan(first.plan, { client, estate: suspended });
    expect(refused.outcomes).toEqual([expect.objectContaining({ action: "suspend", outcome: "skipped", reason: expect.stringContaining("--allow-destructive") })]);
    const still = await planEstate(client, suspended, { now });
    expect(still.plan.steps.map((s) => s.action)).toEqual(["suspend"]);
    const allowed = await applyPlan(still.plan, { client, estate: suspended, allowDestructive: true });
    expect(allowed.outcomes).toEqual([expect.objectContaining({ action: "suspend", outcome: "applied" })]);
    expect((await planEstate(client, suspended, { now })).plan.steps).toEqual([]);
  });
});
