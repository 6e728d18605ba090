// Contract: the emulator's activity log, orders by billing type and activation links have the shape
// of Microsoft's documented samples (test/fixtures/partner-center/samples-2/, sources in SOURCES.md
// there), and every write route of the emulator is listed in its audit table.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_OPERATIONS } from "../../emulator/audit/audit-operations.js";
import { MemoryStore } from "../../emulator/store/memory-store.js";
import { buildRoutes } from "../../emulator/routes.js";
import { CUSTOMER, IDS, startContractEmulator, type ContractContext } from "./contract-context.js";
import { shapeDifferences, type Allowances } from "./shape.js";
import { typecheckSamples } from "./typecheck-samples.js";

const SAMPLES_2 = new URL("../fixtures/partner-center/samples-2/", import.meta.url);
const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(name, SAMPLES_2), "utf8"));
const C = `/v1/customers/${CUSTOMER}`;

let ctx: ContractContext;
let orderId = "";
beforeAll(async () => {
  ctx = await startContractEmulator();
  // One write of each family the samples show: an order (cart checkout) and a licence update.
  const availabilities = (await ctx.call("/v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US")) as {
    items: { catalogItemId: string }[];
  };
  const cart = (await ctx.call(`${C}/carts`, {
    method: "POST",
    body: {
      lineItems: [
        {
          id: 0,
          catalogItemId: availabilities.items[0]!.catalogItemId,
          quantity: 2,
          billingCycle: "monthly",
          termDuration: "P1Y",
        },
      ],
    },
  })) as { id: string };
  const checkout = (await ctx.call(`${C}/carts/${cart.id}/checkout`, {
    method: "POST",
    headers: { "ms-correlationid": "96514ebe-c1b2-4865-8b46-2c2d20a2e911" },
  })) as {
    orders: { id: string }[];
  };
  orderId = checkout.orders[0]!.id;
  await ctx.call(`${C}/users/${IDS.unlicensed}/licenseupdates`, {
    method: "POST",
    body: { licensesToAssign: [{ skuId: "3b555118-da6a-4418-894f-7df1e2096870", excludedPlans: [] }] },
  });
});
afterAll(async () => ctx.emulator.close());

const AUDIT_ALLOW: Allowances = {
  extra: {
    "items[].id": "present in Partner Center's records (auditrecords.list.by-date sample)",
    "items[].participants": "as above",
    "items[].originalCorrelationId": "as above",
    "items[].resourceOldValue":
      "update records carry the resource before the change (Partner Center docs: auditing-resources)",
  },
};

describe("audit records against Microsoft's samples", () => {
  it("auditrecords.list.response.json ← GET /v1/auditrecords with a CustomerId filter", async () => {
    const filter = encodeURIComponent(JSON.stringify({ Field: "CustomerId", Value: CUSTOMER, Operator: "equals" }));
    const answer = await ctx.call(`/v1/auditrecords?size=500&filter=${filter}`);
    expect(shapeDifferences(sample("auditrecords.list.response.json"), answer, AUDIT_ALLOW)).toEqual([]);
  });

  it("auditrecords.list.by-date.response.json ← GET /v1/auditrecords?startDate&endDate (app-only)", async () => {
    const today = (await ctx.emulator.control.clock()).now.slice(0, 10);
    const result = await ctx.emulator.send(`/v1/auditrecords?startDate=${today}&endDate=${today}&size=50`, {
      token: ctx.app,
    });
    expect(result.status).toBe(200);
    const allow: Allowances = {
      extra: { "items[].resourceOldValue": AUDIT_ALLOW.extra!["items[].resourceOldValue"]! },
    };
    expect(shapeDifferences(sample("auditrecords.list.by-date.response.json"), result.body, allow)).toEqual([]);
  });

  it("the records hold the documented customizedData keys of an order and a licence update", async () => {
    const body = (await ctx.call("/v1/auditrecords")) as {
      items: { operationType: string; customizedData: { key: string }[] }[];
    };
    const keys = (type: string): string[] =>
      body.items.find((r) => r.operationType === type)?.customizedData.map((d) => d.key) ?? [];
    const documented = (name: string, type: string): string[] =>
      (sample(name) as { items: { operationType: string; customizedData: { key: string }[] }[] }).items
        .find((r) => r.operationType === type)!
        .customizedData.map((d) => d.key);
    expect(keys("create_order")).toEqual(documented("auditrecords.list.by-date.response.json", "create_order"));
    expect(keys("add_customer")).toEqual(documented("auditrecords.list.by-date.response.json", "add_customer"));
    expect(keys("update_customer_user_licenses")).toEqual(
      documented("auditrecords.list.response.json", "update_customer_user_licenses"),
    );
  });

  it("every write route of the emulator is in the audit table, audited or saying why not", () => {
    const writes = buildRoutes(new MemoryStore())
      .filter((route) => route.write)
      .map((route) => `${route.face} ${route.method} ${route.template}`);
    expect(writes.filter((key) => AUDIT_OPERATIONS[key] === undefined)).toEqual([]);
    expect(Object.keys(AUDIT_OPERATIONS).filter((key) => !writes.includes(key))).toEqual([]);
  });
});

