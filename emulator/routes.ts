// The route table: every operation the emulator's domain answers, one line each. An operation not
// listed here is not emulated; the pipeline answers 501 for it. Literal segments are listed before
// parameters that could match them (`/customers/relationshiprequests` before `/customers/{customerId}`).
// Auth per each operation's Prerequisites in the Partner Center docs: `user` = app+user only; `app-or-user` = either; `graph` = a Graph token.
import * as consents from "./handlers/application-consents.js";
import { listAuditRecords } from "./handlers/audit-records.js";
import * as catalog from "./handlers/catalog.js";
import { checkoutCart, createCart, getCart, replaceCart } from "./handlers/carts.js";
import { createCustomer } from "./handlers/customer-create.js";
import * as profiles from "./handlers/customer-profiles.js";
import { getCustomer, listCustomers } from "./handlers/customers.js";
import type { GdapOperation } from "../core/entra-roles.js";
import * as gdap from "./handlers/gdap.js";
import { gdapGuard } from "./handlers/gdap-guard.js";
import * as graph from "./handlers/graph.js";
import { graphListPermissionGrants, graphListServicePrincipals } from "./handlers/graph-consents.js";
import { graphUsersDelta } from "./handlers/graph-delta.js";
import { billingExportHandlers } from "./handlers/billing-exports.js";
import * as invoices from "./handlers/invoices.js";
import { getPriceSheet } from "./handlers/price-sheet.js";
import { createPromotionEligibilities, getPromotion, listPromotions } from "./handlers/promotions.js";
import { listSubscribedSkus, listUserLicenses, postLicenseUpdates } from "./handlers/licenses.js";
import { createOrder } from "./handlers/order-create.js";
import { getOrder, getOrderProvisioningStatus, listActivationLinks, listOrders } from "./handlers/orders.js";
import * as subscriptions from "./handlers/subscriptions.js";
import { createTransition, listTransitionEligibilities, listTransitions } from "./handlers/transitions.js";
import { createUser, deleteUser, getUser, listUsers, resetPassword, updateUser } from "./handlers/users.js";
import type { Handler, Route, RouteAuth } from "./pipeline/types.js";
import type { Store } from "./store/memory-store.js";

type Method = Route["method"];

function pc(method: Method, template: string, auth: RouteAuth, handler: Handler): Route {
  return { face: "partner-center", method, template, auth, write: method !== "GET" && method !== "HEAD", handler };
}

function g(method: Method, template: string, handler: Handler): Route {
  return { face: "graph", method, template, auth: "graph", write: method !== "GET" && method !== "HEAD", handler };
}

/** The Partner API host (api.partner.microsoft.com), under `/v1.0`: file downloads, app+user only. */
function papi(method: Method, template: string, handler: Handler): Route {
  return { face: "partner-api", method, template, auth: "user", write: false, handler };
}

/** Blob files (billing export data) under `/blob`: no bearer token, a signed URL. */
function blob(template: string, handler: Handler): Route {
  return { face: "blob", method: "GET", template, auth: "sas", write: false, handler };
}

const C = "/customers/{customerId}";
const I = "/invoices/{invoiceId}";
const B = "/reports/partners/billing";
const S = `${C}/subscriptions/{subscriptionId}`;
const U = `${C}/users/{userId}`;
const P = "/products/{productId}";
const K = `${P}/skus/{skuId}`;
const R = "/tenantRelationships/delegatedAdminRelationships";
const RI = `${R}/{relationshipId}`;

