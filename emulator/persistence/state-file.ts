// The emulator's state on disk (`--data-dir`): one JSON document replaced atomically after each
// committed write. Saves are serialised and coalesced: a caller waits for a save that started
// after its change, so an answered write is always on disk.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CspctlError } from "../../core/errors.js";
import { removeStaleTemporaries, writeFileAtomic } from "./atomic-file.js";

export const STATE_FILE_NAME = "state.json";
export const STATE_FORMAT_VERSION = 1;

export interface PersistedDocument<T> {
  formatVersion: number;
  savedAt: string;
  state: T;
}

export class StateFile<T> {
  readonly path: string;
  private saving: Promise<void> | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly directory: string,
    private readonly capture: () => T,
  ) {
    this.path = join(directory, STATE_FILE_NAME);
  }

  /** Reads the last saved state, or undefined on first start. */
  async load(): Promise<T | undefined> {
    await mkdir(this.directory, { recursive: true });
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
      throw new CspctlError({ code: "emulator.state_unreadable", message: `${this.path} is not valid JSON`, hint: "Restore the file from a backup or start with an empty --data-dir.", cause });
    }
    if (document.formatVersion !== STATE_FORMAT_VERSION) {
      throw new CspctlError({
        code: "emulator.state_unreadable",
        message: `${this.path} has state format ${String(document.formatVersion)}; this emulator reads format ${STATE_FORMAT_VERSION}`,
        hint: "Start with an empty --data-dir.",
      });
    }
    return document.state;
  }

  /** Resolves once a save that captured the state after this call is on disk. */
  save(): Promise<void> {
    if (this.pending !== undefined) return this.pending;
    if (this.saving === undefined) {
      this.saving = this.write().finally(() => (this.saving = undefined));
      return this.saving;
    }
    // A save is running with an older capture: queue exactly one more behind it for every waiter.
    this.pending = this.saving
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        return this.save();
      });
    return this.pending;
  }

  private async write(): Promise<void> {
    const document: PersistedDocument<T> = { formatVersion: STATE_FORMAT_VERSION, savedAt: new Date().toISOString(), state: this.capture() };
    await writeFileAtomic(this.path, JSON.stringify(document));
  }
}
