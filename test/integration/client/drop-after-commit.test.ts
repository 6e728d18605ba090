// With the emulator dropping the connection after committing writes, 200 purchases through the
// client produce exactly 200 subscriptions: every retry resends the same MS-RequestId, so Partner
// Center replays instead of buying twice, and no purchase is lost.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, partnerTenantId, startForClient } from "./setup.js";

const customerIds: string[] = Array.from({ length: 20 }, () => randomUUID());
const ordersPerCustomer = 10;
let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startForClient({ domainConfig: { provisioningDelaySeconds: 0 } });
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: customerIds.map((tenantId, index) => ({ tenantId, domain: `dropcustomer${index}.onmicrosoft.com` })),
      },
    ],
  });
  client = clientFor(emulator, { retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 } });
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("drop-after-commit", () => {
  it("200 purchases produce exactly 200 subscriptions", async () => {
    await emulator.control.faults({
      seed: 42,
      dropRate: 0.5,
      routes: ["POST /v1/customers/{customerId}/carts", "POST /v1/customers/{customerId}/carts/{cartId}/checkout"],
    });
    await emulator.control.resetStats();
    const purchases = await Promise.all(
      customerIds.flatMap((customerId) =>
        Array.from({ length: ordersPerCustomer }, (_, index) =>
          client.partnerCenter.orders.purchase(
            customerId,
            [
              {
                productId: "CFQ7TTC0LH18",
                skuId: "0001",
                quantity: 1 + index,
                termDuration: "P1Y",
                billingCycle: "monthly",
              },
            ],
            { country: "US" },
          ),
        ),
      ),
    );
    await emulator.control.clearFaults();

    const purchased = purchases.flatMap((purchase) => purchase.subscriptionIds);
    expect(purchased).toHaveLength(200);
    expect(new Set(purchased).size).toBe(200);

    const existing: string[] = [];
    for (const customerId of customerIds)
      existing.push(
        ...(await client.partnerCenter.subscriptions.list(customerId)).map((subscription) => subscription.id),
      );
    expect(existing).toHaveLength(200);
    expect(new Set(existing)).toEqual(new Set(purchased));

    const stats = await emulator.control.stats();
    // The fault really fired: dropped writes came back as replays, not as second purchases.
    expect(stats.replayed).toBeGreaterThan(50);
  });
});
