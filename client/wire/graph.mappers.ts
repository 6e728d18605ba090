// Microsoft Graph users, subscribedSkus and assignLicense: wire ↔ domain.
import type { GraphSubscribedSku, GraphUser, GraphUserChange } from "../types.js";
import { arr, defined, num, obj, optBool, optStr, record, str, strings } from "../wire-read.js";
import type * as Wire from "./graph.js";

/** The properties a reconciler needs; assignedLicenses and usageLocation are not in Graph's default set. */
export const graphUserSelect = [
  "id",
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "usageLocation",
  "accountEnabled",
  "assignedLicenses",
];

/**
 * Read only from a user fetched with `$select=…,assignedLicenses`. Missing means "not asked for" or
 * "not sent", never "no licences": it fails instead of reading as [] (Graph's default properties,
 * which assignLicense answers with, do not include it).
 */
export function assignedLicensesFromWire(wire: Wire.GraphUser, context = "graph user"): GraphUser["assignedLicenses"] {
  const source = record(wire, context);
  return arr(source, "assignedLicenses", context).map((item) => {
    const license = record(item, `${context}.assignedLicenses[]`);
    return {
      skuId: str(license, "skuId", context).toLowerCase(),
      disabledPlans: strings(license, "disabledPlans", context),
    };
  });
}

export function graphUserFromWire(wire: Wire.GraphUser): GraphUser {
  const context = "graph user";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    userPrincipalName: str(source, "userPrincipalName", context),
    displayName: optStr(source, "displayName", context),
    givenName: optStr(source, "givenName", context),
    surname: optStr(source, "surname", context),
    usageLocation: optStr(source, "usageLocation", context),
    accountEnabled: optBool(source, "accountEnabled", context),
    assignedLicenses: assignedLicensesFromWire(wire, context),
  });
}

export function graphSubscribedSkuFromWire(wire: Wire.GraphSubscribedSku): GraphSubscribedSku {
  const context = "graph subscribedSku";
  const source = record(wire, context);
  const prepaid = obj(source, "prepaidUnits", context);
  return defined({
    id: str(source, "id", context),
    skuId: str(source, "skuId", context),
    skuPartNumber: str(source, "skuPartNumber", context),
    capabilityStatus: optStr(source, "capabilityStatus", context),
    appliesTo: optStr(source, "appliesTo", context),
    consumedUnits: num(source, "consumedUnits", context),
    prepaidUnits: {
      enabled: num(prepaid, "enabled", `${context}.prepaidUnits`),
      suspended: num(prepaid, "suspended", `${context}.prepaidUnits`),
      warning: num(prepaid, "warning", `${context}.prepaidUnits`),
      lockedOut: num(prepaid, "lockedOut", `${context}.prepaidUnits`),
    },
    servicePlans: arr(source, "servicePlans", context).map((item) => {
      const plan = record(item, `${context}.servicePlans[]`);
      return defined({
        id: str(plan, "servicePlanId", context),
        name: str(plan, "servicePlanName", context),
        provisioningStatus: optStr(plan, "provisioningStatus", context),
      });
    }),
  });
}

export function assignLicenseToWire(
  add: Array<{ skuId: string; disabledPlans?: string[] }>,
  remove: string[],
): Wire.AssignLicenseRequest {
  // Graph wants both arrays present, empty when unused.
  return {
    addLicenses: add.map((item) => ({ skuId: item.skuId, disabledPlans: item.disabledPlans ?? [] })),
    removeLicenses: remove,
  };
}

/** GDAP relationships are read in gdap.mappers.ts. */
export { delegatedAdminRelationshipFromWire } from "./gdap.mappers.js";

export function graphUserChangeToWire(change: GraphUserChange): Partial<Wire.GraphUser> {
  return {
    ...(change.enabled === undefined ? {} : { accountEnabled: change.enabled }),
    ...(change.displayName === undefined ? {} : { displayName: change.displayName }),
    ...(change.firstName === undefined ? {} : { givenName: change.firstName }),
    ...(change.lastName === undefined ? {} : { surname: change.lastName }),
    ...(change.usageLocation === undefined ? {} : { usageLocation: change.usageLocation }),
  };
}

/** The domain's name when it is verified in the tenant, else undefined. */
export function verifiedDomainFromWire(wire: Wire.GraphDomain): string | undefined {
  const source = record(wire, "domain");
  const id = str(source, "id", "domain");
  return optBool(source, "isVerified", "domain") === true ? id.toLowerCase() : undefined;
}

/** A service principal as `{ id, appId }`, both in lower case. */
export function servicePrincipalFromWire(wire: Wire.GraphServicePrincipal): { id: string; appId: string } {
  const source = record(wire, "servicePrincipal");
  return {
    id: str(source, "id", "servicePrincipal").toLowerCase(),
    appId: str(source, "appId", "servicePrincipal").toLowerCase(),
  };
}

/** A tenant-wide (AllPrincipals) grant as its resource's service principal id and scopes; undefined for a per-user grant. */
export function tenantGrantFromWire(
  wire: Wire.GraphPermissionGrant,
): { resourceId: string; scopes: string[] } | undefined {
  const source = record(wire, "oAuth2PermissionGrant");
  if (str(source, "consentType", "oAuth2PermissionGrant") !== "AllPrincipals") return undefined;
  return {
    resourceId: str(source, "resourceId", "oAuth2PermissionGrant").toLowerCase(),
    scopes: (optStr(source, "scope", "oAuth2PermissionGrant") ?? "").split(" ").filter(Boolean),
  };
}
