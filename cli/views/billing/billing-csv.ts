// `cspctl billing --format csv`: one row per reconciliation line, written as the lines arrive from
// Partner Center (cycle by cycle, in the order Microsoft exports them) and kept by nobody, so memory
// stays flat however many lines a cycle has. Each row carries the estate's names, resale and margin
// (the report's line pricer). Partner Center text in a cell that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
import { stringify } from "csv-stringify/sync";
import { linePricer } from "../../../reconciler/billing/billing-report.js";
import type { BillingSources } from "../../../reconciler/billing/read-billing.js";

const HEADER = [
  "cycle",
  "invoice",
  "customer",
  "subscription",
  "subscriptionId",
  "offer",
  "product",
  "chargeType",
  "chargeStart",
  "chargeEnd",
  "quantity",
  "unitCost",
  "cost",
  "resale",
  "margin",
  "currency",
];

/** Rows are handed on in batches of this many (one write each). */
const BATCH = 500;

const cell = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const plain = (cents: number): string => (cents / 100).toFixed(2);

/** The CSV text, in chunks, reading each cycle's lines only as the chunks are consumed. */
export async function* billingCsv(sources: BillingSources, currency = "USD"): AsyncGenerator<string> {
  yield stringify([HEADER]);
  const price = linePricer(sources.declared);
  for (const cycle of sources.cycles) {
    let rows: string[][] = [];
    for await (const line of cycle.lines()) {
      const { customerName, subscriptionName, view } = price(line);
      rows.push([
        cycle.period,
        cell(cycle.invoiceId),
        cell(customerName ?? line.customerName),
        cell(subscriptionName ?? ""),
        cell(line.subscriptionId),
        cell(line.offerId),
        cell(line.productName),
        cell(view.chargeType),
        view.chargeStartDate,
        view.chargeEndDate,
        String(view.quantity),
        plain(view.unitCostCents),
        plain(view.costCents),
        plain(view.resaleCents),
        plain(view.marginCents),
        currency,
      ]);
      if (rows.length >= BATCH) {
        yield stringify(rows);
        rows = [];
      }
    }
    if (rows.length > 0) yield stringify(rows);
  }
}
