// incremental-read (issue 23): a full read of an applied estate, then 1% of its customers changed out
// of band (half a subscription's quantity through Partner Center, half a user's name through Graph,
// both as the portal makes them), then the read from the snapshot the full read wrote, in the same
// run. At `paced` sizes both reads run at the client's default pace (8 requests/s to Partner
// Center, Graph per tenant) and the wall times are measured. At `counted` sizes (10,000 customers
// would take over an hour at that pace) both reads run unpaced: their requests are counted for real
// and the wall time at the default pace is the bound their Partner Center requests set
// (requests / 8 per second), said so in the row.
import { defaultThrottlePolicy, Throttle } from "../../client/index.js";
import type { ActualEstate } from "../../reconciler/read/actual-estate.js";
import { readWithSnapshot, type SnapshotRead } from "../../reconciler/snapshot/read-incremental.js";
import type { Snapshot } from "../../reconciler/snapshot/snapshot-file.js";
import { prepareEstate, READ_CONCURRENCY, UNPACED, type EstateUnderTest } from "../harness/estate-under-test.js";
import { measure, type Measured } from "../harness/measure.js";
import type { BenchSizes, ScenarioResult } from "../harness/scenario.js";
import { row } from "./plan-scenarios.js";
import type { StatsReport } from "../../emulator/index.js";

const REQUESTS_GOAL = 0.05;
const WALL_GOAL = 0.1;
const CHANGED_SHARE = 0.01;
const COUNTED_USERS = 5;

interface ReadRun {
  measured: Measured<SnapshotRead>;
  stats: StatsReport;
}

/** Requests to Partner Center (everything not Graph), as the emulator counted them. */
function partnerCenterRequests(stats: StatsReport): number {
  return Object.entries(stats.requests)
    .filter(([route]) => !route.includes(" /graph/"))
    .reduce((sum, [, count]) => sum + count, 0);
}

