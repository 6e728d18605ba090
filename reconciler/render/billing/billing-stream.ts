// `cspctl billing --format csv` and `--format jsonl`: one row per reconciliation line, written as
// the lines arrive from Partner Center (cycle by cycle, in the order Microsoft exports them) and
// kept by nobody, so memory stays flat however many lines a cycle has. Each row carries the
// estate's names, resale and margin (the report's line pricer). CSV: Partner Center text in a cell
// that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
// JSON lines: one object a line, with the JSON report's field names (amounts in cents).
import { stringify } from "csv-stringify/sync";
import type { ReconciliationLine } from "../../../client/types.js";
import { linePricer, type PricedLine } from "../../billing/billing-report.js";
import type { BillingSources, CycleSource } from "../../billing/read-billing.js";
import { plainAmount } from "../money.js";

export const STREAMED_FORMATS = ["csv", "jsonl"] as const;
export type StreamedFormat = (typeof STREAMED_FORMATS)[number];

const CSV_HEADER = [
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
const plain = (cents: number): string => plainAmount(cents / 100);

type Row = { cycle: CycleSource; line: ReconciliationLine; priced: PricedLine; currency: string };

function csvRow({ cycle, line, priced, currency }: Row): string[] {
  const { view } = priced;
  return [
    cycle.period,
    cell(cycle.invoiceId),
    cell(priced.customerName ?? line.customerName),
    cell(priced.subscriptionName ?? ""),
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
  ];
}

function jsonRow({ cycle, line, priced, currency }: Row): string {
  return JSON.stringify({
    cycle: cycle.period,
    invoiceId: cycle.invoiceId,
    customer: priced.customerName,
    customerId: line.customerId,
    companyName: line.customerName,
    subscription: priced.subscriptionName,
    subscriptionId: line.subscriptionId,
    offer: line.offerId,
    productName: line.productName,
    resaleFrom: priced.resaleFrom,
    ...priced.view,
    currency,
  });
}

/** The report's text, in chunks, reading each cycle's lines only as the chunks are consumed. */
export async function* streamBilling(
  sources: BillingSources,
  format: StreamedFormat,
  currency = "USD",
): AsyncGenerator<string> {
  if (format === "csv") yield stringify([CSV_HEADER]);
  const price = linePricer(sources.declared);
  for (const cycle of sources.cycles) {
    let rows: Row[] = [];
    const flush = (): string => (format === "csv" ? stringify(rows.map(csvRow)) : `${rows.map(jsonRow).join("\n")}\n`);
    for await (const line of cycle.lines()) {
      rows.push({ cycle, line, priced: price(line), currency });
      if (rows.length >= BATCH) {
        yield flush();
        rows = [];
      }
    }
    if (rows.length > 0) yield flush();
  }
}
