// Text, JSON and HTML renderings of the customer and estate views, each from the view's data only.
// Everything Partner Center returned is untrusted: control characters are shown as `\u001b` escapes on the
// terminal, and every value is HTML-escaped in the page (which loads nothing: inline CSS, a CSP).
import { printableLine } from "../../../core/terminal-text.js";
import { escapeXml } from "../escape.js";
import { htmlPage } from "../theme.js";
import type { CustomerView, UnavailableTab } from "../../views/customer-view.js";
import type { EstateView } from "../../views/estate-view.js";
import { amountOrNoPrices, plainAmount } from "../money.js";

export const VIEW_FORMATS = ["text", "json", "html"] as const;
export type ViewFormat = (typeof VIEW_FORMATS)[number];

export interface Table {
  title: string;
  /** A note instead of rows: the tab could not be shown. */
  note?: string;
  headers: string[];
  rows: string[][];
}

const UNDECLARED = "(undeclared)";

function isUnavailable(tab: unknown): tab is UnavailableTab {
  return typeof tab === "object" && tab !== null && "unavailable" in tab;
}

export function customerTables(view: CustomerView): Table[] {
  const tables: Table[] = [];
  const add = <T>(
    title: string,
    tab: T[] | UnavailableTab | undefined,
    headers: string[],
    row: (item: T) => string[],
  ) => {
    if (tab === undefined) return;
    if (isUnavailable(tab)) tables.push({ title, note: tab.unavailable, headers: [], rows: [] });
    else tables.push({ title, headers, rows: tab.map(row) });
  };
  const { tabs } = view;
  add(
    "Subscriptions",
    tabs.subscriptions,
    ["name", "offer", "friendly name", "seats", "status", "term", "billing", "auto-renew", "term end"],
    (s) => [
      s.name ?? UNDECLARED,
      s.offer,
      s.friendlyName,
      String(s.quantity),
      s.trial ? `${s.status} (trial)` : s.status,
      s.term,
      s.billing,
      s.autoRenew ? "on" : "off",
      s.termEnd?.slice(0, 10) ?? "",
    ],
  );
  add("Products (licences)", tabs.products, ["SKU", "purchased", "assigned", "available", "suspended"], (p) => [
    p.sku,
    String(p.purchased),
    String(p.assigned),
    String(p.available),
    String(p.suspended),
  ]);
  add("Users", tabs.users, ["user", "display name", "enabled", "licences", "declared"], (u) => [
    u.userPrincipalName,
    u.displayName,
    u.enabled ? "yes" : "no",
    u.licences.join(", "),
    u.declared ? "yes" : UNDECLARED,
  ]);
  add("Orders", tabs.orders, ["order", "created", "status", "billing", "lines"], (o) => [
    o.id,
    o.created?.slice(0, 10) ?? "",
    o.status,
    o.billingCycle ?? "",
    o.lines.map((l) => `${l.name ?? l.offer} × ${l.quantity}`).join("; "),
  ]);
  add("Invoices", tabs.invoices, ["invoice", "date", "billing period", "charges", "currency", "lines"], (i) => [
    i.invoiceId,
    i.invoiceDate.slice(0, 10),
    `${i.periodStart.slice(0, 10)} – ${i.periodEnd.slice(0, 10)}`,
    plainAmount(i.customerTotalCents / 100),
    i.currency,
    String(i.lines),
  ]);
  if (tabs.profile !== undefined) {
    const p = tabs.profile;
    if (isUnavailable(p)) tables.push({ title: "Profile", note: p.unavailable, headers: [], rows: [] });
    else
      tables.push({
        title: "Profile",
        headers: ["field", "value"],
        rows: [
          ["customer id", p.id],
          ["domain", p.domain],
          ["company", p.companyName ?? ""],
          ["billing contact", p.billing ? `${p.billing.firstName ?? ""} ${p.billing.lastName ?? ""}`.trim() : ""],
          ["billing email", p.billing?.email ?? ""],
          ["country", p.billing?.country ?? ""],
        ],
      });
  }
  if (tabs.audit !== undefined) {
    const a = tabs.audit;
    if (isUnavailable(a)) tables.push({ title: "Audit log", note: a.unavailable, headers: [], rows: [] });
    else
      tables.push({
        title: `Audit log (since ${a.since.slice(0, 10)})`,
        headers: ["date (UTC)", "operation", "object", "by", "via", "status"],
        rows: a.records.map((r) => [
          `${r.date.slice(0, 10)} ${r.date.slice(11, 16)}`,
          r.operation,
          r.object ?? r.resourceType,
          r.by ?? "",
          r.via ?? "",
          r.status,
        ]),
      });
  }
  add(
    "Access (GDAP)",
    tabs.access,
    ["relationship", "status", "roles", "ends", "auto-extend", "access assignments"],
    (a) => [
      a.displayName,
      a.status,
      a.roles.join(", "),
      a.endsAt?.slice(0, 10) ?? "",
      a.autoExtend ? "yes" : "no",
      a.assignments.map((x) => `${x.group}: ${x.roles.join(", ")} (${x.status})`).join("; "),
    ],
  );
  return tables;
}

