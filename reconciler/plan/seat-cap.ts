// R-LIM-1 / R-CUS-7: small-business offers allow at most `maximumQuantity` (300) seats per customer
// tenant, pooled across every subscription, partner and channel. The pool already used is read from
// the tenant's subscribed SKUs (which count every channel) plus orders still provisioning; each
// step that adds seats is checked in plan order, and one that would pass the cap is blocked.
import { findOffer } from "../../core/catalog.js";
import type { ActualCustomer } from "../read/actual-estate.js";
import type { CustomerContext } from "./customer-context.js";
import type { PlanStep } from "./plan.js";

export function checkSeatCaps(ctx: CustomerContext, actual: ActualCustomer | undefined): void {
  const used = new Map<string, number>();
  const usedOf = (skuId: string): number => {
    const key = skuId.toLowerCase();
    if (!used.has(key)) {
      const sku = actual?.subscribedSkus?.find((s) => s.skuId.toLowerCase() === key);
      const pending = (actual?.subscriptions ?? [])
        .filter((s) => s.status === "pending" && findOffer(s.offerId)?.licenseSkuId?.toLowerCase() === key)
        .reduce((n, s) => n + s.quantity, 0);
      used.set(key, (sku ? sku.activeUnits + sku.suspendedUnits : 0) + pending);
    }
    return used.get(key)!;
  };
  for (const step of ctx.steps) {
    if (step.status === "blocked") continue;
    const added = seatsAdded(step, ctx.desired.subscriptions.find((s) => s.address === step.address)?.offer);
    if (added === undefined) continue;
    const offer = findOffer(added.offer);
    if (offer?.maximumQuantity == null || offer.licenseSkuId === null) continue;
    const before = usedOf(offer.licenseSkuId);
    if (before + added.seats > offer.maximumQuantity) {
      step.status = "blocked";
      step.blocked = {
        code: "plan.seat_cap_exceeded",
        message: `${offer.title} allows at most ${offer.maximumQuantity} seats per customer, pooled across all subscriptions, partners and channels (NCE-RULES R-LIM-1); the tenant holds ${before}, and this step adds ${added.seats}`,
        hint: `keep the customer's total ${offer.title} seats at ${offer.maximumQuantity} or fewer (${Math.max(0, offer.maximumQuantity - before)} more fit), or move users to an Enterprise offer`,
      };
      continue;
    }
    used.set(offer.licenseSkuId.toLowerCase(), before + added.seats);
  }
}

function seatsAdded(step: PlanStep, offer: string | undefined): { offer: string; seats: number } | undefined {
  if (offer === undefined) return undefined;
  if (step.action === "create-subscription")
    return { offer, seats: step.after?.trial !== undefined ? 25 : Number(step.after?.quantity ?? 0) };
  if (step.action === "resize" && step.reason === "quantity_increase")
    return { offer, seats: Number(step.after?.quantity) - Number(step.before?.quantity) };
  return undefined;
}
