// Idempotent replay of writes by MS-RequestId: the same partner repeating the same method + path
// with the same request id gets the first answer again and causes no second effect. Concurrent
// duplicates wait for the first. Entries are part of the persisted state, so a retry after a
// restart still dedupes. The oldest entries are forgotten past `maxEntries`.
import type { EmulatorResponse } from "./types.js";

export interface ReplayKeyParts {
  partnerTenantId: string;
  method: string;
  path: string;
  requestId: string;
}

export type ReplaySnapshot = [key: string, response: EmulatorResponse][];

export class ReplayStore {
  private readonly completed = new Map<string, EmulatorResponse>();
  private readonly inFlight = new Map<string, Promise<EmulatorResponse>>();
  /** Remembered since the last takeRemembered(), for persistence. */
  private rememberedSince: ReplaySnapshot = [];

  constructor(private readonly maxEntries = 20_000) {}

  static key(parts: ReplayKeyParts): string {
    return `${parts.partnerTenantId.toLowerCase()} ${parts.method} ${parts.path.toLowerCase()} ${parts.requestId.toLowerCase()}`;
  }

  /**
   * Runs `execute` once per key. `execute` returns the response to remember, or throws when the
   * request had no effect and may be tried again (the failure is not remembered). `persist` runs
   * after the entry is remembered, so the saved state holds the effect and its answer together;
   * duplicates that arrive meanwhile wait until it is saved.
   */
  async run(
    key: string,
    execute: () => Promise<EmulatorResponse>,
    persist: () => Promise<void> = () => Promise.resolve(),
  ): Promise<{ response: EmulatorResponse; replayed: boolean }> {
    const done = this.completed.get(key);
    if (done !== undefined) return { response: done, replayed: true };
    const running = this.inFlight.get(key);
    if (running !== undefined) return { response: await running, replayed: true };
    const promise = (async () => {
      const response = await execute();
      this.remember(key, response);
      await persist();
      return response;
    })();
    this.inFlight.set(key, promise);
    try {
      return { response: await promise, replayed: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private remember(key: string, response: EmulatorResponse): void {
    this.rememberedSince.push([key, response]);
    this.keep(key, response);
  }

  private keep(key: string, response: EmulatorResponse): void {
    this.completed.set(key, response);
    if (this.completed.size > this.maxEntries) {
      const oldest = this.completed.keys().next().value;
      if (oldest !== undefined) this.completed.delete(oldest);
    }
  }

  get size(): number {
    return this.completed.size;
  }

  clear(): void {
    this.completed.clear();
    this.rememberedSince = [];
  }

  /** Entries remembered since the last call (for the journal). */
  takeRemembered(): ReplaySnapshot {
    const taken = this.rememberedSince;
    this.rememberedSince = [];
    return taken;
  }

  /** Adds entries read back from disk, forgetting the oldest past `maxEntries` as remembering does. */
  add(entries: ReplaySnapshot): void {
    for (const [key, response] of entries) this.keep(key, response);
  }

  snapshot(): ReplaySnapshot {
    return [...this.completed];
  }

  restore(snapshot: ReplaySnapshot | undefined): void {
    this.clear();
    this.add(snapshot ?? []);
  }
}
