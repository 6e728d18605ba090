// Orders (Partner Center docs: order-resources), field names verbatim. Types only.
import type { Pricing } from "./cart.js";
import type { Links, ResourceAttributes } from "./common.js";

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  subscriptionId?: string;
  parentSubscriptionId?: string;
  termDuration?: string;
  transactionType?: string;
  friendlyName?: string;
  quantity: number;
  pricing?: Pricing;
  partnerIdOnRecord?: string;
  provisioningContext?: Record<string, string>;
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
  attributes?: ResourceAttributes;
}

export interface OrderLineItemProvisioningStatus {
  orderLineItemId?: number;
  lineItemNumber: number;
  status: string;
  quantityProvisioningInformation: { quantity: number; status: string }[];
}
