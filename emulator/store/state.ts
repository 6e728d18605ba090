// The emulator's whole state as plain JSON: snapshot/restore is JSON.stringify/parse, nothing else.
// Commerce data (customers, carts, orders, subscriptions) is keyed by partner tenant; directory data
// (domains, users, licences, SKUs bought through other channels) belongs to the tenant itself,
// because one customer tenant can work with several partners (NCE-RULES R-CUS-4).
import type { LinePricingRecord } from "../billing/line-pricing.js";
import type { BillingCycle, TermDuration } from "../../core/catalog.js";
import type { AuditRecord } from "../wire/audit.js";

export const STATE_VERSION = 1;

export interface EmulatorState {
  version: number;
  partners: Record<string, PartnerRecord>;
  tenants: Record<string, TenantRecord>;
  invitations: Record<string, InvitationRecord>;
  /** Partner Center's activity log, oldest first; only ever appended to (absent in states saved before it existed). */
  auditRecords: AuditRecord[];
}

export interface PartnerRecord {
  tenantId: string;
  name: string;
  mpnId: string;
  applications: ApplicationRecord[];
  users: PartnerUserRecord[];
  customers: Record<string, CustomerRecord>;
  carts: Record<string, CartRecord>;
  orders: Record<string, OrderRecord>;
  subscriptions: Record<string, SubscriptionRecord>;
}

export interface ApplicationRecord {
  clientId: string;
  clientSecrets: string[];
  certificates: string[];
}

export interface PartnerUserRecord {
  objectId: string;
  userPrincipalName: string;
  refreshTokens: string[];
}

