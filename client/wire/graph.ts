// Microsoft Graph payloads, from @microsoft/microsoft-graph-types (types only).
import type { SubscribedSku as GraphSubscribedSku, User } from "@microsoft/microsoft-graph-types";

export type { GraphSubscribedSku, User as GraphUser };

/** A Graph collection page: `value` plus `@odata.nextLink` while more pages exist. */
export interface GraphCollection<T> {
  "@odata.context"?: string;
  "@odata.nextLink"?: string;
  value: T[];
}

/** A user a delta round reports as deleted: reason "changed" (restorable for 30 days) or "deleted" (purged). */
export interface GraphRemovedItem {
  id: string;
  "@removed": { reason?: string };
}

/** A page of GET /users/delta: users (and removed ones), then `@odata.nextLink`, or `@odata.deltaLink` on the last page. */
export interface GraphUserDeltaPage {
  "@odata.context"?: string;
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
  value: Array<User | GraphRemovedItem>;
}

export interface AssignLicenseRequest {
  addLicenses: { skuId: string; disabledPlans?: string[] }[];
  removeLicenses: string[];
}

/** A domain of the tenant (Graph `domain`; List domains answers a collection of them). */
export interface GraphDomain {
  id: string;
  authenticationType?: string;
  availabilityStatus?: string | null;
  isAdminManaged?: boolean;
  isDefault?: boolean;
  isInitial?: boolean;
  isRoot?: boolean;
  isVerified?: boolean;
  supportedServices?: string[];
}

/** An application's service principal in a tenant (Graph `servicePrincipal`; only the fields cspctl reads). */
export interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName?: string | null;
}

/** Delegated permissions of a client service principal on a resource (Graph `oAuth2PermissionGrant`). */
export interface GraphPermissionGrant {
  id: string;
  clientId: string;
  consentType: string;
  principalId: string | null;
  resourceId: string;
  /** Space-separated delegated permission names. */
  scope: string;
}
