// Contract: what application consent leaves in the customer tenant, on the emulator's Graph face,
// has the shapes of Microsoft's samples in samples-2/ (graph.serviceprincipals.list,
// graph.oauth2permissiongrants.list), after a consent granted with Microsoft's documented request
// (applicationconsents.create.request.json) under a GDAP relationship with Cloud Application
// Administrator.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER, startContractEmulator, type ContractContext } from "./contract-context.js";
import { shapeDifferences } from "./shape.js";

const SAMPLES_2 = fileURLToPath(new URL("../fixtures/partner-center/samples-2/", import.meta.url));
const sample2 = (name: string): unknown => JSON.parse(readFileSync(`${SAMPLES_2}${name}`, "utf8"));
const R = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";
const CLOUD_APP_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7";
const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";
/** The contract partner's application: consent is granted with a token of the application itself. */
const APP = "a1111111-0000-4000-8000-0000000000c0";

let ctx: ContractContext;
let clientId = "";

beforeAll(async () => {
  ctx = await startContractEmulator();
  const partnerGraph = await ctx.emulator.token({ audience: "graph", kind: "user" });
  const graph = (path: string, options: Parameters<ContractContext["call"]>[1] = {}) =>
    ctx.call(path, { token: partnerGraph, ...options });
  const { id } = (await graph(R, {
    method: "POST",
    body: {
      displayName: "Contract consent",
      duration: "P30D",
      customer: { tenantId: CUSTOMER },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: CLOUD_APP_ADMIN }] },
    },
  })) as { id: string };
  await graph(`${R}/${id}/requests`, { method: "POST", body: { action: "lockForApproval" } });
  await ctx.emulator.control.gdap(id, "approve");
  await ctx.emulator.control.advanceClock("PT1M");
  await graph(`${R}/${id}/accessAssignments`, {
    method: "POST",
    body: {
      accessContainer: { accessContainerId: GROUP, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: CLOUD_APP_ADMIN }] },
    },
  });
  await ctx.emulator.control.advanceClock("PT1M");
  const request = sample2("applicationconsents.create.request.json") as Record<string, unknown>;
  await ctx.call(`/v1/customers/${CUSTOMER}/applicationconsents`, {
    method: "POST",
    body: { ...request, applicationId: APP },
  });
});
afterAll(async () => ctx.emulator.close());

describe("what application consent leaves in the customer tenant matches Microsoft's samples", () => {
  it("graph.serviceprincipals.list.response.json ← GET servicePrincipals?$filter=appId in (…)", async () => {
    const list = (await ctx.call(
      `/graph/v1.0/servicePrincipals?$filter=${encodeURIComponent(`appId in ('${APP}','00000003-0000-0000-c000-000000000000')`)}`,
      { token: ctx.graph },
    )) as { value: { id: string; appId: string }[] };
    expect(list.value.map((sp) => sp.appId).sort()).toEqual(["00000003-0000-0000-c000-000000000000", APP]);
    clientId = list.value.find((sp) => sp.appId === APP)!.id;
    expect(
      shapeDifferences(sample2("graph.serviceprincipals.list.response.json"), list, {
        extra: { "@odata.context": "Graph collections carry it; the doc's example drops it" },
        retyped: {
          "value[].publisherName": "null for the emulator's applications (no publisher domain)",
          "value[].appOwnerOrganizationId": "null for an application the emulator knows no home tenant of",
        },
      }),
    ).toEqual([]);
  });

  it("graph.oauth2permissiongrants.list.response.json ← GET oauth2PermissionGrants?$filter=clientId eq …", async () => {
    const list = (await ctx.call(
      `/graph/v1.0/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${clientId}'`)}`,
      { token: ctx.graph },
    )) as { value: { clientId: string; consentType: string; scope: string }[] };
    expect(list.value.length).toBeGreaterThan(0);
    expect(list.value.every((g) => g.clientId === clientId && g.consentType === "AllPrincipals")).toBe(true);
    expect(list.value.every((g) => !g.scope.includes(","))).toBe(true);
    expect(shapeDifferences(sample2("graph.oauth2permissiongrants.list.response.json"), list)).toEqual([]);
  });

  it("refuses filters it does not emulate instead of ignoring them", async () => {
    const answer = await ctx.raw(`/graph/v1.0/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'x'")}`, {
      token: ctx.graph,
    });
    expect(answer.status).toBe(400);
  });
});
