// apply-from-empty: a new estate (customers, subscriptions incl. add-ons, users, licences) applied
// to a Partner Center that holds only the linked tenants, with latency on every answer.
import { IN_FLIGHT, prepareEstate, READ_CONCURRENCY, reconcileEstate, UNPACED } from "../harness/estate-under-test.js";
import { measure } from "../harness/measure.js";
import { ratio, type BenchSizes, type ScenarioResult } from "../harness/scenario.js";

export async function applyFromEmpty(sizes: BenchSizes): Promise<ScenarioResult> {
  const ctx = await prepareEstate(
    { customers: sizes.applyCustomers, subscriptions: sizes.subscriptions, usersPerCustomer: sizes.users, seed: 8 },
    { applied: false },
  );
  try {
    await ctx.emulator.faults({ latencyMs: sizes.latencyMs });
    await ctx.emulator.resetStats();
    const client = ctx.client(UNPACED);
    const measured = await measure(async () => {
      try {
        return await reconcileEstate(client, ctx.estate, READ_CONCURRENCY);
      } finally {
        await client.close();
      }
    });
    const stats = await ctx.emulator.stats();
    const report = measured.value;
    const requests = stats.reads + stats.writes;
    const bound = (requests * sizes.latencyMs) / 1000 / IN_FLIGHT;
    const notApplied = report.outcomes.length - report.summary.applied;
    return {
      name: "apply-from-empty",
      customers: ctx.estate.customers.length,
      reads: stats.reads,
      writes: stats.writes,
      minReads: 0,
      readsRatio: null,
      wallSeconds: measured.wallSeconds,
      boundSeconds: bound,
      wallRatio: ratio(measured.wallSeconds, bound),
      peakRssMiB: measured.peakRssMiB,
      cpuSeconds: measured.cpuSeconds,
      throttled: stats.throttled,
      requestsByRoute: stats.requests,
      targets: [{ goal: "every step applied", met: notApplied === 0 }],
      note: `${report.outcomes.length} steps (${notApplied} not applied); steps of one customer run in order, ${READ_CONCURRENCY} customers at once; bound = (reads + writes) x latency / ${IN_FLIGHT}`,
    };
  } finally {
    await ctx.close();
  }
}
