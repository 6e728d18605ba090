// GDAP relationships on the emulator clock (Microsoft Graph docs: delegatedAdminRelationship, the
// GDAP FAQ): created → lockForApproval → approvalPending → the customer approves → approved →
// activating → active → at its end either extended by 180 days (auto-extend) or expiring → expired;
// terminate → terminationRequested → terminating → terminated. An unapproved request expires after
// 90 days. Each transitional status, and each pending access-assignment change, lasts STEP_MS.
// Statuses are settled from the stored instants whenever a relationship is read, so the state needs
// no due work and reads the same after a restore.
import { randomUUID } from "node:crypto";
import { GLOBAL_ADMINISTRATOR, grants, roleTemplateId, type GdapOperation } from "../../core/entra-roles.js";
import type {
  CustomerRecord,
  GdapAccessAssignmentRecord,
  GdapRelationshipRecord,
  PartnerRecord,
} from "../store/state.js";
import { own } from "../store/memory-store.js";

export const STEP_MS = 30_000;
const DAY_MS = 86_400_000;
const APPROVAL_EXPIRY_DAYS = 90;
const AUTO_EXTEND_DAYS = 180;
export const MAX_DURATION_DAYS = 730;

/**
 * The security group the emulator's default relationships assign their roles to. The emulator has
 * no partner security groups: every partner user counts as a member of every group.
 */
const ADMIN_AGENTS_GROUP = "adadadad-0000-4000-8000-000000000000";

/**
 * The roles of the default GDAP relationship Partner Center gives a customer it creates (Microsoft's
 * default GDAP roles for new customers); the emulator also gives it to seeded and linked customers.
 */
const DEFAULT_ROLE_NAMES = [
  "Directory Readers",
  "Directory Writers",
  "License Administrator",
  "Service Support Administrator",
  "User Administrator",
  "Privileged Role Administrator",
  "Helpdesk Administrator",
  "Privileged Authentication Administrator",
];

/** `P{n}D` or `P{n}Y` in days; undefined when it is neither. */
export function durationDays(duration: string): number | undefined {
  const match = /^P(\d{1,4})([DY])$/.exec(duration);
  if (match === null) return undefined;
  return Number(match[1]) * (match[2] === "Y" ? 365 : 1);
}

export function relationshipId(customerTenantId: string): string {
  return `${randomUUID()}-${customerTenantId.toLowerCase()}`;
}

