// plan-cold, plan-rate-limited, plan-sharded and apply-noop over one applied estate: each run with a
// new client (cold token cache) against the emulator with latency, and rate limits where named.
import { readFileSync } from "node:fs";
import type { CustomerSelection } from "../../reconciler/plan-estate.js";
import { planEstate } from "../../reconciler/plan-estate.js";
import { selectCustomers } from "../../reconciler/plan-estate.js";
import { Throttle, type ThrottlePolicy } from "../../client/index.js";
import type { FaultConfig, StatsReport } from "../../emulator/index.js";
import {
  customerListPages,
  IN_FLIGHT,
  minimumReads,
  READ_CONCURRENCY,
  reconcileEstate,
  UNPACED,
  type EstateUnderTest,
} from "../harness/estate-under-test.js";
import { withCpuProfile } from "../harness/cpu-profile.js";
import { sampleInFlight, type InFlight } from "../harness/in-flight.js";
import { recordRequests, replayRequests, type RecordedRequest, type ReplayResult } from "../harness/replay-floor.js";
import { measure, type Measured } from "../harness/measure.js";
import { ratio, type BenchSizes, type ScenarioResult } from "../harness/scenario.js";

const WALL_RATIO_GOAL = 1.2;
const READS_RATIO_GOAL = 1.05;

interface Run {
  measured: Measured<unknown>;
  stats: StatsReport;
  customers: number;
  inFlight: InFlight;
  /** CPU seconds the emulator process used during the run, when it can be read. */
  emulatorCpuSeconds: number | undefined;
}

async function run(
  ctx: EstateUnderTest,
  faults: Partial<FaultConfig>,
  policy: ThrottlePolicy,
  work: (client: ReturnType<EstateUnderTest["client"]>) => Promise<{ customers: number }>,
  profileName?: string,
): Promise<Run> {
  await ctx.emulator.faults(faults);
  await ctx.emulator.resetStats();
  // a throttle of the run's own (not the process-wide one) so its requests in flight can be sampled
  const throttle = new Throttle(policy);
  const client = ctx.client(throttle);
  const sampler = sampleInFlight(throttle);
  try {
    const emulatorCpuBefore = ctx.emulator.cpuSeconds();
    // only a named run is profiled (CSPCTL_BENCH_CPU_PROF): the others are timed without a profiler
    const measured =
      profileName === undefined
        ? await measure(() => work(client))
        : await withCpuProfile(profileName, ctx.emulator.profiler, () => measure(() => work(client)));
    const emulatorCpuAfter = ctx.emulator.cpuSeconds();
    const inFlight = sampler.stop();
    const emulatorCpuSeconds =
      emulatorCpuBefore === undefined || emulatorCpuAfter === undefined
        ? undefined
        : emulatorCpuAfter - emulatorCpuBefore;
    return {
      measured,
      stats: await ctx.emulator.stats(),
      customers: (measured.value as { customers: number }).customers,
      inFlight,
      emulatorCpuSeconds,
    };
  } finally {
    sampler.stop();
    await client.close();
  }
}

/** One scenario row from a run's measurement and the emulator's counts (incremental-read uses it too). */
export function row(
  name: string,
  r: Pick<Run, "measured" | "stats" | "customers">,
  minReads: number,
  boundSeconds: number,
  note: string,
  targets: ScenarioResult["targets"],
): ScenarioResult {
  return {
    name,
    customers: r.customers,
    reads: r.stats.reads,
    writes: r.stats.writes,
    minReads,
    readsRatio: ratio(r.stats.reads, minReads),
    wallSeconds: r.measured.wallSeconds,
    boundSeconds,
    wallRatio: ratio(r.measured.wallSeconds, boundSeconds),
    peakRssMiB: r.measured.peakRssMiB,
    cpuSeconds: r.measured.cpuSeconds,
    throttled: r.stats.throttled,
    requestsByRoute: r.stats.requests,
    targets,
    note,
  };
}

const plan =
  (ctx: EstateUnderTest, selection?: CustomerSelection) => async (client: ReturnType<EstateUnderTest["client"]>) => {
    const started = performance.now();
    let lastCustomerRead = started;
    const result = await planEstate(client, ctx.estate, {
      concurrency: IN_FLIGHT,
      ...(selection ? { selection } : {}),
      onCustomerRead: () => void (lastCustomerRead = performance.now()),
    });
    return {
      customers: result.customers.length,
      plan: result.plan,
      readSeconds: (lastCustomerRead - started) / 1000,
      planSeconds: (performance.now() - lastCustomerRead) / 1000,
    };
  };

