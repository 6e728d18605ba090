// Carts and checkout (Partner Center docs: cart-resources, create-a-cart, checkout-a-cart), field names verbatim. Types only.
import type { Links, ResourceAttributes } from "./common.js";
import type { Order } from "./order.js";

export interface Pricing {
  listPrice: number;
  discountedPrice: number;
  proratedPrice: number;
  price: number;
  extendedPrice: number;
}

export interface CartLineItemError {
  errorCode: string | number;
  errorDescription: string;
  additionalInformation?: Record<string, unknown>;
}

export interface CartLineItem {
  id: number;
  catalogItemId: string;
  quantity: number;
  currencyCode?: string;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  promotionId?: string;
  customTermEndDate?: string;
  provisioningContext?: Record<string, string>;
  participants?: { key: string; value: string }[];
  renewsTo?: { termDuration: string } | null;
  attestationAccepted?: boolean;
  orderGroup?: string;
  pricing?: Pricing;
  addonItems?: CartLineItem[];
  error?: CartLineItemError;
}

export interface Cart {
  id: string;
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  lastModifiedUser: string;
  status: string;
  lineItems: CartLineItem[];
  partnerOnRecordAttestationAccepted?: boolean;
  links?: Links;
  attributes: ResourceAttributes;
}

/** POST /customers/{id}/carts body (either casing on the wire). */
export interface CartCreateRequest {
  lineItems: (Omit<CartLineItem, "id" | "orderGroup" | "pricing" | "error"> & { id?: number })[];
  partnerOnRecordAttestationAccepted?: boolean;
}

export interface CartCheckoutResult {
  orders: Order[];
  orderErrors?: { orderGroupId: string; code: number; description: string }[];
}
