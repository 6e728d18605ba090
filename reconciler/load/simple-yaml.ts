// The simple reader: reads the plain subset of YAML that estates are written in (block maps and
// sequences, one-line flow collections, plain and one-line quoted scalars, comments) straight from the
// text into data and positions, with no event list or syntax tree in between. It gives the same data,
// positions and diagnostics as the event reader (fast-yaml.ts), about three times faster. On anything
// else (anchors, tags, block scalars, multi-line scalars, escapes, odd keys, any YAML error, tabs, CR,
// control characters) it gives up and parse-documents.ts falls back to the event reader, then `yaml`.
// test/unit/load/simple-yaml.test.ts compares it with the event reader on generated documents.
import type { ErrorCode } from "../../core/error-codes.js";
import { reportDeferred, type DeferredProblem } from "./diagnostic-sink.js";
import { resolvePlain } from "./fast-yaml.js";
import type { ParseContext, ParsedDocument } from "./parse-documents.js";
import { countLines, type Range, type SourceFile } from "./source-file.js";
import { finishScalar, FORBIDDEN_KEYS, tracksEnv } from "./yaml-to-data.js";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DASH,
  DQUOTE,
  GiveUp,
  HASH,
  isSimpleText,
  LineScanner,
  NL,
  NOT_PLAIN_START,
  OPEN_BRACE,
  OPEN_BRACKET,
  SPACE,
  SQUOTE,
} from "./yaml-line-scanner.js";

/** A collection's key in its parent map ([start, end]), where problems with the whole collection point. */
type Anchor = [number, number] | undefined;
/** A collection being read: where its pending entries start in the index, its range, its env entries. */
type Building = { base: number; start: number; end: number; fromEnv: Set<string> | undefined };

