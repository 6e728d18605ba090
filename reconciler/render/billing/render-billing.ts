// Renders the billing report (reconciler/billing/billing-report.ts) as text, JSON, Markdown or one
// self-contained HTML page with an inline SVG chart per cycle (no script, no network). Names and
// products come from Partner Center: escaped for the terminal, HTML and Markdown. CSV and JSON lines
// are streamed line by line instead (billing-stream.ts).
import type { BillingCycleView, BillingReport, Totals } from "../../billing/billing-report.js";
import { printableLine } from "../../../core/terminal-text.js";
import { escapeMarkdown, escapeXml } from "../escape.js";
import { groupedAmount } from "../money.js";
import { htmlPage } from "../theme.js";
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
const money = (cents: number): string => groupedAmount(cents / 100);
const nameOf = (name: string | null, fallback: string): string => name ?? `(not in the estate) ${fallback}`;
const totals = (t: Totals): string =>
  `cost ${money(t.costCents)}  resale ${money(t.resaleCents)}  margin ${money(t.marginCents)}`;

function renderText(report: BillingReport): string {
  const out: string[] = [];
  for (const cycle of report.cycles) {
    out.push(
      `Billing cycle ${cycle.period} (${cycle.start.slice(0, 10)} – ${cycle.end.slice(0, 10)})  ${cycle.invoiceId === "" ? "unbilled" : `invoice ${printableLine(cycle.invoiceId)}`}`,
    );
    for (const customer of cycle.customers) {
      out.push(`  ${printableLine(nameOf(customer.name, customer.companyName))}  ${totals(customer)}`);
      for (const s of customer.subscriptions) {
        out.push(`    ${printableLine(nameOf(s.name, s.productName))} [${printableLine(s.offer)}]  ${totals(s)}`);
        for (const l of s.lines)
          out.push(
            `      ${printableLine(l.chargeType).padEnd(16)} ${l.chargeStartDate.slice(0, 10)}–${l.chargeEndDate.slice(0, 10)}  ${String(l.quantity).padStart(5)} × ${money(l.unitCostCents).padStart(10)} = ${money(l.costCents).padStart(12)}  resale ${money(l.resaleCents).padStart(12)}  margin ${money(l.marginCents).padStart(10)}`,
          );
      }
    }
    out.push(`  Total ${report.currency}: ${totals(cycle)}${invoiceCheck(cycle)}`);
    for (const u of cycle.reconciliation.undeclared)
      out.push(
        `  ! charge for a subscription the estate does not declare: ${printableLine(u.customer)} ${printableLine(u.productName)} (${printableLine(u.subscriptionId)}) ${money(u.costCents)}`,
      );
    for (const u of cycle.reconciliation.uncharged)
      out.push(
        `  ! declared subscription without a charge this cycle: ${printableLine(u.customer)}/${printableLine(u.subscription)} (${printableLine(u.subscriptionId)})`,
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

function renderMarkdown(report: BillingReport): string {
  const out: string[] = ["# Billing report", ""];
  for (const cycle of report.cycles) {
    out.push(
      `## ${cycle.period} — ${cycle.invoiceId === "" ? "unbilled" : `invoice ${escapeMarkdown(cycle.invoiceId)}`}`,
      "",
    );
    out.push(
      "| Customer | Subscription | Charge | Dates | Qty | Unit cost | Cost | Resale | Margin |",
      "|---|---|---|---|---:|---:|---:|---:|---:|",
    );
    for (const customer of cycle.customers)
      for (const s of customer.subscriptions)
        for (const l of s.lines)
          out.push(
            `| ${escapeMarkdown(nameOf(customer.name, customer.companyName))} | ${escapeMarkdown(nameOf(s.name, s.productName))} | ${escapeMarkdown(l.chargeType)} | ${l.chargeStartDate.slice(0, 10)} – ${l.chargeEndDate.slice(0, 10)} | ${l.quantity} | ${money(l.unitCostCents)} | ${money(l.costCents)} | ${money(l.resaleCents)} | ${money(l.marginCents)} |`,
          );
    out.push("", `**Total ${report.currency}:** ${totals(cycle)}${invoiceCheck(cycle)}`, "");
    for (const u of cycle.reconciliation.undeclared)
      out.push(
        `- Not in the estate: ${escapeMarkdown(u.customer)} — ${escapeMarkdown(u.productName)} (${escapeMarkdown(u.subscriptionId)}), ${money(u.costCents)}`,
      );
    for (const u of cycle.reconciliation.uncharged)
      out.push(
        `- No charge this cycle: ${escapeMarkdown(u.customer)}/${escapeMarkdown(u.subscription)} (${escapeMarkdown(u.subscriptionId)})`,
      );
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
      return `<g><text x="0" y="${y + 15}">${name}</text><rect x="${label}" y="${y + 4}" width="${cost.toFixed(1)}" height="14" fill="#1f4e79" class="cost"><title>${name}: cost ${money(c.costCents)}</title></rect><rect x="${(label + cost).toFixed(1)}" y="${y + 4}" width="${margin.toFixed(1)}" height="14" fill="#7fb3e0" class="margin"><title>${name}: margin ${money(c.marginCents)}</title></rect><text x="${(label + cost + margin + 6).toFixed(1)}" y="${y + 15}">${money(c.resaleCents)}</text></g>`;
    })
    .join("");
  const height = Math.max(rowHeight, customers.length * rowHeight);
  return `<svg class="chart" role="img" aria-label="Cost and margin per customer, ${escapeXml(cycle.period)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

function renderHtml(report: BillingReport): string {
  const sections = report.cycles.map((cycle) => {
    const rows = cycle.customers
      .flatMap((customer) =>
        customer.subscriptions.flatMap((s) =>
          s.lines.map(
            (l) =>
              `<tr><td>${escapeXml(nameOf(customer.name, customer.companyName))}</td><td>${escapeXml(nameOf(s.name, s.productName))}</td><td>${escapeXml(l.chargeType)}</td><td>${l.chargeStartDate.slice(0, 10)} – ${l.chargeEndDate.slice(0, 10)}</td><td class="num">${l.quantity}</td><td class="num">${money(l.unitCostCents)}</td><td class="num">${money(l.costCents)}</td><td class="num">${money(l.resaleCents)}</td><td class="num">${money(l.marginCents)}</td></tr>`,
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
<div class="table-wrap"><table><thead><tr><th scope="col">Customer</th><th scope="col">Subscription</th><th scope="col">Charge</th><th scope="col">Dates</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Unit cost</th><th scope="col" class="num">Cost</th><th scope="col" class="num">Resale</th><th scope="col" class="num">Margin</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<p><strong>Total ${escapeXml(report.currency)}:</strong> ${escapeXml(totals(cycle))}${escapeXml(invoiceCheck(cycle))}</p>
${issues.length === 0 ? "" : `<h3>Reconciliation</h3><ul>${issues.join("")}</ul>`}
</section>`;
  });
  const body = `<header class="top"><h1>Billing report</h1></header>
${sections.join("\n")}
<p><strong>All cycles, ${escapeXml(report.currency)}:</strong> ${escapeXml(totals(report.totals))}</p>`;
  return htmlPage({ title: "cspctl billing report", body });
}
