// Remembers, for every map and sequence converted from YAML, where it and each of its entries were
// written. Offsets are kept and turned into line:column only when a diagnostic needs one, so that
// loading a large estate does not pay for positions nobody asks about.
import type { LineCounter } from "yaml";
import type { SourceSpan } from "../model/diagnostic.js";

/** One source file: its display path (relative to the cwd) and a line counter for its text. */
export interface SourceFile {
  path: string;
  lines: LineCounter;
}

/** A byte range [start, end) in one file. */
export interface Range {
  file: SourceFile;
  start: number;
  end: number;
}

export interface EntryRanges {
  /** The key for maps; the item itself for sequences. */
  key: Range;
  value: Range;
}

/**
 * Where one map or sequence and each of its entries were written, packed to keep a large estate cheap
 * to hold (one object and two arrays per collection): entry i has key and value offsets at
 * `offsets[4i..4i+3]`; maps also keep entry names. Entries of a merged collection may come from other
 * files than the collection's own.
 */
export class CollectionInfo {
  private readonly names: string[] | undefined;
  private readonly offsets: number[] = [];
  private files: (SourceFile | undefined)[] | undefined;
  /** Entries whose scalar came from `${env:…}`. */
  fromEnv: Set<string> | undefined;

  constructor(
    readonly file: SourceFile,
    public start: number,
    public end: number,
    /** Where to point when the collection as a whole is wrong (e.g. a missing key): its key in the parent. */
    private readonly anchorRange: Range | undefined,
    kind: "map" | "list",
  ) {
    this.names = kind === "map" ? [] : undefined;
  }

  /** The collection's own range. */
  get range(): Range {
    return { file: this.file, start: this.start, end: this.end };
  }

  get anchor(): Range {
    return this.anchorRange ?? this.range;
  }

  get size(): number {
    return this.offsets.length / 4;
  }

  /** Appends an entry (readers call this once per key or item, in order). */
  push(name: string, key: Range, value: Range): void {
    const i = this.size;
    this.names?.push(name);
    this.offsets.push(key.start, key.end, value.start, value.end);
    if (key.file !== this.file) (this.files ??= [])[i] = key.file;
  }

  /** Appends an entry of the collection's own file, by offsets (no Range objects). */
  pushOffsets(name: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
    this.names?.push(name);
    this.offsets.push(keyStart, keyEnd, valueStart, valueEnd);
  }

  /** Adds or replaces an entry (merges). */
  set(name: string, ranges: EntryRanges): void {
    const i = this.indexOf(name);
    if (i < 0) return this.push(name, ranges.key, ranges.value);
    this.offsets.splice(4 * i, 4, ranges.key.start, ranges.key.end, ranges.value.start, ranges.value.end);
    if (ranges.key.file !== this.file) (this.files ??= [])[i] = ranges.key.file;
    else if (this.files) this.files[i] = undefined;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  get(name: string): EntryRanges | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.at(i);
  }

  *entries(): IterableIterator<[string, EntryRanges]> {
    for (let i = 0; i < this.size; i++) yield [this.names ? this.names[i]! : String(i), this.at(i)];
  }

  /** Plain data for another thread (the parse workers); the collection must lie in one file. */
  toTransfer(): TransferredCollection {
    if (this.files?.some((f) => f !== undefined) || (this.anchorRange !== undefined && this.anchorRange.file !== this.file)) {
      throw new Error("a collection spanning several files cannot be transferred");
    }
    const anchor = this.anchorRange === undefined ? null : ([this.anchorRange.start, this.anchorRange.end] as [number, number]);
    return { start: this.start, end: this.end, anchor, names: this.names ?? null, offsets: this.offsets, fromEnv: this.fromEnv === undefined ? null : [...this.fromEnv] };
  }

  static fromTransfer(file: SourceFile, t: TransferredCollection): CollectionInfo {
    const anchor = t.anchor === null ? undefined : { file, start: t.anchor[0], end: t.anchor[1] };
    const info = new CollectionInfo(file, t.start, t.end, anchor, t.names === null ? "list" : "map");
    for (let i = 0; 4 * i < t.offsets.length; i++) {
      info.pushOffsets(t.names === null ? String(i) : t.names[i]!, t.offsets[4 * i]!, t.offsets[4 * i + 1]!, t.offsets[4 * i + 2]!, t.offsets[4 * i + 3]!);
    }
    if (t.fromEnv !== null) info.fromEnv = new Set(t.fromEnv);
    return info;
  }

