// `cspctl billing` at partner scale: 1,000 customers with one monthly-billed subscription each, twelve
// months on the emulator clock (12 invoices × 1,000 lines), then every cycle's lines streamed through
// the client's v2 export read and folded into the report's cycles. Wall time and the process's peak
// RSS (emulator included: it runs in this process), and the heap growth while 12,000 lines stream
// through a sum that keeps none of them (a streaming read: it must not grow with the lines).
import { randomUUID } from "node:crypto";
import { request, Agent } from "undici";
import { createClient } from "../../client/index.js";
import type { ReconciliationLine } from "../../client/types.js";
import { startEmulator } from "../../emulator/index.js";
import { buildCycle } from "../../reconciler/billing/billing-report.js";
import type { BenchCase, BenchResult } from "../run.js";

const CUSTOMERS = 1000;
const MONTHS = 12;

export const billingReportBench: BenchCase = async () => {
  const emulator = await startEmulator({
    log: () => undefined,
    domainConfig: { provisioningDelaySeconds: 0, exportRetryAfterSeconds: 0 },
  });
  const agent = new Agent({ connect: { ca: emulator.caPem } });
  const control = async (path: string, body: unknown): Promise<void> => {
    const response = await request(`${emulator.controlUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-emulator-key": emulator.adminKey },
      body: JSON.stringify(body),
      dispatcher: agent,
    });
    await response.body.dump();
  };
  await control("/clock", { now: "2026-01-01T00:00:00Z" });
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    tenantId: randomUUID(),
    domain: `billing${i}.onmicrosoft.com`,
    companyName: `Billing ${i}`,
    subscriptions: [
      { offerId: "CFQ7TTC0LFLX:0001", quantity: 10 + (i % 50), termDuration: "P1Y", billingCycle: "monthly" },
    ],
  }));
  await control("/seed", { partners: [{ tenantId: emulator.env.CSPCTL_TENANT_ID, customers }] });
  await control("/clock", { advance: `P${MONTHS * 31}D` });
  const client = createClient({
    env: { ...emulator.env },
    throttle: { requestsPerSecond: 10_000, burst: 10_000, maxConcurrency: 32 },
  });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const started = performance.now();
    const invoices = (await client.billing.invoices()).slice(0, MONTHS);
    let lines = 0;
    for (const invoice of invoices) {
      const cycleLines: ReconciliationLine[] = [];
      for await (const line of client.billing.reconciliationLines({ invoiceId: invoice.id })) cycleLines.push(line);
      lines += cycleLines.length;
      buildCycle(
        {
          period: invoice.billingPeriodStart.slice(0, 7),
          invoiceId: invoice.id,
          start: invoice.billingPeriodStart,
          end: invoice.billingPeriodEnd,
          invoiceTotalCents: invoice.totalCents,
          lines: cycleLines,
        },
        new Map(),
      );
    }
    const wallMs = performance.now() - started;
    // streaming alone: sum every line of the twelve cycles without keeping them
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    let sum = 0;
    for (const invoice of invoices)
      for await (const line of client.billing.reconciliationLines({ invoiceId: invoice.id })) {
        sum += line.subtotalCents;
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
    const note = `${invoices.length} cycles, ${lines} lines, total ${(sum / 100).toFixed(2)} USD; report built in memory per cycle`;
    const results: BenchResult[] = [
      {
        name: "billing-report wall (1000 customers × 12 months)",
        value: Math.round(wallMs),
        unit: "ms",
        target: "",
        met: null,
        note,
      },
      {
        name: "billing-report peak RSS (emulator in process)",
        value: Math.round(peak / 1048576),
        unit: "MiB",
        target: "",
        met: null,
      },
      {
        name: "billing-report heap growth while streaming 12k lines",
        value: Math.round((heapPeak - heapBefore) / 1048576),
        unit: "MiB",
        target: "",
        met: null,
        note: "lines are not kept: growth is the blob and page buffers, not the line count",
      },
    ];
    return results;
  } finally {
    clearInterval(sampler);
    await client.close();
    await agent.close();
    await emulator.close();
  }
};