export interface AddressRecord {
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

export interface BillingProfileRecord {
  id: string;
  firstName?: string;
  lastName?: string;
  email: string;
  culture: string;
  language: string;
  companyName: string;
  defaultAddress: AddressRecord;
  /** Incremented on every change; the ETag is derived from it. */
  version: number;
}

export interface QualificationRecord {
  qualification: string;
  vettingStatus?: string;
  vettingReason?: string;
  vettingCreatedDate?: string;
  educationSegment?: string;
  website?: string;
}

export interface CustomerRecord {
  /** = the customer's tenant id. */
  id: string;
  commerceId: string;
  relationshipToPartner: "reseller" | "advisor" | "none";
  associatedPartnerId?: string;
  enableGDAPByDefault: boolean;
  billingProfile: BillingProfileRecord;
  companyEmail?: string;
  companyAddress?: AddressRecord;
  organizationRegistrationNumber?: string;
  qualifications: QualificationRecord[];
  /** When the partner relationship began (slow start counts from here). */
  createdAt: string;
  /** True for customers created through POST /customers; only those are subject to slow start. */
  createdThroughApi: boolean;
  /** GDAP relationships with this customer, by id (absent in state saved before GDAP was emulated: none). */
  delegatedAdminRelationships?: Record<string, GdapRelationshipRecord>;
  /** Multi-tenant application consents granted through Partner Center, by application id. */
  applicationConsents?: Record<string, ApplicationConsentRecord>;
}

export interface TenantRecord {
  tenantId: string;
  companyName: string;
  /** The `*.onmicrosoft.com` initial domain. */
  defaultDomain: string;
  domains: string[];
  users: Record<string, DirectoryUserRecord>;
  /** Licences this tenant owns through other channels (other partners, direct, EA). */
  otherChannelSkus: OtherChannelSkuRecord[];
  createdAt: string;
  /** Graph `users/delta` rounds, by state token (absent in state saved before they were emulated: none). */
  userDeltaRounds?: Record<string, UserDeltaRoundRecord>;
}

/** What one `users/delta` round saw: the users then active and a fingerprint of their selected properties. */
export interface UserDeltaRoundRecord {
  /** Emulator time the round began; its delta token expires seven days later. */
  startedAt: string;
  /** The properties the round tracks (its `$select`, or Graph's default properties). */
  select: string[];
  /** The round this one follows (its changes are relative to it); absent for an initial round. */
  after?: string;
  /** User id → fingerprint of the selected properties when the round began ("soft-deleted" for a deleted user). */
  users: Record<string, string>;
}

export interface AssignedLicenseRecord {
  skuId: string;
  disabledPlans: string[];
}

export interface DirectoryUserRecord {
  id: string;
  userPrincipalName: string;
  firstName?: string;
  lastName?: string;
  displayName: string;
  usageLocation?: string;
  immutableId?: string;
  phoneNumber?: string;
  accountEnabled: boolean;
  state: "active" | "inactive";
  softDeletionTime?: string;
  assignedLicenses: AssignedLicenseRecord[];
  createdAt: string;
}

export interface OtherChannelSkuRecord {
  /** The Graph licence skuId (GUID). */
  skuId: string;
  skuPartNumber: string;
  enabledUnits: number;
  suspendedUnits: number;
  warningUnits: number;
}

/** A reseller relationship request link; reusable, as Microsoft's links are. */
export interface InvitationRecord {
  id: string;
  partnerTenantId: string;
  /** Tenants that accepted it and so became customers of the partner. */
  acceptedByTenantIds: string[];
  createdAt: string;
}

export interface CartLineItemRecord {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  currencyCode: string;
  orderGroup: string;
  provisioningContext: Record<string, string>;
  isTrial: boolean;
  /** `participants` as sent: `transaction_reseller` (the indirect reseller of record) and up to five `additional_transaction_reseller`. */
  participants?: { key: string; value: string }[];
  customTermEndDate?: string;
  /** The promotion applied to the line: the one named, or the best auto-applied one (emulator/rules/promotions.ts). */
  promotionId?: string;
  /** Partner prices in cents, computed when the line was read (emulator/billing/line-pricing.ts). */
  pricing?: LinePricingRecord;
  error?: { errorCode: string; errorDescription: string; additionalInformation?: Record<string, unknown> };
}

export interface CartRecord {
  id: string;
  customerId: string;
  status: "Active" | "Ordered";
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  lastModifiedUser: string;
  lineItems: CartLineItemRecord[];
}

export interface OrderLineItemRecord {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  parentSubscriptionId?: string;
  termDuration: string;
  billingCycle: string;
  transactionType: string;
  friendlyName: string;
  quantity: number;
  isTrial: boolean;
  /** The indirect reseller of record (cart participant `transaction_reseller`). */
  partnerIdOnRecord?: string;
  customTermEndDate?: string;
  promotionId?: string;
  /** Copied from the cart line at checkout, cents. */
  pricing?: LinePricingRecord;
}

export interface OrderRecord {
  id: string;
  customerId: string;
  status: "pending" | "completed" | "cancelled";
  creationDate: string;
  /** Emulator-clock time at which the order completes and its subscriptions exist. */
  completesAt: string;
  billingCycle: string;
  currencyCode: string;
  currencySymbol: string;
  lineItems: OrderLineItemRecord[];
  /** Σ extendedPrice of the lines, cents (absent on orders saved before prices existed). */
  totalPrice?: number;
  version: number;
}

/** Seats added at one moment; each batch has its own 168 h reduction window (R-QTY-3). */
export interface SeatBatchRecord {
  quantity: number;
  addedAt: string;
}

export interface ScheduledNextTermRecord {
  product: {
    productId: string;
    skuId: string;
    availabilityId: string;
    billingCycle: string;
    termDuration: string;
    promotionId?: string;
  };
  quantity: number;
  customTermEndDate?: string;
}

export type SubscriptionStatus = "active" | "pending" | "suspended" | "expired" | "disabled" | "deleted";

export interface SubscriptionRecord {
  id: string;
  customerId: string;
  orderId: string;
  /** catalogItemId `product:sku:availability`. */
  offerId: string;
  productId: string;
  skuId: string;
  availabilityId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  /** Kept after conversion: one trial per offer per customer (R-TRI-5). */
  startedAsTrial: boolean;
  billingCycle: BillingCycle | "none";
  termDuration: TermDuration;
  creationDate: string;
  /** Start of the current term (purchase or last renewal). */
  termStartDate: string;
  /** Last instant of the current term (end of its last UTC day). */
  termEndDate: string;
  seatBatches: SeatBatchRecord[];
  scheduledNextTermInstructions: ScheduledNextTermRecord | null;
  parentSubscriptionId?: string;
  partnerId: string;
  /** When the status last changed. */
  statusChangedAt: string;
  /** When an expired or disabled subscription moves on to its next state (R-SUS-5). */
  lifecycleDueAt?: string;
  /** Why it is suspended: `CustomerCancellation` when the partner suspended it, Microsoft's reasons (`CreditCheck`, `Fraud`, …) otherwise. */
  suspensionReasons?: string[];
  updateCount: number;
  version: number;
  transitions: TransitionRecord[];
  /** What billing needs to know of its history (emulator/billing/ledger.ts); absent until the first change after purchase. */
  billingEvents?: BillingEventRecord[];
  /** The promotion the purchase redeemed (Partner Center docs: subscription-resources). */
  promotionId?: string;
}

/** A billing-relevant moment in a subscription's life; the ledger turns them into charges. */
export type BillingEventRecord =
  | {
      kind: "start";
      /** `trial` starts charge nothing. */
      chargeType: "new" | "renew" | "convert" | "extendTerm" | "trial";
      at: string;
      /** `productId:skuId`. */
      offerId: string;
      quantity: number;
      termDuration: string;
      billingCycle: string;
      termEndDate: string;
    }
  | { kind: "add" | "remove"; at: string; quantity: number }
  | { kind: "cancel"; at: string };

export interface TransitionRecord {
  id: string;
  fromCatalogItemId: string;
  toCatalogItemId: string;
  fromSubscriptionId: string;
  toSubscriptionId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  transitionType: string;
  status: string;
  creationDate: string;
}

export function emptyState(): EmulatorState {
  return { version: STATE_VERSION, partners: {}, tenants: {}, invitations: {}, auditRecords: [] };
}

/** A GDAP relationship (Microsoft Graph: delegatedAdminRelationship); its status moves on the emulator clock (emulator/rules/gdap.ts). */
export interface GdapRelationshipRecord {
  /** `{guid}-{customer tenant id}`: the customer is found from the id alone. */
  id: string;
  displayName: string;
  /** ISO 8601 days, `P1D`…`P730D`. */
  duration: string;
  customerTenantId: string;
  customerDisplayName: string;
  /** Role template ids. */
  roles: string[];
  /** `PT0S` (no extension) or `P180D`. */
  autoExtendDuration: string;
  status:
    | "created"
    | "approvalPending"
    | "approved"
    | "activating"
    | "active"
    | "expiring"
    | "expired"
    | "terminationRequested"
    | "terminating"
    | "terminated";
  createdAt: string;
  lastModifiedAt: string;
  lockedAt?: string;
  approvedAt?: string;
  activatedAt?: string;
  endAt?: string;
  terminationRequestedAt?: string;
  requests: GdapRequestRecord[];
  accessAssignments: Record<string, GdapAccessAssignmentRecord>;
  operations: GdapOperationRecord[];
  version: number;
}

export interface GdapRequestRecord {
  id: string;
  action: "lockForApproval" | "terminate";
  status: "created" | "pending" | "succeeded" | "failed";
  createdAt: string;
  lastModifiedAt: string;
}

export interface GdapAccessAssignmentRecord {
  id: string;
  /** The partner-tenant security group. */
  groupId: string;
  roles: string[];
  /** Roles a pending update will set (PATCH answers 202 and applies them when its operation succeeds). */
  pendingRoles?: string[];
  status: "pending" | "active" | "deleting" | "deleted" | "error";
  createdAt: string;
  lastModifiedAt: string;
  /** When the pending create, update or delete completes. */
  settlesAt: string;
  version: number;
}

export interface GdapOperationRecord {
  id: string;
  operationType: "delegatedAdminAccessAssignmentUpdate";
  accessAssignmentId: string;
  status: "notStarted" | "running" | "succeeded" | "failed";
  createdAt: string;
  lastModifiedAt: string;
  settlesAt: string;
}

/** Consent for a partner's multi-tenant application in a customer tenant (Partner Center: applicationconsents). */
export interface ApplicationConsentRecord {
  applicationId: string;
  displayName?: string;
  grants: { enterpriseApplicationId: string; scope: string }[];
  createdAt: string;
}
