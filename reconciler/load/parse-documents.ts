// Parses one file's YAML documents into data, and reports YAML-level problems (syntax, duplicate keys,
// tabs, unsupported tags) as diagnostics at `yaml`'s positions.
import { CORE_SCHEMA, defineScalarTag, floatCoreTag, load, loadAll, NOT_RESOLVED } from "js-yaml";
import { type Document, isScalar, type Node, parseAllDocuments, visit, type YAMLError, type YAMLWarning } from "yaml";
import type { SensitiveValues } from "../../core/sensitive-values.js";
import type { ErrorCode } from "../../core/error-codes.js";
import { type DiagnosticSink, fileStart } from "./diagnostic-sink.js";
import type { EnvSource } from "./env-substitution.js";
import type { LoadLimits } from "./limits.js";
import { type Range, SourceFile, type SourceIndex, toSpan } from "./source-index.js";
import { convertDocument, KEY_HINT } from "./yaml-to-data.js";
import { precheckYaml } from "./yaml-precheck.js";

export interface ParsedDocument {
  file: SourceFile;
  /** 0-based position of the document in its file. */
  index: number;
  data: unknown;
  /** The document's content range, for problems with the document as a whole (looked up when read). */
  readonly range: Range;
}

export interface ParseContext {
  sink: DiagnosticSink;
  index: SourceIndex;
  env: EnvSource;
  /** Receives every value resolved from the environment outside the safe-to-show fields. */
  sensitive?: SensitiveValues;
  limits: LoadLimits;
}

const MAX_FLOW_DEPTH = 256;

/** YAML 1.2's number forms: js-yaml reads one too large for a double as text, `yaml` (and YAML) as a number. */
const NUMBER_FORM = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

/**
 * js-yaml's core schema, except that a number too large for a double is the number (±Infinity, which
 * the loader reports as out of range) and not the text: as `yaml`, whose positions are the ones shown.
 */
const SCHEMA = CORE_SCHEMA.withTags(
  defineScalarTag("tag:yaml.org,2002:float", {
    ...floatCoreTag,
    resolve: (source, isExplicit, tagName) => {
      const value = floatCoreTag.resolve(source, isExplicit, tagName);
      return value === NOT_RESOLVED && NUMBER_FORM.test(source) ? Number(source) : value;
    },
  }),
);

function readOptions(context: ParseContext) {
  return { schema: SCHEMA, maxDepth: MAX_FLOW_DEPTH, maxAliases: context.limits.maxAliases };
}

/**
 * One file's documents: js-yaml reads the data; when it refuses the file, `yaml` reports every problem
 * precisely and js-yaml reads the documents `yaml` found sound, one by one.
 */
export function parseEstateText(text: string, display: string, context: ParseContext): ParsedDocument[] {
  const file = new SourceFile(display, text);
  let documents: unknown[];
  try {
    documents = loadAll(text, readOptions(context));
  } catch {
    return parseRefusedFile(file, context);
  }
  const mayAlias = text.includes("*");
  const parsed: ParsedDocument[] = [];
  let broken = false;
  documents.forEach((data, index) => {
    if (data === null || data === undefined) return;
    const document = convertFrom(data, file, index, context, mayAlias);
    if (document === undefined) broken = true;
    else parsed.push(document);
  });
  if (parsed.length === 0 && !broken) reportEmpty(display, context);
  return parsed;
}

function convertFrom(
  data: unknown,
  file: SourceFile,
  index: number,
  context: ParseContext,
  mayAlias: boolean,
): ParsedDocument | undefined {
  const converted = convertDocument(data, file, index, context, mayAlias);
  if (!converted.ok) return undefined;
  return {
    file,
    index,
    data: converted.value,
    get range(): Range {
      const [start = 0, end = start] = file.documents[index]?.contents?.range ?? [];
      return { file, start, end };
    },
  };
}

function reportEmpty(display: string, context: ParseContext): void {
  context.sink.error(
    "estate.empty_file",
    `"${display}" holds no YAML document`,
    fileStart(display),
    "remove the file or add a Customer or Profile document",
  );
}

