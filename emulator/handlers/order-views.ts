// Order records → Partner Center's Order shape (samples cart.checkout.nce.order, order.get, orders.list).
import { pricingView } from "../billing/line-pricing.js";
import type { Order, OrderLineItem } from "../wire/order.js";
import type { OrderRecord } from "../store/state.js";
import { wireTimestamp } from "../rules/terms.js";
import { link, versionEtag } from "./shared.js";

export function orderView(order: OrderRecord): Order {
  const base = `/customers/${order.customerId}/orders/${order.id}`;
  return {
    id: order.id,
    alternateId: order.id,
    referenceCustomerId: order.customerId,
    billingCycle: order.billingCycle,
    currencyCode: order.currencyCode,
    currencySymbol: order.currencySymbol,
    lineItems: order.lineItems.map((line): OrderLineItem => {
      const [productId, skuId, availabilityId] = line.offerId.split(":");
      return {
        lineItemNumber: line.lineItemNumber,
        offerId: line.offerId,
        // Subscription ids appear only once provisioning finished (Partner Center docs: checkout-a-cart).
        ...(line.subscriptionId === undefined ? {} : { subscriptionId: line.subscriptionId }),
        ...(line.parentSubscriptionId === undefined ? {} : { parentSubscriptionId: line.parentSubscriptionId }),
        termDuration: line.termDuration,
        transactionType: line.transactionType,
        friendlyName: line.friendlyName,
        quantity: line.quantity,
        ...(line.partnerIdOnRecord === undefined ? {} : { partnerIdOnRecord: line.partnerIdOnRecord }),
        ...(line.promotionId === undefined ? {} : { promotionId: line.promotionId }),
        ...(line.pricing === undefined ? {} : { pricing: pricingView(line.pricing) }),
        links: {
          product: link(`/products/${productId}?country=US`),
          sku: link(`/products/${productId}/skus/${skuId}?country=US`),
          availability: link(`/products/${productId}/skus/${skuId}/availabilities/${availabilityId}?country=US`),
          ...(line.subscriptionId === undefined
            ? {}
            : { subscription: link(`/customers/${order.customerId}/subscriptions/${line.subscriptionId}`) }),
          provisioningStatus: link(`${base}/provisioningstatus`),
        },
      };
    }),
    creationDate: wireTimestamp(order.creationDate),
    status: order.status,
    transactionType: "UserPurchase",
    ...(order.totalPrice === undefined ? {} : { totalPrice: order.totalPrice / 100 }),
    links: {
      self: link(base),
      provisioningStatus: link(`${base}/provisioningstatus`),
      patchOperation: link(base, "PATCH"),
    },
    client: {},
    attributes: { etag: versionEtag(order.id, order.version), objectType: "Order" },
  };
}
