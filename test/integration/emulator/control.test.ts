// The /_emulator control API: admin key, reset, seed, clock, faults, stats, invitations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { testPartner } from "./seeds.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

const appToken = () => emu.token({ audience: "partner-center", kind: "app" });

describe("control API", () => {
  it("refuses calls without the admin key", async () => {
    for (const key of [undefined, "wrong"]) {
      const result = await emu.send(`${emu.controlUrl}/stats`, {
        headers: key === undefined ? {} : { "x-emulator-key": key },
      });
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("answers 404 for an unknown control route and 400 for bad JSON", async () => {
    const unknown = await emu.send(`${emu.controlUrl}/nothing`, { headers: { "x-emulator-key": emu.adminKey } });
    expect(unknown.status).toBe(404);
    const bad = await emu.send(`${emu.controlUrl}/seed`, {
      method: "POST",
      rawBody: "{",
      headers: { "x-emulator-key": emu.adminKey },
    });
    expect(bad.status).toBe(400);
  });

  it("seeds partners and resets back to the start seed", async () => {
    const { partner, seed } = testPartner("ctl");
    await emu.control.seed(seed);
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: partner.clientId,
      client_secret: partner.clientSecret,
      scope: "https://api.partnercenter.microsoft.com/.default",
    });
    const before = await emu.send(`/${partner.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(before.status).toBe(200);
    await emu.control.reset();
    const after = await emu.send(`/${partner.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(after.status).toBe(400);
    // The default partner of the start seed is back, so the env credentials still work.
    expect((await emu.send("/v1/customers", { token: await appToken() })).status).toBe(200);
  });

  it("reports seed errors as 400 without applying them", async () => {
    const result = await emu.send(`${emu.controlUrl}/seed`, {
      method: "POST",
      body: { partners: [{ name: "no tenant id" }] },
      headers: { "x-emulator-key": emu.adminKey },
    });
    expect(result.status).toBe(400);
  });

  it("reads and moves the clock", async () => {
    await emu.control.setClock("2027-01-01T00:00:00Z");
    const moved = await emu.control.advanceClock("P8D");
    expect(Date.parse(moved.now) - Date.parse("2027-01-09T00:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(Date.parse(moved.now) - Date.parse("2027-01-09T00:00:00Z")).toBeLessThan(60_000);
    const frozen = (
      await emu.send(`${emu.controlUrl}/clock`, {
        method: "POST",
        body: { frozen: true, now: "2028-02-29T12:00:00Z" },
        headers: { "x-emulator-key": emu.adminKey },
      })
    ).body;
    expect(frozen).toMatchObject({ now: "2028-02-29T12:00:00.000Z", frozen: true });
    expect((await emu.control.clock()).now).toBe("2028-02-29T12:00:00.000Z");
    expect((await emu.control.advanceClock("P1Y")).now).toBe("2029-02-28T12:00:00.000Z");
    for (const body of [
      { advance: "eight days" },
      { now: "yesterday" },
      {},
      { advance: "P1D", now: "2027-01-01T00:00:00Z" },
    ]) {
      const result = await emu.send(`${emu.controlUrl}/clock`, {
        method: "POST",
        body,
        headers: { "x-emulator-key": emu.adminKey },
      });
      expect(result.status, JSON.stringify(body)).toBe(400);
    }
    await emu.control.reset();
    expect(Math.abs(Date.parse((await emu.control.clock()).now) - Date.now())).toBeLessThan(60_000);
  });

  it("sets, reads and clears faults, refusing invalid ones", async () => {
    expect(await emu.control.faults({ latencyMs: 1, seed: 5 })).toMatchObject({ latencyMs: 1, seed: 5, errorRate: 0 });
    const invalid = await emu.send(`${emu.controlUrl}/faults`, {
      method: "PUT",
      body: { errorRate: 3 },
      headers: { "x-emulator-key": emu.adminKey },
    });
    expect(invalid.status).toBe(400);
    await emu.control.clearFaults();
    const current = await emu.send(`${emu.controlUrl}/faults`, { headers: { "x-emulator-key": emu.adminKey } });
    expect(current.body).toMatchObject({ latencyMs: 0, rateLimitPerMinute: null });
  });

  it("counts requests by route template, reads and writes, and resets the counts", async () => {
    await emu.control.resetStats();
    const token = await appToken();
    await emu.send("/v1/customers", { token });
    await emu.send("/v1/customers/00000000-0000-0000-0000-000000000001", { token });
    await emu.send("/v1/customers/00000000-0000-0000-0000-000000000002", { token });
    await emu.send("/v1/not-a-route", { token });
    const stats = await emu.control.stats();
    expect(stats.requests).toEqual({ "GET /v1/customers": 1, "GET /v1/customers/{customerId}": 2 });
    expect(stats).toMatchObject({ reads: 3, writes: 0, notEmulated: 1, tokens: 1 });
    await emu.control.resetStats();
    expect(await emu.control.stats()).toMatchObject({ requests: {}, reads: 0, writes: 0 });
  });

  it("answers the domain's 404 for an unknown invitation", async () => {
    const result = await emu.send(`${emu.controlUrl}/invitations/does-not-exist/accept`, {
      method: "POST",
      headers: { "x-emulator-key": emu.adminKey },
    });
    expect(result.status).toBe(404);
  });
});
