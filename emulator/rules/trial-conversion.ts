// Immediate NCE trial conversion through the transitions API (NCE-RULES R-TRI-3, R-TRI-4, R-REN-4).
// Pure over the records; throws the documented transition errors.
import type { BillingCycle, CatalogOffer, TermDuration } from "../../core/catalog.js";
import * as errors from "../errors.js";
import type { SubscriptionRecord } from "../store/state.js";
import { termEnd } from "./terms.js";
import { TRIAL_SEATS } from "./trials.js";
import { addSeats } from "./windows.js";

export interface ConversionRequest {
  quantity: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  /** Convert into this existing paid subscription instead of the trial itself. */
  target?: SubscriptionRecord;
}

export interface ConversionResult {
  trial: SubscriptionRecord;
  target?: SubscriptionRecord;
}

export function convertTrialNow(
  trial: SubscriptionRecord,
  offer: CatalogOffer,
  request: ConversionRequest,
  now: Date,
): ConversionResult {
  if (!trial.isTrial || trial.status !== "active")
    throw errors.transitionNotEligible("Only an active trial can be converted this way.");
  // R-TRI-3: an immediate conversion keeps at least the trial's 25 seats.
  if (request.quantity < TRIAL_SEATS)
    throw errors.transitionNotEligible(`An immediate trial conversion keeps at least ${TRIAL_SEATS} seats.`);
  if (!offer.terms.includes(request.termDuration)) throw errors.invalidTerm(request.termDuration);
  if (!(offer.billing[request.termDuration] ?? []).includes(request.billingCycle))
    throw errors.invalidInput(
      `Billing cycle ${request.billingCycle} is not offered with term ${request.termDuration} (R-TERM-3).`,
    );
  const trialCopy = structuredClone(trial);
  if (request.target !== undefined) {
    const target = structuredClone(request.target);
    if (target.id === trial.id) throw errors.transitionSameSubscription();
    if (target.status !== "active") throw errors.transitionTargetNotActive();
    if (target.productId !== trial.productId || target.skuId !== trial.skuId || target.isTrial)
      throw errors.transitionCatalogItemMismatch();
    // R-TRI-3: the target must end on or after the trial.
    if (Date.parse(target.termEndDate) < Date.parse(trial.termEndDate)) throw errors.transitionEndDateEarlier();
    target.seatBatches = addSeats(target.seatBatches, request.quantity, now);
    target.quantity += request.quantity;
    target.scheduledNextTermInstructions = null;
    target.version += 1;
    trialCopy.status = "expired";
    trialCopy.autoRenewEnabled = false;
    trialCopy.statusChangedAt = now.toISOString();
    trialCopy.scheduledNextTermInstructions = null;
    trialCopy.version += 1;
    return { trial: trialCopy, target };
  }
  trialCopy.isTrial = false;
  trialCopy.quantity = request.quantity;
  trialCopy.termDuration = request.termDuration;
  trialCopy.billingCycle = request.billingCycle;
  trialCopy.termStartDate = now.toISOString();
  trialCopy.termEndDate = termEnd(now, request.termDuration).toISOString();
  // R-TRI-4: the converted subscription gets the normal 7-day window for all its seats.
  trialCopy.seatBatches = [{ quantity: request.quantity, addedAt: now.toISOString() }];
  trialCopy.scheduledNextTermInstructions = null; // R-REN-4
  trialCopy.version += 1;
  return { trial: trialCopy };
}
