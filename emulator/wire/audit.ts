// Partner Center's AuditRecord (Partner Center docs: auditing-resources, get-a-record-of-partner-center-activity-by-user),
// as the emulator writes it. Field names are Microsoft's, verbatim; fields without a value are
// omitted, as Partner Center omits them (no customerName on partner-level records).

/** `{key, value}` detail of an operation (`OrderId`, `Quantity-0`, `CustomerUserId`, …); value may be null. */
export interface AuditKeyValue {
  key: string;
  value: string | null;
}

export interface AuditRecord {
  /** `{partnerId}_{customerId}_{objectId}_{operationtype without underscores}_{ticks}`. */
  id?: string;
  partnerId: string;
  participants?: string[];
  customerId?: string;
  customerName?: string;
  userPrincipalName?: string;
  /** A GUID, or a name such as `Partner Center Native App` or `FulfillmentService`. */
  applicationId?: string;
  resourceType: string;
  /** The resource before the operation: a JSON string in PascalCase. */
  resourceOldValue?: string;
  /** The resource after the operation: a JSON string in PascalCase. */
  resourceNewValue?: string;
  operationType: string;
  /** The MS-CorrelationId of the call that made the change. */
  originalCorrelationId?: string;
  operationDate: string;
  /** `succeeded`, `failed` or `progress`. */
  operationStatus: string;
  customizedData: AuditKeyValue[];
  attributes: { objectType: string };
}
