// Where one map or sequence and each of its entries were written, while a reader or a merge builds it.
// The SourceIndex packs it into its shared arrays when the collection is registered, so this object
// lives only as long as the collection is being built (or while a caller reads an `info()` copy).
import type { Range, SourceFile } from "./source-file.js";

export interface EntryRanges {
  /** The key for maps; the item itself for sequences. */
  key: Range;
  value: Range;
}

/**
 * Entry i has key and value offsets at `offsets[4i..4i+3]`; maps also keep entry names. Entries of a
 * merged collection may come from other files than the collection's own.
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
    /** Where to point when the collection as a whole is wrong (e.g. a missing key): its key in the parent. Always in `file`. */
    private readonly anchorRange: Range | undefined,
    kind: "map" | "list",
  ) {
    this.names = kind === "map" ? [] : undefined;
  }

  get kind(): "map" | "list" {
    return this.names === undefined ? "list" : "map";
  }

  /** The collection's own range. */
  get range(): Range {
    return { file: this.file, start: this.start, end: this.end };
  }

  get anchor(): Range {
    return this.anchorRange ?? this.range;
  }

  /** The anchor's offsets, or undefined when the collection has none of its own. */
  get anchorOffsets(): Range | undefined {
    return this.anchorRange;
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

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  get(name: string): EntryRanges | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.at(i);
  }

  *entries(): IterableIterator<[string, EntryRanges]> {
    for (let i = 0; i < this.size; i++) yield [this.nameAt(i), this.at(i)];
  }

  /** Entry i's name ("0", "1"… for sequences), file and offsets, for packing without Range objects. */
  nameAt(i: number): string {
    return this.names ? this.names[i]! : String(i);
  }

  fileAt(i: number): SourceFile {
    return this.files?.[i] ?? this.file;
  }

  offsetAt(i: number, part: 0 | 1 | 2 | 3): number {
    return this.offsets[4 * i + part]!;
  }

  private indexOf(name: string): number {
    if (this.names !== undefined) return this.names.indexOf(name);
    const i = /^\d+$/.test(name) ? Number(name) : -1;
    return i < this.size ? i : -1;
  }

  private at(i: number): EntryRanges {
    const file = this.fileAt(i);
    const o = this.offsets;
    return {
      key: { file, start: o[4 * i]!, end: o[4 * i + 1]! },
      value: { file, start: o[4 * i + 2]!, end: o[4 * i + 3]! },
    };
  }
}