export function buildRoutes(store: Store): Route[] {
  const exports = billingExportHandlers(store);
  const guard = (operation: GdapOperation, handler: Handler): Handler => gdapGuard(store, operation, handler);
  return [
    // customers
    pc("GET", "/customers", "app-or-user", listCustomers(store)),
    pc("POST", "/customers", "app-or-user", createCustomer(store)),
    { ...pc("GET", "/customers/relationshiprequests", "user", profiles.getRelationshipRequest(store)), records: true },
    pc("GET", C, "app-or-user", getCustomer(store)),
    pc("GET", `${C}/profiles/billing`, "app-or-user", profiles.getBillingProfile(store)),
    pc("PUT", `${C}/profiles/billing`, "app-or-user", profiles.putBillingProfile(store)),
    pc("GET", `${C}/profiles/company`, "user", profiles.getCompanyProfile(store)),
    pc("GET", `${C}/qualifications`, "app-or-user", profiles.getQualifications(store)),
    pc("POST", `${C}/qualifications`, "user", profiles.postQualification(store)),
    pc("HEAD", "/domains/{domain}", "app-or-user", profiles.headDomain(store)),
    // catalog, partner-scoped and customer-scoped
    pc("GET", "/products", "app-or-user", catalog.listProducts(store)),
    pc("GET", P, "app-or-user", catalog.getProduct(store)),
    pc("GET", `${P}/skus`, "app-or-user", catalog.listSkus(store)),
    pc("GET", K, "app-or-user", catalog.getSku(store)),
    pc("GET", `${K}/availabilities`, "app-or-user", catalog.listAvailabilities(store)),
    // NCE promotions (Partner Center docs: get-promotions, get-promotion-by-id, verify-promotion-eligibility)
    pc("GET", "/productpromotions", "app-or-user", listPromotions()),
    pc("GET", "/productpromotions/{promotionId}", "app-or-user", getPromotion()),
    // an eligibility check changes nothing: not a write (no replay, no journal, no audit record)
    { ...pc("POST", `${C}/promotionEligibilities`, "app-or-user", createPromotionEligibilities(store)), write: false },
    pc("GET", `${K}/availabilities/{availabilityId}`, "app-or-user", catalog.getAvailability(store)),
    pc("GET", `${C}/products`, "app-or-user", catalog.listProducts(store)),
    pc("GET", `${C}${P}`, "app-or-user", catalog.getProduct(store)),
    pc("GET", `${C}${P}/skus`, "app-or-user", catalog.listSkus(store)),
    pc("GET", `${C}${K}`, "app-or-user", catalog.getSku(store)),
    pc("GET", `${C}${K}/availabilities`, "app-or-user", catalog.listAvailabilities(store)),
    pc("GET", `${C}${K}/availabilities/{availabilityId}`, "app-or-user", catalog.getAvailability(store)),
    // carts and orders
    pc("POST", `${C}/carts`, "app-or-user", createCart(store)),
    pc("GET", `${C}/carts/{cartId}`, "app-or-user", getCart(store)),
    pc("PUT", `${C}/carts/{cartId}`, "app-or-user", replaceCart(store)),
    pc("POST", `${C}/carts/{cartId}/checkout`, "app-or-user", checkoutCart(store)),
    pc("POST", `${C}/orders`, "app-or-user", createOrder(store)),
    pc("GET", `${C}/orders`, "app-or-user", listOrders(store)),
    pc("GET", `${C}/orders/{orderId}`, "app-or-user", getOrder(store)),
    pc("GET", `${C}/orders/{orderId}/provisioningstatus`, "user", getOrderProvisioningStatus(store)),
    pc(
      "GET",
      `${C}/orders/{orderId}/lineitems/{lineItemNumber}/activationlinks`,
      "app-or-user",
      listActivationLinks(store),
    ),
    // subscriptions
    pc("GET", `${C}/subscriptions`, "app-or-user", subscriptions.listSubscriptions(store)),
    pc("GET", S, "app-or-user", subscriptions.getSubscription(store)),
    pc("PATCH", S, "app-or-user", subscriptions.patchSubscription(store)),
    pc("GET", `${S}/addons`, "app-or-user", subscriptions.listAddons(store)),
    pc("GET", `${S}/provisioningstatus`, "user", subscriptions.getSubscriptionProvisioningStatus(store)),
    pc("GET", `${S}/transitionEligibilities`, "app-or-user", listTransitionEligibilities(store)),
    pc("POST", `${S}/transitions`, "app-or-user", createTransition(store)),
    pc("GET", `${S}/transitions`, "app-or-user", listTransitions(store)),
    // licences and users (app+user only)
    pc("GET", `${C}/subscribedskus`, "user", guard("licence.read", listSubscribedSkus(store))),
    pc("GET", `${C}/users`, "user", guard("user.read", listUsers(store))),
    pc("POST", `${C}/users`, "user", guard("user.write", createUser(store))),
    pc("GET", U, "user", guard("user.read", getUser(store))),
    pc("PATCH", U, "user", guard("user.write", updateUser(store))),
    pc("DELETE", U, "user", guard("user.write", deleteUser(store))),
    pc("PATCH", `${U}/resetpassword`, "user", guard("user.write", resetPassword(store))),
    pc("GET", `${U}/licenses`, "user", guard("licence.read", listUserLicenses(store))),
    pc("POST", `${U}/licenseupdates`, "user", guard("licence.assign", postLicenseUpdates(store))),
    // application consent (app+user; GDAP role Application Administrator, Cloud Application Administrator or Global Administrator)
    pc("POST", `${C}/applicationconsents`, "user", guard("consent.grant", consents.createApplicationConsent(store))),
    pc(
      "DELETE",
      `${C}/applicationconsents/{applicationId}`,
      "user",
      guard("consent.grant", consents.deleteApplicationConsent(store)),
    ),
    // Microsoft Graph, for the customer tenant the token names
    g("GET", "/users", guard("user.read", graph.graphListUsers(store))),
    { ...g("GET", "/users/delta", guard("user.read", graphUsersDelta(store))), records: true },
    g("GET", "/users/{userId}", guard("user.read", graph.graphGetUser(store))),
    g("PATCH", "/users/{userId}", guard("user.write", graph.graphUpdateUser(store))),
    g("POST", "/users/{userId}/assignLicense", guard("licence.assign", graph.graphAssignLicense(store))),
    g("GET", "/subscribedSkus", guard("licence.read", graph.graphListSubscribedSkus(store))),
    // what application consent left in the customer tenant (Partner Center cannot read a consent back)
    g("GET", "/servicePrincipals", guard("consent.read", graphListServicePrincipals(store))),
    g("GET", "/oauth2PermissionGrants", guard("consent.read", graphListPermissionGrants(store))),
    // Microsoft Graph GDAP, for the partner's own tenant
    g("GET", R, gdap.listRelationships(store)),
    g("POST", R, gdap.createRelationship(store)),
    g("GET", RI, gdap.getRelationship(store)),
    g("PATCH", RI, gdap.updateRelationship(store)),
    g("DELETE", RI, gdap.deleteRelationship(store)),
    g("GET", `${RI}/requests`, gdap.listRequests(store)),
    g("POST", `${RI}/requests`, gdap.createRequest(store)),
    g("GET", `${RI}/requests/{requestId}`, gdap.getRequest(store)),
    g("GET", `${RI}/accessAssignments`, gdap.listAssignments(store)),
    g("POST", `${RI}/accessAssignments`, gdap.createAssignment(store)),
    g("GET", `${RI}/accessAssignments/{assignmentId}`, gdap.getAssignment(store)),
    g("PATCH", `${RI}/accessAssignments/{assignmentId}`, gdap.updateAssignment(store)),
    g("DELETE", `${RI}/accessAssignments/{assignmentId}`, gdap.deleteAssignment(store)),
    g("GET", `${RI}/operations`, gdap.listOperations(store)),
    g("GET", `${RI}/operations/{operationId}`, gdap.getOperation(store)),
    g("GET", "/tenantRelationships/delegatedAdminCustomers", gdap.listDelegatedAdminCustomers(store)),
    g("GET", "/tenantRelationships/delegatedAdminCustomers/{customerTenantId}", gdap.getDelegatedAdminCustomer(store)),
    // the activity log (partner-wide)
    pc("GET", "/auditrecords", "app-or-user", listAuditRecords(store)),
    g("GET", "/domains", graph.graphListDomains(store)),
    // Partner API host: the NCE price sheet (Partner Center docs: get-a-price-sheet)
    papi("GET", "/sales/{sheet}/$value", getPriceSheet),
    // invoices and v1 reconciliation line items (get-invoice-by-id and the summaries are app+user only)
    pc("GET", "/invoices", "app-or-user", invoices.listInvoices(store)),
    pc("GET", "/invoices/summaries", "user", invoices.getInvoiceSummaries(store)),
    pc("GET", "/invoices/unbilled/lineitems", "app-or-user", invoices.listUnbilledLineItems(store)),
    pc("GET", I, "user", invoices.getInvoice(store)),
    pc("GET", `${I}/lineitems`, "app-or-user", invoices.listBilledLineItems(store)),
    pc("GET", `${I}/lineitems/{provider}/{lineItemType}`, "app-or-user", invoices.listBilledLineItems(store)),
    // Graph billing exports (v2 reconciliation) and the blob files their manifests list
    { ...g("POST", `${B}/reconciliation/billed/export`, exports.exportBilled), recordsUnchanged: true },
    { ...g("POST", `${B}/reconciliation/unbilled/export`, exports.exportUnbilled), recordsUnchanged: true },
    g("GET", `${B}/operations/{operationId}`, exports.getOperation),
    g("GET", `${B}/manifests/{manifestId}`, exports.getManifest),
    blob("/billing/{manifestId}/{a}/{b}/{c}/{d}/{e}/{blobName}", exports.getBlob),
  ];
}
