// Escaping for the formats several outputs write. Terminal text is escaped by core/terminal-text.ts.

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
