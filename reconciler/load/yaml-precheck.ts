// Refuses documents that would make `yaml`'s parser or composer misbehave, before they see the text:
// block nesting so deep that they recurse off the stack (compact `- - - x` and `? ? x` nest without
// brackets or indentation; a second overflow in one process can abort V8), and more alias references
// than the limit (the composer resolves aliases in quadratic time). `yaml`'s Lexer is a flat state
// machine, so one linear pass over its tokens bounds both; a refused document's rest is skipped.
import { CST, Lexer } from "yaml";

export interface RefusedDocument {
  code: "estate.too_deep" | "estate.alias_limit";
  message: string;
  hint: string;
  /** The offending token. */
  start: number;
  end: number;
}

export interface PrecheckResult {
  refused: RefusedDocument[];
  /**
   * `text` with each refused document's content turned into one comment line of the same length,
   * so offsets after it stay put (line numbers do not: count them on the original text).
   */
  text: string;
}

export interface PrecheckLimits {
  /** Block plus flow nesting beyond which a document is refused (an upper bound, not the exact depth). */
  maxNesting: number;
  maxAliases: number;
}

interface LineLevel {
  indent: number;
  /** Collections this line opens: `-`, `?` and `:` outside flow collections. */
  opened: number;
}

/** A document marker at a line start; YAML forbids one inside any scalar, so it always ends the document. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function precheckYaml(text: string, limits: PrecheckLimits): PrecheckResult {
  const refused: RefusedDocument[] = [];
  const blanked: [number, number][] = [];
  let from = 0;
  while (from < text.length) {
    const stop = scanUntilRefused(text, from, limits);
    if (stop === undefined) break;
    refused.push(stop.problem);
    DOCUMENT_MARKER.lastIndex = stop.problem.end;
    const next = DOCUMENT_MARKER.exec(text)?.index ?? text.length;
    blanked.push([stop.documentStart, next]);
    from = next;
  }
  return { refused, text: blanked.length === 0 ? text : blank(text, blanked) };
}

/** Lexes `text` from `from` (a document start) until a document breaks a limit; undefined when none does. */
function scanUntilRefused(
  text: string,
  from: number,
  limits: PrecheckLimits,
): { problem: RefusedDocument; documentStart: number } | undefined {
  let offset = from;
  let nextIsScalarSource = false;
  let documentStart = from;
  let aliases = 0;
  let flowLevel = 0;
  // the base level holds what follows `---` on its line; indentation never closes it
  let levels: LineLevel[] = [{ indent: -1, opened: 0 }];
  let nesting = 0;
  let lineStart = from;
  let lineHasToken = false;

  const enterLine = (at: number): void => {
    const indent = at - lineStart;
    while (levels.length > 1 && levels[levels.length - 1]!.indent >= indent) nesting -= levels.pop()!.opened;
    levels.push({ indent, opened: 0 });
  };

  for (const source of new Lexer().lex(from === 0 ? text : text.slice(from))) {
    const at = offset;
    if (nextIsScalarSource) {
      nextIsScalarSource = false;
      offset += source.length;
      if (!lineHasToken && flowLevel === 0) enterLine(at);
      lineHasToken = true;
      continue;
    }
    const type = CST.tokenType(source);
    // markers, not text: the next token is a scalar's source, a new document, or a flow error
    if (type === "scalar") {
      nextIsScalarSource = true;
      continue;
    }
    if (type === "doc-mode" || type === "flow-error-end") continue;
    offset += source.length;
    if (type === "newline") {
      lineStart = offset;
      lineHasToken = false;
    } else if (type === "doc-start" || type === "doc-end") {
      documentStart = offset;
      aliases = 0;
      flowLevel = 0;
      levels = [{ indent: -1, opened: 0 }];
      nesting = 0;
      lineHasToken = true;
    } else if (type !== "space" && type !== "comment" && type !== "byte-order-mark" && type !== "directive-line") {
      if (!lineHasToken && flowLevel === 0) enterLine(at);
      lineHasToken = true;
      if (type === "alias" && ++aliases > limits.maxAliases) {
        const problem = {
          code: "estate.alias_limit",
          message: `more than ${limits.maxAliases} alias references in one document`,
          hint: "use fewer anchors and aliases",
          start: at,
          end: at + source.length,
        } as const;
        return { problem, documentStart };
      }
      if (type === "flow-map-start" || type === "flow-seq-start") flowLevel++;
      else if ((type === "flow-map-end" || type === "flow-seq-end") && flowLevel > 0) flowLevel--;
      else if (
        flowLevel === 0 &&
        (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind")
      ) {
        levels[levels.length - 1]!.opened++;
        nesting++;
      }
      if (nesting + flowLevel > limits.maxNesting) {
        const problem = {
          code: "estate.too_deep",
          message: `nesting deeper than ${limits.maxNesting} levels`,
          hint: "estate documents need only a few levels; flatten the data",
          start: at,
          end: at + 1,
        } as const;
        return { problem, documentStart };
      }
    }
  }
  return undefined;
}

/**
 * Turns each range into ` #` and spaces, keeping a final line break so the marker after it stays at a
 * line start. A refused first document (at 0, so no `---` precedes it) gets one, so the documents
 * after it keep their position in the file.
 */
function blank(text: string, ranges: [number, number][]): string {
  let result = "";
  let copied = 0;
  for (const [start, end] of ranges) {
    const breakLength = text.endsWith("\r\n", end) ? 2 : text.endsWith("\n", end) ? 1 : 0;
    const width = Math.max(0, end - start - breakLength);
    const head = start === 0 ? "--- #" : " #";
    const comment = width >= head.length ? head + " ".repeat(width - head.length) : " ".repeat(width);
    result += text.slice(copied, start) + comment + text.slice(end - breakLength, end);
    copied = end;
  }
  return result + text.slice(copied);
}
