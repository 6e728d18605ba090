// Layer 3 of the provider tests: the SDK's real dynamic-provider server, spawned as the engine
// spawns it, driven over gRPC by a small engine simulator; the provider reaches the emulator over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../client/index.js";
import { EMULATOR_THROTTLE } from "../../cli/connection.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { BUILD_TIMEOUT_MS, REPO_ROOT } from "./build-dist.js";
import { serialiseProviders, type SerialisedProvider } from "./child-node.js";
import {
  customerFixture,
  licenseFixture,
  SECRET_CONFIG_KEYS,
  stackConfigFor,
  subscriptionFixture,
  userFixture,
} from "./fixtures.js";
import { EngineSimulator, startProviderServer, UNKNOWN, type ProviderServer } from "./harness/engine-simulator.mjs";

const DOMAIN = "pulumigrpc.onmicrosoft.com";
const customer = customerFixture("grpc", DOMAIN);
const urn = (type: string, name: string) => `urn:pulumi:test::cspctl::pulumi-nodejs:dynamic/cspctl:${type}::${name}`;
const CUSTOMER = urn("Customer", "grpc");
const SUBSCRIPTION = urn("Subscription", "grpc/bp");
const USER = urn("User", "grpc/alice");
const LICENSE = urn("LicenseAssignment", "grpc/alice/bp");

let emulator: TestEmulator;
let client: CspClient;
let server: ProviderServer;
let engine: EngineSimulator;
let providers: SerialisedProvider[];
let stackConfig: Record<string, string>;

