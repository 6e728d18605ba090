// NCE promotions (Partner Center docs: promotion-resources, get-promotions, get-promotion-by-id,
// verify-promotion-eligibility, new-commerce-promotions): the seeded table in data/promotions.json and
// the one eligibility evaluator that both the promotionEligibilities endpoint and cart pricing use.
// Limits are evaluated on the promotion's product:SKU (not the availability), per customer: seat caps
// count every seat the customer holds of that SKU (cancelled ones too), first purchase counts trials.
import promotionData from "../../data/promotions.json" with { type: "json" };
import type { Catalog } from "../../core/catalog.js";
import type { EmulatorState, SubscriptionRecord } from "../store/state.js";
import { resolveCatalogItem } from "./catalog-items.js";

export interface PromotionTerm {
  duration: string;
  billingCycle: string;
}

export interface PromotionRecord {
  id: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  properties: { isAutoApplicable: boolean };
  requiredProducts: {
    productId: string;
    skuId: string;
    term: PromotionTerm;
    pricingPolicies: { policyType: string; value: string }[];
  }[];
  promotionConstraints: {
    seatConstraints: { minSeats: number; maxSeats: number; type: string }[];
    assetOwnershipLimits: { minAssets: number; maxAssets: number; type: string }[];
    eligibilityConstraints: { isApplicable: boolean; type: string }[];
    productOwnershipConstraints: { bigId: string }[][];
  };
}

/** Every subscription the customer holds, with any partner: promotion limits are per customer across partners. */
export function customerSubscriptions(state: EmulatorState, customerId: string): SubscriptionRecord[] {
  return Object.values(state.partners).flatMap((partner) =>
    Object.values(partner.subscriptions).filter((s) => s.customerId === customerId),
  );
}

export const PROMOTIONS: readonly PromotionRecord[] = promotionData.promotions as PromotionRecord[];

export interface EligibilityQuery {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  promotionId?: string;
}

export interface EligibilityError {
  type: string;
  description: string;
  [field: string]: unknown;
}

export interface Eligibility {
  promotionId?: string;
  isEligible: boolean;
  errors?: EligibilityError[];
  /** The fraction off the partner price when eligible ("0.15" → 0.15). */
  discount?: number;
}

/** The promotion with this id; an old availability part still finds it (Partner Center docs: new-commerce-promotions). */
export function findPromotion(promotionId: string): PromotionRecord | undefined {
  const [product, sku] = promotionId.toUpperCase().split(":");
  return (
    PROMOTIONS.find((p) => p.id.toUpperCase() === promotionId.toUpperCase()) ??
    PROMOTIONS.find((p) => p.id.toUpperCase().startsWith(`${product}:${sku}:`))
  );
}

function isOpen(promotion: PromotionRecord, now: Date): boolean {
  return new Date(promotion.startDate) <= now && now <= new Date(promotion.endDate);
}

const sameCycle = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Every promotion for the item (or the one named), each with `isEligible` and the documented error types. */
export function evaluateEligibility(
  catalog: Catalog,
  query: EligibilityQuery,
  owned: readonly SubscriptionRecord[],
  now: Date,
): Eligibility[] {
  const item = resolveCatalogItem(catalog, query.catalogItemId);
  if (item === undefined)
    return [
      ineligible(query.promotionId, { type: "InvalidCatalogItemId", description: "The catalog item id is not valid." }),
    ];
  const { productId, skuId } = item.offer;
  const forSku = (p: PromotionRecord): boolean =>
    p.requiredProducts.some((r) => r.productId === productId && r.skuId === skuId);
  if (query.promotionId !== undefined) {
    const promotion = findPromotion(query.promotionId);
    if (promotion === undefined || !forSku(promotion) || !isOpen(promotion, now))
      return [
        ineligible(query.promotionId, {
          type: "InvalidPromotion",
          description: "The promotion is not valid for this product, or is not active.",
        }),
      ];
    return [evaluateOne(promotion, query, { productId, skuId }, owned)];
  }
  const open = PROMOTIONS.filter((p) => forSku(p) && isOpen(p, now));
  if (open.length === 0)
    return [ineligible(undefined, { type: "NoPromotionsAvailable", description: "No promotions are available." })];
  return open.map((p) => evaluateOne(p, query, { productId, skuId }, owned));
}

