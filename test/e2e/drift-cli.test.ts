// The built CLI (`cspctl drift`, `cspctl import`) in a child process against an emulator running in
// this test process, connected through the CSPCTL_* variables as a partner's CI would be.
import { spawn, type SpawnOptionsWithoutStdio } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_LOCK } from "../helpers/build-lock.js";
import { CLI_PATH, STACK_FRAME, type CliRun } from "../helpers/cli-child.js";
import { filesUnder, scanForJwts, scanForSecrets, type KnownSecret } from "../helpers/secret-scan.js";
import { startDriftWorld, type DriftWorld } from "../integration/drift/drift-world.js";

// Each CLI run is a fresh Node process loading the whole CLI from dist/: seconds each on a loaded
// 2-core runner, so the tests get minutes, and the child is killed well before that (a hang reads
// as one). dist/ is rewritten while tests run (test/provider/build-dist.ts rebuilds it under the
// build lock; so do engineers sharing a tree): a CLI started mid-build loads half-written files and
// fails at import (the flaky failure). Each run therefore holds the build lock shared, where flock exists.
const TEST_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 120_000;
const FLOCK = ["/usr/bin/flock", "/bin/flock"].find((path) => existsSync(path));
const LOCK_BUSY = 75;
let w: DriftWorld;
let estateDir: string;

async function run(args: string[], cwd = estateDir): Promise<CliRun> {
  const node = ["--max-old-space-size=256", CLI_PATH, ...args];
  const result = await new Promise<CliRun>((resolve, reject) => {
    const child = FLOCK
      ? spawn(
          FLOCK,
          [
            "--shared",
            "--timeout",
            "100",
            "--conflict-exit-code",
            String(LOCK_BUSY),
            BUILD_LOCK,
            process.execPath,
            ...node,
          ],
          options(cwd),
        )
      : spawn(process.execPath, node, options(cwd));
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL"); // the group: flock and the CLI under it
    }, RUN_TIMEOUT_MS);
    child.once("error", reject);
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
  expect(result.timedOut, `cspctl ${args.join(" ")} did not finish in ${RUN_TIMEOUT_MS} ms`).toBe(false);
  expect(result.status, `the build lock ${BUILD_LOCK} stayed taken for 100 s`).not.toBe(LOCK_BUSY);
  return result;
}

function options(cwd: string): SpawnOptionsWithoutStdio {
  return { cwd, detached: true, env: { ...process.env, CI: "true", NO_COLOR: "1", ...w.emulator.env } };
}

/** The partner's credentials the CLI ran with: none may appear in any output. */
function credentials(): KnownSecret[] {
  const secrets = [
    { label: "client secret", value: w.emulator.env.CSPCTL_CLIENT_SECRET },
    { label: "refresh token", value: w.emulator.env.CSPCTL_REFRESH_TOKEN },
  ].filter((s): s is KnownSecret => typeof s.value === "string");
  expect(secrets).toHaveLength(2);
  return secrets;
}

/** The exit code, with what the CLI said when it is not the expected one (a failure explains itself). */
function statusOf(result: CliRun): { status: number | null; stderr: string } {
  return { status: result.status, stderr: result.stderr };
}

beforeAll(async () => {
  w = await startDriftWorld();
  estateDir = mkdtempSync(join(tmpdir(), "cspctl-drift-e2e-"));
  writeFileSync(join(estateDir, "driftco.yaml"), w.yaml());
});
afterAll(async () => {
  await w?.close();
});

