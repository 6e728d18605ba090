// NCE promotions (Partner Center docs: get-promotions, get-promotion-by-id, verify-promotion-eligibility).
import { segment, type ServiceCaller } from "../service.js";
import type { Promotion, PromotionEligibility, PromotionQuery } from "../types.js";
import type * as Wire from "../wire/promotion.js";
import { eligibilityFromWire, promotionFromWire } from "../wire/promotion.mappers.js";
import { items } from "../wire-read.js";

export function promotionsFacade(caller: ServiceCaller) {
  return {
    /** Every promotion in a market; `segment` is required and only `commercial` has any. */
    async list(country: string, segmentName = "commercial"): Promise<Promotion[]> {
      const response = await caller.partnerCenter("promotions.list", "GET", "/productpromotions", {
        query: { country, segment: segmentName },
      });
      return items(response.body, "productPromotions").map(promotionFromWire);
    },

    async get(promotionId: string, country: string): Promise<Promotion> {
      const response = await caller.partnerCenter(
        "promotions.get",
        "GET",
        `/productpromotions/${segment(promotionId)}`,
        {
          query: { country },
        },
      );
      return promotionFromWire(response.body);
    },

    /** One call for all of a customer's prospective lines; answers in the same order (`id` = index). */
    async checkEligibility(customerId: string, queries: PromotionQuery[]): Promise<PromotionEligibility[]> {
      const body: Wire.PromotionEligibilitiesRequest = {
        items: queries.map((query, index) => ({ id: String(index), ...query })),
      };
      const response = await caller.partnerCenter(
        "promotions.eligibility",
        "POST",
        `/customers/${segment(customerId)}/promotionEligibilities`,
        { body },
      );
      return items(response.body, "promotionEligibilities")
        .map(eligibilityFromWire)
        .sort((a, b) => a.id - b.id);
    },
  };
}
