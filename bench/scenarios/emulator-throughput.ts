// emulator-throughput: customer and subscription reads per second on loopback (goal >= 2,000/s on
// each route), the emulator in its own process as partners run it.
import { LOAD_IN_FLIGHT, measureEmulatorThroughput, THROUGHPUT_GOAL } from "../harness/emulator-load.js";
import type { BenchSizes, ScenarioResult } from "../harness/scenario.js";

export async function emulatorThroughputScenario(sizes: BenchSizes): Promise<ScenarioResult> {
  const cpuBefore = process.cpuUsage();
  const routes = await measureEmulatorThroughput(sizes.throughputSeconds * 1000, sizes.quick ? 300 : 1_500);
  const cpu = process.cpuUsage(cpuBefore);
  const requests = routes.reduce((n, r) => n + r.requests, 0);
  const seconds = routes.reduce((n, r) => n + r.seconds, 0);
  const slowest = routes.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
  return {
    name: "emulator-throughput",
    customers: 40,
    reads: requests,
    writes: 0,
    minReads: 0,
    readsRatio: null,
    wallSeconds: seconds,
    boundSeconds: 0,
    wallRatio: null,
    peakRssMiB: process.memoryUsage.rss() / (1024 * 1024),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    throttled: 0,
    requestsPerSecond: slowest.perSecond,
    targets: [
      {
        goal: `>= ${THROUGHPUT_GOAL} req/s on each route, no errors`,
        met: routes.every((r) => r.failures === 0 && r.perSecond >= THROUGHPUT_GOAL),
      },
    ],
    note: `${routes.map((r) => `${r.name} ${r.perSecond.toFixed(0)}/s${r.failures ? ` (${r.failures} failed: ${r.statuses})` : ""}`).join("; ")}; ${LOAD_IN_FLIGHT} in flight, HTTPS keep-alive, app token, after a warm-up per route; CPU and RSS are the load generator's`,
  };
}