function graphRequests(stats: StatsReport): number {
  return Object.entries(stats.requests)
    .filter(([route]) => route.includes(" /graph/"))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function read(ctx: EstateUnderTest, paced: boolean, snapshot: Snapshot | undefined): Promise<ReadRun> {
  await ctx.emulator.resetStats();
  const client = ctx.client(paced ? new Throttle(defaultThrottlePolicy) : UNPACED);
  try {
    const now = new Date(await ctx.emulator.clock());
    const measured = await measure(() =>
      readWithSnapshot(client, ctx.estate.customers, {
        partnerTenantId: ctx.emulator.env.CSPCTL_TENANT_ID!,
        ...(snapshot === undefined ? {} : { snapshot }),
        now,
        graphUrl: ctx.emulator.env.CSPCTL_GRAPH_URL,
        concurrency: READ_CONCURRENCY,
      }),
    );
    return { measured, stats: await ctx.emulator.stats() };
  } finally {
    await client.close();
  }
}

/** 1% of the customers (at least two) changed as the portal changes them; half through each service. */
async function changeOutOfBand(ctx: EstateUnderTest, actual: ActualEstate): Promise<number> {
  const customers = actual.customers.filter((c) => (c.subscriptions?.length ?? 0) > 0 && (c.users?.length ?? 0) > 0);
  // at least one change of each kind, however small the estate
  const count = Math.max(2, Math.round(customers.length * CHANGED_SHARE));
  const step = Math.max(1, Math.floor(customers.length / count));
  for (let i = 0; i < count; i++) {
    const customer = customers[i * step]!;
    if (i % 2 === 0) {
      const subscription = customer.subscriptions![0]!;
      await ctx.emulator.portal({
        method: "PATCH",
        path: `/v1/customers/${customer.id}/subscriptions/${subscription.id}`,
        body: { quantity: subscription.quantity + 1 },
      });
    } else {
      const user = customer.users![0]!;
      await ctx.emulator.portal({
        method: "PATCH",
        path: `/graph/v1.0/users/${user.id}`,
        tenantId: customer.id,
        body: { displayName: `${user.displayName} (renamed out of band)` },
      });
    }
  }
  return count;
}

/** A read as a scenario run: its customers are those it reports a read mode for. */
function asRun(run: ReadRun): { measured: Measured<unknown>; stats: StatsReport; customers: number } {
  return { measured: run.measured, stats: run.stats, customers: run.measured.value.reads.length };
}

async function oneSize(sizes: BenchSizes, customers: number, paced: boolean): Promise<ScenarioResult[]> {
  // Seeded, not applied: the reads only need the customers, subscriptions and users to be there.
  // Counted sizes seed at most 5 users a customer (the seed's cost grows with the state; a tenant's
  // users are one Graph page either way, so the requests counted are the same).
  const users = paced ? sizes.users : Math.min(sizes.users, COUNTED_USERS);
  const ctx = await prepareEstate(
    { customers, subscriptions: sizes.subscriptions, usersPerCustomer: users, seed: 23, allExisting: true },
    { applied: true, seedOnly: true },
  );
  try {
    // A nightly job: the setup's own changes lie well before the full read (beyond the activity
    // log's overlap), and the out-of-band changes come half a day after it.
    await ctx.emulator.advanceClock("PT2H");
    const full = await read(ctx, paced, undefined);
    await ctx.emulator.advanceClock("PT12H");
    const changed = await changeOutOfBand(ctx, full.measured.value.actual);
    const incremental = await read(ctx, paced, full.measured.value.snapshot);
    const rate = defaultThrottlePolicy.requestsPerSecond;
    const fullPc = partnerCenterRequests(full.stats);
    const incPc = partnerCenterRequests(incremental.stats);
    // The pace's floor: Partner Center requests at the default rate (Graph runs on per-tenant budgets beside it).
    const fullBound = fullPc / rate;
    const incBound = incPc / rate;
    // Unpaced, a read takes at least its Partner Center requests at the pace, and at least what it
    // took without the pace (its Graph requests and tokens, which the pace does not slow).
    const fullWall = paced ? full.measured.wallSeconds : Math.max(fullBound, full.measured.wallSeconds);
    const incWall = paced ? incremental.measured.wallSeconds : Math.max(incBound, incremental.measured.wallSeconds);
    const modes = incremental.measured.value.reads.reduce<Record<string, number>>((counts, r) => {
      counts[r.mode] = (counts[r.mode] ?? 0) + 1;
      return counts;
    }, {});
    const reasons = incremental.measured.value.reads
      .filter((r) => r.mode !== "snapshot")
      .reduce<Record<string, number>>((counts, r) => {
        counts[`${r.mode}:${r.reason}`] = (counts[`${r.mode}:${r.reason}`] ?? 0) + 1;
        return counts;
      }, {});
    const how = paced
      ? `both reads at the client's default pace (${rate}/s, burst ${defaultThrottlePolicy.burst}); wall times measured`
      : `both reads unpaced, requests counted; wall at the default pace = the larger of Partner Center requests / ${rate} per second (the bound) and the unpaced wall, not measured at the pace`;
    const suffix = `-${customers}`;
    const shape = `${customers} customers x ${sizes.subscriptions} subscriptions x ${users} users`;
    return [
      row(
        `read-full${suffix}`,
        asRun(full),
        0,
        fullBound,
        `${shape}; ${how}; ${fullPc} Partner Center + ${graphRequests(full.stats)} Graph requests; wall at the pace ${fullWall.toFixed(1)} s`,
        [{ goal: "a full read of every customer", met: full.measured.value.reads.every((r) => r.mode === "full") }],
      ),
      row(
        `read-incremental${suffix}`,
        asRun(incremental),
        0,
        incBound,
        `${shape}; ${how}; ${changed} customers (${((changed / customers) * 100).toFixed(1)}%) changed out of band since the snapshot; ${incPc} Partner Center + ${graphRequests(incremental.stats)} Graph requests (${((incPc / fullPc) * 100).toFixed(2)}% of the full read's Partner Center requests); wall at the pace ${incWall.toFixed(1)} s (${((incWall / fullWall) * 100).toFixed(2)}% of the full read's); reads ${JSON.stringify(modes)}, re-read ${JSON.stringify(reasons)}`,
        [
          {
            goal: `Partner Center requests <= ${REQUESTS_GOAL * 100}% of the full read's`,
            met: incPc <= fullPc * REQUESTS_GOAL,
          },
          { goal: `wall <= ${WALL_GOAL * 100}% of the full read's`, met: incWall <= fullWall * WALL_GOAL },
          {
            goal: "every changed customer re-read",
            met: (modes["full"] ?? 0) + (modes["incremental"] ?? 0) >= changed,
          },
        ],
      ),
    ];
  } finally {
    await ctx.close();
  }
}

/** `paced`: the sizes measured at the default pace; otherwise the sizes counted unpaced. */
export async function incrementalRead(
  sizes: BenchSizes,
  paced: boolean,
  progress: (line: string) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const customers of paced ? sizes.incrementalPaced : sizes.incrementalCounted) {
    progress(
      `incremental-read: ${customers} customers, ${paced ? "at the default pace" : "requests counted unpaced"} (setup not measured)…`,
    );
    results.push(...(await oneSize(sizes, customers, paced)));
  }
  return results;
}
