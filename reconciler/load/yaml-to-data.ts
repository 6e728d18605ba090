// Checks a document's data as js-yaml read it and copies it, registering every collection in the SourceIndex.
// Bounded: nesting depth, alias expansions and node count are limited (alias bombs), keys that could
// reach an object's prototype are refused, and numbers must be finite and exact.
import type { ErrorCode } from "../../core/error-codes.js";
import type { SourceSpan } from "../model/diagnostic.js";
import { fileStart } from "./diagnostic-sink.js";
import { hasEnvReference, isCredential, substituteEnv, wholeReference } from "./env-substitution.js";
import type { ParseContext } from "./parse-documents.js";
import { spanAt, type SourceFile } from "./source-file.js";

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** Secrets stay as written (`${env:NAME}`) so the resolved value never enters validated data or messages. */
const SECRET_KEYS: ReadonlySet<string> = new Set(["password"]);

/**
 * Fields whose value may be shown when it comes from `${env:}` (counts, enums, switches): everywhere
 * else a resolved value is sensitive and outputs show the reference (docs/security.md).
 */
const SAFE_TO_SHOW_KEYS: ReadonlySet<string> = new Set([
  "quantity",
  "term",
  "billing",
  "autoRenew",
  "enabled",
  "usageLocation",
  "country",
  "culture",
  "language",
  "qualification",
  "mode",
  "protect",
  "convert",
]);

/** Whether a key's raw scalar is remembered as coming from the environment (never a secret's). */
function tracksEnv(key: string, raw: string): boolean {
  return hasEnvReference(raw) && !SECRET_KEYS.has(key);
}

class Abort extends Error {}

/**
 * Checks one document's data as js-yaml read it, in place, registering every map and sequence in the
 * SourceIndex. An alias makes js-yaml share one object between places: when the text may hold one
 * (`mayAlias`), the data is copied instead, so each place gets an object of its own (as positions,
 * merges and checks expect), every copy counted against the node limit (alias bombs).
 */
export function convertDocument(
  raw: unknown,
  file: SourceFile,
  document: number,
  context: ParseContext,
  mayAlias: boolean,
): { ok: true; value: unknown } | { ok: false } {
  const { index } = context;
  let nodes = 0;
  const seen = new Set<object>();
  /** Where the outermost alias being expanded was written (parent and key): where an alias bomb is reported. */
  let expandingAlias: [object, string] | undefined;
  let failed = false;
  const fail = (code: ErrorCode, message: string, at: SourceSpan, hint?: string): void => {
    context.sink.error(code, message, at, hint);
    failed = true;
  };
  /** The span of entry `key` of `parent`, or of the document when there is no parent. */
  const spanAtEntry = (parent: object | undefined, key: string | undefined, part: "key" | "value" = "value") =>
    (parent === undefined ? undefined : index.spanOf(parent, key, part)) ?? documentStart(file, document);

  const convert = (value: unknown, depth: number, parent: object | undefined, key: string | undefined): unknown => {
    if (++nodes > context.limits.maxNodesPerDocument) {
      fail(
        "estate.document_too_large",
        `the document expands to more than ${context.limits.maxNodesPerDocument} nodes`,
        expandingAlias === undefined ? spanAtEntry(parent, key, "key") : spanAtEntry(...expandingAlias),
        "check for anchors and aliases that multiply content (an alias bomb), or split the document",
      );
      throw new Abort();
    }
    if (depth > context.limits.maxDepth) {
      fail(
        "estate.too_deep",
        `nesting deeper than ${context.limits.maxDepth} levels`,
        spanAtEntry(parent, key),
        "estate documents need only a few levels; flatten the data",
      );
      throw new Abort();
    }
    if (value === null || typeof value !== "object")
      return finishScalar(value, () => spanAtEntry(parent, key), parentKey(parent, key), context, fail);
    const outermost = mayAlias && expandingAlias === undefined && parent !== undefined && seen.has(value);
    if (outermost) expandingAlias = [parent, key!];
    if (mayAlias) seen.add(value);
    try {
      if (Array.isArray(value)) {
        const list = mayAlias ? new Array<unknown>(value.length) : value;
        register(list, parent, key);
        for (let i = 0; i < value.length; i++) list[i] = convert(value[i], depth + 1, list, String(i));
        return list;
      }
      if (!isPlainRecord(value)) {
        fail(
          "estate.unsupported_value",
          "this kind of YAML value (binary, date, set…) is not part of an estate",
          spanAtEntry(parent, key),
          "write plain text, numbers or booleans",
        );
        return null;
      }
      const object: Record<string, unknown> = mayAlias ? {} : value;
      register(object, parent, key);
      for (const name of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(name)) {
          fail(
            "estate.forbidden_key",
            `key "${name}" is not allowed`,
            spanAtEntry(object, name, "key"),
            "remove the key; it is never part of an estate",
          );
          delete object[name];
          continue;
        }
        // js-yaml reads a null key as "null"; a key must be a name
        if (name === "null" && index.nullKey(object, name)) {
          fail("estate.invalid_key", "map keys must be plain names", spanAtEntry(object, name, "key"), KEY_HINT);
          continue;
        }
        const entry = value[name];
        const converted = convert(entry, depth + 1, object, name);
        if (converted !== entry || mayAlias) object[name] = converted;
        if (typeof entry === "string" && tracksEnv(name, entry)) index.markEnv(object, name);
      }
      return object;
    } finally {
      if (outermost) expandingAlias = undefined;
    }
  };
  const register = (collection: object, parent: object | undefined, key: string | undefined): void => {
    if (parent === undefined) index.root(collection, file, document);
    else index.child(collection, parent, key!);
  };

  try {
    const value = convert(raw, 0, undefined, undefined);
    return failed ? { ok: false } : { ok: true, value };
  } catch (error) {
    if (error instanceof Abort) return { ok: false };
    if (error instanceof RangeError) {
      context.sink.error(
        "estate.too_deep",
        "the document is nested too deeply to read",
        fileStart(file.path),
        "flatten the data",
      );
      return { ok: false };
    }
    throw error;
  }
}

