// The estate dashboard `cspctl report --out DIR` writes: `index.html` (the overview) and one page per
// customer (`customers/<file>.html`) with the tabs of `cspctl show customer`. Self-contained static
// pages in cspctl's one look (theme.ts): inline CSS, JS and SVG, a CSP that loads nothing, links
// relative so the folder opens from disk or from a CI artifact. Every value is HTML-escaped.
import type { DriftFinding, DriftReport } from "../../drift/drift-report.js";
import { describeAuthor } from "../../drift/audit-authors.js";
import type { DashboardData } from "../../views/dashboard-data.js";
import type { CustomerView } from "../../views/customer-view.js";
import type { EstateCustomerRow } from "../../views/estate-view.js";
import { customerTables, type Table, tableHtml } from "../show/render-view.js";
import { escapeXml } from "../escape.js";
import { summaryLine } from "../drift/report-text.js";
import { cards, htmlPage, TABS_SCRIPT, tabs, type Verdict, verdictBanner } from "../theme.js";
import { renderUtilisationSvg } from "../utilisation-chart.js";
import { amountOrNoPrices, plainAmount } from "../money.js";

/** The site as relative path → page. */
export function renderDashboard(data: DashboardData): Map<string, string> {
  const files = customerFileNames(data.customers.map((c) => c.customer.name));
  const site = new Map<string, string>([["index.html", overview(data, files)]]);
  for (const view of data.customers) {
    const row = data.estate.customers.find((c) => c.name === view.customer.name);
    site.set(`customers/${files.get(view.customer.name)!}`, customerPage(data.report, view, row));
  }
  return site;
}

/** A file name per customer: lower-case letters, digits, `-` and `_` only; a clash gets a numeric suffix. */
export function customerFileNames(names: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const files = new Map<string, string>();
  for (const name of names) {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 80) || "customer";
    let file = base;
    for (let n = 2; used.has(file); n++) file = `${base}-${n}`;
    used.add(file);
    files.set(name, `${file}.html`);
  }
  return files;
}

const percent = (part: number, whole: number): string => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);

function status(drift: EstateCustomerRow["drift"]): string {
  const [icon, word] = drift === "none" ? ["✔", "no drift"] : drift === "drift" ? ["✖", "drift"] : ["?", "unknown"];
  return `<span class="badge status-${drift}"><span aria-hidden="true">${icon}</span> ${word}</span>`;
}

function verdictOf(report: DriftReport): Verdict {
  return report.summary.unknown > 0 ? "unknown" : report.summary.drift ? "drift" : "ok";
}

