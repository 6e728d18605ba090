import type { ErrorCode } from "../../core/error-codes.js";
/** How bad a problem is: errors make an estate invalid, warnings do not. */
export type Severity = "error" | "warning";

/** Where a diagnostic points. Paths are relative to the working directory; lines and columns are 1-based. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One problem found while loading an estate, compiler style: `file:line:col severity code: message`. */
export interface Diagnostic extends SourceSpan {
  severity: Severity;
  /** A public `estate.*` code from core/error-codes.ts. */
  code: ErrorCode;
  message: string;
  /** What to do next, e.g. `did you mean "quantity"?`. */
  hint?: string;
}

/** Diagnostics in reading order: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
