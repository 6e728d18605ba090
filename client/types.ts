// The domain types the client's façades return. Our names, no `attributes`/`links`/`items`
// wrappers: wire shapes stay inside client/.

/** Partner Center's address has no wrappers, so the domain uses the wire shape as it is. */
export type { Address } from "./wire/customer.js";
import type { Address } from "./wire/customer.js";

export interface BillingProfile {
  id?: string;
  firstName?: string;
  lastName?: string;
  email: string;
  culture: string;
  language: string;
  companyName: string;
  address: Address;
  /** Needed for PUT (If-Match). */
  etag?: string;
}

export interface Customer {
  /** The customer's tenant id (Partner Center uses it as the customer id). */
  id: string;
  tenantId: string;
  /** Default `*.onmicrosoft.com` domain. */
  domain: string;
  companyName?: string;
  relationship: string;
  customDomains?: string[];
  allowDelegatedAccess?: boolean;
  associatedPartnerId?: string;
  billingProfile?: BillingProfile;
}

export interface NewCustomer {
  /** Full default domain, e.g. `contoso.onmicrosoft.com`. */
  domain: string;
  companyName: string;
  billing: Omit<BillingProfile, "id" | "etag">;
  organizationRegistrationNumber?: string;
  enableGdapByDefault?: boolean;
  associatedPartnerId?: string;
}

/** A created customer with its first admin's credentials, shown only once by Partner Center. */
export interface CreatedCustomer extends Customer {
  adminCredentials?: { userName: string; password: string };
}

export interface Qualification {
  qualification: string;
  vettingStatus?: string;
  vettingReason?: string;
  vettingCreatedDate?: string;
}

export interface NewQualification {
  qualification: string;
  educationSegment?: string;
  website?: string;
  validationCode?: string;
}

export interface Product {
  id: string;
  title: string;
  description?: string;
  productType?: { id: string; displayName?: string };
}

export interface Sku {
  id: string;
  productId: string;
  title: string;
  description?: string;
  minimumQuantity?: number;
  maximumQuantity?: number;
  isTrial: boolean;
  supportedBillingCycles: string[];
  purchasePrerequisites: string[];
  /** Joins to the Graph license skuId. */
  provisioningId?: string;
}

export interface Term {
  duration: string;
  billingCycle?: string;
  description?: string;
}

export interface Availability {
  id: string;
  productId: string;
  skuId: string;
  catalogItemId: string;
  isPurchasable?: boolean;
  terms: Term[];
}

export interface CartLine {
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  customTermEndDate?: string;
  promotionId?: string;
  provisioningContext?: Record<string, string>;
}

export interface CartLineState extends CartLine {
  id: number;
  orderGroup?: string;
  error?: { code: string | number; description: string };
}

export interface Cart {
  id: string;
  status?: string;
  expiresAt?: string;
  lines: CartLineState[];
}

export interface OrderLine {
  lineNumber: number;
  offerId: string;
  subscriptionId?: string;
  quantity: number;
  termDuration?: string;
  friendlyName?: string;
}

export interface Order {
  id: string;
  customerId?: string;
  status: string;
  billingCycle?: string;
  createdAt?: string;
  lines: OrderLine[];
}

/** One entry of Partner Center's activity log: who did what to which resource, and when. */
export interface AuditRecord {
  id?: string;
  /** Lower-cased. */
  customerId?: string;
  customerName?: string;
  /** The partner user who made the change, when Partner Center recorded one. */
  user?: string;
  /** The application: a client id (GUID) or a name such as "Partner Center Web". */
  application?: string;
  resourceType: string;
  operationType: string;
  /** `succeeded`, `failed`, `progress`, or `unknown` when Partner Center left it out. */
  status: string;
  /** Canonical UTC timestamp. */
  date: string;
  correlationId?: string;
  /** The resource before and after, keys in camelCase (`{ text }` when Partner Center's value was not JSON). */
  oldValue?: Record<string, unknown>;
  newValue?: Record<string, unknown>;
  /** `customizedData` as a map (`OrderId`, `Quantity-0`, `CustomerUserId`, …). */
  details: Record<string, string | null>;
}

export interface CheckoutResult {
  orders: Order[];
  errors: Array<{ orderGroupId: string; code: number | string; description: string }>;
}

