// The data `cspctl validate --json` prints; the human view renders this same object, so the two agree.
import type { ErrorCode } from "../../../core/error-codes.js";
import type { Diagnostic, LoadResult } from "../../index.js";

export interface ValidationReport {
  valid: boolean;
  diagnostics: ReportDiagnostic[];
  summary: { files: number; customers: number; profiles: number; errors: number; warnings: number };
}

export interface ReportDiagnostic {
  severity: "error" | "warning";
  code: ErrorCode;
  message: string;
  hint: string | null;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toValidationReport(result: LoadResult): ValidationReport {
  const diagnostics = result.diagnostics.map(toReportDiagnostic);
  return {
    valid: result.valid,
    diagnostics,
    summary: {
      files: result.files.length,
      customers: result.estate?.customers.length ?? 0,
      profiles: result.estate?.profiles.length ?? 0,
      errors: diagnostics.filter((d) => d.severity === "error").length,
      warnings: diagnostics.filter((d) => d.severity === "warning").length,
    },
  };
}

/** A problem with the command itself (usage, internal failure): no file position, line and column 0. */
export function commandProblemReport(code: ErrorCode, message: string, hint?: string): ValidationReport {
  return {
    valid: false,
    diagnostics: [
      { severity: "error", code, message, hint: hint ?? null, file: "", line: 0, column: 0, endLine: 0, endColumn: 0 },
    ],
    summary: { files: 0, customers: 0, profiles: 0, errors: 1, warnings: 0 },
  };
}

function toReportDiagnostic(d: Diagnostic): ReportDiagnostic {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
}
