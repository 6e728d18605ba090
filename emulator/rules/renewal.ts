// Term end for one subscription: renewal, NCE trial conversion, expiry (NCE-RULES R-REN-*, R-TRI-*).
// Pure over the record and the catalog; the caller decides when (lifecycle.ts).
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import type { SubscriptionRecord } from "../store/state.js";
import { resolveCatalogItem } from "./catalog-items.js";
import { addDays, renewalStart, termEnd } from "./terms.js";

/** Days an expired subscription keeps access before it is disabled, and the disabled period (R-SUS-5). */
const EXPIRED_DAYS = 30;
const DISABLED_DAYS = 90;

/**
 * R-REN-2/R-REN-3/R-CAN-2: an auto-renewing subscription starts a new term the second after its last
 * one ends, taking on its scheduled next-term instructions (which are then used up); every seat of
 * the new term is in one new batch, so the 168 h reduction window restarts at the renewal.
 */
export function renew(subscription: SubscriptionRecord, catalog: Catalog): void {
  const start = renewalStart(subscription.termEndDate);
  const next = subscription.scheduledNextTermInstructions;
  if (next !== null) {
    const item = resolveCatalogItem(catalog, `${next.product.productId}:${next.product.skuId}`);
    if (item !== undefined) {
      subscription.productId = item.offer.productId;
      subscription.skuId = item.offer.skuId;
      subscription.availabilityId = item.availabilityId;
      subscription.offerId = item.catalogItemId;
      subscription.offerName = item.offer.title;
    }
    subscription.quantity = next.quantity;
    subscription.termDuration = next.product.termDuration as TermDuration;
    subscription.billingCycle = next.product.billingCycle.toLowerCase() as BillingCycle;
  }
  startTerm(subscription, start);
}

/**
 * R-TRI-3: with auto-renew on, a trial converts at its end into the paid offer — 25 seats, P1Y,
 * monthly billing — unless scheduled instructions say otherwise. R-TRI-4: the converted subscription
 * gets the normal 7-day window.
 */
export function convertTrial(subscription: SubscriptionRecord): void {
  const start = renewalStart(subscription.termEndDate);
  const next = subscription.scheduledNextTermInstructions;
  subscription.isTrial = false;
  subscription.quantity = next?.quantity ?? 25;
  subscription.termDuration = (next?.product.termDuration as TermDuration | undefined) ?? "P1Y";
  subscription.billingCycle = (next?.product.billingCycle.toLowerCase() as BillingCycle | undefined) ?? "monthly";
  startTerm(subscription, start);
}

function startTerm(subscription: SubscriptionRecord, start: Date): void {
  subscription.termStartDate = start.toISOString();
  subscription.termEndDate = termEnd(start, subscription.termDuration).toISOString();
  subscription.seatBatches = [{ quantity: subscription.quantity, addedAt: start.toISOString() }];
  subscription.scheduledNextTermInstructions = null;
  subscription.version += 1;
}

/** R-REN-5/R-SUS-5: auto-renew off → expired (30 days) → disabled (90 days) → deleted. */
export function expire(subscription: SubscriptionRecord): void {
  const at = renewalStart(subscription.termEndDate);
  subscription.status = "expired";
  subscription.statusChangedAt = at.toISOString();
  subscription.lifecycleDueAt = addDays(at, EXPIRED_DAYS).toISOString();
  subscription.version += 1;
}

/** R-SUS-5: still suspended at term end → disabled for 30 days, then the 90-day disabled period. */
export function disableSuspended(subscription: SubscriptionRecord): void {
  const at = renewalStart(subscription.termEndDate);
  subscription.status = "disabled";
  subscription.statusChangedAt = at.toISOString();
  subscription.lifecycleDueAt = addDays(at, EXPIRED_DAYS + DISABLED_DAYS).toISOString();
  subscription.version += 1;
}

/** The step after expired or disabled, once `lifecycleDueAt` has passed. */
export function advanceAfterTerm(subscription: SubscriptionRecord): void {
  const at = new Date(subscription.lifecycleDueAt ?? subscription.statusChangedAt);
  if (subscription.status === "expired") {
    subscription.status = "disabled";
    subscription.lifecycleDueAt = addDays(at, DISABLED_DAYS).toISOString();
  } else {
    subscription.status = "deleted";
    delete subscription.lifecycleDueAt;
  }
  subscription.statusChangedAt = at.toISOString();
  subscription.version += 1;
}
