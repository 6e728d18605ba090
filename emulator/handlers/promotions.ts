// NCE promotions (Partner Center docs: get-promotions, get-promotion-by-id, verify-promotion-eligibility):
// the seeded promotion table (data/promotions.json) and the customer's eligibility for cart lines.
import { invalidInput, resourceNotFound } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import {
  customerSubscriptions,
  evaluateEligibility,
  findPromotion,
  PROMOTIONS,
  type PromotionRecord,
} from "../rules/promotions.js";
import type { Store } from "../store/memory-store.js";
import { bodyObject, optionalArray, optionalText, requiredInteger, requiredString } from "./body.js";
import { collection, customerScope, ok } from "./shared.js";

function country(request: EmulatorRequest): string {
  const value = request.query.get("country");
  if (value === null || !/^[A-Za-z]{2}$/.test(value))
    throw invalidInput("The country query parameter (ISO-2) is required.");
  return value.toUpperCase();
}

/** The list answers without `promotionConstraints`; the get adds them (as the two samples show). */
function listView(promotion: PromotionRecord): Omit<PromotionRecord, "promotionConstraints"> {
  const { promotionConstraints: _constraints, ...rest } = structuredClone(promotion);
  return rest;
}

export function listPromotions(): Handler {
  return (request) => {
    country(request);
    const segment = request.query.get("segment");
    if (segment === null) throw invalidInput("The segment query parameter is required.");
    // Only the commercial segment has promotions (Partner Center docs: get-promotions).
    const items = segment.toLowerCase() === "commercial" ? PROMOTIONS.map(listView) : [];
    return ok(collection(items));
  };
}

export function getPromotion(): Handler {
  return (request) => {
    country(request);
    const promotion = findPromotion(request.params["promotionId"] ?? "");
    if (promotion === undefined) throw resourceNotFound("Promotion");
    return ok(structuredClone(promotion));
  };
}

export function createPromotionEligibilities(store: Store): Handler {
  return (request, context) => {
    const { customer } = customerScope(store, request);
    const items = optionalArray(bodyObject(request.body), "items");
    if (items.length === 0) throw invalidInput("items is required.");
    const owned = customerSubscriptions(store.state, customer.id);
    const answers = items.map((raw, index) => {
      const item = bodyObject(raw, `items[${index}]`);
      const where = `items[${index}].`;
      const query = {
        catalogItemId: requiredString(item, "catalogItemId", where),
        quantity: requiredInteger(item, "quantity", where),
        termDuration: requiredString(item, "termDuration", where),
        billingCycle: requiredString(item, "billingCycle", where),
      };
      const promotionId = optionalText(item, "promotionId");
      const eligibilities = evaluateEligibility(
        context.catalog,
        promotionId === undefined ? query : { ...query, promotionId },
        owned,
        context.clock.now(),
      ).map(({ discount: _discount, ...eligibility }) => eligibility);
      const id = Number(optionalText(item, "id") ?? item["id"] ?? index);
      return {
        id: Number.isInteger(id) ? id : index,
        ...query,
        eligibilities,
        attributes: { objectType: "PromotionEligibilities" },
      };
    });
    return ok(collection(answers));
  };
}
