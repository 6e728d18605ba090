// A charge as a reconciliation line item (`OneTimeInvoiceLineItem`, Partner Center docs:
// invoice-line-items; samples invoice.lineitems.onetime.billing and …unbilled.onetime). v1 rows write
// numbers as strings, as Microsoft's NCE samples do; v2 export rows (Graph) write JSON numbers.
// Amount rule (R-BIL-4): subtotal = ROUNDDOWN(effectiveUnitPrice, 2) × billableQuantity, no tax.
import { createHash } from "node:crypto";
import type { Catalog } from "../../core/catalog.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import type { EmulatorState, PartnerRecord } from "../store/state.js";
import type { OneTimeInvoiceLineItem } from "../wire/billing.js";
import type { Charge } from "./ledger.js";
import { customerFacts } from "./invoices.js";
import { centsToDecimal } from "./price-table.js";

const TERM_TEXT: Record<string, string> = { P1M: "One-Month", P1Y: "One-Year", P3Y: "Three-Years" };
const CYCLE_TEXT: Record<string, string> = { monthly: "Monthly", annual: "Annual", triennial: "Triennial" };

export interface RowContext {
  state: EmulatorState;
  partner: PartnerRecord;
  catalog: Catalog;
  /** "" for unbilled rows. */
  invoiceNumber: string;
}

export function reconRow(charge: Charge, context: RowContext, numbers: "string" | "number"): OneTimeInvoiceLineItem {
  const { partner, catalog } = context;
  const customer = customerFacts(context.state, partner, charge.customerId);
  const order = partner.orders[charge.orderId];
  const subscription = partner.subscriptions[charge.subscriptionId];
  const item = resolveCatalogItem(catalog, charge.offerId);
  const [productId = "", skuId = ""] = charge.offerId.split(":");
  const amount = (cents: number): string | number =>
    numbers === "string" ? centsToDecimal(cents) : Number(centsToDecimal(cents));
  const count = (n: number): string | number => (numbers === "string" ? String(n) : n);
  const qualifiers = [
    ...(item?.offer.isAddOn ? ["AddOn"] : []),
    ...(subscription?.startedAsTrial && charge.chargeType === "convert" ? ["Trial"] : []),
  ];
  return {
    partnerId: partner.tenantId,
    customerId: charge.customerId,
    customerName: customer.name,
    customerDomainName: customer.domain,
    customerCountry: customer.country,
    invoiceNumber: context.invoiceNumber,
    mpnId: partner.mpnId,
    resellerMpnId: subscription?.partnerId ?? "",
    orderId: charge.orderId,
    orderDate: order?.creationDate ?? charge.termStartDate,
    productId,
    skuId,
    availabilityId: subscription?.availabilityId ?? item?.availabilityId ?? "",
    productName: item?.offer.title ?? charge.offerId,
    skuName: item?.offer.title ?? charge.offerId,
    productQualifiers: qualifiers,
    chargeType: charge.chargeType,
    unitPrice: amount(charge.unitPriceCents),
    effectiveUnitPrice: amount(charge.effectiveUnitPriceCents),
    unitType: "",
    quantity: count(charge.quantity),
    subtotal: amount(charge.subtotalCents),
    taxTotal: amount(0),
    totalForCustomer: amount(charge.subtotalCents),
    currency: "USD",
    publisherName: "Microsoft Corporation",
    publisherId: "",
    subscriptionDescription: subscription?.friendlyName ?? "",
    subscriptionId: charge.subscriptionId,
    subscriptionStartDate: charge.termStartDate,
    subscriptionEndDate: charge.termEndDate,
    chargeStartDate: charge.chargeStartDate,
    chargeEndDate: charge.chargeEndDate,
    termAndBillingCycle: `${TERM_TEXT[charge.termDuration] ?? charge.termDuration} commitment for ${CYCLE_TEXT[charge.billingCycle] ?? charge.billingCycle} billing`,
    alternateId: charge.orderId,
    referenceId: referenceId(charge),
    priceAdjustmentDescription: "",
    discountDetails: "",
    pricingCurrency: "USD",
    pcToBCExchangeRate: count(1),
    pcToBCExchangeRateDate: `${charge.at.slice(0, 8)}01T00:00:00`,
    billableQuantity: count(charge.quantity),
    meterDescription: "",
    billingFrequency: context.invoiceNumber === "" ? "" : (CYCLE_TEXT[charge.billingCycle] ?? ""),
    reservationOrderId: "",
    invoiceLineItemType: "billing_line_items",
    billingProvider: "one_time",
    promotionId: "",
    attributes: { objectType: "OneTimeInvoiceLineItem" },
  };
}

/** A GUID naming the charge, the same on every read (the sample's `referenceId` is a GUID). */
function referenceId(charge: Charge): string {
  const hex = createHash("sha256").update(`${charge.subscriptionId}|${charge.at}|${charge.chargeType}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
