// PATCH /customers/{c}/subscriptions/{s} as Partner Center does it (Partner Center docs: change-the-quantity-of-a-subscription): the body is the
// whole resource, so what it omits is reset — a missing autoRenewEnabled turns auto-renew off and
// missing scheduled instructions are deleted. Pure: returns the updated copy or throws the
// documented error. Every rule cites its NCE-RULES id.
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import * as errors from "../errors.js";
import type { EmulatorState, ScheduledNextTermRecord, SubscriptionRecord } from "../store/state.js";
import { resolveCatalogItem } from "./catalog-items.js";
import { seatUse } from "./seat-limits.js";
import { isTermLonger, termEnd } from "./terms.js";
import { addSeats, canCancel, removeSeats, WINDOW_HOURS } from "./windows.js";

/** The suspension reason Partner Center records when the partner suspends a subscription. */
export const PARTNER_SUSPENSION = "CustomerCancellation";

/** R-QTY-6: Partner Center stops accepting updates after about 1,200 of them. */
const MAX_UPDATES = 1200;

export interface SubscriptionPatch {
  quantity?: number;
  status?: string;
  autoRenewEnabled?: boolean;
  friendlyName?: string;
  scheduledNextTermInstructions?: ScheduledNextTermRecord;
  billingCycle?: string;
  termDuration?: string;
}

export interface UpdateContext {
  now: Date;
  catalog: Catalog;
  state: EmulatorState;
}

