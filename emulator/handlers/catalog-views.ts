// Embedded catalog offers → Product, Sku and Availability wire shapes (samples products.list.nce,
// sku.get.nce, availability.get.nce). The embedded catalog holds NCE licence-based offers only.
import { createHash } from "node:crypto";
import type { BillingCycle, CatalogOffer, TermDuration } from "../../core/catalog.js";
import type { Availability, Product, Sku, Term } from "../wire/catalog.js";
import { availabilityIdFor } from "../rules/catalog-items.js";
import { link } from "./shared.js";

const PUBLISHER = "Microsoft Corporation";
/** The embedded catalog leaves some SKUs without a cap (data/CATALOG.md); the wire needs a number. */
const UNCAPPED_MAXIMUM = 10000;

export function productView(offers: CatalogOffer[], country: string, prefix = ""): Product {
  const first = offers[0]!;
  return {
    id: first.productId,
    title: productTitle(offers),
    description: productTitle(offers),
    productType: { id: "OnlineServicesNCE", displayName: "OnlineServicesNCE" },
    isMicrosoftProduct: true,
    publisherName: PUBLISHER,
    links: {
      skus: link(`${prefix}/products/${first.productId}/skus?country=${country}`),
      self: link(`${prefix}/products/${first.productId}?country=${country}`),
    },
  };
}

function productTitle(offers: CatalogOffer[]): string {
  return [...offers].sort((a, b) => a.skuId.localeCompare(b.skuId))[0]!.title;
}

export function skuView(offer: CatalogOffer, country: string, prefix = ""): Sku {
  const billing = new Set<string>();
  for (const cycles of Object.values(offer.billing)) for (const cycle of cycles ?? []) billing.add(cycle);
  return {
    id: offer.skuId,
    productId: offer.productId,
    title: offer.title,
    description: offer.title,
    minimumQuantity: offer.minimumQuantity,
    maximumQuantity: offer.maximumQuantity ?? UNCAPPED_MAXIMUM,
    isTrial: false,
    supportedBillingCycles: [...billing].sort(),
    purchasePrerequisites: ["MicrosoftCloudAgreement"],
    inventoryVariables: [],
    provisioningVariables: [],
    actions: ["Refund"],
    dynamicAttributes: {
      isMicrosoftProduct: true,
      hasConstraints: offer.maximumQuantity !== null,
      isAddon: offer.isAddOn,
      prerequisiteSkus: offer.prerequisites ?? [],
      isSoftwareAssuranceApplicable: false,
      upgradeTargetOffers: [],
      ...(offer.licenseSkuId === null ? {} : { provisioningId: offer.licenseSkuId }),
      internal: false,
    },
    links: {
      availabilities: link(
        `${prefix}/products/${offer.productId}/skus/${offer.skuId}/availabilities?country=${country}`,
      ),
      self: link(`${prefix}/products/${offer.productId}/skus/${offer.skuId}?country=${country}`),
    },
  };
}

const CYCLE_NAMES: Record<BillingCycle, string> = { monthly: "Monthly", annual: "Annual", triennial: "Triennial" };
const TERM_NAMES: Record<TermDuration, string> = { P1M: "One-Month", P1Y: "One-Year", P3Y: "Three-Years" };

export function availabilityView(offer: CatalogOffer, country: string, prefix = ""): Availability {
  const id = availabilityIdFor(offer);
  const terms: Term[] = [];
  for (const term of offer.terms) {
    for (const cycle of offer.billing[term] ?? []) {
      terms.push({
        id: termId(offer, term, cycle),
        duration: term,
        description: `${TERM_NAMES[term]} commitment for ${cycle} billing`,
        billingCycle: CYCLE_NAMES[cycle],
        // R-CAN-3: full refund for 24 h, then prorated until the 7-day window closes.
        cancellationPolicies: [
          {
            refundOptions: [
              { sequenceId: 0, type: "Full", expiresAfter: "P1D" },
              { sequenceId: 1, type: "Partial", expiresAfter: "P7D" },
            ],
          },
        ],
      });
    }
  }
  return {
    id,
    productId: offer.productId,
    skuId: offer.skuId,
    catalogItemId: `${offer.productId}:${offer.skuId}:${id}`,
    defaultCurrency: { code: "USD", symbol: "$" },
    segment: "commercial",
    country,
    isPurchasable: true,
    isRenewable: true,
    renewalInstructions: [
      {
        applicableTermIds: terms.map((t) => t.id ?? ""),
        renewalOptions: [{ renewToId: `${offer.productId}:${offer.skuId}`, isAutoRenewable: true }],
      },
    ],
    terms,
    links: {
      self: link(`${prefix}/products/${offer.productId}/skus/${offer.skuId}/availabilities/${id}?country=${country}`),
    },
  };
}

function termId(offer: CatalogOffer, term: string, cycle: string): string {
  return createHash("sha256")
    .update(`${offer.id}:${term}:${cycle}`)
    .digest("base64url")
    .replace(/[-_]/g, "x")
    .slice(0, 12)
    .toLowerCase();
}
