// The one table: every response sample in test/fixtures/partner-center/samples/, either mapped to the
// emulator operation that answers it (run in this order, against one emulator) or listed as
// deliberately not emulated, with the reason. Allowances name each field difference and why.
import { CUSTOMER, IDS, type ContractContext } from "./contract-context.js";
import { sample } from "./samples.js";
import type { Allowances } from "./shape.js";

export type ContractEntry =
  | { sample: string; operation: string; run: (ctx: ContractContext) => Promise<unknown>; allow?: Allowances }
  | { sample: string; notEmulated: string };

const C = `/v1/customers/${CUSTOMER}`;
const PRICED =
  "lines carry the pricing block of Partner Center's NCE cart and order samples (cart.create.nce, cart.checkout.nce.order); this doc example omits it";
const NO_PROFILE =
  "the emulator's directory holds no mail, phone or language; Graph writes null for unset properties, as the sample's other user shows";
const LEGACY_ID = "legacy offer ids are GUIDs; an NCE offerId is the catalogItemId `product:sku:availability`";
const ORDER_ID = "NCE order ids are 12 hex characters (cart.checkout.nce.order sample), not GUIDs";
const LEGACY =
  "legacy (pre-NCE) offers and their shapes are not emulated; the embedded catalog is NCE licence-based only";
const ORDER_ETAG = "orders carry ETags (orders.list sample; Partner Center docs: order-resources)";
const LINE_STATUS = "order lines link their provisioning status (orders.list sample)";
const ETAG = "the emulator puts ETags on every subscription (issue 3 item 4); Microsoft's NCE samples omit them";
const RECORDED_SUBSCRIPTION_FIELD =
  "recorded in Partner Center's subscription answers (subscriptions.list.legacy-suspended sample), absent from this doc example";
/** A service plan of POWER_BI_PRO (data/catalog.json), disabled in the Graph assignment. */
const POWER_BI_PLAN = "70d33638-9c74-4d01-bfd3-562de28bd4ba";
let cartId = "";
let orderId = "";

async function catalogItem(ctx: ContractContext, offer: string): Promise<string> {
  const [p, s] = offer.split(":");
  const body = (await ctx.call(`/v1/products/${p}/skus/${s}/availabilities?country=US`)) as {
    items: { catalogItemId: string }[];
  };
  return body.items[0]!.catalogItemId;
}

