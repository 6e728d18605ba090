// Crash runs: `cspctl apply --emulator-dir DIR` is SIGKILLed at seeded moments spread over its run,
// then rerun to completion, round after round on the same Partner Center; each round declares more
// (new customers, more seats), so every kill lands in real work. After each completion the
// emulator's state is opened and checked through its API: no duplicate purchase, nothing lost,
// the completion's report accounts for every step, and a final plan has no changes.
// CSPCTL_CHAOS_KILLS=N changes the number of rounds (npm test: 10).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordChaosFigures } from "../helpers/chaos-figures.js";
import { describeAbnormalEnd, runCli, type CliRun } from "../helpers/cli-child.js";
import { startEmulator } from "../helpers/emulator.js";
import { checkEstateInvariants, type InvariantReport } from "../helpers/estate-invariants.js";
import { writeGeneratedEstate, type DeclaredCustomer } from "../helpers/generated-estate.js";
import { seededRandom } from "../../emulator/faults/random.js";

const KILLS = Number(process.env.CSPCTL_CHAOS_KILLS ?? 10);
const SEED = Number(process.env.CSPCTL_CHAOS_KILL_SEED ?? 4242);
const FIRST_CUSTOMERS = 2;
const CUSTOMERS_PER_ROUND = 1;
/** A hang after a kill is a failure to report, not a test-runner stall. */
const RERUN_TIMEOUT_MS = 90_000;

interface ApplyJson {
  outcomes: { id: string; outcome: string }[];
  summary: Record<string, number>;
}

async function checkDir(dataDir: string, declared: DeclaredCustomer[]): Promise<InvariantReport> {
  const emu = await startEmulator({ dataDir });
  try {
    return await checkEstateInvariants(emu, declared);
  } finally {
    await emu.close();
  }
}

describe("crash runs: SIGKILL during apply, rerun, converge", { timeout: 600_000 }, () => {
  it(`${KILLS} seeded kills, each followed by a rerun to completion, leave no duplicate and lose nothing`, async () => {
    const random = seededRandom(SEED);
    const root = mkdtempSync(join(tmpdir(), "cspctl-crash-"));
    const estateDir = join(root, "estate");
    const dataDir = join(root, "emulator");
    const credentialsFile = join(root, "credentials.jsonl");
    const figures = {
      kills: 0,
      killedMidRun: 0,
      finishedBeforeKill: 0,
      reruns: 0,
      duplicates: 0,
      lost: 0,
      killDelaysMs: [] as number[],
      rerunMs: [] as number[],
      checkMs: [] as number[],
    };
    const problems: string[] = [];
    let declared: DeclaredCustomer[] = [];
    /** How long the last complete apply took: kills are spread over that span. */
    let lastRunMs = 3000;

    for (let round = 0; round < KILLS; round++) {
      declared = writeGeneratedEstate(estateDir, {
        customers: FIRST_CUSTOMERS + CUSTOMERS_PER_ROUND * round,
        tag: "k",
        usersPerCustomer: 1,
        extraSeats: round,
      });
      // Spread over the whole run, startup (node, the emulator, loading) included.
      const delayMs = Math.round(300 + random() * (lastRunMs - 300));
      figures.killDelaysMs.push(delayMs);
      let timer: NodeJS.Timeout | undefined;
      const killed = await runCli(
        ["apply", estateDir, "--emulator-dir", dataDir, "--yes", "--json", "--credentials-out", credentialsFile],
        {
          timeoutMs: RERUN_TIMEOUT_MS,
          onSpawn: (child) => void (timer = setTimeout(() => child.kill("SIGKILL"), delayMs)),
        },
      );
      clearTimeout(timer);
      figures.kills++;
      if (killed.signal === "SIGKILL" && !killed.timedOut) figures.killedMidRun++;
      else figures.finishedBeforeKill++;

      const started = Date.now();
      const rerun: CliRun = await runCli(
        ["apply", estateDir, "--emulator-dir", dataDir, "--yes", "--json", "--credentials-out", credentialsFile],
        { timeoutMs: RERUN_TIMEOUT_MS },
      );
      lastRunMs = Math.max(1500, Date.now() - started);
      figures.rerunMs.push(Date.now() - started);
      figures.reruns++;
      const abnormal = describeAbnormalEnd(rerun);
      if (abnormal !== undefined || rerun.status !== 0) {
        problems.push(
          `round ${round} (kill after ${delayMs} ms): rerun ${abnormal ?? `exit ${rerun.status}`}: ${rerun.stderr.slice(0, 400)}${rerun.stdout.slice(0, 400)}`,
        );
        break;
      }
      const report = JSON.parse(rerun.stdout) as ApplyJson;
      const counted = Object.values(report.summary).reduce((a, b) => a + b, 0);
      if (counted !== report.outcomes.length || report.summary.failed !== 0)
        problems.push(
          `round ${round}: report summary ${JSON.stringify(report.summary)} for ${report.outcomes.length} outcomes`,
        );

      const checkStarted = Date.now();
      const invariants = await checkDir(dataDir, declared);
      figures.checkMs.push(Date.now() - checkStarted);
      figures.duplicates += invariants.duplicates.length;
      figures.lost += invariants.lost.length;
      for (const d of invariants.duplicates) problems.push(`round ${round}: duplicate ${d}`);
      for (const l of invariants.lost) problems.push(`round ${round}: lost ${l}`);
    }

    const final = await runCli(["plan", estateDir, "--emulator-dir", dataDir, "--detailed-exitcode"], {
      timeoutMs: RERUN_TIMEOUT_MS,
    });
    recordChaosFigures("crash-runs", {
      seed: SEED,
      customers: declared.length,
      ...figures,
      finalPlanExit: final.status,
    });
    expect(problems).toEqual([]);
    expect(figures.killedMidRun, "most kills must land while apply runs").toBeGreaterThanOrEqual(
      Math.ceil(KILLS * 0.7),
    );
    expect(final.status, final.stdout + final.stderr).toBe(0);
  });
});
