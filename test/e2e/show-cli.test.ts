// `cspctl show` (in-process) against an emulator running in this process (CSPCTL_* variables):
// a tab as JSON, the HTML page, the estate table, and a usage error that exits 1 with its code.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, type InProcessRun } from "../helpers/cli-in-process.js";
import { startDriftWorld, type DriftWorld } from "../integration/drift/drift-world.js";

let w: DriftWorld;
let dir: string;
beforeAll(async () => {
  w = await startDriftWorld();
  dir = mkdtempSync(join(tmpdir(), "cspctl-show-e2e-"));
  writeFileSync(join(dir, "driftco.yaml"), w.yaml());
});
afterAll(async () => {
  await w?.close();
});

const show = (args: string[]): Promise<InProcessRun> =>
  runCliInProcess(["show", ...args], { cwd: dir, env: w.emulator.env });

describe("cspctl show", { timeout: 120_000 }, () => {
  it("prints a customer's subscriptions tab as JSON with the estate's names", async () => {
    const result = await show(["customer", "driftco", ".", "--tab", "subscriptions", "--format", "json"]);
    expect(result.status, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view.customer).toMatchObject({ name: "driftco", id: w.tenantId });
    expect(view.tabs.subscriptions).toEqual([expect.objectContaining({ name: "bp", quantity: 2 })]);
  });

  it("writes a self-contained HTML page of every tab", async () => {
    const result = await show(["customer", "driftco", ".", "--format", "html"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^<!DOCTYPE html>/);
    for (const title of ["Subscriptions", "Products (licences)", "Users", "Orders", "Profile", "Audit log", "Invoices"])
      expect(result.stdout).toContain(`<h2>${title}`);
  });

  it("lists the estate with seats, monthly cost (the emulator's US price sheet) and drift status", async () => {
    const result = await show(["estate", "."]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/driftco\s+driftco\.onmicrosoft\.com\s+2\s+2\s+0\s+\d+\.\d\d\s+none/);
  });

  it("exits 1 with cli.usage on an unknown tab", async () => {
    const result = await show(["customer", "driftco", ".", "--tab", "billing"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cli.usage");
    expect(result.stderr).toContain("no such tab");
  });
});
