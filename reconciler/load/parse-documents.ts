// Parses one file's YAML documents, keeping node ranges, and reports YAML-level problems (syntax,
// duplicate keys, tabs, unsupported tags) as diagnostics.
import type { ErrorCode } from "../../core/error-codes.js";
import { LineCounter, parseAllDocuments, type Document, type YAMLError, type YAMLWarning } from "yaml";
import { type DiagnosticSink, fileStart } from "./diagnostic-sink.js";
import type { EnvSource } from "./env-substitution.js";
import type { SensitiveValues } from "../../core/sensitive-values.js";
import type { LoadLimits } from "./limits.js";
import { countLines } from "./source-file.js";
import { type SourceIndex, toSpan, type Range, type SourceFile } from "./source-index.js";
import { readFast } from "./fast-yaml.js";
import { readSimpleYaml } from "./simple-yaml.js";
import { convertDocument } from "./yaml-to-data.js";
import { precheckYaml } from "./yaml-precheck.js";

export interface ParsedDocument {
  file: SourceFile;
  /** 0-based position of the document in its file. */
  index: number;
  data: unknown;
  /** The document's content range, for problems with the document as a whole. */
  range: Range;
}

export interface ParseContext {
  sink: DiagnosticSink;
  index: SourceIndex;
  env: EnvSource;
  /** Receives every value resolved from the environment outside the safe-to-show fields. */
  sensitive?: SensitiveValues;
  limits: LoadLimits;
  /** "fast" (default) tries js-yaml's event reader first; "reference" always uses `yaml`. */
  reader?: "fast" | "reference";
}

const MAX_FLOW_DEPTH = 256;

export function parseEstateText(text: string, display: string, context: ParseContext): ParsedDocument[] {
  if (context.reader !== "reference") {
    const fast = readSimpleYaml(text, display, context) ?? readFast(text, display, context);
    if (fast !== undefined) {
      if (fast.documents.length === 0 && !fast.broken) {
        context.sink.error(
          "estate.empty_file",
          `"${display}" holds no YAML document`,
          fileStart(display),
          "remove the file or add a Customer or Profile document",
        );
      }
      return fast.documents;
    }
  }
  return parseWithYaml(text, display, context);
}

/** The reference reader: `yaml`'s composer, which reports every YAML problem precisely. */
function parseWithYaml(text: string, display: string, context: ParseContext): ParsedDocument[] {
  const deepAt = deepFlowNesting(text);
  if (deepAt !== undefined) {
    const file: SourceFile = { path: display, lines: countLines(text, deepAt) };
    context.sink.error(
      "estate.too_deep",
      `nesting deeper than ${MAX_FLOW_DEPTH} levels`,
      toSpan({ file, start: deepAt, end: deepAt + 1 }),
      "estate documents need only a few levels; flatten the data",
    );
    return [];
  }
  const checked = precheckYaml(text, { maxNesting: MAX_FLOW_DEPTH, maxAliases: context.limits.maxAliases });
  const blanked = checked.refused.length > 0;
  // refused documents are blanked to one line each: count lines on the original text; otherwise yaml counts them
  const lines = blanked ? countLines(text) : new LineCounter();
  const file: SourceFile = { path: display, lines };
  const documents = parseAllDocuments(
    checked.text,
    blanked
      ? { uniqueKeys: true, strict: true }
      : { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true },
  );
  for (const problem of checked.refused)
    context.sink.error(
      problem.code,
      problem.message,
      toSpan({ file, start: problem.start, end: problem.end }),
      problem.hint,
    );
  const list: Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const parsed: ParsedDocument[] = [];
  let broken = checked.refused.length > 0;
  list.forEach((document, index) => {
    for (const problem of document.errors) reportYamlProblem(problem, file, context.sink, "error");
    for (const problem of document.warnings) reportYamlProblem(problem, file, context.sink, "warning");
    if (document.errors.length > 0 || document.warnings.some((w) => w.code === "TAG_RESOLVE_FAILED")) {
      broken = true;
      return;
    }
    if (isEmptyDocument(document)) return;
    const converted = convertDocument(document, file, context);
    if (!converted.ok) {
      broken = true;
      return;
    }
    const [start = 0, end = start] = document.contents?.range ?? [];
    parsed.push({ file, index, data: converted.value, range: { file, start, end } });
  });
  if (parsed.length === 0 && !broken) {
    context.sink.error(
      "estate.empty_file",
      `"${display}" holds no YAML document`,
      fileStart(display),
      "remove the file or add a Customer or Profile document",
    );
  }
  return parsed;
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
