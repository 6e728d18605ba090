// Directory records → Microsoft Graph user and subscribedSku shapes (samples graph.*.json).
import type { GraphUser, SubscribedSku as GraphSubscribedSku } from "../wire/graph.js";
import type { LicenseInventoryRow } from "../rules/licenses.js";
import { wireTimestamp } from "../rules/terms.js";
import type { DirectoryUserRecord } from "../store/state.js";

/** Graph's default user properties (user-list.md), returned when there is no $select. */
export const DEFAULT_USER_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

export function graphUserView(user: DirectoryUserRecord): Record<string, unknown> {
  const full: GraphUser = {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.firstName ?? null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.lastName ?? null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: user.accountEnabled,
    usageLocation: user.usageLocation ?? null,
    assignedLicenses: user.assignedLicenses.map((license) => ({
      disabledPlans: [...license.disabledPlans],
      skuId: license.skuId,
    })),
    createdDateTime: wireTimestamp(user.createdAt),
    onPremisesImmutableId: user.immutableId ?? null,
  };
  return full as Record<string, unknown>;
}

export function selectProperties(view: object, properties: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const property of properties) picked[property] = (view as Record<string, unknown>)[property] ?? null;
  return picked;
}

export function graphSubscribedSkuView(
  row: LicenseInventoryRow,
  tenantId: string,
  companyName: string,
): GraphSubscribedSku {
  return {
    accountName: companyName,
    accountId: tenantId,
    appliesTo: "User",
    capabilityStatus: row.enabled + row.warning > 0 ? "Enabled" : "Suspended",
    consumedUnits: row.consumed,
    id: `${tenantId}_${row.skuId}`,
    prepaidUnits: { enabled: row.enabled, lockedOut: 0, suspended: row.suspended, warning: row.warning },
    servicePlans: row.servicePlans.map((plan) => ({
      servicePlanId: plan.id,
      servicePlanName: plan.name,
      provisioningStatus: "Success",
      appliesTo: plan.appliesTo,
    })),
    skuId: row.skuId,
    skuPartNumber: row.skuPartNumber,
    subscriptionIds: [...row.subscriptionIds],
  };
}
