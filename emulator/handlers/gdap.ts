// Microsoft Graph GDAP, on the partner tenant's own Graph token (Microsoft Graph docs:
// delegatedAdminRelationship and its requests, accessAssignments and operations; delegatedAdminCustomer).
// Relationships live with their customer (emulator/rules/gdap.ts); a relationship needs
// `customer.tenantId` naming a customer of the partner (the emulator does not emulate relationships
// offered to any tenant that clicks the link).
import { randomUUID } from "node:crypto";
import { GLOBAL_ADMINISTRATOR, roleName, roleTemplateId } from "../../core/entra-roles.js";
import { graphBadRequest, graphError, graphForbidden, graphNotFound, graphUnsupportedQuery } from "../errors.js";
import type { EmulatorRequest, EmulatorResponse, Handler } from "../pipeline/types.js";
import {
  customerOfRelationship,
  durationDays,
  findRelationship,
  MAX_DURATION_DAYS,
  relationshipId,
  settleRelationship,
  STEP_MS,
} from "../rules/gdap.js";
import { own, type Store } from "../store/memory-store.js";
import type {
  GdapAccessAssignmentRecord,
  GdapRelationshipRecord,
  GdapRequestRecord,
  PartnerRecord,
} from "../store/state.js";
import {
  assignmentView,
  delegatedAdminCustomerView,
  gdapEtag,
  operationView,
  relationshipView,
  requestView,
} from "./gdap-views.js";
import { created, ok } from "./shared.js";

const BASE = "/tenantRelationships";
const MAX_TOP = 300;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GDAP is managed with the partner's own tenant token; a customer-tenant token is refused. */
function gdapPartner(store: Store, request: EmulatorRequest): PartnerRecord {
  const partner = store.partner(request.principal.partnerTenantId.toLowerCase());
  if (partner === undefined || request.principal.tenantId.toLowerCase() !== partner.tenantId.toLowerCase())
    throw graphForbidden(request.requestId);
  return partner;
}

function relationshipAt(store: Store, request: EmulatorRequest, now: Date): GdapRelationshipRecord {
  const partner = gdapPartner(store, request);
  const id = request.params["relationshipId"] ?? "";
  const relationship = findRelationship(partner, id);
  if (relationship === undefined) throw graphNotFound(id);
  settleRelationship(relationship, now);
  return relationship;
}

function page<T>(request: EmulatorRequest, items: T[], path: string, context: string): EmulatorResponse {
  for (const option of ["$orderby", "$expand", "$search", "$skip"])
    if (request.query.has(option))
      throw graphUnsupportedQuery(`The cspctl emulator does not emulate ${option} on ${path}.`);
  const rawTop = request.query.get("$top");
  const top = rawTop === null ? MAX_TOP : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
    throw graphUnsupportedQuery(
      `Invalid page size specified: '${rawTop}'. Must be between 1 and ${MAX_TOP} inclusive.`,
    );
  const rawSkip = request.query.get("$skiptoken");
  const offset = rawSkip === null ? 0 : Number(Buffer.from(rawSkip, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw graphBadRequest("The $skiptoken is not valid.");
  const value = items.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#${context}`,
    value,
  };
  if (offset + value.length < items.length) {
    const next = new URLSearchParams(request.query);
    next.set("$top", String(top));
    next.set("$skiptoken", Buffer.from(String(offset + value.length)).toString("base64url"));
    body["@odata.nextLink"] = `${request.origin}/graph/v1.0${path}?${next.toString()}`;
  }
  return ok(body);
}

/** The one `$filter` cspctl needs: `customer/tenantId eq '{id}'`; any other filter is refused, not ignored. */
function customerFilter(request: EmulatorRequest): string | undefined {
  const raw = request.query.get("$filter");
  if (raw === null) return undefined;
  const match = /^\s*customer\/tenantId\s+eq\s+'([0-9a-f-]{36})'\s*$/i.exec(raw);
  if (match === null)
    throw graphUnsupportedQuery(
      `The cspctl emulator only emulates $filter=customer/tenantId eq '{id}' on delegatedAdminRelationships, not '${raw}'.`,
    );
  return match[1]!.toLowerCase();
}

function allRelationships(partner: PartnerRecord, now: Date): GdapRelationshipRecord[] {
  const all = Object.values(partner.customers).flatMap((c) => Object.values(c.delegatedAdminRelationships ?? {}));
  for (const relationship of all) settleRelationship(relationship, now);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function listRelationships(store: Store): Handler {
  return (request, context) => {
    const partner = gdapPartner(store, request);
    const tenantId = customerFilter(request);
    const items = allRelationships(partner, context.clock.now())
      .filter((r) => tenantId === undefined || r.customerTenantId === tenantId)
      .map(relationshipView);
    return page(request, items, `${BASE}/delegatedAdminRelationships`, "delegatedAdminRelationships");
  };
}

export function getRelationship(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#delegatedAdminRelationships/$entity`,
      ...relationshipView(relationship),
    });
  };
}

