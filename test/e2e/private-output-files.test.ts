// What the CLI writes for itself is private: `plan --out` and `drift --out` files are 0600
// whether or not they existed (an existing 0644 file is replaced), folders it creates are 0700 with a
// `.gitignore` of `*`, an existing folder is left as it is, and a saved plan holds `${env:NAME}`
// instead of the value — while a value changed between plan and apply is still detected.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../client/index.js";
import { runCli } from "../helpers/cli-child.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { writeGeneratedEstate } from "../helpers/generated-estate.js";

let emu: TestEmulator;
let work: string;
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: work, env: { ...(emu.env as Record<string, string>), ...env }, timeoutMs: 120_000 });

beforeAll(async () => {
  emu = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  work = mkdtempSync(join(tmpdir(), "cspctl-private-"));
  writeGeneratedEstate(join(work, "estate"), { customers: 1, tag: "priv", usersPerCustomer: 1 });
}, 60_000);
afterAll(async () => emu?.close());

describe("files and folders the CLI writes", { timeout: 300_000 }, () => {
  it("plan --out replaces an existing 0644 file with a 0600 one", async () => {
    const path = join(work, "plan.json");
    writeFileSync(path, "old", { mode: 0o644 });
    chmodSync(path, 0o644);
    const run = await cli(["plan", "estate", "--out", "plan.json"]);
    expect(run.status, run.stderr).toBe(0);
    expect(mode(path)).toBe("600");
    expect(JSON.parse(readFileSync(path, "utf8")).kind).toBe("cspctl-plan");
  });

  it("drift --out: existing files become 0600, a new folder is 0700 with a .gitignore of *, an existing folder keeps its mode", async () => {
    mkdirSync(join(work, "shared"), { mode: 0o755 });
    chmodSync(join(work, "shared"), 0o755);
    writeFileSync(join(work, "shared", "drift.md"), "old", { mode: 0o644 });
    chmodSync(join(work, "shared", "drift.md"), 0o644);
    const run = await cli([
      "drift",
      "estate",
      "--format",
      "markdown",
      "--out",
      "shared/drift.md",
      "--format",
      "json",
      "--out",
      "reports/new/drift.json",
    ]);
    expect([0, 2], run.stderr).toContain(run.status);
    expect(mode(join(work, "shared", "drift.md"))).toBe("600");
    expect(mode(join(work, "shared"))).toBe("755");
    expect(existsSync(join(work, "shared", ".gitignore"))).toBe(false);
    expect(mode(join(work, "reports", "new"))).toBe("700");
    expect(readFileSync(join(work, "reports", "new", ".gitignore"), "utf8")).toBe("*\n");
    expect(mode(join(work, "reports", "new", "drift.json"))).toBe("600");
  });

  it("a saved plan holds ${env:NAME}, applies with the value, and a value changed since is refused", async () => {
    const path = join(work, "estate", "c0priv.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("name: Chaos 0,", 'name: "${env:PRIV_COMPANY}",'));
    const planned = await cli(["plan", "estate", "--out", "env-plan.json"], { PRIV_COMPANY: "Private Name 51c2" });
    expect(planned.status, planned.stderr).toBe(0);
    const saved = readFileSync(join(work, "env-plan.json"), "utf8");
    expect(saved).not.toContain("Private Name 51c2");
    expect(saved).toContain("${env:PRIV_COMPANY}");
    expect(JSON.parse(saved).masked.length).toBeGreaterThan(0);

    const changed = await cli(
      ["apply", "--plan", "env-plan.json", "--yes", "--json", "--credentials-out", "creds.jsonl"],
      { PRIV_COMPANY: "Another Name" },
    );
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain("plan.estate_changed");

    const applied = await cli(
      ["apply", "--plan", "env-plan.json", "--yes", "--json", "--credentials-out", "creds.jsonl"],
      { PRIV_COMPANY: "Private Name 51c2" },
    );
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).not.toContain("Private Name 51c2");
    const client = createClient({ env: emu.env });
    try {
      const names: (string | undefined)[] = [];
      for await (const c of client.partnerCenter.customers.list()) names.push(c.companyName);
      expect(names).toContain("Private Name 51c2"); // Partner Center was sent the value, not the reference
    } finally {
      await client.close();
    }
    expect((await cli(["plan", "estate", "--detailed-exitcode"], { PRIV_COMPANY: "Private Name 51c2" })).status).toBe(
      0,
    );
  });
});
