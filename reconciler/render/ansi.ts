// Colour on a terminal: one SGR code around the text, or the text alone when colour is off (not a
// terminal, NO_COLOR). The caller escapes untrusted text first (core/terminal-text.ts).

/** `text` in SGR `code` (1 bold, 2 dim, 31 red, 32 green, 33 yellow, 35 magenta…) when `color` is on. */
export function paint(color: boolean, code: number, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}
