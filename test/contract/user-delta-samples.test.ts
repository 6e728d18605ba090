// Contract: the emulator's GET /users/delta pages have the shapes of Microsoft's samples
// (samples-2/graph.users.delta*.json, from the Graph docs page "Get incremental changes for users"):
// a page with users, a removed user and @odata.nextLink, then a last page with @odata.deltaLink.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { shapeDifferences } from "./shape.js";

const SAMPLES_2 = fileURLToPath(new URL("../fixtures/partner-center/samples-2/", import.meta.url));
const sample2 = (name: string): unknown => JSON.parse(readFileSync(`${SAMPLES_2}${name}`, "utf8"));
const CUSTOMER = "c0000000-0000-4000-8000-0000000000d1";
const DOMAIN = "deltacontract.onmicrosoft.com";
/** Sorts before the users seeded later, so the round's first page holds it. */
const LEAVER = "00000000-0000-4000-8000-0000000000d1";
const person = (id: string, index: number) => ({
  id,
  userPrincipalName: `person${index}@${DOMAIN}`,
  firstName: `Given${index}`,
  lastName: `Surname${index}`,
});

let emulator: TestEmulator;
let token = "";
type Page = { value: unknown[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };

beforeAll(async () => {
  emulator = await startEmulator();
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          { tenantId: CUSTOMER, domain: DOMAIN, users: [person(LEAVER, 0), person(`e${LEAVER.slice(1)}`, 1)] },
        ],
      },
    ],
  });
  token = await emulator.token({ audience: "graph", kind: "user", tenant: CUSTOMER });
});
afterAll(async () => emulator?.close());

const get = async (path: string): Promise<Page> => {
  const result = await emulator.send(path, { token });
  expect(result.status).toBe(200);
  return result.body as Page;
};

describe("users/delta answers match Microsoft's samples", () => {
  it("graph.users.delta.response.json and .last-page ← a round from a delta link, over two pages", async () => {
    const first = await get("/graph/v1.0/users/delta?$select=displayName,givenName,surname");
    expect(first["@odata.deltaLink"]).toBeDefined();
    const deleted = await emulator.send(`/v1/customers/${CUSTOMER}/users/${LEAVER}`, {
      method: "DELETE",
      token: await emulator.token({ audience: "partner-center", kind: "user" }),
    });
    expect(deleted.status).toBe(204);
    await emulator.control.seed({
      tenants: [
        {
          tenantId: CUSTOMER,
          users: Array.from({ length: 110 }, (_, index) =>
            person(`f0000000-0000-4000-8000-${String(index).padStart(12, "0")}`, index + 2),
          ),
        },
      ],
    });
    const page = await get(first["@odata.deltaLink"]!);
    expect(page.value).toContainEqual({ id: LEAVER, "@removed": { reason: "changed" } });
    expect(shapeDifferences(sample2("graph.users.delta.response.json"), page)).toEqual([]);
    const last = await get(page["@odata.nextLink"]!);
    expect(shapeDifferences(sample2("graph.users.delta.last-page.response.json"), last)).toEqual([]);
  });
});
