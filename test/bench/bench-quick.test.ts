// `npm run bench -- --quick` end to end (the built dist/bench/run.js, as npm runs it), so that the
// harness cannot rot. No timing assertions: speed is what the bench reports, not what a test checks.
// What it does check is exact: the fields of bench/results.json, that a no-op apply writes nothing,
// that shards partition the estate and together read what one run reads, that a new estate applies.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { BenchReport } from "../../bench/run.js";
import type { ScenarioResult } from "../../bench/harness/scenario.js";

let report: BenchReport;
let table: string;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "cspctl-bench-test-")), "results.json");
  const { stdout } = await promisify(execFile)(process.execPath, ["dist/bench/run.js", "--quick", `--out=${out}`], {
    maxBuffer: 8 << 20,
  });
  table = stdout;
  report = JSON.parse(readFileSync(out, "utf8")) as BenchReport;
}, 180_000);

const scenario = (name: string): ScenarioResult => {
  const found = report.scenarios.find((s) => s.name === name || s.name.startsWith(`${name}-`));
  if (found === undefined) throw new Error(`no scenario ${name} in ${report.scenarios.map((s) => s.name).join(", ")}`);
  return found;
};

describe("npm run bench -- --quick", () => {
  it("plan-cold-persistent plans the same estate as plan-cold with the emulator on --emulator-dir: the same reads", () => {
    expect(scenario("plan-cold-persistent").reads).toBe(scenario("plan-cold").reads);
    expect(scenario("plan-cold-persistent").writes).toBe(0);
  });

  it("runs every scenario and writes each with the fields of issue 8", () => {
    expect(report.quick).toBe(true);
    expect(report.scenarios.map((s) => s.name)).toEqual([
      "plan-cold",
      "plan-rate-limited",
      expect.stringMatching(/^plan-sharded-\d+$/),
      "apply-noop",
      "plan-cold-persistent",
      "apply-from-empty",
      "planner-pure",
      "emulator-throughput",
      "read-full-12",
      "read-incremental-12",
      "read-full-24",
      "read-incremental-24",
    ]);
    for (const s of report.scenarios) {
      for (const field of [
        "customers",
        "reads",
        "writes",
        "minReads",
        "wallSeconds",
        "boundSeconds",
        "peakRssMiB",
        "cpuSeconds",
        "throttled",
      ] as const) {
        expect(Number.isFinite(s[field]), `${s.name}.${field}`).toBe(true);
      }
      expect(s.readsRatio === null || Number.isFinite(s.readsRatio)).toBe(true);
      expect(s.wallRatio === null || Number.isFinite(s.wallRatio)).toBe(true);
      expect(s.targets.length).toBeGreaterThan(0);
      expect(table).toContain(s.name);
    }
  });

  it("plans read the estate through HTTP and count against the documented minimum", () => {
    for (const name of ["plan-cold", "plan-rate-limited", "apply-noop"]) {
      const s = scenario(name);
      expect(s.customers).toBeGreaterThan(0);
      expect(s.minReads).toBeGreaterThan(s.customers);
      expect(s.reads).toBeGreaterThanOrEqual(s.minReads);
      expect(s.readsRatio).toBeCloseTo(s.reads / s.minReads, 10);
      expect(s.requestsByRoute?.["GET /v1/customers/{customerId}/subscriptions"]).toBe(s.customers);
    }
    expect(scenario("plan-cold").writes).toBe(0);
  });

  it("plan-cold replays its own requests bare for the machine's floor", () => {
    // the bench itself refuses a replay whose reads differ from the run's
    const s = scenario("plan-cold");
    expect(s.floorSeconds).toBeGreaterThan(0);
    expect(s.note).toMatch(
      new RegExp(
        `floor: the same \\d+ requests sent again by a bare loop, none waiting for another, took ${s.floorSeconds!.toFixed(2)} s`,
      ),
    );
  });

  it("incremental-read: from the full read's snapshot, 1% changed out of band, the read takes the rest from the snapshot", () => {
    for (const size of [12, 24]) {
      const full = scenario(`read-full-${size}`);
      const incremental = scenario(`read-incremental-${size}`);
      const partnerCenter = (s: ScenarioResult): number =>
        Object.entries(s.requestsByRoute ?? {})
          .filter(([route]) => !route.includes(" /graph/"))
          .reduce((sum, [, count]) => sum + count, 0);
      expect(full.customers).toBe(size);
      expect(incremental.customers).toBe(size);
      expect(full.writes + incremental.writes).toBe(0);
      expect(partnerCenter(incremental)).toBeLessThan(partnerCenter(full) / 2);
      expect(incremental.requestsByRoute?.["GET /graph/v1.0/users/delta"]).toBe(size);
      expect(incremental.note).toMatch(/"snapshot":\d+/);
      // one customer changed through Partner Center (the activity log names it), one through Graph (its delta)
      expect(incremental.note).toContain('"full:activity_log":1');
      expect(incremental.note).toMatch(/"incremental:[a-z_]+":1/);
      expect(incremental.targets.find((t) => t.goal === "every changed customer re-read")?.met).toBe(true);
    }
    expect(scenario("read-full-12").note).toContain("wall times measured");
    expect(scenario("read-full-24").note).toContain("not measured at the pace");
  });

  it("apply-noop writes nothing", () => {
    expect(scenario("apply-noop").writes).toBe(0);
    expect(scenario("apply-noop").targets).toEqual([{ goal: "writes = 0", met: true }]);
  });

  it("shards cover every customer once and together read per customer what one run reads", () => {
    const sharded = scenario("plan-sharded");
    expect(sharded.customers).toBe(scenario("plan-cold").customers);
    expect(sharded.targets.every((t) => t.met)).toBe(true);
  });

  it("apply-from-empty creates the estate with every step applied", () => {
    const s = scenario("apply-from-empty");
    expect(s.writes).toBeGreaterThan(s.customers);
    expect(s.targets).toEqual([{ goal: "every step applied", met: true }]);
  });

  it("planner-pure and emulator-throughput report without HTTP reads of their own estate", () => {
    expect(scenario("planner-pure").reads).toBe(0);
    expect(scenario("planner-pure").customers).toBeGreaterThan(0);
    expect(scenario("emulator-throughput").requestsPerSecond).toBeGreaterThan(0);
  });
});
