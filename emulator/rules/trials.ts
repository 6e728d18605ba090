// NCE trials (NCE-RULES R-TRI-1, R-TRI-2, R-TRI-5). Pure over the state.
import type { CatalogOffer } from "../../core/catalog.js";
import type { EmulatorState } from "../store/state.js";

export const TRIAL_SEATS = 25;

/**
 * Why `offer` cannot be trialled by the tenant, or undefined when it can. R-TRI-5: one trial per
 * offer per customer, none for an offer the customer already owns, none for add-ons (the catalog's
 * `trialAvailable`).
 */
export function trialProblem(state: EmulatorState, tenantId: string, offer: CatalogOffer): string | undefined {
  if (!offer.trialAvailable) return "No trial is offered for this product.";
  for (const partner of Object.values(state.partners)) {
    for (const subscription of Object.values(partner.subscriptions)) {
      if (subscription.customerId !== tenantId || `${subscription.productId}:${subscription.skuId}` !== offer.id)
        continue;
      if (subscription.startedAsTrial) return "The customer has already used the trial of this offer.";
      if (subscription.status === "active" || subscription.status === "suspended")
        return "The customer already owns this offer.";
    }
  }
  return undefined;
}

/** R-TRI-1: a trial line is 25 seats on a one-month term with billing cycle `none`. */
export function trialLineProblem(quantity: number, termDuration: string | undefined): string | undefined {
  if (quantity !== TRIAL_SEATS) return `Trials come with exactly ${TRIAL_SEATS} seats.`;
  if (termDuration !== undefined && termDuration.toUpperCase() !== "P1M") return "Trials use termDuration P1M.";
  return undefined;
}
