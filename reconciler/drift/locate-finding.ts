// Where a finding is written in the estate: the field if it can be found, else the declared object,
// else its nearest declared parent (an undeclared subscription points at its customer's document).
import type { DesiredEstate } from "../model/desired-estate.js";
import type { SourceLocation } from "./drift-report.js";

export type Locate = DesiredEstate["locate"];

export function locateFinding(
  locate: Locate | undefined,
  address: string,
  fields: readonly string[] = [],
): SourceLocation | null {
  if (locate === undefined) return null;
  for (const field of fields) {
    const span = safeLocate(locate, address, field);
    if (span) return span;
  }
  let current = address;
  for (;;) {
    const span = safeLocate(locate, current);
    if (span) return span;
    const cut = current.lastIndexOf("/");
    if (cut < 0) return null;
    current = current.slice(0, cut);
  }
}

function safeLocate(locate: Locate, address: string, field?: string): SourceLocation | null {
  try {
    const span = locate(address, field);
    return span ? { file: span.file, line: span.line, column: span.column } : null;
  } catch {
    return null;
  }
}