/** Right after the run, at the same latency, while the tokens it recorded are still valid. */
async function replayFloor(ctx: EstateUnderTest, recorded: RecordedRequest[], runReads: number): Promise<ReplayResult> {
  await ctx.emulator.resetStats();
  const floor = await replayRequests(recorded, {
    ca: readFileSync(ctx.emulator.env.CSPCTL_CA_FILE!, "utf8"),
    inFlight: IN_FLIGHT,
  });
  const { reads } = await ctx.emulator.stats();
  if (reads !== runReads)
    throw new Error(
      `bench: the replay read ${reads} times where the run read ${runReads}: it did not send the run's requests`,
    );
  return floor;
}

/** plan-cold alone (`npm run bench -- plan-cold`), also the first of the plan scenarios. */
export async function planCold(ctx: EstateUnderTest, sizes: BenchSizes): Promise<{ result: ScenarioResult; run: Run }> {
  const latency = sizes.latencyMs / 1000;
  const minReads = minimumReads(ctx.estate.customers, ctx.partnerCustomers);
  const recorder = recordRequests(new URL(ctx.emulator.env.CSPCTL_PARTNER_CENTER_URL!).origin);
  let recorded: RecordedRequest[] = [];
  const cold = await run(ctx, { latencyMs: sizes.latencyMs }, UNPACED, plan(ctx), "plan-cold").finally(
    () => void (recorded = recorder.stop()),
  );
  const floor = await replayFloor(ctx, recorded, cold.stats.reads);
  const coldBound = (cold.stats.reads * latency) / IN_FLIGHT;
  const coldWallRatio = cold.measured.wallSeconds / coldBound;
  const inFlight = `requests in flight: mean ${cold.inFlight.mean.toFixed(1)}, at the cap ${(cold.inFlight.atCap * 100).toFixed(0)}% of the run`;
  const emulatorCpu =
    cold.emulatorCpuSeconds === undefined ? "" : `; emulator CPU ${cold.emulatorCpuSeconds.toFixed(2)} s`;
  const { readSeconds, planSeconds } = cold.measured.value as { readSeconds: number; planSeconds: number };
  const phases = `; customers read in ${readSeconds.toFixed(2)} s, then planned in ${planSeconds.toFixed(2)} s`;
  const floorNote = `; floor: the same ${floor.requests} requests sent again by a bare loop, none waiting for another, took ${floor.wallSeconds.toFixed(2)} s (${(floor.wallSeconds / coldBound).toFixed(2)} x bound, client CPU ${floor.cpuSeconds.toFixed(2)} s)`;
  const result: ScenarioResult = {
    ...row(
      "plan-cold",
      cold,
      minReads,
      coldBound,
      `${sizes.latencyMs} ms latency, ${IN_FLIGHT} requests in flight, new client (token fetched inside the run), ${IN_FLIGHT} customers read at once; ${inFlight}${emulatorCpu}${phases}${floorNote}`,
      [
        { goal: `readsRatio <= ${READS_RATIO_GOAL}`, met: cold.stats.reads / minReads <= READS_RATIO_GOAL },
        { goal: `wallRatio <= ${WALL_RATIO_GOAL}`, met: coldWallRatio <= WALL_RATIO_GOAL },
      ],
    ),
    floorSeconds: floor.wallSeconds,
  };
  return { result, run: cold };
}

/**
 * plan-cold again with the emulator on --emulator-dir (its own estate, set up alike): the same run, now
 * with every token grant and write saved to disk before it is answered. Held to `inMemory`'s wall
 * time from the same bench run.
 */
export async function planColdPersistent(
  ctx: EstateUnderTest,
  sizes: BenchSizes,
  inMemory: ScenarioResult,
): Promise<ScenarioResult> {
  const { result } = await planCold(ctx, sizes);
  const overInMemory = result.wallSeconds / inMemory.wallSeconds;
  return {
    ...result,
    name: "plan-cold-persistent",
    targets: [{ goal: `wall <= ${WALL_RATIO_GOAL} x plan-cold in memory`, met: overInMemory <= WALL_RATIO_GOAL }],
    note: `plan-cold with the emulator on --emulator-dir: ${overInMemory.toFixed(2)} x the in-memory plan-cold's ${inMemory.wallSeconds.toFixed(2)} s in this run; ${result.note}`,
  };
}

