// `cspctl apply` with the local lock (the default) against one emulator: refused at once while
// another process holds the customer (naming it, writing nothing), `plan` takes no lock, the lock of
// a run killed with -9 does not block the next one, SIGINT/SIGTERM during apply release it, and
// force-unlock frees a live holder's customers. The holders and the applies that are signalled or
// killed are real processes (the built CLI, test/helpers/hold-lock.mjs); the runs that meet their
// locks run the CLI in-process (test/helpers/cli-in-process.ts).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH } from "../helpers/cli-child.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { startLockHolder } from "../helpers/lock-holder.js";
import { customerYaml } from "../helpers/customer-yaml.js";

let emulator: TestEmulator;
let tenant: string;

beforeAll(async () => {
  // Orders take 10 minutes of emulator time: an apply that bought something waits, holding its lock, until killed.
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 600 } });
  tenant = emulator.env.CSPCTL_TENANT_ID!;
}, 60_000);
afterAll(async () => {
  await emulator?.close();
});

function world(name: string) {
  const root = mkdtempSync(join(tmpdir(), "cspctl-apply-lock-"));
  const estate = join(root, `${name}.yaml`);
  writeFileSync(estate, customerYaml(name));
  const stateDir = join(root, "state");
  const env = { ...emulator.env, CSPCTL_STATE_DIR: stateDir, CSPCTL_ORDER_WAIT_SECONDS: "1" };
  const apply = (extra: string[] = [], more: Record<string, string> = {}) =>
    runCliInProcess(["apply", estate, "--yes", "--credentials-out", join(root, "credentials.jsonl"), ...extra], {
      env: { ...env, ...more },
    });
  const lockDir = join(stateDir, "locks", tenant);
  const locks = (): string[] => (existsSync(lockDir) ? readdirSync(lockDir).filter((f) => !f.startsWith(".")) : []);
  return { root, estate, stateDir, env, apply, locks, domain: `${name}.onmicrosoft.com` };
}

async function customersNamed(domain: string): Promise<number> {
  const listed = await emulator.send("/v1/customers", {
    token: await emulator.token({ audience: "partner-center", kind: "app" }),
  });
  return ((listed.body as { items: { companyProfile: { domain: string } }[] }).items ?? []).filter(
    (c) => c.companyProfile.domain === domain,
  ).length;
}

/** Starts apply and resolves once it holds its lock (the lock's info file exists), with the running child. */
async function applyHoldingLock(w: ReturnType<typeof world>) {
  const child = spawn(
    process.execPath,
    [CLI_PATH, "apply", w.estate, "--yes", "--credentials-out", join(w.root, "credentials.jsonl")],
    {
      env: { ...process.env, ...w.env, CSPCTL_ORDER_WAIT_SECONDS: "120", CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => void (output += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => void (output += c.toString("utf8")));
  const exited = new Promise<{ signal: NodeJS.Signals | null; status: number | null }>((resolve) =>
    child.once("exit", (status, signal) => resolve({ status, signal })),
  );
  for (let waited = 0; !w.locks().includes(`${w.domain}.json`) || !/locked 1 customer/.test(output); waited += 100) {
    if (waited > 60_000) throw new Error(`apply never took its lock: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, exited, output: () => output };
}

describe("cspctl apply holds the estate lock", { timeout: 300_000 }, () => {
  it("refuses at once while another run holds the customer, naming the holder and writing nothing; plan takes no lock", async () => {
    const w = world("heldco");
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: w.stateDir, CSPCTL_LOCK: "local" }, tenant, [w.domain]);
    try {
      const refused = await w.apply();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("error lock.held");
      expect(refused.stderr).toContain(`pid ${holder.child.pid}`);
      expect(refused.stderr).toContain(`cspctl force-unlock ${holder.info.id}`);
      const json = await w.apply(["--json"]);
      expect(json.status).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "lock.held" } });
      expect(await customersNamed(w.domain)).toBe(0);

      const plan = await runCliInProcess(["plan", w.estate, "--detailed-exitcode"], { env: w.env });
      expect(plan.status).toBe(2);
    } finally {
      holder.child.kill("SIGKILL");
    }
  });

  it("a holder killed with -9 does not block the next apply", async () => {
    const w = world("deadholderco");
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: w.stateDir, CSPCTL_LOCK: "local" }, tenant, [w.domain]);
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(w.locks()).toContain(`${w.domain}.lock`);
    const after = await w.apply(["--json"]);
    expect(after.stderr).not.toContain("lock.held");
    expect(JSON.parse(after.stdout)).toMatchObject({ summary: { failed: 0 } });
    expect(await customersNamed(w.domain)).toBe(1);
    expect(w.locks()).toEqual([]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s during apply releases the lock before the process ends",
    async (signal) => {
      const w = world(`sig${signal.toLowerCase()}`);
      const run = await applyHoldingLock(w);
      run.child.kill(signal);
      expect((await run.exited).signal).toBe(signal);
      expect(w.locks()).toEqual([]);
    },
  );

  it("kill -9 during apply leaves a lock that the next apply is not refused by; nothing is bought twice", async () => {
    const w = world("killedco");
    const run = await applyHoldingLock(w);
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    expect(w.locks()).toContain(`${w.domain}.lock`);
    const rerun = await w.apply(["--json"]);
    expect(rerun.stderr).not.toContain("lock.held");
    expect(JSON.parse(rerun.stdout)).toMatchObject({ summary: { failed: 0 } });
    expect(await customersNamed(w.domain)).toBe(1);
  });

  it("cspctl force-unlock ID frees a live holder's customers for the next apply", async () => {
    const w = world("forcedco");
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: w.stateDir, CSPCTL_LOCK: "local" }, tenant, [w.domain]);
    try {
      const forced = await runCliInProcess(["force-unlock", holder.info.id], { env: w.env });
      expect(forced.status).toBe(0);
      expect(forced.stdout).toContain(`released lock ${holder.info.id} of 1 customer(s): ${w.domain}`);
      const again = await runCliInProcess(["force-unlock", holder.info.id], { env: w.env });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("lock.not_found");
      const bad = await runCliInProcess(["force-unlock", "not-a-guid"], { env: w.env });
      expect(bad.stderr).toContain("cli.usage");
      const after = await w.apply(["--json"]);
      expect(JSON.parse(after.stdout)).toMatchObject({ summary: { failed: 0 } });
    } finally {
      holder.child.kill("SIGKILL");
    }
  });

  it("--lock and --lock-timeout are checked before anything is read", async () => {
    const w = world("flagsco");
    const kind = await w.apply(["--lock", "redis"]);
    expect(kind.status).toBe(1);
    // commander checks the choice (cli/flags.ts) before the lock is configured
    expect(kind.stderr).toContain("cli.usage");
    expect(kind.stderr).toContain("Allowed choices are local, azure-blob, none");
    const timeout = await w.apply(["--lock-timeout", "soon"]);
    expect(timeout.stderr).toContain("lock.config_invalid");
    expect(timeout.stderr).toContain("--lock-timeout soon");
    expect(await customersNamed(w.domain)).toBe(0);
  });
});
