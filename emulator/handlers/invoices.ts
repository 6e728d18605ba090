// Invoices and v1 reconciliation line items (Partner Center docs: get-invoices, get-invoice-by-id,
// get-invoice-summaries, get-invoice-billed-consumption-lineitems / unbilled-reconciliation), all
// read from the charge ledger, so every figure agrees with the v2 export to the cent.
import type { InvoiceRecord } from "../billing/invoices.js";
import { cachedPartnerLedger } from "../billing/ledger-cache.js";
import type { Charge } from "../billing/ledger.js";
import { reconRow } from "../billing/recon-rows.js";
import { invalidInput, resourceNotFound } from "../errors.js";
import type { EmulatorRequest, Handler, HandlerContext } from "../pipeline/types.js";
import { wireTimestamp } from "../rules/terms.js";
import type { Store } from "../store/memory-store.js";
import type { PartnerRecord } from "../store/state.js";
import type { Invoice, InvoiceSummary, OneTimeInvoiceLineItem } from "../wire/billing.js";
import { readSeekQuery, seekPage } from "./paging.js";
import { callingPartner, collection, link, ok } from "./shared.js";

/** v1 line items are served in pages of at most 2000 (Partner Center docs: invoice line items). */
const MAX_LINE_PAGE = 2000;

function ledgerOf(store: Store, request: EmulatorRequest, context: HandlerContext) {
  const partner = callingPartner(store, request);
  return {
    partner,
    ledger: cachedPartnerLedger(partner, context.catalog, context.clock.now(), context.config.billingCycleDay),
  };
}

function invoiceView(invoice: InvoiceRecord, withPdf: boolean): Invoice {
  const end = new Date(invoice.period.next.getTime() - 1000);
  return {
    id: invoice.id,
    invoiceDate: wireTimestamp(invoice.period.next),
    billingPeriodStartDate: wireTimestamp(invoice.period.start),
    billingPeriodEndDate: wireTimestamp(end),
    totalCharges: invoice.totalCents / 100,
    paidAmount: 0,
    currencyCode: "USD",
    currencySymbol: "$",
    ...(withPdf ? { pdfDownloadLink: `/invoices/${invoice.id}/documents/statement` } : {}),
    taxReceipts: [],
    invoiceDetails: [
      {
        invoiceLineItemType: "billing_line_items",
        billingProvider: "one_time",
        links: { self: link(`/invoices/OneTime-${invoice.id}/lineitems/OneTime/BillingLineItems`) },
        attributes: { objectType: "InvoiceDetail" },
      },
    ],
    documentType: "invoice",
    invoiceType: "OneTime",
    links: { self: link(`/invoices/OneTime-${invoice.id}`) },
    attributes: { objectType: "Invoice" },
  };
}

/** `OneTime-G000024135` and `G000024135` name the same invoice. */
function findInvoice(invoices: InvoiceRecord[], raw: string): InvoiceRecord {
  const id = raw.replace(/^[a-z]+-/i, "").toUpperCase();
  const invoice = invoices.find((candidate) => candidate.id === id);
  if (invoice === undefined) throw resourceNotFound(`Invoice ${raw}`);
  return invoice;
}

export function listInvoices(store: Store): Handler {
  return (request, context) => {
    const { ledger } = ledgerOf(store, request, context);
    // size/offset are ignored for modern (NCE) invoices: all are returned (Partner Center docs: get-invoices).
    const items = [...ledger.invoices].reverse().map((invoice) => invoiceView(invoice, false));
    return ok(collection(items, "/invoices"));
  };
}

export function getInvoice(store: Store): Handler {
  return (request, context) => {
    const { ledger } = ledgerOf(store, request, context);
    return ok(invoiceView(findInvoice(ledger.invoices, request.params.invoiceId ?? ""), true));
  };
}

