// The snapshot half of --emulator-dir: one JSON document replaced atomically, written on first start,
// after changes no journal line can describe (seed, reset) and when the journal outgrows it. Its
// generation names the journal that follows it (journal.ts).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CspctlError } from "../../core/errors.js";
import { removeStaleTemporaries, writeFileAtomic } from "./atomic-file.js";

export const STATE_FILE_NAME = "state.json";
const STATE_FORMAT_VERSION = 2;

export interface PersistedDocument<T> {
  formatVersion: number;
  savedAt: string;
  generation: number;
  state: T;
}

export class StateFile<T> {
  readonly path: string;
  /** Bytes of the snapshot last read or written. */
  bytes = 0;

  constructor(directory: string) {
    this.path = join(directory, STATE_FILE_NAME);
  }

  /** Reads the last saved snapshot and its generation, or undefined on first start. */
  async load(): Promise<{ state: T; generation: number } | undefined> {
    await removeStaleTemporaries(this.path);
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let document: PersistedDocument<T>;
    try {
      document = JSON.parse(text) as PersistedDocument<T>;
    } catch (cause) {
      throw new CspctlError({
        code: "emulator.state_unreadable",
        message: `${this.path} is not valid JSON`,
        hint: "Restore the file from a backup or start with an empty --emulator-dir.",
        cause,
      });
    }
    const problem =
      document?.formatVersion !== STATE_FORMAT_VERSION
        ? `has state format ${String(document?.formatVersion)}; this emulator reads format ${STATE_FORMAT_VERSION}`
        : Number.isSafeInteger(document.generation)
          ? undefined
          : "has no snapshot generation (the journal that follows it cannot be matched)";
    if (problem !== undefined)
      throw new CspctlError({
        code: "emulator.state_unreadable",
        message: `${this.path} ${problem}`,
        hint: "Start with an empty --emulator-dir.",
      });
    this.bytes = Buffer.byteLength(text);
    return { state: document.state, generation: document.generation };
  }

  /** Replaces the snapshot atomically. */
  async save(state: T, generation: number): Promise<void> {
    const document: PersistedDocument<T> = {
      formatVersion: STATE_FORMAT_VERSION,
      savedAt: new Date().toISOString(),
      generation,
      state,
    };
    const text = JSON.stringify(document);
    await writeFileAtomic(this.path, text);
    this.bytes = Buffer.byteLength(text);
  }
}
