// Every response payload in test/fixtures/partner-center/samples goes through the wire types and the
// mappers the façades use; renaming a required field must make the mapper throw.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../../client/errors.js";
import { collect, paginatePartnerCenter } from "../../../client/paginate.js";
import type { ClientRequest, ClientResponse } from "../../../client/send.js";
import { tokenLifetimeFromWire } from "../../../client/wire/auth.mappers.js";
import { cartFromWire, checkoutResultFromWire } from "../../../client/wire/cart.mappers.js";
import {
  availabilityFromWire,
  legacyOfferFromWire,
  offerCategoryFromWire,
  productFromWire,
  skuFromWire,
} from "../../../client/wire/catalog.mappers.js";
import {
  billingProfileFromWire,
  createdCustomerFromWire,
  customerFromWire,
  qualificationsFromWire,
  relationshipRequestUrlFromWire,
} from "../../../client/wire/customer.mappers.js";
import {
  assignedLicensesFromWire,
  delegatedAdminRelationshipFromWire,
  graphSubscribedSkuFromWire,
  verifiedDomainFromWire,
  graphUserFromWire,
} from "../../../client/wire/graph.mappers.js";
import {
  licenseChangeResultFromWire,
  subscribedSkuFromWire,
  userLicenseFromWire,
} from "../../../client/wire/licensing.mappers.js";
import { orderFromWire, orderProvisioningFromWire } from "../../../client/wire/order.mappers.js";
import {
  conversionFromWire,
  conversionResultFromWire,
  subscriptionFromWire,
  subscriptionProvisioningFromWire,
  transitionEligibilityFromWire,
  transitionFromWire,
  transitionHistoryFromWire,
} from "../../../client/wire/subscription.mappers.js";
import { customerUserFromWire, roleMemberFromWire } from "../../../client/wire/user.mappers.js";
import type { Collection } from "../../../client/wire/common.js";
import type { GraphCollection } from "../../../client/wire/graph.js";
import { SAMPLES_DIR } from "../../contract/samples.js";

const directory = SAMPLES_DIR;
const load = (file: string): unknown => JSON.parse(readFileSync(`${directory}${file}`, "utf8"));

// The wire types are compile-time only; these casts are where the JSON is declared to be them.
// biome-ignore lint/suspicious/noExplicitAny: the one place sample JSON is declared to be a wire type
type Mapper = (wire: any) => unknown;
const each =
  (mapper: Mapper): Mapper =>
  (wire: Collection<unknown>) =>
    wire.items.map(mapper);
const eachGraph =
  (mapper: Mapper): Mapper =>
  (wire: GraphCollection<unknown>) =>
    wire.value.map(mapper);

