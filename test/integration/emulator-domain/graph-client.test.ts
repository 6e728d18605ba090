// The Graph face driven by an independent client, @microsoft/microsoft-graph-client, over every
// Graph route the emulator serves: GET/PATCH /users/{id}, GET /users, POST …/assignLicense,
// GET /subscribedSkus; plus what it does not emulate (POST /users) and Graph's headers and errors
// as that client reads them.
import { GraphError, ResponseType } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { CONTOSO, integrationSeed } from "./fixture.js";
import { graphClient } from "./graph-client.js";

const SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
const EXCHANGE_FOUNDATION = "113feb6c-3fe4-4440-bddc-54d774bf0318";
const USER = "e0000000-0000-4000-8000-000000000003";

let emulator: TestEmulator;
let client: ReturnType<typeof graphClient>;

beforeAll(async () => {
  const seed = integrationSeed(4) as { partners: { customers: Record<string, unknown>[] }[] };
  seed.partners[0]!.customers[0]!["subscribedSkus"] = [{ skuPartNumber: "SPB", enabledUnits: 3 }];
  emulator = await startEmulator({ seed });
  const token = await emulator.token({ audience: "graph", kind: "user", tenant: CONTOSO });
  client = graphClient({ origin: emulator.baseUrl, token, dispatcher: emulator.dispatcher });
});
afterAll(async () => emulator.close());

async function graphError(call: Promise<unknown>): Promise<GraphError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe("Graph face through @microsoft/microsoft-graph-client", () => {
  it("GET /users answers OData JSON with Graph's content type parameters and OData-Version 4.0", async () => {
    const raw = (await client
      .api("/users")
      .select(["id", "userPrincipalName"])
      .responseType(ResponseType.RAW)
      .get()) as Response;
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toBe(
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
    );
    expect(raw.headers.get("odata-version")).toBe("4.0");
    expect(raw.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await raw.json()) as { "@odata.context": string; value: { id: string }[] };
    expect(body["@odata.context"]).toMatch(/\/graph\/v1\.0\/\$metadata#users$/);
    expect(body.value.map((u) => u.id)).toContain(USER);
  });

  it("GET /users/{id} answers the default properties, $select picks, and $expand is refused as on the list", async () => {
    const user = (await client.api(`/users/${USER}`).get()) as Record<string, unknown>;
    expect(Object.keys(user).sort()).toEqual([
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
    const picked = (await client.api(`/users/${USER}`).select(["usageLocation", "assignedLicenses"]).get()) as Record<
      string,
      unknown
    >;
    expect(picked).toMatchObject({ usageLocation: "US", assignedLicenses: [] });
    const refused = await graphError(client.api(`/users/${USER}`).expand("manager").get());
    expect(refused).toMatchObject({ statusCode: 400, code: "Request_UnsupportedQuery" });
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.body).toEqual(expect.stringContaining('"innerError"'));
  });

  it("PATCH /users/{id} answers 204 and the change reads back", async () => {
    const answer = await client.api(`/users/${USER}`).patch({ usageLocation: "GB" });
    expect(answer).toBeUndefined();
    expect(await client.api(`/users/${USER}`).select(["usageLocation"]).get()).toMatchObject({ usageLocation: "GB" });
  });

  it("POST /users/{id}/assignLicense assigns a licence; GET /subscribedSkus counts it and names tenant-level plans Company", async () => {
    const assigned = (await client
      .api(`/users/${USER}/assignLicense`)
      .post({ addLicenses: [{ skuId: SPB, disabledPlans: [] }], removeLicenses: [] })) as { id: string };
    expect(assigned.id).toBe(USER);
    const skus = (await client.api("/subscribedSkus").get()) as {
      value: {
        skuId: string;
        consumedUnits: number;
        servicePlans: { servicePlanId: string; servicePlanName: string; appliesTo: string }[];
      }[];
    };
    const spb = skus.value.find((sku) => sku.skuId === SPB)!;
    expect(spb.consumedUnits).toBe(1);
    expect(spb.servicePlans.find((plan) => plan.servicePlanId === EXCHANGE_FOUNDATION)).toMatchObject({
      servicePlanName: "EXCHANGE_S_FOUNDATION",
      appliesTo: "Company",
    });
    expect(spb.servicePlans.filter((plan) => plan.appliesTo === "User").length).toBeGreaterThan(10);
    const selected = (await client.api("/subscribedSkus").select(["skuId", "consumedUnits"]).get()) as {
      value: Record<string, unknown>[];
    };
    expect(Object.keys(selected.value[0]!).sort()).toEqual(["consumedUnits", "skuId"]);
  });

  it("POST /users (documented, not emulated) is a 501 in Graph's error shape that the client reads", async () => {
    const refused = await graphError(
      client.api("/users").post({
        accountEnabled: true,
        displayName: "Ada",
        mailNickname: "ada",
        userPrincipalName: "ada@contoso.onmicrosoft.com",
        passwordProfile: { forceChangePasswordNextSignIn: true, password: "abCD123*x" },
      }),
    );
    expect(refused).toMatchObject({ statusCode: 501, code: "notSupported" });
    expect(refused.message).toContain("does not emulate POST /graph/v1.0/users");
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("Partner Center subscribed SKUs name service plans as Microsoft does", () => {
  it("displayName is the friendly name, serviceName the string id, tenant-level plans target the Tenant", async () => {
    const token = await emulator.token({ audience: "partner-center", kind: "user" });
    const result = await emulator.send(`/v1/customers/${CONTOSO}/subscribedskus`, { token });
    const spb = (
      result.body as {
        items: {
          productSku: { id: string };
          servicePlans: { displayName: string; serviceName: string; id: string; targetType: string }[];
        }[];
      }
    ).items.find((item) => item.productSku.id === SPB)!;
    expect(spb.servicePlans.find((plan) => plan.id === EXCHANGE_FOUNDATION)).toEqual({
      displayName: "Exchange Foundation",
      serviceName: "EXCHANGE_S_FOUNDATION",
      id: EXCHANGE_FOUNDATION,
      capabilityStatus: "Enabled",
      targetType: "Tenant",
    });
    expect(spb.servicePlans.filter((plan) => plan.targetType === "Tenant").map((plan) => plan.serviceName)).toEqual([
      "EXCHANGE_S_FOUNDATION",
    ]);
  });
});
