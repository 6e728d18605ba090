import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const DOMAIN = "northwind.onmicrosoft.com";
const estateYaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: northwind }
spec:
  company: { name: Northwind Traders, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@northwind.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 2 }
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@${DOMAIN}, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: bp }] }
    - { userPrincipalName: bob@${DOMAIN}, firstName: Bob, lastName: Jones, usageLocation: US, licenses: [{ subscription: bp }, { subscription: exo }] }
`;

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("plan and apply against the emulator", () => {
  it("applies an estate from empty, then plans no changes and a second apply writes nothing", async () => {
    const estate = await estateFromYaml(estateYaml);
    const first = await planEstate(client, estate);
    expect(first.plan.steps.map((s) => s.action)).toEqual([
      "create-customer",
      "create-subscription",
      "create-subscription",
      "create-user",
      "create-user",
      "assign",
      "assign",
      "assign",
    ]);
    const report = await applyPlan(first.plan, { client, estate });
    expect(report.outcomes.filter((o) => o.outcome !== "applied")).toEqual([]);

    const second = await planEstate(client, estate);
    expect(second.plan.steps).toEqual([]);
    await emulator.control.resetStats();
    const noop = await applyPlan(second.plan, { client, estate });
    expect(noop.outcomes).toEqual([]);
    expect((await emulator.control.stats()).writes).toBe(0);
  });
});

describe("users through apply", () => {
  it("disables a user (destructive), then enables it again, through Graph's accountEnabled", async () => {
    const disabled = await estateFromYaml(
      estateYaml.replace("firstName: Bob, lastName: Jones,", "firstName: Bob, lastName: Jones, enabled: false,"),
    );
    const plan = (await planEstate(client, disabled)).plan;
    expect(plan.steps.map((s) => [s.action, s.risk])).toEqual([["disable-user", "destructive"]]);
    expect((await applyPlan(plan, { client, estate: disabled, allowDestructive: true })).summary.applied).toBe(1);
    expect((await planEstate(client, disabled)).plan.steps).toEqual([]);

    const enabled = await estateFromYaml(estateYaml);
    const again = (await planEstate(client, enabled)).plan;
    expect(again.steps).toEqual([expect.objectContaining({ action: "update-user", changedFields: ["enabled"] })]);
    await applyPlan(again, { client, estate: enabled });
    expect((await planEstate(client, enabled)).plan.steps).toEqual([]);
  });
});
