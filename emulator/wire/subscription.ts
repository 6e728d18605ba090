// Subscriptions, provisioning status and NCE transitions (Partner Center docs: subscription-resources, transition-a-new-commerce-subscription; samples
// subscription.get.nce, subscription.provisioningstatus, subscription.transition*).
import type { Links, ResourceAttributes } from "./common.js";

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

export interface Subscription {
  id: string;
  entitlementId?: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  productType: { id: string; displayName: string };
  quantity: number;
  unitType: string;
  parentSubscriptionId?: string;
  hasPurchasableAddons: boolean;
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  commitmentEndDateTime?: string;
  cancellationAllowedUntilDate?: string;
  billingCycleEndDate?: string;
  billingCycleEndDateTime?: string;
  /** `none`, `active`, `pending`, `suspended`, `expired`, `disabled` or `deleted`. */
  status: string;
  autoRenewEnabled: boolean;
  isTrial: boolean;
  billingType: string;
  billingCycle: string;
  termDuration: string;
  renewalTermDuration: string;
  refundOptions?: { type: string; expiresAt: string }[];
  refundableQuantity?: { totalQuantity: number; details: { quantity: number; allowedUntilDateTime: string }[] };
  scheduledNextTermInstructions?: ScheduledNextTermInstructions;
  isMicrosoftProduct: boolean;
  publisherName: string;
  partnerId: string;
  promotionId?: string;
  migratedFromSubscriptionId?: string;
  /** e.g. `["Cancel","Edit"]`. */
  actions?: string[];
  /** e.g. `["CustomerCancellation"]`: who suspended it. */
  suspensionReasons?: string[];
  attentionNeeded: boolean;
  actionTaken: boolean;
  contractType: string;
  consumptionType?: string;
  orderId: string;
  links: Links;
  attributes: ResourceAttributes;
}

export interface SubscriptionProvisioningStatus {
  skuId: string;
  /** `success`, `pending` or `failed`. */
  status: string;
  quantity: number;
  endDate: string;
  attributes: ResourceAttributes;
}

export interface EligibilityError {
  code: number;
  description: string;
}

export interface TransitionEligibility {
  operationId: string;
  catalogItemId: string;
  title: string;
  description: string;
  quantity: number;
  /** Absent when no subscription could be the target. */
  subscriptionEligibilities?: {
    isEligible: boolean;
    subscriptionId: string;
    subscriptionFriendlyName: string;
    subscriptionTermDuration: string;
    subscriptionBillingCycle: string;
    errors: EligibilityError[];
  }[];
  eligibilities: { isEligible: boolean; transitionType: string; errors: EligibilityError[] }[];
  attributes: ResourceAttributes;
}

export interface TransitionEvent {
  name: string;
  status: string;
  timestamp: string;
  attributes: ResourceAttributes;
}

/** The create answer; `Events` is PascalCase in Microsoft's sample. */
export interface Transition {
  fromCatalogItemId: string;
  fromSubscriptionId: string;
  toCatalogItemId: string;
  toSubscriptionId?: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  transitionType: string;
  Events: TransitionEvent[];
  attributes: ResourceAttributes;
}

/** GET …/transitions: a `transition` array (not `items`), PascalCase catalog ids, as in the sample. */
export interface TransitionHistory {
  transition: {
    operationId: string;
    FromCatalogItemId: string;
    ToCatalogItemId: string;
    quantity: number;
    transitionType: string;
    Events: TransitionEvent[];
    attributes: ResourceAttributes;
  }[];
  attributes: ResourceAttributes;
}