export function getInvoiceSummaries(store: Store): Handler {
  return (request, context) => {
    const { ledger } = ledgerOf(store, request, context);
    const invoices = ledger.invoices;
    if (invoices.length === 0) return ok(collection([], "/invoices/summaries"));
    const balance = invoices.reduce((sum, invoice) => sum + invoice.totalCents, 0) / 100;
    const first = wireTimestamp(invoices[0]!.period.next);
    const latest = wireTimestamp(invoices[invoices.length - 1]!.period.next);
    const detail = {
      balanceAmount: balance,
      currencyCode: "USD",
      currencySymbol: "$",
      accountingDate: latest,
      firstInvoiceCreationDate: first,
      lastPaymentDate: "0001-01-01T00:00:00",
      lastPaymentAmount: 0,
      latestInvoiceDate: latest,
    };
    const summary: InvoiceSummary = {
      ...detail,
      details: [{ invoiceType: "OneTime", summary: { ...detail, attributes: { objectType: "InvoiceSummary" } } }],
      links: { self: link("/invoices/summary") },
      attributes: { objectType: "InvoiceSummary" },
    };
    return ok(collection([summary], "/invoices/summaries"));
  };
}

function checkLineQuery(request: EmulatorRequest, provider: string | null, type: string | null): void {
  if ((provider ?? "").toLowerCase().replace("_", "") !== "onetime")
    throw invalidInput("Only provider=onetime is emulated for NCE reconciliation line items.");
  if ((type ?? "").toLowerCase().replace(/_/g, "") !== "billinglineitems")
    throw invalidInput("invoicelineitemtype must be billinglineitems (daily-rated usage is not emulated).");
  void request;
}

function linePage(
  request: EmulatorRequest,
  charges: Charge[],
  row: (charge: Charge) => OneTimeInvoiceLineItem,
  listPath: string,
) {
  const records = charges.map((charge, index) => ({ id: String(index).padStart(9, "0"), charge }));
  const query = readSeekQuery(request, MAX_LINE_PAGE, MAX_LINE_PAGE);
  return ok(seekPage(records, query, listPath, listPath, (record) => row(record.charge)));
}

function rowContext(store: Store, partner: PartnerRecord, context: HandlerContext, invoiceNumber: string) {
  return { state: store.state, partner, catalog: context.catalog, invoiceNumber };
}

export function listBilledLineItems(store: Store): Handler {
  return (request, context) => {
    if (request.query.get("seekOperation")?.toLowerCase() !== "next")
      checkLineQuery(
        request,
        request.params.provider ?? request.query.get("provider"),
        request.params.lineItemType ?? request.query.get("invoicelineitemtype"),
      );
    const { partner, ledger } = ledgerOf(store, request, context);
    const invoice = findInvoice(ledger.invoices, request.params.invoiceId ?? "");
    const rows = rowContext(store, partner, context, invoice.id);
    return linePage(
      request,
      invoice.charges,
      (charge) => reconRow(charge, rows, "string"),
      `/invoices/${invoice.id}/lineitems`,
    );
  };
}

export function listUnbilledLineItems(store: Store): Handler {
  return (request, context) => {
    const { partner, ledger } = ledgerOf(store, request, context);
    let charges: Charge[] = [];
    if (request.query.get("seekOperation")?.toLowerCase() !== "next") {
      checkLineQuery(request, request.query.get("provider"), request.query.get("invoicelineitemtype"));
      const currency = request.query.get("currencycode");
      const period = request.query.get("period")?.toLowerCase();
      if (currency === null || currency === "") throw invalidInput("currencycode is required.");
      if (period !== "current" && period !== "previous") throw invalidInput("period must be current or previous.");
      // The emulator invoices a period the moment it closes, so "previous" has nothing unbilled left.
      if (currency.toUpperCase() === "USD" && period === "current") charges = ledger.current.charges;
    } else {
      charges = ledger.current.charges;
    }
    const rows = rowContext(store, partner, context, "");
    return linePage(request, charges, (charge) => reconRow(charge, rows, "string"), "/invoices/unbilled/lineitems");
  };
}
