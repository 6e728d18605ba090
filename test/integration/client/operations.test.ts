// Every façade operation against the real emulator over HTTPS with real MSAL tokens. A test whose
// route the emulator does not emulate yet (501) is skipped, never faked.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import type { CspClient, Subscription } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, emulates, partnerTenantId, startForClient } from "./setup.js";

const customerId = randomUUID();
const businessBasic = {
  productId: "CFQ7TTC0LH18",
  skuId: "0001",
  licenseSkuId: "3b555118-da6a-4418-894f-7df1e2096870",
};
const businessStandard = {
  productId: "CFQ7TTC0LDPB",
  skuId: "0001",
  licenseSkuId: "f245ecc8-75af-4f8e-b61f-27d8114de5f3",
};
const scope = { country: "US" };

let emulator: TestEmulator;
let client: CspClient;
let seededSubscriptionId: string | undefined;
const emulated = new Map<string, boolean>();

const probes: Record<string, [string, string, "app" | "user"]> = {
  createCustomer: ["POST", "/v1/customers", "app"],
  domains: ["HEAD", "/v1/domains/probe.onmicrosoft.com", "app"],
  billingProfile: ["GET", `/v1/customers/${customerId}/profiles/billing`, "app"],
  qualifications: ["GET", `/v1/customers/${customerId}/qualifications`, "app"],
  relationshipRequest: ["GET", "/v1/customers/relationshiprequests", "user"],
  catalog: ["GET", "/v1/products?country=US&targetView=Microsoft365", "app"],
  carts: ["POST", `/v1/customers/${customerId}/carts`, "app"],
  orders: ["GET", `/v1/customers/${customerId}/orders`, "app"],
  subscriptions: ["GET", `/v1/customers/${customerId}/subscriptions`, "app"],
  subscriptionPatch: ["PATCH", `/v1/customers/${customerId}/subscriptions/probe`, "app"],
  addons: ["GET", `/v1/customers/${customerId}/subscriptions/probe/addons`, "app"],
  provisioningStatus: ["GET", `/v1/customers/${customerId}/subscriptions/probe/provisioningstatus`, "user"],
  transitionEligibilities: ["GET", `/v1/customers/${customerId}/subscriptions/probe/transitionEligibilities`, "app"],
  transitions: ["GET", `/v1/customers/${customerId}/subscriptions/probe/transitions`, "app"],
  subscribedSkus: ["GET", `/v1/customers/${customerId}/subscribedskus`, "user"],
  users: ["GET", `/v1/customers/${customerId}/users`, "user"],
  userLicenses: ["POST", `/v1/customers/${customerId}/users/probe/licenseupdates`, "user"],
};