/** The provider process gets no CSPCTL_* variables: credentials come only from stack config. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CSPCTL_")));
const providerText = (type: string) => providers.find((p) => p.type.endsWith(`:${type}`))!.text;
const props = (type: string, inputs: object) => ({ ...inputs, __provider: providerText(type) });

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  providers = serialiseProviders({}, customer);
  stackConfig = { ...stackConfigFor(emulator.env), "aws:region": "unrelated" };
  server = await startProviderServer({ cwd: REPO_ROOT, env: cleanEnv() });
  engine = new EngineSimulator(server);
  await engine.configure(stackConfig, SECRET_CONFIG_KEYS);
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
  await client?.close();
  await emulator?.close();
});

const subscriptionsOf = async (customerId: string) => client.partnerCenter.subscriptions.list(customerId);

describe("pulumi up, preview, refresh and destroy through the provider server", () => {
  it("up creates customer, subscription and user; the generated password is stored secret", async () => {
    expect(await engine.up(CUSTOMER, props("Customer", customer), { additionalSecretOutputs: ["adminPassword"] })).toBe(
      "create",
    );
    expect(await engine.up(SUBSCRIPTION, props("Subscription", subscriptionFixture(customer)))).toBe("create");
    expect(
      await engine.up(USER, props("User", userFixture(customer, `alice@${DOMAIN}`)), {
        additionalSecretOutputs: ["password"],
      }),
    ).toBe("create");
    const customerId = engine.state.get(CUSTOMER)!.id;
    expect((await subscriptionsOf(customerId)).map((s) => [s.id, s.quantity])).toEqual([
      [engine.state.get(SUBSCRIPTION)!.id, 2],
    ]);
    const stored = engine.storedOutputs(USER);
    expect(stored.password).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
    expect(stored.userId).toBe(engine.state.get(USER)!.id);
  });

  it("a second up changes nothing and writes nothing", async () => {
    await emulator.control.resetStats();
    engine.calls.length = 0;
    expect(await engine.up(CUSTOMER, props("Customer", customer))).toBe("same");
    expect(await engine.up(SUBSCRIPTION, props("Subscription", subscriptionFixture(customer)))).toBe("same");
    expect(await engine.up(USER, props("User", userFixture(customer, `alice@${DOMAIN}`)))).toBe("same");
    expect(engine.calls).toEqual(["check", "diff", "check", "diff", "check", "diff"]);
    expect((await emulator.control.stats()).writes).toBe(0);
  });

  it("a new provider text alone is not a change (diff ignores __provider)", async () => {
    const changed = { ...subscriptionFixture(customer), __provider: `${providerText("Subscription")}\n// rebuilt` };
    expect(await engine.up(SUBSCRIPTION, changed)).toBe("same");
  });

  it("preview with an unknown quantity calls only Check and Diff", async () => {
    engine.calls.length = 0;
    const unknown = subscriptionFixture(customer);
    const step = await engine.preview(
      SUBSCRIPTION,
      props("Subscription", { ...unknown, subscription: { ...unknown.subscription, quantity: UNKNOWN } }),
    );
    expect(step).toBe("update");
    expect(engine.calls).toEqual(["check", "diff"]);
  });

  it("up with a larger quantity updates in place and stores complete outputs", async () => {
    expect(await engine.up(SUBSCRIPTION, props("Subscription", subscriptionFixture(customer, 4)))).toBe("update");
    const record = engine.state.get(SUBSCRIPTION)!;
    expect(record.outputs).toMatchObject({
      quantity: 4,
      subscriptionId: record.id,
      status: "exists",
      customer: { name: "grpc" },
    });
    expect(typeof record.outputs.__provider).toBe("string");
  });

  it("up with another billing cycle replaces: the old one is cancelled first, then the new one bought", async () => {
    const oldId = engine.state.get(SUBSCRIPTION)!.id;
    engine.calls.length = 0;
    const annual = subscriptionFixture(customer, 4);
    annual.subscription.billing = "annual";
    expect(await engine.up(SUBSCRIPTION, props("Subscription", annual))).toBe("replace");
    expect(engine.calls).toEqual(["check", "diff", "delete", "create"]);
    const subscriptions = await subscriptionsOf(engine.state.get(CUSTOMER)!.id);
    expect(subscriptions.find((s) => s.id === oldId)?.status).toBe("deleted");
    expect(subscriptions.find((s) => s.id === engine.state.get(SUBSCRIPTION)!.id)).toMatchObject({
      status: "active",
      billingCycle: "annual",
      quantity: 4,
    });
  });

  it("refresh takes in an out-of-band change; the next up puts the declared value back", async () => {
    const annual = subscriptionFixture(customer, 4);
    annual.subscription.billing = "annual";
    const record = engine.state.get(SUBSCRIPTION)!;
    await client.partnerCenter.subscriptions.update(engine.state.get(CUSTOMER)!.id, record.id, {
      quantity: 6,
      autoRenewEnabled: true,
    });
    expect(await engine.refresh(SUBSCRIPTION)).toBe("updated");
    expect(engine.state.get(SUBSCRIPTION)!.inputs).toMatchObject({ subscription: { quantity: 6 } });
    expect(await engine.up(SUBSCRIPTION, props("Subscription", annual))).toBe("update");
    expect((await subscriptionsOf(engine.state.get(CUSTOMER)!.id)).find((s) => s.id === record.id)?.quantity).toBe(4);
  });

  it("a licence assigned, then refresh drops a user deleted behind Pulumi's back", async () => {
    const annual = subscriptionFixture(customer, 4);
    annual.subscription.billing = "annual";
    expect(
      await engine.up(
        LICENSE,
        props("LicenseAssignment", licenseFixture(annual, userFixture(customer, `alice@${DOMAIN}`))),
      ),
    ).toBe("create");
    expect(engine.state.get(LICENSE)!.id).toBe(
      `${engine.state.get(USER)!.id}/${engine.state.get(LICENSE)!.outputs.skuId as string}`,
    );
    const extra = urn("User", "grpc/temp");
    expect(await engine.up(extra, props("User", userFixture(customer, `temp@${DOMAIN}`)))).toBe("create");
    const removed = await emulator.send(
      `/v1/customers/${engine.state.get(CUSTOMER)!.id}/users/${engine.state.get(extra)!.id}`,
      { method: "DELETE", token: await emulator.token({ audience: "partner-center", kind: "user" }) },
    );
    expect(removed.status).toBeLessThan(300);
    expect(await engine.refresh(extra)).toBe("deleted");
    expect(engine.state.has(extra)).toBe(false);
  });

  it("destroy unassigns, disables, cancels, and forgets the customer", async () => {
    const customerId = engine.state.get(CUSTOMER)!.id;
    const subscriptionId = engine.state.get(SUBSCRIPTION)!.id;
    await engine.destroy(LICENSE);
    await engine.destroy(USER);
    await engine.destroy(SUBSCRIPTION);
    await engine.destroy(CUSTOMER);
    expect((await subscriptionsOf(customerId)).find((s) => s.id === subscriptionId)?.status).toBe("deleted");
    const users = [];
    for await (const user of client.graph.users.list(customerId)) users.push(user);
    expect(users.find((u) => u.userPrincipalName === `alice@${DOMAIN}`)).toMatchObject({
      accountEnabled: false,
      assignedLicenses: [],
    });
    expect(engine.state.size).toBe(0);
  });

  it("import (Read without __provider) fails, a documented limitation of dynamic providers", async () => {
    engine.state.set(urn("Customer", "imported"), { id: "some-id", inputs: {}, outputs: {}, secretOutputs: [] });
    await expect(engine.refresh(urn("Customer", "imported"))).rejects.toMatchObject({
      details: expect.stringContaining("code must be a string"),
    });
  });
});

describe("a failing create", () => {
  it("returns an error that names the problem and holds no secret, in the reply or the provider's output", async () => {
    const wrongSecret = "wrong-Secret-Value-41d9";
    const failing = await startProviderServer({ cwd: REPO_ROOT, env: cleanEnv() });
    try {
      const other = new EngineSimulator(failing);
      await other.configure({ ...stackConfig, "cspctl:clientSecret": wrongSecret }, SECRET_CONFIG_KEYS);
      const error = await other
        .up(urn("Customer", "failing"), props("Customer", customerFixture("failing", "pulumifailing.onmicrosoft.com")))
        .then(
          () => undefined,
          (e: { code: number; details: string }) => e,
        );
      expect(error?.code).toBe(2); // UNKNOWN: a thrown error
      expect(error?.details).toMatch(/client\.|token|credential|401|unauthor/i);
      const everything = [error?.details ?? "", ...failing.stdout, ...failing.stderr].join("\n");
      for (const secret of [wrongSecret, stackConfig["cspctl:clientSecret"]!, stackConfig["cspctl:refreshToken"]!])
        expect(everything).not.toContain(secret);
    } finally {
      await failing.close();
    }
  });
});
