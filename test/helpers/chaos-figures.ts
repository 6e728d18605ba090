// The figures issue 9 asks for (faults injected, runs, kills, duplicates, lost changes, secrets
// found), appended as JSON lines to $CSPCTL_CHAOS_FIGURES (default a file in the temp folder) and
// printed, so a CI log and the lead's note can quote them.
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHAOS_FIGURES_FILE = process.env.CSPCTL_CHAOS_FIGURES ?? join(tmpdir(), "cspctl-chaos-figures.jsonl");

export function recordChaosFigures(run: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ run, at: new Date().toISOString(), ...figures });
  appendFileSync(CHAOS_FIGURES_FILE, `${line}\n`);
  console.info(`chaos figures ${line}`);
}
