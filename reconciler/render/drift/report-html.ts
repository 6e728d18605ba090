// One self-contained HTML file in cspctl's look (theme.ts; no external assets, works offline; a
// Content-Security-Policy forbids any fetch): the verdict, the counts as cards, a category filter
// (inline JS), the utilisation chart (inline SVG) and one section per customer.
import { DRIFT_CATEGORIES, type DriftFinding, type DriftReport } from "../../drift/drift-report.js";
import { describeAuthor } from "../../drift/audit-authors.js";
import { escapeXml } from "../escape.js";
import { groupByCustomer } from "./report-common.js";
import { summaryLine } from "./report-text.js";
import { cards, htmlPage, verdictBanner } from "../theme.js";
import { renderUtilisationSvg } from "../utilisation-chart.js";
import { plainAmount } from "../money.js";

const SCRIPT = `(function(){
  var boxes=document.querySelectorAll('.filters input[type=checkbox]');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
    document.querySelectorAll('tr.finding').forEach(function(r){r.classList.toggle('hidden',!on[r.getAttribute('data-category')]);});
    document.querySelectorAll('section.customer').forEach(function(s){
      var visible=s.querySelectorAll('tr.finding:not(.hidden)').length;
      s.classList.toggle('hidden',visible===0);
    });
    var shown=document.querySelectorAll('tr.finding:not(.hidden)').length;
    document.getElementById('shown-count').textContent=String(shown);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();`;

export function renderDriftHtml(report: DriftReport): string {
  const s = report.summary;
  const counts = cards(
    "summary",
    "Findings by category",
    DRIFT_CATEGORIES.map((c) => [String(s.byCategory[c]), c, c] as const),
  );
  const filters = DRIFT_CATEGORIES.map(
    (c) => `<label><input type="checkbox" value="${c}" checked data-filter="${c}"> ${c} (${s.byCategory[c]})</label>`,
  ).join("\n");
  const sections = [...groupByCustomer(report)]
    .map(([customer, findings]) => section(report, customer, findings))
    .join("\n");
  const money =
    s.utilisation.wasteMoney !== null
      ? `, ${plainAmount(s.utilisation.wasteMoney)} a month`
      : " (no price-sheet cost for these seats: seats only)";
  const verdict = s.unknown > 0 ? "unknown" : s.drift ? "drift" : "ok";
  const body = `<header class="top"><h1>cspctl drift report</h1>
<p>Made ${escapeXml(report.generatedAt)} for ${s.customers} customer(s), ${s.declaredObjects} declared object(s); pending horizon ${report.horizonDays} days; drift means: ${escapeXml(report.failOn.join(", "))}.</p></header>
${verdictBanner(verdict, summaryLine(report), ` data-drift="${s.drift}"`)}
<h2>Summary</h2>
${counts}
<h2>Utilisation</h2>
<p id="utilisation-total">${s.utilisation.assigned} of ${s.utilisation.purchased} seats assigned, ${s.utilisation.unused} unused${escapeXml(money)}.</p>
${renderUtilisationSvg(report.utilisation)}
<h2>Findings</h2>
<div class="filters" role="group" aria-label="Filter by category">${filters}</div>
<p><span id="shown-count">${report.findings.length}</span> of ${report.findings.length} finding(s) shown.</p>
${sections || "<p>No findings.</p>"}
${warningsList(report)}`;
  return htmlPage({ title: `cspctl drift report ${report.generatedAt}`, body, scripts: [SCRIPT] });
}

function warningsList(report: DriftReport): string {
  if (report.warnings.length === 0) return "";
  const items = report.warnings.map(
    (w) => `<li><code>${escapeXml(w.code)}</code> <code>${escapeXml(w.address)}</code>: ${escapeXml(w.message)}</li>`,
  );
  return `<h2>Plan warnings</h2>\n<ul id="warnings">\n${items.join("\n")}\n</ul>`;
}

function section(report: DriftReport, customer: string | null, findings: DriftFinding[]): string {
  const util = customer === null ? undefined : report.utilisation.find((u) => u.customer === customer);
  const rows = findings.map((f) => {
    const where = f.source ? `<br><small>${escapeXml(f.source.file)}:${f.source.line}</small>` : "";
    const fix = [
      f.fix.step
        ? `apply: ${f.fix.step.action} (${f.fix.step.reason})${f.fix.step.status !== "ready" ? ` [${f.fix.step.status}]` : ""}`
        : "",
      f.fix.step?.blocked ?? "",
      f.fix.note ?? "",
    ]
      .filter(Boolean)
      .map(escapeXml)
      .join("<br>");
    const yaml = f.fix.yaml
      ? `<details><summary>accept in YAML</summary><pre>${escapeXml(f.fix.yaml)}</pre></details>`
      : "";
    return `<tr class="finding" data-category="${f.category}"><td><span class="cat cat-${f.category}">${f.category}</span></td><td><code>${escapeXml(f.address)}</code>${where}</td><td>${escapeXml(f.message)}${f.lastChange ? `<br><small class="author">${escapeXml(describeAuthor(f.lastChange))}</small>` : ""}</td><td>${fix}${yaml}</td></tr>`;
  });
  const title = customer === null ? "Undeclared customers" : `customer:${customer}`;
  const seats = util ? `<p>${util.assigned} of ${util.purchased} seats assigned, ${util.unused} unused.</p>` : "";
  return `<section class="customer" data-customer="${escapeXml(customer ?? "")}"><h3>${escapeXml(title)}</h3>${seats}
<div class="table-wrap"><table><thead><tr><th scope="col">category</th><th scope="col">object</th><th scope="col">finding</th><th scope="col">fix</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></div></section>`;
}
