// Renders the billing report (reconciler/billing/billing-report.ts) as text, JSON, Markdown or one
// self-contained HTML page with an inline SVG chart per cycle (no script, no network). Names and
// products come from Partner Center: escaped for the terminal, HTML and Markdown. CSV and JSON lines
// are streamed line by line instead (billing-stream.ts).
import type { BillingCycleView, BillingReport, Totals } from "../../../reconciler/billing/billing-report.js";
import { escapeXml, printable } from "../../../reconciler/report/report-common.js";
import type { StreamedFormat } from "./billing-stream.js";

export const BILLING_FORMATS = ["text", "csv", "json", "jsonl", "markdown", "html"] as const;
export type BillingFormat = (typeof BILLING_FORMATS)[number];

/** The formats rendered from the whole report; `csv` and `jsonl` are streamed instead (billing-stream.ts). */
export function renderBilling(report: BillingReport, format: Exclude<BillingFormat, StreamedFormat>): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    default:
      return renderText(report);
  }
}

/** Cents as `1,234.56` (negative with a minus sign). */
function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

const nameOf = (name: string | null, fallback: string): string => name ?? `(not in the estate) ${fallback}`;
const totals = (t: Totals): string =>
  `cost ${money(t.costCents)}  resale ${money(t.resaleCents)}  margin ${money(t.marginCents)}`;

function renderText(report: BillingReport): string {
  const out: string[] = [];
  for (const cycle of report.cycles) {
    out.push(
      `Billing cycle ${cycle.period} (${cycle.start.slice(0, 10)} – ${cycle.end.slice(0, 10)})  ${cycle.invoiceId === "" ? "unbilled" : `invoice ${printable(cycle.invoiceId)}`}`,
    );
    for (const customer of cycle.customers) {
      out.push(`  ${printable(nameOf(customer.name, customer.companyName))}  ${totals(customer)}`);
      for (const s of customer.subscriptions) {
        out.push(`    ${printable(nameOf(s.name, s.productName))} [${printable(s.offer)}]  ${totals(s)}`);
        for (const l of s.lines)
          out.push(
            `      ${printable(l.chargeType).padEnd(16)} ${l.chargeStartDate.slice(0, 10)}–${l.chargeEndDate.slice(0, 10)}  ${String(l.quantity).padStart(5)} × ${money(l.unitCostCents).padStart(10)} = ${money(l.costCents).padStart(12)}  resale ${money(l.resaleCents).padStart(12)}  margin ${money(l.marginCents).padStart(10)}`,
          );
      }
    }
    out.push(`  Total ${report.currency}: ${totals(cycle)}${invoiceCheck(cycle)}`);
    for (const u of cycle.reconciliation.undeclared)
      out.push(
        `  ! charge for a subscription the estate does not declare: ${printable(u.customer)} ${printable(u.productName)} (${printable(u.subscriptionId)}) ${money(u.costCents)}`,
      );
    for (const u of cycle.reconciliation.uncharged)
      out.push(
        `  ! declared subscription without a charge this cycle: ${printable(u.customer)}/${printable(u.subscription)} (${printable(u.subscriptionId)})`,
      );
    out.push("");
  }
  out.push(`All cycles, ${report.currency}: ${totals(report.totals)}`);
  return `${out.join("\n")}\n`;
}

function invoiceCheck(cycle: BillingCycleView): string {
  if (cycle.invoiceTotalCents === null) return "";
  return cycle.invoiceTotalCents === cycle.costCents
    ? "  (matches the invoice)"
    : `  (the invoice says ${money(cycle.invoiceTotalCents)})`;
}

const md = (text: string): string => printable(text).replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`);

function renderMarkdown(report: BillingReport): string {
  const out: string[] = ["# Billing report", ""];
  for (const cycle of report.cycles) {
    out.push(`## ${cycle.period} — ${cycle.invoiceId === "" ? "unbilled" : `invoice ${md(cycle.invoiceId)}`}`, "");
    out.push(
      "| Customer | Subscription | Charge | Dates | Qty | Unit cost | Cost | Resale | Margin |",
      "|---|---|---|---|---:|---:|---:|---:|---:|",
    );
    for (const customer of cycle.customers)
      for (const s of customer.subscriptions)
        for (const l of s.lines)
          out.push(
            `| ${md(nameOf(customer.name, customer.companyName))} | ${md(nameOf(s.name, s.productName))} | ${md(l.chargeType)} | ${l.chargeStartDate.slice(0, 10)} – ${l.chargeEndDate.slice(0, 10)} | ${l.quantity} | ${money(l.unitCostCents)} | ${money(l.costCents)} | ${money(l.resaleCents)} | ${money(l.marginCents)} |`,
          );
    out.push("", `**Total ${report.currency}:** ${totals(cycle)}${invoiceCheck(cycle)}`, "");
    for (const u of cycle.reconciliation.undeclared)
      out.push(
        `- Not in the estate: ${md(u.customer)} — ${md(u.productName)} (${md(u.subscriptionId)}), ${money(u.costCents)}`,
      );
    for (const u of cycle.reconciliation.uncharged)
      out.push(`- No charge this cycle: ${md(u.customer)}/${md(u.subscription)} (${md(u.subscriptionId)})`);
    out.push("");
  }
  out.push(`**All cycles, ${report.currency}:** ${totals(report.totals)}`, "");
  return out.join("\n");
}

