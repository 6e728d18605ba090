// Orders and their provisioning status (Partner Center docs: order-resources; samples order.get, order.provisioningstatus).
import type { Pricing } from "./cart.js";
import type { Links, ResourceAttributes } from "./common.js";

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  /** Present once provisioning finished (Partner Center docs: checkout-a-cart). */
  subscriptionId?: string;
  parentSubscriptionId?: string;
  /** Absent on legacy lines. */
  termDuration?: string;
  transactionType?: string;
  friendlyName: string;
  quantity: number;
  partnerIdOnRecord?: string;
  promotionId?: string;
  pricing?: Pricing;
  links: Links;
}

export interface Order {
  id: string;
  alternateId?: string;
  referenceCustomerId: string;
  billingCycle: string;
  currencyCode: string;
  currencySymbol?: string;
  lineItems: OrderLineItem[];
  creationDate: string;
  status: string;
  transactionType?: string;
  totalPrice?: number;
  client?: Record<string, unknown>;
  links: Links;
  attributes: ResourceAttributes;
}

export interface OrderLineItemProvisioningStatus {
  orderLineItemId: number;
  lineItemNumber: number;
  /** `fulfilled`, `unfulfilled` or `prefulfillmentpending`. */
  status: string;
  quantityProvisioningInformation: { quantity: number; status: string }[];
}
