// Customer, its profiles and qualifications (Partner Center docs: customer-resources), field names verbatim. Types only.
import type { Links, ResourceAttributes } from "./common.js";

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

export interface CompanyProfile {
  tenantId?: string;
  domain: string;
  companyName?: string;
  address?: Address;
  email?: string;
  organizationRegistrationNumber?: string;
  links?: Links;
  attributes?: ResourceAttributes;
}

export interface BillingProfile {
  id?: string;
  firstName?: string;
  lastName?: string;
  email: string;
  culture: string;
  language: string;
  companyName: string;
  defaultAddress: Address;
  links?: Links;
  attributes?: ResourceAttributes;
}

export type RelationshipToPartner = "none" | "reseller" | "advisor" | "syndication" | "microsoft_support";

export interface Customer {
  id: string;
  commerceId?: string;
  companyProfile: CompanyProfile;
  billingProfile?: BillingProfile;
  relationshipToPartner: RelationshipToPartner | string;
  allowDelegatedAccess?: boolean;
  userCredentials?: { userName: string; password: string };
  customDomains?: string[];
  associatedPartnerId?: string;
  enableGDAPByDefault?: boolean;
  links?: Links;
  attributes: ResourceAttributes;
}

/** POST /customers body (either casing on the wire; camelCase here). */
export interface CustomerCreateRequest {
  enableGDAPByDefault?: boolean;
  associatedPartnerId?: string;
  billingProfile: BillingProfile;
  companyProfile: CompanyProfile;
}

/** GET/POST /customers/{id}/qualifications: a bare array, not a Collection. */
export interface CustomerQualification {
  qualification: string;
  vettingStatus?: string;
  vettingReason?: string;
  vettingCreatedDate?: string;
  vettingCreateDate?: string;
}

export interface CustomerQualificationRequest {
  qualification: string;
  educationSegment?: string;
  website?: string;
  validationCode?: string;
}

export interface RelationshipRequest {
  url: string;
  attributes: ResourceAttributes;
}