/** Sample → the mapper that reads it, and a required field (path) whose rename must fail. */
const table: Record<string, { map: Mapper; required: string }> = {
  "auth.token.refresh-grant.response.json": { map: tokenLifetimeFromWire, required: "token_type" },
  "availability.get.azure-reservation.response.json": { map: availabilityFromWire, required: "catalogItemId" },
  "availability.get.nce.response.json": { map: availabilityFromWire, required: "terms.0.duration" },
  "cart.checkout.mixed.response.json": { map: checkoutResultFromWire, required: "orders.0.lineItems.0.offerId" },
  "cart.checkout.nce.order.response.json": { map: orderFromWire, required: "status" },
  "cart.create.mixed.response.json": { map: cartFromWire, required: "lineItems.0.catalogItemId" },
  "cart.create.nce.response.json": { map: cartFromWire, required: "id" },
  "cart.create.with-participants.response.json": { map: cartFromWire, required: "lineItems.0.quantity" },
  "customer.billingprofile.update.response.json": { map: billingProfileFromWire, required: "defaultAddress.country" },
  "customer.create-for-indirect-reseller.response.json": {
    map: createdCustomerFromWire,
    required: "companyProfile.domain",
  },
  "customer.create.response.json": { map: createdCustomerFromWire, required: "userCredentials.password" },
  "customer.get.response.json": { map: customerFromWire, required: "relationshipToPartner" },
  "customer.qualifications.create.response.json": { map: qualificationsFromWire, required: "qualification" },
  "customer.qualifications.get.response.json": { map: qualificationsFromWire, required: "0.qualification" },
  "customer.relationshiprequest.get.response.json": { map: relationshipRequestUrlFromWire, required: "url" },
  "customers.list-by-name-filter.response.json": { map: each(customerFromWire), required: "items.0.companyProfile" },
  "customers.list.response.json": { map: each(customerFromWire), required: "items.1.id" },
  "graph.delegatedadminrelationship.create.response.json": {
    map: delegatedAdminRelationshipFromWire,
    required: "status",
  },
  "graph.domains.list.response.json": { map: eachGraph(verifiedDomainFromWire), required: "value.0.id" },
  "graph.subscribedskus.list.response.json": {
    map: eachGraph(graphSubscribedSkuFromWire),
    required: "value.0.prepaidUnits.enabled",
  },
  "graph.user.assignlicense.response.json": { map: assignedLicensesFromWire, required: "assignedLicenses.0.skuId" },
  // The sample shows Graph's default properties; the client always asks for assignedLicenses with $select.
  "graph.users.list.response.json": {
    map: eachGraph((user) => graphUserFromWire({ assignedLicenses: [], ...user })),
    required: "value.0.userPrincipalName",
  },
  "licenseupdates.response.json": { map: licenseChangeResultFromWire, required: "licensesToAssign.0.skuId" },
  "offer.get.recorded.response.json": { map: legacyOfferFromWire, required: "name" },
  "offercategories.list.recorded.response.json": { map: each(offerCategoryFromWire), required: "items.0.id" },
  "offers.list.response.json": { map: each(legacyOfferFromWire), required: "items.0.id" },
  "order.create.legacy.response.json": { map: orderFromWire, required: "lineItems.0.lineItemNumber" },
  "order.get.response.json": { map: orderFromWire, required: "id" },
  "order.provisioningstatus.response.json": { map: each(orderProvisioningFromWire), required: "items.0.status" },
  "orders.list.response.json": { map: each(orderFromWire), required: "items.0.lineItems" },
  "products.list.nce.response.json": { map: each(productFromWire), required: "items.0.title" },
  "sku.get.nce.response.json": { map: skuFromWire, required: "isTrial" },
  "subscribedskus.list.response.json": {
    map: each(subscribedSkuFromWire),
    required: "items.0.productSku.skuPartNumber",
  },
  "subscription.addons.list.response.json": { map: each(subscriptionFromWire), required: "items.0.quantity" },
  "subscription.conversion.create.response.json": { map: conversionResultFromWire, required: "targetOfferId" },
  "subscription.conversions.list.response.json": { map: each(conversionFromWire), required: "items.0.offerId" },
  "subscription.get.addon.response.json": { map: subscriptionFromWire, required: "status" },
  "subscription.get.azure.response.json": { map: subscriptionFromWire, required: "friendlyName" },
  "subscription.get.nce.response.json": { map: subscriptionFromWire, required: "autoRenewEnabled" },
  "subscription.patch.cancel.response.json": { map: subscriptionFromWire, required: "status" },
  "subscription.patch.quantity.legacy.response.json": { map: subscriptionFromWire, required: "Quantity" },
  "subscription.patch.scheduled-next-term.response.json": {
    map: subscriptionFromWire,
    required: "scheduledNextTermInstructions.product.availabilityId",
  },
  "subscription.provisioningstatus.response.json": { map: subscriptionProvisioningFromWire, required: "status" },
  "subscription.transition.create.response.json": { map: transitionFromWire, required: "Events.0.status" },
  "subscription.transitioneligibilities.list.response.json": {
    map: each(transitionEligibilityFromWire),
    required: "items.0.eligibilities.0.isEligible",
  },
  "subscription.transitions.list.response.json": {
    map: transitionHistoryFromWire,
    required: "transition.0.ToCatalogItemId",
  },
  "subscriptions.list-by-order.response.json": { map: each(subscriptionFromWire), required: "items.0.id" },
  "subscriptions.list.legacy-suspended.mock.response.json": {
    map: each(subscriptionFromWire),
    required: "items.0.status",
  },
  "subscriptions.list.legacy.response.json": { map: each(subscriptionFromWire), required: "items.0.autoRenewEnabled" },
  "subscriptions.list.software.response.json": { map: each(subscriptionFromWire), required: "items.0.friendlyName" },
  "user.create.response.json": { map: customerUserFromWire, required: "userPrincipalName" },
  "user.get.response.json": { map: customerUserFromWire, required: "id" },
  "user.licenses.list.response.json": { map: each(userLicenseFromWire), required: "items.0.productSku.id" },
  "user.resetpassword.response.json": { map: customerUserFromWire, required: "displayName" },
  "user.restore.response.json": { map: customerUserFromWire, required: "id" },
  "user.update.response.json": { map: customerUserFromWire, required: "userPrincipalName" },
  "users.deleted.list.response.json": { map: each(customerUserFromWire), required: "items.0.id" },
  "users.list.response.json": { map: each(customerUserFromWire), required: "items.0.displayName" },
  "users.membership.add-role-member.mock.response.json": { map: roleMemberFromWire, required: "id" },
};

