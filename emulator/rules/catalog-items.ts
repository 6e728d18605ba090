// How the emulator turns the embedded catalog (core/catalog.ts) into Partner Center catalog ids.
import { createHash } from "node:crypto";
import type { Catalog, CatalogOffer } from "../../core/catalog.js";

const ID_ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXZ";

/**
 * A stable 12-character availability id for an offer. Real availability ids change over time
 * (Partner Center docs: product-resources); the emulator derives one per offer so ids stay stable across restarts.
 */
export function availabilityIdFor(offer: CatalogOffer): string {
  const digest = createHash("sha256").update(`availability:${offer.id}`).digest();
  let id = "";
  for (let i = 0; i < 12; i += 1) id += ID_ALPHABET[(digest[i] ?? 0) % ID_ALPHABET.length];
  return id;
}

export function catalogItemIdFor(offer: CatalogOffer): string {
  return `${offer.productId}:${offer.skuId}:${availabilityIdFor(offer)}`;
}

export interface ResolvedCatalogItem {
  offer: CatalogOffer;
  availabilityId: string;
  catalogItemId: string;
}

/**
 * Resolves `product:sku:availability` (a purchase) or `product:sku` (a seed). A stale or unknown
 * availability id does not resolve, as at checkout (404/400019).
 */
export function resolveCatalogItem(catalog: Catalog, catalogItemId: string): ResolvedCatalogItem | undefined {
  const [productId, skuId, availabilityId, ...rest] = catalogItemId.split(":");
  if (productId === undefined || skuId === undefined || rest.length > 0) return undefined;
  const offerKey = `${productId.toUpperCase()}:${skuId.toUpperCase()}`;
  const offer = Object.hasOwn(catalog.offers, offerKey) ? catalog.offers[offerKey] : undefined;
  if (offer === undefined) return undefined;
  const expected = availabilityIdFor(offer);
  if (availabilityId !== undefined && availabilityId.toUpperCase() !== expected) return undefined;
  return { offer, availabilityId: expected, catalogItemId: `${offer.productId}:${offer.skuId}:${expected}` };
}

export function productsOf(catalog: Catalog): Map<string, CatalogOffer[]> {
  const products = new Map<string, CatalogOffer[]>();
  for (const offer of Object.values(catalog.offers)) {
    const list = products.get(offer.productId) ?? [];
    list.push(offer);
    products.set(offer.productId, list);
  }
  return products;
}
