// POST /customers (Partner Center docs: create-a-customer): creates the tenant with its initial domain and admin user, and the
// customer with billing and company profile; the admin's password is returned once, never stored.
import { randomUUID } from "node:crypto";
import { addDefaultRelationship } from "../rules/gdap.js";
import type { Customer } from "../wire/customer.js";
import { domainAlreadyTaken, invalidInput } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import { domainPrefixProblem, initialDomain, isDomainTaken } from "../rules/domains.js";
import type { Store } from "../store/memory-store.js";
import { newInitialPassword, newTenant } from "../store/records.js";
import type { AddressRecord, CustomerRecord } from "../store/state.js";
import { bodyObject, optionalFlag, optionalObject, optionalText, requiredString, type Body } from "./body.js";
import { billingProfileView } from "./customer-views.js";
import { callingPartner, created } from "./shared.js";

export function createCustomer(store: Store): Handler {
  return (request, context) => {
    const partner = callingPartner(store, request);
    const body = bodyObject(request.body);
    const billing = optionalObject(body, "billingProfile");
    const company = optionalObject(body, "companyProfile");
    if (billing === undefined) throw invalidInput("billingProfile is required.");
    if (company === undefined) throw invalidInput("companyProfile is required.");
    const address = readAddress(optionalObject(billing, "defaultAddress"), "billingProfile.defaultAddress.");
    const domain = initialDomain(requiredString(company, "domain", "companyProfile."));
    const problem = domainPrefixProblem(domain);
    if (problem !== undefined) throw invalidInput(problem);
    // R-DOM-1: global uniqueness, across every partner's customers and every other tenant.
    if (isDomainTaken(store.state, domain)) throw domainAlreadyTaken(domain);

    const now = context.clock.now();
    const companyName = requiredString(billing, "companyName", "billingProfile.");
    const tenant = newTenant({ companyName, domain, createdAt: now });
    const password = newInitialPassword();
    const adminId = randomUUID();
    tenant.users[adminId] = {
      id: adminId,
      userPrincipalName: `admin@${domain}`,
      displayName: "admin",
      usageLocation: address.country,
      accountEnabled: true,
      state: "active",
      assignedLicenses: [],
      createdAt: now.toISOString(),
    };
    const associatedPartnerId = optionalText(body, "associatedPartnerId");
    const registration = optionalText(company, "organizationRegistrationNumber");
    const customer: CustomerRecord = {
      id: tenant.tenantId,
      commerceId: randomUUID(),
      relationshipToPartner: "reseller",
      ...(associatedPartnerId === undefined ? {} : { associatedPartnerId }),
      enableGDAPByDefault: optionalFlag(body, "enableGDAPByDefault") ?? false,
      billingProfile: {
        id: randomUUID(),
        ...optionalNames(billing),
        email: requiredString(billing, "email", "billingProfile."),
        culture: requiredString(billing, "culture", "billingProfile."),
        language: requiredString(billing, "language", "billingProfile."),
        companyName,
        defaultAddress: address,
        version: 1,
      },
      ...(registration === undefined ? {} : { organizationRegistrationNumber: registration }),
      qualifications: [],
      createdAt: now.toISOString(),
      createdThroughApi: true,
    };
    store.state.tenants[tenant.tenantId] = tenant;
    partner.customers[customer.id] = customer;
    // Partner Center gives a customer it creates the default GDAP relationship unless the partner opts out.
    if (optionalFlag(body, "enableGDAPByDefault") !== false) addDefaultRelationship(customer, companyName, now);

    const answer: Customer = {
      id: customer.id,
      commerceId: customer.commerceId,
      companyProfile: {
        tenantId: tenant.tenantId,
        domain: tenant.defaultDomain,
        attributes: { objectType: "CustomerCompanyProfile" },
      },
      billingProfile: billingProfileView(customer),
      enableGDAPByDefault: customer.enableGDAPByDefault,
      relationshipToPartner: customer.relationshipToPartner,
      ...(associatedPartnerId === undefined ? {} : { associatedPartnerId }),
      userCredentials: { userName: "admin", password },
      attributes: { objectType: "Customer" },
    };
    return created(answer);
  };
}

function optionalNames(billing: Body): { firstName?: string; lastName?: string } {
  const firstName = optionalText(billing, "firstName");
  const lastName = optionalText(billing, "lastName");
  return { ...(firstName === undefined ? {} : { firstName }), ...(lastName === undefined ? {} : { lastName }) };
}

const ADDRESS_FIELDS = [
  "region",
  "city",
  "state",
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "postalCode",
  "firstName",
  "middleName",
  "lastName",
  "phoneNumber",
] as const;

export function readAddress(input: Body | undefined, where: string): AddressRecord {
  if (input === undefined) throw invalidInput(`${where.slice(0, -1)} is required.`);
  const country = requiredString(input, "country", where).toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw invalidInput(`${where}country must be a two-letter ISO country code.`);
  const address: AddressRecord = { country };
  for (const field of ADDRESS_FIELDS) {
    const value = optionalText(input, field);
    if (value !== undefined) address[field] = value;
  }
  if (address.addressLine1 === undefined || address.addressLine1.length === 0)
    throw invalidInput(`${where}addressLine1 is required.`);
  return address;
}
