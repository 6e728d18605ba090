import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan, StalePlanError } from "../../../reconciler/apply/apply-plan.js";
import { recheckPlan } from "../../../reconciler/apply/recheck.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { readActual } from "../../../reconciler/read/read-actual.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
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
    const estate = await estateFromYaml(`${customer("alpha", 3)}---\n${customer("beta", 2)}`);
    // slow start: a customer created now cannot place orders for an hour (emulator fault)
    await emulator.control.faults({ slowStartSeconds: 3600 });
    const { plan } = await planEstate(client, estate, { now });
    // an hour is past any retry: the step fails after one attempt here (no waiting in this test)
    const report = await applyPlan(plan, { client, estate, freshTenantRetry: { attempts: 1, delayMs: 0 } });
    const outcome = (id: string) => report.outcomes.find((o) => o.id === id)?.outcome;
    expect(outcome("customer:alpha/subscription:bp#resize")).toBe("applied");
    expect(outcome("customer:beta#create-customer")).toBe("applied");
    expect(outcome("customer:beta/subscription:bp#create-subscription")).toBe("failed");
    expect(outcome("customer:beta/user:ann@beta.onmicrosoft.com#create-user")).toBe("not-started");
    expect(outcome("customer:beta/user:ann@beta.onmicrosoft.com/license:bp#assign")).toBe("not-started");
    expect(report.summary).toEqual({ applied: 2, pending: 0, waiting: 0, failed: 1, skipped: 0, "not-started": 2 });
    // a failed step is an error (exit 1), and the report still names every object left undone
    expect(report.convergence.status).toBe("failed");
    expect(report.convergence.objects.map((o) => o.kind)).toEqual(["failed", "not-started", "not-started"]);
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

  it("a tenant created in this run that is briefly 'not found' (404/60003) is retried, and nothing is bought twice", async () => {
    await emulator.control.faults({ slowStartSeconds: 1 });
    const estate = await estateFromYaml(customer("gamma", 2));
    const { plan } = await planEstate(client, estate, { now });
    const waits: number[] = [];
    const report = await applyPlan(plan, {
      client,
      estate,
      freshTenantRetry: { attempts: 8, delayMs: 200 },
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    expect(report.summary).toMatchObject({ failed: 0, applied: plan.steps.length });
    expect(waits.length).toBeGreaterThan(0);
    const actual = (await planEstate(client, estate, { now })).actual.customers[0]!;
    expect(actual.subscriptions!.map((s) => s.offerId)).toEqual(["CFQ7TTC0LCHC:0002"]);
  });

  it("refuses a saved plan after an out-of-band change", async () => {
    const estate = await estateFromYaml(customer("gamma", 2));
    await converge(estate);
    const bigger = await estateFromYaml(customer("gamma", 4));
    const { plan, customers } = await planEstate(client, bigger, { now });
    const actual = await readActual(client, customers);
    const subscription = actual.customers[0]!.subscriptions![0]!;
    await client.partnerCenter.subscriptions.update(actual.customers[0]!.id, subscription.id, { quantity: 3 }); // a technician in the portal
    await expect(
      applyPlan(plan, { client, estate: bigger, reread: () => readActual(client, customers) }),
    ).rejects.toThrow(StalePlanError);
    const unchanged = await readActual(client, customers);
    expect(unchanged.customers[0]!.subscriptions![0]!.quantity).toBe(3);
  });

  it("reads again only the customers a saved plan changes, and is not refused for a change to one it leaves alone", async () => {
    const estate = await estateFromYaml(`${customer("eta", 2)}---\n${customer("theta", 2)}`);
    await converge(estate);
    const bigger = await estateFromYaml(`${customer("eta", 4)}---\n${customer("theta", 2)}`);
    const { plan, customers, actual } = await planEstate(client, bigger, { now });
    expect(plan.steps.map((s) => s.id)).toEqual(["customer:eta/subscription:bp#resize"]);
    const theta = actual.customers.find((c) => c.domain === "theta.onmicrosoft.com")!;
    await client.partnerCenter.subscriptions.update(theta.id, theta.subscriptions![0]!.id, { quantity: 3 }); // a technician, elsewhere
    const recheck = recheckPlan(plan, { client, customers, declaredElsewhere: bigger.customers, now });
    const reread: string[] = [];
    const report = await applyPlan(plan, {
      client,
      estate: bigger,
      ...recheck,
      reread: async () => {
        const again = await recheck.reread();
        reread.push(...again.customers.map((c) => c.domain));
        return again;
      },
    });
    expect(reread).toEqual(["eta.onmicrosoft.com"]);
    expect(report.summary).toMatchObject({ applied: 1, failed: 0 });
    const after = await readActual(client, customers);
    expect(after.customers.map((c) => [c.domain, c.subscriptions![0]!.quantity])).toEqual([
      ["eta.onmicrosoft.com", 4],
      ["theta.onmicrosoft.com", 3],
    ]);

    // the same plan again: eta is not what it was planned from any more
    await expect(
      applyPlan(plan, {
        client,
        estate: bigger,
        ...recheckPlan(plan, { client, customers, declaredElsewhere: bigger.customers, now }),
      }),
    ).rejects.toThrow(StalePlanError);
  });

  it("refuses a saved plan whose steps are not what the planner gives now (a hand-edited quantity), before any write", async () => {
    const estate = await estateFromYaml(customer("epsilon", 2));
    await converge(estate);
    const bigger = await estateFromYaml(customer("epsilon", 4));
    const { plan, customers } = await planEstate(client, bigger, { now });
    const saved = JSON.parse(JSON.stringify(plan)) as typeof plan;
    const replan = async (actual: Awaited<ReturnType<typeof readActual>>) =>
      planChanges({ customers }, actual, { now: await now() });
    saved.steps.find((s) => s.action === "resize")!.after = { quantity: 400 };
    await emulator.control.resetStats();
    await expect(
      applyPlan(saved, { client, estate: bigger, reread: () => readActual(client, customers), replan }),
    ).rejects.toThrow(/step customer:epsilon\/subscription:bp#resize is not what planning/);
    expect((await emulator.control.stats()).writes).toBe(0);
    // the plan as saved, unedited, applies
    const report = await applyPlan(JSON.parse(JSON.stringify(plan)) as typeof plan, {
      client,
      estate: bigger,
      reread: () => readActual(client, customers),
      replan,
    });
    expect(report.summary).toMatchObject({ applied: 1, failed: 0 });
  });

  it("never buys an offer whose subscription appeared after the plan was made (a concurrent run), yet buys two of one offer in one run", async () => {
    await converge(await estateFromYaml(customer("zeta", 2)));
    const exo = (name: string, friendly: string) =>
      `    - { name: ${name}, offer: CFQ7TTC0LH16:0001, term: P1M, billing: monthly, quantity: 1, friendlyName: ${friendly} }\n`;
    const withExo = await estateFromYaml(customer("zeta", 2).replace("  users:\n", `${exo("exo", "Mail")}  users:\n`));
    const { plan, actual } = await planEstate(client, withExo, { now });
    expect(plan.steps.map((s) => s.action)).toEqual(["create-subscription"]);
    // another apply (or a technician in the portal) buys it between this plan and this apply
    await client.partnerCenter.orders.purchase(
      actual.customers[0]!.id,
      [
        {
          productId: "CFQ7TTC0LH16",
          skuId: "0001",
          quantity: 1,
          termDuration: "P1M",
          billingCycle: "monthly",
          friendlyName: "Mail",
        },
      ],
      { country: "US" },
    );
    const report = await applyPlan(plan, { client, estate: withExo });
    expect(report.outcomes).toEqual([
      expect.objectContaining({
        action: "create-subscription",
        outcome: "failed",
        error: expect.objectContaining({ code: "plan.stale" }),
      }),
    ]);
    const exoSubscriptions = async () =>
      (await planEstate(client, withExo, { now })).actual.customers[0]!.subscriptions!.filter(
        (s) => s.offerId === "CFQ7TTC0LH16:0001",
      );
    expect(await exoSubscriptions()).toHaveLength(1);
    expect((await planEstate(client, withExo, { now })).plan.steps).toEqual([]);

    // two declared subscriptions of the same offer, bought by the same run: the second is not "someone else's"
    const twoMore = await estateFromYaml(
      customer("zeta", 2).replace(
        "  users:\n",
        `${exo("exo", "Mail")}${exo("exo2", "Mail2")}${exo("exo3", "Mail3")}  users:\n`,
      ),
    );
    const more = await planEstate(client, twoMore, { now });
    expect(more.plan.steps.map((s) => s.action)).toEqual(["create-subscription", "create-subscription"]);
    expect((await applyPlan(more.plan, { client, estate: twoMore })).summary).toMatchObject({ applied: 2, failed: 0 });
    expect(
      (await planEstate(client, twoMore, { now })).actual.customers[0]!.subscriptions!.filter(
        (s) => s.offerId === "CFQ7TTC0LH16:0001",
      ),
    ).toHaveLength(3);
  });

  it("skips a destructive step of a protected customer unless --allow-destructive", async () => {
    await converge(await estateFromYaml(customer("delta", 2)));
    const suspended = await estateFromYaml(customer("delta", 2, ", state: suspended"));
    const first = await planEstate(client, suspended, { now });
    const refused = await applyPlan(first.plan, { client, estate: suspended });
    expect(refused.outcomes).toEqual([
      expect.objectContaining({
        action: "suspend",
        outcome: "skipped",
        reason: expect.stringContaining("--allow-destructive"),
      }),
    ]);
    // not an error, but not converged either (exit 2): the subscription is not as declared
    expect(refused.convergence).toEqual({
      status: "not-converged",
      objects: [
        {
          address: "customer:delta/subscription:bp",
          action: "suspend",
          kind: "needs-flag",
          reason: expect.stringContaining("--allow-destructive"),
        },
      ],
    });
    const still = await planEstate(client, suspended, { now });
    expect(still.plan.steps.map((s) => s.action)).toEqual(["suspend"]);
    const allowed = await applyPlan(still.plan, { client, estate: suspended, allowDestructive: true });
    expect(allowed.outcomes).toEqual([expect.objectContaining({ action: "suspend", outcome: "applied" })]);
    expect(allowed.convergence).toEqual({ status: "converged", objects: [] });
    expect((await planEstate(client, suspended, { now })).plan.steps).toEqual([]);
  });
});