export function applySubscriptionUpdate(
  current: SubscriptionRecord,
  patch: SubscriptionPatch,
  context: UpdateContext,
): SubscriptionRecord {
  const next: SubscriptionRecord = structuredClone(current);
  const { now } = context;
  if (current.status === "deleted") throw errors.deletedSubscriptionCannotBeUpdated();
  if (current.status === "pending") throw errors.subscriptionNotReady();
  if (current.updateCount >= MAX_UPDATES) throw errors.tooManyUpdates();
  const status = patch.status?.toLowerCase() ?? current.status;
  const quantity = patch.quantity ?? current.quantity;
  let midTermAction = false;

  if (current.status === "expired" || current.status === "disabled") {
    // R-SUS-5: expired and disabled subscriptions cannot be reactivated or changed.
    throw errors.statusNotUpdatable(`A ${current.status} subscription can't be changed.`);
  }
  if (current.isTrial && (status !== current.status || quantity !== current.quantity)) {
    // R-TRI-2: during a trial neither the seat count nor the status can change.
    if (quantity !== current.quantity) throw errors.seatQuantityNotUpdatable("Trial seat counts are fixed.");
    throw errors.statusNotUpdatable("A trial's status can't be changed; turn auto-renew off to let it expire.");
  }

  if (status === "deleted") {
    // R-CAN-1/R-CAN-2: cancellation only within 168 h of purchase or renewal; R-CAN-4: at once, for good.
    if (!canCancel(current, now)) throw errors.cancellationWindowPassed(WINDOW_HOURS / 24);
    next.status = "deleted";
    next.autoRenewEnabled = false;
    next.scheduledNextTermInstructions = null; // R-REN-4
    next.statusChangedAt = now.toISOString();
    return finish(next);
  }

  if (status === "suspended" && current.status === "active") {
    if (quantity !== current.quantity) throw errors.quantityChangeWhileSuspending();
    next.status = "suspended";
    next.suspensionReasons = [PARTNER_SUSPENSION];
    next.autoRenewEnabled = false; // R-SUS-3
    next.scheduledNextTermInstructions = null; // R-REN-4
    next.statusChangedAt = now.toISOString();
    if (patch.friendlyName !== undefined) next.friendlyName = patch.friendlyName;
    return finish(next);
  }

  if (current.status === "suspended") {
    if (status === "suspended") {
      if (
        quantity !== current.quantity ||
        patch.autoRenewEnabled === true ||
        patch.scheduledNextTermInstructions !== undefined
      )
        throw errors.suspendedSubscriptionCannotBeUpdated();
      if (patch.friendlyName !== undefined) next.friendlyName = patch.friendlyName;
      return finish(next);
    }
    if (status !== "active") throw errors.statusNotUpdatable(`Unknown status ${status}.`);
    const microsoft = (current.suspensionReasons ?? []).filter((reason) => reason !== PARTNER_SUSPENSION);
    if (microsoft.length > 0)
      throw errors.statusNotUpdatable(
        `The subscription was suspended by Microsoft (${microsoft.join(", ")}); only Microsoft can reactivate it.`,
      );
    delete next.suspensionReasons;
    // R-SUS-4: reactivation before the term ends (after it, the lifecycle has disabled it).
    // R-SUS-3: reactivating does not turn auto-renew back on; the partner must, in a later update.
    if (quantity !== current.quantity) throw errors.suspendedSubscriptionCannotBeUpdated();
    next.status = "active";
    next.statusChangedAt = now.toISOString();
    if (patch.friendlyName !== undefined) next.friendlyName = patch.friendlyName;
    return finish(next);
  }

  if (status !== "active") throw errors.statusNotUpdatable(`Unknown status ${status}.`);
  const item = resolveCatalogItem(context.catalog, `${current.productId}:${current.skuId}`);
  if (item === undefined) throw errors.invalidOfferId(current.offerId);
  const offer = item.offer;

  if (patch.billingCycle !== undefined && patch.billingCycle.toLowerCase() !== current.billingCycle) {
    // R-TERM-4 (as of April 2025): no mid-term billing-frequency change through the subscription.
    throw errors.billingCycleNotUpdatable();
  }

  if (patch.termDuration !== undefined && patch.termDuration.toUpperCase() !== current.termDuration) {
    const term = patch.termDuration.toUpperCase() as TermDuration;
    if (current.isTrial) throw errors.termChangeNotSupportedForTrial();
    if (!offer.terms.includes(term)) throw errors.invalidTerm(term);
    // R-TERM-4: mid-term the term can only get longer; the longer term starts now.
    if (!isTermLonger(current.termDuration, term)) throw errors.termShorterThanCurrent();
    if (!(offer.billing[term] ?? []).includes(current.billingCycle as BillingCycle))
      throw errors.billingCycleNotUpdatable();
    next.termDuration = term;
    next.termStartDate = now.toISOString();
    next.termEndDate = termEnd(now, term).toISOString();
    midTermAction = true;
  }

  if (quantity !== current.quantity) {
    if (
      !Number.isInteger(quantity) ||
      quantity < offer.minimumQuantity ||
      (offer.maximumQuantity !== null && quantity > offer.maximumQuantity)
    ) {
      throw errors.quantityOutOfRange(offer.minimumQuantity, offer.maximumQuantity);
    }
    if (quantity > current.quantity) {
      // R-QTY-1: increases any time; R-LIM-1: within the tenant's pooled cap.
      const added = quantity - current.quantity;
      const use = seatUse(context.state, context.catalog, current.customerId, offer, current.id);
      const remaining =
        use.cap === null ? Number.POSITIVE_INFINITY : Math.max(0, use.cap - use.used - current.quantity);
      if (added > remaining) throw errors.seatLimitExceeded(added, remaining, current.offerId);
      next.seatBatches = addSeats(current.seatBatches, added, now);
    } else {
      // R-QTY-3: only seats added within the last 168 h can be removed.
      const batches = removeSeats(current.seatBatches, current.quantity - quantity, now);
      if (batches === undefined) throw errors.quantityCannotBeDecreased();
      next.seatBatches = batches;
    }
    next.quantity = quantity;
    midTermAction = true;
  }

  // The body is the whole resource: no autoRenewEnabled means false (Partner Center docs: subscription-resources).
  const autoRenew = patch.autoRenewEnabled ?? false;
  if (autoRenew && !current.autoRenewEnabled && current.status !== "active") throw errors.notEligibleForAutoRenew();
  if (!autoRenew && current.autoRenewEnabled) midTermAction = true;
  next.autoRenewEnabled = autoRenew;
  if (patch.friendlyName !== undefined) next.friendlyName = patch.friendlyName;

  // R-REN-3: scheduled changes need an active subscription with auto-renew on; R-REN-4: mid-term
  // actions (quantity change, auto-renew off, term upgrade) delete them.
  if (midTermAction || patch.scheduledNextTermInstructions === undefined) {
    next.scheduledNextTermInstructions = null;
  } else {
    if (!autoRenew) throw errors.updatesNotAllowedNow("Scheduled changes need auto-renew on (R-REN-3).");
    next.scheduledNextTermInstructions = checkScheduled(patch.scheduledNextTermInstructions, context.catalog);
  }
  return finish(next);
}

function checkScheduled(instructions: ScheduledNextTermRecord, catalog: Catalog): ScheduledNextTermRecord {
  const { product } = instructions;
  const item = resolveCatalogItem(catalog, `${product.productId}:${product.skuId}`);
  if (item === undefined)
    throw errors.invalidOfferId(`${product.productId}:${product.skuId}:${product.availabilityId}`);
  const term = product.termDuration.toUpperCase() as TermDuration;
  if (!item.offer.terms.includes(term)) throw errors.invalidTerm(term);
  if (!(item.offer.billing[term] ?? []).includes(product.billingCycle.toLowerCase() as BillingCycle))
    throw errors.invalidInput(`Billing cycle ${product.billingCycle} is not offered with term ${term} (R-TERM-3).`);
  if (
    instructions.quantity < item.offer.minimumQuantity ||
    (item.offer.maximumQuantity !== null && instructions.quantity > item.offer.maximumQuantity)
  ) {
    throw errors.quantityOutOfRange(item.offer.minimumQuantity, item.offer.maximumQuantity);
  }
  return { ...instructions, product: { ...product, availabilityId: item.availabilityId, termDuration: term } };
}

function finish(next: SubscriptionRecord): SubscriptionRecord {
  next.updateCount += 1;
  next.version += 1;
  return next;
}
