// The Microsoft Graph face for a customer tenant (Microsoft Graph docs: user, subscribedsku, user-assignlicense): the tenant is the token's `tid`.
// GET /users ($select, $top ≤ 999, default 100, absolute @odata.nextLink), GET /users/{id|upn},
// GET /subscribedSkus, POST /users/{id|upn}/assignLicense.
import { graphError, graphNotFound, graphUnsupportedQuery, EmulatorHttpError, graphBadRequest } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { applyLicenseChange, licenseInventory } from "../rules/licenses.js";
import { own, type Store } from "../store/memory-store.js";
import type { DirectoryUserRecord, TenantRecord } from "../store/state.js";
import { DEFAULT_USER_PROPERTIES, graphSubscribedSkuView, graphUserView, selectProperties } from "./graph-views.js";
import { ok } from "./shared.js";
import type { Domain } from "../wire/graph.js";

const MAX_TOP = 999;
const DEFAULT_TOP = 100;
const USER_PROPERTIES = new Set([
  ...DEFAULT_USER_PROPERTIES,
  "accountEnabled",
  "usageLocation",
  "assignedLicenses",
  "createdDateTime",
  "onPremisesImmutableId",
]);

/** Query options Graph supports on /users that the emulator does not; refused rather than ignored. */
const UNSUPPORTED_OPTIONS = ["$filter", "$search", "$orderby", "$expand", "$count", "$skip"];

export function graphListUsers(store: Store): Handler {
  return (request) => {
    const tenant = graphTenant(store, request);
    refuseQueryOptions(request, "/users", UNSUPPORTED_OPTIONS);
    const select = readUserSelect(request);
    const top = readTop(request);
    const offset = readSkipToken(request);
    const users = Object.values(tenant.users).filter((user) => user.state === "active");
    const page = users.slice(offset, offset + top).map((user) => selectProperties(graphUserView(user), select));
    const body: Record<string, unknown> = {
      "@odata.context": `${request.origin}/graph/v1.0/$metadata#users`,
      value: page,
    };
    if (offset + page.length < users.length) {
      const next = new URLSearchParams();
      if (request.query.get("$select") !== null) next.set("$select", request.query.get("$select")!);
      next.set("$top", String(top));
      next.set("$skiptoken", Buffer.from(JSON.stringify({ offset: offset + page.length })).toString("base64url"));
      body["@odata.nextLink"] = `${request.origin}/graph/v1.0/users?${next.toString()}`;
    }
    return ok(body);
  };
}

export function graphGetUser(store: Store): Handler {
  return (request) => {
    const tenant = graphTenant(store, request);
    refuseQueryOptions(request, "/users/{id}", UNSUPPORTED_OPTIONS);
    const user = graphUser(tenant, request.params["userId"] ?? "");
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0/$metadata#users/$entity`,
      ...selectProperties(graphUserView(user), readUserSelect(request)),
    });
  };
}

export function graphListSubscribedSkus(store: Store): Handler {
  return (request, context) => {
    const tenant = graphTenant(store, request);
    // subscribedsku-list.md: only $select is supported.
    refuseQueryOptions(request, "/subscribedSkus", [...UNSUPPORTED_OPTIONS, "$top"]);
    const select = readSelect(request, SKU_PROPERTIES, "subscribedSku");
    const rows = licenseInventory(store.state, context.catalog, tenant.tenantId);
    const value = rows
      .map((row) => graphSubscribedSkuView(row, tenant.tenantId, tenant.companyName))
      .map((sku) => (select === undefined ? sku : selectProperties(sku, select)));
    return ok({ "@odata.context": `${request.origin}/graph/v1.0/$metadata#subscribedSkus`, value });
  };
}

export function graphAssignLicense(store: Store): Handler {
  return (request, context) => {
    const tenant = graphTenant(store, request);
    const user = graphUser(tenant, request.params["userId"] ?? "");
    const body = request.body as { addLicenses?: unknown; removeLicenses?: unknown } | undefined;
    if (body === undefined || !Array.isArray(body.addLicenses) || !Array.isArray(body.removeLicenses)) {
      throw graphBadRequest("addLicenses and removeLicenses are required (send [] when unused).");
    }
    const add = body.addLicenses.map((raw) => {
      const item = raw as { skuId?: unknown; disabledPlans?: unknown };
      if (typeof item.skuId !== "string") throw graphBadRequest("addLicenses[].skuId is required.");
      return {
        skuId: item.skuId.toLowerCase(),
        disabledPlans: Array.isArray(item.disabledPlans) ? item.disabledPlans.map((p) => String(p).toLowerCase()) : [],
      };
    });
    const remove = body.removeLicenses.map((skuId) => String(skuId).toLowerCase());
    const inventory = licenseInventory(store.state, context.catalog, tenant.tenantId);
    try {
      user.assignedLicenses = applyLicenseChange(inventory, user, { add, remove }, tenant.tenantId);
    } catch (error) {
      throw asGraphError(error);
    }
    // Graph answers with the user's default properties only: assignedLicenses is not among them.
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0/$metadata#users/$entity`,
      ...selectProperties(graphUserView(user), DEFAULT_USER_PROPERTIES),
    });
  };
}

/** Properties PATCH /users/{id} changes; any other property is refused rather than ignored. */
const PATCHABLE = new Set(["accountEnabled", "usageLocation", "displayName", "givenName", "surname"]);

