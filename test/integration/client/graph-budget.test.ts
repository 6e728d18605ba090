// Budgets by who limits them: Graph calls are paced per customer tenant, apart from Partner
// Center's per-partner pace, so reading many tenants' users adds no wait to Partner Center calls.
// Counted on a virtual clock: every throttle wait is a recorded sleep, none takes real time.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, partnerTenantId, startForClient } from "./setup.js";
import { virtualTime } from "./virtual-time.js";

const time = virtualTime();
const tenants = Array.from({ length: 20 }, () => randomUUID());
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startForClient({ wallClock: time.wallClock });
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: tenants.map((tenantId, index) => ({
          tenantId,
          domain: `budget${index}.onmicrosoft.com`,
          users: [{ userPrincipalName: `ada@budget${index}.onmicrosoft.com` }],
        })),
      },
    ],
  });
}, 60_000);
afterAll(async () => emulator?.close());

describe("throttle budgets", () => {
  it("Graph reads of 20 tenants run beside Partner Center's pace: only Partner Center's own calls wait", async () => {
    // Partner Center: one call a second, no burst. Graph: five calls per tenant fit its burst.
    const client = clientFor(emulator, {
      timer: time.timer,
      throttle: { requestsPerSecond: 1, burst: 1, maxConcurrency: 8 },
      graphThrottle: { requestsPerSecond: 1, burst: 5, maxConcurrency: 4 },
    });
    try {
      const before = time.timer.sleeps.length;
      const partnerCenter = Promise.all(tenants.slice(0, 10).map((id) => client.partnerCenter.customers.get(id)));
      const graph = Promise.all(
        tenants.flatMap((id) => Array.from({ length: 5 }, () => drain(client.graph.users.list(id)))),
      );
      const [customers, users] = await Promise.all([partnerCenter, graph]);
      expect(customers).toHaveLength(10);
      expect(users.every((list) => list.length === 1)).toBe(true);
      // Ten Partner Center calls at one a second wait nine times, a second each; the hundred Graph
      // calls add none (on one shared budget they would have waited 100 more times).
      const waits = time.timer.sleeps.slice(before);
      expect(waits).toEqual(Array.from({ length: 9 }, () => 1000));
    } finally {
      await client.close();
    }
  });

  it("one tenant's Graph calls share that tenant's budget", async () => {
    const client = clientFor(emulator, {
      timer: time.timer,
      graphThrottle: { requestsPerSecond: 1, burst: 5, maxConcurrency: 4 },
    });
    try {
      const before = time.timer.sleeps.length;
      await Promise.all(Array.from({ length: 8 }, () => drain(client.graph.users.list(tenants[0]!))));
      expect(time.timer.sleeps.slice(before)).toEqual([1000, 1000, 1000]);
    } finally {
      await client.close();
    }
  });
});
