// The emulator's activity log: every kind of write (cspctl's client, a direct API call as another
// tool would make, the control API's portal change, a seed) appears in GET /v1/auditrecords with
// the fields Partner Center records; the date window, filters, paging and 90-day retention follow
// the emulator clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../../emulator/wire/audit.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
let token: string;
beforeAll(async () => {
  w = await startDriftWorld();
  token = await w.emulator.token({ audience: "partner-center", kind: "app" });
});
afterAll(async () => {
  await w?.close();
});

interface Page {
  status: number;
  items: AuditRecord[];
  body: { links?: { next?: { uri: string; headers: { key: string; value: string }[] } } };
}

async function records(query = ""): Promise<Page> {
  const result = await w.emulator.send(`/v1/auditrecords${query}`, { token });
  const body = result.body as Page["body"] & { items?: AuditRecord[] };
  return { status: result.status, items: body.items ?? [], body };
}

function quantityOf(json: string | undefined): number | undefined {
  return json === undefined ? undefined : (JSON.parse(json) as { Quantity?: number }).Quantity;
}

describe("GET /v1/auditrecords", () => {
  it("logs what the seed added as portal work: add_customer and create_order by the partner's user", async () => {
    const { status, items } = await records();
    expect(status).toBe(200);
    const added = items.find((r) => r.operationType === "add_customer" && r.customerId === w.tenantId);
    expect(added).toMatchObject({
      partnerId: w.emulator.env.CSPCTL_TENANT_ID,
      participants: [w.emulator.env.CSPCTL_TENANT_ID],
      customerName: "Drift Co",
      resourceType: "customer",
      applicationId: "Partner Center Web",
      operationStatus: "succeeded",
      customizedData: [
        { key: "PrimaryDomainName", value: w.domain },
        { key: "Relationship", value: "Reseller" },
      ],
    });
    const order = items.find((r) => r.operationType === "create_order" && r.customerId === w.tenantId);
    expect(order?.customizedData).toContainEqual({ key: "SubscriptionId-0", value: w.subscriptionId });
    expect(order?.customizedData).toContainEqual({ key: "Quantity-0", value: "2" });
  });

  it("records a write from cspctl's client with its application, the old and new value and the run's correlation id", async () => {
    await w.client.partnerCenter.subscriptions.update(w.tenantId, w.subscriptionId, { quantity: 3 });
    const [latest] = (await records()).items;
    expect(latest).toMatchObject({
      customerId: w.tenantId,
      customerName: "Drift Co",
      resourceType: "subscription",
      operationType: "update_subscription",
      operationStatus: "succeeded",
      applicationId: w.emulator.env.CSPCTL_CLIENT_ID,
    });
    expect(latest!.id).toMatch(
      new RegExp(`^${w.emulator.env.CSPCTL_TENANT_ID}_${w.tenantId}_${w.subscriptionId}_updatesubscription_\\d+$`),
    );
    expect(quantityOf(latest!.resourceOldValue)).toBe(2);
    expect(quantityOf(latest!.resourceNewValue)).toBe(3);
    expect(latest!.originalCorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(latest!.resourceNewValue!)).toHaveProperty("Attributes.ObjectType", "Subscription");
  });

  it("records a direct API call (app+user) with the partner user, the caller's MS-CorrelationId and the clock's date", async () => {
    const userToken = await w.emulator.token({ audience: "partner-center", kind: "user" });
    const path = `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
    const current = await w.emulator.send(path, { token: userToken });
    const correlationId = "0b0b0b0b-1111-4222-8333-444444444444";
    const clockBefore = Date.parse((await w.emulator.control.clock()).now);
    const patched = await w.emulator.send(path, {
      method: "PATCH",
      token: userToken,
      body: { ...(current.body as object), quantity: 4 },
      headers: { "ms-correlationid": correlationId },
    });
    expect(patched.status).toBe(200);
    const clockAfter = Date.parse((await w.emulator.control.clock()).now);
    const [latest] = (await records()).items;
    expect(latest).toMatchObject({
      operationType: "update_subscription",
      originalCorrelationId: correlationId,
      userPrincipalName: expect.stringMatching(/@/),
    });
    const at = Date.parse(latest!.operationDate);
    expect(at >= clockBefore && at <= clockAfter).toBe(true);
    expect(quantityOf(latest!.resourceOldValue)).toBe(3);
    expect(quantityOf(latest!.resourceNewValue)).toBe(4);
  });

  it("records a control API portal change by the person and application it names", async () => {
    const path = `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
    const current = await w.pc("GET", path.slice(3));
    const answer = await w.emulator.control.portal({
      method: "PATCH",
      path,
      body: { ...current.body, quantity: 7 },
      by: "tech@partner.example",
      via: "Partner Center",
    });
    expect(answer.status).toBe(200);
    const [latest] = (await records()).items;
    expect(latest).toMatchObject({
      userPrincipalName: "tech@partner.example",
      applicationId: "Partner Center",
      operationType: "update_subscription",
      operationStatus: "succeeded",
    });
    expect(latest).not.toHaveProperty("originalCorrelationId");
    expect(quantityOf(latest!.resourceNewValue)).toBe(7);
  });

  it("records a rejected write as failed, and a replayed write once", async () => {
    const path = `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
    const before = (await records()).items.length;
    const current = await w.pc("GET", path.slice(3));
    const rejected = await w.emulator.send(path, {
      method: "PATCH",
      token,
      body: { ...current.body, quantity: 0 },
      headers: { "ms-requestid": "11111111-2222-4333-8444-555555555555" },
    });
    expect(rejected.status).toBe(400);
    const replay = await w.emulator.send(path, {
      method: "PATCH",
      token,
      body: { ...current.body, quantity: 0 },
      headers: { "ms-requestid": "11111111-2222-4333-8444-555555555555" },
    });
    expect(replay.status).toBe(400);
    const { items } = await records();
    expect(items.length).toBe(before + 1);
    expect(items[0]).toMatchObject({ operationStatus: "failed", operationType: "update_subscription" });
    expect(items[0]).not.toHaveProperty("resourceNewValue");
  });

  it("records user writes without passwords, from Partner Center and Graph", async () => {
    const userToken = await w.emulator.token({ audience: "partner-center", kind: "user" });
    const created = await w.emulator.send(`/v1/customers/${w.tenantId}/users`, {
      method: "POST",
      token: userToken,
      body: {
        userPrincipalName: `carol@${w.domain}`,
        firstName: "Carol",
        lastName: "King",
        displayName: "Carol King",
        usageLocation: "US",
        passwordProfile: { password: "Secret-Passw0rd!", forceChangePassword: true },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const userId = (created.body as { id: string }).id;
    const graphChange = await w.graph("PATCH", `/users/${userId}`, { usageLocation: "GB" });
    expect(graphChange.status).toBeLessThan(300);
    const { items } = await records(
      `?filter=${encodeURIComponent(JSON.stringify({ Field: "ResourceType", Value: "customer_user", Operator: "equals" }))}`,
    );
    expect(items.map((r) => r.operationType)).toEqual(["update_customer_user", "create_customer_user"]);
    expect(JSON.stringify(items)).not.toContain("Secret-Passw0rd!");
    expect(JSON.parse(items[0]!.resourceOldValue!)).toHaveProperty("DisplayName", "Carol King");
    expect(JSON.parse(items[0]!.resourceNewValue!)).toHaveProperty("Id", userId);
  });

  it("filters by customer id, company name substring and operation status, case-insensitively", async () => {
    const filter = (f: object): string => `?filter=${encodeURIComponent(JSON.stringify(f))}`;
    const byId = await records(filter({ Field: "CustomerId", Value: w.tenantId.toUpperCase(), Operator: "equals" }));
    expect(byId.items.length).toBeGreaterThan(3);
    expect(byId.items.every((r) => r.customerId === w.tenantId)).toBe(true);
    const byName = await records(filter({ Field: "CompanyName", Value: "rift c", Operator: "substring" }));
    expect(byName.items.length).toBe(byId.items.length);
    const none = await records(filter({ Field: "CompanyName", Value: "fabrikam", Operator: "substring" }));
    expect(none.items).toEqual([]);
    const failed = await records(filter({ Field: "OperationStatus", Value: "failed", Operator: "equals" }));
    expect(failed.items.map((r) => r.operationStatus)).toEqual(["failed"]);
    const bad = await records(filter({ Field: "Colour", Value: "x", Operator: "equals" }));
    expect(bad.status).toBe(400);
  });

  it("pages newest first with a continuation token, neither skipping nor repeating when writes come between pages", async () => {
    const all = (await records()).items.map((r) => r.id);
    const first = await records("?size=2");
    expect(first.items.map((r) => r.id)).toEqual(all.slice(0, 2));
    const next = first.body.links!.next!;
    expect(next.headers[0]!.key).toBe("MS-ContinuationToken");
    await w.emulator.control.portal({
      method: "PATCH",
      path: `/graph/v1.0/users/alice@${w.domain}`,
      tenantId: w.tenantId,
      body: { usageLocation: "GB" },
    });
    const ids = first.items.map((r) => r.id);
    let continuation: string | undefined = next.headers[0]!.value;
    while (continuation !== undefined) {
      const page = await w.emulator.send("/v1/auditrecords?seekOperation=Next", {
        token,
        headers: { "ms-continuationtoken": continuation },
      });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const body = page.body as { items: AuditRecord[]; continuationToken?: string };
      ids.push(...body.items.map((r) => r.id));
      continuation = body.continuationToken;
    }
    expect(ids).toEqual(all);
  });

  it("answers a date window on the emulator clock; older than 90 days is refused, and records age out", async () => {
    const today = (await w.emulator.control.clock()).now.slice(0, 10);
    expect((await records(`?startDate=${today}&endDate=${today}`)).items.length).toBeGreaterThan(0);
    await w.emulator.control.advanceClock("P2D");
    expect((await records(`?startDate=${today}&endDate=${today}`)).items.length).toBeGreaterThan(0);
    const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    expect((await records(`?startDate=${tomorrow}`)).items).toEqual([]);
    const tooOld = new Date(Date.parse(today) - 89 * 86_400_000).toISOString().slice(0, 10);
    const refused = await records(`?startDate=${tooOld}`);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("90 days");
    await w.emulator.control.advanceClock("P31D");
    expect((await records()).items).toEqual([]);
    await w.emulator.control.advanceClock("P60D");
    const kept = await records(`?startDate=${new Date(Date.parse(today) + 3 * 86_400_000).toISOString().slice(0, 10)}`);
    expect(kept.status).toBe(200);
    expect(kept.items).toEqual([]);
  });
});
