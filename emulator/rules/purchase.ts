// Checks a purchase (cart lines) against the NCE rules before an order is placed: add-on
// prerequisites (R-ADD-2), pooled seat caps (R-LIM-1), trials (R-TRI-5). Pure over the state;
// throws the documented Partner Center error for the first problem.
import type { Catalog } from "../../core/catalog.js";
import { addonWithoutBase, invalidOfferId, notEligibleForPurchase, seatLimitExceeded } from "../errors.js";
import type { CartLineItemRecord, EmulatorState } from "../store/state.js";
import { hasAddonPrerequisite, ownedOfferIds } from "./addons.js";
import { resolveCatalogItem } from "./catalog-items.js";
import { seatUse } from "./seat-limits.js";
import { trialProblem } from "./trials.js";

export function checkPurchase(
  state: EmulatorState,
  catalog: Catalog,
  tenantId: string,
  lines: CartLineItemRecord[],
): void {
  const owned = ownedOfferIds(state, catalog, tenantId);
  for (const line of lines) {
    const item = resolveCatalogItem(catalog, line.catalogItemId);
    if (item !== undefined && !item.offer.isAddOn) owned.add(item.offer.id);
  }
  const requestedBySku = new Map<string, number>();
  for (const line of lines) {
    const item = resolveCatalogItem(catalog, line.catalogItemId);
    if (item === undefined) throw invalidOfferId(line.catalogItemId);
    const { offer } = item;
    if (!hasAddonPrerequisite(offer, owned, catalog)) throw addonWithoutBase();
    if (line.isTrial) {
      const problem = trialProblem(state, tenantId, offer);
      if (problem !== undefined) throw notEligibleForPurchase(problem);
      continue;
    }
    const poolKey = offer.licenseSkuId ?? offer.id;
    const requested = (requestedBySku.get(poolKey) ?? 0) + line.quantity;
    requestedBySku.set(poolKey, requested);
    const use = seatUse(state, catalog, tenantId, offer);
    if (use.cap !== null && requested > use.remaining)
      throw seatLimitExceeded(line.quantity, use.remaining, item.catalogItemId);
  }
}
