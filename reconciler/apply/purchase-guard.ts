// A purchase is the one write that costs money at once and cannot simply be undone. Right before
// buying, apply checks that no subscription or pending order of the offer has appeared since the
// plan was made (another apply running at the same time, a purchase in the portal, a plan left
// waiting at the confirmation prompt): the plan would otherwise buy a second one. Right after
// buying, it reads the customer again: more subscriptions of the offer than the plan meant to buy
// is a duplicate purchase, reported loudly with its refund window.
import { CspctlError } from "../../core/errors.js";
import type { PlanStep } from "../plan/plan.js";
import { pendingFromOrders, toActualSubscription } from "../read/read-actual.js";
import type { ActualSubscription } from "../read/actual-estate.js";
import type { ApplyClient } from "./operation-context.js";

/** Live subscriptions and pending orders of `offer` that the plan did not see (`step.target.knownSameOffer`). */
async function appearedSincePlan(
  client: ApplyClient,
  customerId: string,
  step: PlanStep,
  offer: string,
): Promise<ActualSubscription[]> {
  const known = new Set(step.target.knownSameOffer!.map((id) => id.toLowerCase()));
  // Orders strictly before subscriptions, as readActual does: a purchase completing in between is seen once.
  const orders = await client.partnerCenter.orders.list(customerId);
  const subscriptions = await client.partnerCenter.subscriptions.list(customerId);
  const listed = subscriptions.map(toActualSubscription).filter((s): s is ActualSubscription => s !== undefined);
  return [...listed, ...pendingFromOrders(orders, subscriptions)].filter(
    (s) =>
      !GONE.has(s.status) &&
      s.offerId.toLowerCase() === offer.toLowerCase() &&
      !known.has(s.id.toLowerCase()) &&
      !(s.orderId !== undefined && known.has(`order:${s.orderId}`.toLowerCase())),
  );
}

const GONE: ReadonlySet<string> = new Set(["deleted", "expired", "disabled"]);

/**
 * Throws `plan.stale` when more subscriptions of `offer` exist now than the plan saw plus what this
 * run bought itself (`boughtThisRun`). A step from a plan without `knownSameOffer` is not checked.
 */
export async function refuseIfBoughtSincePlan(
  client: ApplyClient,
  customerId: string,
  step: PlanStep,
  offer: string,
  boughtThisRun: number,
): Promise<void> {
  if (step.target.knownSameOffer === undefined) return;
  const appeared = await appearedSincePlan(client, customerId, step, offer);
  if (appeared.length <= boughtThisRun) return;
  throw new CspctlError({
    code: "plan.stale",
    address: step.address,
    message: `since the plan was made, ${appeared.length - boughtThisRun} subscription(s) or order(s) of ${offer} appeared in Partner Center (${appeared.map((s) => (s.orderId ? `order ${s.orderId}` : s.id)).join(", ")}); buying now could buy the same seats twice, so nothing was bought`,
    hint: "run cspctl plan again: it matches what is there now and buys only what is still missing",
  });
}

/** A subscription of the same offer bought since the plan beyond those the plan meant to buy. */
export interface DuplicatePurchase {
  /** The declared subscription whose purchase found it. */
  address: string;
  customer: string;
  offer: string;
  subscriptionId: string;
  quantity: number;
  purchasedAt: string | null;
  /** Until when Partner Center refunds a cancellation (NCE's 7-day window); null when it no longer does. */
  refundableUntil: string | null;
}

/**
 * After a purchase: the subscriptions of `offer` that appeared since the plan, past the `planned`
 * purchases of that offer the plan holds for this customer, newest first. Two applies that bought
 * with the same key hold one subscription, so that is no duplicate.
 */
export async function duplicatesAfterPurchase(
  client: ApplyClient,
  customerId: string,
  step: PlanStep,
  offer: string,
  planned: number,
): Promise<DuplicatePurchase[]> {
  if (step.target.knownSameOffer === undefined) return [];
  const appeared = (await appearedSincePlan(client, customerId, step, offer)).sort(
    (a, b) => (a.purchasedAt ?? "").localeCompare(b.purchasedAt ?? "") || a.id.localeCompare(b.id),
  );
  return appeared
    .slice(planned)
    .reverse()
    .map((s) => ({
      address: step.address,
      customer: step.customer,
      offer,
      subscriptionId: s.orderId === undefined ? s.id : `order:${s.orderId}`,
      quantity: s.quantity,
      purchasedAt: s.purchasedAt ?? null,
      refundableUntil: s.cancellationAllowedUntil,
    }));
}
