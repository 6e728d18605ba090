// GDAP wire ↔ domain (client/gdap.ts holds the domain types).
import type { GdapAccessAssignment, GdapRelationship, GdapRelationshipRequest } from "../gdap.js";
import { arr, defined, obj, optObj, optStr, optTimestamp, record, str } from "../wire-read.js";
import type * as Wire from "./gdap.js";

function roleIds(source: Record<string, unknown>, context: string): string[] {
  return arr(obj(source, "accessDetails", context), "unifiedRoles", context).map((role) =>
    str(record(role, context), "roleDefinitionId", context).toLowerCase(),
  );
}

export function delegatedAdminRelationshipFromWire(wire: unknown): GdapRelationship {
  const context = "delegatedAdminRelationship";
  const source = record(wire, context);
  const customer = optObj(source, "customer", context);
  return defined({
    id: str(source, "id", context),
    displayName: str(source, "displayName", context),
    status: str(source, "status", context),
    duration: str(source, "duration", context),
    roles: roleIds(source, context),
    autoExtendDuration: optStr(source, "autoExtendDuration", context) ?? "PT0S",
    customerTenantId: customer === undefined ? undefined : optStr(customer, "tenantId", context)?.toLowerCase(),
    activatedAt: optTimestamp(source, "activatedDateTime", context),
    endsAt: optTimestamp(source, "endDateTime", context),
    etag: optStr(source, "@odata.etag", context),
  });
}

export function delegatedAdminAccessAssignmentFromWire(wire: unknown): GdapAccessAssignment {
  const context = "delegatedAdminAccessAssignment";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    status: str(source, "status", context),
    groupId: str(obj(source, "accessContainer", context), "accessContainerId", context).toLowerCase(),
    roles: roleIds(source, context),
    etag: optStr(source, "@odata.etag", context),
  });
}

export function delegatedAdminRequestFromWire(wire: unknown): GdapRelationshipRequest {
  const context = "delegatedAdminRelationshipRequest";
  const source = record(wire, context);
  return {
    id: str(source, "id", context),
    action: str(source, "action", context),
    status: str(source, "status", context),
  };
}

export const unifiedRolesToWire = (roles: readonly string[]): { unifiedRoles: Wire.UnifiedRole[] } => ({
  unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })),
});
