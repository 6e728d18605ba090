// 429 bursts from the emulator's rate limiter: Retry-After is honoured and every call succeeds.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenProvider, TokenRequest } from "../../../client/auth.js";
import { createLogger, type LogRecord } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, partnerTenantId, startForClient } from "./setup.js";
import { virtualTime } from "./virtual-time.js";

const time = virtualTime();
let emulator: TestEmulator;
const customerIds: string[] = Array.from({ length: 10 }, () => randomUUID());

beforeAll(async () => {
  emulator = await startForClient({ wallClock: time.wallClock });
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: customerIds.map((tenantId, index) => ({ tenantId, domain: `throttle${index}.onmicrosoft.com` })),
      },
    ],
  });
});
afterAll(async () => {
  await emulator?.control.clearFaults();
  await emulator?.close();
});

describe("429 bursts", () => {
  it("waits exactly Retry-After after each 429 and completes every call", async () => {
    await emulator.control.faults({ rateLimitPerMinute: 20 });
    await emulator.control.resetStats();
    const records: LogRecord[] = [];
    const logger = createLogger({ level: "info", sink: (_line, record) => records.push(record) });
    // One at a time, so each 429 pairs with the retry that follows it.
    const client = clientFor(emulator, {
      timer: time.timer,
      logger,
      throttle: { requestsPerSecond: 1000, burst: 1000, maxConcurrency: 1 },
      retry: { maxAttempts: 10 },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          client.partnerCenter.customers.get(customerIds[index % customerIds.length]!),
        ),
      );
      expect(results).toHaveLength(60);
      const stats = await emulator.control.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      const failures = records.filter((record) => record.event === "http.failure");
      const retries = records.filter((record) => record.event === "http.retry");
      expect(failures.length).toBe(stats.throttled);
      expect(retries.length).toBe(failures.length);
      failures.forEach((failure, index) => {
        const error = failure["error"] as { status: number; retryAfterSeconds: number };
        expect(error.status).toBe(429);
        expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(retries[index]!["delayMs"]).toBe(error.retryAfterSeconds * 1000);
      });
    } finally {
      await client.close();
      await emulator.control.clearFaults();
    }
  });

  it("many concurrent callers all succeed while the partner is throttled", async () => {
    await emulator.control.faults({ rateLimitPerMinute: 30 });
    await emulator.control.resetStats();
    const client = clientFor(emulator, {
      timer: time.timer,
      throttle: { requestsPerSecond: 1000, burst: 1000, maxConcurrency: 8 },
      retry: { maxAttempts: 20 },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          client.partnerCenter.customers.get(customerIds[index % customerIds.length]!),
        ),
      );
      expect(results.every((customer) => customerIds.includes(customer.id))).toBe(true);
      expect((await emulator.control.stats()).throttled).toBeGreaterThan(0);
    } finally {
      await client.close();
      await emulator.control.clearFaults();
    }
  });
});

describe("concurrency slots", () => {
  it("are not held while a token is fetched: a call whose token is slow does not stop the others", async () => {
    // One slot. A Graph read of customer 0 waits for a token that the test hands over only once a
    // Partner Center call has gone through: if the waiting read held the slot, that call could not.
    let releaseGraphToken: (token: string) => void = () => undefined;
    const graphToken = new Promise<string>((resolve) => (releaseGraphToken = resolve));
    const asked: TokenRequest[] = [];
    const tokens: TokenProvider = {
      getToken: (request) => {
        asked.push(request);
        return request.service === "graph"
          ? graphToken
          : emulator.token({ audience: "partner-center", kind: request.kind });
      },
      invalidate: () => undefined,
    };
    const client = clientFor(emulator, {
      tokenProvider: tokens,
      throttle: { requestsPerSecond: 1000, burst: 1000, maxConcurrency: 1 },
    });
    try {
      const users = drain(client.graph.users.list(customerIds[0]!));
      await until(() => asked.some((request) => request.service === "graph"));
      const customer = await client.partnerCenter.customers.get(customerIds[1]!);
      expect(customer.id).toBe(customerIds[1]);
      releaseGraphToken(await emulator.token({ audience: "graph", kind: "user", tenant: customerIds[0]! }));
      expect(Array.isArray(await users)).toBe(true);
    } finally {
      await client.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
