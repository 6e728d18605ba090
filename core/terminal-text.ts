// Text from an estate or a remote reply, made safe for a terminal: an untrusted value must not clear
// the screen, retitle the window, hide text (ESC[8m) or reorder what a reviewer reads (U+202E). Only
// human views use this; JSON output stays exact.

/** C0 controls but line feed, DEL, C1 controls, and the invisible direction controls (ALM, LRM/RLM, bidi embeddings and isolates, line/paragraph separators). */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** `text` with every unsafe character written as a visible `\u001b`-style escape; line feeds stay. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** Like printable, and a line feed is escaped too: for text that must stay on one line (file names). */
export function printableLine(text: string): string {
  return printable(text).replace(/\n/g, "\\n");
}

/** A copy of `value` with printable() applied to every string in it (keys included), for views that render a whole object. */
export function printableStrings<T>(value: T): T {
  return escapeStrings(value) as T;
}

function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return printable(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines own properties, so a "__proto__" key stays a key
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [printable(key), escapeStrings(inner)]));
}
