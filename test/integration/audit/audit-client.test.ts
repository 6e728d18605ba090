// cspctl's client reads the activity log over real HTTP: pages streamed to the end, a filter, a window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../client/types.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
beforeAll(async () => {
  w = await startDriftWorld();
  const path = `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
  for (const quantity of [3, 4, 5]) {
    const current = await w.pc("GET", path.slice(3));
    await w.emulator.control.portal({
      method: "PATCH",
      path,
      body: { ...current.body, quantity },
      by: "tech@partner.example",
    });
  }
});
afterAll(async () => {
  await w?.close();
});

async function all(iterable: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

describe("client.partnerCenter.auditRecords.list", () => {
  it("streams every page, newest first, with the user, application and values", async () => {
    const now = new Date((await w.emulator.control.clock()).now);
    const records = await all(w.client.partnerCenter.auditRecords.list({ start: now, end: now, pageSize: 2 }));
    const updates = records.filter((r) => r.operationType === "update_subscription");
    expect(updates.map((r) => r.newValue?.["quantity"])).toEqual([5, 4, 3]);
    expect(updates.map((r) => r.oldValue?.["quantity"])).toEqual([4, 3, 2]);
    expect(updates[0]).toMatchObject({
      customerId: w.tenantId,
      customerName: "Drift Co",
      user: "tech@partner.example",
      application: "Partner Center Web",
      resourceType: "subscription",
      status: "succeeded",
    });
    expect(records.length).toBe(updates.length + 2); // the seed's customer and order
  });

  it("filters by customer and by resource type", async () => {
    const byCustomer = await all(
      w.client.partnerCenter.auditRecords.list({ filter: { field: "CustomerId", value: w.tenantId } }),
    );
    expect(byCustomer.length).toBe(5);
    const orders = await all(
      w.client.partnerCenter.auditRecords.list({ filter: { field: "ResourceType", value: "order" } }),
    );
    expect(orders.map((r) => r.operationType)).toEqual(["create_order"]);
    const byName = await all(
      w.client.partnerCenter.auditRecords.list({ filter: { field: "CompanyName", value: "drift" } }),
    );
    expect(byName.length).toBe(5);
  });

  it("answers nothing for a window after the changes", async () => {
    const later = new Date(Date.parse((await w.emulator.control.clock()).now) + 86_400_000);
    await w.emulator.control.advanceClock("P2D");
    expect(await all(w.client.partnerCenter.auditRecords.list({ start: later }))).toEqual([]);
  });
});
