// Contract: the emulator's GDAP answers (Microsoft Graph tenantRelationships) have the shapes of
// Microsoft's samples in samples-2/ (graph.delegatedadmin*.json), walked through one relationship's
// life: create, update, lock for approval, the customer approves, access assignments, an update
// answered 202 + operation, and the customers list.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER, startContractEmulator, type ContractContext } from "./contract-context.js";
import { sample as sampleOne } from "./samples.js";
import { shapeDifferences, type Allowances } from "./shape.js";

const SAMPLES_2 = fileURLToPath(new URL("../fixtures/partner-center/samples-2/", import.meta.url));
const sample2 = (name: string): unknown => JSON.parse(readFileSync(`${SAMPLES_2}${name}`, "utf8"));
const R = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";
const NOT_ACTIVE: Allowances = {
  retyped: {
    activatedDateTime: "null until the relationship is active (Microsoft Graph docs: delegatedAdminRelationship)",
    endDateTime: "null until the relationship is active: endDateTime = activatedDateTime + duration",
  },
};
/** The roles of the access-assignment samples, so that they are a subset of the relationship's. */
const ROLES = [
  "29232cdf-9323-42fd-ade2-1d097af3e4de",
  "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  "3a2c62db-5318-420d-8d74-23affee5d9d5",
  "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
  "44367163-eba1-44c3-98af-f5787879f96a",
];

let ctx: ContractContext;
let graph: string;
let relationshipId = "";
let assignmentId = "";

beforeAll(async () => {
  ctx = await startContractEmulator();
  graph = await ctx.emulator.token({ audience: "graph", kind: "user" });
});
afterAll(async () => ctx.emulator.close());

const call = (path: string, options: Parameters<ContractContext["call"]>[1] = {}) =>
  ctx.call(path, { token: graph, ...options });