// --- bodies ---

type Body = Record<string, unknown>;

function bodyOf(request: EmulatorRequest): Body {
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw graphBadRequest("The request body must be a JSON object.");
  return body as Body;
}

function rolesOf(value: unknown, where: string): string[] {
  const unified = (value as { unifiedRoles?: unknown } | undefined)?.unifiedRoles;
  if (!Array.isArray(unified) || unified.length === 0)
    throw graphBadRequest(`${where}.unifiedRoles must list at least one role.`);
  const ids = unified.map((item) => {
    const id = (item as { roleDefinitionId?: unknown } | null)?.roleDefinitionId;
    if (typeof id !== "string" || !GUID.test(id))
      throw graphBadRequest(`${where}.unifiedRoles[].roleDefinitionId must be a GUID.`);
    // Only Microsoft Entra built-in roles can be delegated; custom roles are not supported.
    if (roleTemplateId(id) === undefined)
      throw graphBadRequest(`The role '${id}' is not a Microsoft Entra built-in role; custom roles are not supported.`);
    return id.toLowerCase();
  });
  return [...new Set(ids)];
}

function checkDuration(value: unknown): string {
  const days = typeof value === "string" ? durationDays(value) : undefined;
  if (days === undefined || days < 1 || days > MAX_DURATION_DAYS)
    throw graphBadRequest(`duration must be between P1D and P${MAX_DURATION_DAYS}D (P2Y), not '${String(value)}'.`);
  return value as string;
}

function checkAutoExtend(value: unknown, roles: string[]): string {
  if (value !== "PT0S" && value !== "P0D" && value !== "P180D")
    throw graphBadRequest(`autoExtendDuration must be PT0S, P0D or P180D, not '${String(value)}'.`);
  if (value === "P180D" && roles.includes(GLOBAL_ADMINISTRATOR))
    throw graphBadRequest(
      `A relationship that includes ${roleName(GLOBAL_ADMINISTRATOR)} cannot be auto-extended (autoExtendDuration must be PT0S).`,
    );
  return value;
}

function checkDisplayName(partner: PartnerRecord, value: unknown, except?: string): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > 50)
    throw graphBadRequest("displayName is required and must be at most 50 characters.");
  const taken = Object.values(partner.customers).some((customer) =>
    Object.values(customer.delegatedAdminRelationships ?? {}).some((r) => r.displayName === value && r.id !== except),
  );
  if (taken) throw graphBadRequest(`A relationship named '${value}' already exists; displayName must be unique.`);
  return value;
}

function location(request: EmulatorRequest, path: string): Record<string, string> {
  return { location: `${request.origin}/graph/v1.0${BASE}/${path}` };
}

function checkIfMatch(request: EmulatorRequest, id: string, version: number): void {
  const presented = request.headers["if-match"];
  if (presented === undefined || presented.trim() === "") throw graphBadRequest("The If-Match header is required.");
  if (presented.trim() !== "*" && presented.trim() !== gdapEtag(id, version))
    throw graphError(412, "PreconditionFailed", "The If-Match value does not match the resource's current ETag.");
}

