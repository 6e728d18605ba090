// Carts and checkout (Partner Center docs: cart-resources; samples cart.create.nce, cart.checkout.nce.order).
import type { Links, ResourceAttributes } from "./common.js";
import type { Order } from "./order.js";

/** Pre-tax partner prices of a line (Partner Center docs: cart-resources, CartLineItem.pricing). */
export interface Pricing {
  listPrice: number;
  discountedPrice: number;
  proratedPrice: number;
  price: number;
  extendedPrice: number;
}

export interface CartLineItem {
  id: number;
  catalogItemId: string;
  quantity: number;
  currencyCode: string;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  customTermEndDate?: string;
  participants?: { key: string; value: string }[];
  provisioningContext: Record<string, string>;
  orderGroup: string;
  promotionId?: string;
  pricing?: Pricing;
}

export interface Cart {
  id: string;
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  lastModifiedUser: string;
  status: string;
  lineItems: CartLineItem[];
  links: Links;
  attributes: ResourceAttributes;
}

export interface CartCheckoutResult {
  orders: Order[];
  orderErrors: { orderGroupId: string; code: number; description: string }[];
}
