// Turns a parsed YAML document into plain data, recording every node's range in the SourceIndex.
// Bounded: nesting depth, alias expansions and node count are limited (alias bombs), keys that could
// reach an object's prototype are refused, and numbers must be finite and exact.
import type { ErrorCode } from "../../core/error-codes.js";
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import { fileStart } from "./diagnostic-sink.js";
import { hasEnvReference, isCredential, substituteEnv, wholeReference } from "./env-substitution.js";
import type { ParseContext } from "./parse-documents.js";
import { CollectionInfo, toSpan, type Range, type SourceFile } from "./source-index.js";

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
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
export function tracksEnv(key: string, raw: string): boolean {
  return hasEnvReference(raw) && !SECRET_KEYS.has(key);
}

class Abort extends Error {}

export function convertDocument(
  document: Document.Parsed,
  file: SourceFile,
  context: ParseContext,
): { ok: true; value: unknown } | { ok: false } {
  let nodes = 0;
  const aliases = new Set<Node>();
  /** The outermost alias being expanded: where an alias bomb is reported. */
  let expandingAlias: Range | undefined;
  let failed = false;
  const range = (node: { range?: [number, number, number] | null } | null | undefined): Range => {
    const [start = 0, end = start] = node?.range ?? [];
    return { file, start, end };
  };
  const fail = (code: ErrorCode, message: string, at: Range, hint?: string): void => {
    context.sink.error(code, message, toSpan(at), hint);
    failed = true;
  };

  const convert = (node: Node | null, depth: number, anchor: Range, key: string | undefined): unknown => {
    if (++nodes > context.limits.maxNodesPerDocument) {
      fail(
        "estate.document_too_large",
        `the document expands to more than ${context.limits.maxNodesPerDocument} nodes`,
        expandingAlias ?? anchor,
        "check for anchors and aliases that multiply content (an alias bomb), or split the document",
      );
      throw new Abort();
    }
    if (depth > context.limits.maxDepth) {
      fail(
        "estate.too_deep",
        `nesting deeper than ${context.limits.maxDepth} levels`,
        range(node),
        "estate documents need only a few levels; flatten the data",
      );
      throw new Abort();
    }
    if (node === null) return null;
    if (isAlias(node)) {
      aliases.add(node);
      if (aliases.size > context.limits.maxAliases) {
        fail(
          "estate.alias_limit",
          `more than ${context.limits.maxAliases} alias references in one document`,
          range(node),
          "use fewer anchors and aliases",
        );
        throw new Abort();
      }
      const target = node.resolve(document);
      if (target === undefined) {
        fail(
          "estate.yaml_syntax",
          `alias *${node.source} refers to no anchor`,
          range(node),
          "define the anchor (&name) before using it",
        );
        return null;
      }
      const outermost = expandingAlias === undefined;
      if (outermost) expandingAlias = range(node);
      try {
        return convert(target, depth + 1, anchor, key);
      } finally {
        if (outermost) expandingAlias = undefined;
      }
    }
    if (isScalar(node)) return convertScalar(node.value, range(node), key);
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      const own = range(node);
      const entries = new CollectionInfo(file, own.start, own.end, anchor, "map");
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyRange = range(keyNode);
        if (!isScalar(keyNode) || !["string", "number", "boolean"].includes(typeof keyNode.value)) {
          fail(
            "estate.invalid_key",
            "map keys must be plain names",
            keyRange,
            "write the key as a word, e.g. quantity:",
          );
          continue;
        }
        const name = String(keyNode.value);
        if (FORBIDDEN_KEYS.has(name)) {
          fail(
            "estate.forbidden_key",
            `key "${name}" is not allowed`,
            keyRange,
            "remove the key; it is never part of an estate",
          );
          continue;
        }
        const valueNode = pair.value as Node | null;
        const valueRange = valueNode === null ? keyRange : range(valueNode);
        object[name] = convert(valueNode, depth + 1, keyRange, name);
        entries.push(name, keyRange, valueRange);
        if (isScalar(valueNode) && typeof valueNode.value === "string" && tracksEnv(name, valueNode.value))
          (entries.fromEnv ??= new Set()).add(name);
      }
      context.index.set(object, entries);
      return object;
    }
    if (isSeq(node)) {
      const list: unknown[] = [];
      const own = range(node);
      const entries = new CollectionInfo(file, own.start, own.end, anchor, "list");
      node.items.forEach((item, i) => {
        const itemRange = range(item as Node | null);
        list.push(convert(item as Node | null, depth + 1, itemRange, undefined));
        entries.push(String(i), itemRange, itemRange);
      });
      const exact = list.slice(); // without the room push() left for more items
      context.index.set(exact, entries);
      return exact;
    }
    fail("estate.yaml_syntax", "unsupported YAML node", range(node as Node));
    return null;
  };

  const convertScalar = (value: unknown, at: Range, key: string | undefined): unknown =>
    finishScalar(value, () => at, key, context, fail);

  try {
    const contents = document.contents as Node | null;
    const root = range(contents);
    const value = convert(contents, 0, root, undefined);
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

/** Checks and resolves one scalar (numbers, env references, secrets); shared by both YAML readers. */
export function finishScalar(
  value: unknown,
  where: () => Range,
  key: string | undefined,
  context: ParseContext,
  fail: (code: ErrorCode, message: string, at: Range, hint?: string) => void,
): unknown {
  // `where` is a function so the fast reader builds a Range only for a scalar that has a problem
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
  at: Range,
  fail: (code: ErrorCode, message: string, at: Range, hint?: string) => void,
): void {
  fail(
    "estate.env_credential",
    `\${env:${variable}} names a credential of cspctl's (or a variable holding the same value); an estate may never read it`,
    at,
    "an estate's values are printed in plans and sent to Partner Center: read this value from a variable of its own, never from cspctl's credentials",
  );
}
