// The fast reader: js-yaml's event stream (offsets, no AST) turned straight into data and ranges. It
// reads the plain YAML estates are made of four times faster than the `yaml` composer. Anything it does
// not handle exactly like the reference reader (parse errors, duplicate keys, anchors, aliases, tags,
// block scalars, complex keys) makes it give up, and parse-documents.ts reads the file with `yaml`,
// which reports every problem precisely. test/unit/load/readers.test.ts checks both agree.
import type { ErrorCode } from "../../core/error-codes.js";
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from "js-yaml";
import { reportDeferred, type DeferredProblem } from "./diagnostic-sink.js";
import { countLines } from "./source-file.js";
import type { ParseContext, ParsedDocument } from "./parse-documents.js";
import { CollectionInfo, type Range, type SourceFile } from "./source-index.js";
import { GiveUp } from "./yaml-line-scanner.js";
import { finishScalar, FORBIDDEN_KEYS, tracksEnv } from "./yaml-to-data.js";

class Abort extends Error {}

/** The documents of `text` (and whether any failed), or undefined when the reference reader must read the file. */
export function readFast(
  text: string,
  display: string,
  context: ParseContext,
): { documents: ParsedDocument[]; broken: boolean } | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 256 });
  } catch {
    return undefined;
  }
  const file: SourceFile = { path: display, lines: countLines(text) };
  const problems: DeferredProblem[] = [];
  const documents: ParsedDocument[] = [];
  let index = 0;
  try {
    let docIndex = 0;
    while (index < events.length) {
      const event = events[index++]!;
      if (event.type !== EVENT_ID.DOCUMENT) throw new GiveUp();
      const reader = new DocumentReader(text, file, events, index, context, problems);
      const result = reader.read();
      index = reader.position;
      if (result !== undefined) documents.push({ file, index: docIndex, data: result.value, range: result.range });
      docIndex++;
    }
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  reportDeferred(context.sink, problems);
  const ok = documents.filter((d) => d.data !== FAILED);
  return { documents: ok, broken: ok.length < documents.length };
}

const FAILED = Symbol("failed");

