// Subscription records → Partner Center's Subscription shape (sample subscription.get.nce and friends).
import type { Subscription } from "../wire/subscription.js";
import type { SubscriptionRecord } from "../store/state.js";
import { addHours, dateOnly, wireTimestamp } from "../rules/terms.js";
import { PARTNER_SUSPENSION } from "../rules/subscription-update.js";
import { canCancel, cancellationAllowedUntil, FULL_REFUND_HOURS, refundableBatches } from "../rules/windows.js";
import { link, versionEtag } from "./shared.js";

export function subscriptionView(subscription: SubscriptionRecord, now: Date, hasAddons: boolean): Subscription {
  const batches = refundableBatches(subscription.seatBatches, now);
  const country = "US";
  return {
    id: subscription.id,
    // Licence-based subscriptions carry their own id here (recorded samples); Azure ones their Azure subscription id.
    entitlementId: subscription.id,
    offerId: subscription.offerId,
    offerName: subscription.offerName,
    friendlyName: subscription.friendlyName,
    productType: { id: "OnlineServicesNCE", displayName: "OnlineServicesNCE" },
    quantity: subscription.quantity,
    unitType: "Licenses",
    ...(subscription.parentSubscriptionId === undefined
      ? {}
      : { parentSubscriptionId: subscription.parentSubscriptionId }),
    hasPurchasableAddons: hasAddons,
    creationDate: wireTimestamp(subscription.creationDate),
    effectiveStartDate: wireTimestamp(subscription.termStartDate),
    commitmentEndDate: dateOnly(subscription.termEndDate),
    commitmentEndDateTime: wireTimestamp(subscription.termEndDate),
    cancellationAllowedUntilDate: wireTimestamp(cancellationAllowedUntil(subscription)),
    status: subscription.status,
    autoRenewEnabled: subscription.autoRenewEnabled,
    isTrial: subscription.isTrial,
    billingType: "license",
    billingCycle: subscription.billingCycle,
    termDuration: subscription.termDuration,
    renewalTermDuration: "",
    refundOptions: [
      { type: "Full", expiresAt: wireTimestamp(addHours(subscription.termStartDate, FULL_REFUND_HOURS)) },
      { type: "Partial", expiresAt: wireTimestamp(cancellationAllowedUntil(subscription)) },
    ],
    refundableQuantity: {
      totalQuantity: batches.reduce((sum, batch) => sum + batch.quantity, 0),
      details: batches.map((batch) => ({
        quantity: batch.quantity,
        allowedUntilDateTime: wireTimestamp(batch.allowedUntil),
      })),
    },
    ...(subscription.scheduledNextTermInstructions === null
      ? {}
      : { scheduledNextTermInstructions: structuredClone(subscription.scheduledNextTermInstructions) }),
    isMicrosoftProduct: true,
    publisherName: "Microsoft Corporation",
    partnerId: subscription.partnerId,
    ...(subscription.promotionId === undefined ? {} : { promotionId: subscription.promotionId }),
    actions: subscriptionActions(subscription, now),
    ...(subscription.status === "suspended"
      ? { suspensionReasons: [...(subscription.suspensionReasons ?? [PARTNER_SUSPENSION])] }
      : {}),
    attentionNeeded: false,
    actionTaken: false,
    contractType: "subscription",
    orderId: subscription.orderId,
    links: {
      product: link(`/products/${subscription.productId}?country=${country}`),
      sku: link(`/products/${subscription.productId}/skus/${subscription.skuId}?country=${country}`),
      availability: link(
        `/products/${subscription.productId}/skus/${subscription.skuId}/availabilities/${subscription.availabilityId}?country=${country}`,
      ),
      ...(subscription.parentSubscriptionId === undefined
        ? {}
        : {
            parentSubscription: link(
              `/customers/${subscription.customerId}/subscriptions/${subscription.parentSubscriptionId}`,
            ),
          }),
      self: link(`/customers/${subscription.customerId}/subscriptions/${subscription.id}`),
    },
    attributes: { etag: versionEtag(subscription.id, subscription.version), objectType: "Subscription" },
  };
}

/** What the partner may do now, as Partner Center lists it (recorded samples: `["Cancel", "Edit"]`). */
function subscriptionActions(subscription: SubscriptionRecord, now: Date): string[] {
  if (subscription.status !== "active" && subscription.status !== "suspended") return [];
  const microsoftSuspended = (subscription.suspensionReasons ?? []).some((reason) => reason !== PARTNER_SUSPENSION);
  if (subscription.status === "suspended" && microsoftSuspended) return [];
  return canCancel(subscription, now) ? ["Cancel", "Edit"] : ["Edit"];
}
