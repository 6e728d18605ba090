// graph.users.delta against the emulator's GET /users/delta: a first round over several pages, a
// round from its link naming exactly the users changed since (whichever way they changed), the
// removal reasons Graph documents, expired and unknown rounds as graph.delta_expired, links off the
// Graph host never followed, and no state token in any log line.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, PartnerCenterError, type CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, partnerTenantId, startForClient } from "./setup.js";

const CUSTOMER = randomUUID();
const OTHER = randomUUID();
const DOMAIN = `delta${CUSTOMER.slice(0, 8)}.onmicrosoft.com`;
const SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
const USERS = 130;
const userId = (index: number): string => `d0000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
const logLines: string[] = [];

let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [
          {
            tenantId: CUSTOMER,
            domain: DOMAIN,
            subscribedSkus: [{ skuPartNumber: "SPB", enabledUnits: 5 }],
            users: Array.from({ length: USERS }, (_, index) => ({
              id: userId(index),
              userPrincipalName: `user${index}@${DOMAIN}`,
              displayName: `User ${index}`,
              usageLocation: "US",
            })),
          },
          { tenantId: OTHER, domain: `other${OTHER.slice(0, 8)}.onmicrosoft.com` },
        ],
      },
    ],
  });
  const logger = createLogger({ level: "debug", sink: (line) => logLines.push(line) });
  client = clientFor(emulator, { logger });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

async function expectDeltaExpired(call: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerCenterError);
  expect((error as PartnerCenterError).code).toBe("graph.delta_expired");
  expect((error as PartnerCenterError).retryable).toBe(false);
  return error as PartnerCenterError;
}

const deltaRequests = async (): Promise<number> =>
  (await emulator.control.stats()).requests["GET /graph/v1.0/users/delta"] ?? 0;

describe.sequential("graph.users.delta", () => {
  let link = "";

  it("a first round lists every user, across pages, with the properties users.list reads", async () => {
    await emulator.control.resetStats();
    const round = await client.graph.users.delta(CUSTOMER);
    expect(await deltaRequests()).toBe(2);
    expect(round.changed).toHaveLength(USERS);
    expect(round.removed).toEqual([]);
    expect(round.changed.find((user) => user.id === userId(7))).toEqual({
      id: userId(7),
      userPrincipalName: `user7@${DOMAIN}`,
      displayName: "User 7",
      usageLocation: "US",
      accountEnabled: true,
      assignedLicenses: [],
    });
    expect(round.deltaLink).toMatch(/\/graph\/v1\.0\/users\/delta\?\$deltatoken=/);
    link = round.deltaLink;
  });

  it("a round from the link reports exactly the users changed since, whichever way they changed", async () => {
    await client.graph.users.update(CUSTOMER, userId(1), { enabled: false });
    await client.graph.users.assignLicense(CUSTOMER, userId(2), { add: [{ skuId: SPB }], remove: [] });
    const created = await client.partnerCenter.users.create(CUSTOMER, {
      userPrincipalName: `new@${DOMAIN}`,
      displayName: "New User",
      usageLocation: "US",
      password: `P@ss-${randomUUID()}`,
    });
    await client.partnerCenter.users.delete(CUSTOMER, userId(3));
    const portal = await emulator.control.portal({
      method: "PATCH",
      path: `/graph/v1.0/users/${userId(4)}`,
      tenantId: CUSTOMER,
      body: { displayName: "Renamed in the portal" },
    });
    expect(portal.status).toBe(204);
    await emulator.control.seed({
      tenants: [{ tenantId: CUSTOMER, users: [{ id: userId(500), userPrincipalName: `seeded@${DOMAIN}` }] }],
    });

    await emulator.control.resetStats();
    const round = await client.graph.users.delta(CUSTOMER, { deltaLink: link });
    expect(await deltaRequests()).toBe(1);
    expect(round.changed.map((user) => user.id).sort()).toEqual(
      [userId(1), userId(2), created.id, userId(4), userId(500)].sort(),
    );
    expect(round.removed).toEqual([userId(3)]);
    const byId = new Map(round.changed.map((user) => [user.id, user]));
    expect(byId.get(userId(1))?.accountEnabled).toBe(false);
    expect(byId.get(userId(2))?.assignedLicenses).toEqual([{ skuId: SPB, disabledPlans: [] }]);
    expect(byId.get(userId(4))?.displayName).toBe("Renamed in the portal");
    link = round.deltaLink;
  });

  it("a round in which nothing changed is empty, and a restored user comes back", async () => {
    const quiet = await client.graph.users.delta(CUSTOMER, { deltaLink: link });
    expect(quiet).toMatchObject({ changed: [], removed: [] });
    await client.partnerCenter.users.restore(CUSTOMER, userId(3));
    const restored = await client.graph.users.delta(CUSTOMER, { deltaLink: quiet.deltaLink });
    expect(restored.changed.map((user) => user.id)).toEqual([userId(3)]);
    link = restored.deltaLink;
  });

  it("no log line carries a delta or skip token", async () => {
    logLines.length = 0;
    const round = await client.graph.users.delta(CUSTOMER);
    const text = logLines.join("\n");
    expect(text).toContain("users/delta");
    expect(text).toContain("skiptoken");
    expect(text).not.toContain(new URL(round.deltaLink).searchParams.get("$deltatoken")!);
    expect(decodeURIComponent(text)).not.toMatch(/\$(skip|delta)token=(?!REDACTED)/);
  });

  it("a saved link off the configured Graph host is refused without sending the tenant's token", async () => {
    await emulator.control.resetStats();
    const foreign = new URL(link);
    foreign.hostname = "graph.example.net";
    const error = await expectDeltaExpired(client.graph.users.delta(CUSTOMER, { deltaLink: foreign.toString() }));
    expect(error.message).toContain("not followed");
    const otherPath = new URL(link);
    otherPath.pathname = "/elsewhere/users/delta";
    await expectDeltaExpired(client.graph.users.delta(CUSTOMER, { deltaLink: otherPath.toString() }));
    expect(await deltaRequests()).toBe(0);
  });

  it("a round Graph does not know (410 Gone, with a Location that starts over) is graph.delta_expired", async () => {
    const unknown = new URL(link);
    unknown.searchParams.set("$deltatoken", "not-a-round");
    const token = await emulator.token({ audience: "graph", kind: "user", tenant: CUSTOMER });
    const raw = await emulator.send(unknown.toString(), { token });
    expect(raw.status).toBe(410);
    expect(raw.headers["location"]).toMatch(/\/graph\/v1\.0\/users\/delta$/);
    const error = await expectDeltaExpired(client.graph.users.delta(CUSTOMER, { deltaLink: unknown.toString() }));
    expect(error.status).toBe(410);
    expect(error.hint).toContain("in full");
  });

  it("a link of another tenant is unknown to this one", async () => {
    const error = await expectDeltaExpired(client.graph.users.delta(OTHER, { deltaLink: link }));
    expect(error.status).toBe(410);
  });

  it("seven days after its round a link has expired: 400 syncStateNotFound, graph.delta_expired", async () => {
    await emulator.control.advanceClock("P6DT23H");
    const stillValid = await client.graph.users.delta(CUSTOMER, { deltaLink: link });
    expect(stillValid.changed).toEqual([]);
    await emulator.control.advanceClock("PT2H");
    const token = await emulator.token({ audience: "graph", kind: "user", tenant: CUSTOMER });
    const raw = await emulator.send(link, { token });
    expect(raw.status).toBe(400);
    expect((raw.body as { error: { code: string } }).error.code).toBe("syncStateNotFound");
    const error = await expectDeltaExpired(client.graph.users.delta(CUSTOMER, { deltaLink: link }));
    expect(error.serviceCode).toBe("syncStateNotFound");
    // The newer round's link still works.
    expect((await client.graph.users.delta(CUSTOMER, { deltaLink: stillValid.deltaLink })).changed).toEqual([]);
  });

  it("a deleted user is removed with reason changed, and once purged after 30 days with reason deleted", async () => {
    type Item = { id: string; "@removed"?: { reason: string } };
    type Page = { value: Item[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };
    let link = "/graph/v1.0/users/delta?$select=id,displayName";
    /** Every item of one round, following its pages; the next round starts from its delta link. */
    const removals = async (): Promise<Item[]> => {
      const token = await emulator.token({ audience: "graph", kind: "user", tenant: CUSTOMER });
      const items: Item[] = [];
      for (let next: string | undefined = link; next !== undefined; ) {
        const page = (await emulator.send(next, { token })).body as Page;
        items.push(...page.value);
        next = page["@odata.nextLink"];
        if (page["@odata.deltaLink"] !== undefined) link = page["@odata.deltaLink"];
      }
      return items;
    };
    expect((await removals()).length).toBeGreaterThan(100);
    await client.partnerCenter.users.delete(CUSTOMER, userId(9));
    expect(await removals()).toEqual([{ id: userId(9), "@removed": { reason: "changed" } }]);
    const later: Array<{ id: string; "@removed"?: { reason: string } }> = [];
    for (let week = 0; week < 5; week++) {
      await emulator.control.advanceClock("P6DT12H");
      later.push(...(await removals()));
    }
    expect(later).toEqual([{ id: userId(9), "@removed": { reason: "deleted" } }]);
  });
});
