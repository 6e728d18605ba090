// planner-pure, run alone in a child process so that its peak RSS is its own: generate and load the
// estate, build the matching Partner Center state in memory, then time planChanges (no I/O).
// argv: customers usersPerCustomer; prints one JSON line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../../reconciler/load/load-estate.js";
import { planChanges } from "../../reconciler/plan/plan-changes.js";
import { actualFromDesired } from "../estate/actual-from-desired.js";
import { generateEstate, writeEstate } from "../estate/generate-estate.js";
import { processPeakRssMiB } from "../harness/measure.js";
import { startRssSampler } from "../harness/rss-sampler.js";
import { customersChangedBy, fingerprintActual } from "../../reconciler/plan/fingerprint.js";

export interface PlannerPureOutput {
  customers: number;
  users: number;
  steps: number;
  changes: Record<string, number>;
  loadSeconds: number;
  planCpuSeconds: number;
  planWallSeconds: number;
  /** Of which computing the fingerprint of the actual state. */
  fingerprintCpuSeconds: number;
  /** Highest RSS while planning, with the loaded estate and the actual state in memory. */
  peakRssMiB: number;
  /** RSS before planning started (after a full GC). */
  baselineRssMiB: number;
  /** The child's lifetime peak, loading included. */
  processPeakRssMiB: number;
}

const [customers = 10_000, users = 20] = process.argv.slice(2).map(Number);
const root = mkdtempSync(join(tmpdir(), "cspctl-bench-planner-"));
try {
  writeEstate(generateEstate({ customers, subscriptions: 3, usersPerCustomer: users, seed: 42 }), root);
  const loadStarted = performance.now();
  const loaded = await loadEstate(root, { cwd: root, env: {} });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  if (!loaded.valid)
    throw new Error(`generated estate did not load: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  const now = new Date("2026-06-01T00:00:00Z");
  const actual = actualFromDesired(loaded.estate, now);
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMiB = process.memoryUsage.rss() / (1024 * 1024);
  const sampler = await startRssSampler();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const plan = planChanges({ customers: loaded.estate.customers }, actual, { now });
  const planWallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMiB = await sampler.stop();
  const fingerprintCpuBefore = process.cpuUsage();
  fingerprintActual(actual, customersChangedBy(plan, loaded.estate.customers));
  const fingerprintCpu = process.cpuUsage(fingerprintCpuBefore);
  const changes: Record<string, number> = {};
  for (const step of plan.steps) changes[step.action] = (changes[step.action] ?? 0) + 1;
  const output: PlannerPureOutput = {
    customers: loaded.estate.customers.length,
    users: loaded.estate.customers.reduce((n, c) => n + c.users.length, 0),
    steps: plan.steps.length,
    changes,
    loadSeconds,
    planCpuSeconds: (cpu.user + cpu.system) / 1e6,
    planWallSeconds,
    fingerprintCpuSeconds: (fingerprintCpu.user + fingerprintCpu.system) / 1e6,
    peakRssMiB,
    baselineRssMiB,
    processPeakRssMiB: processPeakRssMiB(),
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
