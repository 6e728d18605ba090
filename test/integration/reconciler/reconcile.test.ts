// reconcile() against the emulator: the lock makes two runs on the same customers take turns (the
// second plans again from what the first did, so nothing is bought twice), runs on other customers
// are not held up, a held lock stops a run before any write, a lost lock stops the remaining steps,
// an approved plan that went stale is refused, and generated secrets need somewhere to go.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import type { CredentialRecord, CredentialSink } from "../../../reconciler/apply/credentials.js";
import { acquireEstateLock, noLockBackend, type LockBackend } from "../../../reconciler/lock/estate-lock.js";
import { localLockBackend } from "../../../reconciler/lock/local-lock.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { reconcile } from "../../../reconciler/reconcile.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { customerYaml } from "../../helpers/customer-yaml.js";

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

function memorySink(): CredentialSink & { records: CredentialRecord[] } {
  const records: CredentialRecord[] = [];
  return {
    records,
    record: (c) => void records.push(c),
    get count() {
      return records.length;
    },
  };
}

const localLock = (stateDir: string, timeoutMs = 0): { backend: LockBackend; timeoutMs: number } => ({
  backend: localLockBackend({ stateDir }),
  timeoutMs,
});

async function subscriptionsOf(domain: string): Promise<number> {
  const estate = await estateFromYaml(customerYaml(domain.split(".")[0]!));
  const actual = (await planEstate(client, estate)).actual;
  return actual.customers.find((c) => c.domain === domain)?.subscriptions?.length ?? 0;
}

