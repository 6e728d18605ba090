// Layer 1 of the provider tests: the provider objects' methods called directly, against the
// emulator over HTTPS. The methods load the reconciler through the package self-reference (dist/).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../client/index.js";
import { EMULATOR_THROTTLE } from "../../cli/connection.js";
import { providerFor } from "../../provider/provider-for.js";
import { UNKNOWN_VALUE } from "../../reconciler/pulumi/resource-inputs.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { customerFixture, licenseFixture, stackConfigFor, subscriptionFixture, userFixture } from "./fixtures.js";
import { BUILD_TIMEOUT_MS } from "./build-dist.js";
import { acquireEstateLock } from "../../reconciler/lock/estate-lock.js";
import { localLockBackend } from "../../reconciler/lock/local-lock.js";

const customerProvider = providerFor("customer");
const subscriptionProvider = providerFor("subscription");
const userProvider = providerFor("user");
const licenseProvider = providerFor("licenseAssignment");

let emulator: TestEmulator;
let client: CspClient;
let stateDir = "";
const DOMAIN = "pulumimethods.onmicrosoft.com";
const customer = customerFixture("methods", DOMAIN);

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  const config = stackConfigFor(emulator.env);
  stateDir = config["cspctl:stateDir"]!;
  await customerProvider.configure!({
    config: { get: (key: string) => config[key], require: (key: string) => config[key]! } as never,
  });
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

