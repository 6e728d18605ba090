// The activity log survives a restart on --emulator-dir exactly: records appended by writes go into the
// journal with the records they touched, and a restarted emulator answers the same log.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const running: TestEmulator[] = [];
let parent = "";
afterAll(async () => {
  for (const emulator of running) await emulator.close().catch(() => undefined);
  if (parent !== "") await rm(parent, { recursive: true, force: true });
});

async function log(emulator: TestEmulator): Promise<unknown[]> {
  const token = await emulator.token({ audience: "partner-center", kind: "app" });
  const answer = await emulator.send("/v1/auditrecords", { token });
  expect(answer.status).toBe(200);
  return (answer.body as { items: unknown[] }).items;
}

describe("the activity log on --emulator-dir", () => {
  it("is the same after a restart, including records of writes made after the first snapshot", async () => {
    parent = await mkdtemp(join(tmpdir(), "cspctl-audit-"));
    const dataDir = join(parent, "data");
    const first = await startEmulator({ dataDir, domainConfig: { provisioningDelaySeconds: 0 } });
    running.push(first);
    await first.control.seed({
      partners: [
        {
          tenantId: first.env.CSPCTL_TENANT_ID,
          customers: [
            { domain: "auditkeep.onmicrosoft.com", subscriptions: [{ offerId: "CFQ7TTC0LH18:0001", quantity: 5 }] },
          ],
        },
      ],
    });
    const customers = (await first.send("/v1/customers", {
      token: await first.token({ audience: "partner-center", kind: "app" }),
    })) as { body: { items: { id: string }[] } };
    const customerId = customers.body.items[0]!.id;
    const subscriptions = await first.send(`/v1/customers/${customerId}/subscriptions`, {
      token: await first.token({ audience: "partner-center", kind: "app" }),
    });
    const subscription = (subscriptions.body as { items: Record<string, unknown>[] }).items[0]!;
    const changed = await first.control.portal({
      method: "PATCH",
      path: `/v1/customers/${customerId}/subscriptions/${String(subscription["id"])}`,
      body: { ...subscription, quantity: 6 },
      by: "tech@partner.example",
    });
    expect(changed.status).toBe(200);
    // and one through the API, whose records go to the journal as a delta
    const direct = await first.send(`/v1/customers/${customerId}/subscriptions/${String(subscription["id"])}`, {
      method: "PATCH",
      token: await first.token({ audience: "partner-center", kind: "app" }),
      body: { ...(changed.body as object), quantity: 7 },
    });
    expect(direct.status).toBe(200);
    const before = await log(first);
    expect(before.length).toBeGreaterThanOrEqual(4);
    await first.close();
    const second = await startEmulator({ dataDir, domainConfig: { provisioningDelaySeconds: 0 } });
    running.push(second);
    expect(await log(second)).toEqual(before);
  });
});