  private indexOf(name: string): number {
    if (this.names !== undefined) return this.names.indexOf(name);
    const i = /^\d+$/.test(name) ? Number(name) : -1;
    return i < this.size ? i : -1;
  }

  private at(i: number): EntryRanges {
    const file = this.files?.[i] ?? this.file;
    const o = this.offsets;
    return { key: { file, start: o[4 * i]!, end: o[4 * i + 1]! }, value: { file, start: o[4 * i + 2]!, end: o[4 * i + 3]! } };
  }
}

/** A CollectionInfo as plain data (structured-clone safe). */
export interface TransferredCollection {
  start: number;
  end: number;
  anchor: [number, number] | null;
  /** null for sequences. */
  names: string[] | null;
  offsets: number[];
  fromEnv: string[] | null;
}

export function toSpan(range: Range): SourceSpan {
  const start = range.file.lines.linePos(range.start);
  const end = range.file.lines.linePos(Math.max(range.start, range.end));
  return { file: range.file.path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

export class SourceIndex {
  // A Map, not a WeakMap: the estate keeps the index alive for locate() anyway, and a WeakMap with
  // millions of entries makes every garbage collection walk them as ephemerons.
  private readonly collections = new Map<object, CollectionInfo>();

  set(collection: object, info: CollectionInfo): void {
    this.collections.set(collection, info);
  }

  info(collection: object): CollectionInfo | undefined {
    return this.collections.get(collection);
  }

  /** The range of an entry's key (`part: "key"`) or value, or the collection's anchor when the entry is absent. */
  rangeOf(collection: object, entry?: string | number, part: "key" | "value" = "value"): Range | undefined {
    const info = this.collections.get(collection);
    if (info === undefined) return undefined;
    if (entry === undefined) return info.anchor;
    const ranges = info.get(String(entry));
    return ranges === undefined ? info.anchor : ranges[part];
  }

  spanOf(collection: object, entry?: string | number, part: "key" | "value" = "value"): SourceSpan | undefined {
    const range = this.rangeOf(collection, entry, part);
    return range === undefined ? undefined : toSpan(range);
  }

  /**
   * Registers `merged`, built from `layers` (first = lowest priority), so each of its entries still
   * points to the layer it came from; the collection itself points to the last layer that had it.
   */
  registerMerge(merged: object, layers: readonly object[]): void {
    const infos = layers.map((layer) => this.collections.get(layer)).filter((info): info is CollectionInfo => info !== undefined);
    const top = infos[infos.length - 1];
    if (top === undefined) return;
    const info = new CollectionInfo(top.file, top.start, top.end, top.anchor, "map");
    const fromEnv = new Set<string>();
    for (const layer of infos) {
      for (const [key, ranges] of layer.entries()) {
        info.set(key, ranges);
        if (layer.fromEnv?.has(key)) fromEnv.add(key);
        else fromEnv.delete(key);
      }
    }
    if (fromEnv.size > 0) info.fromEnv = fromEnv;
    this.collections.set(merged, info);
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
}

/** `name`, or `[selector]` choosing a sequence item by index or by its name/userPrincipalName/subscription/sku. */
export type PathSegment = { field: string } | { select: string };

export function parseFieldPath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|(\.)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(path)) !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) segments.push({ field: match[1] });
    else if (match[2] !== undefined) segments.push({ select: match[2] });
  }
  return consumed === path.length ? segments : undefined;
}

const ITEM_KEYS = ["name", "userPrincipalName", "subscription", "sku", "path"] as const;

function selectEntry(collection: object, segment: PathSegment): string | undefined {
  if ("field" in segment) return Object.hasOwn(collection, segment.field) ? segment.field : undefined;
  if (!Array.isArray(collection)) return undefined;
  if (/^\d+$/.test(segment.select)) return Number(segment.select) < collection.length ? segment.select : undefined;
  const wanted = segment.select.toLowerCase();
  const index = collection.findIndex(
    (item: unknown) =>
      item !== null &&
      typeof item === "object" &&
      ITEM_KEYS.some((k) => {
        const value = (item as Record<string, unknown>)[k];
        return typeof value === "string" && value.toLowerCase() === wanted;
      }),
  );
  return index < 0 ? undefined : String(index);
}
