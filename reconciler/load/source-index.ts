// Where every map and sequence of the loaded data was written. The index remembers only how each
// collection was reached (its document, or its parent and key; a merge's layers); positions come from
// the file's `yaml` documents, parsed when a diagnostic, locate() or a drift source first asks. So
// `yaml` is the one source of every span, and a file nobody asks about is never parsed twice.
import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import type { SourceSpan } from "../model/diagnostic.js";
import { selectEntry, type PathSegment } from "./field-path.js";
import { spanAt, type Range, type SourceFile } from "./source-file.js";

export { parseFieldPath, type PathSegment } from "./field-path.js";
export { SourceFile, toSpan, type Range } from "./source-file.js";

type Origin =
  /** A document's root. */
  | { file: SourceFile; document: number }
  /** An entry of a map or an item of a sequence. */
  | { parent: object; key: string }
  /** A merge of `layers` (lowest priority first): each entry comes from the last layer that has it. */
  | { layers: readonly object[] }
  /** A list whose item i is item `items[i][1]` of the list `items[i][0]`; `own` gives the list's own range. */
  | { own: object; items: readonly (readonly [object, string])[] };

/** A collection's `yaml` node (aliases resolved) and where to point when it is wrong as a whole. */
interface Located {
  file: SourceFile;
  document: Document.Parsed;
  node: Node;
  anchor: Range;
}

export class SourceIndex {
  private readonly origins = new Map<object, Origin>();
  /** Entries whose scalar was written as `${env:…}`, per collection (few collections have any). */
  private readonly envKeys = new Map<object, Set<string>>();

  /** Registers the root collection of document `document` (0-based) of `file`. */
  root(collection: object, file: SourceFile, document: number): void {
    this.origins.set(collection, { file, document });
  }

  /** Registers `collection` as entry `key` of `parent` (a registered collection). */
  child(collection: object, parent: object, key: string): void {
    this.origins.set(collection, { parent, key });
  }

  /** Records that entry `key` of `collection` was written as `${env:…}`. */
  markEnv(collection: object, key: string): void {
    let keys = this.envKeys.get(collection);
    if (keys === undefined) this.envKeys.set(collection, (keys = new Set()));
    keys.add(key);
  }

  /** Registers `collection` with the very positions of `original` (a copy of it). */
  alias(collection: object, original: object): void {
    const origin = this.origins.get(original);
    if (origin !== undefined) this.origins.set(collection, origin);
  }

  /** Registers `merged`, built from `layers` (first = lowest priority): each entry points to the layer it came from. */
  registerMerge(merged: object, layers: readonly object[]): void {
    const known = layers.filter((layer) => this.origins.has(layer));
    if (known.length > 0) this.origins.set(merged, { layers: known });
  }

  /**
   * Registers a list made of items of other lists: item i is item `items[i][1]` of `items[i][0]`; the
   * list itself is where the first registered of `owners` was written.
   */
  registerItems(list: object, owners: readonly object[], items: readonly (readonly [object, string])[]): void {
    const own = owners.find((owner) => this.origins.has(owner));
    if (own !== undefined) this.origins.set(list, { own, items });
  }

  /** Whether entry `key` of the collection was written as `${env:…}`. */
  fromEnv(collection: object, key: string): boolean {
    const source = this.entrySource(collection, key);
    return source !== undefined && this.envKeys.get(source[0])?.has(source[1]) === true;
  }

  /** The collection's own span. */
  ownSpan(collection: object): SourceSpan | undefined {
    const located = this.locate(collection);
    return located === undefined ? undefined : nodeSpan(located.file, located.node);
  }

  /** The span of an entry's key (`part: "key"`) or value, or of the collection's anchor when the entry is absent. */
  spanOf(collection: object, entry?: string | number, part: "key" | "value" = "value"): SourceSpan | undefined {
    const source = entry === undefined ? undefined : this.entrySource(collection, String(entry));
    if (source !== undefined) {
      const located = this.locate(source[0]);
      const found = located === undefined ? undefined : entryNodes(located, source[1]);
      if (found !== undefined) return nodeSpan(located!.file, part === "key" ? found.key : found.value);
    }
    const located = this.locate(collection);
    return located === undefined ? undefined : spanAt(located.file, located.anchor.start, located.anchor.end);
  }

