// What `cspctl import` wrote: one line per file for people, or { written: [...] } as JSON. Names and
// domains come from Partner Center, so the human view escapes them for the terminal.
import { printable } from "../../../core/terminal-text.js";

export interface WrittenFile {
  name: string;
  domain: string;
  file: string;
  notes: readonly string[];
}

export function renderImportReport(written: readonly WrittenFile[], json: boolean): string {
  if (json) return `${JSON.stringify({ written }, null, 2)}\n`;
  return written
    .map(
      (w) =>
        `${printable(`wrote ${w.file} (${w.domain})`)}${w.notes.length ? `, ${w.notes.length} note(s) in its header` : ""}\n`,
    )
    .join("");
}
