// `cspctl apply` at the prompt, in a real pseudo-terminal (util-linux `script`): a change made in
// Partner Center while the operator reads the plan makes the confirmed plan stale, so nothing is
// written; an unchanged state applies as confirmed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDriftWorld, type DriftWorld } from "../integration/drift/drift-world.js";
import { CLI_PATH, STACK_FRAME } from "../helpers/cli-child.js";

const PROMPT = "Only 'yes' is accepted";

let w: DriftWorld;
let work: string;

beforeAll(async () => {
  w = await startDriftWorld();
  work = mkdtempSync(join(tmpdir(), "cspctl-confirm-"));
  // the seeded bp subscription has 2 seats; the estate asks for 3: one resize step
  writeFileSync(join(work, "estate.yaml"), w.yaml().replace("quantity: 2", "quantity: 3"));
}, 60_000);

afterAll(async () => {
  await w?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const subscriptionPath = (): string => `/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;

async function quantity(): Promise<number> {
  return (await w.pc("GET", subscriptionPath())).body.quantity as number;
}

async function setQuantity(seats: number): Promise<void> {
  const current = await w.pc("GET", subscriptionPath());
  expect((await w.pc("PATCH", subscriptionPath(), { ...current.body, quantity: seats })).status).toBe(200);
}

/** Runs apply in a pseudo-terminal; at the prompt, runs `whileAsked`, then answers yes. */
function applyAtPrompt(whileAsked: () => Promise<void>): Promise<{ status: number | null; output: string }> {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} apply estate.yaml`;
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd: work,
    env: { ...process.env, ...w.emulator.env, CSPCTL_STATE_DIR: join(work, ".cspctl"), NO_COLOR: "1", CI: "true" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let asked = false;
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (!asked && output.includes(PROMPT)) {
        asked = true;
        whileAsked().then(() => child.stdin!.write("yes\n"), reject);
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe("apply asks, then checks again before writing", { timeout: 120_000 }, () => {
  it("refuses the confirmed plan (plan.stale, nothing written) when Partner Center changed while it asked", async () => {
    const run = await applyAtPrompt(() => setQuantity(5));
    expect(run.output).toContain(PROMPT);
    expect(run.output).toContain("plan.stale");
    expect(run.output).not.toMatch(STACK_FRAME);
    expect(run.status).toBe(1);
    // the out-of-band 5 stands: the confirmed resize to 3 was never sent
    expect(await quantity()).toBe(5);
  });

  it("applies what was confirmed when nothing changed meanwhile", async () => {
    await setQuantity(2);
    const run = await applyAtPrompt(async () => undefined);
    expect(run.output).toContain(PROMPT);
    expect(run.output).not.toContain("plan.stale");
    expect(run.status, run.output).toBe(0);
    expect(await quantity()).toBe(3);
  });
});
