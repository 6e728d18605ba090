// Partner Center's activity log (Partner Center docs: auditing-resources,
// get-a-record-of-partner-center-activity-by-user), field names verbatim. Types only.
import type { ResourceAttributes } from "./common.js";

export interface AuditKeyValue {
  key: string;
  value: string | null;
}

/** Every field but the operation, its resource type and date may be absent (Partner Center omits empty ones). */
export interface AuditRecord {
  id?: string;
  partnerId?: string;
  participants?: string[];
  customerId?: string;
  customerName?: string;
  userPrincipalName?: string;
  /** A GUID, or a name such as "Partner Center Native App" or "FulfillmentService". */
  applicationId?: string;
  resourceType: string;
  /** JSON text of the resource in PascalCase. */
  resourceOldValue?: string;
  resourceNewValue?: string;
  /** About 80 documented values; new ones appear without notice. */
  operationType: string;
  originalCorrelationId?: string;
  operationDate: string;
  /** `succeeded`, `failed` or `progress`. */
  operationStatus?: string;
  customizedData?: AuditKeyValue[];
  attributes?: ResourceAttributes;
}
