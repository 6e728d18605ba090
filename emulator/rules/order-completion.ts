// Purchases are asynchronous (issue 3 item 4): a checked-out order is `pending` until
// DomainConfig.provisioningDelaySeconds of emulator time have passed; then it completes and its
// subscriptions exist.
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import { newSubscription } from "../store/records.js";
import type { OrderRecord, PartnerRecord } from "../store/state.js";
import { resolveCatalogItem } from "./catalog-items.js";
import { endOfDay } from "./coterm.js";

export function completeOrder(partner: PartnerRecord, order: OrderRecord, catalog: Catalog): void {
  const completedAt = new Date(order.completesAt);
  for (const line of order.lineItems) {
    const item = resolveCatalogItem(catalog, line.offerId);
    if (item === undefined) continue;
    const subscription = newSubscription({
      customerId: order.customerId,
      orderId: order.id,
      offer: item.offer,
      availabilityId: item.availabilityId,
      quantity: line.quantity,
      termDuration: line.termDuration as TermDuration,
      billingCycle: line.billingCycle.toLowerCase() as BillingCycle | "none",
      isTrial: line.isTrial,
      // R-TRI-1: trials start with auto-renew on, like every NCE subscription (R-REN-1).
      autoRenewEnabled: true,
      friendlyName: line.friendlyName,
      ...(line.parentSubscriptionId === undefined ? {} : { parentSubscriptionId: line.parentSubscriptionId }),
      startedAt: completedAt,
    });
    if (line.partnerIdOnRecord !== undefined) subscription.partnerId = line.partnerIdOnRecord;
    // R-ADD-3: a co-termed first term ends early, at the end of customTermEndDate's day.
    if (line.customTermEndDate !== undefined) subscription.termEndDate = endOfDay(line.customTermEndDate).toISOString();
    if (line.promotionId !== undefined) subscription.promotionId = line.promotionId;
    partner.subscriptions[subscription.id] = subscription;
    line.subscriptionId = subscription.id;
  }
  order.status = "completed";
  order.version += 1;
}
