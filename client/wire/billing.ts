// Invoices and reconciliation line items as Partner Center (v1) and Graph's billing export (v2)
// write them (Partner Center docs: invoice-resources, invoice line items; Microsoft Graph:
// partners-billing). Rows are read key-case-insensitively and numbers are accepted as JSON numbers
// or strings: Microsoft's NCE samples write `"unitPrice": "16"`, other rows write numbers, and the
// casing inside v2 blobs is not documented.
import type { Invoice, ReconciliationLine } from "../types.js";
import { record, str, unexpected, type WireRecord } from "../wire-read.js";

/** Keys lower-cased (and `attributes/objectType`-style keys kept), for case-insensitive reads. */
function lowerKeys(value: unknown, context: string): Map<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw unexpected(context, "expected an object");
  const map = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value as WireRecord)) map.set(key.toLowerCase(), item);
  return map;
}

function text(row: Map<string, unknown>, names: string[]): string {
  for (const name of names) {
    const value = row.get(name.toLowerCase());
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
  }
  return "";
}

/** A decimal amount (number or string) as integer cents; the context names the row for errors. */
function amountCents(value: unknown, field: string, context: string): number {
  const parsed =
    typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : 0;
  if (!Number.isFinite(parsed)) throw unexpected(context, `"${field}" is not a number: ${String(value)}`);
  return Math.round(parsed * 100);
}

function count(row: Map<string, unknown>, names: string[], context: string): number {
  for (const name of names) {
    const value = row.get(name.toLowerCase());
    if (value === undefined || value === null || value === "") continue;
    const parsed = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(parsed)) throw unexpected(context, `"${name}" is not a number: ${String(value)}`);
    return parsed;
  }
  return 0;
}

function cents(row: Map<string, unknown>, names: string[], context: string): number {
  for (const name of names) {
    const value = row.get(name.toLowerCase());
    if (value !== undefined && value !== null && value !== "") return amountCents(value, name, context);
  }
  return 0;
}

export function reconciliationLineFromWire(value: unknown): ReconciliationLine {
  const context = "reconciliation line item";
  const row = lowerKeys(value, context);
  const productId = text(row, ["productId"]);
  const skuId = text(row, ["skuId"]);
  return {
    invoiceNumber: text(row, ["invoiceNumber", "invoiceId"]),
    customerId: text(row, ["customerId"]).toLowerCase(),
    customerName: text(row, ["customerName"]),
    customerDomainName: text(row, ["customerDomainName"]),
    subscriptionId: text(row, ["subscriptionId"]).toLowerCase(),
    subscriptionDescription: text(row, ["subscriptionDescription"]),
    orderId: text(row, ["orderId"]),
    offerId: productId === "" ? "" : `${productId}:${skuId}`,
    productName: text(row, ["productName"]),
    skuName: text(row, ["skuName"]),
    chargeType: text(row, ["chargeType"]),
    chargeStartDate: text(row, ["chargeStartDate"]),
    chargeEndDate: text(row, ["chargeEndDate"]),
    termAndBillingCycle: text(row, ["termAndBillingCycle"]),
    quantity: count(row, ["quantity", "billableQuantity"], context),
    unitPriceCents: cents(row, ["unitPrice"], context),
    effectiveUnitPriceCents: cents(row, ["effectiveUnitPrice"], context),
    subtotalCents: cents(row, ["subtotal"], context),
    taxCents: cents(row, ["taxTotal"], context),
    totalCents: cents(row, ["totalForCustomer", "total"], context),
    currency: text(row, ["currency", "pricingCurrency"]),
  };
}

export function invoiceFromWire(value: unknown): Invoice {
  const context = "invoice";
  const source = record(value, context);
  return {
    id: str(source, "id", context),
    invoiceDate: text(lowerKeys(source, context), ["invoiceDate"]),
    billingPeriodStart: text(lowerKeys(source, context), ["billingPeriodStartDate"]),
    billingPeriodEnd: text(lowerKeys(source, context), ["billingPeriodEndDate"]),
    totalCents: amountCents(source.totalCharges, "totalCharges", context),
    currency: text(lowerKeys(source, context), ["currencyCode"]),
  };
}