describe("customer tabs against Microsoft's samples", () => {
  it("orders.list-by-billingtype.response.json ← GET /v1/customers/{id}/orders?billingType=monthly", async () => {
    const answer = (await ctx.call(`${C}/orders?billingType=monthly`)) as { items: { billingCycle: string }[] };
    expect(answer.items.length).toBeGreaterThan(0);
    expect(answer.items.every((order) => order.billingCycle === "monthly")).toBe(true);
    expect(
      shapeDifferences(sample("orders.list-by-billingtype.response.json"), answer, {
        extra: {
          "items[].alternateId": "NCE order fields (order.get sample)",
          "items[].currencySymbol": "as above",
          "items[].lineItems[].termDuration": "as above",
          "items[].lineItems[].transactionType": "as above",
          "items[].lineItems[].links.product": "as above",
          "items[].lineItems[].links.availability": "as above",
          "items[].lineItems[].links.provisioningStatus":
            "order lines link their provisioning status (orders.list sample)",
          "items[].lineItems[].links.subscription": "NCE order line links to its subscription",
          "items[].lineItems[].subscriptionId": "a completed order's lines name their subscription (order.get sample)",
          "items[].transactionType": "as above",
          "items[].client": "as above",
          "items[].links.patchOperation": "as above",
          "items[].attributes.etag": "orders carry ETags (orders.list sample)",
        },
      }),
    ).toEqual([]);
    const annual = (await ctx.call(`${C}/orders?billingType=annual`)) as { items: unknown[] };
    expect(annual.items).toEqual([]);
    expect((await ctx.raw(`${C}/orders?billingType=weekly`)).status).toBe(400);
  });

  it("order.lineitem.activationlinks.response.json ← GET …/orders/{orderId}/lineitems/0/activationlinks", async () => {
    const answer = await ctx.call(`${C}/orders/${orderId}/lineitems/0/activationlinks`);
    expect(
      shapeDifferences(sample("order.lineitem.activationlinks.response.json"), answer, {
        ignored: { items: "licence-based lines need no activation, so the emulator's list is empty" },
      }),
    ).toEqual([]);
    expect(answer).toMatchObject({ totalCount: 0, items: [] });
    expect((await ctx.raw(`${C}/orders/${orderId}/lineitems/7/activationlinks`)).status).toBe(404);
  });
});

describe("the samples are assignable to both readings of the wire types", () => {
  const types = {
    "../samples-2/auditrecords.list.response.json": "common.Collection<audit.AuditRecord>",
    "../samples-2/auditrecords.list.by-date.response.json": "common.Collection<audit.AuditRecord>",
    "../samples-2/orders.list-by-billingtype.response.json": "common.Collection<order.Order>",
  };
  it.each(["client/wire", "emulator/wire"])("%s", (dir) => {
    expect(typecheckSamples(dir, ["audit", "common", "order"], types)).toEqual([]);
  });
});
