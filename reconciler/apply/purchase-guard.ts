// A purchase is the one write that costs money at once and cannot simply be undone. Right before
// buying, apply checks that no subscription or pending order of the offer has appeared since the
// plan was made (another apply running at the same time, a purchase in the portal, a plan left
// waiting at the confirmation prompt): the plan would otherwise buy a second one.
import { CspctlError } from "../../core/errors.js";
import type { PlanStep } from "../plan/plan.js";
import { pendingFromOrders, toActualSubscription } from "../read/read-actual.js";
import type { ActualSubscription } from "../read/actual-estate.js";
import type { ApplyClient } from "./operations.js";

/**
 * Throws `plan.stale` when more subscriptions of `offer` exist now than the plan saw plus what this
 * run bought itself (`boughtThisRun`). A step from a plan without `knownSameOffer` is not checked.
 */
export async function refuseIfBoughtSincePlan(client: ApplyClient, customerId: string, step: PlanStep, offer: string, boughtThisRun: number): Promise<void> {
  if (step.target.knownSameOffer === undefined) return;
  const known = new Set(step.target.knownSameOffer.map((id) => id.toLowerCase()));
  // Orders strictly before subscriptions, as readActual does: a purchase completing in between is seen once.
  const orders = await client.partnerCenter.orders.list(customerId);
  const subscriptions = await client.partnerCenter.subscriptions.list(customerId);
  const listed = subscriptions.map(toActualSubscription).filter((s): s is ActualSubscription => s !== undefined);
  const now = [...listed, ...pendingFromOrders(orders, subscriptions)];
  const appeared = now.filter(
    (s) => s.status !== "deleted" && s.offerId.toLowerCase() === offer.toLowerCase() && !known.has(s.id.toLowerCase()) && !(s.orderId !== undefined && known.has(`order:${s.orderId}`.toLowerCase())),
  );
  if (appeared.length <= boughtThisRun) return;
  throw new CspctlError({
    code: "plan.stale",
    address: step.address,
    message: `since the plan was made, ${appeared.length - boughtThisRun} subscription(s) or order(s) of ${offer} appeared in Partner Center (${appeared.map((s) => s.orderId ? `order ${s.orderId}` : s.id).join(", ")}); buying now could buy the same seats twice, so nothing was bought`,
    hint: "run cspctl plan again: it matches what is there now and buys only what is still missing",
  });
}
