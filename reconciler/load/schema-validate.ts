// Validates documents against schemas/estate.schema.json (ajv, allErrors) and maps every error to the
// YAML node it is about: the key for unknown keys, the value otherwise.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import estateSchema from "../../schemas/estate.schema.json" with { type: "json" };
import { didYouMean, oneOf } from "./did-you-mean.js";
import type { DiagnosticSink } from "./diagnostic-sink.js";
import type { ParsedDocument } from "./parse-documents.js";
import { type SourceIndex, toSpan } from "./source-index.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true });
    addFormats(ajv);
    compiled = ajv.compile(estateSchema);
  }
  return compiled;
}

/** Returns true when the document matches the schema; otherwise reports every error. */
export function validateDocument(document: ParsedDocument, index: SourceIndex, sink: DiagnosticSink): boolean {
  const validate = validator();
  if (validate(document.data)) return true;
  if (restoreEnvText(validate.errors ?? [], document, index) && validate(document.data)) return true;
  for (const error of validate.errors ?? []) reportSchemaError(error, document, index, sink);
  return false;
}

/**
 * `${env:NAME}` alone gives a number or boolean when the value looks like one (so `quantity:` works);
 * where the schema wants text (`resellerOfRecord: ${env:ID}`), the value goes back to text. Returns
 * whether anything changed.
 */
function restoreEnvText(errors: readonly ErrorObject[], document: ParsedDocument, index: SourceIndex): boolean {
  let changed = false;
  for (const error of errors) {
    if (error.keyword !== "type" || (error.params as { type?: string }).type !== "string") continue;
    const segments = error.instancePath.split("/").slice(1);
    const key = segments.pop();
    let parent: unknown = document.data;
    for (const segment of segments)
      parent = parent !== null && typeof parent === "object" ? (parent as Record<string, unknown>)[segment] : undefined;
    if (key === undefined || parent === null || typeof parent !== "object" || !index.fromEnv(parent, key)) continue;
    const record = parent as Record<string, unknown>;
    if (typeof record[key] === "number" || typeof record[key] === "boolean") {
      record[key] = String(record[key]);
      changed = true;
    }
  }
  return changed;
}

