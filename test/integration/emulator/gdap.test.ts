// GDAP on the emulator: what Microsoft refuses is refused, the status lifecycle runs on the emulator
// clock (approval, activation, expiry, auto-extend, the 90-day approval limit, termination), and a
// customer's users and licences are refused to a partner user without an active relationship that
// grants the needed role, through Partner Center and through Graph.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const R = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";
const USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const LICENSE_ADMIN = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";

let emu: TestEmulator;
let graph: string;
let pc: string;

beforeAll(async () => {
  emu = await startEmulator();
  await emu.control.setClock("2030-01-01T00:00:00Z");
  graph = await emu.token({ audience: "graph", kind: "user" });
  pc = await emu.token({ audience: "partner-center", kind: "user" });
});
afterAll(async () => emu.close());

async function customer(options: { gdap?: boolean } = {}): Promise<string> {
  const tenantId = randomUUID();
  await emu.control.seed({
    partners: [
      {
        tenantId: emu.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId,
            domain: `gdap${tenantId.slice(0, 8)}.onmicrosoft.com`,
            ...(options.gdap === false ? { gdap: false } : {}),
            users: [{ userPrincipalName: `ada@gdap${tenantId.slice(0, 8)}.onmicrosoft.com`, displayName: "Ada" }],
          },
        ],
      },
    ],
  });
  return tenantId;
}

const relationshipBody = (tenantId: string, overrides: Record<string, unknown> = {}) => ({
  displayName: `cspctl ${randomUUID().slice(0, 8)}`,
  duration: "P30D",
  customer: { tenantId },
  accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMIN }, { roleDefinitionId: LICENSE_ADMIN }] },
  autoExtendDuration: "PT0S",
  ...overrides,
});

async function create(tenantId: string, overrides: Record<string, unknown> = {}) {
  const answer = await emu.send(R, { method: "POST", token: graph, body: relationshipBody(tenantId, overrides) });
  return answer;
}

async function get(id: string): Promise<{ status: string; endDateTime: string | null; "@odata.etag": string }> {
  const answer = await emu.send(`${R}/${id}`, { token: graph });
  expect(answer.status).toBe(200);
  return answer.body as { status: string; endDateTime: string | null; "@odata.etag": string };
}

/** POSTs an access assignment giving `group` the role `roleId` in relationship `id`. */
const assign = (id: string, group: string, roleId: string) =>
  emu.send(`${R}/${id}/accessAssignments`, {
    method: "POST",
    token: graph,
    body: {
      accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roleId }] },
    },
  });

/** Creates, locks, has the customer approve and waits (clock) until active; returns the id. */
async function activeRelationship(tenantId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await create(tenantId, overrides);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = (created.body as { id: string }).id;
  await emu.send(`${R}/${id}/requests`, { method: "POST", token: graph, body: { action: "lockForApproval" } });
  await emu.control.gdap(id, "approve");
  await emu.control.advanceClock("PT1M");
  expect((await get(id)).status).toBe("active");
  return id;
}

