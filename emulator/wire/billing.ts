// Invoices, reconciliation line items and the Graph billing export (Partner Center docs:
// invoice-resources, invoice-line-items; Microsoft Graph: partners-billing; samples-2 invoice.*,
// graph.partnerbilling.*). Field names are Microsoft's, verbatim.
import type { Links, ResourceAttributes } from "./common.js";

export interface InvoiceDetail {
  invoiceLineItemType: string;
  billingProvider: string;
  links: Links;
  attributes: ResourceAttributes;
}

export interface Invoice {
  id: string;
  invoiceDate: string;
  billingPeriodStartDate: string;
  billingPeriodEndDate: string;
  totalCharges: number;
  paidAmount: number;
  currencyCode: string;
  currencySymbol: string;
  /** Get-by-id only. */
  pdfDownloadLink?: string;
  taxReceipts: { id: string; taxReceiptPdfDownloadLink: string }[];
  invoiceDetails: InvoiceDetail[];
  documentType: string;
  invoiceType: string;
  links: Links;
  attributes: ResourceAttributes;
}

export interface InvoiceSummaryDetail {
  balanceAmount: number;
  currencyCode: string;
  currencySymbol: string;
  accountingDate: string;
  firstInvoiceCreationDate: string;
  lastPaymentDate: string;
  lastPaymentAmount: number;
  latestInvoiceDate: string;
  attributes: ResourceAttributes;
}

export interface InvoiceSummary extends Omit<InvoiceSummaryDetail, "attributes"> {
  details: { invoiceType: string; summary: InvoiceSummaryDetail }[];
  links: Links;
  attributes: ResourceAttributes;
}

type Amount = string | number;

/** NCE reconciliation row; v1 writes amounts and counts as strings, the v2 export as numbers. */
export interface OneTimeInvoiceLineItem {
  partnerId: string;
  customerId: string;
  customerName: string;
  customerDomainName: string;
  customerCountry: string;
  invoiceNumber: string;
  mpnId: string;
  resellerMpnId: string;
  orderId: string;
  orderDate: string;
  productId: string;
  skuId: string;
  availabilityId: string;
  productName: string;
  skuName: string;
  productQualifiers: string[];
  chargeType: string;
  unitPrice: Amount;
  effectiveUnitPrice: Amount;
  unitType: string;
  quantity: Amount;
  subtotal: Amount;
  taxTotal: Amount;
  totalForCustomer: Amount;
  currency: string;
  publisherName: string;
  publisherId: string;
  subscriptionDescription: string;
  subscriptionId: string;
  subscriptionStartDate: string;
  subscriptionEndDate: string;
  chargeStartDate: string;
  chargeEndDate: string;
  termAndBillingCycle: string;
  alternateId: string;
  referenceId: string;
  priceAdjustmentDescription: string;
  discountDetails: string;
  pricingCurrency: string;
  pcToBCExchangeRate: Amount;
  pcToBCExchangeRateDate: string;
  billableQuantity: Amount;
  meterDescription: string;
  billingFrequency: string;
  reservationOrderId: string;
  invoiceLineItemType: string;
  billingProvider: string;
  promotionId: string;
  attributes: ResourceAttributes;
}

export interface BillingOperation {
  "@odata.type": string;
  id: string;
  status: "running" | "succeeded" | "failed";
  createdDateTime: string;
  lastActionDateTime: string;
  "resourceLocation@odata.navigationLink"?: string;
  error?: { message: string; code: string };
}

export interface BillingManifest {
  id: string;
  schemaVersion: string;
  dataFormat: string;
  createdDateTime: string;
  eTag: string;
  partnerTenantId: string;
  rootDirectory: string;
  sasToken: string;
  partitionType: string;
  blobCount: number;
  blobs: { name: string; partitionValue: string }[];
}