/** A file js-yaml refused: `yaml`'s problems, and the data of the documents it has none in. */
function parseRefusedFile(file: SourceFile, context: ParseContext): ParsedDocument[] {
  const { text } = file;
  const deepAt = deepFlowNesting(text);
  if (deepAt !== undefined) {
    context.sink.error(
      "estate.too_deep",
      `nesting deeper than ${MAX_FLOW_DEPTH} levels`,
      toSpan({ file, start: deepAt, end: deepAt + 1 }),
      "estate documents need only a few levels; flatten the data",
    );
    return [];
  }
  const checked = precheckYaml(text, { maxNesting: MAX_FLOW_DEPTH, maxAliases: context.limits.maxAliases });
  // refused documents are blanked with their offsets kept, so positions in the others stay right
  const list = parseAllDocuments(checked.text, { uniqueKeys: true, strict: true });
  const documents: Document.Parsed[] = Array.isArray(list) ? list : [];
  file.useDocuments(documents);
  for (const problem of checked.refused)
    context.sink.error(
      problem.code,
      problem.message,
      toSpan({ file, start: problem.start, end: problem.end }),
      problem.hint,
    );
  const parsed: ParsedDocument[] = [];
  let broken = checked.refused.length > 0;
  documents.forEach((document, index) => {
    for (const problem of document.errors) reportYamlProblem(problem, file, context.sink, "error");
    for (const problem of document.warnings) reportYamlProblem(problem, file, context.sink, "warning");
    if (document.errors.length > 0 || document.warnings.some((w) => w.code === "TAG_RESOLVE_FAILED")) {
      broken = true;
      return;
    }
    if (isEmptyDocument(document)) return;
    const [start = 0, end = start] = document.range;
    let data: unknown;
    try {
      data = load(text.slice(start, end), readOptions(context));
    } catch (error) {
      broken = true;
      if (!explainRefusal(document, file, context.sink)) reportRefusal(error, start, file, context.sink);
      return;
    }
    const converted = data === null || data === undefined ? undefined : convertFrom(data, file, index, context, true);
    if (converted === undefined) broken = true;
    else parsed.push(converted);
  });
  if (parsed.length === 0 && !broken) reportEmpty(file.path, context);
  return parsed;
}

/**
 * Reports, at `yaml`'s positions, what js-yaml refuses in a document `yaml` accepts: aliases to no
 * anchor, keys that are not plain names, and values that are not text, numbers or booleans. False when
 * there is none of them.
 */
function explainRefusal(document: Document.Parsed, file: SourceFile, sink: DiagnosticSink): boolean {
  let found = false;
  const report = (code: ErrorCode, message: string, node: Node, hint: string): void => {
    const [start = 0, end = start] = node.range ?? [];
    sink.error(code, message, toSpan({ file, start, end }), hint);
    found = true;
  };
  visit(document, {
    Alias(_, node) {
      if (node.resolve(document) === undefined)
        report(
          "estate.yaml_syntax",
          `alias *${node.source} refers to no anchor`,
          node,
          "define the anchor (&name) before using it",
        );
    },
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key !== null && (!isScalar(key) || !["string", "number", "boolean"].includes(typeof key.value)))
        report("estate.invalid_key", "map keys must be plain names", key, KEY_HINT);
    },
    Scalar(_, node) {
      if (node.value !== null && !["string", "number", "boolean"].includes(typeof node.value))
        report(
          "estate.unsupported_value",
          "this kind of YAML value (binary, date, set…) is not part of an estate",
          node,
          "write plain text, numbers or booleans",
        );
    },
  });
  return found;
}

/** js-yaml's own words, at its own position in a document starting at `start`. */
function reportRefusal(error: unknown, start: number, file: SourceFile, sink: DiagnosticSink): void {
  const at = start + ((error as { mark?: { position?: number } }).mark?.position ?? 0);
  sink.error(
    "estate.yaml_syntax",
    lowerFirst((error as Error).message.split("\n")[0]!.replace(/ \(\d+:\d+\)$/, "")),
    toSpan({ file, start: at, end: at + 1 }),
    "fix the YAML syntax at this position",
  );
}

function isEmptyDocument(document: Document.Parsed): boolean {
  const contents = document.contents;
  return (
    contents === null || (contents.range[0] === contents.range[1] && (contents as { value?: unknown }).value === null)
  );
}

const YAML_CODES: Record<string, ErrorCode> = {
  DUPLICATE_KEY: "estate.duplicate_key",
  TAB_AS_INDENT: "estate.tab_indent",
  TAG_RESOLVE_FAILED: "estate.unsupported_tag",
};

function reportYamlProblem(
  problem: YAMLError | YAMLWarning,
  file: SourceFile,
  sink: DiagnosticSink,
  severity: "error" | "warning",
): void {
  const code: ErrorCode =
    YAML_CODES[problem.code] ?? (severity === "error" ? "estate.yaml_syntax" : "estate.yaml_warning");
  const [start, end] = problem.pos;
  const message = problem.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const hint =
    code === "estate.duplicate_key"
      ? "each key may appear once per map; remove or rename one of them"
      : code === "estate.tab_indent"
        ? "indent with spaces, not tabs"
        : code === "estate.unsupported_tag"
          ? "estate files use plain YAML values; remove the tag"
          : "fix the YAML syntax at this position";
  sink.report(
    code === "estate.unsupported_tag" ? "error" : severity,
    code,
    lowerFirst(message),
    toSpan({ file, start, end }),
    hint,
  );
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** Offset where `[`/`{` nesting first exceeds the bound (checked before parsing, so the parser never recurses that deep). */
function deepFlowNesting(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}
