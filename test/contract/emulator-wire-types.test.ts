// Type-checks that Microsoft's samples for the operations the emulator serves are assignable to
// the emulator's own wire types (emulator/wire/), which are written from the documentation apart
// from the client's: a type that demands a field Microsoft's answers omit, or types one differently,
// fails here.
import { describe, expect, it } from "vitest";
import { typecheckSamples } from "./typecheck-samples.js";

const MODULES = ["catalog", "cart", "common", "customer", "graph", "licensing", "order", "subscription", "user"];

const EMULATOR_WIRE_TYPES: Record<string, string> = {
  "products.list.nce.response.json": "common.Collection<catalog.Product>",
  "sku.get.nce.response.json": "catalog.Sku",
  "availability.get.nce.response.json": "catalog.Availability",
  "cart.create.nce.response.json": "cart.Cart",
  "cart.create.with-participants.response.json": "cart.Cart",
  "cart.checkout.nce.order.response.json": "order.Order",
  "customer.create.response.json": "customer.Customer",
  "customer.get.response.json": "customer.Customer",
  "customers.list.response.json": "common.Collection<customer.Customer>",
  "customer.billingprofile.update.response.json": "customer.CustomerBillingProfile",
  "customer.qualifications.create.response.json": "customer.CustomerQualification",
  "customer.qualifications.get.response.json": "customer.CustomerQualification[]",
  "customer.relationshiprequest.get.response.json": "customer.RelationshipRequest",
  "error.license-quota-exceeded.response.json": "common.PartnerCenterErrorBody",
  "error.nce-quantity-decrease-outside-window.response.json": "common.PartnerCenterErrorBody",
  "error.partner-token-not-allowed-license-management.response.json": "common.PartnerCenterErrorBody",
  "order.get.response.json": "order.Order",
  "orders.list.response.json": "common.Collection<order.Order>",
  "order.provisioningstatus.response.json": "common.Collection<order.OrderLineItemProvisioningStatus>",
  "subscription.get.nce.response.json": "subscription.Subscription",
  "subscription.provisioningstatus.response.json": "subscription.SubscriptionProvisioningStatus",
  "subscription.transition.create.response.json": "subscription.Transition",
  "subscription.transitions.list.response.json": "subscription.TransitionHistory",
  "subscription.transitioneligibilities.list.response.json": "common.Collection<subscription.TransitionEligibility>",
  "subscribedskus.list.response.json": "common.Collection<licensing.SubscribedSku>",
  "user.licenses.list.response.json": "common.Collection<licensing.License>",
  "licenseupdates.response.json": "licensing.LicenseUpdate",
  "user.get.response.json": "user.CustomerUser",
  "users.list.response.json": "common.Collection<user.CustomerUser>",
  "graph.subscribedskus.list.response.json": "{ value: graph.SubscribedSku[] }",
  "graph.domains.list.response.json": "{ value: graph.Domain[] }",
  "graph.users.list.response.json": "{ value: Partial<graph.GraphUser>[] }",
};

describe("samples are assignable to emulator/wire types", () => {
  it("type-checks without errors", () => {
    expect(typecheckSamples("emulator/wire", MODULES, EMULATOR_WIRE_TYPES)).toEqual([]);
  }, 60_000);
});