describe.sequential("GDAP answers match Microsoft's samples", () => {
  it("graph.delegatedadminrelationship.create.response.json ← POST delegatedAdminRelationships", async () => {
    const body = sampleOne<Record<string, unknown>>("graph.delegatedadminrelationship.create.request.json");
    const created = (await call(R, {
      method: "POST",
      body: {
        ...body,
        customer: { tenantId: CUSTOMER },
        accessDetails: { unifiedRoles: ROLES.map((roleDefinitionId) => ({ roleDefinitionId })) },
      },
    })) as { id: string; status: string };
    relationshipId = created.id;
    expect(created.status).toBe("created");
    expect(
      shapeDifferences(sampleOne("graph.delegatedadminrelationship.create.response.json"), created, {
        retyped: {
          ...NOT_ACTIVE.retyped,
          activatedDateTime:
            'the sample writes ""; Graph\'s other samples write a date once active and the emulator null before',
        },
      }),
    ).toEqual([]);
  });

  it("graph.delegatedadminrelationship.update.response.json ← PATCH delegatedAdminRelationships/{id} (If-Match)", async () => {
    const current = (await call(`${R}/${relationshipId}`)) as { "@odata.etag": string };
    const body = sample2("graph.delegatedadminrelationship.update.request.json") as Record<string, unknown>;
    const updated = await call(`${R}/${relationshipId}`, {
      method: "PATCH",
      headers: { "if-match": current["@odata.etag"] },
      body: {
        ...body,
        customer: { tenantId: CUSTOMER },
        accessDetails: { unifiedRoles: ROLES.map((roleDefinitionId) => ({ roleDefinitionId })) },
      },
      expect: 200,
    });
    expect(
      shapeDifferences(sample2("graph.delegatedadminrelationship.update.response.json"), updated, {
        extra: {
          "@odata.context": "Graph's context annotation, as on the get sample",
          autoExtendDuration: "every relationship has one (get sample)",
          activatedDateTime: "every relationship has one, null until active (get sample)",
          endDateTime: "as above",
          "customer.displayName": "the customer's name (get sample)",
        },
      }),
    ).toEqual([]);
  });

  it("graph.delegatedadminrelationship.request.lockforapproval.response.json ← POST …/requests", async () => {
    const answer = await call(`${R}/${relationshipId}/requests`, {
      method: "POST",
      body: sample2("graph.delegatedadminrelationship.request.lockforapproval.request.json"),
    });
    expect(
      shapeDifferences(sample2("graph.delegatedadminrelationship.request.lockforapproval.response.json"), answer),
    ).toEqual([]);
    const locked = (await call(`${R}/${relationshipId}`)) as { status: string };
    expect(locked.status).toBe("approvalPending");
  });

  it("graph.delegatedadminrelationship.get.response.json ← GET delegatedAdminRelationships/{id} once the customer approved", async () => {
    await ctx.emulator.control.gdap(relationshipId, "approve");
    expect(((await call(`${R}/${relationshipId}`)) as { status: string }).status).toBe("approved");
    await ctx.emulator.control.advanceClock("PT30S");
    expect(((await call(`${R}/${relationshipId}`)) as { status: string }).status).toBe("activating");
    await ctx.emulator.control.advanceClock("PT30S");
    const active = (await call(`${R}/${relationshipId}`)) as { status: string };
    expect(active.status).toBe("active");
    expect(shapeDifferences(sample2("graph.delegatedadminrelationship.get.response.json"), active)).toEqual([]);
  });

  it("graph.delegatedadminrelationships.list.response.json ← GET delegatedAdminRelationships", async () => {
    const list = (await call(R)) as { value: { id: string }[] };
    // The seeded customer's default relationship, and the new one.
    expect(list.value).toHaveLength(2);
    expect(
      shapeDifferences(sample2("graph.delegatedadminrelationships.list.response.json"), list, {
        omitted: {
          "value[].isPartnerConsentPending":
            "resellerDelegatedAdminRelationship fields (relationships made for an indirect reseller), not emulated",
          "value[].indirectProviderTenantId": "as above",
        },
      }),
    ).toEqual([]);
  });

  it("graph.delegatedadminaccessassignment.create.response.json ← POST …/accessAssignments", async () => {
    const answer = (await call(`${R}/${relationshipId}/accessAssignments`, {
      method: "POST",
      body: sample2("graph.delegatedadminaccessassignment.create.request.json"),
    })) as { id: string; status: string };
    assignmentId = answer.id;
    expect(answer.status).toBe("pending");
    expect(shapeDifferences(sample2("graph.delegatedadminaccessassignment.create.response.json"), answer)).toEqual([]);
  });

  it("graph.delegatedadminaccessassignments.list.response.json ← GET …/accessAssignments", async () => {
    await ctx.emulator.control.advanceClock("PT30S");
    const list = (await call(`${R}/${relationshipId}/accessAssignments`)) as { value: { status: string }[] };
    expect(list.value.map((a) => a.status)).toEqual(["active"]);
    expect(shapeDifferences(sample2("graph.delegatedadminaccessassignments.list.response.json"), list)).toEqual([]);
  });

  it("graph.delegatedadminrelationship.operations.list.response.json ← PATCH …/accessAssignments/{id} (202) then GET …/operations", async () => {
    const path = `${R}/${relationshipId}/accessAssignments/${assignmentId}`;
    const current = (await call(path)) as { "@odata.etag": string };
    const patched = await ctx.emulator.send(path, {
      method: "PATCH",
      token: graph,
      headers: { "if-match": current["@odata.etag"] },
      body: sample2("graph.delegatedadminaccessassignment.update.request.json"),
    });
    expect(patched.status).toBe(202);
    expect(patched.headers["location"]).toMatch(
      new RegExp(`/delegatedAdminRelationships/${relationshipId}/operations/`),
    );
    expect(patched.headers["retry-after"]).toBe("10");
    await ctx.emulator.control.advanceClock("PT30S");
    const operations = (await call(`${R}/${relationshipId}/operations`)) as { value: { status: string }[] };
    expect(operations.value.map((op) => op.status)).toEqual(["succeeded"]);
    expect(
      shapeDifferences(sample2("graph.delegatedadminrelationship.operations.list.response.json"), operations),
    ).toEqual([]);
  });

  it("graph.delegatedadmincustomers.list.response.json ← GET delegatedAdminCustomers", async () => {
    const list = (await call("/graph/v1.0/tenantRelationships/delegatedAdminCustomers")) as {
      value: { tenantId: string }[];
    };
    expect(list.value.map((c) => c.tenantId)).toEqual([CUSTOMER]);
    expect(shapeDifferences(sample2("graph.delegatedadmincustomers.list.response.json"), list)).toEqual([]);
  });
});
