// Remembers, for every map and sequence converted from YAML, where it and each of its entries were
// written. Offsets are kept and turned into line:column only when a diagnostic needs one, so that
// loading a large estate does not pay for positions nobody asks about.
//
// A large estate has over a million collections, and the loaded estate keeps this index alive for
// locate(). So a collection is packed, when registered, into a few shared typed arrays: one row of
// integers per collection and one per entry, entry names and files as small ids. That holds about
// 30 bytes per collection and 24 per entry, where an object with its own arrays held about 500.
import type { SourceSpan } from "../model/diagnostic.js";
import { CollectionInfo } from "./collection-info.js";
import { Interner, IntRows } from "./int-rows.js";
import { selectEntry, type PathSegment } from "./field-path.js";
import { spanAt, type Range, type SourceFile } from "./source-file.js";

export { CollectionInfo } from "./collection-info.js";
export { parseFieldPath, type PathSegment } from "./field-path.js";
export { toSpan, type Range, type SourceFile } from "./source-file.js";

// collection row: file id, start, end, anchor start (-1: none), anchor end, first entry row, entry count, kind
const C_FILE = 0,
  C_START = 1,
  C_END = 2,
  C_ANCHOR_START = 3,
  C_ANCHOR_END = 4,
  C_FIRST = 5,
  C_COUNT = 6,
  C_KIND = 7;
const COLLECTION_INTS = 8;
// entry row: file id, key start, key end, value start, value end, name id (-1 for sequence items)
const E_FILE = 0,
  E_KEY_START = 1,
  E_KEY_END = 2,
  E_VALUE_START = 3,
  E_VALUE_END = 4,
  E_NAME = 5;
const ENTRY_INTS = 6;
const KIND_LIST = 0,
  KIND_MAP = 1;

export class SourceIndex {
  // A Map, not a WeakMap: the estate keeps the index alive for locate() anyway, and a WeakMap with
  // millions of entries makes every garbage collection walk them as ephemerons.
  private readonly ids = new Map<object, number>();
  private readonly collections = new IntRows(COLLECTION_INTS);
  private readonly entryRows = new IntRows(ENTRY_INTS);
  /** Entries of the collections a reader is building (see beginEntries), innermost last, ENTRY_INTS each. */
  private readonly pending: number[] = [];
  private readonly files = new Interner<SourceFile>();
  private readonly names = new Interner<string>();
  /** Per collection id: entries whose scalar came from `${env:…}` (few collections have any). */
  private readonly envKeys = new Map<number, Set<string>>();

  /** Registers a collection's positions (packed: `info` is not kept). */
  set(collection: object, info: CollectionInfo): void {
    this.ids.set(collection, this.pack(info));
  }

  /** Registers `collection` with the very positions of `original` (a copy of it). */
  alias(collection: object, original: object): void {
    const id = this.ids.get(original);
    if (id !== undefined) this.ids.set(collection, id);
  }

  /** A fresh CollectionInfo with the collection's positions (changing it changes nothing here). */
  info(collection: object): CollectionInfo | undefined {
    const id = this.ids.get(collection);
    if (id === undefined) return undefined;
    const c = this.collections;
    const file = this.files.at(c.get(id, C_FILE));
    const anchor =
      c.get(id, C_ANCHOR_START) < 0
        ? undefined
        : { file, start: c.get(id, C_ANCHOR_START), end: c.get(id, C_ANCHOR_END) };
    const info = new CollectionInfo(
      file,
      c.get(id, C_START),
      c.get(id, C_END),
      anchor,
      c.get(id, C_KIND) === KIND_MAP ? "map" : "list",
    );
    const e = this.entryRows;
    for (let i = 0; i < c.get(id, C_COUNT); i++) {
      const row = c.get(id, C_FIRST) + i;
      const entryFile = this.files.at(e.get(row, E_FILE));
      const name = e.get(row, E_NAME);
      info.push(
        name < 0 ? String(i) : this.names.at(name),
        { file: entryFile, start: e.get(row, E_KEY_START), end: e.get(row, E_KEY_END) },
        { file: entryFile, start: e.get(row, E_VALUE_START), end: e.get(row, E_VALUE_END) },
      );
    }
    const env = this.envKeys.get(id);
    if (env !== undefined) info.fromEnv = new Set(env);
    return info;
  }

  /** Whether entry `key` of the collection was written as `${env:…}`. */
  fromEnv(collection: object, key: string): boolean {
    const id = this.ids.get(collection);
    return id !== undefined && this.envKeys.get(id)?.has(key) === true;
  }

