// Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: the summary table first, details
// folded per customer. GitHub refuses comments over 65,536 characters, so when the details do not
// fit, customers are summarised in a table and the report says how many were left out, never
// cutting silently.
import { DRIFT_CATEGORIES, type DriftFinding, type DriftReport } from "../../drift/drift-report.js";
import { describeAuthor } from "../../drift/audit-authors.js";
import { escapeMarkdown, escapeMarkdownCode, escapeXml } from "../escape.js";
import { groupByCustomer } from "./report-common.js";
import { summaryLine } from "./report-text.js";
import { plainAmount } from "../money.js";

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Characters the whole document may use (default: GitHub's comment limit less a margin). */
  maxLength?: number;
}

export function renderDriftMarkdown(report: DriftReport, options: MarkdownOptions = {}): string {
  const budget = options.maxLength ?? GITHUB_COMMENT_LIMIT - 1_536;
  const head: string[] = [
    "## cspctl drift",
    "",
    `**${escapeMarkdown(summaryLine(report))}**`,
    "",
    "| category | findings |",
    "|---|---:|",
  ];
  for (const c of DRIFT_CATEGORIES) head.push(`| ${c} | ${report.summary.byCategory[c]} |`);
  const u = report.summary.utilisation;
  head.push(
    "",
    `Seats: ${u.purchased} purchased, ${u.assigned} assigned, ${u.unused} unused${u.wasteMoney !== null ? ` (${plainAmount(u.wasteMoney)} a month)` : ""}. Report made ${report.generatedAt}, horizon ${report.horizonDays} days.`,
    "",
  );

  const groups = [...groupByCustomer(report)];
  const sections = groups.map(([customer, findings]) => customerSection(customer, findings));
  const footerReserve = 2_000;
  let used = head.join("\n").length;
  const shown: string[] = [];
  let index = 0;
  for (; index < sections.length; index++) {
    if (used + sections[index]!.length + footerReserve > budget) break;
    shown.push(sections[index]!);
    used += sections[index]!.length + 1;
  }
  const rest = groups.slice(index);
  const tail: string[] = [];
  const warnings = warningsSection(report);
  if (warnings !== "" && rest.length === 0 && used + warnings.length + footerReserve <= budget) shown.push(warnings);
  else if (warnings !== "")
    tail.push(
      `> ${report.warnings.length} plan warning(s) (such as licences that could not be compared) are listed in the HTML and JSON reports.`,
      "",
    );
  if (rest.length > 0) {
    tail.push(
      `> **Summarised:** the details of ${rest.length} more customer(s) with ${rest.reduce((n, [, f]) => n + f.length, 0)} finding(s) do not fit in a comment (${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")} characters). Their counts follow; the HTML and JSON reports have every finding.`,
      "",
    );
    const table = [
      `| customer | ${DRIFT_CATEGORIES.join(" | ")} |`,
      `|---|${DRIFT_CATEGORIES.map(() => "---:").join("|")}|`,
    ];
    let tableUsed = used + tail.join("\n").length + table.join("\n").length;
    let listed = 0;
    for (const [customer, findings] of rest) {
      const row = `| ${escapeMarkdown(customer ?? "(undeclared)")} | ${DRIFT_CATEGORIES.map((c) => findings.filter((f) => f.category === c).length).join(" | ")} |`;
      if (tableUsed + row.length + 200 > budget) break;
      table.push(row);
      tableUsed += row.length + 1;
      listed++;
    }
    tail.push(...table);
    if (listed < rest.length)
      tail.push("", `…and ${rest.length - listed} more customer(s), counted in the summary above.`);
  }
  return `${[...head, ...shown, ...tail].join("\n")}\n`;
}

function customerSection(customer: string | null, findings: DriftFinding[]): string {
  const counts = DRIFT_CATEGORIES.map((c) => [c, findings.filter((f) => f.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`);
  const lines = [
    `<details><summary><b>${escapeXml(customer ?? "undeclared customers")}</b>: ${counts.join(", ")}</summary>`,
    "",
    "| category | object | finding | fix |",
    "|---|---|---|---|",
  ];
  for (const f of findings) {
    const where = f.source ? ` (${f.source.file}:${f.source.line})` : "";
    const fix = f.fix.step
      ? `apply: ${f.fix.step.action}${f.fix.step.status !== "ready" ? ` (${f.fix.step.status})` : ""}`
      : (f.fix.note ?? "");
    lines.push(
      `| ${f.category} | \`${escapeMarkdownCode(f.address)}\`${escapeMarkdown(where)} | ${escapeMarkdown(f.lastChange ? `${f.message} (last change: ${describeAuthor(f.lastChange)})` : f.message)} | ${escapeMarkdown(fix)} |`,
    );
  }
  lines.push("", "</details>", "");
  return lines.join("\n");
}

function warningsSection(report: DriftReport): string {
  if (report.warnings.length === 0) return "";
  const lines = [
    `<details><summary><b>${report.warnings.length} plan warning(s)</b></summary>`,
    "",
    "| code | object | warning |",
    "|---|---|---|",
  ];
  for (const w of report.warnings)
    lines.push(`| ${w.code} | \`${escapeMarkdownCode(w.address)}\` | ${escapeMarkdown(w.message)} |`);
  lines.push("", "</details>", "");
  return lines.join("\n");
}
