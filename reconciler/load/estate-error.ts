import { CspctlError } from "../../core/errors.js";
import type { Diagnostic } from "../model/diagnostic.js";

/** Thrown by callers that need a valid estate: carries every diagnostic of the failed load. */
export class EstateError extends CspctlError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0];
    super({
      code: "estate.invalid",
      message: `the estate has ${errors.length} error${errors.length === 1 ? "" : "s"}${first ? `; first: ${first.file}:${first.line}:${first.column} ${first.code}: ${first.message}` : ""}`,
      hint: "run cspctl validate to see every diagnostic",
      ...(first ? { source: { file: first.file, line: first.line, column: first.column } } : {}),
    });
    this.name = "EstateError";
    this.diagnostics = diagnostics;
  }
}
