// Idempotent replay by MS-RequestId and the deterministic faults: 429 + Retry-After, 503, drop
// after commit, slow start. Real HTTPS to the emulator; only wall time is injected.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { FORM, PC_SCOPE, testPartner, tokenForm, type TestPartner } from "./seeds.js";

let emu: TestEmulator;
let token: string;
let otherToken: string;

beforeAll(async () => {
  emu = await startEmulator();
  token = await emu.token({ audience: "partner-center", kind: "app" });
  const { partner, seed } = testPartner("other");
  await emu.control.seed(seed);
  otherToken = await tokenOf(partner);
});
afterAll(async () => emu.close());
afterEach(async () => emu.control.clearFaults());

async function tokenOf(partner: TestPartner): Promise<string> {
  const result = await emu.send(`/${partner.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    rawBody: tokenForm(partner, PC_SCOPE, "app"),
    headers: FORM,
  });
  return (result.body as { access_token: string }).access_token;
}

function newCustomerBody(domain = `replay${randomUUID().slice(0, 8)}.onmicrosoft.com`): unknown {
  return {
    CompanyProfile: { Domain: domain },
    BillingProfile: {
      Culture: "EN-US",
      Email: "billing@example.com",
      Language: "en",
      CompanyName: "Replay Test Ltd",
      DefaultAddress: {
        FirstName: "Ada",
        LastName: "Lovelace",
        AddressLine1: "One Microsoft Way",
        City: "Redmond",
        State: "WA",
        PostalCode: "98052",
        Country: "US",
      },
    },
  };
}

async function customerIds(bearer = token): Promise<string[]> {
  const result = await emu.send("/v1/customers?size=500", { token: bearer });
  return (result.body as { items: { id: string }[] }).items.map((c) => c.id);
}

describe("idempotent replay by MS-RequestId", () => {
  it("answers a repeated write with the first result and no second effect", async () => {
    const requestId = randomUUID();
    const body = newCustomerBody();
    const before = (await customerIds()).length;
    const first = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers["ms-requestid"]).toBe(requestId);
    expect((await customerIds()).length).toBe(before + 1);
    const stats = await emu.control.stats();
    expect(stats.replayed).toBeGreaterThanOrEqual(1);
  });

  it("replays a business failure too, and a new request id runs again", async () => {
    const domain = `dup${randomUUID().slice(0, 8)}.onmicrosoft.com`;
    expect(
      (
        await emu.send("/v1/customers", {
          method: "POST",
          token,
          body: newCustomerBody(domain),
          headers: { "ms-requestid": randomUUID() },
        })
      ).status,
    ).toBe(201);
    const failingId = randomUUID();
    const failed = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body: newCustomerBody(domain),
      headers: { "ms-requestid": failingId },
    });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const replayed = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body: newCustomerBody(),
      headers: { "ms-requestid": failingId },
    });
    expect(replayed).toMatchObject({ status: failed.status, body: failed.body });
    expect(
      (
        await emu.send("/v1/customers", {
          method: "POST",
          token,
          body: newCustomerBody(),
          headers: { "ms-requestid": randomUUID() },
        })
      ).status,
    ).toBe(201);
  });

  it("keeps request ids apart per partner", async () => {
    const requestId = randomUUID();
    const mine = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body: newCustomerBody(),
      headers: { "ms-requestid": requestId },
    });
    const theirs = await emu.send("/v1/customers", {
      method: "POST",
      token: otherToken,
      body: newCustomerBody(),
      headers: { "ms-requestid": requestId },
    });
    expect(theirs.status).toBe(201);
    expect((theirs.body as { id: string }).id).not.toBe((mine.body as { id: string }).id);
  });
});

describe("faults", () => {
  it("throttles a partner with 429, Retry-After and Partner Center's own 429 body; other partners pass", async () => {
    await emu.control.faults({ rateLimitPerMinute: 2 });
    expect((await emu.send("/v1/customers", { token })).status).toBe(200);
    expect((await emu.send("/v1/customers", { token })).status).toBe(200);
    const throttled = await emu.send("/v1/customers", { token });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(throttled.body).toEqual({
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
    });
    expect((await emu.send("/v1/customers", { token: otherToken })).status).toBe(200);
    expect((await emu.control.stats()).throttled).toBeGreaterThanOrEqual(1);
  });

  it("answers 503 without running the handler", async () => {
    const before = (await customerIds()).length;
    await emu.control.faults({ errorRate: 1, routes: ["POST /v1/customers"] });
    const failed = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body: newCustomerBody(),
      headers: { "ms-requestid": randomUUID() },
    });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 503, source: "PartnerFD" });
    expect((await emu.send("/v1/customers", { token })).status).toBe(200);
    await emu.control.clearFaults();
    expect((await customerIds()).length).toBe(before);
  });

  it("repeats the same faults for the same seed", async () => {
    const run = async (): Promise<number[]> => {
      await emu.control.faults({ errorRate: 0.5, seed: 1234 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await emu.send("/v1/customers", { token })).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it("drops after commit: the write happens, the connection closes, a retry with the same MS-RequestId gets the result", async () => {
    const requestId = randomUUID();
    const body = newCustomerBody();
    const before = await customerIds();
    await emu.control.faults({ dropRate: 1, routes: ["POST /v1/customers"] });
    await expect(
      emu.send("/v1/customers", { method: "POST", token, body, headers: { "ms-requestid": requestId } }),
    ).rejects.toThrow();
    await emu.control.clearFaults();
    const after = await customerIds();
    expect(after.length).toBe(before.length + 1);
    const retried = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect(retried.status).toBe(201);
    expect(after).toContain((retried.body as { id: string }).id);
    expect((await customerIds()).length).toBe(after.length);
  });

  it("slow start: a new customer cannot check out until the configured seconds pass on the emulator clock", async () => {
    await emu.control.faults({ slowStartSeconds: 3600 });
    const created = await emu.send("/v1/customers", {
      method: "POST",
      token,
      body: newCustomerBody(),
      headers: { "ms-requestid": randomUUID() },
    });
    const customerId = (created.body as { id: string }).id;
    const availabilities = await emu.send(
      `/v1/customers/${customerId}/products/CFQ7TTC0LH18/skus/0001/availabilities`,
      { token },
    );
    expect(availabilities.status, JSON.stringify(availabilities.body)).toBe(200);
    const catalogItemId = (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
    const checkout = async (): Promise<number> => {
      const cart = await emu.send(`/v1/customers/${customerId}/carts`, {
        method: "POST",
        token,
        body: { lineItems: [{ id: 0, catalogItemId, quantity: 1, termDuration: "P1Y", billingCycle: "monthly" }] },
      });
      expect(cart.status, JSON.stringify(cart.body)).toBe(201);
      return (
        await emu.send(`/v1/customers/${customerId}/carts/${(cart.body as { id: string }).id}/checkout`, {
          method: "POST",
          token,
        })
      ).status;
    };
    expect(await checkout()).toBe(404);
    await emu.control.advanceClock("PT2H");
    expect(await checkout()).toBe(201);
  });
});
