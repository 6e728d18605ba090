// Every operation at debug level with a known secret and refresh token: the secret, the refresh
// token, every access token (any JWT) and every generated password stay out of the
// captured log output and out of every error, its hint, its JSON and its cause chain.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createLogger, type CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { drain, fastThrottle, startForClient } from "./setup.js";

const partnerTenantId = randomUUID();
const clientId = randomUUID();
const knownSecret = "known~Secret~Value~0123456789abcdef";
const knownRefreshToken = "0.Aknown-refresh-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const userPassword = "Generated-Passw0rd!x7";
const customerId = randomUUID();
const basic = { productId: "CFQ7TTC0LH18", skuId: "0001", licenseSkuId: "3b555118-da6a-4418-894f-7df1e2096870" };

let emulator: TestEmulator;
let client: CspClient;
const output: string[] = [];
const errors: unknown[] = [];
let adminPassword = "";

/** Runs an operation, keeping its error (if any) for inspection instead of failing the test. */
async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    errors.push(error);
    return undefined;
  }
}

function everythingPrinted(): string {
  const parts = [...output];
  for (const error of errors) {
    let current: unknown = error;
    for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
      const record = current as {
        message?: string;
        hint?: string;
        stack?: string;
        toJSON?: () => unknown;
        cause?: unknown;
      };
      parts.push(
        String(record.message),
        String(record.hint),
        String(record.stack),
        JSON.stringify(record.toJSON?.() ?? {}),
        JSON.stringify(current, Object.getOwnPropertyNames(current)),
      );
      current = record.cause;
    }
  }
  return parts.join("\n");
}

/** The text around the first occurrence, so a failure shows where the leak is (with the value masked). */
function leak(text: string, pattern: string | RegExp): string | undefined {
  const index = typeof pattern === "string" ? text.indexOf(pattern) : text.search(pattern);
  if (index < 0) return undefined;
  return `${text.slice(Math.max(0, index - 300), index)}<<LEAK>>${text.slice(index + 12, index + 100)}`;
}