  ownSpan(collection: object): SourceSpan | undefined {
    const id = this.ids.get(collection);
    if (id === undefined) return undefined;
    const c = this.collections;
    return spanAt(this.files.at(c.get(id, C_FILE)), c.get(id, C_START), c.get(id, C_END));
  }

  /** The range of an entry's key (`part: "key"`) or value, or the collection's anchor when the entry is absent. */
  rangeOf(collection: object, entry?: string | number, part: "key" | "value" = "value"): Range | undefined {
    const id = this.ids.get(collection);
    if (id === undefined) return undefined;
    const row = entry === undefined ? -1 : this.entryRow(id, String(entry));
    if (row < 0) return this.anchorOf(id);
    const e = this.entryRows;
    const file = this.files.at(e.get(row, E_FILE));
    return part === "key"
      ? { file, start: e.get(row, E_KEY_START), end: e.get(row, E_KEY_END) }
      : { file, start: e.get(row, E_VALUE_START), end: e.get(row, E_VALUE_END) };
  }

  spanOf(collection: object, entry?: string | number, part: "key" | "value" = "value"): SourceSpan | undefined {
    const range = this.rangeOf(collection, entry, part);
    return range === undefined ? undefined : spanAt(range.file, range.start, range.end);
  }

  /**
   * Registers `merged`, built from `layers` (first = lowest priority), so each of its entries still
   * points to the layer it came from; the collection itself points to the last layer that had it.
   */
  registerMerge(merged: object, layers: readonly object[]): void {
    const layerIds: number[] = [];
    for (const layer of layers) {
      const id = this.ids.get(layer);
      if (id !== undefined) layerIds.push(id);
    }
    const top = layerIds[layerIds.length - 1];
    if (top === undefined) return;
    const c = this.collections;
    const e = this.entryRows;
    const entryNames: number[] = [];
    const entrySources: number[] = [];
    let fromEnv: Set<string> | undefined;
    for (const id of layerIds) {
      const isMap = c.get(id, C_KIND) === KIND_MAP;
      const env = this.envKeys.get(id);
      for (let i = 0; i < c.get(id, C_COUNT); i++) {
        const source = c.get(id, C_FIRST) + i;
        const name = isMap ? e.get(source, E_NAME) : this.nameId(String(i));
        const at = entryNames.indexOf(name);
        if (at < 0) {
          entryNames.push(name);
          entrySources.push(source);
        } else entrySources[at] = source;
        if (env?.has(this.names.at(name))) (fromEnv ??= new Set()).add(this.names.at(name));
        else fromEnv?.delete(this.names.at(name));
      }
    }
    const hasAnchor = c.get(top, C_ANCHOR_START) >= 0;
    const id = this.addCollection(
      c.get(top, C_FILE),
      c.get(top, C_START),
      c.get(top, C_END),
      hasAnchor ? c.get(top, C_ANCHOR_START) : c.get(top, C_START),
      hasAnchor ? c.get(top, C_ANCHOR_END) : c.get(top, C_END),
      KIND_MAP,
    );
    for (let i = 0; i < entrySources.length; i++) {
      const from = entrySources[i]!;
      const to = e.add();
      for (let k = 0; k < E_NAME; k++) e.set(to, k, e.get(from, k));
      e.set(to, E_NAME, entryNames[i]!);
    }
    c.set(id, C_COUNT, entrySources.length);
    if (fromEnv !== undefined && fromEnv.size > 0) this.envKeys.set(id, fromEnv);
    this.ids.set(merged, id);
  }

  /** Walks a field path (see parseFieldPath) from `root` and returns the span of the node it names. */
  locatePath(root: object, path: readonly PathSegment[]): SourceSpan | undefined {
    let current: unknown = root;
    for (let i = 0; i < path.length; i++) {
      if (current === null || typeof current !== "object") return undefined;
      const segment = path[i]!;
      const key = selectEntry(current, segment);
      if (key === undefined) return undefined;
      if (i === path.length - 1) return this.spanOf(current, key);
      current = (current as Record<string, unknown>)[key];
    }
    return this.spanOf(root);
  }

  // Building collections in place, for the simple reader: beginEntries() before a collection's first
  // entry, pushEntry() per entry (a nested collection is built between its parent's entries, entirely),
  // endEntries() packs the collection and returns its id; bind() registers the object once the whole
  // file was read, and mark()/rollback() undo a file the reader gave up on.

  beginEntries(): number {
    return this.pending.length;
  }

  pushEntry(file: number, name: number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
    this.pending.push(file, keyStart, keyEnd, valueStart, valueEnd, name);
  }