  /** Whether key `key` of the collection was written as a null (`null:`, `~:` or nothing), which js-yaml reads as "null". */
  nullKey(collection: object, key: string): boolean {
    const located = this.locate(collection);
    const found = located === undefined ? undefined : entryNodes(located, key);
    return found !== undefined && isScalar(found.key) && found.key.value === null;
  }

  /** Walks a field path (see parseFieldPath) from `root` and returns the span of the node it names. */
  locatePath(root: object, path: readonly PathSegment[]): SourceSpan | undefined {
    let current: unknown = root;
    for (let i = 0; i < path.length; i++) {
      if (current === null || typeof current !== "object") return undefined;
      const key = selectEntry(current, path[i]!);
      if (key === undefined) return undefined;
      if (i === path.length - 1) return this.spanOf(current, key);
      current = (current as Record<string, unknown>)[key];
    }
    return this.spanOf(root);
  }

  /** The collection and key an entry was read from (through merges), or undefined when it has none. */
  private entrySource(collection: object, key: string): [object, string] | undefined {
    const origin = this.origins.get(collection);
    if (origin === undefined) return undefined;
    if ("layers" in origin) {
      for (let i = origin.layers.length - 1; i >= 0; i--) {
        const layer = origin.layers[i]!;
        if (Object.hasOwn(layer, key)) return this.entrySource(layer, key);
      }
      return undefined;
    }
    if ("items" in origin) {
      const item = /^\d+$/.test(key) ? origin.items[Number(key)] : undefined;
      return item === undefined ? undefined : this.entrySource(item[0], item[1]);
    }
    return [collection, key]; // whether the entry was written is for its document to say
  }

  private locate(collection: object): Located | undefined {
    const origin = this.origins.get(collection);
    if (origin === undefined) return undefined;
    if ("layers" in origin) return this.locate(origin.layers[origin.layers.length - 1]!);
    if ("items" in origin) return this.locate(origin.own);
    if ("file" in origin) {
      const document = origin.file.documents[origin.document];
      if (document?.contents === null || document === undefined) return undefined;
      const node = document.contents;
      const [start, end] = exactRange(origin.file, node);
      return { file: origin.file, document, node, anchor: { file: origin.file, start, end } };
    }
    const parent = this.locate(origin.parent);
    const found = parent === undefined ? undefined : entryNodes(parent, origin.key);
    if (found === undefined) return undefined;
    const node = isAlias(found.value) ? found.value.resolve(parent!.document) : found.value;
    if (node === undefined) return undefined;
    const [start, end] = exactRange(parent!.file, found.key);
    return { file: parent!.file, document: parent!.document, node, anchor: { file: parent!.file, start, end } };
  }
}

/** The key (the item itself in a sequence) and value nodes of entry `key` of a located collection. */
function entryNodes(located: Located, key: string): { key: Node; value: Node } | undefined {
  const { node } = located;
  if (isSeq(node)) {
    const item = /^\d+$/.test(key) ? (node.items[Number(key)] as Node | undefined) : undefined;
    return item === undefined || item === null ? undefined : { key: item, value: item };
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || String(keyNode.value) !== key) continue;
    const value = pair.value as Node | null;
    // `key:` with nothing after it: point at the key
    return { key: keyNode, value: value === null || isEmpty(value) ? keyNode : value };
  }
  return undefined;
}

function isEmpty(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

function nodeSpan(file: SourceFile, node: Node): SourceSpan {
  const [start, end] = exactRange(file, node);
  return spanAt(file, start, end);
}

/** White space as YAML sees it (a no-break space is content). */
const YAML_SPACE: ReadonlySet<string> = new Set([" ", "\t", "\r", "\n"]);

/**
 * A node's range from its first to its last character: `yaml` ends a block collection (and a block
 * scalar) after the line break that follows it, so the end is that of its last entry, without the
 * trailing space and line breaks.
 */
function exactRange(file: SourceFile, node: Node): [number, number] {
  const [start = 0, valueEnd = start] = node.range ?? [];
  let end = valueEnd;
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as unknown;
    const lastNode = isMap(node)
      ? (((last as { value: Node | null }).value ?? (last as { key: Node | null }).key) as Node | null)
      : (last as Node | null);
    if (lastNode?.range) end = exactRange(file, lastNode)[1];
  }
  while (end > start && YAML_SPACE.has(file.text[end - 1]!)) end--;
  return [start, end];
}
