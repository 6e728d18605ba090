// Escaping for the formats several outputs write. Terminal text is escaped by core/terminal-text.ts.
import { printableLine } from "../../core/terminal-text.js";

/** Escapes text for XML and HTML alike (every HTML page, the JUnit report, SVG charts). */
export function escapeXml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, so they are dropped.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Text for Markdown prose or a table cell (a GitHub comment): one line, control characters shown as
 * escapes, and every mark Markdown acts on escaped, so a Partner Center name cannot add a link, an
 * image, emphasis, HTML or a table column.
 */
export function escapeMarkdown(text: string): string {
  return printableLine(text).replace(/[\\`*_[\]|<>&~]/g, (c) => `\\${c}`);
}

/** Text inside a Markdown code span in a table: one line, no backtick to end the span, pipes escaped for the table. */
export function escapeMarkdownCode(text: string): string {
  return printableLine(text).replace(/`/g, "'").replace(/\|/g, "\\|");
}