export async function planScenarios(ctx: EstateUnderTest, sizes: BenchSizes): Promise<ScenarioResult[]> {
  const latency = sizes.latencyMs / 1000;
  const minReads = minimumReads(ctx.estate.customers, ctx.partnerCustomers);
  const results: ScenarioResult[] = [];

  const cold = await planCold(ctx, sizes);
  results.push(cold.result);

  const perSecond = sizes.ratePerMinute / 60;
  // burst 1: a client that paced itself at the full rate with a burst would overrun the sliding minute
  const paced: ThrottlePolicy = { requestsPerSecond: perSecond, burst: 1, maxConcurrency: IN_FLIGHT };
  const limited = await run(
    ctx,
    { latencyMs: sizes.latencyMs, rateLimitPerMinute: sizes.ratePerMinute },
    paced,
    plan(ctx),
  );
  const limitedBound = Math.max((limited.stats.reads * latency) / IN_FLIGHT, limited.stats.reads / perSecond);
  results.push(
    row(
      "plan-rate-limited",
      limited,
      minReads,
      limitedBound,
      `${sizes.ratePerMinute} requests/minute at the emulator, client paced at ${perSecond}/s; ${sizes.latencyMs} ms latency`,
      [
        {
          goal: `wallRatio <= ${WALL_RATIO_GOAL}`,
          met: limited.measured.wallSeconds / limitedBound <= WALL_RATIO_GOAL,
        },
        { goal: "few 429s (<= 1% of reads)", met: limited.stats.throttled <= limited.stats.reads / 100 },
      ],
    ),
  );

  results.push(await shardScenario(ctx, sizes, cold.run));

  const noop = await run(ctx, { latencyMs: sizes.latencyMs }, UNPACED, async (client) => {
    const report = await reconcileEstate(client, ctx.estate, READ_CONCURRENCY, IN_FLIGHT);
    return { customers: selectCustomers(ctx.estate).length, steps: report.outcomes.length };
  });
  const noopBound = (noop.stats.reads * latency) / IN_FLIGHT;
  results.push(
    row(
      "apply-noop",
      noop,
      minReads,
      noopBound,
      `plan + apply of an estate already in place; ${(noop.measured.value as { steps: number }).steps} steps`,
      [{ goal: "writes = 0", met: noop.stats.writes === 0 }],
    ),
  );
  return results;
}

/** N shards one after another: together they must read per customer exactly what one run reads. */
async function shardScenario(ctx: EstateUnderTest, sizes: BenchSizes, single: Run): Promise<ScenarioResult> {
  const latency = sizes.latencyMs / 1000;
  const shardRuns: Run[] = [];
  const seen = new Map<string, number>();
  for (let index = 1; index <= sizes.shards; index++) {
    const shard = { index, count: sizes.shards };
    for (const c of selectCustomers(ctx.estate, { shard })) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
    // each of N jobs gets 1/N of the rate budget; here latency binds, so the split shows in reads
    shardRuns.push(await run(ctx, { latencyMs: sizes.latencyMs }, UNPACED, plan(ctx, { shard })));
  }
  // read once per run, not per customer: the customer list and each market's price sheet
  const perRun = new Set(["GET /v1/customers", "GET /v1.0/sales/{sheet}/$value"]);
  const perCustomer = (requests: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(requests).filter(([route, n]) => !perRun.has(route) && n > 0));
  const summed: Record<string, number> = {};
  for (const r of shardRuns)
    for (const [route, n] of Object.entries(perCustomer(r.stats.requests))) summed[route] = (summed[route] ?? 0) + n;
  const singleRoutes = perCustomer(single.stats.requests);
  const sameReads =
    JSON.stringify(Object.entries(summed).sort()) === JSON.stringify(Object.entries(singleRoutes).sort());
  const everyCustomerOnce = seen.size === ctx.estate.customers.length && [...seen.values()].every((n) => n === 1);
  const slowest = shardRuns.reduce((a, b) => (b.measured.wallSeconds > a.measured.wallSeconds ? b : a));
  const reads = shardRuns.reduce((n, r) => n + r.stats.reads, 0);
  const pages = customerListPages(ctx.partnerCustomers);
  const minReads = minimumReads(ctx.estate.customers, ctx.partnerCustomers) + (sizes.shards - 1) * pages;
  return {
    name: `plan-sharded-${sizes.shards}`,
    customers: shardRuns.reduce((n, r) => n + r.customers, 0),
    reads,
    writes: shardRuns.reduce((n, r) => n + r.stats.writes, 0),
    minReads,
    readsRatio: ratio(reads, minReads),
    wallSeconds: slowest.measured.wallSeconds,
    boundSeconds: (slowest.stats.reads * latency) / IN_FLIGHT,
    wallRatio: ratio(slowest.measured.wallSeconds, (slowest.stats.reads * latency) / IN_FLIGHT),
    peakRssMiB: Math.max(...shardRuns.map((r) => r.measured.peakRssMiB)),
    cpuSeconds: shardRuns.reduce((n, r) => n + r.measured.cpuSeconds, 0),
    throttled: shardRuns.reduce((n, r) => n + r.stats.throttled, 0),
    targets: [
      { goal: "every customer in exactly one shard", met: everyCustomerOnce },
      { goal: "shards' per-customer reads = one run's", met: sameReads },
    ],
    note: `shards of ${shardRuns.map((r) => r.customers).join("/")} customers run one after another (wall = slowest shard, what a CI matrix waits for); each shard also lists the partner's customers (${pages} page(s))`,
  };
}
