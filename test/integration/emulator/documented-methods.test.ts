// "Methods the real API has": for every route Microsoft documents for the resources the emulator
// serves (test/fixtures/documented-routes.json), the emulator answers 2xx/4xx, or 501 "not emulated"
// in the face's own error shape, and never 405. Error bodies are checked for the face's shape too.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type HttpResult, type TestEmulator } from "../../helpers/emulator.js";
import { CONTOSO, integrationSeed } from "../emulator-domain/fixture.js";

const ROUTES = JSON.parse(readFileSync(new URL("../../fixtures/documented-routes.json", import.meta.url), "utf8")) as {
  partnerCenter: [string, string][];
  graph: [string, string][];
};

const IDS: Record<string, string> = {
  customerId: CONTOSO,
  subscriptionId: "5b000000-0000-4000-8000-000000000001",
  userId: "e0000000-0000-4000-8000-000000000003",
  domain: "contoso.onmicrosoft.com",
  productId: "CFQ7TTC0LH18",
  skuId: "0001",
  availabilityId: "CFQ7TTC0K5DJ",
  offerId: "031C9E47-4802-4248-838E-778FB1D2CC05",
  cartId: "0c000000-0000-4000-8000-000000000001",
  orderId: "0d000000-0000-4000-8000-000000000001",
  roleId: "62e90394-69f5-4237-9190-012177145e10",
  subscribedSkuId: `${CONTOSO}_3b555118-da6a-4418-894f-7df1e2096870`,
};

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in IDS)) throw new Error(`no id for {${name}}`);
    return encodeURIComponent(IDS[name]!);
  });
}

let emulator: TestEmulator;
let pcToken: string;
let graphToken: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(4) });
  pcToken = await emulator.token({ audience: "partner-center", kind: "user" });
  graphToken = await emulator.token({ audience: "graph", kind: "user", tenant: CONTOSO });
});
afterAll(async () => emulator.close());

function send(prefix: string, token: string, method: string, template: string): Promise<HttpResult> {
  const write = method === "POST" || method === "PUT" || method === "PATCH";
  return emulator.send(`${prefix}${fill(template)}`, { method, token, ...(write ? { body: {} } : {}) });
}

function expectAnsweredNot405(result: HttpResult): void {
  expect(result.status).not.toBe(405);
  const answered =
    (result.status >= 200 && result.status < 300) ||
    (result.status >= 400 && result.status < 500) ||
    result.status === 501;
  expect(answered, `status ${result.status}: ${JSON.stringify(result.body)}`).toBe(true);
}

describe("Partner Center: every documented method is answered, never 405", () => {
  it.each(ROUTES.partnerCenter)("%s /v1%s", async (method, template) => {
    const result = await send("/v1", pcToken, method, template);
    expectAnsweredNot405(result);
    if (result.status >= 400 && result.body !== undefined) {
      expect(result.body).toEqual({
        code: expect.anything(),
        description: expect.any(String),
        data: expect.any(Array),
        source: "PartnerFD",
      });
    }
    if (result.status === 501)
      expect(result.body).toMatchObject({
        code: 501,
        description: expect.stringContaining(`does not emulate ${method} /v1`),
      });
  });
});

describe("Microsoft Graph: every documented method is answered, never 405, errors in Graph's shape", () => {
  it.each(ROUTES.graph)("%s /graph/v1.0%s", async (method, template) => {
    const result = await send("/graph/v1.0", graphToken, method, template);
    expectAnsweredNot405(result);
    if (result.status >= 400) {
      expect(result.body).toEqual({
        error: {
          code: expect.any(String),
          message: expect.any(String),
          innerError: {
            date: expect.any(String),
            "request-id": result.headers["request-id"],
            "client-request-id": expect.any(String),
          },
        },
      });
    }
    if (result.status === 501)
      expect((result.body as { error: { message: string } }).error.message).toContain(
        `does not emulate ${method} /graph/v1.0`,
      );
  });

  it("answers a body that is not JSON, and a route it does not know, in Graph's shape", async () => {
    const bad = await emulator.send("/graph/v1.0/users/e0000000-0000-4000-8000-000000000003", {
      method: "PATCH",
      token: graphToken,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: "BadRequest", innerError: { "request-id": bad.headers["request-id"] } },
    });
    const unknown = await emulator.send("/graph/v1.0/groups", {
      token: graphToken,
      headers: { "client-request-id": "c1d2" },
    });
    expect(unknown.status).toBe(501);
    expect(unknown.body).toMatchObject({
      error: { code: "notSupported", innerError: { "client-request-id": "c1d2" } },
    });
  });

  it("refuses $expand and $filter on GET /users/{id} as the list route does, instead of ignoring them", async () => {
    for (const query of ["$expand=manager", "$filter=accountEnabled%20eq%20true"]) {
      const result = await emulator.send(`/graph/v1.0/users/e0000000-0000-4000-8000-000000000002?${query}`, {
        token: graphToken,
      });
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: { code: "Request_UnsupportedQuery" } });
    }
  });
});