describe("reconcile()", { timeout: 120_000 }, () => {
  it("two runs at once on the same new customer take turns: one creates, the other re-plans under the lock and writes nothing", async () => {
    const estate = await estateFromYaml(customerYaml("twin"));
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-reconcile-"));
    const runs = await Promise.all(
      [0, 1].map(() =>
        reconcile({
          client,
          estate,
          credentials: memorySink(),
          lock: localLock(stateDir, 60_000),
          releaseOnSignals: false,
        }),
      ),
    );
    // both saw the same plan before the lock; only the run that took the lock first applied it
    for (const run of runs) expect(run.plan.steps.filter((s) => s.action === "create-subscription")).toHaveLength(2);
    const applied = runs.flatMap((r) => r.report?.outcomes ?? []).filter((o) => o.outcome === "applied");
    expect(applied.filter((o) => o.action === "create-customer")).toHaveLength(1);
    expect(applied.filter((o) => o.action === "create-subscription")).toHaveLength(2);
    expect(runs.flatMap((r) => r.report?.outcomes ?? []).filter((o) => o.outcome !== "applied")).toEqual([]);
    expect(await subscriptionsOf("twin.onmicrosoft.com")).toBe(2);
  });

  it("a customer locked by another run stops the run before any write, naming the holder; other customers go on", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-reconcile-"));
    const holder = await acquireEstateLock({
      backend: localLockBackend({ stateDir }),
      partnerTenant: emulator.env.CSPCTL_TENANT_ID!,
      customers: ["held.onmicrosoft.com"],
      operation: "apply",
      runId: "other-run",
      timeoutMs: 0,
    });
    try {
      await emulator.control.resetStats();
      const held = await reconcile({
        client,
        estate: await estateFromYaml(customerYaml("held")),
        credentials: memorySink(),
        lock: localLock(stateDir),
        releaseOnSignals: false,
      }).catch((e: unknown) => e);
      expect(held).toMatchObject({ code: "lock.held", message: expect.stringContaining("run other-run") });
      expect((await emulator.control.stats()).writes).toBe(0);
      const free = await reconcile({
        client,
        estate: await estateFromYaml(customerYaml("free")),
        credentials: memorySink(),
        lock: localLock(stateDir),
        releaseOnSignals: false,
      });
      expect(free.report?.summary.applied).toBe(5);
    } finally {
      await holder.release();
    }
  });

  it("a lock lost during the run fails the next step with lock.lost and starts nothing after it", async () => {
    let lost = false;
    const losing: LockBackend = {
      ...noLockBackend,
      name: "losing",
      tryAcquire: async () => ({
        held: { release: async () => undefined, lost: () => (lost ? "broken by force-unlock" : undefined) },
      }),
    };
    const { report } = await reconcile({
      client,
      estate: await estateFromYaml(customerYaml("lost")),
      credentials: memorySink(),
      lock: { backend: losing, timeoutMs: 0 },
      releaseOnSignals: false,
      onStep: () => void (lost = true),
    });
    expect(report!.outcomes.map((o) => [o.action, o.outcome, o.error?.code])).toEqual([
      ["create-customer", "applied", undefined],
      ["create-subscription", "failed", "lock.lost"],
      ["create-subscription", "not-started", undefined],
      ["create-user", "not-started", undefined],
      ["assign", "not-started", undefined],
    ]);
  });

  it("an approved (saved) plan is refused with plan.stale when Partner Center changed before the lock was taken", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-reconcile-"));
    const before = await estateFromYaml(customerYaml("stale"));
    await reconcile({
      client,
      estate: before,
      credentials: memorySink(),
      lock: localLock(stateDir),
      releaseOnSignals: false,
    });
    const grown = await estateFromYaml(customerYaml("stale", 5));
    const saved = (await planEstate(client, grown)).plan;
    // meanwhile another run grows it to 4
    await reconcile({
      client,
      estate: await estateFromYaml(customerYaml("stale", 4)),
      credentials: memorySink(),
      lock: localLock(stateDir),
      releaseOnSignals: false,
    });
    await emulator.control.resetStats();
    await expect(
      reconcile({
        client,
        estate: grown,
        planned: { kind: "saved", plan: saved },
        credentials: memorySink(),
        lock: localLock(stateDir),
        releaseOnSignals: false,
      }),
    ).rejects.toMatchObject({ code: "plan.stale" });
    expect((await emulator.control.stats()).writes).toBe(0);
  });

  it("apply --plan FILE takes the lock before its re-check: a held customer stops a saved plan with lock.held, not a stale or applied plan", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-reconcile-"));
    const estate = await estateFromYaml(customerYaml("savedheld"));
    const saved = (await planEstate(client, estate)).plan;
    const holder = await acquireEstateLock({
      backend: localLockBackend({ stateDir }),
      partnerTenant: emulator.env.CSPCTL_TENANT_ID!,
      customers: ["savedheld.onmicrosoft.com"],
      operation: "apply",
      runId: "other-run",
      timeoutMs: 0,
    });
    try {
      await emulator.control.resetStats();
      await expect(
        reconcile({
          client,
          estate,
          planned: { kind: "saved", plan: saved },
          credentials: memorySink(),
          lock: localLock(stateDir),
          releaseOnSignals: false,
        }),
      ).rejects.toMatchObject({ code: "lock.held" });
      expect((await emulator.control.stats()).writes).toBe(0);
    } finally {
      await holder.release();
    }
  });

  it("a plan that generates passwords or admin credentials is refused without a sink, before the lock and any write", async () => {
    await emulator.control.resetStats();
    let locked = false;
    const error = await reconcile({
      client,
      estate: await estateFromYaml(customerYaml("nosink")),
      credentials: undefined,
      lock: { backend: noLockBackend, timeoutMs: 0 },
      releaseOnSignals: false,
      onLocked: () => void (locked = true),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "apply.credentials_out_required",
      hint: expect.stringContaining("--credentials-out"),
    });
    expect(locked).toBe(false);
    expect((await emulator.control.stats()).writes).toBe(0);
  });

  it("nothing to change: no lock is taken, nothing is written, and the report says the estate converged", async () => {
    const estate = await estateFromYaml(customerYaml("twin"));
    let locked = false;
    const result = await reconcile({
      client,
      estate,
      credentials: undefined,
      lock: { backend: noLockBackend, timeoutMs: 0 },
      releaseOnSignals: false,
      onLocked: () => void (locked = true),
    });
    expect(result.wrote).toBe(false);
    expect(result.report.outcomes.filter((o) => o.outcome === "applied")).toEqual([]);
    expect(result.report.convergence.status).toBe("converged");
    expect(locked).toBe(false);
  });
});
