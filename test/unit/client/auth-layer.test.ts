// The auth layer's decisions, with a token provider that counts what it is asked for. MSAL itself
// is exercised against the emulator in test/integration/client/auth.test.ts.
import { describe, expect, it } from "vitest";
import { withAuth, type TokenProvider, type TokenRequest } from "../../../client/auth.js";
import { errorFromResponse } from "../../../client/errors.js";
import { withCorrelation } from "../../../client/correlation.js";
import type { ClientRequest, ClientResponse } from "../../../client/send.js";

function provider(): TokenProvider & { asked: TokenRequest[]; invalidated: TokenRequest[] } {
  const asked: TokenRequest[] = [];
  const invalidated: TokenRequest[] = [];
  let generation = 0;
  return {
    asked,
    invalidated,
    getToken: async (request) => {
      asked.push(request);
      return `token-${request.service}-${request.kind}-${request.tenantId}-${generation}`;
    },
    invalidate: (request) => {
      invalidated.push(request);
      generation++;
    },
  };
}

const base: ClientRequest = {
  service: "graph",
  method: "GET",
  url: "https://graph.test/v1.0/users",
  headers: {},
  auth: { kind: "user", tenantId: "customer-1" },
  operation: "graph.users.list",
};

describe("withAuth", () => {
  it("asks for a token of the right service, kind and tenant", async () => {
    const tokens = provider();
    const seen: ClientRequest[] = [];
    await withAuth(
      tokens,
      "partner",
    )(async (request) => {
      seen.push(request);
      return { status: 200, headers: {}, body: undefined };
    })(base);
    expect(tokens.asked).toEqual([{ service: "graph", kind: "user", tenantId: "customer-1" }]);
    expect(seen[0]?.headers["Authorization"]).toBe("Bearer token-graph-user-customer-1-0");
  });

  it("defaults to the partner tenant and skips requests that need no token", async () => {
    const tokens = provider();
    const next = async (): Promise<ClientResponse> => ({ status: 200, headers: {}, body: undefined });
    await withAuth(tokens, "partner")(next)({ ...base, service: "partner-center", auth: { kind: "app" } });
    await withAuth(tokens, "partner")(next)({ ...base, auth: { kind: "none" } });
    expect(tokens.asked).toEqual([{ service: "partner-center", kind: "app", tenantId: "partner" }]);
  });

  it("after a 401 drops the cached token and tries once more with a fresh one", async () => {
    const tokens = provider();
    const authorizations: string[] = [];
    const unauthorized = (): Error =>
      errorFromResponse({ service: "graph", status: 401, body: {}, headers: {}, request: base });
    const send = withAuth(
      tokens,
      "partner",
    )(async (request) => {
      authorizations.push(request.headers["Authorization"]!);
      if (authorizations.length < 3) throw unauthorized();
      return { status: 200, headers: {}, body: undefined };
    });
    await expect(send(base)).rejects.toMatchObject({ code: "client.unauthorized" });
    expect(authorizations).toEqual(["Bearer token-graph-user-customer-1-0", "Bearer token-graph-user-customer-1-1"]);
    expect(tokens.invalidated).toHaveLength(1);
  });
});

describe("withCorrelation", () => {
  it("sends one MS-CorrelationId per client, the locale and the client name to Partner Center", async () => {
    const seen: ClientRequest[] = [];
    let next = 0;
    const layer = withCorrelation({ locale: "en-GB", newClientRequestId: () => `request-${++next}` });
    const send = layer(async (request) => {
      seen.push(request);
      return { status: 200, headers: {}, body: undefined };
    });
    await send({ ...base, service: "partner-center" });
    await send({ ...base, service: "partner-center" });
    await send(base);
    await send(base);
    expect(seen[0]?.headers).toMatchObject({
      "MS-CorrelationId": layer.correlationId,
      "X-Locale": "en-GB",
      "MS-PartnerCenter-Client": "cspctl",
    });
    expect(seen[1]?.headers["MS-CorrelationId"]).toBe(layer.correlationId);
    // Graph wants one client-request-id per request, not the run's correlation id.
    expect(seen[2]?.headers).toEqual({
      "User-Agent": expect.stringMatching(/^cspctl\/\d+\.\d+\.\d+ node\//),
      "client-request-id": "request-1",
    });
    expect(seen[3]?.headers["client-request-id"]).toBe("request-2");
  });
});