function findingTable(findings: readonly DriftFinding[], withCustomer: boolean): string {
  if (findings.length === 0) return `<p class="note">None.</p>`;
  const rows = findings.map((f) => {
    const author = f.lastChange ? `<br><small class="author">${escapeXml(describeAuthor(f.lastChange))}</small>` : "";
    const customer = withCustomer ? `<td>${escapeXml(f.customer ?? "(undeclared)")}</td>` : "";
    return `<tr><td><span class="cat cat-${f.category}">${f.category}</span></td>${customer}<td><code>${escapeXml(f.address)}</code></td><td>${escapeXml(f.message)}${author}</td></tr>`;
  });
  const head = `<th scope="col">category</th>${withCustomer ? `<th scope="col">customer</th>` : ""}<th scope="col">object</th><th scope="col">finding</th>`;
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function isInvitation(f: DriftFinding): boolean {
  return f.fix.step?.action === "send-invitation" || /invitation/i.test(f.message);
}

function overview(data: DashboardData, files: ReadonlyMap<string, string>): string {
  const { report, estate } = data;
  const totals = estate.totals;
  const waste = report.summary.utilisation.wasteMoney;
  const pending = report.findings.filter((f) => f.category === "pending");
  const rows = estate.customers.map((c) => {
    const file = files.get(c.name);
    const name = file ? `<a href="customers/${escapeXml(file)}">${escapeXml(c.name)}</a>` : escapeXml(c.name);
    return `<tr><th scope="row">${name}</th><td>${escapeXml(c.domain)}</td><td class="num">${c.seats.purchased}</td><td class="num">${c.seats.assigned}</td><td class="num">${c.seats.unused}</td><td class="num">${percent(c.seats.assigned, c.seats.purchased)}</td><td class="num">${amountOrNoPrices(c.monthlyCost)}</td><td>${status(c.drift)}</td><td class="num">${c.findings}</td></tr>`;
  });
  const body = `<header class="top"><h1>cspctl estate dashboard</h1>
<p>Read from Partner Center at ${escapeXml(report.generatedAt)}: ${estate.customers.length} customer(s); pending horizon ${report.horizonDays} days.</p></header>
${verdictBanner(verdictOf(report), summaryLine(report))}
<h2>At a glance</h2>
${cards("totals", "Estate totals", [
  [String(estate.customers.length), "customers", "customers"],
  [String(totals.purchased), "seats purchased", "purchased"],
  [String(totals.assigned), "seats assigned", "assigned"],
  [String(totals.unused), "unused seats (waste)", "unused"],
  [amountOrNoPrices(totals.monthlyCost), "monthly cost", "monthly-cost"],
  [amountOrNoPrices(waste), "monthly waste", "waste"],
  [String(pending.length), "coming up", "pending"],
])}
<h2 id="customers-heading">Customers</h2>
<div class="table-wrap"><table id="customers" aria-labelledby="customers-heading"><thead><tr><th scope="col">customer</th><th scope="col">domain</th><th scope="col" class="num">purchased</th><th scope="col" class="num">assigned</th><th scope="col" class="num">unused</th><th scope="col" class="num">used</th><th scope="col" class="num">monthly cost</th><th scope="col">drift</th><th scope="col" class="num">findings</th></tr></thead>
<tbody>${rows.join("\n")}</tbody>
<tfoot><tr><th scope="row">total</th><td></td><td class="num">${totals.purchased}</td><td class="num">${totals.assigned}</td><td class="num">${totals.unused}</td><td class="num">${percent(totals.assigned, totals.purchased)}</td><td class="num">${amountOrNoPrices(totals.monthlyCost)}</td><td></td><td></td></tr></tfoot></table></div>
<h2>Seat utilisation</h2>
<p class="note">Assigned and unused seats per customer, most unused first; the customers table above lists the same numbers.</p>
${renderUtilisationSvg(report.utilisation)}
<h2>Cost over time</h2>
${costChart(data.costHistory)}
<h2>Expiring trials and term ends</h2>
${findingTable(
  pending.filter((f) => !isInvitation(f) && !f.address.includes("/gdap:")),
  true,
)}
<h2>Pending invitations</h2>
${findingTable(pending.filter(isInvitation), true)}
<h2>GDAP relationships</h2>
<p class="note">Relationships ending soon, expired or terminated (each customer's Access tab lists them all).</p>
${findingTable(
  report.findings.filter((f) => f.address.includes("/gdap:")),
  true,
)}`;
  return htmlPage({ title: "cspctl estate dashboard", body });
}

function tabId(table: Table, index: number): string {
  return `tab-${index}-${table.title
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}

function customerPage(report: DriftReport, view: CustomerView, row: EstateCustomerRow | undefined): string {
  const name = view.customer.name;
  const findings = report.findings.filter((f) => f.customer === name);
  const usage = report.utilisation.find((u) => u.customer === name);
  const drift = row?.drift ?? "unknown";
  const verdict: Verdict = drift === "none" ? "ok" : drift;
  const verdictText =
    drift === "none"
      ? "No drift."
      : drift === "drift"
        ? `Drift: ${row?.findings ?? 0} finding(s).`
        : "Drift: UNKNOWN (part could not be read).";
  const subscriptions = (usage?.subscriptions ?? []).map((s) => ({
    customer: s.address.replace(/^customer:[^/]+\//, ""),
    purchased: s.purchased,
    assigned: s.assigned,
    unused: s.unused,
  }));
  const utilisation =
    subscriptions.length === 0
      ? `<p class="note">No measured subscriptions.</p>`
      : `${renderUtilisationSvg(subscriptions, 25, `Seat utilisation per subscription of ${name}`)}
<div class="table-wrap"><table><thead><tr><th scope="col">subscription</th><th scope="col">offer</th><th scope="col" class="num">purchased</th><th scope="col" class="num">assigned</th><th scope="col" class="num">unused</th><th scope="col" class="num">monthly waste</th></tr></thead><tbody>${(
          usage?.subscriptions ?? []
        )
          .map(
            (s) =>
              `<tr><td><code>${escapeXml(s.address)}</code></td><td>${escapeXml(s.offer)}</td><td class="num">${s.purchased}</td><td class="num">${s.assigned}</td><td class="num">${s.unused}</td><td class="num">${amountOrNoPrices(s.wasteMoney)}</td></tr>`,
          )
          .join("")}</tbody></table></div>`;
  const panels = [
    { id: "tab-drift", label: "Drift", body: `<h2>Drift findings</h2>${findingTable(findings, false)}` },
    ...customerTables(view).map((table, i) => ({
      id: tabId(table, i),
      label: table.title.replace(/ \(since .*\)$/, ""),
      body: `<h2>${escapeXml(table.title)}</h2>${tableHtml(table)}`,
    })),
  ];
  const body = `<nav class="crumbs" aria-label="Breadcrumb"><a href="../index.html">Estate dashboard</a> › ${escapeXml(name)}</nav>
<header class="top"><h1>customer:${escapeXml(name)}</h1>
<p>${escapeXml(view.customer.domain)}${view.customer.id ? `, ${escapeXml(view.customer.id)}` : ""}; read from Partner Center at ${escapeXml(view.generatedAt)}.</p></header>
${verdictBanner(verdict, verdictText)}
${cards("totals", "Customer totals", [
  [String(row?.seats.purchased ?? 0), "seats purchased", "purchased"],
  [String(row?.seats.assigned ?? 0), "seats assigned", "assigned"],
  [String(row?.seats.unused ?? 0), "unused seats (waste)", "unused"],
  [amountOrNoPrices(row?.monthlyCost ?? null), "monthly cost", "monthly-cost"],
  [String(row?.findings ?? 0), "findings", "findings"],
])}
<h2>Seat utilisation</h2>
${utilisation}
${tabs(`Tabs of ${name}`, panels)}`;
  return htmlPage({ title: `customer:${name} · cspctl`, body, scripts: [TABS_SCRIPT] });
}

/** The partner's invoice totals per billing period as bars, with the same figures as a table (never only a picture). */
function costChart(history: DashboardData["costHistory"]): string {
  if (history === null || history.length === 0)
    return `<p class="note">No invoices yet: the chart fills in as Partner Center invoices billing cycles.</p>`;
  const shown = history.slice(-12);
  const max = Math.max(...shown.map((h) => h.totalCents), 1);
  const barWidth = 40;
  const height = 160;
  const bars = shown
    .map((h, i) => {
      const barHeight = Math.max(Math.round((h.totalCents / max) * (height - 30)), 1);
      const x = 10 + i * (barWidth + 10);
      return `<rect x="${x}" y="${height - 20 - barHeight}" width="${barWidth}" height="${barHeight}" fill="#0b5cad"><title>${escapeXml(`${h.period}: ${plainAmount(h.totalCents / 100)} ${h.currency}`)}</title></rect><text x="${x + barWidth / 2}" y="${height - 5}" text-anchor="middle" font-size="10">${escapeXml(h.period)}</text>`;
    })
    .join("");
  const width = 20 + shown.length * (barWidth + 10);
  const rows = shown
    .map(
      (h) =>
        `<tr><td>${escapeXml(h.period)}</td><td class="num">${plainAmount(h.totalCents / 100)} ${escapeXml(h.currency)}</td></tr>`,
    )
    .join("");
  return `<figure class="chart"><svg role="img" aria-labelledby="cost-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="cost-title">Invoice totals per billing period, the last ${shown.length}</title>${bars}</svg>
<figcaption>Invoice totals per billing period (all customers), from Partner Center's invoices.</figcaption></figure>
<div class="table-wrap"><table id="cost-history"><thead><tr><th scope="col">billing period</th><th scope="col" class="num">invoice total</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
