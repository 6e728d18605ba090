// Human view of an apply report, from the report's JSON.
import { printable } from "../../../core/terminal-text.js";
import type { ApplyReport, StepOutcomeKind } from "../../apply/apply-report.js";

const MARK: Record<StepOutcomeKind, string> = {
  applied: "✓",
  pending: "…",
  waiting: "⧗",
  failed: "✗",
  skipped: "-",
  "not-started": "·",
};

export function renderApplyReport(report: ApplyReport): string {
  const lines = ["", "Apply:"];
  for (const o of report.outcomes) {
    lines.push(
      `  ${MARK[o.outcome]} ${o.outcome.padEnd(11)} ${o.action} ${o.address}${o.reason ? ` (${o.reason})` : ""}`,
    );
    if (o.error)
      lines.push(`      ${o.error.code}: ${o.error.message}`, ...(o.error.hint ? [`      hint: ${o.error.hint}`] : []));
    if (typeof o.detail?.invitationUrl === "string")
      lines.push(`      invitation link for the customer's global admin: ${o.detail.invitationUrl}`);
    if (typeof o.detail?.approvalLink === "string")
      lines.push(`      GDAP approval link for the customer's global admin: ${printable(o.detail.approvalLink)}`);
  }
  const s = report.summary;
  lines.push(
    "",
    `Applied ${s.applied}, failed ${s.failed}, pending ${s.pending}, waiting ${s.waiting}, skipped ${s.skipped}, not started ${s["not-started"]}.`,
  );
  for (const d of report.duplicates) {
    lines.push(
      `!! DUPLICATE PURCHASE ${d.address}: ${d.subscriptionId} (${d.offer}, ${d.quantity} seat(s)${d.purchasedAt ? `, bought ${d.purchasedAt}` : ""}) is a second subscription of the offer bought since the plan`,
      d.refundableUntil
        ? `      refundable until ${d.refundableUntil}: run cspctl plan, which proposes cancelling it, and apply with --allow-destructive`
        : "      Partner Center no longer offers a refund for it: set autoRenew: false on it in Partner Center so it ends with its term",
    );
  }
  if (report.credentials.saved > 0)
    lines.push(`${report.credentials.saved} generated credential(s) written to the --credentials-out file.`);
  if (report.credentials.notSaved.length > 0)
    lines.push(
      `${report.credentials.notSaved.length} generated password(s) were not saved (no --credentials-out); reset them in the admin center if needed.`,
    );
  // addresses, reasons and Partner Center's error messages are untrusted text
  return printable(`${lines.join("\n")}\n`) + renderConvergence(report);
}

/** Whether the estate converged and, when not, each object and why. */
export function renderConvergence(report: Pick<ApplyReport, "convergence">): string {
  const { status, objects } = report.convergence;
  if (status === "converged") return "Converged: Partner Center matches the estate.\n";
  const lines = [
    status === "failed"
      ? `Not converged: ${objects.length} object(s) are not as the estate declares (some steps failed):`
      : `Not converged: ${objects.length} object(s) are not yet as the estate declares:`,
  ];
  for (const o of objects) lines.push(`  ${o.address}${o.action ? ` ${o.action}` : ""}: ${o.kind}, ${o.reason}`);
  if (status === "not-converged")
    lines.push("Run apply again once what they wait for has happened (or with the flag named).");
  return printable(`${lines.join("\n")}\n`);
}
