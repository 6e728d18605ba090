// Everything the emulator clock makes happen: order completion, renewals, trial conversions and
// expiries, the expired → disabled → deleted lifecycle, and purging soft-deleted users.
import type { Catalog } from "../../core/catalog.js";
import type { EmulatorState, SubscriptionRecord } from "../store/state.js";
import { completeOrder } from "./order-completion.js";
import { advanceAfterTerm, convertTrial, disableSuspended, expire, renew } from "./renewal.js";

/** Soft-deleted users are purged 30 days after deletion (API.md §14). */
export const USER_RETENTION_DAYS = 30;

export function runDueWork(state: EmulatorState, now: Date, catalog: Catalog): void {
  const at = now.getTime();
  for (const partner of Object.values(state.partners)) {
    for (const order of Object.values(partner.orders)) {
      if (order.status === "pending" && Date.parse(order.completesAt) <= at) completeOrder(partner, order, catalog);
    }
    for (const subscription of Object.values(partner.subscriptions)) settleSubscription(subscription, at, catalog);
  }
  for (const tenant of Object.values(state.tenants)) {
    for (const user of Object.values(tenant.users)) {
      if (user.state === "inactive" && user.softDeletionTime !== undefined && Date.parse(user.softDeletionTime) + USER_RETENTION_DAYS * 86_400_000 <= at) {
        delete tenant.users[user.id];
      }
    }
  }
}

/** Applies every step that is due at `at`, in order (a clock jump of years renews year by year). */
export function settleSubscription(subscription: SubscriptionRecord, at: number, catalog: Catalog): void {
  for (let guard = 0; guard < 1000; guard += 1) {
    if (!stepSubscription(subscription, at, catalog)) return;
  }
}

function stepSubscription(subscription: SubscriptionRecord, at: number, catalog: Catalog): boolean {
  const termOver = Date.parse(subscription.termEndDate) < at;
  switch (subscription.status) {
    case "active":
      if (!termOver) return false;
      if (!subscription.autoRenewEnabled) expire(subscription);
      else if (subscription.isTrial) convertTrial(subscription);
      else renew(subscription, catalog);
      return true;
    case "suspended":
      if (!termOver) return false;
      disableSuspended(subscription);
      return true;
    case "expired":
    case "disabled":
      if (subscription.lifecycleDueAt === undefined || Date.parse(subscription.lifecycleDueAt) > at) return false;
      advanceAfterTerm(subscription);
      return true;
    default:
      return false;
  }
}

/**
 * The earliest instant at which runDueWork would change anything, so callers can skip it until
 * then. Returns +Infinity when nothing is scheduled.
 */
export function nextDueTime(state: EmulatorState): number {
  let next = Number.POSITIVE_INFINITY;
  const consider = (ms: number): void => {
    if (ms < next) next = ms;
  };
  for (const partner of Object.values(state.partners)) {
    for (const order of Object.values(partner.orders)) if (order.status === "pending") consider(Date.parse(order.completesAt));
    for (const subscription of Object.values(partner.subscriptions)) {
      if (subscription.status === "active" || subscription.status === "suspended") consider(Date.parse(subscription.termEndDate) + 1);
      else if ((subscription.status === "expired" || subscription.status === "disabled") && subscription.lifecycleDueAt !== undefined) consider(Date.parse(subscription.lifecycleDueAt));
    }
  }
  for (const tenant of Object.values(state.tenants)) {
    for (const user of Object.values(tenant.users)) {
      if (user.state === "inactive" && user.softDeletionTime !== undefined) consider(Date.parse(user.softDeletionTime) + USER_RETENTION_DAYS * 86_400_000);
    }
  }
  return next;
}
