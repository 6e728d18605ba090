// Subscriptions (Partner Center docs: subscription-resources): list (unpaged, ?order_id=), get, PATCH (whole-resource replace),
// add-ons, provisioning status. Subscriptions bought through other channels are not listed and
// cannot be changed (multi-channel, R-CUS-4).
import type { Subscription, SubscriptionProvisioningStatus } from "../wire/subscription.js";
import { etagNoLongerValid, subscriptionNotFound } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { applySubscriptionUpdate } from "../rules/subscription-update.js";
import { dateOnly } from "../rules/terms.js";
import { own, type Store } from "../store/memory-store.js";
import { subscriptionsByCustomer, subscriptionsByParent } from "../store/record-index.js";
import type { PartnerRecord, SubscriptionRecord } from "../store/state.js";
import { bodyObject } from "./body.js";
import { readSubscriptionPatch } from "./subscription-patch.js";
import { subscriptionView } from "./subscription-views.js";
import { collection, customerScope, ifMatch, ok, versionEtag } from "./shared.js";

export function listSubscriptions(store: Store): Handler {
  return (request, context) => {
    const { partner, customer } = customerScope(store, request);
    const orderId = request.query.get("order_id");
    const mpnId = request.query.get("mpn_id");
    const items = customerSubscriptions(partner, customer.id).filter(
      (s) => (orderId === null || s.orderId === orderId) && (mpnId === null || s.partnerId === mpnId),
    );
    return ok(
      collection(
        items.map((s) => view(partner, s, context.clock.now())),
        `/customers/${customer.id}/subscriptions`,
      ),
    );
  };
}

export function getSubscription(store: Store): Handler {
  return (request, context) => {
    const { partner, subscription } = findSubscription(store, request);
    return ok(view(partner, subscription, context.clock.now()));
  };
}

export function patchSubscription(store: Store): Handler {
  return (request, context) => {
    const { partner, subscription } = findSubscription(store, request);
    const etag = ifMatch(request);
    if (etag !== undefined && etag !== versionEtag(subscription.id, subscription.version)) throw etagNoLongerValid();
    const patch = readSubscriptionPatch(bodyObject(request.body));
    const now = context.clock.now();
    const updated = applySubscriptionUpdate(subscription, patch, { now, catalog: context.catalog, state: store.state });
    partner.subscriptions[updated.id] = updated;
    return ok(view(partner, updated, now));
  };
}

export function listAddons(store: Store): Handler {
  return (request, context) => {
    const { partner, subscription } = findSubscription(store, request);
    const addons = subscriptionsByParent.select(partner.subscriptions, subscription.id);
    return ok(
      collection(
        addons.map((s) => view(partner, s, context.clock.now())),
        `/customers/${subscription.customerId}/subscriptions/${subscription.id}/addons`,
      ),
    );
  };
}

export function getSubscriptionProvisioningStatus(store: Store): Handler {
  return (request, context) => {
    const { subscription } = findSubscription(store, request);
    const offerKey = `${subscription.productId}:${subscription.skuId}`;
    const licenceSkuId = Object.hasOwn(context.catalog.offers, offerKey)
      ? context.catalog.offers[offerKey]!.licenseSkuId
      : null;
    const answer: SubscriptionProvisioningStatus = {
      // The licence SKU (Graph skuId) being provisioned, as in Microsoft's sample.
      skuId: licenceSkuId ?? subscription.skuId,
      status: "success",
      quantity: subscription.quantity,
      endDate: dateOnly(subscription.termEndDate),
      attributes: { objectType: "SubscriptionProvisioningStatus" },
    };
    return ok(answer);
  };
}

function customerSubscriptions(partner: PartnerRecord, customerId: string): SubscriptionRecord[] {
  return subscriptionsByCustomer.select(partner.subscriptions, customerId);
}

export function findSubscription(
  store: Store,
  request: EmulatorRequest,
): { partner: PartnerRecord; subscription: SubscriptionRecord } {
  const { partner, customer } = customerScope(store, request);
  const subscription = own(partner.subscriptions, (request.params["subscriptionId"] ?? "").toLowerCase());
  if (subscription === undefined || subscription.customerId !== customer.id) throw subscriptionNotFound();
  return { partner, subscription };
}

function view(partner: PartnerRecord, subscription: SubscriptionRecord, now: Date): Subscription {
  const hasAddons = subscriptionsByParent.has(partner.subscriptions, subscription.id);
  return subscriptionView(subscription, now, hasAddons);
}
