// `cspctl report` over 1,000 existing customers (1 subscription and 2 users each) against the
// emulator in a child process, without latency: the wall time of the reads and the rendering, and
// the size of the site written. Setting up the estate (seed + apply) is not measured.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderDashboard } from "../../reconciler/render/dashboard/dashboard-html.js";
import { readDashboard } from "../../reconciler/views/dashboard-data.js";
import { IN_FLIGHT, prepareEstate, UNPACED } from "../harness/estate-under-test.js";
import type { BenchCase, BenchResult } from "../run.js";

const CUSTOMERS = Number(process.env.CSPCTL_BENCH_REPORT_CUSTOMERS ?? 1_000);

export const reportDashboard: BenchCase = async () => {
  const ctx = await prepareEstate(
    { customers: CUSTOMERS, subscriptions: 1, usersPerCustomer: 2, seed: 7, allExisting: true },
    { applied: true },
  );
  const out = mkdtempSync(join(tmpdir(), "cspctl-bench-report-"));
  const client = ctx.client(UNPACED);
  try {
    await ctx.emulator.resetStats();
    const started = performance.now();
    const data = await readDashboard(client, ctx.estate, { concurrency: IN_FLIGHT });
    const read = performance.now();
    const site = renderDashboard(data);
    for (const [path, html] of site) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), html);
    }
    const done = performance.now();
    const { reads } = await ctx.emulator.stats();
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const bytes = files.reduce((total, f) => total + statSync(join(f.parentPath, f.name)).size, 0);
    const index = statSync(join(out, "index.html")).size;
    const note = `${CUSTOMERS} customers, ${reads} reads; read ${((read - started) / 1000).toFixed(1)} s, render + write ${((done - read) / 1000).toFixed(1)} s`;
    const rows: BenchResult[] = [
      { name: "report-dashboard wall", value: Math.round(done - started), unit: "ms", target: "", met: null, note },
      {
        name: "report-dashboard size",
        value: Math.round(bytes / 1024),
        unit: "KiB",
        target: "",
        met: null,
        note: `${files.length} files; index.html ${Math.round(index / 1024)} KiB`,
      },
    ];
    return rows;
  } finally {
    await client.close();
    await ctx.close();
    rmSync(out, { recursive: true, force: true });
  }
};