/** The documents of `text`, or undefined when it holds anything beyond the simple subset. */
export function readSimpleYaml(
  text: string,
  display: string,
  context: ParseContext,
): { documents: ParsedDocument[]; broken: boolean } | undefined {
  if (!isSimpleText(text)) return undefined;
  const file: SourceFile = { path: display, lines: countLines(text) };
  const mark = context.index.mark();
  const reader = new SimpleReader(text, file, context);
  try {
    reader.readAll();
  } catch (error) {
    context.index.rollback(mark);
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  const bound = reader.collections;
  for (let i = 0; i < bound.length; i += 2) context.index.bind(bound[i] as object, bound[i + 1] as number);
  reportDeferred(context.sink, reader.problems);
  const ok = reader.documents.filter((d) => !d.failed).map((d) => d.document);
  return { documents: ok, broken: ok.length < reader.documents.length };
}

class SimpleReader extends LineScanner {
  readonly documents: { document: ParsedDocument; failed: boolean }[] = [];
  readonly problems: DeferredProblem[] = [];
  /** Collection, id, collection, id…: bound in the index only once the whole file was read. */
  readonly collections: (object | number)[] = [];
  private readonly fileId: number;
  private nodes = 0;
  private failed = false;
  /** Offsets of the node read last. */
  private start = 0;
  private end = 0;
  /** Raw text of the scalar read last (undefined for an empty one), for env tracking. */
  private lastScalar: string | undefined;
  /** Whether the value read last was a plain scalar. */
  private lastWasPlain = false;

  constructor(
    text: string,
    private readonly file: SourceFile,
    private readonly context: ParseContext,
  ) {
    super(text);
    this.fileId = context.index.fileId(file);
  }

  readAll(): void {
    const text = this.text;
    this.skipBlankLines();
    if (this.pos >= text.length) return;
    let explicit = this.atDocumentMarker();
    if (explicit) this.consumeMarker();
    let docIndex = 0;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= text.length || this.atDocumentMarker()) {
        if (!explicit) throw new GiveUp(); // only an explicit `---` starts an empty document
      } else this.readDocument(docIndex);
      docIndex++;
      this.skipBlankLines();
      if (this.pos >= text.length) return;
      if (!this.atDocumentMarker()) throw new GiveUp();
      this.consumeMarker();
      explicit = true;
    }
  }

  private readDocument(docIndex: number): void {
    this.nodes = 0;
    this.failed = false;
    const indent = this.pos - this.lineBegin;
    const value = this.blockNode(indent, 0, undefined);
    const range = { file: this.file, start: this.start, end: this.end };
    this.skipBlankLines();
    if (this.pos < this.text.length && !this.atDocumentMarker()) throw new GiveUp();
    this.documents.push({ document: { file: this.file, index: docIndex, data: value, range }, failed: this.failed });
  }

  /** A block map or sequence whose first line starts at `pos` with this indent. */
  private blockNode(indent: number, depth: number, anchor: Anchor): unknown {
    if (this.isSequenceDash(this.pos)) return this.blockSequence(indent, depth, anchor);
    if (this.mappingKeyEnd(this.pos) >= 0) return this.blockMap(indent, depth, anchor);
    throw new GiveUp(); // a scalar on a line of its own (or multi-line): left to the event reader
  }

  private blockMap(indent: number, depth: number, anchor: Anchor): Record<string, unknown> {
    const own = this.open(depth);
    const object: Record<string, unknown> = {};
    for (;;) {
      const keyStart = this.pos;
      const keyEnd = this.mappingKeyEnd(keyStart);
      if (keyEnd < 0) throw new GiveUp();
      const nameId = this.keyName(keyStart, keyEnd, own.base);
      const name = this.context.index.nameOf(nameId);
      this.pos = keyEnd + 1;
      this.skipSpaces();
      const emptyAt = this.pos; // an empty value is past the colon and its spaces, as `yaml` places it
      let value: unknown;
      let valueIsScalar = false;
      if (this.atLineEnd()) {
        this.skipBlankLines();
        const next = this.pos - this.lineBegin;
        const keyRange: Anchor = [keyStart, keyEnd];
        if (
          this.pos < this.text.length &&
          !this.atDocumentMarker() &&
          (next > indent || (next === indent && this.isSequenceDash(this.pos)))
        ) {
          value =
            next > indent ? this.blockNode(next, depth + 1, keyRange) : this.blockSequence(next, depth + 1, keyRange);
        } else {
          value = this.emptyScalar(depth + 1, emptyAt);
          valueIsScalar = true;
        }
      } else {
        const c = this.text.charCodeAt(this.pos);
        valueIsScalar = c !== OPEN_BRACKET && c !== OPEN_BRACE;
        value = this.inlineValue(indent, depth + 1, valueIsScalar ? undefined : [keyStart, keyEnd], name);
        this.endLine(indent);
      }
      this.addEntry(own, nameId, keyStart, keyEnd);
      object[name] = value;
      if (valueIsScalar && this.lastScalar !== undefined && tracksEnv(name, this.lastScalar))
        (own.fromEnv ??= new Set()).add(name);
      if (!this.continuesAt(indent)) break;
      if (this.isSequenceDash(this.pos)) throw new GiveUp();
    }
    return this.close(object, own, anchor, "map");
  }

  private blockSequence(indent: number, depth: number, anchor: Anchor): unknown[] {
    const own = this.open(depth);
    const list: unknown[] = [];
    for (;;) {
      if (!this.isSequenceDash(this.pos)) throw new GiveUp();
      this.pos++;
      this.skipSpaces();
      const emptyAt = this.pos; // an empty item is past the dash and its spaces, as `yaml` places it
      let value: unknown;
      if (this.atLineEnd()) {
        this.skipBlankLines();
        const next = this.pos - this.lineBegin;
        if (this.pos < this.text.length && !this.atDocumentMarker() && next > indent)
          value = this.blockNode(next, depth + 1, undefined);
        else value = this.emptyScalar(depth + 1, emptyAt);
      } else if (this.isSequenceDash(this.pos)) {
        throw new GiveUp(); // `- - x`
      } else if (this.mappingKeyEnd(this.pos) >= 0) {
        value = this.blockMap(this.pos - this.lineBegin, depth + 1, undefined);
      } else {
        value = this.inlineValue(indent, depth + 1, undefined, undefined);
        this.endLine(indent);
      }
      this.addEntry(own, -1, this.start, this.end);
      list.push(value);
      if (!this.continuesAt(indent) || !this.isSequenceDash(this.pos)) break;
    }
    return this.close(list.slice(), own, anchor, "list"); // slice: no room left for more items (a large estate keeps every list)
  }

  /**
   * A scalar or a flow collection starting at `pos`. A flow collection may continue on lines indented
   * deeper than `indent` (the block collection it is in), breaking only after `[`, `{` or a comma.
   */
  private inlineValue(indent: number, depth: number, anchor: Anchor, key: string | undefined, flow = false): unknown {
    const c = this.text.charCodeAt(this.pos);
    this.lastWasPlain = false;
    if (c === OPEN_BRACKET) return this.flowSequence(indent, depth, anchor);
    if (c === OPEN_BRACE) return this.flowMap(indent, depth, anchor);
    if (c === DQUOTE || c === SQUOTE) return this.quotedScalar(depth, key, c);
    this.lastWasPlain = true;
    return this.plainScalar(depth, key, flow);
  }

  private flowSequence(indent: number, depth: number, anchor: Anchor): unknown[] {
    const own = this.open(depth);
    const list: unknown[] = [];
    this.pos++;
    this.flowSpace(indent);
    if (this.text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      for (;;) {
        if (this.isFlowMapping(this.pos)) throw new GiveUp(); // `[a: b]` is a map inside the list
        const value = this.inlineValue(indent, depth + 1, undefined, undefined, true);
        this.addEntry(own, -1, this.start, this.end);
        list.push(value);
        if (this.flowSeparator(indent, CLOSE_BRACKET)) break;
      }
    }
    this.pos++;
    this.lastWasPlain = false;
    return this.close(list.slice(), own, anchor, "list");
  }

  private flowMap(indent: number, depth: number, anchor: Anchor): Record<string, unknown> {
    const own = this.open(depth);
    const object: Record<string, unknown> = {};
    this.pos++;
    this.flowSpace(indent);
    if (this.text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      for (;;) {
        const keyStart = this.pos;
        const first = this.text.charCodeAt(keyStart);
        if (NOT_PLAIN_START.has(first) || first === DASH) throw new GiveUp();
        const keyEnd = this.plainEnd(keyStart, true);
        if (keyEnd === keyStart || this.text.charCodeAt(keyEnd) !== COLON || this.text.charCodeAt(keyEnd + 1) !== SPACE)
          throw new GiveUp();
        const nameId = this.keyName(keyStart, keyEnd, own.base);
        const resolved = this.context.index.nameOf(nameId);
        this.pos = keyEnd + 1;
        this.skipSpaces();
        const c = this.text.charCodeAt(this.pos);
        if (c === COMMA || c === CLOSE_BRACE || c === HASH || this.atLineEnd()) throw new GiveUp(); // an empty value
        const valueIsScalar = c !== OPEN_BRACKET && c !== OPEN_BRACE;
        const value = this.inlineValue(
          indent,
          depth + 1,
          valueIsScalar ? undefined : [keyStart, keyEnd],
          resolved,
          true,
        );
        this.addEntry(own, nameId, keyStart, keyEnd);
        object[resolved] = value;
        if (valueIsScalar && this.lastScalar !== undefined && tracksEnv(resolved, this.lastScalar))
          (own.fromEnv ??= new Set()).add(resolved);
        if (this.flowSeparator(indent, CLOSE_BRACE)) break;
      }
    }
    this.pos++;
    this.lastWasPlain = false;
    return this.close(object, own, anchor, "map");
  }

  /** After a flow item: true at the closing bracket, false after a comma followed by another item. */
  private flowSeparator(indent: number, close: number): boolean {
    this.skipSpaces();
    // a line break right after a plain scalar could continue it on the next line: left to the event reader
    if (this.atLineEnd() && !this.lastWasPlain) this.flowSpace(indent);
    const c = this.text.charCodeAt(this.pos);
    if (c === close) return true;
    if (c !== COMMA) throw new GiveUp();
    this.pos++;
    this.flowSpace(indent);
    const next = this.text.charCodeAt(this.pos);
    if (next === CLOSE_BRACKET || next === CLOSE_BRACE || next === COMMA || next === HASH || this.atLineEnd())
      throw new GiveUp();
    return false;
  }

  private plainScalar(depth: number, key: string | undefined, flow: boolean): unknown {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (NOT_PLAIN_START.has(c) || (c === DASH && !this.isPlainSafe(start + 1, flow))) throw new GiveUp();
    const end = this.plainEnd(start, flow);
    if (end === start) throw new GiveUp();
    if (!flow && this.text.charCodeAt(end) === COLON) throw new GiveUp(); // `a: b: c`
    this.pos = end;
    this.setNode(depth, start, end);
    const raw = this.text.slice(start, end);
    this.lastScalar = raw;
    return finishScalar(resolvePlain(raw), () => ({ file: this.file, start, end }), key, this.context, this.fail);
  }

  private quotedScalar(depth: number, key: string | undefined, quote: number): unknown {
    const start = this.pos;
    let i = start + 1;
    let doubled = false;
    for (;;) {
      const c = this.text.charCodeAt(i);
      if (Number.isNaN(c) || c === NL || (quote === DQUOTE && c === BACKSLASH)) throw new GiveUp();
      if (c === quote) {
        if (quote === SQUOTE && this.text.charCodeAt(i + 1) === SQUOTE) {
          doubled = true;
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    const end = i + 1;
    this.pos = end;
    this.setNode(depth, start, end);
    let raw = this.text.slice(start + 1, i);
    if (doubled) raw = raw.replaceAll("''", "'");
    this.lastScalar = raw;
    return finishScalar(raw, () => ({ file: this.file, start, end }), key, this.context, this.fail);
  }

  private emptyScalar(depth: number, at: number): null {
    this.setNode(depth, at, at);
    this.lastScalar = undefined;
    return null;
  }

  /** After an inline value: only spaces and a comment may follow on the line, and no deeper line after it. */
  private endLine(indent: number): void {
    const valueEnd = this.pos;
    this.skipSpaces();
    if (this.text.charCodeAt(this.pos) === HASH && this.pos > valueEnd) this.skipToLineEnd(); // `#` starts a comment only after a space
    if (!this.atLineEnd()) throw new GiveUp();
    this.skipBlankLines();
    if (this.pos < this.text.length && !this.atDocumentMarker() && this.pos - this.lineBegin > indent)
      throw new GiveUp(); // a continuation line
  }

  /** True when the next content line belongs to the collection at `indent`; gives up on deeper ones. */
  private continuesAt(indent: number): boolean {
    this.skipBlankLines();
    if (this.pos >= this.text.length || this.atDocumentMarker()) return false;
    const at = this.pos - this.lineBegin;
    if (at > indent) throw new GiveUp();
    return at === indent;
  }

  /** Starts a collection at `pos`: its range so far is its first character. */
  private open(depth: number): Building {
    this.setNode(depth, this.pos, this.pos + 1);
    return { base: this.context.index.beginEntries(), start: this.start, end: this.end, fromEnv: undefined };
  }

  /** Adds an entry whose value (or item) was read last; `keyStart`/`keyEnd` default to the value's. */
  private addEntry(own: Building, nameId: number, keyStart = this.start, keyEnd = this.end): void {
    if (this.end > own.end) own.end = this.end;
    this.context.index.pushEntry(this.fileId, nameId, keyStart, keyEnd, this.start, this.end);
  }

  private close<T extends object>(collection: T, own: Building, anchor: Anchor, kind: "map" | "list"): T {
    const id = this.context.index.endEntries(
      own.base,
      this.fileId,
      own.start,
      own.end,
      anchor === undefined ? -1 : anchor[0],
      anchor === undefined ? -1 : anchor[1],
      kind,
      own.fromEnv,
    );
    this.collections.push(collection, id);
    this.start = own.start;
    this.end = own.end;
    return collection;
  }

  /** The name id of a plain key; gives up on keys that are not text, repeated or forbidden. */
  private keyName(keyStart: number, keyEnd: number, base: number): number {
    const resolved = resolvePlain(this.text.slice(keyStart, keyEnd));
    if (typeof resolved !== "string" || FORBIDDEN_KEYS.has(resolved)) throw new GiveUp();
    const nameId = this.context.index.nameId(resolved);
    if (this.context.index.hasPendingEntry(base, nameId)) throw new GiveUp(); // a repeated key: the reference reader reports it
    return nameId;
  }

  private setNode(depth: number, start: number, end: number): void {
    if (++this.nodes > this.context.limits.maxNodesPerDocument || depth > this.context.limits.maxDepth)
      throw new GiveUp();
    this.start = start;
    this.end = end;
  }

  private fail = (code: ErrorCode, message: string, at: Range, hint?: string): void => {
    this.problems.push({ code, message, at, hint });
    this.failed = true;
  };
}
