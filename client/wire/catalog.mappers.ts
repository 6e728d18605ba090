// NCE catalog (products, SKUs, availabilities) and the legacy offer catalog: wire → domain.
import type { Availability, Product, Sku, Term } from "../types.js";
import { bool, defined, optArr, optBool, optNum, optObj, optStr, record, str, strings } from "../wire-read.js";
import type * as Wire from "./catalog.js";

export function productFromWire(wire: Wire.Product): Product {
  const context = "product";
  const source = record(wire, context);
  const type = optObj(source, "productType", context);
  return defined({
    id: str(source, "id", context),
    title: str(source, "title", context),
    description: optStr(source, "description", context),
    productType:
      type === undefined
        ? undefined
        : defined({
            id: str(type, "id", "product.productType"),
            displayName: optStr(type, "displayName", "product.productType"),
          }),
  });
}

export function skuFromWire(wire: Wire.Sku): Sku {
  const context = "sku";
  const source = record(wire, context);
  const dynamic = optObj(source, "dynamicAttributes", context) ?? {};
  return defined({
    id: str(source, "id", context),
    productId: str(source, "productId", context),
    title: str(source, "title", context),
    description: optStr(source, "description", context),
    minimumQuantity: optNum(source, "minimumQuantity", context),
    maximumQuantity: optNum(source, "maximumQuantity", context),
    isTrial: bool(source, "isTrial", context),
    supportedBillingCycles: strings(source, "supportedBillingCycles", context),
    purchasePrerequisites: strings(source, "purchasePrerequisites", context),
    provisioningId: optStr(dynamic, "provisioningId", "sku.dynamicAttributes"),
  });
}

function termFromWire(wire: unknown): Term {
  const context = "availability.terms[]";
  const source = record(wire, context);
  return defined({
    duration: str(source, "duration", context),
    billingCycle: optStr(source, "billingCycle", context),
    description: optStr(source, "description", context),
  });
}

export function availabilityFromWire(wire: Wire.Availability): Availability {
  const context = "availability";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    productId: str(source, "productId", context),
    skuId: str(source, "skuId", context),
    catalogItemId: str(source, "catalogItemId", context),
    isPurchasable: optBool(source, "isPurchasable", context),
    // Absent on some real availabilities (one is recorded in test/fixtures/wire): no terms, not a broken SKU.
    terms: (optArr(source, "terms", context) ?? []).map(termFromWire),
  });
}

// --- legacy offers (GET /offers, /offercategories): no wire types of their own, read field by field ---

export interface LegacyOffer {
  id: string;
  name: string;
  minimumQuantity?: number;
  maximumQuantity?: number;
  isAddOn?: boolean;
  isTrial?: boolean;
  isAvailableForPurchase?: boolean;
  categoryId?: string;
}

export function legacyOfferFromWire(wire: unknown): LegacyOffer {
  const context = "offer";
  const source = record(wire, context);
  const category = optObj(source, "category", context);
  return defined({
    id: str(source, "id", context),
    name: str(source, "name", context),
    minimumQuantity: optNum(source, "minimumQuantity", context),
    maximumQuantity: optNum(source, "maximumQuantity", context),
    isAddOn: optBool(source, "isAddOn", context),
    isTrial: optBool(source, "isTrial", context),
    isAvailableForPurchase: optBool(source, "isAvailableForPurchase", context),
    categoryId: category === undefined ? undefined : str(category, "id", "offer.category"),
  });
}

export function offerCategoryFromWire(wire: unknown): { id: string; name: string; rank?: number } {
  const source = record(wire, "offer category");
  return defined({
    id: str(source, "id", "offer category"),
    name: str(source, "name", "offer category"),
    rank: optNum(source, "rank", "offer category"),
  });
}
