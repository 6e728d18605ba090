// The terminal view of a drift report, rendered only from the report's data.
import { readModeLines } from "../../snapshot/read-modes-text.js";
import type { DriftCategory, DriftReport } from "../../drift/drift-report.js";
import { DRIFT_CATEGORIES } from "../../drift/drift-report.js";
import { describeAuthor } from "../../drift/audit-authors.js";
import { printableLine } from "../../../core/terminal-text.js";
import { groupByCustomer, summaryCounts } from "./report-common.js";
import { plainAmount } from "../money.js";
import { paint as ansi } from "../ansi.js";

const MARK: Record<DriftCategory, string> = {
  changed: "~",
  missing: "+",
  unmanaged: "?",
  pending: "…",
  utilisation: "$",
  accepted: "=",
  unknown: "!",
};
const COLOR: Record<DriftCategory, number> = {
  changed: 33,
  missing: 32,
  unmanaged: 36,
  pending: 34,
  utilisation: 35,
  accepted: 2,
  unknown: 31,
};

export function renderDriftText(report: DriftReport, options: { color: boolean } = { color: false }): string {
  const paint = (code: number, text: string): string => ansi(options.color, code, printableLine(text));
  const lines: string[] = [];
  for (const [customer, findings] of groupByCustomer(report)) {
    lines.push(paint(1, customer === null ? "undeclared customers" : `customer:${customer}`));
    for (const f of findings) {
      lines.push(
        `  ${paint(COLOR[f.category], `${MARK[f.category]} ${f.category.padEnd(11)}`)} ${printableLine(f.address)}${f.source ? paint(2, ` (${f.source.file}:${f.source.line})`) : ""}`,
      );
      lines.push(`      ${printableLine(f.message)}`);
      if (f.lastChange) lines.push(`      last change: ${printableLine(describeAuthor(f.lastChange))}`);
      if (f.fix.step)
        lines.push(
          `      fix: cspctl apply would ${f.fix.step.action} (${f.fix.step.reason})${f.fix.step.status !== "ready" ? ` [${f.fix.step.status}]` : ""}`,
        );
      if (f.fix.step?.blocked) lines.push(`      blocked: ${printableLine(f.fix.step.blocked)}`);
      if (f.fix.note) lines.push(`      note: ${printableLine(f.fix.note)}`);
    }
    lines.push("");
  }
  for (const w of report.warnings) lines.push(printableLine(`warning ${w.code} ${w.address}: ${w.message}`));
  if (report.warnings.length > 0) lines.push("");
  if (report.reads) lines.push(...readModeLines(report.reads.customers).map(printableLine), "");
  const u = report.summary.utilisation;
  if (u.purchased > 0)
    lines.push(
      `Utilisation: ${u.assigned} of ${u.purchased} seats assigned, ${u.unused} unused${u.wasteMoney !== null ? ` (${plainAmount(u.wasteMoney)} a month)` : ""}.`,
    );
  lines.push(printableLine(summaryLine(report)));
  return `${lines.join("\n")}\n`;
}

export function summaryLine(report: DriftReport): string {
  const counts = summaryCounts(report);
  const parts = DRIFT_CATEGORIES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${c}`);
  if (report.summary.unknown > 0)
    return `Drift: UNKNOWN for part of the estate (${parts.join(", ")}); what could not be read is not reported as drift or as no drift.`;
  if (!report.summary.drift)
    return `No drift in ${report.summary.customers} customer(s)${parts.length ? ` (${parts.join(", ")})` : ""}.`;
  return `Drift: ${parts.join(", ")} in ${report.summary.customers} customer(s).`;
}
