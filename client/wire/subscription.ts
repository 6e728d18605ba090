// Subscriptions, scheduled changes and NCE transitions (Partner Center docs: subscription-resources, transition-a-new-commerce-subscription), field names verbatim. Types only.
import type { Links, ResourceAttributes } from "./common.js";

export type SubscriptionStatus = "none" | "active" | "pending" | "suspended" | "expired" | "disabled" | "deleted";

export interface ScheduledNextTermInstructions {
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

export interface RefundableQuantity {
  totalQuantity: number;
  details: { quantity: number; allowedUntilDateTime: string }[];
}

export interface Subscription {
  id: string;
  entitlementId?: string;
  offerId: string;
  offerName?: string;
  friendlyName: string;
  productType?: { id: string; displayName: string };
  quantity: number;
  unitType?: string;
  parentSubscriptionId?: string;
  hasPurchasableAddons?: boolean;
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  commitmentEndDateTime?: string;
  cancellationAllowedUntilDate?: string;
  billingCycleEndDate?: string;
  billingCycleEndDateTime?: string;
  customTermEndDate?: string;
  status: SubscriptionStatus | string;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  billingType: string;
  billingCycle: string;
  termDuration?: string;
  renewalTermDuration?: string;
  refundOptions?: { type: string; expiresAt: string }[];
  refundableQuantity?: RefundableQuantity;
  scheduledNextTermInstructions?: ScheduledNextTermInstructions;
  nextChargeInstructions?: { product: Record<string, unknown>; quantity: number };
  isMicrosoftProduct?: boolean;
  publisherName?: string;
  partnerId?: string;
  promotionId?: string;
  migratedFromSubscriptionId?: string;
  actions?: string[];
  suspensionReasons?: string[];
  attentionNeeded?: boolean;
  actionTaken?: boolean;
  contractType: string;
  consumptionType?: string;
  orderId: string;
  /** Absent from the scheduled-changes PATCH answer in Microsoft's doc. */
  links?: Links;
  attributes: ResourceAttributes;
}

/** POST …/transitions body and its answer (which adds `Events`, PascalCase as in Microsoft's doc). */
export interface Transition {
  fromCatalogItemId?: string;
  fromSubscriptionId?: string;
  toCatalogItemId: string;
  toSubscriptionId?: string;
  quantity: number;
  termDuration?: string;
  billingCycle?: string;
  transitionType: string;
  operationId?: string;
  Events?: TransitionEvent[];
  attributes?: ResourceAttributes;
}

export interface TransitionEvent {
  name: string;
  status: string;
  timestamp: string;
  attributes?: ResourceAttributes;
}

/** GET …/transitions: `{transition: [...]}`, with PascalCase catalog ids as in Microsoft's doc. */
export interface TransitionHistory {
  transition: {
    operationId: string;
    FromCatalogItemId: string;
    ToCatalogItemId: string;
    quantity: number;
    transitionType: string;
    Events: TransitionEvent[];
    attributes?: ResourceAttributes;
  }[];
  attributes: ResourceAttributes;
}

export interface TransitionEligibilityError {
  code: number;
  description: string;
}

export interface TransitionEligibility {
  operationId: string;
  catalogItemId: string;
  title: string;
  description: string;
  quantity: number;
  subscriptionEligibilities?: {
    isEligible: boolean;
    subscriptionId: string;
    subscriptionFriendlyName: string;
    subscriptionTermDuration: string;
    subscriptionBillingCycle: string;
    errors: TransitionEligibilityError[];
  }[];
  eligibilities: { isEligible: boolean; transitionType: string; errors: TransitionEligibilityError[] }[];
  attributes: ResourceAttributes;
}

export interface SubscriptionProvisioningStatus {
  skuId: string;
  status: string;
  quantity: number;
  endDate: string;
  attributes: ResourceAttributes;
}

/**
 * @public Subscriptions of legacy (pre-NCE) offers and Azure, as Microsoft's older samples show them: no
 * catalogItemId, trial flag or billing cycle. cspctl only reads them; the contract tests check the samples against it.
 */
export type LegacySubscription = Omit<Subscription, "offerId" | "isTrial" | "billingCycle"> & {
  offerId?: string;
  isTrial?: boolean;
  billingCycle?: string;
};
