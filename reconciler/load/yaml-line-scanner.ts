// The character-level half of the simple reader (simple-yaml.ts): where lines, comments, document
// markers, plain scalars and keys begin and end in the text. Anything outside the simple subset
// throws GiveUp, and the file goes to the event reader.

export class GiveUp extends Error {}

export const NL = 10,
  SPACE = 32,
  HASH = 35,
  DASH = 45,
  COLON = 58,
  COMMA = 44,
  DQUOTE = 34,
  SQUOTE = 39,
  BACKSLASH = 92;
export const OPEN_BRACKET = 91,
  CLOSE_BRACKET = 93,
  OPEN_BRACE = 123,
  CLOSE_BRACE = 125;

/** Characters that may not start a plain scalar here (YAML indicators), besides `-` handled apart. */
export const NOT_PLAIN_START = new Set("?:,[]{}#&*!|>'\"%@`".split("").map((c) => c.charCodeAt(0)));

/** No tab, CR, BOM, control character, line separator or lone surrogate anywhere. */
export function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c < 127) continue;
    if (c === NL) continue;
    if (c < 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe)
      return false;
  }
  return true;
}

export class LineScanner {
  protected pos = 0;
  /** Where the line `pos` is on begins (kept up to date wherever `pos` passes a line break). */
  protected lineBegin = 0;

  constructor(protected readonly text: string) {}

  /** Where a plain scalar starting at `start` ends (trailing spaces excluded). */
  protected plainEnd(start: number, flow: boolean): number {
    const text = this.text;
    const length = text.length;
    let i = start;
    let end = start;
    while (i < length) {
      const c = text.charCodeAt(i);
      // above ':' only the flow brackets ever end a plain scalar: letters take this short way
      if (
        c > COLON &&
        (!flow || (c !== OPEN_BRACKET && c !== CLOSE_BRACKET && c !== OPEN_BRACE && c !== CLOSE_BRACE))
      ) {
        end = ++i;
        continue;
      }
      if (c === NL) break;
      if (c === SPACE) {
        const next = text.charCodeAt(i + 1);
        if (next === HASH) break;
        i++;
        continue;
      }
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NL || Number.isNaN(next)) break;
        if (
          flow &&
          (next === COMMA ||
            next === CLOSE_BRACKET ||
            next === CLOSE_BRACE ||
            next === OPEN_BRACKET ||
            next === OPEN_BRACE)
        )
          throw new GiveUp();
      }
      if (flow && (c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE))
        break;
      if (c === HASH && i === start) break;
      i++;
      end = i;
    }
    return end;
  }

  /** End of a `key:` at `at` (the colon's offset), or -1 when the line does not start with a plain key. */
  protected mappingKeyEnd(at: number): number {
    const c = this.text.charCodeAt(at);
    if (NOT_PLAIN_START.has(c) || c === DASH || c === SPACE || c === NL || Number.isNaN(c)) return -1;
    const end = this.plainEnd(at, false);
    if (end === at || this.text.charCodeAt(end) !== COLON || this.text.charCodeAt(end - 1) === SPACE) return -1;
    return end;
  }

  protected isFlowMapping(at: number): boolean {
    const c = this.text.charCodeAt(at);
    if (c === OPEN_BRACKET || c === OPEN_BRACE || c === DQUOTE || c === SQUOTE) return false;
    const end = this.plainEnd(at, true);
    return this.text.charCodeAt(end) === COLON;
  }

  /** Whether the character at `at` may follow a leading `-` in a plain scalar. */
  protected isPlainSafe(at: number, flow: boolean): boolean {
    const c = this.text.charCodeAt(at);
    if (c === SPACE || this.atLineEnd(at)) return false;
    return !flow || (c !== COMMA && c !== OPEN_BRACKET && c !== CLOSE_BRACKET && c !== OPEN_BRACE && c !== CLOSE_BRACE);
  }

  protected isSequenceDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NL || Number.isNaN(next);
  }

  /** Skips blank lines and comment lines, leaving `pos` at the first character of the next content line. */
  protected skipBlankLines(): void {
    const text = this.text;
    for (;;) {
      if (this.pos >= text.length) return;
      let i = this.pos;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === HASH && (i === this.lineBegin || text.charCodeAt(i - 1) === SPACE)) {
        const nl = text.indexOf("\n", i);
        this.pos = this.lineBegin = nl < 0 ? text.length : nl + 1;
      } else if (c === NL) this.pos = this.lineBegin = i + 1;
      else if (Number.isNaN(c)) this.pos = text.length;
      else {
        this.pos = i;
        return;
      }
    }
  }

  /** Spaces, and line breaks to lines indented deeper than `indent` (no blank or comment line). */
  protected flowSpace(indent: number): void {
    this.skipSpaces();
    while (this.text.charCodeAt(this.pos) === NL) {
      this.lineBegin = ++this.pos;
      this.skipSpaces();
      if (this.pos - this.lineBegin <= indent || this.atLineEnd() || this.text.charCodeAt(this.pos) === HASH)
        throw new GiveUp();
    }
  }

  protected skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  protected skipToLineEnd(): void {
    const nl = this.text.indexOf("\n", this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
  }

  protected atLineEnd(at = this.pos): boolean {
    const c = this.text.charCodeAt(at);
    return c === NL || Number.isNaN(c);
  }

  /** `---` alone at the start of a line (content after it on the line: left to the event reader). */
  protected atDocumentMarker(): boolean {
    const at = this.pos;
    if (at !== this.lineBegin) return false;
    const text = this.text;
    if (text.startsWith("...", at) || text.charCodeAt(at) === 37 /* % */) throw new GiveUp();
    if (!text.startsWith("---", at)) return false;
    const after = text.charCodeAt(at + 3);
    if (after === SPACE) {
      let i = at + 3;
      while (text.charCodeAt(i) === SPACE) i++;
      if (!this.atLineEnd(i)) throw new GiveUp();
      return true;
    }
    return after === NL || Number.isNaN(after);
  }

  protected consumeMarker(): void {
    const nl = this.text.indexOf("\n", this.pos);
    this.pos = this.lineBegin = nl < 0 ? this.text.length : nl + 1;
  }
}
