// Which audit record each write route makes (Partner Center docs: auditing-resources, for the
// operation and resource types). Every write route is listed: a route that Partner Center does not
// audit says so with `null` and why, and a test fails when a write route is missing from this table.
import type { AuditKeyValue } from "../wire/audit.js";

export interface AuditOperation {
  operationType: string;
  resourceType: string;
  /** The resource before the change is the answer of a GET on the same path. */
  oldFromGet?: boolean;
  /** The answer holds several resources, each audited on its own (a checkout's orders). */
  resources?: (body: unknown) => unknown[];
  /** `customizedData` of the record, from the resource after the change and the request's path parameters. */
  details?: (resource: Record<string, unknown>, params: Record<string, string>, body: unknown) => AuditKeyValue[];
}

const GDAP_NOT_AUDITED = {
  notAudited:
    "GDAP changes are in the Microsoft Entra audit log of the partner tenant, not in Partner Center's activity log",
};
const CONSENT_NOT_AUDITED = {
  notAudited: "Partner Center's activity log has no operation type for application consent",
};

/** Keyed by `face method template` as the route table lists them. */
export const AUDIT_OPERATIONS: Record<string, AuditOperation | { notAudited: string }> = {
  "partner-center POST /customers": {
    operationType: "add_customer",
    resourceType: "customer",
    details: customerDetails,
  },
  "partner-center PUT /customers/{customerId}/profiles/billing": {
    operationType: "update_customer_billing_profile",
    resourceType: "customer",
    oldFromGet: true,
  },
  "partner-center POST /customers/{customerId}/qualifications": {
    operationType: "update_customer_qualification",
    resourceType: "customer",
    oldFromGet: true,
  },
  "graph POST /reports/partners/billing/reconciliation/billed/export": {
    notAudited: "an export reads billing data; nothing in the partner's account changes",
  },
  "graph POST /reports/partners/billing/reconciliation/unbilled/export": {
    notAudited: "an export reads billing data; nothing in the partner's account changes",
  },
  "partner-center POST /customers/{customerId}/carts": {
    notAudited: "a cart is a draft; Partner Center audits the order its checkout creates",
  },
  "partner-center PUT /customers/{customerId}/carts/{cartId}": {
    notAudited: "a cart is a draft; Partner Center audits the order its checkout creates",
  },
  "partner-center POST /customers/{customerId}/carts/{cartId}/checkout": {
    operationType: "create_order",
    resourceType: "order",
    resources: (body) => (body as { orders?: unknown[] }).orders ?? [],
    details: orderDetails,
  },
  "partner-center POST /customers/{customerId}/orders": {
    operationType: "create_order",
    resourceType: "order",
    details: orderDetails,
  },
  "partner-center PATCH /customers/{customerId}/subscriptions/{subscriptionId}": {
    operationType: "update_subscription",
    resourceType: "subscription",
    oldFromGet: true,
  },
  "partner-center POST /customers/{customerId}/subscriptions/{subscriptionId}/transitions": {
    operationType: "upgrade_subscription",
    resourceType: "subscription",
  },
  "partner-center POST /customers/{customerId}/users": {
    operationType: "create_customer_user",
    resourceType: "customer_user",
  },
  "partner-center PATCH /customers/{customerId}/users/{userId}": {
    operationType: "update_customer_user",
    resourceType: "customer_user",
    oldFromGet: true,
  },
  "partner-center DELETE /customers/{customerId}/users/{userId}": {
    operationType: "delete_customer_user",
    resourceType: "customer_user",
    oldFromGet: true,
  },
  "partner-center PATCH /customers/{customerId}/users/{userId}/resetpassword": {
    operationType: "reset_customer_user_password",
    resourceType: "customer_user",
  },
  "partner-center POST /customers/{customerId}/users/{userId}/licenseupdates": {
    operationType: "update_customer_user_licenses",
    resourceType: "license",
    details: (_resource, params, body) => licenseDetails(params["userId"] ?? "", body),
  },
  // Graph writes are not in Partner Center's log (Entra keeps its own); the emulator records them
  // as customer-user operations so that one log shows every change (docs/emulator.md).
  "graph PATCH /users/{userId}": {
    operationType: "update_customer_user",
    resourceType: "customer_user",
    oldFromGet: true,
  },
  "graph POST /users/{userId}/assignLicense": {
    operationType: "update_customer_user_licenses",
    resourceType: "license",
    details: (_resource, params, body) => licenseDetails(params["userId"] ?? "", body),
  },
  "graph POST /tenantRelationships/delegatedAdminRelationships": GDAP_NOT_AUDITED,
  "graph PATCH /tenantRelationships/delegatedAdminRelationships/{relationshipId}": GDAP_NOT_AUDITED,
  "graph DELETE /tenantRelationships/delegatedAdminRelationships/{relationshipId}": GDAP_NOT_AUDITED,
  "graph POST /tenantRelationships/delegatedAdminRelationships/{relationshipId}/requests": GDAP_NOT_AUDITED,
  "graph POST /tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments": GDAP_NOT_AUDITED,
  "graph PATCH /tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}":
    GDAP_NOT_AUDITED,
  "graph DELETE /tenantRelationships/delegatedAdminRelationships/{relationshipId}/accessAssignments/{assignmentId}":
    GDAP_NOT_AUDITED,
  // Partner Center's auditing-resources operation types list no application consent operation
  "partner-center POST /customers/{customerId}/applicationconsents": CONSENT_NOT_AUDITED,
  "partner-center DELETE /customers/{customerId}/applicationconsents/{applicationId}": CONSENT_NOT_AUDITED,
};

