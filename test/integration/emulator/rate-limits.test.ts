// The emulator limits each kind of call as Microsoft documents it: Partner Center per partner
// (requests per minute; 429 {statusCode, message} + Retry-After), Graph per application and tenant
// (resource units per ten seconds; 429 TooManyRequests + Retry-After and x-ms-throttle-scope).
// Neither counts against the other. Wall time is virtual.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let now = Date.parse("2026-03-02T10:00:00Z");
const tenantA = randomUUID();
const tenantB = randomUUID();
let emulator: TestEmulator;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  emulator = await startEmulator({ wallClock: () => now });
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [tenantA, tenantB].map((tenantId, index) => ({
          tenantId,
          domain: `limits${index}${tenantId.slice(0, 6)}.onmicrosoft.com`,
          users: [{ userPrincipalName: `ada@limits${index}${tenantId.slice(0, 6)}.onmicrosoft.com` }],
        })),
      },
    ],
  });
  tokens["pc"] = await emulator.token({ audience: "partner-center", kind: "user" });
  tokens["a"] = await emulator.token({ audience: "graph", kind: "user", tenant: tenantA });
  tokens["b"] = await emulator.token({ audience: "graph", kind: "user", tenant: tenantB });
});
afterAll(async () => emulator?.close());

const pc = () => emulator.send(`/v1/customers/${tenantA}`, { token: tokens["pc"]! });
const users = (tenant: "a" | "b", query = "") => emulator.send(`/graph/v1.0/users${query}`, { token: tokens[tenant]! });

describe("rate limits by who sets them", () => {
  it("Partner Center: requests per minute per partner; Graph calls do not count and are not refused", async () => {
    await emulator.control.faults({ rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await pc()).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await users("a")).status).toBe(200);
      const refused = await pc();
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 60 seconds." });
      expect(refused.headers["retry-after"]).toBe("60");
      now += 60_000;
      expect((await pc()).status).toBe(200);
    } finally {
      await emulator.control.clearFaults();
    }
  });

  it("Graph: resource units per ten seconds per application and tenant, by request cost", async () => {
    await emulator.control.faults({ graphResourceUnitsPer10Seconds: 4 });
    try {
      // GET /users costs 2 resource units, 1 with $select.
      expect((await users("a")).status).toBe(200);
      expect((await users("a", "?$select=id")).status).toBe(200);
      expect((await users("a", "?$select=id")).status).toBe(200);
      const refused = await users("a");
      expect(refused.status).toBe(429);
      expect((refused.body as { error: { code: string } }).error.code).toBe("TooManyRequests");
      expect(refused.headers["retry-after"]).toBe("10");
      expect(refused.headers["x-ms-throttle-scope"]).toMatch(
        new RegExp(`^Tenant_Application/ReadWrite/[^/]+/${tenantA}$`),
      );
      expect(refused.headers["x-ms-throttle-information"]).toBe("ResourceUnitLimitExceeded");
      // Another tenant has its own budget, and Partner Center is not Graph.
      expect((await users("b")).status).toBe(200);
      expect((await pc()).status).toBe(200);
      now += 10_000;
      expect((await users("a")).status).toBe(200);
    } finally {
      await emulator.control.clearFaults();
    }
  });
});
