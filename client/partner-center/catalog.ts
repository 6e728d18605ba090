// The NCE catalog: products → SKUs → availabilities (whose ids change over time).
import type { Availability, Product, Sku } from "../types.js";
import { segment, type ServiceCaller } from "../service.js";
import { collect } from "../paginate.js";
import type * as Wire from "../wire/catalog.js";
import { availabilityFromWire, productFromWire, skuFromWire } from "../wire/catalog.mappers.js";

export interface CatalogScope {
  country: string;
  /** `commercial`, `education`, `government`, `nonprofit`. */
  targetSegment?: string;
}

export function catalogFacade(caller: ServiceCaller) {
  return {
    async listProducts(scope: CatalogScope & { targetView: string }): Promise<Product[]> {
      const items = await collect(
        caller.partnerCenterItems("catalog.products.list", "/products", {
          query: { country: scope.country, targetView: scope.targetView, targetSegment: scope.targetSegment },
        }),
      );
      return items.map((item) => productFromWire(item as Wire.Product));
    },

    async getProduct(productId: string, scope: CatalogScope): Promise<Product> {
      const response = await caller.partnerCenter("catalog.products.get", "GET", `/products/${segment(productId)}`, {
        query: { country: scope.country },
      });
      return productFromWire(response.body as Wire.Product);
    },

    async listSkus(productId: string, scope: CatalogScope): Promise<Sku[]> {
      const items = await collect(
        caller.partnerCenterItems("catalog.skus.list", `/products/${segment(productId)}/skus`, {
          query: { country: scope.country, targetSegment: scope.targetSegment },
        }),
      );
      return items.map((item) => skuFromWire(item as Wire.Sku));
    },

    async getSku(productId: string, skuId: string, scope: CatalogScope): Promise<Sku> {
      const response = await caller.partnerCenter(
        "catalog.skus.get",
        "GET",
        `/products/${segment(productId)}/skus/${segment(skuId)}`,
        { query: { country: scope.country } },
      );
      return skuFromWire(response.body as Wire.Sku);
    },

    /** Always a fresh read: never cache availability ids across a purchase (stale ids fail checkout with 400019). */
    async listAvailabilities(productId: string, skuId: string, scope: CatalogScope): Promise<Availability[]> {
      const items = await collect(
        caller.partnerCenterItems(
          "catalog.availabilities.list",
          `/products/${segment(productId)}/skus/${segment(skuId)}/availabilities`,
          {
            query: { country: scope.country, targetSegment: scope.targetSegment },
          },
        ),
      );
      return items.map((item) => availabilityFromWire(item as Wire.Availability));
    },

    async getAvailability(
      productId: string,
      skuId: string,
      availabilityId: string,
      scope: CatalogScope,
    ): Promise<Availability> {
      const response = await caller.partnerCenter(
        "catalog.availabilities.get",
        "GET",
        `/products/${segment(productId)}/skus/${segment(skuId)}/availabilities/${segment(availabilityId)}`,
        {
          query: { country: scope.country },
        },
      );
      return availabilityFromWire(response.body as Wire.Availability);
    },
  };
}

export type CatalogFacade = ReturnType<typeof catalogFacade>;