function ineligible(promotionId: string | undefined, error: EligibilityError): Eligibility {
  return { ...(promotionId === undefined ? {} : { promotionId }), isEligible: false, errors: [error] };
}

function evaluateOne(
  promotion: PromotionRecord,
  query: EligibilityQuery,
  sku: { productId: string; skuId: string },
  owned: readonly SubscriptionRecord[],
): Eligibility {
  const errors: EligibilityError[] = [];
  const lines = promotion.requiredProducts.filter((r) => r.productId === sku.productId && r.skuId === sku.skuId);
  const line = lines.find(
    (r) => r.term.duration === query.termDuration.toUpperCase() && sameCycle(r.term.billingCycle, query.billingCycle),
  );
  if (line === undefined)
    errors.push({
      type: "Term",
      description: "The term or billing cycle is not eligible for the promotion.",
      eligibleTerms: lines.map((r) => ({ ...r.term })),
    });
  const ofSku = owned.filter((s) => s.productId === sku.productId && s.skuId === sku.skuId);
  const { seatConstraints, assetOwnershipLimits, eligibilityConstraints, productOwnershipConstraints } =
    promotion.promotionConstraints;
  for (const seats of seatConstraints) {
    const held = ofSku.reduce((sum, s) => sum + s.quantity, 0);
    const availableSeats = Math.max(0, seats.maxSeats - held);
    if (query.quantity < seats.minSeats || query.quantity > availableSeats)
      errors.push({
        minimumRequiredSeats: seats.minSeats,
        maximumRequiredSeats: seats.maxSeats,
        availableSeats,
        type: "SeatCount",
        description:
          "The provided quantity does not satisfy the minimum or maximum seat requirements for the promotion.",
      });
  }
  for (const limit of assetOwnershipLimits) {
    const redeemed = ofSku.filter((s) => s.promotionId === promotion.id).length;
    if (redeemed >= limit.maxAssets)
      errors.push({
        maxPromotionRedemptionCount: limit.maxAssets,
        remainingPromotionRedemptionCount: 0,
        type: "RedemptionLimit",
        description: "The customer has reached the redemption limit of the promotion.",
      });
  }
  if (eligibilityConstraints.some((c) => c.isApplicable && c.type === "FirstPurchase") && ofSku.length > 0)
    errors.push({ type: "OfferPurchasedPreviously", description: "The customer has purchased this product before." });
  const owns = (bigId: string): boolean =>
    owned.some((s) => `${s.productId}/${s.skuId}` === bigId.toUpperCase() && s.status === "active");
  if (
    productOwnershipConstraints.length > 0 &&
    !productOwnershipConstraints.some((group) => group.every((c) => owns(c.bigId)))
  )
    errors.push({
      type: "PrerequisiteProductOwnership",
      description: "The customer does not own the products the promotion requires.",
    });
  if (errors.length > 0) return { promotionId: promotion.id, isEligible: false, errors };
  const policy = line?.pricingPolicies.find((p) => p.policyType === "PercentDiscount");
  return { promotionId: promotion.id, isEligible: true, discount: Number(policy?.value ?? 0) };
}

/**
 * The promotion a cart line gets: the one named (which must be eligible), else the best eligible
 * auto-applicable one (Partner Center docs: nearly all promotions apply automatically).
 */
export function promotionForLine(
  catalog: Catalog,
  query: EligibilityQuery,
  owned: readonly SubscriptionRecord[],
  now: Date,
): { eligibility?: Eligibility; refused?: Eligibility } {
  const results = evaluateEligibility(catalog, query, owned, now);
  if (query.promotionId !== undefined) {
    const result = results[0]!;
    return result.isEligible ? { eligibility: result } : { refused: result };
  }
  const auto = results.filter(
    (r) => r.isEligible && r.promotionId !== undefined && findPromotion(r.promotionId)?.properties.isAutoApplicable,
  );
  const best = auto.sort((a, b) => (b.discount ?? 0) - (a.discount ?? 0))[0];
  return best === undefined ? {} : { eligibility: best };
}
