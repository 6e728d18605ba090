// NCE catalog: Product → Sku → Availability (Partner Center docs: product-resources), field names verbatim. Types only.
import type { Links, ResourceAttributes } from "./common.js";

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
  attributes?: ResourceAttributes;
}

export interface SkuDynamicAttributes {
  isMicrosoftProduct?: boolean;
  hasConstraints?: boolean;
  isAddon?: boolean;
  prerequisiteSkus?: string[];
  isSoftwareAssuranceApplicable?: boolean;
  upgradeTargetOffers?: string[];
  /** The Graph licence skuId the SKU provisions: the join key to license inventory. */
  provisioningId?: string;
  internal?: boolean;
  [name: string]: unknown;
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
  dynamicAttributes: SkuDynamicAttributes;
  links: Links;
  attributes?: ResourceAttributes;
}

export interface RefundOption {
  sequenceId: number;
  type: string;
  expiresAfter: string;
}

export interface AvailabilityTerm {
  /** Absent on Azure reservation availabilities. */
  id?: string;
  duration: string;
  description: string;
  billingCycle?: string;
  cancellationPolicies?: { refundOptions: RefundOption[] }[];
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
  renewalInstructions?: {
    applicableTermIds: string[];
    renewalOptions: { renewToId: string; isAutoRenewable: boolean }[];
  }[];
  /** Absent on some availabilities (recorded: test/fixtures/wire/availabilities.list.no-terms…). */
  terms?: AvailabilityTerm[];
  links: Links;
  attributes?: ResourceAttributes;
}
