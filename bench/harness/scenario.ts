// What each bench scenario reports (bench/results.json, issue 8) and the sizes it runs at.

export interface ScenarioResult {
  name: string;
  customers: number;
  reads: number;
  writes: number;
  /** The fewest reads that can give the planner what it needs (docs/benchmarks.md); 0 when no HTTP. */
  minReads: number;
  /** reads / minReads; null when minReads is 0. */
  readsRatio: number | null;
  wallSeconds: number;
  /** max(reads x latency / concurrency, reads / rate): the floor set by Partner Center, not by us. */
  boundSeconds: number;
  /** wallSeconds / boundSeconds; null when there is no bound (no HTTP). */
  wallRatio: number | null;
  peakRssMiB: number;
  cpuSeconds: number;
  /** 429 answers the emulator gave. */
  throttled: number;
  /** Requests by route template, as the emulator counted them. */
  requestsByRoute?: Record<string, number>;
  /**
   * plan-cold: the same requests sent again by a bare loop at the same cap in flight, none waiting
   * for another, against the same emulator on the same cores (bench/harness/replay-floor.ts): an
   * estimate of the least time any client could take here at that moment.
   */
  floorSeconds?: number;
  /** emulator-throughput: requests per second of its slowest route. */
  requestsPerSecond?: number;
  /** Goals of the issue this row is held to, each with whether it was met. */
  targets: { goal: string; met: boolean }[];
  note: string;
}

export interface BenchSizes {
  quick: boolean;
  /** plan-cold, plan-rate-limited, apply-noop, shards. */
  planCustomers: number;
  subscriptions: number;
  users: number;
  applyCustomers: number;
  plannerCustomers: number;
  plannerUsers: number;
  latencyMs: number;
  ratePerMinute: number;
  shards: number;
  throughputSeconds: number;
  /** incremental-read: customer counts read at the default Partner Center pace (wall measured). */
  incrementalPaced: number[];
  /** incremental-read-counted: customer counts read unpaced (requests counted, wall bound computed). */
  incrementalCounted: number[];
}

export function benchSizes(quick: boolean): BenchSizes {
  return quick
    ? {
        quick,
        planCustomers: 12,
        subscriptions: 3,
        users: 5,
        applyCustomers: 6,
        plannerCustomers: 300,
        plannerUsers: 20,
        latencyMs: 30,
        ratePerMinute: 600,
        shards: 3,
        throughputSeconds: 1,
        incrementalPaced: [12],
        incrementalCounted: [24],
      }
    : {
        quick,
        planCustomers: 1_000,
        subscriptions: 3,
        users: 20,
        applyCustomers: 200,
        plannerCustomers: 10_000,
        plannerUsers: 20,
        latencyMs: 30,
        ratePerMinute: 600,
        shards: 4,
        throughputSeconds: 3,
        incrementalPaced: [1_000],
        incrementalCounted: [10_000],
      };
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
