// Customer family: wire ↔ domain. Required fields are checked, so a renamed field fails here.
import { secretRegistry } from "../redact.js";
import type {
  Address,
  BillingProfile,
  CreatedCustomer,
  Customer,
  NewCustomer,
  NewQualification,
  Qualification,
} from "../types.js";
import { defined, obj, optArr, optBool, optObj, optStr, record, str, strings, type WireRecord } from "../wire-read.js";
import type * as Wire from "./customer.js";

function addressFromWire(wire: Wire.Address, context = "address"): Address {
  const source = record(wire, context);
  return defined({
    country: str(source, "country", context),
    region: optStr(source, "region", context),
    city: optStr(source, "city", context),
    state: optStr(source, "state", context),
    addressLine1: optStr(source, "addressLine1", context),
    addressLine2: optStr(source, "addressLine2", context),
    addressLine3: optStr(source, "addressLine3", context),
    postalCode: optStr(source, "postalCode", context),
    firstName: optStr(source, "firstName", context),
    middleName: optStr(source, "middleName", context),
    lastName: optStr(source, "lastName", context),
    phoneNumber: optStr(source, "phoneNumber", context),
  });
}

export function billingProfileFromWire(wire: Wire.BillingProfile): BillingProfile {
  const context = "billing profile";
  const source = record(wire, context);
  return defined({
    id: optStr(source, "id", context),
    firstName: optStr(source, "firstName", context),
    lastName: optStr(source, "lastName", context),
    email: str(source, "email", context),
    culture: str(source, "culture", context),
    language: str(source, "language", context),
    companyName: str(source, "companyName", context),
    address: addressFromWire(
      obj(source, "defaultAddress", context) as unknown as Wire.Address,
      `${context}.defaultAddress`,
    ),
    etag: optStr(optObj(source, "attributes", context) ?? {}, "etag", context),
  });
}

export function billingProfileToWire(profile: BillingProfile): Wire.BillingProfile {
  return defined({
    id: profile.id,
    firstName: profile.firstName,
    lastName: profile.lastName,
    email: profile.email,
    culture: profile.culture,
    language: profile.language,
    companyName: profile.companyName,
    defaultAddress: profile.address,
    attributes: defined({ objectType: "CustomerBillingProfile", etag: profile.etag }),
  });
}

export function customerFromWire(wire: Wire.Customer): Customer {
  const context = "customer";
  const source = record(wire, context);
  const company = obj(source, "companyProfile", context);
  const id = str(source, "id", context);
  const billing = optObj(source, "billingProfile", context);
  const customDomains =
    optArr(source, "customDomains", context) === undefined ? undefined : strings(source, "customDomains", context);
  return defined({
    id,
    tenantId: optStr(company, "tenantId", "customer.companyProfile") ?? id,
    domain: str(company, "domain", "customer.companyProfile"),
    companyName: optStr(company, "companyName", "customer.companyProfile"),
    relationship: str(source, "relationshipToPartner", context),
    customDomains,
    allowDelegatedAccess: optBool(source, "allowDelegatedAccess", context),
    associatedPartnerId: optStr(source, "associatedPartnerId", context),
    billingProfile:
      billing === undefined ? undefined : billingProfileFromWire(billing as unknown as Wire.BillingProfile),
  });
}

export function createdCustomerFromWire(wire: Wire.Customer): CreatedCustomer {
  const customer = customerFromWire(wire);
  const credentials = optObj(record(wire, "customer"), "userCredentials", "customer");
  if (credentials === undefined) return customer;
  const password = str(credentials, "password", "customer.userCredentials");
  secretRegistry.add(password);
  return {
    ...customer,
    adminCredentials: { userName: str(credentials, "userName", "customer.userCredentials"), password },
  };
}

export function newCustomerToWire(customer: NewCustomer): Wire.CustomerCreateRequest {
  return defined({
    enableGDAPByDefault: customer.enableGdapByDefault,
    associatedPartnerId: customer.associatedPartnerId,
    billingProfile: billingProfileToWire({ ...customer.billing, companyName: customer.billing.companyName }),
    companyProfile: defined({
      domain: customer.domain,
      companyName: customer.companyName,
      organizationRegistrationNumber: customer.organizationRegistrationNumber,
    }),
  });
}

function qualificationFromWire(wire: Wire.CustomerQualification): Qualification {
  const context = "qualification";
  const source: WireRecord = record(wire, context);
  return defined({
    qualification: str(source, "qualification", context),
    vettingStatus: optStr(source, "vettingStatus", context),
    vettingReason: optStr(source, "vettingReason", context),
    // The docs spell it both ways.
    vettingCreatedDate: optStr(source, "vettingCreatedDate", context) ?? optStr(source, "vettingCreateDate", context),
  });
}

export function qualificationsFromWire(wire: unknown): Qualification[] {
  if (!Array.isArray(wire))
    return [qualificationFromWire(record(wire, "qualifications") as unknown as Wire.CustomerQualification)];
  return wire.map((item) => qualificationFromWire(item as Wire.CustomerQualification));
}

export function newQualificationToWire(qualification: NewQualification): Wire.CustomerQualificationRequest {
  return defined({ ...qualification });
}

export function relationshipRequestUrlFromWire(wire: Wire.RelationshipRequest): string {
  return str(record(wire, "relationship request"), "url", "relationship request");
}