function requireRoute(context: TestContext, ...names: string[]): void {
  if (names.some((name) => emulated.get(name) !== true)) context.skip();
}

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [
          {
            tenantId: customerId,
            domain: "opscustomer.onmicrosoft.com",
            companyName: "Operations Customer",
            subscriptions: [
              {
                offerId: `${businessBasic.productId}:${businessBasic.skuId}`,
                quantity: 5,
                friendlyName: "Basic seats",
              },
              {
                offerId: `${businessStandard.productId}:${businessStandard.skuId}`,
                isTrial: true,
                friendlyName: "Standard trial",
              },
            ],
            users: [
              {
                userPrincipalName: "ada@opscustomer.onmicrosoft.com",
                displayName: "Ada Lovelace",
                usageLocation: "US",
              },
            ],
          },
        ],
      },
    ],
  });
  for (const [name, [method, path, kind]] of Object.entries(probes))
    emulated.set(name, await emulates(emulator, method, path, kind));
  const graphToken = await emulator
    .token({ audience: "graph", kind: "user", tenant: customerId })
    .catch(() => undefined);
  emulated.set(
    "graph",
    graphToken !== undefined && (await emulator.send("/graph/v1.0/users", { token: graphToken })).status !== 501,
  );
  client = clientFor(emulator);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("customers", () => {
  it("gets and lists customers", async () => {
    const customer = await client.partnerCenter.customers.get(customerId);
    expect(customer).toMatchObject({
      id: customerId,
      domain: "opscustomer.onmicrosoft.com",
      companyName: "Operations Customer",
    });
    const listed = await drain(
      client.partnerCenter.customers.list({ filter: { field: "CompanyName", value: "Operations" } }),
    );
    expect(listed.map((item) => item.id)).toContain(customerId);
  });

  it("creates a customer, returning the first admin's credentials once", async (context) => {
    requireRoute(context, "createCustomer");
    const created = await client.partnerCenter.customers.create({
      domain: "newcustomer.onmicrosoft.com",
      companyName: "New Customer Ltd",
      billing: {
        email: "billing@newcustomer.example",
        culture: "en-US",
        language: "en",
        companyName: "New Customer Ltd",
        firstName: "Grace",
        lastName: "Hopper",
        address: {
          country: "US",
          city: "Redmond",
          state: "WA",
          addressLine1: "1 Microsoft Way",
          postalCode: "98052",
          firstName: "Grace",
          lastName: "Hopper",
        },
      },
    });
    expect(created.domain).toBe("newcustomer.onmicrosoft.com");
    expect(created.adminCredentials?.password.length).toBeGreaterThan(0);
    expect((await client.partnerCenter.customers.get(created.id)).companyName).toBe("New Customer Ltd");
  });

  it("checks domain availability (200 taken, 404 free)", async (context) => {
    requireRoute(context, "domains");
    expect(await client.partnerCenter.domains.isAvailable("opscustomer.onmicrosoft.com")).toBe(false);
    expect(await client.partnerCenter.domains.isAvailable(`free${Date.now()}.onmicrosoft.com`)).toBe(true);
  });

  it("reads and updates the billing profile with its ETag", async (context) => {
    requireRoute(context, "billingProfile");
    const profile = await client.partnerCenter.customers.getBillingProfile(customerId);
    expect(profile.etag).toBeTruthy();
    const address = {
      ...profile.address,
      city: "Redmond",
      state: "WA",
      addressLine1: "1 Microsoft Way",
      postalCode: "98052",
      firstName: "Katherine",
      lastName: "Johnson",
    };
    const updated = await client.partnerCenter.customers.updateBillingProfile(customerId, {
      ...profile,
      firstName: "Katherine",
      lastName: "Johnson",
      address,
    });
    expect(updated).toMatchObject({
      firstName: "Katherine",
      lastName: "Johnson",
      address: { addressLine1: "1 Microsoft Way" },
    });
    expect(updated.etag).not.toBe(profile.etag);
  });

  it("lists and adds qualifications", async (context) => {
    requireRoute(context, "qualifications");
    expect(Array.isArray(await client.partnerCenter.customers.listQualifications(customerId))).toBe(true);
    const added = await client.partnerCenter.customers.addQualification(customerId, {
      qualification: "StateOwnedEntity",
    });
    expect(added.qualification).toBe("StateOwnedEntity");
  });

  it("gets the reseller relationship request URL (app+user)", async (context) => {
    requireRoute(context, "relationshipRequest");
    expect(await client.partnerCenter.customers.relationshipRequestUrl()).toMatch(/^https:\/\//);
  });
});

describe("catalog", () => {
  it("walks products → SKUs → availabilities", async (context) => {
    requireRoute(context, "catalog");
    const { catalog } = client.partnerCenter;
    const products = await catalog.listProducts({ ...scope, targetView: "Microsoft365" });
    expect(products.map((product) => product.id)).toContain(businessBasic.productId);
    expect((await catalog.getProduct(businessBasic.productId, scope)).id).toBe(businessBasic.productId);
    const skus = await catalog.listSkus(businessBasic.productId, scope);
    expect(skus.map((sku) => sku.id)).toContain(businessBasic.skuId);
    const sku = await catalog.getSku(businessBasic.productId, businessBasic.skuId, scope);
    expect(sku.provisioningId?.toLowerCase()).toBe(businessBasic.licenseSkuId);
    const availabilities = await catalog.listAvailabilities(businessBasic.productId, businessBasic.skuId, scope);
    expect(availabilities.length).toBeGreaterThan(0);
    expect(availabilities[0]!.catalogItemId.startsWith(`${businessBasic.productId}:${businessBasic.skuId}:`)).toBe(
      true,
    );
    const availability = await catalog.getAvailability(
      businessBasic.productId,
      businessBasic.skuId,
      availabilities[0]!.id,
      scope,
    );
    expect(availability.catalogItemId).toBe(availabilities[0]!.catalogItemId);
  });
});

describe("carts, orders and purchases", () => {
  it("creates a cart, checks it out and polls the order until its subscription exists", async (context) => {
    requireRoute(context, "catalog", "carts", "orders");
    const [availability] = await client.partnerCenter.catalog.listAvailabilities(
      businessStandard.productId,
      businessStandard.skuId,
      scope,
    );
    const cart = await client.partnerCenter.carts.create(customerId, [
      {
        catalogItemId: availability!.catalogItemId,
        quantity: 2,
        billingCycle: "monthly",
        termDuration: "P1Y",
        friendlyName: "Standard seats",
      },
    ]);
    expect(cart.lines).toHaveLength(1);
    expect((await client.partnerCenter.carts.get(customerId, cart.id)).id).toBe(cart.id);
    const result = await client.partnerCenter.carts.checkout(customerId, cart.id);
    expect(result.orders.length).toBeGreaterThan(0);
    const order = await client.partnerCenter.orders.waitForSubscriptions(customerId, result.orders[0]!.id);
    expect(order.lines.every((line) => line.subscriptionId !== undefined)).toBe(true);
    expect((await client.partnerCenter.orders.get(customerId, order.id)).id).toBe(order.id);
    expect((await client.partnerCenter.orders.list(customerId)).map((item) => item.id)).toContain(order.id);
  });

  it("purchases with fresh availability ids and returns the new subscription ids", async (context) => {
    requireRoute(context, "catalog", "carts", "orders", "subscriptions");
    const purchase = await client.partnerCenter.orders.purchase(
      customerId,
      [
        {
          ...businessStandard,
          quantity: 3,
          termDuration: "P1Y",
          billingCycle: "annual",
          friendlyName: "Annual Standard",
        },
      ],
      scope,
    );
    expect(purchase.subscriptionIds).toHaveLength(1);
    const subscription = await client.partnerCenter.subscriptions.get(customerId, purchase.subscriptionIds[0]!);
    expect(subscription).toMatchObject({ quantity: 3, friendlyName: "Annual Standard", status: "active" });
  });
});

describe("subscriptions", () => {
  const seeded = async (): Promise<Subscription> => {
    const subscriptions = await client.partnerCenter.subscriptions.list(customerId);
    const found = subscriptions.find(
      (subscription) => subscription.friendlyName === "Basic seats" || subscription.id === seededSubscriptionId,
    );
    if (found === undefined) throw new Error("seeded subscription missing");
    seededSubscriptionId = found.id;
    return found;
  };

  it("lists and gets subscriptions", async (context) => {
    requireRoute(context, "subscriptions");
    const subscription = await seeded();
    expect(await client.partnerCenter.subscriptions.get(customerId, subscription.id)).toMatchObject({
      id: subscription.id,
      quantity: 5,
      autoRenewEnabled: true,
    });
  });

  it("changes quantity by read-modify-write, keeping auto-renew and the rest of the resource", async (context) => {
    requireRoute(context, "subscriptions", "subscriptionPatch");
    const before = await seeded();
    const after = await client.partnerCenter.subscriptions.update(customerId, before.id, {
      quantity: before.quantity + 2,
    });
    expect(after.quantity).toBe(before.quantity + 2);
    expect(after.autoRenewEnabled).toBe(true);
    expect(after.friendlyName).toBe(before.friendlyName);
    const renamed = await client.partnerCenter.subscriptions.update(customerId, before.id, {
      friendlyName: "Basic seats (renamed)",
    });
    expect(renamed).toMatchObject({
      friendlyName: "Basic seats (renamed)",
      quantity: before.quantity + 2,
      autoRenewEnabled: true,
    });
  });

  it("schedules and removes a next-term change", async (context) => {
    requireRoute(context, "subscriptions", "subscriptionPatch", "catalog");
    const subscription = await seeded();
    const [availability] = await client.partnerCenter.catalog.listAvailabilities(
      businessBasic.productId,
      businessBasic.skuId,
      scope,
    );
    const scheduled = await client.partnerCenter.subscriptions.scheduleNextTerm(customerId, subscription.id, {
      productId: businessBasic.productId,
      skuId: businessBasic.skuId,
      availabilityId: availability!.id,
      billingCycle: "annual",
      termDuration: "P1Y",
      quantity: 4,
    });
    expect(scheduled.scheduledNextTerm).toMatchObject({ quantity: 4, billingCycle: "annual" });
    const removed = await client.partnerCenter.subscriptions.scheduleNextTerm(customerId, subscription.id, null);
    expect(removed.scheduledNextTerm).toBeUndefined();
    expect(removed.autoRenewEnabled).toBe(true);
  });

  it("lists add-ons", async (context) => {
    requireRoute(context, "subscriptions", "addons");
    expect(Array.isArray(await client.partnerCenter.subscriptions.listAddOns(customerId, (await seeded()).id))).toBe(
      true,
    );
  });

  it("reads the provisioning status (app+user)", async (context) => {
    requireRoute(context, "subscriptions", "provisioningStatus");
    const status = await client.partnerCenter.subscriptions.provisioningStatus(customerId, (await seeded()).id);
    expect(["success", "pending", "failed"]).toContain(status.status);
  });

  it("converts a trial now through an NCE transition", async (context) => {
    requireRoute(context, "subscriptions", "transitionEligibilities", "transitions");
    const trial = (await client.partnerCenter.subscriptions.list(customerId)).find(
      (subscription) => subscription.friendlyName === "Standard trial",
    );
    expect(trial).toMatchObject({ isTrial: true, quantity: 25 });
    const eligibilities = await client.partnerCenter.subscriptions.transitionEligibilities(customerId, trial!.id);
    const target = eligibilities.find((item) => item.eligibilities.some((eligibility) => eligibility.isEligible));
    expect(target?.catalogItemId.startsWith(`${businessStandard.productId}:${businessStandard.skuId}:`)).toBe(true);
    const transition = await client.partnerCenter.subscriptions.transition(customerId, trial!.id, {
      toCatalogItemId: target!.catalogItemId,
      quantity: 25,
      transitionType: "transition_only",
      termDuration: "P1Y",
      billingCycle: "monthly",
    });
    expect(transition).toMatchObject({ toCatalogItemId: target!.catalogItemId, quantity: 25 });
    const history = await client.partnerCenter.subscriptions.listTransitions(customerId, trial!.id);
    expect(history.map((item) => item.toCatalogItemId)).toContain(target!.catalogItemId);
    expect((await client.partnerCenter.subscriptions.get(customerId, trial!.id)).isTrial).toBe(false);
  });
});

describe("licences and users (app+user)", () => {
  let userId = "";
  const password = `Gen-${randomUUID().slice(0, 8)}-Pw1!`;

  it("lists subscribed SKUs", async (context) => {
    requireRoute(context, "subscribedSkus");
    const skus = await client.partnerCenter.subscribedSkus.list(customerId);
    expect(skus.map((sku) => sku.skuId.toLowerCase())).toContain(businessBasic.licenseSkuId);
  });

  it("creates, gets, updates and lists users", async (context) => {
    requireRoute(context, "users");
    const created = await client.partnerCenter.users.create(customerId, {
      userPrincipalName: "grace@opscustomer.onmicrosoft.com",
      displayName: "Grace Hopper",
      firstName: "Grace",
      lastName: "Hopper",
      usageLocation: "US",
      password,
    });
    userId = created.id;
    expect((await client.partnerCenter.users.get(customerId, userId)).userPrincipalName).toBe(
      "grace@opscustomer.onmicrosoft.com",
    );
    expect((await client.partnerCenter.users.update(customerId, userId, { usageLocation: "GB" })).usageLocation).toBe(
      "GB",
    );
    const users = await drain(client.partnerCenter.users.list(customerId));
    expect(users.map((user) => user.userPrincipalName)).toEqual(
      expect.arrayContaining(["ada@opscustomer.onmicrosoft.com", "grace@opscustomer.onmicrosoft.com"]),
    );
  });

  it("assigns and lists a user's licences", async (context) => {
    requireRoute(context, "users", "userLicenses");
    const result = await client.partnerCenter.users.updateLicenses(customerId, userId, {
      assign: [{ skuId: businessBasic.licenseSkuId }],
      remove: [],
    });
    expect(result.assigned.map((skuId) => skuId.toLowerCase())).toContain(businessBasic.licenseSkuId);
    const licenses = await client.partnerCenter.users.listLicenses(customerId, userId);
    expect(licenses.map((license) => license.skuId.toLowerCase())).toContain(businessBasic.licenseSkuId);
  });

  it("deletes (soft) and restores a user", async (context) => {
    requireRoute(context, "users");
    await client.partnerCenter.users.delete(customerId, userId);
    expect(
      (await drain(client.partnerCenter.users.list(customerId, { deleted: true }))).map((user) => user.id),
    ).toContain(userId);
    expect((await client.partnerCenter.users.restore(customerId, userId)).state).toBe("active");
  });
});

describe("Graph (customer tenant, GDAP)", () => {
  it("lists users with licences, lists subscribedSkus and assigns a licence", async (context) => {
    requireRoute(context, "graph");
    const users = await drain(client.graph.users.list(customerId));
    const ada = users.find((user) => user.userPrincipalName === "ada@opscustomer.onmicrosoft.com");
    expect(ada).toBeDefined();
    const skus = await client.graph.subscribedSkus.list(customerId);
    expect(skus.map((sku) => sku.skuId.toLowerCase())).toContain(businessBasic.licenseSkuId);
    await client.graph.users.assignLicense(customerId, ada!.id, {
      add: [{ skuId: businessBasic.licenseSkuId }],
      remove: [],
    });
    expect((await client.graph.users.licences(customerId, ada!.id)).map((license) => license.skuId)).toContain(
      businessBasic.licenseSkuId,
    );
    await client.graph.users.assignLicense(customerId, ada!.id, { add: [], remove: [businessBasic.licenseSkuId] });
    expect((await client.graph.users.licences(customerId, ada!.id)).map((license) => license.skuId)).not.toContain(
      businessBasic.licenseSkuId,
    );
  });
});
