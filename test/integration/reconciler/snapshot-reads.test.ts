// Plans and drift reports from a snapshot against the emulator (docs/incremental-reads.md): the first
// read is full and writes the snapshot; the next one takes an unchanged customer from it with one
// activity-log read and one Graph delta query, and says so in the plan and the drift report (text and
// JSON); a change in the portal, --full, apply and a snapshot of another partner each read in full.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noLockBackend } from "../../../reconciler/lock/estate-lock.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { planEstate, type SnapshotUse } from "../../../reconciler/plan-estate.js";
import { reconcile } from "../../../reconciler/reconcile.js";
import { renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import { makeSnapshot, snapshotPath } from "../../../reconciler/snapshot/snapshot-file.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
let estate: DesiredEstate;
let use: SnapshotUse;

const now = async () => new Date((await w.emulator.control.clock()).now);

async function plan(options: Partial<SnapshotUse> = {}): Promise<Plan> {
  return (await planEstate(w.client, estate, { now, snapshot: { ...use, ...options } })).plan;
}

/** Two hours on: the last writes are behind the activity log's one-hour overlap. */
function later(): Promise<unknown> {
  return w.emulator.control.advanceClock("PT2H");
}

beforeAll(async () => {
  w = await startDriftWorld();
  await later(); // the seed's activity-log records are behind the first read's overlap
  estate = await w.estate();
  use = {
    file: snapshotPath(join(mkdtempSync(join(tmpdir(), "cspctl-snapshot-")), "state")),
    partnerTenantId: w.client.config.tenantId,
    graphUrl: w.client.config.graphUrl,
  };
});
afterAll(async () => {
  await w?.close();
});

describe("reads from a snapshot", () => {
  it("reads in full without a snapshot, then takes the unchanged customer from it with two requests", async () => {
    const first = await plan();
    expect(first.reads?.customers).toEqual([
      { customer: "driftco", mode: "full", reason: "no_snapshot", lastFullReadAt: expect.any(String) },
    ]);
    await later();
    await w.emulator.control.resetStats();
    const second = await plan();
    expect(second.reads?.customers).toEqual([
      {
        customer: "driftco",
        mode: "snapshot",
        reason: "unchanged",
        lastFullReadAt: first.reads!.customers[0]!.lastFullReadAt,
      },
    ]);
    const requests = Object.fromEntries(
      Object.entries((await w.emulator.control.stats()).requests).filter(
        ([route, n]) => n > 0 && !route.includes("$value"),
      ),
    );
    expect(requests).toEqual({
      "GET /v1/customers": 1,
      "GET /v1/auditrecords": 1,
      "GET /graph/v1.0/users/delta": 1,
    });
    expect(second.steps).toEqual(first.steps);
  });

  it("a change in the portal reads the customer in full and plans from what is there now", async () => {
    await later();
    const resize = await w.emulator.control.portal({
      method: "PATCH",
      path: `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`,
      body: { quantity: 4 },
    });
    expect(resize.status).toBe(200);
    const changed = await plan();
    expect(changed.reads?.customers[0]).toMatchObject({ mode: "full", reason: "activity_log" });
    expect(changed.steps.map((s) => `${s.action} ${s.address}`)).toContain("resize customer:driftco/subscription:bp");
  });

  it("a user changed in Graph is read again with the licences, the rest from the snapshot", async () => {
    await later();
    await plan(); // the customer's change above is now behind the snapshot
    const users = await w.graph("GET", "/users");
    const alice = (users.body.value as { id: string; userPrincipalName: string }[]).find((u) =>
      u.userPrincipalName.startsWith("alice@"),
    )!;
    expect((await w.graph("PATCH", `/users/${alice.id}`, { usageLocation: "GB" })).status).toBe(204);
    const after = await planEstate(w.client, estate, { now, snapshot: use });
    expect(after.plan.reads?.customers[0]).toMatchObject({ mode: "incremental" });
    expect(after.actual.customers[0]?.users?.find((u) => u.id === alice.id)?.usageLocation).toBe("GB");
  });

  it("--full reads in full and says why", async () => {
    expect((await plan({ full: true })).reads?.customers[0]).toMatchObject({ mode: "full", reason: "full_requested" });
  });

  it("apply marks the customers it writes, and the next read of them is full", async () => {
    await later();
    await reconcile({
      client: w.client,
      estate,
      now,
      snapshot: use,
      credentials: { record: () => undefined, count: 0 },
      lock: { backend: noLockBackend, timeoutMs: 0 },
      releaseOnSignals: false,
      allowDestructive: true,
    });
    const saved = JSON.parse(readFileSync(use.file, "utf8")) as { customers: Record<string, { stale?: boolean }> };
    expect(Object.values(saved.customers).map((c) => c.stale)).toEqual([true]);
    expect((await plan()).reads?.customers[0]).toMatchObject({ mode: "full", reason: "applied_since" });
  });

  it("a snapshot of another partner tenant is refused with a warning, and everything is read in full", async () => {
    const saved = JSON.parse(readFileSync(use.file, "utf8"));
    writeFileSync(use.file, JSON.stringify(makeSnapshot("another-partner", saved.customers)));
    const refused = await plan();
    expect(refused.warnings.map((x) => x.code)).toEqual(["snapshot.other_partner"]);
    expect(refused.reads?.customers[0]).toMatchObject({ mode: "full", reason: "no_snapshot" });
  });

  it("the drift report says how each customer was read, in JSON and in text", async () => {
    await later();
    await plan(); // apply's records (above) are now behind the snapshot's overlap
    await later();
    const report = await w.drift(estate, { snapshot: use, auditDays: 0 });
    expect(report.reads?.customers).toEqual([
      { customer: "driftco", mode: "snapshot", reason: "unchanged", lastFullReadAt: expect.any(String) },
    ]);
    const text = renderDriftReport(report, "text", { color: false });
    expect(text).toContain("Read: 0 customer(s) in full, 0 incrementally, 1 from the snapshot");
    expect(JSON.parse(renderDriftReport(report, "json", { color: false })).reads).toEqual(report.reads);
  });
});
