// `promotion:` on a subscription: trials take none (they are free). Whether a named promotion is for the
// subscription's offer needs the promotion's requiredProducts, so the plan checks it (Partner Center's
// eligibility answers InvalidPromotion), not the loader.
import { spanIn, subscriptionEntries, type CheckContext, type MergedCustomer } from "./context.js";

export function checkPromotions(customer: MergedCustomer, context: CheckContext): void {
  for (const { subscription } of subscriptionEntries(customer.spec)) {
    const promotion = subscription.promotion;
    if (promotion === undefined) continue;
    const at = spanIn(context, customer.document, subscription, "promotion");
    if (subscription.trial !== undefined) {
      context.sink.error(
        "estate.promotion_on_trial",
        `subscription ${subscription.name} is a trial, which is free: promotion ${promotion} has nothing to discount`,
        at,
        "remove promotion:, or move it to the subscription the trial converts into",
      );
    }
  }
}