function text(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

function customerDetails(resource: Record<string, unknown>): AuditKeyValue[] {
  const profile = resource["companyProfile"] as { domain?: unknown } | undefined;
  return [
    { key: "PrimaryDomainName", value: text(profile?.domain) },
    { key: "Relationship", value: capitalise(text(resource["relationshipToPartner"]) ?? "reseller") },
  ];
}

/** `OrderId`, `AlternateId`, `BillingCycle`, then `OfferId-n`, `SubscriptionId-n`, `SubscriptionName-n`, `Quantity-n`, `PartnerOnRecord-n` per line. */
export function orderDetails(resource: Record<string, unknown>): AuditKeyValue[] {
  const details: AuditKeyValue[] = [
    { key: "OrderId", value: text(resource["id"]) },
    { key: "AlternateId", value: text(resource["alternateId"]) },
    { key: "BillingCycle", value: capitalise(text(resource["billingCycle"]) ?? "none") },
  ];
  const lines = (resource["lineItems"] ?? []) as Record<string, unknown>[];
  for (const line of lines) {
    const n = String(line["lineItemNumber"] ?? lines.indexOf(line));
    details.push(
      { key: `OfferId-${n}`, value: text(line["offerId"]) },
      { key: `SubscriptionId-${n}`, value: text(line["subscriptionId"]) },
      { key: `SubscriptionName-${n}`, value: text(line["friendlyName"]) },
      { key: `Quantity-${n}`, value: text(line["quantity"]) },
      { key: `PartnerOnRecord-${n}`, value: text(line["partnerIdOnRecord"]) },
    );
  }
  return details;
}

/** `CustomerUserId`, and `AddedLicenseSkuId` / `RemovedLicenseSkuId` for each licence the request named. */
function licenseDetails(userId: string, body: unknown): AuditKeyValue[] {
  const request = (body ?? {}) as {
    licensesToAssign?: { skuId?: unknown }[];
    addLicenses?: { skuId?: unknown }[];
    licensesToRemove?: unknown[];
    removeLicenses?: unknown[];
  };
  const added = [...(request.licensesToAssign ?? []), ...(request.addLicenses ?? [])].map((l) => text(l?.skuId));
  const removed = [...(request.licensesToRemove ?? []), ...(request.removeLicenses ?? [])].map((l) =>
    text(typeof l === "object" && l !== null ? (l as { skuId?: unknown }).skuId : l),
  );
  return [
    { key: "CustomerUserId", value: userId },
    ...added.map((value) => ({ key: "AddedLicenseSkuId", value })),
    ...removed.map((value) => ({ key: "RemovedLicenseSkuId", value })),
  ];
}

function capitalise(value: string | null): string | null {
  if (value === null || value === "") return value;
  return value[0]!.toUpperCase() + value.slice(1);
}