/** A purchase that finished provisioning: the orders and the subscription ids they produced. */
export interface Purchase {
  orders: Order[];
  subscriptionIds: string[];
  errors: CheckoutResult["errors"];
}

export type SubscriptionStatus =
  | "none"
  | "active"
  | "pending"
  | "suspended"
  | "expired"
  | "disabled"
  | "deleted"
  | (string & {});

export interface ScheduledNextTerm {
  productId: string;
  skuId: string;
  availabilityId: string;
  billingCycle: string;
  termDuration: string;
  quantity: number;
  customTermEndDate?: string;
  promotionId?: string;
}

export interface Subscription {
  id: string;
  /** Legacy offer GUID or, for NCE, the catalogItemId it was bought with; absent on some legacy answers. */
  offerId?: string;
  offerName?: string;
  friendlyName: string;
  quantity: number;
  status: SubscriptionStatus;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  billingCycle?: string;
  termDuration?: string;
  productType?: string;
  unitType?: string;
  orderId?: string;
  parentSubscriptionId?: string;
  creationDate?: string;
  effectiveStartDate?: string;
  commitmentEndDate?: string;
  cancellationAllowedUntilDate?: string;
  refundableQuantity?: { total: number; details: Array<{ quantity: number; allowedUntil: string }> };
  scheduledNextTerm?: ScheduledNextTerm;
  etag?: string;
  /** Azure subscription id for Azure; the subscription id on licence-based ones. */
  entitlementId?: string;
  /** What the partner may do now (`Cancel`, `Edit`, …), as Partner Center lists it. */
  actions?: string[];
  /** Why it is suspended (`CustomerCancellation` for the partner's own suspension; `CreditCheck`, `Fraud`, … for Microsoft's). */
  suspensionReasons?: string[];
}

/** The fields a reconciler changes; everything else is preserved by read-modify-write. */
export interface SubscriptionChange {
  quantity?: number;
  status?: "active" | "suspended" | "deleted";
  friendlyName?: string;
  autoRenewEnabled?: boolean;
  /** `null` removes the scheduled change. */
  scheduledNextTerm?: ScheduledNextTerm | null;
}

export interface TransitionEligibility {
  catalogItemId: string;
  title?: string;
  quantity?: number;
  eligibilities: Array<{
    isEligible: boolean;
    transitionType?: string;
    errors: Array<{ code: number | string; description: string }>;
  }>;
}

export interface TransitionRequest {
  toCatalogItemId: string;
  quantity: number;
  transitionType: "transition_only" | "transition_with_license_transfer";
  toSubscriptionId?: string;
  termDuration?: string;
  billingCycle?: string;
}

export interface Transition {
  id?: string;
  fromSubscriptionId?: string;
  toSubscriptionId?: string;
  toCatalogItemId: string;
  quantity: number;
  transitionType: string;
  status?: string;
  events: Array<{ name: string; status: string; timestamp?: string }>;
}

export interface ServicePlan {
  id: string;
  name: string;
  displayName?: string;
  status?: string;
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  name?: string;
  licenseGroupId?: string;
  capabilityStatus?: string;
  availableUnits: number;
  activeUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
  totalUnits: number;
  warningUnits: number;
  servicePlans: ServicePlan[];
}

export interface CustomerUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
  state?: string;
  userDomainType?: string;
  softDeletionTime?: string;
}

export interface NewUser {
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
  /** Kept out of logs and errors by the redaction layer. */
  password: string;
  forceChangePassword?: boolean;
}

export type UserChange = Partial<
  Pick<CustomerUser, "displayName" | "firstName" | "lastName" | "usageLocation" | "userPrincipalName">
> & { state?: "active" };

export interface UserLicense {
  skuId: string;
  skuPartNumber?: string;
  name?: string;
  licenseGroupId?: string;
  servicePlans: ServicePlan[];
}

export interface LicenseChange {
  assign: Array<{ skuId: string; excludedPlans?: string[] }>;
  remove: string[];
}

export interface LicenseChangeResult {
  assigned: string[];
  warnings: Array<{ code: string; message: string }>;
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  usageLocation?: string;
  accountEnabled?: boolean;
  assignedLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
}

