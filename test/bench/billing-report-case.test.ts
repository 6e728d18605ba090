// The billing-report bench case (issue 18's 1,000 customers x 12 months) at 20 customers, so that the
// case cannot rot: the streamed CSV reads every cycle, its lines add up to the invoices to the cent,
// and each row of the table is there. No timing or memory assertion: those are what
// `npm run bench -- billing-report` reports (bench/RESULTS.md). Runs the built case (tsc first).
import { describe, expect, it } from "vitest";

// from dist/, as `npm run bench` runs it: the case starts bench/harness/emulator-child.js beside it
const built = "../../dist/bench/cases/billing-report.js";

describe("npm run bench -- billing-report, at 20 customers", () => {
  it("streams 12 and 6 cycles of lines into the CSV, equal to the invoices, and reports each figure", async () => {
    const { billingReportRows } = (await import(built)) as typeof import("../../bench/cases/billing-report.js");
    const { rows, runs, requests } = await billingReportRows(20);
    const [timed, half, full] = runs;
    expect([timed!.cycles, half!.cycles, full!.cycles]).toEqual([12, 6, 12]);
    for (const run of runs) {
      expect(run.lines).toBeGreaterThan(run.cycles);
      expect(run.costCents).toBe(run.invoiceCents);
      expect(run.csvBytes).toBeGreaterThan(0);
    }
    expect(full!.lines).toBe(timed!.lines);
    expect(half!.lines).toBeLessThan(full!.lines);
    // the estate is read as the report needs it: the customer list, then each customer's subscriptions
    // (no users, licences or orders); then per cycle one export
    expect(requests["GET /v1/customers/{customerId}/subscriptions"]).toBe(20);
    expect(Object.keys(requests).filter((route) => /users|subscribedskus|orders/.test(route))).toEqual([]);
    expect(requests["POST /graph/v1.0/reports/partners/billing/reconciliation/billed/export"]).toBe(12);
    expect(rows.map((r) => r.unit)).toEqual(["ms", "MiB", "MiB", "MiB"]);
    for (const row of rows) expect(Number.isFinite(row.value) && row.value > 0, row.name).toBe(true);
  }, 180_000);
});
