// The billing report: grouping by the estate's names, resale from the price layers (cost × markup,
// prorated and refunded lines alike), margins, totals, the reconciliation section, and every format
// escaping Partner Center's text.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseMonths } from "../../../cli/commands/billing.js";
import { renderBilling } from "../../../reconciler/render/billing/render-billing.js";
import { streamBilling } from "../../../reconciler/render/billing/billing-stream.js";
import { reportFixture, sourcesFixture } from "./billing-fixture.js";

describe("the billing report", () => {
  it("groups by estate names, prices resale from the markup and totals to the cent", () => {
    const report = reportFixture();
    const cycle = report.cycles[0]!;
    const contoso = cycle.customers.find((c) => c.name === "contoso")!;
    const e3 = contoso.subscriptions[0]!;
    expect(e3.name).toBe("m365-e3");
    expect(e3.resaleFrom).toBe("priceList:default: markup 20%");
    // 302.40 × 1.2 = 362.88; 75.60 × 1.2 = 90.72
    expect(e3.lines.map((l) => [l.costCents, l.resaleCents, l.marginCents])).toEqual([
      [30240, 36288, 6048],
      [7560, 9072, 1512],
    ]);
    expect(cycle.costCents).toBe(39000);
    expect(cycle.costCents).toBe(cycle.invoiceTotalCents);
    // the undeclared subscription is at cost and listed for reconciliation; the declared Visio has no charge
    expect(cycle.reconciliation.undeclared).toEqual([
      expect.objectContaining({ subscriptionId: "s2", costCents: 1200 }),
    ]);
    expect(cycle.reconciliation.uncharged).toEqual([
      { customer: "contoso", subscription: "visio", subscriptionId: "s9" },
    ]);
    expect(report.totals).toEqual({ costCents: 39000, resaleCents: 36288 + 9072 + 1200, marginCents: 6048 + 1512 });
  });

  it("escapes Partner Center text in every format", () => {
    const report = reportFixture();
    const html = renderBilling(report, "html");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x");
    expect(renderBilling(report, "text")).not.toContain("\u001b");
    expect(renderBilling(report, "markdown")).toContain("\\<img src=x onerror=alert(1)\\>");
    expect(JSON.parse(renderBilling(report, "json")).cycles[0].costCents).toBe(39000);
  });

  it("streams CSV a line at a time, with the estate's names, resale and margin, formulas defused", async () => {
    let text = "";
    for await (const chunk of streamBilling(sourcesFixture(), "csv")) text += chunk;
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.subscriptionId === "s2")?.product).toBe('\'=HYPERLINK("http://x")');
    expect(rows[0]).toMatchObject({
      cycle: "2026-11",
      invoice: "G202611042",
      customer: "contoso",
      subscription: "m365-e3",
      cost: "302.40",
      resale: "362.88",
      margin: "60.48",
      currency: "USD",
    });
    // the same figures as the report's, line for line
    const views = reportFixture().cycles[0]!.customers.flatMap((c) => c.subscriptions.flatMap((s) => s.lines));
    const sum = (field: "cost" | "resale" | "margin") =>
      rows.reduce((t, r) => t + Math.round(Number(r[field]) * 100), 0);
    expect(sum("cost")).toBe(views.reduce((t, v) => t + v.costCents, 0));
    expect(sum("resale")).toBe(views.reduce((t, v) => t + v.resaleCents, 0));
  });

  it("streams JSON lines with the report's field names, control characters escaped", async () => {
    let text = "";
    for await (const chunk of streamBilling(sourcesFixture(), "jsonl")) text += chunk;
    expect(text.endsWith("\n")).toBe(true);
    const rows = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      cycle: "2026-11",
      invoiceId: "G202611042",
      customer: "contoso",
      customerId: "c1",
      companyName: "Contoso",
      subscription: "m365-e3",
      subscriptionId: "s1",
      offer: "CFQ7TTC0LFLX:0001",
      productName: "Microsoft 365 E3",
      resaleFrom: "priceList:default: markup 20%",
      chargeType: "cycleCharge",
      chargeStartDate: "2026-11-01T00:00:00Z",
      chargeEndDate: "2026-11-30T23:59:59Z",
      quantity: 10,
      unitCostCents: 3024,
      costCents: 30240,
      resaleCents: 36288,
      marginCents: 6048,
      currency: "USD",
    });
    expect(rows[2]).toMatchObject({ customer: null, subscription: null, costCents: 1200 });
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\u001b[31mEvil");
  });

  it("reads a cycle's lines only as the CSV is consumed", async () => {
    const sources = sourcesFixture();
    let read = 0;
    const lines = sources.cycles[0]!.lines;
    sources.cycles[0]!.lines = async function* () {
      for await (const line of lines()) {
        read += 1;
        yield line;
      }
    };
    const chunks = streamBilling(sources, "csv");
    await chunks.next();
    expect(read).toBe(0);
    await chunks.next();
    expect(read).toBe(3);
  });

  it("turns --period and --from/--to into months, and refuses bad ones", () => {
    const now = new Date("2026-12-05T00:00:00Z");
    expect(parseMonths({ period: "2026-11" }, now)).toEqual(["2026-11"]);
    expect(parseMonths({ from: "2026-10" }, now)).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(parseMonths({ from: "2025-12", to: "2026-02" }, now)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(parseMonths({}, now)).toEqual(["2026-12"]);
    expect(() => parseMonths({ period: "2026-13" }, now)).toThrow(/YYYY-MM/);
    expect(() => parseMonths({ period: "2026-11", from: "2026-10" }, now)).toThrow(/cannot be combined/);
    expect(() => parseMonths({ from: "2026-12", to: "2026-01" }, now)).toThrow(/after/);
  });
});
