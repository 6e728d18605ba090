// Orders still provisioning are never bought twice: readActual maps them to "pending" subscriptions,
// and an order poll that runs out of time is "submitted, pending", not a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import type { ReadClient } from "../../../reconciler/read/read-actual.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const DOMAIN = "slowprov.onmicrosoft.com";
const estateYaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: slowprov }
spec:
  company: { name: Slow Provisioning, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@slowprov.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 2 }
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1M, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@${DOMAIN}, firstName: Alice, lastName: Smith, usageLocation: US, password: "\${env:ALICE_PW}", licenses: [{ subscription: bp }] }
`;

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  // Provisioning takes an hour of emulator time; the client gives up polling after 300 ms.
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 3600 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50, timeoutMs: 300 }, throttle: EMULATOR_THROTTLE });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("pending orders", () => {
  it("apply, apply again at once: one subscription per offer, the second run buys nothing", async () => {
    const estate = await estateFromYaml(estateYaml, { ALICE_PW: "Str0ng-Passw0rd!x" });
    const first = await planEstate(client, estate);
    const report = await applyPlan(first.plan, { client, estate });
    const creates = report.outcomes.filter((o) => o.action === "create-subscription");
    // accepted but still provisioning: "pending", never "applied"
    expect(creates.map((o) => [o.outcome, o.detail?.provisioning])).toEqual([
      ["pending", "pending"],
      ["pending", "pending"],
    ]);
    // the assignment needs the seats of the pending order: waiting with that reason, not failed
    const assign = report.outcomes.find((o) => o.action === "assign")!;
    expect(assign.outcome).toBe("waiting");
    expect(assign.reason).toMatch(/still provisioning/);
    expect(report.summary).toMatchObject({ applied: 2, pending: 2, waiting: 1, failed: 0 });
    // not converged (exit 2), each object with its reason
    expect(report.convergence.status).toBe("not-converged");
    expect(report.convergence.objects.map((o) => [o.address, o.kind])).toEqual([
      ["customer:slowprov/subscription:bp", "pending"],
      ["customer:slowprov/subscription:exo", "pending"],
      ["customer:slowprov/user:alice@slowprov.onmicrosoft.com/license:bp", "waiting"],
    ]);

    const second = await planEstate(client, estate);
    expect(second.plan.steps.filter((s) => s.action === "create-subscription")).toEqual([]);
    expect(
      second.plan.findings
        .filter((f) => f.kind === "pending")
        .map((f) => f.address)
        .sort(),
    ).toEqual([`customer:slowprov/subscription:bp`, `customer:slowprov/subscription:exo`]);
    const waiting = second.plan.steps.find((s) => s.action === "assign")!;
    expect(waiting.status).toBe("waiting");
    expect(waiting.waitingFor).toMatch(/order .* still provisioning/);

    await emulator.control.resetStats();
    const again = await applyPlan(second.plan, { client, estate });
    expect(again.summary).toMatchObject({ applied: 0, failed: 0, waiting: 1 });
    // a run that writes nothing while the orders provision is still not converged: they are pending
    expect(again.convergence.status).toBe("not-converged");
    expect(again.convergence.objects.map((o) => [o.address, o.kind]).sort()).toEqual([
      ["customer:slowprov/subscription:bp", "pending"],
      ["customer:slowprov/subscription:exo", "pending"],
      ["customer:slowprov/user:alice@slowprov.onmicrosoft.com/license:bp", "waiting"],
    ]);
    const stats = await emulator.control.stats();
    expect(stats.writes).toBe(0);

    // provisioning finishes: exactly one subscription per offer, and the assignment is ready now
    await emulator.control.advanceClock("PT2H");
    const done = await planEstate(client, estate);
    const subscriptions = done.actual.customers[0]!.subscriptions!;
    expect(subscriptions.map((s) => [s.offerId, s.status]).sort()).toEqual([
      ["CFQ7TTC0LCHC:0002", "active"],
      ["CFQ7TTC0LH16:0001", "active"],
    ]);
    expect(done.plan.steps.map((s) => [s.action, s.status])).toEqual([["assign", "ready"]]);
    const last = await applyPlan(done.plan, { client, estate });
    expect(last.summary).toMatchObject({ applied: 1, failed: 0 });
    expect(last.convergence).toEqual({ status: "converged", objects: [] });
    const converged = await planEstate(client, estate);
    expect(converged.plan.steps).toEqual([]);
  });

  // Checkout happened in an earlier run; the order completes while this run reads. Whatever the
  // interleaving, the purchase must be seen once: as a subscription or as a pending order.
  it("an order that completes between the subscriptions read and the orders read is still seen", async () => {
    const racer = estateYaml.replaceAll("slowprov", "racer").replace(/\n {2}users:\n[\s\S]*$/, "\n");
    const estate = await estateFromYaml(racer);
    const report = await applyPlan((await planEstate(client, estate)).plan, { client, estate });
    expect(
      report.outcomes.filter((o) => o.action === "create-subscription").map((o) => o.detail?.provisioning),
    ).toEqual(["pending", "pending"]);

    // The orders list is answered only after the subscriptions list was answered and the order completed.
    let subscriptionsRead: Promise<unknown> | undefined;
    const pc = client.partnerCenter;
    const interleaved: ReadClient = {
      graph: client.graph,
      partnerCenter: {
        customers: pc.customers,
        subscribedSkus: pc.subscribedSkus,
        subscriptions: {
          ...pc.subscriptions,
          list: (id: string) => {
            const read = pc.subscriptions.list(id).then(async (list) => {
              await emulator.control.advanceClock("PT2H");
              return list;
            });
            subscriptionsRead = read;
            return read;
          },
        },
        orders: {
          ...pc.orders,
          list: async (id: string) => {
            await subscriptionsRead;
            return pc.orders.list(id);
          },
        },
      },
    };
    const { plan, actual } = await planEstate(interleaved, estate);
    expect(plan.steps.filter((s) => s.action === "create-subscription")).toEqual([]);
    expect(actual.customers[0]!.subscriptions!.map((s) => s.offerId).sort()).toEqual([
      "CFQ7TTC0LCHC:0002",
      "CFQ7TTC0LH16:0001",
    ]);
  });
});
