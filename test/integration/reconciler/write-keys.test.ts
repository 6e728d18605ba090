// Derived MS-RequestIds end to end: two applies of the same estate at once buy once, and a later,
// intended purchase of the same offer is a new write, not a replay of the first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const estateYaml = (domain: string, state = "active"): string => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${domain.split(".")[0]} }
spec:
  company: { name: Keys Test, domain: ${domain}, country: US }
  tenant: { mode: create }
  billing: { email: ap@keys.example, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 3, state: ${state} }
`;

let emulator: TestEmulator;
let clients: CspClient[];

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  clients = [0, 1].map(() =>
    createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE }),
  );
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emulator?.close();
});

async function customersWith(client: CspClient, domain: string) {
  const found = [];
  for await (const customer of client.partnerCenter.customers.list())
    if (customer.domain === domain) found.push(customer);
  return found;
}

async function subscriptionsOf(client: CspClient, domain: string) {
  const [customer] = await customersWith(client, domain);
  return customer === undefined ? [] : client.partnerCenter.subscriptions.list(customer.id);
}

describe("writes keyed by what they mean", () => {
  it("two clients that planned the same estate and apply it at once create one customer and buy once", async () => {
    const domain = "keysrace.onmicrosoft.com";
    const estate = await estateFromYaml(estateYaml(domain));
    const plans = await Promise.all(clients.map(async (client) => (await planEstate(client, estate)).plan));
    await emulator.control.resetStats();
    const reports = await Promise.all(clients.map((client, i) => applyPlan(plans[i]!, { client, estate })));

    // Both report what happened: the same customer and the same subscription, each written once.
    for (const report of reports)
      expect(report.outcomes.map((o) => [o.action, o.outcome])).toEqual([
        ["create-customer", "applied"],
        ["create-subscription", "applied"],
      ]);
    expect(reports[0]!.outcomes[1]!.detail?.subscriptionId).toBe(reports[1]!.outcomes[1]!.detail?.subscriptionId);
    expect(await customersWith(clients[0]!, domain)).toHaveLength(1);
    expect((await subscriptionsOf(clients[0]!, domain)).map((s) => s.quantity)).toEqual([3]);
    expect((await emulator.control.stats()).replayed).toBeGreaterThanOrEqual(3);
  });

  it("buys again when the estate asks for the offer again after the first subscription was cancelled", async () => {
    const domain = "keysagain.onmicrosoft.com";
    const [client] = clients as [CspClient];
    const apply = async (yaml: string, allowDestructive = false) => {
      const estate = await estateFromYaml(yaml);
      return applyPlan((await planEstate(client, estate)).plan, { client, estate, allowDestructive });
    };
    await apply(estateYaml(domain));
    await apply(estateYaml(domain, "cancelled"), true);
    const again = await apply(estateYaml(domain));

    expect(again.outcomes.map((o) => [o.action, o.outcome])).toEqual([["create-subscription", "applied"]]);
    const subscriptions = await subscriptionsOf(client, domain);
    expect(subscriptions.map((s) => s.status).sort()).toEqual(["active", "deleted"]);
    expect(again.outcomes[0]!.detail?.subscriptionId).toBe(subscriptions.find((s) => s.status === "active")!.id);
  });
});