/** PATCH /users/{id|upn}: 204 No Content, as Graph answers. */
export function graphUpdateUser(store: Store): Handler {
  return (request) => {
    const tenant = graphTenant(store, request);
    const user = graphUser(tenant, request.params["userId"] ?? "");
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw graphBadRequest("The request body must be a JSON object.");
    const changes = body as Record<string, unknown>;
    const unsupported = Object.keys(changes).find((key) => !PATCHABLE.has(key));
    if (unsupported !== undefined)
      throw graphBadRequest(
        `The cspctl emulator does not emulate changing '${unsupported}' (it changes ${[...PATCHABLE].join(", ")}).`,
      );
    const text = (key: string): string | undefined => {
      const value = changes[key];
      if (value === undefined) return undefined;
      if (typeof value !== "string") throw graphBadRequest(`Invalid value for property '${key}'.`);
      return value;
    };
    if (changes["accountEnabled"] !== undefined) {
      if (typeof changes["accountEnabled"] !== "boolean")
        throw graphBadRequest("Invalid value for property 'accountEnabled'.");
      user.accountEnabled = changes["accountEnabled"];
    }
    const usageLocation = text("usageLocation");
    if (usageLocation !== undefined) {
      if (!/^[A-Za-z]{2}$/.test(usageLocation))
        throw graphBadRequest("Invalid value specified for property 'usageLocation' of resource 'User'.");
      user.usageLocation = usageLocation.toUpperCase();
    }
    const displayName = text("displayName");
    if (displayName !== undefined) user.displayName = displayName;
    const givenName = text("givenName");
    if (givenName !== undefined) user.firstName = givenName;
    const surname = text("surname");
    if (surname !== undefined) user.lastName = surname;
    return { status: 204 };
  };
}

/** Partner Center's licence errors, reworded as Graph reports them. */
function asGraphError(error: unknown): unknown {
  if (!(error instanceof EmulatorHttpError)) return error;
  const body = error.body as { description?: string; data?: unknown[] };
  const detail =
    typeof body.data?.[0] === "string"
      ? String(body.data[0]).replace(/^LicenseQuotaExceededException : /, "")
      : (body.description ?? "Bad request.");
  return graphBadRequest(detail);
}

/** Query options the emulator does not emulate on a route are refused, never silently ignored. */
export function refuseQueryOptions(request: EmulatorRequest, route: string, options: readonly string[]): void {
  const unsupported = options.find((option) => request.query.has(option));
  if (unsupported !== undefined)
    throw graphUnsupportedQuery(
      `The cspctl emulator does not emulate ${unsupported} on ${route} (docs/emulator.md lists what it emulates).`,
    );
}

export function graphTenant(store: Store, request: EmulatorRequest): TenantRecord {
  const tenantId = request.principal.tenantId.toLowerCase();
  const partner = store.partner(request.principal.partnerTenantId.toLowerCase());
  const tenant = store.tenant(tenantId);
  if (partner === undefined || tenant === undefined || !Object.hasOwn(partner.customers, tenantId)) {
    throw graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  return tenant;
}

function graphUser(tenant: TenantRecord, idOrUpn: string): DirectoryUserRecord {
  const wanted = idOrUpn.toLowerCase();
  const user =
    own(tenant.users, wanted) ?? Object.values(tenant.users).find((u) => u.userPrincipalName.toLowerCase() === wanted);
  if (user === undefined || user.state !== "active") throw graphNotFound(idOrUpn);
  return user;
}

const SKU_PROPERTIES = new Set([
  "accountName",
  "accountId",
  "appliesTo",
  "capabilityStatus",
  "consumedUnits",
  "id",
  "prepaidUnits",
  "servicePlans",
  "skuId",
  "skuPartNumber",
  "subscriptionIds",
]);

/** The `$select` list, each name checked against the entity's properties; undefined when there is none. */
function readSelect(request: EmulatorRequest, known: Set<string>, entity: string): string[] | undefined {
  const raw = request.query.get("$select");
  if (raw === null || raw.trim() === "") return undefined;
  const properties = raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = properties.find((p) => !known.has(p));
  if (unknown !== undefined)
    throw graphBadRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.${entity}'.`);
  return properties;
}

export const readUserSelect = (request: EmulatorRequest): string[] =>
  readSelect(request, USER_PROPERTIES, "user") ?? DEFAULT_USER_PROPERTIES;

function readTop(request: EmulatorRequest): number {
  const raw = request.query.get("$top");
  if (raw === null) return DEFAULT_TOP;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
    throw graphUnsupportedQuery(`Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  return top;
}

function readSkipToken(request: EmulatorRequest): number {
  const raw = request.query.get("$skiptoken");
  if (raw === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof parsed.offset === "number" && parsed.offset >= 0) return parsed.offset;
  } catch {
    // answered below
  }
  throw graphBadRequest("The $skiptoken is not valid.");
}

/** GET /domains: the tenant's domains, all verified (the initial one, and those the seed verified). */
export function graphListDomains(store: Store): Handler {
  return (request) => {
    const tenant = graphTenant(store, request);
    const value: Domain[] = tenant.domains.map((name) => {
      const initial = name.toLowerCase() === tenant.defaultDomain.toLowerCase();
      return {
        id: name,
        authenticationType: "Managed",
        isAdminManaged: true,
        isDefault: initial,
        isInitial: initial,
        isRoot: true,
        isVerified: true,
        supportedServices: initial ? ["Email", "OfficeCommunicationsOnline"] : ["Email"],
      };
    });
    return ok({ "@odata.context": `${request.origin}/graph/v1.0/$metadata#domains`, value });
  };
}