describe("GDAP relationships: what Microsoft refuses", () => {
  it("refuses Global Administrator with auto-extend, and durations outside P1D–P730D", async () => {
    const tenantId = await customer();
    const ga = await create(tenantId, {
      accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMIN }] },
      autoExtendDuration: "P180D",
    });
    expect(ga.status).toBe(400);
    expect(JSON.stringify(ga.body)).toContain("cannot be auto-extended");
    for (const duration of ["P0D", "P731D", "P3Y", "30 days"]) {
      const answer = await create(tenantId, { duration });
      expect(answer.status, duration).toBe(400);
    }
    expect((await create(tenantId, { duration: "P730D" })).status).toBe(201);
  });

  it("refuses a duplicate display name, an unknown role, and a customer-tenant token", async () => {
    const tenantId = await customer();
    const first = await create(tenantId, { displayName: `dup ${tenantId.slice(0, 8)}` });
    expect(first.status).toBe(201);
    expect((await create(tenantId, { displayName: `dup ${tenantId.slice(0, 8)}` })).status).toBe(400);
    const custom = await create(tenantId, { accessDetails: { unifiedRoles: [{ roleDefinitionId: randomUUID() }] } });
    expect(custom.status).toBe(400);
    const customerToken = await emu.token({ audience: "graph", kind: "user", tenant: tenantId });
    expect((await emu.send(R, { token: customerToken })).status).toBe(403);
  });

  it("changes a relationship only with its current ETag, and only what its status allows", async () => {
    const tenantId = await customer();
    const id = ((await create(tenantId)).body as { id: string }).id;
    const etag = (await get(id))["@odata.etag"];
    const patch = (headers: Record<string, string>, body: unknown) =>
      emu.send(`${R}/${id}`, { method: "PATCH", token: graph, headers, body });
    expect((await patch({}, { duration: "P60D" })).status).toBe(400);
    expect((await patch({ "if-match": 'W/"stale"' }, { duration: "P60D" })).status).toBe(412);
    expect((await patch({ "if-match": etag }, { duration: "P60D" })).status).toBe(200);
    // The old ETag is stale now.
    expect((await patch({ "if-match": etag }, { duration: "P90D" })).status).toBe(412);
    const active = await activeRelationship(tenantId);
    const activeEtag = (await get(active))["@odata.etag"];
    const renamed = await emu.send(`${R}/${active}`, {
      method: "PATCH",
      token: graph,
      headers: { "if-match": activeEtag },
      body: { displayName: "renamed" },
    });
    expect(renamed.status).toBe(400);
    const extended = await emu.send(`${R}/${active}`, {
      method: "PATCH",
      token: graph,
      headers: { "if-match": activeEtag },
      body: { autoExtendDuration: "P180D" },
    });
    expect(extended.status).toBe(200);
  });
});

describe("GDAP relationships: the lifecycle on the emulator clock", () => {
  it("expires an active relationship at its end, or extends it by 180 days when auto-extend is on", async () => {
    const tenantId = await customer();
    const plain = await activeRelationship(tenantId);
    const extending = await activeRelationship(tenantId, { autoExtendDuration: "P180D" });
    const end = (await get(extending)).endDateTime!;
    await emu.control.advanceClock("P31D");
    expect((await get(plain)).status).toBe("expired");
    const extended = await get(extending);
    expect(extended.status).toBe("active");
    expect(Date.parse(extended.endDateTime!) - Date.parse(end)).toBe(180 * 86_400_000);
  });

  it("expires a request the customer does not approve within 90 days", async () => {
    const tenantId = await customer();
    const id = ((await create(tenantId)).body as { id: string }).id;
    await emu.send(`${R}/${id}/requests`, { method: "POST", token: graph, body: { action: "lockForApproval" } });
    await emu.control.advanceClock("P89D");
    expect((await get(id)).status).toBe("approvalPending");
    await emu.control.advanceClock("P2D");
    expect((await get(id)).status).toBe("expired");
  });

  it("terminates: terminationRequested → terminating → terminated", async () => {
    const tenantId = await customer();
    const id = await activeRelationship(tenantId);
    const request = await emu.send(`${R}/${id}/requests`, {
      method: "POST",
      token: graph,
      body: { action: "terminate" },
    });
    expect(request.status).toBe(201);
    expect((await get(id)).status).toBe("terminationRequested");
    await emu.control.advanceClock("PT30S");
    expect((await get(id)).status).toBe("terminating");
    await emu.control.advanceClock("PT30S");
    expect((await get(id)).status).toBe("terminated");
  });
});

