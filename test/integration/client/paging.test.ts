// Paging reads every customer and every user, across many pages, through the real emulator.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, emulates, partnerTenantId, startForClient } from "./setup.js";

let emulator: TestEmulator;
let client: CspClient;
const bigCustomerId = randomUUID();
let usersEmulated = false;
let graphUsersEmulated = false;

beforeAll(async () => {
  emulator = await startForClient();
  const customers = Array.from({ length: 1_200 }, (_, index) => ({
    tenantId: index === 0 ? bigCustomerId : randomUUID(),
    domain: `paging${index}.onmicrosoft.com`,
    companyName: `Paging Customer ${index}`,
    ...(index === 0
      ? {
          users: Array.from({ length: 2_500 }, (_, user) => ({
            userPrincipalName: `user${user}@paging0.onmicrosoft.com`,
            displayName: `User ${user}`,
            usageLocation: "US",
          })),
        }
      : {}),
  }));
  await emulator.control.seed({ partners: [{ tenantId: partnerTenantId(emulator), customers }] });
  client = clientFor(emulator);
  usersEmulated = await emulates(emulator, "GET", `/v1/customers/${bigCustomerId}/users`);
  const graphToken = await emulator
    .token({ audience: "graph", kind: "user", tenant: bigCustomerId })
    .catch(() => undefined);
  graphUsersEmulated =
    graphToken !== undefined && (await emulator.send("/graph/v1.0/users", { token: graphToken })).status !== 501;
}, 120_000);

/** How many requests the emulator counted for one route (`METHOD template`). */
async function pagesRequested(route: string): Promise<number> {
  return (await emulator.control.stats()).requests[route] ?? 0;
}

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("paging", () => {
  it("reads all 1,200 customers through seek paging", async () => {
    await emulator.control.resetStats();
    const customers = await drain(client.partnerCenter.customers.list({ pageSize: 100 }));
    expect(await pagesRequested("GET /v1/customers")).toBe(12);
    expect(customers).toHaveLength(1_200);
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(1_200);
    expect(customers.map((customer) => customer.companyName)).toContain("Paging Customer 1199");
  });

  it("reads all 1,200 customers with the server's default page size", async () => {
    const customers = await drain(client.partnerCenter.customers.list());
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(1_200);
  });

  it("reads all 2,500 users of one customer through Partner Center", async (context) => {
    if (!usersEmulated) context.skip();
    await emulator.control.resetStats();
    const users = await drain(client.partnerCenter.users.list(bigCustomerId, { pageSize: 500 }));
    expect(await pagesRequested("GET /v1/customers/{customerId}/users")).toBe(5);
    expect(users).toHaveLength(2_500);
    expect(new Set(users.map((user) => user.userPrincipalName)).size).toBe(2_500);
  });

  it("reads all 2,500 users of one customer through Graph ($top=999, @odata.nextLink)", async (context) => {
    if (!graphUsersEmulated) context.skip();
    await emulator.control.resetStats();
    const users = await drain(client.graph.users.list(bigCustomerId));
    expect(await pagesRequested("GET /graph/v1.0/users")).toBe(3);
    expect(users).toHaveLength(2_500);
    expect(new Set(users.map((user) => user.id)).size).toBe(2_500);
    expect(users.every((user) => user.usageLocation === "US")).toBe(true);
  });
});