export const CONTRACT_TABLE: ContractEntry[] = [
  {
    sample: "auth.token.refresh-grant.response.json",
    operation: "POST /{tenant}/oauth2/v2.0/token (refresh_token grant)",
    run: async (ctx) => {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: "a1111111-0000-4000-8000-0000000000c0",
        client_secret: "contract-secret",
        refresh_token: "contract-refresh",
        scope: "https://api.partnercenter.microsoft.com/.default",
      });
      return ctx.call("/a0000000-0000-4000-8000-0000000000c0/oauth2/v2.0/token", {
        method: "POST",
        rawBody: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        expect: 200,
      });
    },
    allow: {
      omitted: {
        expires_on: "v1 endpoint field; MSAL uses the v2 endpoint",
        not_before: "v1 endpoint field",
        resource: "v1 endpoint field (v2 uses scope)",
        id_token: "no openid scope was requested",
      },
      extra: {
        refresh_token:
          "the refresh-token grant returns the new refresh token to store (Partner Center docs: enable-secure-app-model)",
        client_info: "v2 endpoint field MSAL reads",
      },
      retyped: {
        expires_in: "the v1 endpoint writes numbers as strings; the v2 endpoint MSAL uses writes numbers",
        ext_expires_in: "as above",
      },
    },
  },
  {
    sample: "customers.list.response.json",
    operation: "GET /v1/customers?size=40",
    run: (ctx) => ctx.call("/v1/customers?size=40"),
    allow: {
      extra: {
        "items[].links": "Microsoft's list-by-name sample has item links; this one is shortened",
        "items[].companyProfile.links": "as above",
      },
    },
  },
  {
    sample: "customers.list-by-name-filter.response.json",
    operation: "GET /v1/customers?size=0&filter=starts_with CompanyName",
    run: (ctx) =>
      ctx.call(
        `/v1/customers?size=0&filter=${encodeURIComponent(JSON.stringify({ Field: "CompanyName", Value: "cont", Operator: "starts_with" }))}`,
      ),
  },
  {
    sample: "paging.seek-next-link.collection.response.json",
    operation: "GET /v1/customers?size=1 (seek envelope; invoice line items themselves are not emulated)",
    run: async (ctx) => {
      // A second customer, so that a page of one has a next link.
      await ctx.call("/v1/customers", {
        method: "POST",
        body: withDomain(sample("customer.create.request.json"), "pagingco"),
      });
      return ctx.call("/v1/customers?size=1");
    },
    allow: {
      ignored: {
        items: "invoice line items are not emulated; customer items are checked against the customer samples",
      },
      extra: {
        continuationToken:
          "the seek token is also in the body, as the SDK reads it (Microsoft's .NET SDK: ResourceCollectionConverter)",
      },
    },
  },
  {
    sample: "customer.get.response.json",
    operation: "GET /v1/customers/{id}",
    run: (ctx) => ctx.call(C),
    allow: {
      omitted: {
        "companyProfile.address": "only when the customer gave a company address",
        "companyProfile.email": "only when the customer gave a company email",
        "billingProfile.firstName": "seeded customers have no billing contact name",
        "billingProfile.lastName": "as above",
        "billingProfile.defaultAddress.city": "seeded customers have a country-only address",
        "billingProfile.defaultAddress.state": "as above",
        "billingProfile.defaultAddress.addressLine1": "as above",
        "billingProfile.defaultAddress.postalCode": "as above",
        "billingProfile.defaultAddress.firstName": "as above",
        "billingProfile.defaultAddress.lastName": "as above",
        "billingProfile.defaultAddress.phoneNumber": "as above",
      },
    },
  },
  {
    sample: "customer.create.response.json",
    operation: "POST /v1/customers (PascalCase request sample)",
    run: (ctx) =>
      ctx.call("/v1/customers", {
        method: "POST",
        body: withDomain(sample("customer.create.request.json"), "contractnew"),
      }),
    allow: {
      omitted: {
        "billingProfile.defaultAddress.phoneNumber":
          "address fields are echoed only when given (the request sample has no phone number)",
      },
      extra: { "billingProfile.links": "the create answer carries the profile's self link like GET does" },
    },
  },
  {
    sample: "customer.create-for-indirect-reseller.response.json",
    operation: "POST /v1/customers with AssociatedPartnerId",
    run: (ctx) =>
      ctx.call("/v1/customers", {
        method: "POST",
        body: withDomain(sample("customer.create-for-indirect-reseller.request.json"), "contractindirect"),
      }),
    allow: {
      omitted: {
        "companyProfile.companyName":
          "the create answer echoes only tenantId and domain, as in the direct create sample",
        "companyProfile.links": "as above",
        allowDelegatedAccess: "only on GET by id (Partner Center docs: get-a-customer-by-id)",
      },
      extra: { enableGDAPByDefault: "echoed as in the direct create sample", "billingProfile.links": "as in GET" },
    },
  },
  {
    sample: "customer.billingprofile.update.response.json",
    operation: "PUT /v1/customers/{id}/profiles/billing (PascalCase request sample, If-Match)",
    run: async (ctx) => {
      const current = (await ctx.call(`${C}/profiles/billing`)) as { attributes: { etag: string } };
      return ctx.call(`${C}/profiles/billing`, {
        method: "PUT",
        body: sample("customer.billingprofile.update.request.json"),
        headers: { "if-match": `"${current.attributes.etag}"` },
        expect: 200,
      });
    },
  },
  {
    sample: "customer.qualifications.create.response.json",
    operation: "POST /v1/customers/{id}/qualifications",
    run: (ctx) =>
      ctx.call(`${C}/qualifications`, { method: "POST", body: sample("customer.qualifications.create.request.json") }),
  },
  {
    sample: "customer.qualifications.get.response.json",
    operation: "GET /v1/customers/{id}/qualifications",
    run: (ctx) => ctx.call(`${C}/qualifications`),
  },
  {
    sample: "customer.relationshiprequest.get.response.json",
    operation: "GET /v1/customers/relationshiprequests",
    run: (ctx) => ctx.call("/v1/customers/relationshiprequests"),
  },
  {
    sample: "products.list.nce.response.json",
    operation: "GET /v1/products?country=US&targetView=OnlineServices",
    run: (ctx) => ctx.call("/v1/products?country=US&targetView=OnlineServices"),
  },
  {
    sample: "sku.get.nce.response.json",
    operation: "GET /v1/products/CFQ7TTC0LH18/skus/0001?country=US",
    run: (ctx) => ctx.call("/v1/products/CFQ7TTC0LH18/skus/0001?country=US"),
    allow: {
      ignored: {
        "dynamicAttributes.upgradeTargetOffers": "the embedded catalog lists no upgrade paths, so the array is empty",
      },
    },
  },
  {
    sample: "availability.get.nce.response.json",
    operation: "GET /v1/products/{p}/skus/{s}/availabilities/{a}?country=US",
    run: async (ctx) => {
      const id = (await catalogItem(ctx, "CFQ7TTC0LH18:0001")).split(":")[2];
      return ctx.call(`/v1/products/CFQ7TTC0LH18/skus/0001/availabilities/${id}?country=US`);
    },
  },
  {
    sample: "availability.get.azure-reservation.response.json",
    notEmulated: "Azure reservations are not in the embedded catalog",
  },
  {
    sample: "cart.create.nce.response.json",
    operation: "POST /v1/customers/{id}/carts (PascalCase request sample)",
    run: async (ctx) => {
      const request = sample<{ LineItems: Record<string, unknown>[] }>("cart.create.nce.request.json");
      request.LineItems[0]!["CatalogItemId"] = await catalogItem(ctx, "CFQ7TTC0LFLZ:0002");
      const cart = (await ctx.call(`${C}/carts`, { method: "POST", body: request })) as { id: string };
      cartId = cart.id;
      return cart;
    },
  },
  {
    sample: "cart.create.with-participants.response.json",
    operation: "POST …/carts with participants and customTermEndDate (request sample, emulator catalog ids)",
    run: async (ctx) => {
      const request = sample<{ lineItems: Record<string, unknown>[] }>("cart.create.with-participants.request.json");
      const now = new Date((await ctx.emulator.control.clock()).now);
      const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))
        .toISOString()
        .replace(".000Z", "Z");
      request.lineItems[0] = {
        ...request.lineItems[0],
        catalogItemId: await catalogItem(ctx, "CFQ7TTC0LH18:000P"),
        customTermEndDate: monthEnd,
      };
      request.lineItems[1] = { ...request.lineItems[1], catalogItemId: await catalogItem(ctx, "CFQ7TTC0LFLS:0002") };
      return ctx.call(`${C}/carts`, { method: "POST", body: request });
    },
    allow: { extra: { "lineItems[].pricing": PRICED } },
  },
  {
    sample: "cart.create.mixed.response.json",
    notEmulated: "Azure, reserved-instance, perpetual-software and SaaS cart items are not in the embedded catalog",
  },
  {
    sample: "cart.checkout.nce.order.response.json",
    operation: "POST /v1/customers/{id}/carts/{cartId}/checkout → orders[0]",
    run: async (ctx) => {
      const result = (await ctx.call(`${C}/carts/${cartId}/checkout`, { method: "POST" })) as {
        orders: { id: string }[];
      };
      orderId = result.orders[0]!.id;
      return result.orders[0];
    },
    allow: {
      omitted: {
        "lineItems[].subscriptionId":
          "subscription ids appear once provisioning finished; this order is still pending (Partner Center docs: checkout-a-cart)",
      },
      extra: { "attributes.etag": ORDER_ETAG, "lineItems[].links.provisioningStatus": LINE_STATUS },
    },
  },
  {
    sample: "cart.checkout.mixed.response.json",
    notEmulated: "mixed legacy/Azure/software checkout; the NCE checkout is covered by cart.checkout.nce.order",
  },
  {
    sample: "order.get.response.json",
    operation: "GET /v1/customers/{id}/orders/{orderId}",
    run: (ctx) => ctx.call(`${C}/orders/${orderId}`),
    allow: {
      extra: {
        alternateId: "NCE orders carry it (cart.checkout.nce.order sample)",
        "lineItems[].termDuration": "as in the NCE order sample",
        "lineItems[].transactionType": "as above",
        "lineItems[].links.product": "as above",
        "lineItems[].links.availability": "as above",
        transactionType: "as above",
        client: "as above",
        "links.patchOperation": "as above",
        "attributes.etag": ORDER_ETAG,
        "lineItems[].links.provisioningStatus": LINE_STATUS,
        "lineItems[].pricing": PRICED,
        totalPrice: PRICED,
      },
    },
  },
  {
    sample: "orders.list.response.json",
    operation: "GET /v1/customers/{id}/orders",
    run: (ctx) => ctx.call(`${C}/orders`),
    allow: {
      extra: {
        "items[].alternateId": "NCE order fields (see order.get)",
        "items[].currencySymbol": "as above",
        "items[].lineItems[].termDuration": "as above",
        "items[].lineItems[].transactionType": "as above",
        "items[].lineItems[].links.product": "as above",
        "items[].lineItems[].links.availability": "as above",
        "items[].lineItems[].links.subscription": "NCE order line links to its subscription",
        "items[].transactionType": "as above",
        "items[].client": "as above",
        "items[].links.patchOperation": "as above",
        "items[].lineItems[].pricing": PRICED,
        "items[].totalPrice": PRICED,
        links: "the list's self link",
      },
    },
  },
  {
    sample: "order.provisioningstatus.response.json",
    operation: "GET /v1/customers/{id}/orders/{orderId}/provisioningstatus",
    run: (ctx) => ctx.call(`${C}/orders/${orderId}/provisioningstatus`),
  },
  {
    sample: "order.create.legacy.response.json",
    notEmulated: "the legacy POST /orders purchase path is not emulated; NCE purchases go through carts",
  },
  {
    sample: "subscription.get.nce.response.json",
    operation: "GET /v1/customers/{id}/subscriptions/{subId}",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.basic}`),
    allow: {
      extra: {
        cancellationAllowedUntilDate: "NCE subscriptions expose the window (R-CAN-6; software sample)",
        "attributes.etag": ETAG,
        entitlementId: RECORDED_SUBSCRIPTION_FIELD,
        actions: RECORDED_SUBSCRIPTION_FIELD,
      },
    },
  },
  {
    sample: "subscription.get.addon.response.json",
    operation: "GET an add-on subscription",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.addon}`),
    allow: {
      omitted: { "links.offer": "NCE subscriptions link product/sku/availability instead of a legacy offer" },
      extra: nceExtras(""),
      retyped: { offerId: LEGACY_ID, orderId: ORDER_ID },
    },
  },
  {
    sample: "subscription.addons.list.response.json",
    operation: "GET /v1/customers/{id}/subscriptions/{subId}/addons",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.basic}/addons`),
    allow: {
      retyped: { "items[].orderId": ORDER_ID },
      omitted: { "items[].links.offer": "NCE subscriptions link product/sku/availability instead" },
      extra: {
        ...nceExtras("items[]."),
        "items[].parentSubscriptionId": "an add-on names its base",
        "items[].offerId": "NCE field",
        "items[].offerName": "NCE field",
        "items[].links.parentSubscription": "as in subscription.get.addon",
        links: "the list's self link",
      },
    },
  },
  {
    sample: "subscriptions.list-by-order.response.json",
    operation: "GET /v1/customers/{id}/subscriptions?order_id=",
    run: async (ctx) => {
      const basic = (await ctx.call(`${C}/subscriptions/${IDS.basic}`)) as { orderId: string };
      return ctx.call(`${C}/subscriptions?order_id=${basic.orderId}`);
    },
    allow: {
      omitted: {
        "items[].entitlementId": "legacy field",
        "items[].links.offer": "NCE subscriptions link product/sku/availability instead",
      },
      extra: {
        ...nceExtras("items[]."),
        "items[].offerId": "NCE field",
        "items[].offerName": "NCE field",
        links: "the list's self link",
      },
    },
  },
  {
    sample: "subscription.provisioningstatus.response.json",
    operation: "GET /v1/customers/{id}/subscriptions/{subId}/provisioningstatus",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.basic}/provisioningstatus`),
  },
  {
    sample: "subscription.patch.scheduled-next-term.response.json",
    operation: "PATCH with scheduledNextTermInstructions (request sample, NCE ids)",
    run: async (ctx) => {
      const current = (await ctx.call(`${C}/subscriptions/${IDS.basic}`)) as Record<string, unknown>;
      const request = sample<
        Record<string, unknown> & { scheduledNextTermInstructions: { product: Record<string, unknown> } }
      >("subscription.patch.scheduled-next-term.request.json");
      const body = {
        ...request,
        id: current["id"],
        offerId: current["offerId"],
        quantity: current["quantity"],
        termDuration: current["termDuration"],
        billingCycle: current["billingCycle"],
      };
      body.scheduledNextTermInstructions.product = {
        productId: "CFQ7TTC0LH18",
        skuId: "0001",
        availabilityId: "",
        billingCycle: "Annual",
        termDuration: "P1Y",
      };
      return ctx.call(`${C}/subscriptions/${IDS.basic}`, { method: "PATCH", body, expect: 200 });
    },
    allow: {
      omitted: {
        customTermEndDate: "the emulator does not echo a co-term date on the subscription",
        "scheduledNextTermInstructions.customTermEndDate": "next-term co-terming is not emulated (stored, not applied)",
        "scheduledNextTermInstructions.product.promotionId": "promotions are not emulated",
      },
      extra: {
        ...nceExtras(""),
        productType: "as in subscription.get.nce",
        renewalTermDuration: "as above",
        refundableQuantity: "as above",
        commitmentEndDateTime: "as above",
        attentionNeeded: "as above",
        actionTaken: "as above",
        links: "as above",
      },
    },
  },
  {
    sample: "subscription.patch.cancel.response.json",
    operation: "PATCH status deleted inside the 7-day window",
    run: async (ctx) => {
      const current = (await ctx.call(`${C}/subscriptions/${IDS.cancel}`)) as Record<string, unknown>;
      return ctx.call(`${C}/subscriptions/${IDS.cancel}`, {
        method: "PATCH",
        body: { ...current, status: "deleted" },
        expect: 200,
      });
    },
    allow: {
      extra: {
        ...nceExtras(""),
        productType: "as in subscription.get.nce",
        renewalTermDuration: "as above",
        refundableQuantity: "as above",
        commitmentEndDateTime: "as above",
        attentionNeeded: "as above",
        actionTaken: "as above",
      },
    },
  },
  {
    sample: "error.nce-quantity-decrease-outside-window.response.json",
    operation: "PATCH quantity down 30 days after purchase → 400/800090",
    run: async (ctx) => {
      const current = (await ctx.call(`${C}/subscriptions/${IDS.old}`)) as Record<string, unknown>;
      return ctx.call(`${C}/subscriptions/${IDS.old}`, {
        method: "PATCH",
        body: { ...current, quantity: 1 },
        expect: 400,
      });
    },
  },
  {
    sample: "subscription.transitioneligibilities.list.response.json",
    operation: "GET …/transitionEligibilities?eligibilityType=immediate (NCE trial)",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.trial}/transitionEligibilities?eligibilityType=immediate`),
    allow: {
      ignored: {
        "items[].subscriptionEligibilities[].errors":
          "the one target subscription in this estate is eligible, so it has no errors",
      },
    },
  },
  {
    sample: "subscription.transition.create.response.json",
    operation: "POST …/transitions (NCE trial conversion)",
    run: async (ctx) => {
      const request = {
        ...sample<Record<string, unknown>>("subscription.transition.create.request.json"),
        fromCatalogItemId: undefined,
        toSubscriptionId: undefined,
      };
      const trial = (await ctx.call(`${C}/subscriptions/${IDS.trial}`)) as { offerId: string };
      return ctx.call(`${C}/subscriptions/${IDS.trial}/transitions`, {
        method: "POST",
        body: {
          ...request,
          fromCatalogItemId: trial.offerId,
          fromSubscriptionId: IDS.trial,
          toCatalogItemId: trial.offerId,
          quantity: 25,
          termDuration: "P1Y",
          billingCycle: "Monthly",
        },
        expect: 200,
      });
    },
  },
  {
    sample: "subscription.transitions.list.response.json",
    operation: "GET …/transitions",
    run: (ctx) => ctx.call(`${C}/subscriptions/${IDS.trial}/transitions`),
  },
  {
    sample: "subscription.get.azure.response.json",
    notEmulated: "Azure (MS-AZR-0145P) subscriptions are not in the embedded catalog",
  },
  { sample: "subscriptions.list.legacy.response.json", notEmulated: LEGACY },
  { sample: "subscriptions.list.legacy-suspended.mock.response.json", notEmulated: LEGACY },
  {
    sample: "subscriptions.list.software.response.json",
    notEmulated: "software subscriptions are not in the embedded catalog",
  },
  { sample: "subscription.patch.quantity.legacy.response.json", notEmulated: LEGACY },
  {
    sample: "subscription.conversions.list.response.json",
    notEmulated: "legacy trial conversions (/conversions); NCE trials convert through transitions, which are emulated",
  },
  { sample: "subscription.conversion.create.response.json", notEmulated: "as subscription.conversions.list" },
  { sample: "offers.list.response.json", notEmulated: LEGACY },
  { sample: "offer.get.recorded.response.json", notEmulated: LEGACY },
  { sample: "offercategories.list.recorded.response.json", notEmulated: LEGACY },
  {
    sample: "subscribedskus.list.response.json",
    operation: "GET /v1/customers/{id}/subscribedskus",
    run: (ctx) => ctx.call(`${C}/subscribedskus`),
  },
  {
    sample: "users.list.response.json",
    operation: "GET /v1/customers/{id}/users",
    run: (ctx) => ctx.call(`${C}/users`),
  },
  {
    sample: "user.get.response.json",
    operation: "GET /v1/customers/{id}/users/{userId}",
    run: (ctx) => ctx.call(`${C}/users/${IDS.licensed}`),
  },
  {
    sample: "user.create.response.json",
    operation: "POST /v1/customers/{id}/users (request sample)",
    run: (ctx) =>
      ctx.call(`${C}/users`, {
        method: "POST",
        body: {
          ...sample<Record<string, unknown>>("user.create.request.json"),
          usageLocation: "US",
          userPrincipalName: "userid@contosocontract.onmicrosoft.com",
        },
        expect: 200,
      }),
    allow: { extra: { links: "every CustomerUser carries its self link (users.list sample)" } },
  },
  {
    sample: "user.update.response.json",
    operation: "PATCH /v1/customers/{id}/users/{userId} (partial body)",
    run: (ctx) =>
      ctx.call(`${C}/users/${IDS.unlicensed}`, {
        method: "PATCH",
        body: {
          ...sample<Record<string, unknown>>("user.update.request.json"),
          usageLocation: "GB",
          userPrincipalName: undefined,
        },
        expect: 200,
      }),
  },
  {
    sample: "licenseupdates.response.json",
    operation: "POST …/users/{userId}/licenseupdates (PascalCase request sample)",
    run: (ctx) =>
      ctx.call(`${C}/users/${IDS.unlicensed}/licenseupdates`, {
        method: "POST",
        body: sample("licenseupdates.request.json"),
      }),
  },
  {
    sample: "error.license-quota-exceeded.response.json",
    operation: "licenseupdates with no units left → 400/60012",
    run: (ctx) =>
      ctx.call(`${C}/users/${IDS.spare}/licenseupdates`, {
        method: "POST",
        body: sample("licenseupdates.request.json"),
        expect: 400,
      }),
  },
  {
    sample: "user.licenses.list.response.json",
    operation: "GET …/users/{userId}/licenses",
    run: (ctx) => ctx.call(`${C}/users/${IDS.unlicensed}/licenses`),
  },
  {
    sample: "users.deleted.list.response.json",
    operation: "DELETE a user, then GET …/users?filter=UserState Inactive",
    run: async (ctx) => {
      await ctx.call(`${C}/users/${IDS.spare}`, { method: "DELETE", expect: 204 });
      return ctx.call(
        `${C}/users?size=500&filter=${encodeURIComponent(JSON.stringify({ Field: "UserState", Value: "Inactive", Operator: "equals" }))}`,
      );
    },
  },
  {
    sample: "user.restore.response.json",
    operation: "PATCH state active on a deleted user (request sample)",
    run: (ctx) =>
      ctx.call(`${C}/users/${IDS.spare}`, { method: "PATCH", body: sample("user.restore.request.json"), expect: 200 }),
  },
  {
    sample: "user.resetpassword.response.json",
    operation: "PATCH …/users/{userId}/resetpassword (request sample)",
    run: (ctx) =>
      ctx.call(`${C}/users/${IDS.licensed}/resetpassword`, {
        method: "PATCH",
        body: sample("user.resetpassword.request.json"),
        expect: 200,
      }),
  },
  { sample: "users.membership.add-role-member.mock.response.json", notEmulated: "directory roles are not emulated" },
  {
    sample: "error.partner-token-not-allowed-license-management.response.json",
    operation: "an app-only token on a licence route (pipeline)",
    run: async (ctx) => {
      const result = await ctx.raw(`${C}/subscribedskus`, { token: ctx.app });
      if (result.status !== 400 && result.status !== 403) throw new Error(`app-only token answered ${result.status}`);
      return result.body;
    },
    allow: { extra: { data: "the pipeline sends the documented `data` array (empty)" } },
  },
  {
    sample: "error.conditional-access-blocked.response.json",
    notEmulated: "Conditional Access policies are not emulated; no token is ever blocked by one",
  },
  {
    sample: "error.throttled-429.response.json",
    operation: "the pipeline's rate limit (fault) → 429",
    run: async (ctx) => {
      await ctx.emulator.control.faults({ rateLimitPerMinute: 1 });
      try {
        await ctx.raw("/v1/customers");
        return (await ctx.raw("/v1/customers")).body;
      } finally {
        await ctx.emulator.control.clearFaults();
      }
    },
  },
  {
    sample: "graph.users.list.response.json",
    operation: "GET /graph/v1.0/users",
    run: (ctx) => ctx.call("/graph/v1.0/users", { token: ctx.graph }),
    allow: {
      extra: { "@odata.nextLink": "only while more pages exist" },
      ignored: { "value[].businessPhones": "the emulator's directory holds no phone numbers (always [])" },
      retyped: {
        "value[].mail": NO_PROFILE,
        "value[].mobilePhone": NO_PROFILE,
        "value[].preferredLanguage": NO_PROFILE,
      },
    },
  },
  {
    sample: "graph.domains.list.response.json",
    operation: "GET /graph/v1.0/domains",
    run: (ctx) => ctx.call("/graph/v1.0/domains", { token: ctx.graph }),
    allow: {
      extra: {
        "value[].isVerified": "the doc's example is shortened; the domain resource has isVerified",
        "@odata.context": "Graph collections carry it; the doc's example drops it",
      },
      omitted: { "value[].availabilityStatus": "only set while a domain is being added or verified (domain resource)" },
    },
  },
  {
    sample: "graph.subscribedskus.list.response.json",
    operation: "GET /graph/v1.0/subscribedSkus",
    run: (ctx) => ctx.call("/graph/v1.0/subscribedSkus", { token: ctx.graph }),
  },
  {
    sample: "graph.user.assignlicense.response.json",
    operation: "POST /graph/v1.0/users/{id}/assignLicense",
    run: async (ctx) => {
      const body = { addLicenses: [], removeLicenses: [IDS.powerBi] };
      await ctx.call(`/graph/v1.0/users/${IDS.unlicensed}/assignLicense`, {
        method: "POST",
        token: ctx.graph,
        body,
        expect: 200,
      });
      return ctx.call(`/graph/v1.0/users/${IDS.unlicensed}/assignLicense`, {
        method: "POST",
        token: ctx.graph,
        body: { addLicenses: [{ skuId: IDS.powerBi, disabledPlans: [POWER_BI_PLAN] }], removeLicenses: [] },
        expect: 200,
      });
    },
    allow: {
      omitted: {
        assignedPlans: "service-plan provisioning records are not emulated",
        city: "profile fields the emulator's directory does not hold",
        companyName: "as above",
        accountEnabled:
          "Graph answers assignLicense with the user's default properties (recorded traffic; the doc's example is illustrative): read licences with $select",
        assignedLicenses: "as above",
      },
      ignored: { businessPhones: "the emulator's directory holds no phone numbers (always [])" },
      extra: {
        "@odata.context": "Graph's context annotation",
        displayName:
          "the doc's example answer is truncated ('...'); the emulator returns the user's default properties",
        givenName: "as above",
        surname: "as above",
        userPrincipalName: "as above",
        id: "as above",
        jobTitle: "as above",
        mail: "as above",
        mobilePhone: "as above",
        officeLocation: "as above",
        preferredLanguage: "as above",
      },
    },
  },
  {
    sample: "graph.delegatedadminrelationship.create.response.json",
    notEmulated:
      "checked with the other GDAP samples, along one relationship's life, in test/contract/gdap-samples.test.ts",
  },
];

function nceExtras(prefix: string): Record<string, string> {
  const why = "NCE subscription field (subscription.get.nce sample)";
  return Object.fromEntries([
    ...[
      "productType",
      "hasPurchasableAddons",
      "cancellationAllowedUntilDate",
      "isTrial",
      "billingCycle",
      "termDuration",
      "renewalTermDuration",
      "refundOptions",
      "refundableQuantity",
      "isMicrosoftProduct",
      "publisherName",
      "partnerId",
      "attentionNeeded",
      "actionTaken",
      "links.product",
      "links.sku",
      "links.availability",
      "attributes.etag",
      "commitmentEndDateTime",
    ].map((field) => [`${prefix}${field}`, field === "attributes.etag" ? ETAG : why]),
    ...["entitlementId", "actions"].map((field) => [`${prefix}${field}`, RECORDED_SUBSCRIPTION_FIELD]),
  ]);
}

function withDomain(body: unknown, prefix: string): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as {
    CompanyProfile?: { Domain?: string };
    companyProfile?: { domain?: string };
  };
  if (copy.CompanyProfile !== undefined) copy.CompanyProfile.Domain = `${prefix}.onmicrosoft.com`;
  if (copy.companyProfile !== undefined) copy.companyProfile.domain = `${prefix}.onmicrosoft.com`;
  return copy;
}
