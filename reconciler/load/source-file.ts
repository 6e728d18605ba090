// A source file as diagnostics see it: its text, its line starts and its `yaml` documents (node ranges),
// both made on first use: a file whose positions nobody asks about is never parsed by `yaml`.
import { type Document, LineCounter, parseAllDocuments } from "yaml";
import type { SourceSpan } from "../model/diagnostic.js";

export class SourceFile {
  private lineCounter: LineCounter | undefined;
  private parsed: Document.Parsed[] | undefined;

  constructor(
    /** The display path (relative to the cwd). */
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineCounter {
    this.lineCounter ??= countLines(this.text);
    return this.lineCounter;
  }

  /** The file's documents as `yaml` reads them, with node ranges (the one source of every position). */
  get documents(): readonly Document.Parsed[] {
    this.parsed ??= parseAllDocuments(this.text, { uniqueKeys: true, strict: true }) as Document.Parsed[];
    return this.parsed;
  }

  /** Sets the documents when the caller parsed them already (with the same offsets as `text`). */
  useDocuments(documents: Document.Parsed[]): void {
    this.parsed = documents;
  }
}

/** A line counter holding the start of every line of `text` before `end`. */
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