function reportSchemaError(
  error: ErrorObject,
  document: ParsedDocument,
  index: SourceIndex,
  sink: DiagnosticSink,
): void {
  if (error.keyword === "if") return; // its `then` branch reports the real problem
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const where = (field: string | undefined, part: "key" | "value" = "value") =>
    locate(document, index, segments, field, part);
  const path = displayPath(segments);
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  const params = error.params as Record<string, unknown>;
  const field = segments[segments.length - 1];
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      sink.error(
        "estate.unknown_key",
        `unknown key "${key}"${path === "" ? "" : ` in ${path}`}`,
        where(key, "key"),
        didYouMean(key, allowed, allowed.length > 0 ? `allowed keys: ${allowed.join(", ")}` : undefined),
      );
      return;
    }
    case "required": {
      const missing = String(params.missingProperty);
      sink.error(
        "estate.missing_field",
        `${path === "" ? "the document" : path} is missing required key "${missing}"`,
        where(undefined),
        `add ${missing}:`,
      );
      return;
    }
    case "type":
      sink.error(
        "estate.invalid_type",
        `${path === "" ? "the document" : path} must be ${article(String(params.type))}, not ${describe(error.data)}`,
        where(undefined),
        describeField(description),
      );
      return;
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      sink.error(
        "estate.invalid_value",
        `${path} is ${quote(error.data)}, which is not allowed`,
        where(undefined),
        didYouMean(String(error.data), allowed, oneOf(allowed) ?? describeField(description)),
      );
      return;
    }
    case "pattern":
    case "format": {
      if (field === "password") {
        sink.error(
          "estate.password_literal",
          `${path} is a literal password`,
          where(undefined),
          "write password: generate, or password: ${env:VARIABLE}; secrets never live in Git",
        );
        return;
      }
      if (params.propertyName !== undefined) return; // reported by propertyNames
      sink.error(
        "estate.invalid_format",
        `${path} ${quote(error.data)} is not a valid ${error.keyword === "format" ? String(params.format) : fieldNoun(field)}`,
        where(undefined),
        describeField(description),
      );
      return;
    }
    case "propertyNames": {
      const key = String(params.propertyName);
      sink.error(
        "estate.invalid_label",
        `label key "${key}" is not valid`,
        where(key, "key"),
        "label keys: letters, digits, '-', '_', '.', at most 63 characters",
      );
      return;
    }
    case "minimum":
    case "maximum":
      sink.error(
        "estate.number_out_of_range",
        `${path} is ${String(error.data)}; it must be ${String(params.comparison)} ${String(params.limit)}`,
        where(undefined),
        describeField(description),
      );
      return;
    case "minLength":
    case "maxLength":
      sink.error(
        "estate.invalid_length",
        `${path} must be ${error.keyword === "minLength" ? "at least" : "at most"} ${String(params.limit)} characters long`,
        where(undefined),
        describeField(description),
      );
      return;
    case "maxItems":
      if (field === "salesReps") {
        sink.error(
          "estate.too_many_sales_reps",
          `${path} lists ${(error.data as unknown[]).length} sales reps; at most ${String(params.limit)} are allowed`,
          where(undefined),
          "keep the three main contacts",
        );
        return;
      }
      sink.error(
        "estate.too_many_items",
        `${path} may hold at most ${String(params.limit)} items`,
        where(undefined),
        describeField(description),
      );
      return;
    case "uniqueItems":
      sink.error(
        "estate.duplicate_item",
        `${path} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`,
        where(String(params.i)),
        "remove the repeated item",
      );
      return;
    case "minProperties":
      sink.error("estate.empty_object", `${path} is empty`, where(undefined), describeField(description));
      return;
    default:
      sink.error(
        "estate.schema_violation",
        `${path === "" ? "the document" : path} ${error.message ?? "does not match the schema"}`,
        where(undefined),
        describeField(description),
      );
  }
}

/** Finds the node an error's instancePath names; `field` is a key below it (unknown key, etc.). */
function locate(
  document: ParsedDocument,
  index: SourceIndex,
  segments: string[],
  field: string | undefined,
  part: "key" | "value",
) {
  let container: unknown = document.data;
  let parent: object | undefined;
  let lastKey: string | undefined;
  for (const segment of segments) {
    if (container === null || typeof container !== "object") break;
    parent = container;
    lastKey = segment;
    container = (container as Record<string, unknown>)[segment];
  }
  if (field !== undefined && container !== null && typeof container === "object") {
    return index.spanOf(container, field, part) ?? toSpan(document.range);
  }
  if (
    container !== null &&
    typeof container === "object" &&
    field === undefined &&
    lastKey !== undefined &&
    parent !== undefined
  ) {
    // the whole collection is wrong (missing key, wrong type…): point at its key in the parent
    return index.spanOf(parent, lastKey, "key") ?? toSpan(document.range);
  }
  if (parent !== undefined && lastKey !== undefined)
    return index.spanOf(parent, lastKey, "value") ?? toSpan(document.range);
  return toSpan(document.range);
}

function displayPath(segments: string[]): string {
  return segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`),
    "",
  );
}

function fieldNoun(field: string | undefined): string {
  return field === undefined || /^\d+$/.test(field) ? "value" : field;
}

function quote(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

function describe(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${quote(value)}`;
}

function article(type: string): string {
  const noun =
    type === "object"
      ? "a map"
      : type === "array"
        ? "a list"
        : type === "integer"
          ? "a whole number"
          : type === "boolean"
            ? "true or false"
            : `a ${type}`;
  return noun;
}

/** The field's schema description serves as the hint: it says what a valid value looks like. */
function describeField(text: string | undefined): string | undefined {
  return text;
}
