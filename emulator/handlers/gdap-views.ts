// GDAP records as Microsoft Graph writes them (samples-2 graph.delegatedadmin*.json).
import type {
  CustomerRecord,
  GdapAccessAssignmentRecord,
  GdapOperationRecord,
  GdapRelationshipRecord,
  GdapRequestRecord,
} from "../store/state.js";
import type {
  DelegatedAdminAccessAssignment,
  DelegatedAdminCustomer,
  DelegatedAdminRelationship,
  DelegatedAdminRelationshipOperation,
  DelegatedAdminRelationshipRequest,
} from "../wire/gdap.js";

/** A weak ETag that changes with every change of the record. */
export function gdapEtag(id: string, version: number): string {
  return `W/"${Buffer.from(`"${id}:${version}"`).toString("base64")}"`;
}

const roles = (ids: string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });

export function relationshipView(record: GdapRelationshipRecord): DelegatedAdminRelationship {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
    "@odata.etag": gdapEtag(record.id, record.version),
    id: record.id,
    displayName: record.displayName,
    duration: record.duration,
    customer: { tenantId: record.customerTenantId, displayName: record.customerDisplayName },
    accessDetails: roles(record.roles),
    status: record.status,
    autoExtendDuration: record.autoExtendDuration,
    createdDateTime: record.createdAt,
    lastModifiedDateTime: record.lastModifiedAt,
    activatedDateTime: record.activatedAt ?? null,
    endDateTime: record.endAt ?? null,
  };
}

export function requestView(record: GdapRequestRecord): DelegatedAdminRelationshipRequest {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest",
    id: record.id,
    action: record.action,
    status: record.status,
    createdDateTime: record.createdAt,
    lastModifiedDateTime: record.lastModifiedAt,
  };
}

export function assignmentView(record: GdapAccessAssignmentRecord): DelegatedAdminAccessAssignment {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment",
    "@odata.etag": gdapEtag(record.id, record.version),
    id: record.id,
    status: record.status,
    createdDateTime: record.createdAt,
    lastModifiedDateTime: record.lastModifiedAt,
    accessContainer: { accessContainerId: record.groupId, accessContainerType: "securityGroup" },
    accessDetails: roles(record.roles),
  };
}

export function operationView(
  record: GdapOperationRecord,
  assignment: GdapAccessAssignmentRecord | undefined,
): DelegatedAdminRelationshipOperation {
  const snapshot =
    assignment === undefined
      ? { id: record.accessAssignmentId }
      : {
          id: assignment.id,
          accessContainer: { accessContainerId: assignment.groupId, accessContainerType: "securityGroup" },
          accessDetails: roles(assignment.pendingRoles ?? assignment.roles),
          status: assignment.status,
        };
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationshipOperation",
    "@odata.etag": gdapEtag(record.id, record.status === "succeeded" ? 2 : 1),
    id: record.id,
    operationType: record.operationType,
    data: JSON.stringify(snapshot),
    status: record.status,
    createdDateTime: record.createdAt,
    lastModifiedDateTime: record.lastModifiedAt,
  };
}

export function delegatedAdminCustomerView(customer: CustomerRecord, displayName: string): DelegatedAdminCustomer {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminCustomer",
    "@odata.etag": gdapEtag(customer.id, 1),
    id: customer.id,
    tenantId: customer.id,
    displayName,
  };
}
