// NCE-RULES R-ADD-2: an add-on needs a compatible base on the tenant — one of its listed
// prerequisite offers, or any base (non-add-on) offer when the catalog lists none
// (data/CATALOG.md: prerequisites null). Pure over the state.
import type { Catalog, CatalogOffer } from "../../core/catalog.js";
import type { EmulatorState } from "../store/state.js";

const OWNING = new Set(["active", "suspended", "pending"]);

/** Offer ids (`product:sku`) the tenant owns: every partner's subscriptions, plus other channels. */
export function ownedOfferIds(state: EmulatorState, catalog: Catalog, tenantId: string): Set<string> {
  const owned = new Set<string>();
  for (const partner of Object.values(state.partners)) {
    for (const subscription of Object.values(partner.subscriptions)) {
      if (subscription.customerId === tenantId && OWNING.has(subscription.status))
        owned.add(`${subscription.productId}:${subscription.skuId}`);
    }
  }
  const tenant = Object.hasOwn(state.tenants, tenantId) ? state.tenants[tenantId] : undefined;
  for (const sku of tenant?.otherChannelSkus ?? []) {
    for (const offer of Object.values(catalog.offers)) if (offer.licenseSkuId === sku.skuId) owned.add(offer.id);
  }
  return owned;
}

/** True when `addOn` may be bought given the owned offers and the base offers bought alongside it. */
export function hasAddonPrerequisite(addOn: CatalogOffer, owned: Set<string>, catalog: Catalog): boolean {
  if (!addOn.isAddOn) return true;
  if (addOn.prerequisites !== null && addOn.prerequisites.length > 0)
    return addOn.prerequisites.some((id) => owned.has(id));
  return [...owned].some((id) => Object.hasOwn(catalog.offers, id) && catalog.offers[id]!.isAddOn === false);
}