export function createRelationship(store: Store): Handler {
  return (request, context) => {
    const partner = gdapPartner(store, request);
    const body = bodyOf(request);
    const now = context.clock.now().toISOString();
    const customerBody = body["customer"] as { tenantId?: unknown } | undefined;
    const tenantId = typeof customerBody?.tenantId === "string" ? customerBody.tenantId.toLowerCase() : undefined;
    if (tenantId === undefined)
      throw graphBadRequest(
        "The cspctl emulator needs customer.tenantId on a new relationship (relationships any tenant may accept are not emulated).",
      );
    const customer = own(partner.customers, tenantId);
    if (customer === undefined) throw graphBadRequest(`The tenant '${tenantId}' is not a customer of this partner.`);
    const roles = rolesOf(body["accessDetails"], "accessDetails");
    const relationship: GdapRelationshipRecord = {
      id: relationshipId(tenantId),
      displayName: checkDisplayName(partner, body["displayName"]),
      duration: checkDuration(body["duration"]),
      customerTenantId: tenantId,
      customerDisplayName: store.tenant(tenantId)?.companyName ?? customer.billingProfile.companyName,
      roles,
      autoExtendDuration: checkAutoExtend(body["autoExtendDuration"] ?? "PT0S", roles),
      status: "created",
      createdAt: now,
      lastModifiedAt: now,
      requests: [],
      accessAssignments: {},
      operations: [],
      version: 1,
    };
    customer.delegatedAdminRelationships = { ...customer.delegatedAdminRelationships, [relationship.id]: relationship };
    return created(
      {
        "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#delegatedAdminRelationships/$entity`,
        ...relationshipView(relationship),
      },
      location(request, `delegatedAdminRelationships/${relationship.id}`),
    );
  };
}

/** PATCH: anything while `created`; only autoExtendDuration while `active` (Microsoft Graph docs: delegatedadminrelationship-update). */
export function updateRelationship(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    checkIfMatch(request, relationship.id, relationship.version);
    const body = bodyOf(request);
    const keys = Object.keys(body).filter((key) => body[key] !== undefined);
    const allowed =
      relationship.status === "created"
        ? ["displayName", "duration", "customer", "accessDetails", "autoExtendDuration"]
        : relationship.status === "active"
          ? ["autoExtendDuration"]
          : [];
    const refused = keys.find((key) => !allowed.includes(key));
    if (refused !== undefined)
      throw graphBadRequest(`'${refused}' cannot be changed while the relationship is ${relationship.status}.`);
    const partner = gdapPartner(store, request);
    if (body["displayName"] !== undefined)
      relationship.displayName = checkDisplayName(partner, body["displayName"], relationship.id);
    if (body["duration"] !== undefined) relationship.duration = checkDuration(body["duration"]);
    if (body["customer"] !== undefined) {
      const tenantId = (body["customer"] as { tenantId?: unknown } | null)?.tenantId;
      if (typeof tenantId === "string" && tenantId.toLowerCase() !== relationship.customerTenantId)
        throw graphBadRequest("The cspctl emulator does not emulate moving a relationship to another customer.");
    }
    if (body["accessDetails"] !== undefined) relationship.roles = rolesOf(body["accessDetails"], "accessDetails");
    if (body["autoExtendDuration"] !== undefined || body["accessDetails"] !== undefined)
      relationship.autoExtendDuration = checkAutoExtend(
        body["autoExtendDuration"] ?? relationship.autoExtendDuration,
        relationship.roles,
      );
    relationship.lastModifiedAt = context.clock.now().toISOString();
    relationship.version += 1;
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#delegatedAdminRelationships/$entity`,
      ...relationshipView(relationship),
    });
  };
}

export function deleteRelationship(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    checkIfMatch(request, relationship.id, relationship.version);
    if (relationship.status !== "created")
      throw graphBadRequest(
        `Only a relationship in status 'created' can be deleted; this one is ${relationship.status}.`,
      );
    const customer = own(gdapPartner(store, request).customers, relationship.customerTenantId)!;
    delete customer.delegatedAdminRelationships![relationship.id];
    return { status: 204 };
  };
}

export function createRequest(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    const action = bodyOf(request)["action"];
    const now = context.clock.now().toISOString();
    if (action === "lockForApproval") {
      if (relationship.status !== "created")
        throw graphBadRequest(
          `lockForApproval needs a relationship in status 'created'; this one is ${relationship.status}.`,
        );
      relationship.status = "approvalPending";
      relationship.lockedAt = now;
    } else if (action === "terminate") {
      if (relationship.status !== "active")
        throw graphBadRequest(`terminate needs an active relationship; this one is ${relationship.status}.`);
      relationship.status = "terminationRequested";
      relationship.terminationRequestedAt = now;
    } else throw graphBadRequest(`action must be lockForApproval or terminate, not '${String(action)}'.`);
    relationship.lastModifiedAt = now;
    relationship.version += 1;
    const record: GdapRequestRecord = {
      id: randomUUID(),
      action,
      status: "created",
      createdAt: now,
      lastModifiedAt: now,
    };
    relationship.requests.push(record);
    return created(
      { "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#requests`, ...requestView(record) },
      location(request, `delegatedAdminRelationships/${relationship.id}/requests/${record.id}`),
    );
  };
}