class DocumentReader {
  position: number;
  private nodes = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly file: SourceFile,
    private readonly events: Event[],
    start: number,
    private readonly context: ParseContext,
    private readonly problems: DeferredProblem[],
  ) {
    this.position = start;
  }

  /** The document's data and range; undefined for an empty document. */
  read(): { value: unknown; range: Range } | undefined {
    const first = this.events[this.position];
    if (first === undefined) throw new GiveUp();
    if (first.type === EVENT_ID.POP) {
      this.position++;
      return undefined;
    }
    // an empty document; a tag or anchor alone is not one (`--- !!str` is the string ""): node() gives it up
    if (
      first.type === EVENT_ID.SCALAR &&
      first.valueStart < 0 &&
      first.tagStart < 0 &&
      first.anchorStart < 0 &&
      this.events[this.position + 1]?.type === EVENT_ID.POP
    ) {
      this.position += 2;
      return undefined;
    }
    let value: unknown;
    let range: Range;
    try {
      value = this.node(0, undefined, undefined, 0);
      range = this.range();
    } catch (error) {
      if (!(error instanceof Abort)) throw error;
      this.skipDocument();
      return { value: FAILED, range: { file: this.file, start: 0, end: 0 } };
    }
    if (this.events[this.position++]?.type !== EVENT_ID.POP) throw new GiveUp();
    return { value: this.failed ? FAILED : value, range };
  }

  private fail = (code: ErrorCode, message: string, at: Range, hint?: string): void => {
    this.problems.push({ code, message, at, hint });
    this.failed = true;
  };

  /** Offsets of the node read last (set by node()), so scalars need no Range objects. */
  private start = 0;
  private end = 0;
  /** Raw text of the scalar read last, for env tracking. */
  private lastScalar: string | undefined;

  private node(depth: number, anchor: Range | undefined, key: string | undefined, emptyAt: number): unknown {
    const event = this.events[this.position++];
    if (
      event === undefined ||
      event.type === EVENT_ID.ALIAS ||
      event.type === EVENT_ID.DOCUMENT ||
      event.type === EVENT_ID.POP
    )
      throw new GiveUp();
    if (event.anchorStart >= 0 || event.tagStart >= 0) throw new GiveUp();
    if (++this.nodes > this.context.limits.maxNodesPerDocument) throw new GiveUp();
    if (event.type === EVENT_ID.SCALAR) {
      if (event.valueStart < 0) this.start = this.end = emptyAt;
      else {
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        this.start = quoted ? event.valueStart - 1 : event.valueStart;
        this.end = quoted ? event.valueEnd + 1 : event.valueEnd;
      }
    } else {
      this.start = event.start;
      this.end = event.start + 1;
    }
    if (depth > this.context.limits.maxDepth) {
      this.fail(
        "estate.too_deep",
        `nesting deeper than ${this.context.limits.maxDepth} levels`,
        this.range(),
        "estate documents need only a few levels; flatten the data",
      );
      throw new Abort();
    }
    if (event.type === EVENT_ID.SCALAR) return this.scalar(event, key);
    const own = new CollectionInfo(
      this.file,
      this.start,
      this.end,
      anchor,
      event.type === EVENT_ID.SEQUENCE ? "list" : "map",
    );
    if (event.type === EVENT_ID.SEQUENCE) {
      const list: unknown[] = [];
      let previousEnd = -1; // where the item before ends (-1: none yet)
      while (this.events[this.position]?.type !== EVENT_ID.POP) {
        const value = this.node(
          depth + 1,
          undefined,
          undefined,
          this.isEmptyNext() ? this.emptyItemAt(previousEnd, own.start) : own.start,
        );
        previousEnd = this.end;
        own.pushOffsets("", this.start, this.end, this.start, this.end);
        list.push(value);
        if (this.end > own.end) own.end = this.end;
      }
      this.position++;
      const exact = list.slice(); // pushing left room for 16 more items; a large estate keeps every list
      this.context.index.set(exact, own);
      this.start = own.start;
      this.end = own.end;
      return exact;
    }
    const object: Record<string, unknown> = {};
    while (this.events[this.position]?.type !== EVENT_ID.POP) {
      const keyEvent = this.events[this.position++];
      if (
        keyEvent?.type !== EVENT_ID.SCALAR ||
        keyEvent.anchorStart >= 0 ||
        keyEvent.tagStart >= 0 ||
        keyEvent.valueStart < 0
      )
        throw new GiveUp();
      const quotedKey = keyEvent.style === SCALAR_STYLE.SINGLE_QUOTED || keyEvent.style === SCALAR_STYLE.DOUBLE_QUOTED;
      const keyStart = quotedKey ? keyEvent.valueStart - 1 : keyEvent.valueStart;
      const keyEnd = quotedKey ? keyEvent.valueEnd + 1 : keyEvent.valueEnd;
      const keyText = getScalarValue(this.text, keyEvent);
      const resolved = keyEvent.style === SCALAR_STYLE.PLAIN ? resolvePlain(keyText) : keyText;
      if (resolved === null || typeof resolved === "object") throw new GiveUp();
      const name = String(resolved);
      if (own.has(name)) throw new GiveUp(); // duplicate key: the reference reader reports it
      if (FORBIDDEN_KEYS.has(name)) {
        this.fail(
          "estate.forbidden_key",
          `key "${name}" is not allowed`,
          { file: this.file, start: keyStart, end: keyEnd },
          "remove the key; it is never part of an estate",
        );
        this.skipNode();
        continue;
      }
      const valueEvent = this.events[this.position];
      const valueIsScalar = valueEvent?.type === EVENT_ID.SCALAR;
      const keyRange = valueIsScalar ? undefined : { file: this.file, start: keyStart, end: keyEnd };
      const value = this.node(depth + 1, keyRange, name, this.isEmptyNext() ? this.emptyValueAt(keyEnd) : keyEnd + 1);
      if (this.end > own.end) own.end = this.end;
      own.pushOffsets(name, keyStart, keyEnd, this.start, this.end);
      object[name] = value;
      if (valueIsScalar && this.lastScalar !== undefined && tracksEnv(name, this.lastScalar))
        (own.fromEnv ??= new Set()).add(name);
    }
    this.position++;
    this.context.index.set(object, own);
    this.start = own.start;
    this.end = own.end;
    return object;
  }

  /** Whether the next node is an empty scalar (js-yaml gives it no position). */
  private isEmptyNext(): boolean {
    const event = this.events[this.position];
    return event?.type === EVENT_ID.SCALAR && event.valueStart < 0;
  }

  /** Where `yaml` places an empty map value: past the key's colon and the blanks after it. */
  private emptyValueAt(keyEnd: number): number {
    const at = this.skipBlanks(keyEnd);
    if (this.text.charCodeAt(at) !== 58 /* : */) return keyEnd + 1;
    return this.skipBlanks(at + 1);
  }

  /**
   * Where `yaml` places an empty block sequence item: past its dash and the blanks after it. The first
   * item's dash starts the list; each later one starts a line after the one the item before ends on.
   */
  private emptyItemAt(previousEnd: number, listStart: number): number {
    const text = this.text;
    if (text.charCodeAt(listStart) !== 45 /* - */) return listStart; // a flow sequence
    let at = listStart;
    if (previousEnd >= 0) {
      const nl = text.indexOf("\n", previousEnd);
      if (nl < 0) return listStart;
      at = nl + 1;
    }
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 9 || c === 10 || c === 13) at++;
      else if (c === 35 /* # */) {
        const nl = text.indexOf("\n", at);
        at = nl < 0 ? text.length : nl;
      } else break;
    }
    if (text.charCodeAt(at) !== 45) return listStart;
    return this.skipBlanks(at + 1);
  }

  private skipBlanks(at: number): number {
    while (this.text.charCodeAt(at) === 32 || this.text.charCodeAt(at) === 9) at++;
    return at;
  }

  private range(): Range {
    return { file: this.file, start: this.start, end: this.end };
  }

  private scalar(event: ScalarEvent, key: string | undefined): unknown {
    if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) throw new GiveUp();
    if (event.valueStart < 0) {
      this.lastScalar = undefined;
      return null;
    }
    const raw = getScalarValue(this.text, event);
    this.lastScalar = raw;
    const value = event.style === SCALAR_STYLE.PLAIN ? resolvePlain(raw) : raw;
    const start = this.start;
    const end = this.end;
    return finishScalar(value, () => ({ file: this.file, start, end }), key, this.context, this.fail);
  }

  /** Consumes one node's events without reading it. */
  private skipNode(): void {
    const event = this.events[this.position++];
    if (event?.type === EVENT_ID.SEQUENCE || event?.type === EVENT_ID.MAPPING) {
      while (this.events[this.position] !== undefined && this.events[this.position]!.type !== EVENT_ID.POP)
        this.skipNode();
      this.position++;
    }
  }

  private skipDocument(): void {
    let depth = 0;
    while (this.position < this.events.length) {
      const event = this.events[this.position++]!;
      if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) depth++;
      else if (event.type === EVENT_ID.POP) {
        if (depth === 0) return;
        depth--;
      }
    }
  }
}

/** YAML 1.2 core schema resolution of a plain scalar, as the `yaml` package does it. */
export function resolvePlain(text: string): unknown {
  // most scalars are words: only these first characters (- + . 0-9 ~ n N t T f F) can start a null, boolean or number
  const c = text.charCodeAt(0);
  if (
    text !== "" &&
    !(
      c === 45 ||
      c === 43 ||
      c === 46 ||
      (c >= 48 && c <= 57) ||
      c === 126 ||
      c === 110 ||
      c === 78 ||
      c === 116 ||
      c === 84 ||
      c === 102 ||
      c === 70
    )
  )
    return text;
  if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
  if (text === "true" || text === "True" || text === "TRUE") return true;
  if (text === "false" || text === "False" || text === "FALSE") return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text))
    return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}