/** One bar per customer (cost and margin stacked), to scale within the cycle. */
function chart(cycle: BillingCycleView): string {
  const customers = cycle.customers;
  const max = Math.max(1, ...customers.map((c) => Math.max(c.costCents, c.resaleCents)));
  const rowHeight = 22;
  const width = 640;
  const label = 200;
  const bars = customers
    .map((c, i) => {
      const y = i * rowHeight;
      const cost = Math.max(0, (c.costCents / max) * (width - label - 90));
      const margin = Math.max(0, (c.marginCents / max) * (width - label - 90));
      const name = escapeXml(nameOf(c.name, c.companyName));
      return `<g><text x="0" y="${y + 15}">${name}</text><rect x="${label}" y="${y + 4}" width="${cost.toFixed(1)}" height="14" class="cost"><title>${name}: cost ${money(c.costCents)}</title></rect><rect x="${(label + cost).toFixed(1)}" y="${y + 4}" width="${margin.toFixed(1)}" height="14" class="margin"><title>${name}: margin ${money(c.marginCents)}</title></rect><text x="${(label + cost + margin + 6).toFixed(1)}" y="${y + 15}">${money(c.resaleCents)}</text></g>`;
    })
    .join("");
  const height = Math.max(rowHeight, customers.length * rowHeight);
  return `<svg role="img" aria-label="Cost and margin per customer, ${escapeXml(cycle.period)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

function renderHtml(report: BillingReport): string {
  const sections = report.cycles.map((cycle) => {
    const rows = cycle.customers
      .flatMap((customer) =>
        customer.subscriptions.flatMap((s) =>
          s.lines.map(
            (l) =>
              `<tr><td>${escapeXml(nameOf(customer.name, customer.companyName))}</td><td>${escapeXml(nameOf(s.name, s.productName))}</td><td>${escapeXml(l.chargeType)}</td><td>${l.chargeStartDate.slice(0, 10)} – ${l.chargeEndDate.slice(0, 10)}</td><td class="n">${l.quantity}</td><td class="n">${money(l.unitCostCents)}</td><td class="n">${money(l.costCents)}</td><td class="n">${money(l.resaleCents)}</td><td class="n">${money(l.marginCents)}</td></tr>`,
          ),
        ),
      )
      .join("\n");
    const issues = [
      ...cycle.reconciliation.undeclared.map(
        (u) =>
          `<li>Not in the estate: ${escapeXml(u.customer)} — ${escapeXml(u.productName)} (${escapeXml(u.subscriptionId)}), ${money(u.costCents)}</li>`,
      ),
      ...cycle.reconciliation.uncharged.map(
        (u) =>
          `<li>No charge this cycle: ${escapeXml(u.customer)}/${escapeXml(u.subscription)} (${escapeXml(u.subscriptionId)})</li>`,
      ),
    ];
    return `<section><h2>${escapeXml(cycle.period)} — ${cycle.invoiceId === "" ? "unbilled" : `invoice ${escapeXml(cycle.invoiceId)}`}</h2>
<figure>${chart(cycle)}<figcaption>Cost (dark) and margin (light) per customer; the figure is the resale total.</figcaption></figure>
<table><thead><tr><th scope="col">Customer</th><th scope="col">Subscription</th><th scope="col">Charge</th><th scope="col">Dates</th><th scope="col">Qty</th><th scope="col">Unit cost</th><th scope="col">Cost</th><th scope="col">Resale</th><th scope="col">Margin</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p><strong>Total ${escapeXml(report.currency)}:</strong> ${escapeXml(totals(cycle))}${escapeXml(invoiceCheck(cycle))}</p>
${issues.length === 0 ? "" : `<h3>Reconciliation</h3><ul>${issues.join("")}</ul>`}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>cspctl billing report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem}td.n{text-align:right}svg text{font-size:12px;fill:#1b1b1b}.cost{fill:#1f4e79}.margin{fill:#7fb3e0}</style>
</head><body><main><h1>Billing report</h1>
${sections.join("\n")}
<p><strong>All cycles, ${escapeXml(report.currency)}:</strong> ${escapeXml(totals(report.totals))}</p>
</main></body></html>
`;
}
