// Partner Center's NCE promotion payloads, field names verbatim (Partner Center docs: promotion-resources,
// get-promotions, get-promotion-by-id, verify-promotion-eligibility).

export interface PromotionTerm {
  duration: string;
  billingCycle: string;
}

/** @public The documented shape; the mappers read it field by field. */
export interface Promotion {
  id: string;
  name: string;
  description?: string;
  startDate: string;
  endDate: string;
  properties?: { isAutoApplicable?: boolean };
  requiredProducts: {
    productId: string;
    skuId: string;
    term: PromotionTerm;
    pricingPolicies: { policyType: string; value: string }[];
  }[];
  /** Only on the get (`/productpromotions/{id}`). */
  promotionConstraints?: {
    seatConstraints?: { minSeats: number; maxSeats: number; type: string }[];
    assetOwnershipLimits?: { minAssets: number; maxAssets: number; type: string }[];
    eligibilityConstraints?: { isApplicable: boolean; type: string }[];
    productOwnershipConstraints?: { bigId: string }[][];
  };
}

export interface PromotionEligibilitiesRequest {
  items: {
    id?: string;
    catalogItemId: string;
    quantity: number;
    termDuration: string;
    billingCycle: string;
    promotionId?: string;
  }[];
}

/** One documented error (`SeatCount`, `Term`, `OfferPurchasedPreviously`, …) with its type-specific fields. */
export interface PromotionEligibilityError {
  type: string;
  description?: string;
  [field: string]: unknown;
}

/** @public The documented shape; the mappers read it field by field. */
export interface PromotionEligibilities {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration: string;
  eligibilities: { promotionId?: string; isEligible: boolean; errors?: PromotionEligibilityError[] }[];
}
