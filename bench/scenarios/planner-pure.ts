// planner-pure: planChanges over C customers x U users in memory, no HTTP, in a child process so
// that its memory is measured alone. Goals: under 2 s CPU and under 1 GiB peak RSS.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchSizes, ScenarioResult } from "../harness/scenario.js";
import type { PlannerPureOutput } from "./planner-pure-child.js";

const CPU_GOAL_SECONDS = 2;
const RSS_GOAL_MIB = 1024;

export async function plannerPure(sizes: BenchSizes): Promise<ScenarioResult> {
  const childJs = fileURLToPath(new URL("./planner-pure-child.js", import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", childJs, String(sizes.plannerCustomers), String(sizes.plannerUsers)],
    { maxBuffer: 1 << 20 },
  );
  const out = JSON.parse(stdout.trim().split("\n").pop()!) as PlannerPureOutput;
  return {
    name: "planner-pure",
    customers: out.customers,
    reads: 0,
    writes: 0,
    minReads: 0,
    readsRatio: null,
    wallSeconds: out.planWallSeconds,
    boundSeconds: 0,
    wallRatio: null,
    peakRssMiB: out.peakRssMiB,
    cpuSeconds: out.planCpuSeconds,
    throttled: 0,
    targets: [
      { goal: `cpuSeconds < ${CPU_GOAL_SECONDS}`, met: out.planCpuSeconds < CPU_GOAL_SECONDS },
      { goal: `peakRssMiB < ${RSS_GOAL_MIB}`, met: out.peakRssMiB < RSS_GOAL_MIB },
    ],
    note:
      `${out.users} users, ${out.steps} steps (${Object.entries(out.changes)
        .map(([a, n]) => `${n} ${a}`)
        .join(", ")}); ` +
      `fingerprint ${out.fingerprintCpuSeconds.toFixed(2)} s CPU of it; RSS ${out.baselineRssMiB.toFixed(0)} MiB before planning (estate + actual state loaded); ` +
      `loading the estate took ${out.loadSeconds.toFixed(1)} s, child's lifetime peak ${out.processPeakRssMiB.toFixed(0)} MiB`,
  };
}
