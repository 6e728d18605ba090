// Compiler-style text: `path:line:col error estate.code: message`, an indented hint line, then a summary.
import { printable, printableLine } from "../../../core/terminal-text.js";
import type { ReportDiagnostic, ValidationReport } from "./validation-report.js";

/** Messages quote estate values and file names come from the estate: both are escaped for the terminal. */
export function renderDiagnostic(d: ReportDiagnostic): string {
  const where = d.file === "" ? "cspctl" : `${printableLine(d.file)}:${d.line}:${d.column}`;
  const head = `${where} ${d.severity} ${d.code}: ${printable(d.message)}`;
  return d.hint === null ? head : `${head}\n    hint: ${printable(d.hint)}`;
}

export function renderValidationReport(report: ValidationReport): string {
  const lines = report.diagnostics.map(renderDiagnostic);
  const { errors, warnings, customers, profiles, files } = report.summary;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  lines.push(
    report.valid
      ? `valid: ${plural(customers, "customer")}, ${plural(profiles, "profile")} in ${plural(files, "file")} (${counts})`
      : `invalid: ${counts}`,
  );
  return `${lines.join("\n")}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
