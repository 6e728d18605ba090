// The headers every request carries, seen on the wire by the real emulator: a User-Agent naming
// cspctl and its version, and on Graph a fresh client-request-id per request that its retries keep.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, type CspClient, type LogRecord } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, partnerTenantId, startForClient } from "./setup.js";

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const customerId = randomUUID();
let emulator: TestEmulator;
let client: CspClient;
const records: LogRecord[] = [];

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [
          {
            tenantId: customerId,
            domain: "headers.onmicrosoft.com",
            companyName: "Headers",
            users: [{ userPrincipalName: "ada@headers.onmicrosoft.com", displayName: "Ada" }],
          },
        ],
      },
    ],
  });
  const logger = createLogger({ level: "debug", sink: (_line, record) => records.push(record) });
  client = clientFor(emulator, { logger, retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 } });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const header = (record: LogRecord, name: string): string | undefined =>
  (record["headers"] as Record<string, string> | undefined)?.[name];

describe("request headers", () => {
  it("send a User-Agent naming cspctl and its version to Partner Center and Graph", async () => {
    records.length = 0;
    await client.partnerCenter.customers.get(customerId);
    await drain(client.graph.users.list(customerId));
    const sent = records.filter((r) => r.event === "http.request");
    expect(sent.map((r) => String(r["url"])).some((url) => url.includes("/graph/"))).toBe(true);
    for (const request of sent)
      expect(header(request, "User-Agent")).toMatch(new RegExp(`^cspctl/${version.replaceAll(".", "\\.")} node/\\d+`));
  });

  it("give each Graph request its own client-request-id, and every retry of one request the same", async () => {
    // Half of the Graph reads fail with 503 (seeded, so the run is the same every time) and are retried.
    await emulator.control.faults({
      seed: 7,
      errorRate: 0.5,
      routes: ["GET /graph/v1.0/users", "GET /graph/v1.0/subscribedSkus"],
    });
    records.length = 0;
    try {
      for (let i = 0; i < 6; i++) {
        await drain(client.graph.users.list(customerId));
        await client.graph.subscribedSkus.list(customerId);
      }
    } finally {
      await emulator.control.clearFaults();
    }
    const attempts = records.filter((r) => r.event === "http.request").map((r) => header(r, "client-request-id"));
    const answered = records.filter((r) => r.event === "http.response").map((r) => header(r, "client-request-id"));
    expect(answered).toHaveLength(12);
    expect(attempts.length).toBeGreaterThan(12); // some attempts were retries
    expect(new Set(answered).size).toBe(12); // one id per request…
    expect(new Set(attempts)).toEqual(new Set(answered)); // …and a retry resends its request's id
    expect(attempts.every((id) => id !== undefined && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });
});