function estateTable(view: EstateView): Table {
  return {
    title: "Customers",
    headers: ["customer", "domain", "seats purchased", "assigned", "unused", "monthly cost", "drift", "findings"],
    rows: [
      ...view.customers.map((c) => [
        c.name,
        c.domain,
        String(c.seats.purchased),
        String(c.seats.assigned),
        String(c.seats.unused),
        amountOrNoPrices(c.monthlyCost),
        c.drift,
        String(c.findings),
      ]),
      [
        "total",
        "",
        String(view.totals.purchased),
        String(view.totals.assigned),
        String(view.totals.unused),
        amountOrNoPrices(view.totals.monthlyCost),
        "",
        "",
      ],
    ],
  };
}

export function renderCustomerView(view: CustomerView, format: ViewFormat): string {
  if (format === "json") return `${JSON.stringify(view, null, 2)}\n`;
  const title = `customer:${view.customer.name} (${view.customer.domain}${view.customer.id ? `, ${view.customer.id}` : ""})`;
  return format === "html" ? page(title, view.generatedAt, customerTables(view)) : text(title, customerTables(view));
}

export function renderEstateView(view: EstateView, format: ViewFormat): string {
  if (format === "json") return `${JSON.stringify(view, null, 2)}\n`;
  const title = `estate: ${view.customers.length} customer(s)`;
  return format === "html" ? page(title, view.generatedAt, [estateTable(view)]) : text(title, [estateTable(view)]);
}

function text(title: string, tables: Table[]): string {
  const lines = [printableLine(title), ""];
  for (const table of tables) {
    lines.push(printableLine(table.title));
    if (table.note !== undefined) lines.push(`  ${printableLine(table.note)}`);
    else if (table.rows.length === 0) lines.push("  (none)");
    else {
      const cells = [table.headers, ...table.rows].map((row) => row.map(printableLine));
      const widths = table.headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
      for (const row of cells)
        lines.push(
          `  ${row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join("  ")
            .trimEnd()}`,
        );
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

/** One table (or its note) as HTML; every value escaped. */
export function tableHtml(table: Table): string {
  if (table.note !== undefined) return `<p class="note">${escapeXml(table.note)}</p>`;
  if (table.rows.length === 0) return `<p class="note">(none)</p>`;
  const head = table.headers.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join("");
  const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeXml(cell)}</td>`).join("")}</tr>`);
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function page(title: string, generatedAt: string, tables: Table[]): string {
  const sections = tables
    .map((table) => `<section><h2>${escapeXml(table.title)}</h2>${tableHtml(table)}</section>`)
    .join("\n");
  const header = `<header class="top"><h1>${escapeXml(title)}</h1><p>Read from Partner Center at ${escapeXml(generatedAt)}.</p></header>`;
  return htmlPage({ title, body: `${header}\n${sections}` });
}
