// Every API call is authenticated: each class of bad token gets 401 with the documented body, and
// a partner never reaches another partner's customers.
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { FORM, GRAPH_SCOPE, PC_SCOPE, testPartner, tokenForm, type TestPartner } from "./seeds.js";

let wallNow = Date.now();
let emu: TestEmulator;
let a: TestPartner;
let b: TestPartner;

beforeAll(async () => {
  emu = await startEmulator({ seed: null, wallClock: () => wallNow });
  const seededA = testPartner("a");
  const seededB = testPartner("b");
  a = seededA.partner;
  b = seededB.partner;
  await emu.control.seed(seededA.seed);
  await emu.control.seed(seededB.seed);
});
afterAll(async () => emu.close());

async function tokenOf(
  partner: TestPartner,
  scope: string,
  kind: "app" | "user",
  tenant = partner.tenantId,
): Promise<string> {
  const result = await emu.send(`/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    rawBody: tokenForm(partner, scope, kind),
    headers: FORM,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return (result.body as { access_token: string }).access_token;
}

describe("Partner Center token check", () => {
  it("accepts a valid app token", async () => {
    const result = await emu.send("/v1/customers", { token: await tokenOf(a, PC_SCOPE, "app") });
    expect(result.status).toBe(200);
  });

  it("answers 401/800001 when the token is missing", async () => {
    const result = await emu.send("/v1/customers");
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ code: 800001, source: "PartnerFD" });
    expect(result.headers["www-authenticate"]).toMatch(/^Bearer/);
  });

  it.each([
    ["not a JWT", "Bearer abc.def"],
    ["a non-bearer scheme", "Basic dXNlcjpwYXNz"],
    [
      "an unsigned token",
      `Bearer ${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"aud":"https://api.partnercenter.microsoft.com"}').toString("base64url")}.`,
    ],
  ])("answers 401/400 for %s", async (_name, authorization) => {
    const result = await emu.send("/v1/customers", { headers: { authorization } });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ code: 400, source: "PartnerFD" });
  });

  it("answers 401 for an expired token", async () => {
    const token = await tokenOf(a, PC_SCOPE, "app");
    wallNow += 2 * 3600 * 1000;
    try {
      const result = await emu.send("/v1/customers", { token });
      expect(result.status).toBe(401);
      expect((result.body as { description: string }).description).toMatch(/expired/);
    } finally {
      wallNow = Date.now();
    }
  });

  it("answers 401 for a token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ tid: a.tenantId, appid: a.clientId, idtyp: "app" })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setAudience("https://api.partnercenter.microsoft.com")
      .setIssuer(`${emu.baseUrl}/${a.tenantId}/v2.0`)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    const result = await emu.send("/v1/customers", { token: forged });
    expect(result.status).toBe(401);
    expect((result.body as { description: string }).description).toMatch(/signature/);
  });

  it("answers 401 for a Graph token on a Partner Center route", async () => {
    const result = await emu.send("/v1/customers", { token: await tokenOf(a, GRAPH_SCOPE, "app") });
    expect(result.status).toBe(401);
    expect((result.body as { description: string }).description).toMatch(/audience/);
  });

  it("keeps partner B away from partner A's customer", async () => {
    const tokenB = await tokenOf(b, PC_SCOPE, "app");
    const own = await emu.send(`/v1/customers/${b.customerTenantId}`, { token: tokenB });
    expect(own.status).toBe(200);
    const foreign = await emu.send(`/v1/customers/${a.customerTenantId}`, { token: tokenB });
    expect(foreign.status).toBe(404);
    const list = await emu.send("/v1/customers", { token: tokenB });
    expect(JSON.stringify(list.body)).not.toContain(a.customerTenantId);
  });
});

describe("app-only tokens on app+user routes (Partner Center docs: error-codes)", () => {
  it("answers 400/900316 on licence and user routes", async () => {
    const appToken = await tokenOf(a, PC_SCOPE, "app");
    for (const path of [
      `/v1/customers/${a.customerTenantId}/users`,
      `/v1/customers/${a.customerTenantId}/subscribedskus`,
    ]) {
      const result = await emu.send(path, { token: appToken });
      expect(result.status, path).toBe(400);
      expect(result.body).toMatchObject({ code: 900316, source: "PartnerFD" });
    }
  });

  it("answers 403/900329 on other app+user routes, and lets the app+user token through", async () => {
    const result = await emu.send("/v1/customers/relationshiprequests", { token: await tokenOf(a, PC_SCOPE, "app") });
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ code: 900329 });
    const asUser = await emu.send(`/v1/customers/${a.customerTenantId}/users`, {
      token: await tokenOf(a, PC_SCOPE, "user"),
    });
    expect(asUser.status).toBe(200);
  });
});

describe("Graph token check", () => {
  it("answers 401 InvalidAuthenticationToken for a missing token and for a Partner Center token", async () => {
    const missing = await emu.send("/graph/v1.0/users");
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      error: { code: "InvalidAuthenticationToken", message: expect.stringMatching(/missing/) },
    });
    const wrongAudience = await emu.send("/graph/v1.0/users", { token: await tokenOf(a, PC_SCOPE, "app") });
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body).toMatchObject({
      error: { code: "InvalidAuthenticationToken", message: expect.stringMatching(/audience/) },
    });
  });

  it("accepts a Graph token for the partner's customer tenant", async () => {
    const result = await emu.send("/graph/v1.0/users", {
      token: await tokenOf(a, GRAPH_SCOPE, "user", a.customerTenantId),
    });
    expect(result.status).toBe(200);
  });

  it("issues Graph tokens for the partner's customer tenants only", async () => {
    const refused = await emu.send(`/${b.customerTenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: tokenForm(a, GRAPH_SCOPE, "user"),
      headers: FORM,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { error_codes: number[] }).error_codes).toEqual([700016]);
  });

  it("refuses a Partner Center token from a customer tenant's authority", async () => {
    const refused = await emu.send(`/${a.customerTenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: tokenForm(a, PC_SCOPE, "app"),
      headers: FORM,
    });
    expect(refused.status).toBe(400);
  });
});
