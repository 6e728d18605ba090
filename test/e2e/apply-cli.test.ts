// The built CLI against an in-process emulator persisted in a temp dir (`--emulator-dir DIR`).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCliSync } from "../helpers/build-lock.js";
import { startEmulator } from "../helpers/emulator.js";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");

function estateDir(customers: number): string {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-e2e-estate-"));
  for (let i = 0; i < customers; i++) {
    const name = `shop${i}`;
    writeFileSync(
      join(dir, `${name}.yaml`),
      `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: Shop ${i}, domain: ${name}e2e.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 3 }
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1M, billing: monthly, quantity: 2 }
  users:
    - { userPrincipalName: ann@${name}e2e.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }, { subscription: exo }] }
    - { userPrincipalName: bo@${name}e2e.onmicrosoft.com, firstName: Bo, lastName: Ng, usageLocation: US, licenses: [{ subscription: bp }] }
`,
    );
  }
  return dir;
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv = { ...process.env, CI: "true" },
): { status: number | null; stdout: string; stderr: string } {
  return runBuiltCliSync(cli, args, { env, timeoutMs: 120_000, lockSeconds: 100 });
}

interface PlanJson {
  steps: { action: string }[];
  findings: { kind: string; address: string }[];
}

describe("cspctl plan / apply --emulator", { timeout: 180_000 }, () => {
  it("examples/estate: apply from empty, plan --detailed-exitcode exits 0, a second apply applies nothing", () => {
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    const credentials = join(data, "credentials.jsonl");
    // no terminal to confirm in, and nowhere for the generated passwords: refused before any write, no stack trace
    const unconfirmed = run(["apply", "examples/estate", "--emulator-dir", data, "--credentials-out", credentials]);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain("cli.confirmation_required");
    expect(unconfirmed.stderr).not.toMatch(/\n\s+at /);
    const noSink = run(["apply", "examples/estate", "--emulator-dir", data, "--yes"]);
    expect(noSink.status).toBe(1);
    expect(noSink.stderr).toContain("apply.credentials_out_required");
    expect(noSink.stderr).toContain("--credentials-out FILE");
    // the link customers' admins have not accepted their invitations yet: no error, not converged (exit 2)
    const first = run(["apply", "examples/estate", "--emulator-dir", data, "--yes", "--credentials-out", credentials]);
    expect(first.status, first.stdout + first.stderr).toBe(2);
    expect(first.stdout).toMatch(
      /Not converged: \d+ object\(s\) are not yet as the estate declares:\n {2}customer:adatum send-invitation: waiting/,
    );
    expect(first.stdout).toContain("invitation link for the customer's global admin: https://admin.microsoft.com/");
    const plan = run(["plan", "examples/estate", "--emulator-dir", data, "--detailed-exitcode"]);
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
    // link customers wait for their admin, with the link shown in the plan
    expect(plan.stdout).toMatch(/send-invitation customer:adatum .*\[waiting\]/);
    const second = run([
      "apply",
      "examples/estate",
      "--emulator-dir",
      data,
      "--yes",
      "--json",
      "--credentials-out",
      credentials,
    ]);
    expect(second.status, second.stdout + second.stderr).toBe(2);
    const secondReport = JSON.parse(second.stdout) as {
      summary: Record<string, number>;
      convergence: { status: string; objects: { kind: string }[] };
    };
    expect(secondReport.summary).toMatchObject({ applied: 0, failed: 0, pending: 0, "not-started": 0 });
    expect(secondReport.convergence.status).toBe("not-converged");
    expect(new Set(secondReport.convergence.objects.map((o) => o.kind))).toEqual(new Set(["waiting"]));
    // no drift right after an apply: the admin each new tenant comes with is the tenant's, not unmanaged
    const drift = run(["drift", "examples/estate", "--emulator-dir", data, "--format", "json"]);
    expect(drift.status, drift.stdout + drift.stderr).toBe(0);
    expect(JSON.parse(drift.stdout).findings.filter((f: { category: string }) => f.category === "unmanaged")).toEqual(
      [],
    );
  });

  it("npm start's demo: validate, plan, apply, plan again with no changes, drift, and a blocked decrease after the window", () => {
    const demo = run(["demo", "examples/estate"]);
    expect(demo.status, demo.stderr).toBe(0);
    const sections = demo.stdout.split("\n== ").slice(1);
    const section = (prefix: string): string => sections.find((s) => s.startsWith(prefix)) ?? "";
    expect(section("1. Validate")).toMatch(/valid: 7 customers/);
    expect(section("2. Plan")).toMatch(/Plan: 1 to invite, \d+ to create/);
    expect(section("3. Apply")).toMatch(/Applied \d+, failed 0/);
    expect(section("4. The link customers' admins")).toContain("accepted by adatum.onmicrosoft.com");
    expect(section("   Apply again")).toMatch(/Applied \d+, failed 0/);
    expect(section("5. Plan again")).toContain("No changes to apply.");
    // only the observe-mode customer's steps are listed, marked as such
    expect(
      section("5. Plan again")
        .split("\n")
        .filter((line) => /^\s+[+~!-] /.test(line) && !line.endsWith("[observe]")),
    ).toEqual([]);
    expect(section("7. Plan shows the drift")).toMatch(/~ resize .*\(quantity_decrease\)\n/);
    expect(section("8. Eight days later")).toContain("plan.decrease_outside_window");
    expect(section("8. Eight days later")).toContain("Plan: 1 blocked.");
    // generated passwords went to the credentials file, never to the output
    expect(demo.stdout).not.toMatch(/"password":/);
  });

  it("a password Entra would refuse: its user is blocked at plan, apply applies the rest and exits 2, and the password is never printed", () => {
    const dir = mkdtempSync(join(tmpdir(), "cspctl-e2e-estate-"));
    writeFileSync(
      join(dir, "weak.yaml"),
      `apiVersion: cspctl/v1
kind: Customer
metadata: { name: weak }
spec:
  company: { name: Weak, domain: weake2e.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@weak.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1M, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: ann@weake2e.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, password: "\${env:WEAK_PW}", licenses: [{ subscription: exo }] }
`,
    );
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    const weak = "tooweakpw"; // no upper case, digit or symbol: Entra's policy refuses it (R-USR-1)
    const result = run(
      ["apply", dir, "--emulator-dir", data, "--yes", "--json", "--credentials-out", join(data, "credentials.jsonl")],
      { ...process.env, CI: "true", WEAK_PW: weak },
    );
    expect(result.status, result.stderr).toBe(2);
    const report = JSON.parse(result.stdout) as {
      outcomes: { action: string; outcome: string; error?: { code: string } }[];
      summary: Record<string, number>;
    };
    expect(report.outcomes.map((o) => `${o.action}:${o.outcome}`)).toEqual([
      "create-customer:applied",
      "create-subscription:applied",
      "create-user:skipped",
      "assign:skipped",
    ]);
    expect(report.summary).toMatchObject({ applied: 2, failed: 0, skipped: 2 });
    expect(result.stdout + result.stderr).not.toContain(weak);
    const human = run(["plan", dir, "--emulator-dir", data, "--detailed-exitcode"], {
      ...process.env,
      CI: "true",
      WEAK_PW: weak,
    });
    expect(human.status, human.stderr).toBe(2);
    expect(human.stdout).toMatch(/create-user customer:weak\/user:ann@weake2e\.onmicrosoft\.com/);
    expect(human.stdout).toContain("plan.password_policy");
    expect(human.stdout + human.stderr).not.toContain(weak);
  });

  it("an unreadable Partner Center is exit 1 (plan.unknown_state), never 'No changes'; --log-level debug never logs a secret", async () => {
    const estate = estateDir(1);
    const server = spawn(process.execPath, [cli, "emulator"], { stdio: ["ignore", "pipe", "ignore"] });
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    try {
      const first = await new Promise<string>((resolve) => {
        let text = "";
        server.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("\n")) resolve(text.split("\n")[0]!);
        });
      });
      const emulatorEnv = (JSON.parse(first) as { env: Record<string, string> }).env;
      const env = { ...process.env, CI: "true", ...emulatorEnv };
      const debug = run(["plan", estate, "--detailed-exitcode", "--log-level", "debug"], env);
      expect(debug.status, debug.stderr).toBe(2);
      expect(debug.stderr).toContain('"event":"http.request"');
      for (const secret of [emulatorEnv.CSPCTL_CLIENT_SECRET!, emulatorEnv.CSPCTL_REFRESH_TOKEN!])
        expect(debug.stderr + debug.stdout).not.toContain(secret);

      const refused = run(["plan", estate, "--detailed-exitcode"], { ...env, CSPCTL_CLIENT_SECRET: "wrong-secret" });
      expect(refused.status).toBe(1);
      expect(refused.stdout).not.toContain("No changes. Partner Center matches the estate.");
      expect(refused.stderr).toContain("plan.unknown_state");
      const applyRefused = run(["apply", estate, "--yes", "--json"], { ...env, CSPCTL_CLIENT_SECRET: "wrong-secret" });
      expect(applyRefused.status).toBe(1);
      expect(JSON.parse(applyRefused.stdout).error.code).toBe("plan.unknown_state");
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
  });

  // The kill lands right after the k-th "applied" or "pending" progress line (deterministic).
  // Orders take an hour of emulator time to provision and apply waits only 0.3 s for them, so
  // purchases are checked out and still pending when the process dies and when the next run reads
  // Partner Center; the test then moves the emulator's clock on instead of waiting.
  it("converges without a duplicate purchase after apply is killed mid-run", async () => {
    const estate = estateDir(4);
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    const env = {
      ...process.env,
      CI: "true",
      CSPCTL_EMULATOR_PROVISIONING_DELAY: "3600",
      CSPCTL_ORDER_WAIT_SECONDS: "0.3",
    };
    const credentials = join(data, "credentials.jsonl");
    for (const k of [3, 9]) {
      const child = spawn(
        process.execPath,
        [cli, "apply", estate, "--emulator-dir", data, "--yes", "--credentials-out", credentials],
        { stdio: ["ignore", "ignore", "pipe"], env },
      );
      // Registered at spawn, so a child that ends before the kill can never leave the test waiting.
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      let applied = 0;
      let buffered = "";
      child.stderr.on("data", (chunk: Buffer) => {
        buffered += chunk.toString("utf8");
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        applied += lines.filter((line) => / (applied|pending) /.test(line)).length; // a purchase still provisioning is "pending"
        if (applied >= k) child.kill("SIGKILL");
      });
      await exited;
    }
    const planJson = (): PlanJson => {
      const result = run(["plan", estate, "--emulator-dir", data, "--json"], env);
      expect(result.status, result.stderr + result.stdout).toBe(0);
      return JSON.parse(result.stdout) as PlanJson;
    };
    // the killed runs left orders pending: the planner sees them, and never plans to buy them again
    const afterKill = planJson();
    expect(afterKill.findings.filter((f) => f.kind === "pending").length).toBeGreaterThan(0);
    // orders the killed runs left provisioning are pending: no error, not converged (exit 2)
    const rerun = run(["apply", estate, "--emulator-dir", data, "--yes", "--credentials-out", credentials], env);
    expect(rerun.status, rerun.stdout + rerun.stderr).toBe(2);
    expect(rerun.stdout).toMatch(/Not converged: .*\n( {2}customer:shop\d\/.*\n)+/);
    // once the orders have provisioned (two hours on), one more apply assigns their seats and everything converges
    const emulator = await startEmulator({ dataDir: data });
    await emulator.control.advanceClock("PT2H").finally(() => emulator.close());
    expect(run(["apply", estate, "--emulator-dir", data, "--yes", "--credentials-out", credentials], env).status).toBe(
      0,
    );
    const plan = planJson();
    expect(plan.steps).toEqual([]);
    expect(plan.findings.filter((f) => f.kind === "pending")).toEqual([]);
    // a second purchase of a declared offer would show up as an undeclared subscription
    expect(plan.findings.filter((f) => f.kind === "unmanaged" && f.address.includes("/subscription:"))).toEqual([]);
  });
});
