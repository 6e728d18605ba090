// Promotions and eligibility: wire → domain. Percentages arrive as string fractions ("0.05").
import type { Promotion, PromotionEligibility } from "../types.js";
import { arr, bool, defined, num, optArr, optBool, optObj, optStr, record, str, unexpected } from "../wire-read.js";

export function promotionFromWire(wire: unknown): Promotion {
  const context = "productPromotion";
  const source = record(wire, context);
  const properties = optObj(source, "properties", context);
  const products = arr(source, "requiredProducts", context).map((raw) => {
    const product = record(raw, `${context}.requiredProducts[]`);
    const term = record(product["term"], `${context}.requiredProducts[].term`);
    const percent = (optArr(product, "pricingPolicies", context) ?? [])
      .map((p) => record(p, `${context}.requiredProducts[].pricingPolicies[]`))
      .find((p) => p["policyType"] === "PercentDiscount");
    const discount = percent === undefined ? 0 : Number(str(percent, "value", `${context}.pricingPolicies[]`));
    if (!Number.isFinite(discount) || discount < 0 || discount > 1)
      throw unexpected(context, `PercentDiscount ${String(percent?.["value"])} is not a fraction between 0 and 1`);
    return {
      productId: str(product, "productId", context),
      skuId: str(product, "skuId", context),
      termDuration: str(term, "duration", context),
      billingCycle: str(term, "billingCycle", context),
      discount,
    };
  });
  return defined({
    id: str(source, "id", context),
    name: str(source, "name", context),
    startDate: str(source, "startDate", context),
    endDate: str(source, "endDate", context),
    autoApplicable: properties === undefined ? true : (optBool(properties, "isAutoApplicable", context) ?? true),
    products,
  });
}

export function eligibilityFromWire(wire: unknown): PromotionEligibility {
  const context = "promotionEligibilities";
  const source = record(wire, context);
  return {
    id: num(source, "id", context),
    catalogItemId: str(source, "catalogItemId", context),
    eligibilities: arr(source, "eligibilities", context).map((raw) => {
      const entry = record(raw, `${context}.eligibilities[]`);
      return defined({
        promotionId: optStr(entry, "promotionId", context),
        isEligible: bool(entry, "isEligible", context),
        errors: (optArr(entry, "errors", context) ?? []).map((e) => {
          const error = record(e, `${context}.eligibilities[].errors[]`);
          return {
            type: optStr(error, "type", context) ?? "Unknown",
            description: optStr(error, "description", context) ?? "",
            details: error,
          };
        }),
      });
    }),
  };
}
