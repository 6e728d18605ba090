// The client against the in-process emulator over HTTPS with real MSAL: request rate through the
// full layer stack, paging 1,200 customers, and 200 purchases with and without dropped connections.
import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import { createClient } from "../../client/index.js";
import { startEmulator } from "../../emulator/index.js";
import type { BenchCase, BenchResult } from "../run.js";

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** The emulator's control API (seed, faults) over HTTPS, trusting its CA. */
function controlApi(
  origin: string,
  adminKey: string,
  caPem: string,
): { call(method: "POST" | "PUT", path: string, body: unknown): Promise<void>; close(): Promise<void> } {
  const agent = new Agent({ connect: { ca: caPem } });
  return {
    async call(method, path, body) {
      const response = await request(`${origin}/_emulator${path}`, {
        method,
        dispatcher: agent,
        headers: { "x-emulator-key": adminKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await response.body.text();
      if (response.statusCode >= 300) throw new Error(`control ${method} ${path} answered ${response.statusCode}`);
    },
    close: () => agent.close(),
  };
}

export const clientThroughput: BenchCase = async () => {
  const emulator = await startEmulator({ log: () => undefined, domainConfig: { provisioningDelaySeconds: 0 } });
  const control = controlApi(emulator.origin, emulator.adminKey, emulator.caPem);
  const tenantId = emulator.env.CSPCTL_TENANT_ID!;
  const customerIds = Array.from({ length: 1_200 }, () => randomUUID());
  const client = createClient({
    env: { ...emulator.env },
    throttle: { requestsPerSecond: 100_000, burst: 100_000, maxConcurrency: 32 },
    poll: { intervalMs: 20, timeoutMs: 60_000 },
  });
  const results: BenchResult[] = [];
  try {
    await control.call("POST", "/seed", {
      partners: [
        {
          tenantId,
          customers: customerIds.map((id, index) => ({ tenantId: id, domain: `bench${index}.onmicrosoft.com` })),
        },
      ],
    });

    const gets = 2_000;
    const getMs = await timed(() =>
      Promise.all(
        Array.from({ length: gets }, (_, index) =>
          client.partnerCenter.customers.get(customerIds[index % customerIds.length]!),
        ),
      ),
    );
    const rate = gets / (getMs / 1000);
    // Partner Center allows 500 requests/minute per partner (8.3/s); the client must never be the bottleneck.
    results.push({
      name: "client: customers.get, 32 in flight",
      value: rate,
      unit: "req/s",
      target: ">= 100 req/s",
      met: rate >= 100,
      note: "emulator in the same process shares the CPU",
    });

    const pageMs = await timed(async () => {
      let count = 0;
      for await (const _customer of client.partnerCenter.customers.list({ pageSize: 500 })) count++;
      if (count !== 1_200) throw new Error(`paged ${count} customers`);
    });
    results.push({
      name: "client: page 1,200 customers (500/page)",
      value: pageMs,
      unit: "ms",
      target: "< 2000 ms",
      met: pageMs < 2000,
    });

    const buy = (offset: number) => () =>
      Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          client.partnerCenter.orders.purchase(
            customerIds[offset + (index % 20)]!,
            [{ productId: "CFQ7TTC0LH18", skuId: "0001", quantity: 1, termDuration: "P1Y", billingCycle: "monthly" }],
            { country: "US" },
          ),
        ),
      );
    const buyMs = await timed(buy(0));
    results.push({
      name: "client: 200 purchases (fresh availability, cart, checkout, poll)",
      value: buyMs,
      unit: "ms",
      target: "< 15000 ms",
      met: buyMs < 15_000,
    });

    await control.call("PUT", "/faults", {
      seed: 7,
      dropRate: 0.5,
      routes: ["POST /v1/customers/{customerId}/carts", "POST /v1/customers/{customerId}/carts/{cartId}/checkout"],
    });
    const dropMs = await timed(buy(20));
    results.push({
      name: "client: 200 purchases, half the writes dropped after commit",
      value: dropMs,
      unit: "ms",
      target: "< 60000 ms",
      met: dropMs < 60_000,
      note: "each drop costs a new TLS connection; emulator in-process",
    });
  } finally {
    await client.close();
    await control.close();
    await emulator.close();
  }
  return results;
};
