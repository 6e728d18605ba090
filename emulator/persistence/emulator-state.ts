// What the emulator keeps across restarts: the domain snapshot, the MS-RequestId replay entries,
// rotated refresh tokens, the clock offset and the seed that reset goes back to. Saved together in
// one atomic file, so a replayed write after a restart still finds its first answer.
import type { ClockState, EmulatorClock } from "../clock.js";
import type { ReplaySnapshot, ReplayStore } from "../pipeline/replay-store.js";
import type { EmulatorDomain } from "../pipeline/types.js";
import type { RefreshTokenGrant, RefreshTokenStore } from "../token/refresh-tokens.js";
import { StateFile } from "./state-file.js";

interface SavedState {
  domain: unknown;
  replay: ReplaySnapshot;
  refreshTokens: Record<string, RefreshTokenGrant>;
  clock: ClockState;
  initialSeed: unknown;
}

export interface EmulatorStateStore {
  /** The seed applied on first start and after reset (null = none). */
  initialSeed: unknown;
  /** Resolves once the current state is on disk (immediately without --data-dir). */
  save(): Promise<void>;
  /** Waits for saves in progress. */
  flush(): Promise<void>;
  /** True when the state was loaded from an existing data dir. */
  restored: boolean;
}

export interface LoadStateOptions {
  dataDir: string | undefined;
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
    return { initialSeed: options.initialSeed, save: () => Promise.resolve(), flush: () => Promise.resolve(), restored: false };
  }
  let initialSeed = options.initialSeed;
  const file = new StateFile<SavedState>(options.dataDir, () => ({
    domain: domain.snapshot(),
    replay: replay.snapshot(),
    refreshTokens: refreshTokens.snapshot(),
    clock: clock.state(),
    initialSeed,
  }));
  const saved = await file.load();
  if (saved !== undefined) {
    domain.restore(saved.domain);
    replay.restore(saved.replay);
    refreshTokens.restore(saved.refreshTokens);
    clock.restore(saved.clock);
    initialSeed = saved.initialSeed;
  } else {
    if (initialSeed !== null) domain.seed(structuredClone(initialSeed));
    await file.save();
  }
  let last: Promise<void> = Promise.resolve();
  return {
    get initialSeed() {
      return initialSeed;
    },
    save: () => (last = file.save()),
    flush: () => last.catch(() => undefined),
    restored: saved !== undefined,
  };
}
