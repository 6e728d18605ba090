// What Partner Center and Graph say now, normalised: no wire shapes, no Microsoft casing.
// Produced by readActual(); consumed by the pure planner.

export type SubscriptionStatus = "active" | "suspended" | "pending" | "expired" | "disabled" | "deleted";

export interface RefundableBatch {
  quantity: number;
  allowedUntil: string;
}

export interface ActualSubscription {
  id: string;
  /** NCE productId:skuId. */
  offerId: string;
  quantity: number;
  term: "P1M" | "P1Y" | "P3Y";
  billing: "monthly" | "annual" | "triennial" | "none";
  autoRenew: boolean;
  status: SubscriptionStatus;
  friendlyName: string | null;
  poNumber: string | null;
  parentSubscriptionId: string | null;
  isTrial: boolean;
  termEndDate: string | null;
  /** Seats that may still be removed, and until when (Partner Center's refundableQuantity). */
  refundableQuantity: number;
  refundableBatches: RefundableBatch[];
  /** Partner Center's cancellationAllowedUntilDate; null when cancellation is no longer offered. */
  cancellationAllowedUntil: string | null;
  scheduledNextTerm: { quantity?: number; term?: string; billing?: string } | null;
  /** Set on a subscription still being provisioned (status "pending"): the order that will create it. */
  orderId?: string;
  /** When it was bought: Partner Center's creationDate (the order's, while it provisions). Tells a duplicate from the original. */
  purchasedAt?: string;
  /** Set on a suspended subscription that says why (Partner Center's suspensionReasons). */
  suspensionReasons?: string[];
}

/** A licence SKU present in the tenant, from any channel (Partner Center subscribedskus / Graph). */
export interface ActualSubscribedSku {
  skuId: string;
  skuPartNumber: string;
  activeUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
}

export interface ActualLicense {
  skuId: string;
  /** Service plan ids disabled for this user. */
  disabledPlans: string[];
}

export interface ActualUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  usageLocation: string | null;
  enabled: boolean;
  licenses: ActualLicense[];
}

/** A part of the estate that could not be read. It is reported, and never planned for. */
export interface UnknownRead {
  address: string;
  cause: string;
}

export interface ActualCustomer {
  id: string;
  domain: string;
  companyName: string;
  billing: {
    email: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    culture: string | null;
    language: string | null;
    /** The billing profile's defaultAddress, in the estate's names; a linked tenant's may hold only a country. */
    address?: ActualAddress;
  } | null;
  qualifications: string[];
  /** What each declared subscription's `promotion:` gets, by subscription name (read only when one declares it). */
  promotions?: Record<string, PromotionVerdict>;
  /** The tenant's verified domains (Graph), read only when a declared user is outside the initial domain. */
  verifiedDomains?: string[];
  /** null when the list could not be read (see ActualEstate.unknown). */
  subscriptions: ActualSubscription[] | null;
  subscribedSkus: ActualSubscribedSku[] | null;
  users: ActualUser[] | null;
  /** The customer's GDAP relationships (read only when the customer declares access.gdap); null when unreadable. */
  gdap?: ActualGdapRelationship[] | null;
  /** The declared applications' consents in the tenant (read only when the customer declares access.consents); null when unreadable. */
  consents?: ActualConsent[] | null;
}

/** An application consented in the customer tenant: its tenant-wide delegated permissions per resource application. */
export interface ActualConsent {
  applicationId: string;
  /** `resource`: the resource's application id; scopes sorted. */
  grants: { resource: string; scopes: string[] }[];
}

/** A GDAP relationship (Graph delegatedAdminRelationship), roles as template ids in lower case. */
export interface ActualGdapRelationship {
  id: string;
  displayName: string;
  /** Graph's status: created, approvalPending, active, expiring, expired, terminated, … */
  status: string;
  roles: string[];
  autoExtend: boolean;
  endsAt: string | null;
  /** Read only for an active relationship. */
  accessAssignments: { id: string; group: string; roles: string[]; status: string }[];
}

/** Partner Center's eligibility answer for one declared purchase's promotion. */
export type PromotionVerdict =
  | { eligible: true; promotionId: string; discount: number }
  /** `reasons`: Microsoft's error types with their descriptions (SeatCount, Term, OfferPurchasedPreviously, …). */
  | { eligible: false; promotionId?: string; reasons: string[] };

/** An existing tenant invited through a reseller-relationship request that has not accepted yet. */
export interface PendingInvitation {
  domain: string;
  tenantId: string | null;
  url: string;
}

export interface ActualEstate {
  /** When the read finished, by the service's clock where known. */
  readAt: string;
  customers: ActualCustomer[];
  unknown: UnknownRead[];
  invitations: PendingInvitation[];
  /** Initial domains of declared new tenants that Partner Center says another tenant holds. */
  takenDomains?: string[];
  /**
   * The application (client) id cspctl signs in with, when a declared customer has access.consents:
   * Partner Center grants consent only to the application of the calling token.
   */
  signedInApplication?: string;
}

/** A postal address as the estate names its fields (Partner Center's addressLine1 is `line1`). */
export interface ActualAddress {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country: string;
}