/** The customer tenant a relationship id names (its last 36 characters). */
export function customerOfRelationship(id: string): string | undefined {
  const match = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}-([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/i.exec(id);
  return match?.[1]?.toLowerCase();
}

export function findRelationship(partner: PartnerRecord, id: string): GdapRelationshipRecord | undefined {
  const customerId = customerOfRelationship(id);
  if (customerId === undefined) return undefined;
  const customer = own(partner.customers, customerId);
  return customer?.delegatedAdminRelationships === undefined
    ? undefined
    : own(customer.delegatedAdminRelationships, id.toLowerCase());
}

/** An active relationship with the default roles and one active assignment, as if approved long ago. */
function defaultRelationship(customerTenantId: string, companyName: string, now: Date): GdapRelationshipRecord {
  const at = now.toISOString();
  const roles = DEFAULT_ROLE_NAMES.map((name) => roleTemplateId(name)!);
  const assignment: GdapAccessAssignmentRecord = {
    id: randomUUID(),
    groupId: ADMIN_AGENTS_GROUP,
    roles,
    status: "active",
    createdAt: at,
    lastModifiedAt: at,
    settlesAt: at,
    version: 1,
  };
  return {
    id: relationshipId(customerTenantId),
    displayName: `Default_${companyName}`.slice(0, 50),
    duration: `P${MAX_DURATION_DAYS}D`,
    customerTenantId: customerTenantId.toLowerCase(),
    customerDisplayName: companyName,
    roles,
    autoExtendDuration: `P${AUTO_EXTEND_DAYS}D`,
    status: "active",
    createdAt: at,
    lastModifiedAt: at,
    approvedAt: at,
    activatedAt: at,
    endAt: new Date(now.getTime() + MAX_DURATION_DAYS * DAY_MS).toISOString(),
    requests: [],
    accessAssignments: { [assignment.id]: assignment },
    operations: [],
    version: 1,
  };
}

/** Gives `customer` the default relationship when it has none. */
export function addDefaultRelationship(customer: CustomerRecord, companyName: string, now: Date): void {
  if (
    customer.delegatedAdminRelationships !== undefined &&
    Object.keys(customer.delegatedAdminRelationships).length > 0
  )
    return;
  const relationship = defaultRelationship(customer.id, companyName, now);
  customer.delegatedAdminRelationships = { [relationship.id]: relationship };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Moves a relationship, its requests, assignments and operations to where the clock says they are. */
export function settleRelationship(relationship: GdapRelationshipRecord, now: Date): void {
  const at = now.getTime();
  const moveTo = (status: GdapRelationshipRecord["status"], whenMs: number): void => {
    relationship.status = status;
    relationship.lastModifiedAt = iso(whenMs);
    relationship.version += 1;
  };
  for (let guard = 0; guard < 10_000; guard += 1) {
    const r = relationship;
    if (r.status === "approvalPending" && r.lockedAt !== undefined) {
      const expiresAt = Date.parse(r.lockedAt) + APPROVAL_EXPIRY_DAYS * DAY_MS;
      if (at >= expiresAt) moveTo("expired", expiresAt);
      else break;
    } else if (r.status === "approved" && r.approvedAt !== undefined && at >= Date.parse(r.approvedAt) + STEP_MS) {
      moveTo("activating", Date.parse(r.approvedAt) + STEP_MS);
    } else if (
      r.status === "activating" &&
      r.approvedAt !== undefined &&
      at >= Date.parse(r.approvedAt) + 2 * STEP_MS
    ) {
      const activated = Date.parse(r.approvedAt) + 2 * STEP_MS;
      r.activatedAt = iso(activated);
      r.endAt = iso(activated + (durationDays(r.duration) ?? 0) * DAY_MS);
      moveTo("active", activated);
    } else if (r.status === "active" && r.endAt !== undefined && at >= Date.parse(r.endAt)) {
      const end = Date.parse(r.endAt);
      if (
        r.autoExtendDuration !== "PT0S" &&
        r.autoExtendDuration !== "P0D" &&
        !r.roles.includes(GLOBAL_ADMINISTRATOR)
      ) {
        r.endAt = iso(end + (durationDays(r.autoExtendDuration) ?? AUTO_EXTEND_DAYS) * DAY_MS);
        r.version += 1;
      } else moveTo("expiring", end);
    } else if (r.status === "expiring" && r.endAt !== undefined && at >= Date.parse(r.endAt) + STEP_MS) {
      moveTo("expired", Date.parse(r.endAt) + STEP_MS);
    } else if (r.status === "terminationRequested" && r.terminationRequestedAt !== undefined) {
      const next = Date.parse(r.terminationRequestedAt) + STEP_MS;
      if (at >= next) moveTo("terminating", next);
      else break;
    } else if (
      r.status === "terminating" &&
      r.terminationRequestedAt !== undefined &&
      at >= Date.parse(r.terminationRequestedAt) + 2 * STEP_MS
    ) {
      moveTo("terminated", Date.parse(r.terminationRequestedAt) + 2 * STEP_MS);
    } else break;
  }
  for (const request of relationship.requests) {
    if (request.status === "created" && at >= Date.parse(request.createdAt) + STEP_MS) {
      request.status = "succeeded";
      request.lastModifiedAt = iso(Date.parse(request.createdAt) + STEP_MS);
    }
  }
  for (const assignment of Object.values(relationship.accessAssignments)) settleAssignment(assignment, at);
  for (const operation of relationship.operations) {
    if (operation.status !== "succeeded" && at >= Date.parse(operation.settlesAt)) {
      operation.status = "succeeded";
      operation.lastModifiedAt = operation.settlesAt;
    } else if (operation.status === "notStarted") operation.status = "running";
  }
}

function settleAssignment(assignment: GdapAccessAssignmentRecord, at: number): void {
  if (at < Date.parse(assignment.settlesAt)) return;
  if (assignment.status === "pending") {
    if (assignment.pendingRoles !== undefined) assignment.roles = assignment.pendingRoles;
    delete assignment.pendingRoles;
    assignment.status = "active";
  } else if (assignment.status === "deleting") assignment.status = "deleted";
  else return;
  assignment.lastModifiedAt = assignment.settlesAt;
  assignment.version += 1;
}

/** The roles the partner holds in `customer` now: those of active assignments of active relationships. */
function effectiveRoles(customer: CustomerRecord, now: Date): Set<string> {
  const roles = new Set<string>();
  for (const relationship of Object.values(customer.delegatedAdminRelationships ?? {})) {
    settleRelationship(relationship, now);
    if (relationship.status !== "active") continue;
    for (const assignment of Object.values(relationship.accessAssignments)) {
      // An assignment being updated keeps its old roles until the update completes.
      if (assignment.status === "active" || (assignment.status === "pending" && assignment.pendingRoles !== undefined))
        for (const role of assignment.roles) roles.add(role);
    }
  }
  return roles;
}

/** True when the partner holds, in `customer`, a role that allows `operation`. */
export function mayPerform(customer: CustomerRecord, operation: GdapOperation, now: Date): boolean {
  return grants(effectiveRoles(customer, now), operation);
}
