// Microsoft Graph GDAP payloads, field names verbatim (Microsoft Graph docs: delegatedAdminRelationship,
// delegatedAdminAccessAssignment, delegatedAdminRelationshipOperation).

export interface UnifiedRole {
  roleDefinitionId: string;
}

/** @public The documented shape; the mappers read it field by field. */
export interface DelegatedAdminRelationship {
  id: string;
  displayName: string;
  duration: string;
  customer?: { tenantId?: string; displayName?: string };
  accessDetails: { unifiedRoles: UnifiedRole[] };
  status: string;
  autoExtendDuration?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  /** "" or absent until active. */
  activatedDateTime?: string | null;
  endDateTime?: string | null;
  "@odata.etag"?: string;
}

export interface DelegatedAdminRelationshipCreate {
  displayName: string;
  duration: string;
  customer: { tenantId: string };
  accessDetails: { unifiedRoles: UnifiedRole[] };
  autoExtendDuration: string;
}

export interface DelegatedAdminAccessAssignment {
  id: string;
  status: string;
  accessContainer: { accessContainerId: string; accessContainerType: "securityGroup" };
  accessDetails: { unifiedRoles: UnifiedRole[] };
  "@odata.etag"?: string;
}