export function listRequests(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    return page(
      request,
      relationship.requests.map(requestView),
      `${BASE}/delegatedAdminRelationships/${relationship.id}/requests`,
      "requests",
    );
  };
}

export function getRequest(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    const id = request.params["requestId"] ?? "";
    const record = relationship.requests.find((r) => r.id === id.toLowerCase());
    if (record === undefined) throw graphNotFound(id);
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#requests/$entity`,
      ...requestView(record),
    });
  };
}

// --- access assignments ---

function assignmentAt(relationship: GdapRelationshipRecord, request: EmulatorRequest): GdapAccessAssignmentRecord {
  const id = request.params["assignmentId"] ?? "";
  const assignment = own(relationship.accessAssignments, id.toLowerCase());
  if (assignment === undefined) throw graphNotFound(id);
  return assignment;
}

function subsetOf(relationship: GdapRelationshipRecord, roles: string[]): string[] {
  const outside = roles.filter((role) => !relationship.roles.includes(role));
  if (outside.length > 0)
    throw graphBadRequest(
      `The roles ${outside.map(roleName).join(", ")} are not part of the relationship '${relationship.displayName}'.`,
    );
  return roles;
}

export function createAssignment(store: Store): Handler {
  return (request, context) => {
    const now = context.clock.now();
    const relationship = relationshipAt(store, request, now);
    if (relationship.status !== "active")
      throw graphBadRequest(`Access assignments need an active relationship; this one is ${relationship.status}.`);
    const body = bodyOf(request);
    const container = body["accessContainer"] as
      | { accessContainerId?: unknown; accessContainerType?: unknown }
      | undefined;
    const groupId = container?.accessContainerId;
    if (typeof groupId !== "string" || !GUID.test(groupId) || container?.accessContainerType !== "securityGroup")
      throw graphBadRequest(
        "accessContainer needs an accessContainerId (a security group id) and accessContainerType 'securityGroup'.",
      );
    const existing = Object.values(relationship.accessAssignments).find(
      (a) => a.groupId === groupId.toLowerCase() && a.status !== "deleted",
    );
    if (existing !== undefined)
      throw graphError(
        409,
        "Conflict",
        `The security group ${groupId} already has an access assignment in this relationship.`,
      );
    const at = now.toISOString();
    const assignment: GdapAccessAssignmentRecord = {
      id: randomUUID(),
      groupId: groupId.toLowerCase(),
      roles: subsetOf(relationship, rolesOf(body["accessDetails"], "accessDetails")),
      status: "pending",
      createdAt: at,
      lastModifiedAt: at,
      settlesAt: new Date(now.getTime() + STEP_MS).toISOString(),
      version: 1,
    };
    relationship.accessAssignments[assignment.id] = assignment;
    return created(
      {
        "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#accessAssignments`,
        ...assignmentView(assignment),
      },
      location(request, `delegatedAdminRelationships/${relationship.id}/accessAssignments/${assignment.id}`),
    );
  };
}

export function listAssignments(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    const items = Object.values(relationship.accessAssignments)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(assignmentView);
    return page(
      request,
      items,
      `${BASE}/delegatedAdminRelationships/${relationship.id}/accessAssignments`,
      "accessAssignments",
    );
  };
}

export function getAssignment(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#accessAssignments/$entity`,
      ...assignmentView(assignmentAt(relationship, request)),
    });
  };
}

/** PATCH: 202 + an operation to poll; 200 with the assignment when nothing changes. */
export function updateAssignment(store: Store): Handler {
  return (request, context) => {
    const now = context.clock.now();
    const relationship = relationshipAt(store, request, now);
    const assignment = assignmentAt(relationship, request);
    checkIfMatch(request, assignment.id, assignment.version);
    if (assignment.status !== "active")
      throw graphBadRequest(`Only an active access assignment can be changed; this one is ${assignment.status}.`);
    const roles = subsetOf(relationship, rolesOf(bodyOf(request)["accessDetails"], "accessDetails"));
    if ([...roles].sort().join() === [...assignment.roles].sort().join())
      return ok({
        "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#accessAssignments/$entity`,
        ...assignmentView(assignment),
      });
    const settlesAt = new Date(now.getTime() + STEP_MS).toISOString();
    assignment.pendingRoles = roles;
    assignment.status = "pending";
    assignment.settlesAt = settlesAt;
    assignment.lastModifiedAt = now.toISOString();
    assignment.version += 1;
    const operation = {
      id: randomUUID(),
      operationType: "delegatedAdminAccessAssignmentUpdate" as const,
      accessAssignmentId: assignment.id,
      status: "notStarted" as const,
      createdAt: now.toISOString(),
      lastModifiedAt: now.toISOString(),
      settlesAt,
    };
    relationship.operations.push(operation);
    return {
      status: 202,
      body: {},
      headers: {
        ...location(request, `delegatedAdminRelationships/${relationship.id}/operations/${operation.id}`),
        "retry-after": "10",
      },
    };
  };
}