/** One round of Graph change tracking on a tenant's users (users.delta). */
export interface GraphUserDelta {
  /** Users created or changed since the round the link came from (every user on a first round). */
  changed: GraphUser[];
  /** Ids of users deleted since then (soft-deleted or purged). */
  removed: string[];
  /** Follow it in the next round to get what changed after this one. It expires after seven days. */
  deltaLink: string;
}

/** The user fields cspctl changes through Graph (PATCH /users/{id}). */
export interface GraphUserChange {
  enabled?: boolean;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  usageLocation?: string;
}

/** An application's consent in a tenant as Graph shows it: tenant-wide delegated permissions per resource application. */
export interface GraphApplicationConsent {
  /** Lower case. */
  applicationId: string;
  /** `resource`: the resource's application id (lower case; its service principal's object id when it was not asked for). */
  grants: { resource: string; scopes: string[] }[];
}

export interface GraphSubscribedSku {
  id: string;
  skuId: string;
  skuPartNumber: string;
  capabilityStatus?: string;
  appliesTo?: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: Array<{ id: string; name: string; provisioningStatus?: string }>;
}

/** A partner invoice (Partner Center: invoice); amounts in integer cents. */
export interface Invoice {
  id: string;
  invoiceDate: string;
  billingPeriodStart: string;
  billingPeriodEnd: string;
  totalCents: number;
  currency: string;
}

/** One reconciliation line item (a charge or a refund), from v1 or the v2 export; amounts in integer cents. */
export interface ReconciliationLine {
  /** "" for unbilled charges. */
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  customerDomainName: string;
  subscriptionId: string;
  subscriptionDescription: string;
  orderId: string;
  /** `productId:skuId`. */
  offerId: string;
  productName: string;
  skuName: string;
  /** `new`, `cycleCharge`, `addQuantity`, `removeQuantity`, `cancelImmediate`, `renew`, `convert`, … (compare case-insensitively). */
  chargeType: string;
  chargeStartDate: string;
  chargeEndDate: string;
  termAndBillingCycle: string;
  quantity: number;
  unitPriceCents: number;
  effectiveUnitPriceCents: number;
  /** Negative for refunds. */
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
}

/** One price of the NCE price sheet: what the partner pays Microsoft for one seat over a whole term. */
export interface SheetPrice {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  /** ISO 8601 duration of the term: `P1M`, `P1Y`, `P3Y`. */
  termDuration: string;
  /** The sheet's BillingPlan lower-cased: `monthly`, `annual`, `triennial`, `none` (trials). */
  billingPlan: string;
  market: string;
  currency: string;
  /** The partner (cost) price of one seat for the whole term. */
  unitPrice: number;
  /** Microsoft's estimated retail price of one seat for the whole term, when the sheet gives one. */
  erpPrice?: number;
  /** ISO 8601, UTC. */
  effectiveStart: string;
  effectiveEnd?: string;
  tags: string[];
}

/** A market's price sheet: one price per product × SKU × term × billing plan (the latest effective one). */
export interface PriceSheet {
  market: string;
  currency: string | undefined;
  prices: SheetPrice[];
  /** Rows left out, with their CSV line and why (a price that is not a number, a missing id). */
  skipped: { line: number; reason: string }[];
}

/** An NCE promotion (Partner Center docs: promotion-resources): a percent off the partner price of product:SKU on a term. */
export interface Promotion {
  /** `product:sku:availability`. */
  id: string;
  name: string;
  startDate: string;
  /** `9999-01-01…` when open-ended. */
  endDate: string;
  /** Applied without naming it on the cart line (nearly all are). */
  autoApplicable: boolean;
  products: { productId: string; skuId: string; termDuration: string; billingCycle: string; discount: number }[];
}

/** What to check: one prospective cart line (and optionally the promotion it would name). */
export interface PromotionQuery {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  promotionId?: string;
}

export interface PromotionEligibility {
  /** The index of the query it answers. */
  id: number;
  catalogItemId: string;
  eligibilities: {
    promotionId?: string;
    isEligible: boolean;
    /** Microsoft's reasons (`SeatCount`, `Term`, `OfferPurchasedPreviously`, …), `details` as sent. */
    errors: { type: string; description: string; details: Record<string, unknown> }[];
  }[];
}
