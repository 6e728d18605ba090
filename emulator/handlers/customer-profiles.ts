// Billing profile (GET, PUT with If-Match), company profile, qualifications, domain availability and
// the reseller relationship request (Partner Center docs: customer-resources).
import type { CustomerQualification, RelationshipRequest } from "../wire/customer.js";
import { etagNoLongerValid, ifMatchRequired, invalidInput, qualificationNotSettable } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import { isDomainTaken } from "../rules/domains.js";
import { invitationFor } from "../rules/invitations.js";
import { wireTimestamp } from "../rules/terms.js";
import type { Store } from "../store/memory-store.js";
import type { QualificationRecord } from "../store/state.js";
import { bodyObject, optionalText, requiredString } from "./body.js";
import { readAddress } from "./customer-create.js";
import { billingProfileEtag, billingProfileView, companyProfileView } from "./customer-views.js";
import { callingPartner, created, customerScope, ifMatch, ok } from "./shared.js";

export function getBillingProfile(store: Store): Handler {
  return (request) => ok(billingProfileView(customerScope(store, request).customer));
}

/** The full resource replaces the profile; If-Match must carry the current ETag. */
export function putBillingProfile(store: Store): Handler {
  return (request) => {
    const { customer } = customerScope(store, request);
    const etag = ifMatch(request);
    if (etag === undefined) throw ifMatchRequired();
    if (etag !== billingProfileEtag(customer.billingProfile)) throw etagNoLongerValid();
    const body = bodyObject(request.body);
    const profile = customer.billingProfile;
    const firstName = optionalText(body, "firstName");
    const lastName = optionalText(body, "lastName");
    customer.billingProfile = {
      id: profile.id,
      ...(firstName === undefined ? {} : { firstName }),
      ...(lastName === undefined ? {} : { lastName }),
      email: requiredString(body, "email"),
      culture: requiredString(body, "culture"),
      language: requiredString(body, "language"),
      companyName: requiredString(body, "companyName"),
      defaultAddress: readAddress(body["defaultAddress"] as Record<string, unknown> | undefined, "defaultAddress."),
      version: profile.version + 1,
    };
    return ok(billingProfileView(customer));
  };
}

export function getCompanyProfile(store: Store): Handler {
  return (request) => {
    const { customer, tenant } = customerScope(store, request);
    return ok(companyProfileView(customer, tenant, true));
  };
}

export function getQualifications(store: Store): Handler {
  return (request) => ok(customerScope(store, request).customer.qualifications.map(qualificationView));
}

const SETTABLE = new Map([
  ["education", "Education"],
  ["governmentcommunitycloud", "GovernmentCommunityCloud"],
  ["stateownedentity", "StateOwnedEntity"],
]);

/** NCE-RULES R-CUS-1: Education (with segment), GCC (with validation code), StateOwnedEntity; never Nonprofit or None. */
export function postQualification(store: Store): Handler {
  return (request, context) => {
    const { customer } = customerScope(store, request);
    const body = bodyObject(request.body);
    const requested = requiredString(body, "qualification");
    const qualification = SETTABLE.get(requested.toLowerCase());
    if (qualification === undefined) throw qualificationNotSettable(requested);
    const record: QualificationRecord = {
      qualification,
      vettingStatus: "InReview",
      vettingCreatedDate: context.clock.now().toISOString(),
    };
    if (qualification === "Education") {
      const segment = requiredString(body, "educationSegment");
      if (!["k12", "highereducation"].includes(segment.toLowerCase()))
        throw invalidInput("educationSegment must be K12 or HigherEducation.");
      record.educationSegment = segment;
      const website = optionalText(body, "website");
      if (website !== undefined) record.website = website;
    }
    if (qualification === "GovernmentCommunityCloud") requiredString(body, "validationCode");
    customer.qualifications = customer.qualifications.filter((q) => q.qualification !== qualification).concat(record);
    // The create answer spells the date `vettingCreateDate` (Microsoft's sample); GET spells it `vettingCreatedDate`.
    const answer: CustomerQualification = {
      qualification,
      vettingStatus: "InReview",
      vettingCreateDate: wireTimestamp(record.vettingCreatedDate!),
    };
    return created(answer);
  };
}

function qualificationView(record: QualificationRecord): CustomerQualification {
  return {
    qualification: record.qualification,
    ...(record.vettingStatus === undefined ? {} : { vettingStatus: record.vettingStatus }),
    ...(record.vettingReason === undefined ? {} : { vettingReason: record.vettingReason }),
    ...(record.vettingCreatedDate === undefined
      ? {}
      : { vettingCreatedDate: wireTimestamp(record.vettingCreatedDate) }),
  };
}

/** HEAD /domains/{domain}: 200 = taken anywhere, 404 = free (R-DOM-1). Empty bodies either way. */
export function headDomain(store: Store): Handler {
  return (request) => ({ status: isDomainTaken(store.state, request.params["domain"] ?? "") ? 200 : 404 });
}

export function getRelationshipRequest(store: Store): Handler {
  return (request, context) => {
    const partner = callingPartner(store, request);
    const invitation = invitationFor(store, partner, context.clock.now());
    const answer: RelationshipRequest = {
      url: `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${partner.tenantId}&msppId=0&DAP=false&invitationId=${invitation.id}#/BillingAccounts/partner-invitation`,
      attributes: { objectType: "RelationshipRequest" },
    };
    return ok(answer);
  };
}
