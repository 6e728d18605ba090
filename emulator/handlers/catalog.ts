// NCE catalog reads (Partner Center docs: product-resources), partner-scoped (`/products?country=`) and customer-scoped
// (`/customers/{id}/products`, country from the customer's billing address).
import type { CatalogOffer } from "../../core/catalog.js";
import { availabilityNotFound, invalidInput, productNotFound, skuNotFound } from "../errors.js";
import type { EmulatorRequest, Handler, HandlerContext } from "../pipeline/types.js";
import { availabilityIdFor, productsOf } from "../rules/catalog-items.js";
import type { Store } from "../store/memory-store.js";
import { availabilityView, productView, skuView } from "./catalog-views.js";
import { collection, customerScope, ok } from "./shared.js";

/** Views the embedded (licence-based NCE) catalog belongs to; others list nothing. */
const LICENSE_VIEWS = new Set(["onlineservices", "microsoft365"]);

interface Scope {
  country: string;
  prefix: string;
}

function partnerScope(request: EmulatorRequest): Scope {
  const country = request.query.get("country");
  if (country === null || !/^[A-Za-z]{2}$/.test(country))
    throw invalidInput("The country query parameter (ISO-2) is required.");
  return { country: country.toUpperCase(), prefix: "" };
}

function scopeOf(store: Store, request: EmulatorRequest): Scope {
  if (request.params["customerId"] === undefined) return partnerScope(request);
  const { customer } = customerScope(store, request);
  return { country: customer.billingProfile.defaultAddress.country, prefix: `/customers/${customer.id}` };
}

function productOffers(context: HandlerContext, productId: string): CatalogOffer[] {
  const offers = productsOf(context.catalog).get((productId ?? "").toUpperCase());
  if (offers === undefined) throw productNotFound();
  return offers;
}

function skuOffer(context: HandlerContext, request: EmulatorRequest): CatalogOffer {
  const offers = productOffers(context, request.params["productId"] ?? "");
  const offer = offers.find((o) => o.skuId.toUpperCase() === (request.params["skuId"] ?? "").toUpperCase());
  if (offer === undefined) throw skuNotFound();
  return offer;
}

export function listProducts(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    const view = request.query.get("targetView");
    if (view === null) throw invalidInput("The targetView query parameter is required.");
    const products = LICENSE_VIEWS.has(view.toLowerCase())
      ? [...productsOf(context.catalog).values()].map((offers) => productView(offers, scope.country, scope.prefix))
      : [];
    return ok(collection(products, `${scope.prefix}/products?${request.query.toString()}`));
  };
}

export function getProduct(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    return ok(productView(productOffers(context, request.params["productId"] ?? ""), scope.country, scope.prefix));
  };
}

export function listSkus(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    const offers = productOffers(context, request.params["productId"] ?? "");
    return ok(
      collection(
        offers.map((offer) => skuView(offer, scope.country, scope.prefix)),
        `${scope.prefix}/products/${offers[0]!.productId}/skus?country=${scope.country}`,
      ),
    );
  };
}

export function getSku(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    return ok(skuView(skuOffer(context, request), scope.country, scope.prefix));
  };
}

export function listAvailabilities(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    const offer = skuOffer(context, request);
    return ok(
      collection(
        [availabilityView(offer, scope.country, scope.prefix)],
        `${scope.prefix}/products/${offer.productId}/skus/${offer.skuId}/availabilities?country=${scope.country}`,
      ),
    );
  };
}

export function getAvailability(store: Store): Handler {
  return (request, context) => {
    const scope = scopeOf(store, request);
    const offer = skuOffer(context, request);
    if ((request.params["availabilityId"] ?? "").toUpperCase() !== availabilityIdFor(offer))
      throw availabilityNotFound();
    return ok(availabilityView(offer, scope.country, scope.prefix));
  };
}
