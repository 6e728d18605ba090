// The NCE catalog: Product → SKU → Availability (Partner Center docs: product-resources; samples products.list.nce,
// sku.get.nce, availability.get.nce).
import type { Links } from "./common.js";

export interface ProductType {
  id: string;
  displayName: string;
  subType?: { id: string; displayName: string };
}

export interface Product {
  id: string;
  title: string;
  description: string;
  productType: ProductType;
  isMicrosoftProduct: boolean;
  publisherName: string;
  links: Links;
}

export interface Sku {
  id: string;
  productId: string;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
  supportedBillingCycles: string[];
  purchasePrerequisites: string[];
  inventoryVariables: string[];
  provisioningVariables: string[];
  actions: string[];
  /** `provisioningId` is the Graph licence `skuId`. */
  dynamicAttributes: Record<string, unknown>;
  links: Links;
}

export interface RefundOption {
  sequenceId: number;
  type: "Full" | "Partial" | string;
  expiresAfter: string;
}

export interface Term {
  id?: string;
  duration: string;
  description: string;
  billingCycle: string;
  cancellationPolicies: { refundOptions: RefundOption[] }[];
}

export interface RenewalInstruction {
  applicableTermIds: string[];
  renewalOptions: { renewToId: string; isAutoRenewable: boolean }[];
}

export interface Availability {
  id: string;
  productId: string;
  skuId: string;
  catalogItemId: string;
  defaultCurrency: { code: string; symbol: string };
  segment: string;
  country: string;
  isPurchasable: boolean;
  isRenewable: boolean;
  renewalInstructions: RenewalInstruction[];
  terms: Term[];
  links: Links;
}
