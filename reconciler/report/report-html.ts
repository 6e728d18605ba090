// One self-contained HTML file (no external assets, works offline; a Content-Security-Policy forbids
// any fetch): the summary, a category filter (inline JS), the utilisation chart (inline SVG) and one
// section per customer.
import { DRIFT_CATEGORIES, type DriftFinding, type DriftReport } from "../drift/drift-report.js";
import { describeAuthor } from "../drift/audit-authors.js";
import { escapeXml, groupByCustomer } from "./report-common.js";
import { summaryLine } from "./report-text.js";
import { renderUtilisationSvg } from "./utilisation-chart.js";

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}h1{font-size:1.4em}table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f4f4f4}.counts td{text-align:right}
.cat{font-weight:600;border-radius:3px;padding:0 4px}.cat-changed{background:#fff0c2}.cat-missing{background:#d9f2d9}.cat-unmanaged{background:#d6eef8}
.cat-pending{background:#e3e0fb}.cat-utilisation{background:#fbe0da}.cat-accepted{background:#eee}.cat-unknown{background:#f8c8c8}
.filters label{margin-right:1em}section{margin-top:1.5em}code{font-size:.95em}pre{margin:0;white-space:pre-wrap}.hidden{display:none}`;

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
  const counts = DRIFT_CATEGORIES.map(
    (c) =>
      `<tr><th scope="row"><span class="cat cat-${c}">${c}</span></th><td data-count="${c}">${s.byCategory[c]}</td></tr>`,
  ).join("\n");
  const filters = DRIFT_CATEGORIES.map(
    (c) => `<label><input type="checkbox" value="${c}" checked data-filter="${c}"> ${c} (${s.byCategory[c]})</label>`,
  ).join("\n");
  const sections = [...groupByCustomer(report)]
    .map(([customer, findings]) => section(report, customer, findings))
    .join("\n");
  const money =
    s.utilisation.wasteMoney !== null
      ? `, ${s.utilisation.wasteMoney.toFixed(2)} a month`
      : " (no prices in the catalog: seats only)";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cspctl drift report ${escapeXml(report.generatedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>cspctl drift report</h1>
<p id="verdict" data-drift="${s.drift}">${escapeXml(summaryLine(report))}</p>
<p>Made ${escapeXml(report.generatedAt)} for ${s.customers} customer(s), ${s.declaredObjects} declared object(s); pending horizon ${report.horizonDays} days; drift means: ${escapeXml(report.failOn.join(", "))}.</p>
<h2>Summary</h2>
<table class="counts" id="summary"><tbody>
${counts}
</tbody></table>
<h2>Utilisation</h2>
<p id="utilisation-total">${s.utilisation.assigned} of ${s.utilisation.purchased} seats assigned, ${s.utilisation.unused} unused${escapeXml(money)}.</p>
${renderUtilisationSvg(report.utilisation)}
<h2>Findings</h2>
<div class="filters" role="group" aria-label="Filter by category">${filters}</div>
<p><span id="shown-count">${report.findings.length}</span> of ${report.findings.length} finding(s) shown.</p>
${sections || "<p>No findings.</p>"}
${warningsList(report)}
<script>${SCRIPT}</script>
</body>
</html>
`;
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
<table><thead><tr><th>category</th><th>object</th><th>finding</th><th>fix</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></section>`;
}
