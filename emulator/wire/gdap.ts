// Microsoft Graph v1.0 GDAP shapes the emulator serves (Microsoft Graph docs: delegatedAdminRelationship,
// delegatedAdminRelationshipRequest, delegatedAdminAccessAssignment, delegatedAdminRelationshipOperation,
// delegatedAdminCustomer; samples-2 graph.delegatedadmin*.json).

export interface UnifiedRole {
  roleDefinitionId: string;
}

export interface DelegatedAdminAccessDetails {
  unifiedRoles: UnifiedRole[];
}

export interface DelegatedAdminRelationship {
  "@odata.type": "#microsoft.graph.delegatedAdminRelationship";
  "@odata.etag": string;
  id: string;
  displayName: string;
  duration: string;
  customer: { tenantId: string; displayName: string };
  accessDetails: DelegatedAdminAccessDetails;
  status: string;
  autoExtendDuration: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
}

export interface DelegatedAdminRelationshipRequest {
  "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest";
  id: string;
  action: string;
  status: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface DelegatedAdminAccessAssignment {
  "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment";
  "@odata.etag": string;
  id: string;
  status: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  accessContainer: { accessContainerId: string; accessContainerType: "securityGroup" };
  accessDetails: DelegatedAdminAccessDetails;
}

export interface DelegatedAdminRelationshipOperation {
  "@odata.type": "#microsoft.graph.delegatedAdminRelationshipOperation";
  "@odata.etag": string;
  id: string;
  operationType: string;
  /** A JSON snapshot of the access assignment, as a string. */
  data: string;
  status: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface DelegatedAdminCustomer {
  "@odata.type": "#microsoft.graph.delegatedAdminCustomer";
  "@odata.etag": string;
  id: string;
  tenantId: string;
  displayName: string;
}