export function deleteAssignment(store: Store): Handler {
  return (request, context) => {
    const now = context.clock.now();
    const relationship = relationshipAt(store, request, now);
    const assignment = assignmentAt(relationship, request);
    checkIfMatch(request, assignment.id, assignment.version);
    if (assignment.status === "deleting" || assignment.status === "deleted") return { status: 204 };
    assignment.status = "deleting";
    assignment.settlesAt = new Date(now.getTime() + STEP_MS).toISOString();
    assignment.lastModifiedAt = now.toISOString();
    assignment.version += 1;
    return { status: 204 };
  };
}

export function listOperations(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    const items = relationship.operations.map((op) =>
      operationView(op, own(relationship.accessAssignments, op.accessAssignmentId)),
    );
    return page(request, items, `${BASE}/delegatedAdminRelationships/${relationship.id}/operations`, "operations");
  };
}

export function getOperation(store: Store): Handler {
  return (request, context) => {
    const relationship = relationshipAt(store, request, context.clock.now());
    const id = request.params["operationId"] ?? "";
    const operation = relationship.operations.find((op) => op.id === id.toLowerCase());
    if (operation === undefined) throw graphNotFound(id);
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#operations/$entity`,
      ...operationView(operation, own(relationship.accessAssignments, operation.accessAssignmentId)),
    });
  };
}

// --- customers with relationships ---

export function listDelegatedAdminCustomers(store: Store): Handler {
  return (request) => {
    const partner = gdapPartner(store, request);
    const items = Object.values(partner.customers)
      .filter((customer) => Object.keys(customer.delegatedAdminRelationships ?? {}).length > 0)
      .map((customer) =>
        delegatedAdminCustomerView(
          customer,
          store.tenant(customer.id)?.companyName ?? customer.billingProfile.companyName,
        ),
      );
    return page(request, items, `${BASE}/delegatedAdminCustomers`, "delegatedAdminCustomers");
  };
}

export function getDelegatedAdminCustomer(store: Store): Handler {
  return (request) => {
    const partner = gdapPartner(store, request);
    const id = (request.params["customerTenantId"] ?? "").toLowerCase();
    const customer = own(partner.customers, id);
    if (customer === undefined || Object.keys(customer.delegatedAdminRelationships ?? {}).length === 0)
      throw graphNotFound(id);
    return ok({
      "@odata.context": `${request.origin}/graph/v1.0${BASE}/$metadata#delegatedAdminCustomers/$entity`,
      ...delegatedAdminCustomerView(customer, store.tenant(id)?.companyName ?? customer.billingProfile.companyName),
    });
  };
}

/** The customer's side (control API): approving the link, or ending the relationship from the admin centre. */
export function customerAction(
  store: Store,
  relationshipIdText: string,
  action: "approve" | "terminate",
  now: Date,
): unknown {
  const customerId = customerOfRelationship(relationshipIdText);
  const partner = Object.values(store.state.partners).find(
    (p) => customerId !== undefined && findRelationship(p, relationshipIdText) !== undefined,
  );
  const relationship = partner === undefined ? undefined : findRelationship(partner, relationshipIdText);
  if (relationship === undefined) throw graphNotFound(relationshipIdText);
  settleRelationship(relationship, now);
  const at = now.toISOString();
  if (action === "approve") {
    if (relationship.status !== "approvalPending")
      throw graphBadRequest(
        `Only a relationship awaiting approval can be approved; this one is ${relationship.status}.`,
      );
    relationship.status = "approved";
    relationship.approvedAt = at;
  } else {
    if (relationship.status !== "active" && relationship.status !== "approvalPending")
      throw graphBadRequest(`Only an active or pending relationship can be ended; this one is ${relationship.status}.`);
    relationship.status = "terminationRequested";
    relationship.terminationRequestedAt = at;
  }
  relationship.lastModifiedAt = at;
  relationship.version += 1;
  return relationshipView(relationship);
}