export const KEY_HINT = "write the key as a word, e.g. quantity:";

/** The key scalars of `parent` are checked under (none for sequence items). */
function parentKey(parent: object | undefined, key: string | undefined): string | undefined {
  return parent === undefined || Array.isArray(parent) ? undefined : key;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The start of document `document` of `file` (a root that is no collection has no node of its own in the index). */
function documentStart(file: SourceFile, document: number): SourceSpan {
  const node = file.documents[document]?.contents;
  const [start = 0, end = start] = node?.range ?? [];
  return spanAt(file, start, end);
}

/** Checks and resolves one scalar (numbers, env references, secrets). */
function finishScalar(
  value: unknown,
  where: () => SourceSpan,
  key: string | undefined,
  context: ParseContext,
  fail: (code: ErrorCode, message: string, at: SourceSpan, hint?: string) => void,
): unknown {
  // `where` is a function so that a position is looked up only for a scalar that has a problem
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      fail(
        "estate.number_out_of_range",
        `number ${String(value)} is out of range`,
        where(),
        "use a whole number below 2^53, or quote the value if it is text",
      );
      return null;
    }
    return value;
  }
  if (typeof value !== "string") {
    fail(
      "estate.unsupported_value",
      "this kind of YAML value (binary, date, set…) is not part of an estate",
      where(),
      "write plain text, numbers or booleans",
    );
    return null;
  }
  if (key !== undefined && SECRET_KEYS.has(key)) {
    const variable = wholeReference(value);
    if (variable !== undefined && isCredential(variable, context.env)) failCredential(variable, where(), fail);
    else if (variable !== undefined && (!Object.hasOwn(context.env, variable) || context.env[variable] === undefined)) {
      fail(
        "estate.env_missing",
        `environment variable ${variable} is not set`,
        where(),
        `export ${variable} before running cspctl`,
      );
    } else if (variable !== undefined) context.sensitive?.add(variable, context.env[variable]!);
    return value;
  }
  const result = substituteEnv(value, context.env);
  switch (result.kind) {
    case "none":
      return value;
    case "resolved":
      if (key === undefined || !SAFE_TO_SHOW_KEYS.has(key))
        for (const variable of result.variables) context.sensitive?.add(variable, context.env[variable]!);
      return result.value;
    case "credential":
      failCredential(result.variable, where(), fail);
      return null;
    case "missing":
      fail(
        "estate.env_missing",
        `environment variable ${result.variable} is not set`,
        where(),
        `export ${result.variable} before running cspctl`,
      );
      return null;
    case "invalid":
      fail(
        "estate.env_invalid_reference",
        `"${result.reference}" is not a valid environment reference`,
        where(),
        "write ${env:NAME} with a name of letters, digits and _",
      );
      return null;
  }
}

function failCredential(
  variable: string,
  at: SourceSpan,
  fail: (code: ErrorCode, message: string, at: SourceSpan, hint?: string) => void,
): void {
  fail(
    "estate.env_credential",
    `\${env:${variable}} names a credential of cspctl's (or a variable holding the same value); an estate may never read it`,
    at,
    "an estate's values are printed in plans and sent to Partner Center: read this value from a variable of its own, never from cspctl's credentials",
  );
}
