// The client's application consent calls against the emulator with real MSAL (app+user token of the
// consented application): refused without a GDAP role that allows consent; granted (201), granted
// again unchanged (200), read back from the customer tenant's Graph, removed, and a second removal is a 404.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import { MICROSOFT_GRAPH_APP_ID } from "../../../client/partner-center/application-consents.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, partnerTenantId, startForClient } from "./setup.js";

const CLOUD_APP_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7";
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
        customers: [{ tenantId: customerId, domain: `consent${customerId.slice(0, 8)}.onmicrosoft.com`, gdap: false }],
      },
    ],
  });
  client = clientFor(emulator, { graphAuth: "user" });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

describe("client application consents", () => {
  it("grants and removes the partner application's consent once a GDAP role allows it", async () => {
    const consent = {
      applicationId: emulator.env.CSPCTL_CLIENT_ID!,
      displayName: "Partner monitoring",
      grants: [{ resource: MICROSOFT_GRAPH_APP_ID, scopes: ["User.Read.All", "Reports.Read.All"] }],
    };
    await expect(client.partnerCenter.applicationConsents.create(customerId, consent)).rejects.toMatchObject({
      status: 403,
    });

    const relationship = await client.gdap.create({
      displayName: "consent test",
      duration: "P30D",
      customerTenantId: customerId,
      roles: [CLOUD_APP_ADMIN],
      autoExtend: false,
    });
    await client.gdap.request(relationship.id, "lockForApproval");
    await emulator.control.gdap(relationship.id, "approve");
    await emulator.control.advanceClock("PT1M");
    await client.gdap.accessAssignments.create(relationship.id, GROUP, [CLOUD_APP_ADMIN]);
    await emulator.control.advanceClock("PT1M");

    expect(await client.partnerCenter.applicationConsents.create(customerId, consent)).toEqual({ created: true });
    expect(await client.partnerCenter.applicationConsents.create(customerId, consent)).toEqual({ created: false });
    // Partner Center cannot read it back: the customer tenant's Graph shows it
    expect(await client.graph.applicationConsents.list(customerId, [consent.applicationId])).toEqual([
      {
        applicationId: consent.applicationId.toLowerCase(),
        grants: [{ resource: MICROSOFT_GRAPH_APP_ID, scopes: ["User.Read.All", "Reports.Read.All"] }],
      },
    ]);
    await client.partnerCenter.applicationConsents.remove(customerId, consent.applicationId);
    expect(await client.graph.applicationConsents.list(customerId, [consent.applicationId])).toEqual([]);
    await expect(
      client.partnerCenter.applicationConsents.remove(customerId, consent.applicationId),
    ).rejects.toMatchObject({ status: 404 });
  });
});