/** Renames the last segment of `path` (`items.0.id` → `items.0.idRenamed`). */
function renameField(value: unknown, path: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const segments = path.split(".");
  const last = segments.pop()!;
  let parent: Record<string, unknown> = copy;
  for (const segment of segments) parent = parent[segment] as Record<string, unknown>;
  if (!(last in parent)) throw new Error(`test table error: ${path} is not in the sample`);
  parent[`${last}Renamed`] = parent[last];
  delete parent[last];
  return copy;
}

const responseSamples = readdirSync(directory).filter((file) => file.endsWith(".response.json"));
const errorSamples = responseSamples.filter((file) => file.startsWith("error."));
const pagingSample = "paging.seek-next-link.collection.response.json";

describe("response samples", () => {
  it("every response sample is covered by a mapper, the error parser or the pager", () => {
    const uncovered = responseSamples.filter(
      (file) => !(file in table) && !errorSamples.includes(file) && file !== pagingSample,
    );
    expect(uncovered).toEqual([]);
  });

  it.each(Object.entries(table))("%s maps to domain values", (file, { map }) => {
    const mapped = map(load(file));
    expect(mapped).toBeDefined();
    expect(JSON.stringify(mapped)).not.toBe("{}");
    if (Array.isArray(mapped)) expect(mapped.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(table))("%s: renaming %s fails the mapper", (file, { map, required }) => {
    expect(() => map(renameField(load(file), required))).toThrow(
      expect.objectContaining({ code: "client.unexpected_response" }),
    );
  });

  it.each(errorSamples)("%s becomes a PartnerCenterError with its code", (file) => {
    const body = load(file) as { code?: number; statusCode?: number };
    const request: ClientRequest = {
      service: "partner-center",
      method: "GET",
      url: "https://pc.test/v1/x",
      headers: {},
      auth: { kind: "app" },
      operation: "x",
    };
    const error = errorFromResponse({
      service: "partner-center",
      status: body.statusCode ?? 400,
      body,
      headers: {},
      request,
    });
    expect(error.serviceCode).toBe(body.code ?? body.statusCode);
    expect(error.description).toBeTruthy();
  });

  it(`${pagingSample}: the pager follows its next link with the continuation header`, async () => {
    const pages: unknown[] = [load(pagingSample), { totalCount: 0, items: [] }];
    const seen: ClientRequest[] = [];
    const send = async (request: ClientRequest): Promise<ClientResponse> => {
      seen.push(request);
      return { status: 200, headers: {}, body: pages[seen.length - 1] };
    };
    const first: ClientRequest = {
      service: "partner-center",
      method: "GET",
      url: "https://pc.test/v1/invoices/T000001234/lineitems",
      headers: {},
      auth: { kind: "app" },
      operation: "invoices.lineItems",
    };
    const items = await collect(paginatePartnerCenter(send, first, "https://pc.test"));
    expect(items).toHaveLength(2);
    expect(seen[1]?.url).toContain("https://pc.test/v1/invoices/T000001234/lineitems?");
    expect(seen[1]?.url).toContain("seekOperation=Next");
    expect(seen[1]?.headers["MS-ContinuationToken"]).toBe("AQAAAA==");
    const renamed = renameField(load(pagingSample), "items");
    await expect(
      collect(
        paginatePartnerCenter(async () => ({ status: 200, headers: {}, body: renamed }), first, "https://pc.test"),
      ),
    ).rejects.toMatchObject({ code: "client.unexpected_response" });
  });

  it("reads the token answer's lifetime without exposing the tokens", () => {
    const lifetime = tokenLifetimeFromWire(load("auth.token.refresh-grant.response.json") as never);
    expect(lifetime).toEqual({
      tokenType: "Bearer",
      expiresInSeconds: 3600,
      scope: "user_impersonation",
      resource: "https://api.partnercenter.microsoft.com",
    });
  });

  it("reads the transition answer's PascalCase Events and trims the status", () => {
    const transition = transitionFromWire(load("subscription.transition.create.response.json") as never);
    expect(transition.events.length).toBeGreaterThan(0);
    const history = transitionHistoryFromWire(load("subscription.transitions.list.response.json") as never);
    expect(history[0]).toMatchObject({
      toCatalogItemId: "CFQ7TTC0LF8S:0001:CFQ7TTC0K9G9",
      events: [{ status: "Started" }, { status: "Completed" }],
    });
  });
});