beforeAll(async () => {
  emulator = await startForClient({ seed: null });
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId,
        name: "Redaction Partner",
        mpnId: "1234567",
        applications: [{ clientId, clientSecrets: [knownSecret], certificates: [] }],
        users: [
          {
            objectId: randomUUID(),
            userPrincipalName: "agent@redaction.onmicrosoft.com",
            refreshTokens: [knownRefreshToken],
          },
        ],
        customers: [
          {
            tenantId: customerId,
            domain: "redactioncustomer.onmicrosoft.com",
            subscriptions: [{ offerId: `${basic.productId}:${basic.skuId}`, quantity: 3 }],
            users: [{ userPrincipalName: "ada@redactioncustomer.onmicrosoft.com", usageLocation: "US" }],
          },
        ],
      },
    ],
  });
  const logger = createLogger({ level: "debug", sink: (line) => output.push(line) });
  client = createClient({
    env: {
      ...emulator.env,
      CSPCTL_TENANT_ID: partnerTenantId,
      CSPCTL_CLIENT_ID: clientId,
      CSPCTL_CLIENT_SECRET: knownSecret,
      CSPCTL_REFRESH_TOKEN: knownRefreshToken,
    },
    logger,
    throttle: fastThrottle,
    poll: { intervalMs: 20, timeoutMs: 30_000 },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("redaction at debug level", () => {
  it("runs every operation and leaks no secret, token or password", async () => {
    const pc = client.partnerCenter;
    const scope = { country: "US" };
    await attempt(() => drain(pc.customers.list()));
    await attempt(() => pc.customers.get(customerId));
    const created = await attempt(() =>
      pc.customers.create({
        domain: "redactionnew.onmicrosoft.com",
        companyName: "Redaction New",
        billing: {
          email: "b@redactionnew.example",
          culture: "en-US",
          language: "en",
          companyName: "Redaction New",
          address: {
            country: "US",
            city: "Redmond",
            state: "WA",
            addressLine1: "1 Way",
            postalCode: "98052",
            firstName: "A",
            lastName: "B",
          },
        },
      }),
    );
    adminPassword = created?.adminCredentials?.password ?? "";
    await attempt(() => pc.domains.isAvailable("redactioncustomer.onmicrosoft.com"));
    const profile = await attempt(() => pc.customers.getBillingProfile(customerId));
    if (profile !== undefined)
      await attempt(() => pc.customers.updateBillingProfile(customerId, { ...profile, etag: "stale-etag" }));
    await attempt(() => pc.customers.listQualifications(customerId));
    await attempt(() => pc.customers.addQualification(customerId, { qualification: "StateOwnedEntity" }));
    await attempt(() => pc.customers.relationshipRequestUrl());
    await attempt(() => pc.catalog.listProducts({ ...scope, targetView: "Microsoft365" }));
    await attempt(() => pc.catalog.getProduct(basic.productId, scope));
    await attempt(() => pc.catalog.listSkus(basic.productId, scope));
    await attempt(() => pc.catalog.getSku(basic.productId, basic.skuId, scope));
    const availabilities = await attempt(() => pc.catalog.listAvailabilities(basic.productId, basic.skuId, scope));
    if (availabilities?.[0] !== undefined)
      await attempt(() => pc.catalog.getAvailability(basic.productId, basic.skuId, availabilities[0]!.id, scope));
    const cart =
      availabilities?.[0] === undefined
        ? undefined
        : await attempt(() =>
            pc.carts.create(customerId, [
              {
                catalogItemId: availabilities[0]!.catalogItemId,
                quantity: 1,
                billingCycle: "monthly",
                termDuration: "P1Y",
              },
            ]),
          );
    if (cart !== undefined) {
      await attempt(() => pc.carts.get(customerId, cart.id));
      const checkout = await attempt(() => pc.carts.checkout(customerId, cart.id));
      if (checkout?.orders[0] !== undefined)
        await attempt(() => pc.orders.waitForSubscriptions(customerId, checkout.orders[0]!.id));
    }
    const purchase = await attempt(() =>
      pc.orders.purchase(customerId, [{ ...basic, quantity: 2, termDuration: "P1Y", billingCycle: "monthly" }], scope),
    );
    await attempt(() =>
      pc.orders.purchase(customerId, [{ ...basic, quantity: 1, termDuration: "P3Y", billingCycle: "monthly" }], scope),
    );
    await attempt(() => pc.orders.list(customerId));
    if (purchase?.orders[0] !== undefined) await attempt(() => pc.orders.get(customerId, purchase.orders[0]!.id));
    const subscriptions = (await attempt(() => pc.subscriptions.list(customerId))) ?? [];
    const subscription = subscriptions[0];
    if (subscription !== undefined) {
      await attempt(() => pc.subscriptions.get(customerId, subscription.id));
      await attempt(() =>
        pc.subscriptions.update(customerId, subscription.id, { quantity: subscription.quantity + 1 }),
      );
      await attempt(() => pc.subscriptions.update(customerId, subscription.id, { quantity: 0 }));
      await attempt(() => pc.subscriptions.listAddOns(customerId, subscription.id));
      await attempt(() =>
        pc.subscriptions.scheduleNextTerm(customerId, subscription.id, {
          productId: basic.productId,
          skuId: basic.skuId,
          availabilityId: availabilities?.[0]?.id ?? "x",
          billingCycle: "monthly",
          termDuration: "P1Y",
          quantity: 2,
        }),
      );
      await attempt(() => pc.subscriptions.transitionEligibilities(customerId, subscription.id));
      await attempt(() =>
        pc.subscriptions.transition(customerId, subscription.id, {
          toCatalogItemId: "CFQ7TTC0LDPB:0001:NOPE",
          quantity: 1,
          transitionType: "transition_only",
        }),
      );
      await attempt(() => pc.subscriptions.listTransitions(customerId, subscription.id));
      await attempt(() => pc.subscriptions.provisioningStatus(customerId, subscription.id));
    }
    await attempt(() => pc.subscribedSkus.list(customerId));
    const user = await attempt(() =>
      pc.users.create(customerId, {
        userPrincipalName: "grace@redactioncustomer.onmicrosoft.com",
        displayName: "Grace",
        usageLocation: "US",
        password: userPassword,
      }),
    );
    await attempt(() =>
      pc.users.create(customerId, {
        userPrincipalName: "grace@redactioncustomer.onmicrosoft.com",
        displayName: "Grace again",
        usageLocation: "US",
        password: userPassword,
      }),
    );
    if (user !== undefined) {
      await attempt(() => pc.users.get(customerId, user.id));
      await attempt(() => pc.users.update(customerId, user.id, { displayName: "Grace H" }));
      await attempt(() =>
        pc.users.updateLicenses(customerId, user.id, { assign: [{ skuId: basic.licenseSkuId }], remove: [] }),
      );
      await attempt(() => pc.users.listLicenses(customerId, user.id));
      await attempt(() => pc.users.delete(customerId, user.id));
      await attempt(() => pc.users.restore(customerId, user.id));
    }
    await attempt(() => drain(pc.users.list(customerId)));
    const graphUsers = (await attempt(() => drain(client.graph.users.list(customerId)))) ?? [];
    await attempt(() => client.graph.subscribedSkus.list(customerId));
    if (graphUsers[0] !== undefined)
      await attempt(() =>
        client.graph.users.assignLicense(customerId, graphUsers[0]!.id, {
          add: [{ skuId: basic.licenseSkuId }],
          remove: [],
        }),
      );
    await attempt(() => drain(client.graph.users.list(randomUUID())));

    // The scenario really ran: requests were logged, and some operations failed on purpose.
    expect(output.filter((line) => line.includes('"event":"http.request"')).length).toBeGreaterThan(40);
    expect(errors.length).toBeGreaterThan(2);
    expect(adminPassword.length).toBeGreaterThan(0);

    const printed = everythingPrinted();
    expect(printed).toContain("Authorization");
    for (const secret of [knownSecret, knownRefreshToken, userPassword, adminPassword])
      expect(leak(printed, secret)).toBeUndefined();
    // A JWT: header.payload.signature, both JSON parts base64url ("eyJ…"). Base64 ETags are not JWTs.
    expect(leak(printed, /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)).toBeUndefined();
    expect(leak(printed, /Bearer\s+[A-Za-z0-9]/)).toBeUndefined();
  });
});
