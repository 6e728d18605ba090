// The issue-8 scenarios in the order they run; plan-cold, plan-rate-limited, plan-sharded and
// apply-noop share one applied estate (set up once, not measured).
import { prepareEstate } from "../harness/estate-under-test.js";
import type { BenchSizes, ScenarioResult } from "../harness/scenario.js";
import { applyFromEmpty } from "./apply-from-empty.js";
import { emulatorThroughputScenario } from "./emulator-throughput.js";
import { incrementalRead } from "./incremental-read.js";
import { planCold, planColdPersistent, planScenarios } from "./plan-scenarios.js";
import { plannerPure } from "./planner-pure.js";

export const scenarioNames = [
  "plan",
  "plan-cold",
  "plan-cold-persistent",
  "apply-from-empty",
  "planner-pure",
  "emulator-throughput",
  "incremental-read",
  "incremental-read-counted",
] as const;

export async function runScenarios(
  sizes: BenchSizes,
  names: readonly string[],
  progress: (line: string) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  // `plan` runs every plan scenario, `plan-cold` that one alone; plan-cold-persistent (in `plan` too)
  // needs plan-cold's in-memory wall time from the same run
  const persistent = names.includes("plan") || names.includes("plan-cold-persistent");
  if (persistent || names.includes("plan-cold")) {
    const shape = {
      customers: sizes.planCustomers,
      subscriptions: sizes.subscriptions,
      usersPerCustomer: sizes.users,
      seed: 7,
      allExisting: true,
    };
    const started = performance.now();
    progress(
      `setting up ${sizes.planCustomers} existing customers x ${sizes.subscriptions} subscriptions x ${sizes.users} users (seed + apply, no latency; not measured)…`,
    );
    const ctx = await prepareEstate(shape, { applied: true });
    progress(
      `set up in ${((performance.now() - started) / 1000).toFixed(1)} s; plan-cold, plan-rate-limited, plan-sharded, apply-noop…`,
    );
    let cold: ScenarioResult;
    try {
      if (names.includes("plan")) {
        const planResults = await planScenarios(ctx, sizes);
        results.push(...planResults);
        cold = planResults[0]!;
      } else {
        cold = (await planCold(ctx, sizes)).result;
        results.push(cold);
      }
    } finally {
      await ctx.close();
    }
    if (persistent) {
      progress("plan-cold-persistent: the same estate again, the emulator on --emulator-dir (set up, not measured)…");
      const onDisk = await prepareEstate(shape, { applied: true, persistent: true });
      try {
        results.push(await planColdPersistent(onDisk, sizes, cold));
      } finally {
        await onDisk.close();
      }
    }
  }
  if (names.includes("apply-from-empty")) {
    progress(`apply-from-empty (${sizes.applyCustomers} customers)…`);
    results.push(await applyFromEmpty(sizes));
  }
  if (names.includes("planner-pure")) {
    progress(`planner-pure (${sizes.plannerCustomers} customers x ${sizes.plannerUsers} users)…`);
    results.push(await plannerPure(sizes));
  }
  if (names.includes("emulator-throughput")) {
    progress("emulator-throughput…");
    results.push(await emulatorThroughputScenario(sizes));
  }
  if (names.includes("incremental-read")) results.push(...(await incrementalRead(sizes, true, progress)));
  if (names.includes("incremental-read-counted")) results.push(...(await incrementalRead(sizes, false, progress)));
  return results;
}