describe("cspctl drift (built CLI)", { timeout: TEST_TIMEOUT_MS }, () => {
  it("exits 0 when Partner Center matches the estate", async () => {
    const result = await run(["drift", "."]);
    expect(statusOf(result)).toEqual({ status: 0, stderr: expect.not.stringMatching(/error|\n\s+at /) });
    expect(result.stdout).toMatch(/No drift in 1 customer\(s\)/);
  });

  it("exits 2 on drift and writes several formats in one run", async () => {
    const path = `/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
    const current = await w.pc("GET", path);
    expect((await w.pc("PATCH", path, { ...current.body, quantity: 4 })).status).toBe(200);
    try {
      const out = mkdtempSync(join(tmpdir(), "cspctl-drift-out-"));
      const result = await run([
        "drift",
        ".",
        "--format",
        "html",
        "--out",
        join(out, "drift.html"),
        "--format",
        "junit",
        "--out",
        join(out, "junit", "drift.xml"),
        "--format",
        "sarif",
        "--out",
        join(out, "drift.sarif"),
        "--format",
        "markdown",
        "--out",
        join(out, "drift.md"),
        "--format",
        "json",
      ]);
      expect(statusOf(result)).toEqual({ status: 2, stderr: expect.not.stringMatching(/error|\n\s+at /) });
      const report = JSON.parse(result.stdout);
      expect(report.findings.map((f: { category: string; address: string }) => `${f.category} ${f.address}`)).toEqual([
        "changed customer:driftco/subscription:bp",
        "utilisation customer:driftco/subscription:bp",
      ]);
      expect(report.findings[0]).toMatchObject({
        before: { quantity: 4 },
        after: { quantity: 2 },
        fix: { step: { action: "resize" } },
      });
      expect(report.summary).toMatchObject({
        drift: true,
        unknown: 0,
        utilisation: { purchased: 4, assigned: 2, unused: 2 },
      });

      const html = readFileSync(join(out, "drift.html"), "utf8");
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<td data-count="changed">1</td>');
      const junit = readFileSync(join(out, "junit", "drift.xml"), "utf8");
      expect([...junit.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1])).toEqual(
        report.declared.map((d: { address: string }) => d.address),
      );
      expect(junit).toMatch(/<testcase name="customer:driftco\/subscription:bp"[^>]*>\s*<failure /);
      expect(junit).toContain('tests="6" failures="1" errors="0"');
      const sarif = JSON.parse(readFileSync(join(out, "drift.sarif"), "utf8"));
      expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
        "drift/changed",
        "drift/utilisation",
      ]);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: "driftco.yaml" },
        region: { startLine: 8, startColumn: expect.any(Number) },
      });
      expect(w.yaml().split("\n")[7]).toMatch(/name: bp,.*quantity: 2/);
      const markdown = readFileSync(join(out, "drift.md"), "utf8");
      expect(markdown).toMatch(/^## cspctl drift/);
      expect(markdown).toContain("| changed | 1 |");

      const outputs = [
        { source: "drift stdout", content: result.stdout },
        { source: "drift stderr", content: result.stderr },
        ...filesUnder(out),
      ];
      // four reports, stdout, stderr, and the .gitignore of * in the junit/ folder drift created (0700)
      expect(outputs.map((o) => o.source).filter((s) => s.endsWith(".gitignore"))).toHaveLength(1);
      expect(outputs).toHaveLength(7);
      expect(scanForSecrets(outputs, credentials())).toEqual([]);
      expect(scanForJwts(outputs)).toEqual([]);

      // --fail-on decides what counts as drift: the same report, exit 0
      const accepted = await run(["drift", ".", "--fail-on", "missing", "--json"]);
      expect(statusOf(accepted)).toEqual({ status: 0, stderr: expect.not.stringMatching(/error|\n\s+at /) });
      expect(JSON.parse(accepted.stdout).summary).toMatchObject({ drift: false, byCategory: { changed: 1 } });
    } finally {
      expect((await w.pc("PATCH", path, { ...(await w.pc("GET", path)).body, quantity: 2 })).status).toBe(200);
    }
  });

  it("exits 1 with a usage error, never a stack trace", async () => {
    const result = await run(["drift", ".", "--format", "pdf"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error cli.usage: option '--format <format>' argument 'pdf' is invalid\. Allowed choices are text, json, markdown, html, junit, sarif/,
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
    const unpaired = await run(["drift", ".", "--format", "html", "--format", "junit"]);
    expect(unpaired.status).toBe(1);
    expect(unpaired.stderr).toMatch(/each --format needs its --out/);
    expect(unpaired.stderr).not.toMatch(STACK_FRAME);
    // a mistyped --customer is an error, never "No drift in 0 customer(s)"
    const typo = await run(["drift", ".", "--customer", "driftcoo"]);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(
      /^error cli.usage: --customer driftcoo: not declared in the estate \(declared: driftco\)/,
    );
    expect(typo.stdout).not.toMatch(/No drift/);
  });
});

describe("cspctl import (built CLI)", { timeout: TEST_TIMEOUT_MS }, () => {
  it("writes the seeded customer; planning the written files reports no changes", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "cspctl-import-e2e-")), "customers");
    const imported = await run(["import", "--tenant", w.domain, "--out", out]);
    expect(statusOf(imported)).toEqual({ status: 0, stderr: "" });
    expect(readdirSync(out)).toEqual(["driftco.yaml"]);
    const written = readFileSync(join(out, "driftco.yaml"), "utf8");
    expect(
      scanForSecrets(
        [
          { source: "imported driftco.yaml", content: written },
          { source: "import stdout", content: imported.stdout },
        ],
        credentials(),
      ),
    ).toEqual([]);
    const plan = await run(["plan", out, "--detailed-exitcode"]);
    expect(statusOf(plan)).toEqual({ status: 0, stderr: expect.not.stringMatching(/error|\n\s+at /) });
    expect(plan.stdout).toMatch(/No changes/);
    const again = await run(["import", "--tenant", w.domain, "--out", out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/would overwrite .*driftco.yaml/);
    expect(readFileSync(join(out, "driftco.yaml"), "utf8")).toBe(written);
  });
});
