// The promotions a customer's declared purchases would get (Partner Center docs: verify-promotion-eligibility):
// one eligibility call per customer for every subscription declaring `promotion:`, with the market's
// promotions (read once per market) for each one's percent off and whether it applies automatically.
// `auto` picks the eligible promotion with the largest discount for the offer, term and billing.
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { PromotionVerdict } from "./actual-estate.js";
import type { CspClient } from "../../client/index.js";

type Promotions = CspClient["partnerCenter"]["promotions"];
type Catalog = Pick<CspClient["partnerCenter"]["catalog"], "listAvailabilities">;
type Promotion = Awaited<ReturnType<Promotions["list"]>>[number];

/** Promotions of a market, read once per read of the estate. */
export type MarketPromotions = Map<string, Promise<Promotion[]>>;

export async function readPromotionVerdicts(
  client: { promotions: Promotions; catalog: Catalog },
  customerId: string,
  desired: DesiredCustomer,
  markets: MarketPromotions,
): Promise<Record<string, PromotionVerdict> | undefined> {
  const wanted = desired.subscriptions.filter((s) => s.promotion !== undefined && s.trial === undefined);
  if (wanted.length === 0) return undefined;
  const country = desired.company.country;
  if (!markets.has(country)) markets.set(country, client.promotions.list(country));
  const promotions = await markets.get(country)!;
  const items = await Promise.all(
    wanted.map(async (want) => {
      const [productId, skuId] = want.offer.split(":") as [string, string];
      const [availability] = await client.catalog.listAvailabilities(productId, skuId, { country });
      return {
        catalogItemId: availability?.catalogItemId ?? `${want.offer}:unknown`,
        quantity: want.quantity,
        termDuration: want.term,
        billingCycle: want.billing,
        ...(want.promotion === "auto" ? {} : { promotionId: want.promotion! }),
      };
    }),
  );
  const answers = await client.promotions.checkEligibility(customerId, items);
  const verdicts: Record<string, PromotionVerdict> = {};
  wanted.forEach((want, index) => {
    const [productId, skuId] = want.offer.toUpperCase().split(":");
    const discountOf = (promotionId: string | undefined): number | undefined =>
      promotions
        .find((p) => p.id.toUpperCase() === promotionId?.toUpperCase())
        ?.products.find(
          (p) =>
            p.productId.toUpperCase() === productId &&
            p.skuId.toUpperCase() === skuId &&
            p.termDuration.toUpperCase() === want.term.toUpperCase() &&
            p.billingCycle.toLowerCase() === want.billing.toLowerCase(),
        )?.discount;
    const entries = answers[index]?.eligibilities ?? [];
    const eligible = entries
      .filter((e) => e.isEligible && e.promotionId !== undefined)
      .map((e) => ({ promotionId: e.promotionId!, discount: discountOf(e.promotionId) ?? 0 }))
      .sort((a, b) => b.discount - a.discount);
    const best = eligible[0];
    if (best !== undefined) verdicts[want.name] = { eligible: true, ...best };
    else
      verdicts[want.name] = {
        eligible: false,
        ...(want.promotion === "auto" ? {} : { promotionId: want.promotion! }),
        reasons: entries.flatMap((e) =>
          e.errors.map((error) => `${error.type}${error.description ? `: ${error.description}` : ""}`),
        ),
      };
  });
  return verdicts;
}
