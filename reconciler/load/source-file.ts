// A source file as diagnostics see it, and byte ranges in it turned into line:column spans.
import { LineCounter } from "yaml";
import type { SourceSpan } from "../model/diagnostic.js";

/** One source file: its display path (relative to the cwd) and a line counter for its text. */
export interface SourceFile {
  path: string;
  lines: LineCounter;
}

/** A line counter holding the start of every line of `text` before `end` (readers that do not use yaml's own). */
export function countLines(text: string, end = text.length): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf("\n"); at >= 0 && at < end; at = text.indexOf("\n", at + 1)) lines.addNewLine(at + 1);
  return lines;
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