  /** Whether the collection begun at `base` already has an entry named `name` (a name id). */
  hasPendingEntry(base: number, name: number): boolean {
    for (let i = base + E_NAME; i < this.pending.length; i += ENTRY_INTS) if (this.pending[i] === name) return true;
    return false;
  }

  endEntries(
    base: number,
    file: number,
    start: number,
    end: number,
    anchorStart: number,
    anchorEnd: number,
    kind: "map" | "list",
    fromEnv: Set<string> | undefined,
  ): number {
    const id = this.addCollection(file, start, end, anchorStart, anchorEnd, kind === "map" ? KIND_MAP : KIND_LIST);
    const pending = this.pending;
    const e = this.entryRows;
    for (let i = base; i < pending.length; i += ENTRY_INTS) {
      const row = e.add();
      for (let k = 0; k < ENTRY_INTS; k++) e.set(row, k, pending[i + k]!);
    }
    this.collections.set(id, C_COUNT, (pending.length - base) / ENTRY_INTS);
    pending.length = base;
    if (fromEnv !== undefined) this.envKeys.set(id, fromEnv);
    return id;
  }

  bind(collection: object, id: number): void {
    this.ids.set(collection, id);
  }

  mark(): { collections: number; entries: number } {
    return { collections: this.collections.count, entries: this.entryRows.count };
  }

  rollback(mark: { collections: number; entries: number }): void {
    for (let id = mark.collections; id < this.collections.count; id++) this.envKeys.delete(id);
    this.collections.truncate(mark.collections);
    this.entryRows.truncate(mark.entries);
    this.pending.length = 0;
  }

  fileId(file: SourceFile): number {
    return this.files.id(file);
  }

  nameId(name: string): number {
    return this.names.id(name);
  }

  /** The name a name id stands for (one string per distinct name). */
  nameOf(id: number): string {
    return this.names.at(id);
  }

  private pack(info: CollectionInfo): number {
    const anchor = info.anchorOffsets;
    const id = this.addCollection(
      this.fileId(info.file),
      info.start,
      info.end,
      anchor === undefined ? -1 : anchor.start,
      anchor === undefined ? -1 : anchor.end,
      info.kind === "map" ? KIND_MAP : KIND_LIST,
    );
    const isMap = info.kind === "map";
    const e = this.entryRows;
    for (let i = 0; i < info.size; i++) {
      const row = e.add();
      e.set(row, E_FILE, this.fileId(info.fileAt(i)));
      e.set(row, E_KEY_START, info.offsetAt(i, 0));
      e.set(row, E_KEY_END, info.offsetAt(i, 1));
      e.set(row, E_VALUE_START, info.offsetAt(i, 2));
      e.set(row, E_VALUE_END, info.offsetAt(i, 3));
      e.set(row, E_NAME, isMap ? this.nameId(info.nameAt(i)) : -1);
    }
    this.collections.set(id, C_COUNT, info.size);
    if (info.fromEnv !== undefined && info.fromEnv.size > 0) this.envKeys.set(id, new Set(info.fromEnv));
    return id;
  }

  private addCollection(
    file: number,
    start: number,
    end: number,
    anchorStart: number,
    anchorEnd: number,
    kind: number,
  ): number {
    const c = this.collections;
    const id = c.add();
    c.set(id, C_FILE, file);
    c.set(id, C_START, start);
    c.set(id, C_END, end);
    c.set(id, C_ANCHOR_START, anchorStart);
    c.set(id, C_ANCHOR_END, anchorEnd);
    c.set(id, C_FIRST, this.entryRows.count);
    c.set(id, C_KIND, kind);
    return id;
  }

  /** The entry row of `name` in collection `id`, or -1. */
  private entryRow(id: number, name: string): number {
    const c = this.collections;
    const first = c.get(id, C_FIRST);
    const count = c.get(id, C_COUNT);
    if (c.get(id, C_KIND) === KIND_LIST) {
      const i = /^\d+$/.test(name) ? Number(name) : -1;
      return i >= 0 && i < count ? first + i : -1;
    }
    const nameId = this.names.find(name);
    if (nameId === undefined) return -1;
    for (let i = 0; i < count; i++) if (this.entryRows.get(first + i, E_NAME) === nameId) return first + i;
    return -1;
  }

  private anchorOf(id: number): Range {
    const c = this.collections;
    const file = this.files.at(c.get(id, C_FILE));
    return c.get(id, C_ANCHOR_START) < 0
      ? { file, start: c.get(id, C_START), end: c.get(id, C_END) }
      : { file, start: c.get(id, C_ANCHOR_START), end: c.get(id, C_ANCHOR_END) };
  }
}
