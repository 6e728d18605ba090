// Partner Center CustomerUser (Partner Center docs: user-resources; samples user.get, users.list).
import type { Links, ResourceAttributes } from "./common.js";

export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  usageLocation?: string;
  immutableId?: string;
  passwordProfile?: { password: string; forceChangePassword: boolean };
  phoneNumber?: string;
  lastDirectorySyncTime?: string;
  /** `none`, `managed` or `federated`. */
  userDomainType: string;
  /** `active` or `inactive` (soft-deleted). */
  state: string;
  softDeletionTime?: string;
  links: Links;
  attributes: ResourceAttributes;
}
