// What the emulator's --data-dir holds, read as files (for tests that check what reached the disk):
// the snapshot document (state.json) and the journal lines after it (journal.jsonl, header left out).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface SavedDataDir {
  snapshot: { generation: number; state: { domain: unknown; clock: unknown; refreshTokens: Record<string, unknown> } };
  journal: { clock: unknown; delta?: unknown; replay?: unknown[]; refreshTokens?: [string, unknown][] }[];
}

export function readDataDir(dir: string): SavedDataDir {
  const snapshot = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as SavedDataDir["snapshot"];
  const journalPath = join(dir, "journal.jsonl");
  const lines = existsSync(journalPath) ? readFileSync(journalPath, "utf8").split("\n").filter((line) => line !== "") : [];
  return { snapshot, journal: lines.slice(1).map((line) => JSON.parse(line) as SavedDataDir["journal"][number]) };
}

/** Every rotated refresh token the emulator saved, in the snapshot or the journal. */
export function savedRefreshTokens(dir: string): string[] {
  const saved = readDataDir(dir);
  return [...Object.keys(saved.snapshot.state.refreshTokens), ...saved.journal.flatMap((entry) => (entry.refreshTokens ?? []).map(([token]) => token))];
}
