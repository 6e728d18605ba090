// Compiler-style text: `path:line:col error estate.code: message`, an indented hint line, then a summary.
import type { ReportDiagnostic, ValidationReport } from "./validation-report.js";

export function renderDiagnostic(d: ReportDiagnostic): string {
  const where = d.file === "" ? "cspctl" : `${d.file}:${d.line}:${d.column}`;
  const head = `${where} ${d.severity} ${d.code}: ${d.message}`;
  return d.hint === null ? head : `${head}\n    hint: ${d.hint}`;
}

export function renderValidationReport(report: ValidationReport): string {
  const lines = report.diagnostics.map(renderDiagnostic);
  const { errors, warnings, customers, profiles, files } = report.summary;
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  lines.push(report.valid ? `valid: ${plural(customers, "customer")}, ${plural(profiles, "profile")} in ${plural(files, "file")} (${counts})` : `invalid: ${counts}`);
  return lines.join("\n") + "\n";
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
