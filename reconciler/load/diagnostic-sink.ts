import type { ErrorCode } from "../../core/error-codes.js";
import type { Diagnostic, Severity, SourceSpan } from "../model/diagnostic.js";
import { toSpan, type Range } from "./source-file.js";

/** Collects every problem instead of stopping at the first. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  report(severity: Severity, code: ErrorCode, message: string, at: SourceSpan, hint?: string): void {
    this.diagnostics.push({ severity, code, message, ...(hint === undefined ? {} : { hint }), ...at });
  }

  error(code: ErrorCode, message: string, at: SourceSpan, hint?: string): void {
    this.report("error", code, message, at, hint);
  }

  warning(code: ErrorCode, message: string, at: SourceSpan, hint?: string): void {
    this.report("warning", code, message, at, hint);
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === "error").length;
  }
}

/** Line 1, column 1 of a file: for problems with the file as a whole. */
export function fileStart(file: string): SourceSpan {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * A problem one of the fast YAML readers found, kept until the whole file is read: the reader may
 * still give up and leave the file to `yaml`, which then reports it its own way.
 */
export interface DeferredProblem {
  code: ErrorCode;
  message: string;
  at: Range;
  hint: string | undefined;
}

export function reportDeferred(sink: DiagnosticSink, problems: readonly DeferredProblem[]): void {
  for (const problem of problems) sink.error(problem.code, problem.message, toSpan(problem.at), problem.hint);
}
