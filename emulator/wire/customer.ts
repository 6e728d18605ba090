// Customer, company profile, billing profile, qualifications and relationship requests (Partner Center docs: customer-resources).
import type { Links, ResourceAttributes } from "./common.js";

/** `defaultAddress` and `companyProfile.address` (Partner Center docs: customer-resources). */
export interface Address {
  country: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  postalCode?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  phoneNumber?: string;
}

export interface CustomerCompanyProfile {
  tenantId: string;
  domain: string;
  companyName?: string;
  address?: Address;
  email?: string;
  organizationRegistrationNumber?: string;
  links?: Links;
  attributes: ResourceAttributes;
}

export interface CustomerBillingProfile {
  id: string;
  firstName?: string;
  lastName?: string;
  email: string;
  culture: string;
  language: string;
  companyName: string;
  defaultAddress: Address;
  links?: Links;
  attributes: ResourceAttributes;
}

export type RelationshipToPartner = "none" | "reseller" | "advisor" | "syndication" | "microsoft_support";

export interface Customer {
  id: string;
  commerceId?: string;
  companyProfile: CustomerCompanyProfile;
  billingProfile?: CustomerBillingProfile;
  relationshipToPartner: RelationshipToPartner | string;
  /** Get-by-id only. */
  allowDelegatedAccess?: boolean;
  /** The create answer only: the new tenant's first admin. */
  userCredentials?: { userName: string; password: string };
  customDomains?: string[];
  associatedPartnerId?: string;
  enableGDAPByDefault?: boolean;
  links?: Links;
  attributes: ResourceAttributes;
}

/** GET answers `vettingCreatedDate`; Microsoft's POST sample spells it `vettingCreateDate`. */
export interface CustomerQualification {
  qualification: string;
  vettingStatus?: string;
  vettingReason?: string;
  vettingCreatedDate?: string;
  vettingCreateDate?: string;
}

export interface RelationshipRequest {
  url: string;
  attributes: ResourceAttributes;
}
