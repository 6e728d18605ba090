// The append-only half of --emulator-dir: one JSON line per save, each flushed to disk (fdatasync)
// before the writes it holds are answered. Its first line names the snapshot generation it follows;
// a journal of another generation is left over from a compaction that was cut short and is stale.
// A process killed mid-append leaves at most a torn last line: it is dropped (it held only writes
// that were never answered) and cut off, so the next append starts on a line of its own.
import { open, readFile, truncate, type FileHandle } from "node:fs/promises";
import { CspctlError } from "../../core/errors.js";
import { writeFileAtomic } from "./atomic-file.js";

export const JOURNAL_FILE_NAME = "journal.jsonl";

interface Header {
  journal: 1;
  generation: number;
}

export class Journal {
  private handle: FileHandle | undefined;
  private size = 0;

  constructor(readonly path: string) {}

  /** Bytes in the journal now. */
  get bytes(): number {
    return this.size;
  }

  /** The entries saved after snapshot `generation`, and the journal opened for appending after them. */
  async open(generation: number): Promise<unknown[]> {
    const read = await this.read(generation);
    if (read === undefined) {
      await this.restart(generation);
      return [];
    }
    if (read.goodBytes < read.totalBytes) await truncate(this.path, read.goodBytes);
    this.size = read.goodBytes;
    this.handle = await open(this.path, "a", 0o600);
    return read.entries;
  }

  /** Appends one line per entry and waits until they are on disk. */
  async append(lines: readonly string[]): Promise<void> {
    if (this.handle === undefined) throw new Error("journal: append before open");
    const text = `${lines.join("\n")}\n`;
    await this.handle.write(text);
    await this.handle.datasync();
    this.size += Buffer.byteLength(text);
  }

  /** Replaces the journal with an empty one that follows snapshot `generation`. */
  async restart(generation: number): Promise<void> {
    await this.close();
    const header = `${JSON.stringify({ journal: 1, generation } satisfies Header)}\n`;
    await writeFileAtomic(this.path, header);
    this.size = Buffer.byteLength(header);
    this.handle = await open(this.path, "a", 0o600);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** undefined: no journal, or one that follows another snapshot. */
  private async read(
    generation: number,
  ): Promise<{ entries: unknown[]; goodBytes: number; totalBytes: number } | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const lines: { value: unknown; end: number }[] = [];
    let start = 0;
    let torn: number | undefined;
    while (start < bytes.length) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline + 1;
      const value = parseLine(bytes.subarray(start, newline < 0 ? bytes.length : newline));
      if (value === undefined || newline < 0) {
        torn ??= lines.length;
      } else if (torn !== undefined) {
        // A good line after a bad one: the file was damaged, not cut short by a crash.
        throw new CspctlError({
          code: "emulator.state_unreadable",
          message: `${this.path} has an unreadable line (line ${torn + 1}) followed by readable ones`,
          hint: "Restore the data folder from a backup, or start with an empty --emulator-dir.",
        });
      } else {
        lines.push({ value, end });
      }
      start = end;
    }
    const header = lines[0]?.value as Partial<Header> | undefined;
    if (header?.journal !== 1 || header.generation !== generation) return undefined;
    return {
      entries: lines.slice(1).map((line) => line.value),
      goodBytes: lines.at(-1)!.end,
      totalBytes: bytes.length,
    };
  }
}

function parseLine(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
