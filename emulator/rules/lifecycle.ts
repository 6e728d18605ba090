// Everything the emulator clock makes happen: order completion, renewals, trial conversions and
// expiries, the expired → disabled → deleted lifecycle, and purging soft-deleted users.
import type { Catalog } from "../../core/catalog.js";
import { own } from "../store/memory-store.js";
import { ordersByCustomer, subscriptionsByCustomer } from "../store/record-index.js";
import type { EmulatorState, PartnerRecord, SubscriptionRecord, TenantRecord } from "../store/state.js";
import { completeOrder } from "./order-completion.js";
import { advanceAfterTerm, convertTrial, disableSuspended, expire, renew } from "./renewal.js";

/** Soft-deleted users are purged 30 days after deletion (Partner Center docs: view-a-deleted-user). */
const USER_RETENTION_DAYS = 30;

/** What due work changed: the customers (by partner) whose commerce records and the tenants whose users it touched. */
export interface DueWorkChanges {
  customers: { partnerTenantId: string; customerId: string }[];
  tenantIds: string[];
}

export function runDueWork(state: EmulatorState, now: Date, catalog: Catalog): DueWorkChanges {
  const at = now.getTime();
  const changes: DueWorkChanges = { customers: [], tenantIds: [] };
  for (const [partnerTenantId, partner] of Object.entries(state.partners)) {
    for (const order of Object.values(partner.orders)) {
      if (order.status === "pending" && Date.parse(order.completesAt) <= at) {
        completeOrder(partner, order, catalog);
        changes.customers.push({ partnerTenantId, customerId: order.customerId });
      }
    }
    for (const subscription of Object.values(partner.subscriptions)) {
      if (settleSubscription(subscription, at, catalog))
        changes.customers.push({ partnerTenantId, customerId: subscription.customerId });
    }
  }
  for (const tenant of Object.values(state.tenants)) {
    for (const user of Object.values(tenant.users)) {
      if (
        user.state === "inactive" &&
        user.softDeletionTime !== undefined &&
        Date.parse(user.softDeletionTime) + USER_RETENTION_DAYS * 86_400_000 <= at
      ) {
        delete tenant.users[user.id];
        changes.tenantIds.push(tenant.tenantId);
      }
    }
  }
  return changes;
}

/** Applies every step that is due at `at`, in order (a clock jump of years renews year by year). */
/** True when a step was applied. */
export function settleSubscription(subscription: SubscriptionRecord, at: number, catalog: Catalog): boolean {
  let changed = false;
  for (let guard = 0; guard < 1000; guard += 1) {
    if (!stepSubscription(subscription, at, catalog)) return changed;
    changed = true;
  }
  return changed;
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
  for (const partner of Object.values(state.partners)) next = Math.min(next, commerceDueTime(partner));
  for (const tenant of Object.values(state.tenants)) next = Math.min(next, directoryDueTime(tenant));
  return next;
}

/** Where a write happened: only there can it have scheduled new due work. */
export interface WriteScope {
  partnerTenantId?: string;
  /** Limits the partner's orders and subscriptions to this customer's. */
  customerId?: string;
  /** The directory tenant whose users the write may have touched. */
  tenantId?: string;
}

/** nextDueTime restricted to one write's scope; scanning orders stays linear but parses no dates outside it. */
export function nextDueTimeIn(state: EmulatorState, scope: WriteScope): number {
  let next = Number.POSITIVE_INFINITY;
  if (scope.partnerTenantId !== undefined) {
    const partner = own(state.partners, scope.partnerTenantId);
    if (partner !== undefined) next = Math.min(next, commerceDueTime(partner, scope.customerId));
  }
  if (scope.tenantId !== undefined) {
    const tenant = own(state.tenants, scope.tenantId);
    if (tenant !== undefined) next = Math.min(next, directoryDueTime(tenant));
  }
  return next;
}

function commerceDueTime(partner: PartnerRecord, customerId?: string): number {
  let next = Number.POSITIVE_INFINITY;
  const orders =
    customerId === undefined ? Object.values(partner.orders) : ordersByCustomer.select(partner.orders, customerId);
  const subscriptions =
    customerId === undefined
      ? Object.values(partner.subscriptions)
      : subscriptionsByCustomer.select(partner.subscriptions, customerId);
  for (const order of orders) {
    if (order.status === "pending") next = Math.min(next, Date.parse(order.completesAt));
  }
  for (const subscription of subscriptions) next = Math.min(next, subscriptionDueTime(subscription));
  return next;
}

function subscriptionDueTime(subscription: SubscriptionRecord): number {
  if (subscription.status === "active" || subscription.status === "suspended")
    return Date.parse(subscription.termEndDate) + 1;
  if (
    (subscription.status === "expired" || subscription.status === "disabled") &&
    subscription.lifecycleDueAt !== undefined
  )
    return Date.parse(subscription.lifecycleDueAt);
  return Number.POSITIVE_INFINITY;
}

function directoryDueTime(tenant: TenantRecord): number {
  let next = Number.POSITIVE_INFINITY;
  for (const user of Object.values(tenant.users)) {
    if (user.state === "inactive" && user.softDeletionTime !== undefined)
      next = Math.min(next, Date.parse(user.softDeletionTime) + USER_RETENTION_DAYS * 86_400_000);
  }
  return next;
}
