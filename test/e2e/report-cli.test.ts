// `cspctl report --out DIR` (in-process) against an emulator in this process: exit 0, the overview
// and the customer page written under DIR and nowhere else, and a missing --out is a usage error.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import { startDriftWorld, type DriftWorld } from "../integration/drift/drift-world.js";

let w: DriftWorld;
let dir: string;
beforeAll(async () => {
  w = await startDriftWorld();
  dir = mkdtempSync(join(tmpdir(), "cspctl-report-e2e-"));
  writeFileSync(join(dir, "driftco.yaml"), w.yaml());
});
afterAll(async () => {
  await w?.close();
});

describe("cspctl report", { timeout: 120_000 }, () => {
  it("writes index.html and customers/driftco.html under --out", async () => {
    const result = await runCliInProcess(["report", "driftco.yaml", "--out", "site"], {
      cwd: dir,
      env: w.emulator.env,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("wrote 2 page(s)");
    expect(readdirSync(join(dir, "site"), { recursive: true }).sort()).toEqual([
      "customers",
      join("customers", "driftco.html"),
      "index.html",
    ]);
    expect(readFileSync(join(dir, "site", "index.html"), "utf8")).toContain('href="customers/driftco.html"');
  });

  it("refuses to run without --out", async () => {
    const result = await runCliInProcess(["report", "driftco.yaml"], { cwd: dir, env: w.emulator.env });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("--out");
  });
});
