import { PageIterator } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { BASIC_LICENCE, CONTOSO, FABRIKAM, integrationSeed } from "./fixture.js";
import { graphClient } from "./graph-client.js";

let emulator: TestEmulator;
let userToken: string;
const USERS = 250;

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(USERS) });
  userToken = await emulator.token({ audience: "partner-center", kind: "user" });
});
afterAll(async () => emulator.close());

const base = `/v1/customers/${CONTOSO}`;

describe("customer users on Partner Center", () => {
  it("pages users with seek continuation", async () => {
    const seen: string[] = [];
    let page = await emulator.send(`${base}/users?size=100`, { token: userToken });
    for (;;) {
      const body = page.body as {
        items: { id: string }[];
        links: { next?: { uri: string; headers: { key: string; value: string }[] } };
      };
      seen.push(...body.items.map((u) => u.id));
      const next = body.links.next;
      if (next === undefined) break;
      expect(next.uri).toBe(`/customers/${CONTOSO}/users?size=100&seekOperation=Next`);
      page = await emulator.send(`/v1${next.uri}`, {
        token: userToken,
        headers: Object.fromEntries(next.headers.map((h) => [h.key, h.value])),
      });
    }
    expect(seen).toHaveLength(USERS);
    expect(new Set(seen).size).toBe(USERS);
  });

  it("creates a user only with a policy-compliant password and echoes it once", async () => {
    const weak = await emulator.send(`${base}/users`, {
      method: "POST",
      token: userToken,
      body: {
        userPrincipalName: "weak@contoso.onmicrosoft.com",
        displayName: "Weak",
        passwordProfile: { password: "password", forceChangePassword: true },
      },
    });
    expect(weak.status).toBe(400);
    const created = await emulator.send(`${base}/users`, {
      method: "POST",
      token: userToken,
      body: {
        UserPrincipalName: "ada@contoso.onmicrosoft.com",
        FirstName: "Ada",
        LastName: "Lovelace",
        DisplayName: "Ada Lovelace",
        PasswordProfile: { Password: "abCD123*", ForceChangePassword: true },
      },
    });
    expect(created.status).toBe(200);
    const user = created.body as { id: string; passwordProfile: { password: string } };
    expect(user.passwordProfile.password).toBe("abCD123*");
    const fetched = await emulator.send(`${base}/users/${user.id}`, { token: userToken });
    expect(fetched.body).not.toHaveProperty("passwordProfile");
    const duplicate = await emulator.send(`${base}/users`, {
      method: "POST",
      token: userToken,
      body: {
        userPrincipalName: "ADA@contoso.onmicrosoft.com",
        displayName: "Ada",
        passwordProfile: { password: "abCD123*", forceChangePassword: true },
      },
    });
    expect(duplicate.status).toBe(409);
  });

  it("assigns licences only with a usage location and within the available units (60012)", async () => {
    const withoutLocation = "e0000000-0000-4000-8000-000000000001";
    const assign = { licensesToAssign: [{ skuId: BASIC_LICENCE, excludedPlans: null }], licensesToRemove: null };
    const refused = await emulator.send(`${base}/users/${withoutLocation}/licenseupdates`, {
      method: "POST",
      token: userToken,
      body: assign,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { description: string }).description).toBe(
      "License assignment cannot be done for user with invalid usage location.",
    );
    const patched = await emulator.send(`${base}/users/${withoutLocation}`, {
      method: "PATCH",
      token: userToken,
      body: { usageLocation: "GB" },
    });
    expect(patched.body).toMatchObject({ usageLocation: "GB", id: withoutLocation });
    // Contoso owns 10 Business Basic seats and user2 holds one; fill the other nine.
    for (let i = 3; i <= 11; i += 1) {
      const id = `e0000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      expect(
        (await emulator.send(`${base}/users/${id}/licenseupdates`, { method: "POST", token: userToken, body: assign }))
          .status,
      ).toBe(201);
    }
    const full = await emulator.send(`${base}/users/${withoutLocation}/licenseupdates`, {
      method: "POST",
      token: userToken,
      body: assign,
    });
    expect(full.status).toBe(400);
    expect((full.body as { code: number }).code).toBe(60012);
    const skus = await emulator.send(`${base}/subscribedskus`, { token: userToken });
    expect((skus.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ activeUnits: 10, consumedUnits: 10, availableUnits: 0 }),
    ]);
    const licences = await emulator.send(`${base}/users/e0000000-0000-4000-8000-000000000003/licenses`, {
      token: userToken,
    });
    expect((licences.body as { items: { productSku: { id: string } }[] }).items.map((l) => l.productSku.id)).toEqual([
      BASIC_LICENCE,
    ]);
  });

  it("soft-deletes a user, lists it only through the UserState filter, and restores it", async () => {
    const id = "e0000000-0000-4000-8000-000000000200";
    expect((await emulator.send(`${base}/users/${id}`, { method: "DELETE", token: userToken })).status).toBe(204);
    expect((await emulator.send(`${base}/users/${id}`, { token: userToken })).status).toBe(404);
    const filter = encodeURIComponent(JSON.stringify({ Field: "UserState", Value: "Inactive", Operator: "equals" }));
    const deleted = await emulator.send(`${base}/users?size=500&filter=${filter}`, { token: userToken });
    expect((deleted.body as { items: { id: string; state: string }[] }).items).toEqual([
      expect.objectContaining({ id, state: "inactive" }),
    ]);
    const restored = await emulator.send(`${base}/users/${id}`, {
      method: "PATCH",
      token: userToken,
      body: { State: "active", Attributes: { ObjectType: "CustomerUser" } },
    });
    expect(restored.body).toMatchObject({ id, state: "active" });
  });
});

describe("Microsoft Graph face, through @microsoft/microsoft-graph-client", () => {
  it("pages through every user with assignedLicenses and usageLocation via @odata.nextLink", async () => {
    const token = await emulator.token({ audience: "graph", kind: "user", tenant: CONTOSO });
    const client = graphClient({ origin: emulator.baseUrl, token, dispatcher: emulator.dispatcher });
    const first = await client
      .api("/users")
      .select(["id", "userPrincipalName", "usageLocation", "assignedLicenses"])
      .top(100)
      .get();
    expect(first["@odata.nextLink"]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graph\/v1\.0\/users\?/);
    const users: { id: string; assignedLicenses: { skuId: string }[]; usageLocation: string | null }[] = [];
    const iterator = new PageIterator(client, first, (user) => {
      users.push(user as (typeof users)[number]);
      return true;
    });
    await iterator.iterate();
    expect(users.length).toBeGreaterThanOrEqual(USERS);
    expect(Object.keys(users[0]!).sort()).toEqual(["assignedLicenses", "id", "usageLocation", "userPrincipalName"]);
    expect(users.find((u) => u.id === "e0000000-0000-4000-8000-000000000002")?.assignedLicenses).toEqual([
      { disabledPlans: [], skuId: BASIC_LICENCE },
    ]);
  });

  it("assigns a licence through Graph and reflects it in subscribedSkus", async () => {
    const token = await emulator.token({ audience: "graph", kind: "user", tenant: CONTOSO });
    const client = graphClient({ origin: emulator.baseUrl, token, dispatcher: emulator.dispatcher });
    const before = await client.api("/subscribedSkus").get();
    const consumed = (before.value as { skuId: string; consumedUnits: number }[]).find(
      (s) => s.skuId === BASIC_LICENCE,
    )!.consumedUnits;
    const removed = await client
      .api("/users/user3@contoso.onmicrosoft.com/assignLicense")
      .post({ addLicenses: [], removeLicenses: [BASIC_LICENCE] });
    // Graph answers with the default properties, which do not include assignedLicenses: read them with $select.
    expect(Object.keys(removed).sort()).toEqual([
      "@odata.context",
      "businessPhones",
      "displayName",
      "givenName",
      "id",
      "jobTitle",
      "mail",
      "mobilePhone",
      "officeLocation",
      "preferredLanguage",
      "surname",
      "userPrincipalName",
    ]);
    expect(
      (await client.api("/users/user3@contoso.onmicrosoft.com").select("assignedLicenses").get()).assignedLicenses,
    ).toEqual([]);
    const after = await client.api("/subscribedSkus").get();
    expect(
      (after.value as { skuId: string; consumedUnits: number; prepaidUnits: { enabled: number } }[]).find(
        (s) => s.skuId === BASIC_LICENCE,
      ),
    ).toMatchObject({ consumedUnits: consumed - 1, prepaidUnits: { enabled: 10 } });
    await expect(client.api("/users?$top=1000").get()).rejects.toMatchObject({ statusCode: 400 });
  });

  it("disables a user and sets its usage location through Graph PATCH, refusing unknown properties", async () => {
    const token = await emulator.token({ audience: "graph", kind: "user", tenant: CONTOSO });
    const client = graphClient({ origin: emulator.baseUrl, token, dispatcher: emulator.dispatcher });
    await client.api("/users/user4@contoso.onmicrosoft.com").patch({ accountEnabled: false, usageLocation: "NL" });
    const user = await client
      .api("/users/user4@contoso.onmicrosoft.com")
      .select(["accountEnabled", "usageLocation"])
      .get();
    expect(user).toMatchObject({ accountEnabled: false, usageLocation: "NL" });
    await expect(client.api("/users/user4@contoso.onmicrosoft.com").patch({ jobTitle: "CEO" })).rejects.toMatchObject({
      statusCode: 400,
    });
    const partnerCenter = await emulator.send(`${base}/users/e0000000-0000-4000-8000-000000000004`, {
      token: userToken,
    });
    expect(partnerCenter.body).toMatchObject({ usageLocation: "NL" });
  });

  it("issues no Graph view of a tenant that is not the partner's customer", async () => {
    await expect(
      emulator.token({ audience: "graph", kind: "user", tenant: "d0000000-0000-4000-8000-000000000001" }),
    ).rejects.toThrow();
    const fabrikam = await emulator.token({ audience: "graph", kind: "user", tenant: FABRIKAM });
    const client = graphClient({ origin: emulator.baseUrl, token: fabrikam, dispatcher: emulator.dispatcher });
    expect((await client.api("/users").get()).value).toEqual([]);
  });
});
