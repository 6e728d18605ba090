// A source file as diagnostics see it, and byte ranges in it turned into line:column spans.
import type { LineCounter } from "yaml";
import type { SourceSpan } from "../model/diagnostic.js";

/** One source file: its display path (relative to the cwd) and a line counter for its text. */
export interface SourceFile {
  path: string;
  lines: LineCounter;
}

/** A byte range [start, end) in one file. */
export interface Range {
  file: SourceFile;
  start: number;
  end: number;
}

export function toSpan(range: Range): SourceSpan {
  return spanAt(range.file, range.start, range.end);
}

export function spanAt(file: SourceFile, start: number, end: number): SourceSpan {
  const from = file.lines.linePos(start);
  const to = file.lines.linePos(Math.max(start, end));
  return { file: file.path, line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
