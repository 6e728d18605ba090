// NCE-RULES R-LIM-1 / R-CUS-7: small-business SKUs allow at most `maximumQuantity` (300) seats per
// customer tenant, pooled across every subscription, partner and channel. Pure over the state.
import type { Catalog, CatalogOffer } from "../../core/catalog.js";
import { ordersByCustomer, subscriptionsByCustomer } from "../store/record-index.js";
import type { EmulatorState } from "../store/state.js";

/** Subscription states that hold seats. */
const HOLDING = new Set(["active", "suspended", "pending"]);

export interface SeatUse {
  /** The pooled cap, or null when the offer has none. */
  cap: number | null;
  used: number;
  remaining: number;
}

/**
 * Seats of `offer` the tenant already holds: subscriptions of every partner, orders not yet
 * provisioned, and licences bought through other channels for the same licence SKU.
 * `excludeSubscriptionId` leaves one subscription out (when that one is being resized).
 */
export function seatUse(
  state: EmulatorState,
  catalog: Catalog,
  tenantId: string,
  offer: CatalogOffer,
  excludeSubscriptionId?: string,
): SeatUse {
  const sameSku = (offerKey: string): boolean => {
    if (offerKey === offer.id) return true;
    const other = Object.hasOwn(catalog.offers, offerKey) ? catalog.offers[offerKey] : undefined;
    return other !== undefined && offer.licenseSkuId !== null && other.licenseSkuId === offer.licenseSkuId;
  };
  let used = 0;
  for (const partner of Object.values(state.partners)) {
    for (const subscription of subscriptionsByCustomer.select(partner.subscriptions, tenantId)) {
      if (subscription.id === excludeSubscriptionId || !HOLDING.has(subscription.status)) continue;
      if (sameSku(`${subscription.productId}:${subscription.skuId}`)) used += subscription.quantity;
    }
    for (const order of ordersByCustomer.select(partner.orders, tenantId)) {
      if (order.status !== "pending") continue;
      for (const line of order.lineItems) {
        const [productId, skuId] = line.offerId.split(":");
        if (sameSku(`${productId}:${skuId}`)) used += line.quantity;
      }
    }
  }
  const tenant = Object.hasOwn(state.tenants, tenantId) ? state.tenants[tenantId] : undefined;
  for (const sku of tenant?.otherChannelSkus ?? []) {
    if (offer.licenseSkuId !== null && sku.skuId === offer.licenseSkuId)
      used += sku.enabledUnits + sku.suspendedUnits + sku.warningUnits;
  }
  const cap = offer.maximumQuantity;
  return { cap, used, remaining: cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap - used) };
}
