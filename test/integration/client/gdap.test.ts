// The client's GDAP calls against the emulator over HTTPS with real MSAL, on the partner tenant's own
// Graph token: create, lock for approval, the customer approves (control API), access assignments
// created, updated (202 + operation) and listed; then a customer's users are readable through Graph.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import { approvalLink } from "../../../client/gdap.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, partnerTenantId, startForClient } from "./setup.js";

const USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const LICENSE_ADMIN = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";

let emulator: TestEmulator;
let client: CspClient;
const customerId = randomUUID();

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [
          {
            tenantId: customerId,
            domain: `gdapclient${customerId.slice(0, 8)}.onmicrosoft.com`,
            gdap: false,
            users: [
              { userPrincipalName: `ada@gdapclient${customerId.slice(0, 8)}.onmicrosoft.com`, displayName: "Ada" },
            ],
          },
        ],
      },
    ],
  });
  client = clientFor(emulator, { graphAuth: "user" });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("client GDAP", () => {
  it("takes a relationship from created to active with access assignments", async () => {
    await expect(drain(client.graph.users.list(customerId))).rejects.toMatchObject({ status: 403 });
    const created = await client.gdap.create({
      displayName: "cspctl client test",
      duration: "P365D",
      customerTenantId: customerId,
      roles: [USER_ADMIN, LICENSE_ADMIN],
      autoExtend: true,
    });
    expect(created).toMatchObject({ status: "created", customerTenantId: customerId, autoExtendDuration: "P180D" });
    expect(approvalLink(created.id)).toBe(
      `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${created.id}`,
    );
    expect((await client.gdap.request(created.id, "lockForApproval")).action).toBe("lockForApproval");
    expect((await client.gdap.get(created.id)).status).toBe("approvalPending");
    await emulator.control.gdap(created.id, "approve");
    await emulator.control.advanceClock("PT1M");
    const active = await client.gdap.get(created.id);
    expect(active.status).toBe("active");
    expect(active.endsAt).toBeDefined();

    const assignment = await client.gdap.accessAssignments.create(created.id, GROUP, [LICENSE_ADMIN]);
    expect(assignment).toMatchObject({ status: "pending", groupId: GROUP, roles: [LICENSE_ADMIN] });
    await emulator.control.advanceClock("PT30S");
    const [current] = await client.gdap.accessAssignments.list(created.id);
    expect(current).toMatchObject({ status: "active", roles: [LICENSE_ADMIN] });
    const update = await client.gdap.accessAssignments.update(created.id, current!, [LICENSE_ADMIN, USER_ADMIN]);
    expect(update.operation).toMatch(/\/operations\//);
    await emulator.control.advanceClock("PT30S");
    const [updated] = await client.gdap.accessAssignments.list(created.id);
    expect(updated!.roles.sort()).toEqual([LICENSE_ADMIN, USER_ADMIN].sort());
    // User Administrator is active now: the customer's users are readable.
    expect((await drain(client.graph.users.list(customerId))).map((u) => u.displayName)).toEqual(["Ada"]);

    const turnedOff = await client.gdap.setAutoExtend(active, false);
    expect(turnedOff.autoExtendDuration).toBe("PT0S");
    const listed = await drain(client.gdap.list(customerId));
    expect(listed.map((r) => r.id)).toEqual([created.id]);
  });
});
