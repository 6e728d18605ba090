import catalogData from "../data/catalog.json" with { type: "json" };

export type TermDuration = "P1M" | "P1Y" | "P3Y";
export type BillingCycle = "monthly" | "annual" | "triennial";

/** One NCE offer (productId:skuId) of the embedded catalog; see data/CATALOG.md for how it is derived. */
export interface CatalogOffer {
  id: string;
  productId: string;
  skuId: string;
  title: string;
  skuPartNumber: string | null;
  licenseSkuId: string | null;
  isAddOn: boolean;
  /** Offer ids one of which the customer must own; null = any base offer qualifies. */
  prerequisites: string[] | null;
  terms: TermDuration[];
  termsConfirmed: boolean;
  billing: Partial<Record<TermDuration, BillingCycle[]>>;
  minimumQuantity: number;
  maximumQuantity: number | null;
  trialAvailable: boolean;
  confidence: string;
}

export interface LicenseSku {
  skuPartNumber: string;
  skuId: string;
  productName: string;
  /** `name` is the plan's string id (EXCHANGE_S_FOUNDATION), `displayName` its friendly name ("Exchange Foundation"). */
  servicePlans: ServicePlanInfo[];
}

export interface ServicePlanInfo {
  id: string;
  name: string;
  displayName: string;
  /** "Company" for a plan that applies to the whole tenant, which cannot be disabled per user. */
  appliesTo: "User" | "Company";
}

export interface Catalog {
  offers: Record<string, CatalogOffer>;
  licenseSkus: Record<string, LicenseSku>;
}

export const catalog: Catalog = catalogData as unknown as Catalog;

export function findOffer(offerId: string): CatalogOffer | undefined {
  return Object.hasOwn(catalog.offers, offerId) ? catalog.offers[offerId] : undefined;
}

export function findLicenseSku(skuPartNumber: string): LicenseSku | undefined {
  return Object.hasOwn(catalog.licenseSkus, skuPartNumber) ? catalog.licenseSkus[skuPartNumber] : undefined;
}
