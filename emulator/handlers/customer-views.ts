// Customer records → Partner Center's wire shapes (samples customer.*.json, customers.list*.json).
import { createHash } from "node:crypto";
import type {
  Address,
  CustomerBillingProfile as BillingProfile,
  CustomerCompanyProfile as CompanyProfile,
  Customer,
} from "../wire/customer.js";
import type { AddressRecord, BillingProfileRecord, CustomerRecord, TenantRecord } from "../store/state.js";
import { selfLinks } from "./shared.js";

/** Billing profile ETags are signed 64-bit integers as strings (Partner Center docs: update-a-customer-s-billing-profile). */
export function billingProfileEtag(profile: BillingProfileRecord): string {
  const digest = createHash("sha256").update(`${profile.id}:${profile.version}`).digest();
  return digest.readBigInt64BE(0).toString();
}

function addressView(address: AddressRecord): Address {
  return { ...address };
}

export function billingProfileView(customer: CustomerRecord): BillingProfile {
  const profile = customer.billingProfile;
  return {
    id: profile.id,
    ...(profile.firstName === undefined ? {} : { firstName: profile.firstName }),
    ...(profile.lastName === undefined ? {} : { lastName: profile.lastName }),
    email: profile.email,
    culture: profile.culture,
    language: profile.language,
    companyName: profile.companyName,
    defaultAddress: addressView(profile.defaultAddress),
    links: selfLinks(`/customers/${customer.id}/profiles/billing`),
    attributes: { etag: billingProfileEtag(profile), objectType: "CustomerBillingProfile" },
  };
}

export function companyProfileView(customer: CustomerRecord, tenant: TenantRecord, detail: boolean): CompanyProfile {
  return {
    tenantId: tenant.tenantId,
    domain: tenant.defaultDomain,
    companyName: tenant.companyName,
    ...(detail && customer.companyAddress !== undefined ? { address: addressView(customer.companyAddress) } : {}),
    ...(detail && customer.companyEmail !== undefined ? { email: customer.companyEmail } : {}),
    ...(detail && customer.organizationRegistrationNumber !== undefined
      ? { organizationRegistrationNumber: customer.organizationRegistrationNumber }
      : {}),
    links: selfLinks(`/customers/${customer.id}/profiles/company`),
    attributes: { objectType: "CustomerCompanyProfile" },
  };
}

/** List items carry no billing profile (Partner Center docs: get-a-list-of-customers). */
export function customerListItemView(customer: CustomerRecord, tenant: TenantRecord): Customer {
  return {
    id: customer.id,
    companyProfile: companyProfileView(customer, tenant, false),
    relationshipToPartner: customer.relationshipToPartner,
    links: selfLinks(`/customers/${customer.id}`),
    attributes: { objectType: "Customer" },
  };
}

export function customerView(customer: CustomerRecord, tenant: TenantRecord): Customer {
  return {
    id: customer.id,
    commerceId: customer.commerceId,
    companyProfile: companyProfileView(customer, tenant, true),
    billingProfile: billingProfileView(customer),
    relationshipToPartner: customer.relationshipToPartner,
    allowDelegatedAccess: true,
    customDomains: [...tenant.domains],
    ...(customer.associatedPartnerId === undefined ? {} : { associatedPartnerId: customer.associatedPartnerId }),
    links: selfLinks(`/customers/${customer.id}`),
    attributes: { objectType: "Customer" },
  };
}
