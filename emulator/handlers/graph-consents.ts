// What application consent leaves in a customer tenant, on the Microsoft Graph face (Microsoft Graph
// docs: serviceprincipal-list, oauth2permissiongrant-list): a service principal for the consented
// application and for each resource API it was granted on, and one AllPrincipals delegated
// permission grant per resource, its `scope` space-separated. Partner Center itself has no way to
// read a consent back; this is where Microsoft shows it. Derived from the consents the calling
// partner granted (Partner Center's applicationconsents); Microsoft Graph's service principal
// exists in every tenant. Filters: `appId eq '…'`, `appId in ('…', …)` and `clientId eq '…'`.
import { createHash } from "node:crypto";
import { graphUnsupportedQuery } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import type { ApplicationConsentRecord } from "../store/state.js";
import type { OAuth2PermissionGrant, ServicePrincipal } from "../wire/graph.js";
import { graphTenant, refuseQueryOptions } from "./graph.js";
import { ok } from "./shared.js";

const MICROSOFT_GRAPH = "00000003-0000-0000-c000-000000000000";
const MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
const RESOURCE_NAMES: Record<string, string> = {
  [MICROSOFT_GRAPH]: "Microsoft Graph",
  "00000002-0000-0000-c000-000000000000": "Windows Azure Active Directory",
};
const UNSUPPORTED = ["$search", "$orderby", "$expand", "$count", "$skip", "$top", "$select"];

/** A stable object id for an application's service principal in a tenant. */
function objectId(tenantId: string, appId: string): string {
  const hex = createHash("sha256").update(`sp:${tenantId}:${appId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function consentsOf(
  store: Store,
  request: EmulatorRequest,
): { tenantId: string; consents: ApplicationConsentRecord[] } {
  const tenant = graphTenant(store, request);
  const partner = store.partner(request.principal.partnerTenantId.toLowerCase());
  const customer = partner === undefined ? undefined : own(partner.customers, tenant.tenantId.toLowerCase());
  return { tenantId: tenant.tenantId.toLowerCase(), consents: Object.values(customer?.applicationConsents ?? {}) };
}

function servicePrincipal(tenantId: string, appId: string, name: string, owner: string | null): ServicePrincipal {
  const id = objectId(tenantId, appId);
  return {
    id,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: name,
    appId,
    appOwnerOrganizationId: owner,
    appRoleAssignmentRequired: false,
    displayName: name,
    homepage: null,
    logoutUrl: null,
    publisherName: null,
    replyUrls: [],
    servicePrincipalNames: [appId],
    tags: [],
    addIns: [],
    appRoles: [],
    info: { termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null },
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
  };
}

/** The values a `$filter` of `property eq '…'` or `property in ('…', …)` asks for; undefined without a filter. */
function filterValues(request: EmulatorRequest, property: string, allowIn: boolean): string[] | undefined {
  const raw = request.query.get("$filter");
  if (raw === null) return undefined;
  const quoted = "'([0-9a-fA-F-]{36})'";
  const eq = new RegExp(`^\\s*${property}\\s+eq\\s+${quoted}\\s*$`).exec(raw);
  if (eq) return [eq[1]!.toLowerCase()];
  const list = allowIn ? new RegExp(`^\\s*${property}\\s+in\\s+\\(([^)]*)\\)\\s*$`).exec(raw) : null;
  const items = list?.[1]?.split(",").map((item) => new RegExp(`^\\s*${quoted}\\s*$`).exec(item)?.[1]);
  if (items !== undefined && items.length > 0 && items.every((i) => i !== undefined))
    return items.map((i) => i!.toLowerCase());
  throw graphUnsupportedQuery(
    `The cspctl emulator filters this collection only by ${property} eq '<guid>'${allowIn ? ` or ${property} in ('<guid>', …)` : ""}.`,
  );
}

/** GET /servicePrincipals: Microsoft Graph's, the consented applications' and their resources'. */
export function graphListServicePrincipals(store: Store): Handler {
  return (request) => {
    refuseQueryOptions(request, "/servicePrincipals", UNSUPPORTED);
    const wanted = filterValues(request, "appId", true);
    const { tenantId, consents } = consentsOf(store, request);
    const all = new Map<string, ServicePrincipal>();
    all.set(
      MICROSOFT_GRAPH,
      servicePrincipal(tenantId, MICROSOFT_GRAPH, RESOURCE_NAMES[MICROSOFT_GRAPH]!, MICROSOFT_TENANT),
    );
    for (const consent of consents) {
      for (const grant of consent.grants) {
        const resource = grant.enterpriseApplicationId;
        if (!all.has(resource))
          all.set(
            resource,
            servicePrincipal(tenantId, resource, RESOURCE_NAMES[resource] ?? resource, MICROSOFT_TENANT),
          );
      }
      const name = consent.displayName ?? consent.applicationId;
      all.set(consent.applicationId, servicePrincipal(tenantId, consent.applicationId, name, null));
    }
    const value = [...all.values()].filter((sp) => wanted === undefined || wanted.includes(sp.appId));
    return ok({ "@odata.context": `${request.origin}/graph/v1.0/$metadata#servicePrincipals`, value });
  };
}

/** GET /oauth2PermissionGrants: one AllPrincipals grant per consented application and resource. */
export function graphListPermissionGrants(store: Store): Handler {
  return (request) => {
    refuseQueryOptions(request, "/oauth2PermissionGrants", UNSUPPORTED);
    const wanted = filterValues(request, "clientId", false);
    const { tenantId, consents } = consentsOf(store, request);
    const value: OAuth2PermissionGrant[] = consents.flatMap((consent) => {
      const clientId = objectId(tenantId, consent.applicationId);
      if (wanted !== undefined && !wanted.includes(clientId)) return [];
      return consent.grants.map((grant) => {
        const resourceId = objectId(tenantId, grant.enterpriseApplicationId);
        const id = Buffer.from(`${clientId}:${resourceId}`).toString("base64url").slice(0, 43);
        return {
          "@odata.id": `${request.origin}/graph/v2/${tenantId}/oauth2PermissionGrants/${id}`,
          id,
          clientId,
          consentType: "AllPrincipals" as const,
          principalId: null,
          resourceId,
          scope: grant.scope
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
            .join(" "),
        };
      });
    });
    return ok({ "@odata.context": `${request.origin}/graph/v1.0/$metadata#oauth2PermissionGrants`, value });
  };
}
