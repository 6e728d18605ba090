// Customer users on Partner Center (Partner Center docs: user-resources), field names verbatim. Types only.
import type { Links, ResourceAttributes } from "./common.js";

export interface PasswordProfile {
  password: string;
  forceChangePassword: boolean;
}

export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  usageLocation?: string;
  immutableId?: string;
  passwordProfile?: PasswordProfile;
  phoneNumber?: string;
  lastDirectorySyncTime?: string | null;
  userDomainType: string;
  state: string;
  softDeletionTime?: string | null;
  links?: Links;
  attributes: ResourceAttributes;
}

export interface CustomerUserCreateRequest {
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  usageLocation?: string;
  immutableId?: string;
  passwordProfile: PasswordProfile;
  attributes?: ResourceAttributes;
}
