// Transport behaviour every route shares: HEAD, header echo, casing of bodies, 501/400/413.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let emu: TestEmulator;
let token: string;
const customerId = randomUUID();
const domain = `wire${customerId.slice(0, 8)}.onmicrosoft.com`;

beforeAll(async () => {
  emu = await startEmulator();
  await emu.control.seed({
    partners: [{ tenantId: emu.env.CSPCTL_TENANT_ID, customers: [{ tenantId: customerId, domain }] }],
  });
  token = await emu.token({ audience: "partner-center", kind: "app" });
});
afterAll(async () => emu.close());

describe("wire behaviour", () => {
  it("answers HEAD without a body: 200 for a taken domain, 404 for a free one", async () => {
    const taken = await emu.send(`/v1/domains/${domain}`, { method: "HEAD", token });
    expect(taken.status).toBe(200);
    expect(taken.body).toBeUndefined();
    const free = await emu.send(`/v1/domains/free${randomUUID().slice(0, 8)}.onmicrosoft.com`, {
      method: "HEAD",
      token,
    });
    expect(free.status).toBe(404);
    expect(free.body).toBeUndefined();
  });

  it("echoes MS-RequestId and MS-CorrelationId and answers camelCase JSON in UTF-8", async () => {
    const requestId = randomUUID();
    const correlationId = randomUUID();
    const result = await emu.send(`/v1/customers/${customerId}`, {
      token,
      headers: { "MS-RequestId": requestId, "MS-CorrelationId": correlationId },
    });
    expect(result.headers["ms-requestid"]).toBe(requestId);
    expect(result.headers["ms-correlationid"]).toBe(correlationId);
    expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
    const keys = JSON.stringify(result.body).match(/"([A-Za-z]\w*)":/g) ?? [];
    expect(keys.filter((key) => /^"[A-Z]/.test(key))).toEqual([]);
  });

  it("answers Partner Center's diagnostic headers MS-CV and MS-ServerId, on errors too", async () => {
    const fresh = await emu.send("/v1/customers", { token });
    expect(fresh.headers["ms-cv"]).toMatch(/^[A-Za-z0-9+/]{16}\.0$/);
    expect(fresh.headers["ms-serverid"]).toMatch(/^\d{9}$/);
    const extended = await emu.send("/v1/ratecards/azure", { token, headers: { "MS-CV": "iqOqN0FnaE2y0HcD.3" } });
    expect(extended.status).toBe(501);
    expect(extended.headers["ms-cv"]).toBe("iqOqN0FnaE2y0HcD.3.0");
    expect(extended.headers["ms-serverid"]).toBe(fresh.headers["ms-serverid"]);
  });

  it("makes up an MS-RequestId when the caller sends none", async () => {
    const result = await emu.send("/v1/customers", { token });
    expect(result.headers["ms-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 501 for what it does not emulate, also for a known path under another method (never 405)", async () => {
    const unknown = await emu.send("/v1/ratecards/azure", { token });
    expect(unknown.status).toBe(501);
    expect(unknown.body).toMatchObject({
      code: 501,
      description: expect.stringContaining("does not emulate GET /v1/ratecards/azure"),
    });
    const outside = await emu.send("/v2/customers", { token });
    expect(outside.status).toBe(501);
    const wrongMethod = await emu.send(`/v1/customers/${customerId}`, { method: "DELETE", token });
    expect(wrongMethod.status).toBe(501);
    expect(wrongMethod.body).toMatchObject({
      code: 501,
      description: expect.stringContaining(`does not emulate DELETE /v1/customers/${customerId}`),
    });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const result = await emu.send("/v1/customers", {
      method: "POST",
      token,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: 400, source: "PartnerFD" });
  });

  it("answers 413 for a body over 4 MiB", async () => {
    const result = await emu.send("/v1/customers", {
      method: "POST",
      token,
      rawBody: JSON.stringify({ pad: "x".repeat(4 * 1024 * 1024 + 1) }),
      headers: { "content-type": "application/json" },
    });
    expect(result.status).toBe(413);
  });
});
