// Kill -9 during an incremental read leaves the previous snapshot usable (docs/incremental-reads.md):
// the built CLI (`cspctl plan --emulator-dir DIR`) is SIGKILLed in the middle of its incremental read
// (after a seeded number of Graph delta queries, seen in its debug log), after an out-of-band change
// the read is about to find. The snapshot file is then byte for byte the one before the run, the
// next plan loads it (no customer is read for want of a snapshot, no snapshot.* warning), finds the
// change, and apply converges. CSPCTL_SNAPSHOT_KILLS=N sets the number of rounds (default 2).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../emulator/faults/random.js";
import type { Plan } from "../../reconciler/plan/plan.js";
import { snapshotPath } from "../../reconciler/snapshot/snapshot-file.js";
import { describeAbnormalEnd, runCli } from "../helpers/cli-child.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { writeGeneratedEstate } from "../helpers/generated-estate.js";

const KILLS = Number(process.env.CSPCTL_SNAPSHOT_KILLS ?? 2);
const CUSTOMERS = 5;
const RUN_TIMEOUT_MS = 120_000;

describe("kill -9 during an incremental read", { timeout: 600_000 }, () => {
  it(`${KILLS} kills mid-read leave the previous snapshot whole; the next run uses it and converges`, async () => {
    const random = seededRandom(2323);
    const root = mkdtempSync(join(tmpdir(), "cspctl-snapshot-kill-"));
    const estateDir = join(root, "estate");
    const dataDir = join(root, "emulator");
    const declared = writeGeneratedEstate(estateDir, { customers: CUSTOMERS, tag: "s", usersPerCustomer: 1 });
    const cli = (args: string[]) =>
      runCli([...args, "--emulator-dir", dataDir, "--credentials-out", join(root, "credentials.jsonl")], {
        timeoutMs: RUN_TIMEOUT_MS,
      });
    const planCli = (args: string[], onSpawn?: (child: ChildProcess) => void) =>
      runCli(["plan", estateDir, "--emulator-dir", dataDir, "--json", ...args], {
        timeoutMs: RUN_TIMEOUT_MS,
        ...(onSpawn ? { onSpawn } : {}),
      });
    const applied = await cli(["apply", estateDir, "--yes", "--json"]);
    expect(describeAbnormalEnd(applied), applied.stderr).toBeUndefined();
    expect(applied.status, applied.stderr).toBe(0);
    // apply marked what it wrote for a full read; two hours on, this plan reads it and leaves a snapshot of all
    await withEmulator(dataDir, (emulator) => emulator.control.advanceClock("PT2H"));
    const settled = await planCli(["--detailed-exitcode"]);
    expect(settled.status, settled.stderr).toBe(0);
    const file = snapshotPath(dataDir);

    for (let round = 0; round < KILLS; round++) {
      // out of band, in the portal: one customer's seats go up by one
      const target = declared[round % declared.length]!;
      await changeOutOfBand(dataDir, target.domain);
      const before = readFileSync(file);
      const killAfter = 1 + Math.floor(random() * (CUSTOMERS - 1));
      let deltas = 0;
      const killed = await planCli(["--log-level", "debug"], (child) => {
        child.stderr!.on("data", (chunk: Buffer) => {
          deltas += chunk.toString("utf8").split('"operation":"graph.users.delta"').length - 1;
          if (deltas >= killAfter) child.kill("SIGKILL");
        });
      });
      expect(killed.signal, `round ${round}: the plan must be killed mid-read`).toBe("SIGKILL");
      expect(readFileSync(file).equals(before), `round ${round}: the snapshot is the one before the run`).toBe(true);

      const next = await planCli([]);
      expect(describeAbnormalEnd(next, [0, 2]), next.stderr).toBeUndefined();
      const plan = JSON.parse(next.stdout) as Plan;
      expect(plan.warnings.filter((w) => w.code.startsWith("snapshot."))).toEqual([]);
      const reads = plan.reads?.customers ?? [];
      expect(reads.filter((r) => r.reason === "no_snapshot" || r.reason === "new_customer")).toEqual([]);
      // the change made before the kill is found: its customer is read in full, and the seats come back
      expect(reads.find((r) => r.customer === target.name)).toMatchObject({ mode: "full", reason: "activity_log" });
      expect([...new Set(plan.steps.map((s) => s.customer))]).toEqual([target.name]);
      expect(plan.steps.map((s) => s.action)).toContain("resize");
      expect(reads.filter((r) => r.mode === "snapshot").length, JSON.stringify(reads)).toBeGreaterThan(0);
      const converged = await cli(["apply", estateDir, "--yes", "--json"]);
      expect(converged.status, converged.stderr).toBe(0);
    }
    const final = await planCli(["--detailed-exitcode"]);
    expect(final.status, final.stdout + final.stderr).toBe(0);
  });
});

/** The CLI's emulator folder, opened in this process for a moment (the CLI is not running). */
async function withEmulator<T>(dataDir: string, use: (emulator: TestEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ dataDir });
  try {
    return await use(emulator);
  } finally {
    await emulator.close();
  }
}

/**
 * Two hours pass (past the activity log's overlap, so the last run's writes are behind the snapshot),
 * then the first subscription of the customer gains a seat in the portal.
 */
function changeOutOfBand(dataDir: string, domain: string): Promise<void> {
  return withEmulator(dataDir, async (emulator) => {
    await emulator.control.advanceClock("PT2H");
    const token = await emulator.token({ audience: "partner-center", kind: "user" });
    const customers = await emulator.send("/v1/customers", { token });
    const customer = (customers.body as { items: { id: string; companyProfile: { domain: string } }[] }).items.find(
      (c) => c.companyProfile.domain === domain,
    )!;
    const subscriptions = await emulator.send(`/v1/customers/${customer.id}/subscriptions`, { token });
    const subscription = (subscriptions.body as { items: { id: string; quantity: number }[] }).items[0]!;
    const answer = await emulator.control.portal({
      method: "PATCH",
      path: `/v1/customers/${customer.id}/subscriptions/${subscription.id}`,
      body: { quantity: subscription.quantity + 1 },
    });
    expect(answer.status).toBe(200);
  });
}
