// What the emulator keeps across restarts in --emulator-dir: the domain, the MS-RequestId replay
// entries (without passwords), rotated refresh tokens, the clock offset and the seed that reset goes
// back to. A snapshot (state-file.ts) plus a journal (journal.ts) of what changed since: a save
// appends one line holding the records of the customers and tenants the writes touched, the replay
// entries and refresh tokens they made and the clock, so its cost follows the change, not the
// state. When the journal outgrows the snapshot it is compacted into a new one. Saves are serialised
// and coalesced: a caller waits for a save that started after its change, so an answered write is
// on disk, and writes that arrive together share one flush.
import { join } from "node:path";
import { ensurePrivateDir } from "../../core/private-files.js";
import type { ClockState, EmulatorClock } from "../clock.js";
import type { ReplaySnapshot, ReplayStore } from "../pipeline/replay-store.js";
import type { EmulatorDomain } from "../pipeline/types.js";
import type { StoreDelta } from "../store/store-delta.js";
import type { IssuedRefreshToken, RefreshTokenStore } from "../token/refresh-tokens.js";
import { Journal, JOURNAL_FILE_NAME } from "./journal.js";
import { SaveQueue } from "./save-queue.js";
import { StateFile } from "./state-file.js";
import { withoutPasswords } from "./without-passwords.js";

interface SavedState {
  domain: unknown;
  replay: ReplaySnapshot;
  refreshTokens: Record<string, IssuedRefreshToken>;
  clock: ClockState;
  initialSeed: unknown;
}

interface JournalEntry {
  clock: ClockState;
  delta?: StoreDelta;
  replay?: ReplaySnapshot;
  refreshTokens?: [token: string, issued: IssuedRefreshToken][];
}

/** A journal smaller than this is never compacted, however small the snapshot. */
const MIN_COMPACTION_BYTES = 256 * 1024;

export interface EmulatorStateStore {
  /** The seed applied on first start and after reset (null = none). */
  initialSeed: unknown;
  /** Resolves once the current state is on disk (immediately without --emulator-dir). */
  save(): Promise<void>;
  /** Waits for saves in progress. */
  flush(): Promise<void>;
  /** True when the state was loaded from an existing data dir. */
  restored: boolean;
}

export interface LoadStateOptions {
  dataDir: string | undefined;
  /** The journal size below which it is never compacted (default MIN_COMPACTION_BYTES). */
  minCompactionBytes?: number;
  domain: EmulatorDomain;
  clock: EmulatorClock;
  replay: ReplayStore;
  refreshTokens: RefreshTokenStore;
  initialSeed: unknown;
}

export async function loadEmulatorState(options: LoadStateOptions): Promise<EmulatorStateStore> {
  const { domain, clock, replay, refreshTokens } = options;
  if (options.dataDir === undefined) {
    if (options.initialSeed !== null) domain.seed(structuredClone(options.initialSeed));
    return {
      initialSeed: options.initialSeed,
      save: () => Promise.resolve(),
      flush: () => Promise.resolve(),
      restored: false,
    };
  }
  ensurePrivateDir(options.dataDir);
  let initialSeed = options.initialSeed;
  const file = new StateFile<SavedState>(options.dataDir);
  const journal = new Journal(join(options.dataDir, JOURNAL_FILE_NAME));
  let generation: number;

  const saved = await file.load();
  if (saved !== undefined) {
    domain.restore(saved.state.domain);
    replay.restore(saved.state.replay);
    refreshTokens.restore(saved.state.refreshTokens);
    clock.restore(saved.state.clock);
    initialSeed = saved.state.initialSeed;
    generation = saved.generation;
    for (const entry of (await journal.open(generation)) as JournalEntry[]) {
      if (entry.delta !== undefined) domain.applyDelta(entry.delta);
      replay.add(entry.replay ?? []);
      refreshTokens.add(entry.refreshTokens ?? []);
      clock.restore(entry.clock);
    }
  } else {
    if (initialSeed !== null) domain.seed(structuredClone(initialSeed));
    generation = 0;
  }
  // What loading did is on disk already: nothing is waiting to be saved.
  domain.takeDelta();
  replay.takeRemembered();
  refreshTokens.takeIssued();

  const compact = async (): Promise<void> => {
    generation += 1;
    const state: SavedState = {
      domain: domain.snapshot(),
      replay: replay.snapshot().map(([key, response]) => [key, withoutPasswords(response)]),
      refreshTokens: refreshTokens.snapshot(),
      clock: clock.state(),
      initialSeed,
    };
    await file.save(state, generation);
    await journal.restart(generation);
  };
  const saveChanges = async (): Promise<void> => {
    const delta = domain.takeDelta();
    const remembered = replay.takeRemembered();
    const issued = refreshTokens.takeIssued();
    if (delta === undefined) return compact();
    const entry: JournalEntry = {
      clock: clock.state(),
      ...(delta.customers.length +
        delta.tenants.length +
        (delta.invitations?.length ?? 0) +
        (delta.auditRecords?.length ?? 0) >
      0
        ? { delta }
        : {}),
      ...(remembered.length > 0
        ? { replay: remembered.map(([key, response]) => [key, withoutPasswords(response)]) }
        : {}),
      ...(issued.length > 0 ? { refreshTokens: issued } : {}),
    };
    await journal.append([JSON.stringify(entry)]);
    if (journal.bytes > Math.max(file.bytes, options.minCompactionBytes ?? MIN_COMPACTION_BYTES)) await compact();
  };
  if (saved === undefined) await compact();

  const queue = new SaveQueue(saveChanges);
  return {
    get initialSeed() {
      return initialSeed;
    },
    save: () => queue.request(),
    flush: () => queue.idle().then(() => journal.close()),
    restored: saved !== undefined,
  };
}
