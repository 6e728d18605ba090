// What the emulator's --emulator-dir holds: read as files (for tests that check what reached the disk:
// the snapshot document and the journal lines after it), or loaded as a restart would load it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { catalog } from "../../core/catalog.js";
import { EmulatorClock } from "../../emulator/clock.js";
import { createDomain } from "../../emulator/domain.js";
import { loadEmulatorState } from "../../emulator/persistence/emulator-state.js";
import { ReplayStore } from "../../emulator/pipeline/replay-store.js";
import { DEFAULT_DOMAIN_CONFIG } from "../../emulator/server.js";
import { RefreshTokenStore } from "../../emulator/token/refresh-tokens.js";

export interface SavedDataDir {
  snapshot: { generation: number; state: { domain: unknown; clock: unknown; refreshTokens: Record<string, unknown> } };
  journal: { clock: unknown; delta?: unknown; replay?: unknown[]; refreshTokens?: [string, unknown][] }[];
}

export function readDataDir(dir: string): SavedDataDir {
  const snapshot = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as SavedDataDir["snapshot"];
  const journalPath = join(dir, "journal.jsonl");
  const lines = existsSync(journalPath)
    ? readFileSync(journalPath, "utf8")
        .split("\n")
        .filter((line) => line !== "")
    : [];
  return { snapshot, journal: lines.slice(1).map((line) => JSON.parse(line) as SavedDataDir["journal"][number]) };
}

/** Every rotated refresh token the emulator saved, in the snapshot or the journal. */
export function savedRefreshTokens(dir: string): string[] {
  const saved = readDataDir(dir);
  return [
    ...Object.keys(saved.snapshot.state.refreshTokens),
    ...saved.journal.flatMap((entry) => (entry.refreshTokens ?? []).map(([token]) => token)),
  ];
}

/** What a restart on `dir` would hold, read through the emulator's own loader. */
export async function loadDataDir(
  dir: string,
  wallClock: () => number = Date.now,
): Promise<{ domain: unknown; replay: unknown; refreshTokens: Record<string, unknown> }> {
  const clock = new EmulatorClock({ wallClock });
  const domain = createDomain({ clock, catalog, config: { ...DEFAULT_DOMAIN_CONFIG } });
  const replay = new ReplayStore();
  const refreshTokens = new RefreshTokenStore(wallClock);
  const state = await loadEmulatorState({ dataDir: dir, domain, clock, replay, refreshTokens, initialSeed: null });
  await state.flush();
  return { domain: domain.snapshot(), replay: replay.snapshot(), refreshTokens: refreshTokens.snapshot() };
}