/** The bp subscription billed annually: Partner Center cannot switch billing in place. */
function annual(quantity: number) {
  const inputs = subscriptionFixture(customer, quantity);
  return { ...inputs, subscription: { ...inputs.subscription, billing: "annual" as const } };
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function subscriptionsOf(customerId: string) {
  return client.partnerCenter.subscriptions.list(customerId);
}

describe("check", () => {
  it("accepts valid inputs and reports every schema problem with the loader's codes", async () => {
    expect((await subscriptionProvider.check!({}, subscriptionFixture(customer) as never)).failures).toBeUndefined();
    const bad = subscriptionFixture(customer);
    const result = await subscriptionProvider.check!({}, {
      ...bad,
      subscription: { ...bad.subscription, quantity: 0, term: "P2Y" },
    } as never);
    const reasons = (result.failures ?? []).map((f) => f.reason).join("\n");
    expect(reasons).toContain("estate.number_out_of_range: subscription.quantity is 0");
    expect(reasons).toContain('estate.invalid_value: subscription.term is "P2Y"');
    expect(result.failures?.every((f) => f.property === "subscription")).toBe(true);
  });

  it("tolerates unknown values during preview", async () => {
    const news = {
      ...subscriptionFixture(customer),
      subscription: { ...subscriptionFixture(customer).subscription, quantity: UNKNOWN_VALUE },
    };
    const result = await subscriptionProvider.check!({}, news as never);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual(news);
  });

  it("rejects a literal password with the loader's hint", async () => {
    const user = userFixture(customer, `eve@${DOMAIN}`);
    const result = await userProvider.check!({}, { ...user, user: { ...user.user, password: "Hunter2!" } } as never);
    expect(result.failures?.[0]?.reason).toContain("estate.password_literal");
    expect(JSON.stringify(result.failures)).not.toContain("Hunter2!");
  });
});

describe("lifecycle against the emulator", () => {
  let customerId = "";
  let subscriptionId = "";

  it("creates the customer, and a no-op diff ignores __provider", async () => {
    const created = await customerProvider.create(customer as never);
    customerId = created.id;
    expect(created.outs).toEqual(roundTrip(created.outs));
    expect(created.outs).toMatchObject({ status: "exists", customerId, domain: DOMAIN, outputVersion: 1 });
    const diff = await customerProvider.diff!(created.id, { ...created.outs, __provider: "old code" }, {
      ...customer,
      __provider: "new code",
    } as never);
    expect(diff.changes).toBe(false);
  });

  it("buys a subscription exactly once: a retried create adopts it instead of ordering again", async () => {
    const inputs = subscriptionFixture(customer);
    const created = await subscriptionProvider.create(inputs as never);
    subscriptionId = created.id;
    expect(created.outs).toMatchObject({
      subscriptionId,
      customerId,
      quantity: 2,
      status: "exists",
      partnerCenterStatus: "active",
    });
    await emulator.control.resetStats();
    const again = await subscriptionProvider.create(inputs as never);
    expect(again.id).toBe(subscriptionId);
    expect((await emulator.control.stats()).writes).toBe(0);
    expect((await subscriptionsOf(customerId)).filter((s) => s.status !== "deleted")).toHaveLength(1);
    expect((await subscriptionProvider.diff!(subscriptionId, created.outs, inputs as never)).changes).toBe(false);
  });

  it("resizes in place: diff says update, update returns the complete outputs", async () => {
    const olds = (
      await subscriptionProvider.read!(subscriptionId, { ...subscriptionFixture(customer), subscriptionId } as never)
    ).props!;
    const news = subscriptionFixture(customer, 5);
    const diff = await subscriptionProvider.diff!(subscriptionId, olds, news as never);
    expect(diff).toEqual({ changes: true });
    const updated = await subscriptionProvider.update!(subscriptionId, olds, news as never);
    expect(updated.outs).toMatchObject({
      subscriptionId,
      customerId,
      quantity: 5,
      subscription: news.subscription,
      status: "exists",
    });
    expect((await subscriptionsOf(customerId)).find((s) => s.id === subscriptionId)?.quantity).toBe(5);
  });

  it("treats unknown values in diff as a change without reading Partner Center", async () => {
    const news = {
      ...subscriptionFixture(customer, 5),
      subscription: { ...subscriptionFixture(customer).subscription, quantity: UNKNOWN_VALUE },
    };
    await emulator.control.resetStats();
    const diff = await subscriptionProvider.diff!(
      subscriptionId,
      { ...subscriptionFixture(customer, 5) },
      news as never,
    );
    expect(diff.changes).toBe(true);
    expect((await emulator.control.stats()).reads).toBe(0);
  });

  it("refresh picks up an out-of-band change, and the next diff sees the program differ", async () => {
    await client.partnerCenter.subscriptions.update(customerId, subscriptionId, {
      quantity: 7,
      autoRenewEnabled: true,
    });
    const refreshed = await subscriptionProvider.read!(subscriptionId, {
      ...subscriptionFixture(customer, 5),
      subscriptionId,
    } as never);
    expect(refreshed.id).toBe(subscriptionId);
    expect(refreshed.props).toMatchObject({ quantity: 7 });
    expect((refreshed as { inputs?: { subscription: { quantity: number } } }).inputs?.subscription.quantity).toBe(7);
    expect(
      (await subscriptionProvider.diff!(subscriptionId, refreshed.props!, subscriptionFixture(customer, 5) as never))
        .changes,
    ).toBe(true);
  });

  it("plans a billing-cycle change as a replacement (cancel first), and replacing buys the new one", async () => {
    const olds = { ...subscriptionFixture(customer, 7), subscriptionId };
    const news = annual(7);
    const diff = await subscriptionProvider.diff!(subscriptionId, olds, news as never);
    expect(diff).toEqual({ changes: true, replaces: ["subscription.billing"], deleteBeforeReplace: true });
    await subscriptionProvider.delete!(subscriptionId, olds);
    expect((await subscriptionsOf(customerId)).find((s) => s.id === subscriptionId)?.status).toBe("deleted");
    const replaced = await subscriptionProvider.create(news as never);
    expect(replaced.id).not.toBe(subscriptionId);
    subscriptionId = replaced.id;
  });

  it("refresh of a subscription cancelled out of band returns no id, so it leaves Pulumi's state", async () => {
    const exo = {
      customer,
      subscription: {
        name: "exo",
        offer: "CFQ7TTC0LH16:0001",
        term: "P1M" as const,
        billing: "monthly" as const,
        quantity: 1,
      },
    };
    const created = await subscriptionProvider.create(exo as never);
    await client.partnerCenter.subscriptions.update(customerId, created.id, { status: "deleted" });
    expect(await subscriptionProvider.read!(created.id, created.outs)).toEqual({});
    await subscriptionProvider.delete!(created.id, created.outs); // already gone: nothing to do, no error
  });

  it("fails the preview of a decrease outside the 7-day window with the planner's hint", async () => {
    await emulator.control.advanceClock("P8D");
    const olds = annual(7);
    const news = annual(3);
    const failure = await subscriptionProvider.diff!(subscriptionId, olds, news as never).then(
      () => undefined,
      (error: unknown) => error as { code: string; message: string; hint: string },
    );
    expect(failure?.code).toBe("plan.decrease_outside_window");
    expect(failure?.message).toContain("NCE-RULES R-QTY-3");
    expect(failure?.hint).toContain("keep quantity: 7 and set renewal: { quantity: 3 } to shrink at renewal");
  });

  it("creates a user with a generated password output, assigns and unassigns a licence", async () => {
    const sub = annual(7);
    const user = userFixture(customer, `alice@${DOMAIN}`);
    const created = await userProvider.create(user as never);
    expect(typeof created.outs.password).toBe("string");
    expect(created.outs).toMatchObject({ userId: created.id, status: "exists", enabled: true });
    const license = await licenseProvider.create(licenseFixture(sub, user) as never);
    expect(license.id).toBe(`${created.id}/${license.outs.skuId as string}`);
    const readBack = await licenseProvider.read!(license.id, license.outs);
    expect(readBack.id).toBe(license.id);
    await licenseProvider.delete!(license.id, license.outs);
    expect(await licenseProvider.read!(license.id, license.outs)).toEqual({});
  });

  it("delete disables the user (cspctl never deletes a mailbox)", async () => {
    const user = userFixture(customer, `bob@${DOMAIN}`);
    const created = await userProvider.create(user as never);
    await userProvider.delete!(created.id, created.outs);
    const refreshed = await userProvider.read!(created.id, created.outs);
    expect(refreshed.props).toMatchObject({ enabled: false, user: { enabled: false } });
  });
});

describe("the estate lock", () => {
  it("a resource's writes wait for nobody else's: a customer locked by another run fails create with lock.held, and it goes through once released", async () => {
    const holder = await acquireEstateLock({
      backend: localLockBackend({ stateDir }),
      partnerTenant: emulator.env.CSPCTL_TENANT_ID!,
      customers: [DOMAIN],
      operation: "apply",
      runId: "other-run",
      timeoutMs: 0,
    });
    const user = userFixture(customer, `carol@${DOMAIN}`);
    try {
      await expect(userProvider.create(user as never)).rejects.toMatchObject({
        code: "lock.held",
        message: expect.stringContaining("run other-run"),
      });
    } finally {
      await holder.release();
    }
    expect((await userProvider.create(user as never)).outs).toMatchObject({ status: "exists" });
  });
});