describe("GDAP enforcement on a customer's users and licences", () => {
  it("refuses Partner Center and Graph user calls without a relationship, and allows them once a role is assigned", async () => {
    const tenantId = await customer({ gdap: false });
    const customerGraph = await emu.token({ audience: "graph", kind: "user", tenant: tenantId });
    const pcUsers = await emu.send(`/v1/customers/${tenantId}/users`, { token: pc });
    expect(pcUsers.status).toBe(403);
    expect(JSON.stringify(pcUsers.body)).toContain("User Administrator");
    const graphUsers = await emu.send("/graph/v1.0/users", { token: customerGraph });
    expect(graphUsers.status).toBe(403);
    expect((graphUsers.body as { error: { code: string } }).error.code).toBe("Authorization_RequestDenied");

    const id = await activeRelationship(tenantId);
    // Active, but no access assignment yet: still refused.
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { token: pc })).status).toBe(403);
    const assignment = await assign(id, GROUP, LICENSE_ADMIN);
    expect(assignment.status).toBe(201);
    await emu.control.advanceClock("PT30S");
    // License Administrator reads licences but does not write users.
    expect((await emu.send("/graph/v1.0/subscribedSkus", { token: customerGraph })).status).toBe(200);
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { method: "POST", token: pc, body: {} })).status).toBe(
      403,
    );
    const wider = await assign(id, randomUUID(), USER_ADMIN);
    expect(wider.status).toBe(201);
    await emu.control.advanceClock("PT30S");
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { token: pc })).status).toBe(200);
    expect((await emu.send("/graph/v1.0/users", { token: customerGraph })).status).toBe(200);
  });

  it("refuses an assignment with a role outside its relationship, and refuses again once the relationship ends", async () => {
    const tenantId = await customer({ gdap: false });
    const id = await activeRelationship(tenantId);
    const outside = await assign(id, GROUP, GLOBAL_ADMIN);
    expect(outside.status).toBe(400);
    await assign(id, GROUP, USER_ADMIN);
    await emu.control.advanceClock("PT30S");
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { token: pc })).status).toBe(200);
    await emu.control.gdap(id, "terminate");
    await emu.control.advanceClock("PT1M");
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { token: pc })).status).toBe(403);
  });

  it("gives seeded and created customers an active default relationship", async () => {
    const tenantId = await customer();
    expect((await emu.send(`/v1/customers/${tenantId}/users`, { token: pc })).status).toBe(200);
    const list = await emu.send(`${R}?$filter=customer/tenantId eq '${tenantId}'`, { token: graph });
    const value = (list.body as { value: { status: string; displayName: string }[] }).value;
    expect(value.map((r) => r.status)).toEqual(["active"]);
  });
});

describe("application consent (Partner Center applicationconsents)", () => {
  const CLOUD_APP_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7";
  const consentBody = () => {
    // Microsoft's documented request (samples-2/applicationconsents.create.request.json), for the calling app.
    const body = JSON.parse(
      readFileSync(
        new URL("../../fixtures/partner-center/samples-2/applicationconsents.create.request.json", import.meta.url),
        "utf8",
      ),
    ) as { applicationId: string };
    return { ...body, applicationId: emu.env.CSPCTL_CLIENT_ID! };
  };

  /** Gives the partner Cloud Application Administrator in the customer through a new relationship. */
  const allowConsent = async (tenantId: string): Promise<void> => {
    const id = await activeRelationship(tenantId, {
      accessDetails: { unifiedRoles: [{ roleDefinitionId: CLOUD_APP_ADMIN }] },
    });
    await assign(id, GROUP, CLOUD_APP_ADMIN);
    await emu.control.advanceClock("PT30S");
  };

  it("is refused without Application or Cloud Application Administrator, granted and removed with it", async () => {
    const tenantId = await customer();
    const path = `/v1/customers/${tenantId}/applicationconsents`;
    // The default relationship has no role that allows consent.
    const refused = await emu.send(path, { method: "POST", token: pc, body: consentBody() });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain("Cloud Application Administrator");

    await allowConsent(tenantId);
    const granted = await emu.send(path, { method: "POST", token: pc, body: consentBody() });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    // The same consent again is answered 200: nothing changed.
    expect((await emu.send(path, { method: "POST", token: pc, body: consentBody() })).status).toBe(200);
    const appId = emu.env.CSPCTL_CLIENT_ID!;
    expect((await emu.send(`${path}/${appId}`, { method: "DELETE", token: pc })).status).toBe(200);
    expect((await emu.send(`${path}/${appId}`, { method: "DELETE", token: pc })).status).toBe(404);
  });

  it("refuses consent for another application than the token's, and app-only tokens", async () => {
    const tenantId = await customer();
    await allowConsent(tenantId);
    const path = `/v1/customers/${tenantId}/applicationconsents`;
    const other = await emu.send(path, {
      method: "POST",
      token: pc,
      body: { ...consentBody(), applicationId: "57667d41-992a-49b0-99d8-ddf68328373f" },
    });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain("is not the application of the calling token");
    const app = await emu.token({ audience: "partner-center", kind: "app" });
    expect((await emu.send(path, { method: "POST", token: app, body: consentBody() })).status).toBe(403);
  });
});
