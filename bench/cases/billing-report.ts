// `cspctl billing --format csv --out FILE` at partner scale: 1,000 customers (one subscription each,
// P1Y, 80 % billed monthly) bought on 2026-01-01 in an emulator child process, its clock moved a
// year on, then what the command does, timed: read the estate's customers and subscriptions, the
// invoice list, then each cycle's reconciliation lines through the v2 export, each line written to
// the CSV file as it arrives. Wall time and this process's peak RSS for the twelve cycles.
//
// Memory must not grow with the number of lines: the same command for the first 6 and for all 12
// cycles, with the live heap (after a full GC, every 500 lines while the lines stream and at the end
// of each cycle) at each; the two peaks differ by noise, not by the 6 cycles of lines in between.
// Setting up (generating, seeding, moving the clock) is not measured.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { streamBilling } from "../../reconciler/render/billing/billing-stream.js";
import type { ReconciliationLine } from "../../client/types.js";
import { writePrivateFileFrom } from "../../core/private-files.js";
import { type BillingSources, readBillingSources } from "../../reconciler/billing/read-billing.js";
import { withCpuProfile } from "../harness/cpu-profile.js";
import { prepareEstate, UNPACED } from "../harness/estate-under-test.js";
import { startRssSampler } from "../harness/rss-sampler.js";
import type { BenchCase, BenchResult } from "../run.js";

const CUSTOMERS = Number(process.env.CSPCTL_BENCH_BILLING_CUSTOMERS ?? 1_000);
const MONTHS = 12;
const START = "2026-01-01T00:00:00Z";
/** Lines between two heap samples (each a full GC). */
const SAMPLE_EVERY = 500;

/** A full garbage collection, without starting node with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

interface Run {
  cycles: number;
  lines: number;
  costCents: number;
  /** The invoices' own totals, for the cycles read. */
  invoiceCents: number;
  wallMs: number;
  /** Of which reading the estate's customers and subscriptions and the invoice list. */
  estateReadMs: number;
  csvBytes: number;
  /** Highest live heap (after a full GC) while the lines streamed, MiB; null when not sampled. */
  liveHeapMiB: number | null;
}

/** Counts (and optionally samples the heap along) the lines as the CSV pulls them. */
function counted(sources: BillingSources, run: Run, sample: (() => void) | undefined): BillingSources {
  return {
    declared: sources.declared,
    cycles: sources.cycles.map((cycle) => ({
      ...cycle,
      lines: async function* (): AsyncGenerator<ReconciliationLine> {
        run.cycles += 1;
        for await (const line of cycle.lines()) {
          run.lines += 1;
          run.costCents += line.subtotalCents;
          if (sample !== undefined && run.lines % SAMPLE_EVERY === 0) sample();
          yield line;
        }
        sample?.();
      },
    })),
  };
}

/**
 * The bench at a given size: rows for the table, and the runs behind them.
 * @public test/bench/billing-report-case.test.ts imports it from dist/, where it starts the emulator child.
 */
export async function billingReportRows(
  customers: number,
): Promise<{ rows: BenchResult[]; runs: Run[]; requests: Record<string, number> }> {
  const ctx = await prepareEstate(
    { customers, subscriptions: 1, usersPerCustomer: 1, seed: 18, allExisting: true },
    { applied: true, seedOnly: true, startAt: START },
  );
  await ctx.emulator.moveClock({ now: "2027-01-01T00:00:01Z" });
  const out = mkdtempSync(join(tmpdir(), "cspctl-bench-billing-"));
  const client = ctx.client(UNPACED);
  const gc = fullGc();
  const billing = async (months: number, sampleHeap: boolean): Promise<Run> => {
    const run: Run = {
      cycles: 0,
      lines: 0,
      costCents: 0,
      invoiceCents: 0,
      wallMs: 0,
      estateReadMs: 0,
      csvBytes: 0,
      liveHeapMiB: null,
    };
    const file = join(out, `billing-${months}.csv`);
    const sample = sampleHeap
      ? () => {
          gc();
          run.liveHeapMiB = Math.max(run.liveHeapMiB ?? 0, process.memoryUsage().heapUsed / 1048576);
        }
      : undefined;
    gc();
    const started = performance.now();
    const sources = await readBillingSources(client, ctx.estate.customers, {
      months: Array.from({ length: months }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
      now: () => new Date("2027-01-01T00:00:01Z"),
    });
    run.estateReadMs = performance.now() - started;
    for (const cycle of sources.cycles) run.invoiceCents += cycle.invoiceTotalCents ?? 0;
    await writePrivateFileFrom(file, streamBilling(counted(sources, run, sample), "csv"));
    run.wallMs = performance.now() - started;
    run.csvBytes = statSync(file).size;
    return run;
  };
  try {
    await ctx.emulator.resetStats();
    const rss = await startRssSampler();
    const cpuBefore = { client: process.cpuUsage(), emulator: ctx.emulator.cpuSeconds() };
    const timed = await withCpuProfile("billing-report", ctx.emulator.profiler, () => billing(MONTHS, false));
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const emulatorCpu = (ctx.emulator.cpuSeconds() ?? Number.NaN) - (cpuBefore.emulator ?? Number.NaN);
    const peakRss = await rss.stop();
    const { requests, reads } = await ctx.emulator.stats();
    const half = await billing(MONTHS / 2, true);
    const full = await billing(MONTHS, true);
    const mib = (value: number | null): number => Math.round((value ?? 0) * 10) / 10;
    const rows: BenchResult[] = [
      {
        name: `billing-report wall (${customers} customers x ${MONTHS} cycles, csv)`,
        value: Math.round(timed.wallMs),
        unit: "ms",
        target: "",
        met: null,
        note: `${timed.cycles} cycles, ${timed.lines} lines, cost ${(timed.costCents / 100).toFixed(2)} USD, CSV ${Math.round(timed.csvBytes / 1024)} KiB; ${reads} reads, the estate's and the invoice list in ${(timed.estateReadMs / 1000).toFixed(1)} s; CPU ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s here, ${emulatorCpu.toFixed(1)} s in the emulator`,
      },
      { name: "billing-report peak RSS", value: mib(peakRss), unit: "MiB", target: "", met: null },
      {
        name: `billing-report live heap, ${half.cycles} cycles (${half.lines} lines)`,
        value: mib(half.liveHeapMiB),
        unit: "MiB",
        target: "",
        met: null,
        note: `after a full GC every ${SAMPLE_EVERY} lines`,
      },
      {
        name: `billing-report live heap, ${full.cycles} cycles (${full.lines} lines)`,
        value: mib(full.liveHeapMiB),
        unit: "MiB",
        target: `<= ${half.cycles} cycles + 2 MiB`,
        met: (full.liveHeapMiB ?? 0) <= (half.liveHeapMiB ?? 0) + 2,
        note: "flat: lines are written as they arrive and not kept",
      },
    ];
    return { rows, runs: [timed, half, full], requests };
  } finally {
    await client.close();
    await ctx.close();
    rmSync(out, { recursive: true, force: true });
  }
}

export const billingReportBench: BenchCase = async () => (await billingReportRows(CUSTOMERS)).rows;
